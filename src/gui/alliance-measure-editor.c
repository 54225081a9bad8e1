/* alliance-measure-editor.c */
#define G_LOG_DOMAIN "alliance-measure-editor"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "alliance-error.h"
#include "alliance-measure-editor.h"

typedef enum
{
  SECTION_ITEMS,
  SECTION_SUBSCALES,
  SECTION_BANDS,
  N_SECTIONS,
} Section;

static const char * const section_names[N_SECTIONS] = { "items", "subscales", "bands" };

/* One row of a repeated part: an item, a subscale or a band. */
typedef struct
{
  GtkWidget *row;
  GtkLabel  *heading;
  GtkWidget *label;    /* GtkEntry: item text, subscale name, band label */
  GtkWidget *items;    /* GtkEntry: a subscale's item numbers */
  GtkWidget *min;      /* GtkSpinButton */
  GtkWidget *max;      /* GtkSpinButton */
  GtkWidget *reverse;  /* GtkCheckButton */
  GtkWidget *remove;   /* GtkButton */
  GtkLabel  *error;    /* why the row cannot be saved */
  char      *id;       /* kept from the measure being edited, or NULL */
} FormRow;

struct _AllianceMeasureEditor
{
  AdwWindow            parent_instance;

  AllianceRatingStore *store;
  AllianceMeasure     *measure;     /* what is being edited; a blank one when new */
  gboolean             is_new;
  gboolean             id_edited;   /* the person typed an id: stop suggesting one */
  gboolean             suggesting;  /* the id is being set from the name */
  GPtrArray           *rows[N_SECTIONS]; /* of FormRow */
  GtkWidget           *error_row;
  GtkWidget           *error_widget;
  GtkLabel            *error_label;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesPage  *form_page;
  AdwPreferencesGroup *version_group;
  GtkLabel            *version_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *id_row;
  AdwComboRow         *rater_row;
  AdwComboRow         *purpose_row;
  GtkLabel            *general_error;
  AdwPreferencesGroup *items_group;
  GtkButton           *add_item_button;
  GtkLabel            *items_error;
  AdwPreferencesGroup *subscales_group;
  GtkLabel            *subscales_error;
  AdwComboRow         *total_row;
  GtkLabel            *total_range_label;
  GtkSwitch           *higher_switch;
  AdwComboRow         *cutoff_row;
  AdwActionRow        *cutoff_value_row;
  GtkSpinButton       *cutoff_spin;
  AdwComboRow         *rc_row;
  AdwActionRow        *rc_points_row;
  GtkSpinButton       *rc_points_spin;
  AdwActionRow        *rc_s1_row;
  GtkSpinButton       *rc_s1_spin;
  AdwActionRow        *rc_r_row;
  GtkSpinButton       *rc_r_spin;
  GtkLabel            *scoring_error;
  AdwPreferencesGroup *bands_group;
  GtkLabel            *bands_error;
  GtkTextView         *note_view;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceMeasureEditor, alliance_measure_editor, ADW_TYPE_WINDOW)

static void field_changed_cb (AllianceMeasureEditor *self);

static void
form_row_free (gpointer data)
{
  FormRow *form_row = data;

  g_free (form_row->id);
  g_free (form_row);
}

static AdwPreferencesGroup *
section_group (AllianceMeasureEditor *self,
               Section                section)
{
  switch (section)
    {
    case SECTION_ITEMS:
      return self->items_group;
    case SECTION_SUBSCALES:
      return self->subscales_group;
    case SECTION_BANDS:
    case N_SECTIONS:
    default:
      return self->bands_group;
    }
}

static gboolean
parse_section (const char *name,
               Section    *section)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_strcmp0 (name, section_names[i]) == 0)
      {
        *section = (Section)i;
        return TRUE;
      }
  return FALSE;
}

/* "Anxiety scale (short)" → "anxiety-scale-short" */
static char *
suggest_id (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, NULL);
  GString *id = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && id->len > 0)
            g_string_append_c (id, '-');
          g_string_append_c (id, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  return g_string_free (id, FALSE);
}

static void
set_entry_text (GtkWidget  *entry,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static GtkWidget *
new_spin (double      lower,
          double      upper,
          guint       digits,
          double      value,
          const char *accessible_label)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (value, lower, upper, 1, 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, digits);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), digits > 0 ? 4 : 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return spin;
}

