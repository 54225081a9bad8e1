/* test-flags.c
 *
 * Every flag rule with a history that raises it and a near miss that does
 * not; what does not count (future sessions, sessions entered in error);
 * the order of flags by severity; the latest alliance total and the
 * recent totals behind the caseload's sparkline; a flag's sentence
 * written from its dates, with the calendar's or with weeks and session
 * numbers for a de-identified document.
 *
 * Records are built as plain structs here: the flags engine only reads
 * their fields.
 */
#define G_LOG_DOMAIN "alliance-test-flags"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "alliance-flags.h"
#include "alliance-measure-library.h"
#include "alliance-score.h"
#include "alliance-supervision-review.h"

#define TODAY "2026-11-27"

typedef struct
{
  AllianceClientHistory  history;
  GHashTable            *measures;   /* key → AllianceMeasure */
  AllianceFlagSettings   settings;
  GDate                  today;
  gint64                 next_id;
  char                  *supervision;
} Fixture;

static void
administration_free (AllianceAdministration *administration)
{
  g_free (administration->measure_key);
  g_free (administration->values);
  g_free (administration->administered_at);
  g_free (administration->created_at);
  g_free (administration->updated_at);
  g_free (administration);
}

static void
event_free (AllianceSessionEvent *event)
{
  g_free (event->note);
  g_free (event->occurred_at);
  g_free (event->created_at);
  g_free (event);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char **ids = alliance_measure_library_get_ids ();

  fixture->history.client_id = 1;
  fixture->history.sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_free);
  fixture->history.administrations = g_ptr_array_new_with_free_func ((GDestroyNotify)administration_free);
  fixture->history.events = g_ptr_array_new_with_free_func ((GDestroyNotify)event_free);
  fixture->measures = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify)alliance_measure_free);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      AllianceMeasure *measure = alliance_measure_library_get (ids[i]);

      g_hash_table_insert (fixture->measures, measure->id, measure);
    }
  alliance_flag_settings_init (&fixture->settings);
  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, 27, G_DATE_NOVEMBER, 2026);
  fixture->next_id = 100;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_ptr_array_unref (fixture->history.sessions);
  g_ptr_array_unref (fixture->history.administrations);
  g_ptr_array_unref (fixture->history.events);
  g_hash_table_unref (fixture->measures);
  g_free (fixture->supervision);
}

static const AllianceMeasure *
lookup_measure (const char *key,
                int         version,
                gpointer    user_data)
{
  Fixture *fixture = user_data;

  return g_hash_table_lookup (fixture->measures, key);
}

