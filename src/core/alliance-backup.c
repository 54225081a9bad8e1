/* alliance-backup.c
 *
 * See alliance-backup.h for what a backup is and how restore replaces the
 * file. Every failure removes what it wrote and leaves the database and
 * the older backups as they were.
 */
#define G_LOG_DOMAIN "alliance-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alliance-audit.h"
#include "alliance-backup.h"
#include "alliance-database.h"
#include "alliance-migrations.h"

#define NAME_PREFIX "alliance-"
#define BEFORE_RESTORE_SUFFIX "-before-restore"
#define PLAIN_EXTENSION ".db"
#define ENCRYPTED_EXTENSION ".db.enc"
#define DEFAULT_PAGES_PER_STEP 256

G_DEFINE_QUARK (alliance-backup-error-quark, alliance_backup_error)

AllianceBackupFile *
alliance_backup_file_copy (const AllianceBackupFile *file)
{
  AllianceBackupFile *copy;

  g_return_val_if_fail (file != NULL, NULL);

  copy = g_new0 (AllianceBackupFile, 1);
  copy->path = g_strdup (file->path);
  copy->created = file->created ? g_date_time_ref (file->created) : NULL;
  copy->kind = file->kind;
  copy->encrypted = file->encrypted;
  return copy;
}

void
alliance_backup_file_free (AllianceBackupFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_clear_pointer (&file->created, g_date_time_unref);
  g_free (file);
}

AllianceBackupFacts *
alliance_backup_facts_copy (const AllianceBackupFacts *facts)
{
  AllianceBackupFacts *copy;

  g_return_val_if_fail (facts != NULL, NULL);

  copy = g_memdup2 (facts, sizeof *facts);
  copy->created = facts->created ? g_date_time_ref (facts->created) : NULL;
  return copy;
}

void
alliance_backup_facts_free (AllianceBackupFacts *facts)
{
  if (facts == NULL)
    return;
  g_clear_pointer (&facts->created, g_date_time_unref);
  g_free (facts);
}

/* --- Names and folders --------------------------------------------------- */

/* $XDG_DATA_HOME/alliance/backups: beside the records, private like them. */
char *
alliance_backup_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "alliance", "backups", NULL);
}

/**
 * alliance_backup_configured_folder:
 *
 * The folder chosen in Preferences (the "backup-folder" setting), or the
 * default one when none was chosen or the settings are not installed.
 */
/* The app's settings, or NULL when their schema is not installed (a
 * command run from a build tree, say): then the defaults apply. */
static GSettings *
open_app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;
  if (schema == NULL || !g_settings_schema_has_key (schema, "backup-folder"))
    return NULL;
  return g_settings_new (APPLICATION_ID);
}

char *
alliance_backup_configured_folder (void)
{
  g_autoptr(GSettings) settings = open_app_settings ();
  g_autofree char *folder = NULL;

  if (settings == NULL)
    return alliance_backup_default_folder ();
  folder = g_settings_get_string (settings, "backup-folder");
  if (folder[0] == '\0')
    return alliance_backup_default_folder ();
  return g_steal_pointer (&folder);
}

/**
 * alliance_backup_configured_recipient:
 *
 * The key backups are encrypted to when "Encrypt backups" is on in
 * Preferences; NULL when it is off or the settings are not installed.
 */
AllianceEncryptionRecipient *
alliance_backup_configured_recipient (void)
{
  g_autoptr(GSettings) settings = open_app_settings ();
  g_autofree char *text = NULL;

  if (settings == NULL || !g_settings_get_boolean (settings, "backup-encrypt"))
    return NULL;
  text = g_settings_get_string (settings, "backup-recipient");
  return alliance_encryption_recipient_from_string (text, NULL);
}

