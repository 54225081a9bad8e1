/* test-page-layout.c
 *
 * What AlliancePageLayout adds for the supervision packet: figures, which
 * are never split and take the heading before them along to the next page;
 * page breaks; a header subject that changes along the document; and a
 * watermark behind every page, drawn and present in the PDF's text. (The
 * pagination of text is tested with the clinical record, in
 * test-record-report.c.)
 */
#define G_LOG_DOMAIN "alliance-test-page-layout"

#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "alliance-page-layout.h"
#include "test-common.h"
#include "test-pdf-text.h"

#define PAGE_WIDTH 300.0
#define PAGE_HEIGHT 400.0
#define MARGIN 10.0
#define TOLERANCE 0.02

/* What a figure was asked to draw. */
typedef struct
{
  guint  n_draws;
  double width;
  double height;
} FigureCalls;

static PangoContext *
create_points_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* Paints everything it can, in pure red: the clip alone keeps it in its box. */
static void
draw_red_cb (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  FigureCalls *calls = user_data;

  calls->n_draws++;
  calls->width = width;
  calls->height = height;
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
}

static AlliancePageLayout *
new_layout (void)
{
  AlliancePageLayout *layout = alliance_page_layout_new ();

  alliance_page_layout_set_margin (layout, MARGIN);
  alliance_page_layout_set_header (layout, "Title", "Subject", NULL);
  alliance_page_layout_set_footer (layout, "Footer");
  return layout;
}

/* The page and placement of block @block, which must be placed once. */
static const AlliancePagePlacement *
find_placement (AlliancePageLayout *layout,
                guint               block,
                guint              *page_out)
{
  const AlliancePagePlacement *found = NULL;

  for (guint page = 0; page < alliance_page_layout_get_n_pages (layout); page++)
    {
      guint n_placements;
      const AlliancePagePlacement *placements = alliance_page_layout_get_placements (layout, page, &n_placements);

      for (guint i = 0; i < n_placements; i++)
        if (placements[i].block == block)
          {
            g_assert_null (found);
            found = &placements[i];
            *page_out = page;
          }
    }
  g_assert_nonnull (found);
  return found;
}

/* Pixels of an RGB24/ARGB32 surface in a rectangle whose colour is @rgb;
 * WATERMARK_RGB stands for the watermark's grey, give or take rounding. */
#define WATERMARK_RGB 0x1000000

static gboolean
colour_matches (guint32 pixel,
                guint32 rgb)
{
  guint8 r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  if (rgb == WATERMARK_RGB)
    return r == g && g == b && r >= 0xdc && r <= 0xe4;
  return (pixel & 0xffffff) == rgb;
}

static guint
count_colour (cairo_surface_t *surface,
              int              x0,
              int              y0,
              int              x1,
              int              y1,
              guint32          rgb)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, cairo_image_surface_get_width (surface));
  y1 = MIN (y1, cairo_image_surface_get_height (surface));
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (colour_matches (((const guint32 *)(gconstpointer)(data + y * stride))[x], rgb))
        n++;
  return n;
}

static cairo_surface_t *
draw_on_white (AlliancePageLayout *layout,
               guint               page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)PAGE_WIDTH, (int)PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  alliance_page_layout_draw_page (layout, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* ---------------------------------------------------------------------- */
/* Figures                                                                 */

/* A figure that fits stays; one that does not moves whole to the next
 * page, with the heading above it; each is drawn in its own box only. */
static void
test_figure_moves_whole (void)
{
  g_autoptr(AlliancePageLayout) layout = new_layout ();
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  FigureCalls small = { 0 }, large = { 0 };
  const AlliancePagePlacement *placement;
  guint small_block, heading_block, large_block, small_page, heading_page, large_page;
  double top, bottom, body;
  cairo_surface_t *surface;

  /* The body's height, known once the header and footer are measured. */
  alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT);
  alliance_page_layout_get_body_area (layout, &top, &bottom);
  body = bottom - top;
  g_assert_cmpfloat (body, >, 200);

  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "Some text before the figures.");
  small_block = alliance_page_layout_get_n_blocks (layout);
  alliance_page_layout_add_figure (layout, 60, draw_red_cb, &small, NULL);
  /* Leaves less than the next figure's height on the page... */
  alliance_page_layout_add_space (layout, body - 60 - 40 - 100);
  heading_block = alliance_page_layout_get_n_blocks (layout);
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_SUBHEADING, "The graph");
  alliance_page_layout_add_space (layout, 4);
  large_block = alliance_page_layout_get_n_blocks (layout);
  /* ...though more than the heading's. */
  alliance_page_layout_add_figure (layout, 150, draw_red_cb, &large, NULL);
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "Text after the figure.");

  g_assert_cmpuint (alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT), ==, 2);
  g_assert_cmpuint (alliance_page_layout_get_block_n_lines (layout, large_block), ==, 0);

  placement = find_placement (layout, small_block, &small_page);
  g_assert_cmpuint (small_page, ==, 0);
  g_assert_cmpfloat_with_epsilon (placement->height, 60, TOLERANCE);

  find_placement (layout, heading_block, &heading_page);
  placement = find_placement (layout, large_block, &large_page);
  g_assert_cmpuint (large_page, ==, 1);
  g_assert_cmpuint (heading_page, ==, 1);
  g_assert_cmpfloat_with_epsilon (placement->height, 150, TOLERANCE);
  g_assert_cmpfloat (placement->y, >=, top - TOLERANCE);
  g_assert_cmpfloat (placement->y + placement->height, <=, bottom + TOLERANCE);

  /* Drawn with the body's width and its own height, and nowhere else. */
  surface = draw_on_white (layout, 1);
  g_assert_cmpuint (large.n_draws, ==, 1);
  g_assert_cmpuint (small.n_draws, ==, 0);
  g_assert_cmpfloat_with_epsilon (large.width, PAGE_WIDTH - 2 * MARGIN, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (large.height, 150, TOLERANCE);
  g_assert_cmpuint (count_colour (surface, (int)MARGIN + 1, (int)placement->y + 1, (int)(PAGE_WIDTH - MARGIN) - 1,
                                  (int)(placement->y + placement->height) - 1, 0xff0000),
                    ==, ((int)(PAGE_WIDTH - MARGIN) - 1 - (int)MARGIN - 1) *
                        ((int)(placement->y + placement->height) - 1 - (int)placement->y - 1));
  g_assert_cmpuint (count_colour (surface, 0, 0, (int)PAGE_WIDTH, (int)placement->y - 1, 0xff0000), ==, 0);
  g_assert_cmpuint (count_colour (surface, 0, (int)(placement->y + placement->height) + 1, (int)PAGE_WIDTH,
                                  (int)PAGE_HEIGHT, 0xff0000), ==, 0);
  cairo_surface_destroy (surface);
}

