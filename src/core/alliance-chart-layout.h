/* alliance-chart-layout.h
 *
 * Where everything goes for a chart of a given size, computed without
 * drawing so it is tested on its own: the plot areas, the scales (data →
 * pixels), ticks and their labels, point and marker positions, which
 * labels are shown (never colliding) and which markers thin out when there
 * are hundreds of sessions. The renderer only paints what this says; the
 * widget uses it for hover and keyboard focus.
 */
#pragma once

#include <glib-object.h>
#include <pango/pango.h>

#include "alliance-chart-data.h"
#include "alliance-chart-style.h"

G_BEGIN_DECLS

typedef struct
{
  double  x, y, width, height;
} AllianceChartRect;

typedef struct
{
  double  value;      /* data units (session number, days since the first date, or y) */
  double  position;   /* pixels */
  char   *label;      /* NULL: a minor tick without label */
} AllianceChartTick;

/* A point of a series placed on the plot. */
typedef struct
{
  guint   series_index;
  guint   point_index;
  double  x, y;
  gboolean drawn;     /* FALSE when thinned out (still hoverable by session) */
} AllianceChartPlacedPoint;

typedef struct
{
  guint   event_index;
  double  x, y;       /* centre of the marker */
  gboolean drawn;
} AllianceChartPlacedMarker;

typedef struct _AllianceChartLayout AllianceChartLayout;

#define ALLIANCE_TYPE_CHART_LAYOUT (alliance_chart_layout_get_type ())

GType                 alliance_chart_layout_get_type        (void) G_GNUC_CONST;
/* @context: a Pango context to measure labels with (pango_cairo_create_context
 * on the target, or pango_font_map_create_context of the cairo font map). */
AllianceChartLayout  *alliance_chart_layout_new             (const AllianceChartData  *data,
                                                             const AllianceChartStyle *style,
                                                             PangoContext             *context,
                                                             double                    width,
                                                             double                    height);
AllianceChartLayout  *alliance_chart_layout_ref             (AllianceChartLayout      *self);
void                  alliance_chart_layout_unref           (AllianceChartLayout      *self);

AllianceChartRect     alliance_chart_layout_get_plot        (AllianceChartLayout      *self);
/* Zero-sized when the data has no outcome panel. */
AllianceChartRect     alliance_chart_layout_get_outcome_plot (AllianceChartLayout     *self);
double                alliance_chart_layout_x_for_point     (AllianceChartLayout      *self,
                                                             const AllianceChartPoint *point);
double                alliance_chart_layout_y_for_value     (AllianceChartLayout      *self,
                                                             double                    value);
GArray               *alliance_chart_layout_get_x_ticks     (AllianceChartLayout      *self);  /* AllianceChartTick, not owned */
GArray               *alliance_chart_layout_get_y_ticks     (AllianceChartLayout      *self);
GArray               *alliance_chart_layout_get_points      (AllianceChartLayout      *self);  /* AllianceChartPlacedPoint */
GArray               *alliance_chart_layout_get_markers     (AllianceChartLayout      *self);  /* AllianceChartPlacedMarker */
/* The SCORE point nearest to x (within @tolerance pixels), or -1. */
int                   alliance_chart_layout_find_point      (AllianceChartLayout      *self,
                                                             double                    x,
                                                             double                    tolerance);

/* "Nice" ticks for a value range: steps of 1, 2 or 5 × 10ⁿ, at most
 * @max_ticks. Public for its tests. */
GArray               *alliance_chart_nice_ticks             (double                    min,
                                                             double                    max,
                                                             guint                     max_ticks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceChartLayout, alliance_chart_layout_unref)

G_END_DECLS
