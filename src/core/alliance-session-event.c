/* alliance-session-event.c */
#define G_LOG_DOMAIN "alliance-session-event"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-error.h"
#include "alliance-session-event.h"

G_DEFINE_BOXED_TYPE (AllianceSessionEvent, alliance_session_event, alliance_session_event_copy,
                     alliance_session_event_free)

typedef struct
{
  const char *id;     /* as stored */
  const char *label;  /* N_() */
} Name;

static const Name kinds[ALLIANCE_N_EVENT_KINDS] = {
  [ALLIANCE_EVENT_RUPTURE] = { "rupture", N_("Rupture") },
  [ALLIANCE_EVENT_REPAIR] = { "repair", N_("Repair") },
  /* Translators: an event such as contact out of session or an overrun. */
  [ALLIANCE_EVENT_BOUNDARY] = { "boundary", N_("Boundary event") },
  [ALLIANCE_EVENT_LIFE] = { "life", N_("Life event") },
  [ALLIANCE_EVENT_RISK] = { "risk", N_("Risk") },
};

static const Name rupture_types[ALLIANCE_N_RUPTURE_TYPES] = {
  /* Translators: a rupture marker in which the client moves away (Safran & Muran). */
  [ALLIANCE_RUPTURE_WITHDRAWAL] = { "withdrawal", N_("Withdrawal") },
  /* Translators: a rupture marker in which the client moves against the therapist. */
  [ALLIANCE_RUPTURE_CONFRONTATION] = { "confrontation", N_("Confrontation") },
};

static const Name strategies[ALLIANCE_N_REPAIR_STRATEGIES] = {
  [ALLIANCE_REPAIR_METACOMMUNICATION] = { "metacommunication", N_("Talking about what happened between us") },
  [ALLIANCE_REPAIR_ACKNOWLEDGE_OWN_PART] = { "acknowledge-own-part", N_("Acknowledging my part") },
  [ALLIANCE_REPAIR_CLARIFY_RATIONALE] = { "clarify-rationale", N_("Explaining the task or its reason") },
  [ALLIANCE_REPAIR_CHANGE_TASK_OR_GOAL] = { "change-task-or-goal", N_("Changing the task or goal") },
  [ALLIANCE_REPAIR_VALIDATE] = { "validate", N_("Validating the client’s experience") },
  [ALLIANCE_REPAIR_OTHER] = { "other", N_("Other") },
};

static const Name boundary_kinds[ALLIANCE_N_BOUNDARY_KINDS] = {
  [ALLIANCE_BOUNDARY_OUT_OF_SESSION_CONTACT] = { "out-of-session-contact", N_("Contact out of session") },
  [ALLIANCE_BOUNDARY_OVERRUN] = { "overrun", N_("Session overran") },
  [ALLIANCE_BOUNDARY_GIFT] = { "gift", N_("Gift") },
  [ALLIANCE_BOUNDARY_DUAL_RELATIONSHIP] = { "dual-relationship", N_("Dual relationship") },
  [ALLIANCE_BOUNDARY_OTHER] = { "other", N_("Other") },
};

static gboolean
find_name (const Name *names,
           guint       n_names,
           const char *text,
           int        *value)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (text, names[i].id) == 0)
      {
        *value = (int)i;
        return TRUE;
      }
  return FALSE;
}

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID, message);
}

AllianceSessionEvent *
alliance_session_event_new (gint64            session_id,
                            AllianceEventKind kind)
{
  AllianceSessionEvent *self;

  g_return_val_if_fail (kind < ALLIANCE_N_EVENT_KINDS, NULL);

  self = g_new0 (AllianceSessionEvent, 1);
  self->session_id = session_id;
  self->kind = kind;
  self->intensity = ALLIANCE_RUPTURE_MIN_INTENSITY;
  self->strategy = ALLIANCE_REPAIR_METACOMMUNICATION;
  self->note = g_strdup ("");
  return self;
}

AllianceSessionEvent *
alliance_session_event_copy (const AllianceSessionEvent *self)
{
  AllianceSessionEvent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (AllianceSessionEvent, 1);
  *copy = *self;
  copy->note = g_strdup (self->note);
  copy->occurred_at = g_strdup (self->occurred_at);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

void
alliance_session_event_free (AllianceSessionEvent *self)
{
  if (self == NULL)
    return;

  g_free (self->note);
  g_free (self->occurred_at);
  g_free (self->created_at);
  g_free (self);
}

gboolean
alliance_session_event_validate (const AllianceSessionEvent  *self,
                                 GError                     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if ((guint)self->kind >= ALLIANCE_N_EVENT_KINDS)
    {
      set_invalid (error, _("Choose what kind of event this was."));
      return FALSE;
    }
  if (self->note != NULL && !g_utf8_validate (self->note, -1, NULL))
    {
      set_invalid (error, _("The note contains text that is not valid."));
      return FALSE;
    }

  switch (self->kind)
    {
    case ALLIANCE_EVENT_RUPTURE:
      if ((guint)self->rupture_type >= ALLIANCE_N_RUPTURE_TYPES)
        {
          set_invalid (error, _("Choose whether the rupture was a withdrawal or a confrontation."));
          return FALSE;
        }
      if (self->intensity < ALLIANCE_RUPTURE_MIN_INTENSITY || self->intensity > ALLIANCE_RUPTURE_MAX_INTENSITY)
        {
          g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                       _("The intensity of a rupture must be between %d and %d."),
                       ALLIANCE_RUPTURE_MIN_INTENSITY, ALLIANCE_RUPTURE_MAX_INTENSITY);
          return FALSE;
        }
      break;

    case ALLIANCE_EVENT_REPAIR:
      if ((guint)self->strategy >= ALLIANCE_N_REPAIR_STRATEGIES)
        {
          set_invalid (error, _("Choose how the rupture was repaired."));
          return FALSE;
        }
      if (self->rupture_id <= 0)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                               _("Choose the rupture this repair is about."));
          return FALSE;
        }
      if (self->id != 0 && self->rupture_id == self->id)
        {
          set_invalid (error, _("A repair must name a rupture, not itself."));
          return FALSE;
        }
      break;

    case ALLIANCE_EVENT_BOUNDARY:
      if ((guint)self->boundary_kind >= ALLIANCE_N_BOUNDARY_KINDS)
        {
          set_invalid (error, _("Choose what kind of boundary event this was."));
          return FALSE;
        }
      break;

    case ALLIANCE_EVENT_LIFE:
    case ALLIANCE_EVENT_RISK:
    case ALLIANCE_N_EVENT_KINDS:
    default:
      break;
    }
  return TRUE;
}

