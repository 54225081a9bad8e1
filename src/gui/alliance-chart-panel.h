/* alliance-chart-panel.h
 *
 * "Alliance Over Time" on the client page: the chart, its controls
 * (instrument, x axis, subscales, prediction, outcome panel, date range),
 * the same numbers as a table, export and print.
 */
#pragma once

#include <adwaita.h>

#include "alliance-rating-store.h"
#include "alliance-session-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_CHART_PANEL (alliance_chart_panel_get_type ())

G_DECLARE_FINAL_TYPE (AllianceChartPanel, alliance_chart_panel, ALLIANCE, CHART_PANEL, AdwPreferencesGroup)

GtkWidget *alliance_chart_panel_new       (AllianceSessionStore *session_store,
                                           AllianceRatingStore  *rating_store,
                                           gint64                client_id);
void       alliance_chart_panel_set_client_id (AllianceChartPanel *self,
                                               gint64              client_id);
gint64     alliance_chart_panel_get_client_id (AllianceChartPanel *self);

G_END_DECLS
