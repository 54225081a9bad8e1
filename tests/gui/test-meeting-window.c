/* test-meeting-window.c
 *
 * Recording a supervision meeting: what is typed saves itself; a
 * recommendation added or removed is an action item made or deleted;
 * signing needs a supervisor, then freezes the window and the record;
 * addenda go below; a signed meeting opens read-only.
 */
#define G_LOG_DOMAIN "alliance-test-meeting-window"

#include "config.h"

#include <string.h>

#include "alliance-date.h"
#include "alliance-demo.h"
#include "alliance-meeting-window.h"
#include "alliance-text.h"
#include "test-gui-common.h"

typedef struct
{
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceSupervisionStore *supervision;
  GSettings                *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  AllianceDatabase *database;

  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (fixture->settings, "signer-name", "Dr Sam Rivera, RP");
  g_settings_reset (fixture->settings, "last-supervisor");

  fixture->clients = test_gui_demo_store ();
  database = alliance_client_store_get_database (fixture->clients);
  fixture->sessions = alliance_session_store_new (database);
  fixture->supervision = alliance_supervision_store_new (database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->supervision);
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->clients);
  g_clear_object (&fixture->settings);
}

static gpointer
child (AllianceMeetingWindow *window,
       const char            *name)
{
  return test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_MEETING_WINDOW, name);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static AllianceMeetingWindow *
