/* test-client-page.c
 *
 * One client's page: what it shows, goals, reactivation.
 */
#define G_LOG_DOMAIN "alliance-test-client-page"

#include "config.h"

#include "alliance-client-page.h"
#include "test-gui-common.h"

static gpointer
child (AllianceClientPage *page,
       const char         *name)
{
  return test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_CLIENT_PAGE, name);
}

static AllianceClientPage *
new_page (AllianceClientStore *store,
          gint64               client_id)
{
  AllianceClientPage *page = ALLIANCE_CLIENT_PAGE (alliance_client_page_new ());
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  alliance_client_page_set_store (page, store);
  alliance_client_page_set_client_id (page, client_id);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  return page;
}

static void
close_page (AllianceClientPage *page)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  test_gui_iterate ();
}

static void
test_shows_client (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  /* C-0004: Katherine "Kate" O'Connor-Whitfield. */
  AllianceClientPage *page = new_page (store, 4);

  g_assert_cmpstr (gtk_label_get_text (child (page, "name_label")), ==, "Katherine O'Connor-Whitfield (Kate)");
  g_assert_nonnull (strstr (gtk_label_get_text (child (page, "summary_label")), "C-0004"));
  g_assert_cmpstr (adw_preferences_row_get_title (child (page, "birth_row")), !=, "Not recorded");
  g_assert_false (gtk_widget_get_visible (child (page, "archived_group")));
  g_assert_false (gtk_widget_get_visible (child (page, "discharge_row")));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (page)), >=, 4);

  /* Unknown client: nothing shown, nothing crashes. */
  alliance_client_page_set_client_id (page, 9999);
  g_assert_null (alliance_client_page_get_client (page));
  close_page (page);
}

static void
test_goals (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  AllianceClientPage *page = new_page (store, 3);
  g_autoptr(GPtrArray) goals = NULL;
  AllianceGoal *goal;

  goals = alliance_client_store_list_goals (store, 3, NULL);
  g_assert_cmpuint (goals->len, ==, 0);
  g_clear_pointer (&goals, g_ptr_array_unref);

  /* An empty goal is refused with a message, nothing saved. */
  g_signal_emit_by_name (child (page, "new_goal_row"), "apply");
  g_assert_true (gtk_widget_get_visible (child (page, "goal_error_label")));
  goals = alliance_client_store_list_goals (store, 3, NULL);
  g_assert_cmpuint (goals->len, ==, 0);
  g_clear_pointer (&goals, g_ptr_array_unref);

  gtk_editable_set_text (child (page, "new_goal_row"), "Speak up once in each seminar");
  g_signal_emit_by_name (child (page, "new_goal_row"), "apply");
  goals = alliance_client_store_list_goals (store, 3, NULL);
  g_assert_cmpuint (goals->len, ==, 1);
  goal = g_ptr_array_index (goals, 0);
  g_assert_cmpstr (goal->description, ==, "Speak up once in each seminar");
  g_assert_cmpstr (gtk_editable_get_text (child (page, "new_goal_row")), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.set-goal-status", "(xs)",
                                             goal->id, "achieved"));
  g_clear_pointer (&goals, g_ptr_array_unref);
  goals = alliance_client_store_list_goals (store, 3, NULL);
  g_assert_cmpint (((AllianceGoal *)g_ptr_array_index (goals, 0))->status, ==, ALLIANCE_GOAL_STATUS_ACHIEVED);
  g_assert_nonnull (((AllianceGoal *)g_ptr_array_index (goals, 0))->reviewed_on);
  close_page (page);
}

static void
test_reactivate_discharged (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  /* C-0025: Grace Okafor, discharged. */
  AllianceClientPage *page = new_page (store, 25);
  g_autoptr(AllianceClient) client = NULL;

  g_assert_cmpint (alliance_client_page_get_client (page)->status, ==, ALLIANCE_CLIENT_STATUS_DISCHARGED);
  g_assert_true (gtk_widget_get_visible (child (page, "discharge_row")));
  g_assert_true (gtk_widget_get_visible (child (page, "reactivate_row")));
  g_assert_false (gtk_widget_get_visible (child (page, "discharge_row_action")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.reactivate", NULL));
  client = alliance_client_store_load (store, 25, NULL);
  g_assert_cmpint (client->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
  g_assert_null (client->discharge_date);
  /* The page follows the store. */
  g_assert_cmpint (alliance_client_page_get_client (page)->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
  g_assert_false (gtk_widget_get_visible (child (page, "reactivate_row")));
  close_page (page);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/client-page/shows-client", test_shows_client);
  g_test_add_func ("/client-page/goals", test_goals);
  g_test_add_func ("/client-page/reactivate-discharged", test_reactivate_discharged);

  return g_test_run ();
}