/* "YYYY-MM-DD 10:00", @days before today. */
static char *
days_ago (int days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 27, G_DATE_NOVEMBER, 2026);
  if (days >= 0)
    g_date_subtract_days (&date, (guint)days);
  else
    g_date_add_days (&date, (guint)-days);
  return g_strdup_printf ("%04d-%02d-%02d 10:00", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

/* Numbers attended sessions as the store does. */
static void
number_sessions (Fixture *fixture)
{
  int number = 0;

  for (guint i = 0; i < fixture->history.sessions->len; i++)
    {
      AllianceSession *session = g_ptr_array_index (fixture->history.sessions, i);

      session->number = alliance_session_counts (session) ? ++number : 0;
    }
}

/* A session @days before today (negative: in the future); its id. */
static gint64
add_session (Fixture            *fixture,
             int                 days,
             AllianceAttendance  attendance)
{
  AllianceSession *session = alliance_session_new (fixture->history.client_id);

  session->id = fixture->next_id++;
  g_free (session->starts_at);
  session->starts_at = days_ago (days);
  session->attendance = attendance;
  g_ptr_array_add (fixture->history.sessions, session);
  number_sessions (fixture);
  return session->id;
}

static AllianceSession *
get_session (Fixture *fixture,
             gint64   session_id)
{
  for (guint i = 0; i < fixture->history.sessions->len; i++)
    {
      AllianceSession *session = g_ptr_array_index (fixture->history.sessions, i);

      if (session->id == session_id)
        return session;
    }
  g_assert_not_reached ();
}

/* An administration of @key at @session_id with the given answers (one
 * per item of the measure; ALLIANCE_SCORE_MISSING for none). */
static AllianceAdministration *
add_rating_values (Fixture    *fixture,
                   gint64      session_id,
                   const char *key,
                   int         entry_order,
                   const int  *values)
{
  const AllianceMeasure *measure = g_hash_table_lookup (fixture->measures, key);
  AllianceAdministration *administration = g_new0 (AllianceAdministration, 1);

  g_assert_nonnull (measure);
  administration->id = fixture->next_id++;
  administration->client_id = fixture->history.client_id;
  administration->session_id = session_id;
  administration->measure_key = g_strdup (key);
  administration->measure_version = measure->version;
  administration->rater = measure->rater;
  administration->n_values = alliance_measure_get_n_items (measure);
  administration->values = g_memdup2 (values, sizeof (int) * administration->n_values);
  administration->entry_order = entry_order;
  administration->complete = TRUE;
  for (guint i = 0; i < administration->n_values; i++)
    if (values[i] == ALLIANCE_SCORE_MISSING)
      administration->complete = FALSE;
  administration->administered_at = g_strdup (get_session (fixture, session_id)->starts_at);
  g_ptr_array_add (fixture->history.administrations, administration);
  return administration;
}

static void
add_check (Fixture *fixture,
           gint64   session_id,
           int      goals,
           int      tasks,
           int      bond)
{
  int values[] = { goals, tasks, bond };

  add_rating_values (fixture, session_id, ALLIANCE_MEASURE_ALLIANCE_CHECK, 2, values);
}

static void
add_prediction (Fixture *fixture,
                gint64   session_id,
                int      predicted,
                int      entry_order)
{
  add_rating_values (fixture, session_id, ALLIANCE_MEASURE_THERAPIST_PREDICTION, entry_order, &predicted);
}

/* A PHQ-9 adding up to @total with @item9 as the last answer. */
static void
add_phq9 (Fixture *fixture,
          gint64   session_id,
          int      total,
          int      item9)
{
  int values[9];

  values[8] = item9;
  total -= item9;
  for (guint i = 0; i < 8; i++)
    {
      values[i] = MIN (3, total);
      total -= values[i];
    }
  g_assert_cmpint (total, ==, 0);
  add_rating_values (fixture, session_id, ALLIANCE_MEASURE_PHQ9, 1, values);
}

static AllianceSessionEvent *
add_event (Fixture           *fixture,
           gint64             session_id,
           AllianceEventKind  kind)
{
  AllianceSessionEvent *event = g_new0 (AllianceSessionEvent, 1);

  event->id = fixture->next_id++;
  event->session_id = session_id;
  event->kind = kind;
  event->note = g_strdup ("");
  event->client_id = fixture->history.client_id;
  event->occurred_at = g_strdup (get_session (fixture, session_id)->starts_at);
  if (kind == ALLIANCE_EVENT_RUPTURE)
    event->intensity = 2;
  g_ptr_array_add (fixture->history.events, event);
  return event;
}

static AllianceClientFlags *
compute (Fixture *fixture)
{
  AllianceClientFlags *flags;

  fixture->history.last_supervision = fixture->supervision;
  flags = alliance_flags_compute (&fixture->history, lookup_measure, fixture,
                                  &fixture->settings, &fixture->today);
  g_assert_nonnull (flags);
  for (guint i = 0; i < flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);

      g_test_message ("%s: %s", flag->id, flag->reason);
      g_assert_nonnull (flag->reason);
      g_assert_null (strstr (flag->reason, "safe"));
    }
  return flags;
}

static const AllianceFlag *
assert_flag (const AllianceClientFlags *flags,
             const char                *flag_id,
             AllianceFlagSeverity       severity)
{
  const AllianceFlag *flag = alliance_client_flags_find (flags, flag_id);

  if (flag == NULL)
    g_error ("flag %s not raised", flag_id);
  g_assert_cmpint (flag->severity, ==, severity);
  return flag;
}

static void
assert_no_flag (const AllianceClientFlags *flags,
                const char                *flag_id)
{
  const AllianceFlag *flag = alliance_client_flags_find (flags, flag_id);

  if (flag != NULL)
    g_error ("flag %s raised: %s", flag_id, flag->reason);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
test_below_cutoff (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 7, 7, 7);
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF,
                                ALLIANCE_FLAG_SEVERITY_WARNING)->reason, "21 of 30");
  assert_contains (alliance_client_flags_find (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF)->reason, "24");
  g_assert_cmpstr (alliance_client_flags_find (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF)->since,
                   ==, "2026-11-20");
  g_clear_pointer (&flags, alliance_client_flags_free);

  /* The latest counts: 24 is not below 24. */
  id = add_session (fixture, 0, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 8, 8, 8);
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF);
}

static void
test_drop (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 14, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 9, 9, 9);
  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 9, 9, 7);   /* 27 → 25: 2 points, less than 10 % of 30 */
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_ALLIANCE_DROP);
  g_clear_pointer (&flags, alliance_client_flags_free);

  id = add_session (fixture, 0, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 8, 8, 6);   /* 25 → 22: exactly 10 % */
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_ALLIANCE_DROP, ALLIANCE_FLAG_SEVERITY_WARNING)->reason,
                   "from 25 to 22");
}

static void
test_item_low (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 10, 10, 6);
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW);
  g_clear_pointer (&flags, alliance_client_flags_free);

  id = add_session (fixture, 0, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 10, 10, 5);   /* at 50 % of 0–10 */
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW, ALLIANCE_FLAG_SEVERITY_NOTICE)->reason,
                   "5 of 10");
}

