/* alliance-backup-page.c */
#define G_LOG_DOMAIN "alliance-backup-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alliance-backup-page.h"
#include "alliance-backup.h"
#include "alliance-dialogs.h"
#include "alliance-disk-encryption.h"

struct _AllianceBackupPage
{
  AdwPreferencesPage       parent_instance;

  AllianceBackupScheduler *scheduler;
  GSettings               *settings;
  GPtrArray               *backup_rows;
  GtkFileChooserNative    *chooser;
  GCancellable            *cancellable;

  /* Template widgets */
  AdwPreferencesGroup     *disk_group;
  AdwActionRow            *folder_row;
  GtkButton               *folder_button;
  AdwActionRow            *last_row;
  GtkSpinner              *spinner;
  GtkButton               *back_up_button;
  GtkSwitch               *encrypt_switch;
  AdwActionRow            *passphrase_row;
  GtkButton               *passphrase_button;
  AdwPreferencesGroup     *restore_group;
  GtkButton               *restore_file_button;
  AdwActionRow            *no_backups_row;
};

G_DEFINE_FINAL_TYPE (AllianceBackupPage, alliance_backup_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SCHEDULER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (AllianceBackupPage *self,
            const char         *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static char *
format_when (GDateTime *when,
             GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  GDate day, today;
  int days;

  g_date_clear (&day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&day, (GDateDay)g_date_time_get_day_of_month (local), (GDateMonth)g_date_time_get_month (local),
                  (GDateYear)g_date_time_get_year (local));
  g_date_set_dmy (&today, (GDateDay)g_date_time_get_day_of_month (local_now),
                  (GDateMonth)g_date_time_get_month (local_now), (GDateYear)g_date_time_get_year (local_now));
  days = g_date_days_between (&day, &today);
  if (days == 0)
    /* Translators: %s is a time, 10:15 */
    return g_strdup_printf (_("Today at %s"), time);
  if (days == 1)
    /* Translators: %s is a time, 10:15 */
    return g_strdup_printf (_("Yesterday at %s"), time);
  /* Translators: a backup's date and time, see strftime */
  return g_date_time_format (local, _("%-d %B %Y at %H:%M"));
}

/**
 * alliance_backup_page_describe_last:
 * @last_backup: the "last-backup" setting (UTC, ISO 8601) or ""
 * @last_result: the "last-backup-result" setting: "" for success
 *
 * What the "Last backup" row says.
 */
char *
alliance_backup_page_describe_last (const char *last_backup,
                                    const char *last_result,
                                    GDateTime  *now)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (last_backup, NULL);
  g_autofree char *formatted = NULL;

  if (when == NULL)
    return g_strdup (_("None yet"));
  formatted = format_when (when, now);
  if (last_result[0] == '\0')
    /* Translators: %s is when, "Today at 10:15" */
    return g_strdup_printf (_("%s, checked and kept"), formatted);
  /* Translators: the first %s is when, the second why the backup failed */
  return g_strdup_printf (_("%s, failed: %s"), formatted, last_result);
}

static void
update_status (AllianceBackupPage *self)
{
  g_autofree char *folder = alliance_backup_scheduler_dup_folder (self->scheduler);
  g_autofree char *last = g_settings_get_string (self->settings, "last-backup");
  g_autofree char *result = g_settings_get_string (self->settings, "last-backup-result");
  g_autofree char *recipient = g_settings_get_string (self->settings, "backup-recipient");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *described = alliance_backup_page_describe_last (last, result, now);
  gboolean busy = alliance_backup_scheduler_get_busy (self->scheduler);

  adw_action_row_set_subtitle (self->folder_row, folder);
  adw_action_row_set_subtitle (self->last_row, busy ? _("Backing up…") : described);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_button), !busy);
  if (result[0] != '\0' && !busy)
    gtk_widget_add_css_class (GTK_WIDGET (self->last_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->last_row), "error");

  adw_action_row_set_subtitle (self->passphrase_row,
                               recipient[0] != '\0' ? _("Set. Changing it affects new backups only.")
                                                    : _("Not set"));
  gtk_button_set_label (self->passphrase_button, recipient[0] != '\0' ? _("_Change…") : _("_Set…"));
}

static void restore_row_activated_cb (AdwActionRow       *row,
                                      AllianceBackupPage *self);

