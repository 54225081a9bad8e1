/* alliance-chart-style.h
 *
 * Colours, font and scale the chart is drawn with. The widget fills it
 * from the theme (light, dark, high contrast); print and export use
 * alliance_chart_style_init_print(); greyscale print relies on shapes and
 * dashes, never on colour alone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} AllianceChartColor;

typedef struct
{
  AllianceChartColor  background;   /* alpha 0: leave the surface as it is */
  AllianceChartColor  foreground;   /* text, axes */
  AllianceChartColor  dim;          /* grid, secondary text */
  AllianceChartColor  score;        /* the client's series */
  AllianceChartColor  prediction;   /* the therapist's */
  AllianceChartColor  subscale;
  AllianceChartColor  cutoff;       /* the cut-off line and band */
  AllianceChartColor  rupture;
  AllianceChartColor  repair;
  AllianceChartColor  boundary;
  AllianceChartColor  band;         /* outcome severity bands (alternate shading) */
  char               *font_family;  /* "Cantarell", "Sans" … */
  double              font_size;    /* in user units at scale 1 */
  double              line_width;
  gboolean            greyscale;
  gboolean            no_text;      /* tests only: draw no text, so golden images do not depend on fonts */
} AllianceChartStyle;

void alliance_chart_style_init_light (AllianceChartStyle *style);
void alliance_chart_style_init_dark  (AllianceChartStyle *style);
void alliance_chart_style_init_print (AllianceChartStyle *style);   /* light, black text, white paper */
void alliance_chart_style_clear      (AllianceChartStyle *style);

G_END_DECLS
