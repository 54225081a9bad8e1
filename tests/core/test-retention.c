/* test-retention.c
 *
 * Retention dates (the later of N years after the last contact and N
 * years after the 18th birthday; leap days; no birth date; no sessions),
 * the list of records past retention on a given day, and disposal: every
 * row of the client goes from every table — found generically through
 * sqlite_master and the foreign keys, so a future table is checked too —
 * and nothing of anyone else's; the register row names nobody; the audit
 * log has the disposal; the deleted text is gone from the file and its
 * journal; signed records stay frozen for everyone else.
 */
#define G_LOG_DOMAIN "alliance-test-retention"

#include "config.h"

#include <string.h>

#include "alliance-date.h"

#include "alliance-audit.h"
#include "alliance-client-store.h"
#include "alliance-error.h"
#include "alliance-measure-library.h"
#include "alliance-retention-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"
#include "test-common.h"

#define SIGNER "Dr Sam Rivera"

/* Words that appear nowhere but in the disposed client's record. */
#define SECRET_GIVEN   "Quillonette"
#define SECRET_FAMILY  "Zarathustrine"
#define SECRET_NOTE    "marmalade xylophonist"
#define SECRET_WORD    "xylophonist"
#define SECRET_ADDENDUM "Addendum about the periwinkleous visit."
#define SECRET_EXCERPT "[name] mentioned the gondolier"

/* ---------------------------------------------------------------------- */
/* Dates                                                                   */

static void
assert_retention (const char *last_contact,
                  const char *birth,
                  guint       years,
                  const char *expected)
{
  g_autofree char *date = alliance_retention_compute_date (last_contact, birth, years);

  g_assert_cmpstr (date, ==, expected);
}

static void
test_date_adult (void)
{
  assert_retention ("2015-06-10", "1980-01-01", 10, "2025-06-10");
  assert_retention ("2015-06-10", NULL, 10, "2025-06-10");
  assert_retention ("2015-06-10", "1980-01-01", 1, "2016-06-10");
  assert_retention ("2015-06-10", "1980-01-01", 100, "2115-06-10");
  /* 18 on 2015-06-11, the day after the last contact: the birthday wins. */
  assert_retention ("2015-06-10", "1997-06-11", 10, "2025-06-11");
  /* 18 the same day: either way. */
  assert_retention ("2015-06-10", "1997-06-10", 10, "2025-06-10");
}

static void
test_date_minor (void)
{
  /* Seen at 10: kept until 10 years after turning 18. */
  assert_retention ("2020-05-01", "2010-03-15", 10, "2038-03-15");
  assert_retention ("2020-05-01", "2010-03-15", 7, "2035-03-15");
  /* Without the birth date the minor rule cannot apply. */
  assert_retention ("2020-05-01", NULL, 10, "2030-05-01");
  assert_retention ("2020-05-01", "", 10, "2030-05-01");
}

static void
test_date_leap_days (void)
{
  g_autofree char *plus4 = alliance_retention_add_years ("2016-02-29", 4);
  g_autofree char *plus10 = alliance_retention_add_years ("2016-02-29", 10);
  g_autofree char *plain = alliance_retention_add_years ("2015-02-28", 1);

  g_assert_cmpstr (plus4, ==, "2020-02-29");
  /* No 29 February in 2026: the later day, never a day early. */
  g_assert_cmpstr (plus10, ==, "2026-03-01");
  g_assert_cmpstr (plain, ==, "2016-02-28");
  assert_retention ("2016-02-29", NULL, 10, "2026-03-01");
  /* Born on a leap day: 18 on 1 March 2026, kept 10 years from then. */
  assert_retention ("2019-09-01", "2008-02-29", 10, "2036-03-01");
}

static void
test_date_invalid (void)
{
  g_autofree char *bad = alliance_retention_compute_date ("2023-02-31", NULL, 10);
  g_autofree char *none = alliance_retention_compute_date (NULL, "1980-01-01", 10);
  g_autofree char *far = alliance_retention_add_years ("9995-01-01", 10);
  g_autofree char *bad_birth = alliance_retention_compute_date ("2015-06-10", "1980-13-01", 10);

  g_assert_null (bad);
  g_assert_null (none);
  g_assert_null (far);
  /* An unreadable birth date is ignored like a missing one. */
  g_assert_cmpstr (bad_birth, ==, "2025-06-10");

  g_assert_false (alliance_retention_years_are_valid (0));
  g_assert_true (alliance_retention_years_are_valid (1));
  g_assert_true (alliance_retention_years_are_valid (100));
  g_assert_false (alliance_retention_years_are_valid (101));
  g_assert_false (alliance_retention_years_are_valid (-10));
}

