/* alliance-measure-form.h
 *
 * The answer fields of one measure, as a preferences group: a row per item
 * with a small number field, then a row that interprets the answers. Made
 * for speed from the keyboard (digits, Tab); a value outside an item's range
 * is refused at its field, which names the allowed range, and counts as
 * unanswered.
 */
#pragma once

#include <adwaita.h>

#include "alliance-measure.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_MEASURE_FORM (alliance_measure_form_get_type ())

G_DECLARE_FINAL_TYPE (AllianceMeasureForm, alliance_measure_form, ALLIANCE, MEASURE_FORM, AdwPreferencesGroup)

AllianceMeasureForm   *alliance_measure_form_new                (const AllianceMeasure *measure);
const AllianceMeasure *alliance_measure_form_get_measure        (AllianceMeasureForm   *self);
void                   alliance_measure_form_set_values         (AllianceMeasureForm   *self,
                                                                 const int             *values,
                                                                 guint                  n_values);
/* One per item; ALLIANCE_SCORE_MISSING where empty or refused. Free with g_free. */
int                   *alliance_measure_form_dup_values         (AllianceMeasureForm   *self,
                                                                 guint                 *n_values);
guint                  alliance_measure_form_count_answered     (AllianceMeasureForm   *self);
gboolean               alliance_measure_form_has_refused        (AllianceMeasureForm   *self);
void                   alliance_measure_form_set_interpretation (AllianceMeasureForm   *self,
                                                                 const char            *title,
                                                                 const char            *details,
                                                                 gboolean               of_concern);
GtkWidget             *alliance_measure_form_get_field          (AllianceMeasureForm   *self,
                                                                 guint                  index);
void                   alliance_measure_form_focus_first_empty  (AllianceMeasureForm   *self);
void                   alliance_measure_form_focus_edge         (AllianceMeasureForm   *self,
                                                                 gboolean               first);

G_END_DECLS
