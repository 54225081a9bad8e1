/* test-window.c
 *
 * The main window over real stores: empty state, search and filters,
 * selection, archive with its undo path, the problem page, a narrow window,
 * flags in the rows and the Needs Attention list.
 */
#define G_LOG_DOMAIN "alliance-test-window"

#include "config.h"

#include <string.h>

#include "alliance-caseload-model.h"
#include "alliance-caseload-row.h"
#include "alliance-initials.h"
#include "alliance-measure-library.h"
#include "alliance-date.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"
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

/* The status page inside one of main_stack's pages. */
static AdwStatusPage *
main_status_page (AllianceWindow *window,
                  const char     *page_name)
{
  GtkStack *main_stack = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "main_stack");
  GtkWidget *page = gtk_stack_get_child_by_name (main_stack, page_name);

  g_assert_nonnull (page);
  for (GtkWidget *child = gtk_widget_get_first_child (page); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_STATUS_PAGE (child))
      return ADW_STATUS_PAGE (child);
  g_assert_not_reached ();
}

static void
test_empty_state (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_empty_store ();
  AllianceWindow *window = new_window (store);

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  g_assert_cmpstr (visible_page (window, "main_stack"), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (main_status_page (window, "empty")), ==, "No Clients Yet");
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
  GtkStack *main_stack = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "main_stack");
  AdwStatusPage *problem;

  /* Built only when needed: most start-ups never show it. */
  g_assert_null (gtk_stack_get_child_by_name (main_stack, "problem"));
  alliance_window_show_problem (window, error);
  problem = main_status_page (window, "problem");
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

static void
test_flag_free (AllianceFlag *flag)
{
  g_free (flag->reason);
  g_free (flag);
}

static void
add_flag (AllianceClientFlags  *flags,
          const char           *id,
          AllianceFlagSeverity  severity,
          const char           *reason)
{
  AllianceFlag *flag = g_new0 (AllianceFlag, 1);

  flag->id = id;
  flag->severity = severity;
  flag->reason = g_strdup (reason);
  g_ptr_array_add (flags->flags, flag);
  flags->max_severity = MAX (flags->max_severity, severity);
}

/* The label a screen reader says for a flagged row, from the flags' titles. */
static char *
expected_label (const char                *shown,
                const AllianceClientFlags *flags,
                const char                *score)
{
  GString *label = g_string_new (shown);

  for (guint i = 0; i < flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);

      g_string_append (label, i == 0 ? ". Needs attention: " : ", ");
      g_string_append (label, alliance_flag_get_title (flag->id));
    }
  if (score != NULL)
    g_string_append_printf (label, ". Latest alliance score %s", score);
  return g_string_free (label, FALSE);
}

