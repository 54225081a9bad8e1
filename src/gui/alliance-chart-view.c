/* alliance-chart-view.c
 *
 * Draws in snapshot() through the core renderer with a layout kept between
 * frames: it is recomputed when the data, the size or the style change,
 * never on a plain redraw (hover, focus). Hover and the keyboard use the
 * layout's placed points, so what is announced is what is drawn.
 */
#define G_LOG_DOMAIN "alliance-chart-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "alliance-interpretation.h"
#include "alliance-chart-layout.h"
#include "alliance-chart-renderer.h"
#include "alliance-chart-style.h"
#include "alliance-chart-view.h"
#include "alliance-date.h"

/* How far from a point the pointer may be, in pixels, to hover it. */
#define HOVER_TOLERANCE 24.0
#define FOCUS_RING_RADIUS 9.0

struct _AllianceChartView
{
  GtkWidget            parent_instance;

  AllianceChartData   *data;
  AllianceChartStyle   style;
  gboolean             style_ready;
  AllianceChartLayout *layout;
  int                  layout_width;
  int                  layout_height;

  int                  focus_index;
  int                  hover_index;
};

enum {
  PROP_0,
  PROP_FOCUS_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllianceChartView, alliance_chart_view, GTK_TYPE_WIDGET)

static char *
format_date (const char *iso_date)
{
  char *text = alliance_date_format (iso_date);
  return text != NULL ? text : g_strdup (iso_date);
}

static const AllianceChartPoint *
get_score_point (AllianceChartView *self,
                 int                index)
{
  const AllianceChartSeries *score;

  if (self->data == NULL || index < 0)
    return NULL;
  score = alliance_chart_data_get_score (self->data);
  if (score == NULL || (guint) index >= score->points->len)
    return NULL;
  return &g_array_index (score->points, AllianceChartPoint, index);
}

static guint
count_ruptures (const AllianceChartData *data)
{
  guint n = 0;

  for (guint i = 0; data->events != NULL && i < data->events->len; i++)
    if (g_array_index (data->events, AllianceChartEvent, i).kind == ALLIANCE_EVENT_RUPTURE)
      n++;
  return n;
}

static char *
describe_trend (const AllianceChartData *data)
{
  const AllianceChartSeries *score = data != NULL ? alliance_chart_data_get_score (data) : NULL;
  const AllianceChartPoint *first, *latest, *lowest;
  g_autofree char *first_value = NULL, *first_date = NULL;
  g_autofree char *latest_value = NULL, *latest_date = NULL;
  g_autofree char *lowest_value = NULL, *lowest_date = NULL;
  GString *text;
  guint ruptures;

  if (score == NULL || score->points->len == 0)
    return g_strdup (_("No scores yet"));

  first = &g_array_index (score->points, AllianceChartPoint, 0);
  latest = &g_array_index (score->points, AllianceChartPoint, score->points->len - 1);
  lowest = first;
  for (guint i = 1; i < score->points->len; i++)
    {
      const AllianceChartPoint *point = &g_array_index (score->points, AllianceChartPoint, i);
      if (point->value < lowest->value)
        lowest = point;
    }

  first_value = alliance_interpretation_format_number (first->value);
  first_date = format_date (first->date);
  text = g_string_new (NULL);
  if (score->points->len == 1)
    /* Translators: chart summary for a screen reader: series name, score, date */
    g_string_append_printf (text, _("%s: one score so far, %s on %s."), score->label, first_value, first_date);
  else
    {
      latest_value = alliance_interpretation_format_number (latest->value);
      latest_date = format_date (latest->date);
      lowest_value = alliance_interpretation_format_number (lowest->value);
      lowest_date = format_date (lowest->date);
      /* Translators: chart summary for a screen reader: series name, then
       * value and date of the first, the latest and the lowest score */
      g_string_append_printf (text, _("%s: first %s on %s, latest %s on %s, lowest %s on %s."),
                              score->label, first_value, first_date, latest_value, latest_date,
                              lowest_value, lowest_date);
    }

  ruptures = count_ruptures (data);
  g_string_append_c (text, ' ');
  if (ruptures == 0)
    g_string_append (text, _("No ruptures recorded."));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u rupture recorded.", "%u ruptures recorded.",
                                               ruptures), ruptures);
  return g_string_free (text, FALSE);
}