static void
test_is_past (void)
{
  /* The retention date is the last day the records must be kept. */
  g_assert_false (alliance_retention_is_past ("2025-06-10", "2025-06-09"));
  g_assert_false (alliance_retention_is_past ("2025-06-10", "2025-06-10"));
  g_assert_true (alliance_retention_is_past ("2025-06-10", "2025-06-11"));
  g_assert_true (alliance_retention_is_past ("2025-06-10", "2030-01-01"));
}

/* ---------------------------------------------------------------------- */
/* Records                                                                 */

typedef struct
{
  char                     *dir;
  char                     *path;
  AllianceDatabase         *database;
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceSupervisionStore *supervision;
  AllianceRetentionStore   *store;
  guint                     n_changed;          /* "changed" of the retention store */
  guint                     n_clients_changed;  /* "changed" of the client store */
} Fixture;

static void
changed_cb (AllianceStore *store,
            gint64         client_id,
            guint         *counter)
{
  (*counter)++;
}

static void
open_stores (Fixture    *fixture,
             const char *path)
{
  g_autoptr(GError) error = NULL;

  fixture->database = path ? alliance_database_open (path, &error) : alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  fixture->supervision = alliance_supervision_store_new (fixture->database);
  fixture->store = alliance_retention_store_new (fixture->clients);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &fixture->n_changed);
  g_signal_connect (fixture->clients, "changed", G_CALLBACK (changed_cb), &fixture->n_clients_changed);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "alliance.db", NULL);
  /* A file, not memory: the journal and the bytes on disk are checked. */
  open_stores (fixture, fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->supervision);
  g_assert_finalize_object (fixture->sessions);
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static sqlite3 *
handle_of (Fixture *fixture)
{
  return alliance_database_get_handle (fixture->database);
}

static void
exec_ok (Fixture    *fixture,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (fixture), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s", message);
}

static int
exec_rc (Fixture    *fixture,
         const char *sql)
{
  return sqlite3_exec (handle_of (fixture), sql, NULL, NULL, NULL);
}

static gint64
add_client (Fixture    *fixture,
            const char *given_name,
            const char *family_name,
            const char *birth,
            const char *start)
{
  g_autoptr(AllianceClient) client = test_client_new (given_name, family_name);
  g_autoptr(GError) error = NULL;

  client->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
  client->date_of_birth = g_strdup (birth);
  client->start_date = g_strdup (start);
  g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
  g_assert_no_error (error);
  return client->id;
}

static void
discharge (Fixture    *fixture,
           gint64      client_id,
           const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_client_store_discharge (fixture->clients, client_id, date, "Goals met", NULL, &error));
  g_assert_no_error (error);
}

static gint64
add_session (Fixture                *fixture,
             gint64                  client_id,
             const char             *starts_at,
             AllianceAttendance      attendance)
{
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(GError) error = NULL;

  g_free (session->starts_at);
  session->starts_at = g_strdup (starts_at);
  session->attendance = attendance;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  return session->id;
}

