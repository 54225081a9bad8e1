/* alliance-chart-panel.c
 *
 * Builds the client's chart data from the stores whenever the controls or
 * the client's records change, and only while shown (a hidden page keeps
 * a "dirty" mark and rebuilds when mapped). The table shows the data the
 * chart was drawn from, so the two never disagree.
 */
#define G_LOG_DOMAIN "alliance-chart-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-interpretation.h"
#include "alliance-chart-builder.h"
#include "alliance-chart-panel.h"
#include "alliance-chart-renderer.h"
#include "alliance-chart-view.h"
#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-measure-library.h"

/* Export size in pixels (PNG) or points (SVG, PDF). */
#define EXPORT_WIDTH  1200.0
#define EXPORT_HEIGHT 700.0

/* One row of the table: its cells as text. */
enum {
  COLUMN_SESSION,
  COLUMN_DATE,
  COLUMN_SCORE,
  COLUMN_PREDICTION,
  COLUMN_EVENTS,
  N_COLUMNS
};

#define ALLIANCE_TYPE_CHART_TABLE_ROW (alliance_chart_table_row_get_type ())
G_DECLARE_FINAL_TYPE (AllianceChartTableRow, alliance_chart_table_row, ALLIANCE, CHART_TABLE_ROW, GObject)

struct _AllianceChartTableRow
{
  GObject  parent_instance;
  char    *cells[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (AllianceChartTableRow, alliance_chart_table_row, G_TYPE_OBJECT)

struct _AllianceChartPanel
{
  AdwPreferencesGroup   parent_instance;

  AllianceSessionStore *session_store;
  AllianceRatingStore  *rating_store;
  gint64                client_id;
  gboolean              dirty;
  gboolean              table_dirty;       /* the table is filled when it is shown */
  gboolean              updating;
  GPtrArray            *instrument_keys;   /* char *, parallel to the instrument row's model */
  GListStore           *table_rows;

  GtkStack             *stack;
  AllianceChartView    *chart_view;
  GtkColumnView        *table_view;
  AdwComboRow          *instrument_row;
  AdwComboRow          *range_row;
  GtkToggleButton      *session_axis_button;
  GtkSwitch            *subscales_switch;
  GtkSwitch            *prediction_switch;
  GtkSwitch            *outcome_switch;
  GtkSwitch            *table_switch;
};

enum {
  PROP_0,
  PROP_SESSION_STORE,
  PROP_RATING_STORE,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllianceChartPanel, alliance_chart_panel, ADW_TYPE_PREFERENCES_GROUP)

static void
alliance_chart_table_row_finalize (GObject *object)
{
  AllianceChartTableRow *self = ALLIANCE_CHART_TABLE_ROW (object);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->cells[i]);

  G_OBJECT_CLASS (alliance_chart_table_row_parent_class)->finalize (object);
}

static void
alliance_chart_table_row_class_init (AllianceChartTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alliance_chart_table_row_finalize;
}

static void
alliance_chart_table_row_init (AllianceChartTableRow *self)
{
}

static const AllianceChartSeries *
find_series (const AllianceChartData *data,
             AllianceChartSeriesKind  kind)
{
  for (guint i = 0; i < data->series->len; i++)
    {
      const AllianceChartSeries *series = g_ptr_array_index (data->series, i);
      if (series->kind == kind)
        return series;
    }
  return NULL;
}

static char *
describe_prediction (const AllianceChartSeries *prediction,
                     int                        session_number)
{
  for (guint i = 0; prediction != NULL && i < prediction->points->len; i++)
    {
      const AllianceChartPoint *point = &g_array_index (prediction->points, AllianceChartPoint, i);
      if (point->session_number == session_number)
        return alliance_interpretation_format_number (point->value);
    }
  return g_strdup ("");
}

static char *
describe_events (const AllianceChartData *data,
                 int                      session_number)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (guint i = 0; data->events != NULL && i < data->events->len; i++)
    {
      const AllianceChartEvent *event = &g_array_index (data->events, AllianceChartEvent, i);
      if (event->session_number == session_number && event->description != NULL)
        g_strv_builder_add (builder, event->description);
    }
  parts = g_strv_builder_end (builder);
  /* Translators: separates the events of one session in the chart's table */
  return g_strjoinv (_("; "), parts);
}