static void
test_caseload_row_flags (void)
{
  g_autoptr(AllianceClientSummary) summary =
    alliance_client_summary_new (7, "C-0007", "Zoë Laurent", ALLIANCE_CLIENT_STATUS_ACTIVE, FALSE);
  g_autoptr(AllianceClientFlags) flags = g_new0 (AllianceClientFlags, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = alliance_caseload_row_new ();
  g_autofree char *label = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *tooltip = NULL;

  flags->client_id = 7;
  flags->flags = g_ptr_array_new_with_free_func ((GDestroyNotify)test_flag_free);
  add_flag (flags, ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_SEVERITY_URGENT, "Answered 1 on PHQ-9 item 9.");
  add_flag (flags, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF, ALLIANCE_FLAG_SEVERITY_WARNING, "22 of 30, below 24.");
  add_flag (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED, ALLIANCE_FLAG_SEVERITY_WARNING, "Since 3 March.");
  add_flag (flags, ALLIANCE_FLAG_MISSED_SESSIONS, ALLIANCE_FLAG_SEVERITY_NOTICE, "Two in a row.");
  flags->has_alliance = TRUE;
  flags->alliance_total = 22;
  flags->alliance_max = 30;

  gtk_window_set_child (GTK_WINDOW (window), row);
  alliance_caseload_row_set_client (ALLIANCE_CASELOAD_ROW (row), summary, flags);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();   /* draws: icons and the score are laid out */

  g_assert_cmpstr (alliance_caseload_row_get_score (ALLIANCE_CASELOAD_ROW (row)), ==, "22/30");
  label = expected_label ("Zoë Laurent, C-0007 · Active", flags, "22 out of 30");
  g_test_message ("%s", label);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (problem);
  g_assert_true (gtk_widget_get_has_tooltip (row));

  /* Three icons at most: the third speaks for the fourth flag too. */
  tooltip = g_strdup_printf ("%s\n%s", alliance_flag_get_title (ALLIANCE_FLAG_RISK_ITEM),
                             "Answered 1 on PHQ-9 item 9.");
  g_assert_cmpstr (alliance_caseload_row_get_icon_tooltip (ALLIANCE_CASELOAD_ROW (row), 0), ==, tooltip);
  g_assert_nonnull (strstr (alliance_caseload_row_get_icon_tooltip (ALLIANCE_CASELOAD_ROW (row), 2),
                            alliance_flag_get_title (ALLIANCE_FLAG_MISSED_SESSIONS)));
  g_assert_null (alliance_caseload_row_get_icon_tooltip (ALLIANCE_CASELOAD_ROW (row), 3));

  /* Reused for a client without flags: plain again. */
  alliance_caseload_row_set_client (ALLIANCE_CASELOAD_ROW (row), summary, NULL);
  g_clear_pointer (&problem, g_free);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Zoë Laurent, C-0007 · Active");
  g_assert_null (problem);
  g_assert_null (alliance_caseload_row_get_score (ALLIANCE_CASELOAD_ROW (row)));
  g_assert_false (gtk_widget_get_has_tooltip (row));
  test_gui_iterate ();

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
}

/* The sparkline of recent totals is said in words in the row's
 * description, after the flags' reasons; a client with no ratings gets
 * neither the line nor the words. */
static void
test_caseload_row_sparkline (void)
{
  g_autoptr(AllianceClientSummary) summary =
    alliance_client_summary_new (7, "C-0007", "Zoë Laurent", ALLIANCE_CLIENT_STATUS_ACTIVE, FALSE);
  g_autoptr(AllianceClientFlags) flags = g_new0 (AllianceClientFlags, 1);
  g_autoptr(AllianceClientFlags) unrated = g_new0 (AllianceClientFlags, 1);
  const double recent[] = { 18, 21, 19, 22.5 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = alliance_caseload_row_new ();
  g_autofree char *problem = NULL;

  flags->client_id = 7;
  flags->flags = g_ptr_array_new_with_free_func ((GDestroyNotify)test_flag_free);
  add_flag (flags, ALLIANCE_FLAG_RUPTURE_UNREPAIRED, ALLIANCE_FLAG_SEVERITY_WARNING, "Since 3 March.");
  flags->has_alliance = TRUE;
  flags->alliance_total = 22.5;
  flags->alliance_min = 0;
  flags->alliance_max = 30;
  flags->recent_alliance = g_memdup2 (recent, sizeof recent);
  flags->n_recent_alliance = G_N_ELEMENTS (recent);
  unrated->client_id = 7;
  unrated->flags = g_ptr_array_new_with_free_func ((GDestroyNotify)test_flag_free);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  gtk_window_set_child (GTK_WINDOW (window), row);
  alliance_caseload_row_set_client (ALLIANCE_CASELOAD_ROW (row), summary, flags);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();   /* draws the sparkline */

  g_assert_cmpuint (alliance_caseload_row_get_n_sparkline_points (ALLIANCE_CASELOAD_ROW (row)), ==, 4);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "Since 3 March. Alliance over the last 4 ratings: from 18 to 22.5.");
  g_assert_null (problem);

  /* Reused for a client never rated: no line, no trend. */
  alliance_caseload_row_set_client (ALLIANCE_CASELOAD_ROW (row), summary, unrated);
  test_gui_iterate ();
  g_assert_cmpuint (alliance_caseload_row_get_n_sparkline_points (ALLIANCE_CASELOAD_ROW (row)), ==, 0);
  g_assert_null (alliance_caseload_row_get_score (ALLIANCE_CASELOAD_ROW (row)));
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  g_assert_null (problem);

  /* One rating is a score, not a trend: its dot alone, and no words. */
  flags->n_recent_alliance = 1;
  alliance_caseload_row_set_client (ALLIANCE_CASELOAD_ROW (row), summary, flags);
  test_gui_iterate ();
  g_assert_cmpuint (alliance_caseload_row_get_n_sparkline_points (ALLIANCE_CASELOAD_ROW (row)), ==, 1);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "Since 3 March.");
  g_assert_null (problem);
  flags->n_recent_alliance = G_N_ELEMENTS (recent);

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
}

