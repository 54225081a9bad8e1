/* alliance-interpretation.h
 *
 * A scored administration put into words for the screen: the total (and
 * subscales), then the band, the cut-off and the changes with whether they
 * are reliable. Kept in the core so the wording is tested without a display
 * and reused by reports.
 */
#pragma once

#include "alliance-measure.h"
#include "alliance-score.h"

G_BEGIN_DECLS

/* "Total 24 of 30", "Mean 3.4 (1–5)"; with subscales appended. */
char *alliance_interpretation_describe_total   (const AllianceMeasure *measure,
                                                const AllianceScore   *score);
/* "Moderate · Below the cut-off of 24 · −3 since last (not a reliable change) · +6 since first (reliable improvement)" */
char *alliance_interpretation_describe_details (const AllianceMeasure *measure,
                                                const AllianceScore   *score);
/* "Incomplete: 2 of 3 answered, not scored" */
char *alliance_interpretation_describe_incomplete (const AllianceMeasure *measure,
                                                   guint                  n_answered);
/* "Gap to the client’s total: +3": the therapist's prediction against the
 * client's own Alliance check total. A prediction entered after the
 * client's answers says so: the calibration flag does not count it. */
char *alliance_interpretation_describe_prediction_gap (double   predicted,
                                                       double   client_total,
                                                       gboolean entered_first);
/* A total as shown: integers without decimals, others with one. */
char *alliance_interpretation_format_number    (double                 value);
char *alliance_interpretation_format_difference (double                 value);

G_END_DECLS
