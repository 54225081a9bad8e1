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

typedef struct
{
  GtkWindow *window;
  gboolean   destroy;
} CloseLater;

static gboolean
close_window_cb (gpointer user_data)
{
  CloseLater *close = user_data;

  if (close->destroy)
    gtk_window_destroy (close->window);
  else
    gtk_window_close (close->window);
  g_object_unref (close->window);
  g_free (close);
  return G_SOURCE_REMOVE;
}

/**
 * alliance_dialogs_close_later:
 * @destroy: destroy rather than close (skips ::close-request)
 *
 * Closes @window once the current event is handled. A message dialog's
 * response handler uses it to close the window the dialog belongs to:
 * closing it on the spot would free the dialog's parent under it.
 */
void
alliance_dialogs_close_later (GtkWindow *window,
                              gboolean   destroy)
{
  CloseLater *close = g_new0 (CloseLater, 1);

  close->window = g_object_ref (window);
  close->destroy = destroy;
  g_idle_add (close_window_cb, close);
}
