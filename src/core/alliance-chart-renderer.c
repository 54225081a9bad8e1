/* alliance-chart-renderer.c
 *
 * Paints exactly what the layout placed, in user units, so the same code
 * serves a HiDPI widget, a printed page and a PNG/SVG/PDF file. Meaning
 * never rests on colour alone: the prediction is dashed with hollow
 * points, subscales are thin, each kind of event has its own shape, and
 * the legend names them.
 */
#define G_LOG_DOMAIN "alliance-chart-renderer"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "alliance-chart-layout-private.h"
#include "alliance-chart-renderer.h"
#include "alliance-file-writer.h"

typedef struct
{
  cairo_t                  *cr;
  AllianceChartLayout      *layout;
  const AllianceChartData  *data;
  const AllianceChartStyle *style;
  PangoLayout              *text;
} Painter;

static void
set_color (cairo_t                  *cr,
           const AllianceChartColor *color,
           double                    alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Draws @text with its (@xalign, @yalign) point at (x, y). */
static void
draw_text (Painter                  *p,
           const char               *text,
           double                    x,
           double                    y,
           double                    xalign,
           double                    yalign,
           const AllianceChartColor *color,
           gboolean                  bold)
{
  PangoFontDescription *font;
  int w, h;

  if (p->style->no_text || text == NULL || *text == '\0')
    return;
  font = pango_font_description_copy_static (p->layout->font);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (p->text, font);
  pango_font_description_free (font);
  pango_layout_set_text (p->text, text, -1);
  pango_layout_get_pixel_size (p->text, &w, &h);
  set_color (p->cr, color, 1.0);
  cairo_move_to (p->cr, round (x - xalign * w), round (y - yalign * h));
  pango_cairo_show_layout (p->cr, p->text);
}

static double
crisp (double v)
{
  return floor (v) + 0.5;
}

static void
draw_marker_shape (cairo_t                  *cr,
                   AllianceEventKind         kind,
                   double                    x,
                   double                    y,
                   double                    r,
                   const AllianceChartStyle *style)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_width (cr, MAX (1.5, r * 0.35));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (kind)
    {
    case ALLIANCE_EVENT_RUPTURE:  /* a downward triangle: a drop */
      set_color (cr, &style->rupture, 1.0);
      cairo_move_to (cr, x - r, y - r * 0.8);
      cairo_line_to (cr, x + r, y - r * 0.8);
      cairo_line_to (cr, x, y + r);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case ALLIANCE_EVENT_REPAIR:   /* a ring: mended */
      /* Filled between two circles: cheaper than a stroke, same ring. */
      set_color (cr, &style->repair, 1.0);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_arc (cr, x, y, r * 0.8 + MAX (1.5, r * 0.35) / 2, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r * 0.8 - MAX (1.5, r * 0.35) / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case ALLIANCE_EVENT_BOUNDARY: /* a diamond */
      set_color (cr, &style->boundary, 1.0);
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case ALLIANCE_EVENT_LIFE:     /* a plus */
      set_color (cr, &style->dim, 1.0);
      cairo_move_to (cr, x - r, y);
      cairo_line_to (cr, x + r, y);
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x, y + r);
      cairo_stroke (cr);
      break;
    case ALLIANCE_EVENT_RISK:     /* a warning triangle with "!" */
    case ALLIANCE_N_EVENT_KINDS:
    default:
      set_color (cr, &style->rupture, 1.0);
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r, y + r * 0.8);
      cairo_line_to (cr, x - r, y + r * 0.8);
      cairo_close_path (cr);
      cairo_fill (cr);
      set_color (cr, &style->background, 1.0);
      if (style->background.alpha == 0)
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, MAX (1.0, r * 0.25));
      cairo_move_to (cr, x, y - r * 0.45);
      cairo_line_to (cr, x, y + r * 0.15);
      cairo_move_to (cr, x, y + r * 0.5);
      cairo_line_to (cr, x, y + r * 0.5);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static const AllianceChartColor *
