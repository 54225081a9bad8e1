/* alliance-privacy-page.c */
#define G_LOG_DOMAIN "alliance-privacy-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-lock-secret.h"
#include "alliance-privacy-page.h"

typedef enum
{
  PASSPHRASE_NOT_SET,
  PASSPHRASE_SET,
  PASSPHRASE_UNUSABLE,   /* damaged or unreadable: may be replaced or removed */
} PassphraseState;

struct _AlliancePrivacyPage
{
  AdwPreferencesPage   parent_instance;

  GSettings           *settings;
  char                *secret_path;
  GCancellable        *cancellable;   /* a change being saved */
  PassphraseState      state;

  /* Template widgets */
  AdwActionRow        *status_row;
  AdwEntryRow         *current_row;
  AdwEntryRow         *new_row;
  AdwEntryRow         *repeat_row;
  GtkLabel            *message_label;
  GtkSpinner          *spinner;
  GtkButton           *remove_button;
  GtkButton           *set_button;
  GtkSpinButton       *idle_spin;
};

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_SECRET_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AlliancePrivacyPage, alliance_privacy_page, ADW_TYPE_PREFERENCES_PAGE)

static gboolean
is_saving (AlliancePrivacyPage *self)
{
  return self->cancellable != NULL;
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_message (AlliancePrivacyPage *self,
              const char          *message,
              gboolean             is_error)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_buttons (AlliancePrivacyPage *self)
{
  gboolean needs_current = self->state == PASSPHRASE_SET;
  gboolean has_current = row_text (self->current_row)[0] != '\0';
  gboolean has_new = row_text (self->new_row)[0] != '\0' && row_text (self->repeat_row)[0] != '\0';
  gboolean idle = !is_saving (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->set_button), idle && has_new && (has_current || !needs_current));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), idle && (has_current || !needs_current));
  gtk_spinner_set_spinning (self->spinner, !idle);
}

/* Read again from the file: another window may have changed it. */
static void
update_state (AlliancePrivacyPage *self)
{
  g_autoptr(GError) error = NULL;

  if (alliance_lock_secret_is_set (self->secret_path, &error))
    self->state = PASSPHRASE_SET;
  else
    self->state = error == NULL ? PASSPHRASE_NOT_SET : PASSPHRASE_UNUSABLE;

  switch (self->state)
    {
    case PASSPHRASE_SET:
      adw_action_row_set_subtitle (self->status_row,
                                   _("Set. Ctrl+L locks Alliance, so does leaving it alone, and it starts locked."));
      gtk_button_set_label (self->set_button, _("_Change"));
      break;
    case PASSPHRASE_NOT_SET:
      adw_action_row_set_subtitle (self->status_row, _("Not set: Alliance does not lock."));
      gtk_button_set_label (self->set_button, _("_Set Passphrase"));
      break;
    case PASSPHRASE_UNUSABLE:
      /* The lock is unavailable, and says why, rather than silently off. */
      adw_action_row_set_subtitle (self->status_row, error->message);
      gtk_button_set_label (self->set_button, _("_Set New Passphrase"));
      break;
    }
  if (self->state == PASSPHRASE_UNUSABLE)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->current_row), self->state == PASSPHRASE_SET);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), self->state != PASSPHRASE_NOT_SET);
  update_buttons (self);
}

static void
clear_entries (AlliancePrivacyPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->repeat_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->current_row), "error");
}

static void
changed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  AlliancePrivacyPage *self;
  PassphraseState before;
  gboolean ok;

  ok = alliance_lock_secret_change_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ALLIANCE_PRIVACY_PAGE (user_data);
  g_clear_object (&self->cancellable);
  before = self->state;
  if (!ok)
    {
      if (g_error_matches (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->current_row), "error");
          gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
        }
      show_message (self, error->message, TRUE);
      update_state (self);
      return;
    }

  clear_entries (self);
  update_state (self);
  if (self->state == PASSPHRASE_NOT_SET)
    show_message (self, _("Passphrase removed. Alliance no longer locks."), FALSE);
  else if (before == PASSPHRASE_SET)
    show_message (self, _("Passphrase changed."), FALSE);
  else
    show_message (self, _("Passphrase set. Press Ctrl+L to lock Alliance."), FALSE);
}

