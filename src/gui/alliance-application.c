/* alliance-application.c */
#define G_LOG_DOMAIN "alliance-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alliance-application.h"
#include "alliance-backup-scheduler.h"
#include "alliance-backup.h"
#include "alliance-client-store.h"
#include "alliance-demo.h"
#include "alliance-lock-page.h"
#include "alliance-lock-secret.h"
#include "alliance-dialogs.h"
#include "alliance-disk-encryption.h"
#include "alliance-paths.h"
#include "alliance-preferences-window.h"
#include "alliance-records-page.h"
#include "alliance-window.h"

struct _AllianceApplication
{
  AdwApplication  parent_instance;

  char           *database_path;      /* --db, or NULL for the default */
  gboolean        open_demo;          /* --demo */
  gboolean        exit_after_startup; /* --exit-after-startup */
  int             exit_status;
  AllianceLock   *lock;               /* made at startup */

  /* Backups of the user's own records (none for sample data or a run
   * that exits after start-up). */
  GSettings               *settings;
  AllianceBackupScheduler *scheduler;
  gboolean                 backed_up_on_quit;
  gboolean                 restoring;
  gboolean                 started_locked;   /* the first window was offered the lock */

  /* The records asked for on the command line, being opened on another
   * processor while GTK starts (from startup to the first window). */
  GThread                 *opening;
};

typedef struct
{
  char                *database_path;   /* --db, or NULL */
  gboolean             demo;
  AllianceClientStore *store;           /* the outcome: a store, */
  GError              *error;           /* or why not */
} Opening;

G_DEFINE_FINAL_TYPE (AllianceApplication, alliance_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the records in FILE instead of the usual place"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the sample data (a separate file of fictional clients)"), NULL },
  { "standalone", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run as a separate instance, not joining one already open"), NULL },
  { "exit-after-startup", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Quit once the window has been drawn (for tests)"), NULL },
  { NULL }
};

static AllianceClientStore *
open_store (const char  *path,
            gboolean     fill_with_sample_data,
            GError     **error)
{
  g_autoptr(AllianceDatabase) database = alliance_database_open (path, error);
  g_autoptr(AllianceClientStore) store = NULL;

  if (database == NULL)
    return NULL;

  store = alliance_client_store_new (database);
  if (fill_with_sample_data && alliance_client_store_count (store, NULL) == 0 &&
      !alliance_demo_populate (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

static AllianceClientStore *
open_records (const char  *database_path,
              gboolean     demo,
              GError     **error)
{
  g_autofree char *path = NULL;

  if (demo)
    path = alliance_paths_demo_database (error);
  else if (database_path != NULL)
    path = g_strdup (database_path);
  else
    path = alliance_paths_default_database (error);

  if (path == NULL)
    return NULL;
  return open_store (path, demo, error);
}

static AllianceClientStore *
open_requested_store (AllianceApplication  *self,
                      gboolean              demo,
                      GError              **error)
{
  return open_records (self->database_path, demo, error);
}

static gpointer
open_records_in_thread (gpointer data)
{
  Opening *opening = data;

  opening->store = open_records (opening->database_path, opening->demo, &opening->error);
  return opening;
}

/* Opening the records (checking the whole file, the schema, any upgrade)
 * needs nothing of GTK: it runs beside gtk_init() and adw_init(), which
 * use one processor, rather than after them. */
static void
start_opening_records (AllianceApplication *self)
{
  Opening *opening = g_new0 (Opening, 1);

  opening->database_path = g_strdup (self->database_path);
  opening->demo = self->open_demo;
  self->opening = g_thread_new ("alliance-open", open_records_in_thread, opening);
}

/* The records started by start_opening_records(), once they are open;
 * NULL with @error when they could not be. */
static AllianceClientStore *
finish_opening_records (AllianceApplication  *self,
                        GError              **error)
{
  Opening *opening = g_thread_join (g_steal_pointer (&self->opening));
  AllianceClientStore *store = g_steal_pointer (&opening->store);

  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&opening->error));
  g_free (opening->database_path);
  g_clear_error (&opening->error);
  g_free (opening);
  return store;
}

static AllianceWindow *
get_window (AllianceApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return ALLIANCE_IS_WINDOW (window) ? ALLIANCE_WINDOW (window) : NULL;
}

static void
update_actions (AllianceApplication *self)
{
  GAction *open_demo = g_action_map_lookup_action (G_ACTION_MAP (self), "open-demo");
  GAction *open_own = g_action_map_lookup_action (G_ACTION_MAP (self), "open-own-records");
  /* Locked, nothing that opens records or settings. */
  gboolean unlocked = self->lock == NULL || !alliance_lock_get_locked (self->lock);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (open_demo), unlocked && !self->open_demo);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (open_own), unlocked && self->open_demo);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "preferences")),
                               unlocked);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "show-preferences-page")),
                               unlocked);
}

