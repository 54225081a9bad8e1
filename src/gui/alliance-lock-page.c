/* alliance-lock-page.c */
#define G_LOG_DOMAIN "alliance-lock-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "alliance-dialogs.h"
#include "alliance-lock-page.h"
#include "alliance-lock-secret.h"

/* How far and how long the field shakes at a wrong passphrase. */
#define SHAKE_DISTANCE 12
#define SHAKE_DURATION 400

struct _AllianceLockPage
{
  AdwBin         parent_instance;

  AllianceLock  *lock;
  GCancellable  *cancellable;     /* the passphrase being checked */
  AdwAnimation  *shake;
  guint          retry_source;    /* re-enables the field after the wait */
  gboolean       checking;

  /* Template widgets */
  GtkPasswordEntry *entry;
  GtkLabel         *message_label;
  GtkStack         *button_stack;
  GtkButton        *unlock_button;
  GtkSpinner       *spinner;
};

enum
{
  PROP_0,
  PROP_LOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllianceLockPage, alliance_lock_page, ADW_TYPE_BIN)

static gboolean
is_waiting (AllianceLockPage *self)
{
  return self->retry_source != 0;
}

static void
update_sensitivity (AllianceLockPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean can_try = !self->checking && !is_waiting (self);

  /* Not insensitive: the field keeps the focus, so typing goes on in it
   * once it can be tried again. */
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), can_try);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), can_try && text[0] != '\0');
  gtk_stack_set_visible_child_name (self->button_stack, self->checking ? "checking" : "button");
  gtk_spinner_set_spinning (self->spinner, self->checking);
}

static void
show_message (AllianceLockPage *self,
              const char       *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
shake_cb (double    value,
          gpointer  user_data)
{
  AllianceLockPage *self = user_data;
  /* Three swings that die away; the margins keep the field's width. */
  int offset = (int)round (SHAKE_DISTANCE * sin (value * 6 * G_PI) * (1 - value));

  gtk_widget_set_margin_start (GTK_WIDGET (self->entry), SHAKE_DISTANCE + offset);
  gtk_widget_set_margin_end (GTK_WIDGET (self->entry), SHAKE_DISTANCE - offset);
}

static gboolean
retry_allowed_cb (gpointer user_data)
{
  AllianceLockPage *self = user_data;

  self->retry_source = 0;
  show_message (self, _("That is not the passphrase."));
  update_sensitivity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return G_SOURCE_REMOVE;
}

/* After repeated wrong passphrases the field waits before the next try. */
static void
wait_before_retry (AllianceLockPage *self)
{
  guint wait = alliance_lock_get_retry_seconds (self->lock);
  g_autofree char *message = NULL;

  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (wait == 0)
    return;

  /* Translators: after a wrong passphrase; %u is a number of seconds */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "That is not the passphrase. Try again in %u second.",
                                          "That is not the passphrase. Try again in %u seconds.", wait),
                             wait);
  show_message (self, message);
  /* Not g_timeout_add_seconds(): it rounds to whole seconds of the clock
   * and may fire before the lock's own deadline, which would then refuse
   * the next try. @wait is rounded up, so this never fires early. */
  self->retry_source = g_timeout_add (wait * 1000, retry_allowed_cb, self);
  g_source_set_name_by_id (self->retry_source, "[alliance] unlock retry");
}

