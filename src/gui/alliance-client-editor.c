/* alliance-client-editor.c */
#define G_LOG_DOMAIN "alliance-client-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-client-editor.h"
#include "alliance-date.h"

struct _AllianceClientEditor
{
  AdwWindow            parent_instance;

  AllianceClientStore *store;
  AllianceClient      *client;      /* what is being edited; id 0 when new */
  GtkWidget           *error_row;   /* the row currently marked invalid */
  GtkLabel            *error_label;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesPage  *form_page;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *status_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *emergency_group;
  AdwPreferencesGroup *concerns_group;
  GtkLabel            *identity_error;
  GtkLabel            *status_error;
  GtkLabel            *contact_error;
  GtkLabel            *emergency_error;
  GtkLabel            *concerns_error;
  AdwEntryRow         *given_name_row;
  AdwEntryRow         *family_name_row;
  AdwEntryRow         *preferred_name_row;
  AdwEntryRow         *pronouns_row;
  AdwEntryRow         *birth_row;
  AdwEntryRow         *code_row;
  AdwComboRow         *status_row;
  AdwEntryRow         *start_row;
  AdwEntryRow         *discharge_row;
  AdwEntryRow         *discharge_reason_row;
  AdwEntryRow         *referral_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *emergency_name_row;
  AdwEntryRow         *emergency_relationship_row;
  AdwEntryRow         *emergency_phone_row;
  AdwEntryRow         *concerns_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceClientEditor, alliance_client_editor, ADW_TYPE_WINDOW)

/* Each text field: its row in the form and its place in AllianceClient. */
typedef struct
{
  gsize               row_offset;
  gsize               field_offset;
  AllianceClientField field;
  gsize               error_label_offset;
} TextField;

#define FIELD(row, member, field_id, group)                                       \
  { G_STRUCT_OFFSET (AllianceClientEditor, row), G_STRUCT_OFFSET (AllianceClient, member), \
    field_id, G_STRUCT_OFFSET (AllianceClientEditor, group) }

static const TextField text_fields[] = {
  FIELD (given_name_row, given_name, ALLIANCE_CLIENT_FIELD_GIVEN_NAME, identity_error),
  FIELD (family_name_row, family_name, ALLIANCE_CLIENT_FIELD_FAMILY_NAME, identity_error),
  FIELD (preferred_name_row, preferred_name, ALLIANCE_CLIENT_FIELD_NONE, identity_error),
  FIELD (pronouns_row, pronouns, ALLIANCE_CLIENT_FIELD_NONE, identity_error),
  FIELD (birth_row, date_of_birth, ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH, identity_error),
  FIELD (code_row, code, ALLIANCE_CLIENT_FIELD_CODE, identity_error),
  FIELD (start_row, start_date, ALLIANCE_CLIENT_FIELD_START_DATE, status_error),
  FIELD (discharge_row, discharge_date, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE, status_error),
  FIELD (discharge_reason_row, discharge_reason, ALLIANCE_CLIENT_FIELD_NONE, status_error),
  FIELD (referral_row, referral_source, ALLIANCE_CLIENT_FIELD_NONE, status_error),
  FIELD (phone_row, phone, ALLIANCE_CLIENT_FIELD_NONE, contact_error),
  FIELD (email_row, email, ALLIANCE_CLIENT_FIELD_EMAIL, contact_error),
  FIELD (emergency_name_row, emergency_name, ALLIANCE_CLIENT_FIELD_NONE, emergency_error),
  FIELD (emergency_relationship_row, emergency_relationship, ALLIANCE_CLIENT_FIELD_NONE, emergency_error),
  FIELD (emergency_phone_row, emergency_phone, ALLIANCE_CLIENT_FIELD_NONE, emergency_error),
  FIELD (concerns_row, presenting_concerns, ALLIANCE_CLIENT_FIELD_NONE, concerns_error),
};

#undef FIELD

#define MEMBER(base, offset, type) (*(type *)G_STRUCT_MEMBER_P (base, offset))

