/* alliance-measure.c */
#define G_LOG_DOMAIN "alliance-measure"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "alliance-error.h"
#include "alliance-measure.h"
#include "alliance-text.h"

G_DEFINE_BOXED_TYPE (AllianceMeasure, alliance_measure, alliance_measure_copy, alliance_measure_free)

static const struct
{
  const char *id;
  const char *label;
} raters[ALLIANCE_MEASURE_N_RATERS] = {
  [ALLIANCE_MEASURE_RATER_CLIENT] = { "client", N_("Client") },
  [ALLIANCE_MEASURE_RATER_THERAPIST] = { "therapist", N_("Therapist") },
  [ALLIANCE_MEASURE_RATER_OBSERVER] = { "observer", N_("Observer") },
};

static const struct
{
  const char *id;
  const char *label;
} purposes[ALLIANCE_MEASURE_N_PURPOSES] = {
  [ALLIANCE_MEASURE_PURPOSE_OTHER] = { "other", N_("Other") },
  [ALLIANCE_MEASURE_PURPOSE_ALLIANCE] = { "alliance", N_("Alliance (client’s view)") },
  [ALLIANCE_MEASURE_PURPOSE_OUTCOME] = { "outcome", N_("Outcome") },
  [ALLIANCE_MEASURE_PURPOSE_REFLECTION] = { "reflection", N_("Therapist’s reflection") },
  [ALLIANCE_MEASURE_PURPOSE_PREDICTION] = { "prediction", N_("Therapist’s prediction") },
};

static const char * const total_rules[ALLIANCE_MEASURE_N_TOTAL_RULES] = {
  [ALLIANCE_MEASURE_TOTAL_SUM] = "sum",
  [ALLIANCE_MEASURE_TOTAL_MEAN] = "mean",
};

static const char * const cutoffs[ALLIANCE_MEASURE_N_CUTOFFS] = {
  [ALLIANCE_MEASURE_CUTOFF_NONE] = "none",
  [ALLIANCE_MEASURE_CUTOFF_BELOW] = "below",
  [ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW] = "at-or-below",
  [ALLIANCE_MEASURE_CUTOFF_ABOVE] = "above",
  [ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE] = "at-or-above",
};

static void
item_free (gpointer data)
{
  AllianceMeasureItem *item = data;

  g_free (item->id);
  g_free (item->label);
  g_free (item);
}

static void
subscale_free (gpointer data)
{
  AllianceMeasureSubscale *subscale = data;

  g_free (subscale->id);
  g_free (subscale->label);
  g_strfreev (subscale->item_ids);
  g_free (subscale);
}

static void
band_free (gpointer data)
{
  AllianceMeasureBand *band = data;

  g_free (band->label);
  g_free (band);
}

static gboolean
fail (char       **path,
      GError     **error,
      char        *owned_path,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (char       **path,
      GError     **error,
      char        *owned_path,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID, message);

  if (path != NULL)
    *path = owned_path;
  else
    g_free (owned_path);
  return FALSE;
}

/* Index of @text in @table, or -1. */
static int
find_string (const char * const *table,
             guint               n,
             const char         *text)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (text, table[i]) == 0)
      return (int)i;
  return -1;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || alliance_text_is_blank (text);
}

static gboolean
validate_items (const AllianceMeasure  *self,
                char                  **path,
                GError                **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->items->len == 0)
    return fail (path, error, g_strdup ("items"), _("A measure needs at least one item."));

  for (guint i = 0; i < self->items->len; i++)
    {
      const AllianceMeasureItem *item = g_ptr_array_index (self->items, i);

      if (is_blank (item->id))
        return fail (path, error, g_strdup_printf ("items[%u].id", i),
                     _("Item %u needs an id."), i + 1);
      if (!g_hash_table_add (seen, item->id))
        return fail (path, error, g_strdup_printf ("items[%u].id", i),
                     _("Item id “%s” is used twice: each item needs its own."), item->id);
      if (item->label == NULL)
        return fail (path, error, g_strdup_printf ("items[%u].label", i),
                     _("Item “%s” needs a label (it may be empty)."), item->id);
      if (item->min >= item->max)
        return fail (path, error, g_strdup_printf ("items[%u].max", i),
                     _("The maximum of item “%s” (%d) must be greater than its minimum (%d)."),
                     item->id, item->max, item->min);
    }
  return TRUE;
}

