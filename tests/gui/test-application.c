/* test-application.c
 *
 * The whole application, as the therapist runs it: a restore chosen in
 * Preferences → Backups while other windows and their dialogs are open.
 * Every window holds the records open, so restore closes them all, swaps
 * the file and brings the main window back over the restored records. A
 * dialog left open on a window that goes must neither crash nor survive
 * with a window that holds the old records.
 */
#define G_LOG_DOMAIN "alliance-test-application"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-application.h"
#include "alliance-backup-page.h"
#include "alliance-backup.h"
#include "alliance-client-store.h"
#include "alliance-dialogs.h"
#include "alliance-preferences-window.h"
#include "alliance-window.h"
#include "test-common.h"
#include "test-gui-common.h"

typedef struct
{
  char      *dir;
  char      *records;
  char      *folder;
  char      *backup;
  GSettings *settings;
  gboolean   checked;    /* the checks ran to their end */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  AllianceBackupOptions options = { NULL, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, FALSE };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->records = g_build_filename (fixture->dir, "alliance.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "backups", NULL);

  /* A backup of three clients, then a fourth the restore takes away. */
  test_add_clients (fixture->records, 3);
  options.folder = fixture->folder;
  fixture->backup = alliance_backup_create (fixture->records, &options, &error);
  g_assert_no_error (error);
  test_add_clients (fixture->records, 1);

  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (fixture->settings, "backup-folder", fixture->folder);
  g_settings_set_boolean (fixture->settings, "backup-encrypt", FALSE);
  /* Backed up just now: the daily backup does not start during the test. */
  g_settings_set_string (fixture->settings, "last-backup", stamp);
  g_settings_set_boolean (fixture->settings, "disk-encryption-warning-dismissed", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_settings_reset (fixture->settings, "backup-folder");
  g_settings_reset (fixture->settings, "backup-encrypt");
  g_settings_reset (fixture->settings, "last-backup");
  g_settings_reset (fixture->settings, "last-backup-result");
  g_settings_reset (fixture->settings, "disk-encryption-warning-dismissed");
  g_clear_object (&fixture->settings);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->records);
  g_free (fixture->folder);
  g_free (fixture->backup);
}

static AllianceWindow *
find_main_window (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (ALLIANCE_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_main_window (gpointer application)
{
  return find_main_window (application) != NULL;
}

static AlliancePreferencesWindow *
find_preferences (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (ALLIANCE_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_preferences (gpointer application)
{
  return find_preferences (application) != NULL;
}

typedef struct
{
  GtkApplication *application;
  AllianceWindow *before;     /* weak */
} Restored;

static gboolean
restored (gpointer data)
{
  Restored *restored = data;
  AllianceWindow *window = find_main_window (restored->application);

  return restored->before == NULL && window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
open_other_windows (GtkApplication *application,
                    AllianceWindow *window)
{
  GtkWidget *other = gtk_window_new ();
  GtkWidget *dialog;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "A question left open");

  /* A message left open on the main window… */
  alliance_dialogs_show_error (GTK_WIDGET (window), "Open On The Main Window", error);

  /* …and a secondary window (a note, a record) with a dialog of its own. */
  gtk_window_set_application (GTK_WINDOW (other), application);
  gtk_window_present (GTK_WINDOW (other));
  dialog = alliance_dialogs_new_message (other, "Open On Another Window", NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate ();
}

static void
check_restore (GtkApplication *application,
               Fixture        *fixture)
{
  Restored state = { application, find_main_window (application) };
  AlliancePreferencesWindow *preferences;
  AdwPreferencesPage *page;
  AdwMessageDialog *confirm;
  GtkButton *restore_button;
  g_autoptr(GPtrArray) files = NULL;
  guint n_before_restore = 0;

  g_assert_nonnull (state.before);
  g_assert_cmpint (alliance_client_store_count (alliance_window_get_store (state.before), NULL), ==, 4);
  open_other_windows (application, state.before);
  g_assert_nonnull (test_gui_find_dialog (NULL, "Open On The Main Window"));
  g_assert_nonnull (test_gui_find_dialog (NULL, "Open On Another Window"));

  g_action_group_activate_action (G_ACTION_GROUP (application), "backup-preferences", NULL);
  test_gui_wait_until (has_preferences, application);
  preferences = find_preferences (application);
  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences));
  g_assert_true (ALLIANCE_IS_BACKUP_PAGE (page));

  alliance_backup_page_restore_from (ALLIANCE_BACKUP_PAGE (page), fixture->backup);
  confirm = test_gui_find_dialog (NULL, "Replace All Records With This Backup?");
  g_assert_nonnull (confirm);
  restore_button = test_gui_find_button (GTK_WIDGET (confirm), "_Restore");
  g_assert_nonnull (restore_button);

  g_object_add_weak_pointer (G_OBJECT (state.before), (gpointer *)&state.before);
  g_signal_emit_by_name (restore_button, "clicked");
  test_gui_wait_until (restored, &state);
  test_gui_iterate ();

  /* The records are the backup's; what was there is kept beside it. */
  g_assert_cmpint (test_count_clients (fixture->records), ==, 3);
  g_assert_cmpint (alliance_client_store_count (alliance_window_get_store (find_main_window (application)), NULL), ==, 3);
  files = alliance_backup_list (fixture->folder, NULL);
  for (guint i = 0; i < files->len; i++)
    {
      AllianceBackupFile *file = g_ptr_array_index (files, i);

      if (file->kind == ALLIANCE_BACKUP_KIND_BEFORE_RESTORE)
        {
          n_before_restore++;
          g_assert_cmpint (test_count_clients (file->path), ==, 4);
        }
    }
  g_assert_cmpuint (n_before_restore, ==, 1);

  /* Nothing of the windows over the old records is left: only the new
   * main window, no dialog asking about records that are gone. */
  g_assert_null (test_gui_find_dialog (NULL, "Open On The Main Window"));
  g_assert_null (test_gui_find_dialog (NULL, "Open On Another Window"));
  g_assert_null (find_preferences (application));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (application)), ==, 1);
  g_assert_cmpuint (test_gui_count_visible_toplevels (), ==, 1);
  /* Said briefly (a narrow window has room for a few words), with the way
   * to the records as they were. */
  g_assert_true (test_gui_has_label_with (GTK_WIDGET (find_main_window (application)), "Backup restored"));
  g_assert_true (GTK_IS_BUTTON (test_gui_find_button (GTK_WIDGET (find_main_window (application)), "_Backups")));

  fixture->checked = TRUE;
}

static void
activated_cb (GtkApplication *application,
              Fixture        *fixture)
{
  static gboolean running;

  /* Activated again by the restore: the checks run once. */
  if (running)
    return;
  running = TRUE;
  test_gui_wait_until (has_main_window, application);
  check_restore (application, fixture);
  g_application_quit (G_APPLICATION (application));
}

static void
test_restore_with_dialogs_open (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(AllianceApplication) application = alliance_application_new ();
  g_autofree char *name = g_strdup ("alliance");
  g_autofree char *standalone = g_strdup ("--standalone");
  g_autofree char *db = g_strdup ("--db");
  char *argv[] = { name, standalone, db, fixture->records, NULL };

  g_signal_connect_after (application, "activate", G_CALLBACK (activated_cb), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_assert_cmpint (alliance_application_get_exit_status (application), ==, 0);
  g_assert_true (fixture->checked);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add ("/application/restore/dialogs-open", Fixture, NULL, fixture_set_up, test_restore_with_dialogs_open,
              fixture_tear_down);

  return g_test_run ();
}
