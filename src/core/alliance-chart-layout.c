/* alliance-chart-layout.c
 *
 * Geometry first, paint later: everything the renderer draws, and the
 * widget hovers, is placed here from the data, the style's font and the
 * size. The y scale is the instrument's range, never the data's, so a
 * one-point wobble is drawn as small as it is. Text is measured with
 * Pango so tick labels that would touch are dropped, not overlapped; with
 * hundreds of sessions points and markers thin out (the line itself stays
 * exact: nothing is smoothed or skipped).
 */
#define G_LOG_DOMAIN "alliance-chart-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "alliance-chart-layout-private.h"

G_DEFINE_BOXED_TYPE (AllianceChartLayout, alliance_chart_layout, alliance_chart_layout_ref, alliance_chart_layout_unref)

#define MAX_STACK 3
#define MIN_MARKER_GAP 6.0

static void
clear_tick (gpointer data)
{
  AllianceChartTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static void
clear_legend_item (gpointer data)
{
  AllianceChartLegendItem *item = data;

  g_clear_pointer (&item->label, g_free);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (AllianceChartTick));

  g_array_set_clear_func (ticks, clear_tick);
  return ticks;
}

/* The Julian day of "YYYY-MM-DD", or 0 when it is not a date. */
static guint32
julian_of (const char *date)
{
  int year, month, day;
  GDate parsed;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return 0;
  year = atoi (date);
  month = atoi (date + 5);
  day = atoi (date + 8);
  if (!g_date_valid_dmy (day, month, year))
    return 0;
  g_date_clear (&parsed, 1);
  g_date_set_dmy (&parsed, day, month, year);
  return g_date_get_julian (&parsed);
}

static double
x_value_of (AllianceChartLayout *self,
            int                  session_number,
            const char          *date)
{
  if (self->x_mode == ALLIANCE_CHART_X_DATE && g_date_valid (&self->first_date))
    {
      guint32 julian = julian_of (date);

      if (julian == 0)
        return self->x_min;
      return (double) julian - (double) g_date_get_julian (&self->first_date);
    }
  return session_number;
}

static double
x_for_value (AllianceChartLayout *self,
             double               value)
{
  double span = self->x_max - self->x_min;
  double inner = MAX (self->plot.width - 2 * self->x_inset, 0);

  if (span <= 0)
    return self->plot.x + self->plot.width / 2;
  return self->plot.x + self->x_inset + (value - self->x_min) / span * inner;
}

static void
measure (PangoLayout *layout,
         const char  *text,
         double      *width,
         double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static char *
format_value (double value,
              double step)
{
  int decimals = 0;

  if (step > 0 && step < 1)
    decimals = (int) ceil (-log10 (step) - 1e-9);
  if (fabs (value) < 1e-9)
    value = 0;
  return g_strdup_printf ("%.*f", decimals, value);
}

/* Range of the session numbers or dates shown: the data's own if set, or
 * that of every point; FALSE when there is none (no points). */
static gboolean
find_x_range (AllianceChartLayout     *self,
              const AllianceChartData *data)
{
  int first_number = G_MAXINT, last_number = G_MININT;
  guint32 first_julian = G_MAXUINT32, last_julian = 0;
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < data->series->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (data->series, i));
  if (data->outcome != NULL && data->outcome->series != NULL)
    g_ptr_array_add (all, data->outcome->series);
  for (guint s = 0; s < all->len; s++)
    {
      const AllianceChartSeries *series = g_ptr_array_index (all, s);

      for (guint i = 0; i < series->points->len; i++)
        {
          const AllianceChartPoint *point = &g_array_index (series->points, AllianceChartPoint, i);
          guint32 julian = julian_of (point->date);

          first_number = MIN (first_number, point->session_number);
          last_number = MAX (last_number, point->session_number);
          if (julian != 0)
            {
              first_julian = MIN (first_julian, julian);
              last_julian = MAX (last_julian, julian);
            }
        }
    }
  g_ptr_array_unref (all);

  if (data->first_number > 0 && data->last_number >= data->first_number)
    {
      first_number = data->first_number;
      last_number = data->last_number;
    }
  if (julian_of (data->first_date) != 0 && julian_of (data->last_date) >= julian_of (data->first_date))
    {
      first_julian = julian_of (data->first_date);
      last_julian = julian_of (data->last_date);
    }

  g_date_clear (&self->first_date, 1);
  if (self->x_mode == ALLIANCE_CHART_X_DATE && first_julian != G_MAXUINT32)
    {
      g_date_set_julian (&self->first_date, first_julian);
      self->x_min = 0;
      self->x_max = (double) last_julian - (double) first_julian;
    }
  else if (first_number != G_MAXINT)
    {
      self->x_mode = ALLIANCE_CHART_X_SESSION;
      self->x_min = first_number;
      self->x_max = last_number;
    }
  else
    {
      self->x_mode = ALLIANCE_CHART_X_SESSION;
      self->x_min = 1;
      self->x_max = 1;
      return FALSE;
    }
  return TRUE;
}