static AllianceNote *
sign_note (Fixture    *fixture,
           gint64      session_id,
           const char *text)
{
  g_autoptr(AllianceNote) note = alliance_note_new (session_id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_autoptr(GError) error = NULL;

  g_free (note->sections[0]);
  note->sections[0] = g_strdup (text);
  g_assert_true (alliance_session_store_sign_note (fixture->sessions, note, SIGNER, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&note);
}

static GPtrArray *
list_past (Fixture    *fixture,
           const char *today,
           guint       years)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = alliance_retention_store_list_past (fixture->store, today, years, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static const AllianceRetentionRecord *
find_record (GPtrArray *records,
             gint64     client_id)
{
  for (guint i = 0; i < records->len; i++)
    {
      const AllianceRetentionRecord *record = g_ptr_array_index (records, i);

      if (record->client_id == client_id)
        return record;
    }
  return NULL;
}

static void
test_list_on_a_day (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const AllianceRetentionRecord *record;
  gint64 anna, ben, cleo, dan, eve, error_session;

  /* Anna: attended, then a no-show (still contact), discharged by letter
   * a month later, and a session entered in error after that (it never
   * happened, so it is not her last contact). */
  anna = add_client (fixture, "Anna", "Arden", "1970-04-02", "2013-01-10");
  add_session (fixture, anna, "2014-05-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  add_session (fixture, anna, "2014-06-01 10:00", ALLIANCE_ATTENDANCE_NO_SHOW);
  error_session = add_session (fixture, anna, "2014-08-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_assert_true (alliance_session_store_mark_entered_in_error (fixture->sessions, error_session, "Wrong client", &error));
  g_assert_no_error (error);
  discharge (fixture, anna, "2014-07-01");
  /* Ben: no sessions; his discharge is his last contact. */
  ben = add_client (fixture, "Ben", "Brook", "1960-01-01", "2012-06-01");
  discharge (fixture, ben, "2013-01-01");
  /* Cleo: seen as a child; kept until 10 years after she turns 18. */
  cleo = add_client (fixture, "Cleo", "Cole", "2005-03-15", "2012-01-01");
  add_session (fixture, cleo, "2012-02-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  discharge (fixture, cleo, "2012-03-01");
  /* Dan: still in therapy since long ago. */
  dan = add_client (fixture, "Dan", "Dale", NULL, "2001-01-01");
  add_session (fixture, dan, "2002-01-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  /* Eve: discharged recently. */
  eve = add_client (fixture, "Eve", "Eden", NULL, "2022-01-01");
  add_session (fixture, eve, "2024-01-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  discharge (fixture, eve, "2024-02-01");

  all = alliance_retention_store_list_discharged (fixture->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  record = find_record (all, anna);
  g_assert_cmpstr (record->code, ==, "C-0001");
  g_assert_cmpstr (record->display_name, ==, "Anna Arden");
  g_assert_cmpstr (record->start_date, ==, "2013-01-10");
  g_assert_cmpstr (record->discharge_date, ==, "2014-07-01");
  /* The discharge, later than her last session, is her last contact. */
  g_assert_cmpstr (record->last_contact_date, ==, "2014-07-01");
  g_assert_cmpstr (record->retention_date, ==, "2024-07-01");
  record = find_record (all, ben);
  g_assert_cmpstr (record->last_contact_date, ==, "2013-01-01");
  g_assert_cmpstr (record->retention_date, ==, "2023-01-01");
  record = find_record (all, cleo);
  g_assert_cmpstr (record->last_contact_date, ==, "2012-03-01");
  g_assert_cmpstr (record->retention_date, ==, "2033-03-15");
  record = find_record (all, eve);
  g_assert_cmpstr (record->retention_date, ==, "2034-02-01");
  g_assert_null (find_record (all, dan));

  /* On Anna's retention date she is kept; the day after she is listed. */
  records = list_past (fixture, "2024-07-01", 10);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (((AllianceRetentionRecord *)g_ptr_array_index (records, 0))->client_id, ==, ben);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = list_past (fixture, "2024-07-02", 10);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_nonnull (find_record (records, anna));
  g_assert_nonnull (find_record (records, ben));
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Cleo is listed only once her own date has passed. */
  records = list_past (fixture, "2033-03-16", 10);
  g_assert_nonnull (find_record (records, cleo));
  g_assert_null (find_record (records, eve));
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A longer period lists fewer; a shorter one more. */
  records = list_past (fixture, "2026-01-01", 20);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = list_past (fixture, "2026-01-01", 1);
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_null (find_record (records, dan));
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Bad arguments are errors, not empty lists. */
  g_assert_null (alliance_retention_store_list_past (fixture->store, "2026-01-01", 0, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (alliance_retention_store_list_past (fixture->store, "01/01/2026", 10, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_clear_error (&error);
}

/* ---------------------------------------------------------------------- */
/* Which rows of a table belong to a client, found from the schema alone:
 * a column named client_id, or a single-column foreign key into a table
 * whose rows belong to the client. Returns a WHERE condition with ?1 for
 * the client, or NULL when the table has no path to clients. */

static char *
belongs_condition (sqlite3    *db,
                   const char *table,
                   guint       depth)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) fk_sizes = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *columns_sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", table);
  g_autofree char *fks_sql = g_strdup_printf ("SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('%s')", table);
  sqlite3_stmt *stmt = NULL;

  if (strcmp (table, "clients") == 0)
    return g_strdup ("id = ?1");
  if (depth > 6)
    return NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, columns_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *)sqlite3_column_text (stmt, 0);

      if (strcmp (column, "client_id") == 0 || g_str_has_suffix (column, "_client_id"))
        g_ptr_array_add (parts, g_strdup_printf ("\"%s\" = ?1", column));
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, fks_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);
      g_hash_table_insert (fk_sizes, GINT_TO_POINTER (id + 1),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (fk_sizes, GINT_TO_POINTER (id + 1))) + 1));
    }
  sqlite3_reset (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);
      const char *parent = (const char *)sqlite3_column_text (stmt, 2);
      const char *from = (const char *)sqlite3_column_text (stmt, 3);
      const char *to = (const char *)sqlite3_column_text (stmt, 4);
      g_autofree char *parent_condition = NULL;

      /* Multi-column keys (an action item's discussion) are covered by
       * their client_id column; a table naming itself by its own path. */
      if (GPOINTER_TO_INT (g_hash_table_lookup (fk_sizes, GINT_TO_POINTER (id + 1))) != 1 ||
          strcmp (parent, table) == 0)
        continue;
      parent_condition = belongs_condition (db, parent, depth + 1);
      if (parent_condition != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("\"%s\" IN (SELECT \"%s\" FROM \"%s\" WHERE %s)", from,
                                                 to ? to : "rowid", parent, parent_condition));
    }
  sqlite3_finalize (stmt);

  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" OR ", (char **)parts->pdata);
}

/* Tables that hold nothing of any one client: a new table must either
 * reach clients through its keys (and then disposal is checked for it) or
 * be added here on purpose. */
static const char *const tables_of_no_client[] = {
  "measures", "supervision_meetings", "supervision_addenda", "audit_log", "disposal_register",
  "disposal_in_progress", "disposal_never_committed", "note_search", "note_search_data",
  "note_search_idx", "note_search_content", "note_search_docsize", "note_search_config",
};

static GPtrArray *
list_tables (sqlite3 *db)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return tables;
}

static gint64
count_belonging (sqlite3    *db,
                 const char *table,
                 const char *condition,
                 gint64      client_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE %s", table, condition);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, client_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* "table:client" → rows, for every table with a path and every client. */
static GHashTable *
count_every_clients_rows (sqlite3 *db,
                          GArray  *client_ids)
{
  g_autoptr(GPtrArray) tables = list_tables (db);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *condition = belongs_condition (db, table, 0);

      if (condition == NULL)
        {
          gboolean listed = FALSE;

          for (guint j = 0; j < G_N_ELEMENTS (tables_of_no_client); j++)
            listed = listed || strcmp (table, tables_of_no_client[j]) == 0;
          if (!listed)
            g_error ("Table %s has no path to clients and is not known to hold nothing of theirs: "
                     "make disposal handle it, or list it in tables_of_no_client", table);
          continue;
        }
      for (guint j = 0; j < client_ids->len; j++)
        {
          gint64 id = g_array_index (client_ids, gint64, j);

          g_hash_table_insert (counts, g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id),
                               GINT_TO_POINTER ((int)count_belonging (db, table, condition, id)));
        }
    }
  return counts;
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  gint64 secret;        /* the client to dispose of */
  gint64 other;         /* a client who stays, in the same meeting */
  gint64 other_note;    /* a signed note of theirs */
  gint64 meeting;       /* signed, discussing both */
  gint64 agenda;        /* open, discussing the secret client */
} Records;

/* The secret client has a bit of everything: sessions (attended and not),
 * a signed note with an addendum, a draft, answers, a rupture in one
 * session repaired in the next, a goal, and supervision (a signed meeting
 * with an excerpt of their note and recommendations, and the open agenda). */
static void
build_records (Fixture *fixture,
               Records *records)
{
  g_autoptr(AllianceNote) secret_note = NULL;
  g_autoptr(AllianceNote) other_note = NULL;
  g_autoptr(AllianceNote) draft = NULL;
  g_autoptr(AllianceGoal) goal = NULL;
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(AllianceMeeting) agenda = NULL;
  g_autoptr(GError) error = NULL;
  AllianceSupervisionDiscussion *discussion;
  gint64 s1, s2, s3, other_session;
  char *sql;

  records->secret = add_client (fixture, SECRET_GIVEN, SECRET_FAMILY, "1975-05-05", "2010-01-04");
  records->other = add_client (fixture, "Olive", "Oakley", "1982-08-08", "2010-02-01");

  s1 = add_session (fixture, records->secret, "2010-01-11 09:00", ALLIANCE_ATTENDANCE_ATTENDED);
  s2 = add_session (fixture, records->secret, "2010-01-18 09:00", ALLIANCE_ATTENDANCE_ATTENDED);
  s3 = add_session (fixture, records->secret, "2010-01-25 09:00", ALLIANCE_ATTENDANCE_NO_SHOW);
  secret_note = sign_note (fixture, s1, "Talked about the " SECRET_NOTE " and the family.");
  g_assert_true (alliance_session_store_add_addendum (fixture->sessions, secret_note, SECRET_ADDENDUM, SIGNER, &error));
  g_assert_no_error (error);
  draft = alliance_note_new (s2, ALLIANCE_NOTE_TEMPLATE_SOAP);
  g_free (draft->sections[0]);
  draft->sections[0] = g_strdup ("Draft that mentions " SECRET_FAMILY " again.");
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, draft, &error));
  g_assert_no_error (error);

  other_session = add_session (fixture, records->other, "2010-02-08 11:00", ALLIANCE_ATTENDANCE_ATTENDED);
  other_note = sign_note (fixture, other_session, "Olive's own signed note.");
  records->other_note = other_note->id;

  goal = alliance_goal_new (records->secret, "Sleep through the night", "2010-01-11");
  g_assert_true (alliance_client_store_save_goal (fixture->clients, goal, &error));
  g_assert_no_error (error);

  /* Answers and events, as the schema takes them. */
  sql = g_strdup_printf ("INSERT INTO administrations (client_id, session_id, measure_id, rater, entry_order, complete,"
                         " created_at, updated_at) SELECT %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", id, 'client', 1, 0,"
                         " 'x', 'x' FROM measures WHERE key = '" ALLIANCE_MEASURE_PHQ9 "' ORDER BY version DESC LIMIT 1;"
                         "INSERT INTO item_scores (administration_id, position, value) VALUES (last_insert_rowid(), 0, 2);"
                         "INSERT INTO session_events (session_id, kind, rupture_type, intensity, created_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 'rupture', 'withdrawal', 2, 'x');"
                         "INSERT INTO session_events (session_id, kind, strategy, resolved, rupture_id, created_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 'repair', 'validate', 1, last_insert_rowid(), 'x');",
                         records->secret, s1, s1, s2);
  exec_ok (fixture, sql);
  g_free (sql);
  (void)s3;

  meeting = alliance_meeting_new ("2010-02-20");
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Dr Ana Ruiz");
  discussion = alliance_meeting_add_discussion (meeting, records->secret);
  g_free (discussion->discussion);
  discussion->discussion = g_strdup ("Talked through " SECRET_FAMILY "'s withdrawal.");
  g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (secret_note->id, SECRET_EXCERPT));
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (records->secret, "Review the goals together"));
  discussion = alliance_meeting_add_discussion (meeting, records->other);
  g_free (discussion->question);
  discussion->question = g_strdup ("When to end?");
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (records->other, "Plan the ending"));
  g_assert_true (alliance_supervision_store_sign_meeting (fixture->supervision, meeting, "Dr Ana Ruiz", NULL, &error));
  g_assert_no_error (error);
  records->meeting = meeting->id;

  agenda = alliance_meeting_new ("2010-03-20");
  discussion = alliance_meeting_add_discussion (agenda, records->secret);
  g_free (discussion->question);
  discussion->question = g_strdup ("Anything left for " SECRET_GIVEN "?");
  g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, agenda, NULL, &error));
  g_assert_no_error (error);
  records->agenda = agenda->id;

  discharge (fixture, records->secret, "2010-03-01");
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (contents, length);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  gsize length = strlen (needle);

  /* Byte by byte: the file holds NULs, so no string search will do. */
  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
