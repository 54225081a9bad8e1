/* test-client-page.c
 *
 * One client's page: what it shows, goals, reactivation.
 */
#define G_LOG_DOMAIN "alliance-test-client-page"

#include "config.h"

#include "alliance-client-page.h"
#include "alliance-date.h"
#include "alliance-demo.h"
#include "alliance-flags.h"
#include "alliance-note-editor.h"
#include "alliance-ratings-window.h"
#include "alliance-session-dialog.h"
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

/* A page with every store, as the window gives it. */
static AllianceClientPage *
new_full_page (AllianceClientStore  *store,
               gint64                client_id,
               AllianceSessionStore **sessions,
               AllianceRatingStore  **ratings)
{
  AllianceDatabase *database = alliance_client_store_get_database (store);
  AllianceClientPage *page;

  *sessions = alliance_session_store_new (database);
  *ratings = alliance_rating_store_new (database);
  page = new_page (store, 0);
  alliance_client_page_set_session_store (page, *sessions);
  alliance_client_page_set_rating_store (page, *ratings);
  alliance_client_page_set_client_id (page, client_id);
  test_gui_iterate ();
  return page;
}

static gboolean
has_row_titled (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_row_titled (child, title))
      return TRUE;
  return FALSE;
}

/* The sample data's flags as the page shows them: Maria's PHQ-9 item 9
 * puts up the risk banner; Alex's rupture waits for a repair. */
static void
test_flags_and_risk_banner (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_empty_store ();
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autoptr(GError) error = NULL;
  AllianceClientPage *page;
  const char *banner;

  /* The whole sample: sessions, ratings and events up to today. */
  g_assert_true (alliance_demo_populate (store, &error));
  g_assert_no_error (error);
  /* C-0013: Maria Kowalczyk. */
  page = new_full_page (store, 13, &sessions, &ratings);

  g_assert_true (gtk_widget_get_visible (child (page, "risk_group")));
  banner = gtk_label_get_text (child (page, "risk_label"));
  g_assert_nonnull (strstr (banner, "PHQ-9 item 9"));
  g_assert_nonnull (strstr (banner, "follow your risk protocol"));
  g_assert_null (strstr (banner, "safe"));
  g_assert_true (gtk_widget_get_visible (child (page, "alliance_group")));
  g_assert_true (has_row_titled (child (page, "alliance_group"), "Attendance"));

  /* C-0007: Alex, an unrepaired rupture; no risk banner. */
  alliance_client_page_set_client_id (page, 7);
  test_gui_iterate ();
  g_assert_false (gtk_widget_get_visible (child (page, "risk_group")));
  g_assert_true (gtk_widget_get_visible (child (page, "attention_group")));
  g_assert_true (has_row_titled (child (page, "attention_group"),
                                 alliance_flag_get_title (ALLIANCE_FLAG_RUPTURE_UNREPAIRED)));
  g_assert_true (has_row_titled (child (page, "alliance_group"), "A rupture (withdrawal, intensity 2)"));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (page)), >=, 4);
  close_page (page);
}

/* Logging an attended session leads to its ratings, then to its note. */
static void
test_log_session_then_ratings_then_note (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  AllianceClientPage *page = new_full_page (store, 1, &sessions, &ratings);
  AllianceSessionDialog *dialog;
  AllianceRatingsWindow *ratings_window;
  AllianceNoteEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.log-session", NULL));
  test_gui_iterate ();
  dialog = test_gui_find_toplevel (ALLIANCE_TYPE_SESSION_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (alliance_session_dialog_save (dialog));
  test_gui_iterate ();

  ratings_window = test_gui_find_toplevel (ALLIANCE_TYPE_RATINGS_WINDOW);
  g_assert_nonnull (ratings_window);
  g_assert_null (test_gui_find_toplevel (ALLIANCE_TYPE_NOTE_EDITOR));
  gtk_window_close (GTK_WINDOW (ratings_window));
  test_gui_iterate ();

  editor = test_gui_find_toplevel (ALLIANCE_TYPE_NOTE_EDITOR);
  g_assert_nonnull (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  close_page (page);
}

/* A signed meeting a week ago with two recommendations for @client_id. */
static AllianceMeeting *
record_meeting (AllianceSupervisionStore *supervision,
                gint64                    client_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (now, -35);
  g_autofree char *date = g_date_time_format (week_ago, "%Y-%m-%d");
  AllianceMeeting *meeting = alliance_meeting_new (date);
  AllianceSupervisionDiscussion *discussion;
  g_autoptr(GError) error = NULL;

  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Dr Ana Lima");
  g_free (meeting->period_start);
  meeting->period_start = g_date_time_format (month_ago, "%Y-%m-%d");
  g_free (meeting->period_end);
  meeting->period_end = g_strdup (date);
  discussion = alliance_meeting_add_discussion (meeting, client_id);
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (client_id, "Ask about sleep each session"));
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (client_id, "Name the ending date together"));
  g_assert_true (alliance_supervision_store_sign_meeting (supervision, meeting, "Dr Sam Rivera, RP", NULL, &error));
  g_assert_no_error (error);
  return meeting;
}

