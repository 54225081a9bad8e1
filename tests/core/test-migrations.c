/* test-migrations.c
 *
 * Upgrading is safe: the migration list is well formed, the saved
 * version-1 database (fixtures/schema-v1.sql) opens at the latest version
 * with every byte of its data intact, gains version 2's sessions, notes,
 * immutability triggers and search index, and ends up with exactly the
 * schema of a freshly created one; the saved version-2 database
 * (fixtures/schema-v2.sql) keeps its sessions and notes and gains version
 * 3's measures (with the built-in definitions), administrations and
 * session events; the saved version-3 database (fixtures/schema-v3.sql)
 * keeps its ratings and events and gains version 4's supervision
 * meetings, frozen once signed; the saved version-4 database
 * (fixtures/schema-v4.sql) keeps its meetings and gains version 5's audit
 * log, which starts with the upgrade and logs what is written next; the
 * saved version-5 database (fixtures/schema-v5.sql) keeps its rows and
 * log and gains version 6's disposal register, and its client past
 * retention can be disposed of.
 */
#define G_LOG_DOMAIN "alliance-test-migrations"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-audit.h"
#include "alliance-date.h"
#include "alliance-client-store.h"
#include "alliance-database.h"
#include "alliance-measure-json.h"
#include "alliance-measure-library.h"
#include "alliance-migrations.h"
#include "alliance-rating-store.h"
#include "alliance-retention-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"
#include "test-common.h"

/* dir: a private temporary folder; path: a database file name in it. */
typedef TestDirFixture Fixture;

#define fixture_set_up test_dir_fixture_set_up
#define fixture_tear_down test_dir_fixture_tear_down

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (ALLIANCE_TEST_FIXTURES_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
exec_raw (sqlite3    *handle,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s", message);
}

/* The saved database of schema @version, built with plain SQLite from
 * tests/core/fixtures/schema-vN.sql as an old Alliance left it. */
static void
build_file (const char *path,
            int         version)
{
  g_autofree char *name = g_strdup_printf ("schema-v%d.sql", version);
  g_autofree char *sql = read_fixture (name);
  sqlite3 *raw = test_raw_open (path);

  exec_raw (raw, sql);
  g_assert_cmpint (test_query_int (raw, "PRAGMA user_version"), ==, version);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

/* SQL text with layout differences taken out: whitespace runs become one
 * space, and none is kept just inside parentheses. */
static char *
normalize_sql (const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = TRUE;
          continue;
        }
      if (pending_space && out->len > 0 && out->str[out->len - 1] != '(' && *p != ')')
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every schema object, one per line, sorted, with its normalized SQL. */
static char *
dump_schema (sqlite3 *handle)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT type, name, tbl_name, sql FROM sqlite_master "
                                       "ORDER BY type, name",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *)sqlite3_column_text (stmt, 3);
      g_autofree char *normalized = sql ? normalize_sql (sql) : g_strdup ("(auto)");

      g_string_append_printf (out, "%s %s on %s: %s\n", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2), normalized);
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---------------------------------------------------------------------- */

static void
test_list_is_ordered (void)
{
  const AllianceMigration *migrations;
  guint n_migrations = 0;

  migrations = alliance_migrations_get (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 1);

  /* Step N takes version N-1 to N: no gaps, no repeats. */
  for (guint i = 0; i < n_migrations; i++)
    {
      g_assert_cmpint (migrations[i].version, ==, (int)i + 1);
      g_assert_nonnull (migrations[i].sql);
      g_assert_cmpuint (strlen (migrations[i].sql), >, 0);
      g_assert_true (sqlite3_complete (migrations[i].sql));
    }
  g_assert_cmpint (alliance_database_get_latest_version (), ==, migrations[n_migrations - 1].version);
}

static void
test_fixture_is_v1 (void)
{
  g_autofree char *fixture_sql = read_fixture ("schema-v1.sql");
  const AllianceMigration *migrations;
  guint n_migrations;
  sqlite3 *from_fixture = test_raw_open (":memory:");
  sqlite3 *from_migration = test_raw_open (":memory:");
  g_autofree char *fixture_schema = NULL;
  g_autofree char *migration_schema = NULL;

  migrations = alliance_migrations_get (&n_migrations);
  exec_raw (from_fixture, fixture_sql);
  exec_raw (from_migration, migrations[0].sql);

  /* Migration 1 was not edited after the fixture was saved (and the
   * fixture is a faithful copy): steps are appended, never changed. */
  fixture_schema = dump_schema (from_fixture);
  migration_schema = dump_schema (from_migration);
  g_assert_cmpstr (fixture_schema, ==, migration_schema);
  g_assert_nonnull (strstr (fixture_schema, "table clients on clients"));
  g_assert_nonnull (strstr (fixture_schema, "index goals_by_client on goals"));

  sqlite3_close (from_fixture);
  sqlite3_close (from_migration);
}

