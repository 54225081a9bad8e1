/* alliance-measure-editor.h
 *
 * The form that defines a custom measure or edits one: its items and their
 * ranges, subscales, the total, cut-off, reliable change, severity bands
 * and the licence note. Saves through the rating store; an invalid value is
 * pointed out beside its field and nothing is saved. Editing a measure that
 * stored answers use says, before saving, that the change becomes the next
 * version.
 */
#pragma once

#include <adwaita.h>

#include "alliance-rating-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_MEASURE_EDITOR (alliance_measure_editor_get_type ())

G_DECLARE_FINAL_TYPE (AllianceMeasureEditor, alliance_measure_editor, ALLIANCE, MEASURE_EDITOR, AdwWindow)

AllianceMeasureEditor *alliance_measure_editor_new           (AllianceRatingStore   *store,
                                                              const AllianceMeasure *measure);
gboolean               alliance_measure_editor_save          (AllianceMeasureEditor *self);

/* The rows of the repeated parts, for tests: each row carries its parts
 * as object data ("label", "min", "max", "reverse", "items", "remove"). */
guint                  alliance_measure_editor_get_n_rows    (AllianceMeasureEditor *self,
                                                              const char            *section);
GtkWidget             *alliance_measure_editor_get_row       (AllianceMeasureEditor *self,
                                                              const char            *section,
                                                              guint                  index);

G_END_DECLS
