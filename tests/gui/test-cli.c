/* test-cli.c
 *
 * The program as a script runs it: exit statuses and messages, refused
 * files left untouched, private files, the sample data.
 */
#define G_LOG_DOMAIN "alliance-test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <pty.h>
#include <string.h>
#include <sys/wait.h>
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

/* The last four weeks, as `alliance packet` takes them. */
static void
last_four_weeks (char from[11],
                 char to[11])
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -27);
  g_autofree char *first = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *last = g_date_time_format (now, "%Y-%m-%d");

  g_strlcpy (from, first, 11);
  g_strlcpy (to, last, 11);
}

static void
assert_is_private_pdf (const char *path)
{
  g_autoptr(GBytes) bytes = read_file (path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 5);
  g_assert_cmpmem (data, 5, "%PDF-", 5);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
}

static void
test_packet_writes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *lower_code = g_ascii_strdown (code, -1);
  g_autofree char *clients = g_strdup_printf (" %s , %s", lower_code, code);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *output = g_build_filename (out_dir, "packet.pdf", NULL);
  g_autofree char *upper = g_build_filename (out_dir, "PACKET.PDF", NULL);
  g_autofree char *err = NULL;
  char from[11], to[11];

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  last_four_weeks (from, to);

  /* The agenda's clients, or the whole review. */
  g_assert_cmpint (run_alliance (fixture, &err, "packet", "--from", from, "--to", to, "--output", output,
                                 "--db", fixture->path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  assert_is_private_pdf (output);

  /* One client, named twice and in any case; the file replaced. */
  g_assert_cmpint (run_alliance (fixture, &err, "packet", "--from", from, "--to", to, "--clients", clients,
                                 "--output", output, "--db", fixture->path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  assert_is_private_pdf (output);

  /* A period of one day, and the extension in capitals. */
  g_assert_cmpint (run_alliance (fixture, &err, "packet", "--from", to, "--to", to, "--clients", code,
                                 "--output", upper, "--db", fixture->path, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  assert_is_private_pdf (upper);

  g_assert_cmpint (g_unlink (output), ==, 0);
  g_assert_cmpint (g_unlink (upper), ==, 0);
  assert_folder_holds_only (out_dir, NULL);
}

static void
test_packet_refusals (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *clients = g_strdup_printf ("%s,NO-SUCH-CODE", code);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *output = g_build_filename (out_dir, "packet.pdf", NULL);
  g_autofree char *not_a_folder = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *unwritable = g_build_filename (not_a_folder, "packet.pdf", NULL);
  g_autofree char *missing_db = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autofree char *err = NULL;
  char from[11], to[11];

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  test_write_file (not_a_folder, "x", 1, 0600);
  last_four_weeks (from, to);

  /* Refused: exit 1, a message, no file, not even in part. */
  g_assert_cmpint (run_alliance (fixture, &err, "packet", "--from", from, "--to", to, "--clients", clients,
                                 "--output", output, "--db", fixture->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "NO-SUCH-CODE"));
  g_clear_pointer (&err, g_free);
  assert_folder_holds_only (out_dir, NULL);

  g_assert_cmpint (run_alliance (fixture, &err, "packet", "--from", from, "--to", to, "--output", unwritable,
                                 "--db", fixture->path, NULL), ==, 1);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));

  if (geteuid () != 0)
    {
      g_autofree char *locked_dir = g_build_filename (fixture->dir, "locked", NULL);
      g_autofree char *locked = g_build_filename (locked_dir, "packet.pdf", NULL);

      g_assert_cmpint (g_mkdir (locked_dir, 0500), ==, 0);
      g_assert_cmpint (run_alliance (fixture, &err, "packet", "--from", from, "--to", to, "--output", locked,
                                     "--db", fixture->path, NULL), ==, 1);
      g_assert_cmpstr (err, !=, "");
      g_clear_pointer (&err, g_free);
      assert_folder_holds_only (locked_dir, NULL);
      g_chmod (locked_dir, 0700);
    }

  /* A mistyped --db is not created empty. */
  g_assert_cmpint (run_alliance (fixture, &err, "packet", "--from", from, "--to", to, "--output", output,
                                 "--db", missing_db, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "missing.db"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  assert_folder_holds_only (out_dir, NULL);
}

static void
test_packet_usage (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "packet.pdf", NULL);
  g_autofree char *png = g_build_filename (out_dir, "packet.png", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *help[] = { ALLIANCE_BINARY, "packet", "--help", NULL };
  const struct
  {
    const char *args[10];
    const char *said;     /* in the message */
  } cases[] = {
    { { "--to", "2026-11-01", "--output", pdf }, "--from" },
    { { "--from", "2026-11-01", "--output", pdf }, "--to" },
    { { "--from", "2026-02-30", "--to", "2026-03-28", "--output", pdf }, "YYYY-MM-DD" },
    { { "--from", "1/11/2026", "--to", "2026-11-28", "--output", pdf }, "YYYY-MM-DD" },
    { { "--from", "2026-11-28", "--to", "2026-11-01", "--output", pdf }, "--from" },
    { { "--from", "2026-11-01", "--to", "2026-11-28" }, "--output" },
    { { "--from", "2026-11-01", "--to", "2026-11-28", "--output", png }, ".pdf" },
    { { "--from", "2026-11-01", "--to", "2026-11-28", "--output", pdf, "--clients", "C-0001,,C-0002" }, "--clients" },
    { { "--from", "2026-11-01", "--to", "2026-11-28", "--output", pdf, "--colour", "red" }, "--colour" },
    { { "--from", "2026-11-01", "--to", "2026-11-28", "--output", pdf, "extra" }, "arguments" },
  };
  int wait_status;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err = NULL;
      g_autoptr(GError) spawn_error = NULL;
      g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", fixture->dir, TRUE);

      g_ptr_array_add (argv, (char *)ALLIANCE_BINARY);
      g_ptr_array_add (argv, (char *)"packet");
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (char *)cases[i].args[j]);
      g_ptr_array_add (argv, (char *)"--db");
      g_ptr_array_add (argv, fixture->path);
      g_ptr_array_add (argv, NULL);

      g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                    &wait_status, &spawn_error);
      g_assert_no_error (spawn_error);
      g_assert_true (WIFEXITED (wait_status));
      if (WEXITSTATUS (wait_status) != 2 || strstr (err, cases[i].said) == NULL)
        g_error ("case %u: exit %d, “%s”", i, WEXITSTATUS (wait_status), err);
      assert_folder_holds_only (out_dir, NULL);
    }

  g_spawn_sync (NULL, (char **)help, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (out, "--from"));
  g_assert_nonnull (strstr (out, "--to"));
  g_assert_nonnull (strstr (out, "--clients"));
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

/* alliance dispose ------------------------------------------------------ */

/* A discharged client past retention (C-0001), one in therapy (C-0002),
 * and another past retention (C-0003). */
static void
make_retention_database (Fixture *fixture)
{
  static const struct { const char *given, *family, *discharged; } people[] = {
    { "Odile", "Oldfield", "2010-03-01" },
    { "Ada", "Active", NULL },
    { "Otto", "Olden", "2011-05-01" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (fixture->path, &error);
  g_autoptr(AllianceClientStore) store = NULL;

  g_assert_no_error (error);
  store = alliance_client_store_new (database);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new (people[i].given, people[i].family);

      client->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
      client->start_date = g_strdup ("2009-01-05");
      g_assert_true (alliance_client_store_save (store, client, NULL, &error));
      g_assert_no_error (error);
      if (people[i].discharged != NULL)
        g_assert_true (alliance_client_store_discharge (store, client->id, people[i].discharged, "", NULL, &error));
      g_assert_no_error (error);
    }
}

/* Runs `alliance dispose ARGS --db PATH` with no terminal on stdin. */
static int
run_dispose (Fixture     *fixture,
             char       **standard_output,
             char       **standard_error,
             const char  *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", fixture->dir, TRUE);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *)ALLIANCE_BINARY);
  g_ptr_array_add (argv, (char *)"dispose");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, (char *)"--db");
  g_ptr_array_add (argv, fixture->path);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                standard_output, standard_error, &wait_status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
}

/* Runs alliance and returns its exit status, with its standard output. */
static int
run_alliance_output (Fixture     *fixture,
                     char       **standard_output,
                     char       **standard_error,
                     const char  *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *)ALLIANCE_BINARY);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", fixture->dir, TRUE);
  envp = g_environ_setenv (envp, "G_DEBUG", "", TRUE);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, standard_output,
                standard_error, &wait_status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  sqlite3 *raw = test_raw_open (fixture->path);
  gint64 n = test_query_int (raw, sql);

  sqlite3_close (raw);
  return n;
}

static void
test_dispose_list (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  make_retention_database (fixture);
  g_assert_cmpint (run_dispose (fixture, &out, &err, "--list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "C-0001\tOdile Oldfield\t2010-03-01\t2010-03-01\t2020-03-01\n"));
  g_assert_nonnull (strstr (out, "C-0003\t"));
  g_assert_null (strstr (out, "C-0002"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A longer period: nobody yet. */
  g_assert_cmpint (run_dispose (fixture, &out, &err, "--list", "--years", "50", NULL), ==, 0);
  g_assert_null (strstr (out, "C-0001"));
  g_assert_nonnull (strstr (out, "No records"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM clients"), ==, 3);
}

static void
test_dispose_client (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *err = NULL;

  make_retention_database (fixture);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "c-0001", "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "C-0001"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM clients"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM clients WHERE code = 'C-0001'"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM disposal_register WHERE client_code = 'C-0001'"
                                        " AND retention_date = '2020-03-01' AND retention_years = 10"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE action = 'disposal'"), ==, 1);
}

static void
test_dispose_refusals (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TestFileSnapshot) before = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "none.db", NULL);
  const char *missing_argv[] = { ALLIANCE_BINARY, "dispose", "--list", "--db", missing, NULL };
  char *err = NULL;
  int wait_status = 0;

  make_retention_database (fixture);
  before = test_file_snapshot_new (fixture->path);

  /* No terminal to ask on, and no --yes. */
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "C-0001", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--yes"));
  g_clear_pointer (&err, g_free);
  /* In therapy, unknown, not yet past retention. */
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "C-0002", "--yes", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "discharged"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "C-0404", "--yes", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "C-0404"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "C-0001", "--yes", "--years", "30", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "2040-03-01"));
  g_clear_pointer (&err, g_free);
  test_assert_file_unchanged (before);

  /* Usage errors. */
  g_assert_cmpint (run_dispose (fixture, NULL, &err, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "--list", "C-0001", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "--list", "--yes", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "--list", "--years", "0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "between 1 and 100"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "C-0001", "C-0003", "--yes", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dispose (fixture, NULL, &err, "--shred", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  test_assert_file_unchanged (before);

  /* Records that do not exist are not created. */
  g_spawn_sync (NULL, (char **)missing_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &wait_status, NULL);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_nonnull (strstr (err, "There are no records"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_free (err);
}

/* On a terminal it asks, and only the client's code confirms. */
static int
run_dispose_on_terminal (Fixture    *fixture,
                         const char *code,
                         const char *answer)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { ALLIANCE_BINARY, "dispose", code, "--db", fixture->path, NULL };
  int master = -1, slave = -1, status = 0;
  GPid pid;

  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);

  g_spawn_async_with_pipes_and_fds (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, slave, -1, -1, NULL, NULL, 0,
                                    &pid, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (master, answer, strlen (answer)), ==, (gssize)strlen (answer));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  close (slave);
  close (master);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_dispose_asks_on_terminal (Fixture       *fixture,
                               gconstpointer  user_data)
{
  make_retention_database (fixture);
  g_assert_cmpint (run_dispose_on_terminal (fixture, "C-0001", "yes\n"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM clients"), ==, 3);
  g_assert_cmpint (run_dispose_on_terminal (fixture, "C-0001", "C-0001\n"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM clients"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM disposal_register"), ==, 1);
}

static void
test_dispose_help (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { ALLIANCE_BINARY, "dispose", "--help", NULL };
  int wait_status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (out, "--list"));
  g_assert_nonnull (strstr (out, "--yes"));
  g_assert_nonnull (strstr (out, "--years"));
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *json = g_build_filename (fixture->dir, "records.json", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(TestFileSnapshot) before = NULL;

  g_assert_cmpint (run_alliance (fixture, &err, "export", "--format", "json", "--output", json,
                                 "--db", fixture->path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (test_file_mode (json), ==, 0600);
  written = read_file (json);

  /* Without --output it goes to standard output, and only there. */
  g_assert_cmpint (run_alliance_output (fixture, &out, &err,
                                        (const char *[]) { "export", "--db", fixture->path, NULL }), ==, 0);
  g_assert_cmpstr (out, ==, g_bytes_get_data (written, NULL));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_alliance (fixture, &err, "import", json, "--db", fresh, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "Imported from records.json: clients 30,"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance_output (fixture, &again, &err,
                                        (const char *[]) { "export", "--format", "json", "--db", fresh, NULL }), ==, 0);
  g_assert_cmpstr (again, ==, g_bytes_get_data (written, NULL));
  g_clear_pointer (&err, g_free);

  /* Refused: a database with records, and a broken file; neither changes it. */
  before = test_file_snapshot_new (fresh);
  g_assert_cmpint (run_alliance (fixture, &err, "import", json, "--db", fresh, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Import goes into an empty database; this one has 30 clients."));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (bad, "{\n  \"format\": \"alliance-export\",\n  \"format_version\": 1,\n}\n",
                                      -1, NULL));
  g_assert_cmpint (run_alliance (fixture, &err, "import", bad, "--db", fresh, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "bad.json:3:22: this is not valid JSON"));
  g_assert_nonnull (strstr (err, "Nothing was imported."));
  g_clear_pointer (&err, g_free);
  test_assert_file_unchanged (before);
}

/* An encrypted export: nothing readable in the file, back in with the
 * passphrase, refused with a wrong one before any database is made. */
static void
test_export_import_encrypted (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *code = make_sample_database (fixture);
  g_autofree char *sealed = g_build_filename (fixture->dir, "records.json.enc", NULL);
  g_autofree char *secret = g_build_filename (fixture->dir, "passphrase", NULL);
  g_autofree char *wrong = g_build_filename (fixture->dir, "wrong", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *plain = NULL;
  g_autofree char *again = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) written = NULL;
  gsize length;

  test_write_file (secret, "correct horse battery staple\n", strlen ("correct horse battery staple\n"), 0600);
  test_write_file (wrong, "not the passphrase\n", strlen ("not the passphrase\n"), 0600);

  /* Usage: encryption needs a file, and a passphrase file needs --encrypt. */
  g_assert_cmpint (run_alliance (fixture, &err, "export", "--encrypt", "--passphrase-file", secret,
                                 "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--output"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "export", "--passphrase-file", secret, "--output", sealed,
                                 "--db", fixture->path, NULL), ==, 2);
  g_assert_false (g_file_test (sealed, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  /* A new passphrase follows the app's rules: too short, nothing written. */
  test_write_file (wrong, "short\n", strlen ("short\n"), 0600);
  g_assert_cmpint (run_alliance (fixture, &err, "export", "--encrypt", "--passphrase-file", wrong,
                                 "--output", sealed, "--db", fixture->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Too short: a passphrase needs at least 8 characters. Nothing was written."));
  g_assert_false (g_file_test (sealed, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  test_write_file (wrong, "not the passphrase\n", strlen ("not the passphrase\n"), 0600);

  g_assert_cmpint (run_alliance (fixture, &err, "export", "--encrypt", "--passphrase-file", secret,
                                 "--output", sealed, "--db", fixture->path, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (test_file_mode (sealed), ==, 0600);
  /* Only the encrypted file was written: no plaintext beside it. */
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  written = read_file (sealed);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (written, &length), "ALLIANCE"));
  g_assert_null (g_strstr_len (g_bytes_get_data (written, NULL), (gssize)length, "alliance-export"));
  g_assert_null (g_strstr_len (g_bytes_get_data (written, NULL), (gssize)length, code));

  /* A wrong passphrase: refused, and no database made. */
  g_assert_cmpint (run_alliance (fixture, &err, "import", sealed, "--passphrase-file", wrong, "--db", fresh, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "The passphrase is not the one this file was encrypted with"));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  /* The right one: the same records as the plain export. */
  g_assert_cmpint (run_alliance (fixture, &err, "import", sealed, "--passphrase-file", secret, "--db", fresh, NULL),
                   ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance_output (fixture, &plain, &err,
                                        (const char *[]) { "export", "--db", fixture->path, NULL }), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance_output (fixture, &again, &err,
                                        (const char *[]) { "export", "--db", fresh, NULL }), ==, 0);
  g_assert_cmpstr (again, ==, plain);
}

static void
test_import_csv (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "clients.csv", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "more clients.csv", NULL);
  g_autofree char *err = NULL;
  g_autoptr(TestFileSnapshot) before = NULL;

  g_assert_true (g_file_set_contents (csv, "Code,Given name,Family name\r\nC-1,Ann,Lee\r\nC-2,Bo,Ng\r\n", -1, NULL));
  g_assert_cmpint (run_alliance (fixture, &err, "import", "--csv", "clients", csv, "--db", fixture->path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "Imported 2 clients from clients.csv.\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "import", "--csv", "clients", csv, "--db", fixture->path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "Imported 0 clients from clients.csv. 2 rows were already in the records and were skipped.\n");
  g_clear_pointer (&err, g_free);

  before = test_file_snapshot_new (fixture->path);
  g_assert_true (g_file_set_contents (bad, "code,given_name,family_name,date_of_birth\nC-3,Cy,Ho,3/4/1990\n", -1, NULL));
  g_assert_cmpint (run_alliance (fixture, &err, "import", "--csv", "clients", bad, "--db", fixture->path, NULL), ==, 1);
  g_assert_cmpstr (err, ==, "more clients.csv:2: column 4 (date_of_birth): expected a date like 1990-04-23, found "
                            "“3/4/1990”\nNothing was imported.\n");
  g_clear_pointer (&err, g_free);
  test_assert_file_unchanged (before);
}

static void
test_export_import_usage (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autofree char *json = g_build_filename (fixture->dir, "records.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run_alliance (fixture, &err, "export", "--format", "xml", "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "json"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "export", "extra", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "export", "--colour", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "import", "--db", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Name one file"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "import", "a.json", "b.json", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "import", "--csv", "notes", "a.csv", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "clients, sessions or scores"));
  g_clear_pointer (&err, g_free);

  /* Refused, not usage: no records to export (and none created), no file to import. */
  g_assert_cmpint (run_alliance (fixture, &err, "export", "--db", missing, "--output", json, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There are no records"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance (fixture, &err, "import", json, "--db", missing, NULL), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_alliance_output (fixture, &out, &err, (const char *[]) { "export", "--help", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "--output"));
  g_assert_nonnull (strstr (out, "--format"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_alliance_output (fixture, &out, &err, (const char *[]) { "import", "--help", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "--csv"));
  g_assert_nonnull (strstr (out, "--db"));
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
  ADD ("/cli/packet/writes", test_packet_writes);
  ADD ("/cli/packet/refusals", test_packet_refusals);
  ADD ("/cli/packet/usage", test_packet_usage);
  ADD ("/cli/audit/list", test_audit_list);
  ADD ("/cli/audit/verify", test_audit_verify);
  ADD ("/cli/audit/usage", test_audit_usage);
  ADD ("/cli/dispose/list", test_dispose_list);
  ADD ("/cli/dispose/client", test_dispose_client);
  ADD ("/cli/dispose/refusals", test_dispose_refusals);
  ADD ("/cli/dispose/asks-on-terminal", test_dispose_asks_on_terminal);
  ADD ("/cli/dispose/help", test_dispose_help);
  ADD ("/cli/export-import", test_export_import);
  ADD ("/cli/export-import/encrypted", test_export_import_encrypted);
  ADD ("/cli/import-csv", test_import_csv);
  ADD ("/cli/export-import/usage", test_export_import_usage);
#undef ADD

  return g_test_run ();
}