static void
place_y_ticks (AllianceChartLayout *self,
               GArray              *ticks,
               gboolean             outcome)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      AllianceChartTick *tick = &g_array_index (ticks, AllianceChartTick, i);

      tick->position = outcome ? alliance_chart_layout_y_for_outcome_value (self, tick->value)
                               : alliance_chart_layout_y_for_value (self, tick->value);
    }
}

static guint
y_tick_count (AllianceChartLayout *self,
              double               plot_height)
{
  return CLAMP ((guint) (plot_height / (self->line_height * 1.8)), 2, 11);
}

static double
widest_label (PangoLayout *layout,
              GArray      *ticks)
{
  double widest = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      const AllianceChartTick *tick = &g_array_index (ticks, AllianceChartTick, i);
      double w;

      if (tick->label == NULL)
        continue;
      measure (layout, tick->label, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* Session numbers: whole numbers only. */
static GArray *
session_ticks (AllianceChartLayout *self,
               PangoLayout         *layout)
{
  g_autofree char *sample = format_value (MAX (fabs (self->x_max), 10), 1);
  GArray *ticks;
  double label_width;
  guint max_ticks;

  measure (layout, sample, &label_width, NULL);
  max_ticks = CLAMP ((guint) (self->plot.width / (label_width + 1.5 * self->line_height)), 2, 30);
  ticks = alliance_chart_nice_ticks (self->x_min, self->x_max, max_ticks);
  for (guint i = ticks->len; i > 0; i--)
    {
      AllianceChartTick *tick = &g_array_index (ticks, AllianceChartTick, i - 1);

      if (fabs (tick->value - round (tick->value)) > 1e-9)
        g_array_remove_index (ticks, i - 1);
      else
        {
          g_free (tick->label);
          tick->label = g_strdup_printf ("%d", (int) round (tick->value));
        }
    }
  return ticks;
}

static void
add_date_tick (AllianceChartLayout *self,
               GArray              *ticks,
               const GDate         *date,
               const char          *format)
{
  AllianceChartTick tick = { 0, };
  char buffer[64];

  tick.value = (double) g_date_get_julian (date) - (double) g_date_get_julian (&self->first_date);
  if (g_date_strftime (buffer, sizeof buffer, format, date) > 0)
    tick.label = g_strdup (g_strstrip (buffer));
  g_array_append_val (ticks, tick);
}

static void
add_week_ticks (AllianceChartLayout *self,
                GArray              *ticks,
                const GDate         *last,
                guint                step)
{
  GDate date = self->first_date;

  while (g_date_get_weekday (&date) != G_DATE_MONDAY)
    g_date_add_days (&date, 1);
  for (; g_date_compare (&date, last) <= 0; g_date_add_days (&date, 7 * step))
    /* Translators: a date axis label for a week, strftime format: "12 Mar" */
    /* xgettext:no-c-format */
    add_date_tick (self, ticks, &date, _("%e %b"));
}

static void
add_month_ticks (AllianceChartLayout *self,
                 GArray              *ticks,
                 const GDate         *last,
                 guint                step)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, g_date_get_month (&self->first_date), g_date_get_year (&self->first_date));
  if (g_date_compare (&date, &self->first_date) < 0)
    g_date_add_months (&date, 1);
  while ((g_date_get_year (&date) * 12 + g_date_get_month (&date) - 1) % step != 0)
    g_date_add_months (&date, 1);
  for (; g_date_compare (&date, last) <= 0; g_date_add_months (&date, step))
    /* Translators: a date axis label for a month, strftime format: "Mar 2025" */
    /* xgettext:no-c-format */
    add_date_tick (self, ticks, &date, step >= 12 ? "%Y" : _("%b %Y"));
}

/* Weeks (Mondays) for short spans, months (the 1st) otherwise, with a step
 * wide enough for the labels; a step that leaves fewer than two ticks is
 * halved, and the collision pass drops any label that still touches. */
