/* test-demo.c
 *
 * The sample caseload's session history: weekly sessions for everyone in
 * therapy, every kind of attendance, notes in every template, signed
 * (verifiably) but for the latest drafts, addenda, a session entered in
 * error, a signed supervision meeting with action items done and open and
 * the agenda of the next one; the same date always gives the same data.
 */
#define G_LOG_DOMAIN "alliance-test-demo"

#include "config.h"

#include <string.h>

#include "alliance-caseload-flags.h"
#include "alliance-client-store.h"
#include "alliance-date.h"
#include "alliance-demo.h"
#include "alliance-flags.h"
#include "alliance-measure-library.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"
#include "test-common.h"

#define TODAY "2026-11-27"

typedef struct
{
  AllianceDatabase     *database;
  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
} Fixture;

static void
populate (Fixture    *fixture,
          const char *today)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  if (today != NULL)
    g_assert_true (alliance_demo_populate_as_of (fixture->clients, today, &error));
  else
    g_assert_true (alliance_demo_populate (fixture->clients, &error));
  g_assert_no_error (error);
  g_test_message ("Sample data as of %s in %" G_GINT64_FORMAT " ms", today ? today : "today",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_true (sqlite3_get_autocommit (alliance_database_get_handle (fixture->database)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  populate (fixture, TODAY);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->sessions);
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
}

static sqlite3 *
handle_of (Fixture *fixture)
{
  return alliance_database_get_handle (fixture->database);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  return test_query_int (handle_of (fixture), sql);
}

/* ---------------------------------------------------------------------- */

static void
test_clients_unchanged (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM clients"), ==, 30);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM goals"), ==, 14);
}

static void
test_sessions (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 n_sessions = query_int (fixture, "SELECT count(*) FROM sessions");

  g_test_message ("%" G_GINT64_FORMAT " sessions", n_sessions);
  g_assert_cmpint (n_sessions, >, 500);

  /* Everyone in therapy has a history; nobody else has one. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM clients c WHERE status IN "
                                       "('active', 'on-hold', 'discharged') AND NOT EXISTS "
                                       "(SELECT 1 FROM sessions WHERE client_id = c.id)"),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions s JOIN clients c ON c.id = s.client_id "
                                       "WHERE c.status IN ('enquiry', 'waitlist')"),
                   ==, 0);

  /* From the start date, never before it, never after discharge or today. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions s JOIN clients c ON c.id = s.client_id "
                                       "WHERE date(s.starts_at) < c.start_date "
                                       "OR date(s.starts_at) > coalesce(c.discharge_date, '" TODAY "') "
                                       "OR date(s.starts_at) >= '" TODAY "'"),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM clients c WHERE status = 'active' AND "
                                       "(SELECT min(date(starts_at)) FROM sessions WHERE client_id = c.id) "
                                       "IS NOT c.start_date"),
                   ==, 0);

  /* Every attendance, mostly attended. */
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT attendance) FROM sessions"), ==, 5);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions WHERE attendance = 'attended'") * 10, >,
                   n_sessions * 7);
  {
    static const char *kinds[] = { "cancelled", "late-cancelled", "no-show", "cancelled-by-therapist" };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sessions WHERE attendance = '%s'", kinds[i]);
        g_assert_cmpint (query_int (fixture, sql), >=, 2);
      }
  }

  /* Some by video and phone, a few couple sessions. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions WHERE modality = 'video'"), >, 5);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions WHERE modality = 'phone'"), >, 5);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions WHERE kind = 'couple'"), >, 0);

  /* One entered in error, which does not count. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions WHERE error_reason IS NOT NULL"), ==, 1);
  {
    gint64 session_id = query_int (fixture, "SELECT id FROM sessions WHERE error_reason IS NOT NULL");
    g_autoptr(GError) error = NULL;
    g_autoptr(AllianceSession) session = alliance_session_store_load_session (fixture->sessions, session_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (session->number, ==, 0);
    g_assert_cmpint (session->note_state, ==, ALLIANCE_NOTE_STATE_NONE);
  }
}

static void
test_missed_in_a_row (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 mateo = query_int (fixture, "SELECT id FROM clients WHERE given_name = 'Mateo'");
  const AllianceSession *attended, *missed, *cancelled;

  /* Newest first: a no-show and a late cancellation since he last came. */
  sessions = alliance_session_store_list_sessions (fixture->sessions, mateo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, >, 3);
  missed = g_ptr_array_index (sessions, 0);
  cancelled = g_ptr_array_index (sessions, 1);
  attended = g_ptr_array_index (sessions, 2);
  g_assert_cmpint (missed->attendance, ==, ALLIANCE_ATTENDANCE_NO_SHOW);
  g_assert_cmpint (cancelled->attendance, ==, ALLIANCE_ATTENDANCE_LATE_CANCELLED);
  g_assert_cmpint (attended->attendance, ==, ALLIANCE_ATTENDANCE_ATTENDED);
}

