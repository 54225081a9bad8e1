/* alliance-lock.c */
#define G_LOG_DOMAIN "alliance-lock"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-lock-secret.h"
#include "alliance-lock.h"

struct _AllianceLock
{
  GObject     parent_instance;

  char       *secret_path;
  GSettings  *settings;
  GtkWindow  *main_window;         /* weak: shows the lock page, never hidden */
  GPtrArray  *hidden_windows;      /* the windows locking hid, to show again */
  gboolean    locked;
  gboolean    unlocking;           /* a passphrase is being checked */
  gboolean    reported_unavailable; /* the idle timer said once it could not lock */
  guint       idle_seconds;        /* 0: no auto-lock */
  gint64      last_input;          /* monotonic µs */
  guint       idle_source;
  guint       n_failures;          /* wrong passphrases in a row */
  gint64      retry_at;            /* monotonic µs; no attempt before */
};

enum
{
  PROP_0,
  PROP_SECRET_PATH,
  PROP_LOCKED,
  PROP_IDLE_SECONDS,
  N_PROPS
};

enum
{
  LOCK_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceLock, alliance_lock, G_TYPE_OBJECT)

static void schedule_idle_check (AllianceLock *self);

static gboolean
is_toplevel (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == (GObject *)window)
        return TRUE;
    }
  return FALSE;
}

static void
hide_window (AllianceLock *self,
             GtkWindow    *window)
{
  if (window == self->main_window || !gtk_widget_get_visible (GTK_WIDGET (window)))
    return;
  if (!g_ptr_array_find (self->hidden_windows, window, NULL))
    g_ptr_array_add (self->hidden_windows, g_object_ref (window));
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
}

static void
hide_secondary_windows (AllianceLock *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Collected first: hiding a window may change the list. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (windows, g_list_model_get_item (toplevels, i));
  for (guint i = 0; i < windows->len; i++)
    hide_window (self, g_ptr_array_index (windows, i));
}

static void
show_hidden_windows (AllianceLock *self)
{
  g_autoptr(GPtrArray) windows = g_steal_pointer (&self->hidden_windows);

  self->hidden_windows = g_ptr_array_new_with_free_func (g_object_unref);
  /* A window closed meanwhile (by the program) stays closed. */
  for (guint i = 0; i < windows->len; i++)
    if (is_toplevel (g_ptr_array_index (windows, i)))
      gtk_widget_set_visible (GTK_WIDGET (g_ptr_array_index (windows, i)), TRUE);
  if (self->main_window != NULL)
    gtk_window_present (self->main_window);
}

static void
set_locked (AllianceLock *self,
            gboolean      locked)
{
  if (self->locked == locked)
    return;

  self->locked = locked;
  if (locked)
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
      hide_secondary_windows (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  if (!locked)
    {
      show_hidden_windows (self);
      self->last_input = g_get_monotonic_time ();
      schedule_idle_check (self);
    }
}

static gboolean
idle_reached_cb (gpointer user_data)
{
  AllianceLock *self = user_data;
  g_autoptr(GError) error = NULL;

  self->idle_source = 0;
  if (self->locked || self->idle_seconds == 0)
    return G_SOURCE_REMOVE;

  if (g_get_monotonic_time () - self->last_input < (gint64)self->idle_seconds * G_USEC_PER_SEC)
    {
      /* There was input since this was scheduled: wait the rest. */
      schedule_idle_check (self);
      return G_SOURCE_REMOVE;
    }

  if (alliance_lock_lock (self, &error))
    return G_SOURCE_REMOVE;

  /* No passphrase: auto-lock is off, nothing to say. A damaged file:
   * say so once, not at every idle period. */
  if (!g_error_matches (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET) &&
      !self->reported_unavailable)
    {
      self->reported_unavailable = TRUE;
      g_signal_emit (self, signals[LOCK_FAILED], 0, error);
    }
  self->last_input = g_get_monotonic_time ();
  schedule_idle_check (self);
  return G_SOURCE_REMOVE;
}

/* One timeout at the moment the idle time would run out, not a poll:
 * input only moves last_input, and the timeout looks again when it fires. */
static void
schedule_idle_check (AllianceLock *self)
{
  gint64 deadline;
  gint64 remaining;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->locked || self->idle_seconds == 0)
    return;

  deadline = self->last_input + (gint64)self->idle_seconds * G_USEC_PER_SEC;
  remaining = MAX (deadline - g_get_monotonic_time (), 0);
  self->idle_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)MIN (remaining / 1000 + 1, G_MAXUINT),
                                          idle_reached_cb, self, NULL);
  g_source_set_name_by_id (self->idle_source, "[alliance] idle lock");
}

