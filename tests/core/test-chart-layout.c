/* test-chart-layout.c
 *
 * Where the chart puts things, without drawing: nice ticks, the x scale by
 * session and by date, a y scale that is the instrument's and never the
 * data's, stacked markers, thinning with hundreds of sessions, tick labels
 * that never collide, and hover.
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "alliance-chart-layout-private.h"

static PangoContext *
new_context (void)
{
  return pango_font_map_create_context (pango_cairo_font_map_get_default ());
}

static void
init_style (AllianceChartStyle *style)
{
  memset (style, 0, sizeof *style);
  alliance_chart_style_init_light (style);
}

static char *
date_after (guint days)
{
  GDate date;
  char buffer[16];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 6, G_DATE_JANUARY, 2020);
  g_date_add_days (&date, days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

/* @n sessions a week apart (with the given gaps in days when not NULL),
 * scores on a 0–30 instrument. */
static AllianceChartData *
make_data (guint               n,
           const guint        *days,
           const double       *values,
           AllianceChartXMode  mode)
{
  AllianceChartData *data = alliance_chart_data_new ();
  AllianceChartSeries *score;

  data->title = g_strdup ("Alliance check");
  data->x_label = g_strdup ("Session");
  data->y_label = g_strdup ("Total (0–30)");
  data->x_mode = mode;
  data->y_min = 0;
  data->y_max = 30;
  score = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_SCORE, "Alliance check");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *date = date_after (days != NULL ? days[i] : 7 * i);

      alliance_chart_series_add_point (score, i + 1, i + 1, date, values != NULL ? values[i] : 15 + (i % 7));
    }
  return data;
}

static AllianceChartLayout *
make_layout (const AllianceChartData *data,
             double                   width,
             double                   height)
{
  g_autoptr(GObject) context = G_OBJECT (new_context ());
  AllianceChartStyle style;
  AllianceChartLayout *layout;

  init_style (&style);
  layout = alliance_chart_layout_new (data, &style, PANGO_CONTEXT (context), width, height);
  alliance_chart_style_clear (&style);
  return layout;
}

static void
assert_ticks (GArray       *ticks,
              const double *expected,
              guint         n)
{
  g_assert_cmpuint (ticks->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (ticks, AllianceChartTick, i).value, expected[i], 1e-9);
}

static void
test_nice_ticks (void)
{
  static const double zero_thirty[] = { 0, 5, 10, 15, 20, 25, 30 };
  static const double twelve_sixty[] = { 20, 30, 40, 50, 60 };
  static const double zero_27[] = { 0, 5, 10, 15, 20, 25 };
  static const double ranges[][2] = { { 0, 30 }, { 12, 60 }, { 0, 27 }, { 1, 7 }, { 0, 1 }, { -3, 3 }, { 0, 500 }, { 1, 3 } };
  g_autoptr(GArray) a = alliance_chart_nice_ticks (0, 30, 7);
  g_autoptr(GArray) b = alliance_chart_nice_ticks (12, 60, 8);
  g_autoptr(GArray) c = alliance_chart_nice_ticks (0, 27, 7);
  g_autoptr(GArray) fine = alliance_chart_nice_ticks (0, 1, 6);

  assert_ticks (a, zero_thirty, G_N_ELEMENTS (zero_thirty));
  g_assert_cmpstr (g_array_index (a, AllianceChartTick, 6).label, ==, "30");
  assert_ticks (b, twelve_sixty, G_N_ELEMENTS (twelve_sixty));
  assert_ticks (c, zero_27, G_N_ELEMENTS (zero_27));
  g_assert_cmpstr (g_array_index (fine, AllianceChartTick, 1).label, ==, "0.2");

  /* Any range: at most max_ticks, inside the range, a step of 1, 2 or 5 × 10ⁿ. */
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint max = 2; max <= 12; max++)
      {
        g_autoptr(GArray) ticks = alliance_chart_nice_ticks (ranges[r][0], ranges[r][1], max);
        double step, mantissa;

        g_assert_cmpuint (ticks->len, <=, max);
        g_assert_cmpuint (ticks->len, >=, 1);
        for (guint i = 0; i < ticks->len; i++)
          {
            double v = g_array_index (ticks, AllianceChartTick, i).value;

            g_assert_cmpfloat (v, >=, ranges[r][0] - 1e-9);
            g_assert_cmpfloat (v, <=, ranges[r][1] + 1e-9);
          }
        if (ticks->len < 2)
          continue;
        step = g_array_index (ticks, AllianceChartTick, 1).value - g_array_index (ticks, AllianceChartTick, 0).value;
        mantissa = step / pow (10, floor (log10 (step) + 1e-9));
        g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 || fabs (mantissa - 5) < 1e-6);
      }
}

