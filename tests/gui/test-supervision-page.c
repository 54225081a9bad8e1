/* test-supervision-page.c
 *
 * The Supervision view over the sample caseload: the order of the review,
 * the agenda and its question saved as typed, the excerpt dialog's masks,
 * the sidebar entry, and the packet written whole or not at all.
 */
#define G_LOG_DOMAIN "alliance-test-supervision-page"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "alliance-date.h"
#include "alliance-demo.h"
#include "alliance-excerpt-dialog.h"
#include "alliance-meeting-window.h"
#include "alliance-redaction.h"
#include "alliance-supervision-card.h"
#include "alliance-supervision-page.h"
#include "alliance-window.h"
#include "test-gui-common.h"

typedef struct
{
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceRatingStore      *ratings;
  AllianceSupervisionStore *supervision;
  AllianceSupervisionPage  *page;
  GtkWidget                *window;
} Fixture;

/* The whole sample: sessions, ratings, events and a past meeting. */
static AllianceClientStore *
new_sample_store (void)
{
  g_autoptr(GError) error = NULL;
  AllianceClientStore *store = test_gui_empty_store ();

  g_assert_true (alliance_demo_populate (store, &error));
  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  AllianceDatabase *database;

  fixture->clients = new_sample_store ();
  database = alliance_client_store_get_database (fixture->clients);
  fixture->sessions = alliance_session_store_new (database);
  fixture->ratings = alliance_rating_store_new (database);
  fixture->supervision = alliance_supervision_store_new (database);
}

static void
open_page (Fixture *fixture)
{
  fixture->page = ALLIANCE_SUPERVISION_PAGE (alliance_supervision_page_new ());
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  alliance_supervision_page_set_stores (fixture->page, fixture->clients, fixture->sessions, fixture->ratings,
                                        fixture->supervision);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_gui_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      g_object_ref (fixture->page);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      test_gui_iterate ();
      g_assert_finalize_object (fixture->page);
    }
  g_clear_object (&fixture->supervision);
  g_clear_object (&fixture->ratings);
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->clients);
}

static gpointer
card_child (GtkWidget  *card,
            const char *name)
{
  return test_gui_child (card, ALLIANCE_TYPE_SUPERVISION_CARD, name);
}

static gboolean
is_flagged (const AllianceReviewEntry *entry)
{
  return entry->flags->flags != NULL && entry->flags->flags->len > 0;
}

static const AllianceReviewEntry *
find_entry (GPtrArray  *entries,
            const char *code)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const AllianceReviewEntry *entry = g_ptr_array_index (entries, i);
      if (g_str_equal (entry->code, code))
        return entry;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Flagged clients first, most severe first, as the core orders them;
 * then the rest by name; the cards shown in that order. */