static GtkWidget *
new_small_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void set_accessible_label (GtkWidget  *widget,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (2, 3);

static void
set_accessible_label (GtkWidget  *widget,
                      const char *format,
                      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* Headings and accessible names carry the row's number, so they are
 * rewritten whenever a row comes or goes. */
static void
renumber_section (AllianceMeasureEditor *self,
                  Section                section)
{
  GPtrArray *rows = self->rows[section];

  for (guint i = 0; i < rows->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (rows, i);
      g_autofree char *heading = NULL;
      g_autofree char *label = NULL;
      g_autofree char *remove = NULL;

      switch (section)
        {
        case SECTION_ITEMS:
          /* Translators: heading of an item of a measure */
          heading = g_strdup_printf (_("Item %u"), i + 1);
          label = g_strdup_printf (_("Text of item %u"), i + 1);
          remove = g_strdup_printf (_("Remove item %u"), i + 1);
          set_accessible_label (form_row->min, _("Lowest answer to item %u"), i + 1);
          set_accessible_label (form_row->max, _("Highest answer to item %u"), i + 1);
          break;
        case SECTION_SUBSCALES:
          heading = g_strdup_printf (_("Subscale %u"), i + 1);
          label = g_strdup_printf (_("Name of subscale %u"), i + 1);
          remove = g_strdup_printf (_("Remove subscale %u"), i + 1);
          set_accessible_label (form_row->items, _("Item numbers of subscale %u"), i + 1);
          break;
        case SECTION_BANDS:
        case N_SECTIONS:
        default:
          heading = g_strdup_printf (_("Band %u"), i + 1);
          label = g_strdup_printf (_("Label of band %u"), i + 1);
          remove = g_strdup_printf (_("Remove band %u"), i + 1);
          set_accessible_label (form_row->min, _("Lowest total of band %u"), i + 1);
          set_accessible_label (form_row->max, _("Highest total of band %u"), i + 1);
          break;
        }
      gtk_label_set_text (form_row->heading, heading);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form_row->row), heading);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form_row->label), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form_row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_tooltip_text (form_row->remove, remove);
    }
}

static void
update_total_range (AllianceMeasureEditor *self)
{
  GPtrArray *items = self->rows[SECTION_ITEMS];
  gboolean mean = adw_combo_row_get_selected (self->total_row) == ALLIANCE_MEASURE_TOTAL_MEAN;
  double low = 0, high = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (items, i);
      low += gtk_spin_button_get_value (GTK_SPIN_BUTTON (form_row->min));
      high += gtk_spin_button_get_value (GTK_SPIN_BUTTON (form_row->max));
    }
  if (mean && items->len > 0)
    {
      low /= items->len;
      high /= items->len;
    }
  if (items->len == 0)
    text = g_strdup (_("No items yet"));
  else
    /* Translators: the lowest and highest total a measure can give */
    text = g_strdup_printf (_("%g to %g"), low, high);
  gtk_label_set_text (self->total_range_label, text);
}

static void
remove_clicked_cb (GtkButton             *button,
                   AllianceMeasureEditor *self)
{
  for (guint s = 0; s < N_SECTIONS; s++)
    for (guint i = 0; i < self->rows[s]->len; i++)
      {
        FormRow *form_row = g_ptr_array_index (self->rows[s], i);
        GPtrArray *rows = self->rows[s];

        if (form_row->remove != GTK_WIDGET (button))
          continue;

        field_changed_cb (self);
        adw_preferences_group_remove (section_group (self, (Section)s), form_row->row);
        g_ptr_array_remove_index (rows, i);
        renumber_section (self, (Section)s);
        update_total_range (self);

        /* Keep the keyboard where it was: the next row, the previous, or
         * the button that adds one. */
        if (rows->len > 0)
          {
            FormRow *next = g_ptr_array_index (rows, MIN (i, rows->len - 1));
            gtk_widget_grab_focus (next->label);
          }
        else if (s == SECTION_ITEMS)
          gtk_widget_grab_focus (GTK_WIDGET (self->add_item_button));
        return;
      }
}

static void
range_changed_cb (AllianceMeasureEditor *self)
{
  field_changed_cb (self);
  update_total_range (self);
}