static GArray *
date_ticks (AllianceChartLayout *self,
            PangoLayout         *layout)
{
  static const guint week_steps[] = { 1, 2, 4 };
  static const guint month_steps[] = { 1, 2, 3, 6, 12, 24, 60, 120 };
  GArray *ticks = tick_array_new ();
  double span = self->x_max - self->x_min;
  double week_width, month_width, available;
  gboolean weeks = span <= 7 * 12;
  const guint *steps = weeks ? week_steps : month_steps;
  guint n_steps = weeks ? G_N_ELEMENTS (week_steps) : G_N_ELEMENTS (month_steps);
  double unit = weeks ? 7.0 : 30.44;
  guint chosen = n_steps - 1;
  GDate last;

  if (!g_date_valid (&self->first_date))
    return ticks;
  last = self->first_date;
  g_date_add_days (&last, (guint) MAX (span, 0));

  measure (layout, "30 Sep", &week_width, NULL);
  measure (layout, "Sep 2025", &month_width, NULL);
  available = MAX (self->plot.width - 2 * self->x_inset, 1);

  for (guint i = 0; i < n_steps; i++)
    if ((span / (unit * steps[i]) + 1) * ((weeks ? week_width : month_width) + self->line_height) <= available)
      {
        chosen = i;
        break;
      }
  for (int i = chosen; i >= 0; i--)
    {
      g_array_set_size (ticks, 0);
      if (weeks)
        add_week_ticks (self, ticks, &last, steps[i]);
      else
        add_month_ticks (self, ticks, &last, steps[i]);
      if (ticks->len >= 2)
        break;
    }
  return ticks;
}

/* Drops (makes minor) every label that would touch the one before it or
 * stick out of the chart. */
static void
drop_colliding_labels (AllianceChartLayout *self,
                       PangoLayout         *layout,
                       GArray              *ticks)
{
  double last_right = -G_MAXDOUBLE;
  double gap = self->line_height * 0.75;

  for (guint i = 0; i < ticks->len; i++)
    {
      AllianceChartTick *tick = &g_array_index (ticks, AllianceChartTick, i);
      double w, left, right;

      if (tick->label == NULL)
        continue;
      measure (layout, tick->label, &w, NULL);
      left = tick->position - w / 2;
      right = tick->position + w / 2;
      if (left < 0 || right > self->width || left < last_right + gap)
        {
          g_clear_pointer (&tick->label, g_free);
          continue;
        }
      last_right = right;
    }
}

static void
thin_points (GArray *placed,
             guint   first,
             guint   n,
             double  gap)
{
  double last_x = -G_MAXDOUBLE;
  int last_drawn = -1;

  for (guint i = 0; i < n; i++)
    {
      AllianceChartPlacedPoint *p = &g_array_index (placed, AllianceChartPlacedPoint, first + i);

      p->drawn = (i == 0 || p->x - last_x >= gap);
      if (p->drawn)
        {
          last_x = p->x;
          last_drawn = i;
        }
    }
  if (n > 1)
    {
      AllianceChartPlacedPoint *end = &g_array_index (placed, AllianceChartPlacedPoint, first + n - 1);

      if (!end->drawn)
        {
          end->drawn = TRUE;
          if (last_drawn > 0)
            {
              AllianceChartPlacedPoint *before = &g_array_index (placed, AllianceChartPlacedPoint, first + last_drawn);

              if (end->x - before->x < gap)
                before->drawn = FALSE;
            }
        }
    }
}

static void
place_points (AllianceChartLayout     *self,
              const AllianceChartData *data)
{
  double gap = MAX (MIN_MARKER_GAP, self->point_radius * 2);

  self->score_series = G_MAXUINT;
  for (guint s = 0; s < data->series->len; s++)
    {
      const AllianceChartSeries *series = g_ptr_array_index (data->series, s);
      guint first = self->points->len;

      if (series->kind == ALLIANCE_CHART_SERIES_SCORE && self->score_series == G_MAXUINT)
        {
          self->score_series = s;
          self->score_first = first;
        }
      for (guint i = 0; i < series->points->len; i++)
        {
          const AllianceChartPoint *point = &g_array_index (series->points, AllianceChartPoint, i);
          AllianceChartPlacedPoint placed = { s, i, 0, 0, TRUE };

          placed.x = x_for_value (self, x_value_of (self, point->session_number, point->date));
          placed.y = alliance_chart_layout_y_for_value (self, point->value);
          g_array_append_val (self->points, placed);
        }
      thin_points (self->points, first, series->points->len, gap);
    }

  if (data->outcome != NULL && data->outcome->series != NULL)
    {
      const AllianceChartSeries *series = data->outcome->series;

      for (guint i = 0; i < series->points->len; i++)
        {
          const AllianceChartPoint *point = &g_array_index (series->points, AllianceChartPoint, i);
          AllianceChartPlacedPoint placed = { 0, i, 0, 0, TRUE };

          placed.x = x_for_value (self, x_value_of (self, point->session_number, point->date));
          placed.y = alliance_chart_layout_y_for_outcome_value (self, point->value);
          g_array_append_val (self->outcome_points, placed);
        }
      thin_points (self->outcome_points, 0, series->points->len, gap);
    }
}

