/* alliance-session.c
 *
 * Sessions start at a local wall-clock time written "YYYY-MM-DD HH:MM":
 * one form, sortable as text, that the schema checks the same way.
 */
#define G_LOG_DOMAIN "alliance-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-session.h"
#include "alliance-text.h"

G_DEFINE_BOXED_TYPE (AllianceSession, alliance_session, alliance_session_copy, alliance_session_free)

typedef struct
{
  const char *id;
  const char *label;
} EnumEntry;

/* The ids are the values the schema's CHECK constraints allow. */
static const EnumEntry kinds[ALLIANCE_SESSION_N_KINDS] = {
  /* Translators: a kind of session: one client */
  [ALLIANCE_SESSION_KIND_INDIVIDUAL] = { "individual", N_("Individual") },
  /* Translators: a kind of session: a couple seen together */
  [ALLIANCE_SESSION_KIND_COUPLE] = { "couple", N_("Couple") },
  /* Translators: a kind of session: a family seen together */
  [ALLIANCE_SESSION_KIND_FAMILY] = { "family", N_("Family") },
  /* Translators: a kind of session: group therapy */
  [ALLIANCE_SESSION_KIND_GROUP] = { "group", N_("Group") },
};

static const EnumEntry modalities[ALLIANCE_N_MODALITIES] = {
  /* Translators: how a session took place: in the same room */
  [ALLIANCE_MODALITY_IN_PERSON] = { "in-person", N_("In person") },
  /* Translators: how a session took place: a video call */
  [ALLIANCE_MODALITY_VIDEO] = { "video", N_("Video") },
  /* Translators: how a session took place: a telephone call */
  [ALLIANCE_MODALITY_PHONE] = { "phone", N_("Phone") },
};

static const EnumEntry attendances[ALLIANCE_N_ATTENDANCES] = {
  /* Translators: attendance at a session: the client came */
  [ALLIANCE_ATTENDANCE_ATTENDED] = { "attended", N_("Attended") },
  /* Translators: attendance at a session: the client cancelled in good time */
  [ALLIANCE_ATTENDANCE_CANCELLED] = { "cancelled", N_("Cancelled") },
  /* Translators: attendance at a session: the client cancelled too late (often charged) */
  [ALLIANCE_ATTENDANCE_LATE_CANCELLED] = { "late-cancelled", N_("Late cancelled") },
  /* Translators: attendance at a session: the client did not come and did not say */
  [ALLIANCE_ATTENDANCE_NO_SHOW] = { "no-show", N_("No-show") },
  /* Translators: attendance at a session: the therapist cancelled it */
  [ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST] = { "cancelled-by-therapist", N_("Cancelled by therapist") },
};