static FormRow *
add_row (AllianceMeasureEditor *self,
         Section                section)
{
  FormRow *form_row = g_new0 (FormRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  form_row->row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                "activatable", FALSE,
                                "focusable", FALSE,
                                NULL);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  form_row->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (form_row->heading, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (form_row->heading), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (form_row->heading), "heading");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (form_row->heading));

  form_row->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (form_row->remove, "flat");
  gtk_widget_set_valign (form_row->remove, GTK_ALIGN_CENTER);
  g_signal_connect (form_row->remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), form_row->remove);
  gtk_box_append (GTK_BOX (box), top);

  /* Above the fields: moving the keyboard to a field below scrolls it in
   * together with the reason. */
  form_row->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (form_row->error, 0);
  gtk_label_set_wrap (form_row->error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (form_row->error), "error");
  gtk_widget_set_visible (GTK_WIDGET (form_row->error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form_row->error));

  form_row->label = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (form_row->label), TRUE);
  g_signal_connect_swapped (form_row->label, "changed", G_CALLBACK (field_changed_cb), self);
  gtk_box_append (GTK_BOX (box), form_row->label);

  switch (section)
    {
    case SECTION_ITEMS:
      gtk_entry_set_placeholder_text (GTK_ENTRY (form_row->label), _("What the person answering reads"));
      form_row->min = new_spin (-1000, 1000, 0, 0, "");
      form_row->max = new_spin (-1000, 1000, 0, 10, "");
      /* Translators: "From [0] to [10]", the range of answers to an item */
      gtk_box_append (GTK_BOX (bottom), new_small_label (C_("item range", "From")));
      gtk_box_append (GTK_BOX (bottom), form_row->min);
      gtk_box_append (GTK_BOX (bottom), new_small_label (C_("item range", "to")));
      gtk_box_append (GTK_BOX (bottom), form_row->max);
      /* Beside the heading, so the row fits a narrow window. */
      form_row->reverse = gtk_check_button_new_with_mnemonic (_("_Reverse scored"));
      gtk_widget_set_tooltip_text (form_row->reverse, _("Scored as lowest + highest − answer"));
      g_signal_connect_swapped (form_row->reverse, "toggled", G_CALLBACK (field_changed_cb), self);
      gtk_box_insert_child_after (GTK_BOX (top), form_row->reverse, GTK_WIDGET (form_row->heading));
      gtk_box_append (GTK_BOX (box), bottom);
      break;

    case SECTION_SUBSCALES:
      gtk_entry_set_placeholder_text (GTK_ENTRY (form_row->label), _("Name"));
      form_row->items = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (form_row->items), _("Item numbers, such as 1, 2, 5"));
      gtk_entry_set_activates_default (GTK_ENTRY (form_row->items), TRUE);
      g_signal_connect_swapped (form_row->items, "changed", G_CALLBACK (field_changed_cb), self);
      gtk_box_append (GTK_BOX (box), form_row->items);
      break;

    case SECTION_BANDS:
    case N_SECTIONS:
    default:
      gtk_entry_set_placeholder_text (GTK_ENTRY (form_row->label), _("Label, such as “Moderate”"));
      form_row->min = new_spin (-100000, 100000, 2, 0, "");
      form_row->max = new_spin (-100000, 100000, 2, 0, "");
      /* Translators: "From [10] to [19]", the totals a severity band covers */
      gtk_box_append (GTK_BOX (bottom), new_small_label (C_("band range", "From")));
      gtk_box_append (GTK_BOX (bottom), form_row->min);
      gtk_box_append (GTK_BOX (bottom), new_small_label (C_("band range", "to")));
      gtk_box_append (GTK_BOX (bottom), form_row->max);
      gtk_box_append (GTK_BOX (box), bottom);
      break;
    }

  if (form_row->min != NULL)
    {
      g_signal_connect_swapped (form_row->min, "value-changed", G_CALLBACK (range_changed_cb), self);
      g_signal_connect_swapped (form_row->max, "value-changed", G_CALLBACK (range_changed_cb), self);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (form_row->row), box);
  g_object_set_data (G_OBJECT (form_row->row), "error", form_row->error);
  g_object_set_data (G_OBJECT (form_row->row), "label", form_row->label);
  g_object_set_data (G_OBJECT (form_row->row), "items", form_row->items);
  g_object_set_data (G_OBJECT (form_row->row), "min", form_row->min);
  g_object_set_data (G_OBJECT (form_row->row), "max", form_row->max);
  g_object_set_data (G_OBJECT (form_row->row), "reverse", form_row->reverse);
  g_object_set_data (G_OBJECT (form_row->row), "remove", form_row->remove);

  adw_preferences_group_add (section_group (self, section), form_row->row);
  g_ptr_array_add (self->rows[section], form_row);
  renumber_section (self, section);
  update_total_range (self);
  return form_row;
}