static void
test_review_order (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GPtrArray *entries;
  guint n_flagged = 0;
  GtkWidget *attention_box, *rest_box, *card;

  open_page (fixture);
  entries = alliance_supervision_page_get_entries (fixture->page);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 5);

  for (guint i = 0; i < entries->len; i++)
    {
      const AllianceReviewEntry *entry = g_ptr_array_index (entries, i);

      if (is_flagged (entry))
        {
          /* No unflagged client before a flagged one. */
          g_assert_cmpuint (n_flagged, ==, i);
          n_flagged++;
        }
      if (i > 0)
        {
          const AllianceReviewEntry *previous = g_ptr_array_index (entries, i - 1);

          g_assert_cmpint (alliance_review_entry_compare (previous, entry), <=, 0);
          if (is_flagged (previous) && is_flagged (entry))
            g_assert_cmpint (previous->flags->max_severity, >=, entry->flags->max_severity);
        }
    }
  /* The sample caseload has clients who need attention and some who do not. */
  g_assert_cmpuint (n_flagged, >, 0);
  g_assert_cmpuint (n_flagged, <, entries->len);

  /* The cards follow the review: the first flagged one heads "Needs Attention". */
  attention_box = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_SUPERVISION_PAGE, "attention_box");
  rest_box = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_SUPERVISION_PAGE, "rest_box");
  card = gtk_widget_get_first_child (attention_box);
  g_assert_true (ALLIANCE_IS_SUPERVISION_CARD (card));
  g_assert_cmpint (alliance_supervision_card_get_client_id (ALLIANCE_SUPERVISION_CARD (card)), ==,
                   ((AllianceReviewEntry *)g_ptr_array_index (entries, 0))->client_id);
  g_assert_cmpstr (gtk_label_get_text (card_child (card, "name_label")), ==,
                   ((AllianceReviewEntry *)g_ptr_array_index (entries, 0))->display_name);
  if (n_flagged < 30)
    {
      card = gtk_widget_get_first_child (rest_box);
      g_assert_nonnull (card);
      g_assert_cmpint (alliance_supervision_card_get_client_id (ALLIANCE_SUPERVISION_CARD (card)), ==,
                       ((AllianceReviewEntry *)g_ptr_array_index (entries, n_flagged))->client_id);
    }
  g_assert_false (gtk_widget_get_visible (
    test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_SUPERVISION_PAGE, "no_attention_box")));

  /* The agenda already open in the sample shows on its clients' cards. */
  for (guint i = 0; i < entries->len; i++)
    {
      const AllianceReviewEntry *entry = g_ptr_array_index (entries, i);

      card = alliance_supervision_page_get_card (fixture->page, entry->client_id);
      g_assert_true (gtk_switch_get_active (card_child (card, "agenda_switch")) == entry->on_agenda);
      if (entry->on_agenda)
        g_assert_cmpstr (gtk_editable_get_text (card_child (card, "question_row")), ==,
                         entry->question ? entry->question : "");
    }

  /* Every control has a name a screen reader can say. */
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (fixture->page)), >, 10);

  /* A period is validated: backwards is refused and nothing changes. */
  g_assert_false (alliance_supervision_page_set_period (fixture->page, "2026-05-01", "2026-04-01"));
  g_assert_false (alliance_supervision_page_set_period (fixture->page, "2026-02-30", "2026-04-01"));
  g_assert_true (alliance_supervision_page_set_period (fixture->page, "2001-01-01", "2001-01-31"));
  g_assert_cmpstr (alliance_supervision_page_get_from (fixture->page), ==, "2001-01-01");
  /* Long before any session: nobody attended anything in it. */
  entries = alliance_supervision_page_get_entries (fixture->page);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpuint (((AllianceReviewEntry *)g_ptr_array_index (entries, i))->n_sessions, ==, 0);
}