static gboolean
input_cb (AllianceLock *self,
          GdkEvent     *event)
{
  /* A person's input only: not focus moving or a window appearing under
   * a resting pointer, which happen on their own. */
  switch ((int)gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_input = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
window_visible_changed_cb (AllianceLock *self,
                           GParamSpec   *pspec,
                           GtkWindow    *window)
{
  /* Nothing opens while locked: a dialog raised by work finishing in the
   * background waits, hidden, for the unlock. */
  if (self->locked)
    hide_window (self, window);
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
lock_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  g_autoptr(AllianceLock) self = g_weak_ref_get (user_data);

  if (self == NULL)
    return FALSE;
  alliance_lock_lock_now (self);
  return TRUE;
}

static GQuark
watched_quark (void)
{
  return g_quark_from_static_string ("alliance-lock-watched");
}

/* Every Alliance window, the main one and those made later (note
 * editors, ratings, the record, search, meetings…): its input postpones
 * the idle lock, and Ctrl+L locks from it. */
static void
watch_window (AllianceLock *self,
              GtkWindow    *window)
{
  GtkEventController *input;
  GtkEventController *shortcuts;
  GWeakRef *weak;

  if (g_object_get_qdata (G_OBJECT (window), watched_quark ()) == self)
    return;
  g_object_set_qdata (G_OBJECT (window), watched_quark (), self);

  input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (input, "alliance-lock-input");
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_object (input, "event", G_CALLBACK (input_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), input);

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (shortcuts, "alliance-lock-shortcut");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (lock_shortcut_cb, weak,
                                                                                   free_weak_ref)));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);

  g_signal_connect_object (window, "notify::visible", G_CALLBACK (window_visible_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->locked)
    hide_window (self, window);
}

static void
toplevels_changed_cb (AllianceLock *self,
                      guint         position,
                      guint         removed,
                      guint         added,
                      GListModel   *toplevels)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      watch_window (self, window);
    }
}

static void
unlock_verified_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AllianceLock *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->unlocking = FALSE;
  if (!alliance_lock_secret_verify_finish (result, &error))
    {
      if (g_error_matches (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG))
        {
          guint delay;

          self->n_failures = MIN (self->n_failures + 1, G_MAXUINT - 1);
          delay = alliance_lock_secret_get_retry_delay (self->n_failures);
          self->retry_at = g_get_monotonic_time () + (gint64)delay * G_USEC_PER_SEC;
        }
      g_task_return_error (task, error);
      return;
    }

  self->n_failures = 0;
  self->retry_at = 0;
  set_locked (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

static guint
minutes_to_seconds (guint minutes)
{
  return minutes > G_MAXUINT / 60 ? G_MAXUINT : minutes * 60;
}

static gboolean
idle_minutes_to_seconds_cb (GValue   *value,
                            GVariant *variant,
                            gpointer  user_data)
{
  g_value_set_uint (value, minutes_to_seconds (g_variant_get_uint32 (variant)));
  return TRUE;
}

static void
alliance_lock_constructed (GObject *object)
{
  AllianceLock *self = (AllianceLock *)object;
  GListModel *toplevels = gtk_window_get_toplevels ();

  G_OBJECT_CLASS (alliance_lock_parent_class)->constructed (object);

  if (self->secret_path == NULL)
    self->secret_path = alliance_lock_secret_get_default_path ();

  g_signal_connect_object (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);
  toplevels_changed_cb (self, 0, 0, g_list_model_get_n_items (toplevels), toplevels);

  schedule_idle_check (self);
}

static void
alliance_lock_dispose (GObject *object)
{
  AllianceLock *self = (AllianceLock *)object;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_weak_pointer (&self->main_window);
  if (self->hidden_windows != NULL)
    g_ptr_array_set_size (self->hidden_windows, 0);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alliance_lock_parent_class)->dispose (object);
}

static void
alliance_lock_finalize (GObject *object)
{
  AllianceLock *self = (AllianceLock *)object;

  g_clear_pointer (&self->hidden_windows, g_ptr_array_unref);
  g_clear_pointer (&self->secret_path, g_free);

  G_OBJECT_CLASS (alliance_lock_parent_class)->finalize (object);
}