static void
clear_error (AllianceMeasureEditor *self)
{
  if (self->error_row != NULL)
    {
      gtk_widget_remove_css_class (self->error_row, "error");
      gtk_widget_remove_css_class (self->error_row, "invalid");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->error_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (self->error_widget != NULL && self->error_widget != self->error_row)
    {
      gtk_widget_remove_css_class (self->error_widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->error_widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (self->error_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->error_row = NULL;
  self->error_widget = NULL;
  self->error_label = NULL;
}

/* Parses "items[3].max" into section, index and the rest ("max"). */
static gboolean
parse_row_path (const char *path,
                Section    *section,
                guint      *index,
                const char **rest)
{
  const char *bracket = strchr (path, '[');
  g_autofree char *name = NULL;
  char *end = NULL;
  guint64 value;

  if (bracket == NULL)
    return FALSE;
  name = g_strndup (path, bracket - path);
  if (!parse_section (name, section))
    return FALSE;
  value = g_ascii_strtoull (bracket + 1, &end, 10);
  if (end == bracket + 1 || *end != ']')
    return FALSE;
  *index = (guint)value;
  *rest = end[1] == '.' ? end + 2 : end + 1;
  return TRUE;
}

/* Marks where @path (in the terms of the JSON format) is in the form, says
 * why beside it and moves the keyboard there. */
static void
show_error (AllianceMeasureEditor *self,
            const char            *path,
            const char            *message)
{
  GtkWidget *row = NULL;
  GtkWidget *widget = NULL;
  GtkLabel *label = self->general_error;
  Section section;
  guint index;
  const char *rest;

  clear_error (self);
  if (path == NULL)
    path = "";

  if (parse_row_path (path, &section, &index, &rest) && index < self->rows[section]->len)
    {
      FormRow *form_row = g_ptr_array_index (self->rows[section], index);

      row = form_row->row;
      label = form_row->error;
      if (g_str_has_prefix (rest, "max") && form_row->max != NULL)
        widget = form_row->max;
      else if ((g_str_has_prefix (rest, "min") || *rest == '\0') && form_row->min != NULL)
        widget = form_row->min;
      else if (g_str_has_prefix (rest, "items") && form_row->items != NULL)
        widget = form_row->items;
      else
        widget = form_row->label;
    }
  else if (g_str_equal (path, "id"))
    row = GTK_WIDGET (self->id_row);
  else if (g_str_equal (path, "rater"))
    row = GTK_WIDGET (self->rater_row);
  else if (g_str_equal (path, "purpose"))
    row = GTK_WIDGET (self->purpose_row);
  else if (g_str_has_prefix (path, "items") || g_str_equal (path, "risk_item"))
    {
      label = self->items_error;
      widget = GTK_WIDGET (self->add_item_button);
    }
  else if (g_str_has_prefix (path, "subscales"))
    label = self->subscales_error;
  else if (g_str_has_prefix (path, "bands"))
    label = self->bands_error;
  else if (g_str_equal (path, "total"))
    {
      row = GTK_WIDGET (self->total_row);
      label = self->scoring_error;
    }
  else if (g_str_has_prefix (path, "cutoff"))
    {
      row = GTK_WIDGET (g_str_equal (path, "cutoff.value") ? self->cutoff_value_row : (gpointer)self->cutoff_row);
      widget = g_str_equal (path, "cutoff.value") ? GTK_WIDGET (self->cutoff_spin) : NULL;
      label = self->scoring_error;
    }
  else if (g_str_equal (path, "reliable_change.points"))
    {
      row = GTK_WIDGET (self->rc_points_row);
      widget = GTK_WIDGET (self->rc_points_spin);
      label = self->scoring_error;
    }
  else if (g_str_equal (path, "reliable_change.s1"))
    {
      row = GTK_WIDGET (self->rc_s1_row);
      widget = GTK_WIDGET (self->rc_s1_spin);
      label = self->scoring_error;
    }
  else if (g_str_equal (path, "reliable_change.r"))
    {
      row = GTK_WIDGET (self->rc_r_row);
      widget = GTK_WIDGET (self->rc_r_spin);
      label = self->scoring_error;
    }
  else if (g_str_has_prefix (path, "reliable_change"))
    {
      row = GTK_WIDGET (self->rc_row);
      label = self->scoring_error;
    }
  else if (g_str_equal (path, "name"))
    row = GTK_WIDGET (self->name_row);
  else if (!g_str_equal (path, ""))
    row = GTK_WIDGET (self->name_row);

  if (widget == NULL)
    widget = row;

  if (row != NULL)
    {
      /* A row of several fields is only outlined; the field itself is red. */
      gtk_widget_add_css_class (row, widget != row && GTK_IS_LIST_BOX_ROW (row) && !ADW_IS_ACTION_ROW (row) &&
                                     !ADW_IS_ENTRY_ROW (row) ? "invalid" : "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  if (widget != NULL && widget != row)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
  else
    gtk_widget_grab_focus (GTK_WIDGET (label));

  self->error_row = row;
  self->error_widget = widget;
  self->error_label = label;
}

static void
field_changed_cb (AllianceMeasureEditor *self)
{
  /* The mark goes as soon as the person starts correcting it. */
  clear_error (self);
}

static void
name_changed_cb (AllianceMeasureEditor *self)
{
  g_autofree char *id = NULL;

  field_changed_cb (self);
  if (!self->is_new || self->id_edited)
    return;

  id = suggest_id (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  self->suggesting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), id);
  self->suggesting = FALSE;
}

static void
id_changed_cb (AllianceMeasureEditor *self)
{
  field_changed_cb (self);
  if (!self->suggesting)
    self->id_edited = TRUE;
}

static void
total_changed_cb (AllianceMeasureEditor *self)
{
  field_changed_cb (self);
  update_total_range (self);
}

static void
cutoff_changed_cb (AllianceMeasureEditor *self)
{
  field_changed_cb (self);
  gtk_widget_set_visible (GTK_WIDGET (self->cutoff_value_row),
                          adw_combo_row_get_selected (self->cutoff_row) != ALLIANCE_MEASURE_CUTOFF_NONE);
}

static void
rc_changed_cb (AllianceMeasureEditor *self)
{
  guint rule = adw_combo_row_get_selected (self->rc_row);

  field_changed_cb (self);
  gtk_widget_set_visible (GTK_WIDGET (self->rc_points_row), rule == ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS);
  gtk_widget_set_visible (GTK_WIDGET (self->rc_s1_row), rule == ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX);
  gtk_widget_set_visible (GTK_WIDGET (self->rc_r_row), rule == ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX);
}

static void
fill_form (AllianceMeasureEditor *self)
{
  const AllianceMeasure *measure = self->measure;

  self->suggesting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), measure->name ? measure->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), measure->id ? measure->id : "");
  self->suggesting = FALSE;
  adw_combo_row_set_selected (self->rater_row, measure->rater);
  adw_combo_row_set_selected (self->purpose_row, measure->purpose);

  for (guint i = 0; i < alliance_measure_get_n_items (measure); i++)
    {
      const AllianceMeasureItem *item = alliance_measure_get_item (measure, i);
      FormRow *form_row = add_row (self, SECTION_ITEMS);

      form_row->id = g_strdup (item->id);
      set_entry_text (form_row->label, item->label);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (form_row->min), item->min);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (form_row->max), item->max);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (form_row->reverse), item->reverse);
    }

  for (guint i = 0; measure->subscales != NULL && i < measure->subscales->len; i++)
    {
      const AllianceMeasureSubscale *subscale = g_ptr_array_index (measure->subscales, i);
      FormRow *form_row = add_row (self, SECTION_SUBSCALES);
      g_autoptr(GString) numbers = g_string_new (NULL);

      form_row->id = g_strdup (subscale->id);
      set_entry_text (form_row->label, subscale->label);
      for (guint j = 0; subscale->item_ids != NULL && subscale->item_ids[j] != NULL; j++)
        {
          int position = alliance_measure_find_item (measure, subscale->item_ids[j]);

          if (numbers->len > 0)
            g_string_append (numbers, ", ");
          if (position >= 0)
            g_string_append_printf (numbers, "%d", position + 1);
          else
            g_string_append (numbers, subscale->item_ids[j]);
        }
      set_entry_text (form_row->items, numbers->str);
    }

  adw_combo_row_set_selected (self->total_row, measure->total_rule);
  gtk_switch_set_active (self->higher_switch, measure->higher_is_better);
  adw_combo_row_set_selected (self->cutoff_row, measure->cutoff);
  gtk_spin_button_set_value (self->cutoff_spin, measure->cutoff_value);
  adw_combo_row_set_selected (self->rc_row, measure->reliable_change);
  gtk_spin_button_set_value (self->rc_points_spin, measure->rc_points);
  gtk_spin_button_set_value (self->rc_s1_spin, measure->rc_s1);
  gtk_spin_button_set_value (self->rc_r_spin, measure->rc_r);

  for (guint i = 0; measure->bands != NULL && i < measure->bands->len; i++)
    {
      const AllianceMeasureBand *band = g_ptr_array_index (measure->bands, i);
      FormRow *form_row = add_row (self, SECTION_BANDS);

      set_entry_text (form_row->label, band->label);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (form_row->min), band->min);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (form_row->max), band->max);
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), measure->note ? measure->note : "", -1);

  cutoff_changed_cb (self);
  rc_changed_cb (self);
  update_total_range (self);
  clear_error (self);
}