static void
unlocked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AllianceLockPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (alliance_lock_unlock_finish (ALLIANCE_LOCK (source), result, &error))
    {
      self->checking = FALSE;
      show_message (self, NULL);
      update_sensitivity (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;
  if (g_error_matches (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG))
    {
      show_message (self, error->message);
      wait_before_retry (self);
      adw_animation_play (self->shake);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else
    show_message (self, error->message);
  update_sensitivity (self);
  if (!is_waiting (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
unlock_requested_cb (AllianceLockPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->checking || is_waiting (self) || passphrase[0] == '\0')
    return;

  self->checking = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  alliance_lock_unlock_async (self->lock, passphrase, self->cancellable, unlocked_cb, g_object_ref (self));
  /* The lock has its copy; the field does not keep one. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  update_sensitivity (self);
}

static void
entry_changed_cb (AllianceLockPage *self)
{
  update_sensitivity (self);
}

static void
locked_changed_cb (AllianceLockPage *self)
{
  if (!alliance_lock_get_locked (self->lock))
    return;
  /* Locked again: nothing of the last attempt, except a wait still due. */
  show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  wait_before_retry (self);
  update_sensitivity (self);
}

static void
alliance_lock_page_dispose (GObject *object)
{
  AllianceLockPage *self = (AllianceLockPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->shake != NULL)
    adw_animation_reset (self->shake);
  g_clear_object (&self->shake);
  g_clear_object (&self->lock);
  /* No gtk_widget_dispose_template (): the template's one child belongs to
   * AdwBin, whose own dispose unparents it. */

  G_OBJECT_CLASS (alliance_lock_page_parent_class)->dispose (object);
}

static void
alliance_lock_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AllianceLockPage *self = ALLIANCE_LOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOCK:
      g_value_set_object (value, self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_lock_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AllianceLockPage *self = ALLIANCE_LOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOCK:
      self->lock = g_value_dup_object (value);
      g_signal_connect_object (self->lock, "notify::locked", G_CALLBACK (locked_changed_cb), self,
                               G_CONNECT_SWAPPED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_lock_page_class_init (AllianceLockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_lock_page_dispose;
  object_class->get_property = alliance_lock_page_get_property;
  object_class->set_property = alliance_lock_page_set_property;

  properties[PROP_LOCK] =
    g_param_spec_object ("lock", NULL, NULL, ALLIANCE_TYPE_LOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-lock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceLockPage, entry);
  gtk_widget_class_bind_template_child (widget_class, AllianceLockPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceLockPage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceLockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceLockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, unlock_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
alliance_lock_page_init (AllianceLockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_margin_start (GTK_WIDGET (self->entry), SHAKE_DISTANCE);
  gtk_widget_set_margin_end (GTK_WIDGET (self->entry), SHAKE_DISTANCE);
  self->shake = adw_timed_animation_new (GTK_WIDGET (self->entry), 0, 1, SHAKE_DURATION,
                                         adw_callback_animation_target_new (shake_cb, self, NULL));
}

GtkWidget *
alliance_lock_page_new (AllianceLock *lock)
{
  g_return_val_if_fail (ALLIANCE_IS_LOCK (lock), NULL);

  return g_object_new (ALLIANCE_TYPE_LOCK_PAGE, "lock", lock, NULL);
}

void
alliance_lock_page_focus_entry (AllianceLockPage *self)
{
  g_return_if_fail (ALLIANCE_IS_LOCK_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
explanation_responded_cb (AdwMessageDialog *dialog,
                          const char       *response)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "privacy") && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "app.show-preferences-page", "s", "privacy");
}

/**
 * alliance_lock_page_explain_failure:
 * @error: from AllianceLock::lock-failed
 *
 * Says why Alliance did not lock, and offers the Privacy preferences
 * (through the action app.show-preferences-page): to set a passphrase
 * when none is set, to replace a damaged one otherwise.
 *
 * Returns: (transfer none): the dialog, presented
 */
GtkWidget *
alliance_lock_page_explain_failure (GtkWindow    *parent,
                                    const GError *error)
{
  gboolean not_set;
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  not_set = g_error_matches (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET);
  if (not_set)
    dialog = alliance_dialogs_new_message (GTK_WIDGET (parent), _("Set a Passphrase to Lock"),
                                           _("Alliance locks with a passphrase of your choosing. Once it is set, "
                                             "Ctrl+L hides every client until the passphrase is entered, and so "
                                             "does leaving Alliance alone for a few minutes."));
  else
    dialog = alliance_dialogs_new_message (GTK_WIDGET (parent), _("Alliance Could Not Lock"), error->message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "privacy", not_set ? _("_Set Passphrase…") : _("_Open Privacy Preferences"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "privacy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "privacy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect (dialog, "response", G_CALLBACK (explanation_responded_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