series_color (const AllianceChartStyle  *style,
              AllianceChartSeriesKind    kind)
{
  switch (kind)
    {
    case ALLIANCE_CHART_SERIES_PREDICTION: return &style->prediction;
    case ALLIANCE_CHART_SERIES_SUBSCALE: return &style->subscale;
    case ALLIANCE_CHART_SERIES_SCORE:
    default: return &style->score;
    }
}

/* The line's look for a kind: width and dashes carry it in greyscale too. */
static void
set_series_line (cairo_t                  *cr,
                 const AllianceChartStyle *style,
                 AllianceChartSeriesKind   kind,
                 guint                     subscale_index)
{
  static const double prediction_dash[] = { 6, 4 };
  static const double subscale_dashes[][2] = { { 1, 0 }, { 1, 3 }, { 4, 2 }, { 8, 2 } };

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  switch (kind)
    {
    case ALLIANCE_CHART_SERIES_PREDICTION:
      cairo_set_line_width (cr, style->line_width * 0.85);
      cairo_set_dash (cr, prediction_dash, 2, 0);
      break;
    case ALLIANCE_CHART_SERIES_SUBSCALE:
      cairo_set_line_width (cr, MAX (style->line_width * 0.5, 0.75));
      if (subscale_index % 4 != 0)  /* several subscales share a colour: dashes tell them apart */
        cairo_set_dash (cr, subscale_dashes[subscale_index % 4], 2, 0);
      else
        cairo_set_dash (cr, NULL, 0, 0);
      break;
    case ALLIANCE_CHART_SERIES_SCORE:
    default:
      cairo_set_line_width (cr, style->line_width);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
}

static void
draw_point (cairo_t                  *cr,
            const AllianceChartStyle *style,
            AllianceChartSeriesKind   kind,
            const AllianceChartColor *color,
            double                    x,
            double                    y,
            double                    r)
{
  cairo_new_path (cr);
  switch (kind)
    {
    case ALLIANCE_CHART_SERIES_PREDICTION:   /* hollow */
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      if (style->background.alpha > 0)
        {
          set_color (cr, &style->background, 1.0);
          cairo_fill_preserve (cr);
        }
      set_color (cr, color, 1.0);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;
    case ALLIANCE_CHART_SERIES_SUBSCALE:
      set_color (cr, color, 1.0);
      cairo_rectangle (cr, x - r * 0.6, y - r * 0.6, r * 1.2, r * 1.2);
      cairo_fill (cr);
      break;
    case ALLIANCE_CHART_SERIES_SCORE:
    default:
      set_color (cr, color, 1.0);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    }
}

/* Strokes the polyline through every point (nothing is skipped or
 * smoothed) in runs of STROKE_RUN segments. Cairo 1.16 tessellates a
 * stroke as one polygon, and a long zig-zag overlaps itself so often that
 * one 500-point stroke takes ~6 ms; runs of 2 take under a third of that.
 * Round caps make the joints between runs look like round joins, and
 * dashes carry on across them (the offset is the length so far). */
#define STROKE_RUN 2

static void
stroke_in_runs (cairo_t *cr,
                GArray  *placed,
                guint    first,
                guint    n)
{
  double dashes[4];
  int n_dashes = cairo_get_dash_count (cr);
  double offset, travelled = 0;

  g_assert (n_dashes <= (int) G_N_ELEMENTS (dashes));
  cairo_get_dash (cr, dashes, &offset);
  if (n_dashes == 0)
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint start = 0; start + 1 < n; start += STROKE_RUN)
    {
      guint end = MIN (start + STROKE_RUN, n - 1);
      const AllianceChartPlacedPoint *from = &g_array_index (placed, AllianceChartPlacedPoint, first + start);

      if (n_dashes > 0)
        cairo_set_dash (cr, dashes, n_dashes, offset + travelled);
      cairo_new_path (cr);
      cairo_move_to (cr, from->x, from->y);
      for (guint i = start + 1; i <= end; i++)
        {
          const AllianceChartPlacedPoint *to = &g_array_index (placed, AllianceChartPlacedPoint, first + i);

          cairo_line_to (cr, to->x, to->y);
          travelled += hypot (to->x - from->x, to->y - from->y);
          from = to;
        }
      cairo_stroke (cr);
    }
}