static void
test_x_by_session_and_date (void)
{
  /* A week, then five weeks. */
  static const guint days[] = { 0, 7, 42 };
  g_autoptr(AllianceChartData) by_session = make_data (3, days, NULL, ALLIANCE_CHART_X_SESSION);
  g_autoptr(AllianceChartData) by_date = make_data (3, days, NULL, ALLIANCE_CHART_X_DATE);
  g_autoptr(AllianceChartLayout) session_layout = make_layout (by_session, 800, 500);
  g_autoptr(AllianceChartLayout) date_layout = make_layout (by_date, 800, 500);
  GArray *s = alliance_chart_layout_get_points (session_layout);
  GArray *d = alliance_chart_layout_get_points (date_layout);
  AllianceChartRect plot = alliance_chart_layout_get_plot (date_layout);
  double s1, s2, d1, d2;

  s1 = g_array_index (s, AllianceChartPlacedPoint, 1).x - g_array_index (s, AllianceChartPlacedPoint, 0).x;
  s2 = g_array_index (s, AllianceChartPlacedPoint, 2).x - g_array_index (s, AllianceChartPlacedPoint, 1).x;
  d1 = g_array_index (d, AllianceChartPlacedPoint, 1).x - g_array_index (d, AllianceChartPlacedPoint, 0).x;
  d2 = g_array_index (d, AllianceChartPlacedPoint, 2).x - g_array_index (d, AllianceChartPlacedPoint, 1).x;
  g_assert_cmpfloat (s1, >, 0);
  g_assert_cmpfloat_with_epsilon (s1, s2, 1e-6);
  g_assert_cmpfloat_with_epsilon (d2, 5 * d1, 1e-6);
  /* The whole plot is used, first and last inside it. */
  g_assert_cmpfloat (g_array_index (d, AllianceChartPlacedPoint, 0).x, >=, plot.x);
  g_assert_cmpfloat (g_array_index (d, AllianceChartPlacedPoint, 2).x, <=, plot.x + plot.width);
  g_assert_cmpfloat (d1 + d2, >, plot.width * 0.9);
}

static void
test_y_not_zoomed (void)
{
  static const double values[] = { 20, 21, 22 };
  g_autoptr(AllianceChartData) data = make_data (3, NULL, values, ALLIANCE_CHART_X_SESSION);
  g_autoptr(AllianceChartLayout) layout = make_layout (data, 800, 500);
  AllianceChartRect plot = alliance_chart_layout_get_plot (layout);
  GArray *points = alliance_chart_layout_get_points (layout);
  GArray *ticks = alliance_chart_layout_get_y_ticks (layout);
  double span;

  g_assert_cmpfloat_with_epsilon (alliance_chart_layout_y_for_value (layout, 0), plot.y + plot.height, 1e-6);
  g_assert_cmpfloat_with_epsilon (alliance_chart_layout_y_for_value (layout, 30), plot.y, 1e-6);
  g_assert_cmpfloat (g_array_index (ticks, AllianceChartTick, 0).value, ==, 0);
  g_assert_cmpfloat (g_array_index (ticks, AllianceChartTick, ticks->len - 1).value, ==, 30);
  /* Two points of thirty are a fifteenth of the height, not all of it. */
  span = g_array_index (points, AllianceChartPlacedPoint, 0).y - g_array_index (points, AllianceChartPlacedPoint, 2).y;
  g_assert_cmpfloat_with_epsilon (span, plot.height * 2 / 30, 1e-6);
}