static void
test_not_measured (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  int incomplete[] = { 8, ALLIANCE_SCORE_MISSING, 8 };
  gint64 id;

  id = add_session (fixture, 21, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 8, 8, 8);
  add_session (fixture, 14, ALLIANCE_ATTENDANCE_ATTENDED);
  add_session (fixture, 10, ALLIANCE_ATTENDANCE_NO_SHOW);
  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_rating_values (fixture, id, ALLIANCE_MEASURE_ALLIANCE_CHECK, 1, incomplete);
  flags = compute (fixture);
  /* The rating 21 days ago is among the last three attended. */
  assert_no_flag (flags, ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED);
  g_clear_pointer (&flags, alliance_client_flags_free);

  /* Now it is not, and the incomplete one does not count. */
  add_session (fixture, 0, ALLIANCE_ATTENDANCE_ATTENDED);
  flags = compute (fixture);
  g_assert_cmpstr (assert_flag (flags, ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED,
                                ALLIANCE_FLAG_SEVERITY_NOTICE)->since, ==, "2026-11-13");
}

static void
test_not_measured_few_sessions (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;

  add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_session (fixture, 0, ALLIANCE_ATTENDANCE_ATTENDED);
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED);
}

static void
test_missed_sessions (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;

  add_session (fixture, 28, ALLIANCE_ATTENDANCE_NO_SHOW);
  add_session (fixture, 21, ALLIANCE_ATTENDANCE_ATTENDED);
  add_session (fixture, 14, ALLIANCE_ATTENDANCE_NO_SHOW);
  add_session (fixture, 10, ALLIANCE_ATTENDANCE_CANCELLED);
  add_session (fixture, 8, ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST);
  flags = compute (fixture);
  /* One missed since the last attended session. */
  assert_no_flag (flags, ALLIANCE_FLAG_MISSED_SESSIONS);
  g_clear_pointer (&flags, alliance_client_flags_free);

  add_session (fixture, -7, ALLIANCE_ATTENDANCE_NO_SHOW);   /* not yet happened */
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_MISSED_SESSIONS);
  g_clear_pointer (&flags, alliance_client_flags_free);

  /* Keep the future one last, as the store orders them. */
  g_ptr_array_insert (fixture->history.sessions, (int)fixture->history.sessions->len - 1,
                      alliance_session_new (fixture->history.client_id));
  {
    AllianceSession *late = g_ptr_array_index (fixture->history.sessions,
                                               fixture->history.sessions->len - 2);

    late->id = fixture->next_id++;
    g_free (late->starts_at);
    late->starts_at = days_ago (0);
    late->attendance = ALLIANCE_ATTENDANCE_LATE_CANCELLED;
  }
  flags = compute (fixture);
  g_assert_cmpstr (assert_flag (flags, ALLIANCE_FLAG_MISSED_SESSIONS,
                                ALLIANCE_FLAG_SEVERITY_WARNING)->since, ==, "2026-11-13");
  assert_contains (alliance_client_flags_find (flags, ALLIANCE_FLAG_MISSED_SESSIONS)->reason, "2");
}

static void
test_rupture (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  AllianceSessionEvent *rupture, *repair;
  gint64 first, second;

  first = add_session (fixture, 14, ALLIANCE_ATTENDANCE_ATTENDED);
  second = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  rupture = add_event (fixture, first, ALLIANCE_EVENT_RUPTURE);
  repair = add_event (fixture, second, ALLIANCE_EVENT_REPAIR);
  repair->rupture_id = rupture->id;
  repair->resolved = FALSE;
  flags = compute (fixture);
  /* A repair attempt that did not resolve it leaves it flagged. */
  g_assert_cmpstr (assert_flag (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED,
                                ALLIANCE_FLAG_SEVERITY_WARNING)->since, ==, "2026-11-13");
  assert_contains (alliance_client_flags_find (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED)->reason, "1 rupture");
  g_clear_pointer (&flags, alliance_client_flags_free);

  repair = add_event (fixture, second, ALLIANCE_EVENT_REPAIR);
  repair->rupture_id = rupture->id;
  repair->resolved = TRUE;
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED);
}

static void
test_rupture_in_error (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_event (fixture, id, ALLIANCE_EVENT_RUPTURE);
  add_check (fixture, id, 1, 1, 1);
  get_session (fixture, id)->error_reason = g_strdup ("Wrong client");
  number_sessions (fixture);
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED);
  assert_no_flag (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF);
  g_assert_false (flags->has_alliance);
  g_assert_cmpuint (flags->flags->len, ==, 0);
  g_assert_cmpint (flags->max_severity, ==, ALLIANCE_FLAG_SEVERITY_NONE);
}

static void
test_calibration_gap (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 21, ALLIANCE_ATTENDANCE_ATTENDED);
  add_prediction (fixture, id, 27, 1);
  add_check (fixture, id, 8, 8, 8);     /* gap 3 */
  id = add_session (fixture, 14, ALLIANCE_ATTENDANCE_ATTENDED);
  add_prediction (fixture, id, 25, 1);
  add_check (fixture, id, 8, 8, 8);     /* gap 1 */
  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 8, 8, 8);
  add_prediction (fixture, id, 29, 3);  /* entered after the client's: not counted */
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_CALIBRATION_GAP);
  g_clear_pointer (&flags, alliance_client_flags_free);

  id = add_session (fixture, 0, ALLIANCE_ATTENDANCE_ATTENDED);
  add_prediction (fixture, id, 29, 1);
  add_check (fixture, id, 8, 8, 8);     /* gap 5 */
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_CALIBRATION_GAP, ALLIANCE_FLAG_SEVERITY_NOTICE)->reason,
                   "2 of the last 3");
}

