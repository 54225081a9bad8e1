/* alliance-chart-builder.h
 *
 * Builds a client's chart data from the stores: which instrument, x by
 * session or date, subscales and prediction on demand, the outcome panel,
 * a date range.
 */
#pragma once

#include "alliance-chart-data.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char          *measure_key;      /* NULL: the client's most used alliance measure (Alliance check by default) */
  AllianceChartXMode   x_mode;
  gboolean             show_subscales;
  gboolean             show_prediction;  /* the therapist's prediction (only with the Alliance check) */
  const char          *outcome_key;      /* NULL: no outcome panel; "" : the client's most used outcome measure */
  const char          *from_date;        /* NULL: from the first session */
  const char          *to_date;          /* NULL: to the last */
} AllianceChartOptions;

void                alliance_chart_options_init (AllianceChartOptions  *options);   /* defaults as above, prediction shown */

AllianceChartData  *alliance_chart_data_build   (AllianceSessionStore  *sessions,
                                                 AllianceRatingStore   *ratings,
                                                 gint64                 client_id,
                                                 const AllianceChartOptions *options,
                                                 GError               **error);

G_END_DECLS