static void
alliance_lock_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AllianceLock *self = ALLIANCE_LOCK (object);

  switch (prop_id)
    {
    case PROP_SECRET_PATH:
      g_value_set_string (value, self->secret_path);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_lock_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AllianceLock *self = ALLIANCE_LOCK (object);

  switch (prop_id)
    {
    case PROP_SECRET_PATH:
      self->secret_path = g_value_dup_string (value);
      break;
    case PROP_IDLE_SECONDS:
      alliance_lock_set_idle_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_lock_class_init (AllianceLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alliance_lock_constructed;
  object_class->dispose = alliance_lock_dispose;
  object_class->finalize = alliance_lock_finalize;
  object_class->get_property = alliance_lock_get_property;
  object_class->set_property = alliance_lock_set_property;

  properties[PROP_SECRET_PATH] =
    g_param_spec_string ("secret-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 0, G_MAXUINT, 5 * 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AllianceLock::lock-failed:
   * @error: why: no passphrase is set, or its file is damaged or unreadable
   *
   * Locking was asked for (Ctrl+L, the menu) or due (idle) and could not
   * happen. Not emitted for an idle period without a passphrase set.
   */
  signals[LOCK_FAILED] = g_signal_new ("lock-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
alliance_lock_init (AllianceLock *self)
{
  self->hidden_windows = g_ptr_array_new_with_free_func (g_object_unref);
  self->idle_seconds = 5 * 60;
  self->last_input = g_get_monotonic_time ();
}

/**
 * alliance_lock_new:
 * @secret_path: (nullable): the passphrase file; NULL for the usual one
 * @settings: (nullable): takes the idle time from "lock-idle-minutes"
 */
AllianceLock *
alliance_lock_new (const char *secret_path,
                   GSettings  *settings)
{
  AllianceLock *self = g_object_new (ALLIANCE_TYPE_LOCK, "secret-path", secret_path, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_settings_bind_with_mapping (self->settings, "lock-idle-minutes", self, "idle-seconds",
                                    G_SETTINGS_BIND_GET, idle_minutes_to_seconds_cb, NULL, NULL, NULL);
    }
  return self;
}

const char *
alliance_lock_get_secret_path (AllianceLock *self)
{
  g_return_val_if_fail (ALLIANCE_IS_LOCK (self), NULL);

  return self->secret_path;
}

gboolean
alliance_lock_get_locked (AllianceLock *self)
{
  g_return_val_if_fail (ALLIANCE_IS_LOCK (self), FALSE);

  return self->locked;
}

/* The window that shows the lock page while locked, so is never hidden. */
void
alliance_lock_set_main_window (AllianceLock *self,
                               GtkWindow    *window)
{
  g_return_if_fail (ALLIANCE_IS_LOCK (self));
  g_return_if_fail (window == NULL || GTK_IS_WINDOW (window));

  g_set_weak_pointer (&self->main_window, window);
}

guint
alliance_lock_get_idle_seconds (AllianceLock *self)
{
  g_return_val_if_fail (ALLIANCE_IS_LOCK (self), 0);

  return self->idle_seconds;
}

/* 0 turns auto-lock off. */
void
alliance_lock_set_idle_seconds (AllianceLock *self,
                                guint         seconds)
{
  g_return_if_fail (ALLIANCE_IS_LOCK (self));

  if (self->idle_seconds == seconds)
    return;
  self->idle_seconds = seconds;
  schedule_idle_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

/**
 * alliance_lock_lock:
 *
 * Locks, when a passphrase is set. FALSE with ALLIANCE_LOCK_SECRET_ERROR_NOT_SET
 * when none is, or another ALLIANCE_LOCK_SECRET_ERROR when its file cannot
 * be used (then nobody could unlock).
 */
gboolean
alliance_lock_lock (AllianceLock  *self,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ALLIANCE_IS_LOCK (self), FALSE);

  if (self->locked)
    return TRUE;
  if (!alliance_lock_secret_is_set (self->secret_path, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET,
                             _("Alliance can lock only once you have set a passphrase to unlock it with."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->reported_unavailable = FALSE;
  set_locked (self, TRUE);
  return TRUE;
}

/* Locks, or emits ::lock-failed saying why it cannot. */
void
alliance_lock_lock_now (AllianceLock *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALLIANCE_IS_LOCK (self));

  if (!alliance_lock_lock (self, &error))
    g_signal_emit (self, signals[LOCK_FAILED], 0, error);
}

/**
 * alliance_lock_unlock_async:
 *
 * Checks @passphrase in a worker thread and unlocks when it is right. A
 * wrong one makes the next attempt wait (alliance_lock_get_retry_seconds());
 * an attempt before then fails with G_IO_ERROR_BUSY without checking.
 */
void
alliance_lock_unlock_async (AllianceLock        *self,
                            const char          *passphrase,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint wait;

  g_return_if_fail (ALLIANCE_IS_LOCK (self));
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alliance_lock_unlock_async);

  if (!self->locked)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  wait = alliance_lock_get_retry_seconds (self);
  if (wait > 0 || self->unlocking)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               g_dngettext (GETTEXT_PACKAGE, "Wait %u second before trying again.",
                                            "Wait %u seconds before trying again.", MAX (wait, 1)),
                               MAX (wait, 1));
      return;
    }

  self->unlocking = TRUE;
  alliance_lock_secret_verify_async (self->secret_path, passphrase, cancellable, unlock_verified_cb,
                                     g_steal_pointer (&task));
}

gboolean
alliance_lock_unlock_finish (AllianceLock  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (ALLIANCE_IS_LOCK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whole seconds before another passphrase may be tried; 0: now. */
guint
alliance_lock_get_retry_seconds (AllianceLock *self)
{
  gint64 left;

  g_return_val_if_fail (ALLIANCE_IS_LOCK (self), 0);

  left = self->retry_at - g_get_monotonic_time ();
  return left > 0 ? (guint)((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;
}