static gboolean
id_is_taken (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

/* An id for a new row: its kept id, else the first of @prefix + number
 * that no other row has. */
static char *
new_row_id (GPtrArray  *taken,
            const char *prefix,
            guint       number)
{
  for (;; number++)
    {
      char *id = g_strdup_printf ("%s%u", prefix, number);

      if (!id_is_taken (taken, id))
        return id;
      g_free (id);
    }
}

static double
spin_value (GtkWidget *spin)
{
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

/* Reads the item numbers of subscale @index ("1, 2, 5") as item ids. */
static char **
read_subscale_items (AllianceMeasureEditor *self,
                     guint                  index,
                     GPtrArray             *item_ids,
                     char                 **path,
                     GError               **error)
{
  FormRow *form_row = g_ptr_array_index (self->rows[SECTION_SUBSCALES], index);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (form_row->items));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (form_row->label));
  g_auto(GStrv) tokens = g_strsplit_set (text, ", ;", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      guint64 number;

      if (tokens[i][0] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (tokens[i], 10, 1, G_MAXUINT, &number, NULL))
        {
          *path = g_strdup_printf ("subscales[%u].items[%u]", index, n);
          g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                       _("Subscale “%s”: “%s” is not an item number. List the numbers of its items, such as 1, 2, 5."),
                       name, tokens[i]);
          return NULL;
        }
      if (number > item_ids->len)
        {
          *path = g_strdup_printf ("subscales[%u].items[%u]", index, n);
          g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Subscale “%s” names item %u, but the measure has %u item.",
                                    "Subscale “%s” names item %u, but the measure has %u items.",
                                    item_ids->len),
                       name, (guint)number, item_ids->len);
          return NULL;
        }
      g_strv_builder_add (builder, g_ptr_array_index (item_ids, number - 1));
      n++;
    }
  return g_strv_builder_end (builder);
}