static GtkCheckButton *
find_check_button (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkCheckButton *found;

      if (GTK_IS_CHECK_BUTTON (c))
        return GTK_CHECK_BUTTON (c);
      if ((found = find_check_button (c)) != NULL)
        return found;
    }
  return NULL;
}

/* Supervision's recommendations wait on the client's page until marked
 * done; Undo brings one back; a client without any shows no group. */
static void
test_action_items (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autoptr(AllianceSupervisionStore) supervision =
    alliance_supervision_store_new (alliance_client_store_get_database (store));
  g_autoptr(AllianceMeeting) meeting = record_meeting (supervision, 1);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *today = alliance_date_today ();
  g_autofree char *when = alliance_date_format (meeting->meeting_date);
  g_autofree char *subtitle = g_strdup_printf ("From supervision on %s with Dr Ana Lima", when);
  AllianceClientPage *page = new_full_page (store, 2, &sessions, &ratings);
  AdwPreferencesGroup *group = child (page, "action_items_group");
  GtkWidget *first_row;
  GtkCheckButton *check;
  gint64 done_id;

  alliance_client_page_set_supervision_store (page, supervision);
  /* C-0002 has none: no group. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));

  alliance_client_page_set_client_id (page, 1);
  test_gui_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_true (has_row_titled (GTK_WIDGET (group), "Ask about sleep each session"));
  g_assert_true (has_row_titled (GTK_WIDGET (group), "Name the ending date together"));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (page)), >=, 4);

  /* The first item's row, with where it came from. */
  check = find_check_button (GTK_WIDGET (group));
  g_assert_nonnull (check);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL));
  first_row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, "Ask about sleep each session");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first_row)), ==, subtitle);

  /* Marked done: today's date on the record, gone from the page. */
  gtk_check_button_set_active (check, TRUE);
  test_gui_iterate ();
  items = alliance_supervision_store_list_action_items (supervision, 1, TRUE, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((AllianceActionItem *)g_ptr_array_index (items, 0))->done_on, ==, today);
  g_assert_null (((AllianceActionItem *)g_ptr_array_index (items, 1))->done_on);
  done_id = ((AllianceActionItem *)g_ptr_array_index (items, 0))->id;
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_false (has_row_titled (GTK_WIDGET (group), "Ask about sleep each session"));
  g_assert_true (has_row_titled (GTK_WIDGET (group), "Name the ending date together"));

  /* Undo (the toast's action) reopens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.reopen-action-item", "x", done_id));
  test_gui_iterate ();
  g_assert_true (has_row_titled (GTK_WIDGET (group), "Ask about sleep each session"));
  items = alliance_supervision_store_list_action_items (supervision, 1, FALSE, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Both done: the group hides. */
  for (guint i = 0; i < 2; i++)
    {
      check = find_check_button (GTK_WIDGET (group));
      g_assert_nonnull (check);
      gtk_check_button_set_active (check, TRUE);
      test_gui_iterate ();
    }
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));
  items = alliance_supervision_store_list_action_items (supervision, 1, FALSE, NULL);
  g_assert_cmpuint (items->len, ==, 0);

  alliance_client_page_set_supervision_store (page, NULL);
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
  g_test_add_func ("/client-page/flags-and-risk-banner", test_flags_and_risk_banner);
  g_test_add_func ("/client-page/log-session-then-ratings-then-note", test_log_session_then_ratings_then_note);
  g_test_add_func ("/client-page/action-items", test_action_items);

  return g_test_run ();
}