static gboolean
enum_from_string (const EnumEntry *entries,
                  guint            n_entries,
                  const char      *text,
                  guint           *value)
{
  for (guint i = 0; i < n_entries; i++)
    if (g_strcmp0 (text, entries[i].id) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_session_kind_to_string (AllianceSessionKind kind)
{
  g_return_val_if_fail (kind < ALLIANCE_SESSION_N_KINDS, NULL);

  return kinds[kind].id;
}

gboolean
alliance_session_kind_from_string (const char          *text,
                                   AllianceSessionKind *kind)
{
  guint value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!enum_from_string (kinds, G_N_ELEMENTS (kinds), text, &value))
    return FALSE;
  *kind = (AllianceSessionKind)value;
  return TRUE;
}

const char *
alliance_session_kind_get_label (AllianceSessionKind kind)
{
  g_return_val_if_fail (kind < ALLIANCE_SESSION_N_KINDS, NULL);

  return _(kinds[kind].label);
}

const char *
alliance_modality_to_string (AllianceModality modality)
{
  g_return_val_if_fail (modality < ALLIANCE_N_MODALITIES, NULL);

  return modalities[modality].id;
}

gboolean
alliance_modality_from_string (const char       *text,
                               AllianceModality *modality)
{
  guint value;

  g_return_val_if_fail (modality != NULL, FALSE);

  if (!enum_from_string (modalities, G_N_ELEMENTS (modalities), text, &value))
    return FALSE;
  *modality = (AllianceModality)value;
  return TRUE;
}

const char *
alliance_modality_get_label (AllianceModality modality)
{
  g_return_val_if_fail (modality < ALLIANCE_N_MODALITIES, NULL);

  return _(modalities[modality].label);
}

const char *
alliance_attendance_to_string (AllianceAttendance attendance)
{
  g_return_val_if_fail (attendance < ALLIANCE_N_ATTENDANCES, NULL);

  return attendances[attendance].id;
}

gboolean
alliance_attendance_from_string (const char         *text,
                                 AllianceAttendance *attendance)
{
  guint value;

  g_return_val_if_fail (attendance != NULL, FALSE);

  if (!enum_from_string (attendances, G_N_ELEMENTS (attendances), text, &value))
    return FALSE;
  *attendance = (AllianceAttendance)value;
  return TRUE;
}

const char *
alliance_attendance_get_label (AllianceAttendance attendance)
{
  g_return_val_if_fail (attendance < ALLIANCE_N_ATTENDANCES, NULL);

  return _(attendances[attendance].label);
}

AllianceSession *
alliance_session_new (gint64 client_id)
{
  AllianceSession *self = g_new0 (AllianceSession, 1);

  self->client_id = client_id;
  self->duration_minutes = ALLIANCE_SESSION_DEFAULT_DURATION;
  self->kind = ALLIANCE_SESSION_KIND_INDIVIDUAL;
  self->modality = ALLIANCE_MODALITY_IN_PERSON;
  self->attendance = ALLIANCE_ATTENDANCE_ATTENDED;
  self->note_state = ALLIANCE_NOTE_STATE_NONE;
  return self;
}

AllianceSession *
alliance_session_copy (const AllianceSession *self)
{
  AllianceSession *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->starts_at = g_strdup (self->starts_at);
  copy->error_reason = g_strdup (self->error_reason);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
alliance_session_free (AllianceSession *self)
{
  if (self == NULL)
    return;

  g_free (self->starts_at);
  g_free (self->error_reason);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

/**
 * alliance_session_counts:
 *
 * Whether the session counts towards the session number: attended, and
 * not entered in error.
 */
gboolean
alliance_session_counts (const AllianceSession *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->attendance == ALLIANCE_ATTENDANCE_ATTENDED && self->error_reason == NULL;
}

/* "HH:MM", 00:00 to 23:59; @allow_one_digit_hour accepts "9:05" too. */
static gboolean
parse_time (const char  *text,
            gboolean     allow_one_digit_hour,
            guint       *hour_out,
            guint       *minute_out,
            GError     **error)
{
  guint hour, minute;
  guint n_hour_digits = 0;

  while (g_ascii_isdigit (text[n_hour_digits]))
    n_hour_digits++;

  if (!(n_hour_digits == 2 || (allow_one_digit_hour && n_hour_digits == 1)) ||
      text[n_hour_digits] != ':' ||
      !g_ascii_isdigit (text[n_hour_digits + 1]) || !g_ascii_isdigit (text[n_hour_digits + 2]) ||
      text[n_hour_digits + 3] != '\0')
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
                           _("Write the time as hours and minutes, for example 14:30."));
      return FALSE;
    }

  hour = (guint)g_ascii_strtoull (text, NULL, 10);
  minute = (guint)g_ascii_strtoull (text + n_hour_digits + 1, NULL, 10);

  if (hour > 23)
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
                   /* Translators: %02u is an hour of 24 or more that someone typed */
                   _("There is no %02u:00; use 24-hour time, for example 14:30."), hour);
      return FALSE;
    }
  if (minute > 59)
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
                   /* Translators: %02u is a number of minutes of 60 or more that someone typed */
                   _("An hour has only 60 minutes, so :%02u cannot be right; write 00 to 59 after the colon."),
                   minute);
      return FALSE;
    }

  if (hour_out != NULL)
    *hour_out = hour;
  if (minute_out != NULL)
    *minute_out = minute;
  return TRUE;
}