database_files_contain (Fixture    *fixture,
                        const char *needle)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  return file_contains (fixture->path, needle) || file_contains (wal, needle);
}

static void
test_dispose_everything (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char *const secrets[] = {
    SECRET_GIVEN, SECRET_FAMILY, SECRET_NOTE, SECRET_WORD, "periwinkleous", "gondolier",
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();
  g_autofree char *recomputed = NULL;
  g_autofree char *hash_before = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean journal_cleared = FALSE;
  gboolean found = FALSE;
  const AllianceDisposalEntry *entry;
  Records records;

  build_records (fixture, &records);
  g_array_append_val (ids, records.secret);
  g_array_append_val (ids, records.other);
  before = count_every_clients_rows (handle_of (fixture), ids);

  /* The secret client is in every table that can hold them. */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *secret_key = g_strdup_printf (":%" G_GINT64_FORMAT, records.secret);

      /* Except the marker of a disposal under way, which is never kept. */
      if (g_str_has_suffix (key, secret_key) && !g_str_has_prefix (key, "disposal_in_progress:") &&
          GPOINTER_TO_INT (value) == 0)
        g_error ("The test's client has no rows in %s", (const char *)key);
    }
  hash_before = test_query_text (handle_of (fixture), "SELECT content_sha256 FROM supervision_meetings WHERE signed_at IS NOT NULL");

  /* Some of it in the file, some only in the journal. */
  exec_ok (fixture, "PRAGMA wal_checkpoint(TRUNCATE)");
  exec_ok (fixture, "UPDATE clients SET phone = '555-0100' WHERE id = 1");
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_true (database_files_contain (fixture, secrets[i]));

  /* Off, as another build of SQLite may have it: disposal turns it on,
   * and back off after. */
  exec_ok (fixture, "PRAGMA secure_delete = OFF");
  fixture->n_changed = fixture->n_clients_changed = 0;
  g_assert_true (alliance_retention_store_dispose_client (fixture->store, records.secret, today, 10,
                                                          &journal_cleared, &error));
  g_assert_no_error (error);
  g_assert_true (journal_cleared);
  g_assert_cmpint (test_query_int (handle_of (fixture), "PRAGMA secure_delete"), ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_clients_changed, ==, 1);

  /* Every row of theirs is gone; nobody else's changed. */
  after = count_every_clients_rows (handle_of (fixture), ids);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *secret_key = g_strdup_printf (":%" G_GINT64_FORMAT, records.secret);

      if (g_str_has_suffix (key, secret_key))
        {
          if (GPOINTER_TO_INT (value) != 0)
            g_error ("%s still has %d rows", (const char *)key, GPOINTER_TO_INT (value));
        }
      else
        g_assert_cmpint (GPOINTER_TO_INT (value), ==, GPOINTER_TO_INT (g_hash_table_lookup (before, key)));
    }
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM disposal_in_progress"), ==, 0);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM note_search WHERE note_search MATCH '" SECRET_WORD "'"), ==, 0);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM note_search WHERE note_search MATCH 'periwinkleous'"), ==, 0);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM note_search WHERE note_search MATCH 'Olive'"), ==, 1);
  g_free (recomputed);
  recomputed = test_query_text (handle_of (fixture), "PRAGMA integrity_check");
  g_assert_cmpstr (recomputed, ==, "ok");
  g_clear_pointer (&recomputed, g_free);

  /* The signed meeting stays, with the other client's discussion and the
   * hash it was signed with, which no longer matches what it holds. */
  meeting = alliance_supervision_store_load_meeting (fixture->supervision, records.meeting, &error);
  g_assert_no_error (error);
  g_assert_true (alliance_meeting_is_signed (meeting));
  g_assert_cmpuint (meeting->discussions->len, ==, 1);
  g_assert_cmpint (((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 0))->client_id, ==,
                   records.other);
  g_assert_cmpstr (meeting->content_sha256, ==, hash_before);
  recomputed = alliance_meeting_compute_sha256 (meeting);
  g_assert_cmpstr (recomputed, !=, meeting->content_sha256);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM supervision_meetings"), ==, 2);

  /* The register: the code and the dates, nothing that names them. */
  entries = alliance_retention_store_list_register (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->client_code, ==, "C-0001");
  g_assert_cmpstr (entry->start_date, ==, "2010-01-04");
  g_assert_cmpstr (entry->discharge_date, ==, "2010-03-01");
  g_assert_cmpstr (entry->last_contact_date, ==, "2010-03-01");
  g_assert_cmpstr (entry->retention_date, ==, "2020-03-01");
  g_assert_cmpuint (entry->retention_years, ==, 10);
  g_assert_cmpuint (strlen (entry->disposed_at), ==, 20);
  {
    g_autofree char *row = test_query_text (handle_of (fixture),
                                            "SELECT group_concat(coalesce(client_code, '') || start_date || discharge_date"
                                            " || last_contact_date || retention_date || retention_years || disposed_at)"
                                            " FROM disposal_register");
    for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
      g_assert_null (strstr (row, secrets[i]));
  }

  /* The audit log has the disposal, by id. */
  audit = alliance_audit_list (fixture->database, 0, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      const AllianceAuditEntry *row = g_ptr_array_index (audit, i);

      if (row->action == ALLIANCE_AUDIT_DISPOSAL)
        {
          g_assert_cmpstr (row->entity_type, ==, "client");
          g_assert_cmpint (row->entity_id, ==, records.secret);
          found = TRUE;
        }
    }
  g_assert_true (found);
  {
    gint64 broken = -1;
    guint64 n_rows = 0;

    /* Appended to, never cut: the chain still verifies. */
    g_assert_true (alliance_audit_verify (fixture->database, &broken, &n_rows, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_rows, ==, audit->len);
  }

  /* No byte of it is left in the file or its journal. */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (database_files_contain (fixture, secrets[i]))
      g_error ("“%s” is still in the database files", secrets[i]);
  g_assert_true (database_files_contain (fixture, "Olive"));
}

