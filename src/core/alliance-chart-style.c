/* alliance-chart-style.c
 *
 * Fallback palettes. The widget overrides them from the theme; these are
 * what print, export and the tests use. Colours follow the GNOME palette
 * so they sit well beside Adwaita in light and dark. The print palette is
 * greyscale: series differ by dash and point shape, events by marker
 * shape, so a black-and-white printer loses nothing.
 */
#define G_LOG_DOMAIN "alliance-chart-style"

#include "config.h"

#include "alliance-chart-style.h"

static AllianceChartColor
rgb (guint  hex,
     double alpha)
{
  AllianceChartColor color = {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    alpha,
  };

  return color;
}

static void
init_common (AllianceChartStyle *style)
{
  style->font_family = g_strdup ("Sans");
  style->font_size = 12.0;
  style->line_width = 2.0;
  style->greyscale = FALSE;
  style->no_text = FALSE;
}

void
alliance_chart_style_init_light (AllianceChartStyle *style)
{
  g_return_if_fail (style != NULL);

  init_common (style);
  style->background = rgb (0xffffff, 1.0);
  style->foreground = rgb (0x241f31, 1.0);
  style->dim = rgb (0x77767b, 1.0);
  style->score = rgb (0x1c71d8, 1.0);       /* blue 4 */
  style->prediction = rgb (0xc64600, 1.0);  /* orange 5 */
  style->subscale = rgb (0x26a269, 1.0);    /* green 5 */
  style->cutoff = rgb (0xc01c28, 1.0);      /* red 4 */
  style->rupture = rgb (0xc01c28, 1.0);
  style->repair = rgb (0x2ec27e, 1.0);      /* green 4 */
  style->boundary = rgb (0x813d9c, 1.0);    /* purple 4 */
  style->band = rgb (0x9a9996, 1.0);
}

void
alliance_chart_style_init_dark (AllianceChartStyle *style)
{
  g_return_if_fail (style != NULL);

  init_common (style);
  style->background = rgb (0x242424, 1.0);
  style->foreground = rgb (0xffffff, 1.0);
  style->dim = rgb (0x9a9996, 1.0);
  style->score = rgb (0x62a0ea, 1.0);       /* blue 2 */
  style->prediction = rgb (0xffa348, 1.0);  /* orange 2 */
  style->subscale = rgb (0x8ff0a4, 1.0);    /* green 1 */
  style->cutoff = rgb (0xff7b63, 1.0);
  style->rupture = rgb (0xff7b63, 1.0);
  style->repair = rgb (0x57e389, 1.0);      /* green 2 */
  style->boundary = rgb (0xdc8add, 1.0);    /* purple 1 */
  style->band = rgb (0xc0bfbc, 1.0);
}

void
alliance_chart_style_init_print (AllianceChartStyle *style)
{
  AllianceChartColor black = rgb (0x000000, 1.0);

  g_return_if_fail (style != NULL);

  init_common (style);
  style->background = rgb (0xffffff, 1.0);
  style->foreground = black;
  style->dim = rgb (0x555555, 1.0);
  style->score = black;
  style->prediction = rgb (0x333333, 1.0);
  style->subscale = rgb (0x666666, 1.0);
  style->cutoff = rgb (0x222222, 1.0);
  style->rupture = black;
  style->repair = black;
  style->boundary = black;
  style->band = rgb (0x808080, 1.0);
  style->greyscale = TRUE;
}

void
alliance_chart_style_clear (AllianceChartStyle *style)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->font_family, g_free);
}
