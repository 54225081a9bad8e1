/* test-cli.c
 *
 * The program as a script runs it: exit statuses and messages, refused
 * files left untouched, private files, the sample data.
 */
#define G_LOG_DOMAIN "alliance-test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-migrations.h"
#include "test-common.h"

/* dir: a private temporary folder; path: a database file name in it. */
typedef TestDirFixture Fixture;

#define fixture_set_up test_dir_fixture_set_up
#define fixture_tear_down test_dir_fixture_tear_down

/* Runs alliance with @args (NULL-terminated) and returns its exit status. */
static int
run_alliance (Fixture     *fixture,
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

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                standard_error, &wait_status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
}

static void
test_version (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { ALLIANCE_BINARY, "--version", NULL };
  int wait_status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_cmpstr (out, ==, "alliance " PACKAGE_VERSION "\n");
}

static void
test_default_database_is_private (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "alliance", NULL);
  g_autofree char *db = g_build_filename (folder, "alliance.db", NULL);

  g_assert_cmpint (run_alliance (fixture, NULL, "--standalone", "--exit-after-startup", NULL), ==, 0);
  g_assert_cmpuint (test_file_mode (folder), ==, 0700);
  g_assert_cmpuint (test_file_mode (db), ==, 0600);
}

static void
test_demo_is_separate (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *demo = g_build_filename (fixture->dir, "alliance", "demo.db", NULL);
  g_autofree char *own = g_build_filename (fixture->dir, "alliance", "alliance.db", NULL);
  gint64 n_sessions;
  sqlite3 *raw;

  g_assert_cmpint (run_alliance (fixture, NULL, "--standalone", "--demo", "--exit-after-startup", NULL), ==, 0);
  g_assert_true (g_file_test (demo, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (own, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (test_file_mode (demo), ==, 0600);

  raw = test_raw_open (demo);
  g_assert_cmpint (test_query_int (raw, "SELECT count(*) FROM clients"), ==, 30);
  g_assert_cmpint (test_query_int (raw, "SELECT count(*) FROM goals"), >, 5);
  /* With a history: sessions, signed notes and drafts (see test-demo). */
  n_sessions = test_query_int (raw, "SELECT count(*) FROM sessions");
  g_assert_cmpint (n_sessions, >, 100);
  g_assert_cmpint (test_query_int (raw, "SELECT count(*) FROM notes WHERE signed_at IS NOT NULL"), >, 100);
  g_assert_cmpint (test_query_int (raw, "SELECT count(*) FROM notes WHERE signed_at IS NULL"), >, 0);
  sqlite3_close (raw);

  /* Opening it again does not add the sample clients (or sessions) twice. */
  g_assert_cmpint (run_alliance (fixture, NULL, "--standalone", "--demo", "--exit-after-startup", NULL), ==, 0);
  raw = test_raw_open (demo);
  g_assert_cmpint (test_query_int (raw, "SELECT count(*) FROM clients"), ==, 30);
  g_assert_cmpint (test_query_int (raw, "SELECT count(*) FROM sessions"), ==, n_sessions);
  sqlite3_close (raw);
}

static void
assert_refused (Fixture    *fixture,
                const char *message_part)
{
  g_autoptr(TestFileSnapshot) before = test_file_snapshot_new (fixture->path);
  g_autofree char *err = NULL;
  int status;

  status = run_alliance (fixture, &err, "--standalone", "--exit-after-startup", "--db", fixture->path, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, message_part));
  test_assert_file_unchanged (before);
}

static void
test_refuses_newer_version (Fixture       *fixture,
                            gconstpointer  user_data)
{
  sqlite3 *raw = test_raw_open (fixture->path);

  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA application_id = " G_STRINGIFY (ALLIANCE_APPLICATION_ID) ";"
                                      "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);
  g_chmod (fixture->path, 0600);

  assert_refused (fixture, "newer version of Alliance");
}

static void
test_refuses_not_a_database (Fixture       *fixture,
                             gconstpointer  user_data)
{
  const char text[] = "given,family\nZoë,Laurent\n";

  test_write_file (fixture->path, text, sizeof text - 1, 0600);
  assert_refused (fixture, "not an Alliance database");
}

static void
test_refuses_read_only (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_assert_cmpint (run_alliance (fixture, NULL, "--standalone", "--exit-after-startup", "--db", fixture->path, NULL),
                   ==, 0);
  g_chmod (fixture->path, 0400);
  assert_refused (fixture, "read-only");
}

static void
test_usage_error (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_alliance (fixture, &err, "--demo", "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--demo"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/version", test_version);
  ADD ("/cli/default-database-is-private", test_default_database_is_private);
  ADD ("/cli/demo-is-separate", test_demo_is_separate);
  ADD ("/cli/refuses/newer-version", test_refuses_newer_version);
  ADD ("/cli/refuses/not-a-database", test_refuses_not_a_database);
  ADD ("/cli/refuses/read-only", test_refuses_read_only);
  ADD ("/cli/usage-error", test_usage_error);
#undef ADD

  return g_test_run ();
}
