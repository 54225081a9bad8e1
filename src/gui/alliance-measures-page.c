/* alliance-measures-page.c */
#define G_LOG_DOMAIN "alliance-measures-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-dialogs.h"
#include "alliance-measure-editor.h"
#include "alliance-measure-json.h"
#include "alliance-measures-page.h"

struct _AllianceMeasuresPage
{
  AdwPreferencesPage   parent_instance;

  AllianceRatingStore *store;
  gulong               changed_id;
  GPtrArray           *rows;          /* the measure rows shown, to remove on refresh */
  GtkFileChooserNative *chooser;      /* the open file chooser, if any */
  char                *export_key;    /* what the open chooser exports */

  /* Template widgets */
  AdwPreferencesGroup *custom_group;
  AdwPreferencesGroup *builtin_group;
  AdwActionRow        *no_custom_row;
};

G_DEFINE_FINAL_TYPE (AllianceMeasuresPage, alliance_measures_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_toast (AllianceMeasuresPage *self,
            const char           *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
show_message (AllianceMeasuresPage *self,
              const char           *heading,
              const char           *body)
{
  GtkWidget *dialog = alliance_dialogs_new_message (GTK_WIDGET (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_detail_row (const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  return row;
}

static char *
describe_scoring (const AllianceMeasure *measure)
{
  double min, max;

  alliance_measure_get_total_range (measure, &min, &max);
  if (measure->total_rule == ALLIANCE_MEASURE_TOTAL_MEAN)
    /* Translators: the total of a measure, e.g. "Mean of the items, 1 to 7, higher is better" */
    return g_strdup_printf (measure->higher_is_better ? _("Mean of the items, %g to %g, higher is better")
                                                      : _("Mean of the items, %g to %g, lower is better"),
                            min, max);
  return g_strdup_printf (measure->higher_is_better ? _("Sum of the items, %g to %g, higher is better")
                                                    : _("Sum of the items, %g to %g, lower is better"),
                          min, max);
}

static char *
describe_cutoff (const AllianceMeasure *measure)
{
  switch (measure->cutoff)
    {
    case ALLIANCE_MEASURE_CUTOFF_BELOW:
      /* Translators: when a total is of concern */
      return g_strdup_printf (_("Of concern below %g"), measure->cutoff_value);
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW:
      return g_strdup_printf (_("Of concern at or below %g"), measure->cutoff_value);
    case ALLIANCE_MEASURE_CUTOFF_ABOVE:
      return g_strdup_printf (_("Of concern above %g"), measure->cutoff_value);
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE:
      return g_strdup_printf (_("Of concern at or above %g"), measure->cutoff_value);
    case ALLIANCE_MEASURE_CUTOFF_NONE:
    case ALLIANCE_MEASURE_N_CUTOFFS:
    default:
      return g_strdup (_("None"));
    }
}

static GtkWidget *
new_action_button (const char *icon_name,
                   const char *label,
                   const char *action_name,
                   const char *key)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", key);
  return button;
}

static GtkWidget *
new_measure_row (AllianceMeasuresPage  *self,
                 const AllianceMeasure *measure,
                 gboolean               builtin)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *scoring = describe_scoring (measure);
  g_autofree char *cutoff = describe_cutoff (measure);
  guint n_items = alliance_measure_get_n_items (measure);
  g_autofree char *items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n_items), n_items);
  const char *name = alliance_measure_translate (measure, measure->name);

  /* Translators: who answers · what the measure is for · how many items */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              alliance_measure_rater_get_label (measure->rater),
                              alliance_measure_purpose_get_label (measure->purpose), items);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (builtin)
    {
      GtkWidget *tag = gtk_label_new (_("Built in"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "dim-label");
      gtk_widget_add_css_class (tag, "caption");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), tag);
    }
  else
    {
      g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), name);
      g_autofree char *export = g_strdup_printf (_("Export “%s”…"), name);
      g_autofree char *retire = g_strdup_printf (_("Retire “%s”…"), name);

      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   new_action_button ("document-edit-symbolic", edit, "measures.edit", measure->id));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   new_action_button ("document-save-as-symbolic", export, "measures.export", measure->id));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   new_action_button ("user-trash-symbolic", retire, "measures.retire", measure->id));
    }

  {
    g_autofree char *version = g_strdup_printf ("%s, %d", measure->id, measure->version);

    /* Translators: the measure's id and the version of its definition */
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_detail_row (_("Id and version"), version));
  }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_detail_row (_("Total"), scoring));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_detail_row (_("Cut-off"), cutoff));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_detail_row (_("Licence and attribution"),
                                            measure->note != NULL && measure->note[0] != '\0'
                                              ? alliance_measure_translate (measure, measure->note)
                                              : _("None given")));
  return row;
}