static gboolean
check_folder_writable (const char  *folder,
                       GError     **error)
{
  struct stat st;

  if (g_stat (folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED,
                   _("The backup folder “%s” does not exist. Choose another folder in Preferences → Backups."),
                   folder);
      return FALSE;
    }
  /* The owner-write bit counts even for root, as for the database. */
  if ((st.st_mode & S_IWUSR) == 0 || g_access (folder, W_OK) != 0)
    {
      g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_READ_ONLY,
                   _("The backup folder “%s” is read-only, so no backup was made. Make it writable or choose "
                     "another folder in Preferences → Backups."),
                   folder);
      return FALSE;
    }
  return TRUE;
}

/**
 * alliance_backup_ensure_folder:
 *
 * Creates @folder (0700) when it is missing and checks that it can be
 * written to. An existing folder is left as it is: it may be on a stick
 * whose file system has no permissions.
 */
gboolean
alliance_backup_ensure_folder (const char  *folder,
                               GError     **error)
{
  g_return_val_if_fail (folder != NULL, FALSE);

  if (!g_file_test (folder, G_FILE_TEST_EXISTS) && g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALLIANCE_BACKUP_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES ? ALLIANCE_BACKUP_ERROR_READ_ONLY
                                                                 : ALLIANCE_BACKUP_ERROR_FAILED,
                   _("The backup folder “%s” could not be created: %s."), folder, g_strerror (saved_errno));
      return FALSE;
    }
  return check_folder_writable (folder, error);
}

char *
alliance_backup_file_name (GDateTime          *when,
                           AllianceBackupKind  kind,
                           gboolean            encrypted)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  utc = g_date_time_to_utc (when);
  stamp = g_date_time_format (utc, "%Y-%m-%dT%H%M%SZ");
  return g_strconcat (NAME_PREFIX, stamp, kind == ALLIANCE_BACKUP_KIND_BEFORE_RESTORE ? BEFORE_RESTORE_SUFFIX : "",
                      encrypted ? ENCRYPTED_EXTENSION : PLAIN_EXTENSION, NULL);
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

/**
 * alliance_backup_parse_file_name:
 *
 * TRUE when @name is one of ours (see alliance-backup.h), with its time
 * (UTC), kind and whether it is encrypted.
 */
gboolean
alliance_backup_parse_file_name (const char          *name,
                                 GDateTime          **when,
                                 AllianceBackupKind  *kind,
                                 gboolean            *encrypted)
{
  const char *rest;
  int year, month, day, hour, minute, second;
  GDateTime *parsed;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!g_str_has_prefix (name, NAME_PREFIX))
    return FALSE;
  rest = name + strlen (NAME_PREFIX);
  /* YYYY-MM-DDTHHMMSSZ */
  if (strlen (rest) < 18 || !parse_digits (rest, 4, &year) || rest[4] != '-' || !parse_digits (rest + 5, 2, &month) ||
      rest[7] != '-' || !parse_digits (rest + 8, 2, &day) || rest[10] != 'T' || !parse_digits (rest + 11, 2, &hour) ||
      !parse_digits (rest + 13, 2, &minute) || !parse_digits (rest + 15, 2, &second) || rest[17] != 'Z')
    return FALSE;
  rest += 18;

  if (g_str_has_prefix (rest, BEFORE_RESTORE_SUFFIX))
    {
      *kind = ALLIANCE_BACKUP_KIND_BEFORE_RESTORE;
      rest += strlen (BEFORE_RESTORE_SUFFIX);
    }
  else
    *kind = ALLIANCE_BACKUP_KIND_REGULAR;

  if (strcmp (rest, PLAIN_EXTENSION) == 0)
    *encrypted = FALSE;
  else if (strcmp (rest, ENCRYPTED_EXTENSION) == 0)
    *encrypted = TRUE;
  else
    return FALSE;

  parsed = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (parsed == NULL)
    return FALSE;
  *when = parsed;
  return TRUE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const AllianceBackupFile *file_a = *(AllianceBackupFile * const *)a;
  const AllianceBackupFile *file_b = *(AllianceBackupFile * const *)b;
  int by_date = g_date_time_compare (file_b->created, file_a->created);

  return by_date != 0 ? by_date : g_strcmp0 (file_b->path, file_a->path);
}

/**
 * alliance_backup_list:
 *
 * The backups in @folder, newest first; an empty array when there is no
 * such folder yet.
 */