static gboolean
validate_subscales (const AllianceMeasure  *self,
                    char                  **path,
                    GError                **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->subscales->len; i++)
    {
      const AllianceMeasureSubscale *subscale = g_ptr_array_index (self->subscales, i);
      g_autoptr(GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);

      if (is_blank (subscale->id))
        return fail (path, error, g_strdup_printf ("subscales[%u].id", i),
                     _("Subscale %u needs an id."), i + 1);
      if (!g_hash_table_add (seen, subscale->id))
        return fail (path, error, g_strdup_printf ("subscales[%u].id", i),
                     _("Subscale id “%s” is used twice."), subscale->id);
      if (is_blank (subscale->label))
        return fail (path, error, g_strdup_printf ("subscales[%u].label", i),
                     _("Subscale “%s” needs a label."), subscale->id);
      if (subscale->item_ids == NULL || subscale->item_ids[0] == NULL)
        return fail (path, error, g_strdup_printf ("subscales[%u].items", i),
                     _("Subscale “%s” needs at least one item."), subscale->id);
      for (guint j = 0; subscale->item_ids[j] != NULL; j++)
        {
          const char *item_id = subscale->item_ids[j];

          if (alliance_measure_find_item (self, item_id) < 0)
            return fail (path, error, g_strdup_printf ("subscales[%u].items[%u]", i, j),
                         _("Subscale “%s” names item “%s”, which the measure does not have."),
                         subscale->id, item_id);
          if (!g_hash_table_add (members, (gpointer)item_id))
            return fail (path, error, g_strdup_printf ("subscales[%u].items[%u]", i, j),
                         _("Subscale “%s” names item “%s” twice."), subscale->id, item_id);
        }
    }
  return TRUE;
}

static gboolean
validate_bands (const AllianceMeasure  *self,
                double                  total_min,
                double                  total_max,
                char                  **path,
                GError                **error)
{
  for (guint i = 0; i < self->bands->len; i++)
    {
      const AllianceMeasureBand *band = g_ptr_array_index (self->bands, i);

      if (is_blank (band->label))
        return fail (path, error, g_strdup_printf ("bands[%u].label", i),
                     _("Band %u needs a label."), i + 1);
      if (!isfinite (band->min) || !isfinite (band->max) || band->min > band->max)
        return fail (path, error, g_strdup_printf ("bands[%u].max", i),
                     _("Band “%s” must end at or after where it starts."), band->label);
      if (band->min < total_min || band->max > total_max)
        return fail (path, error, g_strdup_printf ("bands[%u]", i),
                     _("Band “%s” (%g–%g) must lie within the range of the total, %g–%g."),
                     band->label, band->min, band->max, total_min, total_max);
      if (i > 0)
        {
          const AllianceMeasureBand *previous = g_ptr_array_index (self->bands, i - 1);

          if (band->min <= previous->max)
            return fail (path, error, g_strdup_printf ("bands[%u].min", i),
                         _("Band “%s” (%g–%g) overlaps band “%s” (%g–%g), or comes before it: "
                           "bands must be in ascending order without overlap."),
                         band->label, band->min, band->max,
                         previous->label, previous->min, previous->max);
        }
    }
  return TRUE;
}

const char *
alliance_measure_rater_to_string (AllianceMeasureRater rater)
{
  g_return_val_if_fail (rater < ALLIANCE_MEASURE_N_RATERS, NULL);

  return raters[rater].id;
}

