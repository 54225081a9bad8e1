/* test-caseload-flags.c
 *
 * The caseload loader against a real file: every client gets an entry,
 * histories do not leak from one client to the next, session numbers are
 * counted as the store counts them, sessions entered in error and custom
 * measures are handled, files that are not Alliance databases (or have no
 * ratings yet) are refused, and the threaded variant and the stores, one
 * client at a time, return the same. Boundary events count from the last
 * supervision held (a signed meeting) when there is one.
 */
#define G_LOG_DOMAIN "alliance-test-caseload-flags"

#include "config.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>

#include "alliance-caseload-flags.h"
#include "alliance-database.h"
#include "alliance-measure-json.h"
#include "alliance-measure-library.h"
#include "alliance-migrations.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "test-common.h"

static void
exec (sqlite3    *handle,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
exec_printf (sqlite3    *handle,
             const char *format,
             ...)
{
  va_list args;
  char *sql;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  exec (handle, sql);
  sqlite3_free (sql);
}

/* A measure row for @measure, unless the database already has it. */
static void
insert_measure (sqlite3               *handle,
                const AllianceMeasure *measure,
                gboolean               builtin)
{
  g_autofree char *json = alliance_measure_to_json (measure);

  exec_printf (handle,
               "INSERT OR IGNORE INTO measures (key, version, name, definition, builtin, created_at) "
               "VALUES (%Q, %d, %Q, %Q, %d, '2026-01-01T00:00:00Z')",
               measure->id, measure->version, measure->name, json, builtin);
}

static void
add_client (sqlite3 *handle,
            gint64   id)
{
  exec_printf (handle,
               "INSERT INTO clients (id, code, given_name, family_name, status, created_at, updated_at) "
               "VALUES (%lld, 'C%lld', 'Given', 'Family', 'active', 'now', 'now')",
               (long long)id, (long long)id);
}

static void
add_session (sqlite3    *handle,
             gint64      id,
             gint64      client_id,
             const char *starts_at,
             const char *attendance,
             const char *error_reason)
{
  exec_printf (handle,
               "INSERT INTO sessions (id, client_id, starts_at, duration_minutes, attendance, error_reason,"
               " created_at, updated_at) VALUES (%lld, %lld, %Q, 50, %Q, %Q, 'now', 'now')",
               (long long)id, (long long)client_id, starts_at, attendance, error_reason);
}

/* An administration of @key at @session_id; @values as "v0,v1,…", "-" for
 * an unanswered item. */
static void
add_rating (sqlite3    *handle,
            gint64      id,
            gint64      client_id,
            gint64      session_id,
            const char *key,
            int         entry_order,
            const char *values)
{
  g_auto(GStrv) parts = g_strsplit (values, ",", -1);
  gboolean complete = TRUE;

  for (guint i = 0; parts[i] != NULL; i++)
    complete &= g_strcmp0 (parts[i], "-") != 0;
  exec_printf (handle,
               "INSERT INTO administrations (id, client_id, session_id, measure_id, rater, entry_order,"
               " complete, created_at, updated_at) VALUES (%lld, %lld, %lld,"
               " (SELECT id FROM measures WHERE key = %Q ORDER BY version DESC LIMIT 1),"
               " 'client', %d, %d, 'now', 'now')",
               (long long)id, (long long)client_id, (long long)session_id, key, entry_order, complete);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strcmp0 (parts[i], "-") != 0)
      exec_printf (handle, "INSERT INTO item_scores VALUES (%lld, %u, %s)", (long long)id, i, parts[i]);
}

static void
add_event (sqlite3    *handle,
           gint64      id,
           gint64      session_id,
           const char *kind)
{
  const char *columns = g_str_equal (kind, "rupture")
    ? "'withdrawal', 2, NULL, NULL, NULL, NULL"
    : "NULL, NULL, NULL, NULL, NULL, 'gift'";

  exec_printf (handle,
               "INSERT INTO session_events (id, session_id, kind, rupture_type, intensity, strategy,"
               " resolved, rupture_id, boundary_kind, created_at) VALUES (%lld, %lld, %Q, %s, 'now')",
               (long long)id, (long long)session_id, kind, columns);
}