static void
show_table (AllianceChartPanel      *self,
            const AllianceChartData *data)
{
  const AllianceChartSeries *score = data != NULL ? alliance_chart_data_get_score (data) : NULL;
  const AllianceChartSeries *prediction = data != NULL ? find_series (data, ALLIANCE_CHART_SERIES_PREDICTION) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; score != NULL && i < score->points->len; i++)
    {
      const AllianceChartPoint *point = &g_array_index (score->points, AllianceChartPoint, i);
      AllianceChartTableRow *row = g_object_new (ALLIANCE_TYPE_CHART_TABLE_ROW, NULL);

      row->cells[COLUMN_SESSION] = g_strdup_printf ("%d", point->session_number);
      row->cells[COLUMN_DATE] = alliance_date_format (point->date);
      row->cells[COLUMN_SCORE] = alliance_interpretation_format_number (point->value);
      row->cells[COLUMN_PREDICTION] = describe_prediction (prediction, point->session_number);
      row->cells[COLUMN_EVENTS] = describe_events (data, point->session_number);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->table_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->table_rows)),
                       rows->pdata, rows->len);
}

/* The client's instruments with scores, alliance measures first; keeps
 * the current choice when it is still there. */
static gboolean
same_instruments (AllianceChartPanel *self,
                  GPtrArray          *keys,
                  GtkStringList      *names)
{
  GListModel *shown = adw_combo_row_get_model (self->instrument_row);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (names));

  if (!GTK_IS_STRING_LIST (shown) || g_list_model_get_n_items (shown) != n || self->instrument_keys->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (g_ptr_array_index (keys, i), g_ptr_array_index (self->instrument_keys, i)) ||
        !g_str_equal (gtk_string_list_get_string (names, i), gtk_string_list_get_string (GTK_STRING_LIST (shown), i)))
      return FALSE;
  return TRUE;
}

static void
show_instruments (AllianceChartPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) administrations = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *current = NULL;
  guint selected = adw_combo_row_get_selected (self->instrument_row);
  guint keep = 0;

  if (self->instrument_keys != NULL && selected < self->instrument_keys->len)
    current = g_strdup (g_ptr_array_index (self->instrument_keys, selected));

  administrations = alliance_rating_store_list_client_administrations (self->rating_store, self->client_id, &error);
  if (administrations == NULL)
    g_debug ("Could not list administrations: %s", error->message);

  for (guint i = 0; administrations != NULL && i < administrations->len; i++)
    {
      const AllianceAdministration *administration = g_ptr_array_index (administrations, i);
      const AllianceMeasure *measure;

      if (g_ptr_array_find_with_equal_func (keys, administration->measure_key, g_str_equal, NULL) ||
          g_ptr_array_find_with_equal_func (others, administration->measure_key, g_str_equal, NULL))
        continue;
      measure = alliance_rating_store_get_measure (self->rating_store, administration->measure_key,
                                                   administration->measure_version, NULL);
      /* A prediction is drawn beside the score it predicts, not alone. */
      if (measure == NULL || measure->purpose == ALLIANCE_MEASURE_PURPOSE_PREDICTION)
        continue;
      g_ptr_array_add (measure->purpose == ALLIANCE_MEASURE_PURPOSE_ALLIANCE ? keys : others,
                       g_strdup (administration->measure_key));
    }
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (keys, g_strdup (g_ptr_array_index (others, i)));
  /* No scores yet: the row names the measure the empty chart is drawn for
   * (the chart's own default), rather than standing blank. */
  if (keys->len == 0)
    g_ptr_array_add (keys, g_strdup (ALLIANCE_MEASURE_ALLIANCE_CHECK));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const AllianceMeasure *measure = alliance_rating_store_get_current_measure (self->rating_store, key, NULL);

      gtk_string_list_append (names, measure != NULL ? measure->name : key);
      if (g_strcmp0 (key, current) == 0)
        keep = i;
    }

  /* Most clients use the same instruments: a new model would lay the
   * row out again for nothing. */
  if (same_instruments (self, keys, names))
    return;

  g_clear_pointer (&self->instrument_keys, g_ptr_array_unref);
  self->instrument_keys = g_steal_pointer (&keys);
  adw_combo_row_set_model (self->instrument_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->instrument_row, keep);
  gtk_widget_set_sensitive (GTK_WIDGET (self->instrument_row), self->instrument_keys->len > 1);
}

static char *
dup_range_start (guint range)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;

  switch (range)
    {
    case 1:
      start = g_date_time_add_months (now, -3);
      break;
    case 2:
      start = g_date_time_add_months (now, -12);
      break;
    default:
      return NULL;
    }
  return g_date_time_format (start, "%Y-%m-%d");
}

static void
update_actions (AllianceChartPanel *self)
{
  gboolean has_data = alliance_chart_view_get_data (self->chart_view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", has_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.print", has_data);
}

