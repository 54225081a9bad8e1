/* alliance-caseload-row.c */
#define G_LOG_DOMAIN "alliance-caseload-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alliance-caseload-model.h"
#include "alliance-caseload-row.h"
#include "alliance-initials.h"

#define AVATAR_SIZE 32
#define SPACING 12
#define MARGIN_Y 6
#define SUBTITLE_SCALE PANGO_SCALE_SMALL
#define DIM_ALPHA 0.55f
#define MAX_ICONS 3
#define ICON_SIZE 16
#define ICON_SPACING 6
#define SPARKLINE_WIDTH 48
#define SPARKLINE_HEIGHT 16
#define SPARKLINE_LINE_WIDTH 1.5
#define SPARKLINE_DOT_RADIUS 2.0

struct _AllianceCaseloadRow
{
  GtkWidget    parent_instance;

  char        *name;
  char        *subtitle;
  char        *initials;
  guint        color_index;

  /* Flags, most severe first: an icon for each of the first MAX_ICONS. */
  guint                 n_icons;
  const char           *icon_names[MAX_ICONS];   /* static */
  AllianceFlagSeverity  icon_severities[MAX_ICONS];
  char                 *icon_tooltips[MAX_ICONS];
  char                 *score;                   /* "24/30", or NULL */

  /* The recent alliance totals, oldest first, and the measure's range:
   * a sparkline (a lone dot for one total). */
  double                sparkline[ALLIANCE_CLIENT_FLAGS_MAX_RECENT];
  guint                 n_sparkline;
  double                sparkline_min;
  double                sparkline_max;

  /* Built on first draw, dropped when the text or the style changes. */
  PangoLayout *name_layout;
  PangoLayout *subtitle_layout;
  PangoLayout *initials_layout;
  PangoLayout *score_layout;
  GdkPaintable *icons[MAX_ICONS];
  /* Drawn once, then appended as it is on every frame: the renderer keeps
   * its texture while the node lives. */
  GskRenderNode *sparkline_node;
};

G_DEFINE_FINAL_TYPE (AllianceCaseloadRow, alliance_caseload_row, GTK_TYPE_WIDGET)

static void
drop_layouts (AllianceCaseloadRow *self)
{
  g_clear_object (&self->name_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->initials_layout);
  g_clear_object (&self->score_layout);
  for (guint i = 0; i < MAX_ICONS; i++)
    g_clear_object (&self->icons[i]);
  g_clear_pointer (&self->sparkline_node, gsk_render_node_unref);
}

static void
clear_flags (AllianceCaseloadRow *self)
{
  for (guint i = 0; i < MAX_ICONS; i++)
    g_clear_pointer (&self->icon_tooltips[i], g_free);
  g_clear_pointer (&self->score, g_free);
  self->n_icons = 0;
  self->n_sparkline = 0;
}

static gboolean
has_sparkline (AllianceCaseloadRow *self)
{
  return self->n_sparkline >= 1 && self->sparkline_max > self->sparkline_min;
}

static int
get_score_width (AllianceCaseloadRow *self)
{
  int score_width = 0;

  if (self->score_layout != NULL)
    pango_layout_get_pixel_size (self->score_layout, &score_width, NULL);
  return score_width;
}

/* The sparkline ends just before the score, so that its last dot sits
 * next to the number it stands for and the lines of all rows line up. */
static int
get_sparkline_x (AllianceCaseloadRow *self,
                 int                  width)
{
  int score_width = get_score_width (self);

  return width - (score_width > 0 ? score_width + ICON_SPACING : 0) - SPARKLINE_WIDTH;
}

/* Where the flag icons start, left of the sparkline and the score at the
 * right edge; without icons, where the sparkline or the score starts.
 * Text gets what is left of the width. */
static int
get_icons_x (AllianceCaseloadRow *self,
             int                  width)
{
  int x = width;

  if (has_sparkline (self))
    x = get_sparkline_x (self, width) - (self->n_icons > 0 ? SPACING : 0);
  else if (self->score_layout != NULL)
    x -= get_score_width (self) + (self->n_icons > 0 ? ICON_SPACING : 0);
  if (self->n_icons > 0)
    x -= self->n_icons * ICON_SIZE + (self->n_icons - 1) * ICON_SPACING;
  return x;
}