GPtrArray *
alliance_backup_list (const char  *folder,
                      GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_backup_file_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&files);
      g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED,
                   _("The backup folder “%s” could not be read: %s"), folder, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      AllianceBackupFile *file;
      GDateTime *when = NULL;
      AllianceBackupKind kind;
      gboolean encrypted;

      if (!alliance_backup_parse_file_name (name, &when, &kind, &encrypted))
        continue;
      file = g_new0 (AllianceBackupFile, 1);
      file->path = g_build_filename (folder, name, NULL);
      file->created = when;
      file->kind = kind;
      file->encrypted = encrypted;
      g_ptr_array_add (files, file);
    }
  g_ptr_array_sort (files, compare_newest_first);
  return g_steal_pointer (&files);
}

/* --- Rotation ------------------------------------------------------------ */

typedef enum
{
  PERIOD_DAY,
  PERIOD_WEEK,
  PERIOD_MONTH,
} Period;

static int
period_of (GDateTime *date,
           Period     period)
{
  switch (period)
    {
    case PERIOD_DAY:
      return g_date_time_get_year (date) * 1000 + g_date_time_get_day_of_year (date);
    case PERIOD_WEEK:
      return g_date_time_get_week_numbering_year (date) * 100 + g_date_time_get_week_of_year (date);
    case PERIOD_MONTH:
    default:
      return g_date_time_get_year (date) * 100 + g_date_time_get_month (date);
    }
}

typedef struct
{
  GDateTime * const *dates;
} SortContext;

static int
compare_index_newest_first (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  SortContext *context = user_data;
  guint ia = *(const guint *)a, ib = *(const guint *)b;

  return g_date_time_compare (context->dates[ib], context->dates[ia]);
}

static void
mark_newest_per_period (GDateTime * const *dates,
                        const guint       *order,
                        guint              n_dates,
                        Period             period,
                        guint              n_periods,
                        guint              flag,
                        guint             *keep)
{
  guint n_marked = 0;
  gboolean have_last = FALSE;
  int last = 0;

  for (guint i = 0; i < n_dates && n_marked < n_periods; i++)
    {
      int key = period_of (dates[order[i]], period);

      if (have_last && key == last)
        continue;
      keep[order[i]] |= flag;
      n_marked++;
      last = key;
      have_last = TRUE;
    }
}

/**
 * alliance_backup_plan_rotation:
 * @dates: (array length=n_dates): the backups' times, in any order, in the
 *   time zone whose days, weeks and months count
 * @keep: (out caller-allocates) (array length=n_dates): for each date,
 *   the #AllianceBackupKeep reasons to keep it; 0 for one that may go
 *
 * Keeps the newest backup of each of the @n_days most recent days that
 * have one, of the @n_weeks most recent ISO weeks and of the @n_months
 * most recent months. A pure function: it decides, it deletes nothing.
 */
void
alliance_backup_plan_rotation (GDateTime * const *dates,
                               guint              n_dates,
                               guint              n_days,
                               guint              n_weeks,
                               guint              n_months,
                               guint             *keep)
{
  g_autofree guint *order = NULL;
  SortContext context = { dates };

  g_return_if_fail (n_dates == 0 || (dates != NULL && keep != NULL));

  order = g_new (guint, n_dates ? n_dates : 1);
  for (guint i = 0; i < n_dates; i++)
    {
      order[i] = i;
      keep[i] = 0;
    }
  g_qsort_with_data (order, (gint)n_dates, sizeof *order, compare_index_newest_first, &context);

  mark_newest_per_period (dates, order, n_dates, PERIOD_DAY, n_days, ALLIANCE_BACKUP_KEEP_DAILY, keep);
  mark_newest_per_period (dates, order, n_dates, PERIOD_WEEK, n_weeks, ALLIANCE_BACKUP_KEEP_WEEKLY, keep);
  mark_newest_per_period (dates, order, n_dates, PERIOD_MONTH, n_months, ALLIANCE_BACKUP_KEEP_MONTHLY, keep);
}