/* The sample's agenda already holds a few clients. */
static const AllianceReviewEntry *
first_off_agenda (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const AllianceReviewEntry *entry = g_ptr_array_index (entries, i);
      if (!entry->on_agenda)
        return entry;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
question_saved (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(AllianceMeeting) agenda = alliance_supervision_store_load_agenda (fixture->supervision, NULL);
  const AllianceSupervisionDiscussion *discussion;

  discussion = agenda ? alliance_meeting_find_discussion (agenda, GPOINTER_TO_SIZE (
                                                            g_object_get_data (G_OBJECT (fixture->page), "client")))
                      : NULL;
  return discussion != NULL && g_strcmp0 (discussion->question, "Am I avoiding the rupture?") == 0;
}

static void
test_agenda_question (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) agenda = NULL;
  const AllianceReviewEntry *entry;
  GtkWidget *card;
  gint64 client_id;

  open_page (fixture);
  entry = first_off_agenda (alliance_supervision_page_get_entries (fixture->page));
  client_id = entry->client_id;
  card = alliance_supervision_page_get_card (fixture->page, client_id);
  g_assert_false (gtk_switch_get_active (card_child (card, "agenda_switch")));
  g_assert_false (gtk_widget_get_visible (card_child (card, "question_row")));

  /* On the agenda: saved at once, the question field appears. */
  gtk_switch_set_active (card_child (card, "agenda_switch"), TRUE);
  agenda = alliance_supervision_store_load_agenda (fixture->supervision, NULL);
  g_assert_nonnull (agenda);
  g_assert_nonnull (alliance_meeting_find_discussion (agenda, client_id));
  g_assert_true (gtk_widget_get_visible (card_child (card, "question_row")));
  g_assert_true (g_action_group_get_action_enabled (alliance_supervision_page_get_actions (fixture->page),
                                                    "export-packet"));

  /* Typing saves after a pause, without any button. */
  g_object_set_data (G_OBJECT (fixture->page), "client", GSIZE_TO_POINTER ((gsize)client_id));
  gtk_editable_set_text (card_child (card, "question_row"), "Am I avoiding the rupture?");
  g_assert_false (question_saved (fixture));
  test_gui_wait_until (question_saved, fixture);
  /* What is typed stays in the field after the save comes back. */
  g_assert_cmpstr (gtk_editable_get_text (card_child (card, "question_row")), ==, "Am I avoiding the rupture?");

  /* A change made elsewhere shows, and a new question saves on leaving the field. */
  gtk_editable_set_text (card_child (card, "question_row"), "What is the client not saying?");
  alliance_supervision_card_flush_question (ALLIANCE_SUPERVISION_CARD (card));
  g_clear_pointer (&agenda, alliance_meeting_free);
  agenda = alliance_supervision_store_load_agenda (fixture->supervision, NULL);
  g_assert_cmpstr (alliance_meeting_find_discussion (agenda, client_id)->question, ==,
                   "What is the client not saying?");

  /* A new period rebuilds the cards: a question still waiting for its
   * pause is saved first, not dropped with its card. */
  gtk_editable_set_text (card_child (card, "question_row"), "Typed just before the period changed");
  g_assert_true (alliance_supervision_page_set_period (fixture->page, "2026-01-01",
                                                       alliance_supervision_page_get_to (fixture->page)));
  g_clear_pointer (&agenda, alliance_meeting_free);
  agenda = alliance_supervision_store_load_agenda (fixture->supervision, NULL);
  g_assert_cmpstr (alliance_meeting_find_discussion (agenda, client_id)->question, ==,
                   "Typed just before the period changed");
  g_assert_cmpstr (agenda->period_start, ==, "2026-01-01");
  card = alliance_supervision_page_get_card (fixture->page, client_id);
  g_assert_cmpstr (gtk_editable_get_text (card_child (card, "question_row")), ==,
                   "Typed just before the period changed");

  /* Off the agenda: gone from the record too. */
  gtk_switch_set_active (card_child (card, "agenda_switch"), FALSE);
  g_clear_pointer (&agenda, alliance_meeting_free);
  agenda = alliance_supervision_store_load_agenda (fixture->supervision, NULL);
  g_assert_true (agenda == NULL || alliance_meeting_find_discussion (agenda, client_id) == NULL);
  g_assert_false (gtk_widget_get_visible (card_child (card, "question_row")));
  /* The packet holds the agenda's clients: none, nothing to export. */
  g_assert_true (g_action_group_get_action_enabled (alliance_supervision_page_get_actions (fixture->page),
                                                    "export-packet") ==
                 (agenda != NULL && agenda->discussions->len > 0));
}

static gint64
add_note (Fixture    *fixture,
          gint64      client_id,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(AllianceNote) note = NULL;

  session = alliance_session_store_suggest_session (fixture->sessions, client_id, now, &error);
  g_assert_no_error (error);
  g_free (session->starts_at);
  session->starts_at = g_date_time_format (now, "%Y-%m-%d 08:00");
  session->attendance = ALLIANCE_ATTENDANCE_ATTENDED;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_free (note->sections[0]);
  note->sections[0] = g_strdup (text);
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, note, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
select_word (GtkTextView *view,
             const char  *word)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, word, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
}