static void
lookup_severity_color (GtkWidget            *widget,
                       AllianceFlagSeverity  severity,
                       const GdkRGBA        *dim,
                       GdkRGBA              *color)
{
  const char *name = severity == ALLIANCE_FLAG_SEVERITY_URGENT    ? "error_color"
                     : severity == ALLIANCE_FLAG_SEVERITY_WARNING ? "warning_color"
                                                                  : NULL;

  *color = *dim;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (name != NULL)
    gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The font's line height, in Pango units. Every row has the same font,
 * and pango_context_get_metrics() shapes a sample text each time: it is
 * asked again only when the font, the resolution or the language change
 * (hundreds of rows are measured at start-up). */
static int
font_height (PangoContext *context)
{
  static PangoFontDescription *font;
  static PangoFontMap *font_map;
  static PangoLanguage *language;
  static double resolution;
  static int height;
  const PangoFontDescription *current = pango_context_get_font_description (context);

  if (font == NULL || !pango_font_description_equal (font, current) ||
      font_map != pango_context_get_font_map (context) || language != pango_context_get_language (context) ||
      resolution != pango_cairo_context_get_resolution (context))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      height = pango_font_metrics_get_height (metrics);
      pango_font_metrics_unref (metrics);
      g_clear_pointer (&font, pango_font_description_free);
      font = pango_font_description_copy (current);
      font_map = pango_context_get_font_map (context);
      language = pango_context_get_language (context);
      resolution = pango_cairo_context_get_resolution (context);
    }
  return height;
}

static int
line_height (GtkWidget *widget,
             double     scale)
{
  return (int)((font_height (gtk_widget_get_pango_context (widget)) * scale) / PANGO_SCALE + 0.5);
}

static void
alliance_caseload_row_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Names ellipsize, so any width works; ask for room for a long one. */
      AllianceCaseloadRow *self = ALLIANCE_CASELOAD_ROW (widget);
      /* Icons and a score such as "24/30" stay whole; the name gives way. */
      int trailing = self->n_icons * (ICON_SIZE + ICON_SPACING) + (self->score ? 48 : 0)
                     + (has_sparkline (self) ? SPARKLINE_WIDTH + ICON_SPACING : 0);

      *minimum = AVATAR_SIZE + SPACING + 48 + trailing;
      *natural = AVATAR_SIZE + SPACING + 240 + trailing;
    }
  else
    {
      int text = line_height (widget, 1.0) + line_height (widget, SUBTITLE_SCALE);

      *minimum = *natural = MAX (AVATAR_SIZE, text) + 2 * MARGIN_Y;
    }
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             double      scale,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* The totals as a polyline over the measure's whole range (never zoomed
 * in, so a one-point wobble stays small), the latest as a dot at the
 * right end (alone when there is only one). A rating is a fixed step
 * wide, so a short history draws a short line, not a stretched one. */
