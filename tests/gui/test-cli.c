/* test-cli.c
 *
 * The program as a script runs it: exit statuses and messages, refused
 * files left untouched, private files, the sample data.
 */
#define G_LOG_DOMAIN "alliance-test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "alliance-client-store.h"
#include "alliance-demo.h"
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

/* Fills fixture->path with the sample caseload; returns the code of a
 * client with alliance ratings. */
static char *
make_sample_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (fixture->path, &error);
  g_autoptr(AllianceClientStore) store = NULL;
  sqlite3 *raw;
  char *code;

  g_assert_no_error (error);
  store = alliance_client_store_new (database);
  g_assert_true (alliance_demo_populate (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_object (&database);

  raw = test_raw_open (fixture->path);
  code = test_query_text (raw, "SELECT code FROM clients c WHERE (SELECT count(*) FROM administrations a "
                               "JOIN measures m ON m.id = a.measure_id "
                               "WHERE a.client_id = c.id AND m.key = 'alliance-check') >= 3 "
                               "ORDER BY id LIMIT 1");
  sqlite3_close (raw);
  g_assert_nonnull (code);
  return code;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* Nothing left beside @path: no temporary file of a failed export. */
static void
assert_folder_holds_only (const char *folder,
                          const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (name == NULL || strcmp (entry, name) != 0)
      g_error ("unexpected file %s in %s", entry, folder);
}

static void
test_report_formats (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  const struct { const char *name; const char *magic; gsize offset; } cases[] = {
    { "graph.png", "\x89PNG\r\n\x1a\n", 0 },
    { "graph.pdf", "%PDF-", 0 },
    { "graph.svg", "<svg", G_MAXSIZE },
    { "GRAPH.PNG", "\x89PNG\r\n\x1a\n", 0 },
  };

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *output = g_build_filename (out_dir, cases[i].name, NULL);
      g_autofree char *err = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const char *data;
      gsize size;

      /* Codes are matched as the database matches them: case aside. */
      g_autofree char *typed_code = i % 2 == 1 ? g_ascii_strdown (code, -1) : g_strdup (code);

      g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", typed_code, "--output", output,
                                     "--width", "800", "--height", "500", "--db", fixture->path, NULL),
                       ==, 0);
      g_assert_cmpstr (err, ==, "");
      bytes = read_file (output);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, strlen (cases[i].magic));
      if (cases[i].offset == 0)
        g_assert_cmpmem (data, strlen (cases[i].magic), cases[i].magic, strlen (cases[i].magic));
      else
        g_assert_nonnull (g_strstr_len (data, size, cases[i].magic));
      g_assert_cmpint (g_unlink (output), ==, 0);
    }
  assert_folder_holds_only (out_dir, NULL);
}

static void
test_report_refusals (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *output = g_build_filename (out_dir, "graph.png", NULL);
  g_autofree char *not_a_folder = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *unwritable = g_build_filename (not_a_folder, "graph.png", NULL);
  g_autofree char *missing_db = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  /* A folder that cannot be written to, even by root: a plain file. */
  test_write_file (not_a_folder, "x", 1, 0600);

  /* Refused: exit 1, a message, no file. */
  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", "NO-SUCH-CODE", "--output", output,
                                 "--db", fixture->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "NO-SUCH-CODE"));
  g_clear_pointer (&err, g_free);
  assert_folder_holds_only (out_dir, NULL);

  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--output", unwritable,
                                 "--db", fixture->path, NULL), ==, 1);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (g_file_test (unwritable, G_FILE_TEST_EXISTS), ==, FALSE);

  /* A read-only folder (root writes there anyway). */
  if (geteuid () != 0)
    {
      g_autofree char *locked_dir = g_build_filename (fixture->dir, "locked", NULL);
      g_autofree char *locked = g_build_filename (locked_dir, "graph.png", NULL);

      g_assert_cmpint (g_mkdir (locked_dir, 0500), ==, 0);
      g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--output", locked,
                                     "--db", fixture->path, NULL), ==, 1);
      g_assert_cmpstr (err, !=, "");
      g_clear_pointer (&err, g_free);
      assert_folder_holds_only (locked_dir, NULL);
      g_chmod (locked_dir, 0700);
    }

  /* A mistyped --db is not created empty. */
  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--output", output,
                                 "--db", missing_db, NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  assert_folder_holds_only (out_dir, NULL);
}

static void
test_report_usage (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *png = g_build_filename (out_dir, "graph.png", NULL);
  g_autofree char *gif = g_build_filename (out_dir, "graph.gif", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *help[] = { ALLIANCE_BINARY, "report", "--help", NULL };
  int wait_status;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);

  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--output", gif,
                                 "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, ".png"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_alliance (fixture, &err, "report", "--output", png, "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--client"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--output"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--output", png, "--width", "99",
                                 "--db", fixture->path, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--output", png, "--height", "10001",
                                 "--db", fixture->path, NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_alliance (fixture, &err, "report", "--client", code, "--output", png, "--colour", "red",
                                 "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--colour"));
  g_clear_pointer (&err, g_free);
  assert_folder_holds_only (out_dir, NULL);

  g_spawn_sync (NULL, (char **)help, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (out, "--client"));
  g_assert_nonnull (strstr (out, "--output"));
}

