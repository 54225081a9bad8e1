/* alliance-administration.c */
#define G_LOG_DOMAIN "alliance-administration"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-administration.h"
#include "alliance-error.h"
#include "alliance-score.h"

G_DEFINE_BOXED_TYPE (AllianceAdministration, alliance_administration, alliance_administration_copy,
                     alliance_administration_free)

AllianceAdministration *
alliance_administration_new (gint64                 client_id,
                             gint64                 session_id,
                             const AllianceMeasure *measure)
{
  AllianceAdministration *self;

  g_return_val_if_fail (measure != NULL, NULL);

  self = g_new0 (AllianceAdministration, 1);
  self->client_id = client_id;
  self->session_id = session_id;
  self->measure_key = g_strdup (measure->id);
  self->measure_version = measure->version;
  self->rater = measure->rater;
  self->n_values = alliance_measure_get_n_items (measure);
  self->values = alliance_score_values_new (self->n_values);
  return self;
}

AllianceAdministration *
alliance_administration_copy (const AllianceAdministration *self)
{
  AllianceAdministration *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (AllianceAdministration, 1);
  *copy = *self;
  copy->measure_key = g_strdup (self->measure_key);
  copy->values = g_new (int, MAX (self->n_values, 1));
  if (self->n_values > 0)
    memcpy (copy->values, self->values, self->n_values * sizeof (int));
  copy->administered_at = g_strdup (self->administered_at);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
alliance_administration_free (AllianceAdministration *self)
{
  if (self == NULL)
    return;

  g_free (self->measure_key);
  g_free (self->values);
  g_free (self->administered_at);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

guint
alliance_administration_count_answered (const AllianceAdministration *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n_values; i++)
    if (self->values[i] != ALLIANCE_SCORE_MISSING)
      n++;
  return n;
}

gboolean
alliance_administration_validate (const AllianceAdministration  *self,
                                  const AllianceMeasure         *measure,
                                  GError                       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (measure != NULL, FALSE);

  if (g_strcmp0 (self->measure_key, measure->id) != 0 || self->measure_version != measure->version)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("These answers were given to another version of the measure."));
      return FALSE;
    }
  if (self->n_values != alliance_measure_get_n_items (measure))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("The answers do not match the measure’s items."));
      return FALSE;
    }
  for (guint i = 0; i < self->n_values; i++)
    if (!alliance_score_check_item (measure, i, self->values[i], error))
      return FALSE;
  return TRUE;
}
