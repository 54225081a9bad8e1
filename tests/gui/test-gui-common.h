/* test-gui-common.h
 *
 * Helpers for the UI tests: run the main loop until something is true,
 * reach a template child, find windows, dialogs and widgets as a person
 * would see them, and a store filled with the sample caseload.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"

G_BEGIN_DECLS

void                 test_gui_init             (int         *argc,
                                                char      ***argv);
void                 test_gui_iterate          (void);
void                 test_gui_wait_until       (gboolean   (*condition) (gpointer data),
                                                gpointer     data);
gpointer             test_gui_child            (GtkWidget   *widget,
                                                GType        template_type,
                                                const char  *name);
AllianceClientStore *test_gui_demo_store       (void);
AllianceClientStore *test_gui_empty_store      (void);
guint                test_gui_assert_labelled  (GtkWidget   *root);

gpointer             test_gui_find_toplevel    (GType        type);
guint                test_gui_count_visible_toplevels (void);
AdwMessageDialog    *test_gui_find_dialog      (GtkWindow   *parent,
                                                const char  *heading);
gpointer             test_gui_find_descendant  (GtkWidget   *widget,
                                                GType        type);
GtkButton           *test_gui_find_button      (GtkWidget   *widget,
                                                const char  *label);
gboolean             test_gui_has_label_with   (GtkWidget   *widget,
                                                const char  *text);
GtkFileChooser      *test_gui_wait_for_file_chooser (void);
void                 test_gui_choose_file      (const char  *folder,
                                                const char  *name);

G_END_DECLS