static GskRenderNode *
make_sparkline_node (AllianceCaseloadRow *self,
                     const GdkRGBA       *color)
{
  const double inset = SPARKLINE_DOT_RADIUS;
  const double x_step = (SPARKLINE_WIDTH - 2 * inset) / (ALLIANCE_CLIENT_FLAGS_MAX_RECENT - 1);
  double y_scale = (SPARKLINE_HEIGHT - 2 * inset) / (self->sparkline_max - self->sparkline_min);
  GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, SPARKLINE_WIDTH, SPARKLINE_HEIGHT));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);
  double x = 0, y = 0;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, SPARKLINE_LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < self->n_sparkline; i++)
    {
      double value = CLAMP (self->sparkline[i], self->sparkline_min, self->sparkline_max);

      x = SPARKLINE_WIDTH - inset - (self->n_sparkline - 1 - i) * x_step;
      y = SPARKLINE_HEIGHT - inset - (value - self->sparkline_min) * y_scale;
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (self->n_sparkline > 1)
    cairo_stroke (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, SPARKLINE_DOT_RADIUS, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  return node;
}

static void
alliance_caseload_row_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AllianceCaseloadRow *self = ALLIANCE_CASELOAD_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_x = AVATAR_SIZE + SPACING;
  int name_height, subtitle_height;
  int icons_x, text_width;
  GdkRGBA color, dim;

  if (self->name == NULL)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = color;
  dim.alpha *= DIM_ALPHA;

  if (self->initials_layout == NULL)
    self->initials_layout = alliance_initials_make_layout (widget, self->initials, AVATAR_SIZE);
  alliance_initials_append (snapshot, self->initials_layout, self->color_index, 0,
                            (height - AVATAR_SIZE) / 2.0f, AVATAR_SIZE);

  if (self->name_layout == NULL)
    {
      self->name_layout = make_layout (widget, self->name, 1.0, FALSE);
      self->subtitle_layout = make_layout (widget, self->subtitle, SUBTITLE_SCALE, FALSE);
      if (self->score != NULL)
        {
          self->score_layout = make_layout (widget, self->score, SUBTITLE_SCALE, FALSE);
          pango_layout_set_ellipsize (self->score_layout, PANGO_ELLIPSIZE_NONE);
        }
    }
  icons_x = get_icons_x (self, width);
  text_width = MAX (icons_x - (icons_x < width ? SPACING : 0) - text_x, 1);
  pango_layout_set_width (self->name_layout, text_width * PANGO_SCALE);
  pango_layout_set_width (self->subtitle_layout, text_width * PANGO_SCALE);
  pango_layout_get_pixel_size (self->name_layout, NULL, &name_height);
  pango_layout_get_pixel_size (self->subtitle_layout, NULL, &subtitle_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text_x, (height - name_height - subtitle_height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, self->name_layout, &color);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, name_height));
  gtk_snapshot_append_layout (snapshot, self->subtitle_layout, &dim);
  gtk_snapshot_restore (snapshot);

  for (guint i = 0; i < self->n_icons; i++)
    {
      GdkRGBA colors[4];

      if (self->icons[i] == NULL)
        self->icons[i] = GDK_PAINTABLE (
          gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                      self->icon_names[i], NULL, ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                      gtk_widget_get_direction (widget), 0));

      /* Symbolic icons take the severity's colour as their foreground. */
      lookup_severity_color (widget, self->icon_severities[i], &dim, &colors[0]);
      lookup_severity_color (widget, ALLIANCE_FLAG_SEVERITY_URGENT, &dim, &colors[1]);
      lookup_severity_color (widget, ALLIANCE_FLAG_SEVERITY_WARNING, &dim, &colors[2]);
      colors[3] = colors[0];

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (icons_x + i * (ICON_SIZE + ICON_SPACING),
                                                              (height - ICON_SIZE) / 2.0f));
      if (GTK_IS_SYMBOLIC_PAINTABLE (self->icons[i]))
        gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icons[i]), snapshot, ICON_SIZE,
                                                  ICON_SIZE, colors, G_N_ELEMENTS (colors));
      else
        gdk_paintable_snapshot (self->icons[i], snapshot, ICON_SIZE, ICON_SIZE);
      gtk_snapshot_restore (snapshot);
    }

  if (has_sparkline (self))
    {
      if (self->sparkline_node == NULL)
        self->sparkline_node = make_sparkline_node (self, &dim);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (get_sparkline_x (self, width),
                                                              (height - SPARKLINE_HEIGHT) / 2.0f));
      gtk_snapshot_append_node (snapshot, self->sparkline_node);
      gtk_snapshot_restore (snapshot);
    }

  if (self->score_layout != NULL)
    {
      int score_width, score_height;

      pango_layout_get_pixel_size (self->score_layout, &score_width, &score_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - score_width, (height - score_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, self->score_layout, &dim);
      gtk_snapshot_restore (snapshot);
    }
}