/* Like alliance_date_time_parse(), also saying which half is wrong. */
static gboolean
parse_date_time (const char            *text,
                 AllianceSessionField  *invalid_field,
                 GError               **error)
{
  const char *space = strchr (text, ' ');
  g_autofree char *date = g_strndup (text, space ? (gsize)(space - text) : strlen (text));

  *invalid_field = ALLIANCE_SESSION_FIELD_DATE;
  if (!alliance_date_parse (date, NULL, error))
    return FALSE;

  *invalid_field = ALLIANCE_SESSION_FIELD_TIME;
  if (space == NULL || space[1] == '\0')
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Enter the time the session started, for example 14:30."));
      return FALSE;
    }
  if (!parse_time (space + 1, FALSE, NULL, NULL, error))
    return FALSE;

  *invalid_field = ALLIANCE_SESSION_FIELD_NONE;
  return TRUE;
}

/**
 * alliance_date_time_parse:
 * @text: a local date and time written exactly "YYYY-MM-DD HH:MM"
 *
 * Returns: %TRUE for a real date and a time from 00:00 to 23:59; otherwise
 *   sets an %ALLIANCE_VALIDATION_ERROR saying what is wrong in words.
 */
gboolean
alliance_date_time_parse (const char  *text,
                          GError     **error)
{
  AllianceSessionField field;

  g_return_val_if_fail (text != NULL, FALSE);

  return parse_date_time (text, &field, error);
}

/**
 * alliance_date_time_join:
 * @date: "YYYY-MM-DD"
 * @time: "HH:MM" or "H:MM", 24-hour
 *
 * Returns: (nullable): "YYYY-MM-DD HH:MM", or %NULL if either half is not
 *   a real date or time.
 */
char *
alliance_date_time_join (const char *date,
                         const char *time)
{
  g_autofree char *date_copy = NULL;
  g_autofree char *time_copy = NULL;
  guint hour, minute;

  if (date == NULL || time == NULL)
    return NULL;

  date_copy = g_strstrip (g_strdup (date));
  time_copy = g_strstrip (g_strdup (time));
  if (!alliance_date_parse (date_copy, NULL, NULL) || !parse_time (time_copy, TRUE, &hour, &minute, NULL))
    return NULL;

  return g_strdup_printf ("%s %02u:%02u", date_copy, hour, minute);
}

static gboolean
fail_at (AllianceSessionField  field,
         AllianceSessionField *invalid_field)
{
  if (invalid_field != NULL)
    *invalid_field = field;
  return FALSE;
}

/**
 * alliance_session_validate:
 * @invalid_field: (out) (optional): the field the error is about
 *
 * Checks everything that can be checked without the database: a real
 * start date and time, a length of 1 to 720 minutes, known kind, modality
 * and attendance.
 */
gboolean
alliance_session_validate (const AllianceSession  *self,
                           AllianceSessionField   *invalid_field,
                           GError                **error)
{
  AllianceSessionField field = ALLIANCE_SESSION_FIELD_NONE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (invalid_field != NULL)
    *invalid_field = ALLIANCE_SESSION_FIELD_NONE;

  if (self->client_id <= 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("A session belongs to a client; open the client first."));
      return FALSE;
    }
  if (alliance_text_is_blank (self->starts_at))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Enter the date of the session."));
      return fail_at (ALLIANCE_SESSION_FIELD_DATE, invalid_field);
    }
  if (!parse_date_time (self->starts_at, &field, error))
    return fail_at (field, invalid_field);
  if (self->duration_minutes < 1 || self->duration_minutes > ALLIANCE_SESSION_MAX_DURATION)
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                   _("A session lasts between 1 and %d minutes."), ALLIANCE_SESSION_MAX_DURATION);
      return fail_at (ALLIANCE_SESSION_FIELD_DURATION, invalid_field);
    }
  if (self->kind >= ALLIANCE_SESSION_N_KINDS || self->modality >= ALLIANCE_N_MODALITIES ||
      self->attendance >= ALLIANCE_N_ATTENDANCES)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("Choose the kind of session, how it took place and whether the client came."));
      return FALSE;
    }
  if (self->error_reason != NULL && alliance_text_is_blank (self->error_reason))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Say why this session was entered in error."));
      return fail_at (ALLIANCE_SESSION_FIELD_ERROR_REASON, invalid_field);
    }

  return TRUE;
}
