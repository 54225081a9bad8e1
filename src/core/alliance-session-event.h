/* alliance-session-event.h
 *
 * Something that happened in or around a session and matters to the
 * relationship: a rupture, a repair of one, a boundary event, a life event,
 * a risk. Ruptures that were repaired go with better outcomes; unrepaired
 * ones, and confrontations, with dropping out.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_EVENT_RUPTURE,
  ALLIANCE_EVENT_REPAIR,
  ALLIANCE_EVENT_BOUNDARY,
  ALLIANCE_EVENT_LIFE,
  ALLIANCE_EVENT_RISK,
  ALLIANCE_N_EVENT_KINDS,
} AllianceEventKind;

/* Safran & Muran's two kinds of rupture markers. */
typedef enum
{
  ALLIANCE_RUPTURE_WITHDRAWAL,
  ALLIANCE_RUPTURE_CONFRONTATION,
  ALLIANCE_N_RUPTURE_TYPES,
} AllianceRuptureType;

typedef enum
{
  ALLIANCE_REPAIR_METACOMMUNICATION,     /* talking about what happened between us */
  ALLIANCE_REPAIR_ACKNOWLEDGE_OWN_PART,  /* the therapist owns their contribution */
  ALLIANCE_REPAIR_CLARIFY_RATIONALE,     /* explaining the task or its reason again */
  ALLIANCE_REPAIR_CHANGE_TASK_OR_GOAL,
  ALLIANCE_REPAIR_VALIDATE,              /* validating the client's experience */
  ALLIANCE_REPAIR_OTHER,
  ALLIANCE_N_REPAIR_STRATEGIES,
} AllianceRepairStrategy;

typedef enum
{
  ALLIANCE_BOUNDARY_OUT_OF_SESSION_CONTACT,
  ALLIANCE_BOUNDARY_OVERRUN,
  ALLIANCE_BOUNDARY_GIFT,
  ALLIANCE_BOUNDARY_DUAL_RELATIONSHIP,
  ALLIANCE_BOUNDARY_OTHER,
  ALLIANCE_N_BOUNDARY_KINDS,
} AllianceBoundaryKind;

#define ALLIANCE_RUPTURE_MIN_INTENSITY 1
#define ALLIANCE_RUPTURE_MAX_INTENSITY 3

typedef struct
{
  gint64                  id;              /* 0 until first saved */
  gint64                  session_id;
  AllianceEventKind       kind;
  /* Ruptures only. */
  AllianceRuptureType     rupture_type;
  int                     intensity;       /* 1–3 */
  /* Repairs only. */
  AllianceRepairStrategy  strategy;
  gboolean                resolved;
  gint64                  rupture_id;      /* the rupture it repairs; required */
  /* Boundary events only. */
  AllianceBoundaryKind    boundary_kind;
  char                   *note;            /* "" when none */
  /* Set by the store on load. */
  gint64                  client_id;
  char                   *occurred_at;     /* the session's "YYYY-MM-DD HH:MM" */
  char                   *created_at;
} AllianceSessionEvent;

#define ALLIANCE_TYPE_SESSION_EVENT (alliance_session_event_get_type ())

GType                  alliance_session_event_get_type          (void) G_GNUC_CONST;
AllianceSessionEvent  *alliance_session_event_new               (gint64                       session_id,
                                                                 AllianceEventKind            kind);
AllianceSessionEvent  *alliance_session_event_copy              (const AllianceSessionEvent *self);
void                   alliance_session_event_free              (AllianceSessionEvent       *self);
/* Kind-specific fields in range; a repair names its rupture. */
gboolean               alliance_session_event_validate          (const AllianceSessionEvent *self,
                                                                 GError                    **error);
/* "A rupture (withdrawal, intensity 2)", "A repair (resolved)"… for lists and tooltips. */
char                  *alliance_session_event_describe          (const AllianceSessionEvent *self);

const char            *alliance_event_kind_to_string            (AllianceEventKind           kind);
gboolean               alliance_event_kind_from_string          (const char                 *text,
                                                                 AllianceEventKind          *kind);
const char            *alliance_event_kind_get_label            (AllianceEventKind           kind);
const char            *alliance_rupture_type_to_string          (AllianceRuptureType         type);
gboolean               alliance_rupture_type_from_string        (const char                 *text,
                                                                 AllianceRuptureType        *type);
const char            *alliance_rupture_type_get_label          (AllianceRuptureType         type);
const char            *alliance_repair_strategy_to_string       (AllianceRepairStrategy      strategy);
gboolean               alliance_repair_strategy_from_string     (const char                 *text,
                                                                 AllianceRepairStrategy     *strategy);
const char            *alliance_repair_strategy_get_label       (AllianceRepairStrategy      strategy);
const char            *alliance_boundary_kind_to_string         (AllianceBoundaryKind        kind);
gboolean               alliance_boundary_kind_from_string       (const char                 *text,
                                                                 AllianceBoundaryKind       *kind);
const char            *alliance_boundary_kind_get_label         (AllianceBoundaryKind        kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceSessionEvent, alliance_session_event_free)

G_END_DECLS