/* Each flag icon says what it means: its title and the reason. */
static gboolean
alliance_caseload_row_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard_mode,
                                     GtkTooltip *tooltip)
{
  AllianceCaseloadRow *self = ALLIANCE_CASELOAD_ROW (widget);
  int icons_x = get_icons_x (self, gtk_widget_get_width (widget));
  int slot;

  if (self->n_icons == 0)
    return FALSE;
  if (keyboard_mode)
    slot = 0;
  else
    {
      if (x < icons_x - ICON_SPACING / 2)
        return FALSE;
      slot = (x - icons_x + ICON_SPACING / 2) / (ICON_SIZE + ICON_SPACING);
      if (slot >= (int)self->n_icons)
        return FALSE;
    }

  gtk_tooltip_set_text (tooltip, self->icon_tooltips[slot]);
  return TRUE;
}

static void
alliance_caseload_row_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (alliance_caseload_row_parent_class)->css_changed (widget, change);

  /* Fonts or colours may differ now (dark mode, large text). */
  drop_layouts (ALLIANCE_CASELOAD_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
alliance_caseload_row_finalize (GObject *object)
{
  AllianceCaseloadRow *self = (AllianceCaseloadRow *)object;

  drop_layouts (self);
  clear_flags (self);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->initials, g_free);

  G_OBJECT_CLASS (alliance_caseload_row_parent_class)->finalize (object);
}

static void
alliance_caseload_row_class_init (AllianceCaseloadRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = alliance_caseload_row_finalize;
  widget_class->measure = alliance_caseload_row_measure;
  widget_class->snapshot = alliance_caseload_row_snapshot;
  widget_class->css_changed = alliance_caseload_row_css_changed;
  widget_class->query_tooltip = alliance_caseload_row_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "caseloadrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
alliance_caseload_row_init (AllianceCaseloadRow *self)
{
}

GtkWidget *
alliance_caseload_row_new (void)
{
  return g_object_new (ALLIANCE_TYPE_CASELOAD_ROW, NULL);
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Totals are whole numbers on every built-in measure; keep one decimal otherwise. */
  if (value == (double)(gint64)value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)value);
  g_snprintf (buffer, sizeof buffer, "%.1f", value);
  return g_strdup (buffer);
}

static void
take_flags (AllianceCaseloadRow       *self,
            const AllianceClientFlags *flags,
            GString                   *label,
            GString                   *description)
{
  g_autoptr(GString) titles = g_string_new (NULL);

  if (flags == NULL)
    return;

  for (guint i = 0; i < flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);
      const char *title = alliance_flag_get_title (flag->id);

      if (i < MAX_ICONS)
        {
          self->icon_names[i] = alliance_flag_get_icon_name (flag->id);
          self->icon_severities[i] = flag->severity;
          self->icon_tooltips[i] = flag->reason ? g_strdup_printf ("%s\n%s", title, flag->reason) : g_strdup (title);
          self->n_icons++;
        }
      else
        {
          /* The last icon speaks for the flags without one of their own. */
          char *more = g_strdup_printf ("%s\n%s", self->icon_tooltips[MAX_ICONS - 1], title);

          g_free (self->icon_tooltips[MAX_ICONS - 1]);
          self->icon_tooltips[MAX_ICONS - 1] = more;
        }

      if (titles->len > 0)
        /* Translators: separates flag titles in a list read by a screen reader */
        g_string_append (titles, _(", "));
      g_string_append (titles, title);
      if (flag->reason != NULL)
        {
          if (description->len > 0)
            g_string_append_c (description, ' ');
          g_string_append (description, flag->reason);
        }
    }

  if (titles->len > 0)
    {
      g_string_append (label, ". ");
      /* Translators: what a screen reader says for a flagged client in the
       * caseload, e.g. "Needs attention: Alliance below cut-off, Rupture not repaired" */
      g_string_append_printf (label, _("Needs attention: %s"), titles->str);
    }

  if (flags->has_alliance && flags->alliance_max > 0)
    {
      g_autofree char *total = format_number (flags->alliance_total);
      g_autofree char *max = format_number (flags->alliance_max);

      /* Translators: the latest alliance score at the end of a caseload row, e.g. "24/30" */
      self->score = g_strdup_printf (_("%s/%s"), total, max);
      g_string_append (label, ". ");
      /* Translators: what a screen reader says for the score, e.g. "Latest alliance score 24 out of 30" */
      g_string_append_printf (label, _("Latest alliance score %s out of %s"), total, max);
    }

  if (flags->has_alliance && flags->n_recent_alliance > 0)
    {
      guint n = MIN (flags->n_recent_alliance, G_N_ELEMENTS (self->sparkline));
      const double *recent = flags->recent_alliance + flags->n_recent_alliance - n;
      g_autofree char *first = format_number (recent[0]);
      g_autofree char *last = format_number (recent[n - 1]);

      memcpy (self->sparkline, recent, n * sizeof (double));
      self->n_sparkline = n;
      self->sparkline_min = flags->alliance_min;
      self->sparkline_max = flags->alliance_max;

      /* The sparkline in words; one rating is a score, not a trend. */
      if (n < 2)
        return;
      if (description->len > 0)
        g_string_append_c (description, ' ');
      g_string_append_printf (description,
                              /* Translators: what a screen reader says for the small
                               * line of recent alliance scores in a caseload row */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Alliance over the last %u rating: from %s to %s.",
                                           "Alliance over the last %u ratings: from %s to %s.",
                                           n),
                              n, first, last);
    }
}

