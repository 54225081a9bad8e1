/* test-chart-renderer.c
 *
 * The renderer paints what the layout says: golden images (drawn without
 * text, so they do not depend on the fonts installed), the "not enough
 * data" states, and exports that are whole, valid files or nothing.
 *
 * Regenerate the golden images after an intended change of the drawing:
 *   ALLIANCE_UPDATE_GOLDEN=1 _build/tests/core/test-chart-renderer
 * Write the sample charts (with text, light, dark and print) to look at:
 *   ALLIANCE_CHART_DUMP_DIR=/tmp _build/tests/core/test-chart-renderer
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "alliance-chart-renderer.h"
#include "test-common.h"

static char *
date_after (const char *start,
            guint       days)
{
  GDate date;
  char buffer[16];
  int y, m, d;

  sscanf (start, "%d-%d-%d", &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  g_date_add_days (&date, days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

/* A client over 16 sessions: a rupture at 5 repaired at 6, a rupture and a
 * boundary together at 10, a five-week break after 11, a missed session,
 * the therapist's prediction above the client's score, and PHQ-9 below. */
static AllianceChartData *
make_rich_data_full (AllianceChartXMode x_mode,
                     gboolean           with_outcome)
{
  static const double scores[] = { 22, 24, 25, 25, 19, 23, 26, 26, 27, 20, 22, 25, 26, 27, 27, 28 };
  static const double predictions[] = { 25, 26, 26, 27, 26, 25, 27, 27, 28, 27, 25, 27, 27, 28, 28, 28 };
  static const double task[] = { 7, 8, 8, 8, 6, 7, 9, 9, 9, 6, 7, 8, 9, 9, 9, 10 };
  static const double phq[] = { 17, 16, 15, 14, 15, 13, 12, 11, 10, 12, 11, 9, 8, 7, 6, 6 };
  AllianceChartData *data = alliance_chart_data_new ();
  AllianceChartSeries *score, *prediction, *subscale;
  AllianceChartOutcome *outcome;
  g_autoptr(AllianceChartData) scratch = alliance_chart_data_new ();
  guint day = 0;

  data->title = g_strdup ("Alliance check — C-0007");
  data->x_label = g_strdup (x_mode == ALLIANCE_CHART_X_DATE ? "Date" : "Session");
  data->y_label = g_strdup ("Total (0–30)");
  data->x_mode = x_mode;
  data->y_min = 0;
  data->y_max = 30;
  data->has_cutoff = TRUE;
  data->cutoff = 24;
  data->cutoff_comparison = ALLIANCE_MEASURE_CUTOFF_BELOW;
  data->cutoff_label = g_strdup ("Cut-off: below 24");
  score = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_SCORE, "Alliance check");
  prediction = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_PREDICTION, "Your prediction");
  subscale = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_SUBSCALE, "Task");
  outcome = alliance_chart_data_set_outcome (with_outcome ? data : scratch, "PHQ-9", 0, 27, FALSE, "PHQ-9");
  alliance_chart_outcome_add_band (outcome, 0, 4, "Minimal");
  alliance_chart_outcome_add_band (outcome, 5, 9, "Mild");
  alliance_chart_outcome_add_band (outcome, 10, 14, "Moderate");
  alliance_chart_outcome_add_band (outcome, 15, 19, "Moderately severe");
  alliance_chart_outcome_add_band (outcome, 20, 27, "Severe");
  outcome->has_reliable_band = TRUE;
  outcome->reliable_center = phq[0];
  outcome->reliable_half_width = 6;

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_autofree char *date = date_after ("2025-01-06", day);

      alliance_chart_series_add_point (score, i + 1, i + 1, date, scores[i]);
      alliance_chart_series_add_point (prediction, i + 1, i + 1, date, predictions[i]);
      alliance_chart_series_add_point (subscale, i + 1, i + 1, date, task[i]);
      alliance_chart_series_add_point (outcome->series, i + 1, i + 1, date, phq[i]);
      if (i == 2)
        alliance_chart_data_add_event (data, ALLIANCE_EVENT_LIFE, i + 1, date, "Moved house");
      if (i == 4)
        alliance_chart_data_add_event (data, ALLIANCE_EVENT_RUPTURE, i + 1, date, "Withdrawal rupture");
      if (i == 5)
        alliance_chart_data_add_event (data, ALLIANCE_EVENT_REPAIR, i + 1, date, "Repaired");
      if (i == 9)
        {
          alliance_chart_data_add_event (data, ALLIANCE_EVENT_RUPTURE, i + 1, date, "Confrontation rupture");
          alliance_chart_data_add_event (data, ALLIANCE_EVENT_BOUNDARY, i + 1, date, "Boundary");
        }
      if (i == 11)
        alliance_chart_data_add_event (data, ALLIANCE_EVENT_RISK, i + 1, date, "Risk noted");
      if (i == 6)
        {
          g_autofree char *missed = date_after ("2025-01-06", day + 7);

          alliance_chart_data_add_missed (data, missed, i + 1);
          day += 7;
        }
      day += i == 10 ? 35 : 7;
      if (i == 0)
        data->first_date = g_strdup (date);
      g_free (data->last_date);
      data->last_date = g_strdup (date);
    }
  data->first_number = 1;
  data->last_number = G_N_ELEMENTS (scores);
  return data;
}