/* A database of format 3 or later with the built-in measures stored. */
static sqlite3 *
create_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (path, &error);
  g_autoptr(GPtrArray) library = alliance_measure_library_list ();
  sqlite3 *handle;

  g_assert_no_error (error);
  g_assert_cmpint (alliance_database_get_schema_version (database), >=, 3);
  g_clear_object (&database);

  handle = test_raw_open (path);
  for (guint i = 0; i < library->len; i++)
    insert_measure (handle, g_ptr_array_index (library, i), TRUE);
  return handle;
}

static void
today_init (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 27, G_DATE_NOVEMBER, 2026);
}

static void
fill_caseload (sqlite3 *handle)
{
  g_autoptr(AllianceMeasure) custom = alliance_measure_new ("srs-like", "Session rating", ALLIANCE_MEASURE_RATER_CLIENT);

  alliance_measure_add_item (custom, "1", "Relationship", 0, 10, FALSE);
  alliance_measure_add_item (custom, "2", "Goals", 0, 10, FALSE);
  custom->purpose = ALLIANCE_MEASURE_PURPOSE_ALLIANCE;
  custom->higher_is_better = TRUE;
  alliance_measure_set_cutoff (custom, ALLIANCE_MEASURE_CUTOFF_BELOW, 18);
  custom->version = 1;
  insert_measure (handle, custom, FALSE);

  exec (handle, "BEGIN");
  /* 1: low alliance check, then an unrepaired rupture. */
  add_client (handle, 1);
  add_session (handle, 10, 1, "2026-11-13 10:00", "attended", NULL);
  add_session (handle, 11, 1, "2026-11-20 10:00", "attended", NULL);
  add_rating (handle, 100, 1, 10, ALLIANCE_MEASURE_ALLIANCE_CHECK, 1, "9,9,9");
  add_rating (handle, 101, 1, 11, ALLIANCE_MEASURE_ALLIANCE_CHECK, 1, "7,7,7");
  add_event (handle, 1000, 11, "rupture");

  /* 2: nothing at all. */
  add_client (handle, 2);

  /* 3: two no-shows; a low score entered in error; PHQ-9 item 9 answered;
   * a custom alliance measure below its cut-off, then an incomplete one. */
  add_client (handle, 3);
  add_session (handle, 30, 3, "2026-11-06 10:00", "attended", NULL);
  add_session (handle, 31, 3, "2026-11-13 10:00", "no-show", NULL);
  add_session (handle, 32, 3, "2026-11-20 10:00", "late-cancelled", NULL);
  add_session (handle, 33, 3, "2026-11-21 10:00", "attended", "Wrong client");
  add_session (handle, 34, 3, "2026-12-01 10:00", "attended", NULL);
  add_rating (handle, 300, 3, 30, "srs-like", 1, "8,8");
  add_rating (handle, 301, 3, 30, ALLIANCE_MEASURE_PHQ9, 2, "1,1,1,1,1,1,1,1,1");
  add_rating (handle, 302, 3, 33, ALLIANCE_MEASURE_ALLIANCE_CHECK, 1, "1,1,1");
  add_rating (handle, 303, 3, 31, "srs-like", 1, "-,2");
  add_event (handle, 3000, 30, "boundary");

  /* 4: discharged, with a low score and a risk answer: only the risk counts. */
  add_client (handle, 4);
  exec (handle, "UPDATE clients SET status = 'discharged', start_date = '2026-10-01', "
                "discharge_date = '2026-11-25' WHERE id = 4");
  add_session (handle, 40, 4, "2026-11-20 10:00", "attended", NULL);
  add_rating (handle, 400, 4, 40, ALLIANCE_MEASURE_ALLIANCE_CHECK, 1, "2,2,2");
  add_rating (handle, 401, 4, 40, ALLIANCE_MEASURE_PHQ9, 2, "1,1,1,1,1,1,1,1,2");
  exec (handle, "COMMIT");
}