static void
draw_series (Painter                   *p,
             const AllianceChartSeries *series,
             GArray                    *placed,
             guint                      first,
             guint                      subscale_index,
             const AllianceChartColor  *color)
{
  cairo_t *cr = p->cr;
  guint n = series->points->len;

  if (n == 0)
    return;
  cairo_save (cr);
  set_series_line (cr, p->style, series->kind, subscale_index);
  set_color (cr, color, 1.0);
  stroke_in_runs (cr, placed, first, n);
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      const AllianceChartPlacedPoint *point = &g_array_index (placed, AllianceChartPlacedPoint, first + i);

      if (point->drawn)
        draw_point (cr, p->style, series->kind, color, point->x, point->y, p->layout->point_radius);
    }
  cairo_restore (cr);
}

static void
draw_y_axis (Painter           *p,
             AllianceChartRect  plot,
             GArray            *ticks)
{
  cairo_t *cr = p->cr;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      const AllianceChartTick *tick = &g_array_index (ticks, AllianceChartTick, i);
      double y = crisp (tick->position);

      set_color (cr, &p->style->dim, 0.25);
      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
      cairo_stroke (cr);
      draw_text (p, tick->label, plot.x - 6, tick->position, 1.0, 0.5, &p->style->dim, FALSE);
    }
  set_color (cr, &p->style->foreground, 0.6);
  cairo_move_to (cr, crisp (plot.x), plot.y);
  cairo_line_to (cr, crisp (plot.x), plot.y + plot.height);
  cairo_move_to (cr, plot.x, crisp (plot.y + plot.height));
  cairo_line_to (cr, plot.x + plot.width, crisp (plot.y + plot.height));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_x_grid (Painter           *p,
             AllianceChartRect  plot,
             gboolean           with_labels)
{
  cairo_t *cr = p->cr;
  GArray *ticks = p->layout->x_ticks;
  double bottom = plot.y + plot.height;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      const AllianceChartTick *tick = &g_array_index (ticks, AllianceChartTick, i);
      double x = crisp (tick->position);

      if (tick->label != NULL)
        {
          set_color (cr, &p->style->dim, 0.12);
          cairo_move_to (cr, x, plot.y);
          cairo_line_to (cr, x, bottom);
          cairo_stroke (cr);
        }
      set_color (cr, &p->style->foreground, 0.6);
      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + (tick->label != NULL ? 5 : 3));
      cairo_stroke (cr);
      if (with_labels)
        draw_text (p, tick->label, tick->position, bottom + 6, 0.5, 0.0, &p->style->dim, FALSE);
    }
  cairo_restore (cr);
}

