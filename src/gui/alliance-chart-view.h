/* alliance-chart-view.h
 *
 * The alliance-over-time graph as a widget: draws through the core
 * renderer, shows the numbers of a session on hover and with the arrow
 * keys, and tells screen readers the trend in words.
 */
#pragma once

#include <gtk/gtk.h>

#include "alliance-chart-data.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_CHART_VIEW (alliance_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (AllianceChartView, alliance_chart_view, ALLIANCE, CHART_VIEW, GtkWidget)

GtkWidget               *alliance_chart_view_new             (void);
/* Copies @data; NULL shows the empty state. */
void                     alliance_chart_view_set_data        (AllianceChartView       *self,
                                                              const AllianceChartData *data);
const AllianceChartData *alliance_chart_view_get_data        (AllianceChartView       *self);
/* Index into the SCORE series of the point the keyboard is on, or -1. */
int                      alliance_chart_view_get_focus_index (AllianceChartView       *self);
/* What the description says: the trend, or the focused session. */
char                    *alliance_chart_view_dup_summary     (AllianceChartView       *self);
/* The text for one SCORE point (tooltip and keyboard), or NULL. */
char                    *alliance_chart_view_describe_point  (AllianceChartView       *self,
                                                              int                      index);

G_END_DECLS