static void
check_caseload (GHashTable *result)
{
  gint64 id;
  AllianceClientFlags *flags;

  g_assert_cmpuint (g_hash_table_size (result), ==, 4);

  id = 4;
  flags = g_hash_table_lookup (result, &id);
  g_assert_cmpuint (flags->flags->len, ==, 1);
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_RISK_ITEM));

  id = 1;
  flags = g_hash_table_lookup (result, &id);
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF));
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_ALLIANCE_DROP));
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED));
  g_assert_null (alliance_client_flags_find (flags, ALLIANCE_FLAG_MISSED_SESSIONS));
  g_assert_true (flags->has_alliance);
  g_assert_cmpfloat (flags->alliance_total, ==, 21);

  id = 2;
  flags = g_hash_table_lookup (result, &id);
  g_assert_nonnull (flags);
  g_assert_cmpuint (flags->flags->len, ==, 0);
  g_assert_false (flags->has_alliance);

  id = 3;
  flags = g_hash_table_lookup (result, &id);
  g_assert_cmpint (flags->client_id, ==, 3);
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_MISSED_SESSIONS));
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_RISK_ITEM));
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_BOUNDARY_EVENT));
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF));
  g_assert_null (alliance_client_flags_find (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED));
  g_assert_cmpstr (flags->alliance_measure_key, ==, "srs-like");
  g_assert_cmpfloat (flags->alliance_total, ==, 16);
  g_assert_cmpstr (flags->risk_until, ==, "2027-01-05");
}

static void
test_compute (TestDirFixture *fixture,
              gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  sqlite3 *handle = create_database (fixture->path);
  GDate today;

  fill_caseload (handle);
  sqlite3_close (handle);
  today_init (&today);

  result = alliance_caseload_flags_compute (fixture->path, NULL, &today, NULL, &error);
  g_assert_no_error (error);
  check_caseload (result);
}

/* Sparse administration ids: the answers are found by binary search
 * instead of the direct index. */
static void
test_sparse_ids (TestDirFixture *fixture,
                 gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  sqlite3 *handle = create_database (fixture->path);
  GDate today;

  fill_caseload (handle);
  add_rating (handle, 9000000, 3, 30, ALLIANCE_MEASURE_GAD7, 3, "1,1,1,1,1,1,1");
  sqlite3_close (handle);
  today_init (&today);

  result = alliance_caseload_flags_compute (fixture->path, NULL, &today, NULL, &error);
  g_assert_no_error (error);
  check_caseload (result);
}

/* Enough clients that the caseload is cut into ranges computed in
 * parallel (on a machine with more than one processor): every client is
 * there once, with the flags the stores give one client at a time. */
static void
test_parallel_ranges (TestDirFixture *fixture,
                      gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  sqlite3 *handle = create_database (fixture->path);
  const gint64 n_clients = 1500;
  guint n_flagged = 0;
  GDate today;

  exec (handle, "BEGIN");
  for (gint64 client = 1; client <= n_clients; client++)
    {
      gint64 first = client * 10, second = client * 10 + 1;
      g_autofree char *low = g_strdup_printf ("%d,8,8", (int)(client % 11));

      add_client (handle, client);
      add_session (handle, first, client, "2026-11-13 10:00", "attended", NULL);
      add_session (handle, second, client, "2026-11-20 10:00", client % 7 == 0 ? "no-show" : "attended", NULL);
      /* Administration ids interleave the clients, as in a real caseload. */
      add_rating (handle, n_clients * 2 - client, client, first, ALLIANCE_MEASURE_ALLIANCE_CHECK, 1, "9,9,9");
      add_rating (handle, n_clients * 2 + client, client, second, ALLIANCE_MEASURE_ALLIANCE_CHECK, 1, low);
      if (client % 5 == 0)
        add_event (handle, client, second, "rupture");
    }
  exec (handle, "COMMIT");
  sqlite3_close (handle);
  today_init (&today);

  result = alliance_caseload_flags_compute (fixture->path, NULL, &today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (result), ==, n_clients);

  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);
  for (gint64 client = 1; client <= n_clients; client++)
    {
      const AllianceClientFlags *batch = g_hash_table_lookup (result, &client);
      g_autoptr(AllianceClientFlags) single = NULL;

      g_assert_nonnull (batch);
      single = alliance_caseload_flags_compute_client (sessions, ratings, client, NULL, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (single->flags->len, ==, batch->flags->len);
      for (guint i = 0; i < batch->flags->len; i++)
        g_assert_cmpstr (((AllianceFlag *)g_ptr_array_index (batch->flags, i))->reason, ==,
                         ((AllianceFlag *)g_ptr_array_index (single->flags, i))->reason);
      g_assert_cmpfloat (single->alliance_total, ==, batch->alliance_total);
      n_flagged += batch->flags->len > 0;
    }
  g_assert_cmpuint (n_flagged, >, 0);
}