static void
test_excerpt_masks (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = NULL;
  g_autoptr(AllianceMeeting) agenda = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *note_text = NULL;
  const AllianceSupervisionDiscussion *discussion;
  const AllianceSupervisionExcerpt *excerpt;
  AllianceExcerptDialog *dialog;
  GtkTextView *text_view;
  guint n_spans;

  /* C-0004: Katherine "Kate" O'Connor-Whitfield. */
  client = alliance_client_store_load (fixture->clients, 4, NULL);
  g_assert_nonnull (client);
  note_text = g_strdup_printf ("Kate talked about the argument with her sister; she will ring 0412 345 678 before "
                               "next week. She felt the session was about the orchard again.");
  add_note (fixture, client->id, note_text);
  open_page (fixture);
  g_assert_nonnull (find_entry (alliance_supervision_page_get_entries (fixture->page), client->code));
  g_assert_nonnull (alliance_supervision_page_get_card (fixture->page, client->id));
  g_assert_true (alliance_supervision_page_set_on_agenda (fixture->page, client->id, TRUE, NULL));

  dialog = ALLIANCE_EXCERPT_DIALOG (alliance_supervision_page_add_excerpt (fixture->page, client->id));
  g_assert_nonnull (dialog);
  test_gui_iterate ();
  g_assert_cmpuint (alliance_excerpt_dialog_get_n_notes (dialog), >=, 1);
  /* The newest note is shown first: the one just written. */
  g_assert_cmpstr (alliance_excerpt_dialog_get_text (dialog), ==, note_text);
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (dialog)), >=, 3);

  masked = alliance_excerpt_dialog_dup_masked_text (dialog);
  g_assert_null (strstr (masked, "Kate"));
  g_assert_null (strstr (masked, "0412"));
  g_assert_null (strstr (masked, "345 678"));
  g_assert_nonnull (strstr (masked, alliance_redaction_kind_get_mask (ALLIANCE_REDACTION_NAME)));
  g_assert_nonnull (strstr (masked, alliance_redaction_kind_get_mask (ALLIANCE_REDACTION_PHONE)));
  g_assert_nonnull (strstr (masked, "orchard"));
  g_clear_pointer (&masked, g_free);

  /* The therapist masks a word the detector could not know. */
  n_spans = alliance_excerpt_dialog_get_spans (dialog)->len;
  text_view = test_gui_child (GTK_WIDGET (dialog), ALLIANCE_TYPE_EXCERPT_DIALOG, "text_view");
  select_word (text_view, "orchard");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "excerpt.mask-selection", NULL));
  g_assert_cmpuint (alliance_excerpt_dialog_get_spans (dialog)->len, ==, n_spans + 1);
  masked = alliance_excerpt_dialog_dup_masked_text (dialog);
  g_assert_null (strstr (masked, "orchard"));
  g_assert_nonnull (strstr (masked, alliance_redaction_kind_get_mask (ALLIANCE_REDACTION_MANUAL)));
  g_assert_nonnull (strstr (masked, "argument"));

  /* Added: the masked text is what the agenda keeps. */
  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "excerpt.add", NULL));
  test_gui_iterate ();
  g_assert_finalize_object (dialog);
  agenda = alliance_supervision_store_load_agenda (fixture->supervision, NULL);
  discussion = alliance_meeting_find_discussion (agenda, client->id);
  g_assert_nonnull (discussion);
  g_assert_cmpuint (discussion->excerpts->len, ==, 1);
  excerpt = g_ptr_array_index (discussion->excerpts, 0);
  g_assert_cmpstr (excerpt->text, ==, masked);
  g_assert_null (strstr (excerpt->text, "Kate"));
}

static gboolean
pdfinfo_available (void)
{
  g_autofree char *path = g_find_program_in_path ("pdfinfo");
  return path != NULL;
}