static void
clear_error (AllianceClientEditor *self)
{
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  if (self->error_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->error_row = NULL;
  self->error_label = NULL;
}

static void
show_error (AllianceClientEditor *self,
            AllianceClientField   field,
            const GError         *error)
{
  GtkWidget *row = GTK_WIDGET (self->given_name_row);
  GtkLabel *label = self->identity_error;

  clear_error (self);

  if (field == ALLIANCE_CLIENT_FIELD_STATUS)
    {
      row = GTK_WIDGET (self->status_row);
      label = self->status_error;
    }
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (field != ALLIANCE_CLIENT_FIELD_NONE && text_fields[i].field == field)
      {
        row = MEMBER (self, text_fields[i].row_offset, GtkWidget *);
        label = MEMBER (self, text_fields[i].error_label_offset, GtkLabel *);
        break;
      }

  /* The group holding the field may be hidden in the short form. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP), TRUE);
  gtk_widget_add_css_class (row, "error");
  gtk_label_set_text (label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
  gtk_widget_grab_focus (row);

  self->error_row = row;
  self->error_label = label;
}

static void
field_changed_cb (AllianceClientEditor *self)
{
  /* The mark goes as soon as the person starts correcting it. */
  if (self->error_row != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->error_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  clear_error (self);
}

static void
fill_form (AllianceClientEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const char *value = MEMBER (self->client, text_fields[i].field_offset, char *);
      gtk_editable_set_text (MEMBER (self, text_fields[i].row_offset, GtkEditable *), value ? value : "");
    }
  adw_combo_row_set_selected (self->status_row, self->client->status);
  clear_error (self);
}

static AllianceClient *
read_form (AllianceClientEditor *self)
{
  AllianceClient *client = alliance_client_copy (self->client);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      char **member = &MEMBER (client, text_fields[i].field_offset, char *);
      const char *text = gtk_editable_get_text (MEMBER (self, text_fields[i].row_offset, GtkEditable *));

      g_free (*member);
      *member = g_strdup (text);
    }
  client->status = (AllianceClientStatus)adw_combo_row_get_selected (self->status_row);
  return client;
}

/**
 * alliance_client_editor_save:
 *
 * Validates and saves the form. On success emits ::saved and closes; on a
 * refusal marks the field, says why beside it, and keeps the form open.
 */
gboolean
alliance_client_editor_save (AllianceClientEditor *self)
{
  g_autoptr(AllianceClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AllianceClientField field = ALLIANCE_CLIENT_FIELD_NONE;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_EDITOR (self), FALSE);

  client = read_form (self);
  if (!alliance_client_store_save (self->store, client, &field, &error))
    {
      show_error (self, field, error);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, client->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  alliance_client_editor_save (ALLIANCE_CLIENT_EDITOR (widget));
}

static void
alliance_client_editor_dispose (GObject *object)
{
  AllianceClientEditor *self = (AllianceClientEditor *)object;

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_CLIENT_EDITOR);

  G_OBJECT_CLASS (alliance_client_editor_parent_class)->dispose (object);
}

static void
alliance_client_editor_finalize (GObject *object)
{
  AllianceClientEditor *self = (AllianceClientEditor *)object;

  g_clear_pointer (&self->client, alliance_client_free);

  G_OBJECT_CLASS (alliance_client_editor_parent_class)->finalize (object);
}

static void
alliance_client_editor_class_init (AllianceClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_client_editor_dispose;
  object_class->finalize = alliance_client_editor_finalize;

  /**
   * AllianceClientEditor::saved:
   * @client_id: the client just saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, form_page);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, status_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, contact_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, emergency_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, concerns_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, identity_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, status_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, contact_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, emergency_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, concerns_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, preferred_name_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, pronouns_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, birth_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, discharge_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, discharge_reason_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, referral_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, emergency_name_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, emergency_relationship_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, emergency_phone_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientEditor, concerns_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

static void
alliance_client_editor_init (AllianceClientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * alliance_client_editor_new:
 * @client: (nullable): the client to edit, or %NULL for a new one
 */
AllianceClientEditor *
alliance_client_editor_new (AllianceClientStore  *store,
                            const AllianceClient *client)
{
  AllianceClientEditor *self;
  g_autoptr(GError) error = NULL;
  gboolean is_new = client == NULL;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (store), NULL);

  self = g_object_new (ALLIANCE_TYPE_CLIENT_EDITOR, NULL);
  self->store = g_object_ref (store);

  if (is_new)
    {
      self->client = alliance_client_new ();
      self->client->start_date = alliance_date_today ();
      self->client->code = alliance_client_store_suggest_code (store, &error);
      if (error != NULL)
        g_debug ("No code suggested: %s", error->message);
    }
  else
    self->client = alliance_client_copy (client);

  fill_form (self);

  /* A new client needs a name and a place in the caseload; the rest can
   * wait for a quieter moment. */
  adw_window_title_set_title (self->window_title, is_new ? _("New Client") : _("Edit Client"));
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Client") : _("Edit Client"));
  gtk_widget_set_visible (GTK_WIDGET (self->contact_group), !is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->emergency_group), !is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->concerns_group), !is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->discharge_row), !is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->discharge_reason_row), !is_new);

  gtk_widget_grab_focus (GTK_WIDGET (self->given_name_row));
  return self;
}