/* A figure taller than a whole body gets the whole body of a page of its
 * own, never the footer's room. */
static void
test_figure_taller_than_page (void)
{
  g_autoptr(AlliancePageLayout) layout = new_layout ();
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  FigureCalls calls = { 0 };
  const AlliancePagePlacement *placement;
  guint page;
  double top, bottom;

  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "Before.");
  alliance_page_layout_add_figure (layout, 5000, draw_red_cb, &calls, NULL);
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "After.");

  g_assert_cmpuint (alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT), ==, 3);
  alliance_page_layout_get_body_area (layout, &top, &bottom);
  placement = find_placement (layout, 1, &page);
  g_assert_cmpuint (page, ==, 1);
  g_assert_cmpfloat_with_epsilon (placement->y, top, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (placement->height, bottom - top, TOLERANCE);
  find_placement (layout, 2, &page);
  g_assert_cmpuint (page, ==, 2);
}

/* The figure's data is freed with the layout, once. */
static void
count_destroy_cb (gpointer user_data)
{
  FigureCalls *calls = user_data;

  calls->n_draws += 100;
}

static void
test_figure_data_freed (void)
{
  AlliancePageLayout *layout = new_layout ();
  FigureCalls calls = { 0 };

  alliance_page_layout_add_figure (layout, 10, draw_red_cb, &calls, count_destroy_cb);
  g_assert_cmpuint (calls.n_draws, ==, 0);
  g_assert_finalize_object (layout);
  g_assert_cmpuint (calls.n_draws, ==, 100);
}

/* ---------------------------------------------------------------------- */
/* Page breaks and header subjects                                         */

static void
test_page_breaks_and_subjects (void)
{
  g_autoptr(AlliancePageLayout) layout = new_layout ();
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  guint page;

  /* A break on an empty page is no page. */
  alliance_page_layout_add_page_break (layout);
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_TITLE, "Cover");
  alliance_page_layout_add_page_break (layout);
  alliance_page_layout_add_header_subject (layout, "C-0001", NULL);
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_HEADING, "C-0001");
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "First client.");
  /* Two breaks in a row make one. */
  alliance_page_layout_add_page_break (layout);
  alliance_page_layout_add_page_break (layout);
  alliance_page_layout_add_header_subject (layout, "C-0002", "Second");
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_HEADING, "C-0002");
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "Second client.");

  g_assert_cmpuint (alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT), ==, 3);
  find_placement (layout, 1, &page);
  g_assert_cmpuint (page, ==, 0);
  find_placement (layout, 4, &page);
  g_assert_cmpuint (page, ==, 1);
  find_placement (layout, 9, &page);
  g_assert_cmpuint (page, ==, 2);

  g_assert_cmpstr (alliance_page_layout_get_page_subject (layout, 0), ==, "Subject");
  g_assert_cmpstr (alliance_page_layout_get_page_subject (layout, 1), ==, "C-0001");
  g_assert_cmpstr (alliance_page_layout_get_page_subject (layout, 2), ==, "C-0002");
}

/* A subject that takes more lines than the layout's own pushes the body
 * down on every page, so no header runs into the text. */