static guint
count_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_export_packet (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("alliance-packet-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *output = NULL;
  const AllianceReviewEntry *entry;
  GStatBuf info;
  int status;

  g_assert_no_error (error);
  open_page (fixture);
  entry = g_ptr_array_index (alliance_supervision_page_get_entries (fixture->page), 0);
  g_assert_true (alliance_supervision_page_set_on_agenda (fixture->page, entry->client_id, TRUE, &error));
  g_assert_no_error (error);

  path = g_build_filename (directory, "supervision-packet.pdf", NULL);
  g_assert_true (alliance_supervision_page_export_packet (fixture->page, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  if (pdfinfo_available ())
    {
      const char *argv[] = { "pdfinfo", path, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                   NULL, &output, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (output, "Pages:"));
    }
  else
    g_test_message ("pdfinfo not found: the PDF's structure is not checked");
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* Through the menu: the file chooser suggests a name with no client's
   * code in it, and a toast says the packet is saved. */
  g_action_group_activate_action (alliance_supervision_page_get_actions (fixture->page), "export-packet", NULL);
  {
    GtkFileChooser *chooser = test_gui_wait_for_file_chooser ();
    g_autofree char *suggested = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (suggested, ==, "supervision-packet.pdf");
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Supervision Packet");
  }
  test_gui_choose_file (directory, "supervision-packet.pdf");
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_true (test_gui_has_label_with (fixture->window, "Supervision packet saved"));
  g_assert_null (test_gui_find_dialog (NULL, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* Printing lays out the same packet for the printer's page. */
  g_assert_true (alliance_supervision_page_print_packet (fixture->page, GTK_PRINT_OPERATION_ACTION_EXPORT, path,
                                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_size, >, 1000);
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* Nowhere to write: an error, and no partial file left anywhere. */
  missing = g_build_filename (directory, "missing", "supervision-packet.pdf", NULL);
  g_assert_false (alliance_supervision_page_export_packet (fixture->page, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (directory), ==, 0);
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (directory, 0500), ==, 0);
      g_assert_false (alliance_supervision_page_export_packet (fixture->page, path, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (directory, 0700), ==, 0);
      g_assert_cmpuint (count_files (directory), ==, 0);
    }
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

static void
test_sidebar_entry (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(AllianceClientStore) store = new_sample_store ();
  AllianceWindow *window;
  GtkStack *content_stack;
  AdwWindowTitle *title;
  GtkLabel *subtitle;
  AdwLeaflet *leaflet;

  g_settings_reset (settings, "caseload-filter");
  window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);
  alliance_window_set_store (window, store, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  content_stack = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "content_stack");
  title = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "content_title");
  subtitle = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "supervision_subtitle");
  leaflet = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "leaflet");

  /* Not built until asked for. */
  g_assert_null (gtk_stack_get_child_by_name (content_stack, "supervision"));
  /* The sample caseload has clients who need attention. */
  g_assert_nonnull (strstr (gtk_label_get_text (subtitle), "attention"));
  g_assert_true (g_ascii_isdigit (gtk_label_get_text (subtitle)[0]));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-supervision", NULL));
  test_gui_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "supervision");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Supervision");
  g_assert_true (ALLIANCE_IS_SUPERVISION_PAGE (gtk_stack_get_child_by_name (content_stack, "supervision")));
  g_assert_false (gtk_widget_get_visible (test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "edit_button")));
  g_assert_true (gtk_widget_get_visible (test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW,
                                                         "supervision_buttons")));

  /* Record Meeting opens the meeting window on the agenda. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint n_before = g_list_model_get_n_items (toplevels);
    g_autoptr(GObject) meeting = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "supervision.record-meeting", NULL));
    test_gui_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before + 1);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && meeting == NULL; i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
        if (ALLIANCE_IS_MEETING_WINDOW (toplevel))
          meeting = g_steal_pointer (&toplevel);
      }
    g_assert_nonnull (meeting);
    g_assert_false (alliance_meeting_is_signed (alliance_meeting_window_get_meeting (ALLIANCE_MEETING_WINDOW (meeting))));
    gtk_window_destroy (GTK_WINDOW (meeting));
    test_gui_iterate ();
  }

  /* A client's name in the review opens their page. */
  {
    AllianceSupervisionPage *page = ALLIANCE_SUPERVISION_PAGE (gtk_stack_get_child_by_name (content_stack,
                                                                                           "supervision"));
    const AllianceReviewEntry *entry = g_ptr_array_index (alliance_supervision_page_get_entries (page), 0);
    GtkWidget *card = alliance_supervision_page_get_card (page, entry->client_id);

    g_signal_emit_by_name (card_child (card, "name_button"), "clicked");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "client");
    g_assert_cmpint (alliance_window_get_selected_client (window), ==, entry->client_id);
    g_assert_cmpstr (adw_window_title_get_title (title), ==, entry->display_name);
  }

  /* Narrow: the view takes the one pane, the back button returns. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_unmaximize (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-caseload", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-supervision", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "supervision");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_WINDOW, "content"));

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
  g_assert_finalize_object (window);
}

static void
test_empty_states (void)
{
  g_autoptr(AllianceClientStore) clients = test_gui_empty_store ();
  AllianceDatabase *database = alliance_client_store_get_database (clients);
  g_autoptr(AllianceSessionStore) sessions = alliance_session_store_new (database);
  g_autoptr(AllianceRatingStore) ratings = alliance_rating_store_new (database);
  g_autoptr(AllianceSupervisionStore) supervision = alliance_supervision_store_new (database);
  g_autoptr(GError) error = NULL;
  AllianceSupervisionPage *page = ALLIANCE_SUPERVISION_PAGE (alliance_supervision_page_new ());
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  alliance_supervision_page_set_stores (page, clients, sessions, ratings, supervision);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  /* No clients: nothing to review, said so. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_SUPERVISION_PAGE, "page_stack")), ==, "empty");

  /* Clients without a session yet: no one needs attention, the rest is listed. */
  g_assert_true (alliance_demo_populate_caseload (clients, &error));
  g_assert_no_error (error);
  test_gui_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_SUPERVISION_PAGE, "page_stack")), ==, "review");
  g_assert_true (gtk_widget_get_visible (
    test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_SUPERVISION_PAGE, "no_attention_box")));
  g_assert_null (gtk_widget_get_first_child (
    test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_SUPERVISION_PAGE, "attention_box")));
  g_assert_nonnull (gtk_widget_get_first_child (
    test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_SUPERVISION_PAGE, "rest_box")));

  g_object_ref (page);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
  g_assert_finalize_object (page);
}