static void
refresh (AllianceMeasuresPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  guint n_custom = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);

  measures = alliance_rating_store_list_measures (self->store, &error);
  if (measures == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_custom_row), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->no_custom_row), TRUE);
      return;
    }

  for (guint i = 0; i < measures->len; i++)
    {
      const AllianceMeasure *measure = g_ptr_array_index (measures, i);
      gboolean builtin = alliance_rating_store_is_builtin (self->store, measure->id);
      GtkWidget *row = new_measure_row (self, measure, builtin);

      adw_preferences_group_add (builtin ? self->builtin_group : self->custom_group, row);
      g_ptr_array_add (self->rows, row);
      n_custom += !builtin;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_custom_row), _("None yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->no_custom_row), n_custom == 0);
}

static void
store_changed_cb (AllianceMeasuresPage *self,
                  gint64                client_id)
{
  /* Definitions change with client 0; answers do not change this list. */
  if (client_id == 0)
    refresh (self);
}

static void
save_imported (AllianceMeasuresPage *self,
               AllianceMeasure      *measure)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!alliance_rating_store_save_measure (self->store, measure, &error))
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("Could Not Import the Measure"), error);
      return;
    }
  done = g_strdup_printf (_("Imported “%s”"), measure->name);
  show_toast (self, done);
}

static void
import_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AllianceMeasuresPage *self = ALLIANCE_MEASURES_PAGE (user_data);
  AllianceMeasure *measure = g_object_get_data (G_OBJECT (dialog), "measure");

  if (g_str_equal (response, "import"))
    save_imported (self, measure);
}

static void
confirm_import (AllianceMeasuresPage  *self,
                AllianceMeasure       *measure,
                const AllianceMeasure *current,
                gboolean               in_use)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (in_use)
    {
      heading = g_strdup_printf (_("Import as Version %d?"), current->version + 1);
      body = g_strdup_printf (_("Answers to “%s” are already stored with version %d; they keep it. "
                                "The imported definition becomes version %d and is used for new entries."),
                              current->name, current->version, current->version + 1);
    }
  else
    {
      heading = g_strdup_printf (_("Replace “%s”?"), current->name);
      body = g_strdup (_("The imported definition differs from the one you have, and replaces it. "
                         "No stored answers use this measure yet."));
    }

  dialog = alliance_dialogs_new_message (GTK_WIDGET (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "measure", measure, (GDestroyNotify)alliance_measure_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * alliance_measures_page_import_file:
 *
 * Reads a definition from @file and stores it as a custom measure. A file
 * that is not a valid definition is refused with the place of the problem;
 * a built-in key is refused; a changed definition of an existing measure
 * is stored after the therapist agrees, as a new version if answers use it.
 */
void
alliance_measures_page_import_file (AllianceMeasuresPage *self,
                                    GFile                *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceMeasure) measure = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  const AllianceMeasure *current;

  g_return_if_fail (ALLIANCE_IS_MEASURES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error) ||
      (measure = alliance_measure_from_json (data, (gssize)length, &error)) == NULL)
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("Could Not Import the Measure"), error);
      return;
    }

  if (alliance_rating_store_is_builtin (self->store, measure->id))
    {
      g_autofree char *body =
        g_strdup_printf (_("“%s” is the id of a measure built into Alliance, which cannot be replaced. "
                           "To use this definition as your own measure, give it another id in the file."),
                         measure->id);
      show_message (self, _("Could Not Import the Measure"), body);
      return;
    }

  current = alliance_rating_store_get_current_measure (self->store, measure->id, NULL);
  if (current != NULL)
    {
      g_autoptr(AllianceMeasure) same_version = alliance_measure_copy (measure);
      g_autofree char *imported_json = NULL;
      g_autofree char *current_json = alliance_measure_to_json (current);
      gboolean in_use;

      same_version->version = current->version;
      imported_json = alliance_measure_to_json (same_version);
      if (g_str_equal (imported_json, current_json))
        {
          g_autofree char *body = g_strdup_printf (_("“%s” is already defined exactly as in this file."),
                                                   current->name);
          show_message (self, _("Nothing to Import"), body);
          return;
        }

      in_use = alliance_rating_store_measure_in_use (self->store, current->id, current->version, &error);
      if (error != NULL)
        {
          alliance_dialogs_show_error (GTK_WIDGET (self), _("Could Not Import the Measure"), error);
          return;
        }
      measure->version = current->version;
      confirm_import (self, g_steal_pointer (&measure), current, in_use);
      return;
    }

  measure->version = 1;
  save_imported (self, measure);
}

/**
 * alliance_measures_page_export_file:
 *
 * Writes the newest version of @key to @file as JSON.
 */
