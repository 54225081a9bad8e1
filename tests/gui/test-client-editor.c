/* test-client-editor.c
 *
 * The client form: saving, and refusing with the message beside the field
 * that is wrong while nothing is written.
 */
#define G_LOG_DOMAIN "alliance-test-client-editor"

#include "config.h"

#include "alliance-client-editor.h"
#include "test-gui-common.h"

static GtkWidget *
row (AllianceClientEditor *editor,
     const char           *name)
{
  return test_gui_child (GTK_WIDGET (editor), ALLIANCE_TYPE_CLIENT_EDITOR, name);
}

static void
type_into (AllianceClientEditor *editor,
           const char           *row_name,
           const char           *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (editor, row_name)), text);
}

static void
saved_cb (AllianceClientEditor *editor,
          gint64                client_id,
          gint64               *saved_id)
{
  *saved_id = client_id;
}

static void
assert_refused_at (AllianceClientStore  *store,
                   AllianceClientEditor *editor,
                   const char           *row_name,
                   const char           *label_name,
                   const char           *message_part)
{
  gint64 before = alliance_client_store_count (store, NULL);
  GtkLabel *label = GTK_LABEL (row (editor, label_name));

  g_assert_false (alliance_client_editor_save (editor));
  g_assert_cmpint (alliance_client_store_count (store, NULL), ==, before);
  g_assert_true (gtk_widget_has_css_class (row (editor, row_name), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (label), message_part));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
}

static void
test_new_client_saves (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_empty_store ();
  AllianceClientEditor *editor = alliance_client_editor_new (store, NULL);
  g_autoptr(AllianceClient) saved = NULL;
  gint64 saved_id = 0;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (editor));
  test_gui_iterate ();

  /* Focus lands in the first field; the code is suggested. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)), row (editor, "given_name_row")) ||
                 gtk_window_get_focus (GTK_WINDOW (editor)) == row (editor, "given_name_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (editor, "code_row"))), ==, "C-0001");
  g_assert_false (gtk_widget_get_visible (row (editor, "contact_group")));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (editor)), >, 5);

  type_into (editor, "given_name_row", "  Zoë ");
  type_into (editor, "family_name_row", "Laurent");
  type_into (editor, "birth_row", "1991-04-12");
  g_object_ref (editor);
  g_assert_true (alliance_client_editor_save (editor));

  g_assert_cmpint (saved_id, >, 0);
  saved = alliance_client_store_load (store, saved_id, NULL);
  g_assert_cmpstr (saved->given_name, ==, "Zoë");
  g_assert_cmpstr (saved->date_of_birth, ==, "1991-04-12");
  g_assert_cmpstr (saved->code, ==, "C-0001");
  /* Saving closes the form. */
  test_gui_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_finalize_object (editor);
}

static void
test_refusals_point_at_the_field (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  AllianceClientEditor *editor = alliance_client_editor_new (store, NULL);

  gtk_window_present (GTK_WINDOW (editor));

  type_into (editor, "given_name_row", "Ana");
  assert_refused_at (store, editor, "family_name_row", "identity_error", "family name");

  /* Correcting the field takes the mark away. */
  type_into (editor, "family_name_row", "Silva");
  g_assert_false (gtk_widget_has_css_class (row (editor, "family_name_row"), "error"));
  g_assert_false (gtk_widget_get_visible (row (editor, "identity_error")));

  type_into (editor, "birth_row", "2023-02-29");
  assert_refused_at (store, editor, "birth_row", "identity_error", "28 days");
  type_into (editor, "birth_row", "2999-01-01");
  assert_refused_at (store, editor, "birth_row", "identity_error", "future");
  type_into (editor, "birth_row", "");

  type_into (editor, "code_row", "c-0001");
  assert_refused_at (store, editor, "code_row", "identity_error", "already has the code");
  type_into (editor, "code_row", "C-0999");

  type_into (editor, "start_row", "31/12/2024");
  assert_refused_at (store, editor, "start_row", "status_error", "year-month-day");
  type_into (editor, "start_row", "2024-12-31");

  g_assert_true (alliance_client_editor_save (editor));
}

static void
test_edit_existing (void)
{
  g_autoptr(AllianceClientStore) store = test_gui_demo_store ();
  g_autoptr(AllianceClient) client = alliance_client_store_load (store, 1, NULL);
  g_autoptr(AllianceClient) saved = NULL;
  AllianceClientEditor *editor = alliance_client_editor_new (store, client);

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (editor, "given_name_row"))), ==, client->given_name);
  g_assert_true (gtk_widget_get_visible (row (editor, "contact_group")));
  g_assert_true (gtk_widget_get_visible (row (editor, "discharge_row")));

  /* A discharge before the start is refused beside the discharge date. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (editor, "status_row")), ALLIANCE_CLIENT_STATUS_DISCHARGED);
  type_into (editor, "discharge_row", "2001-01-01");
  assert_refused_at (store, editor, "discharge_row", "status_error", "before the start");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row (editor, "status_row")), ALLIANCE_CLIENT_STATUS_ACTIVE);
  type_into (editor, "discharge_row", "");
  type_into (editor, "phone_row", "+1 613 555 0199");
  type_into (editor, "concerns_row", "Robert'); DROP TABLE clients;--");
  g_assert_true (alliance_client_editor_save (editor));

  saved = alliance_client_store_load (store, 1, NULL);
  g_assert_cmpstr (saved->phone, ==, "+1 613 555 0199");
  g_assert_cmpstr (saved->presenting_concerns, ==, "Robert'); DROP TABLE clients;--");
  g_assert_cmpstr (saved->created_at, ==, client->created_at);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/client-editor/new-client-saves", test_new_client_saves);
  g_test_add_func ("/client-editor/refusals-point-at-the-field", test_refusals_point_at_the_field);
  g_test_add_func ("/client-editor/edit-existing", test_edit_existing);

  return g_test_run ();
}
