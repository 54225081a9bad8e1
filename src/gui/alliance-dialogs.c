/* alliance-dialogs.c */
#define G_LOG_DOMAIN "alliance-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-dialogs.h"

GtkWidget *
alliance_dialogs_new_message (GtkWidget  *parent,
                              const char *heading,
                              const char *body)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  return adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
}

void
alliance_dialogs_show_error (GtkWidget    *parent,
                             const char   *heading,
                             const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (error != NULL);

  dialog = alliance_dialogs_new_message (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
