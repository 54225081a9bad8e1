/* alliance-chart-renderer.h
 *
 * Paints a chart: the one renderer behind the widget, printing, PNG/SVG/PDF
 * export, `alliance report` and the tests. Pure data in, pixels out.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "alliance-chart-data.h"
#include "alliance-chart-layout.h"
#include "alliance-chart-style.h"

G_BEGIN_DECLS

/* Draws @data into the rectangle (0, 0, @width, @height) of @cr. */
void      alliance_chart_draw             (cairo_t                  *cr,
                                           double                    width,
                                           double                    height,
                                           const AllianceChartData  *data,
                                           const AllianceChartStyle *style);
/* The same with a layout already computed (the widget keeps one). */
void      alliance_chart_draw_with_layout (cairo_t                  *cr,
                                           AllianceChartLayout      *layout,
                                           const AllianceChartData  *data,
                                           const AllianceChartStyle *style);

typedef enum
{
  ALLIANCE_CHART_FORMAT_PNG,
  ALLIANCE_CHART_FORMAT_SVG,
  ALLIANCE_CHART_FORMAT_PDF,
} AllianceChartFormat;

/* From the file name's extension (.png, .svg, .pdf, any case); FALSE otherwise. */
gboolean  alliance_chart_format_from_path (const char               *path,
                                           AllianceChartFormat      *format);
/* Writes to a temporary file beside @path and renames it over @path only
 * when complete, so a failure never leaves a partial file. */
gboolean  alliance_chart_export           (const AllianceChartData  *data,
                                           const AllianceChartStyle *style,
                                           AllianceChartFormat       format,
                                           double                    width,
                                           double                    height,
                                           const char               *path,
                                           GError                  **error);

G_END_DECLS