static void
test_deterioration (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 21, ALLIANCE_ATTENDANCE_ATTENDED);
  add_phq9 (fixture, id, 8, 0);
  id = add_session (fixture, 14, ALLIANCE_ATTENDANCE_ATTENDED);
  add_phq9 (fixture, id, 20, 0);
  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_phq9 (fixture, id, 13, 0);   /* 5 worse than the first: not reliable */
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_OUTCOME_DETERIORATION);
  g_clear_pointer (&flags, alliance_client_flags_free);

  id = add_session (fixture, 0, ALLIANCE_ATTENDANCE_ATTENDED);
  add_phq9 (fixture, id, 14, 0);   /* 6 worse */
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_OUTCOME_DETERIORATION,
                                ALLIANCE_FLAG_SEVERITY_WARNING)->reason, "from 8");
}

/* Six attended sessions, PHQ-9 at the first and the last. */
static void
add_course (Fixture *fixture,
            int      first,
            int      last,
            int      n_sessions)
{
  for (int i = 0; i < n_sessions; i++)
    {
      gint64 id = add_session (fixture, 7 * (n_sessions - 1 - i), ALLIANCE_ATTENDANCE_ATTENDED);

      if (i == 0)
        add_phq9 (fixture, id, first, 0);
      else if (i == n_sessions - 1)
        add_phq9 (fixture, id, last, 0);
    }
}

static void
test_not_on_track (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;

  add_course (fixture, 14, 10, 6);
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK,
                                ALLIANCE_FLAG_SEVERITY_NOTICE)->reason, "session 6");
  assert_no_flag (flags, ALLIANCE_FLAG_OUTCOME_DETERIORATION);
}

static void
test_not_on_track_too_early (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;

  add_course (fixture, 14, 10, 5);
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK);
}

static void
test_on_track (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;

  add_course (fixture, 14, 8, 6);   /* a reliable improvement of 6 */
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK);
}

static void
test_not_on_track_minimal (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;

  add_course (fixture, 4, 3, 6);   /* started in the minimal band */
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK);
}

static void
test_deterioration_not_on_track (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;

  add_course (fixture, 8, 16, 6);
  flags = compute (fixture);
  assert_flag (flags, ALLIANCE_FLAG_OUTCOME_DETERIORATION, ALLIANCE_FLAG_SEVERITY_WARNING);
  assert_no_flag (flags, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK);
}

static void
test_risk_item (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  const AllianceFlag *flag;
  gint64 id;

  id = add_session (fixture, 59, ALLIANCE_ATTENDANCE_ATTENDED);
  add_phq9 (fixture, id, 10, 1);
  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_phq9 (fixture, id, 5, 0);   /* a later 0 does not clear it */
  flags = compute (fixture);
  flag = assert_flag (flags, ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_SEVERITY_URGENT);
  assert_contains (flag->reason, "item 9 answered 1");
  assert_contains (flag->reason, "risk protocol");
  g_assert_cmpstr (flag->since, ==, "2026-09-29");
  g_assert_cmpstr (flags->risk_until, ==, "2026-11-28");
  g_assert_cmpint (flags->max_severity, ==, ALLIANCE_FLAG_SEVERITY_URGENT);
}

/* Discharged or not yet started: only a risk answer is still flagged. */
static void
test_not_in_therapy (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 14, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 5, 5, 5);
  add_phq9 (fixture, id, 12, 1);
  add_session (fixture, 7, ALLIANCE_ATTENDANCE_NO_SHOW);
  add_session (fixture, 1, ALLIANCE_ATTENDANCE_NO_SHOW);

  flags = compute (fixture);
  assert_flag (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF, ALLIANCE_FLAG_SEVERITY_WARNING);
  assert_flag (flags, ALLIANCE_FLAG_MISSED_SESSIONS, ALLIANCE_FLAG_SEVERITY_WARNING);
  g_clear_pointer (&flags, alliance_client_flags_free);

  fixture->history.not_in_therapy = TRUE;
  flags = compute (fixture);
  g_assert_cmpuint (flags->flags->len, ==, 1);
  assert_flag (flags, ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_SEVERITY_URGENT);
}

static void
test_risk_item_expired (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 61, ALLIANCE_ATTENDANCE_ATTENDED);
  add_phq9 (fixture, id, 10, 1);
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_RISK_ITEM);
  g_assert_null (flags->risk_until);
}