static void
test_notes (Fixture       *fixture,
            gconstpointer  user_data)
{
  gint64 n_notes = query_int (fixture, "SELECT count(*) FROM notes");
  gint64 n_signed = query_int (fixture, "SELECT count(*) FROM notes WHERE signed_at IS NOT NULL");
  gint64 n_drafts = query_int (fixture, "SELECT count(*) FROM notes WHERE signed_at IS NULL");
  gint64 n_active = query_int (fixture, "SELECT count(*) FROM clients WHERE status = 'active'");
  gint64 n_attended = query_int (fixture, "SELECT count(*) FROM sessions WHERE attendance = 'attended' "
                                          "AND error_reason IS NULL");

  g_test_message ("%" G_GINT64_FORMAT " notes, %" G_GINT64_FORMAT " signed, %" G_GINT64_FORMAT " drafts",
                  n_notes, n_signed, n_drafts);

  /* Most attended sessions have a note; only attended ones do. */
  g_assert_cmpint (n_notes * 10, >, n_attended * 8);
  g_assert_cmpint (n_notes, <, n_attended);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM notes n JOIN sessions s ON s.id = n.session_id "
                                       "WHERE s.attendance <> 'attended' OR s.error_reason IS NOT NULL"),
                   ==, 0);

  /* Every template. */
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT template) FROM notes"), ==, 4);

  /* Signed by one therapist; one or two drafts per active client, all of
   * them its latest notes; none for clients who have finished. */
  g_assert_cmpint (n_signed, >, n_drafts * 5);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM notes WHERE signed_at IS NOT NULL "
                                       "AND signed_by IS NOT 'Dr Sam Rivera'"),
                   ==, 0);
  g_assert_cmpint (n_drafts, >=, n_active);
  g_assert_cmpint (n_drafts, <=, n_active * 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM notes n JOIN sessions s ON s.id = n.session_id "
                                       "JOIN clients c ON c.id = s.client_id "
                                       "WHERE n.signed_at IS NULL AND c.status <> 'active'"),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM notes d JOIN sessions ds ON ds.id = d.session_id "
                                       "JOIN notes n JOIN sessions s ON s.id = n.session_id "
                                       "WHERE d.signed_at IS NULL AND n.signed_at IS NOT NULL "
                                       "AND s.client_id = ds.client_id AND s.starts_at > ds.starts_at"),
                   ==, 0);

  /* Each active client's latest attended session is waiting to be written up. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM clients c WHERE c.status = 'active' AND NOT EXISTS "
                                       "(SELECT 1 FROM notes n WHERE n.signed_at IS NULL AND n.session_id = "
                                       " (SELECT id FROM sessions WHERE client_id = c.id AND attendance = 'attended' "
                                       "  ORDER BY starts_at DESC LIMIT 1))"),
                   ==, 0);

  /* No section is empty; the text is varied. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM note_sections WHERE length(trim(body)) = 0"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT body) FROM note_sections"), >, 100);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM notes WHERE process_note <> ''"), >, 0);

  /* A few accented words, found with or without their accents. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) plain = alliance_session_store_search (fixture->sessions, "therapeute", 0, &error);
    g_autoptr(GPtrArray) accented = alliance_session_store_search (fixture->sessions, "café", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (plain->len, >, 0);
    g_assert_cmpuint (accented->len, >, 0);
  }
}

static void
test_signatures_verify (Fixture       *fixture,
                        gconstpointer  user_data)
{
  sqlite3_stmt *stmt = NULL;
  guint n_checked = 0, n_addenda = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture), "SELECT session_id FROM notes WHERE signed_at IS NOT NULL",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AllianceNote) note = alliance_session_store_load_note (fixture->sessions,
                                                                      sqlite3_column_int64 (stmt, 0), &error);
      g_autofree char *sha256 = NULL;

      g_assert_no_error (error);
      sha256 = alliance_note_compute_sha256 (note);
      g_assert_cmpstr (sha256, ==, note->content_sha256);
      g_assert_false (alliance_note_is_empty (note));
      for (guint i = 0; i < note->addenda->len; i++)
        {
          AllianceAddendum *addendum = g_ptr_array_index (note->addenda, i);
          g_autofree char *addendum_sha256 = alliance_addendum_compute_sha256 (addendum, note->content_sha256);

          g_assert_cmpstr (addendum_sha256, ==, addendum->content_sha256);
          g_assert_cmpstr (addendum->signed_by, ==, "Dr Sam Rivera");
          n_addenda++;
        }
      n_checked++;
    }
  sqlite3_finalize (stmt);

  g_assert_cmpuint (n_checked, >, 100);
  g_assert_cmpuint (n_addenda, >=, 3);
  g_assert_cmpint (n_addenda, ==, query_int (fixture, "SELECT count(*) FROM note_addenda"));
}

/* Every flag has an example in the sample caseload, as of a fixed today. */
static void
test_flags (void)
{
  static const char *flag_ids[] = {
    ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF, ALLIANCE_FLAG_ALLIANCE_DROP, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW,
    ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED, ALLIANCE_FLAG_MISSED_SESSIONS, ALLIANCE_FLAG_RUPTURE_UNREPAIRED,
    ALLIANCE_FLAG_CALIBRATION_GAP, ALLIANCE_FLAG_OUTCOME_DETERIORATION, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK,
    ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_BOUNDARY_EVENT,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GHashTable) all_flags = NULL;
  Fixture fixture_data = { NULL }, *fixture = &fixture_data;
  guint raised[G_N_ELEMENTS (flag_ids)] = { 0, };
  gint64 maria;
  guint n_active_clear = 0;
  sqlite3_stmt *stmt = NULL;
  GDate today;
  gint64 start;

  /* The caseload's flags are read from a file, as the app does. */
  fixture->database = alliance_database_open (path, &error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  g_assert_true (alliance_demo_populate_as_of (fixture->clients, TODAY, &error));
  g_assert_no_error (error);
  maria = query_int (fixture, "SELECT id FROM clients WHERE given_name = 'Maria'");

  g_assert_true (alliance_date_parse (TODAY, &today, NULL));
  start = g_get_monotonic_time ();
  all_flags = alliance_caseload_flags_compute (path, NULL, &today, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (all_flags);
  g_test_message ("Flags of the sample caseload in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (g_hash_table_size (all_flags), ==, 30);

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture),
                                       "SELECT id, given_name, status = 'active' FROM clients ORDER BY id",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gint64 client_id = sqlite3_column_int64 (stmt, 0);
      gboolean active = sqlite3_column_int (stmt, 2);
      const AllianceClientFlags *flags = g_hash_table_lookup (all_flags, &client_id);

      g_assert_nonnull (flags);

      for (guint i = 0; i < flags->flags->len; i++)
        {
          const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);

          g_string_append_printf (line, " %s", flag->id);
          for (guint j = 0; j < G_N_ELEMENTS (flag_ids); j++)
            if (g_str_equal (flag->id, flag_ids[j]))
              raised[j]++;
        }
      g_test_message ("%s:%s", (const char *)sqlite3_column_text (stmt, 1), line->len ? line->str : " none");

      /* The risk banner is Maria's alone. */
      g_assert_true ((alliance_client_flags_find (flags, ALLIANCE_FLAG_RISK_ITEM) != NULL) == (client_id == maria));
      if (client_id == maria)
        g_assert_nonnull (flags->risk_until);
      if (active && flags->flags->len == 0)
        n_active_clear++;
    }
  sqlite3_finalize (stmt);
  fixture_tear_down (fixture, NULL);
  test_remove_tree (dir);

  for (guint j = 0; j < G_N_ELEMENTS (flag_ids); j++)
    {
      g_test_message ("%s: %u clients", flag_ids[j], raised[j]);
      g_assert_cmpuint (raised[j], >=, 1);
    }
  g_assert_cmpuint (raised[G_N_ELEMENTS (flag_ids) - 2], ==, 1);   /* risk-item */
  /* Most of the caseload is going well. */
  g_assert_cmpuint (n_active_clear, >=, 4);
}