static void
draw_cutoff (Painter *p)
{
  const AllianceChartData *data = p->data;
  AllianceChartRect plot = p->layout->plot;
  cairo_t *cr = p->cr;
  double y, from, to;

  if (!data->has_cutoff || data->cutoff < data->y_min || data->cutoff > data->y_max)
    return;
  y = alliance_chart_layout_y_for_value (p->layout, data->cutoff);
  switch (data->cutoff_comparison)
    {
    case ALLIANCE_MEASURE_CUTOFF_BELOW:
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW:
      from = y;
      to = plot.y + plot.height;
      break;
    case ALLIANCE_MEASURE_CUTOFF_ABOVE:
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE:
      from = plot.y;
      to = y;
      break;
    case ALLIANCE_MEASURE_CUTOFF_NONE:
    case ALLIANCE_MEASURE_N_CUTOFFS:
    default:
      from = to = y;
      break;
    }
  cairo_save (cr);
  set_color (cr, &p->style->cutoff, p->style->greyscale ? 0.12 : 0.09);
  cairo_rectangle (cr, plot.x, from, plot.width, to - from);
  cairo_fill (cr);
  set_color (cr, &p->style->cutoff, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, plot.x, y);
  cairo_line_to (cr, plot.x + plot.width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The cut-off's label where the layout put it (clear of the series if it
 * can be), on a patch of background so what lies under it cannot hide it;
 * drawn after the series. */
static void
draw_cutoff_label (Painter *p)
{
  const AllianceChartData *data = p->data;
  AllianceChartRect rect = p->layout->cutoff_label;

  if (rect.width <= 0 || p->style->no_text)
    return;
  if (p->style->background.alpha > 0)
    {
      set_color (p->cr, &p->style->background, 0.85);
      cairo_rectangle (p->cr, rect.x, rect.y, rect.width, rect.height);
      cairo_fill (p->cr);
    }
  draw_text (p, data->cutoff_label, rect.x + rect.width - 3, rect.y, 1.0, 0.0, &p->style->cutoff, FALSE);
}

#define MAX_GUIDES 30

static void
draw_markers (Painter *p)
{
  cairo_t *cr = p->cr;
  AllianceChartRect plot = p->layout->plot;
  GArray *markers = p->layout->markers;
  guint n_guides = 0;

  /* Beyond a few dozen the guides turn the plot into a barcode. */
  for (guint i = 0; i < markers->len; i++)
    {
      const AllianceChartPlacedMarker *marker = &g_array_index (markers, AllianceChartPlacedMarker, i);
      AllianceEventKind kind = g_array_index (p->data->events, AllianceChartEvent, marker->event_index).kind;

      n_guides += marker->drawn && (kind == ALLIANCE_EVENT_RUPTURE || kind == ALLIANCE_EVENT_RISK);
    }
  if (n_guides > MAX_GUIDES)
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < markers->len; i++)
    {
      const AllianceChartPlacedMarker *marker = &g_array_index (markers, AllianceChartPlacedMarker, i);
      const AllianceChartEvent *event = &g_array_index (p->data->events, AllianceChartEvent, marker->event_index);

      if (!marker->drawn || (event->kind != ALLIANCE_EVENT_RUPTURE && event->kind != ALLIANCE_EVENT_RISK))
        continue;
      /* A faint guide down to the session, for the events that matter most. */
      cairo_move_to (cr, crisp (marker->x), plot.y);
      cairo_line_to (cr, crisp (marker->x), plot.y + plot.height);
    }
  set_color (cr, &p->style->rupture, 0.18);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_marker_symbols (Painter *p)
{
  GArray *markers = p->layout->markers;

  for (guint i = 0; i < markers->len; i++)
    {
      const AllianceChartPlacedMarker *marker = &g_array_index (markers, AllianceChartPlacedMarker, i);
      const AllianceChartEvent *event = &g_array_index (p->data->events, AllianceChartEvent, marker->event_index);

      if (marker->drawn)
        draw_marker_shape (p->cr, event->kind, marker->x, marker->y, p->layout->marker_radius, p->style);
    }
}

static void
draw_missed_tick (cairo_t                  *cr,
                  const AllianceChartStyle *style,
                  double                    x,
                  double                    y)
{
  cairo_save (cr);
  set_color (cr, &style->foreground, 0.75);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x, y - 7);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_hatch (cairo_t *cr,
            double   x,
            double   y,
            double   width,
            double   height)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1);
  for (double d = -height; d < width; d += 6)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_outcome (Painter *p)
{
  const AllianceChartOutcome *outcome = p->data->outcome;
  AllianceChartLayout *layout = p->layout;
  AllianceChartRect plot = layout->outcome_plot;
  cairo_t *cr = p->cr;

  if (outcome == NULL)
    return;

  draw_text (p, outcome->title, layout->outcome_title_rect.x, layout->outcome_title_rect.y, 0.0, 0.0,
             &p->style->foreground, TRUE);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  for (guint i = 0; outcome->bands != NULL && i < outcome->bands->len; i++)
    {
      const AllianceChartBand *band = g_ptr_array_index (outcome->bands, i);
      double min = band->min, max = band->max, top, bottom;

      /* Whole-number bands (0–4, 5–9) meet half-way, leaving no gap. */
      if (i > 0)
        {
          const AllianceChartBand *below = g_ptr_array_index (outcome->bands, i - 1);

          if (below->max < min)
            min = (below->max + min) / 2;
        }
      if (i + 1 < outcome->bands->len)
        {
          const AllianceChartBand *above = g_ptr_array_index (outcome->bands, i + 1);

          if (above->min > max)
            max = (max + above->min) / 2;
        }
      top = alliance_chart_layout_y_for_outcome_value (layout, max);
      bottom = alliance_chart_layout_y_for_outcome_value (layout, min);

      set_color (cr, &p->style->band, i % 2 ? 0.20 : 0.08);
      cairo_rectangle (cr, plot.x, top, plot.width, bottom - top);
      cairo_fill (cr);
      if (bottom - top >= layout->line_height)
        draw_text (p, band->label, plot.x + plot.width - 4, (top + bottom) / 2, 1.0, 0.5, &p->style->dim, FALSE);
    }
  if (outcome->has_reliable_band && outcome->reliable_half_width > 0)
    {
      double top = alliance_chart_layout_y_for_outcome_value (layout, outcome->reliable_center + outcome->reliable_half_width);
      double bottom = alliance_chart_layout_y_for_outcome_value (layout, outcome->reliable_center - outcome->reliable_half_width);

      set_color (cr, &p->style->score, 0.07);
      cairo_rectangle (cr, plot.x, top, plot.width, bottom - top);
      cairo_fill (cr);
      set_color (cr, &p->style->score, 0.35);
      draw_hatch (cr, plot.x, top, plot.width, bottom - top);
    }
  cairo_restore (cr);

  draw_y_axis (p, plot, layout->outcome_y_ticks);
  draw_x_grid (p, plot, TRUE);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x - 6, plot.y - 6, plot.width + 12, plot.height + 12);
  cairo_clip (cr);
  if (outcome->series != NULL)
    draw_series (p, outcome->series, layout->outcome_points, 0, 0, &p->style->foreground);
  cairo_restore (cr);
}