/* The byte search above can see deleted text: without secure_delete, a
 * plain delete leaves it in the file. */
static void
test_bytes_left_without_secure_delete (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  add_client (fixture, SECRET_GIVEN, SECRET_FAMILY, NULL, NULL);
  exec_ok (fixture, "PRAGMA wal_checkpoint(TRUNCATE)");
  exec_ok (fixture, "PRAGMA secure_delete = OFF");
  exec_ok (fixture, "DELETE FROM clients");
  exec_ok (fixture, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_assert_true (database_files_contain (fixture, SECRET_FAMILY));
}

static void
test_dispose_refusals (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();
  gint64 active, recent, n_clients, n_sessions;
  Records records;

  build_records (fixture, &records);
  active = add_client (fixture, "Ava", "Active", NULL, "2010-01-01");
  recent = add_client (fixture, "Rae", "Recent", NULL, "2020-01-01");
  add_session (fixture, recent, "2024-05-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  discharge (fixture, recent, "2024-06-01");
  n_clients = test_query_int (handle_of (fixture), "SELECT count(*) FROM clients");
  n_sessions = test_query_int (handle_of (fixture), "SELECT count(*) FROM sessions");
  fixture->n_changed = fixture->n_clients_changed = 0;

  g_assert_false (alliance_retention_store_dispose_client (fixture->store, active, today, 10, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "discharged"));
  g_clear_error (&error);

  g_assert_false (alliance_retention_store_dispose_client (fixture->store, recent, today, 10, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2034"));
  g_clear_error (&error);

  /* The secret client on the day of their retention date: still kept. */
  g_assert_false (alliance_retention_store_dispose_client (fixture->store, records.secret, "2020-01-25", 10, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (alliance_retention_store_dispose_client (fixture->store, 9999, today, 10, NULL, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (alliance_retention_store_dispose_client (fixture->store, records.secret, today, 101, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (alliance_retention_store_dispose_client (fixture->store, records.secret, "2030-02-30", 10, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM clients"), ==, n_clients);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM sessions"), ==, n_sessions);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM disposal_register"), ==, 0);
  g_assert_cmpuint (fixture->n_changed + fixture->n_clients_changed, ==, 0);
  g_assert_true (sqlite3_get_autocommit (handle_of (fixture)));

  /* Found by code, in any case; an unknown code is an error. */
  g_assert_cmpint (alliance_retention_store_find_code (fixture->store, "c-0001", &error), ==, records.secret);
  g_assert_no_error (error);
  g_assert_cmpint (alliance_retention_store_find_code (fixture->store, "C-9999", &error), ==, 0);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
}

/* Disposal opens the freeze for one client, inside one transaction: the
 * signed records of everyone else stay frozen, then and after. */
static void
test_signed_records_stay_frozen (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();
  g_autofree char *sql = NULL;
  gint64 old_other;
  Records records;

  build_records (fixture, &records);
  g_assert_true (alliance_retention_store_dispose_client (fixture->store, records.secret, today, 10, NULL, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("DELETE FROM notes WHERE id = %" G_GINT64_FORMAT, records.other_note);
  g_assert_cmpint (exec_rc (fixture, sql), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM sessions WHERE client_id = %" G_GINT64_FORMAT, records.other);
  g_assert_cmpint (exec_rc (fixture, sql), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM supervision_discussions WHERE client_id = %" G_GINT64_FORMAT, records.other);
  g_assert_cmpint (exec_rc (fixture, sql), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM action_items WHERE client_id = %" G_GINT64_FORMAT, records.other);
  g_assert_cmpint (exec_rc (fixture, sql), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (exec_rc (fixture, "DELETE FROM note_sections"), ==, SQLITE_CONSTRAINT_TRIGGER);

  /* While another client's disposal is under way, Olive's note is still
   * refused. */
  old_other = add_client (fixture, "Otto", "Old", NULL, "2001-01-01");
  discharge (fixture, old_other, "2002-01-01");
  exec_ok (fixture, "BEGIN");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO disposal_in_progress (client_id) VALUES (%" G_GINT64_FORMAT ")", old_other);
  exec_ok (fixture, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM notes WHERE id = %" G_GINT64_FORMAT, records.other_note);
  g_assert_cmpint (exec_rc (fixture, sql), ==, SQLITE_CONSTRAINT_TRIGGER);
  /* A marker left behind cannot be committed. */
  g_assert_cmpint (exec_rc (fixture, "COMMIT"), ==, SQLITE_CONSTRAINT_FOREIGNKEY);
  exec_ok (fixture, "ROLLBACK");
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM disposal_in_progress"), ==, 0);

  /* Only a discharged client can be marked. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO disposal_in_progress (client_id) VALUES (%" G_GINT64_FORMAT ")", records.other);
  g_assert_cmpint (exec_rc (fixture, sql), ==, SQLITE_CONSTRAINT_TRIGGER);

  /* The register is append-only, and only a disposal appends. */
  g_assert_cmpint (exec_rc (fixture, "UPDATE disposal_register SET client_code = 'X'"), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (exec_rc (fixture, "DELETE FROM disposal_register"), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (exec_rc (fixture, "INSERT INTO disposal_register (client_code, discharge_date, last_contact_date,"
                                     " retention_date, retention_years, disposed_at) VALUES ('C-0099', '2001-01-01',"
                                     " '2001-01-01', '2011-01-01', 10, '2026-01-01T00:00:00Z')"),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM disposal_register"), ==, 1);
}

/* A database in memory has no journal to clear; disposal works the same. */
static void
test_dispose_in_memory (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();
  gboolean journal_cleared = FALSE;
  Records records;

  open_stores (&fixture, NULL);
  build_records (&fixture, &records);
  g_assert_true (alliance_retention_store_dispose_client (fixture.store, records.secret, today, 10,
                                                          &journal_cleared, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (fixture.database),
                                   "SELECT count(*) FROM clients"), ==, 1);
  g_assert_finalize_object (fixture.store);
  g_assert_finalize_object (fixture.supervision);
  g_assert_finalize_object (fixture.sessions);
  g_assert_finalize_object (fixture.clients);
  g_assert_finalize_object (fixture.database);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retention/date/adult", test_date_adult);
  g_test_add_func ("/retention/date/minor", test_date_minor);
  g_test_add_func ("/retention/date/leap-days", test_date_leap_days);
  g_test_add_func ("/retention/date/invalid", test_date_invalid);
  g_test_add_func ("/retention/date/is-past", test_is_past);
  g_test_add ("/retention/list/on-a-day", Fixture, NULL, fixture_set_up, test_list_on_a_day, fixture_tear_down);
  g_test_add ("/retention/dispose/everything", Fixture, NULL, fixture_set_up, test_dispose_everything,
              fixture_tear_down);
  g_test_add ("/retention/dispose/bytes-left-without-secure-delete", Fixture, NULL, fixture_set_up,
              test_bytes_left_without_secure_delete, fixture_tear_down);
  g_test_add ("/retention/dispose/refusals", Fixture, NULL, fixture_set_up, test_dispose_refusals,
              fixture_tear_down);
  g_test_add ("/retention/dispose/signed-records-stay-frozen", Fixture, NULL, fixture_set_up,
              test_signed_records_stay_frozen, fixture_tear_down);
  g_test_add_func ("/retention/dispose/in-memory", test_dispose_in_memory);

  return g_test_run ();
}