/* Client 3's boundary flag, computed both ways (the whole caseload, and
 * the stores one client at a time), which must agree; NULL when none. */
static char *
dup_boundary_reason (const char *path,
                     const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autoptr(AllianceClientFlags) single = NULL;
  const AllianceFlag *batch_flag, *single_flag;
  gint64 id = 3;

  result = alliance_caseload_flags_compute (path, NULL, today, NULL, &error);
  g_assert_no_error (error);
  batch_flag = alliance_client_flags_find (g_hash_table_lookup (result, &id), ALLIANCE_FLAG_BOUNDARY_EVENT);

  database = alliance_database_open (path, &error);
  g_assert_no_error (error);
  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);
  single = alliance_caseload_flags_compute_client (sessions, ratings, id, NULL, today, &error);
  g_assert_no_error (error);
  single_flag = alliance_client_flags_find (single, ALLIANCE_FLAG_BOUNDARY_EVENT);

  g_assert_true ((batch_flag == NULL) == (single_flag == NULL));
  if (batch_flag == NULL)
    return NULL;
  g_assert_cmpstr (batch_flag->reason, ==, single_flag->reason);
  g_assert_cmpstr (batch_flag->since, ==, single_flag->since);
  return g_strdup (batch_flag->reason);
}

static void
test_since_last_supervision (TestDirFixture *fixture,
                             gconstpointer   user_data)
{
  sqlite3 *handle = create_database (fixture->path);
  g_autofree char *without = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GDate today;

  /* Client 3's boundary event is on 6 Nov, within the 28-day window. */
  fill_caseload (handle);
  today_init (&today);
  without = dup_boundary_reason (fixture->path, &today);
  g_assert_nonnull (without);

  /* Discussed at a supervision held on 10 Nov: no longer flagged. A later
   * meeting not yet signed is not a supervision held. */
  exec (handle, "INSERT INTO supervision_meetings (meeting_date, supervisor, signed_at, signed_by, content_sha256, "
                "created_at, updated_at) VALUES ('2026-11-10', 'Dr Ana Ruiz', 'now', 'Dr Sam Rivera', "
                "printf('%064d', 0), 'now', 'now');"
                "INSERT INTO supervision_meetings (meeting_date, created_at, updated_at) "
                "VALUES ('2026-11-25', 'now', 'now')");
  before = dup_boundary_reason (fixture->path, &today);
  g_assert_null (before);

  /* A boundary event after that supervision raises it again. */
  add_event (handle, 3001, 32, "boundary");
  after = dup_boundary_reason (fixture->path, &today);
  g_assert_nonnull (after);
  g_assert_cmpstr (after, !=, without);
  g_assert_nonnull (strstr (after, "supervision"));
  sqlite3_close (handle);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GHashTable **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = alliance_caseload_flags_compute_finish (result, &error);
  g_assert_no_error (error);
}

/* The same flags, reason for reason, through the stores one client at a
 * time (what the client page does after an edit). */
