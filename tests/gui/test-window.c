/* test-window.c
 *
 * The main window over real stores: empty state, search and filters,
 * selection, archive with its undo path, the problem page, a narrow window.
 */
#define G_LOG_DOMAIN "alliance-test-window"

#include "config.h"

#include "alliance-caseload-model.h"
#include "alliance-caseload-row.h"
#include "alliance-initials.h"
#include "alliance-client-page.h"
#include "alliance-window.h"
#include "test-gui-common.h"

static AllianceWindow *
new_window (AllianceClientStore *store)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  AllianceWindow *window;

  /* Each test starts from the defaults; the window remembers its filter. */
  g_settings_reset (settings, "caseload-filter");
  g_settings_reset (settings, "caseload-sort");
  window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);

  if (store != NULL)
    alliance_window_set_store (window, store, FALSE);
  return window;
}

static void
destroy_window (AllianceWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
  g_assert_finalize_object (window);
}

static const char *
visible_page (AllianceWindow *window,
              const char     *stack_name)
{
  return gtk_stack_get_visible_child_name (test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, stack_name));
}

static guint
n_listed (AllianceWindow *window)
{
  GtkListView *view = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "caseload_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

static void
type_search (AllianceWindow *window,
             const char     *text)
{
  GtkEditable *entry = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "search_entry");

  gtk_editable_set_text (entry, text);
  /* GtkSearchEntry reports changes after a short delay. */
  g_signal_emit_by_name (entry, "search-changed");
}

static gint64
find_client_id (AllianceClientStore *store,
                const char          *code)
{
  g_autoptr(AllianceCaseloadModel) model = alliance_caseload_model_new ();
  g_autoptr(GError) error = NULL;

  alliance_caseload_model_set_filter (model, ALLIANCE_CASELOAD_FILTER_ALL);
  g_assert_true (alliance_caseload_model_reload (model, store, &error));
  alliance_caseload_model_set_query (model, code);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  return alliance_caseload_model_get_client_id (model, 0);
}

/* Closes every open window of @type_name and says how many there were. */
static guint
close_windows_of_type (const char *type_name)
{
  GListModel *toplevels;  /* (transfer none) */
  g_autoptr(GPtrArray) editors = g_ptr_array_new_with_free_func (g_object_unref);

  test_gui_iterate ();
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GObject *toplevel = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (toplevel), type_name))
        g_ptr_array_add (editors, toplevel);
      else
        g_object_unref (toplevel);
    }
  for (guint i = 0; i < editors->len; i++)
    gtk_window_destroy (g_ptr_array_index (editors, i));
  return editors->len;
}

static void
test_empty_state (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_empty_store ();
  AllianceWindow *window = new_window (store);

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  g_assert_cmpstr (visible_page (window, "main_stack"), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (window)), >, 3);

  /* Ctrl+N's action opens the new-client form. */
  g_assert_cmpuint (close_windows_of_type ("AllianceClientEditor"), ==, 1);

  /* The shortcuts window is built on demand. */
  g_assert_cmpuint (close_windows_of_type ("GtkShortcutsWindow"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (close_windows_of_type ("GtkShortcutsWindow"), ==, 1);

  destroy_window (window);
}

static void
test_search_and_filters (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  AllianceWindow *window = new_window (store);
  GtkDropDown *filter = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "filter_dropdown");
  guint n_active;

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  g_assert_cmpstr (visible_page (window, "main_stack"), ==, "caseload");
  g_assert_cmpuint (gtk_drop_down_get_selected (filter), ==, ALLIANCE_CASELOAD_FILTER_ACTIVE);
  n_active = n_listed (window);
  g_assert_cmpuint (n_active, ==, 18);

  /* Accent- and case-insensitive: "zoe" finds Zoë. */
  type_search (window, "ZOE");
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_cmpstr (visible_page (window, "list_stack"), ==, "list");

  type_search (window, "nobody by this name");
  g_assert_cmpuint (n_listed (window), ==, 0);
  g_assert_cmpstr (visible_page (window, "list_stack"), ==, "no-results");

  type_search (window, "");
  g_assert_cmpuint (n_listed (window), ==, n_active);

  gtk_drop_down_set_selected (filter, ALLIANCE_CASELOAD_FILTER_ARCHIVED);
  g_assert_cmpuint (n_listed (window), ==, 2);
  gtk_drop_down_set_selected (filter, ALLIANCE_CASELOAD_FILTER_ALL);
  g_assert_cmpuint (n_listed (window), ==, 28);
  gtk_drop_down_set_selected (filter, ALLIANCE_CASELOAD_FILTER_WAITLIST);
  g_assert_cmpuint (n_listed (window), ==, 3);

  /* The filter is remembered for the next window. */
  destroy_window (window);
  window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);
  alliance_window_set_store (window, store, FALSE);
  filter = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "filter_dropdown");
  g_assert_cmpuint (gtk_drop_down_get_selected (filter), ==, ALLIANCE_CASELOAD_FILTER_WAITLIST);
  g_assert_cmpuint (n_listed (window), ==, 3);

  destroy_window (window);
}

