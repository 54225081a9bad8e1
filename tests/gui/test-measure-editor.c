/* test-measure-editor.c
 *
 * Defining a custom measure: saving one, refusing an invalid form at the
 * field with nothing stored, importing (refused with the place of the
 * problem) and exporting (read back equal).
 */
#define G_LOG_DOMAIN "alliance-test-measure-editor"

#include "config.h"

#include <glib/gstdio.h>

#include "alliance-measure-editor.h"
#include "alliance-measure-json.h"
#include "alliance-measures-page.h"
#include "alliance-preferences-window.h"
#include "test-gui-common.h"

static AllianceRatingStore *
new_rating_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open_in_memory (&error);

  g_assert_no_error (error);
  return alliance_rating_store_new (database);
}

static GtkWidget *
child (AllianceMeasureEditor *editor,
       const char            *name)
{
  return test_gui_child (GTK_WIDGET (editor), ALLIANCE_TYPE_MEASURE_EDITOR, name);
}

static GtkWidget *
part (AllianceMeasureEditor *editor,
      const char            *section,
      guint                  index,
      const char            *name)
{
  GtkWidget *row = alliance_measure_editor_get_row (editor, section, index);
  GtkWidget *widget = g_object_get_data (G_OBJECT (row), name);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_into (GtkWidget  *widget,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
set_item (AllianceMeasureEditor *editor,
          guint                  index,
          const char            *label,
          int                    min,
          int                    max)
{
  while (alliance_measure_editor_get_n_rows (editor, "items") <= index)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-item", NULL));
  type_into (part (editor, "items", index, "label"), label);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (editor, "items", index, "min")), min);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (editor, "items", index, "max")), max);
}

/* An SRS-like measure: four items 0–10, total 0–40, of concern below 36. */
static void
fill_srs (AllianceMeasureEditor *editor)
{
  type_into (child (editor, "name_row"), "Session check (SRS-like)");
  set_item (editor, 0, "Relationship", 0, 10);
  set_item (editor, 1, "Goals and topics", 0, 10);
  set_item (editor, 2, "Approach or method", 0, 10);
  set_item (editor, 3, "Overall", 0, 10);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "purpose_row")), ALLIANCE_MEASURE_PURPOSE_ALLIANCE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "cutoff_row")), ALLIANCE_MEASURE_CUTOFF_BELOW);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "cutoff_spin")), 36);
}

static guint
count_custom (AllianceRatingStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) measures = alliance_rating_store_list_measures (store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < measures->len; i++)
    n += !alliance_rating_store_is_builtin (store, ((const AllianceMeasure *)g_ptr_array_index (measures, i))->id);
  return n;
}