/* The form as a measure, or NULL with where and why it cannot be one. */
static AllianceMeasure *
read_form (AllianceMeasureEditor *self,
           char                 **path,
           GError               **error)
{
  g_autoptr(AllianceMeasure) measure = NULL;
  g_autoptr(GPtrArray) item_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) subscale_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row))));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *note = NULL;

  measure = alliance_measure_new (id, name, (AllianceMeasureRater)adw_combo_row_get_selected (self->rater_row));
  measure->version = self->measure->version;
  measure->purpose = (AllianceMeasurePurpose)adw_combo_row_get_selected (self->purpose_row);
  measure->total_rule = (AllianceMeasureTotalRule)adw_combo_row_get_selected (self->total_row);
  measure->higher_is_better = gtk_switch_get_active (self->higher_switch);
  measure->translatable = FALSE;

  /* Ids: kept ones stay, new rows get the first free number. */
  for (guint i = 0; i < self->rows[SECTION_ITEMS]->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (self->rows[SECTION_ITEMS], i);
      if (form_row->id != NULL)
        g_ptr_array_add (taken, g_strdup (form_row->id));
    }
  for (guint i = 0; i < self->rows[SECTION_ITEMS]->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (self->rows[SECTION_ITEMS], i);
      char *item_id = form_row->id ? g_strdup (form_row->id) : new_row_id (taken, "", i + 1);

      if (form_row->id == NULL)
        g_ptr_array_add (taken, g_strdup (item_id));
      g_ptr_array_add (item_ids, item_id);
    }

  for (guint i = 0; i < self->rows[SECTION_ITEMS]->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (self->rows[SECTION_ITEMS], i);
      g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form_row->label))));

      alliance_measure_add_item (measure, g_ptr_array_index (item_ids, i), label,
                                 (int)spin_value (form_row->min), (int)spin_value (form_row->max),
                                 gtk_check_button_get_active (GTK_CHECK_BUTTON (form_row->reverse)));
    }

  for (guint i = 0; i < self->rows[SECTION_SUBSCALES]->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (self->rows[SECTION_SUBSCALES], i);
      if (form_row->id != NULL)
        g_ptr_array_add (subscale_ids, g_strdup (form_row->id));
    }
  for (guint i = 0; i < self->rows[SECTION_SUBSCALES]->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (self->rows[SECTION_SUBSCALES], i);
      g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form_row->label))));
      g_autofree char *subscale_id = form_row->id ? g_strdup (form_row->id) : new_row_id (subscale_ids, "s", i + 1);
      g_auto(GStrv) items = read_subscale_items (self, i, item_ids, path, error);

      if (items == NULL)
        return NULL;
      if (form_row->id == NULL)
        g_ptr_array_add (subscale_ids, g_strdup (subscale_id));
      alliance_measure_add_subscale (measure, subscale_id, label, (const char * const *)items);
    }

  alliance_measure_set_cutoff (measure, (AllianceMeasureCutoff)adw_combo_row_get_selected (self->cutoff_row),
                               spin_value (GTK_WIDGET (self->cutoff_spin)));
  switch (adw_combo_row_get_selected (self->rc_row))
    {
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS:
      alliance_measure_set_reliable_points (measure, spin_value (GTK_WIDGET (self->rc_points_spin)));
      break;
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX:
      alliance_measure_set_reliable_jt (measure, spin_value (GTK_WIDGET (self->rc_s1_spin)),
                                        spin_value (GTK_WIDGET (self->rc_r_spin)));
      break;
    default:
      break;
    }

  for (guint i = 0; i < self->rows[SECTION_BANDS]->len; i++)
    {
      FormRow *form_row = g_ptr_array_index (self->rows[SECTION_BANDS], i);
      g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form_row->label))));

      alliance_measure_add_band (measure, spin_value (form_row->min), spin_value (form_row->max), label);
    }

  /* The risk item is not edited here; it stays while its item does. */
  if (self->measure->risk_item_id != NULL && alliance_measure_find_item (measure, self->measure->risk_item_id) >= 0)
    measure->risk_item_id = g_strdup (self->measure->risk_item_id);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  measure->note = note[0] != '\0' ? g_steal_pointer (&note) : NULL;

  return g_steal_pointer (&measure);
}