/* How many events share each session (or date): the markers stack up. */
static guint *
count_stacks (AllianceChartLayout     *self,
              const AllianceChartData *data,
              guint                   *max_stack)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_double_hash, g_double_equal);
  g_autofree double *keys = g_new0 (double, data->events->len + 1);
  guint *stack = g_new0 (guint, data->events->len + 1);

  *max_stack = 0;
  for (guint i = 0; i < data->events->len; i++)
    {
      const AllianceChartEvent *event = &g_array_index (data->events, AllianceChartEvent, i);
      gpointer found;

      keys[i] = x_value_of (self, event->session_number, event->date);
      found = g_hash_table_lookup (seen, &keys[i]);
      stack[i] = GPOINTER_TO_UINT (found);
      g_hash_table_insert (seen, &keys[i], GUINT_TO_POINTER (stack[i] + 1));
      *max_stack = MAX (*max_stack, MIN (stack[i] + 1, MAX_STACK));
    }
  return stack;
}

static double
row_y (AllianceChartLayout *self,
       guint                row)
{
  double r = self->marker_radius;

  return self->marker_band.y + self->marker_band.height - 2 - r - row * (2 * r + 2);
}

static int
event_priority (AllianceEventKind kind)
{
  switch (kind)
    {
    case ALLIANCE_EVENT_RISK: return 0;
    case ALLIANCE_EVENT_RUPTURE: return 1;
    case ALLIANCE_EVENT_REPAIR: return 2;
    case ALLIANCE_EVENT_BOUNDARY: return 3;
    case ALLIANCE_EVENT_LIFE:
    case ALLIANCE_N_EVENT_KINDS:
    default: return 4;
    }
}

/* Markers above the plot, stacked per session; with many sessions the
 * less urgent ones (life events before ruptures and risk) give way so no
 * two drawn markers come closer than MIN_MARKER_GAP. */
static void
place_markers (AllianceChartLayout     *self,
               const AllianceChartData *data,
               const guint             *stack)
{
  double r = self->marker_radius;
  double gap = MAX (MIN_MARKER_GAP, r * 1.6);
  g_autoptr(GArray) accepted = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < data->events->len; i++)
    {
      const AllianceChartEvent *event = &g_array_index (data->events, AllianceChartEvent, i);
      AllianceChartPlacedMarker marker = { i, 0, 0, FALSE };

      /* An event before the first session shown (or of none) sits at the edge. */
      marker.x = CLAMP (x_for_value (self, x_value_of (self, event->session_number, event->date)),
                        self->plot.x, self->plot.x + self->plot.width);
      marker.y = row_y (self, MIN (stack[i], MAX_STACK - 1));
      g_array_append_val (self->markers, marker);
    }

  for (int priority = 0; priority <= 4; priority++)
    for (guint i = 0; i < self->markers->len; i++)
      {
        AllianceChartPlacedMarker *marker = &g_array_index (self->markers, AllianceChartPlacedMarker, i);
        const AllianceChartEvent *event = &g_array_index (data->events, AllianceChartEvent, i);

        if (event_priority (event->kind) != priority || stack[i] >= MAX_STACK)
          continue;
        /* Its own row, or a free one above it (a repair beside a rupture). */
        for (guint row = stack[i]; row < self->marker_rows && !marker->drawn; row++)
          {
            gboolean clear = TRUE;

            marker->y = row_y (self, row);
            for (guint j = 0; j < accepted->len && clear; j++)
              {
                const AllianceChartPlacedMarker *other =
                  &g_array_index (self->markers, AllianceChartPlacedMarker, g_array_index (accepted, guint, j));

                clear = hypot (other->x - marker->x, other->y - marker->y) >= gap;
              }
            if (clear)
              {
                marker->drawn = TRUE;
                g_array_append_val (accepted, i);
              }
          }
        if (!marker->drawn)
          marker->y = row_y (self, MIN (stack[i], MAX_STACK - 1));
      }
}

static void
place_missed (AllianceChartLayout     *self,
              const AllianceChartData *data)
{
  for (guint i = 0; i < data->missed->len; i++)
    {
      const AllianceChartMissed *missed = &g_array_index (data->missed, AllianceChartMissed, i);
      AllianceChartPlacedMissed placed;
      double value;

      if (self->x_mode == ALLIANCE_CHART_X_DATE)
        value = x_value_of (self, 0, missed->date);
      else
        value = missed->after_session_number + 0.5;
      placed.x = CLAMP (x_for_value (self, value), self->plot.x + 1, self->plot.x + self->plot.width - 1);
      placed.y = self->plot.y + self->plot.height;
      g_array_append_val (self->missed, placed);
    }
}

