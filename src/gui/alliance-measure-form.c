/* alliance-measure-form.c */
#define G_LOG_DOMAIN "alliance-measure-form"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-measure-form.h"
#include "alliance-score.h"

struct _AllianceMeasureForm
{
  AdwPreferencesGroup  parent_instance;

  AllianceMeasure     *measure;
  GPtrArray           *rows;            /* AdwActionRow per item */
  GPtrArray           *fields;          /* GtkEntry per item */
  AdwActionRow        *result_row;
  gboolean             setting_values;  /* set_values is not an edit */
};

G_DEFINE_FINAL_TYPE (AllianceMeasureForm, alliance_measure_form, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  FIELD_EMPTY,
  FIELD_VALID,
  FIELD_REFUSED,
} FieldState;

static FieldState
parse_field (const AllianceMeasureItem *item,
             const char                *text,
             int                       *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gint64 number;
  char *end = NULL;

  *value = ALLIANCE_SCORE_MISSING;
  if (*stripped == '\0')
    return FIELD_EMPTY;
  number = g_ascii_strtoll (stripped, &end, 10);
  if (end == stripped || *end != '\0' || number < item->min || number > item->max)
    return FIELD_REFUSED;
  *value = (int)number;
  return FIELD_VALID;
}

static char *
describe_range (const AllianceMeasureItem *item)
{
  /* Translators: the answers an item accepts, e.g. "0 to 10" */
  return g_strdup_printf (_("%d to %d"), item->min, item->max);
}

static void
update_field (AllianceMeasureForm *self,
              guint                index)
{
  const AllianceMeasureItem *item = alliance_measure_get_item (self->measure, index);
  GtkWidget *field = g_ptr_array_index (self->fields, index);
  AdwActionRow *row = g_ptr_array_index (self->rows, index);
  g_autofree char *range = describe_range (item);
  int value;

  if (parse_field (item, gtk_editable_get_text (GTK_EDITABLE (field)), &value) == FIELD_REFUSED)
    {
      /* Translators: shown under an item whose typed answer is refused */
      g_autofree char *message = g_strdup_printf (_("Not saved: enter a whole number from %d to %d"),
                                                  item->min, item->max);

      gtk_widget_add_css_class (field, "error");
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_action_row_set_subtitle (row, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      adw_action_row_set_subtitle (row, range);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
field_changed_cb (AllianceMeasureForm *self,
                  GtkEditable         *field)
{
  guint index;

  if (!g_ptr_array_find (self->fields, field, &index))
    return;
  update_field (self, index);
  if (!self->setting_values)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Moves to the field before or after @field; past either end, the form
 * says so with ::leave and the window picks the next form. */
static void
move_focus (AllianceMeasureForm *self,
            GtkWidget           *field,
            gboolean             forward)
{
  guint index;

  if (!g_ptr_array_find (self->fields, field, &index))
    return;
  if (forward && index + 1 < self->fields->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, index + 1));
  else if (!forward && index > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, index - 1));
  else
    g_signal_emit (self, signals[LEAVE], 0, forward);
}

/* Enter moves on, like Tab, so a column of answers is typed in one go. */
static void
field_activate_cb (AllianceMeasureForm *self,
                   GtkWidget           *field)
{
  move_focus (self, field, TRUE);
}

/* Tab and Shift+Tab go from answer to answer. Left to the list box, Tab
 * would stop on each row and then jump out of the list. */
static gboolean
field_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      AllianceMeasureForm   *self)
{
  GtkWidget *field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  move_focus (self, field, keyval != GDK_KEY_ISO_Left_Tab && (state & GDK_SHIFT_MASK) == 0);
  return GDK_EVENT_STOP;
}

static char *
make_item_title (const AllianceMeasure     *measure,
                 const AllianceMeasureItem *item,
                 guint                      index)
{
  const char *label = alliance_measure_translate (measure, item->label);

  /* WAI-SR and the like: item numbers only, the form is on paper. */
  if (label == NULL || *label == '\0')
    /* Translators: an item known only by its number on the paper form */
    return g_strdup_printf (_("Item %u"), index + 1);
  /* Translators: an item's number and its text */
  return g_strdup_printf (_("%u. %s"), index + 1, label);
}

static void
build_rows (AllianceMeasureForm *self)
{
  guint n_items = alliance_measure_get_n_items (self->measure);

  for (guint i = 0; i < n_items; i++)
    {
      const AllianceMeasureItem *item = alliance_measure_get_item (self->measure, i);
      g_autofree char *title = make_item_title (self->measure, item, i);
      g_autofree char *range = describe_range (item);
      g_autofree char *description = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *field = gtk_entry_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), range);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

      gtk_editable_set_width_chars (GTK_EDITABLE (field), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (field), 4);
      gtk_editable_set_alignment (GTK_EDITABLE (field), 1.0);
      gtk_entry_set_input_purpose (GTK_ENTRY (field), item->min < 0 ? GTK_INPUT_PURPOSE_NUMBER
                                                                    : GTK_INPUT_PURPOSE_DIGITS);
      gtk_widget_set_valign (field, GTK_ALIGN_CENTER);
      /* Translators: accessible description of an answer field, e.g. "Answer from 0 to 10" */
      description = g_strdup_printf (_("Answer from %d to %d"), item->min, item->max);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
      g_signal_connect_object (field, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (field, "activate", G_CALLBACK (field_activate_cb), self, G_CONNECT_SWAPPED);
      {
        GtkEventController *keys = gtk_event_controller_key_new ();

        gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
        g_signal_connect_object (keys, "key-pressed", G_CALLBACK (field_key_pressed_cb), self, 0);
        gtk_widget_add_controller (field, keys);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->fields, field);
    }

  self->result_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->result_row), FALSE);
  adw_action_row_set_subtitle_lines (self->result_row, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->result_row), "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->result_row));
  alliance_measure_form_set_interpretation (self, _("Not answered yet"), NULL, FALSE);
}

