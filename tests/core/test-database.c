/* test-database.c
 *
 * AllianceDatabase: files are created private, configured for durability,
 * migrated, and every file it refuses is left byte for byte as it was.
 */
#define G_LOG_DOMAIN "alliance-test-database"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-client-store.h"
#include "alliance-database.h"
#include "test-common.h"

/* dir: a private temporary folder; path: a database file name in it. */
typedef TestDirFixture Fixture;

#define fixture_set_up test_dir_fixture_set_up
#define fixture_tear_down test_dir_fixture_tear_down

static AllianceDatabase *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  AllianceDatabase *database = alliance_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (ALLIANCE_IS_DATABASE (database));
  return database;
}

static gint64
save_client (AllianceClientStore *store,
             const char          *given_name,
             const char          *family_name)
{
  g_autoptr(AllianceClient) client = test_client_new (given_name, family_name);
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_client_store_save (store, client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->id, >, 0);
  return client->id;
}

static gint64
count_clients (AllianceDatabase *database)
{
  return test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM clients");
}

static gint64
count_clients_named (AllianceDatabase *database,
                     const char       *given_name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (alliance_database_get_handle (database),
                                       "SELECT count(*) FROM clients WHERE given_name = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, given_name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* A closed, valid, multi-page database with @n_clients clients. */
static void
make_database (const char *path,
               guint       n_clients)
{
  g_autoptr(AllianceDatabase) database = open_ok (path);
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_database_begin (database, &error));
  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(AllianceClient) client = test_client_new ("Test", "Client");

      client->presenting_concerns = g_strnfill (300, 'a' + i % 26);
      g_assert_true (alliance_client_store_save (store, client, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (alliance_database_commit (database, &error));
  g_assert_no_error (error);
}

/* Opening @path fails with @expected, and nothing about the file changes. */
static void
assert_open_refused (const char            *path,
                     AllianceDatabaseError  expected)
{
  g_autoptr(TestFileSnapshot) before = test_file_snapshot_new (path);
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  test_assert_no_sidecars (path);

  database = alliance_database_open (path, &error);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, (int)expected);
  g_assert_null (database);
  g_assert_cmpstr (error->message, !=, "");

  test_assert_file_unchanged (before);
  test_assert_no_sidecars (path);
}

/* ---------------------------------------------------------------------- */

static void
test_fresh_file (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *journal_mode = NULL;
  guint folder_mode;
  sqlite3 *handle;

  g_assert_cmpint (g_chmod (fixture->dir, 0750), ==, 0);
  folder_mode = test_file_mode (fixture->dir);

  database = open_ok (fixture->path);
  g_assert_cmpstr (alliance_database_get_path (database), ==, fixture->path);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (test_file_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (test_file_mode (fixture->dir), ==, folder_mode);

  handle = alliance_database_get_handle (database);
  journal_mode = test_query_text (handle, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (test_query_int (handle, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (test_query_int (handle, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (test_query_int (handle, "PRAGMA user_version"), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (alliance_database_get_schema_version (database), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (alliance_database_get_latest_version (), >=, 1);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM sqlite_master WHERE name IN ('clients', 'goals')"),
                   ==, 2);

  /* After a write the log and shared memory exist, and are private too. */
  store = alliance_client_store_new (database);
  save_client (store, "Ann", "Example");
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (shm, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (test_file_mode (wal), ==, 0600);
  g_assert_cmpuint (test_file_mode (shm), ==, 0600);
  g_assert_cmpuint (test_file_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (test_file_mode (fixture->dir), ==, folder_mode);
}

static void
test_empty_file_is_migrated (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  sqlite3 *handle;

  /* SQLite treats a 0-byte file as an empty database at version 0. */
  test_write_file (fixture->path, "", 0, 0600);

  database = open_ok (fixture->path);
  handle = alliance_database_get_handle (database);
  g_assert_cmpint (alliance_database_get_schema_version (database), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (test_query_int (handle, "PRAGMA user_version"), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM sqlite_master WHERE name IN ('clients', 'goals')"),
                   ==, 2);
  g_assert_cmpint (count_clients (database), ==, 0);
}

static void
test_version_zero_database_is_migrated (Fixture       *fixture,
                                        gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  sqlite3 *raw = test_raw_open (fixture->path);

  /* A real (non-empty) SQLite file that has never been migrated. */
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA page_size = 4096; VACUUM;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);

  database = open_ok (fixture->path);
  g_assert_cmpint (alliance_database_get_schema_version (database), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (count_clients (database), ==, 0);
}

static void
test_reopen_keeps_data (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 id;

  {
    g_autoptr(AllianceDatabase) database = open_ok (fixture->path);
    g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);

    id = save_client (store, "Zoë", "Laurent");
  }

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(AllianceDatabase) database = open_ok (fixture->path);
      g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
      g_autoptr(AllianceClient) client = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (alliance_database_get_schema_version (database), ==, alliance_database_get_latest_version ());
      client = alliance_client_store_load (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (client->given_name, ==, "Zoë");
      g_assert_cmpstr (client->family_name, ==, "Laurent");
      g_assert_cmpint (count_clients (database), ==, 1);
      g_assert_cmpuint (test_file_mode (fixture->path), ==, 0600);
    }
}

static void
test_loose_permissions_are_tightened (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  make_database (fixture->path, 3);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);

  database = open_ok (fixture->path);
  g_assert_cmpuint (test_file_mode (fixture->path), ==, 0600);

  store = alliance_client_store_new (database);
  save_client (store, "Ann", "Example");
  g_assert_cmpuint (test_file_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (test_file_mode (wal), ==, 0600);
  g_assert_cmpuint (test_file_mode (shm), ==, 0600);
  g_assert_cmpint (count_clients (database), ==, 4);
}

static void
test_in_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open_in_memory (&error);
  sqlite3 *handle;

  g_assert_no_error (error);
  handle = alliance_database_get_handle (database);
  g_assert_cmpstr (alliance_database_get_path (database), ==, ":memory:");
  g_assert_cmpint (alliance_database_get_schema_version (database), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (test_query_int (handle, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (test_query_int (handle, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (count_clients (database), ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Refusals */

static void
test_refuse_newer_version (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE future (x); INSERT INTO future VALUES (1); "
                                          "PRAGMA user_version = %d;",
                                          alliance_database_get_latest_version () + 1);
  sqlite3 *raw = test_raw_open (fixture->path);

  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);

  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NEWER_VERSION);

  /* Much newer, too (the version is a 32-bit big-endian field). */
  raw = test_raw_open (fixture->path);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 2000000000", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NEWER_VERSION);
}

static void
test_refuse_text_file (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char text[] =
    "Session notes, typed in a text editor.\n"
    "Nothing here is an SQLite database, and Alliance must not make it one.\n";
  g_autoptr(GString) long_text = g_string_new (NULL);

  test_write_file (fixture->path, text, strlen (text), 0600);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);

  /* Longer than one page as well. */
  for (guint i = 0; i < 200; i++)
    g_string_append (long_text, text);
  test_write_file (fixture->path, long_text->str, long_text->len, 0600);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_random_bytes (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240315);
  g_autofree guint8 *bytes = g_new (guint8, 16384);

  for (guint i = 0; i < 16384; i++)
    bytes[i] = (guint8)g_rand_int_range (rand, 0, 256);
  test_write_file (fixture->path, bytes, 16384, 0600);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_short_file (Fixture       *fixture,
                        gconstpointer  user_data)
{
  guint8 bytes[50] = { 0 };

  /* It even starts like an SQLite file, but the header is cut short. */
  memcpy (bytes, "SQLite format 3", sizeof "SQLite format 3");
  test_write_file (fixture->path, bytes, sizeof bytes, 0600);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_header_only (Fixture       *fixture,
                         gconstpointer  user_data)
{
  guint8 bytes[100] = { 0 };

  /* The right magic string, but a page size of 0: SQLite calls it NOTADB. */
  memcpy (bytes, "SQLite format 3", sizeof "SQLite format 3");
  test_write_file (fixture->path, bytes, sizeof bytes, 0600);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_corrupt (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;
  guint page_size;

  make_database (fixture->path, 60);
  test_assert_no_sidecars (fixture->path);

  g_file_get_contents (fixture->path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, 16, "SQLite format 3", 16);
  page_size = ((guint)(guint8)contents[16] << 8) | (guint8)contents[17];
  if (page_size == 1)
    page_size = 65536;
  g_assert_cmpuint (size, >=, 4 * page_size);

  /* Page 2 is the clients table's root: scribble over the middle of its
   * b-tree header and cell pointers. Page 1 (the header and schema) stays
   * intact, so the file gets as far as the integrity check. */
  memset (contents + page_size, 0xA5, 64);
  test_write_file (fixture->path, contents, size, 0600);

  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_CORRUPT);
}

static void
test_refuse_truncated (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  make_database (fixture->path, 60);
  g_file_get_contents (fixture->path, &contents, &size, &error);
  g_assert_no_error (error);

  /* Lose the second half of the file, as after a failed copy. The header
   * still promises the full page count, so SQLite reports SQLITE_CORRUPT on
   * the very first read (user_version), before the integrity check: that is
   * a damaged Alliance file, to be restored from a backup. */
  test_write_file (fixture->path, contents, size / 2, 0600);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_CORRUPT);
}

static void
test_refuse_other_programs_database (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  sqlite3 *raw = test_raw_open (fixture->path);

  /* Some other program's SQLite file at user_version 0: adding Alliance's
   * tables to it would corrupt that program's data. */
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);

  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_other_programs_versioned_database (Fixture       *fixture,
                                               gconstpointer  user_data)
{
  sqlite3 *raw = test_raw_open (fixture->path);

  /* Another program's file that uses user_version for its own schema. */
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);

  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_read_only_file (Fixture       *fixture,
                            gconstpointer  user_data)
{
  make_database (fixture->path, 3);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  /* Even as root, whose access(W_OK) would say yes. */
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_READ_ONLY);

  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_READ_ONLY);
}

static void
test_refuse_read_only_folder (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "new.db", NULL);
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  make_database (fixture->path, 3);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);

  assert_open_refused (fixture->path, ALLIANCE_DATABASE_ERROR_READ_ONLY);

  /* Nor is a new file created there. */
  database = alliance_database_open (other, &error);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_READ_ONLY);
  g_assert_null (database);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  test_assert_no_sidecars (other);

  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
}

static void
test_refuse_missing_folder (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "missing", NULL);
  g_autofree char *path = g_build_filename (folder, "alliance.db", NULL);
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = alliance_database_open (path, &error);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_PERMISSIONS);
  g_assert_null (database);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_refuse_directory (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  database = alliance_database_open (fixture->path, &error);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_null (database);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
  test_assert_no_sidecars (fixture->path);
}

/* ---------------------------------------------------------------------- */
/* Errors while writing */

static void
assert_integrity_ok (AllianceDatabase *database)
{
  g_autofree char *result = test_query_text (alliance_database_get_handle (database), "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
}

static void
limit_to_current_size (AllianceDatabase *database)
{
  sqlite3 *handle = alliance_database_get_handle (database);
  gint64 pages = test_query_int (handle, "PRAGMA page_count");
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);

  g_assert_cmpint (test_query_int (handle, sql), ==, pages);
}

static void
lift_size_limit (AllianceDatabase *database)
{
  sqlite3 *handle = alliance_database_get_handle (database);

  g_assert_cmpint (test_query_int (handle, "PRAGMA max_page_count = 1073741823"), >, 1000000);
}

/* Saves big clients until one fails; returns how many succeeded. */
static guint
fill_until_error (AllianceClientStore  *store,
                  const char           *given_name,
                  GError              **error)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(AllianceClient) client = test_client_new (given_name, "Bulk");

      client->presenting_concerns = g_strnfill (64 * 1024, 'x');
      if (!alliance_client_store_save (store, client, NULL, error))
        return i;
    }
  g_assert_not_reached ();
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = open_ok (fixture->path);
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  ids[0] = save_client (store, "Ann", "Before");
  ids[1] = save_client (store, "Ben", "Before");
  ids[2] = save_client (store, "Cat", "Before");

  limit_to_current_size (database);

  g_assert_true (alliance_database_begin (database, &error));
  g_assert_no_error (error);
  fill_until_error (store, "Bulk", &error);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FULL);
  alliance_database_rollback (database);
  g_clear_error (&error);

  /* Everything from before the batch is intact, nothing of it is there. */
  g_assert_cmpint (count_clients (database), ==, 3);
  g_assert_cmpint (count_clients_named (database, "Bulk"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(AllianceClient) client = alliance_client_store_load (store, ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (client->family_name, ==, "Before");
    }
  assert_integrity_ok (database);

  /* A single save outside a batch fails the same way... */
  {
    g_autoptr(AllianceClient) client = test_client_new ("Dan", "Single");

    client->presenting_concerns = g_strnfill (64 * 1024, 'y');
    g_assert_false (alliance_client_store_save (store, client, NULL, &error));
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FULL);
    g_assert_cmpint (client->id, ==, 0);
    g_clear_error (&error);
  }

  /* ...and once there is room again, the same connection works normally. */
  lift_size_limit (database);
  save_client (store, "Eve", "After");
  g_assert_cmpint (count_clients (database), ==, 4);
  assert_integrity_ok (database);
  g_clear_object (&store);
  g_clear_object (&database);

  /* And so does the file, reopened. */
  database = open_ok (fixture->path);
  g_assert_cmpint (count_clients (database), ==, 4);
  g_assert_cmpint (count_clients_named (database, "Bulk"), ==, 0);
  assert_integrity_ok (database);
}

/* A caller that carries on after an error inside a batch: whatever the
 * batch's commit reports must be the truth about what is on disk. */
static void
test_disk_full_batch_outcome_is_truthful (Fixture       *fixture,
                                          gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = open_ok (fixture->path);
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
  g_autoptr(AllianceClient) late = test_client_new ("Late", "Batch");
  g_autoptr(GError) error = NULL;
  gboolean late_saved, committed;

  save_client (store, "Ann", "Before");

  g_assert_true (alliance_database_begin (database, &error));
  save_client (store, "Early", "Batch");
  limit_to_current_size (database);
  fill_until_error (store, "Bulk", &error);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  lift_size_limit (database);
  late_saved = alliance_client_store_save (store, late, NULL, &error);
  if (!late_saved)
    {
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  committed = alliance_database_commit (database, &error);
  if (!committed)
    {
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  /* On SQLITE_FULL, SQLite rolls back the whole transaction when the
   * statement had no statement journal (a plain one-row insert), or only
   * the statement when it had one (an insert that fires triggers, as the
   * audit log's do). Either way the later save and the commit must agree:
   * both refused, or both done. */
  g_assert_cmpint (late_saved, ==, committed);
  g_assert_true (sqlite3_get_autocommit (alliance_database_get_handle (database)));
  g_clear_object (&store);
  g_clear_object (&database);

  database = open_ok (fixture->path);
  g_assert_cmpint (count_clients_named (database, "Ann"), ==, 1);
  g_assert_cmpint (count_clients_named (database, "Bulk"), ==, 0);
  if (committed)
    {
      /* Only statement-level rollback: what succeeded was committed. */
      g_assert_cmpint (count_clients_named (database, "Early"), ==, 1);
      g_assert_cmpint (count_clients_named (database, "Late"), ==, late_saved ? 1 : 0);
    }
  else
    {
      /* The batch failed: none of it may have reached the disk. */
      g_assert_cmpint (count_clients_named (database, "Early"), ==, 0);
      g_assert_cmpint (count_clients_named (database, "Late"), ==, 0);
    }
  assert_integrity_ok (database);
}

static void
test_constraint_error_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open_in_memory (&error);

  g_assert_false (alliance_database_exec (database,
                                          "INSERT INTO clients (code, given_name, family_name, created_at, updated_at) "
                                          "VALUES ('C-1', '  ', 'X', 'now', 'now')",
                                          &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_false (alliance_database_exec (database, "SELECT * FROM no_such_table", &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_null (alliance_database_prepare (database, "SELEKT 1", &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* The same SQL gives the same cached statement, reset for reuse. */
  {
    sqlite3_stmt *first = alliance_database_prepare (database, "SELECT 41 + ?1", &error);
    sqlite3_stmt *second;

    g_assert_no_error (error);
    sqlite3_bind_int (first, 1, 1);
    g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (first, 0), ==, 42);

    second = alliance_database_prepare (database, "SELECT 41 + ?1", &error);
    g_assert_no_error (error);
    g_assert_true (first == second);
    /* Bindings were cleared: NULL + 41 is NULL. */
    g_assert_cmpint (sqlite3_step (second), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_type (second, 0), ==, SQLITE_NULL);
    alliance_statement_release (second);
  }
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) first = open_ok (fixture->path);
  g_autoptr(AllianceDatabase) second = open_ok (fixture->path);
  g_autoptr(AllianceClientStore) first_store = alliance_client_store_new (first);
  g_autoptr(AllianceClientStore) second_store = alliance_client_store_new (second);
  g_autoptr(AllianceClient) client = test_client_new ("Blocked", "Writer");
  g_autoptr(GError) error = NULL;

  /* Don't wait the full five seconds in a test. */
  sqlite3_busy_timeout (alliance_database_get_handle (second), 50);

  g_assert_true (alliance_database_begin (first, &error));
  save_client (first_store, "Holding", "Lock");

  g_assert_false (alliance_client_store_save (second_store, client, NULL, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_BUSY);
  g_assert_cmpint (client->id, ==, 0);
  g_clear_error (&error);

  g_assert_true (alliance_database_commit (first, &error));
  g_assert_no_error (error);

  /* Once the lock is let go the second connection sees and writes. */
  g_assert_true (alliance_client_store_save (second_store, client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (second), ==, 2);
}

/* ---------------------------------------------------------------------- */
/* Transactions and savepoints */

static void
test_nested_inner_rollback (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = open_ok (fixture->path);
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_database_begin (database, &error));
  save_client (store, "Outer", "Before");

  g_assert_true (alliance_database_begin (database, &error));
  save_client (store, "Inner", "Undone");
  save_client (store, "Inner", "Undone");
  g_assert_cmpint (count_clients (database), ==, 3);
  alliance_database_rollback (database);

  /* Only the inner work is gone; the outer transaction is still open. */
  g_assert_cmpint (count_clients (database), ==, 1);
  g_assert_false (sqlite3_get_autocommit (alliance_database_get_handle (database)));
  save_client (store, "Outer", "After");
  g_assert_true (alliance_database_commit (database, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (alliance_database_get_handle (database)));
  g_clear_object (&store);
  g_clear_object (&database);

  database = open_ok (fixture->path);
  g_assert_cmpint (count_clients (database), ==, 2);
  g_assert_cmpint (count_clients_named (database, "Outer"), ==, 2);
  g_assert_cmpint (count_clients_named (database, "Inner"), ==, 0);
}

static void
test_nested_outer_rollback (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = open_ok (fixture->path);
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
  g_autoptr(GError) error = NULL;

  save_client (store, "Kept", "Earlier");

  g_assert_true (alliance_database_begin (database, &error));
  g_assert_true (alliance_database_begin (database, &error));
  g_assert_true (alliance_database_begin (database, &error));
  save_client (store, "Inner", "Released");
  g_assert_true (alliance_database_commit (database, &error));
  g_assert_true (alliance_database_commit (database, &error));
  g_assert_no_error (error);
  /* A released savepoint is not durable: the outer rollback undoes it. */
  alliance_database_rollback (database);
  g_assert_true (sqlite3_get_autocommit (alliance_database_get_handle (database)));

  g_assert_cmpint (count_clients (database), ==, 1);
  g_assert_cmpint (count_clients_named (database, "Kept"), ==, 1);

  /* Rolling back with nothing open does nothing. */
  alliance_database_rollback (database);
  g_assert_cmpint (count_clients (database), ==, 1);
  g_clear_object (&store);
  g_clear_object (&database);

  database = open_ok (fixture->path);
  g_assert_cmpint (count_clients (database), ==, 1);
}

static void
test_nested_commit_is_durable (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = open_ok (fixture->path);
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_database_begin (database, &error));
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (alliance_database_begin (database, &error));
      save_client (store, i % 2 ? "Odd" : "Even", "Nested");
      if (i % 2)
        alliance_database_rollback (database);
      else
        g_assert_true (alliance_database_commit (database, &error));
      g_assert_no_error (error);
    }
  g_assert_true (alliance_database_commit (database, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_object (&database);

  database = open_ok (fixture->path);
  g_assert_cmpint (count_clients_named (database, "Even"), ==, 3);
  g_assert_cmpint (count_clients_named (database, "Odd"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/database/create/fresh-file", test_fresh_file);
  ADD ("/database/create/empty-file-is-migrated", test_empty_file_is_migrated);
  ADD ("/database/create/version-zero-is-migrated", test_version_zero_database_is_migrated);
  ADD ("/database/reopen-keeps-data", test_reopen_keeps_data);
  ADD ("/database/permissions/tightened", test_loose_permissions_are_tightened);
  g_test_add_func ("/database/in-memory", test_in_memory);
  ADD ("/database/refuse/newer-version", test_refuse_newer_version);
  ADD ("/database/refuse/text-file", test_refuse_text_file);
  ADD ("/database/refuse/random-bytes", test_refuse_random_bytes);
  ADD ("/database/refuse/short-file", test_refuse_short_file);
  ADD ("/database/refuse/header-only", test_refuse_header_only);
  ADD ("/database/refuse/corrupt", test_refuse_corrupt);
  ADD ("/database/refuse/truncated", test_refuse_truncated);
  ADD ("/database/refuse/other-programs-database", test_refuse_other_programs_database);
  ADD ("/database/refuse/other-programs-versioned-database", test_refuse_other_programs_versioned_database);
  ADD ("/database/refuse/read-only-file", test_refuse_read_only_file);
  ADD ("/database/refuse/read-only-folder", test_refuse_read_only_folder);
  ADD ("/database/refuse/missing-folder", test_refuse_missing_folder);
  ADD ("/database/refuse/directory", test_refuse_directory);
  ADD ("/database/write/disk-full", test_disk_full);
  ADD ("/database/write/disk-full-batch-outcome", test_disk_full_batch_outcome_is_truthful);
  ADD ("/database/write/busy", test_busy);
  g_test_add_func ("/database/write/error-codes", test_constraint_error_code);
  ADD ("/database/transaction/inner-rollback", test_nested_inner_rollback);
  ADD ("/database/transaction/outer-rollback", test_nested_outer_rollback);
  ADD ("/database/transaction/nested-commit", test_nested_commit_is_durable);
#undef ADD

  return g_test_run ();
}