static void
draw_legend (Painter *p)
{
  AllianceChartLayout *layout = p->layout;
  cairo_t *cr = p->cr;
  double lh = layout->line_height;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const AllianceChartLegendItem *item = &g_array_index (layout->legend, AllianceChartLegendItem, i);
      double cy = item->y + lh / 2, w = item->swatch_width;

      cairo_save (cr);
      switch (item->kind)
        {
        case ALLIANCE_CHART_LEGEND_SERIES:
          {
            const AllianceChartSeries *series = g_ptr_array_index (p->data->series, item->index);
            const AllianceChartColor *color = series_color (p->style, series->kind);
            guint subscale_index = 0;

            /* The same dashes as that subscale's line in the plot. */
            for (guint s = 0; s < item->index; s++)
              subscale_index += ((AllianceChartSeries *) g_ptr_array_index (p->data->series, s))->kind == ALLIANCE_CHART_SERIES_SUBSCALE;
            set_series_line (cr, p->style, series->kind, subscale_index);
            set_color (cr, color, 1.0);
            cairo_move_to (cr, item->x, cy);
            cairo_line_to (cr, item->x + w, cy);
            cairo_stroke (cr);
            draw_point (cr, p->style, series->kind, color, item->x + w / 2, cy, layout->point_radius);
          }
          break;
        case ALLIANCE_CHART_LEGEND_CUTOFF:
          set_color (cr, &p->style->cutoff, 0.12);
          cairo_rectangle (cr, item->x, cy - lh * 0.35, w, lh * 0.35);
          cairo_fill (cr);
          set_color (cr, &p->style->cutoff, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, item->x, cy);
          cairo_line_to (cr, item->x + w, cy);
          cairo_stroke (cr);
          break;
        case ALLIANCE_CHART_LEGEND_EVENT:
          draw_marker_shape (cr, item->index, item->x + w / 2, cy, layout->marker_radius, p->style);
          break;
        case ALLIANCE_CHART_LEGEND_MISSED:
          draw_missed_tick (cr, p->style, item->x + w / 2, cy + 3.5);
          break;
        case ALLIANCE_CHART_LEGEND_RELIABLE:
        default:
          set_color (cr, &p->style->score, 0.07);
          cairo_rectangle (cr, item->x, cy - lh * 0.35, w, lh * 0.7);
          cairo_fill (cr);
          set_color (cr, &p->style->score, 0.35);
          draw_hatch (cr, item->x, cy - lh * 0.35, w, lh * 0.7);
          break;
        }
      cairo_restore (cr);
      draw_text (p, item->label, item->x + w + lh * 0.4, cy, 0.0, 0.5, &p->style->foreground, FALSE);
    }
}