static void
test_risk_item_incomplete (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  int values[9];
  gint64 id;

  for (guint i = 0; i < 8; i++)
    values[i] = ALLIANCE_SCORE_MISSING;
  values[8] = 2;
  id = add_session (fixture, 3, ALLIANCE_ATTENDANCE_ATTENDED);
  add_rating_values (fixture, id, ALLIANCE_MEASURE_PHQ9, 1, values);
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_SEVERITY_URGENT)->reason,
                   "answered 2");
}

static void
test_boundary_since_supervision (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 40, ALLIANCE_ATTENDANCE_ATTENDED);
  add_event (fixture, id, ALLIANCE_EVENT_BOUNDARY);
  fixture->supervision = g_strdup ("2026-10-20");   /* after it */
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_BOUNDARY_EVENT);
  g_clear_pointer (&flags, alliance_client_flags_free);

  g_free (fixture->supervision);
  fixture->supervision = g_strdup ("2026-10-15");   /* before it: 40 days ago is 18 Oct */
  flags = compute (fixture);
  g_assert_cmpstr (assert_flag (flags, ALLIANCE_FLAG_BOUNDARY_EVENT,
                                ALLIANCE_FLAG_SEVERITY_NOTICE)->since, ==, "2026-10-18");
}

static void
test_boundary_without_supervision (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 29, ALLIANCE_ATTENDANCE_ATTENDED);
  add_event (fixture, id, ALLIANCE_EVENT_BOUNDARY);
  flags = compute (fixture);
  assert_no_flag (flags, ALLIANCE_FLAG_BOUNDARY_EVENT);
  g_clear_pointer (&flags, alliance_client_flags_free);

  id = add_session (fixture, 27, ALLIANCE_ATTENDANCE_ATTENDED);
  add_event (fixture, id, ALLIANCE_EVENT_BOUNDARY);
  flags = compute (fixture);
  assert_contains (assert_flag (flags, ALLIANCE_FLAG_BOUNDARY_EVENT, ALLIANCE_FLAG_SEVERITY_NOTICE)->reason,
                   "28");
}

static void
test_order_and_latest (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  g_autoptr(AllianceClientFlags) copy = NULL;
  const AllianceFlagSeverity expected[] = {
    ALLIANCE_FLAG_SEVERITY_URGENT,    /* risk */
    ALLIANCE_FLAG_SEVERITY_WARNING,   /* below cut-off */
    ALLIANCE_FLAG_SEVERITY_WARNING,   /* missed */
    ALLIANCE_FLAG_SEVERITY_NOTICE,    /* item low */
  };
  gint64 id;

  id = add_session (fixture, 30, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 9, 9, 9);
  id = add_session (fixture, 21, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 9, 9, 3);
  add_phq9 (fixture, id, 10, 1);
  add_session (fixture, 14, ALLIANCE_ATTENDANCE_NO_SHOW);
  add_session (fixture, 7, ALLIANCE_ATTENDANCE_LATE_CANCELLED);
  flags = compute (fixture);

  g_assert_cmpuint (flags->flags->len, ==, G_N_ELEMENTS (expected) + 1);   /* + the drop */
  for (guint i = 1; i < flags->flags->len; i++)
    {
      const AllianceFlag *before = g_ptr_array_index (flags->flags, i - 1);
      const AllianceFlag *after = g_ptr_array_index (flags->flags, i);

      g_assert_cmpint (before->severity, >=, after->severity);
    }
  g_assert_cmpstr (((AllianceFlag *)g_ptr_array_index (flags->flags, 0))->id, ==, ALLIANCE_FLAG_RISK_ITEM);
  g_assert_cmpstr (((AllianceFlag *)g_ptr_array_index (flags->flags, 1))->id, ==,
                   ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF);
  g_assert_cmpstr (((AllianceFlag *)g_ptr_array_index (flags->flags, 2))->id, ==, ALLIANCE_FLAG_ALLIANCE_DROP);
  g_assert_cmpstr (((AllianceFlag *)g_ptr_array_index (flags->flags, 3))->id, ==,
                   ALLIANCE_FLAG_MISSED_SESSIONS);
  g_assert_cmpstr (((AllianceFlag *)g_ptr_array_index (flags->flags, 4))->id, ==,
                   ALLIANCE_FLAG_ALLIANCE_ITEM_LOW);
  g_assert_cmpint (flags->max_severity, ==, ALLIANCE_FLAG_SEVERITY_URGENT);

  g_assert_true (flags->has_alliance);
  g_assert_cmpfloat (flags->alliance_total, ==, 21);
  g_assert_cmpfloat (flags->alliance_max, ==, 30);
  g_assert_cmpstr (flags->alliance_measure_key, ==, ALLIANCE_MEASURE_ALLIANCE_CHECK);

  copy = alliance_client_flags_copy (flags);
  g_assert_cmpuint (copy->flags->len, ==, flags->flags->len);
  g_assert_cmpstr (copy->risk_until, ==, flags->risk_until);
}