char *
alliance_session_event_describe (const AllianceSessionEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case ALLIANCE_EVENT_RUPTURE:
      /* Translators: "A rupture (withdrawal, intensity 2)"; %s is the type of rupture in lower case. */
      return g_strdup_printf (_("A rupture (%s, intensity %d)"),
                              self->rupture_type == ALLIANCE_RUPTURE_CONFRONTATION ? _("confrontation")
                                                                                   : _("withdrawal"),
                              self->intensity);
    case ALLIANCE_EVENT_REPAIR:
      return g_strdup (self->resolved ? _("A repair (resolved)") : _("A repair (not resolved)"));
    case ALLIANCE_EVENT_BOUNDARY:
      /* Translators: %s is the kind of boundary event, e.g. "Gift". */
      return g_strdup_printf (_("A boundary event (%s)"), alliance_boundary_kind_get_label (self->boundary_kind));
    case ALLIANCE_EVENT_LIFE:
      return g_strdup (_("A life event"));
    case ALLIANCE_EVENT_RISK:
      return g_strdup (_("A risk"));
    case ALLIANCE_N_EVENT_KINDS:
    default:
      return g_strdup (_("An event"));
    }
}

const char *
alliance_event_kind_to_string (AllianceEventKind kind)
{
  g_return_val_if_fail (kind < ALLIANCE_N_EVENT_KINDS, NULL);
  return kinds[kind].id;
}

gboolean
alliance_event_kind_from_string (const char        *text,
                                 AllianceEventKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);
  if (!find_name (kinds, G_N_ELEMENTS (kinds), text, &value))
    return FALSE;
  *kind = (AllianceEventKind)value;
  return TRUE;
}

const char *
alliance_event_kind_get_label (AllianceEventKind kind)
{
  g_return_val_if_fail (kind < ALLIANCE_N_EVENT_KINDS, NULL);
  return _(kinds[kind].label);
}

const char *
alliance_rupture_type_to_string (AllianceRuptureType type)
{
  g_return_val_if_fail (type < ALLIANCE_N_RUPTURE_TYPES, NULL);
  return rupture_types[type].id;
}

gboolean
alliance_rupture_type_from_string (const char          *text,
                                   AllianceRuptureType *type)
{
  int value;

  g_return_val_if_fail (type != NULL, FALSE);
  if (!find_name (rupture_types, G_N_ELEMENTS (rupture_types), text, &value))
    return FALSE;
  *type = (AllianceRuptureType)value;
  return TRUE;
}

const char *
alliance_rupture_type_get_label (AllianceRuptureType type)
{
  g_return_val_if_fail (type < ALLIANCE_N_RUPTURE_TYPES, NULL);
  return _(rupture_types[type].label);
}

const char *
alliance_repair_strategy_to_string (AllianceRepairStrategy strategy)
{
  g_return_val_if_fail (strategy < ALLIANCE_N_REPAIR_STRATEGIES, NULL);
  return strategies[strategy].id;
}

gboolean
alliance_repair_strategy_from_string (const char             *text,
                                      AllianceRepairStrategy *strategy)
{
  int value;

  g_return_val_if_fail (strategy != NULL, FALSE);
  if (!find_name (strategies, G_N_ELEMENTS (strategies), text, &value))
    return FALSE;
  *strategy = (AllianceRepairStrategy)value;
  return TRUE;
}

const char *
alliance_repair_strategy_get_label (AllianceRepairStrategy strategy)
{
  g_return_val_if_fail (strategy < ALLIANCE_N_REPAIR_STRATEGIES, NULL);
  return _(strategies[strategy].label);
}

const char *
alliance_boundary_kind_to_string (AllianceBoundaryKind kind)
{
  g_return_val_if_fail (kind < ALLIANCE_N_BOUNDARY_KINDS, NULL);
  return boundary_kinds[kind].id;
}

gboolean
alliance_boundary_kind_from_string (const char           *text,
                                    AllianceBoundaryKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);
  if (!find_name (boundary_kinds, G_N_ELEMENTS (boundary_kinds), text, &value))
    return FALSE;
  *kind = (AllianceBoundaryKind)value;
  return TRUE;
}

const char *
alliance_boundary_kind_get_label (AllianceBoundaryKind kind)
{
  g_return_val_if_fail (kind < ALLIANCE_N_BOUNDARY_KINDS, NULL);
  return _(boundary_kinds[kind].label);
}