static void
test_ratings (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 n_checks = query_int (fixture, "SELECT count(*) FROM administrations a JOIN measures m ON m.id = a.measure_id "
                                        "WHERE m.key = '" ALLIANCE_MEASURE_ALLIANCE_CHECK "'");
  gint64 n_attended = query_int (fixture, "SELECT count(*) FROM sessions s JOIN clients c ON c.id = s.client_id "
                                          "WHERE s.attendance = 'attended' AND s.error_reason IS NULL "
                                          "AND c.status IN ('active', 'on-hold', 'discharged')");

  g_test_message ("%" G_GINT64_FORMAT " Alliance checks over %" G_GINT64_FORMAT " attended sessions",
                  n_checks, n_attended);

  /* Most attended sessions are rated, not all; only attended ones. */
  g_assert_cmpint (n_checks * 10, >, n_attended * 8);
  g_assert_cmpint (n_checks, <, n_attended);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM administrations a JOIN sessions s ON s.id = a.session_id "
                                       "WHERE s.attendance <> 'attended' OR s.error_reason IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM administrations WHERE complete = 0"), ==, 0);

  /* Every built-in measure is used. */
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT measure_id) FROM administrations"), ==, 6);

  /* The therapist's prediction precedes the client's check wherever both exist. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM administrations p JOIN measures pm ON pm.id = p.measure_id "
                                       "JOIN administrations c ON c.session_id = p.session_id "
                                       "JOIN measures cm ON cm.id = c.measure_id "
                                       "WHERE pm.key = '" ALLIANCE_MEASURE_THERAPIST_PREDICTION "' "
                                       "AND cm.key = '" ALLIANCE_MEASURE_ALLIANCE_CHECK "'"),
                   ==, n_checks);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM administrations p JOIN measures pm ON pm.id = p.measure_id "
                                       "JOIN administrations c ON c.session_id = p.session_id "
                                       "JOIN measures cm ON cm.id = c.measure_id "
                                       "WHERE pm.key = '" ALLIANCE_MEASURE_THERAPIST_PREDICTION "' "
                                       "AND cm.key = '" ALLIANCE_MEASURE_ALLIANCE_CHECK "' "
                                       "AND p.entry_order >= c.entry_order"),
                   ==, 0);

  /* One positive answer to PHQ-9 item 9 in the whole caseload. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM item_scores i JOIN administrations a ON a.id = i.administration_id "
                                       "JOIN measures m ON m.id = a.measure_id "
                                       "WHERE m.key = '" ALLIANCE_MEASURE_PHQ9 "' AND i.position = 8 AND i.value > 0"),
                   ==, 1);

  /* Ruptures of both kinds, repairs resolved and not, a boundary and a life event. */
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT rupture_type) FROM session_events WHERE kind = 'rupture'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT resolved) FROM session_events WHERE kind = 'repair'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM session_events WHERE kind = 'boundary'"), >=, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM session_events WHERE kind = 'life'"), >=, 1);
}