static void
rebuild (AllianceChartPanel *self)
{
  g_autoptr(AllianceChartData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_date = NULL;
  AllianceChartOptions options;
  guint selected;

  if (self->updating)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  if (self->session_store != NULL && self->rating_store != NULL && self->client_id != 0)
    {
      self->updating = TRUE;
      show_instruments (self);
      self->updating = FALSE;

      alliance_chart_options_init (&options);
      selected = adw_combo_row_get_selected (self->instrument_row);
      if (selected < self->instrument_keys->len)
        options.measure_key = g_ptr_array_index (self->instrument_keys, selected);
      options.x_mode = gtk_toggle_button_get_active (self->session_axis_button)
                         ? ALLIANCE_CHART_X_SESSION : ALLIANCE_CHART_X_DATE;
      options.show_subscales = gtk_switch_get_active (self->subscales_switch);
      options.show_prediction = gtk_switch_get_active (self->prediction_switch);
      options.outcome_key = gtk_switch_get_active (self->outcome_switch) ? "" : NULL;
      from_date = dup_range_start (adw_combo_row_get_selected (self->range_row));
      options.from_date = from_date;

      data = alliance_chart_data_build (self->session_store, self->rating_store, self->client_id, &options, &error);
      if (data == NULL)
        g_debug ("Could not build the chart: %s", error->message);
    }

  /* The outcome panel shares the height: give it room of its own. */
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_view), -1,
                               data != NULL && data->outcome != NULL ? 480 : 320);
  alliance_chart_view_set_data (self->chart_view, data);
  /* Hundreds of rows of text: filled only while the table is shown. */
  self->table_dirty = !gtk_switch_get_active (self->table_switch);
  if (!self->table_dirty)
    show_table (self, data);
  else
    g_list_store_remove_all (self->table_rows);
  update_actions (self);
}

static void
controls_changed_cb (AllianceChartPanel *self)
{
  rebuild (self);
}

static void
table_toggled_cb (AllianceChartPanel *self)
{
  if (gtk_switch_get_active (self->table_switch) && self->table_dirty)
    {
      self->table_dirty = FALSE;
      show_table (self, alliance_chart_view_get_data (self->chart_view));
    }
  gtk_stack_set_visible_child_name (self->stack, gtk_switch_get_active (self->table_switch) ? "table" : "chart");
}

static void
store_changed_cb (AllianceChartPanel *self,
                  gint64              client_id,
                  gpointer            store)
{
  if (client_id == self->client_id || client_id == 0)
    rebuild (self);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  AllianceChartTableRow *row = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (user_data);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), row->cells[column]);
}

static void
add_columns (AllianceChartPanel *self)
{
  const char *titles[N_COLUMNS] = {
    [COLUMN_SESSION] = N_("Session"),
    [COLUMN_DATE] = N_("Date"),
    [COLUMN_SCORE] = N_("Score"),
    [COLUMN_PREDICTION] = N_("Prediction"),
    [COLUMN_EVENTS] = N_("Events"),
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_expand (column, i == COLUMN_EVENTS);
      gtk_column_view_append_column (self->table_view, column);
    }
}