static gint64
add_session (AllianceSessionStore *sessions,
             gint64                client_id,
             int                   days_ago)
{
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autoptr(GError) error = NULL;

  g_free (session->starts_at);
  session->starts_at = g_date_time_format (then, "%Y-%m-%d 09:00");
  session->attendance = ALLIANCE_ATTENDANCE_ATTENDED;
  g_assert_true (alliance_session_store_save_session (sessions, session, NULL, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
add_rating (AllianceRatingStore  *ratings,
            AllianceSessionStore *sessions,
            gint64                client_id,
            int                   days_ago,
            const char           *key,
            const int            *values,
            guint                 n_values)
{
  g_autoptr(GError) error = NULL;
  gint64 session_id = add_session (sessions, client_id, days_ago);
  const AllianceMeasure *measure = alliance_rating_store_get_current_measure (ratings, key, &error);
  g_autoptr(AllianceAdministration) administration = NULL;

  g_assert_no_error (error);
  administration = alliance_administration_new (client_id, session_id, measure);
  g_assert_cmpuint (administration->n_values, ==, n_values);
  memcpy (administration->values, values, n_values * sizeof (int));
  g_assert_true (alliance_rating_store_save_administration (ratings, administration, &error));
  g_assert_no_error (error);
}

static GListModel *
listed_model (AllianceWindow *window)
{
  GtkListView *view = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "caseload_view");

  return G_LIST_MODEL (gtk_list_view_get_model (view));
}

static AllianceCaseloadModel *
caseload_of (AllianceWindow *window)
{
  return ALLIANCE_CASELOAD_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (listed_model (window))));
}

static const AllianceClientFlags *
listed_flags (AllianceWindow *window,
              guint           position)
{
  g_autoptr(AllianceClientSummary) item = g_list_model_get_item (listed_model (window), position);

  /* The model's own copy outlives the item: the window holds the model. */
  return alliance_caseload_model_get_client_flags (caseload_of (window), alliance_client_summary_get_id (item));
}

static void
test_needs_attention (void)
{
  static const int phq9_risk[] = { 1, 1, 0, 0, 1, 0, 0, 0, 1 };
  static const int low_alliance[] = { 5, 5, 5 };
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  AllianceDatabase *database = alliance_client_store_get_database (store);
  g_autoptr(AllianceSessionStore) sessions = alliance_session_store_new (database);
  g_autoptr(AllianceRatingStore) ratings = alliance_rating_store_new (database);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  gint64 risk_client = find_client_id (store, "C-0006");
  gint64 low_client = find_client_id (store, "C-0002");
  AllianceWindow *window;
  GtkDropDown *filter;
  AdwStatusPage *status;
  GtkWidget *row;
  g_autoptr(AllianceClientSummary) item = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  g_autofree char *problem = NULL;
  AllianceFlagSeverity previous = ALLIANCE_FLAG_SEVERITY_URGENT;
  guint n;

  /* A risk answer before the window opens: computed with the caseload. */
  add_rating (ratings, sessions, risk_client, 10, ALLIANCE_MEASURE_PHQ9, phq9_risk, G_N_ELEMENTS (phq9_risk));

  window = new_window (store);
  filter = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "filter_dropdown");
  status = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "no_results_page");
  gtk_window_present (GTK_WINDOW (window));
  gtk_drop_down_set_selected (filter, ALLIANCE_CASELOAD_FILTER_ATTENTION);
  test_gui_iterate ();
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_cmpint (alliance_window_get_selected_client (window), ==, 0);

  /* A low alliance rating saved while the window is open: that client is
   * recomputed and listed after the more urgent one. */
  add_rating (alliance_window_get_rating_store (window), sessions, low_client, 3, ALLIANCE_MEASURE_ALLIANCE_CHECK,
              low_alliance, G_N_ELEMENTS (low_alliance));
  n = n_listed (window);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      const AllianceClientFlags *flags = listed_flags (window, i);

      g_assert_nonnull (flags);
      g_assert_cmpint (flags->max_severity, >, ALLIANCE_FLAG_SEVERITY_NONE);
      g_assert_cmpint (flags->max_severity, <=, previous);
      previous = flags->max_severity;
    }
  g_assert_cmpint (listed_flags (window, 0)->client_id, ==, risk_client);
  g_assert_nonnull (alliance_client_flags_find (listed_flags (window, 0), ALLIANCE_FLAG_RISK_ITEM));
  g_assert_cmpint (listed_flags (window, 1)->client_id, ==, low_client);
  g_assert_nonnull (alliance_client_flags_find (listed_flags (window, 1), ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF));

  /* The row says the flags in words, and the score. */
  item = g_list_model_get_item (listed_model (window), 1);
  row = g_object_ref_sink (alliance_caseload_row_new ());
  alliance_caseload_row_set_summary (ALLIANCE_CASELOAD_ROW (row), item);
  g_assert_cmpstr (alliance_caseload_row_get_score (ALLIANCE_CASELOAD_ROW (row)), ==, "15/30");
  subtitle = alliance_client_summary_dup_subtitle (item);
  shown = g_strdup_printf ("%s, %s", alliance_client_summary_get_display_name (item), subtitle);
  label = expected_label (shown, alliance_caseload_item_get_flags (item), "15 out of 30");
  g_test_message ("%s", label);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (problem);
  g_assert_finalize_object (row);

  /* A threshold changed in Preferences: everyone is recomputed. A risk
   * answer ten days old no longer counts with a five-day window. */
  g_settings_set_int (settings, "flag-risk-days", 5);
  test_gui_iterate ();
  g_assert_cmpuint (alliance_caseload_model_find_client (caseload_of (window), risk_client), ==, G_MAXUINT);
  g_settings_reset (settings, "flag-risk-days");

  /* Nobody flagged: a kind empty state, not "no matches". */
  type_search (window, "nobody by this name");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Matching Clients");
  type_search (window, "");
  alliance_caseload_model_set_flags (caseload_of (window), NULL);
  g_assert_cmpuint (n_listed (window), ==, 0);
  g_assert_cmpstr (visible_page (window, "list_stack"), ==, "no-results");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Client Needs Attention");

  gtk_drop_down_set_selected (filter, ALLIANCE_CASELOAD_FILTER_ACTIVE);
  destroy_window (window);
}