static void
add_legend_item (AllianceChartLayout     *self,
                 AllianceChartLegendKind  kind,
                 guint                    index,
                 const char              *label)
{
  AllianceChartLegendItem item = { kind, index, g_strdup (label), 0, 0, 0 };

  item.swatch_width = (kind == ALLIANCE_CHART_LEGEND_EVENT || kind == ALLIANCE_CHART_LEGEND_MISSED)
                      ? 2 * self->marker_radius + 2 : 3 * self->line_height / 1.2;
  g_array_append_val (self->legend, item);
}

/* Builds the legend and flows it in rows across the bottom; its height. */
static double
flow_legend (AllianceChartLayout     *self,
             const AllianceChartData *data,
             PangoLayout             *layout,
             double                   left,
             double                   right,
             double                   bottom)
{
  gboolean kinds[ALLIANCE_N_EVENT_KINDS] = { FALSE, };
  double x = left, row = 0, row_height = self->line_height * 1.25;
  guint rows = 1;

  for (guint i = 0; i < data->series->len; i++)
    {
      const AllianceChartSeries *series = g_ptr_array_index (data->series, i);

      if (series->label != NULL && series->points->len > 0)
        add_legend_item (self, ALLIANCE_CHART_LEGEND_SERIES, i, series->label);
    }
  if (data->has_cutoff && data->cutoff_label != NULL)
    add_legend_item (self, ALLIANCE_CHART_LEGEND_CUTOFF, 0, data->cutoff_label);
  for (guint i = 0; i < data->events->len; i++)
    {
      AllianceEventKind kind = g_array_index (data->events, AllianceChartEvent, i).kind;

      if (kind < ALLIANCE_N_EVENT_KINDS)
        kinds[kind] = TRUE;
    }
  for (guint k = 0; k < ALLIANCE_N_EVENT_KINDS; k++)
    if (kinds[k])
      add_legend_item (self, ALLIANCE_CHART_LEGEND_EVENT, k, alliance_event_kind_get_label (k));
  if (data->missed->len > 0)
    add_legend_item (self, ALLIANCE_CHART_LEGEND_MISSED, 0, _("Missed session"));
  if (data->outcome != NULL && data->outcome->has_reliable_band)
    add_legend_item (self, ALLIANCE_CHART_LEGEND_RELIABLE, 0, _("No reliable change from the first score"));

  if (self->legend->len == 0)
    return 0;

  for (guint i = 0; i < self->legend->len; i++)
    {
      AllianceChartLegendItem *item = &g_array_index (self->legend, AllianceChartLegendItem, i);
      double w, total;

      measure (layout, item->label, &w, NULL);
      total = item->swatch_width + self->line_height * 0.4 + w;
      if (x > left && x + total > right)
        {
          x = left;
          row += row_height;
          rows++;
        }
      item->x = x;
      item->y = row;
      x += total + self->line_height * 1.2;
    }
  for (guint i = 0; i < self->legend->len; i++)
    g_array_index (self->legend, AllianceChartLegendItem, i).y += bottom - rows * row_height;
  return rows * row_height;
}

/* Whether the segment (x0, y0)–(x1, y1) touches @rect: clipped against
 * the rectangle's slab in x, then compared in y. */
static gboolean
segment_hits_rect (double                   x0,
                   double                   y0,
                   double                   x1,
                   double                   y1,
                   const AllianceChartRect *rect)
{
  double left = rect->x, right = rect->x + rect->width;
  double t0, t1, ya, yb;

  if (x0 > x1)
    {
      double t;

      t = x0; x0 = x1; x1 = t;
      t = y0; y0 = y1; y1 = t;
    }
  if (x1 < left || x0 > right)
    return FALSE;
  if (x1 - x0 < 1e-9)
    {
      ya = MIN (y0, y1);
      yb = MAX (y0, y1);
    }
  else
    {
      t0 = (MAX (x0, left) - x0) / (x1 - x0);
      t1 = (MIN (x1, right) - x0) / (x1 - x0);
      ya = MIN (y0 + t0 * (y1 - y0), y0 + t1 * (y1 - y0));
      yb = MAX (y0 + t0 * (y1 - y0), y0 + t1 * (y1 - y0));
    }
  return yb >= rect->y && ya <= rect->y + rect->height;
}

