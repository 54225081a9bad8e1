/* alliance-dialogs.h
 *
 * The one place that builds message dialogs, so that moving to
 * AdwAlertDialog (libadwaita 1.5) later changes this file only.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       alliance_dialogs_show_error   (GtkWidget    *parent,
                                          const char   *heading,
                                          const GError *error);
GtkWidget *alliance_dialogs_new_message  (GtkWidget    *parent,
                                          const char   *heading,
                                          const char   *body);
void       alliance_dialogs_close_later  (GtkWindow    *window,
                                          gboolean      destroy);

/* Asking for a passphrase: one field, or (@confirm) a new one typed twice. */
GtkWidget *alliance_dialogs_new_passphrase     (GtkWidget        *parent,
                                                const char       *heading,
                                                const char       *body,
                                                gboolean          confirm,
                                                const char       *accept,
                                                const char       *accept_label);
void       alliance_dialogs_present_passphrase (GtkWidget        *dialog);
char      *alliance_dialogs_take_passphrase    (AdwMessageDialog *dialog);

G_END_DECLS