static void
alliance_measure_form_finalize (GObject *object)
{
  AllianceMeasureForm *self = ALLIANCE_MEASURE_FORM (object);

  g_clear_pointer (&self->measure, alliance_measure_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (alliance_measure_form_parent_class)->finalize (object);
}

static void
alliance_measure_form_class_init (AllianceMeasureFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alliance_measure_form_finalize;

  /**
   * AllianceMeasureForm::changed:
   *
   * An answer was typed or cleared (not emitted by set_values).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AllianceMeasureForm::leave:
   * @forward: TRUE past the last answer, FALSE before the first
   *
   * Tab, Shift+Tab or Enter went past the form's answers.
   */
  signals[LEAVE] =
    g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
alliance_measure_form_init (AllianceMeasureForm *self)
{
  self->rows = g_ptr_array_new ();
  self->fields = g_ptr_array_new ();
}

AllianceMeasureForm *
alliance_measure_form_new (const AllianceMeasure *measure)
{
  AllianceMeasureForm *self;

  g_return_val_if_fail (measure != NULL, NULL);

  self = g_object_new (ALLIANCE_TYPE_MEASURE_FORM, NULL);
  self->measure = alliance_measure_copy (measure);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   alliance_measure_translate (self->measure, self->measure->name));
  build_rows (self);
  return self;
}

const AllianceMeasure *
alliance_measure_form_get_measure (AllianceMeasureForm *self)
{
  g_return_val_if_fail (ALLIANCE_IS_MEASURE_FORM (self), NULL);

  return self->measure;
}

void
alliance_measure_form_set_values (AllianceMeasureForm *self,
                                  const int           *values,
                                  guint                n_values)
{
  g_return_if_fail (ALLIANCE_IS_MEASURE_FORM (self));

  self->setting_values = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      g_autofree char *text = NULL;

      if (values != NULL && i < n_values && values[i] != ALLIANCE_SCORE_MISSING)
        text = g_strdup_printf ("%d", values[i]);
      gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (self->fields, i)), text != NULL ? text : "");
    }
  self->setting_values = FALSE;
}

int *
alliance_measure_form_dup_values (AllianceMeasureForm *self,
                                  guint               *n_values)
{
  int *values;

  g_return_val_if_fail (ALLIANCE_IS_MEASURE_FORM (self), NULL);
  g_return_val_if_fail (n_values != NULL, NULL);

  values = g_new (int, MAX (self->fields->len, 1));
  for (guint i = 0; i < self->fields->len; i++)
    parse_field (alliance_measure_get_item (self->measure, i),
                 gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (self->fields, i))), &values[i]);
  *n_values = self->fields->len;
  return values;
}

guint
alliance_measure_form_count_answered (AllianceMeasureForm *self)
{
  g_autofree int *values = NULL;
  guint n_values, n_answered = 0;

  g_return_val_if_fail (ALLIANCE_IS_MEASURE_FORM (self), 0);

  values = alliance_measure_form_dup_values (self, &n_values);
  for (guint i = 0; i < n_values; i++)
    if (values[i] != ALLIANCE_SCORE_MISSING)
      n_answered++;
  return n_answered;
}

gboolean
alliance_measure_form_has_refused (AllianceMeasureForm *self)
{
  g_return_val_if_fail (ALLIANCE_IS_MEASURE_FORM (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      int value;

      if (parse_field (alliance_measure_get_item (self->measure, i),
                       gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (self->fields, i))),
                       &value) == FIELD_REFUSED)
        return TRUE;
    }
  return FALSE;
}

void
alliance_measure_form_set_interpretation (AllianceMeasureForm *self,
                                          const char          *title,
                                          const char          *details,
                                          gboolean             of_concern)
{
  g_return_if_fail (ALLIANCE_IS_MEASURE_FORM (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title != NULL ? title : "");
  adw_action_row_set_subtitle (self->result_row, details != NULL ? details : "");
  if (of_concern)
    gtk_widget_add_css_class (GTK_WIDGET (self->result_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_row), "warning");
}

GtkWidget *
alliance_measure_form_get_field (AllianceMeasureForm *self,
                                 guint                index)
{
  g_return_val_if_fail (ALLIANCE_IS_MEASURE_FORM (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

void
alliance_measure_form_focus_edge (AllianceMeasureForm *self,
                                  gboolean             first)
{
  g_return_if_fail (ALLIANCE_IS_MEASURE_FORM (self));

  if (self->fields->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, first ? 0 : self->fields->len - 1));
}

void
alliance_measure_form_focus_first_empty (AllianceMeasureForm *self)
{
  g_return_if_fail (ALLIANCE_IS_MEASURE_FORM (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      GtkWidget *field = g_ptr_array_index (self->fields, i);

      if (*gtk_editable_get_text (GTK_EDITABLE (field)) == '\0' || i + 1 == self->fields->len)
        {
          GtkRoot *root = gtk_widget_get_root (field);

          /* Before the window is shown, grabbing focus does nothing: tell
           * the window which widget to focus when it is. */
          if (GTK_IS_WINDOW (root) && !gtk_widget_get_mapped (GTK_WIDGET (root)))
            gtk_window_set_focus (GTK_WINDOW (root), field);
          else
            gtk_widget_grab_focus (field);
          return;
        }
    }
}