static void
switch_records (AllianceApplication *self,
                gboolean             demo)
{
  AllianceWindow *window = get_window (self);
  g_autoptr(AllianceClientStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (window == NULL)
    return;

  store = open_requested_store (self, demo, &error);
  if (store == NULL)
    {
      alliance_window_show_problem (window, error);
      return;
    }
  self->open_demo = demo;
  if (!demo && self->scheduler == NULL && !self->exit_after_startup)
    {
      self->scheduler = alliance_backup_scheduler_new (
          self->settings, alliance_database_get_path (alliance_client_store_get_database (store)));
      alliance_backup_scheduler_start (self->scheduler);
    }
  alliance_window_set_store (window, store, demo);
  update_actions (self);
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  switch_records (ALLIANCE_APPLICATION (user_data), TRUE);
}

static void
open_own_records_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  switch_records (ALLIANCE_APPLICATION (user_data), FALSE);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AllianceApplication *self = user_data;
  static const char *developers[] = { "The Alliance developers", NULL };

  adw_show_about_window (GTK_WINDOW (get_window (self)),
                         "application-name", _("Alliance"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Keep your caseload, session notes and the therapeutic alliance over time, "
                                       "privately on this computer."),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_preferences (AllianceApplication *self,
                  const char          *page_name)
{
  AllianceWindow *window = get_window (self);
  GtkWidget *preferences = alliance_preferences_window_new (GTK_WINDOW (window));

  if (window != NULL && alliance_window_get_rating_store (window) != NULL)
    alliance_preferences_window_add_measures_page (ALLIANCE_PREFERENCES_WINDOW (preferences),
                                                   alliance_window_get_rating_store (window));
  if (window != NULL && alliance_window_get_store (window) != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences),
                                ADW_PREFERENCES_PAGE (alliance_records_page_new (alliance_window_get_store (window))));
  if (self->scheduler != NULL && !self->open_demo)
    {
      /* So the page reaches "app.restore-backup". */
      gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
      alliance_preferences_window_add_backup_page (ALLIANCE_PREFERENCES_WINDOW (preferences), self->scheduler);
    }
  if (page_name != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page_name);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* --- Backups: on quit, and restore ------------------------------------- */

static gboolean
backs_up (AllianceApplication *self)
{
  return self->scheduler != NULL && !self->open_demo && !self->restoring;
}

static void
backed_up_on_quit_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AllianceApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = alliance_backup_scheduler_back_up_finish (ALLIANCE_BACKUP_SCHEDULER (source), result, &error);

  /* The outcome is in the settings, shown in Preferences next time. */
  if (path == NULL)
    g_printerr ("alliance: %s\n", error->message);
  self->backed_up_on_quit = TRUE;
  g_application_quit (G_APPLICATION (self));
}

/* Quits, after a backup of the user's own records. The window stays, its
 * content insensitive, with a note, while the backup (a second or so)
 * runs in its worker. */
static void
quit_after_backup (AllianceApplication *self)
{
  AllianceWindow *window = get_window (self);

  if (!backs_up (self) || self->backed_up_on_quit)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  if (window != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Backing up…"));

      adw_toast_set_timeout (toast, 0);
      alliance_window_add_toast (window, toast);
      gtk_widget_set_sensitive (gtk_window_get_child (GTK_WINDOW (window)), FALSE);
    }
  alliance_backup_scheduler_back_up_async (self->scheduler, NULL, backed_up_on_quit_cb, g_object_ref (self));
}

static gboolean
window_close_request_cb (GtkWindow           *window,
                         AllianceApplication *self)
{
  if (!backs_up (self) || self->backed_up_on_quit)
    return FALSE;
  quit_after_backup (self);
  return TRUE;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  show_preferences (user_data, NULL);
}

/* Where a backup's news (a toast) leads. */
static void
backup_preferences_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  show_preferences (user_data, "backups");
}