/* `alliance audit ARGS… --db fixture->path`: the exit status, with what
 * it printed on each stream. */
static int
run_audit (Fixture     *fixture,
           char       **standard_output,
           char       **standard_error,
           const char  *first_arg,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *)ALLIANCE_BINARY);
  g_ptr_array_add (argv, (char *)"audit");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, (char *)"--db");
  g_ptr_array_add (argv, fixture->path);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, standard_output, standard_error,
                &wait_status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
}

/* Three clients written through the store: the log's first row, then one
 * "create" per client. */
static void
make_audited_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (fixture->path, &error);
  g_autoptr(AllianceClientStore) store = NULL;
  const char *names[] = { "Ana", "Björn", "Chloé" };

  g_assert_no_error (error);
  store = alliance_client_store_new (database);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new (names[i], "Audit");

      g_assert_true (alliance_client_store_save (store, client, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Changes a row as someone with the file and SQLite could: the guarding
 * trigger dropped, the row changed, the trigger put back. */
static void
tamper_with_log (Fixture    *fixture,
                 const char *trigger,
                 const char *sql)
{
  sqlite3 *raw = test_raw_open (fixture->path);
  g_autofree char *select = g_strdup_printf ("SELECT sql FROM sqlite_master WHERE name = '%s'", trigger);
  g_autofree char *create = test_query_text (raw, select);
  g_autofree char *drop = g_strdup_printf ("DROP TRIGGER %s", trigger);

  g_assert_cmpint (sqlite3_exec (raw, drop, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, create, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

static void
test_audit_list (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  make_audited_database (fixture);
  g_assert_cmpint (run_audit (fixture, &out, &err, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  /* Four rows and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");
  /* Newest first: number, time (UTC), action, kind of record, its id. */
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 5);
  g_assert_cmpstr (fields[0], ==, "4");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", fields[1], 0, 0));
  g_assert_cmpstr (fields[2], ==, "create");
  g_assert_cmpstr (fields[3], ==, "client");
  g_assert_cmpstr (fields[4], ==, "3");
  g_assert_true (g_str_has_prefix (lines[3], "1\t"));
  g_assert_nonnull (strstr (lines[3], "\tcreate\taudit_log\t0"));
  /* No name reaches the output: the log has none. */
  g_assert_null (strstr (out, "Audit"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_audit (fixture, &out, &err, "--limit", "2", NULL), ==, 0);
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "4\t"));
  g_assert_true (g_str_has_prefix (lines[1], "3\t"));
}

static void
test_audit_verify (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  make_audited_database (fixture);
  g_assert_cmpint (run_audit (fixture, &out, &err, "--verify", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "The audit log is intact (4 entries).\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Entry 3 made to name another client, at a time of its own. */
  tamper_with_log (fixture, "audit_log_no_update",
                   "UPDATE audit_log SET entity_id = 9, at = '2026-01-02T03:04:05Z' WHERE id = 3");
  g_assert_cmpint (run_audit (fixture, &out, &err, "--verify", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "altered at entry 3 (2026-01-02T03:04:05Z)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Entry 2 removed: entry 3 is the first that no longer follows. */
  tamper_with_log (fixture, "audit_log_no_delete", "DELETE FROM audit_log WHERE id = 2");
  g_assert_cmpint (run_audit (fixture, &out, &err, "--verify", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "altered at entry 3 "));
}

static void
test_audit_usage (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *missing_db = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *help[] = { ALLIANCE_BINARY, "audit", "--help", NULL };
  const char *missing[] = { ALLIANCE_BINARY, "audit", "--verify", "--db", missing_db, NULL };
  int wait_status;

  make_audited_database (fixture);
  g_assert_cmpint (run_audit (fixture, &out, &err, "--limit", "0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--limit"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_audit (fixture, &out, &err, "--limit", "many", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_audit (fixture, &out, &err, "--verify", "--limit", "5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--verify"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_audit (fixture, &out, &err, "everything", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_audit (fixture, &out, &err, "--since", "2026-01-01", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--since"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A mistyped --db is refused, not created empty. */
  g_spawn_sync (NULL, (char **)missing, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_nonnull (strstr (err, "missing.db"));
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_spawn_sync (NULL, (char **)help, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (out, "--verify"));
  g_assert_nonnull (strstr (out, "--limit"));
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
  ADD ("/cli/report/formats", test_report_formats);
  ADD ("/cli/report/refusals", test_report_refusals);
  ADD ("/cli/report/usage", test_report_usage);
  ADD ("/cli/audit/list", test_audit_list);
  ADD ("/cli/audit/verify", test_audit_verify);
  ADD ("/cli/audit/usage", test_audit_usage);
#undef ADD

  return g_test_run ();
}
