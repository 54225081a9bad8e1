/* test-backup-cli.c
 *
 * `alliance backup` and `alliance restore` as a script runs them: exit
 * statuses 0, 1 and 2, messages on stderr, the new backup's path on
 * stdout, refused files and records left as they were.
 */
#define G_LOG_DOMAIN "alliance-test-backup-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-client-store.h"
#include "alliance-encryption.h"
#include "test-common.h"

typedef TestDirFixture Fixture;

#define fixture_set_up test_dir_fixture_set_up
#define fixture_tear_down test_dir_fixture_tear_down

/* Runs alliance with @args (NULL-terminated), stdin not a terminal. */
static int
run_alliance (Fixture     *fixture,
              char       **standard_output,
              char       **standard_error,
              const char  *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *)ALLIANCE_BINARY);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", fixture->dir, TRUE);
  envp = g_environ_setenv (envp, "G_DEBUG", "", TRUE);
  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, standard_output,
                standard_error, &wait_status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
}

static void
test_backup_and_restore (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "stick", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *backup = NULL;

  test_add_clients (fixture->path, 2);
  g_assert_cmpint (run_alliance (fixture, &out, &err, "backup", "--db", fixture->path, "--to", folder, NULL), ==, 0);
  backup = g_strstrip (g_strdup (out));
  g_assert_true (g_str_has_prefix (backup, folder));
  g_assert_cmpuint (test_file_mode (backup), ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  test_add_clients (fixture->path, 1);
  g_assert_cmpint (test_count_clients (fixture->path), ==, 3);

  /* Not on a terminal: it will not replace the records without --yes. */
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "restore", backup, "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  g_assert_cmpint (test_count_clients (fixture->path), ==, 3);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_alliance (fixture, NULL, &err, "restore", backup, "--db", fixture->path, "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "2 clients"));
  g_assert_nonnull (strstr (err, "before-restore"));
  g_assert_cmpint (test_count_clients (fixture->path), ==, 2);
}

static void
test_usage_and_refusals (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.db", NULL);
  g_autofree char *read_only = g_build_filename (fixture->dir, "read-only", NULL);
  g_autofree char *err = NULL;
  g_autoptr(TestFileSnapshot) before = NULL;

  g_assert_cmpint (run_alliance (fixture, NULL, &err, "backup", "--bogus", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "restore", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "backup", "--passphrase-file", "x", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  /* No records there: nothing created. */
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "backup", "--db", fixture->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There are no records"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  test_add_clients (fixture->path, 1);
  before = test_file_snapshot_new (fixture->path);
  g_assert_cmpint (g_mkdir (read_only, 0500), ==, 0);
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "backup", "--db", fixture->path, "--to", read_only, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&err, g_free);

  test_write_file (garbage, "not a backup", 12, 0600);
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "restore", garbage, "--db", fixture->path, "--yes", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not an Alliance database"));
  test_assert_file_unchanged (before);
}

static void
test_encrypted (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "stick", NULL);
  g_autofree char *pass = g_build_filename (fixture->dir, "pass", NULL);
  g_autofree char *wrong = g_build_filename (fixture->dir, "wrong", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(TestFileSnapshot) before = NULL;

  test_add_clients (fixture->path, 2);
  test_write_file (pass, "four words on paper\n", 20, 0600);
  test_write_file (wrong, "five words on paper\n", 20, 0600);
  g_assert_cmpint (run_alliance (fixture, &out, &err, "backup", "--db", fixture->path, "--to", folder, "--encrypt",
                                 "--passphrase-file", pass, NULL),
                   ==, 0);
  backup = g_strstrip (g_strdup (out));
  g_assert_true (g_str_has_suffix (backup, ".db.enc"));
  g_assert_true (alliance_encryption_is_encrypted_file (backup));
  g_clear_pointer (&err, g_free);

  test_add_clients (fixture->path, 1);
  before = test_file_snapshot_new (fixture->path);
  /* No passphrase and no terminal to ask on: a usage error. */
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "restore", backup, "--db", fixture->path, "--yes", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, NULL, &err, "restore", backup, "--db", fixture->path, "--yes",
                                 "--passphrase-file", wrong, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "The passphrase is not the one this file was encrypted with"));
  test_assert_file_unchanged (before);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_alliance (fixture, NULL, &err, "restore", backup, "--db", fixture->path, "--yes",
                                 "--passphrase-file", pass, NULL),
                   ==, 0);
  g_assert_cmpint (test_count_clients (fixture->path), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup-cli/backup-and-restore", Fixture, NULL, fixture_set_up, test_backup_and_restore,
              fixture_tear_down);
  g_test_add ("/backup-cli/usage-and-refusals", Fixture, NULL, fixture_set_up, test_usage_and_refusals,
              fixture_tear_down);
  g_test_add ("/backup-cli/encrypted", Fixture, NULL, fixture_set_up, test_encrypted, fixture_tear_down);

  return g_test_run ();
}
