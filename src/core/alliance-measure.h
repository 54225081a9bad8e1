/* alliance-measure.h
 *
 * An instrument definition as data: its items and their ranges, subscales,
 * how the total is formed, which direction is better, the cut-off, the
 * reliable-change rule, severity bands and the licence note. Scores are
 * kept per item; alliance-score.h turns them into a total and its meaning.
 *
 * Built-in definitions (alliance-measure-library.h) keep their texts in
 * English and are marked translatable: show any of their texts through
 * alliance_measure_translate().
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_MEASURE_RATER_CLIENT,
  ALLIANCE_MEASURE_RATER_THERAPIST,
  ALLIANCE_MEASURE_RATER_OBSERVER,
  ALLIANCE_MEASURE_N_RATERS,
} AllianceMeasureRater;

/* What the measure is for, which decides the flags it feeds: the client's
 * view of the alliance, an outcome (symptoms), the therapist's reflection
 * on the relationship, or the therapist's prediction of the client's
 * alliance score. */
typedef enum
{
  ALLIANCE_MEASURE_PURPOSE_OTHER,
  ALLIANCE_MEASURE_PURPOSE_ALLIANCE,
  ALLIANCE_MEASURE_PURPOSE_OUTCOME,
  ALLIANCE_MEASURE_PURPOSE_REFLECTION,
  ALLIANCE_MEASURE_PURPOSE_PREDICTION,
  ALLIANCE_MEASURE_N_PURPOSES,
} AllianceMeasurePurpose;

typedef enum
{
  ALLIANCE_MEASURE_TOTAL_SUM,
  ALLIANCE_MEASURE_TOTAL_MEAN,
  ALLIANCE_MEASURE_N_TOTAL_RULES,
} AllianceMeasureTotalRule;

/* How a total is compared with the cut-off; NONE: the measure has none.
 * The cut-off is "met" (the total is of concern) when the comparison
 * holds: a total below 36 with ALLIANCE_MEASURE_CUTOFF_BELOW and 36. */
typedef enum
{
  ALLIANCE_MEASURE_CUTOFF_NONE,
  ALLIANCE_MEASURE_CUTOFF_BELOW,
  ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW,
  ALLIANCE_MEASURE_CUTOFF_ABOVE,
  ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE,
  ALLIANCE_MEASURE_N_CUTOFFS,
} AllianceMeasureCutoff;

/* POINTS: a change of at least rc_points is reliable (a published
 * threshold). JACOBSON_TRUAX: from rc_s1 (standard deviation of the
 * norm or pre-treatment group) and rc_r (test–retest reliability). */
typedef enum
{
  ALLIANCE_MEASURE_RELIABLE_CHANGE_NONE,
  ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS,
  ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX,
  ALLIANCE_MEASURE_N_RELIABLE_CHANGES,
} AllianceMeasureReliableChange;

typedef struct
{
  char     *id;          /* unique within the measure */
  char     *label;       /* "" where only item numbers may be shown (WAI-SR) */
  int       min;
  int       max;
  gboolean  reverse;     /* scored as min + max − answer */
} AllianceMeasureItem;

typedef struct
{
  char  *id;
  char  *label;
  char **item_ids;       /* NULL-terminated */
} AllianceMeasureSubscale;

typedef struct
{
  double  min;           /* inclusive, on the scale of the total */
  double  max;           /* inclusive */
  char   *label;
} AllianceMeasureBand;

typedef struct
{
  char                          *id;
  char                          *name;
  int                            version;     /* bumped instead of reinterpreting stored scores */
  AllianceMeasureRater           rater;
  AllianceMeasurePurpose         purpose;
  GPtrArray                     *items;       /* of AllianceMeasureItem */
  GPtrArray                     *subscales;   /* of AllianceMeasureSubscale */
  AllianceMeasureTotalRule       total_rule;
  gboolean                       higher_is_better;
  AllianceMeasureCutoff          cutoff;
  double                         cutoff_value;
  AllianceMeasureReliableChange  reliable_change;
  double                         rc_points;
  double                         rc_s1;
  double                         rc_r;
  GPtrArray                     *bands;       /* of AllianceMeasureBand, ascending */
  char                          *risk_item_id; /* an item whose answer above its minimum means risk, or NULL */
  char                          *note;        /* licence and attribution */
  gboolean                       translatable; /* texts are msgids of the app's domain */
} AllianceMeasure;