static AllianceChartData *
make_rich_data (AllianceChartXMode x_mode)
{
  return make_rich_data_full (x_mode, TRUE);
}

static AllianceChartData *
make_small_data (guint n_scores)
{
  AllianceChartData *data = alliance_chart_data_new ();
  AllianceChartSeries *score;

  data->title = g_strdup ("Alliance check — C-0001");
  data->y_min = 0;
  data->y_max = 30;
  data->has_cutoff = TRUE;
  data->cutoff = 24;
  data->cutoff_comparison = ALLIANCE_MEASURE_CUTOFF_BELOW;
  data->cutoff_label = g_strdup ("Cut-off: below 24");
  score = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_SCORE, "Alliance check");
  for (guint i = 0; i < n_scores; i++)
    alliance_chart_series_add_point (score, i + 1, i + 1, "2025-03-03", 20 + i);
  if (n_scores > 0)
    data->first_number = data->last_number = 1;
  return data;
}

static cairo_surface_t *
render (const AllianceChartData *data,
        gboolean                 dark,
        gboolean                 no_text,
        int                      width,
        int                      height)
{
  AllianceChartStyle style = { { 0, }, };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  if (dark)
    alliance_chart_style_init_dark (&style);
  else
    alliance_chart_style_init_light (&style);
  style.no_text = no_text;
  alliance_chart_draw (cr, width, height, data, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  alliance_chart_style_clear (&style);
  cairo_surface_flush (surface);
  return surface;
}

/* Fraction of pixels where any channel differs by more than 16 of 255. */
static double
differing_fraction (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint differing = 0;

  g_assert_cmpint (width, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < height; y++)
    {
      const guint32 *row_a = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *row_b = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < width; x++)
        for (int shift = 0; shift < 32; shift += 8)
          if (ABS ((int) ((row_a[x] >> shift) & 0xff) - (int) ((row_b[x] >> shift) & 0xff)) > 16)
            {
              differing++;
              break;
            }
    }
  return (double) differing / (width * height);
}

static void
compare_with_golden (cairo_surface_t *surface,
                     const char      *name)
{
  g_autofree char *path = g_build_filename (ALLIANCE_TEST_FIXTURES_DIR, name, NULL);
  cairo_surface_t *golden;
  double fraction;

  if (g_getenv ("ALLIANCE_UPDATE_GOLDEN") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      return;
    }
  golden = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (golden), ==, CAIRO_STATUS_SUCCESS);
  fraction = differing_fraction (surface, golden);
  g_test_message ("%s: %.3f%% of pixels differ", name, fraction * 100);
  g_assert_cmpfloat (fraction, <=, 0.02);
  cairo_surface_destroy (golden);
}