/* The benchmark's caseload: ratings for whatever attended sessions exist. */
static void
test_generated_ratings (void)
{
  Fixture fixture_data = { NULL }, *fixture = &fixture_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gint64 n_attended, n_checks, n_phq9;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  g_assert_true (alliance_demo_generate_caseload (fixture->clients, 40, 7, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture), "SELECT id FROM clients", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  g_assert_true (alliance_database_begin (fixture->database, &error));
  for (guint i = 0; i < ids->len; i++)
    for (guint week = 0; week < 9; week++)
      {
        g_autoptr(AllianceSession) session = alliance_session_new (g_array_index (ids, gint64, i));

        session->starts_at = g_strdup_printf ("2026-%02u-%02u 10:00", 1 + week, 1 + i % 28);
        session->attendance = week == 5 && i % 3 == 0 ? ALLIANCE_ATTENDANCE_NO_SHOW : ALLIANCE_ATTENDANCE_ATTENDED;
        g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
        g_assert_no_error (error);
      }
  g_assert_true (alliance_database_commit (fixture->database, &error));

  g_assert_true (alliance_demo_generate_ratings (fixture->clients, 7, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (handle_of (fixture)));

  n_attended = query_int (fixture, "SELECT count(*) FROM sessions WHERE attendance = 'attended'");
  n_checks = query_int (fixture, "SELECT count(*) FROM administrations a JOIN measures m ON m.id = a.measure_id "
                                 "WHERE m.key = '" ALLIANCE_MEASURE_ALLIANCE_CHECK "'");
  n_phq9 = query_int (fixture, "SELECT count(*) FROM administrations a JOIN measures m ON m.id = a.measure_id "
                               "WHERE m.key = '" ALLIANCE_MEASURE_PHQ9 "'");
  g_assert_cmpint (n_checks * 10, >, n_attended * 8);
  g_assert_cmpint (n_checks, <=, n_attended);
  /* Attended sessions 1, 5 and 9 of each client; 1 and 5 of those with a no-show. */
  g_assert_cmpint (n_phq9, ==, ids->len * 3 - query_int (fixture, "SELECT count(*) FROM sessions "
                                                                  "WHERE attendance = 'no-show'"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM administrations p JOIN measures pm ON pm.id = p.measure_id "
                                       "JOIN administrations c ON c.session_id = p.session_id "
                                       "JOIN measures cm ON cm.id = c.measure_id "
                                       "WHERE pm.key = '" ALLIANCE_MEASURE_THERAPIST_PREDICTION "' "
                                       "AND cm.key = '" ALLIANCE_MEASURE_ALLIANCE_CHECK "' "
                                       "AND p.entry_order < c.entry_order"),
                   ==, n_checks);
  fixture_tear_down (fixture, NULL);
}

/* The last supervision, about a month ago: signed (verifiably), three
 * clients discussed, recommendations done and open; then the agenda of
 * the next one, with two flagged clients and a question for each. */
static void
test_supervision (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(AllianceSupervisionStore) store = alliance_supervision_store_new (fixture->database);
  g_autoptr(AllianceRatingStore) ratings = alliance_rating_store_new (fixture->database);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *sha = NULL;
  AllianceMeeting *agenda, *held;
  guint n_done = 0, n_open = 0, n_excerpts = 0;
  GDate today;

  meetings = alliance_supervision_store_list_meetings (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 2);
  agenda = g_ptr_array_index (meetings, 0);
  held = g_ptr_array_index (meetings, 1);

  last = alliance_supervision_store_dup_last_meeting_date (store, &error);
  g_assert_cmpstr (last, ==, "2026-10-28");
  g_assert_true (alliance_meeting_is_signed (held));
  g_assert_cmpstr (held->meeting_date, ==, "2026-10-28");
  g_assert_cmpstr (held->supervisor, ==, "Dr Ana Ruiz");
  g_assert_cmpint (held->format, ==, ALLIANCE_SUPERVISION_INDIVIDUAL);
  g_assert_cmpstr (held->period_start, ==, "2026-09-30");
  g_assert_cmpstr (held->period_end, ==, "2026-10-27");
  sha = alliance_meeting_compute_sha256 (held);
  g_assert_cmpstr (held->content_sha256, ==, sha);
  g_assert_cmpuint (held->discussions->len, ==, 3);

  for (guint i = 0; i < held->discussions->len; i++)
    {
      AllianceSupervisionDiscussion *discussion = g_ptr_array_index (held->discussions, i);
      g_autoptr(GPtrArray) open = NULL;
      guint n_open_here = 0;

      g_assert_cmpuint (strlen (discussion->question), >, 0);
      g_assert_cmpuint (strlen (discussion->discussion), >, 0);
      g_assert_cmpuint (discussion->action_items->len, >=, 1);
      for (guint j = 0; j < discussion->action_items->len; j++)
        {
          AllianceActionItem *item = g_ptr_array_index (discussion->action_items, j);

          if (alliance_action_item_is_done (item))
            {
              n_done++;
              g_assert_true (alliance_date_is_valid (item->done_on));
              g_assert_cmpstr (item->done_on, >=, held->meeting_date);
              g_assert_cmpstr (item->done_on, <, TODAY);
            }
          else
            n_open++, n_open_here++;
        }
      /* What the client page lists. */
      open = alliance_supervision_store_list_action_items (store, discussion->client_id, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (open->len, ==, n_open_here);

      for (guint j = 0; j < discussion->excerpts->len; j++)
        {
          AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, j);
          sqlite3_stmt *stmt = NULL;

          /* Quoted from one of the client's own notes. */
          g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture),
                                               "SELECT count(*) FROM note_sections ns JOIN notes n ON n.id = ns.note_id "
                                               "JOIN sessions s ON s.id = n.session_id "
                                               "WHERE n.id = ?1 AND s.client_id = ?2 AND instr(ns.body, ?3) > 0",
                                               -1, &stmt, NULL),
                           ==, SQLITE_OK);
          sqlite3_bind_int64 (stmt, 1, excerpt->note_id);
          sqlite3_bind_int64 (stmt, 2, discussion->client_id);
          sqlite3_bind_text (stmt, 3, excerpt->text, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
          g_assert_cmpuint (strlen (excerpt->text), >, 10);
          sqlite3_finalize (stmt);
          n_excerpts++;
        }
    }
  g_assert_cmpuint (n_done, >=, 1);
  g_assert_cmpuint (n_open, >=, 1);
  g_assert_cmpuint (n_excerpts, ==, 1);

  /* The agenda: from the day after the meeting to today, two clients who
   * are flagged, each with a question. */
  g_assert_false (alliance_meeting_is_signed (agenda));
  g_assert_cmpstr (agenda->meeting_date, ==, TODAY);
  g_assert_cmpstr (agenda->period_start, ==, "2026-10-29");
  g_assert_cmpstr (agenda->period_end, ==, TODAY);
  g_assert_cmpuint (agenda->discussions->len, ==, 2);
  g_assert_true (alliance_date_parse (TODAY, &today, NULL));
  for (guint i = 0; i < agenda->discussions->len; i++)
    {
      AllianceSupervisionDiscussion *discussion = g_ptr_array_index (agenda->discussions, i);
      g_autoptr(AllianceClientFlags) flags = NULL;

      g_assert_cmpuint (strlen (discussion->question), >, 0);
      g_assert_cmpuint (discussion->action_items->len, ==, 0);
      flags = alliance_caseload_flags_compute_client (fixture->sessions, ratings, discussion->client_id, NULL, &today,
                                                      &error);
      g_assert_no_error (error);
      g_assert_cmpuint (flags->flags->len, >, 0);
    }
}