/* How much of the series a label at @rect would cover: points count more
 * than the lines between them. */
static guint
count_series_under (AllianceChartLayout     *self,
                    const AllianceChartRect *rect)
{
  AllianceChartRect grown = { rect->x - self->point_radius, rect->y - self->point_radius,
                              rect->width + 2 * self->point_radius, rect->height + 2 * self->point_radius };
  guint hits = 0;

  for (guint i = 0; i < self->points->len; i++)
    {
      const AllianceChartPlacedPoint *point = &g_array_index (self->points, AllianceChartPlacedPoint, i);
      const AllianceChartPlacedPoint *next = i + 1 < self->points->len
                                               ? &g_array_index (self->points, AllianceChartPlacedPoint, i + 1) : NULL;

      if (point->x >= grown.x && point->x <= grown.x + grown.width &&
          point->y >= grown.y && point->y <= grown.y + grown.height)
        hits += 3;
      if (next != NULL && next->series_index == point->series_index &&
          segment_hits_rect (point->x, point->y, next->x, next->y, rect))
        hits++;
    }
  return hits;
}

/* The cut-off's label sits by its line, where it hides the least of the
 * series: above or below the line, at the right or the left end. */
static void
place_cutoff_label (AllianceChartLayout     *self,
                    const AllianceChartData *data,
                    PangoLayout             *layout)
{
  double width, height, y, above, below;
  AllianceChartRect candidates[4];
  guint best_hits = G_MAXUINT;

  self->cutoff_label = (AllianceChartRect) { 0, 0, 0, 0 };
  if (!data->has_cutoff || data->cutoff_label == NULL ||
      data->cutoff < data->y_min || data->cutoff > data->y_max)
    return;

  measure (layout, data->cutoff_label, &width, &height);
  width += 6;   /* the patch of background behind it */
  y = alliance_chart_layout_y_for_value (self, data->cutoff);
  above = y - 2 - height >= self->plot.y ? y - 2 - height : y + 2;
  below = y + 2 + height <= self->plot.y + self->plot.height ? y + 2 : above;
  candidates[0] = (AllianceChartRect) { self->plot.x + self->plot.width - 4 - width, above, width, height };
  candidates[1] = (AllianceChartRect) { self->plot.x + self->plot.width - 4 - width, below, width, height };
  candidates[2] = (AllianceChartRect) { self->plot.x + 4, above, width, height };
  candidates[3] = (AllianceChartRect) { self->plot.x + 4, below, width, height };

  for (guint i = 0; i < G_N_ELEMENTS (candidates) && best_hits > 0; i++)
    {
      guint hits = count_series_under (self, &candidates[i]);

      if (hits < best_hits)
        {
          best_hits = hits;
          self->cutoff_label = candidates[i];
        }
    }
}