#define ALLIANCE_TYPE_MEASURE (alliance_measure_get_type ())

GType                      alliance_measure_get_type             (void) G_GNUC_CONST;
AllianceMeasure           *alliance_measure_new                  (const char                   *id,
                                                                  const char                   *name,
                                                                  AllianceMeasureRater          rater);
AllianceMeasure           *alliance_measure_copy                 (const AllianceMeasure        *self);
void                       alliance_measure_free                 (AllianceMeasure              *self);

AllianceMeasureItem       *alliance_measure_add_item             (AllianceMeasure              *self,
                                                                  const char                   *id,
                                                                  const char                   *label,
                                                                  int                           min,
                                                                  int                           max,
                                                                  gboolean                      reverse);
AllianceMeasureSubscale   *alliance_measure_add_subscale         (AllianceMeasure              *self,
                                                                  const char                   *id,
                                                                  const char                   *label,
                                                                  const char * const           *item_ids);
AllianceMeasureBand       *alliance_measure_add_band             (AllianceMeasure              *self,
                                                                  double                        min,
                                                                  double                        max,
                                                                  const char                   *label);
void                       alliance_measure_set_cutoff           (AllianceMeasure              *self,
                                                                  AllianceMeasureCutoff         comparison,
                                                                  double                        value);
void                       alliance_measure_set_reliable_points  (AllianceMeasure              *self,
                                                                  double                        points);
void                       alliance_measure_set_reliable_jt      (AllianceMeasure              *self,
                                                                  double                        s1,
                                                                  double                        r);

guint                      alliance_measure_get_n_items          (const AllianceMeasure        *self);
const AllianceMeasureItem *alliance_measure_get_item             (const AllianceMeasure        *self,
                                                                  guint                         index);
int                        alliance_measure_find_item            (const AllianceMeasure        *self,
                                                                  const char                   *item_id);
void                       alliance_measure_get_total_range      (const AllianceMeasure        *self,
                                                                  double                       *min,
                                                                  double                       *max);
double                     alliance_measure_get_reliable_threshold (const AllianceMeasure      *self);
const char                *alliance_measure_translate            (const AllianceMeasure        *self,
                                                                  const char                   *text);

gboolean                   alliance_measure_validate             (const AllianceMeasure        *self,
                                                                  GError                      **error);
gboolean                   alliance_measure_validate_with_path   (const AllianceMeasure        *self,
                                                                  char                        **path,
                                                                  GError                      **error);

const char                *alliance_measure_rater_to_string      (AllianceMeasureRater          rater);
gboolean                   alliance_measure_rater_from_string    (const char                   *text,
                                                                  AllianceMeasureRater         *rater);
const char                *alliance_measure_rater_get_label      (AllianceMeasureRater          rater);
const char                *alliance_measure_purpose_to_string    (AllianceMeasurePurpose        purpose);
gboolean                   alliance_measure_purpose_from_string  (const char                   *text,
                                                                  AllianceMeasurePurpose       *purpose);
const char                *alliance_measure_purpose_get_label    (AllianceMeasurePurpose        purpose);
const char                *alliance_measure_total_rule_to_string (AllianceMeasureTotalRule      rule);
gboolean                   alliance_measure_total_rule_from_string (const char                 *text,
                                                                  AllianceMeasureTotalRule     *rule);
const char                *alliance_measure_cutoff_to_string     (AllianceMeasureCutoff         cutoff);
gboolean                   alliance_measure_cutoff_from_string   (const char                   *text,
                                                                  AllianceMeasureCutoff        *cutoff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceMeasure, alliance_measure_free)

G_END_DECLS