gboolean
alliance_measures_page_export_file (AllianceMeasuresPage *self,
                                    const char           *key,
                                    GFile                *file,
                                    GError              **error)
{
  const AllianceMeasure *measure;
  g_autofree char *json = NULL;

  g_return_val_if_fail (ALLIANCE_IS_MEASURES_PAGE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  measure = alliance_rating_store_get_current_measure (self->store, key, error);
  if (measure == NULL)
    return FALSE;
  json = alliance_measure_to_json (measure);
  return g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static GtkFileFilter *
new_json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Measure definitions (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
chooser_response_cb (GtkNativeDialog      *chooser,
                     int                   response,
                     AllianceMeasuresPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_steal_pointer (&self->export_key);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && key == NULL)
    alliance_measures_page_import_file (self, file);
  else if (file != NULL && !alliance_measures_page_export_file (self, key, file, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("Could Not Export the Measure"), error);
  else if (file != NULL)
    show_toast (self, _("Measure exported"));

  g_clear_object (&self->chooser);
}

static void
open_chooser (AllianceMeasuresPage *self,
              const char           *export_key)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean export = export_key != NULL;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_free (self->export_key);
  self->export_key = g_strdup (export_key);

  self->chooser = gtk_file_chooser_native_new (export ? _("Export Measure") : _("Import Measure"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               export ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               export ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  {
    g_autoptr(GtkFileFilter) filter = new_json_filter ();

    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  }
  if (export)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", export_key);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AllianceMeasuresPage *self = ALLIANCE_MEASURES_PAGE (user_data);
  const char *key = g_object_get_data (G_OBJECT (dialog), "key");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "retire"))
    return;
  if (!alliance_rating_store_retire_measure (self->store, key, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("Could Not Retire the Measure"), error);
}

static void
new_measure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllianceMeasuresPage *self = ALLIANCE_MEASURES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AllianceMeasureEditor *editor = alliance_measure_editor_new (self->store, NULL);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_measure_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AllianceMeasuresPage *self = ALLIANCE_MEASURES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  const AllianceMeasure *measure;
  AllianceMeasureEditor *editor;

  measure = alliance_rating_store_get_current_measure (self->store, g_variant_get_string (parameter, NULL), &error);
  if (measure == NULL)
    {
      alliance_dialogs_show_error (widget, _("Could Not Open the Measure"), error);
      return;
    }
  editor = alliance_measure_editor_new (self->store, measure);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
import_measure_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_chooser (ALLIANCE_MEASURES_PAGE (widget), NULL);
}

static void
export_measure_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_chooser (ALLIANCE_MEASURES_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
retire_measure_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AllianceMeasuresPage *self = ALLIANCE_MEASURES_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  const AllianceMeasure *measure = alliance_rating_store_get_current_measure (self->store, key, NULL);
  g_autofree char *heading = g_strdup_printf (_("Retire “%s”?"), measure != NULL ? measure->name : key);
  GtkWidget *dialog;

  dialog = alliance_dialogs_new_message (widget, heading,
                                         _("It will no longer be offered for new entries. "
                                           "Answers already stored keep it and still show in charts and records."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "retire", _("_Retire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "key", g_strdup (key), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
alliance_measures_page_dispose (GObject *object)
{
  AllianceMeasuresPage *self = (AllianceMeasuresPage *)object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
    }
  g_clear_object (&self->chooser);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_MEASURES_PAGE);

  G_OBJECT_CLASS (alliance_measures_page_parent_class)->dispose (object);
}

static void
alliance_measures_page_finalize (GObject *object)
{
  AllianceMeasuresPage *self = (AllianceMeasuresPage *)object;

  g_free (self->export_key);

  G_OBJECT_CLASS (alliance_measures_page_parent_class)->finalize (object);
}

static void
alliance_measures_page_class_init (AllianceMeasuresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_measures_page_dispose;
  object_class->finalize = alliance_measures_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-measures-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasuresPage, custom_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasuresPage, builtin_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasuresPage, no_custom_row);

  gtk_widget_class_install_action (widget_class, "measures.new", NULL, new_measure_action);
  gtk_widget_class_install_action (widget_class, "measures.import", NULL, import_measure_action);
  gtk_widget_class_install_action (widget_class, "measures.edit", "s", edit_measure_action);
  gtk_widget_class_install_action (widget_class, "measures.export", "s", export_measure_action);
  gtk_widget_class_install_action (widget_class, "measures.retire", "s", retire_measure_action);
}

static void
alliance_measures_page_init (AllianceMeasuresPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
alliance_measures_page_new (AllianceRatingStore *store)
{
  AllianceMeasuresPage *self;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (store), NULL);

  self = g_object_new (ALLIANCE_TYPE_MEASURES_PAGE, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  refresh (self);
  return GTK_WIDGET (self);
}