static void
test_marker_stacking (void)
{
  g_autoptr(AllianceChartData) data = make_data (8, NULL, NULL, ALLIANCE_CHART_X_SESSION);
  g_autoptr(AllianceChartLayout) layout = NULL;
  AllianceChartRect plot;
  GArray *markers;

  alliance_chart_data_add_event (data, ALLIANCE_EVENT_RUPTURE, 4, NULL, "Rupture");
  alliance_chart_data_add_event (data, ALLIANCE_EVENT_REPAIR, 4, NULL, "Repair");
  alliance_chart_data_add_event (data, ALLIANCE_EVENT_BOUNDARY, 4, NULL, "Boundary");
  alliance_chart_data_add_event (data, ALLIANCE_EVENT_REPAIR, 6, NULL, "Repair");
  layout = make_layout (data, 800, 500);
  plot = alliance_chart_layout_get_plot (layout);
  markers = alliance_chart_layout_get_markers (layout);

  g_assert_cmpuint (markers->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const AllianceChartPlacedMarker *m = &g_array_index (markers, AllianceChartPlacedMarker, i);

      g_assert_true (m->drawn);
      g_assert_cmpuint (m->event_index, ==, i);
      /* Above the plot's top. */
      g_assert_cmpfloat (m->y, <, plot.y);
    }
  for (guint i = 1; i < 3; i++)
    {
      const AllianceChartPlacedMarker *m = &g_array_index (markers, AllianceChartPlacedMarker, i);
      const AllianceChartPlacedMarker *below = &g_array_index (markers, AllianceChartPlacedMarker, i - 1);

      g_assert_cmpfloat_with_epsilon (m->x, below->x, 1e-9);
      g_assert_cmpfloat (below->y - m->y, >=, 2 * layout->marker_radius);
    }
  /* The lone marker sits on the bottom row, at its own session. */
  g_assert_cmpfloat_with_epsilon (g_array_index (markers, AllianceChartPlacedMarker, 3).y,
                                  g_array_index (markers, AllianceChartPlacedMarker, 0).y, 1e-9);
  g_assert_cmpfloat (g_array_index (markers, AllianceChartPlacedMarker, 3).x, >,
                     g_array_index (markers, AllianceChartPlacedMarker, 0).x);
}

static AllianceChartData *
make_long_data (AllianceChartXMode mode)
{
  AllianceChartData *data = make_data (500, NULL, NULL, mode);

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *date = date_after (7 * i);

      alliance_chart_data_add_event (data, i % 5, i + 1, date, "Event");
      if (i % 3 == 0)
        alliance_chart_data_add_event (data, ALLIANCE_EVENT_RUPTURE, i + 1, date, "Rupture");
    }
  return data;
}

static void
test_level_of_detail (void)
{
  for (int mode = ALLIANCE_CHART_X_SESSION; mode <= ALLIANCE_CHART_X_DATE; mode++)
    {
      g_autoptr(AllianceChartData) data = make_long_data (mode);
      g_autoptr(AllianceChartLayout) layout = make_layout (data, 1200, 700);
      GArray *points = alliance_chart_layout_get_points (layout);
      GArray *markers = alliance_chart_layout_get_markers (layout);
      guint drawn_points = 0, drawn_markers = 0, drawn_ruptures = 0, drawn_life = 0;
      double last_x = -G_MAXDOUBLE;

      g_assert_cmpuint (points->len, ==, 500);
      g_assert_true (g_array_index (points, AllianceChartPlacedPoint, 0).drawn);
      g_assert_true (g_array_index (points, AllianceChartPlacedPoint, 499).drawn);
      for (guint i = 0; i < points->len; i++)
        {
          const AllianceChartPlacedPoint *p = &g_array_index (points, AllianceChartPlacedPoint, i);

          /* Every point is still placed exactly (the line is not thinned). */
          g_assert_cmpfloat_with_epsilon (p->y, alliance_chart_layout_y_for_value (layout, 15 + (i % 7)), 1e-9);
          if (!p->drawn)
            continue;
          g_assert_cmpfloat (p->x - last_x, >=, 6.0);
          last_x = p->x;
          drawn_points++;
        }
      g_assert_cmpuint (drawn_points, <, 500);
      g_assert_cmpuint (drawn_points, >, 50);

      for (guint i = 0; i < markers->len; i++)
        {
          const AllianceChartPlacedMarker *a = &g_array_index (markers, AllianceChartPlacedMarker, i);
          AllianceEventKind kind = g_array_index (data->events, AllianceChartEvent, a->event_index).kind;

          if (!a->drawn)
            continue;
          drawn_markers++;
          drawn_ruptures += kind == ALLIANCE_EVENT_RUPTURE;
          drawn_life += kind == ALLIANCE_EVENT_LIFE;
          for (guint j = i + 1; j < markers->len; j++)
            {
              const AllianceChartPlacedMarker *b = &g_array_index (markers, AllianceChartPlacedMarker, j);

              if (b->drawn)
                g_assert_cmpfloat (hypot (a->x - b->x, a->y - b->y), >=, 6.0);
            }
        }
      g_assert_cmpuint (drawn_markers, >, 20);
      g_assert_cmpuint (drawn_markers, <, markers->len);
      /* Ruptures give way last. */
      g_assert_cmpuint (drawn_ruptures, >, drawn_life);
    }
}