/**
 * alliance_caseload_row_set_client:
 * @summary: (nullable): the client to show, or %NULL while the row waits
 *   to be reused
 * @flags: (nullable): the client's flags and latest alliance score
 */
void
alliance_caseload_row_set_client (AllianceCaseloadRow       *self,
                                  AllianceClientSummary     *summary,
                                  const AllianceClientFlags *flags)
{
  g_return_if_fail (ALLIANCE_IS_CASELOAD_ROW (self));

  drop_layouts (self);
  clear_flags (self);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->initials, g_free);

  if (summary != NULL)
    {
      g_autoptr(GString) label = g_string_new (NULL);
      g_autoptr(GString) description = g_string_new (NULL);

      self->name = g_strdup (alliance_client_summary_get_display_name (summary));
      self->subtitle = alliance_client_summary_dup_subtitle (summary);
      self->initials = alliance_initials_from_name (self->name);
      self->color_index = alliance_initials_color_index (self->name);

      /* What a screen reader says for the row: the same words as on
       * screen, the flags' titles in words, their reasons as the description. */
      g_string_append_printf (label, "%s, %s", self->name, self->subtitle);
      take_flags (self, flags, label, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                      -1);
    }

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), self->n_icons > 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * alliance_caseload_row_set_summary:
 * @summary: (nullable): an item of an #AllianceCaseloadModel, or %NULL
 *   while the row waits to be reused
 *
 * Shows the client with the flags the item carries.
 */
void
alliance_caseload_row_set_summary (AllianceCaseloadRow   *self,
                                   AllianceClientSummary *summary)
{
  alliance_caseload_row_set_client (self, summary, summary ? alliance_caseload_item_get_flags (summary) : NULL);
}

/* What the flag icon at @index says in its tooltip, or NULL: for tests. */
const char *
alliance_caseload_row_get_icon_tooltip (AllianceCaseloadRow *self,
                                        guint                index)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_ROW (self), NULL);

  return index < self->n_icons ? self->icon_tooltips[index] : NULL;
}

/* The latest alliance score as shown ("24/30"), or NULL: for tests. */
const char *
alliance_caseload_row_get_score (AllianceCaseloadRow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_ROW (self), NULL);

  return self->score;
}

/* How many totals the sparkline draws (0: none): for tests. */
guint
alliance_caseload_row_get_n_sparkline_points (AllianceCaseloadRow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_ROW (self), 0);

  return has_sparkline (self) ? self->n_sparkline : 0;
}

/* The name the row shows, or NULL: for tests. */
const char *
alliance_caseload_row_get_name (AllianceCaseloadRow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_ROW (self), NULL);

  return self->name;
}
