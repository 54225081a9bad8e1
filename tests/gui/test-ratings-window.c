/* test-ratings-window.c
 *
 * The Ratings step of a session: the prediction comes first and unlocks
 * the client's scores; a value out of range is refused at its field and
 * not stored; an unfinished measure is stored as incomplete; answers are
 * written when the window closes; events are recorded with one dialog and
 * a repair clears the rupture it names.
 */
#define G_LOG_DOMAIN "alliance-test-ratings-window"

#include "config.h"

#include "alliance-event-dialog.h"
#include "alliance-measure-form.h"
#include "alliance-measure-library.h"
#include "alliance-ratings-window.h"
#include "alliance-score.h"
#include "alliance-session-store.h"
#include "test-gui-common.h"

typedef struct
{
  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  AllianceRatingStore  *ratings;
  AllianceSession      *session;   /* saved, attended */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  AllianceDatabase *database;

  fixture->clients = test_gui_empty_store ();
  database = alliance_client_store_get_database (fixture->clients);
  fixture->sessions = alliance_session_store_new (database);
  fixture->ratings = alliance_rating_store_new (database);

  {
    g_autoptr(AllianceClient) client = alliance_client_new ();

    client->code = g_strdup ("C-001");
    client->given_name = g_strdup ("Robin");
    client->family_name = g_strdup ("Ashby");
    client->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
    client->start_date = g_strdup ("2026-09-01");
    g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
    g_assert_no_error (error);
    fixture->session = alliance_session_new (client->id);
  }
  fixture->session->starts_at = g_strdup ("2026-11-20 10:00");
  fixture->session->duration_minutes = 50;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, fixture->session, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->session, alliance_session_free);
  g_clear_object (&fixture->ratings);
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->clients);
}