static void
test_upgrade_v1_keeps_data (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  sqlite3 *handle;

  build_file (fixture->path, 1);

  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);
  handle = alliance_database_get_handle (database);
  g_assert_cmpint (alliance_database_get_schema_version (database), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (test_query_int (handle, "PRAGMA user_version"), ==, alliance_database_get_latest_version ());
  integrity = test_query_text (handle, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpuint (test_file_mode (fixture->path), ==, 0600);

  store = alliance_client_store_new (database);
  g_assert_cmpint (alliance_client_store_count (store, NULL), ==, 4);

  {
    g_autoptr(AllianceClient) zoe = alliance_client_store_load (store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (zoe->code, ==, "C-0001");
    g_assert_cmpstr (zoe->given_name, ==, "Zoë");
    g_assert_cmpstr (zoe->family_name, ==, "Laurent");
    g_assert_cmpstr (zoe->pronouns, ==, "she/her");
    g_assert_cmpstr (zoe->date_of_birth, ==, "1991-04-12");
    g_assert_cmpint (zoe->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
    g_assert_cmpstr (zoe->referral_source, ==, "GP");
    g_assert_cmpstr (zoe->start_date, ==, "2024-02-03");
    g_assert_null (zoe->discharge_date);
    g_assert_cmpstr (zoe->phone, ==, "+1 613 555 0100");
    g_assert_cmpstr (zoe->email, ==, "zoe@example.org");
    g_assert_cmpstr (zoe->emergency_name, ==, "Sam Rivera");
    g_assert_cmpstr (zoe->emergency_relationship, ==, "Sibling");
    g_assert_cmpstr (zoe->emergency_phone, ==, "+1 613 555 0150");
    g_assert_cmpstr (zoe->presenting_concerns, ==, "Low mood after a bereavement; sleep problems.");
    g_assert_false (zoe->archived);
    g_assert_cmpstr (zoe->created_at, ==, "2024-02-03T09:15:00Z");
    g_assert_cmpstr (zoe->updated_at, ==, "2024-02-10T17:40:12Z");
  }
  {
    g_autoptr(AllianceClient) kate = alliance_client_store_load (store, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (kate->family_name, ==, "O'Connor-Whitfield");
    g_assert_cmpstr (kate->preferred_name, ==, "Kate");
    g_assert_cmpint (kate->status, ==, ALLIANCE_CLIENT_STATUS_ON_HOLD);
    g_assert_cmpstr (kate->presenting_concerns, ==,
                     "Work stress and burnout.\nSecond line of the note, with \"quotes\" and a tab:\there.");
  }
  {
    g_autoptr(AllianceClient) minh = alliance_client_store_load (store, 3, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (minh->given_name, ==, "Nguyễn");
    g_assert_cmpstr (minh->family_name, ==, "Thị Minh Anh");
    g_assert_cmpstr (minh->date_of_birth, ==, "2000-02-29");
    g_assert_cmpint (minh->status, ==, ALLIANCE_CLIENT_STATUS_DISCHARGED);
    g_assert_cmpstr (minh->discharge_date, ==, "2023-11-20");
    g_assert_cmpstr (minh->discharge_reason, ==, "Goals met; agreed ending.");
    g_assert_true (minh->archived);
  }
  {
    g_autoptr(AllianceClient) robert = alliance_client_store_load (store, 4, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (robert->code, ==, "GROUP-7");
    g_assert_cmpstr (robert->given_name, ==, "Robert'); DROP TABLE clients;--");
    g_assert_cmpint (robert->status, ==, ALLIANCE_CLIENT_STATUS_WAITLIST);
    g_assert_null (robert->date_of_birth);
    g_assert_null (robert->start_date);
  }
  {
    g_autoptr(GPtrArray) goals = alliance_client_store_list_goals (store, 1, &error);
    AllianceGoal *first, *second;

    g_assert_no_error (error);
    g_assert_cmpuint (goals->len, ==, 2);
    first = goals->pdata[0];
    second = goals->pdata[1];
    g_assert_cmpint (first->id, ==, 1);
    g_assert_cmpint (first->status, ==, ALLIANCE_GOAL_STATUS_ACTIVE);
    g_assert_cmpstr (first->description, ==, "Sleep at least six hours on most nights");
    g_assert_cmpint (second->id, ==, 2);
    g_assert_cmpint (second->status, ==, ALLIANCE_GOAL_STATUS_ACHIEVED);
    g_assert_cmpstr (second->reviewed_on, ==, "2024-04-01");
  }
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM goals"), ==, 4);

  /* The upgraded file takes new work, continuing its numbering. */
  {
    g_autoptr(AllianceClient) client = test_client_new ("New", "Client");

    g_assert_true (alliance_client_store_save (store, client, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (client->code, ==, "C-0004");
    g_assert_cmpint (client->id, ==, 5);
  }
  g_clear_object (&store);
  g_clear_object (&database);

  /* And opens again, already at the latest version. */
  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM clients"), ==, 5);
}

static gboolean
schema_has (sqlite3    *handle,
            const char *type,
            const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = '%s' AND name = '%s'",
                                          type, name);

  return test_query_int (handle, sql) == 1;
}

/* Fails naming the first of @names (each a @type: table, index, trigger)
 * the schema lacks. */
static void
assert_schema_has_all (sqlite3           *handle,
                       const char        *type,
                       const char * const *names,
                       gsize              n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (!schema_has (handle, type, names[i]))
      g_error ("%s %s is missing", type, names[i]);
}

/* Opens the old file at @fixture->path, which upgrades it to the latest
 * schema, at least @version. */
static AllianceDatabase *
open_upgraded (Fixture *fixture,
               int      version)
{
  g_autoptr(GError) error = NULL;
  AllianceDatabase *database = alliance_database_open (fixture->path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (alliance_database_get_schema_version (database), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (alliance_database_get_schema_version (database), >=, version);
  return database;
}

/* What every upgraded file must be: sound, its references whole, private. */
static void
assert_upgraded_file_sound (sqlite3    *handle,
                            const char *path)
{
  g_autofree char *integrity = test_query_text (handle, "PRAGMA integrity_check");

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
}

static void
test_upgrade_v1_adds_v2 (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char *tables[] = { "sessions", "notes", "note_sections", "note_addenda", "note_search" };
  static const char *indexes[] = { "sessions_by_client", "note_addenda_by_note" };
  static const char *triggers[] = {
    "notes_signed_no_update", "notes_signed_no_delete", "note_sections_signed_no_insert",
    "note_sections_signed_no_update", "note_sections_signed_no_delete", "note_addenda_need_signed_note",
    "note_addenda_no_update", "note_addenda_no_delete", "sessions_signed_frozen", "sessions_signed_no_delete",
    "sessions_error_reason_kept", "note_sections_search_insert", "note_sections_search_update",
    "note_sections_search_delete", "note_addenda_search_insert",
  };
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSessionStore) store = NULL;
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(AllianceNote) note = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture_dump = NULL;
  g_autofree char *clients_before = NULL;
  g_autofree char *clients_after = NULL;
  sqlite3 *handle;

  build_file (fixture->path, 1);
  {
    sqlite3 *raw = test_raw_open (fixture->path);

    clients_before = test_query_text (raw, "SELECT group_concat(quote(id) || quote(code) || quote(given_name) || "
                                           "quote(family_name) || quote(updated_at) || quote(presenting_concerns), "
                                           "'|') FROM (SELECT * FROM clients ORDER BY id)");
    fixture_dump = test_query_text (raw, "SELECT group_concat(quote(id) || quote(description) || quote(status), '|') "
                                         "FROM (SELECT * FROM goals ORDER BY id)");
    g_assert_false (schema_has (raw, "table", "sessions"));
    sqlite3_close (raw);
  }

  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  handle = alliance_database_get_handle (database);
  g_assert_cmpint (alliance_database_get_schema_version (database), >=, 2);

  assert_schema_has_all (handle, "table", tables, G_N_ELEMENTS (tables));
  assert_schema_has_all (handle, "index", indexes, G_N_ELEMENTS (indexes));
  assert_schema_has_all (handle, "trigger", triggers, G_N_ELEMENTS (triggers));

  /* Version 1's data, byte for byte; the new tables empty. */
  clients_after = test_query_text (handle, "SELECT group_concat(quote(id) || quote(code) || quote(given_name) || "
                                           "quote(family_name) || quote(updated_at) || quote(presenting_concerns), "
                                           "'|') FROM (SELECT * FROM clients ORDER BY id)");
  g_assert_cmpstr (clients_after, ==, clients_before);
  {
    g_autofree char *goals_after = test_query_text (handle, "SELECT group_concat(quote(id) || quote(description) || "
                                                            "quote(status), '|') FROM (SELECT * FROM goals ORDER BY id)");
    g_assert_cmpstr (goals_after, ==, fixture_dump);
  }
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM sessions"), ==, 0);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM note_search"), ==, 0);

  /* An old client gets sessions, a signed note and an addendum, searchable. */
  store = alliance_session_store_new (database);
  session = alliance_session_new (1);
  session->starts_at = g_strdup ("2024-02-10 09:00");
  g_assert_true (alliance_session_store_save_session (store, session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (session->number, ==, 1);

  note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_DAP);
  g_free (note->sections[0]);
  note->sections[0] = g_strdup ("Zoë talked about her thérapeute.");
  g_assert_true (alliance_session_store_sign_note (store, note, "Dr Sam Rivera", &error));
  g_assert_no_error (error);
  g_assert_true (alliance_session_store_add_addendum (store, note, "Late entry.", "Dr Sam Rivera", &error));
  g_assert_no_error (error);

  hits = alliance_session_store_search (store, "therapeute", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((AllianceSearchHit *)g_ptr_array_index (hits, 0))->client_code, ==, "C-0001");

  /* The triggers are live in the upgraded file. */
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE note_sections SET body = 'x'", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM sessions", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static void
test_upgraded_schema_matches_fresh (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autoptr(AllianceDatabase) upgraded = NULL;
  g_autoptr(AllianceDatabase) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upgraded_schema = NULL;
  g_autofree char *fresh_schema = NULL;

  /* user_data: the version of the old file. */
  build_file (fixture->path, GPOINTER_TO_INT (user_data));
  upgraded = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  fresh = alliance_database_open (fresh_path, &error);
  g_assert_no_error (error);

  upgraded_schema = dump_schema (alliance_database_get_handle (upgraded));
  fresh_schema = dump_schema (alliance_database_get_handle (fresh));
  g_assert_cmpstr (upgraded_schema, ==, fresh_schema);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (upgraded), "SELECT count(*) FROM measures"), ==,
                   test_query_int (alliance_database_get_handle (fresh), "SELECT count(*) FROM measures"));
}

/* The saved fixture has exactly the schema of the first @n_steps
 * migrations: they were not edited after it was saved (and it is a
 * faithful copy). @expected names an object it must have. */
static void
assert_fixture_schema (const char *fixture_name,
                       guint       n_steps,
                       const char *expected)
{
  g_autofree char *fixture_sql = read_fixture (fixture_name);
  const AllianceMigration *migrations;
  guint n_migrations;
  sqlite3 *from_fixture = test_raw_open (":memory:");
  sqlite3 *from_migration = test_raw_open (":memory:");
  g_autofree char *fixture_schema = NULL;
  g_autofree char *migration_schema = NULL;

  migrations = alliance_migrations_get (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, n_steps);
  exec_raw (from_fixture, fixture_sql);
  for (guint i = 0; i < n_steps; i++)
    exec_raw (from_migration, migrations[i].sql);

  fixture_schema = dump_schema (from_fixture);
  migration_schema = dump_schema (from_migration);
  g_assert_cmpstr (fixture_schema, ==, migration_schema);
  g_assert_nonnull (strstr (fixture_schema, expected));

  sqlite3_close (from_fixture);
  sqlite3_close (from_migration);
}

static void
test_fixture_is_v2 (void)
{
  const AllianceMigration *migrations;
  guint n_migrations;

  migrations = alliance_migrations_get (&n_migrations);
  g_assert_null (migrations[0].after);
  g_assert_null (migrations[1].after);
  assert_fixture_schema ("schema-v2.sql", 2, "trigger sessions_signed_frozen on sessions");
}

/* Every row of the version-2 tables, quoted, in one string. */
static char *
dump_v2_rows (sqlite3 *handle)
{
  static const char *queries[] = {
    "SELECT group_concat(quote(id) || quote(code) || quote(given_name) || quote(family_name) || "
    "quote(updated_at) || quote(presenting_concerns), '|') FROM (SELECT * FROM clients ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(description) || quote(status), '|') FROM (SELECT * FROM goals ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(client_id) || quote(starts_at) || quote(duration_minutes) || quote(kind) || "
    "quote(modality) || quote(attendance) || quote(error_reason) || quote(created_at) || quote(updated_at), '|') "
    "FROM (SELECT * FROM sessions ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(session_id) || quote(template) || quote(process_note) || "
    "quote(signed_at) || quote(signed_by) || quote(content_sha256) || quote(updated_at), '|') "
    "FROM (SELECT * FROM notes ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(note_id) || quote(position) || quote(section) || quote(body), '|') "
    "FROM (SELECT * FROM note_sections ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(note_id) || quote(body) || quote(signed_at) || quote(content_sha256), '|') "
    "FROM (SELECT * FROM note_addenda ORDER BY id)",
    "SELECT group_concat(quote(rowid) || quote(body), '|') FROM (SELECT rowid, body FROM note_search ORDER BY rowid)",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = test_query_text (handle, queries[i]);

      g_assert_nonnull (rows);
      g_string_append_printf (out, "%s\n", rows);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_upgrade_v2_adds_v3 (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char *tables[] = { "measures", "administrations", "item_scores", "session_events" };
  static const char *triggers[] = {
    "measures_in_use_frozen", "measures_in_use_no_delete", "administrations_client_insert",
    "administrations_client_update", "session_events_repair_insert", "session_events_repair_update",
    "sessions_delete_repairs_first",
  };
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceRatingStore) store = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(GPtrArray) builtins = alliance_measure_library_list ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  sqlite3 *handle;

  build_file (fixture->path, 2);
  {
    sqlite3 *raw = test_raw_open (fixture->path);

    rows_before = dump_v2_rows (raw);
    g_assert_false (schema_has (raw, "table", "measures"));
    sqlite3_close (raw);
  }

  database = open_upgraded (fixture, 3);
  handle = alliance_database_get_handle (database);
  assert_schema_has_all (handle, "table", tables, G_N_ELEMENTS (tables));
  assert_schema_has_all (handle, "trigger", triggers, G_N_ELEMENTS (triggers));

  /* Version 2's rows, byte for byte. */
  rows_after = dump_v2_rows (handle);
  g_assert_cmpstr (rows_after, ==, rows_before);
  assert_upgraded_file_sound (handle, fixture->path);

  /* The built-in definitions, each at its library version, as its JSON. */
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM measures"), ==, builtins->len);
  for (guint i = 0; i < builtins->len; i++)
    {
      const AllianceMeasure *measure = g_ptr_array_index (builtins, i);
      g_autofree char *json = alliance_measure_to_json (measure);
      g_autofree char *sql = g_strdup_printf ("SELECT definition FROM measures WHERE key = '%s' AND version = %d "
                                              "AND builtin = 1 AND retired = 0 AND name = '%s'",
                                              measure->id, measure->version, measure->name);
      g_autofree char *stored = test_query_text (handle, sql);

      g_assert_cmpstr (stored, ==, json);
    }
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM administrations"), ==, 0);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM session_events"), ==, 0);

  /* The old sessions take answers and events; the old search still works. */
  store = alliance_rating_store_new (database);
  {
    const AllianceMeasure *check = alliance_rating_store_get_current_measure (store, ALLIANCE_MEASURE_ALLIANCE_CHECK,
                                                                              &error);
    g_autoptr(AllianceAdministration) administration = NULL;
    g_autoptr(AllianceSessionEvent) rupture = alliance_session_event_new (1, ALLIANCE_EVENT_RUPTURE);

    g_assert_no_error (error);
    administration = alliance_administration_new (1, 1, check);
    for (guint i = 0; i < administration->n_values; i++)
      administration->values[i] = 7;
    g_assert_true (alliance_rating_store_save_administration (store, administration, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (administration->administered_at, ==, "2024-02-10 09:00");
    g_assert_true (alliance_rating_store_save_event (store, rupture, &error));
    g_assert_no_error (error);
  }
  sessions = alliance_session_store_new (database);
  hits = alliance_session_store_search (sessions, "therapeute", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  /* The signed note's session is still frozen. */
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM sessions WHERE id = 1", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM session_events"), ==, 1);

  g_clear_object (&store);
  g_clear_object (&sessions);
  g_clear_object (&database);

  /* Opening again adds nothing twice. */
  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM measures"), ==,
                   builtins->len);
}

/* Migration 3's C step only adds rows: the schema is the SQL's. */
static void
test_fixture_is_v3 (void)
{
  assert_fixture_schema ("schema-v3.sql", 3, "trigger item_scores_in_range on item_scores");
}

/* Every row of the version-3 tables, quoted, in one string. */
static char *
dump_v3_rows (sqlite3 *handle)
{
  static const char *queries[] = {
    "SELECT group_concat(quote(id) || quote(key) || quote(version) || quote(name) || quote(definition) || "
    "quote(builtin) || quote(retired) || quote(created_at), '|') FROM (SELECT * FROM measures ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(client_id) || quote(session_id) || quote(measure_id) || quote(rater) || "
    "quote(entry_order) || quote(complete) || quote(updated_at), '|') FROM (SELECT * FROM administrations ORDER BY id)",
    "SELECT group_concat(quote(administration_id) || quote(position) || quote(value), '|') "
    "FROM (SELECT * FROM item_scores ORDER BY administration_id, position)",
    "SELECT group_concat(quote(id) || quote(session_id) || quote(kind) || quote(rupture_type) || quote(intensity) || "
    "quote(strategy) || quote(resolved) || quote(rupture_id) || quote(boundary_kind) || quote(note), '|') "
    "FROM (SELECT * FROM session_events ORDER BY id)",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *v2_rows = dump_v2_rows (handle);

  g_string_append (out, v2_rows);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = test_query_text (handle, queries[i]);

      g_assert_nonnull (rows);
      g_string_append_printf (out, "%s\n", rows);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_upgrade_v3_adds_v4 (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char *tables[] = {
    "supervision_meetings", "supervision_discussions", "supervision_excerpts", "action_items", "supervision_addenda",
  };
  static const char *triggers[] = {
    "supervision_meetings_signed_no_update", "supervision_meetings_signed_no_delete",
    "supervision_discussions_signed_no_insert", "supervision_discussions_signed_no_update",
    "supervision_discussions_signed_no_delete", "supervision_excerpts_signed_no_insert",
    "supervision_excerpts_signed_no_update", "supervision_excerpts_signed_no_delete",
    "action_items_signed_no_insert", "action_items_signed_no_update", "action_items_signed_no_delete",
    "supervision_addenda_need_signed_meeting", "supervision_addenda_no_update", "supervision_addenda_no_delete",
  };
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSupervisionStore) store = NULL;
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  g_autofree char *last = NULL;
  AllianceSupervisionDiscussion *discussion;
  sqlite3 *handle;

  build_file (fixture->path, 3);
  {
    sqlite3 *raw = test_raw_open (fixture->path);

    rows_before = dump_v3_rows (raw);
    g_assert_false (schema_has (raw, "table", "supervision_meetings"));
    sqlite3_close (raw);
  }

  database = open_upgraded (fixture, 4);
  handle = alliance_database_get_handle (database);
  assert_schema_has_all (handle, "table", tables, G_N_ELEMENTS (tables));
  assert_schema_has_all (handle, "trigger", triggers, G_N_ELEMENTS (triggers));

  /* Version 3's rows, byte for byte. */
  rows_after = dump_v3_rows (handle);
  g_assert_cmpstr (rows_after, ==, rows_before);
  assert_upgraded_file_sound (handle, fixture->path);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM supervision_meetings"), ==, 0);

  /* The old client and her signed note go to supervision. */
  store = alliance_supervision_store_new (database);
  last = alliance_supervision_store_dup_last_meeting_date (store, &error);
  g_assert_no_error (error);
  g_assert_null (last);
  meeting = alliance_supervision_store_ensure_agenda (store, "2024-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (meeting->period_start, ==, "2024-02-02");
  discussion = alliance_meeting_add_discussion (meeting, 1);
  g_free (discussion->question);
  discussion->question = g_strdup ("Is the sleep work enough?");
  g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (1, "[name] talked about her sleep."));
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (1, "Keep the sleep diary going"));
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Dr Ana Ruiz");
  g_assert_true (alliance_supervision_store_sign_meeting (store, meeting, "Dr Sam Rivera", NULL, &error));
  g_assert_no_error (error);
  items = alliance_supervision_store_list_action_items (store, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);

  /* The new triggers are live in the upgraded file; the old ones too. */
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE action_items SET text = 'x'", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM supervision_meetings", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE note_sections SET body = 'x'", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE item_scores SET value = 1", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  /* A client discussed in supervision keeps the record. */
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM clients WHERE id = 1", NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  g_clear_object (&store);
  g_clear_object (&database);

  /* Opening again changes nothing. */
  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM action_items"), ==, 1);
}

static void
test_fixture_is_v4 (void)
{
  assert_fixture_schema ("schema-v4.sql", 4, "trigger action_items_signed_no_update on action_items");
}

/* Every row of the version-4 tables, quoted, in one string. */
static char *
dump_v4_rows (sqlite3 *handle)
{
  static const char *queries[] = {
    "SELECT group_concat(quote(id) || quote(meeting_date) || quote(supervisor) || quote(format) || "
    "quote(period_start) || quote(period_end) || quote(notes) || quote(signed_at) || quote(signed_by) || "
    "quote(content_sha256) || quote(created_at) || quote(updated_at), '|') "
    "FROM (SELECT * FROM supervision_meetings ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(meeting_id) || quote(client_id) || quote(position) || quote(question) || "
    "quote(discussion), '|') FROM (SELECT * FROM supervision_discussions ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(discussion_id) || quote(note_id) || quote(position) || quote(text), '|') "
    "FROM (SELECT * FROM supervision_excerpts ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(meeting_id) || quote(client_id) || quote(position) || quote(text) || "
    "quote(done_on) || quote(created_at), '|') FROM (SELECT * FROM action_items ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(meeting_id) || quote(body) || quote(signed_at) || quote(signed_by) || "
    "quote(content_sha256) || quote(created_at), '|') FROM (SELECT * FROM supervision_addenda ORDER BY id)",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *v3_rows = dump_v3_rows (handle);

  g_string_append (out, v3_rows);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = test_query_text (handle, queries[i]);

      g_assert_nonnull (rows);
      g_string_append_printf (out, "%s\n", rows);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_upgrade_v4_adds_v5 (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSupervisionStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  AllianceAuditEntry *entry;
  gint64 broken = -1;
  guint64 n_rows = 0;
  sqlite3 *handle;

  build_file (fixture->path, 4);
  {
    sqlite3 *raw = test_raw_open (fixture->path);

    rows_before = dump_v4_rows (raw);
    g_assert_false (schema_has (raw, "table", "audit_log"));
    sqlite3_close (raw);
  }

  database = open_upgraded (fixture, 5);
  handle = alliance_database_get_handle (database);
  g_assert_true (schema_has (handle, "table", "audit_log"));
  g_assert_true (schema_has (handle, "trigger", "audit_log_no_update"));
  g_assert_true (schema_has (handle, "trigger", "notes_audit_sign"));

  /* Version 4's rows, byte for byte: the upgrade logs no record of them. */
  rows_after = dump_v4_rows (handle);
  g_assert_cmpstr (rows_after, ==, rows_before);
  assert_upgraded_file_sound (handle, fixture->path);

  /* The log starts with the upgrade. */
  entries = alliance_audit_list (database, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->action, ==, ALLIANCE_AUDIT_CREATE);
  g_assert_cmpstr (entry->entity_type, ==, "audit_log");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Writes to the old records are logged from now on. */
  store = alliance_supervision_store_new (database);
  g_assert_true (alliance_supervision_store_set_action_item_done (store, 2, "2024-03-20", &error));
  g_assert_no_error (error);
  entries = alliance_audit_list (database, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->action, ==, ALLIANCE_AUDIT_CHANGE);
  g_assert_cmpstr (entry->entity_type, ==, "action_item");
  g_assert_cmpint (entry->entity_id, ==, 2);
  g_assert_true (alliance_audit_verify (database, &broken, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);

  /* The old triggers are live; the signed meeting stays frozen. */
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE supervision_meetings SET notes = 'x' WHERE id = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_object (&store);
  g_clear_object (&database);

  /* Opening again logs nothing. */
  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM audit_log"), ==, 2);
}

static void
test_fixture_is_v5 (void)
{
  assert_fixture_schema ("schema-v5.sql", 5, "trigger audit_log_no_delete on audit_log");
}

/* Every row of the version-5 tables, quoted, in one string. */
static char *
dump_v5_rows (sqlite3 *handle)
{
  g_autofree char *v4_rows = dump_v4_rows (handle);
  g_autofree char *audit_rows = test_query_text (handle,
                                                 "SELECT group_concat(quote(id) || quote(at) || quote(action) || "
                                                 "quote(entity_type) || quote(entity_id) || quote(previous_hash) || "
                                                 "quote(hash), '|') FROM (SELECT * FROM audit_log ORDER BY id)");

  g_assert_nonnull (audit_rows);
  return g_strdup_printf ("%s%s\n", v4_rows, audit_rows);
}

static void
test_upgrade_v5_adds_v6 (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char *tables[] = { "disposal_register", "disposal_in_progress", "disposal_never_committed" };
  static const char *triggers[] = {
    "disposal_register_no_update", "disposal_register_no_delete", "disposal_register_during_disposal",
    "disposal_in_progress_discharged", "disposal_never_committed_stays_empty", "note_addenda_search_delete",
    "notes_signed_no_delete", "note_sections_signed_no_delete", "note_addenda_no_delete",
    "sessions_signed_no_delete", "supervision_discussions_signed_no_delete",
    "supervision_excerpts_signed_no_delete", "action_items_signed_no_delete",
  };
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceRetentionStore) retention = NULL;
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  g_autofree char *today = alliance_date_today ();
  const AllianceRetentionRecord *record;
  gint64 broken = -1, n_audit;
  guint64 n_rows = 0;
  sqlite3 *handle;

  build_file (fixture->path, 5);
  {
    sqlite3 *raw = test_raw_open (fixture->path);

    rows_before = dump_v5_rows (raw);
    g_assert_false (schema_has (raw, "table", "disposal_register"));
    /* The writes after the upgrade were logged. */
    g_assert_cmpint (test_query_int (raw, "SELECT count(*) FROM audit_log"), >, 4);
    sqlite3_close (raw);
  }

  database = open_upgraded (fixture, 6);
  handle = alliance_database_get_handle (database);
  assert_schema_has_all (handle, "table", tables, G_N_ELEMENTS (tables));
  assert_schema_has_all (handle, "trigger", triggers, G_N_ELEMENTS (triggers));

  /* Version 5's rows, byte for byte, and the log's chain intact. */
  rows_after = dump_v5_rows (handle);
  g_assert_cmpstr (rows_after, ==, rows_before);
  assert_upgraded_file_sound (handle, fixture->path);
  g_assert_true (alliance_audit_verify (database, &broken, &n_rows, &error));
  g_assert_no_error (error);
  n_audit = test_query_int (handle, "SELECT count(*) FROM audit_log");

  /* The signed records of version 2 stay frozen under the new triggers. */
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM notes WHERE id = 1", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM note_addenda", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM supervision_discussions", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);

  /* The client discharged in 2012 is past retention and can be disposed of. */
  clients = alliance_client_store_new (database);
  retention = alliance_retention_store_new (clients);
  past = alliance_retention_store_list_past (retention, today, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (past->len, ==, 1);
  record = g_ptr_array_index (past, 0);
  g_assert_cmpstr (record->code, ==, "C-0003");
  g_assert_cmpstr (record->last_contact_date, ==, "2012-05-14");
  g_assert_cmpstr (record->retention_date, ==, "2022-05-14");
  g_assert_true (alliance_retention_store_dispose_client (retention, record->client_id, today, 10, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM clients"), ==, 2);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM notes"), ==, 2);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM note_addenda"), ==, 1);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM note_search WHERE note_search MATCH 'lighthouse'"),
                   ==, 0);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM disposal_register WHERE client_code = 'C-0003'"),
                   ==, 1);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM audit_log WHERE action = 'disposal'"), ==, 1);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM audit_log"), >, n_audit);
  g_assert_true (alliance_audit_verify (database, &broken, &n_rows, &error));
  g_assert_no_error (error);
  g_clear_object (&retention);
  g_clear_object (&clients);
  g_clear_object (&database);

  /* Opening again changes nothing. */
  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM disposal_register"),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrations/list-is-ordered", test_list_is_ordered);
  g_test_add_func ("/migrations/fixture-is-v1", test_fixture_is_v1);
  g_test_add ("/migrations/upgrade-v1/keeps-data", Fixture, NULL, fixture_set_up, test_upgrade_v1_keeps_data,
              fixture_tear_down);
  g_test_add ("/migrations/upgrade-v1/adds-v2", Fixture, NULL, fixture_set_up, test_upgrade_v1_adds_v2,
              fixture_tear_down);
  g_test_add ("/migrations/upgrade-v1/schema-matches-fresh", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_upgraded_schema_matches_fresh, fixture_tear_down);
  g_test_add_func ("/migrations/fixture-is-v2", test_fixture_is_v2);
  g_test_add ("/migrations/upgrade-v2/adds-v3", Fixture, NULL, fixture_set_up, test_upgrade_v2_adds_v3,
              fixture_tear_down);
  g_test_add ("/migrations/upgrade-v2/schema-matches-fresh", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_upgraded_schema_matches_fresh, fixture_tear_down);
  g_test_add_func ("/migrations/fixture-is-v3", test_fixture_is_v3);
  g_test_add ("/migrations/upgrade-v3/adds-v4", Fixture, NULL, fixture_set_up, test_upgrade_v3_adds_v4,
              fixture_tear_down);
  g_test_add ("/migrations/upgrade-v3/schema-matches-fresh", Fixture, GINT_TO_POINTER (3), fixture_set_up,
              test_upgraded_schema_matches_fresh, fixture_tear_down);
  g_test_add_func ("/migrations/fixture-is-v4", test_fixture_is_v4);
  g_test_add ("/migrations/upgrade-v4/adds-v5", Fixture, NULL, fixture_set_up, test_upgrade_v4_adds_v5,
              fixture_tear_down);
  g_test_add ("/migrations/upgrade-v4/schema-matches-fresh", Fixture, GINT_TO_POINTER (4), fixture_set_up,
              test_upgraded_schema_matches_fresh, fixture_tear_down);
  g_test_add_func ("/migrations/fixture-is-v5", test_fixture_is_v5);
  g_test_add ("/migrations/upgrade-v5/adds-v6", Fixture, NULL, fixture_set_up, test_upgrade_v5_adds_v6,
              fixture_tear_down);
  g_test_add ("/migrations/upgrade-v5/schema-matches-fresh", Fixture, GINT_TO_POINTER (5), fixture_set_up,
              test_upgraded_schema_matches_fresh, fixture_tear_down);

  return g_test_run ();
}