static void
test_subject_header_height (void)
{
  g_autoptr(AlliancePageLayout) layout = new_layout ();
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  double top_before, top_after;

  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "Text.");
  alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT);
  alliance_page_layout_get_body_area (layout, &top_before, NULL);
  alliance_page_layout_add_header_subject (layout, "C-0003", "One line\nand another");
  alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT);
  alliance_page_layout_get_body_area (layout, &top_after, NULL);
  g_assert_cmpfloat (top_after, >, top_before + 10);
}

/* ---------------------------------------------------------------------- */
/* The watermark                                                           */

static void
test_watermark_drawn (void)
{
  g_autoptr(AlliancePageLayout) layout = new_layout ();
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  cairo_surface_t *surface;
  guint centre, corners;

  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "Text over the watermark.");

  /* None unless asked for (the text's antialiased edges aside: the text
   * is at the top of the body, away from the middle). */
  alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT);
  surface = draw_on_white (layout, 0);
  g_assert_cmpuint (count_colour (surface, 0, 100, (int)PAGE_WIDTH, 300, WATERMARK_RGB), ==, 0);
  cairo_surface_destroy (surface);

  /* Light grey across the middle of the page, along the diagonal from the
   * lower left to the upper right, not in the other two corners. */
  alliance_page_layout_set_watermark (layout, "CONFIDENTIAL");
  alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT);
  surface = draw_on_white (layout, 0);
  centre = count_colour (surface, 100, 150, 200, 250, WATERMARK_RGB);
  corners = count_colour (surface, 0, 60, 60, 130, WATERMARK_RGB) +
            count_colour (surface, (int)PAGE_WIDTH - 60, 270, (int)PAGE_WIDTH, 340, WATERMARK_RGB);
  g_assert_cmpuint (centre, >, 500);
  g_assert_cmpuint (count_colour (surface, 20, (int)PAGE_HEIGHT - 120, 80, (int)PAGE_HEIGHT - 40, WATERMARK_RGB), >, 50);
  g_assert_cmpuint (count_colour (surface, (int)PAGE_WIDTH - 80, 40, (int)PAGE_WIDTH - 20, 120, WATERMARK_RGB), >, 50);
  g_assert_cmpuint (corners, ==, 0);
  if (g_getenv ("ALLIANCE_TEST_WATERMARK_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("ALLIANCE_TEST_WATERMARK_PNG"));
  cairo_surface_destroy (surface);

  /* And gone again. */
  alliance_page_layout_set_watermark (layout, NULL);
  alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), PAGE_WIDTH, PAGE_HEIGHT);
  surface = draw_on_white (layout, 0);
  g_assert_cmpuint (count_colour (surface, 0, 100, (int)PAGE_WIDTH, 300, WATERMARK_RGB), ==, 0);
  cairo_surface_destroy (surface);
}

/* @text without its spaces: a diagonal word comes out of pdftotext one
 * letter a line. */
static char *
strip_spaces (const char *text)
{
  GString *stripped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (stripped, *p);
  return g_string_free (stripped, FALSE);
}

/* In the PDF, on every page, under (drawn before) the text, which still
 * reads whole. */
static void
test_watermark_in_pdf (void)
{
  g_autoptr(AlliancePageLayout) layout = new_layout ();
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "watermarked.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pages = NULL;

  alliance_page_layout_set_watermark (layout, "CONFIDENTIAL");
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Paragraph number %d, on a page of its own.", i);

      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, text);
      alliance_page_layout_add_page_break (layout);
    }
  g_assert_true (alliance_page_layout_write_pdf (layout, path, "Watermarked", &error));
  g_assert_no_error (error);

  pages = test_pdf_info (path, "Pages");
  g_assert_cmpstr (pages, ==, "3");
  for (guint page = 1; page <= 3; page++)
    {
      g_autofree char *text = test_pdf_page_text (path, page, TEST_PDF_TEXT_RAW);
      g_autofree char *letters = strip_spaces (text);
      g_autofree char *expected = g_strdup_printf ("Paragraph number %u, on a page of its own.", page);

      g_assert_true (g_str_has_prefix (letters, "CONFIDENTIAL"));
      g_assert_nonnull (strstr (text, expected));
    }
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-layout/figure/moves-whole", test_figure_moves_whole);
  g_test_add_func ("/page-layout/figure/taller-than-page", test_figure_taller_than_page);
  g_test_add_func ("/page-layout/figure/data-freed", test_figure_data_freed);
  g_test_add_func ("/page-layout/page-breaks-and-subjects", test_page_breaks_and_subjects);
  g_test_add_func ("/page-layout/subject-header-height", test_subject_header_height);
  g_test_add_func ("/page-layout/watermark/drawn", test_watermark_drawn);
  g_test_add_func ("/page-layout/watermark/pdf", test_watermark_in_pdf);

  status = g_test_run ();

  /* Let go of the font caches, so the sanitizer build sees only real leaks. */
  pango_cairo_font_map_set_default (NULL);
  return status;
}