/* Refused: @marked is marked in error and @message says why. */
static void
assert_refused_at (AllianceRatingStore   *store,
                   AllianceMeasureEditor *editor,
                   GtkWidget             *marked,
                   GtkWidget             *message,
                   const char            *message_part)
{
  guint before = count_custom (store);
  GtkLabel *label = GTK_LABEL (message);

  g_assert_false (alliance_measure_editor_save (editor));
  g_assert_cmpuint (count_custom (store), ==, before);
  g_assert_true (gtk_widget_has_css_class (marked, "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  if (strstr (gtk_label_get_text (label), message_part) == NULL)
    g_error ("“%s” does not say “%s”", gtk_label_get_text (label), message_part);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
}

/* Saves, or says what the form says is wrong. */
static void
assert_saves (AllianceMeasureEditor *editor)
{
  const char *labels[] = { "general_error", "items_error", "subscales_error", "scoring_error", "bands_error" };

  if (alliance_measure_editor_save (editor))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (child (editor, labels[i])))
      g_error ("Not saved: %s", gtk_label_get_text (GTK_LABEL (child (editor, labels[i]))));
  g_error ("Not saved, and nothing says why");
}

static void
test_new_measure_saves (void)
{
  g_autoptr(AllianceRatingStore) store = new_rating_store ();
  AllianceMeasureEditor *editor = alliance_measure_editor_new (store, NULL);
  g_autoptr(GError) error = NULL;
  const AllianceMeasure *saved;
  double min, max;

  gtk_window_present (GTK_WINDOW (editor));
  test_gui_iterate ();
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (editor)), >, 5);

  fill_srs (editor);
  /* The id follows the name until it is typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "id_row"))), ==, "session-check-srs-like");
  type_into (child (editor, "id_row"), "session-check");
  type_into (child (editor, "name_row"), "Session check");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "id_row"))), ==, "session-check");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (editor, "total_range_label"))), ==, "0 to 40");

  g_object_ref (editor);
  assert_saves (editor);

  saved = alliance_rating_store_get_current_measure (store, "session-check", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->name, ==, "Session check");
  g_assert_cmpint (saved->version, ==, 1);
  g_assert_cmpuint (alliance_measure_get_n_items (saved), ==, 4);
  g_assert_cmpstr (alliance_measure_get_item (saved, 3)->label, ==, "Overall");
  alliance_measure_get_total_range (saved, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 40);
  g_assert_cmpint (saved->cutoff, ==, ALLIANCE_MEASURE_CUTOFF_BELOW);
  g_assert_cmpfloat (saved->cutoff_value, ==, 36);
  g_assert_cmpint (saved->purpose, ==, ALLIANCE_MEASURE_PURPOSE_ALLIANCE);
  g_assert_false (saved->translatable);

  test_gui_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_finalize_object (editor);
}

static void
test_refusals_point_at_the_field (void)
{
  g_autoptr(AllianceRatingStore) store = new_rating_store ();
  AllianceMeasureEditor *editor = alliance_measure_editor_new (store, NULL);
  GtkWidget *item_row;

  gtk_window_present (GTK_WINDOW (editor));
  fill_srs (editor);

  /* An empty name. */
  type_into (child (editor, "name_row"), "  ");
  type_into (child (editor, "id_row"), "session-check");
  assert_refused_at (store, editor, child (editor, "name_row"), child (editor, "general_error"), "name");
  g_assert_true (gtk_widget_has_focus (child (editor, "name_row")) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)), child (editor, "name_row")));
  /* Correcting it takes the mark away. */
  type_into (child (editor, "name_row"), "Session check");
  g_assert_false (gtk_widget_has_css_class (child (editor, "name_row"), "error"));
  g_assert_false (gtk_widget_get_visible (child (editor, "general_error")));

  /* A maximum that is not above the minimum. */
  item_row = alliance_measure_editor_get_row (editor, "items", 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (editor, "items", 1, "max")), 0);
  assert_refused_at (store, editor, part (editor, "items", 1, "max"), part (editor, "items", 1, "error"),
                     "must be greater than its minimum");
  g_assert_true (gtk_widget_has_css_class (item_row, "invalid"));
  g_assert_true (gtk_widget_has_focus (part (editor, "items", 1, "max")) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)), part (editor, "items", 1, "max")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (editor, "items", 1, "max")), 10);

  /* A subscale that names item 9 of 4. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-subscale", NULL));
  type_into (part (editor, "subscales", 0, "label"), "Connection");
  type_into (part (editor, "subscales", 0, "items"), "1, 9");
  assert_refused_at (store, editor, part (editor, "subscales", 0, "items"), part (editor, "subscales", 0, "error"),
                     "item 9");
  type_into (part (editor, "subscales", 0, "items"), "1, 4");

  /* A built-in id. */
  type_into (child (editor, "id_row"), "srs");
  if (alliance_rating_store_is_builtin (store, "srs"))
    assert_refused_at (store, editor, child (editor, "id_row"), child (editor, "general_error"), "built-in");
  type_into (child (editor, "id_row"), "session-check");

  /* Removing an item renumbers the rest and keeps the subscale honest. */
  g_signal_emit_by_name (part (editor, "items", 3, "remove"), "clicked");
  g_assert_cmpuint (alliance_measure_editor_get_n_rows (editor, "items"), ==, 3);
  assert_refused_at (store, editor, part (editor, "subscales", 0, "items"), part (editor, "subscales", 0, "error"),
                     "item 4");
  type_into (part (editor, "subscales", 0, "items"), "1, 3");

  /* Three items total 0–30: the cut-off of 36 is now out of range. */
  assert_refused_at (store, editor, child (editor, "cutoff_spin"), child (editor, "scoring_error"), "0–30");
  g_assert_true (gtk_widget_has_css_class (child (editor, "cutoff_value_row"), "error"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "cutoff_spin")), 27);

  assert_saves (editor);
  g_assert_cmpuint (count_custom (store), ==, 1);
}

