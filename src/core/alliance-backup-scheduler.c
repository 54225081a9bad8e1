/* alliance-backup-scheduler.c */
#define G_LOG_DOMAIN "alliance-backup-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-backup-scheduler.h"
#include "alliance-backup.h"

/* How often the clock is looked at, and how long after start-up the first
 * look is (start-up has the disk and the processor to itself). */
#define CHECK_INTERVAL_SECONDS (15 * 60)
#define FIRST_CHECK_SECONDS 120
#define BACKUP_INTERVAL G_TIME_SPAN_DAY

struct _AllianceBackupScheduler
{
  GObject    parent_instance;

  GSettings *settings;
  char      *database_path;
  guint      timeout_id;
  GPtrArray *waiting;      /* GTasks answered when the running backup ends */
};

G_DEFINE_FINAL_TYPE (AllianceBackupScheduler, alliance_backup_scheduler, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
record_outcome (AllianceBackupScheduler *self,
                const GError            *error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "last-backup", stamp);
  g_settings_set_string (self->settings, "last-backup-result", error ? error->message : "");
  g_settings_apply (self->settings);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AllianceBackupScheduler) self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = alliance_backup_create_finish (result, &error);

  record_outcome (self, error);
  if (error != NULL)
    g_debug ("Backup failed: %s", error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (path), g_free);
    }
}

static void
start_backup (AllianceBackupScheduler *self)
{
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = alliance_backup_scheduler_dup_folder (self);
  AllianceBackupOptions options = { folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, TRUE };

  if (g_settings_get_boolean (self->settings, "backup-encrypt"))
    {
      g_autofree char *text = g_settings_get_string (self->settings, "backup-recipient");

      /* Never a plain backup when encrypted ones were asked for. */
      recipient = alliance_encryption_recipient_from_string (text, &error);
      if (recipient == NULL)
        {
          GTask *task = g_task_new (NULL, NULL, backup_done_cb, g_object_ref (self));

          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
    }
  options.recipient = recipient;
  alliance_backup_create_async (self->database_path, &options, NULL, backup_done_cb, g_object_ref (self));
}

/**
 * alliance_backup_scheduler_back_up_async:
 *
 * Backs up now, or, when a backup is already running, answers with that
 * one's outcome.
 */
void
alliance_backup_scheduler_back_up_async (AllianceBackupScheduler *self,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  GTask *task;
  gboolean was_busy;

  g_return_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alliance_backup_scheduler_back_up_async);
  was_busy = self->waiting != NULL;
  if (!was_busy)
    self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, task);
  if (!was_busy)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      start_backup (self);
    }
}

char *
alliance_backup_scheduler_back_up_finish (AllianceBackupScheduler  *self,
                                          GAsyncResult             *result,
                                          GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * alliance_backup_scheduler_is_due:
 *
 * TRUE when no backup was attempted in the day before @now, or the last
 * attempt failed.
 */
gboolean
alliance_backup_scheduler_is_due (AllianceBackupScheduler *self,
                                  GDateTime               *now)
{
  g_autofree char *last = NULL;
  g_autofree char *result = NULL;
  g_autoptr(GDateTime) last_time = NULL;

  g_return_val_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (self), FALSE);

  last = g_settings_get_string (self->settings, "last-backup");
  result = g_settings_get_string (self->settings, "last-backup-result");
  last_time = g_date_time_new_from_iso8601 (last, NULL);
  return last_time == NULL || result[0] != '\0' || g_date_time_difference (now, last_time) >= BACKUP_INTERVAL ||
         g_date_time_difference (now, last_time) < 0;
}

static gboolean
check_cb (gpointer user_data)
{
  AllianceBackupScheduler *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!alliance_backup_scheduler_get_busy (self) && alliance_backup_scheduler_is_due (self, now))
    alliance_backup_scheduler_back_up_async (self, NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_check_cb (gpointer user_data)
{
  AllianceBackupScheduler *self = user_data;

  check_cb (self);
  self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_cb, self);
  return G_SOURCE_REMOVE;
}

/* Starts the daily clock. */
void
alliance_backup_scheduler_start (AllianceBackupScheduler *self)
{
  g_return_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (self));

  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add_seconds (FIRST_CHECK_SECONDS, first_check_cb, self);
}

static void
alliance_backup_scheduler_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AllianceBackupScheduler *self = ALLIANCE_BACKUP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, alliance_backup_scheduler_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_backup_scheduler_dispose (GObject *object)
{
  AllianceBackupScheduler *self = (AllianceBackupScheduler *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (alliance_backup_scheduler_parent_class)->dispose (object);
}

static void
alliance_backup_scheduler_finalize (GObject *object)
{
  AllianceBackupScheduler *self = (AllianceBackupScheduler *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (alliance_backup_scheduler_parent_class)->finalize (object);
}

static void
alliance_backup_scheduler_class_init (AllianceBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = alliance_backup_scheduler_get_property;
  object_class->dispose = alliance_backup_scheduler_dispose;
  object_class->finalize = alliance_backup_scheduler_finalize;

  /* A backup is running. */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alliance_backup_scheduler_init (AllianceBackupScheduler *self)
{
}

/**
 * alliance_backup_scheduler_new:
 * @settings: the app's settings (folder, encryption, last backup)
 * @database_path: the records backed up
 */
AllianceBackupScheduler *
alliance_backup_scheduler_new (GSettings  *settings,
                               const char *database_path)
{
  AllianceBackupScheduler *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (ALLIANCE_TYPE_BACKUP_SCHEDULER, NULL);
  self->settings = g_object_ref (settings);
  self->database_path = g_strdup (database_path);
  return self;
}

const char *
alliance_backup_scheduler_get_database_path (AllianceBackupScheduler *self)
{
  g_return_val_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (self), NULL);

  return self->database_path;
}

GSettings *
alliance_backup_scheduler_get_settings (AllianceBackupScheduler *self)
{
  g_return_val_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (self), NULL);

  return self->settings;
}

/* The folder chosen in Preferences, or the default one. */
char *
alliance_backup_scheduler_dup_folder (AllianceBackupScheduler *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (self), NULL);

  folder = g_settings_get_string (self->settings, "backup-folder");
  return folder[0] != '\0' ? g_steal_pointer (&folder) : alliance_backup_default_folder ();
}

gboolean
alliance_backup_scheduler_get_busy (AllianceBackupScheduler *self)
{
  g_return_val_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (self), FALSE);

  return self->waiting != NULL;
}