static void
reload_backups (AllianceBackupPage *self)
{
  g_autofree char *folder = alliance_backup_scheduler_dup_folder (self->scheduler);
  g_autoptr(GPtrArray) files = alliance_backup_list (folder, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->restore_group, g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      AllianceBackupFile *file = g_ptr_array_index (files, i);
      g_autofree char *title = format_when (file->created, now);
      const char *subtitle;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

      if (file->kind == ALLIANCE_BACKUP_KIND_BEFORE_RESTORE)
        subtitle = file->encrypted ? _("Encrypted · the records before a restore") : _("The records before a restore");
      else
        subtitle = file->encrypted ? _("Encrypted") : NULL;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (file->path), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (restore_row_activated_cb), self, 0);
      adw_preferences_group_add (self->restore_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_backups_row), self->backup_rows->len == 0);
}

/* --- Restore ------------------------------------------------------------- */

static char *
records_folder (AllianceBackupPage *self)
{
  return g_path_get_dirname (alliance_backup_scheduler_get_database_path (self->scheduler));
}

static void
confirm_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     AllianceBackupPage *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  gboolean temporary = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "temporary"));

  if (g_str_equal (response, "restore"))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.restore-backup", "(sb)", path, temporary);
  else if (temporary)
    g_unlink (path);
}

/* Says what the backup holds and what it replaces, and asks. @path is the
 * file restored; @chosen the one the therapist picked, which is not @path
 * when it was decrypted to a temporary file, and gives the date. */
static void
confirm_restore (AllianceBackupPage *self,
                 const char         *path,
                 const char         *chosen,
                 gboolean            temporary)
{
  g_autoptr(AllianceBackupFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  facts = alliance_backup_read_facts_dated (path, chosen, &error);
  if (facts == NULL)
    {
      if (temporary)
        g_unlink (path);
      alliance_dialogs_show_error (GTK_WIDGET (self), _("This Backup Cannot Be Restored"), error);
      return;
    }

  when = facts->created ? format_when (facts->created, now) : g_strdup (_("an unknown date"));
  clients = g_strdup_printf (g_dngettext (NULL, "%lld client", "%lld clients",
                                          (gulong)facts->n_clients),
                             (long long) facts->n_clients);
  sessions = g_strdup_printf (g_dngettext (NULL, "%lld session", "%lld sessions",
                                           (gulong)facts->n_sessions),
                              (long long) facts->n_sessions);
  notes = g_strdup_printf (g_dngettext (NULL, "%lld note", "%lld notes",
                                        (gulong)facts->n_notes),
                           (long long) facts->n_notes);
  /* Translators: "Today at 10:15: a backup of 31 clients, 412 sessions and 380 notes. …" */
  body = g_strdup_printf (_("%s: a backup of %s, %s and %s.\n\nIt will replace all the records in “%s”, "
                            "including everything entered since it was made. The records as they are now are "
                            "backed up first, so you can go back to them."),
                          when, clients, sessions, notes,
                          alliance_backup_scheduler_get_database_path (self->scheduler));

  dialog = alliance_dialogs_new_message (GTK_WIDGET (self), _("Replace All Records With This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (dialog), "temporary", GINT_TO_POINTER (temporary));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  char *path;
  char *passphrase;
  char *work_folder;
} DecryptJob;

static void
decrypt_job_free (DecryptJob *job)
{
  g_free (job->path);
  alliance_encryption_wipe_string (job->passphrase);
  g_free (job->work_folder);
  g_free (job);
}

static void
decrypt_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DecryptJob *job = task_data;
  GError *error = NULL;
  char *plain = alliance_backup_decrypt (job->path, job->passphrase, job->work_folder, &error);

  if (plain == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plain, g_free);
}

static void ask_passphrase_for (AllianceBackupPage *self,
                                const char         *path,
                                const char         *problem);

static void
decrypted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AllianceBackupPage *self = ALLIANCE_BACKUP_PAGE (source);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (plain != NULL)
    confirm_restore (self, plain, path, TRUE);
  else if (g_error_matches (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE))
    ask_passphrase_for (self, path, error->message);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("This Backup Cannot Be Restored"), error);
}