static AllianceMeasureForm *
find_form (GtkWidget  *widget,
           const char *key)
{
  if (ALLIANCE_IS_MEASURE_FORM (widget) &&
      g_strcmp0 (alliance_measure_form_get_measure (ALLIANCE_MEASURE_FORM (widget))->id, key) == 0)
    return ALLIANCE_MEASURE_FORM (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AllianceMeasureForm *found = find_form (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_answer (AllianceMeasureForm *form,
             guint                index,
             const char          *text)
{
  gtk_editable_set_text (GTK_EDITABLE (alliance_measure_form_get_field (form, index)), text);
}

static const AllianceAdministration *
find_stored (GPtrArray  *administrations,
             const char *key)
{
  for (guint i = 0; i < administrations->len; i++)
    {
      const AllianceAdministration *administration = g_ptr_array_index (administrations, i);

      if (g_strcmp0 (administration->measure_key, key) == 0)
        return administration;
    }
  return NULL;
}

static void
test_prediction_first (Fixture       *fixture,
                       gconstpointer  user_data)
{
  AllianceRatingsWindow *window = alliance_ratings_window_new (fixture->ratings, fixture->session);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  AllianceMeasureForm *prediction, *check;
  const AllianceAdministration *predicted, *rated;

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  prediction = find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_THERAPIST_PREDICTION);
  check = find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_ALLIANCE_CHECK);
  g_assert_nonnull (prediction);
  g_assert_nonnull (check);
  g_assert_nonnull (find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (window)), >, 0);

  /* The client's scores wait for the prediction. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check)));
  type_answer (prediction, 0, "27");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (check)));

  type_answer (check, 0, "8");
  type_answer (check, 1, "7");
  type_answer (check, 2, "9");
  g_assert_true (alliance_ratings_window_save_pending (window));

  stored = alliance_rating_store_list_session_administrations (fixture->ratings, fixture->session->id, &error);
  g_assert_no_error (error);
  predicted = find_stored (stored, ALLIANCE_MEASURE_THERAPIST_PREDICTION);
  rated = find_stored (stored, ALLIANCE_MEASURE_ALLIANCE_CHECK);
  g_assert_nonnull (predicted);
  g_assert_nonnull (rated);
  g_assert_cmpint (predicted->entry_order, <, rated->entry_order);
  g_assert_true (rated->complete);
  g_assert_cmpint (rated->values[0], ==, 8);
  g_assert_cmpint (rated->values[2], ==, 9);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Enter (like Tab) goes from answer to answer and from one measure to
 * the next, skipping the locked ones, so the page is typed without a mouse. */
/* Focus sits in the entry's text widget, inside @field. */
static gboolean
has_focus_in (AllianceRatingsWindow *window,
              GtkWidget             *field)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

static void
test_keyboard_flow (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AllianceRatingsWindow *window = alliance_ratings_window_new (fixture->ratings, fixture->session);
  AllianceMeasureForm *prediction, *check, *reflection;
  GtkWidget *field;

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  prediction = find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_THERAPIST_PREDICTION);
  check = find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_ALLIANCE_CHECK);
  reflection = find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION);

  /* Ready to type the prediction. */
  field = alliance_measure_form_get_field (prediction, 0);
  g_assert_true (has_focus_in (window, field));

  type_answer (prediction, 0, "25");
  g_signal_emit_by_name (field, "activate");
  g_assert_true (has_focus_in (window, alliance_measure_form_get_field (check, 0)));
  for (guint i = 0; i < 3; i++)
    {
      type_answer (check, i, "8");
      g_signal_emit_by_name (alliance_measure_form_get_field (check, i), "activate");
    }
  /* Past the last answer of the check: the reflection's first. */
  g_assert_true (has_focus_in (window, alliance_measure_form_get_field (reflection, 0)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_refused_and_incomplete (Fixture       *fixture,
                             gconstpointer  user_data)
{
  AllianceRatingsWindow *window = alliance_ratings_window_new (fixture->ratings, fixture->session);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  AllianceMeasureForm *reflection;
  const AllianceAdministration *saved;
  GtkWidget *field;

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  reflection = find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION);
  g_assert_nonnull (reflection);

  /* 7 on a 1–5 item: refused at the field, which says what is allowed. */
  type_answer (reflection, 0, "4");
  type_answer (reflection, 1, "7");
  field = alliance_measure_form_get_field (reflection, 1);
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  g_assert_true (alliance_measure_form_has_refused (reflection));
  type_answer (reflection, 2, "abc");
  g_assert_true (gtk_widget_has_css_class (alliance_measure_form_get_field (reflection, 2), "error"));

  /* Closing writes what is pending: the refused answers as unanswered. */
  gtk_window_close (GTK_WINDOW (window));
  test_gui_iterate ();

  stored = alliance_rating_store_list_session_administrations (fixture->ratings, fixture->session->id, &error);
  g_assert_no_error (error);
  saved = find_stored (stored, ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION);
  g_assert_nonnull (saved);
  g_assert_false (saved->complete);
  g_assert_cmpint (saved->values[0], ==, 4);
  g_assert_cmpint (saved->values[1], ==, ALLIANCE_SCORE_MISSING);
  g_assert_cmpint (saved->values[2], ==, ALLIANCE_SCORE_MISSING);
}

static void
test_reopen_shows_stored (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const AllianceMeasure *measure = alliance_rating_store_get_current_measure (fixture->ratings,
                                                                              ALLIANCE_MEASURE_ALLIANCE_CHECK, NULL);
  g_autoptr(AllianceAdministration) administration = alliance_administration_new (fixture->session->client_id,
                                                                                  fixture->session->id, measure);
  g_autoptr(GError) error = NULL;
  g_autofree int *values = NULL;
  AllianceRatingsWindow *window;
  AllianceMeasureForm *check;
  guint n_values;

  administration->values[0] = 6;
  administration->values[1] = 5;
  administration->values[2] = 7;
  g_assert_true (alliance_rating_store_save_administration (fixture->ratings, administration, &error));
  g_assert_no_error (error);

  window = alliance_ratings_window_new (fixture->ratings, fixture->session);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  check = find_form (GTK_WIDGET (window), ALLIANCE_MEASURE_ALLIANCE_CHECK);
  /* Already entered: no prediction is demanded after the fact. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (check)));
  values = alliance_measure_form_dup_values (check, &n_values);
  g_assert_cmpuint (n_values, ==, 3);
  g_assert_cmpint (values[1], ==, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_rupture_and_repair (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AllianceEventDialog *dialog;
  g_autoptr(GPtrArray) open_ruptures = NULL;
  g_autoptr(GPtrArray) after_repair = NULL;
  g_autoptr(GError) error = NULL;

  dialog = alliance_event_dialog_new (fixture->ratings, fixture->session, ALLIANCE_EVENT_RUPTURE);
  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate ();
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (dialog)), >, 0);
  g_assert_true (alliance_event_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  open_ruptures = alliance_rating_store_list_unrepaired_ruptures (fixture->ratings, fixture->session->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open_ruptures->len, ==, 1);

  /* The repair dialog offers that rupture, preselected. */
  dialog = alliance_event_dialog_new (fixture->ratings, fixture->session, ALLIANCE_EVENT_REPAIR);
  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate ();
  g_assert_true (alliance_event_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  after_repair = alliance_rating_store_list_unrepaired_ruptures (fixture->ratings, fixture->session->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_repair->len, ==, 0);
}

/* Removing an event asks first; Cancel keeps it. */
static void
test_remove_event_asks (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AllianceSessionEvent) event = alliance_session_event_new (fixture->session->id, ALLIANCE_EVENT_LIFE);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  AllianceRatingsWindow *window;
  AdwMessageDialog *dialog;

  g_assert_true (alliance_rating_store_save_event (fixture->ratings, event, &error));
  g_assert_no_error (error);
  window = alliance_ratings_window_new (fixture->ratings, fixture->session);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  gtk_widget_activate_action (GTK_WIDGET (window), "ratings.delete-event", "x", event->id);
  test_gui_iterate ();
  dialog = test_gui_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  kept = alliance_rating_store_list_session_events (fixture->ratings, fixture->session->id, &error);
  g_assert_cmpuint (kept->len, ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "ratings.delete-event", "x", event->id);
  test_gui_iterate ();
  dialog = test_gui_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  removed = alliance_rating_store_list_session_events (fixture->ratings, fixture->session->id, &error);
  g_assert_cmpuint (removed->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_repair_without_rupture (Fixture       *fixture,
                             gconstpointer  user_data)
{
  AllianceEventDialog *dialog = alliance_event_dialog_new (fixture->ratings, fixture->session, ALLIANCE_EVENT_REPAIR);
  g_autoptr(GPtrArray) events = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate ();
  /* Nothing to repair: refused, with nothing stored. */
  g_assert_false (alliance_event_dialog_save (dialog));
  events = alliance_rating_store_list_session_events (fixture->ratings, fixture->session->id, NULL);
  g_assert_cmpuint (events->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add ("/ratings-window/prediction-first", Fixture, NULL, fixture_set_up, test_prediction_first, fixture_tear_down);
  g_test_add ("/ratings-window/keyboard-flow", Fixture, NULL, fixture_set_up, test_keyboard_flow, fixture_tear_down);
  g_test_add ("/ratings-window/refused-and-incomplete", Fixture, NULL, fixture_set_up, test_refused_and_incomplete,
              fixture_tear_down);
  g_test_add ("/ratings-window/reopen-shows-stored", Fixture, NULL, fixture_set_up, test_reopen_shows_stored,
              fixture_tear_down);
  g_test_add ("/ratings-window/rupture-and-repair", Fixture, NULL, fixture_set_up, test_rupture_and_repair,
              fixture_tear_down);
  g_test_add ("/ratings-window/remove-event-asks", Fixture, NULL, fixture_set_up, test_remove_event_asks,
              fixture_tear_down);
  g_test_add ("/ratings-window/repair-without-rupture", Fixture, NULL, fixture_set_up, test_repair_without_rupture,
              fixture_tear_down);

  return g_test_run ();
}