static void
test_same_as_stores (TestDirFixture *fixture,
                     gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  sqlite3 *handle = create_database (fixture->path);
  GHashTableIter iter;
  gpointer value;
  GDate today;

  fill_caseload (handle);
  sqlite3_close (handle);
  today_init (&today);

  result = alliance_caseload_flags_compute (fixture->path, NULL, &today, NULL, &error);
  g_assert_no_error (error);
  database = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);

  g_hash_table_iter_init (&iter, result);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const AllianceClientFlags *batch = value;
      g_autoptr(AllianceClientFlags) single = NULL;

      single = alliance_caseload_flags_compute_client (sessions, ratings, batch->client_id, NULL, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (single->flags->len, ==, batch->flags->len);
      for (guint i = 0; i < batch->flags->len; i++)
        {
          const AllianceFlag *a = g_ptr_array_index (batch->flags, i);
          const AllianceFlag *b = g_ptr_array_index (single->flags, i);

          g_assert_cmpstr (a->id, ==, b->id);
          g_assert_cmpstr (a->reason, ==, b->reason);
          g_assert_cmpstr (a->since, ==, b->since);
        }
      g_assert_cmpint (single->has_alliance, ==, batch->has_alliance);
      g_assert_cmpfloat (single->alliance_total, ==, batch->alliance_total);
      g_assert_cmpstr (single->alliance_measure_key, ==, batch->alliance_measure_key);
      g_assert_cmpstr (single->risk_until, ==, batch->risk_until);
    }
}

static void
test_compute_async (TestDirFixture *fixture,
                    gconstpointer   user_data)
{
  g_autoptr(GHashTable) result = NULL;
  sqlite3 *handle = create_database (fixture->path);
  GDate today;

  fill_caseload (handle);
  sqlite3_close (handle);
  today_init (&today);

  alliance_caseload_flags_compute_async (fixture->path, NULL, &today, NULL, computed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  check_caseload (result);
}

/* An Alliance database from before ratings (format 2). */
static void
test_refuse_old_format (TestDirFixture *fixture,
                        gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  sqlite3 *handle = test_raw_open (fixture->path);
  GDate today;

  exec (handle, "CREATE TABLE clients (id INTEGER PRIMARY KEY);"
                "PRAGMA application_id = " G_STRINGIFY (ALLIANCE_APPLICATION_ID) ";"
                "PRAGMA user_version = 2;");
  sqlite3_close (handle);
  today_init (&today);

  result = alliance_caseload_flags_compute (fixture->path, NULL, &today, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED);
}

static void
test_refuse_foreign (TestDirFixture *fixture,
                     gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  sqlite3 *handle = test_raw_open (fixture->path);
  GDate today;

  exec (handle, "CREATE TABLE other (x); PRAGMA user_version = 7;");
  sqlite3_close (handle);
  today_init (&today);

  result = alliance_caseload_flags_compute (fixture->path, NULL, &today, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_cancelled (TestDirFixture *fixture,
                gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  sqlite3 *handle = create_database (fixture->path);
  GDate today;

  exec (handle, "BEGIN");
  for (gint64 i = 1; i <= 200; i++)
    add_client (handle, i);
  exec (handle, "COMMIT");
  sqlite3_close (handle);
  today_init (&today);

  g_cancellable_cancel (cancellable);
  result = alliance_caseload_flags_compute (fixture->path, NULL, &today, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/caseload-flags/" path, TestDirFixture, NULL, test_dir_fixture_set_up, func, \
              test_dir_fixture_tear_down)

  ADD ("compute", test_compute);
  ADD ("compute-async", test_compute_async);
  ADD ("same-as-stores", test_same_as_stores);
  ADD ("sparse-ids", test_sparse_ids);
  ADD ("parallel-ranges", test_parallel_ranges);
  ADD ("refuse/old-format", test_refuse_old_format);
  ADD ("refuse/foreign", test_refuse_foreign);
  ADD ("cancelled", test_cancelled);
  ADD ("since-last-supervision", test_since_last_supervision);

#undef ADD

  return g_test_run ();
}