static AllianceMeasure *
new_custom_measure (void)
{
  AllianceMeasure *measure = alliance_measure_new ("session-check", "Session check", ALLIANCE_MEASURE_RATER_CLIENT);

  measure->purpose = ALLIANCE_MEASURE_PURPOSE_ALLIANCE;
  measure->higher_is_better = TRUE;
  alliance_measure_add_item (measure, "1", "Relationship", 0, 10, FALSE);
  alliance_measure_add_item (measure, "2", "Goals and topics", 0, 10, FALSE);
  alliance_measure_add_item (measure, "3", "Approach or method", 0, 10, FALSE);
  alliance_measure_add_item (measure, "4", "Overall", 0, 10, FALSE);
  alliance_measure_set_cutoff (measure, ALLIANCE_MEASURE_CUTOFF_BELOW, 36);
  alliance_measure_set_reliable_points (measure, 5);
  alliance_measure_add_band (measure, 0, 35.5, "Of concern");
  alliance_measure_add_band (measure, 36, 40, "Good");
  measure->note = g_strdup ("Written for this test.");
  return measure;
}

static GtkWidget *
find_page (GtkWidget *widget)
{
  if (ALLIANCE_IS_MEASURES_PAGE (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_page (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
new_preferences (AllianceRatingStore   *store,
                 AllianceMeasuresPage **page)
{
  GtkWidget *window = alliance_preferences_window_new (NULL);

  alliance_preferences_window_add_measures_page (ALLIANCE_PREFERENCES_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  *page = ALLIANCE_MEASURES_PAGE (find_page (window));
  g_assert_nonnull (*page);
  return GTK_WINDOW (window);
}

static GFile *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("measure-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  g_assert_true (g_close (fd, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  return g_file_new_for_path (path);
}

static void
import_and_expect (AllianceMeasuresPage *page,
                   const char           *contents,
                   const char           *message_part)
{
  g_autoptr(GFile) file = write_temp (contents);
  AdwMessageDialog *dialog;

  alliance_measures_page_import_file (page, file);
  test_gui_iterate ();
  dialog = test_gui_find_message_dialog ();
  g_assert_nonnull (dialog);
  if (strstr (adw_message_dialog_get_body (dialog), message_part) == NULL)
    g_error ("“%s” does not say “%s”", adw_message_dialog_get_body (dialog), message_part);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_file_delete (file, NULL, NULL);
}

static void
test_import_refusals (void)
{
  g_autoptr(AllianceRatingStore) store = new_rating_store ();
  g_autoptr(AllianceMeasure) measure = new_custom_measure ();
  g_autofree char *json = alliance_measure_to_json (measure);
  g_autofree char *broken = NULL;
  AllianceMeasuresPage *page;
  GtkWindow *window = new_preferences (store, &page);
  g_autoptr(GPtrArray) builtins = alliance_rating_store_list_measures (store, NULL);

  /* The second item's maximum below its minimum: the message names it. */
  broken = g_strdup (json);
  {
    char *second = strstr (strstr (broken, "Goals and topics"), "\"max\" : 10");
    g_assert_nonnull (second);
    memcpy (second, "\"max\" : -1", strlen ("\"max\" : -1"));
  }
  import_and_expect (page, broken, "items[1].max");
  import_and_expect (page, "{ \"format\": \"alliance-measure\", ", "valid JSON");
  g_assert_cmpuint (count_custom (store), ==, 0);

  /* A built-in key is refused. */
  if (builtins->len > 0)
    {
      g_autoptr(AllianceMeasure) copy = alliance_measure_copy (g_ptr_array_index (builtins, 0));
      g_autofree char *builtin_json = NULL;

      copy->translatable = FALSE;
      builtin_json = alliance_measure_to_json (copy);
      import_and_expect (page, builtin_json, "built into Alliance");
    }
  g_assert_cmpuint (count_custom (store), ==, 0);

  /* A good file is imported; the same again changes nothing. */
  {
    g_autoptr(GFile) file = write_temp (json);

    alliance_measures_page_import_file (page, file);
    test_gui_iterate ();
    g_assert_null (test_gui_find_message_dialog ());
    g_assert_cmpuint (count_custom (store), ==, 1);
    g_file_delete (file, NULL, NULL);
  }
  import_and_expect (page, json, "already defined");

  /* A changed definition of the key asks first. */
  {
    g_autoptr(AllianceMeasure) changed = new_custom_measure ();
    g_autofree char *changed_json = NULL;
    g_autoptr(GFile) file = NULL;
    AdwMessageDialog *dialog;

    alliance_measure_set_cutoff (changed, ALLIANCE_MEASURE_CUTOFF_BELOW, 30);
    changed_json = alliance_measure_to_json (changed);
    file = write_temp (changed_json);
    alliance_measures_page_import_file (page, file);
    test_gui_iterate ();
    dialog = test_gui_find_message_dialog ();
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "import");
    test_gui_iterate ();
    g_assert_cmpfloat (alliance_rating_store_get_current_measure (store, "session-check", NULL)->cutoff_value, ==, 30);
    g_file_delete (file, NULL, NULL);
  }

  gtk_window_destroy (window);
}

static void
test_export_reads_back_equal (void)
{
  g_autoptr(AllianceRatingStore) store = new_rating_store ();
  g_autoptr(AllianceMeasure) measure = new_custom_measure ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_temp ("");
  g_autoptr(AllianceMeasure) read_back = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  AllianceMeasuresPage *page;
  GtkWindow *window;

  g_assert_true (alliance_rating_store_save_measure (store, measure, &error));
  g_assert_no_error (error);
  window = new_preferences (store, &page);

  g_assert_true (alliance_measures_page_export_file (page, "session-check", file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  read_back = alliance_measure_from_json (contents, -1, &error);
  g_assert_no_error (error);

  expected = alliance_measure_to_json (alliance_rating_store_get_current_measure (store, "session-check", NULL));
  actual = alliance_measure_to_json (read_back);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpstr (read_back->name, ==, "Session check");
  g_assert_cmpuint (alliance_measure_get_n_items (read_back), ==, 4);

  /* Every control of the page has a name; retiring asks first. */
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (page)), >, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "measures.retire", "s", "session-check"));
  test_gui_iterate ();
  g_assert_nonnull (test_gui_find_message_dialog ());
  adw_message_dialog_response (test_gui_find_message_dialog (), "retire");
  test_gui_iterate ();
  g_assert_cmpuint (count_custom (store), ==, 0);

  /* Exporting a measure that does not exist says so. */
  g_assert_false (alliance_measures_page_export_file (page, "no-such-measure", file, &error));
  g_assert_nonnull (error);

  g_file_delete (file, NULL, NULL);
  gtk_window_destroy (window);
}

static void
test_edit_existing (void)
{
  g_autoptr(AllianceRatingStore) store = new_rating_store ();
  g_autoptr(AllianceMeasure) measure = new_custom_measure ();
  g_autoptr(GError) error = NULL;
  AllianceMeasureEditor *editor;
  const AllianceMeasure *saved;

  g_assert_true (alliance_rating_store_save_measure (store, measure, &error));
  editor = alliance_measure_editor_new (store, alliance_rating_store_get_current_measure (store, "session-check", NULL));
  gtk_window_present (GTK_WINDOW (editor));

  /* Everything is in the form, and the id is fixed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "name_row"))), ==, "Session check");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (child (editor, "id_row"))));
  g_assert_cmpuint (alliance_measure_editor_get_n_rows (editor, "items"), ==, 4);
  g_assert_cmpuint (alliance_measure_editor_get_n_rows (editor, "bands"), ==, 2);
  g_assert_true (gtk_widget_get_visible (child (editor, "rc_points_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "rc_s1_row")));
  /* Not in use: no word about versions. */
  g_assert_false (gtk_widget_get_visible (child (editor, "version_group")));

  /* Jacobson–Truax with an impossible reliability is refused at r. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "rc_row")), ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "rc_s1_spin")), 7.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "rc_r_spin")), 1);
  assert_refused_at (store, editor, child (editor, "rc_r_row"), child (editor, "scoring_error"), "reliability");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "rc_r_spin")), 0.8);

  assert_saves (editor);
  saved = alliance_rating_store_get_current_measure (store, "session-check", NULL);
  g_assert_cmpint (saved->reliable_change, ==, ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX);
  g_assert_cmpfloat (saved->rc_r, ==, 0.8);
  g_assert_cmpstr (alliance_measure_get_item (saved, 0)->id, ==, "1");
  g_assert_cmpstr (saved->note, ==, "Written for this test.");
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/measure-editor/new-measure-saves", test_new_measure_saves);
  g_test_add_func ("/measure-editor/refusals-point-at-the-field", test_refusals_point_at_the_field);
  g_test_add_func ("/measure-editor/edit-existing", test_edit_existing);
  g_test_add_func ("/measures-page/import-refusals", test_import_refusals);
  g_test_add_func ("/measures-page/export-reads-back-equal", test_export_reads_back_equal);

  return g_test_run ();
}
