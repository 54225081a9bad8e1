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

G_END_DECLS
