/* test-note-editor.c
 *
 * Logging a session and writing its note: the form refuses impossible
 * values at the field; drafts save themselves after a pause and on close;
 * signing freezes the note; addenda go below it.
 */
#define G_LOG_DOMAIN "alliance-test-note-editor"

#include "config.h"

#include <glib/gstdio.h>

#include "alliance-note-editor.h"
#include "alliance-record-window.h"
#include "alliance-search-window.h"
#include "alliance-session-dialog.h"
#include "test-gui-common.h"

typedef struct
{
  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  AllianceClient       *client;
  AllianceSession      *session;   /* saved */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "signer-name", "Dr Sam Rivera, RP");
  g_settings_reset (settings, "default-note-template");

  fixture->clients = test_gui_demo_store ();
  fixture->sessions = alliance_session_store_new (alliance_client_store_get_database (fixture->clients));
  fixture->client = alliance_client_store_load (fixture->clients, 1, &error);
  g_assert_no_error (error);

  fixture->session = alliance_session_new (fixture->client->id);
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
  g_clear_pointer (&fixture->client, alliance_client_free);
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->clients);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  return test_gui_child (GTK_WIDGET (widget), type, name);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static GtkTextView *
first_section (AllianceNoteEditor *editor)
{
  GtkWidget *box = child (editor, ALLIANCE_TYPE_NOTE_EDITOR, "sections_box");

  /* Heading, then its text view in a scroller, for each section. */
  return GTK_TEXT_VIEW (gtk_scrolled_window_get_child (
    GTK_SCROLLED_WINDOW (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)))));
}

static AllianceNote *
stored_note (Fixture *fixture)
{
  return alliance_session_store_load_note (fixture->sessions, fixture->session->id, NULL);
}

static void
test_session_dialog_refuses_at_the_field (Fixture       *fixture,
                                          gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 14, 28, 0);
  g_autoptr(AllianceSession) suggestion = alliance_session_store_suggest_session (fixture->sessions, fixture->client->id,
                                                                                  now, NULL);
  AllianceSessionDialog *dialog = alliance_session_dialog_new (fixture->sessions, suggestion);
  g_autoptr(GPtrArray) sessions = alliance_session_store_list_sessions (fixture->sessions, fixture->client->id, NULL);
  guint n_before = sessions->len;
  struct { const char *row, *text, *bad_row; } cases[] = {
    { "date_row", "2026-02-30", "date_row" },
    { "date_row", "27/11/2026", "date_row" },
    { "time_row", "25:00", "time_row" },
    { "duration_row", "-5", "duration_row" },
    { "duration_row", "0", "duration_row" },
  };

  gtk_window_present (GTK_WINDOW (dialog));
  /* Pre-filled: today, the time rounded, the usual length. */
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, "date_row")), ==, "2026-11-27");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, "time_row")), ==, "14:30");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, "duration_row")), ==, "50");
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (dialog)), >=, 6);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkEditable *row = child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, cases[i].row);
      g_autofree char *good = g_strdup (gtk_editable_get_text (row));

      gtk_editable_set_text (row, cases[i].text);
      g_assert_false (alliance_session_dialog_save (dialog));
      g_assert_true (gtk_widget_has_css_class (child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, cases[i].bad_row), "error"));
      g_assert_true (gtk_widget_get_visible (child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, "when_error")));
      gtk_editable_set_text (row, good);
    }

  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = alliance_session_store_list_sessions (fixture->sessions, fixture->client->id, NULL);
  g_assert_cmpuint (sessions->len, ==, n_before);   /* nothing saved while refused */
  g_clear_pointer (&sessions, g_ptr_array_unref);

  g_assert_true (alliance_session_dialog_save (dialog));
  sessions = alliance_session_store_list_sessions (fixture->sessions, fixture->client->id, NULL);
  g_assert_cmpuint (sessions->len, ==, n_before + 1);
}

static gboolean
is_saved (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(AllianceNote) note = stored_note (fixture);

  return note != NULL && g_strcmp0 (note->sections[0], "Slept better this week.") == 0;
}

