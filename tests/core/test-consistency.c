/* test-consistency.c
 *
 * The attendance rate and the longest gap: which sessions count (not those
 * cancelled by the therapist, entered in error or still to come) and which
 * gap is the longest.
 */
#define G_LOG_DOMAIN "alliance-test-consistency"

#include "config.h"

#include "alliance-consistency.h"
#include "alliance-session.h"

static void
add (GPtrArray          *sessions,
     const char         *starts_at,
     AllianceAttendance  attendance)
{
  AllianceSession *session = alliance_session_new (1);

  g_free (session->starts_at);
  session->starts_at = g_strdup (starts_at);
  session->attendance = attendance;
  g_ptr_array_add (sessions, session);
}

static void
set_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 27, G_DATE_NOVEMBER, 2026);
}

static void
test_rate_and_gap (void)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_free);
  AllianceConsistency consistency;
  GDate today;

  set_today (&today);
  add (sessions, "2026-10-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  add (sessions, "2026-10-08 10:00", ALLIANCE_ATTENDANCE_NO_SHOW);
  add (sessions, "2026-10-15 10:00", ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST);   /* not counted */
  add (sessions, "2026-10-22 10:00", ALLIANCE_ATTENDANCE_LATE_CANCELLED);
  add (sessions, "2026-10-29 10:00", ALLIANCE_ATTENDANCE_CANCELLED);
  add (sessions, "2026-11-12 10:00", ALLIANCE_ATTENDANCE_ATTENDED);               /* 42 days later */
  add (sessions, "2026-11-19 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  add (sessions, "2026-11-26 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  /* Entered in error: never happened. */
  add (sessions, "2026-11-20 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  ((AllianceSession *)g_ptr_array_index (sessions, sessions->len - 1))->error_reason = g_strdup ("Duplicate");
  /* Not yet happened. */
  add (sessions, "2026-11-28 10:00", ALLIANCE_ATTENDANCE_ATTENDED);

  alliance_consistency_compute (sessions, &today, &consistency);
  g_assert_cmpint (consistency.attended, ==, 4);
  g_assert_cmpint (consistency.counted, ==, 7);
  g_assert_cmpfloat_with_epsilon (consistency.attendance_rate, 4.0 / 7.0, 1e-9);
  g_assert_cmpint (consistency.longest_gap_days, ==, 42);
  g_assert_cmpstr (consistency.longest_gap_from, ==, "2026-10-01");
  g_assert_cmpstr (consistency.longest_gap_to, ==, "2026-11-12");
  alliance_consistency_clear (&consistency);
  g_assert_null (consistency.longest_gap_from);
  g_assert_cmpint (consistency.attended, ==, 0);
}

static void
test_unsorted (void)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_free);
  AllianceConsistency consistency;
  GDate today;

  set_today (&today);
  add (sessions, "2026-11-26 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  add (sessions, "2026-01-05 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  add (sessions, "2026-11-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);

  alliance_consistency_compute (sessions, &today, &consistency);
  g_assert_cmpint (consistency.longest_gap_days, ==, 300);
  g_assert_cmpstr (consistency.longest_gap_from, ==, "2026-01-05");
  g_assert_cmpstr (consistency.longest_gap_to, ==, "2026-11-01");
  g_assert_cmpfloat (consistency.attendance_rate, ==, 1.0);
  alliance_consistency_clear (&consistency);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_free);
  AllianceConsistency consistency;
  GDate today;

  set_today (&today);
  alliance_consistency_compute (sessions, &today, &consistency);
  g_assert_cmpint (consistency.counted, ==, 0);
  g_assert_cmpfloat (consistency.attendance_rate, ==, 0);
  g_assert_cmpint (consistency.longest_gap_days, ==, 0);
  g_assert_null (consistency.longest_gap_from);
  alliance_consistency_clear (&consistency);

  /* Only therapist cancellations: nothing was the client's to attend. */
  add (sessions, "2026-11-01 10:00", ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST);
  add (sessions, "2026-11-08 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  alliance_consistency_compute (sessions, &today, &consistency);
  g_assert_cmpint (consistency.counted, ==, 1);
  g_assert_cmpint (consistency.longest_gap_days, ==, 0);
  g_assert_null (consistency.longest_gap_to);
  alliance_consistency_clear (&consistency);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consistency/rate-and-gap", test_rate_and_gap);
  g_test_add_func ("/consistency/unsorted", test_unsorted);
  g_test_add_func ("/consistency/empty", test_empty);

  return g_test_run ();
}
