/* test-session.c
 *
 * AllianceSession as a value: the "YYYY-MM-DD HH:MM" start time (parsing,
 * joining a date and a typed time), validation of each field, the kinds,
 * modalities and attendances and their strings, which sessions count.
 */
#define G_LOG_DOMAIN "alliance-test-session"

#include "config.h"

#include <string.h>

#include "alliance-error.h"
#include "alliance-session.h"
#include "test-common.h"

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static AllianceSession *
valid_session (void)
{
  AllianceSession *session = alliance_session_new (7);

  session->starts_at = g_strdup ("2026-11-27 09:05");
  return session;
}

static void
assert_valid (const AllianceSession *session)
{
  g_autoptr(GError) error = NULL;
  AllianceSessionField field = ALLIANCE_SESSION_FIELD_DURATION;

  g_assert_true (alliance_session_validate (session, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, ALLIANCE_SESSION_FIELD_NONE);
}

static void
assert_invalid (const AllianceSession   *session,
                AllianceValidationError  code,
                AllianceSessionField     expected_field)
{
  g_autoptr(GError) error = NULL;
  AllianceSessionField field = ALLIANCE_SESSION_FIELD_NONE;

  g_assert_false (alliance_session_validate (session, &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, (int)code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (field, ==, expected_field);

  /* The out arguments are optional. */
  g_assert_false (alliance_session_validate (session, NULL, NULL));
}

/* ---------------------------------------------------------------------- */

static void
test_new_defaults (void)
{
  g_autoptr(AllianceSession) session = alliance_session_new (42);

  g_assert_cmpint (session->id, ==, 0);
  g_assert_cmpint (session->client_id, ==, 42);
  g_assert_null (session->starts_at);
  g_assert_cmpint (session->duration_minutes, ==, ALLIANCE_SESSION_DEFAULT_DURATION);
  g_assert_cmpint (session->duration_minutes, ==, 50);
  g_assert_cmpint (session->kind, ==, ALLIANCE_SESSION_KIND_INDIVIDUAL);
  g_assert_cmpint (session->modality, ==, ALLIANCE_MODALITY_IN_PERSON);
  g_assert_cmpint (session->attendance, ==, ALLIANCE_ATTENDANCE_ATTENDED);
  g_assert_null (session->error_reason);
  g_assert_cmpint (session->number, ==, 0);
  g_assert_cmpint (session->note_state, ==, ALLIANCE_NOTE_STATE_NONE);
}

static void
test_parse_valid (void)
{
  static const char *valid[] = {
    "2026-11-27 09:05", "2026-11-27 00:00", "2026-11-27 23:59", "2024-02-29 12:00", "2000-02-29 07:30",
    "0001-01-01 00:00", "9999-12-31 23:59",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (alliance_date_time_parse (valid[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_parse_invalid (void)
{
  static const char *invalid[] = {
    /* Impossible dates */
    "2023-02-29 10:00", "2024-02-30 10:00", "1900-02-29 10:00", "2024-04-31 10:00", "2024-13-01 10:00",
    "2024-00-10 10:00", "2024-01-00 10:00", "0000-01-01 10:00",
    /* Impossible times */
    "2026-11-27 24:00", "2026-11-27 25:00", "2026-11-27 99:00", "2026-11-27 10:60", "2026-11-27 10:99",
    "2026-11-27 23:60",
    /* Other forms */
    "2026-11-27", "2026-11-27 ", "2026-11-27 9:05", "2026-11-27 09:5", "2026-11-27 0905", "2026-11-27T09:05",
    "2026-11-27 09:05:00", "2026-11-27  09:05", " 2026-11-27 09:05", "2026-11-27 09:05 ", "27/11/2026 09:05",
    "2026-11-27 09.05", "2026-11-27 -9:05", "2026-11-27 +9:05", "2026-11-27 ０９:05", "", " ", "09:05",
    "2026-11-27 9:05 am", "2026-11-27 09:05Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (alliance_date_time_parse (invalid[i], &error))
        g_error ("“%s” was accepted", invalid[i]);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ALLIANCE_VALIDATION_ERROR);
      g_assert_true (error->code == ALLIANCE_VALIDATION_ERROR_INVALID_DATE ||
                     error->code == ALLIANCE_VALIDATION_ERROR_REQUIRED);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_false (alliance_date_time_parse (invalid[i], NULL));
    }
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) hour = NULL;
  g_autoptr(GError) minute = NULL;
  g_autoptr(GError) date = NULL;
  g_autoptr(GError) form = NULL;

  /* Sentences for people, about what they typed. */
  g_assert_false (alliance_date_time_parse ("2026-11-27 25:00", &hour));
  g_assert_cmpstr (hour->message, ==, "There is no 25:00; use 24-hour time, for example 14:30.");

  g_assert_false (alliance_date_time_parse ("2026-11-27 10:75", &minute));
  g_assert_nonnull (strstr (minute->message, "60 minutes"));

  /* The date half gives alliance_date_parse()'s own message. */
  g_assert_false (alliance_date_time_parse ("2023-02-29 10:00", &date));
  g_assert_cmpstr (date->message, ==, "February 2023 has only 28 days.");

  g_assert_false (alliance_date_time_parse ("2026-11-27 9h05", &form));
  g_assert_nonnull (strstr (form->message, "14:30"));
}

static void
test_join (void)
{
  static const struct
  {
    const char *date;
    const char *time;
    const char *expected;   /* NULL: refused */
  } cases[] = {
    { "2026-11-27", "09:05", "2026-11-27 09:05" },
    { "2026-11-27", "9:05", "2026-11-27 09:05" },
    { "2026-11-27", "0:00", "2026-11-27 00:00" },
    { "2026-11-27", "23:59", "2026-11-27 23:59" },
    { " 2026-11-27 ", " 14:30 ", "2026-11-27 14:30" },
    { "2024-02-29", "12:00", "2024-02-29 12:00" },
    { "2026-11-27", "24:00", NULL },
    { "2026-11-27", "25:00", NULL },
    { "2026-11-27", "10:60", NULL },
    { "2026-11-27", "9:5", NULL },
    { "2026-11-27", "905", NULL },
    { "2026-11-27", "123:00", NULL },
    { "2026-11-27", "", NULL },
    { "2026-11-27", "9:05 pm", NULL },
    { "2026-11-27", "-1:00", NULL },
    { "2023-02-29", "10:00", NULL },
    { "2026-13-01", "10:00", NULL },
    { "27/11/2026", "10:00", NULL },
    { "", "10:00", NULL },
    { NULL, "10:00", NULL },
    { "2026-11-27", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *joined = alliance_date_time_join (cases[i].date, cases[i].time);

      g_assert_cmpstr (joined, ==, cases[i].expected);
      if (joined != NULL)
        g_assert_true (alliance_date_time_parse (joined, NULL));
    }
}

static void
test_validate_valid (void)
{
  g_autoptr(AllianceSession) session = valid_session ();

  assert_valid (session);

  session->duration_minutes = 1;
  assert_valid (session);
  session->duration_minutes = ALLIANCE_SESSION_MAX_DURATION;
  g_assert_cmpint (ALLIANCE_SESSION_MAX_DURATION, ==, 720);
  assert_valid (session);

  for (guint kind = 0; kind < ALLIANCE_SESSION_N_KINDS; kind++)
    for (guint modality = 0; modality < ALLIANCE_N_MODALITIES; modality++)
      for (guint attendance = 0; attendance < ALLIANCE_N_ATTENDANCES; attendance++)
        {
          session->kind = kind;
          session->modality = modality;
          session->attendance = attendance;
          assert_valid (session);
        }

  set_string (&session->error_reason, "Wrong client");
  assert_valid (session);
}

static void
test_validate_date_and_time (void)
{
  static const struct
  {
    const char              *starts_at;
    AllianceValidationError  code;
    AllianceSessionField     field;
  } cases[] = {
    { NULL, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_DATE },
    { "", ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_DATE },
    { "  ", ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_DATE },
    { "2023-02-29 10:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_DATE },
    { "2024-04-31 10:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_DATE },
    { "2024-13-01 10:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_DATE },
    { "27/11/2026 10:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_DATE },
    { "2026-11-27T10:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_DATE },
    { "2026-11-27", ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27 24:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27 25:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27 10:60", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27 9:05", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27 10:00:00", ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_TIME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AllianceSession) session = valid_session ();

      set_string (&session->starts_at, cases[i].starts_at);
      assert_invalid (session, cases[i].code, cases[i].field);
    }
}

static void
test_validate_duration (void)
{
  static const int invalid[] = { 0, -1, -50, 721, 1000, G_MININT, G_MAXINT };
  g_autoptr(AllianceSession) session = valid_session ();

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      session->duration_minutes = invalid[i];
      assert_invalid (session, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_SESSION_FIELD_DURATION);
      g_assert_false (alliance_session_validate (session, NULL, &error));
      g_assert_cmpstr (error->message, ==, "A session lasts between 1 and 720 minutes.");
    }
}

static void
test_validate_other (void)
{
  g_autoptr(AllianceSession) session = valid_session ();

  /* A blank entered-in-error reason is no reason. */
  set_string (&session->error_reason, " \t");
  assert_invalid (session, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_ERROR_REASON);
  g_clear_pointer (&session->error_reason, g_free);

  session->kind = ALLIANCE_SESSION_N_KINDS;
  assert_invalid (session, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_SESSION_FIELD_NONE);
  session->kind = ALLIANCE_SESSION_KIND_GROUP;
  session->modality = ALLIANCE_N_MODALITIES;
  assert_invalid (session, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_SESSION_FIELD_NONE);
  session->modality = ALLIANCE_MODALITY_PHONE;
  session->attendance = ALLIANCE_N_ATTENDANCES;
  assert_invalid (session, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_SESSION_FIELD_NONE);
  session->attendance = ALLIANCE_ATTENDANCE_NO_SHOW;
  assert_valid (session);

  session->client_id = 0;
  assert_invalid (session, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_NONE);
}

static void
test_enums (void)
{
  /* Exactly the values the schema's CHECK constraints allow. */
  static const char *kinds[] = { "individual", "couple", "family", "group" };
  static const char *modalities[] = { "in-person", "video", "phone" };
  static const char *attendances[] = { "attended", "cancelled", "late-cancelled", "no-show", "cancelled-by-therapist" };
  static const char *unknown[] = { NULL, "", "Attended", "attended ", "in person", "no_show", "other" };

  g_assert_cmpuint (G_N_ELEMENTS (kinds), ==, ALLIANCE_SESSION_N_KINDS);
  g_assert_cmpuint (G_N_ELEMENTS (modalities), ==, ALLIANCE_N_MODALITIES);
  g_assert_cmpuint (G_N_ELEMENTS (attendances), ==, ALLIANCE_N_ATTENDANCES);

  for (guint i = 0; i < ALLIANCE_SESSION_N_KINDS; i++)
    {
      AllianceSessionKind kind = ALLIANCE_SESSION_N_KINDS;

      g_assert_cmpstr (alliance_session_kind_to_string (i), ==, kinds[i]);
      g_assert_true (alliance_session_kind_from_string (kinds[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (alliance_session_kind_get_label (i), !=, "");
    }
  for (guint i = 0; i < ALLIANCE_N_MODALITIES; i++)
    {
      AllianceModality modality = ALLIANCE_N_MODALITIES;

      g_assert_cmpstr (alliance_modality_to_string (i), ==, modalities[i]);
      g_assert_true (alliance_modality_from_string (modalities[i], &modality));
      g_assert_cmpint (modality, ==, i);
      g_assert_cmpstr (alliance_modality_get_label (i), !=, "");
    }
  for (guint i = 0; i < ALLIANCE_N_ATTENDANCES; i++)
    {
      AllianceAttendance attendance = ALLIANCE_N_ATTENDANCES;

      g_assert_cmpstr (alliance_attendance_to_string (i), ==, attendances[i]);
      g_assert_true (alliance_attendance_from_string (attendances[i], &attendance));
      g_assert_cmpint (attendance, ==, i);
      g_assert_cmpstr (alliance_attendance_get_label (i), !=, "");
    }

  g_assert_cmpstr (alliance_session_kind_get_label (ALLIANCE_SESSION_KIND_COUPLE), ==, "Couple");
  g_assert_cmpstr (alliance_modality_get_label (ALLIANCE_MODALITY_IN_PERSON), ==, "In person");
  g_assert_cmpstr (alliance_attendance_get_label (ALLIANCE_ATTENDANCE_LATE_CANCELLED), ==, "Late cancelled");
  g_assert_cmpstr (alliance_attendance_get_label (ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST), ==,
                   "Cancelled by therapist");

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      AllianceSessionKind kind = ALLIANCE_SESSION_KIND_FAMILY;
      AllianceModality modality = ALLIANCE_MODALITY_VIDEO;
      AllianceAttendance attendance = ALLIANCE_ATTENDANCE_NO_SHOW;

      g_assert_false (alliance_session_kind_from_string (unknown[i], &kind));
      g_assert_false (alliance_modality_from_string (unknown[i], &modality));
      g_assert_false (alliance_attendance_from_string (unknown[i], &attendance));
      /* Left untouched when the text is unknown. */
      g_assert_cmpint (kind, ==, ALLIANCE_SESSION_KIND_FAMILY);
      g_assert_cmpint (modality, ==, ALLIANCE_MODALITY_VIDEO);
      g_assert_cmpint (attendance, ==, ALLIANCE_ATTENDANCE_NO_SHOW);
    }
}

static void
test_counts (void)
{
  g_autoptr(AllianceSession) session = valid_session ();

  g_assert_true (alliance_session_counts (session));
  for (guint i = ALLIANCE_ATTENDANCE_CANCELLED; i < ALLIANCE_N_ATTENDANCES; i++)
    {
      session->attendance = i;
      g_assert_false (alliance_session_counts (session));
    }
  session->attendance = ALLIANCE_ATTENDANCE_ATTENDED;
  set_string (&session->error_reason, "Duplicate entry");
  g_assert_false (alliance_session_counts (session));
}

static void
test_copy (void)
{
  g_autoptr(AllianceSession) session = valid_session ();
  g_autoptr(AllianceSession) copy = NULL;

  session->id = 12;
  session->duration_minutes = 90;
  session->kind = ALLIANCE_SESSION_KIND_FAMILY;
  session->modality = ALLIANCE_MODALITY_VIDEO;
  session->attendance = ALLIANCE_ATTENDANCE_LATE_CANCELLED;
  session->error_reason = g_strdup ("Wrong client");
  session->created_at = g_strdup ("2026-11-27T09:00:00Z");
  session->updated_at = g_strdup ("2026-11-27T10:00:00Z");
  session->number = 3;
  session->note_state = ALLIANCE_NOTE_STATE_SIGNED;

  copy = alliance_session_copy (session);
  g_assert_true (copy->starts_at != session->starts_at);
  g_assert_cmpint (copy->id, ==, 12);
  g_assert_cmpint (copy->client_id, ==, 7);
  g_assert_cmpstr (copy->starts_at, ==, "2026-11-27 09:05");
  g_assert_cmpint (copy->duration_minutes, ==, 90);
  g_assert_cmpint (copy->kind, ==, ALLIANCE_SESSION_KIND_FAMILY);
  g_assert_cmpint (copy->modality, ==, ALLIANCE_MODALITY_VIDEO);
  g_assert_cmpint (copy->attendance, ==, ALLIANCE_ATTENDANCE_LATE_CANCELLED);
  g_assert_cmpstr (copy->error_reason, ==, "Wrong client");
  g_assert_cmpstr (copy->created_at, ==, "2026-11-27T09:00:00Z");
  g_assert_cmpstr (copy->updated_at, ==, "2026-11-27T10:00:00Z");
  g_assert_cmpint (copy->number, ==, 3);
  g_assert_cmpint (copy->note_state, ==, ALLIANCE_NOTE_STATE_SIGNED);

  /* Boxed, for GValues and list models. */
  g_assert_true (G_TYPE_IS_BOXED (ALLIANCE_TYPE_SESSION));
  alliance_session_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/new-defaults", test_new_defaults);
  g_test_add_func ("/session/date-time/parse-valid", test_parse_valid);
  g_test_add_func ("/session/date-time/parse-invalid", test_parse_invalid);
  g_test_add_func ("/session/date-time/messages", test_parse_messages);
  g_test_add_func ("/session/date-time/join", test_join);
  g_test_add_func ("/session/validate/valid", test_validate_valid);
  g_test_add_func ("/session/validate/date-and-time", test_validate_date_and_time);
  g_test_add_func ("/session/validate/duration", test_validate_duration);
  g_test_add_func ("/session/validate/other", test_validate_other);
  g_test_add_func ("/session/enums", test_enums);
  g_test_add_func ("/session/counts", test_counts);
  g_test_add_func ("/session/copy", test_copy);

  return g_test_run ();
}
