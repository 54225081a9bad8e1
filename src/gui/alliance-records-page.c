/* alliance-records-page.c
 *
 * The lists are read again whenever the records or the number of years
 * change; both are short (discharged clients past retention, and the
 * register), so rows are rebuilt rather than diffed.
 */
#define G_LOG_DOMAIN "alliance-records-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-records-page.h"

struct _AllianceRecordsPage
{
  AdwPreferencesPage      parent_instance;

  AllianceClientStore    *clients;
  AllianceRetentionStore *store;
  GSettings              *settings;
  GPtrArray              *rows;           /* rows added to the groups, to remove on refresh */

  /* Template widgets */
  GtkSpinButton          *years_spin;
  AdwPreferencesGroup    *past_group;
  AdwPreferencesGroup    *register_group;
  AdwActionRow           *no_past_row;
  AdwActionRow           *no_register_row;
};

enum {
  PROP_0,
  PROP_CLIENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllianceRecordsPage, alliance_records_page, ADW_TYPE_PREFERENCES_PAGE)

#define RECORD_KEY "alliance-retention-record"

static guint
get_years (AllianceRecordsPage *self)
{
  return (guint)g_settings_get_int (self->settings, "retention-years");
}

static void
show_toast (AllianceRecordsPage *self,
            const char          *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
add_row (AllianceRecordsPage *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (AllianceRecordsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void dispose_clicked_cb (GtkButton *button, AllianceRecordsPage *self);

static GtkWidget *
new_past_row (AllianceRecordsPage           *self,
              const AllianceRetentionRecord *record)
{
  g_autofree char *discharged = alliance_date_format (record->discharge_date);
  g_autofree char *kept = alliance_date_format (record->retention_date);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  /* Translators: %s: a client code, %s: a date, %s: a date */
  subtitle = g_strdup_printf (_("%s · discharged %s · kept until %s"), record->code, discharged, kept);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record->display_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_mnemonic (_("_Dispose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Plain here: the confirmation's button is the destructive one. */
  /* Translators: %s is a client's name */
  {
    g_autofree char *label = g_strdup_printf (_("Dispose of the records of %s"), record->display_name);
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  g_object_set_data_full (G_OBJECT (button), RECORD_KEY, alliance_retention_record_copy (record),
                          (GDestroyNotify)alliance_retention_record_free);
  g_signal_connect (button, "clicked", G_CALLBACK (dispose_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
new_register_row (const AllianceDisposalEntry *entry)
{
  g_autofree char *discharged = alliance_date_format (entry->discharge_date);
  g_autofree char *kept = alliance_date_format (entry->retention_date);
  g_autofree char *disposed_day = g_strndup (entry->disposed_at, 10);
  g_autofree char *disposed = alliance_date_format (disposed_day);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: %s: a date, %s: a date, %s: a date */
  subtitle = g_strdup_printf (_("Discharged %s · kept until %s · disposed of %s"), discharged, kept, disposed);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->client_code);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
refresh (AllianceRecordsPage *self)
{
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();

  clear_rows (self);
  if (self->store == NULL)
    return;

  past = alliance_retention_store_list_past (self->store, today, get_years (self), &error);
  if (past == NULL)
    {
      show_toast (self, error->message);
      g_clear_error (&error);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_past_row), past == NULL || past->len == 0);
  for (guint i = 0; past != NULL && i < past->len; i++)
    add_row (self, self->past_group, new_past_row (self, g_ptr_array_index (past, i)));

  entries = alliance_retention_store_list_register (self->store, &error);
  if (entries == NULL)
    show_toast (self, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->no_register_row), entries == NULL || entries->len == 0);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    add_row (self, self->register_group, new_register_row (g_ptr_array_index (entries, i)));
}

static void
dispose_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     AllianceRecordsPage *self)
{
  const AllianceRetentionRecord *record = g_object_get_data (G_OBJECT (dialog), RECORD_KEY);
  g_autofree char *today = alliance_date_today ();
  g_autoptr(GError) error = NULL;
  gboolean journal_cleared = FALSE;

  if (g_strcmp0 (response, "dispose") != 0 || self->store == NULL)
    return;

  if (!alliance_retention_store_dispose_client (self->store, record->client_id, today, get_years (self),
                                                &journal_cleared, &error))
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Records Were Not Disposed Of"), error);
      return;
    }

  {
    /* Translators: %s is a client code; their name is gone with the records */
    g_autofree char *text = g_strdup_printf (_("The records of %s were disposed of"), record->code);
    show_toast (self, text);
  }
}

static void
dispose_clicked_cb (GtkButton           *button,
                    AllianceRecordsPage *self)
{
  const AllianceRetentionRecord *record = g_object_get_data (G_OBJECT (button), RECORD_KEY);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *kept = NULL;
  GtkWidget *dialog;

  g_return_if_fail (record != NULL);

  kept = alliance_date_format (record->retention_date);
  /* Translators: %s is a client's name */
  heading = g_strdup_printf (_("Dispose of the Records of %s?"), record->display_name);
  /* Translators: %s: a client's name, %s: their code, %s: a date */
  body = g_strdup_printf (_("This permanently deletes %s (%s) and every record of theirs: sessions, notes and "
                            "addenda, ratings, events, goals and their part of supervision meetings. Their "
                            "retention ended on %s.\n\nThis cannot be undone. The disposal register keeps only "
                            "the code and the dates; backups made before now still hold the records."),
                          record->display_name, record->code, kept);
  dialog = alliance_dialogs_new_message (GTK_WIDGET (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "dispose", _("_Dispose of Records"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dispose", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), RECORD_KEY, alliance_retention_record_copy (record),
                          (GDestroyNotify)alliance_retention_record_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dispose_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
records_changed_cb (AllianceRecordsPage *self)
{
  refresh (self);
}

static void
set_clients (AllianceRecordsPage *self,
             AllianceClientStore *clients)
{
  if (clients == NULL)
    return;
  self->clients = g_object_ref (clients);
  self->store = alliance_retention_store_new (clients);
  /* The client store also says when a disposal (or a discharge) is done. */
  g_signal_connect_object (clients, "changed::record", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
alliance_records_page_dispose (GObject *object)
{
  AllianceRecordsPage *self = (AllianceRecordsPage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_RECORDS_PAGE);

  G_OBJECT_CLASS (alliance_records_page_parent_class)->dispose (object);
}

static void
alliance_records_page_finalize (GObject *object)
{
  AllianceRecordsPage *self = (AllianceRecordsPage *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alliance_records_page_parent_class)->finalize (object);
}

static void
alliance_records_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AllianceRecordsPage *self = ALLIANCE_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENTS:
      g_value_set_object (value, self->clients);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_records_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AllianceRecordsPage *self = ALLIANCE_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENTS:
      set_clients (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_records_page_class_init (AllianceRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_records_page_dispose;
  object_class->finalize = alliance_records_page_finalize;
  object_class->get_property = alliance_records_page_get_property;
  object_class->set_property = alliance_records_page_set_property;

  properties[PROP_CLIENTS] =
    g_param_spec_object ("clients", NULL, NULL,
                         ALLIANCE_TYPE_CLIENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordsPage, years_spin);
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordsPage, past_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordsPage, register_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordsPage, no_past_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordsPage, no_register_row);
}

static void
alliance_records_page_init (AllianceRecordsPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "retention-years", self->years_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::retention-years", G_CALLBACK (records_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * alliance_records_page_new:
 * @clients: the records; disposal goes through a retention store over them
 */
GtkWidget *
alliance_records_page_new (AllianceClientStore *clients)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);

  return g_object_new (ALLIANCE_TYPE_RECORDS_PAGE, "clients", clients, NULL);
}

/* The retention store the page disposes through: for tests. */
AllianceRetentionStore *
alliance_records_page_get_store (AllianceRecordsPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_RECORDS_PAGE (self), NULL);

  return self->store;
}