static char *
dump (Fixture *fixture)
{
  return test_query_text (handle_of (fixture),
                          "SELECT group_concat(line, '\n') FROM ("
                          "SELECT s.client_id || s.starts_at || s.duration_minutes || s.kind || s.modality || "
                          "s.attendance || coalesce(s.error_reason, '') || coalesce(n.template, '') || "
                          "coalesce(n.process_note, '') || coalesce(n.signed_by, '') || "
                          "coalesce((SELECT group_concat(body, '|') FROM note_sections WHERE note_id = n.id), '') || "
                          "coalesce((SELECT group_concat(body, '|') FROM note_addenda WHERE note_id = n.id), '') "
                          "AS line FROM sessions s LEFT JOIN notes n ON n.session_id = s.id ORDER BY s.id)");
}

static char *
dump_ratings (Fixture *fixture)
{
  return test_query_text (handle_of (fixture),
                          "SELECT group_concat(line, '\n') FROM ("
                          "SELECT a.session_id || a.measure_id || a.entry_order || "
                          "(SELECT group_concat(value, ',') FROM item_scores WHERE administration_id = a.id) "
                          "AS line FROM administrations a UNION ALL "
                          "SELECT e.session_id || e.kind || coalesce(e.rupture_type, '') || coalesce(e.resolved, '') || "
                          "coalesce(e.rupture_id, '') || coalesce(e.boundary_kind, '') || e.note FROM session_events e "
                          "ORDER BY 1)");
}

