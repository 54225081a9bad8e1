/* alliance-session.h
 *
 * One appointment with a client, as a plain value. Its number (the count of
 * attended sessions so far) and the state of its note are computed by the
 * store when it loads sessions; they are never stored.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_SESSION_KIND_INDIVIDUAL,
  ALLIANCE_SESSION_KIND_COUPLE,
  ALLIANCE_SESSION_KIND_FAMILY,
  ALLIANCE_SESSION_KIND_GROUP,
  ALLIANCE_SESSION_N_KINDS,
} AllianceSessionKind;

typedef enum
{
  ALLIANCE_MODALITY_IN_PERSON,
  ALLIANCE_MODALITY_VIDEO,
  ALLIANCE_MODALITY_PHONE,
  ALLIANCE_N_MODALITIES,
} AllianceModality;

typedef enum
{
  ALLIANCE_ATTENDANCE_ATTENDED,
  ALLIANCE_ATTENDANCE_CANCELLED,
  ALLIANCE_ATTENDANCE_LATE_CANCELLED,
  ALLIANCE_ATTENDANCE_NO_SHOW,
  ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST,
  ALLIANCE_N_ATTENDANCES,
} AllianceAttendance;

typedef enum
{
  ALLIANCE_NOTE_STATE_NONE,
  ALLIANCE_NOTE_STATE_DRAFT,
  ALLIANCE_NOTE_STATE_SIGNED,
} AllianceNoteState;

/* Which field a validation error is about, so the UI can point at it. */
typedef enum
{
  ALLIANCE_SESSION_FIELD_NONE,
  ALLIANCE_SESSION_FIELD_DATE,
  ALLIANCE_SESSION_FIELD_TIME,
  ALLIANCE_SESSION_FIELD_DURATION,
  ALLIANCE_SESSION_FIELD_ERROR_REASON,
} AllianceSessionField;

#define ALLIANCE_SESSION_DEFAULT_DURATION 50
#define ALLIANCE_SESSION_MAX_DURATION 720

typedef struct
{
  gint64               id;                /* 0 until first saved */
  gint64               client_id;
  char                *starts_at;         /* local "YYYY-MM-DD HH:MM" */
  int                  duration_minutes;
  AllianceSessionKind  kind;
  AllianceModality     modality;
  AllianceAttendance   attendance;
  char                *error_reason;      /* NULL unless entered in error */
  char                *created_at;
  char                *updated_at;

  /* Computed by the store on load. */
  int                  number;            /* nth attended session; 0 if not attended or in error */
  AllianceNoteState    note_state;
} AllianceSession;

#define ALLIANCE_TYPE_SESSION (alliance_session_get_type ())

GType            alliance_session_get_type              (void) G_GNUC_CONST;
AllianceSession *alliance_session_new                   (gint64                  client_id);
AllianceSession *alliance_session_copy                  (const AllianceSession  *self);
void             alliance_session_free                  (AllianceSession        *self);
gboolean         alliance_session_validate              (const AllianceSession  *self,
                                                         AllianceSessionField   *invalid_field,
                                                         GError                **error);
gboolean         alliance_session_counts                (const AllianceSession  *self);

gboolean         alliance_date_time_parse               (const char             *text,
                                                         GError                **error);
char            *alliance_date_time_join                (const char             *date,
                                                         const char             *time);

const char      *alliance_session_kind_to_string        (AllianceSessionKind     kind);
gboolean         alliance_session_kind_from_string      (const char             *text,
                                                         AllianceSessionKind    *kind);
const char      *alliance_session_kind_get_label        (AllianceSessionKind     kind);
const char      *alliance_modality_to_string            (AllianceModality        modality);
gboolean         alliance_modality_from_string          (const char             *text,
                                                         AllianceModality       *modality);
const char      *alliance_modality_get_label            (AllianceModality        modality);
const char      *alliance_attendance_to_string          (AllianceAttendance      attendance);
gboolean         alliance_attendance_from_string        (const char             *text,
                                                         AllianceAttendance     *attendance);
const char      *alliance_attendance_get_label          (AllianceAttendance      attendance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceSession, alliance_session_free)

G_END_DECLS
