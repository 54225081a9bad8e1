/* test-dialogs.c
 *
 * alliance_dialogs_export_file() as a person goes through it: the chooser
 * is modal to the window, titled, offers the one filter and the suggested
 * name; accepting calls the writer with the path chosen, and a failure is
 * said under the caller's heading; cancelling, or the parent going while
 * the chooser is open, writes nothing. Whatever happens, the caller's data
 * is freed once.
 */
#define G_LOG_DOMAIN "alliance-test-dialogs"

#include "config.h"

#include "alliance-dialogs.h"
#include "test-common.h"
#include "test-gui-common.h"

typedef struct
{
  char      *dir;
  GtkWindow *window;
  GtkWidget *parent;        /* inside window */
  char      *written;       /* the path the writer was given */
  guint      n_writes;
  guint      n_freed;
  gboolean   fail;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_tmp_dir ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->parent = gtk_button_new_with_label ("Export");
  gtk_window_set_child (fixture->window, fixture->parent);
  gtk_window_present (fixture->window);
  test_gui_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AdwMessageDialog *dialog;

  while ((dialog = test_gui_find_dialog (NULL, NULL)) != NULL)
    {
      gtk_window_close (GTK_WINDOW (dialog));
      test_gui_iterate ();
    }
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  test_gui_iterate ();
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->written);
}

static gboolean
write_cb (const char  *path,
          gpointer     user_data,
          GError     **error)
{
  Fixture *fixture = user_data;

  fixture->n_writes++;
  g_free (fixture->written);
  fixture->written = g_strdup (path);
  if (fixture->fail)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "Could not save “test.txt”: No space left.");
      return FALSE;
    }
  return g_file_set_contents (path, "test", -1, error);
}

static void
data_freed_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->n_freed++;
}

/* Opens the chooser; returns it once on screen. */
static GtkFileChooser *
start_export (Fixture *fixture)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, "Text files");
  gtk_file_filter_add_suffix (filter, "txt");
  alliance_dialogs_export_file (fixture->parent, "Export Test", "test.txt", filter, "The Test Was Not Saved",
                                write_cb, fixture, data_freed_cb);
  return test_gui_wait_for_file_chooser ();
}

static gboolean
has_chooser (gpointer data)
{
  return test_gui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static void
test_accept (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "chosen.txt", NULL);
  GtkFileChooser *chooser = start_export (fixture);
  g_autofree char *suggested = gtk_file_chooser_get_current_name (chooser);
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
  g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, 0);

  g_assert_cmpstr (suggested, ==, "test.txt");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Test");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == fixture->window);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "Text files");
  g_assert_cmpuint (fixture->n_writes, ==, 0);

  test_gui_choose_file (fixture->dir, "chosen.txt");
  g_assert_cmpuint (fixture->n_writes, ==, 1);
  g_assert_cmpstr (fixture->written, ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (test_gui_find_dialog (NULL, NULL));
  g_assert_cmpuint (fixture->n_freed, ==, 1);
}

static void
test_failure (Fixture       *fixture,
              gconstpointer  user_data)
{
  AdwMessageDialog *dialog;

  fixture->fail = TRUE;
  start_export (fixture);
  test_gui_choose_file (fixture->dir, "chosen.txt");
  g_assert_cmpuint (fixture->n_writes, ==, 1);
  g_assert_cmpuint (fixture->n_freed, ==, 1);
  dialog = test_gui_find_dialog (fixture->window, "The Test Was Not Saved");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Could not save “test.txt”: No space left.");
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkFileChooser *chooser = start_export (fixture);

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  test_gui_iterate ();
  g_assert_false (has_chooser (NULL));
  g_assert_cmpuint (fixture->n_writes, ==, 0);
  g_assert_cmpuint (fixture->n_freed, ==, 1);
  g_assert_null (test_gui_find_dialog (NULL, NULL));
}

/* The widget that asked goes (its window closed, say): the chooser with it. */
static void
test_parent_destroyed (Fixture       *fixture,
                       gconstpointer  user_data)
{
  start_export (fixture);
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  test_gui_iterate ();
  g_assert_false (has_chooser (NULL));
  g_assert_cmpuint (fixture->n_writes, ==, 0);
  g_assert_cmpuint (fixture->n_freed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

#define ADD(path, test) g_test_add ("/dialogs/export-file/" path, Fixture, NULL, fixture_set_up, test, fixture_tear_down)
  ADD ("accept", test_accept);
  ADD ("failure", test_failure);
  ADD ("cancel", test_cancel);
  ADD ("parent-destroyed", test_parent_destroyed);
#undef ADD

  return g_test_run ();
}