static void
test_draft_saves_itself (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AllianceNoteEditor *editor = alliance_note_editor_new (fixture->sessions, fixture->client, fixture->session);
  g_autoptr(AllianceNote) note = NULL;
  gint64 typed_at;

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (editor)), >=, 3);

  /* Opening writes nothing: no empty notes from a look. */
  g_assert_null (stored_note (fixture));

  set_text (first_section (editor), "Slept better this week.");
  typed_at = g_get_monotonic_time ();
  test_gui_wait_until (is_saved, fixture);
  /* Within the two seconds promised, without anyone pressing Save. */
  g_assert_cmpint (g_get_monotonic_time () - typed_at, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpstr (gtk_label_get_text (child (editor, ALLIANCE_TYPE_NOTE_EDITOR, "save_state_label")), ==, "Saved");
  /* The template is fixed once there is text. */
  g_assert_false (gtk_widget_get_sensitive (child (editor, ALLIANCE_TYPE_NOTE_EDITOR, "template_dropdown")));

  /* A megabyte pasted in one go is saved whole. */
  {
    GString *pasted = g_string_new (NULL);
    g_autoptr(AllianceNote) big = NULL;

    while (pasted->len < 1024 * 1024)
      g_string_append (pasted, "The client talked about the week; \"quotes\", 'apostrophes' and SELECT * FROM notes;\n");
    set_text (first_section (editor), pasted->str);
    g_assert_true (alliance_note_editor_save_now (editor));
    big = stored_note (fixture);
    g_assert_cmpstr (big->sections[0], ==, pasted->str);
    g_string_free (pasted, TRUE);
  }

  /* Closing saves what the timer has not yet. */
  set_text (first_section (editor), "Slept better; 'quoted'; DROP TABLE notes;");
  gtk_window_close (GTK_WINDOW (editor));
  note = stored_note (fixture);
  g_assert_cmpstr (note->sections[0], ==, "Slept better; 'quoted'; DROP TABLE notes;");
  g_assert_false (alliance_note_is_signed (note));
}

static void
test_sign_and_addendum (Fixture       *fixture,
                        gconstpointer  user_data)
{
  AllianceNoteEditor *editor = alliance_note_editor_new (fixture->sessions, fixture->client, fixture->session);
  g_autoptr(AllianceNote) note = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (editor));

  /* An empty note is not signed. */
  g_assert_false (alliance_note_editor_sign (editor, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (stored_note (fixture));

  set_text (first_section (editor), "Discussed the ending of therapy.");
  g_assert_true (alliance_note_editor_sign (editor, &error));
  g_assert_no_error (error);

  note = stored_note (fixture);
  g_assert_true (alliance_note_is_signed (note));
  g_assert_cmpstr (note->signed_by, ==, "Dr Sam Rivera, RP");
  g_assert_cmpstr (note->sections[0], ==, "Discussed the ending of therapy.");
  g_assert_false (gtk_text_view_get_editable (first_section (editor)));
  g_assert_true (gtk_widget_get_visible (child (editor, ALLIANCE_TYPE_NOTE_EDITOR, "signed_label")));
  g_assert_false (gtk_widget_get_visible (child (editor, ALLIANCE_TYPE_NOTE_EDITOR, "sign_button")));

  /* Typing into a signed note changes nothing (the view is read-only, and
   * even a programmatic change is not saved). */
  set_text (first_section (editor), "Tampered.");
  g_assert_true (alliance_note_editor_save_now (editor));
  g_clear_pointer (&note, alliance_note_free);
  note = stored_note (fixture);
  g_assert_cmpstr (note->sections[0], ==, "Discussed the ending of therapy.");

  set_text (child (editor, ALLIANCE_TYPE_NOTE_EDITOR, "addendum_view"), "Correction: the ending is in March.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "note.add-addendum", NULL));
  g_clear_pointer (&note, alliance_note_free);
  note = stored_note (fixture);
  g_assert_cmpuint (note->addenda->len, ==, 1);
  g_assert_cmpstr (((AllianceAddendum *)g_ptr_array_index (note->addenda, 0))->body, ==,
                   "Correction: the ending is in March.");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The message dialog open over @parent. */
static AdwMessageDialog *
find_message_dialog (gpointer parent)
{
  AdwMessageDialog *dialog;

  test_gui_iterate ();
  dialog = test_gui_find_dialog (parent, NULL);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_entered_in_error_and_delete (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  AllianceSessionDialog *dialog = alliance_session_dialog_new (fixture->sessions, fixture->session);
  AdwMessageDialog *question;
  g_autoptr(AllianceSession) marked = NULL;
  g_autoptr(AllianceSession) spare = alliance_session_new (fixture->client->id);
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, "error_row")));

  /* The reason is required before the mark can be made. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "session.mark-error", NULL));
  question = find_message_dialog (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (question, "mark"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (question)), "Logged for the wrong client");
  g_assert_true (adw_message_dialog_get_response_enabled (question, "mark"));
  adw_message_dialog_response (question, "mark");
  test_gui_iterate ();

  marked = alliance_session_store_load_session (fixture->sessions, fixture->session->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (marked->error_reason, ==, "Logged for the wrong client");
  g_assert_cmpint (marked->number, ==, 0);

  /* A session without a signed note can be deleted, after a question. */
  spare->starts_at = g_strdup ("2026-11-21 11:00");
  spare->duration_minutes = 50;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, spare, NULL, NULL));
  dialog = alliance_session_dialog_new (fixture->sessions, spare);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, ALLIANCE_TYPE_SESSION_DIALOG, "delete_row")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "session.delete", NULL));
  adw_message_dialog_response (find_message_dialog (dialog), "delete");
  test_gui_iterate ();
  g_assert_null (alliance_session_store_load_session (fixture->sessions, spare->id, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_search_window (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AllianceSearchWindow *search = alliance_search_window_new (fixture->clients, fixture->sessions);
  g_autoptr(AllianceNote) note = alliance_note_new (fixture->session->id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_autofree char *markup = alliance_search_snippet_to_markup ("a <b> & \x01Zoë\x02 said");
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */
  guint n_windows;

  /* The client's words are text, never markup. */
  g_assert_cmpstr (markup, ==, "a &lt;b&gt; &amp; <b>Zoë</b> said");

  g_free (note->sections[0]);
  note->sections[0] = g_strdup ("Spoke about kintsûgi and the bowl her brother mended.");
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, note, NULL));

  gtk_window_present (GTK_WINDOW (search));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (search)), >=, 1);
  alliance_search_window_search (search, "KINTSUGI");
  g_assert_cmpuint (alliance_search_window_get_n_hits (search), ==, 1);
  alliance_search_window_search (search, "no such word anywhere");
  g_assert_cmpuint (alliance_search_window_get_n_hits (search), ==, 0);
  alliance_search_window_search (search, "kints");
  g_assert_cmpuint (alliance_search_window_get_n_hits (search), ==, 1);

  /* Activating a hit opens its note. */
  n_windows = g_list_model_get_n_items (toplevels);
  g_assert_true (alliance_search_window_open_hit (search, 0));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows + 1);
  g_assert_false (alliance_search_window_open_hit (search, 5));
  gtk_window_destroy (GTK_WINDOW (search));
}

