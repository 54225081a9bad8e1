/* test-backup-scheduler.c
 *
 * When a backup is due, what each attempt records in the settings, and
 * that "encrypt backups" without a passphrase makes no backup at all
 * rather than a plain one.
 */
#define G_LOG_DOMAIN "alliance-test-backup-scheduler"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "alliance-backup-scheduler.h"
#include "alliance-backup.h"
#include "alliance-client-store.h"
#include "test-common.h"

typedef struct
{
  TestDirFixture           dir;
  GSettings               *settings;
  AllianceBackupScheduler *scheduler;
  char                    *folder;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;

  test_dir_fixture_set_up (&fixture->dir, NULL);
  database = alliance_database_open (fixture->dir.path, &error);
  g_assert_no_error (error);
  fixture->folder = g_build_filename (fixture->dir.dir, "backups", NULL);
  /* The tests run with GSETTINGS_BACKEND=memory. */
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (fixture->settings, "backup-folder", fixture->folder);
  fixture->scheduler = alliance_backup_scheduler_new (fixture->settings, fixture->dir.path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *keys[] = { "backup-folder", "backup-encrypt", "last-backup", "last-backup-result" };

  g_assert_finalize_object (fixture->scheduler);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_clear_object (&fixture->settings);
  g_free (fixture->folder);
  test_dir_fixture_tear_down (&fixture->dir, NULL);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static char *
back_up (Fixture  *fixture,
         GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autofree char *second_path = NULL;
  char *path;

  alliance_backup_scheduler_back_up_async (fixture->scheduler, NULL, done_cb, &result);
  g_assert_true (alliance_backup_scheduler_get_busy (fixture->scheduler));
  /* Asked again while it runs: the same backup answers both. */
  alliance_backup_scheduler_back_up_async (fixture->scheduler, NULL, done_cb, &second);
  while (result == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (alliance_backup_scheduler_get_busy (fixture->scheduler));
  path = alliance_backup_scheduler_back_up_finish (fixture->scheduler, result, error);
  second_path = alliance_backup_scheduler_back_up_finish (fixture->scheduler, second, NULL);
  g_assert_cmpstr (second_path, ==, path);
  return path;
}

static void
test_due (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);

  /* Never backed up. */
  g_assert_true (alliance_backup_scheduler_is_due (fixture->scheduler, now));
  /* Two hours ago, fine: not yet. */
  g_settings_set_string (fixture->settings, "last-backup", "2026-11-27T10:00:00Z");
  g_assert_false (alliance_backup_scheduler_is_due (fixture->scheduler, now));
  /* Two hours ago, but it failed: again. */
  g_settings_set_string (fixture->settings, "last-backup-result", "The disk is full.");
  g_assert_true (alliance_backup_scheduler_is_due (fixture->scheduler, now));
  g_settings_set_string (fixture->settings, "last-backup-result", "");
  /* A day ago. */
  g_settings_set_string (fixture->settings, "last-backup", "2026-11-26T12:00:00Z");
  g_assert_true (alliance_backup_scheduler_is_due (fixture->scheduler, now));
  /* In the future (a clock put back): do not wait for it. */
  g_settings_set_string (fixture->settings, "last-backup", "2026-12-27T12:00:00Z");
  g_assert_true (alliance_backup_scheduler_is_due (fixture->scheduler, now));
}

static void
test_records_outcome (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = back_up (fixture, &error);
  g_autofree char *last = NULL;
  g_autofree char *result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, fixture->folder));
  last = g_settings_get_string (fixture->settings, "last-backup");
  result = g_settings_get_string (fixture->settings, "last-backup-result");
  g_assert_cmpstr (result, ==, "");
  g_assert_cmpuint (strlen (last), ==, 20);
  g_assert_false (alliance_backup_scheduler_is_due (fixture->scheduler, now));
}

static void
test_encrypt_without_passphrase (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *result = NULL;
  g_autoptr(GPtrArray) files = NULL;

  g_settings_set_boolean (fixture->settings, "backup-encrypt", TRUE);
  path = back_up (fixture, &error);
  g_assert_null (path);
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED);
  result = g_settings_get_string (fixture->settings, "last-backup-result");
  g_assert_cmpstr (result, ==, error->message);
  files = alliance_backup_list (fixture->folder, &error);
  g_assert_cmpuint (files->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup-scheduler/due", Fixture, NULL, fixture_set_up, test_due, fixture_tear_down);
  g_test_add ("/backup-scheduler/records-outcome", Fixture, NULL, fixture_set_up, test_records_outcome,
              fixture_tear_down);
  g_test_add ("/backup-scheduler/encrypt-without-passphrase", Fixture, NULL, fixture_set_up,
              test_encrypt_without_passphrase, fixture_tear_down);

  return g_test_run ();
}