/**
 * alliance_backup_rotate:
 *
 * Removes the regular backups in @folder that the rotation does not keep,
 * counting days in local time. Copies made before a restore stay.
 */
gboolean
alliance_backup_rotate (const char  *folder,
                        guint       *n_removed,
                        GError     **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) regular = g_ptr_array_new ();
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
  g_autofree guint *keep = NULL;
  guint removed = 0;

  g_return_val_if_fail (folder != NULL, FALSE);

  files = alliance_backup_list (folder, error);
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      AllianceBackupFile *file = g_ptr_array_index (files, i);

      if (file->kind != ALLIANCE_BACKUP_KIND_REGULAR)
        continue;
      g_ptr_array_add (regular, file);
      g_ptr_array_add (dates, g_date_time_to_local (file->created));
    }

  keep = g_new0 (guint, regular->len ? regular->len : 1);
  alliance_backup_plan_rotation ((GDateTime * const *)dates->pdata, dates->len, ALLIANCE_BACKUP_KEEP_DAYS,
                                 ALLIANCE_BACKUP_KEEP_WEEKS, ALLIANCE_BACKUP_KEEP_MONTHS, keep);
  for (guint i = 0; i < regular->len; i++)
    {
      AllianceBackupFile *file = g_ptr_array_index (regular, i);

      if (keep[i] != 0)
        continue;
      if (g_unlink (file->path) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED,
                       _("The old backup “%s” could not be removed: %s."), file->path, g_strerror (saved_errno));
          return FALSE;
        }
      removed++;
    }
  if (n_removed != NULL)
    *n_removed = removed;
  return TRUE;
}

/* --- Copying a database -------------------------------------------------- */

static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* The rename is only durable once the folder is on disk too. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
sync_file (const char *path,
           int        *saved_errno)
{
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  ok = fsync (fd) == 0;
  if (!ok)
    *saved_errno = errno;
  close (fd);
  return ok;
}

/* @target: a file; the message names its folder, which is what the
 * person chose and can do something about. */
static void
set_write_error (GError     **error,
                 const char  *target,
                 int          rc,
                 int          saved_errno)
{
  g_autofree char *folder = g_path_get_dirname (target);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT || (rc & 0xff) == SQLITE_FULL)
    g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FULL,
                 _("The disk holding “%s” is full, so the copy was not made. Nothing was changed; free some "
                   "space and try again."),
                 folder);
  else if (saved_errno == EFBIG)
    g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FULL,
                 _("The copy is larger than the folder “%s” allows, so it was not made. Nothing was changed."),
                 folder);
  else if (saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM || (rc & 0xff) == SQLITE_READONLY)
    g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_READ_ONLY,
                 _("The folder “%s” is read-only, so the copy was not made. Nothing was changed."), folder);
  else
    g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED,
                 _("The copy could not be written in “%s” (%s). Nothing was changed."), folder,
                 saved_errno != 0 ? g_strerror (saved_errno) : sqlite3_errstr (rc));
}