static void
draw_y_label (Painter *p)
{
  AllianceChartRect rect = p->layout->y_label_rect;

  if (p->data->y_label == NULL || rect.width <= 0 || p->style->no_text)
    return;
  cairo_save (p->cr);
  cairo_translate (p->cr, rect.x + rect.width / 2, rect.y + rect.height / 2);
  cairo_rotate (p->cr, -G_PI / 2);
  pango_cairo_update_layout (p->cr, p->text);
  draw_text (p, p->data->y_label, 0, 0, 0.5, 0.5, &p->style->dim, FALSE);
  cairo_restore (p->cr);
  pango_cairo_update_layout (p->cr, p->text);
}

void
alliance_chart_draw_with_layout (cairo_t                  *cr,
                                 AllianceChartLayout      *layout,
                                 const AllianceChartData  *data,
                                 const AllianceChartStyle *style)
{
  Painter p = { cr, layout, data, style, NULL };
  AllianceChartRect plot;
  guint n_scores, subscale_index = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  plot = layout->plot;
  n_scores = alliance_chart_data_count_scores (data);
  cairo_save (cr);
  p.text = pango_cairo_create_layout (cr);

  if (style->background.alpha > 0)
    {
      set_color (cr, &style->background, 1.0);
      cairo_rectangle (cr, 0, 0, layout->width, layout->height);
      cairo_fill (cr);
    }

  draw_text (&p, data->title, layout->title_rect.x, layout->title_rect.y, 0.0, 0.0, &style->foreground, TRUE);
  draw_y_label (&p);
  if (data->x_label != NULL)
    draw_text (&p, data->x_label, plot.x + plot.width / 2, layout->x_label_rect.y, 0.5, 0.0, &style->dim, FALSE);

  draw_cutoff (&p);
  draw_y_axis (&p, plot, layout->y_ticks);
  draw_x_grid (&p, plot, data->outcome == NULL);
  draw_markers (&p);
  for (guint i = 0; i < layout->missed->len; i++)
    {
      const AllianceChartPlacedMissed *missed = &g_array_index (layout->missed, AllianceChartPlacedMissed, i);

      draw_missed_tick (cr, style, crisp (missed->x), missed->y);
    }

  /* Subscales under the prediction under the score. */
  cairo_save (cr);
  cairo_rectangle (cr, plot.x - 6, plot.y - 6, plot.width + 12, plot.height + 12);
  cairo_clip (cr);
  for (int pass = 0; pass < 3; pass++)
    {
      static const AllianceChartSeriesKind order[] = {
        ALLIANCE_CHART_SERIES_SUBSCALE, ALLIANCE_CHART_SERIES_PREDICTION, ALLIANCE_CHART_SERIES_SCORE,
      };
      guint first = 0;

      for (guint s = 0; s < data->series->len; s++)
        {
          const AllianceChartSeries *series = g_ptr_array_index (data->series, s);

          if (series->kind == order[pass])
            draw_series (&p, series, layout->points, first, series->kind == ALLIANCE_CHART_SERIES_SUBSCALE ? subscale_index++ : 0,
                         series_color (style, series->kind));
          first += series->points->len;
        }
    }
  cairo_restore (cr);
  draw_cutoff_label (&p);
  draw_marker_symbols (&p);
  draw_outcome (&p);
  draw_legend (&p);

  if (n_scores == 0)
    draw_text (&p, _("No scores yet"), plot.x + plot.width / 2, plot.y + plot.height / 2, 0.5, 0.5, &style->dim, TRUE);
  else if (n_scores == 1)
    {
      /* In the half of the plot away from the point, so it never hides it. */
      const AllianceChartSeries *score = alliance_chart_data_get_score (data);
      double value = g_array_index (score->points, AllianceChartPoint, 0).value;
      double y = value > (data->y_min + data->y_max) / 2 ? plot.y + plot.height * 0.75 : plot.y + plot.height * 0.25;

      draw_text (&p, _("One score so far: a line needs two"), plot.x + plot.width / 2, y, 0.5, 0.5, &style->dim, FALSE);
    }

  g_object_unref (p.text);
  cairo_restore (cr);
}