/* "privacy": where the lock's passphrase is set. */
static void
show_preferences_page_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  show_preferences (user_data, g_variant_get_string (parameter, NULL));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  alliance_lock_lock_now (ALLIANCE_APPLICATION (user_data)->lock);
}

/* Ctrl+L or the idle time without a passphrase, or with a damaged one. */
static void
lock_failed_cb (AllianceApplication *self,
                const GError        *error)
{
  alliance_lock_page_explain_failure (GTK_WINDOW (get_window (self)), error);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  quit_after_backup (ALLIANCE_APPLICATION (user_data));
}

typedef struct
{
  char                        *database_path;
  char                        *backup_path;
  gboolean                     temporary;
  char                        *folder;
  AllianceEncryptionRecipient *recipient;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  if (job->temporary)
    g_unlink (job->backup_path);
  g_free (job->database_path);
  g_free (job->backup_path);
  g_free (job->folder);
  alliance_encryption_recipient_free (job->recipient);
  g_free (job);
}

static void
restore_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  AllianceBackupOptions options = { job->folder, ALLIANCE_BACKUP_KIND_BEFORE_RESTORE, job->recipient, NULL, 0, FALSE };
  GError *error = NULL;
  char *saved = NULL;

  if (alliance_backup_restore (job->database_path, job->backup_path, &options, &saved, &error))
    g_task_return_pointer (task, saved, g_free);
  else
    g_task_return_error (task, error);
}

static void show_main_window (AllianceApplication *self);

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AllianceApplication *self = ALLIANCE_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_task_propagate_pointer (G_TASK (result), &error);
  AllianceWindow *window;
  AdwToast *toast;

  self->restoring = FALSE;
  show_main_window (self);
  g_application_release (G_APPLICATION (self));
  window = get_window (self);
  if (window == NULL)
    return;

  if (saved == NULL)
    {
      alliance_dialogs_show_error (GTK_WIDGET (window), _("Nothing Was Restored"), error);
      return;
    }
  /* Short enough for a narrow window; the copy of the records as they
   * were heads the Backups page, which the button opens. */
  toast = adw_toast_new (_("Backup restored"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Backups"));
  adw_toast_set_action_name (toast, "app.backup-preferences");
  alliance_window_add_toast (window, toast);
}

/* Every window holds the records open: they all go, the file is replaced
 * in a worker, and the main window comes back over the restored records. */
static gboolean
begin_restore (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  AllianceApplication *self = g_task_get_source_object (task);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  g_task_run_in_thread (task, restore_in_thread);
  return G_SOURCE_REMOVE;
}

static void
restore_backup_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AllianceApplication *self = ALLIANCE_APPLICATION (user_data);
  RestoreJob *job;
  GTask *task;
  const char *path;
  gboolean temporary;

  g_variant_get (parameter, "(&sb)", &path, &temporary);
  if (self->scheduler == NULL || self->restoring)
    {
      if (temporary)
        g_unlink (path);
      return;
    }

  job = g_new0 (RestoreJob, 1);
  job->database_path = g_strdup (alliance_backup_scheduler_get_database_path (self->scheduler));
  job->backup_path = g_strdup (path);
  job->temporary = temporary;
  job->folder = alliance_backup_scheduler_dup_folder (self->scheduler);
  job->recipient = alliance_backup_configured_recipient ();

  self->restoring = TRUE;
  /* Kept running while no window is open. */
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, restored_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)restore_job_free);
  /* After the dialog that asked has finished its response. */
  g_idle_add (begin_restore, task);
}