static void
test_golden_rich (void)
{
  g_autoptr(AllianceChartData) data = make_rich_data (ALLIANCE_CHART_X_DATE);
  cairo_surface_t *light = render (data, FALSE, TRUE, 640, 420);
  cairo_surface_t *dark = render (data, TRUE, TRUE, 640, 420);

  compare_with_golden (light, "chart-rich-light.png");
  compare_with_golden (dark, "chart-rich-dark.png");
  /* Dark is not light with a different background only. */
  g_assert_cmpfloat (differing_fraction (light, dark), >, 0.5);
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

static void
test_golden_sessions (void)
{
  g_autoptr(AllianceChartData) data = make_rich_data_full (ALLIANCE_CHART_X_SESSION, FALSE);
  cairo_surface_t *surface;

  surface = render (data, FALSE, TRUE, 480, 300);
  compare_with_golden (surface, "chart-sessions-light.png");
  cairo_surface_destroy (surface);
}

static void
test_not_enough_data (void)
{
  g_autoptr(AllianceChartData) empty = make_small_data (0);
  g_autoptr(AllianceChartData) one = make_small_data (1);
  cairo_surface_t *empty_plain = render (empty, FALSE, TRUE, 400, 260);
  cairo_surface_t *one_plain = render (one, FALSE, TRUE, 400, 260);
  cairo_surface_t *empty_text = render (empty, FALSE, FALSE, 400, 260);
  cairo_surface_t *one_text = render (one, TRUE, FALSE, 400, 260);

  /* The single point is drawn; the empty chart has none. */
  g_assert_cmpfloat (differing_fraction (empty_plain, one_plain), >, 0.0);
  /* With text, the messages differ too. */
  g_assert_cmpfloat (differing_fraction (empty_plain, empty_text), >, 0.0);
  g_assert_cmpuint (alliance_chart_data_count_scores (empty), ==, 0);
  g_assert_cmpuint (alliance_chart_data_count_scores (one), ==, 1);
  cairo_surface_destroy (empty_plain);
  cairo_surface_destroy (one_plain);
  cairo_surface_destroy (empty_text);
  cairo_surface_destroy (one_text);
}

static void
test_format_from_path (void)
{
  AllianceChartFormat format;

  g_assert_true (alliance_chart_format_from_path ("a/b.PNG", &format));
  g_assert_cmpint (format, ==, ALLIANCE_CHART_FORMAT_PNG);
  g_assert_true (alliance_chart_format_from_path ("graph.svg", &format));
  g_assert_cmpint (format, ==, ALLIANCE_CHART_FORMAT_SVG);
  g_assert_true (alliance_chart_format_from_path ("graph.Pdf", &format));
  g_assert_cmpint (format, ==, ALLIANCE_CHART_FORMAT_PDF);
  g_assert_false (alliance_chart_format_from_path ("graph.bmp", &format));
  g_assert_false (alliance_chart_format_from_path ("graph", &format));
}

static gboolean
export_to (const char          *dir,
           const char          *name,
           AllianceChartFormat  format,
           char               **contents,
           gsize               *length,
           GError             **error)
{
  g_autoptr(AllianceChartData) data = make_rich_data (ALLIANCE_CHART_X_DATE);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  AllianceChartStyle style = { { 0, }, };
  gboolean ok;

  alliance_chart_style_init_print (&style);
  ok = alliance_chart_export (data, &style, format, 800, 500, path, error);
  alliance_chart_style_clear (&style);
  if (ok)
    g_assert_true (g_file_get_contents (path, contents, length, NULL));
  return ok;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_export_pdf (TestDirFixture *fixture,
                 gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "graph.pdf", NULL);
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  gsize length = 0;

  g_assert_true (export_to (fixture->dir, "graph.pdf", ALLIANCE_CHART_FORMAT_PDF, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strrstr_len (contents + length - 32, 32, "%%EOF"));
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
  if (pdfinfo != NULL)
    {
      const char *argv[] = { pdfinfo, path, NULL };
      g_autofree char *out = NULL;
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, "Pages:"));
    }
  else
    g_test_message ("pdfinfo not installed: checked the header and trailer only");
}