static void
test_select_and_archive (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  AllianceWindow *window = new_window (store);
  AllianceClientPage *page;
  gint64 zoe = find_client_id (store, "C-0001");
  g_autoptr(AllianceClient) client = NULL;

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  g_assert_cmpstr (visible_page (window, "content_stack"), ==, "none");
  /* Nothing to edit while no client is selected. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-client", NULL);
  g_assert_cmpuint (close_windows_of_type ("AllianceClientEditor"), ==, 0);

  /* The client page is only made when a client is opened. */
  g_assert_null (alliance_window_get_client_page (window));
  alliance_window_select_client (window, zoe);
  test_gui_iterate ();
  page = alliance_window_get_client_page (window);
  g_assert_nonnull (page);
  g_assert_cmpstr (visible_page (window, "content_stack"), ==, "client");
  g_assert_cmpint (alliance_client_page_get_client_id (page), ==, zoe);
  g_assert_cmpstr (alliance_client_page_get_client (page)->given_name, ==, "Zoë");
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (window)), >, 8);

  /* Archive hides the client from the active list without deleting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.archive", NULL));
  test_gui_iterate ();
  client = alliance_client_store_load (store, zoe, NULL);
  g_assert_true (client->archived);
  g_assert_cmpuint (n_listed (window), ==, 17);
  g_assert_true (gtk_widget_get_visible (test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_CLIENT_PAGE, "archived_group")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.unarchive", NULL));
  test_gui_iterate ();
  g_clear_pointer (&client, alliance_client_free);
  client = alliance_client_store_load (store, zoe, NULL);
  g_assert_false (client->archived);
  g_assert_cmpuint (n_listed (window), ==, 18);

  destroy_window (window);
}

static void
test_problem_page (void)
{
  AllianceWindow *window = new_window (NULL);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The file is damaged.");
  AdwStatusPage *problem = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "problem_page");

  alliance_window_show_problem (window, error);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  g_assert_cmpstr (visible_page (window, "main_stack"), ==, "problem");
  g_assert_cmpstr (adw_status_page_get_description (problem), ==, "The file is damaged.");
  /* Nothing can be added to records that are not open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  g_assert_cmpuint (close_windows_of_type ("AllianceClientEditor"), ==, 0);
  destroy_window (window);
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static gboolean
is_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (data);
}

static void
test_narrow_window (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  AllianceWindow *window = new_window (store);
  AdwLeaflet *leaflet = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "leaflet");
  GtkWidget *content = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "content");
  GtkWidget *sidebar = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "sidebar");

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_wait_until (is_unfolded, leaflet);

  /* 360 px, a phone or a window tiled into a corner: one pane at a time. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  test_gui_wait_until (is_folded, leaflet);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  alliance_window_select_client (window, find_client_id (store, "C-0002"));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == content);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-caseload", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  destroy_window (window);
}

static void
assert_initials (const char *name,
                 const char *expected)
{
  g_autofree char *initials = alliance_initials_from_name (name);

  g_assert_cmpstr (initials, ==, expected);
}

static void
test_caseload_row (void)
{
  g_autoptr(AllianceClientSummary) summary =
    alliance_client_summary_new (7, "C-0007", "Zoë Laurent", ALLIANCE_CLIENT_STATUS_ACTIVE, FALSE);
  GtkWidget *row = g_object_ref_sink (alliance_caseload_row_new ());
  g_autofree char *problem = NULL;

  assert_initials ("Zoë Laurent", "ZL");
  assert_initials ("Jean-Baptiste de la Fontaine", "JF");
  assert_initials ("élodie", "É");
  assert_initials ("  ", "");
  g_assert_cmpuint (alliance_initials_color_index ("Zoë Laurent"), ==, alliance_initials_color_index ("Zoë Laurent"));

  alliance_caseload_row_set_summary (ALLIANCE_CASELOAD_ROW (row), summary);
  g_assert_cmpstr (alliance_caseload_row_get_name (ALLIANCE_CASELOAD_ROW (row)), ==, "Zoë Laurent");
  /* A screen reader hears what the row shows. */
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Zoë Laurent, C-0007 · Active");
  g_assert_null (problem);

  alliance_caseload_row_set_summary (ALLIANCE_CASELOAD_ROW (row), NULL);
  g_assert_null (alliance_caseload_row_get_name (ALLIANCE_CASELOAD_ROW (row)));
  g_assert_finalize_object (row);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/window/caseload-row", test_caseload_row);
  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/search-and-filters", test_search_and_filters);
  g_test_add_func ("/window/select-and-archive", test_select_and_archive);
  g_test_add_func ("/window/problem-page", test_problem_page);
  g_test_add_func ("/window/narrow", test_narrow_window);

  return g_test_run ();
}