static void
disk_warning_dismissed_cb (AdwToast            *toast,
                           AllianceApplication *self)
{
  g_settings_set_boolean (self->settings, "disk-encryption-warning-dismissed", TRUE);
}

static void
check_disk_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_int (task, alliance_disk_encryption_check (task_data));
}

static void
disk_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AllianceApplication *self = ALLIANCE_APPLICATION (source);
  AllianceDiskEncryption encryption = (AllianceDiskEncryption)g_task_propagate_int (G_TASK (result), NULL);
  AllianceWindow *window = get_window (self);
  AdwToast *toast;

  if (window == NULL || alliance_disk_encryption_is_protected (encryption))
    return;

  /* Short: a toast at 360 px has room for a few words. */
  toast = adw_toast_new (_("Disk not encrypted"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_More"));
  adw_toast_set_action_name (toast, "app.backup-preferences");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (disk_warning_dismissed_cb), self, 0);
  alliance_window_add_toast (window, toast);
}

/* Until dismissed: the records are not on an encrypted disk. Finding out
 * reads /proc/self/mountinfo and sysfs, in a worker: the toast comes a
 * moment after the window rather than holding it back. */
static void
warn_about_disk (AllianceApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->scheduler == NULL || g_settings_get_boolean (self->settings, "disk-encryption-warning-dismissed"))
    return;
  task = g_task_new (self, NULL, disk_checked_cb, NULL);
  g_task_set_task_data (task, g_path_get_dirname (alliance_backup_scheduler_get_database_path (self->scheduler)),
                        g_free);
  g_task_run_in_thread (task, check_disk_in_thread);
}

static void
first_frame_painted_cb (GdkFrameClock       *frame_clock,
                        AllianceApplication *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, self);
  g_application_quit (G_APPLICATION (self));
}

static void
window_mapped_cb (GtkWidget           *window,
                  AllianceApplication *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, self);
  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (first_frame_painted_cb), self, 0);
}

/* With a passphrase set, Alliance starts locked: otherwise quitting and
 * starting again would be the way around the lock. NULL, or why it could
 * not lock though it should (a damaged passphrase file). */
static GError *
start_locked (AllianceApplication *self)
{
  GError *error = NULL;

  if (!alliance_lock_lock (self->lock, &error) &&
      g_error_matches (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET))
    g_clear_error (&error);
  return error;
}

static int
alliance_application_handle_local_options (GApplication *application,
                                           GVariantDict *options)
{
  AllianceApplication *self = ALLIANCE_APPLICATION (application);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "alliance", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->database_path = g_file_get_path (file);
    }
  self->open_demo = g_variant_dict_contains (options, "demo");
  self->exit_after_startup = g_variant_dict_contains (options, "exit-after-startup");

  if (self->open_demo && self->database_path != NULL)
    {
      g_printerr ("%s\n", _("Use either --demo or --db, not both."));
      return 2;
    }

  /* A test or a second data file must not join an instance already open. */
  if (g_variant_dict_contains (options, "standalone") || self->database_path != NULL)
    g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
