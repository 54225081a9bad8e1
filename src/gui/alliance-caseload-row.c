/* alliance-caseload-row.c */
#define G_LOG_DOMAIN "alliance-caseload-row"

#include "config.h"

#include "alliance-caseload-row.h"
#include "alliance-initials.h"

#define AVATAR_SIZE 32
#define SPACING 12
#define MARGIN_Y 6
#define SUBTITLE_SCALE PANGO_SCALE_SMALL
#define DIM_ALPHA 0.55f

struct _AllianceCaseloadRow
{
  GtkWidget    parent_instance;

  char        *name;
  char        *subtitle;
  char        *initials;
  guint        color_index;

  /* Built on first draw, dropped when the text or the style changes. */
  PangoLayout *name_layout;
  PangoLayout *subtitle_layout;
  PangoLayout *initials_layout;
};

G_DEFINE_FINAL_TYPE (AllianceCaseloadRow, alliance_caseload_row, GTK_TYPE_WIDGET)

static void
drop_layouts (AllianceCaseloadRow *self)
{
  g_clear_object (&self->name_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->initials_layout);
}

static int
line_height (GtkWidget *widget,
             double     scale)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int height = (int)((pango_font_metrics_get_height (metrics) * scale) / PANGO_SCALE + 0.5);

  pango_font_metrics_unref (metrics);
  return height;
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
      *minimum = AVATAR_SIZE + SPACING + 48;
      *natural = AVATAR_SIZE + SPACING + 240;
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

static void
alliance_caseload_row_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AllianceCaseloadRow *self = ALLIANCE_CASELOAD_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_x = AVATAR_SIZE + SPACING;
  int name_height, subtitle_height;
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
    }
  pango_layout_set_width (self->name_layout, MAX (width - text_x, 1) * PANGO_SCALE);
  pango_layout_set_width (self->subtitle_layout, MAX (width - text_x, 1) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->name_layout, NULL, &name_height);
  pango_layout_get_pixel_size (self->subtitle_layout, NULL, &subtitle_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text_x, (height - name_height - subtitle_height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, self->name_layout, &color);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, name_height));
  gtk_snapshot_append_layout (snapshot, self->subtitle_layout, &dim);
  gtk_snapshot_restore (snapshot);
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

/**
 * alliance_caseload_row_set_summary:
 * @summary: (nullable): the client to show, or %NULL while the row waits
 *   to be reused
 */
void
alliance_caseload_row_set_summary (AllianceCaseloadRow   *self,
                                   AllianceClientSummary *summary)
{
  g_autofree char *accessible_label = NULL;

  g_return_if_fail (ALLIANCE_IS_CASELOAD_ROW (self));

  drop_layouts (self);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->initials, g_free);

  if (summary != NULL)
    {
      self->name = g_strdup (alliance_client_summary_get_display_name (summary));
      self->subtitle = alliance_client_summary_dup_subtitle (summary);
      self->initials = alliance_initials_from_name (self->name);
      self->color_index = alliance_initials_color_index (self->name);

      /* What a screen reader says for the row: the same words as on screen. */
      accessible_label = g_strdup_printf ("%s, %s", self->name, self->subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The name the row shows, or NULL: for tests. */
const char *
alliance_caseload_row_get_name (AllianceCaseloadRow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_ROW (self), NULL);

  return self->name;
}