static void
test_future_ignored (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  gint64 id;

  id = add_session (fixture, 7, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 9, 9, 9);
  id = add_session (fixture, -1, ALLIANCE_ATTENDANCE_ATTENDED);
  add_check (fixture, id, 1, 1, 1);
  flags = compute (fixture);
  g_assert_cmpfloat (flags->alliance_total, ==, 27);
  g_assert_cmpuint (flags->flags->len, ==, 0);
}

/* The sparkline's totals: complete ratings of the latest measure only,
 * oldest first, the last 12; none without an alliance rating. */
static void
test_recent_alliance (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  g_autoptr(AllianceClientFlags) copy = NULL;
  const AllianceMeasure *wai = g_hash_table_lookup (fixture->measures, ALLIANCE_MEASURE_WAI_SR);
  g_autofree int *wai_values = g_new (int, alliance_measure_get_n_items (wai));
  int incomplete[] = { 5, ALLIANCE_SCORE_MISSING, 5 };
  gint64 id;

  flags = compute (fixture);
  g_assert_false (flags->has_alliance);
  g_assert_cmpuint (flags->n_recent_alliance, ==, 0);
  g_assert_null (flags->recent_alliance);
  g_clear_pointer (&flags, alliance_client_flags_free);

  for (guint i = 0; i < alliance_measure_get_n_items (wai); i++)
    wai_values[i] = 3;
  /* 14 complete checks totalling 13, 14, … 26 (one per session), with an
   * incomplete check, a WAI-SR and a prediction among them. */
  for (int i = 0; i < 14; i++)
    {
      id = add_session (fixture, 100 - 7 * i, ALLIANCE_ATTENDANCE_ATTENDED);
      add_check (fixture, id, 4 + i / 3, 4 + (i + 1) / 3, 5 + (i + 2) / 3);
      if (i == 9)
        {
          add_rating_values (fixture, id, ALLIANCE_MEASURE_ALLIANCE_CHECK, 3, incomplete);
          add_rating_values (fixture, id, ALLIANCE_MEASURE_WAI_SR, 4, wai_values);
          add_prediction (fixture, id, 2, 5);
        }
    }
  flags = compute (fixture);

  g_assert_true (flags->has_alliance);
  g_assert_cmpfloat (flags->alliance_total, ==, 26);
  g_assert_cmpfloat (flags->alliance_min, ==, 0);
  g_assert_cmpfloat (flags->alliance_max, ==, 30);
  g_assert_cmpuint (flags->n_recent_alliance, ==, ALLIANCE_CLIENT_FLAGS_MAX_RECENT);
  for (guint i = 0; i < flags->n_recent_alliance; i++)
    g_assert_cmpfloat (flags->recent_alliance[i], ==, 15 + i);

  copy = alliance_client_flags_copy (flags);
  g_assert_cmpuint (copy->n_recent_alliance, ==, flags->n_recent_alliance);
  g_assert_true (copy->recent_alliance != flags->recent_alliance);
  g_assert_cmpmem (copy->recent_alliance, copy->n_recent_alliance * sizeof (double),
                   flags->recent_alliance, flags->n_recent_alliance * sizeof (double));
  g_clear_pointer (&flags, alliance_client_flags_free);

  /* A WAI-SR after them: the sparkline follows the latest measure. */
  id = add_session (fixture, 1, ALLIANCE_ATTENDANCE_ATTENDED);
  add_rating_values (fixture, id, ALLIANCE_MEASURE_WAI_SR, 2, wai_values);
  flags = compute (fixture);
  g_assert_cmpstr (flags->alliance_measure_key, ==, ALLIANCE_MEASURE_WAI_SR);
  g_assert_cmpuint (flags->n_recent_alliance, ==, 2);
  g_assert_cmpfloat (flags->recent_alliance[0], ==, flags->recent_alliance[1]);
  g_assert_cmpfloat (flags->recent_alliance[1], ==, flags->alliance_total);
}

/* One of each kind of date a flag speaks of: sessions attended (numbered),
 * missed (not numbered), two dates in one sentence, the last supervision.
 * Week 1 starts on 2 Oct 2026. */
#define WEEK_START "2026-10-02"

static void
add_dated_history (Fixture *fixture)
{
  gint64 first, second, third;

  first = add_session (fixture, 35, ALLIANCE_ATTENDANCE_ATTENDED);    /* 23 Oct: week 4, session 1 */
  add_check (fixture, first, 9, 9, 9);
  add_phq9 (fixture, first, 8, 0);
  second = add_session (fixture, 28, ALLIANCE_ATTENDANCE_ATTENDED);   /* 30 Oct: week 5, session 2 */
  add_event (fixture, second, ALLIANCE_EVENT_RUPTURE);
  third = add_session (fixture, 21, ALLIANCE_ATTENDANCE_ATTENDED);    /* 6 Nov: week 6, session 3 */
  add_check (fixture, third, 7, 7, 7);
  add_phq9 (fixture, third, 15, 1);
  add_event (fixture, third, ALLIANCE_EVENT_BOUNDARY);
  add_session (fixture, 14, ALLIANCE_ATTENDANCE_NO_SHOW);             /* 13 Nov: week 7 */
  add_session (fixture, 7, ALLIANCE_ATTENDANCE_LATE_CANCELLED);       /* 20 Nov: week 8 */
  fixture->supervision = g_strdup ("2026-10-25");
}