alliance_application_startup (GApplication *application)
{
  static const GActionEntry actions[] = {
    { "open-demo", open_demo_action },
    { "open-own-records", open_own_records_action },
    { "about", about_action },
    { "preferences", preferences_action },
    { "show-preferences-page", show_preferences_page_action, "s" },
    { "lock", lock_action },
    { "backup-preferences", backup_preferences_action },
    { "restore-backup", restore_backup_action, "(sb)" },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *edit_accels[] = { "<Control>e", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  AllianceApplication *self = ALLIANCE_APPLICATION (application);

  start_opening_records (self);
  G_APPLICATION_CLASS (alliance_application_parent_class)->startup (application);

  self->settings = g_settings_new (APPLICATION_ID);
  self->lock = alliance_lock_new (NULL, self->settings);
  g_signal_connect_object (self->lock, "lock-failed", G_CALLBACK (lock_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lock, "notify::locked", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-client", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.edit-client", edit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  update_actions (self);
}

static void
alliance_application_activate (GApplication *application)
{
  AllianceApplication *self = ALLIANCE_APPLICATION (application);
  AllianceWindow *window = get_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  show_main_window (self);
}

static void
show_main_window (AllianceApplication *self)
{
  g_autoptr(AllianceClientStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lock_error = NULL;
  AllianceWindow *window;

  /* Opened while GTK started, the first time; again after a restore. */
  if (self->opening != NULL)
    store = finish_opening_records (self, &error);
  else
    store = open_requested_store (self, self->open_demo, &error);
  if (store == NULL && self->exit_after_startup)
    {
      /* Scripted runs get the reason on stderr and a failing exit status. */
      g_printerr ("alliance: %s\n", error->message);
      self->exit_status = 1;
      return;
    }

  window = alliance_window_new (ADW_APPLICATION (self));
  if (store != NULL)
    alliance_window_set_store (window, store, self->open_demo);
  else
    {
      g_printerr ("alliance: %s\n", error->message);
      self->exit_status = 1;
      alliance_window_show_problem (window, error);
    }

  if (self->exit_after_startup)
    g_signal_connect_object (window, "map", G_CALLBACK (window_mapped_cb), self, G_CONNECT_AFTER);

  /* The user's own records are backed up daily and on quit. */
  if (store != NULL && !self->open_demo && !self->exit_after_startup && self->scheduler == NULL)
    {
      self->scheduler = alliance_backup_scheduler_new (
          self->settings, alliance_database_get_path (alliance_client_store_get_database (store)));
      alliance_backup_scheduler_start (self->scheduler);
    }
  g_signal_connect_object (window, "close-request", G_CALLBACK (window_close_request_cb), self, 0);

  /* Locked at start-up only; a window made again after a restore keeps
   * the state the therapist unlocked. */
  alliance_window_set_lock (window, self->lock);
  if (!self->started_locked)
    {
      self->started_locked = TRUE;
      lock_error = start_locked (self);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (lock_error != NULL)
    alliance_lock_page_explain_failure (GTK_WINDOW (window), lock_error);
  if (store != NULL && !self->open_demo)
    warn_about_disk (self);
}

static void
alliance_application_finalize (GObject *object)
{
  AllianceApplication *self = (AllianceApplication *)object;

  /* Started up but never activated: the records were opened for nothing. */
  if (self->opening != NULL)
    {
      AllianceClientStore *unused = finish_opening_records (self, NULL);

      g_clear_object (&unused);
    }
  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->lock);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alliance_application_parent_class)->finalize (object);
}

static void
alliance_application_class_init (AllianceApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = alliance_application_finalize;
  application_class->handle_local_options = alliance_application_handle_local_options;
  application_class->startup = alliance_application_startup;
  application_class->activate = alliance_application_activate;
}

static void
alliance_application_init (AllianceApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Alliance keeps a therapist’s caseload and notes, locally and privately."));
}

AllianceApplication *
alliance_application_new (void)
{
  return g_object_new (ALLIANCE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/com/example/Alliance",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/* Non-zero when the records were refused: main() returns it. */
int
alliance_application_get_exit_status (AllianceApplication *self)
{
  g_return_val_if_fail (ALLIANCE_IS_APPLICATION (self), 1);

  return self->exit_status;
}