/* A session saved for one client changes that client's card, and only it. */
static void
test_refresh_one_client (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const AllianceReviewEntry *entry;
  g_autofree char *before = NULL;
  GtkWidget *card, *other;
  gint64 client_id;
  GPtrArray *entries;

  open_page (fixture);
  entries = alliance_supervision_page_get_entries (fixture->page);
  entry = find_entry (entries, "C-0004");
  client_id = entry->client_id;
  card = alliance_supervision_page_get_card (fixture->page, client_id);
  other = alliance_supervision_page_get_card (fixture->page,
                                              ((AllianceReviewEntry *)g_ptr_array_index (entries, 0))->client_id);
  g_assert_true (card != other);
  before = g_strdup (gtk_label_get_text (card_child (card, "facts_label")));

  add_note (fixture, client_id, "A short session.");
  test_gui_iterate ();
  /* The same card, told the new numbers; no rebuild of the list. */
  g_assert_true (alliance_supervision_page_get_card (fixture->page, client_id) == card);
  g_assert_true (gtk_widget_get_parent (other) != NULL);
  g_assert_cmpstr (gtk_label_get_text (card_child (card, "facts_label")), !=, before);
  entry = find_entry (alliance_supervision_page_get_entries (fixture->page), "C-0004");
  g_assert_cmpuint (entry->n_sessions, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add ("/supervision-page/review-order", Fixture, NULL, fixture_set_up, test_review_order, fixture_tear_down);
  g_test_add ("/supervision-page/agenda-question", Fixture, NULL, fixture_set_up, test_agenda_question,
              fixture_tear_down);
  g_test_add ("/supervision-page/excerpt-masks", Fixture, NULL, fixture_set_up, test_excerpt_masks,
              fixture_tear_down);
  g_test_add ("/supervision-page/export-packet", Fixture, NULL, fixture_set_up, test_export_packet,
              fixture_tear_down);
  g_test_add ("/supervision-page/refresh-one-client", Fixture, NULL, fixture_set_up, test_refresh_one_client,
              fixture_tear_down);
  g_test_add_func ("/supervision-page/empty-states", test_empty_states);
  g_test_add_func ("/supervision-page/sidebar-entry", test_sidebar_entry);

  return g_test_run ();
}
