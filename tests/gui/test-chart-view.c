/* test-chart-view.c
 *
 * The alliance chart widget and its panel on the client page: it draws,
 * its description follows the data, the keyboard moves the focus point,
 * the table shows one row per score, and Export Image… writes the chart
 * (or says why not).
 */
#define G_LOG_DOMAIN "alliance-test-chart-view"

#include "config.h"

#include <string.h>

#include "alliance-chart-panel.h"
#include "alliance-chart-view.h"
#include "alliance-demo.h"
#include "test-common.h"
#include "test-gui-common.h"

static AllianceChartData *
make_data (guint n_points)
{
  AllianceChartData *data = alliance_chart_data_new ();
  AllianceChartSeries *score, *prediction;

  data->title = g_strdup ("Alliance check");
  data->x_label = g_strdup ("Session");
  data->y_label = g_strdup ("Total");
  data->y_min = 0;
  data->y_max = 30;
  score = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_SCORE, "Alliance check");
  prediction = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_PREDICTION, "Your prediction");
  for (guint i = 0; i < n_points; i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-03-%02u", i + 1);
      /* 24, 20, 28, 20, 28 … the lowest (20) first reached at session 2 */
      double value = i == 0 ? 24 : (i % 2 == 1 ? 20 : 28);

      alliance_chart_series_add_point (score, i + 1, i + 1, date, value);
      alliance_chart_series_add_point (prediction, i + 1, i + 1, date, value + 2);
    }
  if (n_points >= 2)
    alliance_chart_data_add_event (data, ALLIANCE_EVENT_RUPTURE, 2, "2026-03-02", "Rupture: withdrawal");
  if (n_points > 0)
    {
      data->first_date = g_strdup ("2026-03-01");
      data->last_date = g_strdup_printf ("2026-03-%02u", n_points);
      data->first_number = 1;
      data->last_number = n_points;
    }
  return data;
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static void
assert_description (AllianceChartView *view,
                    const char        *expected)
{
  g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view),
                                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_cmpstr (message, ==, NULL);
}

static AllianceChartView *
new_view (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = alliance_chart_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 360);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_wait_until (is_allocated, view);
  return ALLIANCE_CHART_VIEW (view);
}

static void
close_window (GtkWidget *widget)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (widget)));
  test_gui_iterate ();
}

static void
press (AllianceChartView *view,
       guint              keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* Every state draws without a critical (G_DEBUG=fatal-warnings). */
static void
test_renders (void)
{
  AllianceChartView *view = new_view ();

  for (guint n = 0; n <= 30; n += n < 2 ? 1 : 14)
    {
      g_autoptr(AllianceChartData) data = make_data (n);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      alliance_chart_view_set_data (view, data);
      test_gui_iterate ();
      /* What the view itself draws, without its window around it. */
      GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_assert_nonnull (node);
    }

  /* Dark mode re-reads the style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  test_gui_iterate ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  test_gui_iterate ();
  close_window (GTK_WIDGET (view));
}

static void
test_description (void)
{
  AllianceChartView *view = new_view ();
  g_autoptr(AllianceChartData) one = make_data (1);
  g_autoptr(AllianceChartData) five = make_data (5);
  g_autofree char *empty = alliance_chart_view_dup_summary (view);
  g_autofree char *single = NULL;
  g_autofree char *trend = NULL;

  g_assert_cmpstr (empty, ==, "No scores yet");
  assert_description (view, empty);

  alliance_chart_view_set_data (view, one);
  single = alliance_chart_view_dup_summary (view);
  g_assert_nonnull (strstr (single, "one score"));
  g_assert_nonnull (strstr (single, "24"));

  alliance_chart_view_set_data (view, five);
  trend = alliance_chart_view_dup_summary (view);
  g_assert_nonnull (strstr (trend, "first 24"));
  g_assert_nonnull (strstr (trend, "latest 28"));
  g_assert_nonnull (strstr (trend, "lowest 20"));
  g_assert_nonnull (strstr (trend, "1 rupture"));
  assert_description (view, trend);

  alliance_chart_view_set_data (view, NULL);
  g_free (trend);
  trend = alliance_chart_view_dup_summary (view);
  g_assert_cmpstr (trend, ==, "No scores yet");
  close_window (GTK_WIDGET (view));
}

static void
test_keyboard (void)
{
  AllianceChartView *view = new_view ();
  g_autoptr(AllianceChartData) data = make_data (5);
  g_autofree char *text = NULL;

  alliance_chart_view_set_data (view, data);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  test_gui_iterate ();
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, -1);

  press (view, GDK_KEY_Right);
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, 0);
  press (view, GDK_KEY_Right);
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, 1);

  /* The description says what the focus point is: session, both scores, events. */
  text = alliance_chart_view_dup_summary (view);
  g_assert_nonnull (strstr (text, "Session 2"));
  g_assert_nonnull (strstr (text, "Alliance check: 20"));
  g_assert_nonnull (strstr (text, "Your prediction: 22"));
  g_assert_nonnull (strstr (text, "Rupture: withdrawal"));
  assert_description (view, text);

  press (view, GDK_KEY_End);
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, 4);
  press (view, GDK_KEY_Right);
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, 4);
  press (view, GDK_KEY_Home);
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, 0);
  press (view, GDK_KEY_Left);
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, 0);
  test_gui_iterate ();

  /* New data: the focus point goes, the trend is described again. */
  alliance_chart_view_set_data (view, data);
  g_assert_cmpint (alliance_chart_view_get_focus_index (view), ==, -1);
  close_window (GTK_WIDGET (view));
}