void
alliance_chart_draw (cairo_t                  *cr,
                     double                    width,
                     double                    height,
                     const AllianceChartData  *data,
                     const AllianceChartStyle *style)
{
  g_autoptr(GObject) context = NULL;
  g_autoptr(AllianceChartLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  context = G_OBJECT (pango_cairo_create_context (cr));
  layout = alliance_chart_layout_new (data, style, PANGO_CONTEXT (context), width, height);
  alliance_chart_draw_with_layout (cr, layout, data, style);
}

gboolean
alliance_chart_format_from_path (const char          *path,
                                 AllianceChartFormat *format)
{
  g_autofree char *lower = NULL;
  AllianceChartFormat found;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    found = ALLIANCE_CHART_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    found = ALLIANCE_CHART_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    found = ALLIANCE_CHART_FORMAT_PDF;
  else
    return FALSE;
  if (format != NULL)
    *format = found;
  return TRUE;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display_name = g_filename_display_name (path);

  if (saved_errno != 0)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 /* Translators: a file name, then why, e.g. "Permission denied" */
                 _("Could not save the graph as “%s”: %s."), display_name, g_strerror (saved_errno));
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 _("Could not save the graph as “%s”: it could not be drawn."), display_name);
}

/* Renders into @fd; FALSE with errno (or 0) in @saved_errno on failure. */
static gboolean
render_to_fd (const AllianceChartData  *data,
              const AllianceChartStyle *style,
              AllianceChartFormat       format,
              double                    width,
              double                    height,
              int                       fd,
              int                      *saved_errno)
{
  AllianceFileSink sink = { fd, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case ALLIANCE_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (alliance_file_sink_write, &sink, width, height);
      break;
    case ALLIANCE_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (alliance_file_sink_write, &sink, width, height);
      if (data->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, data->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Alliance");
      break;
    case ALLIANCE_CHART_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
      break;
    }

  cr = cairo_create (surface);
  alliance_chart_draw (cr, width, height, data, style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == ALLIANCE_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, alliance_file_sink_write, &sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  *saved_errno = sink.saved_errno;
  return status == CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  const AllianceChartData  *data;
  const AllianceChartStyle *style;
  AllianceChartFormat       format;
  double                    width;
  double                    height;
} ChartJob;

static gboolean
write_chart_cb (int       fd,
                gpointer  user_data,
                int      *saved_errno)
{
  ChartJob *job = user_data;

  return render_to_fd (job->data, job->style, job->format, job->width, job->height, fd, saved_errno);
}

gboolean
alliance_chart_export (const AllianceChartData  *data,
                       const AllianceChartStyle *style,
                       AllianceChartFormat       format,
                       double                    width,
                       double                    height,
                       const char               *path,
                       GError                  **error)
{
  AllianceChartFormat named;
  ChartJob job;
  int saved_errno = 0;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!alliance_chart_format_from_path (path, &named) || named != format)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Could not save the graph as “%s”: the name must end in .png, .svg or .pdf, matching the format chosen."),
                   display_name);
      return FALSE;
    }
  if (!(width >= 16 && height >= 16 && width <= 20000 && height <= 20000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not save the graph: its size must be between 16 and 20000 pixels each way."));
      return FALSE;
    }

  job.data = data;
  job.style = style;
  job.format = format;
  job.width = width;
  job.height = height;
  if (!alliance_file_write_atomically (path, write_chart_cb, &job, &saved_errno))
    {
      set_write_error (error, path, saved_errno);
      return FALSE;
    }
  return TRUE;
}