static void
compute (AllianceChartLayout      *self,
         const AllianceChartData  *data,
         const AllianceChartStyle *style,
         PangoContext             *context)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autofree guint *stack = NULL;
  double pad, top, bottom, left, right, legend_height, label_width;
  guint max_stack = 0;
  gboolean empty_x;
  g_autoptr(GArray) provisional = NULL;

  pango_layout_set_font_description (layout, self->font);
  measure (layout, "Ag", NULL, &self->line_height);
  if (style->no_text)
    self->line_height = MAX (self->line_height, style->font_size * 1.2);
  pad = round (self->line_height * 0.6);
  self->marker_radius = MAX (4.0, round (style->font_size * 0.45));
  self->point_radius = MAX (2.5, style->font_size * 0.28);
  self->x_inset = self->marker_radius + 4;
  self->y_min = data->y_min;
  self->y_max = data->y_max > data->y_min ? data->y_max : data->y_min + 1;
  if (data->outcome != NULL)
    {
      self->outcome_y_min = data->outcome->y_min;
      self->outcome_y_max = data->outcome->y_max > data->outcome->y_min
                            ? data->outcome->y_max : data->outcome->y_min + 1;
    }

  empty_x = !find_x_range (self, data);
  stack = count_stacks (self, data, &max_stack);

  /* Top: title, then the marker strip. */
  top = pad;
  if (data->title != NULL)
    {
      self->title_rect = (AllianceChartRect) { pad, top, self->width - 2 * pad, self->line_height * 1.2 };
      top += self->line_height * 1.2 + pad / 2;
    }
  /* Crowded events get every row, so markers side by side can step up
   * rather than give way. */
  if (data->events->len * self->marker_radius * 3.2 > self->width / 2)
    max_stack = MAX_STACK;
  self->marker_rows = max_stack;
  self->marker_band = (AllianceChartRect) { 0, top, self->width, max_stack * (2 * self->marker_radius + 2) + (max_stack > 0 ? 4 : 0) };
  top += self->marker_band.height + pad / 2;

  /* Bottom: legend, axis label, tick labels. */
  bottom = self->height - pad;
  legend_height = flow_legend (self, data, layout, pad, self->width - pad, bottom);
  if (legend_height > 0)
    bottom -= legend_height + pad / 2;
  if (data->x_label != NULL)
    {
      self->x_label_rect = (AllianceChartRect) { 0, bottom - self->line_height, self->width, self->line_height };
      bottom -= self->line_height;
    }
  bottom -= self->line_height + 6;

  /* Left: axis label and the widest y tick label (of either panel). */
  provisional = alliance_chart_nice_ticks (self->y_min, self->y_max, y_tick_count (self, bottom - top));
  label_width = widest_label (layout, provisional);
  if (data->outcome != NULL)
    {
      g_autoptr(GArray) outcome = alliance_chart_nice_ticks (self->outcome_y_min, self->outcome_y_max, 6);

      label_width = MAX (label_width, widest_label (layout, outcome));
    }
  left = pad;
  if (data->y_label != NULL)
    {
      self->y_label_rect = (AllianceChartRect) { left, top, self->line_height, MAX (bottom - top, 1) };
      left += self->line_height + pad / 2;
    }
  left += label_width + 6;
  right = self->width - 2 * pad;

  if (data->outcome != NULL)
    {
      double available = MAX (bottom - top, 2);
      double gap = pad + self->line_height * 1.2;
      double main = MAX ((available - gap) * 0.62, 1);

      self->plot = (AllianceChartRect) { left, top, MAX (right - left, 1), main };
      self->outcome_title_rect = (AllianceChartRect) { left, top + main + pad, MAX (right - left, 1), self->line_height * 1.2 };
      self->outcome_plot = (AllianceChartRect) { left, top + main + gap, MAX (right - left, 1), MAX (available - main - gap, 1) };
    }
  else
    self->plot = (AllianceChartRect) { left, top, MAX (right - left, 1), MAX (bottom - top, 1) };
  if (self->y_label_rect.width > 0)
    {
      self->y_label_rect.y = self->plot.y;
      self->y_label_rect.height = self->plot.height;
    }

  /* Scales and ticks. */
  self->y_ticks = alliance_chart_nice_ticks (self->y_min, self->y_max, y_tick_count (self, self->plot.height));
  place_y_ticks (self, self->y_ticks, FALSE);
  if (data->outcome != NULL)
    {
      self->outcome_y_ticks = alliance_chart_nice_ticks (self->outcome_y_min, self->outcome_y_max,
                                                         y_tick_count (self, self->outcome_plot.height));
      place_y_ticks (self, self->outcome_y_ticks, TRUE);
    }
  else
    self->outcome_y_ticks = tick_array_new ();

  g_clear_pointer (&self->x_ticks, g_array_unref);
  if (empty_x)  /* nothing to number yet: an axis without ticks */
    self->x_ticks = tick_array_new ();
  else
    self->x_ticks = self->x_mode == ALLIANCE_CHART_X_DATE ? date_ticks (self, layout) : session_ticks (self, layout);
  for (guint i = 0; i < self->x_ticks->len; i++)
    {
      AllianceChartTick *tick = &g_array_index (self->x_ticks, AllianceChartTick, i);

      tick->position = x_for_value (self, tick->value);
    }
  drop_colliding_labels (self, layout, self->x_ticks);

  place_points (self, data);
  place_markers (self, data, stack);
  place_missed (self, data);
  place_cutoff_label (self, data, layout);
}