/* The panel in @window, over the whole sample (ratings and events
 * included): C-0007 (Alex) has alliance scores and a rupture. */
static AllianceChartPanel *
show_sample_panel (GtkWidget *window)
{
  g_autoptr(AllianceClientStore) store = test_gui_empty_store ();
  AllianceDatabase *database = alliance_client_store_get_database (store);
  g_autoptr(AllianceSessionStore) sessions = alliance_session_store_new (database);
  g_autoptr(AllianceRatingStore) ratings = alliance_rating_store_new (database);
  g_autoptr(GError) error = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *panel;

  g_assert_true (alliance_demo_populate (store, &error));
  g_assert_no_error (error);
  panel = alliance_chart_panel_new (sessions, ratings, 7);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), panel);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  return ALLIANCE_CHART_PANEL (panel);
}

static void
test_panel_table (void)
{
  GtkWidget *window = gtk_window_new ();
  AllianceChartPanel *panel = show_sample_panel (window);
  AllianceChartView *view;
  GtkColumnView *table;
  GtkStack *stack;
  const AllianceChartData *data;

  view = test_gui_child (GTK_WIDGET (panel), ALLIANCE_TYPE_CHART_PANEL, "chart_view");
  table = test_gui_child (GTK_WIDGET (panel), ALLIANCE_TYPE_CHART_PANEL, "table_view");
  stack = test_gui_child (GTK_WIDGET (panel), ALLIANCE_TYPE_CHART_PANEL, "stack");
  data = alliance_chart_view_get_data (view);
  g_assert_nonnull (data);
  g_assert_cmpuint (alliance_chart_data_count_scores (data), >, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "chart");

  gtk_switch_set_active (test_gui_child (GTK_WIDGET (panel), ALLIANCE_TYPE_CHART_PANEL, "table_switch"), TRUE);
  test_gui_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "table");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==,
                    alliance_chart_data_count_scores (data));

  /* Another client without scores: an empty table, "No scores yet". */
  alliance_chart_panel_set_client_id (panel, 9999);
  test_gui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, 0);
  {
    g_autofree char *summary = alliance_chart_view_dup_summary (view);
    g_assert_cmpstr (summary, ==, "No scores yet");
  }
  /* The instrument row names the measure the empty chart is for. */
  {
    AdwComboRow *instrument = test_gui_child (GTK_WIDGET (panel), ALLIANCE_TYPE_CHART_PANEL, "instrument_row");
    GtkStringObject *shown = adw_combo_row_get_selected_item (instrument);

    g_assert_nonnull (shown);
    g_assert_cmpstr (gtk_string_object_get_string (shown), ==, "Alliance check");
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (instrument)));
  }
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (panel)), >=, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
}

/* Export Image… through the file chooser: a name the renderer cannot
 * tell the format of is refused, saying so; a .png is written. */
static void
test_panel_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *text = g_build_filename (dir, "chart.txt", NULL);
  g_autofree char *contents = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = GTK_WIDGET (show_sample_panel (window));
  GtkFileChooser *chooser;
  AdwMessageDialog *dialog;
  gsize length;

  g_assert_true (gtk_widget_activate_action (panel, "chart.export", NULL));
  chooser = test_gui_wait_for_file_chooser ();
  {
    g_autofree char *suggested = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (suggested, ==, "alliance-over-time.png");
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Image");
  }
  test_gui_choose_file (dir, "chart.txt");
  dialog = test_gui_find_dialog (GTK_WINDOW (window), "Could Not Export the Chart");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Choose a file name ending in .png, .svg or .pdf.");
  g_assert_false (g_file_test (text, G_FILE_TEST_EXISTS));
  gtk_window_close (GTK_WINDOW (dialog));
  test_gui_iterate ();

  g_assert_true (gtk_widget_activate_action (panel, "chart.export", NULL));
  test_gui_choose_file (dir, "chart.png");
  g_assert_null (test_gui_find_dialog (NULL, NULL));
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/chart-view/renders", test_renders);
  g_test_add_func ("/chart-view/description", test_description);
  g_test_add_func ("/chart-view/keyboard", test_keyboard);
  g_test_add_func ("/chart-panel/table", test_panel_table);
  g_test_add_func ("/chart-panel/export", test_panel_export);

  return g_test_run ();
}