static char *
describe_relative (const AllianceClientFlags *flags,
                   const char                *flag_id)
{
  const AllianceFlag *flag = alliance_client_flags_find (flags, flag_id);

  if (flag == NULL)
    g_error ("flag %s not raised", flag_id);
  return alliance_flag_describe (flag, alliance_review_describe_flag_date, WEEK_START);
}

static void
assert_relative (const AllianceClientFlags *flags,
                 const char                *flag_id,
                 const char                *expected)
{
  g_autofree char *sentence = describe_relative (flags, flag_id);

  g_assert_cmpstr (sentence, ==, expected);
}

/* The calendar's wording is the flag's reason, as the screens show it;
 * the relative wording has weeks and session numbers where the dates
 * were, and nothing of a date: no month, no year. */
static void
test_described_with_dates (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  g_autoptr(AllianceClientFlags) copy = NULL;

  add_dated_history (fixture);
  flags = compute (fixture);
  g_assert_cmpuint (flags->flags->len, ==, 7);

  g_assert_cmpstr (assert_flag (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED, ALLIANCE_FLAG_SEVERITY_WARNING)->reason,
                   ==, "1 rupture has no resolved repair; it happened on 30 Oct.");
  g_assert_cmpstr (assert_flag (flags, ALLIANCE_FLAG_BOUNDARY_EVENT, ALLIANCE_FLAG_SEVERITY_NOTICE)->reason,
                   ==, "1 boundary event since your last supervision on 25 Oct, on 6 Nov.");
  g_assert_cmpstr (assert_flag (flags, ALLIANCE_FLAG_OUTCOME_DETERIORATION,
                                ALLIANCE_FLAG_SEVERITY_WARNING)->reason,
                   ==, "PHQ-9 went from 8 on 23 Oct to 15 on 6 Nov: a reliable deterioration.");

  assert_relative (flags, ALLIANCE_FLAG_RISK_ITEM,
                   "PHQ-9 item 9 answered 1 on week 6 · session 3: follow your risk protocol.");
  assert_relative (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF,
                   "Alliance check 21 of 30 on week 6 · session 3, below the cut-off of 24.");
  assert_relative (flags, ALLIANCE_FLAG_ALLIANCE_DROP,
                   "Alliance check went from 27 to 21 on week 6 · session 3: 6 points worse, 20% of its range.");
  assert_relative (flags, ALLIANCE_FLAG_MISSED_SESSIONS,
                   "2 sessions missed in a row (no-shows or late cancellations) since week 7.");
  assert_relative (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED,
                   "1 rupture has no resolved repair; it happened on week 5 · session 2.");
  assert_relative (flags, ALLIANCE_FLAG_OUTCOME_DETERIORATION,
                   "PHQ-9 went from 8 on week 4 · session 1 to 15 on week 6 · session 3: a reliable deterioration.");
  /* The last supervision is no session of the client's: masked. */
  assert_relative (flags, ALLIANCE_FLAG_BOUNDARY_EVENT,
                   "1 boundary event since your last supervision on [date], on week 6 · session 3.");

  /* A copy keeps what the sentence is written from. */
  copy = alliance_client_flags_copy (flags);
  for (guint i = 0; i < flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);
      const AllianceFlag *copied = g_ptr_array_index (copy->flags, i);
      g_autofree char *calendar = alliance_flag_describe (flag, alliance_flag_format_calendar_date, &fixture->today);
      g_autofree char *relative = alliance_flag_describe (flag, alliance_review_describe_flag_date, WEEK_START);
      g_autofree char *copied_relative = alliance_flag_describe (copied, alliance_review_describe_flag_date,
                                                                 WEEK_START);

      g_assert_cmpstr (calendar, ==, flag->reason);
      g_assert_cmpstr (copied->reason, ==, flag->reason);
      g_assert_cmpstr (copied_relative, ==, relative);
      g_assert_null (strstr (relative, "Oct"));
      g_assert_null (strstr (relative, "Nov"));
      g_assert_null (strstr (relative, "2026"));
    }
}

/* In the next year the calendar's wording gains the year; the relative
 * wording, which never goes through the calendar's text, stays. */
static void
test_described_in_another_year (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  g_autofree char *rupture = NULL;

  add_dated_history (fixture);
  g_date_set_dmy (&fixture->today, 4, G_DATE_JANUARY, 2027);
  flags = compute (fixture);
  g_assert_cmpstr (alliance_client_flags_find (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED)->reason,
                   ==, "1 rupture has no resolved repair; it happened on 30 Oct 2026.");
  rupture = describe_relative (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED);
  g_assert_cmpstr (rupture, ==, "1 rupture has no resolved repair; it happened on week 5 · session 2.");
}

