/* alliance-meeting.h
 *
 * A clinical supervision meeting as plain values: when, with whom, which
 * period of the caseload it reviewed, the clients discussed (each with the
 * therapist's question, what was said, chosen note excerpts already
 * redacted, and the supervisor's recommendations as action items). A
 * meeting is a record like a note: once signed (signer, time, SHA-256 of a
 * canonical text) it never changes; signed, dated addenda go below it.
 * Action items keep one thing that may change after signing: the date they
 * were done.
 *
 * The open (unsigned) meeting doubles as the agenda for the next
 * supervision: the clients on it and their questions.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_SUPERVISION_INDIVIDUAL,
  ALLIANCE_SUPERVISION_GROUP,
  ALLIANCE_N_SUPERVISION_FORMATS,
} AllianceSupervisionFormat;

typedef struct
{
  gint64  id;             /* 0 until first saved */
  gint64  meeting_id;
  gint64  client_id;
  char   *text;           /* the recommendation; required */
  char   *done_on;        /* "YYYY-MM-DD" or NULL while open */
  char   *created_at;
  /* Set by the store on load, for display on the client page. */
  char   *meeting_date;
  char   *supervisor;
} AllianceActionItem;

typedef struct
{
  gint64  id;             /* 0 until first saved */
  gint64  note_id;        /* the note it was taken from */
  char   *text;           /* as the therapist approved it, masks applied */
} AllianceSupervisionExcerpt;

typedef struct
{
  gint64      id;             /* 0 until first saved */
  gint64      client_id;
  char       *question;       /* the therapist's question for supervision; "" when none */
  char       *discussion;     /* what was said; "" when none */
  GPtrArray  *excerpts;       /* AllianceSupervisionExcerpt *, in order */
  GPtrArray  *action_items;   /* AllianceActionItem *, in order */
} AllianceSupervisionDiscussion;

typedef struct
{
  gint64  id;
  gint64  meeting_id;
  char   *body;
  char   *signed_at;        /* UTC timestamp */
  char   *signed_by;
  char   *content_sha256;   /* over the body and the meeting's own hash */
} AllianceMeetingAddendum;

typedef struct
{
  gint64                     id;              /* 0 until first saved */
  char                      *meeting_date;    /* "YYYY-MM-DD"; required */
  char                      *supervisor;      /* "" when not yet known */
  AllianceSupervisionFormat  format;
  char                      *period_start;    /* "YYYY-MM-DD": the period reviewed */
  char                      *period_end;      /* "YYYY-MM-DD", >= period_start */
  char                      *notes;           /* general notes; "" when none */
  GPtrArray                 *discussions;     /* AllianceSupervisionDiscussion *, agenda order */
  char                      *signed_at;       /* NULL while open */
  char                      *signed_by;
  char                      *content_sha256;
  GPtrArray                 *addenda;         /* AllianceMeetingAddendum *, oldest first */
  char                      *created_at;
  char                      *updated_at;
} AllianceMeeting;

/* Which field a validation error is about, so the UI can point at it. */
typedef enum
{
  ALLIANCE_MEETING_FIELD_NONE,
  ALLIANCE_MEETING_FIELD_DATE,
  ALLIANCE_MEETING_FIELD_SUPERVISOR,     /* required to sign */
  ALLIANCE_MEETING_FIELD_PERIOD,
  ALLIANCE_MEETING_FIELD_ACTION_ITEM,
} AllianceMeetingField;

#define ALLIANCE_TYPE_MEETING (alliance_meeting_get_type ())

GType                          alliance_meeting_get_type            (void) G_GNUC_CONST;
AllianceMeeting               *alliance_meeting_new                 (const char                        *meeting_date);
AllianceMeeting               *alliance_meeting_copy                (const AllianceMeeting             *self);
void                           alliance_meeting_free                (AllianceMeeting                   *self);
gboolean                       alliance_meeting_is_signed           (const AllianceMeeting             *self);
/* Dates real and in order, each action item with text. */
gboolean                       alliance_meeting_validate            (const AllianceMeeting             *self,
                                                                     AllianceMeetingField              *invalid_field,
                                                                     GError                           **error);
/* The discussion of @client_id, or NULL. */
AllianceSupervisionDiscussion *alliance_meeting_find_discussion     (const AllianceMeeting             *self,
                                                                     gint64                             client_id);
/* Adds @client_id at the end of the agenda (or returns its discussion). */
AllianceSupervisionDiscussion *alliance_meeting_add_discussion      (AllianceMeeting                   *self,
                                                                     gint64                             client_id);
gboolean                       alliance_meeting_remove_discussion   (AllianceMeeting                   *self,
                                                                     gint64                             client_id);
/* The documented canonical text that signing hashes (see the .c), and its
 * SHA-256 in hex. Client ids, not names, stand for the clients. */
char                          *alliance_meeting_dup_signed_content  (const AllianceMeeting             *self);
char                          *alliance_meeting_compute_sha256      (const AllianceMeeting             *self);
char                          *alliance_meeting_addendum_compute_sha256 (const AllianceMeetingAddendum *self,
                                                                     const char                        *meeting_sha256);

const char                    *alliance_supervision_format_to_string   (AllianceSupervisionFormat   format);
gboolean                       alliance_supervision_format_from_string (const char                 *text,
                                                                     AllianceSupervisionFormat         *format);
const char                    *alliance_supervision_format_get_label   (AllianceSupervisionFormat   format);   /* translated */

AllianceSupervisionDiscussion *alliance_supervision_discussion_new  (gint64                             client_id);
AllianceSupervisionDiscussion *alliance_supervision_discussion_copy (const AllianceSupervisionDiscussion *self);
void                           alliance_supervision_discussion_free (AllianceSupervisionDiscussion     *self);
AllianceSupervisionExcerpt    *alliance_supervision_excerpt_new     (gint64                             note_id,
                                                                     const char                        *text);
AllianceSupervisionExcerpt    *alliance_supervision_excerpt_copy    (const AllianceSupervisionExcerpt  *self);
void                           alliance_supervision_excerpt_free    (AllianceSupervisionExcerpt        *self);
AllianceActionItem            *alliance_action_item_new             (gint64                             client_id,
                                                                     const char                        *text);
AllianceActionItem            *alliance_action_item_copy            (const AllianceActionItem          *self);
void                           alliance_action_item_free            (AllianceActionItem                *self);
gboolean                       alliance_action_item_is_done         (const AllianceActionItem          *self);
AllianceMeetingAddendum       *alliance_meeting_addendum_copy       (const AllianceMeetingAddendum     *self);
void                           alliance_meeting_addendum_free       (AllianceMeetingAddendum           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceMeeting, alliance_meeting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceSupervisionDiscussion, alliance_supervision_discussion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceSupervisionExcerpt, alliance_supervision_excerpt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceActionItem, alliance_action_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceMeetingAddendum, alliance_meeting_addendum_free)

G_END_DECLS