static void
test_deterministic (void)
{
  Fixture first = { NULL }, second = { NULL };
  g_autofree char *first_dump = NULL;
  g_autofree char *second_dump = NULL;

  populate (&first, TODAY);
  populate (&second, TODAY);
  first_dump = dump (&first);
  second_dump = dump (&second);
  g_assert_cmpuint (strlen (first_dump), >, 10000);
  g_assert_true (strcmp (first_dump, second_dump) == 0);
  g_free (first_dump);
  g_free (second_dump);
  first_dump = dump_ratings (&first);
  second_dump = dump_ratings (&second);
  g_assert_cmpuint (strlen (first_dump), >, 10000);
  g_assert_true (strcmp (first_dump, second_dump) == 0);
  fixture_tear_down (&first, NULL);
  fixture_tear_down (&second, NULL);
}

static void
test_other_dates (void)
{
  static const char *dates[] = { "2023-06-01", "2026-01-02", NULL };

  /* Any date works, the real one included; on an early one, fewer clients
   * have started and nothing is in the future. */
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      Fixture fixture = { NULL };
      g_autofree char *today = dates[i] ? g_strdup (dates[i]) : alliance_date_today ();
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sessions WHERE date(starts_at) >= '%s'", today);

      populate (&fixture, dates[i]);
      g_assert_cmpint (query_int (&fixture, "SELECT count(*) FROM clients"), ==, 30);
      g_assert_cmpint (query_int (&fixture, sql), ==, 0);
      fixture_tear_down (&fixture, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/demo/clients-unchanged", test_clients_unchanged);
  ADD ("/demo/sessions", test_sessions);
  ADD ("/demo/missed-in-a-row", test_missed_in_a_row);
  ADD ("/demo/notes", test_notes);
  ADD ("/demo/signatures-verify", test_signatures_verify);
  ADD ("/demo/ratings", test_ratings);
  ADD ("/demo/supervision", test_supervision);
#undef ADD
  g_test_add_func ("/demo/flags", test_flags);
  g_test_add_func ("/demo/generated-ratings", test_generated_ratings);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/other-dates", test_other_dates);

  return g_test_run ();
}