static gboolean
write_image (const char  *path,
             gpointer     user_data,
             GError     **error)
{
  AllianceChartPanel *self = user_data;
  const AllianceChartData *data = alliance_chart_view_get_data (self->chart_view);
  AllianceChartFormat format;
  AllianceChartStyle style;
  gboolean written;

  if (data == NULL)
    return TRUE;
  if (!alliance_chart_format_from_path (path, &format))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose a file name ending in .png, .svg or .pdf."));
      return FALSE;
    }
  /* Paper colours: an exported chart goes into letters and reports. */
  alliance_chart_style_init_print (&style);
  written = alliance_chart_export (data, &style, format, EXPORT_WIDTH, EXPORT_HEIGHT, path, error);
  alliance_chart_style_clear (&style);
  return written;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG, SVG or PDF"));
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "pdf");
  alliance_dialogs_export_file (widget, _("Export Image"),
                                /* Translators: suggested file name of an exported chart; keep the extension */
                                _("alliance-over-time.png"),
                                filter, _("Could Not Export the Chart"), write_image, widget, NULL);
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page,
              AllianceChartPanel *self)
{
  const AllianceChartData *data = alliance_chart_view_get_data (self->chart_view);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = MIN (gtk_print_context_get_height (context), width * 0.6);
  AllianceChartStyle style;

  if (data == NULL)
    return;
  alliance_chart_style_init_print (&style);
  alliance_chart_draw (cr, width, height, data, &style);
  alliance_chart_style_clear (&style);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AllianceChartPanel *self = ALLIANCE_CHART_PANEL (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Alliance Over Time"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    alliance_dialogs_show_error (widget, _("Could Not Print the Chart"), error);
}

static void
set_store (AllianceChartPanel *self,
           gpointer           *field,
           gpointer            store,
           GParamSpec         *pspec)
{
  if (*field == store)
    return;
  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, self);
  g_set_object ((GObject **) field, store);
  if (store != NULL)
    /* Not on each note autosave: a draft changes nothing the chart shows. */
    g_signal_connect_object (store, "changed::record", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
alliance_chart_panel_map (GtkWidget *widget)
{
  AllianceChartPanel *self = ALLIANCE_CHART_PANEL (widget);

  GTK_WIDGET_CLASS (alliance_chart_panel_parent_class)->map (widget);
  if (self->dirty)
    rebuild (self);
}

static void
alliance_chart_panel_dispose (GObject *object)
{
  AllianceChartPanel *self = ALLIANCE_CHART_PANEL (object);

  if (self->session_store != NULL)
    g_signal_handlers_disconnect_by_data (self->session_store, self);
  if (self->rating_store != NULL)
    g_signal_handlers_disconnect_by_data (self->rating_store, self);
  g_clear_object (&self->session_store);
  g_clear_object (&self->rating_store);
  /* No gtk_widget_dispose_template (): the template's children belong to
   * AdwPreferencesGroup's box, whose own dispose unparents them. */

  G_OBJECT_CLASS (alliance_chart_panel_parent_class)->dispose (object);
}

static void
alliance_chart_panel_finalize (GObject *object)
{
  AllianceChartPanel *self = ALLIANCE_CHART_PANEL (object);

  g_clear_pointer (&self->instrument_keys, g_ptr_array_unref);
  g_clear_object (&self->table_rows);

  G_OBJECT_CLASS (alliance_chart_panel_parent_class)->finalize (object);
}

static void
alliance_chart_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AllianceChartPanel *self = ALLIANCE_CHART_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION_STORE:
      g_value_set_object (value, self->session_store);
      break;

    case PROP_RATING_STORE:
      g_value_set_object (value, self->rating_store);
      break;

    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_chart_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AllianceChartPanel *self = ALLIANCE_CHART_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION_STORE:
      set_store (self, (gpointer *) &self->session_store, g_value_get_object (value), pspec);
      break;

    case PROP_RATING_STORE:
      set_store (self, (gpointer *) &self->rating_store, g_value_get_object (value), pspec);
      break;

    case PROP_CLIENT_ID:
      alliance_chart_panel_set_client_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_chart_panel_class_init (AllianceChartPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_chart_panel_dispose;
  object_class->finalize = alliance_chart_panel_finalize;
  object_class->get_property = alliance_chart_panel_get_property;
  object_class->set_property = alliance_chart_panel_set_property;
  widget_class->map = alliance_chart_panel_map;

  properties[PROP_SESSION_STORE] =
    g_param_spec_object ("session-store", NULL, NULL, ALLIANCE_TYPE_SESSION_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RATING_STORE] =
    g_param_spec_object ("rating-store", NULL, NULL, ALLIANCE_TYPE_RATING_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "chart.print", NULL, print_action);

  g_type_ensure (ALLIANCE_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-chart-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, table_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, instrument_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, range_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, session_axis_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, subscales_switch);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, prediction_switch);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, outcome_switch);
  gtk_widget_class_bind_template_child (widget_class, AllianceChartPanel, table_switch);
  gtk_widget_class_bind_template_callback (widget_class, controls_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_toggled_cb);
}

static void
alliance_chart_panel_init (AllianceChartPanel *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  self->updating = TRUE;   /* the template's initial values are not changes */
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;

  self->instrument_keys = g_ptr_array_new_with_free_func (g_free);
  self->table_rows = g_list_store_new (ALLIANCE_TYPE_CHART_TABLE_ROW);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->table_rows)));
  gtk_column_view_set_model (self->table_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);
  self->dirty = TRUE;
  update_actions (self);
}

GtkWidget *
alliance_chart_panel_new (AllianceSessionStore *session_store,
                          AllianceRatingStore  *rating_store,
                          gint64                client_id)
{
  return g_object_new (ALLIANCE_TYPE_CHART_PANEL,
                       "session-store", session_store,
                       "rating-store", rating_store,
                       "client-id", client_id,
                       NULL);
}

void
alliance_chart_panel_set_client_id (AllianceChartPanel *self,
                                    gint64              client_id)
{
  g_return_if_fail (ALLIANCE_IS_CHART_PANEL (self));

  if (self->client_id == client_id)
    return;
  self->client_id = client_id;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

gint64
alliance_chart_panel_get_client_id (AllianceChartPanel *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CHART_PANEL (self), 0);

  return self->client_id;
}