open_window (Fixture *fixture,
             gint64   meeting_id)
{
  g_autoptr(GError) error = NULL;
  AllianceMeetingWindow *window = alliance_meeting_window_new (NULL, fixture->supervision, fixture->clients,
                                                               fixture->sessions, meeting_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  return window;
}

static AllianceMeeting *
stored_meeting (Fixture               *fixture,
                AllianceMeetingWindow *window)
{
  g_autoptr(GError) error = NULL;
  AllianceMeeting *meeting = alliance_supervision_store_load_meeting (fixture->supervision,
                                                                     alliance_meeting_window_get_meeting (window)->id,
                                                                     &error);

  g_assert_no_error (error);
  return meeting;
}

/* Adds the client listed as @name_part to the discussion through the
 * drop-down and the Add button, as a person would. */
static void
add_client (AllianceMeetingWindow *window,
            const char            *name_part)
{
  GtkDropDown *dropdown = child (window, "add_client_dropdown");
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (strstr (gtk_string_object_get_string (item), name_part) != NULL)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (dropdown, position);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.add-client", NULL));
}

/* The client's part of the meeting: the box holding their widgets. */
static GtkWidget *
discussion_box (AllianceMeetingWindow *window,
                guint                  index)
{
  GtkWidget *box = gtk_widget_get_first_child (child (window, "clients_box"));

  for (guint i = 0; i < index && box != NULL; i++)
    box = gtk_widget_get_next_sibling (box);
  g_assert_nonnull (box);
  return box;
}

static GtkTextView *
discussion_view (AllianceMeetingWindow *window,
                 guint                  index)
{
  return test_gui_find_descendant (discussion_box (window, index), GTK_TYPE_TEXT_VIEW);
}

/* The entry for a new recommendation: the last entry row of the part. */
static AdwEntryRow *
new_item_row (AllianceMeetingWindow *window,
              guint                  index)
{
  GtkWidget *items = NULL;

  /* The question's list comes first, the recommendations' last. */
  for (GtkWidget *c = gtk_widget_get_first_child (discussion_box (window, index)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX (c))
      items = c;
  g_assert_nonnull (items);
  return test_gui_find_descendant (items, ADW_TYPE_ENTRY_ROW);
}

typedef struct
{
  Fixture               *fixture;
  AllianceMeetingWindow *window;
  const char            *expected;
} SavedCheck;

static gboolean
discussion_is_saved (gpointer data)
{
  SavedCheck *check = data;
  g_autoptr(AllianceMeeting) meeting = stored_meeting (check->fixture, check->window);

  return meeting->discussions->len > 0 &&
         g_strcmp0 (((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 0))->discussion,
                    check->expected) == 0;
}

static void
test_typing_saves (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AllianceMeetingWindow *window = open_window (fixture, 0);
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autofree char *today = alliance_date_today ();
  SavedCheck check = { fixture, window, "Explored the pull to rescue; slow down in sessions." };
  gint64 typed_at;

  /* The agenda was made for today, and the window names no client. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Supervision Meeting");
  g_assert_cmpstr (gtk_editable_get_text (child (window, "date_row")), ==, today);
  g_assert_true (gtk_widget_get_visible (child (window, "no_clients_label")));

  gtk_editable_set_text (child (window, "supervisor_row"), "Dr Ana Lima");
  add_client (window, "C-0001");
  g_assert_false (gtk_widget_get_visible (child (window, "no_clients_label")));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (window)), >=, 8);

  /* Adding a client is a step: on disk at once. */
  meeting = stored_meeting (fixture, window);
  g_assert_cmpuint (meeting->discussions->len, ==, 1);
  g_assert_cmpint (((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 0))->client_id, ==, 1);
  g_assert_cmpstr (meeting->supervisor, ==, "Dr Ana Lima");
  g_clear_pointer (&meeting, alliance_meeting_free);
  /* The supervisor is offered again next time. */
  {
    g_autofree char *last = g_settings_get_string (fixture->settings, "last-supervisor");
    g_assert_cmpstr (last, ==, "Dr Ana Lima");
  }

  /* Typing saves itself after a pause, without a Save button. */
  set_text (discussion_view (window, 0), check.expected);
  g_assert_cmpstr (gtk_label_get_text (child (window, "save_state_label")), ==, "Editing…");
  typed_at = g_get_monotonic_time ();
  test_gui_wait_until (discussion_is_saved, &check);
  g_assert_cmpint (g_get_monotonic_time () - typed_at, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpstr (gtk_label_get_text (child (window, "save_state_label")), ==, "Saved");

  /* The format and general notes too; closing saves what waits. */
  adw_combo_row_set_selected (child (window, "format_row"), ALLIANCE_SUPERVISION_GROUP);
  set_text (child (window, "notes_view"), "Next time: the waitlist; 'quotes' and DROP TABLE meetings;");
  /* A recommendation typed but not added is kept too. */
  gtk_editable_set_text (GTK_EDITABLE (new_item_row (window, 0)), "Book a review at session 12");
  gtk_window_close (GTK_WINDOW (window));
  test_gui_iterate ();
  {
    g_autoptr(GPtrArray) items = alliance_supervision_store_list_action_items (fixture->supervision, 1, TRUE, NULL);

    g_assert_cmpuint (items->len, ==, 1);
    g_assert_cmpstr (((AllianceActionItem *)g_ptr_array_index (items, 0))->text, ==, "Book a review at session 12");
  }
  meeting = alliance_supervision_store_load_agenda (fixture->supervision, NULL);
  g_assert_nonnull (meeting);
  g_assert_cmpint (meeting->format, ==, ALLIANCE_SUPERVISION_GROUP);
  g_assert_cmpstr (meeting->notes, ==, "Next time: the waitlist; 'quotes' and DROP TABLE meetings;");
  g_assert_false (alliance_meeting_is_signed (meeting));
  g_clear_pointer (&meeting, alliance_meeting_free);

  /* Opened again: the same agenda, and the supervisor remembered for a new one. */
  window = open_window (fixture, 0);
  g_assert_cmpuint (alliance_meeting_window_get_meeting (window)->discussions->len, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "supervisor_row")), ==, "Dr Ana Lima");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An impossible date is refused at the field, said, and kept on screen. */
static void
test_date_refused_at_field (Fixture       *fixture,
                            gconstpointer  user_data)
{
  AllianceMeetingWindow *window = open_window (fixture, 0);
  g_autoptr(AllianceMeeting) before = stored_meeting (fixture, window);
  g_autoptr(AllianceMeeting) after = NULL;
  const char *bad_dates[] = { "2026-02-30", "27/11/2026", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      gtk_editable_set_text (child (window, "date_row"), bad_dates[i]);
      g_assert_false (alliance_meeting_window_save_now (window));
      g_assert_true (gtk_widget_has_css_class (child (window, "date_row"), "error"));
      g_assert_true (gtk_widget_get_visible (child (window, "details_error_label")));
      g_assert_true (g_str_has_prefix (gtk_label_get_text (child (window, "save_state_label")), "Not saved"));
      g_assert_cmpstr (gtk_editable_get_text (child (window, "date_row")), ==, bad_dates[i]);
    }
  after = stored_meeting (fixture, window);
  g_assert_cmpstr (after->meeting_date, ==, before->meeting_date);
  g_clear_pointer (&after, alliance_meeting_free);

  gtk_editable_set_text (child (window, "date_row"), "2026-11-20");
  g_assert_true (alliance_meeting_window_save_now (window));
  g_assert_false (gtk_widget_has_css_class (child (window, "date_row"), "error"));
  g_assert_false (gtk_widget_get_visible (child (window, "details_error_label")));
  after = stored_meeting (fixture, window);
  g_assert_cmpstr (after->meeting_date, ==, "2026-11-20");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_recommendations_are_action_items (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  AllianceMeetingWindow *window = open_window (fixture, 0);
  g_autoptr(GPtrArray) items = NULL;
  AdwEntryRow *entry;
  GtkWidget *add_button;

  add_client (window, "C-0001");
  entry = new_item_row (window, 0);
  g_assert_nonnull (entry);
  add_button = GTK_WIDGET (test_gui_find_button (GTK_WIDGET (entry), "_Add"));
  g_assert_nonnull (add_button);

  /* An empty recommendation is refused, nothing saved. */
  g_signal_emit_by_name (add_button, "clicked");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  items = alliance_supervision_store_list_action_items (fixture->supervision, 1, TRUE, NULL);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Ask about sleep at the start of each session");
  g_signal_emit_by_name (add_button, "clicked");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Try a rupture-repair check-in");
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  items = alliance_supervision_store_list_action_items (fixture->supervision, 1, TRUE, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((AllianceActionItem *)g_ptr_array_index (items, 0))->text, ==,
                   "Ask about sleep at the start of each session");
  g_assert_cmpstr (((AllianceActionItem *)g_ptr_array_index (items, 1))->text, ==, "Try a rupture-repair check-in");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (window)), >=, 10);

  /* Removing the first deletes that action item and no other. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.remove-item", "(xu)", (gint64)1, 0u));
  items = alliance_supervision_store_list_action_items (fixture->supervision, 1, TRUE, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((AllianceActionItem *)g_ptr_array_index (items, 0))->text, ==, "Try a rupture-repair check-in");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A second client, then the first removed from the discussion (it has
   * a recommendation: asked first), with its action item. */
  add_client (window, "C-0002");
  g_assert_cmpuint (alliance_meeting_window_get_meeting (window)->discussions->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.remove-client", "x", (gint64)1));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *question = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window))
          question = ADW_MESSAGE_DIALOG (toplevel);
      }
    g_assert_nonnull (question);
    adw_message_dialog_response (question, "remove");
    test_gui_iterate ();
  }
  g_assert_cmpuint (alliance_meeting_window_get_meeting (window)->discussions->len, ==, 1);
  items = alliance_supervision_store_list_action_items (fixture->supervision, 1, TRUE, NULL);
  g_assert_cmpuint (items->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gpointer
find_message_dialog (gpointer parent)
{
  test_gui_iterate ();
  return test_gui_find_dialog (parent, NULL);
}

static void
test_sign_and_addendum (Fixture       *fixture,
                        gconstpointer  user_data)
{
  AllianceMeetingWindow *window = open_window (fixture, 0);
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *question;
  AdwEntryRow *entry;
  gint64 meeting_id;

  gtk_editable_set_text (child (window, "date_row"), "2026-11-20");
  add_client (window, "C-0001");
  set_text (discussion_view (window, 0), "Endings: plan the last four sessions.");
  entry = new_item_row (window, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Name the ending date together");
  g_signal_emit_by_name (entry, "entry-activated");

  /* Without a supervisor: refused at the field, before any question. */
  g_assert_cmpstr (gtk_editable_get_text (child (window, "supervisor_row")), ==, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.sign", NULL));
  g_assert_null (find_message_dialog (window));
  g_assert_true (gtk_widget_has_css_class (child (window, "supervisor_row"), "error"));
  g_assert_true (gtk_widget_get_visible (child (window, "details_error_label")));
  g_assert_false (alliance_meeting_window_sign (window, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  meeting = stored_meeting (fixture, window);
  g_assert_false (alliance_meeting_is_signed (meeting));
  g_clear_pointer (&meeting, alliance_meeting_free);

  /* With one: asked (naming date and supervisor), then signed. */
  gtk_editable_set_text (child (window, "supervisor_row"), "Dr Ana Lima");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.sign", NULL));
  question = find_message_dialog (window);
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), "2026"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Dr Ana Lima"));
  adw_message_dialog_response (question, "sign");
  test_gui_iterate ();
  g_assert_false (gtk_widget_has_css_class (child (window, "supervisor_row"), "error"));

  meeting = stored_meeting (fixture, window);
  meeting_id = meeting->id;
  g_assert_true (alliance_meeting_is_signed (meeting));
  g_assert_cmpstr (meeting->signed_by, ==, "Dr Sam Rivera, RP");
  g_assert_cmpstr (meeting->supervisor, ==, "Dr Ana Lima");
  g_assert_cmpstr (((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 0))->discussion, ==,
                   "Endings: plan the last four sessions.");

  /* The window is frozen. */
  g_assert_false (gtk_editable_get_editable (child (window, "date_row")));
  g_assert_false (gtk_editable_get_editable (child (window, "supervisor_row")));
  g_assert_false (gtk_list_box_row_get_activatable (child (window, "format_row")));
  g_assert_true (gtk_widget_has_css_class (child (window, "format_row"), "read-only"));
  g_assert_false (gtk_text_view_get_editable (child (window, "notes_view")));
  g_assert_false (gtk_text_view_get_editable (discussion_view (window, 0)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (new_item_row (window, 0))));
  g_assert_false (gtk_widget_get_visible (child (window, "add_client_box")));
  g_assert_false (gtk_widget_get_visible (child (window, "sign_button")));
  g_assert_true (gtk_widget_get_visible (child (window, "signed_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "signed_label")), "Dr Sam Rivera, RP"));
  gtk_widget_activate_action (GTK_WIDGET (window), "meeting.remove-item", "(xu)", (gint64)1, 0u);
  g_assert_cmpuint (((AllianceSupervisionDiscussion *)g_ptr_array_index (
                      alliance_meeting_window_get_meeting (window)->discussions, 0))->action_items->len, ==, 1);

  /* So is the record: a change typed in anyway is not saved, and the
   * store refuses the signed meeting. */
  set_text (discussion_view (window, 0), "Tampered.");
  g_assert_true (alliance_meeting_window_save_now (window));
  g_clear_pointer (&meeting, alliance_meeting_free);
  meeting = stored_meeting (fixture, window);
  g_assert_cmpstr (((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 0))->discussion, ==,
                   "Endings: plan the last four sessions.");
  g_free (meeting->notes);
  meeting->notes = g_strdup ("Tampered.");
  g_assert_false (alliance_supervision_store_save_meeting (fixture->supervision, meeting, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&meeting, alliance_meeting_free);

  /* A correction is a signed addendum below. */
  g_assert_true (gtk_widget_get_visible (child (window, "addenda_box")));
  set_text (child (window, "addendum_view"), "Correction: five sessions, not four.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.add-addendum", NULL));
  g_assert_nonnull (gtk_widget_get_first_child (child (window, "addenda_list")));
  meeting = stored_meeting (fixture, window);
  g_assert_cmpuint (meeting->addenda->len, ==, 1);
  g_assert_cmpstr (((AllianceMeetingAddendum *)g_ptr_array_index (meeting->addenda, 0))->body, ==,
                   "Correction: five sessions, not four.");
  g_clear_pointer (&meeting, alliance_meeting_free);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A signed meeting opens read-only, with its addendum. */
  window = open_window (fixture, meeting_id);
  g_assert_true (alliance_meeting_is_signed (alliance_meeting_window_get_meeting (window)));
  g_assert_false (gtk_editable_get_editable (child (window, "supervisor_row")));
  g_assert_false (gtk_text_view_get_editable (discussion_view (window, 0)));
  g_assert_false (gtk_widget_get_visible (child (window, "sign_button")));
  g_assert_nonnull (gtk_widget_get_first_child (child (window, "addenda_list")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Supervision Meeting");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The next agenda is a new meeting, its supervisor offered from this one. */
  window = open_window (fixture, 0);
  g_assert_cmpint (alliance_meeting_window_get_meeting (window)->id, !=, meeting_id);
  g_assert_false (alliance_meeting_is_signed (alliance_meeting_window_get_meeting (window)));
  g_assert_cmpstr (gtk_editable_get_text (child (window, "supervisor_row")), ==, "Dr Ana Lima");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

/* The sample's past meeting opens as a record: read-only, with its
 * excerpt, and its items done or open; the agenda keeps its excerpts
 * and questions through a save from here. */
static void
test_sample_meeting (void)
{
  g_autoptr(AllianceClientStore) clients = test_gui_empty_store ();
  AllianceDatabase *database = alliance_client_store_get_database (clients);
  g_autoptr(AllianceSessionStore) sessions = alliance_session_store_new (database);
  g_autoptr(AllianceSupervisionStore) supervision = alliance_supervision_store_new (database);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  const AllianceMeeting *past = NULL;
  AllianceMeetingWindow *window;
  guint n_excerpts = 0;

  g_assert_true (alliance_demo_populate (clients, &error));
  g_assert_no_error (error);
  meetings = alliance_supervision_store_list_meetings (supervision, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < meetings->len && past == NULL; i++)
    if (alliance_meeting_is_signed (g_ptr_array_index (meetings, i)))
      past = g_ptr_array_index (meetings, i);
  g_assert_nonnull (past);

  window = alliance_meeting_window_new (NULL, supervision, clients, sessions, past->id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  g_assert_false (gtk_widget_get_visible (child (window, "sign_button")));
  g_assert_false (gtk_editable_get_editable (child (window, "supervisor_row")));
  for (guint i = 0; i < past->discussions->len; i++)
    {
      const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (past->discussions, i);

      g_assert_true (has_label (GTK_WIDGET (window), discussion->question) ||
                     alliance_text_is_blank (discussion->question));
      n_excerpts += discussion->excerpts->len;
      for (guint j = 0; j < discussion->excerpts->len; j++)
        g_assert_true (has_label (GTK_WIDGET (window),
                                  ((AllianceSupervisionExcerpt *)g_ptr_array_index (discussion->excerpts, j))->text));
    }
  g_assert_cmpuint (n_excerpts, >, 0);   /* the sample quotes a note */
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (window)), >=, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The sample's agenda: its questions survive a save from this window. */
  {
    g_autoptr(AllianceMeeting) before = alliance_supervision_store_load_agenda (supervision, &error);
    g_autoptr(AllianceMeeting) after = NULL;

    g_assert_nonnull (before);
    g_assert_cmpuint (before->discussions->len, >, 0);
    window = alliance_meeting_window_new (NULL, supervision, clients, sessions, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (alliance_meeting_window_get_meeting (window)->id, ==, before->id);
    gtk_window_present (GTK_WINDOW (window));
    set_text (child (window, "notes_view"), "Ask about the waitlist.");
    g_assert_true (alliance_meeting_window_save_now (window));
    after = alliance_supervision_store_load_agenda (supervision, &error);
    g_assert_cmpstr (after->notes, ==, "Ask about the waitlist.");
    g_assert_cmpuint (after->discussions->len, ==, before->discussions->len);
    for (guint i = 0; i < before->discussions->len; i++)
      g_assert_cmpstr (((AllianceSupervisionDiscussion *)g_ptr_array_index (after->discussions, i))->question, ==,
                       ((AllianceSupervisionDiscussion *)g_ptr_array_index (before->discussions, i))->question);
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

static void
test_unknown_meeting (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (alliance_meeting_window_new (NULL, fixture->supervision, fixture->clients, fixture->sessions, 9999,
                                              &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add ("/meeting-window/typing-saves", Fixture, NULL, fixture_set_up, test_typing_saves, fixture_tear_down);
  g_test_add ("/meeting-window/date-refused-at-field", Fixture, NULL, fixture_set_up, test_date_refused_at_field,
              fixture_tear_down);
  g_test_add ("/meeting-window/recommendations-are-action-items", Fixture, NULL, fixture_set_up,
              test_recommendations_are_action_items, fixture_tear_down);
  g_test_add ("/meeting-window/sign-and-addendum", Fixture, NULL, fixture_set_up, test_sign_and_addendum,
              fixture_tear_down);
  g_test_add_func ("/meeting-window/sample-meeting", test_sample_meeting);
  g_test_add ("/meeting-window/unknown-meeting", Fixture, NULL, fixture_set_up, test_unknown_meeting,
              fixture_tear_down);

  return g_test_run ();
}