/* Signing a supervision meeting moves the date boundary events are counted
 * from: the whole caseload's flags follow, not only the clients on it. */
static void
test_meeting_signed_recomputes_flags (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  g_autoptr(AllianceClient) client = alliance_client_new ();
  g_autoptr(AllianceSessionEvent) event = NULL;
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  GDate date;
  AllianceSessionStore *sessions;
  AllianceRatingStore *ratings;
  AllianceSupervisionStore *supervision;
  AllianceWindow *window;
  const AllianceClientFlags *flags;

  alliance_date_get_today (&date);
  today = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  client->code = g_strdup ("B-0001");
  client->given_name = g_strdup ("Bo");
  client->family_name = g_strdup ("Boundary");
  client->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
  g_assert_true (alliance_client_store_save (store, client, NULL, &error));
  g_assert_no_error (error);

  window = new_window (store);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  ratings = alliance_window_get_rating_store (window);
  supervision = alliance_window_get_supervision_store (window);
  sessions = alliance_session_store_new (alliance_client_store_get_database (store));

  /* A boundary event five days ago, after the sample's last supervision. */
  event = alliance_session_event_new (add_session (sessions, client->id, 5), ALLIANCE_EVENT_BOUNDARY);
  g_assert_true (alliance_rating_store_save_event (ratings, event, &error));
  g_assert_no_error (error);
  test_gui_iterate ();
  flags = alliance_caseload_model_get_client_flags (caseload_of (window), client->id);
  g_assert_nonnull (flags);
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_BOUNDARY_EVENT));

  /* An open agenda typed into changes nothing. */
  meeting = alliance_supervision_store_ensure_agenda (supervision, today, &error);
  g_assert_no_error (error);
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Dr Ana Ruiz");
  g_assert_true (alliance_supervision_store_save_meeting (supervision, meeting, NULL, &error));
  g_assert_no_error (error);
  test_gui_iterate ();
  flags = alliance_caseload_model_get_client_flags (caseload_of (window), client->id);
  g_assert_nonnull (alliance_client_flags_find (flags, ALLIANCE_FLAG_BOUNDARY_EVENT));

  /* Signed today: the event was brought to supervision. */
  g_free (meeting->meeting_date);
  meeting->meeting_date = g_strdup (today);
  g_assert_true (alliance_supervision_store_sign_meeting (supervision, meeting, "Dr Sam Rivera", NULL, &error));
  g_assert_no_error (error);
  test_gui_iterate ();
  flags = alliance_caseload_model_get_client_flags (caseload_of (window), client->id);
  g_assert_nonnull (flags);
  g_assert_null (alliance_client_flags_find (flags, ALLIANCE_FLAG_BOUNDARY_EVENT));

  g_object_unref (sessions);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/window/caseload-row", test_caseload_row);
  g_test_add_func ("/window/caseload-row-flags", test_caseload_row_flags);
  g_test_add_func ("/window/caseload-row-sparkline", test_caseload_row_sparkline);
  g_test_add_func ("/window/needs-attention", test_needs_attention);
  g_test_add_func ("/window/meeting-signed-recomputes-flags", test_meeting_signed_recomputes_flags);
  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/search-and-filters", test_search_and_filters);
  g_test_add_func ("/window/select-and-archive", test_select_and_archive);
  g_test_add_func ("/window/problem-page", test_problem_page);
  g_test_add_func ("/window/narrow", test_narrow_window);

  return g_test_run ();
}
