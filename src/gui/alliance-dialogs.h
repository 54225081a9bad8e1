/* alliance-dialogs.h
 *
 * The one place that builds message dialogs and file choosers, so that
 * moving to AdwAlertDialog (libadwaita 1.5) and GtkFileDialog (GTK 4.10)
 * later changes this file only.
 */
#pragma once

#include <adwaita.h>

#include "alliance-page-layout.h"

G_BEGIN_DECLS

void       alliance_dialogs_show_error   (GtkWidget    *parent,
                                          const char   *heading,
                                          const GError *error);
GtkWidget *alliance_dialogs_new_message  (GtkWidget    *parent,
                                          const char   *heading,
                                          const char   *body);
void       alliance_dialogs_close_later  (GtkWindow    *window,
                                          gboolean      destroy);

/* Writes the file at @path (a local path); FALSE with @error set when
 * nothing was written. */
typedef gboolean (*AllianceDialogsExportFunc) (const char  *path,
                                               gpointer     user_data,
                                               GError     **error);

void       alliance_dialogs_export_file  (GtkWidget                 *parent,
                                          const char                *title,
                                          const char                *suggested_name,
                                          GtkFileFilter             *filter,
                                          const char                *error_heading,
                                          AllianceDialogsExportFunc  export,
                                          gpointer                   user_data,
                                          GDestroyNotify             destroy);

/* Asking for a passphrase: one field, or (@confirm) a new one typed twice. */
GtkWidget *alliance_dialogs_new_passphrase     (GtkWidget        *parent,
                                                const char       *heading,
                                                const char       *body,
                                                gboolean          confirm,
                                                const char       *accept,
                                                const char       *accept_label);
void       alliance_dialogs_present_passphrase (GtkWidget        *dialog);
char      *alliance_dialogs_take_passphrase    (AdwMessageDialog *dialog);

gboolean   alliance_dialogs_print_pages        (GtkWidget                *parent,
                                                AlliancePageLayout       *layout,
                                                const char               *job_name,
                                                GtkPrintOperationAction   action,
                                                const char               *export_path,
                                                GError                  **error);

G_END_DECLS