static void
test_export_svg (TestDirFixture *fixture,
                 gconstpointer   user_data)
{
  static const GMarkupParser parser = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  gsize length = 0;

  g_assert_true (export_to (fixture->dir, "graph.svg", ALLIANCE_CHART_FORMAT_SVG, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

static void
test_export_png (TestDirFixture *fixture,
                 gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "graph.png", NULL);
  cairo_surface_t *read;
  gsize length = 0;

  g_assert_true (export_to (fixture->dir, "graph.png", ALLIANCE_CHART_FORMAT_PNG, &contents, &length, &error));
  g_assert_no_error (error);
  read = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (read), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (read), ==, 500);
  cairo_surface_destroy (read);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

static void
test_export_refused (TestDirFixture *fixture,
                     gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  gsize length = 0;

  /* Unknown extension: a sentence, and nothing written. */
  g_assert_false (export_to (fixture->dir, "graph.bmp", ALLIANCE_CHART_FORMAT_PNG, &contents, &length, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);
  /* A name that says another format than the one chosen. */
  g_assert_false (export_to (fixture->dir, "graph.svg", ALLIANCE_CHART_FORMAT_PDF, &contents, &length, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 0);

  /* A folder that is not there (its "parent" is a file). */
  test_write_file (locked, "x", 1, 0600);
  g_assert_false (export_to (locked, "graph.pdf", ALLIANCE_CHART_FORMAT_PDF, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, "graph.pdf"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
  g_unlink (locked);

  /* A folder that cannot be written to. */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      g_test_skip ("running as root: every folder is writable");
      return;
    }
  g_assert_false (export_to (locked, "graph.png", ALLIANCE_CHART_FORMAT_PNG, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_nonnull (strstr (error->message, "graph.png"));
  g_assert_cmpuint (count_entries (locked), ==, 0);
  g_chmod (locked, 0700);
}

/* Not a check: writes the sample charts (with text) for a person to look at. */
static void
dump_samples (void)
{
  const char *dir = g_getenv ("ALLIANCE_CHART_DUMP_DIR");
  struct { const char *name; AllianceChartXMode mode; gboolean dark; int n; } samples[] = {
    { "chart-rich-light.png", ALLIANCE_CHART_X_DATE, FALSE, -1 },
    { "chart-rich-dark.png", ALLIANCE_CHART_X_DATE, TRUE, -1 },
    { "chart-sessions-light.png", ALLIANCE_CHART_X_SESSION, FALSE, -2 },
    { "chart-empty.png", ALLIANCE_CHART_X_SESSION, FALSE, 0 },
    { "chart-one.png", ALLIANCE_CHART_X_SESSION, TRUE, 1 },
  };

  if (dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(AllianceChartData) data = samples[i].n < 0 ? make_rich_data_full (samples[i].mode, samples[i].n == -1) : make_small_data (samples[i].n);
      g_autofree char *path = g_build_filename (dir, samples[i].name, NULL);
      cairo_surface_t *surface = render (data, samples[i].dark, FALSE, 1000, 640);

      cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  dump_samples ();
  g_test_add_func ("/chart-renderer/golden/rich", test_golden_rich);
  g_test_add_func ("/chart-renderer/golden/sessions", test_golden_sessions);
  g_test_add_func ("/chart-renderer/not-enough-data", test_not_enough_data);
  g_test_add_func ("/chart-renderer/format-from-path", test_format_from_path);
  g_test_add ("/chart-renderer/export/pdf", TestDirFixture, NULL,
              test_dir_fixture_set_up, test_export_pdf, test_dir_fixture_tear_down);
  g_test_add ("/chart-renderer/export/svg", TestDirFixture, NULL,
              test_dir_fixture_set_up, test_export_svg, test_dir_fixture_tear_down);
  g_test_add ("/chart-renderer/export/png", TestDirFixture, NULL,
              test_dir_fixture_set_up, test_export_png, test_dir_fixture_tear_down);
  g_test_add ("/chart-renderer/export/refused", TestDirFixture, NULL,
              test_dir_fixture_set_up, test_export_refused, test_dir_fixture_tear_down);

  return g_test_run ();
}