static void
assert_labels_apart (AllianceChartLayout *layout,
                     double               width)
{
  g_autoptr(GObject) context = G_OBJECT (new_context ());
  GArray *ticks = alliance_chart_layout_get_x_ticks (layout);
  double last_right = -G_MAXDOUBLE;
  guint labelled = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      const AllianceChartTick *tick = &g_array_index (ticks, AllianceChartTick, i);
      double w, h;

      if (tick->label == NULL)
        continue;
      alliance_chart_layout_measure (layout, PANGO_CONTEXT (context), tick->label, &w, &h);
      g_assert_cmpfloat (tick->position - w / 2, >=, 0);
      g_assert_cmpfloat (tick->position + w / 2, <=, width);
      g_assert_cmpfloat (tick->position - w / 2, >, last_right);
      last_right = tick->position + w / 2;
      labelled++;
    }
  g_assert_cmpuint (labelled, >=, 2);
}

static void
test_label_collision (void)
{
  static const double widths[] = { 240, 360, 640, 1200, 2400 };
  static const guint lengths[] = { 2, 9, 40, 500 };

  for (int mode = ALLIANCE_CHART_X_SESSION; mode <= ALLIANCE_CHART_X_DATE; mode++)
    for (guint n = 0; n < G_N_ELEMENTS (lengths); n++)
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          g_autoptr(AllianceChartData) data = make_data (lengths[n], NULL, NULL, mode);
          g_autoptr(AllianceChartLayout) layout = make_layout (data, widths[w], 400);

          g_test_message ("mode %d, %u sessions, %g px", mode, lengths[n], widths[w]);
          assert_labels_apart (layout, widths[w]);
        }
}

/* The cut-off's label goes where it hides no point of the series: scores
 * sitting just above the line at the right end push it below or left. */
static void
test_cutoff_label_clear_of_series (void)
{
  static const double hugging_right[] = { 10, 12, 14, 16, 18, 20, 22, 25, 25, 25 };
  static const double everywhere_above[] = { 25, 25, 25, 25, 25, 25, 25, 25, 25, 25 };
  const double *cases[] = { hugging_right, everywhere_above };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(AllianceChartData) data = make_data (10, NULL, cases[c], ALLIANCE_CHART_X_SESSION);
      g_autoptr(AllianceChartLayout) layout = NULL;
      AllianceChartRect label;
      double line;

      data->has_cutoff = TRUE;
      data->cutoff = 24;
      data->cutoff_label = g_strdup ("Cut-off: below 24");
      layout = make_layout (data, 420, 260);
      label = layout->cutoff_label;
      line = alliance_chart_layout_y_for_value (layout, 24);

      g_assert_cmpfloat (label.width, >, 0);
      /* Beside its line, inside the plot. */
      g_assert_true (label.y + label.height <= line + 0.5 || label.y >= line - 0.5);
      g_assert_cmpfloat (label.x, >=, layout->plot.x);
      g_assert_cmpfloat (label.x + label.width, <=, layout->plot.x + layout->plot.width);
      /* And no point under it. */
      for (guint i = 0; i < layout->points->len; i++)
        {
          const AllianceChartPlacedPoint *point = &g_array_index (layout->points, AllianceChartPlacedPoint, i);

          g_assert_false (point->x >= label.x - layout->point_radius &&
                          point->x <= label.x + label.width + layout->point_radius &&
                          point->y >= label.y - layout->point_radius &&
                          point->y <= label.y + label.height + layout->point_radius);
        }
    }

  /* No cut-off, no label. */
  {
    g_autoptr(AllianceChartData) data = make_data (10, NULL, hugging_right, ALLIANCE_CHART_X_SESSION);
    g_autoptr(AllianceChartLayout) layout = make_layout (data, 420, 260);

    g_assert_cmpfloat (layout->cutoff_label.width, ==, 0);
  }
}

