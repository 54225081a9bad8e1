/* alliance-goal.c */
#define G_LOG_DOMAIN "alliance-goal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-goal.h"

G_DEFINE_BOXED_TYPE (AllianceGoal, alliance_goal, alliance_goal_copy, alliance_goal_free)

static const struct
{
  const char *id;
  const char *label;
} statuses[ALLIANCE_GOAL_N_STATUSES] = {
  /* Translators: the state of a treatment goal */
  [ALLIANCE_GOAL_STATUS_ACTIVE] = { "active", NC_("goal status", "Active") },
  [ALLIANCE_GOAL_STATUS_ACHIEVED] = { "achieved", NC_("goal status", "Achieved") },
  [ALLIANCE_GOAL_STATUS_DROPPED] = { "dropped", NC_("goal status", "Dropped") },
};

const char *
alliance_goal_status_to_string (AllianceGoalStatus status)
{
  g_return_val_if_fail (status < ALLIANCE_GOAL_N_STATUSES, NULL);

  return statuses[status].id;
}

gboolean
alliance_goal_status_from_string (const char         *text,
                                  AllianceGoalStatus *status)
{
  for (guint i = 0; i < ALLIANCE_GOAL_N_STATUSES; i++)
    if (g_strcmp0 (text, statuses[i].id) == 0)
      {
        *status = (AllianceGoalStatus)i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_goal_status_get_label (AllianceGoalStatus status)
{
  g_return_val_if_fail (status < ALLIANCE_GOAL_N_STATUSES, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "goal status", statuses[status].label);
}

AllianceGoal *
alliance_goal_new (gint64      client_id,
                   const char *description,
                   const char *set_on)
{
  AllianceGoal *self = g_new0 (AllianceGoal, 1);

  self->client_id = client_id;
  self->description = g_strdup (description);
  self->set_on = g_strdup (set_on);
  self->status = ALLIANCE_GOAL_STATUS_ACTIVE;
  return self;
}

AllianceGoal *
alliance_goal_copy (const AllianceGoal *self)
{
  AllianceGoal *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->description = g_strdup (self->description);
  copy->set_on = g_strdup (self->set_on);
  copy->reviewed_on = g_strdup (self->reviewed_on);
  return copy;
}

void
alliance_goal_free (AllianceGoal *self)
{
  if (self == NULL)
    return;

  g_free (self->description);
  g_free (self->set_on);
  g_free (self->reviewed_on);
  g_free (self);
}

gboolean
alliance_goal_validate (const AllianceGoal  *self,
                        GError             **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (self->description ? self->description : ""));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Describe the goal in a few words."));
      return FALSE;
    }
  if (self->set_on == NULL || !alliance_date_parse (self->set_on, NULL, error))
    {
      if (self->set_on == NULL)
        g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                             _("A goal needs the date it was set."));
      return FALSE;
    }
  if (self->reviewed_on != NULL)
    {
      if (!alliance_date_parse (self->reviewed_on, NULL, error))
        return FALSE;
      if (strcmp (self->reviewed_on, self->set_on) < 0)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
                               _("A goal cannot be reviewed before it was set."));
          return FALSE;
        }
    }
  return TRUE;
}