static void
passphrase_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        AllianceBackupPage *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(GTask) task = NULL;
  char *passphrase;
  DecryptJob *job;

  if (!g_str_equal (response, "open") || (passphrase = alliance_dialogs_take_passphrase (dialog)) == NULL)
    return;

  job = g_new0 (DecryptJob, 1);
  job->path = g_strdup (path);
  job->passphrase = passphrase;
  job->work_folder = records_folder (self);

  /* Argon2id takes a second or so on purpose: off the main thread. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  task = g_task_new (self, self->cancellable, decrypted_cb, g_strdup (path));
  g_task_set_task_data (task, job, (GDestroyNotify)decrypt_job_free);
  g_task_run_in_thread (task, decrypt_in_thread);
}

static void
ask_passphrase_for (AllianceBackupPage *self,
                    const char         *path,
                    const char         *problem)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a backup's file name */
  body = problem ? g_strdup (problem) : g_strdup_printf (_("“%s” is encrypted. Type the passphrase it was made with."),
                                                         name);
  dialog = alliance_dialogs_new_passphrase (GTK_WIDGET (self), _("Open Encrypted Backup"), body, FALSE, "open",
                                            _("_Open"));
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (passphrase_response_cb), self, 0);
  alliance_dialogs_present_passphrase (dialog);
}

/**
 * alliance_backup_page_restore_from:
 *
 * Starts restoring from @path: asks for the passphrase of an encrypted
 * backup, shows what it holds, and asks before anything is replaced.
 */
void
alliance_backup_page_restore_from (AllianceBackupPage *self,
                                   const char         *path)
{
  g_return_if_fail (ALLIANCE_IS_BACKUP_PAGE (self));
  g_return_if_fail (path != NULL);

  if (alliance_encryption_is_encrypted_file (path))
    ask_passphrase_for (self, path, NULL);
  else
    confirm_restore (self, path, path, FALSE);
}

static void
restore_row_activated_cb (AdwActionRow       *row,
                          AllianceBackupPage *self)
{
  alliance_backup_page_restore_from (self, g_object_get_data (G_OBJECT (row), "path"));
}

/* --- Choosing files ------------------------------------------------------ */

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     AllianceBackupPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean folder = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && folder)
    {
      g_autoptr(GError) error = NULL;

      if (!alliance_backup_ensure_folder (path, &error))
        alliance_dialogs_show_error (GTK_WIDGET (self), _("This Folder Cannot Hold Backups"), error);
      else
        g_settings_set_string (self->settings, "backup-folder", path);
    }
  else if (path != NULL)
    alliance_backup_page_restore_from (self, path);
}

