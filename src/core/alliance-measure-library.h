/* alliance-measure-library.h
 *
 * The built-in instrument definitions (PRODUCT.md, "Measures"). Each call
 * returns a new copy the caller owns. There is deliberately no SRS or ORS:
 * their licences forbid electronic reproduction, so a licensed user defines
 * them as custom measures.
 */
#pragma once

#include "alliance-measure.h"

G_BEGIN_DECLS

#define ALLIANCE_MEASURE_ALLIANCE_CHECK          "alliance-check"
#define ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION "relationship-reflection"
#define ALLIANCE_MEASURE_THERAPIST_PREDICTION    "therapist-prediction"
#define ALLIANCE_MEASURE_WAI_SR                  "wai-sr"
#define ALLIANCE_MEASURE_PHQ9                    "phq-9"
#define ALLIANCE_MEASURE_GAD7                    "gad-7"

AllianceMeasure  *alliance_measure_library_get          (const char *id);
GPtrArray        *alliance_measure_library_list         (void);
const char      **alliance_measure_library_get_ids      (void);

G_END_DECLS