static void
update_description (AllianceChartView *self)
{
  g_autofree char *text = alliance_chart_view_dup_summary (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
invalidate_layout (AllianceChartView *self)
{
  g_clear_pointer (&self->layout, alliance_chart_layout_unref);
}

/* Reads the style again. The layout measures text, so it is recomputed
 * only when the font changes: colours (hover, focus, dark) need a redraw,
 * not a new layout. */
static void
load_style (AllianceChartView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *old_family = NULL;
  double old_size = 0;
  GtkStyleContext *context;
  GdkRGBA color;

  if (self->style_ready)
    {
      old_family = g_strdup (self->style.font_family);
      old_size = self->style.font_size;
      alliance_chart_style_clear (&self->style);
    }
  if (adw_style_manager_get_dark (manager))
    alliance_chart_style_init_dark (&self->style);
  else
    alliance_chart_style_init_light (&self->style);
  self->style_ready = TRUE;

  /* The theme's own text and accent colours, so high contrast and a
   * changed accent follow; the rest keeps the renderer's palette. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &color);
  self->style.foreground = (AllianceChartColor) { color.red, color.green, color.blue, color.alpha };
  if (gtk_style_context_lookup_color (context, "accent_color", &color))
    self->style.score = (AllianceChartColor) { color.red, color.green, color.blue, 1.0 };
  G_GNUC_END_IGNORE_DEPRECATIONS
  self->style.background.alpha = 0;

  if (g_strcmp0 (old_family, self->style.font_family) != 0 || old_size != self->style.font_size)
    invalidate_layout (self);
}


static AllianceChartLayout *
ensure_layout (AllianceChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->data == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->layout != NULL && width == self->layout_width && height == self->layout_height)
    return self->layout;

  if (!self->style_ready)
    load_style (self);
  g_clear_pointer (&self->layout, alliance_chart_layout_unref);
  self->layout = alliance_chart_layout_new (self->data, &self->style,
                                            gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                            width, height);
  self->layout_width = width;
  self->layout_height = height;
  return self->layout;
}

static gboolean
find_placed_point (AllianceChartView *self,
                   int                index,
                   double            *x,
                   double            *y)
{
  AllianceChartLayout *layout = ensure_layout (self);
  GArray *points;

  if (layout == NULL || index < 0)
    return FALSE;
  points = alliance_chart_layout_get_points (layout);
  for (guint i = 0; i < points->len; i++)
    {
      const AllianceChartPlacedPoint *placed = &g_array_index (points, AllianceChartPlacedPoint, i);
      if (placed->series_index == 0 && placed->point_index == (guint) index)
        {
          *x = placed->x;
          *y = placed->y;
          return TRUE;
        }
    }
  return FALSE;
}

static void
set_focus_index (AllianceChartView *self,
                 int                index)
{
  if (self->focus_index == index)
    return;
  self->focus_index = index;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_INDEX]);
}

static void
pointer_moved_cb (AllianceChartView        *self,
                  double                    x,
                  double                    y,
                  GtkEventControllerMotion *controller)
{
  AllianceChartLayout *layout = ensure_layout (self);
  int index = layout != NULL ? alliance_chart_layout_find_point (layout, x, HOVER_TOLERANCE) : -1;

  if (index != self->hover_index)
    {
      self->hover_index = index;
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }
}

static void
pointer_left_cb (AllianceChartView        *self,
                 GtkEventControllerMotion *controller)
{
  self->hover_index = -1;
}

/* A click puts the keyboard's point where the pointer is, so the arrow
 * keys go on from there. */
static void
clicked_cb (AllianceChartView *self,
            int                n_press,
            double             x,
            double             y,
            GtkGestureClick   *gesture)
{
  AllianceChartLayout *layout = ensure_layout (self);
  int index = layout != NULL ? alliance_chart_layout_find_point (layout, x, HOVER_TOLERANCE) : -1;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (index >= 0)
    set_focus_index (self, index);
}

static gboolean
key_pressed_cb (AllianceChartView     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  guint n = self->data != NULL ? alliance_chart_data_count_scores (self->data) : 0;
  int index = self->focus_index;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      index = index < 0 ? (int) n - 1 : MAX (index - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      index = index < 0 ? 0 : MIN (index + 1, (int) n - 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      index = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      index = n - 1;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  set_focus_index (self, index);
  return GDK_EVENT_STOP;
}

static gboolean
query_tooltip_cb (AllianceChartView *self,
                  int                x,
                  int                y,
                  gboolean           keyboard_mode,
                  GtkTooltip        *tooltip)
{
  AllianceChartLayout *layout = ensure_layout (self);
  g_autofree char *text = NULL;
  int index;
  double px, py;

  if (layout == NULL)
    return FALSE;
  index = keyboard_mode ? self->focus_index : alliance_chart_layout_find_point (layout, x, HOVER_TOLERANCE);
  text = alliance_chart_view_describe_point (self, index);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  if (find_placed_point (self, index, &px, &py))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { px - 6, py - 6, 12, 12 });
  return TRUE;
}

static void
dark_changed_cb (AllianceChartView *self)
{
  load_style (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
alliance_chart_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  AllianceChartView *self = ALLIANCE_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  AllianceChartLayout *layout = ensure_layout (self);
  cairo_t *cr;
  double x, y;

  if (layout == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  alliance_chart_draw_with_layout (cr, layout, self->data, &self->style);

  /* The keyboard's point: a ring, so it does not rely on colour. */
  if (gtk_widget_has_focus (widget) && find_placed_point (self, self->focus_index, &x, &y))
    {
      const AllianceChartColor *c = &self->style.foreground;

      cairo_new_path (cr);
      cairo_arc (cr, x, y, FOCUS_RING_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
alliance_chart_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  AllianceChartView *self = ALLIANCE_CHART_VIEW (widget);

  if (width != self->layout_width || height != self->layout_height)
    invalidate_layout (self);
}

static void
alliance_chart_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 600;
    }
  else
    {
      *minimum = 200;
      *natural = 320;
    }
}

static void
alliance_chart_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  AllianceChartView *self = ALLIANCE_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (alliance_chart_view_parent_class)->css_changed (widget, change);
  load_style (self);
  gtk_widget_queue_draw (widget);
}

static void
alliance_chart_view_focus_changed (AllianceChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
alliance_chart_view_dispose (GObject *object)
{
  AllianceChartView *self = ALLIANCE_CHART_VIEW (object);

  invalidate_layout (self);
  g_clear_pointer (&self->data, alliance_chart_data_free);

  G_OBJECT_CLASS (alliance_chart_view_parent_class)->dispose (object);
}

static void
alliance_chart_view_finalize (GObject *object)
{
  AllianceChartView *self = ALLIANCE_CHART_VIEW (object);

  if (self->style_ready)
    alliance_chart_style_clear (&self->style);

  G_OBJECT_CLASS (alliance_chart_view_parent_class)->finalize (object);
}

static void
alliance_chart_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AllianceChartView *self = ALLIANCE_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOCUS_INDEX:
      g_value_set_int (value, self->focus_index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_chart_view_class_init (AllianceChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_chart_view_dispose;
  object_class->finalize = alliance_chart_view_finalize;
  object_class->get_property = alliance_chart_view_get_property;

  widget_class->snapshot = alliance_chart_view_snapshot;
  widget_class->size_allocate = alliance_chart_view_size_allocate;
  widget_class->measure = alliance_chart_view_measure;
  widget_class->css_changed = alliance_chart_view_css_changed;

  properties[PROP_FOCUS_INDEX] =
    g_param_spec_int ("focus-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
alliance_chart_view_init (AllianceChartView *self)
{
  GtkEventController *controller;

  self->focus_index = -1;
  self->hover_index = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (alliance_chart_view_focus_changed), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (pointer_moved_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (pointer_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect_swapped (controller, "pressed", G_CALLBACK (clicked_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alliance over time"),
                                  -1);
  update_description (self);
}

GtkWidget *
alliance_chart_view_new (void)
{
  return g_object_new (ALLIANCE_TYPE_CHART_VIEW, NULL);
}

void
alliance_chart_view_set_data (AllianceChartView       *self,
                              const AllianceChartData *data)
{
  g_return_if_fail (ALLIANCE_IS_CHART_VIEW (self));

  g_clear_pointer (&self->data, alliance_chart_data_free);
  self->data = data != NULL ? alliance_chart_data_copy (data) : NULL;
  invalidate_layout (self);
  self->hover_index = -1;
  if (self->focus_index != -1)
    {
      self->focus_index = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_INDEX]);
    }
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const AllianceChartData *
alliance_chart_view_get_data (AllianceChartView *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CHART_VIEW (self), NULL);

  return self->data;
}

int
alliance_chart_view_get_focus_index (AllianceChartView *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CHART_VIEW (self), -1);

  return self->focus_index;
}

char *
alliance_chart_view_dup_summary (AllianceChartView *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CHART_VIEW (self), NULL);

  if (self->focus_index >= 0)
    return alliance_chart_view_describe_point (self, self->focus_index);
  return describe_trend (self->data);
}

char *
alliance_chart_view_describe_point (AllianceChartView *self,
                                    int                index)
{
  const AllianceChartPoint *point;
  g_autofree char *date = NULL;
  GString *text;

  g_return_val_if_fail (ALLIANCE_IS_CHART_VIEW (self), NULL);

  point = get_score_point (self, index);
  if (point == NULL)
    return NULL;

  date = format_date (point->date);
  /* Translators: first line of a chart tooltip: session number, date */
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Session %d, %s"), point->session_number, date);

  /* Every series' value at this session: score, prediction, subscales. */
  for (guint s = 0; s < self->data->series->len; s++)
    {
      const AllianceChartSeries *series = g_ptr_array_index (self->data->series, s);

      for (guint i = 0; i < series->points->len; i++)
        {
          const AllianceChartPoint *other = &g_array_index (series->points, AllianceChartPoint, i);

          if (other->session_number == point->session_number)
            {
              g_autofree char *value = alliance_interpretation_format_number (other->value);
              g_string_append_c (text, '\n');
              /* Translators: a line of a chart tooltip: series name, value */
              g_string_append_printf (text, _("%s: %s"), series->label, value);
              break;
            }
        }
    }

  for (guint i = 0; self->data->events != NULL && i < self->data->events->len; i++)
    {
      const AllianceChartEvent *event = &g_array_index (self->data->events, AllianceChartEvent, i);

      if (event->session_number == point->session_number && event->description != NULL)
        g_string_append_printf (text, "\n%s", event->description);
    }
  return g_string_free (text, FALSE);
}