static void
open_chooser (AllianceBackupPage   *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  g_autofree char *current = alliance_backup_scheduler_dup_folder (self->scheduler);
  g_autoptr(GFile) current_file = g_file_new_for_path (current);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (folder ? _("Backup Folder") : _("Restore From a Backup"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                               folder ? _("_Select") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (g_file_query_exists (current_file, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), current_file, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
folder_clicked_cb (AllianceBackupPage *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
restore_file_clicked_cb (AllianceBackupPage *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

/* --- Backing up and encryption ------------------------------------------ */

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AllianceBackupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = alliance_backup_scheduler_back_up_finish (ALLIANCE_BACKUP_SCHEDULER (source), result, &error);

  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (path == NULL)
    alliance_dialogs_show_error (GTK_WIDGET (self), _("Backup Failed"), error);
  else
    show_toast (self, _("Backed up and checked"));
}

static void
back_up_clicked_cb (AllianceBackupPage *self)
{
  alliance_backup_scheduler_back_up_async (self->scheduler, NULL, backed_up_cb, g_object_ref (self));
}

static void
recipient_derived_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AllianceBackupPage *self = ALLIANCE_BACKUP_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *recipient = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (recipient == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alliance_dialogs_show_error (GTK_WIDGET (self), _("The Passphrase Was Not Set"), error);
      update_status (self);
      gtk_switch_set_active (self->encrypt_switch, g_settings_get_boolean (self->settings, "backup-encrypt"));
      return;
    }
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "backup-recipient", recipient);
  g_settings_set_boolean (self->settings, "backup-encrypt", TRUE);
  g_settings_apply (self->settings);
  show_toast (self, _("Backups will be encrypted"));
}

static void
derive_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  GError *error = NULL;

  recipient = alliance_encryption_recipient_new (task_data, ALLIANCE_ENCRYPTION_STRENGTH_MODERATE, &error);
  if (recipient == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, alliance_encryption_recipient_to_string (recipient), g_free);
}

static void
set_passphrase_response_cb (AdwMessageDialog   *dialog,
                            const char         *response,
                            AllianceBackupPage *self)
{
  g_autoptr(GTask) task = NULL;
  char *passphrase = g_str_equal (response, "set") ? alliance_dialogs_take_passphrase (dialog) : NULL;

  if (passphrase == NULL)
    {
      /* Encryption stays off until there is a passphrase. */
      g_autofree char *recipient = g_settings_get_string (self->settings, "backup-recipient");

      if (recipient[0] == '\0')
        gtk_switch_set_active (self->encrypt_switch, FALSE);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  task = g_task_new (self, self->cancellable, recipient_derived_cb, NULL);
  g_task_set_task_data (task, passphrase, (GDestroyNotify)alliance_encryption_wipe_string);
  g_task_run_in_thread (task, derive_in_thread);
}

static void
ask_new_passphrase (AllianceBackupPage *self)
{
  GtkWidget *dialog;

  /* The least length is ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH. */
  dialog = alliance_dialogs_new_passphrase (
      GTK_WIDGET (self), _("Backup Passphrase"),
      _("Backups are encrypted with a key made from this passphrase. Alliance does not keep the passphrase: "
        "you type it only to restore. Without it an encrypted backup can never be opened, so keep it somewhere "
        "safe. At least 8 characters; a few unrelated words are best."),
      TRUE, "set", _("_Set Passphrase"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (set_passphrase_response_cb), self, 0);
  alliance_dialogs_present_passphrase (dialog);
}

static void
encrypt_switched_cb (AllianceBackupPage *self)
{
  gboolean active = gtk_switch_get_active (self->encrypt_switch);
  g_autofree char *recipient = g_settings_get_string (self->settings, "backup-recipient");

  if (active == g_settings_get_boolean (self->settings, "backup-encrypt"))
    return;
  /* Turned on without a passphrase: ask for one first. */
  if (active && recipient[0] == '\0')
    ask_new_passphrase (self);
  else
    g_settings_set_boolean (self->settings, "backup-encrypt", active);
}

static void
settings_changed_cb (AllianceBackupPage *self,
                     const char         *key)
{
  update_status (self);
  if (g_strcmp0 (key, "backup-folder") == 0 || g_strcmp0 (key, "last-backup") == 0)
    reload_backups (self);
  if (g_strcmp0 (key, "backup-encrypt") == 0)
    gtk_switch_set_active (self->encrypt_switch, g_settings_get_boolean (self->settings, "backup-encrypt"));
}

/* --- GObject ------------------------------------------------------------- */

static void
alliance_backup_page_constructed (GObject *object)
{
  AllianceBackupPage *self = ALLIANCE_BACKUP_PAGE (object);
  g_autofree char *records = NULL;

  G_OBJECT_CLASS (alliance_backup_page_parent_class)->constructed (object);

  self->settings = g_object_ref (alliance_backup_scheduler_get_settings (self->scheduler));
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::busy", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  gtk_switch_set_active (self->encrypt_switch, g_settings_get_boolean (self->settings, "backup-encrypt"));
  g_signal_connect_object (self->encrypt_switch, "notify::active", G_CALLBACK (encrypt_switched_cb), self,
                           G_CONNECT_SWAPPED);

  /* Always said here, unlike the first-run notice that can be dismissed. */
  records = records_folder (self);
  gtk_widget_set_visible (GTK_WIDGET (self->disk_group),
                          !alliance_disk_encryption_is_protected (alliance_disk_encryption_check (records)));

  update_status (self);
  reload_backups (self);
}

static void
alliance_backup_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AllianceBackupPage *self = ALLIANCE_BACKUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_backup_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AllianceBackupPage *self = ALLIANCE_BACKUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      self->scheduler = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_backup_page_dispose (GObject *object)
{
  AllianceBackupPage *self = (AllianceBackupPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_BACKUP_PAGE);

  G_OBJECT_CLASS (alliance_backup_page_parent_class)->dispose (object);
}

static void
alliance_backup_page_class_init (AllianceBackupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = alliance_backup_page_constructed;
  object_class->get_property = alliance_backup_page_get_property;
  object_class->set_property = alliance_backup_page_set_property;
  object_class->dispose = alliance_backup_page_dispose;

  properties[PROP_SCHEDULER] =
      g_param_spec_object ("scheduler", NULL, NULL, ALLIANCE_TYPE_BACKUP_SCHEDULER,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-backup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, disk_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, folder_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, encrypt_switch);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, passphrase_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, restore_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, restore_file_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceBackupPage, no_backups_row);
  gtk_widget_class_bind_template_callback (widget_class, folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_up_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_file_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, ask_new_passphrase);
}

static void
alliance_backup_page_init (AllianceBackupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
alliance_backup_page_new (AllianceBackupScheduler *scheduler)
{
  g_return_val_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (scheduler), NULL);

  return g_object_new (ALLIANCE_TYPE_BACKUP_PAGE, "scheduler", scheduler, NULL);
}