gboolean
alliance_measure_rater_from_string (const char           *text,
                                    AllianceMeasureRater *rater)
{
  for (guint i = 0; i < ALLIANCE_MEASURE_N_RATERS; i++)
    if (g_strcmp0 (text, raters[i].id) == 0)
      {
        *rater = (AllianceMeasureRater)i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_measure_rater_get_label (AllianceMeasureRater rater)
{
  g_return_val_if_fail (rater < ALLIANCE_MEASURE_N_RATERS, NULL);

  return _(raters[rater].label);
}

const char *
alliance_measure_purpose_to_string (AllianceMeasurePurpose purpose)
{
  g_return_val_if_fail (purpose < ALLIANCE_MEASURE_N_PURPOSES, NULL);

  return purposes[purpose].id;
}

gboolean
alliance_measure_purpose_from_string (const char             *text,
                                      AllianceMeasurePurpose *purpose)
{
  for (guint i = 0; i < ALLIANCE_MEASURE_N_PURPOSES; i++)
    if (g_strcmp0 (text, purposes[i].id) == 0)
      {
        *purpose = (AllianceMeasurePurpose)i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_measure_purpose_get_label (AllianceMeasurePurpose purpose)
{
  g_return_val_if_fail (purpose < ALLIANCE_MEASURE_N_PURPOSES, NULL);

  return _(purposes[purpose].label);
}

const char *
alliance_measure_total_rule_to_string (AllianceMeasureTotalRule rule)
{
  g_return_val_if_fail (rule < ALLIANCE_MEASURE_N_TOTAL_RULES, NULL);

  return total_rules[rule];
}

gboolean
alliance_measure_total_rule_from_string (const char               *text,
                                         AllianceMeasureTotalRule *rule)
{
  int i = find_string (total_rules, ALLIANCE_MEASURE_N_TOTAL_RULES, text);

  if (i < 0)
    return FALSE;
  *rule = (AllianceMeasureTotalRule)i;
  return TRUE;
}

const char *
alliance_measure_cutoff_to_string (AllianceMeasureCutoff cutoff)
{
  g_return_val_if_fail (cutoff < ALLIANCE_MEASURE_N_CUTOFFS, NULL);

  return cutoffs[cutoff];
}

gboolean
alliance_measure_cutoff_from_string (const char            *text,
                                     AllianceMeasureCutoff *cutoff)
{
  int i = find_string (cutoffs, ALLIANCE_MEASURE_N_CUTOFFS, text);

  if (i < 0)
    return FALSE;
  *cutoff = (AllianceMeasureCutoff)i;
  return TRUE;
}

AllianceMeasure *
alliance_measure_new (const char           *id,
                      const char           *name,
                      AllianceMeasureRater  rater)
{
  AllianceMeasure *self = g_new0 (AllianceMeasure, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->version = 1;
  self->rater = rater;
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->subscales = g_ptr_array_new_with_free_func (subscale_free);
  self->bands = g_ptr_array_new_with_free_func (band_free);
  self->total_rule = ALLIANCE_MEASURE_TOTAL_SUM;
  self->higher_is_better = TRUE;
  return self;
}

AllianceMeasure *
alliance_measure_copy (const AllianceMeasure *self)
{
  AllianceMeasure *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = alliance_measure_new (self->id, self->name, self->rater);
  copy->version = self->version;
  copy->purpose = self->purpose;
  for (guint i = 0; i < self->items->len; i++)
    {
      const AllianceMeasureItem *item = g_ptr_array_index (self->items, i);

      alliance_measure_add_item (copy, item->id, item->label, item->min, item->max, item->reverse);
    }
  for (guint i = 0; i < self->subscales->len; i++)
    {
      const AllianceMeasureSubscale *subscale = g_ptr_array_index (self->subscales, i);

      alliance_measure_add_subscale (copy, subscale->id, subscale->label,
                                     (const char * const *)subscale->item_ids);
    }
  for (guint i = 0; i < self->bands->len; i++)
    {
      const AllianceMeasureBand *band = g_ptr_array_index (self->bands, i);

      alliance_measure_add_band (copy, band->min, band->max, band->label);
    }
  copy->total_rule = self->total_rule;
  copy->higher_is_better = self->higher_is_better;
  copy->cutoff = self->cutoff;
  copy->cutoff_value = self->cutoff_value;
  copy->reliable_change = self->reliable_change;
  copy->rc_points = self->rc_points;
  copy->rc_s1 = self->rc_s1;
  copy->rc_r = self->rc_r;
  copy->risk_item_id = g_strdup (self->risk_item_id);
  copy->note = g_strdup (self->note);
  copy->translatable = self->translatable;
  return copy;
}

void
alliance_measure_free (AllianceMeasure *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->name);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->subscales);
  g_ptr_array_unref (self->bands);
  g_free (self->risk_item_id);
  g_free (self->note);
  g_free (self);
}

AllianceMeasureItem *
alliance_measure_add_item (AllianceMeasure *self,
                           const char      *id,
                           const char      *label,
                           int              min,
                           int              max,
                           gboolean         reverse)
{
  AllianceMeasureItem *item;

  g_return_val_if_fail (self != NULL, NULL);

  item = g_new0 (AllianceMeasureItem, 1);
  item->id = g_strdup (id);
  item->label = g_strdup (label != NULL ? label : "");
  item->min = min;
  item->max = max;
  item->reverse = !!reverse;
  g_ptr_array_add (self->items, item);
  return item;
}

AllianceMeasureSubscale *
alliance_measure_add_subscale (AllianceMeasure    *self,
                               const char         *id,
                               const char         *label,
                               const char * const *item_ids)
{
  AllianceMeasureSubscale *subscale;

  g_return_val_if_fail (self != NULL, NULL);

  subscale = g_new0 (AllianceMeasureSubscale, 1);
  subscale->id = g_strdup (id);
  subscale->label = g_strdup (label);
  subscale->item_ids = item_ids != NULL ? g_strdupv ((char **)item_ids) : g_new0 (char *, 1);
  g_ptr_array_add (self->subscales, subscale);
  return subscale;
}

AllianceMeasureBand *
alliance_measure_add_band (AllianceMeasure *self,
                           double           min,
                           double           max,
                           const char      *label)
{
  AllianceMeasureBand *band;

  g_return_val_if_fail (self != NULL, NULL);

  band = g_new0 (AllianceMeasureBand, 1);
  band->min = min;
  band->max = max;
  band->label = g_strdup (label);
  g_ptr_array_add (self->bands, band);
  return band;
}

void
alliance_measure_set_cutoff (AllianceMeasure       *self,
                             AllianceMeasureCutoff  comparison,
                             double                 value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (comparison < ALLIANCE_MEASURE_N_CUTOFFS);

  self->cutoff = comparison;
  self->cutoff_value = comparison == ALLIANCE_MEASURE_CUTOFF_NONE ? 0 : value;
}

void
alliance_measure_set_reliable_points (AllianceMeasure *self,
                                      double           points)
{
  g_return_if_fail (self != NULL);

  self->reliable_change = ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS;
  self->rc_points = points;
  self->rc_s1 = 0;
  self->rc_r = 0;
}

void
alliance_measure_set_reliable_jt (AllianceMeasure *self,
                                  double           s1,
                                  double           r)
{
  g_return_if_fail (self != NULL);

  self->reliable_change = ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX;
  self->rc_points = 0;
  self->rc_s1 = s1;
  self->rc_r = r;
}

guint
alliance_measure_get_n_items (const AllianceMeasure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const AllianceMeasureItem *
alliance_measure_get_item (const AllianceMeasure *self,
                           guint                  index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_ptr_array_index (self->items, index);
}

/* Returns the index of the item, or -1. */
int
alliance_measure_find_item (const AllianceMeasure *self,
                            const char            *item_id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->items->len; i++)
    {
      const AllianceMeasureItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->id, item_id) == 0)
        return (int)i;
    }
  return -1;
}

void
alliance_measure_get_total_range (const AllianceMeasure *self,
                                  double                *min,
                                  double                *max)
{
  double lo = 0, hi = 0;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const AllianceMeasureItem *item = g_ptr_array_index (self->items, i);

      lo += item->min;
      hi += item->max;
    }
  if (self->total_rule == ALLIANCE_MEASURE_TOTAL_MEAN && self->items->len > 0)
    {
      lo /= self->items->len;
      hi /= self->items->len;
    }
  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
}