static void
test_record_window (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(AllianceNote) note = alliance_note_new (fixture->session->id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alliance-record-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "record.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "record.pdf", NULL);
  g_autofree char *contents = NULL;
  AllianceRecordWindow *record;
  gsize length = 0;

  g_free (note->sections[0]);
  note->sections[0] = g_strdup ("Talked about the move to Montréal.");
  g_assert_true (alliance_session_store_sign_note (fixture->sessions, note, "Dr Sam Rivera", NULL));

  record = alliance_record_window_new (fixture->clients, fixture->sessions, fixture->client->id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (record));
  test_gui_iterate ();
  g_assert_cmpuint (alliance_record_window_get_n_pages (record), >, 0);
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (record)), >=, 3);

  /* The PDF comes from the same renderer as the pages on screen. */
  g_assert_true (alliance_record_window_export (record, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (length > 1000 && g_str_has_prefix (contents, "%PDF"));

  /* Printing runs the same pages through GtkPrintOperation (exported to a
   * file here, as there is no printer in a test). */
  {
    g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
    g_autofree char *printed_contents = NULL;
    gsize printed_length = 0;

    g_assert_true (alliance_record_window_print (record, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (printed, &printed_contents, &printed_length, NULL));
    g_assert_true (printed_length > 1000 && g_str_has_prefix (printed_contents, "%PDF"));
    g_unlink (printed);
  }

  /* Through the menu: the name suggested carries the code, not the name. */
  {
    g_autofree char *chosen = g_build_filename (dir, "chosen.pdf", NULL);
    g_autofree char *expected = g_strdup_printf ("record-%s.pdf", fixture->client->code);
    g_autofree char *suggested = NULL;
    GtkFileChooser *chooser;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (record), "record.export-pdf", NULL));
    chooser = test_gui_wait_for_file_chooser ();
    suggested = gtk_file_chooser_get_current_name (chooser);
    g_assert_cmpstr (suggested, ==, expected);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Record as PDF");
    test_gui_choose_file (dir, "chosen.pdf");
    g_assert_true (g_file_test (chosen, G_FILE_TEST_IS_REGULAR));
    g_assert_null (test_gui_find_dialog (NULL, NULL));
    g_unlink (chosen);
  }

  /* A folder that is not there: a clear error and no file. */
  g_assert_false (alliance_record_window_export (record, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* An unknown client: no window. */
  g_clear_error (&error);
  g_assert_null (alliance_record_window_new (fixture->clients, fixture->sessions, 99999, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);

  gtk_window_destroy (GTK_WINDOW (record));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/note-editor/session-dialog-refuses-at-the-field", test_session_dialog_refuses_at_the_field);
  ADD ("/note-editor/draft-saves-itself", test_draft_saves_itself);
  ADD ("/note-editor/sign-and-addendum", test_sign_and_addendum);
  ADD ("/note-editor/entered-in-error-and-delete", test_entered_in_error_and_delete);
  ADD ("/note-editor/search-window", test_search_window);
  ADD ("/note-editor/record-window", test_record_window);
#undef ADD

  return g_test_run ();
}