/* A private, empty file beside @folder's other files, for SQLite to fill. */
static char *
make_temporary_file (const char  *folder,
                     const char  *stem,
                     GError     **error)
{
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", stem);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_write_error (error, path, SQLITE_OK, errno);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

static gboolean
check_copy (sqlite3     *copy,
            int          expected_version,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int version = -1, application_id = -1;

  /* The full check, not quick_check: a copy is only worth keeping whole. */
  if (sqlite3_prepare_v2 (copy, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (ok && sqlite3_prepare_v2 (copy, "SELECT (SELECT user_version FROM pragma_user_version), "
                                      "(SELECT application_id FROM pragma_application_id)",
                                -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      application_id = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (!ok || version != expected_version || application_id != ALLIANCE_APPLICATION_ID)
    {
      g_set_error_literal (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_DAMAGED,
                           _("The copy did not pass its integrity check, so it was not kept. Nothing was changed."));
      return FALSE;
    }
  return TRUE;
}

/**
 * copy_database:
 *
 * Copies @source into the empty file @target with the online backup API,
 * a few pages per step, then checks the copy. @source should be inside a
 * read transaction: in WAL mode a reader never blocks the app's writes,
 * and the fixed snapshot keeps the copy from restarting at each autosave.
 */
static gboolean
copy_database (sqlite3     *source,
               int          schema_version,
               const char  *target,
               guint        pages_per_step,
               GError     **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc, saved_errno = 0;

  rc = sqlite3_open_v2 (target, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  /* A throwaway file until it is renamed: no journal of its own, and we
   * sync it ourselves once it is whole. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_write_error (error, target, rc, copy ? sqlite3_system_errno (copy) : 0);
      sqlite3_close (copy);
      return FALSE;
    }

  backup = sqlite3_backup_init (copy, "main", source, "main");
  if (backup == NULL)
    {
      rc = sqlite3_extended_errcode (copy);
      set_write_error (error, target, rc, sqlite3_system_errno (copy));
      sqlite3_close (copy);
      return FALSE;
    }
  do
    rc = sqlite3_backup_step (backup, (int)pages_per_step);
  while (rc == SQLITE_OK);
  /* The step leaves the cause (ENOSPC, EFBIG…) in errno; finish records it
   * on the copy's connection too. */
  saved_errno = rc == SQLITE_DONE ? 0 : errno;
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  else if (sqlite3_system_errno (copy) != 0)
    saved_errno = sqlite3_system_errno (copy);

  if (rc == SQLITE_OK)
    {
      /* A copy stands alone: a rollback journal file format, not WAL. */
      rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        saved_errno = sqlite3_system_errno (copy);
    }
  if (rc != SQLITE_OK)
    {
      g_debug ("Backup copy failed: %s", sqlite3_errstr (rc));
      set_write_error (error, target, rc, saved_errno);
      sqlite3_close (copy);
      return FALSE;
    }
  if (!check_copy (copy, schema_version, error))
    {
      sqlite3_close (copy);
      return FALSE;
    }
  sqlite3_close (copy);

  if (!sync_file (target, &saved_errno))
    {
      set_write_error (error, target, SQLITE_IOERR, saved_errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin_read (sqlite3  *handle,
            GError  **error)
{
  /* BEGIN is deferred: the SELECT takes the read snapshot now. */
  int rc = sqlite3_exec (handle, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_debug ("Could not start reading: %s", sqlite3_errmsg (handle));
      g_set_error_literal (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED,
                           _("The records could not be read for the backup. Nothing was changed."));
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
log_action (AllianceDatabase    *database,
            AllianceAuditAction  action)
{
  g_autoptr(GError) error = NULL;

  /* The copy is made either way; a missing log line must not undo it. */
  if (!alliance_audit_append (database, action, "database", 0, &error))
    g_warning ("Could not record the %s in the audit log: %s", alliance_audit_action_to_string (action),
               error->message);
}

static char *
create_backup_from (AllianceDatabase             *database,
                    const AllianceBackupOptions  *options,
                    GError                      **error)
{
  g_autoptr(GDateTime) now = options->now ? g_date_time_ref (options->now) : g_date_time_new_now_utc ();
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *work_folder = NULL;
  sqlite3 *handle = alliance_database_get_handle (database);
  gboolean encrypted = options->recipient != NULL;
  gboolean copied;

  if (!alliance_backup_ensure_folder (options->folder, error))
    return NULL;

  name = alliance_backup_file_name (now, options->kind, encrypted);
  target = g_build_filename (options->folder, name, NULL);
  /* An encrypted backup may go to a stick: its plaintext is made beside
   * the records, which are as exposed already, and never on the stick. */
  work_folder = encrypted ? g_path_get_dirname (alliance_database_get_path (database)) : g_strdup (options->folder);
  temporary = make_temporary_file (work_folder, "alliance-backup", error);
  if (temporary == NULL)
    return NULL;

  if (!begin_read (handle, error))
    {
      g_unlink (temporary);
      return NULL;
    }
  copied = copy_database (handle, alliance_database_get_schema_version (database), temporary,
                          options->pages_per_step ? options->pages_per_step : DEFAULT_PAGES_PER_STEP, error);
  sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  if (!copied)
    {
      g_unlink (temporary);
      return NULL;
    }

  if (encrypted)
    {
      gboolean ok = alliance_encryption_encrypt_file (temporary, target, options->recipient, error);

      g_unlink (temporary);
      if (!ok)
        return NULL;
    }
  else if (g_rename (temporary, target) != 0)
    {
      int saved_errno = errno;
      g_unlink (temporary);
      set_write_error (error, target, SQLITE_OK, saved_errno);
      return NULL;
    }
  sync_folder (options->folder);

  log_action (database, ALLIANCE_AUDIT_BACKUP);

  if (options->rotate)
    {
      g_autoptr(GError) rotate_error = NULL;

      /* The new backup is good whatever happens to the old ones. */
      if (!alliance_backup_rotate (options->folder, NULL, &rotate_error))
        g_warning ("Older backups were not tidied: %s", rotate_error->message);
    }
  return g_steal_pointer (&target);
}

static AllianceDatabase *
open_records (const char  *database_path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  AllianceDatabase *database;

  /* A backup never creates records where a mistyped path pointed. */
  if (!g_file_test (database_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_NO_DATABASE,
                   _("There are no records at %s."), database_path);
      return NULL;
    }
  database = alliance_database_open (database_path, &local_error);
  if (database == NULL)
    g_set_error_literal (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED, local_error->message);
  return database;
}

/**
 * alliance_backup_create:
 * @database_path: the records, opened here on a connection of their own
 *
 * Makes, verifies and keeps one backup, then (with @options->rotate)
 * applies the rotation. Returns the new backup's path.
 */
char *
alliance_backup_create (const char                   *database_path,
                        const AllianceBackupOptions  *options,
                        GError                      **error)
{
  g_autoptr(AllianceDatabase) database = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->folder != NULL, NULL);

  database = open_records (database_path, error);
  if (database == NULL)
    return NULL;
  return create_backup_from (database, options, error);
}

typedef struct
{
  char                               *database_path;
  AllianceBackupOptions               options;
  char                               *folder;
  GDateTime                          *now;
  char                               *recipient;   /* as a string, so the caller's may go */
} CreateTask;

static void
create_task_free (CreateTask *task)
{
  g_free (task->database_path);
  g_free (task->folder);
  g_clear_pointer (&task->now, g_date_time_unref);
  g_free (task->recipient);
  g_free (task);
}

static void
create_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CreateTask *data = task_data;
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  AllianceBackupOptions options = data->options;
  GError *error = NULL;
  char *path;

  if (data->recipient != NULL)
    {
      recipient = alliance_encryption_recipient_from_string (data->recipient, &error);
      if (recipient == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  options.recipient = recipient;
  path = alliance_backup_create (data->database_path, &options, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

/**
 * alliance_backup_create_async:
 *
 * alliance_backup_create() in a worker thread, over its own connection.
 */
void
alliance_backup_create_async (const char                   *database_path,
                              const AllianceBackupOptions  *options,
                              GCancellable                 *cancellable,
                              GAsyncReadyCallback           callback,
                              gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateTask *data;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (options != NULL && options->folder != NULL);

  data = g_new0 (CreateTask, 1);
  data->database_path = g_strdup (database_path);
  data->options = *options;
  data->folder = g_strdup (options->folder);
  data->options.folder = data->folder;
  data->now = options->now ? g_date_time_ref (options->now) : NULL;
  data->options.now = data->now;
  data->recipient = options->recipient ? alliance_encryption_recipient_to_string (options->recipient) : NULL;
  data->options.recipient = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alliance_backup_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify)create_task_free);
  g_task_run_in_thread (task, create_in_thread);
}

char *
alliance_backup_create_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Reading and restoring ----------------------------------------------- */

static gint64
count_rows (sqlite3    *handle,
            const char *table)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;

  /* Older data formats may lack a table: then it holds none. The names
   * are ours, never the user's. */
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static AllianceDatabase *
open_backup (const char  *path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;

  if (alliance_encryption_is_encrypted_file (path))
    {
      g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED,
                   _("“%s” is encrypted: its passphrase is needed to read it."), path);
      return NULL;
    }
  database = alliance_database_open_read_only (path, &local_error);
  if (database == NULL)
    {
      int code = g_error_matches (local_error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NEWER_VERSION)
                     ? ALLIANCE_BACKUP_ERROR_NEWER_VERSION
                 : g_error_matches (local_error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CORRUPT)
                     ? ALLIANCE_BACKUP_ERROR_DAMAGED
                     : ALLIANCE_BACKUP_ERROR_NOT_A_BACKUP;
      g_set_error_literal (error, ALLIANCE_BACKUP_ERROR, code, local_error->message);
      return NULL;
    }
  /* An empty SQLite file passes the database's checks (it would become a
   * new database): as a backup it holds nothing. */
  if (alliance_database_get_schema_version (database) < 1)
    {
      g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_NOT_A_BACKUP,
                   _("“%s” is not an Alliance backup. It was left untouched."), path);
      return NULL;
    }
  return g_steal_pointer (&database);
}

/**
 * alliance_backup_read_facts:
 * @path: a backup that is not encrypted (see alliance_backup_decrypt())
 *
 * Its date, data format and counts, read without changing a byte. Refuses
 * a file that is not an Alliance database, is damaged or is newer.
 */
AllianceBackupFacts *
alliance_backup_read_facts (const char  *path,
                            GError     **error)
{
  return alliance_backup_read_facts_dated (path, path, error);
}

/**
 * alliance_backup_read_facts_dated:
 * @path: the file to read, perhaps a backup decrypted to a temporary file
 * @chosen: the backup the therapist chose, which gives the date
 *
 * As alliance_backup_read_facts(), for a decrypted copy: its own date is
 * the moment it was decrypted, not when the backup was made.
 */
AllianceBackupFacts *
alliance_backup_read_facts_dated (const char  *path,
                                  const char  *chosen,
                                  GError     **error)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceBackupFacts) facts = NULL;
  sqlite3 *handle;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (chosen != NULL, NULL);

  database = open_backup (path, error);
  if (database == NULL)
    return NULL;
  handle = alliance_database_get_handle (database);

  facts = g_new0 (AllianceBackupFacts, 1);
  facts->schema_version = alliance_database_get_schema_version (database);
  facts->n_clients = count_rows (handle, "clients");
  facts->n_sessions = count_rows (handle, "sessions");
  facts->n_notes = count_rows (handle, "notes");

  facts->created = alliance_backup_file_date (chosen);
  return g_steal_pointer (&facts);
}

/**
 * alliance_backup_file_date:
 *
 * When @path was made: the date in a backup's name, else the file's
 * modification time; %NULL when it cannot be read. A backup decrypted to
 * a temporary file takes its date from the encrypted file, not from this.
 */
GDateTime *
alliance_backup_file_date (const char *path)
{
  g_autofree char *name = NULL;
  GDateTime *created = NULL;
  AllianceBackupKind kind;
  gboolean encrypted;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  if (alliance_backup_parse_file_name (name, &created, &kind, &encrypted))
    return created;
  if (g_stat (path, &st) == 0)
    return g_date_time_new_from_unix_utc (st.st_mtime);
  return NULL;
}

/**
 * alliance_backup_decrypt:
 * @work_folder: where the plaintext goes: beside the records, never on
 *   the stick the backup came from
 *
 * Decrypts an encrypted backup into a private temporary file and returns
 * its path (the caller removes it); a backup that is not encrypted is
 * returned as it is, copied. Writes nothing on a wrong passphrase or a
 * damaged file.
 */
char *
alliance_backup_decrypt (const char  *path,
                         const char  *passphrase,
                         const char  *work_folder,
                         GError     **error)
{
  g_autofree char *temporary = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (work_folder != NULL, NULL);

  temporary = make_temporary_file (work_folder, "alliance-restore", error);
  if (temporary == NULL)
    return NULL;
  if (!alliance_encryption_decrypt_file (path, temporary, passphrase, error))
    {
      g_unlink (temporary);
      return NULL;
    }
  return g_steal_pointer (&temporary);
}

static void
remove_sidecars (const char *database_path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (database_path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Takes the live file out of WAL mode, which SQLite allows only when no
 * other connection has it open: proof that nothing is using it, and its
 * write-ahead log is folded in and gone, so no stale log can ever be
 * applied to the restored file. */
static gboolean
close_out_live_file (const char  *database_path,
                     GError     **error)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean done = FALSE;
  int rc;

  rc = sqlite3_open_v2 (database_path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  /* A worker's read-only connection may be closing as we ask. */
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (handle, 2000);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (handle, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    done = g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), "delete") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  if (!done)
    {
      g_set_error_literal (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_IN_USE,
                           _("The records are still open in Alliance or another program, so they were not replaced. "
                             "Close it and try again."));
      return FALSE;
    }
  return TRUE;
}

/**
 * alliance_backup_restore:
 * @backup_path: a backup that is not encrypted (see alliance_backup_decrypt())
 * @safety_copy: where and how to back up the current records first
 * @saved_current: (out) (optional): the path of that backup
 *
 * Replaces the records at @database_path with the backup, atomically. The
 * backup is checked and copied beside the records, the current records are
 * backed up, and only then is the copy renamed over them; any failure
 * before that leaves the records exactly as they were. Every connection
 * to @database_path must be closed; open it again afterwards.
 */
gboolean
alliance_backup_restore (const char                   *database_path,
                         const char                   *backup_path,
                         const AllianceBackupOptions  *safety_copy,
                         char                        **saved_current,
                         GError                      **error)
{
  g_autoptr(AllianceDatabase) backup = NULL;
  g_autoptr(AllianceDatabase) current = NULL;
  g_autoptr(AllianceDatabase) restored = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *saved = NULL;
  AllianceBackupOptions options;
  sqlite3 *handle;
  gboolean copied;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (safety_copy != NULL && safety_copy->folder != NULL, FALSE);

  backup = open_backup (backup_path, error);
  if (backup == NULL)
    return FALSE;

  folder = g_path_get_dirname (database_path);
  temporary = make_temporary_file (folder, "alliance-restore", error);
  if (temporary == NULL)
    return FALSE;
  handle = alliance_database_get_handle (backup);
  copied = begin_read (handle, error) &&
           copy_database (handle, alliance_database_get_schema_version (backup), temporary, DEFAULT_PAGES_PER_STEP,
                          error);
  sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  g_clear_object (&backup);
  if (!copied)
    goto failed;

  /* The records as they are now, kept before anything replaces them. */
  current = open_records (database_path, error);
  if (current == NULL)
    goto failed;
  options = *safety_copy;
  options.kind = ALLIANCE_BACKUP_KIND_BEFORE_RESTORE;
  options.rotate = FALSE;
  saved = create_backup_from (current, &options, error);
  g_clear_object (&current);
  if (saved == NULL)
    {
      g_prefix_error (error, _("The current records could not be backed up, so they were not replaced: "));
      goto failed;
    }

  if (!close_out_live_file (database_path, error))
    goto failed;
  remove_sidecars (database_path);
  if (g_rename (temporary, database_path) != 0)
    {
      int saved_errno = errno;
      set_write_error (error, database_path, SQLITE_OK, saved_errno);
      goto failed;
    }
  sync_folder (folder);

  /* Opened as the app will open it (upgrading an older backup), and the
   * restore logged in the records that now stand. */
  restored = alliance_database_open (database_path, &local_error);
  if (restored == NULL)
    {
      g_set_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED,
                   _("The backup was restored, but could not be opened: %s The records before it are in “%s”."),
                   local_error->message, saved);
      return FALSE;
    }
  log_action (restored, ALLIANCE_AUDIT_RESTORE);

  if (saved_current != NULL)
    *saved_current = g_steal_pointer (&saved);
  return TRUE;

failed:
  g_unlink (temporary);
  return FALSE;
}