/* A new measure may not take the id of one that exists. */
static gboolean
check_new_id (AllianceMeasureEditor *self,
              const AllianceMeasure *measure,
              GError               **error)
{
  if (!self->is_new || measure->id[0] == '\0')
    return TRUE;
  if (alliance_rating_store_is_builtin (self->store, measure->id))
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                   _("“%s” is the id of a built-in measure. Choose another id."), measure->id);
      return FALSE;
    }
  if (alliance_rating_store_get_current_measure (self->store, measure->id, NULL) != NULL)
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                   _("A measure with the id “%s” already exists. Choose another id, or edit that measure."),
                   measure->id);
      return FALSE;
    }
  return TRUE;
}

/**
 * alliance_measure_editor_save:
 *
 * Validates and saves the form. On success emits ::saved and closes; on a
 * refusal marks the field, says why beside it, and keeps the form open.
 */
gboolean
alliance_measure_editor_save (AllianceMeasureEditor *self)
{
  g_autoptr(AllianceMeasure) measure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ALLIANCE_IS_MEASURE_EDITOR (self), FALSE);

  measure = read_form (self, &path, &error);
  if (measure == NULL)
    {
      show_error (self, path, error->message);
      return FALSE;
    }
  if (!alliance_measure_validate_with_path (measure, &path, &error))
    {
      show_error (self, path, error->message);
      return FALSE;
    }
  if (!check_new_id (self, measure, &error))
    {
      show_error (self, "id", error->message);
      return FALSE;
    }
  if (!alliance_rating_store_save_measure (self->store, measure, &error))
    {
      show_error (self, NULL, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, measure->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  alliance_measure_editor_save (ALLIANCE_MEASURE_EDITOR (widget));
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AllianceMeasureEditor *self = ALLIANCE_MEASURE_EDITOR (widget);
  Section section = SECTION_ITEMS;
  FormRow *form_row;

  if (g_str_equal (action_name, "editor.add-subscale"))
    section = SECTION_SUBSCALES;
  else if (g_str_equal (action_name, "editor.add-band"))
    section = SECTION_BANDS;

  field_changed_cb (self);
  form_row = add_row (self, section);

  /* A new item starts with the range of the one before it. */
  if (section == SECTION_ITEMS && self->rows[section]->len > 1)
    {
      FormRow *previous = g_ptr_array_index (self->rows[section], self->rows[section]->len - 2);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (form_row->min), spin_value (previous->min));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (form_row->max), spin_value (previous->max));
    }
  gtk_widget_grab_focus (form_row->label);
}

static void
alliance_measure_editor_dispose (GObject *object)
{
  AllianceMeasureEditor *self = (AllianceMeasureEditor *)object;

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_MEASURE_EDITOR);

  G_OBJECT_CLASS (alliance_measure_editor_parent_class)->dispose (object);
}