/* The relative wording of each kind of date, on its own. */
static void
test_relative_date (void)
{
  AllianceFlagDate date = { ALLIANCE_FLAG_DATE_SESSION, { 0, }, 9 };
  g_autofree char *numbered = NULL, *missed = NULL, *before = NULL, *no_start = NULL, *supervision = NULL;
  g_autofree char *unknown = NULL;

  g_date_clear (&date.date, 1);
  g_date_set_dmy (&date.date, 21, G_DATE_DECEMBER, 2026);
  numbered = alliance_review_describe_flag_date (&date, "2026-10-02");   /* 80 days on */
  g_assert_cmpstr (numbered, ==, "week 12 · session 9");
  no_start = alliance_review_describe_flag_date (&date, NULL);
  g_assert_cmpstr (no_start, ==, "week 1 · session 9");
  before = alliance_review_describe_flag_date (&date, "2027-01-01");
  g_assert_cmpstr (before, ==, "before week 1 · session 9");

  date.session_number = 0;
  missed = alliance_review_describe_flag_date (&date, "2026-10-02");
  g_assert_cmpstr (missed, ==, "week 12");

  date.kind = ALLIANCE_FLAG_DATE_SUPERVISION;
  supervision = alliance_review_describe_flag_date (&date, "2026-10-02");
  g_assert_cmpstr (supervision, ==, "[date]");

  /* A date that could not be read says nothing of itself either. */
  date.kind = ALLIANCE_FLAG_DATE_SESSION;
  g_date_clear (&date.date, 1);
  unknown = alliance_review_describe_flag_date (&date, "2026-10-02");
  g_assert_cmpstr (unknown, ==, "[date]");
}

static void
test_titles_and_icons (void)
{
  const char *ids[] = {
    ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF, ALLIANCE_FLAG_ALLIANCE_DROP, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW,
    ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED, ALLIANCE_FLAG_MISSED_SESSIONS, ALLIANCE_FLAG_RUPTURE_UNREPAIRED,
    ALLIANCE_FLAG_CALIBRATION_GAP, ALLIANCE_FLAG_OUTCOME_DETERIORATION, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK,
    ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_BOUNDARY_EVENT,
  };
  gboolean have_theme = g_file_test ("/usr/share/icons/Adwaita/scalable", G_FILE_TEST_IS_DIR);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const char *icon = alliance_flag_get_icon_name (ids[i]);

      g_assert_cmpstr (alliance_flag_get_title (ids[i]), !=, ids[i]);
      g_assert_true (g_str_has_suffix (icon, "-symbolic"));
      if (have_theme)
        {
          const char *dirs[] = { "status", "actions", "emotes", "emblems" };
          gboolean found = FALSE;

          for (guint j = 0; j < G_N_ELEMENTS (dirs) && !found; j++)
            {
              g_autofree char *path = g_strdup_printf ("/usr/share/icons/Adwaita/scalable/%s/%s.svg",
                                                       dirs[j], icon);
              found = g_file_test (path, G_FILE_TEST_EXISTS);
            }
          if (!found)
            g_error ("no icon %s in Adwaita", icon);
        }
    }
  g_assert_cmpstr (alliance_flag_severity_get_label (ALLIANCE_FLAG_SEVERITY_URGENT), ==, "Urgent");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/flags/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("below-cutoff", test_below_cutoff);
  ADD ("drop", test_drop);
  ADD ("item-low", test_item_low);
  ADD ("not-measured", test_not_measured);
  ADD ("not-measured/few-sessions", test_not_measured_few_sessions);
  ADD ("missed-sessions", test_missed_sessions);
  ADD ("rupture", test_rupture);
  ADD ("rupture/in-error", test_rupture_in_error);
  ADD ("calibration-gap", test_calibration_gap);
  ADD ("deterioration", test_deterioration);
  ADD ("not-on-track", test_not_on_track);
  ADD ("not-on-track/too-early", test_not_on_track_too_early);
  ADD ("not-on-track/improved", test_on_track);
  ADD ("not-on-track/minimal", test_not_on_track_minimal);
  ADD ("not-on-track/deteriorated", test_deterioration_not_on_track);
  ADD ("risk-item", test_risk_item);
  ADD ("not-in-therapy", test_not_in_therapy);
  ADD ("risk-item/expired", test_risk_item_expired);
  ADD ("risk-item/incomplete", test_risk_item_incomplete);
  ADD ("boundary/since-supervision", test_boundary_since_supervision);
  ADD ("boundary/without-supervision", test_boundary_without_supervision);
  ADD ("order-and-latest", test_order_and_latest);
  ADD ("future-ignored", test_future_ignored);
  ADD ("recent-alliance", test_recent_alliance);
  ADD ("described/with-dates", test_described_with_dates);
  ADD ("described/in-another-year", test_described_in_another_year);
  g_test_add_func ("/flags/described/relative-date", test_relative_date);
  g_test_add_func ("/flags/titles-and-icons", test_titles_and_icons);

#undef ADD

  return g_test_run ();
}
