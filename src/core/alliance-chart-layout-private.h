/* alliance-chart-layout-private.h
 *
 * The layout's fields, for the renderer (which paints exactly what the
 * layout computed) and the layout's tests. Not for widgets.
 */
#pragma once

#include "alliance-chart-layout.h"

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_CHART_LEGEND_SERIES,   /* index: a series */
  ALLIANCE_CHART_LEGEND_CUTOFF,
  ALLIANCE_CHART_LEGEND_EVENT,    /* index: an AllianceEventKind */
  ALLIANCE_CHART_LEGEND_MISSED,
  ALLIANCE_CHART_LEGEND_RELIABLE,
} AllianceChartLegendKind;

typedef struct
{
  AllianceChartLegendKind  kind;
  guint                    index;
  char                    *label;
  double                   x, y;      /* top-left of the swatch */
  double                   swatch_width;
} AllianceChartLegendItem;

typedef struct
{
  double  x, y;                       /* on the x axis of the main plot */
} AllianceChartPlacedMissed;

struct _AllianceChartLayout
{
  gatomicrefcount     ref_count;

  double              width, height;
  double              line_height;    /* of one line of text */
  double              marker_radius;
  double              point_radius;
  PangoFontDescription *font;

  AllianceChartRect   title_rect;
  AllianceChartRect   plot;
  AllianceChartRect   outcome_plot;
  AllianceChartRect   outcome_title_rect;
  AllianceChartRect   marker_band;    /* the strip above the plot holding markers */
  guint               marker_rows;    /* rows of markers it holds */
  AllianceChartRect   x_label_rect;
  AllianceChartRect   y_label_rect;   /* drawn rotated, centred in it */
  AllianceChartRect   cutoff_label;   /* with its patch of background; empty when none */

  AllianceChartXMode  x_mode;
  GDate               first_date;     /* day 0 in date mode */
  double              x_min, x_max;   /* data units */
  double              x_inset;        /* pixels kept free at both ends */
  double              y_min, y_max;
  double              outcome_y_min, outcome_y_max;

  GArray             *x_ticks;        /* AllianceChartTick */
  GArray             *y_ticks;
  GArray             *outcome_y_ticks;
  GArray             *points;         /* AllianceChartPlacedPoint, all series */
  GArray             *outcome_points; /* AllianceChartPlacedPoint, series_index 0 */
  GArray             *markers;        /* AllianceChartPlacedMarker */
  GArray             *missed;         /* AllianceChartPlacedMissed */
  GArray             *legend;         /* AllianceChartLegendItem */
  guint               score_series;   /* index of the SCORE series, or G_MAXUINT */
  guint               score_first;    /* its first entry in points */
};

double  alliance_chart_layout_y_for_outcome_value (AllianceChartLayout *self,
                                                   double               value);
/* Pixel size of @text in the chart's font (for tests of collisions). */
void    alliance_chart_layout_measure             (AllianceChartLayout *self,
                                                   PangoContext        *context,
                                                   const char          *text,
                                                   double              *width,
                                                   double              *height);

G_END_DECLS