AllianceChartLayout *
alliance_chart_layout_new (const AllianceChartData  *data,
                           const AllianceChartStyle *style,
                           PangoContext             *context,
                           double                    width,
                           double                    height)
{
  AllianceChartLayout *self;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (AllianceChartLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  self->x_mode = data->x_mode;
  self->font = pango_font_description_new ();
  pango_font_description_set_family (self->font, style->font_family != NULL ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (self->font, MAX (style->font_size, 1) * PANGO_SCALE);
  self->x_ticks = tick_array_new ();
  self->points = g_array_new (FALSE, TRUE, sizeof (AllianceChartPlacedPoint));
  self->outcome_points = g_array_new (FALSE, TRUE, sizeof (AllianceChartPlacedPoint));
  self->markers = g_array_new (FALSE, TRUE, sizeof (AllianceChartPlacedMarker));
  self->missed = g_array_new (FALSE, TRUE, sizeof (AllianceChartPlacedMissed));
  self->legend = g_array_new (FALSE, TRUE, sizeof (AllianceChartLegendItem));
  g_array_set_clear_func (self->legend, clear_legend_item);

  compute (self, data, style, context);
  return self;
}

AllianceChartLayout *
alliance_chart_layout_ref (AllianceChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
alliance_chart_layout_unref (AllianceChartLayout *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  pango_font_description_free (self->font);
  g_clear_pointer (&self->x_ticks, g_array_unref);
  g_clear_pointer (&self->y_ticks, g_array_unref);
  g_clear_pointer (&self->outcome_y_ticks, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->outcome_points, g_array_unref);
  g_clear_pointer (&self->markers, g_array_unref);
  g_clear_pointer (&self->missed, g_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_free (self);
}

AllianceChartRect
alliance_chart_layout_get_plot (AllianceChartLayout *self)
{
  static const AllianceChartRect none = { 0, 0, 0, 0 };

  g_return_val_if_fail (self != NULL, none);

  return self->plot;
}

AllianceChartRect
alliance_chart_layout_get_outcome_plot (AllianceChartLayout *self)
{
  static const AllianceChartRect none = { 0, 0, 0, 0 };

  g_return_val_if_fail (self != NULL, none);

  return self->outcome_plot;
}

double
alliance_chart_layout_x_for_point (AllianceChartLayout      *self,
                                   const AllianceChartPoint *point)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (point != NULL, 0);

  return x_for_value (self, x_value_of (self, point->session_number, point->date));
}

double
alliance_chart_layout_y_for_value (AllianceChartLayout *self,
                                   double               value)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->plot.y + self->plot.height
         - (value - self->y_min) / (self->y_max - self->y_min) * self->plot.height;
}

double
alliance_chart_layout_y_for_outcome_value (AllianceChartLayout *self,
                                           double               value)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->outcome_y_max <= self->outcome_y_min)
    return self->outcome_plot.y + self->outcome_plot.height;
  return self->outcome_plot.y + self->outcome_plot.height
         - (value - self->outcome_y_min) / (self->outcome_y_max - self->outcome_y_min) * self->outcome_plot.height;
}

void
alliance_chart_layout_measure (AllianceChartLayout *self,
                               PangoContext        *context,
                               const char          *text,
                               double              *width,
                               double              *height)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, self->font);
  measure (layout, text, width, height);
}

GArray *
alliance_chart_layout_get_x_ticks (AllianceChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x_ticks;
}

GArray *
alliance_chart_layout_get_y_ticks (AllianceChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->y_ticks;
}

GArray *
alliance_chart_layout_get_points (AllianceChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->points;
}

GArray *
alliance_chart_layout_get_markers (AllianceChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->markers;
}

int
alliance_chart_layout_find_point (AllianceChartLayout *self,
                                  double               x,
                                  double               tolerance)
{
  int best = -1;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  if (self->score_series == G_MAXUINT)
    return -1;
  for (guint i = self->score_first; i < self->points->len; i++)
    {
      const AllianceChartPlacedPoint *p = &g_array_index (self->points, AllianceChartPlacedPoint, i);
      double distance;

      if (p->series_index != self->score_series)
        break;
      distance = fabs (p->x - x);
      if (distance <= tolerance && distance < best_distance)
        {
          best = (int) p->point_index;
          best_distance = distance;
        }
    }
  return best;
}

GArray *
alliance_chart_nice_ticks (double min,
                           double max,
                           guint  max_ticks)
{
  static const double multiples[] = { 1, 2, 5, 10 };
  GArray *ticks = tick_array_new ();
  double range = max - min, magnitude, step = 1;
  double first, last;

  max_ticks = MAX (max_ticks, 2);
  if (!(range > 0) || !isfinite (range))
    {
      AllianceChartTick tick = { min, 0, format_value (min, 1) };

      g_array_append_val (ticks, tick);
      return ticks;
    }

  magnitude = pow (10, floor (log10 (range / (max_ticks - 1))));
  for (guint round_ = 0; round_ < 2; round_++, magnitude *= 10)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
        {
          step = multiples[i] * magnitude;
          if (floor (max / step + 1e-9) - ceil (min / step - 1e-9) + 1 <= max_ticks)
            {
              found = TRUE;
              break;
            }
        }
      if (found)
        break;
    }

  first = ceil (min / step - 1e-9);
  last = floor (max / step + 1e-9);
  for (double i = first; i <= last; i++)
    {
      AllianceChartTick tick = { i * step, 0, NULL };

      tick.label = format_value (tick.value, step);
      g_array_append_val (ticks, tick);
    }
  return ticks;
}