/* The smallest change of the total that counts as reliable, or 0 when the
 * measure has no reliable-change rule. For Jacobson–Truax that is
 * 1.96 · S_diff, S_diff = √2 · s1 · √(1 − r) (the RCI must exceed 1.96). */
double
alliance_measure_get_reliable_threshold (const AllianceMeasure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  switch (self->reliable_change)
    {
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS:
      return self->rc_points;
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX:
      return 1.96 * G_SQRT2 * self->rc_s1 * sqrt (1 - self->rc_r);
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_NONE:
    case ALLIANCE_MEASURE_N_RELIABLE_CHANGES:
    default:
      return 0;
    }
}

/* A text of the measure (its name, an item or band label, the note) as the
 * user should see it: translated for a built-in definition, as typed for
 * one the user made or imported. */
const char *
alliance_measure_translate (const AllianceMeasure *self,
                            const char            *text)
{
  g_return_val_if_fail (self != NULL, text);

  if (!self->translatable || text == NULL || *text == '\0')
    return text;
  return _(text);
}

/* Like alliance_measure_validate(), and on failure sets @path to where the
 * problem is, in the terms of the JSON format ("items[3].max"). */
gboolean
alliance_measure_validate_with_path (const AllianceMeasure  *self,
                                     char                  **path,
                                     GError                **error)
{
  double total_min, total_max;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path == NULL || *path == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (self->id))
    return fail (path, error, g_strdup ("id"), _("The measure needs an id."));
  if (is_blank (self->name))
    return fail (path, error, g_strdup ("name"), _("The measure needs a name."));
  if (self->version < 1)
    return fail (path, error, g_strdup ("measure_version"),
                 _("The version of a measure must be 1 or more."));
  if (self->rater >= ALLIANCE_MEASURE_N_RATERS)
    return fail (path, error, g_strdup ("rater"), _("The rater must be the client, the therapist or an observer."));
  if (self->purpose >= ALLIANCE_MEASURE_N_PURPOSES)
    return fail (path, error, g_strdup ("purpose"), _("The purpose must be alliance, outcome, reflection, prediction or other."));
  if (self->total_rule >= ALLIANCE_MEASURE_N_TOTAL_RULES)
    return fail (path, error, g_strdup ("total"), _("The total must be a sum or a mean."));
  if (!validate_items (self, path, error))
    return FALSE;
  if (!validate_subscales (self, path, error))
    return FALSE;

  alliance_measure_get_total_range (self, &total_min, &total_max);

  if (self->cutoff >= ALLIANCE_MEASURE_N_CUTOFFS)
    return fail (path, error, g_strdup ("cutoff.comparison"), _("The cut-off comparison is not known."));
  if (self->cutoff != ALLIANCE_MEASURE_CUTOFF_NONE &&
      (!isfinite (self->cutoff_value) || self->cutoff_value < total_min || self->cutoff_value > total_max))
    return fail (path, error, g_strdup ("cutoff.value"),
                 _("The cut-off (%g) must lie within the range of the total, %g–%g."),
                 self->cutoff_value, total_min, total_max);

  switch (self->reliable_change)
    {
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_NONE:
      break;
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS:
      if (!isfinite (self->rc_points) || self->rc_points <= 0 || self->rc_points > total_max - total_min)
        return fail (path, error, g_strdup ("reliable_change.points"),
                     _("The reliable-change threshold must be more than 0 and at most %g points."),
                     total_max - total_min);
      break;
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX:
      if (!isfinite (self->rc_s1) || self->rc_s1 <= 0)
        return fail (path, error, g_strdup ("reliable_change.s1"),
                     _("The standard deviation for reliable change must be more than 0."));
      if (!isfinite (self->rc_r) || self->rc_r <= 0 || self->rc_r >= 1)
        return fail (path, error, g_strdup ("reliable_change.r"),
                     _("The reliability for reliable change must be between 0 and 1, both excluded."));
      break;
    case ALLIANCE_MEASURE_N_RELIABLE_CHANGES:
    default:
      return fail (path, error, g_strdup ("reliable_change"), _("The reliable-change rule is not known."));
    }

  if (!validate_bands (self, total_min, total_max, path, error))
    return FALSE;

  if (self->risk_item_id != NULL && alliance_measure_find_item (self, self->risk_item_id) < 0)
    return fail (path, error, g_strdup ("risk_item"),
                 _("The risk item “%s” is not an item of the measure."), self->risk_item_id);

  return TRUE;
}

gboolean
alliance_measure_validate (const AllianceMeasure  *self,
                           GError                **error)
{
  return alliance_measure_validate_with_path (self, NULL, error);
}