static void
test_find_point (void)
{
  g_autoptr(AllianceChartData) data = make_data (10, NULL, NULL, ALLIANCE_CHART_X_SESSION);
  g_autoptr(AllianceChartData) empty = make_data (0, NULL, NULL, ALLIANCE_CHART_X_SESSION);
  g_autoptr(AllianceChartLayout) layout = make_layout (data, 800, 500);
  g_autoptr(AllianceChartLayout) empty_layout = make_layout (empty, 800, 500);
  GArray *points = alliance_chart_layout_get_points (layout);
  double x3 = g_array_index (points, AllianceChartPlacedPoint, 3).x;
  double x4 = g_array_index (points, AllianceChartPlacedPoint, 4).x;
  const AllianceChartSeries *score;

  g_assert_cmpint (alliance_chart_layout_find_point (layout, x3, 4), ==, 3);
  g_assert_cmpint (alliance_chart_layout_find_point (layout, x3 + 2, 4), ==, 3);
  g_assert_cmpint (alliance_chart_layout_find_point (layout, (x3 + x4) / 2 + 1, 100), ==, 4);
  g_assert_cmpint (alliance_chart_layout_find_point (layout, -500, 10), ==, -1);
  g_assert_cmpint (alliance_chart_layout_find_point (empty_layout, 400, 1000), ==, -1);
  /* Nothing to number yet: no x ticks (no lone "1"). */
  g_assert_cmpuint (alliance_chart_layout_get_x_ticks (empty_layout)->len, ==, 0);
  score = alliance_chart_data_get_score (data);
  g_assert_cmpfloat_with_epsilon (alliance_chart_layout_x_for_point (layout, &g_array_index (score->points, AllianceChartPoint, 3)),
                                  x3, 1e-9);
}

static void
test_tiny_and_outcome (void)
{
  g_autoptr(AllianceChartData) data = make_data (5, NULL, NULL, ALLIANCE_CHART_X_DATE);
  g_autoptr(AllianceChartLayout) tiny = NULL;
  g_autoptr(AllianceChartLayout) layout = NULL;
  AllianceChartOutcome *outcome = alliance_chart_data_set_outcome (data, "PHQ-9", 0, 27, FALSE, "PHQ-9");
  AllianceChartRect plot, panel;

  alliance_chart_outcome_add_band (outcome, 0, 4, "Minimal");
  alliance_chart_series_add_point (outcome->series, 1, 1, "2020-01-06", 12);
  layout = make_layout (data, 800, 600);
  plot = alliance_chart_layout_get_plot (layout);
  panel = alliance_chart_layout_get_outcome_plot (layout);
  /* Below the main plot, sharing its x axis. */
  g_assert_cmpfloat (panel.y, >, plot.y + plot.height);
  g_assert_cmpfloat (panel.x, ==, plot.x);
  g_assert_cmpfloat (panel.width, ==, plot.width);
  g_assert_cmpfloat (panel.height, >, 0);
  /* A size too small for anything still lays out. */
  tiny = make_layout (data, 10, 10);
  g_assert_nonnull (tiny);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-layout/nice-ticks", test_nice_ticks);
  g_test_add_func ("/chart-layout/x-by-session-and-date", test_x_by_session_and_date);
  g_test_add_func ("/chart-layout/y-not-zoomed", test_y_not_zoomed);
  g_test_add_func ("/chart-layout/marker-stacking", test_marker_stacking);
  g_test_add_func ("/chart-layout/level-of-detail", test_level_of_detail);
  g_test_add_func ("/chart-layout/label-collision", test_label_collision);
  g_test_add_func ("/chart-layout/cutoff-label-clear-of-series", test_cutoff_label_clear_of_series);
  g_test_add_func ("/chart-layout/find-point", test_find_point);
  g_test_add_func ("/chart-layout/tiny-and-outcome", test_tiny_and_outcome);

  return g_test_run ();
}