static void
save_change (AlliancePrivacyPage *self,
             const char          *new_passphrase)
{
  const char *current = self->state == PASSPHRASE_SET ? row_text (self->current_row) : NULL;

  self->cancellable = g_cancellable_new ();
  show_message (self, NULL, FALSE);
  alliance_lock_secret_change_async (self->secret_path, current, new_passphrase, self->cancellable, changed_cb,
                                     self);
  update_buttons (self);
}

static void
set_clicked_cb (AlliancePrivacyPage *self)
{
  const char *passphrase = row_text (self->new_row);

  if (is_saving (self))
    return;
  if (self->state == PASSPHRASE_SET && row_text (self->current_row)[0] == '\0')
    {
      show_message (self, _("Enter your current passphrase first."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
      return;
    }
  if (passphrase[0] == '\0')
    {
      show_message (self, _("Type the new passphrase twice."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }
  if (!g_str_equal (passphrase, row_text (self->repeat_row)))
    {
      show_message (self, _("The two new passphrases are not the same."), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->repeat_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->repeat_row), "error");
  save_change (self, passphrase);
}

static void
remove_clicked_cb (AlliancePrivacyPage *self)
{
  if (is_saving (self))
    return;
  if (self->state == PASSPHRASE_SET && row_text (self->current_row)[0] == '\0')
    {
      show_message (self, _("Enter your current passphrase first."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
      return;
    }
  save_change (self, NULL);
}

static void
entry_changed_cb (AlliancePrivacyPage *self)
{
  update_buttons (self);
}

static void
alliance_privacy_page_constructed (GObject *object)
{
  AlliancePrivacyPage *self = (AlliancePrivacyPage *)object;

  G_OBJECT_CLASS (alliance_privacy_page_parent_class)->constructed (object);

  if (self->secret_path == NULL)
    self->secret_path = alliance_lock_secret_get_default_path ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "lock-idle-minutes", gtk_spin_button_get_adjustment (self->idle_spin), "value",
                     G_SETTINGS_BIND_DEFAULT);
  update_state (self);
}

static void
alliance_privacy_page_dispose (GObject *object)
{
  AlliancePrivacyPage *self = (AlliancePrivacyPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_PRIVACY_PAGE);

  G_OBJECT_CLASS (alliance_privacy_page_parent_class)->dispose (object);
}

static void
alliance_privacy_page_finalize (GObject *object)
{
  AlliancePrivacyPage *self = (AlliancePrivacyPage *)object;

  g_clear_pointer (&self->secret_path, g_free);

  G_OBJECT_CLASS (alliance_privacy_page_parent_class)->finalize (object);
}

static void
alliance_privacy_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AlliancePrivacyPage *self = ALLIANCE_PRIVACY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SECRET_PATH:
      g_value_set_string (value, self->secret_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_privacy_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AlliancePrivacyPage *self = ALLIANCE_PRIVACY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SECRET_PATH:
      self->secret_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_privacy_page_class_init (AlliancePrivacyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = alliance_privacy_page_constructed;
  object_class->dispose = alliance_privacy_page_dispose;
  object_class->finalize = alliance_privacy_page_finalize;
  object_class->get_property = alliance_privacy_page_get_property;
  object_class->set_property = alliance_privacy_page_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRET_PATH] =
    g_param_spec_string ("secret-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-privacy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, current_row);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, new_row);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, set_button);
  gtk_widget_class_bind_template_child (widget_class, AlliancePrivacyPage, idle_spin);
  gtk_widget_class_bind_template_callback (widget_class, set_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
alliance_privacy_page_init (AlliancePrivacyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * alliance_privacy_page_new:
 * @settings: (nullable): holds "lock-idle-minutes"
 * @secret_path: (nullable): the passphrase file; NULL for the usual one
 */
GtkWidget *
alliance_privacy_page_new (GSettings  *settings,
                           const char *secret_path)
{
  return g_object_new (ALLIANCE_TYPE_PRIVACY_PAGE, "settings", settings, "secret-path", secret_path, NULL);
}