static void
alliance_measure_editor_finalize (GObject *object)
{
  AllianceMeasureEditor *self = (AllianceMeasureEditor *)object;

  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&self->rows[i], g_ptr_array_unref);
  g_clear_pointer (&self->measure, alliance_measure_free);

  G_OBJECT_CLASS (alliance_measure_editor_parent_class)->finalize (object);
}

static void
alliance_measure_editor_class_init (AllianceMeasureEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_measure_editor_dispose;
  object_class->finalize = alliance_measure_editor_finalize;

  /**
   * AllianceMeasureEditor::saved:
   * @key: the id of the measure just saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-measure-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, form_page);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, version_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rater_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, general_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, items_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, add_item_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, items_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, subscales_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, subscales_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, total_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, total_range_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, higher_switch);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, cutoff_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, cutoff_value_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, cutoff_spin);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rc_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rc_points_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rc_points_spin);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rc_s1_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rc_s1_spin);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rc_r_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, rc_r_spin);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, scoring_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, bands_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, bands_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeasureEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, total_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cutoff_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rc_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-item", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "editor.add-subscale", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "editor.add-band", NULL, add_row_action);
}

static void
alliance_measure_editor_init (AllianceMeasureEditor *self)
{
  g_autoptr(GtkStringList) raters = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) purposes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_SECTIONS; i++)
    self->rows[i] = g_ptr_array_new_with_free_func (form_row_free);

  /* Same order as the enums. */
  for (guint i = 0; i < ALLIANCE_MEASURE_N_RATERS; i++)
    gtk_string_list_append (raters, alliance_measure_rater_get_label ((AllianceMeasureRater)i));
  for (guint i = 0; i < ALLIANCE_MEASURE_N_PURPOSES; i++)
    gtk_string_list_append (purposes, alliance_measure_purpose_get_label ((AllianceMeasurePurpose)i));
  adw_combo_row_set_model (self->rater_row, G_LIST_MODEL (raters));
  adw_combo_row_set_model (self->purpose_row, G_LIST_MODEL (purposes));
}

/**
 * alliance_measure_editor_new:
 * @measure: (nullable): the custom measure to edit, or %NULL for a new one
 */
AllianceMeasureEditor *
alliance_measure_editor_new (AllianceRatingStore   *store,
                             const AllianceMeasure *measure)
{
  AllianceMeasureEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (store), NULL);

  self = g_object_new (ALLIANCE_TYPE_MEASURE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->is_new = measure == NULL;

  if (self->is_new)
    {
      self->measure = alliance_measure_new ("", "", ALLIANCE_MEASURE_RATER_CLIENT);
      self->measure->purpose = ALLIANCE_MEASURE_PURPOSE_OUTCOME;
      self->measure->higher_is_better = TRUE;
    }
  else
    self->measure = alliance_measure_copy (measure);

  fill_form (self);
  if (self->is_new)
    add_row (self, SECTION_ITEMS);

  /* The id names the measure in files and stored answers: it is chosen
   * once. */
  gtk_editable_set_editable (GTK_EDITABLE (self->id_row), self->is_new);
  gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), self->is_new);
  if (!self->is_new)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->id_row), _("Id (fixed once saved)"));

  if (!self->is_new &&
      alliance_rating_store_measure_in_use (store, self->measure->id, self->measure->version, &error))
    {
      g_autofree char *text =
        g_strdup_printf (_("Answers already stored keep the version they were given with; "
                           "your changes become version %d."),
                         self->measure->version + 1);

      gtk_label_set_text (self->version_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->version_group), TRUE);
    }
  else if (error != NULL)
    g_debug ("Could not tell whether the measure is in use: %s", error->message);

  adw_window_title_set_title (self->window_title, self->is_new ? _("New Measure") : _("Edit Measure"));
  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Measure") : _("Edit Measure"));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

guint
alliance_measure_editor_get_n_rows (AllianceMeasureEditor *self,
                                    const char            *section)
{
  Section s;

  g_return_val_if_fail (ALLIANCE_IS_MEASURE_EDITOR (self), 0);
  g_return_val_if_fail (parse_section (section, &s), 0);

  return self->rows[s]->len;
}

GtkWidget *
alliance_measure_editor_get_row (AllianceMeasureEditor *self,
                                 const char            *section,
                                 guint                  index)
{
  Section s;

  g_return_val_if_fail (ALLIANCE_IS_MEASURE_EDITOR (self), NULL);
  g_return_val_if_fail (parse_section (section, &s), NULL);
  g_return_val_if_fail (index < self->rows[s]->len, NULL);

  return ((FormRow *)g_ptr_array_index (self->rows[s], index))->row;
}
