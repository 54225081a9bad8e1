/* alliance-goal.h
 *
 * A treatment goal agreed with the client: agreeing goals together is the
 * collaboration the alliance rests on.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_GOAL_STATUS_ACTIVE,
  ALLIANCE_GOAL_STATUS_ACHIEVED,
  ALLIANCE_GOAL_STATUS_DROPPED,
  ALLIANCE_GOAL_N_STATUSES,
} AllianceGoalStatus;

typedef struct
{
  gint64              id;          /* 0 until first saved */
  gint64              client_id;
  char               *description;
  AllianceGoalStatus  status;
  char               *set_on;      /* YYYY-MM-DD */
  char               *reviewed_on; /* YYYY-MM-DD or NULL */
} AllianceGoal;

#define ALLIANCE_TYPE_GOAL (alliance_goal_get_type ())

GType         alliance_goal_get_type            (void) G_GNUC_CONST;
AllianceGoal *alliance_goal_new                 (gint64               client_id,
                                                 const char          *description,
                                                 const char          *set_on);
AllianceGoal *alliance_goal_copy                (const AllianceGoal  *self);
void          alliance_goal_free                (AllianceGoal        *self);
gboolean      alliance_goal_validate            (const AllianceGoal  *self,
                                                 GError             **error);
const char   *alliance_goal_status_to_string    (AllianceGoalStatus   status);
gboolean      alliance_goal_status_from_string  (const char          *text,
                                                 AllianceGoalStatus  *status);
const char   *alliance_goal_status_get_label    (AllianceGoalStatus   status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceGoal, alliance_goal_free)

G_END_DECLS
