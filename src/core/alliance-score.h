/* alliance-score.h
 *
 * Scoring one administration of a measure from its per-item answers: the
 * total, subscale totals, band, cut-off status, and change against an
 * earlier administration (reliable or not, better or worse).
 */
#pragma once

#include "alliance-measure.h"

G_BEGIN_DECLS

/* An item left unanswered. An administration with one is incomplete and is
 * not scored. */
#define ALLIANCE_SCORE_MISSING G_MININT

typedef enum
{
  ALLIANCE_CHANGE_NONE,          /* no earlier score, or no change at all */
  ALLIANCE_CHANGE_IMPROVED,
  ALLIANCE_CHANGE_DETERIORATED,
} AllianceChangeDirection;

typedef struct
{
  gboolean                 known;        /* FALSE: nothing to compare with */
  double                   difference;   /* later − earlier total */
  AllianceChangeDirection  direction;    /* by the sign and higher_is_better */
  gboolean                 reliable;     /* by the measure's reliable-change rule */
  double                   rci;          /* Jacobson–Truax index, 0 for a points rule */
} AllianceChange;

typedef struct
{
  gboolean        complete;             /* every item answered; else nothing below is set */
  guint           n_answered;
  double          total;
  double         *subscale_totals;      /* one per subscale of the measure, same rule as the total */
  guint           n_subscales;
  int             band_index;           /* -1: no band */
  char           *band_label;           /* untranslated, as in the measure; NULL: no band */
  gboolean        has_cutoff;
  gboolean        cutoff_met;           /* the comparison with the cut-off holds */
  gboolean        risk;                 /* the risk item is above its minimum */
  AllianceChange  since_previous;
  AllianceChange  since_first;
} AllianceScore;

#define ALLIANCE_TYPE_SCORE (alliance_score_get_type ())

GType           alliance_score_get_type        (void) G_GNUC_CONST;
int            *alliance_score_values_new      (guint                   n_values);
gboolean        alliance_score_compute_total   (const AllianceMeasure  *measure,
                                                const int              *values,
                                                guint                   n_values,
                                                double                 *total);
AllianceScore  *alliance_score_copy            (const AllianceScore    *self);
void            alliance_score_free            (AllianceScore          *self);

gboolean        alliance_score_check_item      (const AllianceMeasure  *measure,
                                                guint                   index,
                                                int                     value,
                                                GError                **error);
AllianceScore  *alliance_score_compute         (const AllianceMeasure  *measure,
                                                const int              *values,
                                                guint                   n_values,
                                                GError                **error);
void            alliance_score_compare         (AllianceScore          *self,
                                                const AllianceMeasure  *measure,
                                                const AllianceScore    *previous,
                                                const AllianceScore    *first);
AllianceChange  alliance_score_change          (const AllianceMeasure  *measure,
                                                double                  earlier,
                                                double                  later);
gboolean        alliance_score_cutoff_met      (const AllianceMeasure  *measure,
                                                double                  total);
int             alliance_score_find_band       (const AllianceMeasure  *measure,
                                                double                  total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceScore, alliance_score_free)

G_END_DECLS
