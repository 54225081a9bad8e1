/* alliance-database.c
 *
 * Opening is careful: the file is inspected before SQLite may write to it,
 * so a database from a newer Alliance, a corrupt file or something that is
 * not a database at all is refused and left exactly as it was.
 */
#define G_LOG_DOMAIN "alliance-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alliance-audit-private.h"
#include "alliance-database.h"
#include "alliance-migrations.h"

/* https://www.sqlite.org/fileformat.html: a 100-byte header whose first
 * 16 bytes are this string; user_version is a big-endian int at offset 60. */
#define SQLITE_HEADER_MAGIC "SQLite format 3"
#define SQLITE_HEADER_SIZE 100
#define SQLITE_HEADER_USER_VERSION_OFFSET 60

#define BUSY_TIMEOUT_MS 5000

struct _AllianceDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  int         schema_version;
  guint       depth;        /* open transactions and savepoints */
};

G_DEFINE_FINAL_TYPE (AllianceDatabase, alliance_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (alliance-database-error-quark, alliance_database_error)

static void
alliance_database_finalize (GObject *object)
{
  AllianceDatabase *self = (AllianceDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    {
      /* Every statement is finalized above, so close cannot fail with BUSY. */
      if (sqlite3_close (self->handle) != SQLITE_OK)
        g_critical ("Could not close the database cleanly");
      self->handle = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (alliance_database_parent_class)->finalize (object);
}

static void
alliance_database_class_init (AllianceDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alliance_database_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
alliance_database_init (AllianceDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

void
alliance_statement_release (AllianceStatement *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* A text column, "" for NULL: for columns the schema keeps NOT NULL. */
const char *
alliance_statement_get_text (AllianceStatement *stmt,
                             int                column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* A copy of a text column, NULL for NULL (optional dates, say). */
char *
alliance_statement_dup_text (AllianceStatement *stmt,
                             int                column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* Empty text is stored as '', never as NULL text. */
void
alliance_statement_bind_text (AllianceStatement *stmt,
                              int                index,
                              const char        *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

/* An optional date: NULL when absent or empty, so CHECKs see "no date". */
void
alliance_statement_bind_date (AllianceStatement *stmt,
                              int                index,
                              const char        *date)
{
  if (date == NULL || date[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, date, -1, SQLITE_TRANSIENT);
}

static int
database_error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      return ALLIANCE_DATABASE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ALLIANCE_DATABASE_ERROR_BUSY;
    case SQLITE_FULL:
      return ALLIANCE_DATABASE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return ALLIANCE_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_NOTADB:
      return ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return ALLIANCE_DATABASE_ERROR_CORRUPT;
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_CANTOPEN:
      return ALLIANCE_DATABASE_ERROR_PERMISSIONS;
    default:
      return ALLIANCE_DATABASE_ERROR_FAILED;
    }
}

static const char *
database_error_message_for (int code)
{
  switch (code)
    {
    case ALLIANCE_DATABASE_ERROR_READ_ONLY:
      return _("The database can only be read, not written. Nothing was saved.");
    case ALLIANCE_DATABASE_ERROR_BUSY:
      return _("The database is in use by another program. Nothing was saved; try again in a moment.");
    case ALLIANCE_DATABASE_ERROR_FULL:
      return _("The disk is full. Nothing was saved; free some space and try again.");
    case ALLIANCE_DATABASE_ERROR_CONSTRAINT:
      return _("The change was refused because it would make the record inconsistent. Nothing was saved.");
    case ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE:
      return _("The file is not an Alliance database.");
    case ALLIANCE_DATABASE_ERROR_CORRUPT:
      return _("The database file is damaged.");
    case ALLIANCE_DATABASE_ERROR_PERMISSIONS:
      return _("The database file could not be opened: permission denied or the folder is missing.");
    default:
      return _("The database reported an unexpected error. Nothing was saved.");
    }
}

static void
set_error_from_rc (sqlite3  *handle,
                   int       rc,
                   GError  **error)
{
  int code = database_error_code_for (rc);

  /* SQLite's own text goes to the debug log only: it can name tables and
   * columns, never clinical text, but users need a sentence, not SQL. */
  g_debug ("SQLite error %d: %s", rc, handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
  g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, code, database_error_message_for (code));
}

void
alliance_database_set_error_from_code (AllianceDatabase  *self,
                                       int                rc,
                                       GError           **error)
{
  g_return_if_fail (ALLIANCE_IS_DATABASE (self));

  set_error_from_rc (self->handle, rc, error);
}

sqlite3_stmt *
alliance_database_prepare (AllianceDatabase  *self,
                           const char        *sql,
                           GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
alliance_database_exec (AllianceDatabase  *self,
                        const char        *sql,
                        GError           **error)
{
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
alliance_database_step_done (AllianceDatabase  *self,
                             sqlite3_stmt      *stmt,
                             GError           **error)
{
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), FALSE);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * alliance_database_step_write:
 * @refusal_message: (nullable): what to tell the person when a schema
 *   trigger refuses the write (a signed record, a definition in use), or
 *   with @foreign_keys_too, when a record still names this one
 *
 * Steps a write, reporting a refusal by the schema with a sentence that
 * says what the person can do rather than SQLite's own words.
 */
gboolean
alliance_database_step_write (AllianceDatabase  *self,
                              sqlite3_stmt      *stmt,
                              const char        *refusal_message,
                              gboolean           foreign_keys_too,
                              GError           **error)
{
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), FALSE);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  if (refusal_message != NULL &&
      (rc == SQLITE_CONSTRAINT_TRIGGER || (foreign_keys_too && rc == SQLITE_CONSTRAINT_FOREIGNKEY)))
    {
      g_debug ("SQLite error %d: %s", rc, sqlite3_errmsg (self->handle));
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CONSTRAINT, refusal_message);
      return FALSE;
    }
  set_error_from_rc (self->handle, rc, error);
  return FALSE;
}

/**
 * alliance_database_step_row:
 *
 * Runs a one-row query: FALSE with @error on a database error, TRUE with
 * *@found FALSE when there is no row.
 */
gboolean
alliance_database_step_row (AllianceDatabase  *self,
                            sqlite3_stmt      *stmt,
                            gboolean          *found,
                            GError           **error)
{
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), FALSE);

  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  set_error_from_rc (self->handle, rc, error);
  return FALSE;
}

/**
 * alliance_database_begin:
 *
 * Starts a transaction, or a savepoint inside one already open, so that a
 * bulk import can wrap many single saves in one durable commit.
 */
gboolean
alliance_database_begin (AllianceDatabase  *self,
                         GError           **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), FALSE);

  /* After some errors (disk full, I/O) SQLite rolls the whole transaction
   * back by itself. A savepoint now would open, and on release commit, a
   * transaction of its own: changes the caller believes are part of a
   * batch that failed would reach the disk. */
  if (self->depth > 0 && sqlite3_get_autocommit (self->handle))
    {
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED,
                           _("An earlier error cancelled this group of changes. Nothing was saved."));
      return FALSE;
    }

  /* IMMEDIATE takes the write lock now, so a busy database fails here and
   * not halfway through a change. */
  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE") : g_strdup_printf ("SAVEPOINT level%u", self->depth);
  if (!alliance_database_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
alliance_database_commit (AllianceDatabase  *self,
                          GError           **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  sql = self->depth == 1 ? g_strdup ("COMMIT") : g_strdup_printf ("RELEASE level%u", self->depth - 1);
  if (!alliance_database_exec (self, sql, error))
    {
      alliance_database_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
alliance_database_rollback (AllianceDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (ALLIANCE_IS_DATABASE (self));

  if (self->depth == 0)
    return;

  self->depth--;
  if (self->depth == 0)
    {
      if (!sqlite3_get_autocommit (self->handle))
        sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return;
    }
  sql = g_strdup_printf ("ROLLBACK TO level%u; RELEASE level%u", self->depth, self->depth);
  sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
}

const char *
alliance_database_get_path (AllianceDatabase *self)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), NULL);

  return self->path;
}

int
alliance_database_get_schema_version (AllianceDatabase *self)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), -1);

  return self->schema_version;
}

int
alliance_database_get_latest_version (void)
{
  const AllianceMigration *migrations;
  guint n_migrations;

  migrations = alliance_migrations_get (&n_migrations);
  return n_migrations ? migrations[n_migrations - 1].version : 0;
}

sqlite3 *
alliance_database_get_handle (AllianceDatabase *self)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (self), NULL);

  return self->handle;
}

static gboolean
is_writable_by_user (const char        *path,
                     const struct stat *st)
{
  /* A file whose owner-write bit is off was made read-only on purpose
   * (a backup copy, say); respect that even when running as root. */
  return (st->st_mode & S_IWUSR) != 0 && g_access (path, W_OK) == 0;
}

static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat st;

  if (g_stat (folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_PERMISSIONS,
                   _("The folder “%s” does not exist."), folder);
      return FALSE;
    }

  /* SQLite keeps its write-ahead log beside the database, so the folder
   * must be writable too, not just the file. */
  if (!is_writable_by_user (folder, &st))
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only. Alliance needs to write its journal beside the database; "
                     "choose a writable folder or change the folder’s permissions."),
                   folder);
      return FALSE;
    }

  return TRUE;
}

static guint32
header_uint32 (const guint8 *header,
               guint         offset)
{
  /* The header stores its integers big-endian. */
  return ((guint32)header[offset] << 24) | ((guint32)header[offset + 1] << 16) |
         ((guint32)header[offset + 2] << 8) | (guint32)header[offset + 3];
}

static gboolean
check_existing_file (const char  *path,
                     gboolean     for_writing,
                     GError     **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  struct stat st;
  guint32 user_version;
  ssize_t n_read;
  int fd;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a regular file."), path);
      return FALSE;
    }

  if (for_writing && !is_writable_by_user (path, &st))
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only. Alliance will not open it, so that nothing you "
                     "type is lost; make the file writable or open a copy."),
                   path);
      return FALSE;
    }

  /* An empty file is what SQLite calls an empty database. Only the header's
   * magic and user_version are read here: the rest of the header can be
   * stale while the newest pages sit in the write-ahead log. */
  if (st.st_size == 0)
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_PERMISSIONS,
                   _("The database “%s” could not be read: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  n_read = read (fd, header, sizeof header);
  close (fd);

  if (n_read != (ssize_t)sizeof header ||
      memcmp (header, SQLITE_HEADER_MAGIC, sizeof SQLITE_HEADER_MAGIC) != 0)
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not an Alliance database (it may be damaged or another kind of file). "
                     "It was left untouched."),
                   path);
      return FALSE;
    }

  user_version = header_uint32 (header, SQLITE_HEADER_USER_VERSION_OFFSET);
  if (user_version > (guint32)alliance_database_get_latest_version ())
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Alliance (data format %u; this version "
                     "reads up to %d). Update Alliance to open it. The file was left untouched."),
                   path, user_version, alliance_database_get_latest_version ());
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  /* Created 0600 in one step: there is no moment when others can read it. */
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALLIANCE_DATABASE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES ? ALLIANCE_DATABASE_ERROR_READ_ONLY
                   : saved_errno == ENOSPC                      ? ALLIANCE_DATABASE_ERROR_FULL
                                                                : ALLIANCE_DATABASE_ERROR_PERMISSIONS,
                   _("The database “%s” could not be created: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
restrict_file_permissions (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  /* SQLite gives its -wal and -shm files the main file's mode, so the main
   * file being 0600 is what keeps all three private. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      struct stat st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 077) != 0)
        g_chmod (file, st.st_mode & 0700);
    }
}

static int
query_int (sqlite3    *handle,
           const char *sql,
           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return value;
}

static gboolean
check_integrity (AllianceDatabase  *self,
                 GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_ROW && g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
    }
  sqlite3_finalize (stmt);

  if (!ok)
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CORRUPT,
                   _("The database “%s” is damaged and was not opened, so that nothing more is lost. "
                     "It was left untouched; restore it from a backup."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* A SQLite file with tables but without Alliance's application id belongs
 * to another program: never add our tables to it. */
static gboolean
check_application_id (AllianceDatabase  *self,
                      GError           **error)
{
  int application_id, n_objects;
  int rc;

  application_id = query_int (self->handle, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK && application_id != ALLIANCE_APPLICATION_ID)
    n_objects = query_int (self->handle, "SELECT count(*) FROM sqlite_master", &rc);
  else
    n_objects = 0;

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }
  if (n_objects > 0 || (application_id != ALLIANCE_APPLICATION_ID && self->schema_version > 0))
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another program, not of Alliance. It was left untouched."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_migrations (AllianceDatabase  *self,
                  GError           **error)
{
  const AllianceMigration *migrations;
  guint n_migrations;

  migrations = alliance_migrations_get (&n_migrations);

  for (guint i = 0; i < n_migrations; i++)
    {
      g_autofree char *set_version = NULL;

      if (migrations[i].version <= self->schema_version)
        continue;

      /* Each step is one transaction: a failure leaves the previous version. */
      if (!alliance_database_begin (self, error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!alliance_database_exec (self, migrations[i].sql, error) ||
          (migrations[i].after != NULL && !migrations[i].after (self->handle, error)) ||
          !alliance_database_exec (self, set_version, error) ||
          !alliance_database_commit (self, error))
        {
          alliance_database_rollback (self);
          g_prefix_error (error, _("Could not upgrade the database to data format %d: "), migrations[i].version);
          return FALSE;
        }

      self->schema_version = migrations[i].version;
      g_debug ("Upgraded database to schema version %d", self->schema_version);
    }

  return TRUE;
}

static gboolean
configure_connection (AllianceDatabase  *self,
                      gboolean           in_memory,
                      gboolean           read_only,
                      GError           **error)
{
  int rc;

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  /* The audit log's triggers need it on every write to a record. */
  if (!alliance_audit_register_functions (self->handle))
    {
      set_error_from_rc (self->handle, SQLITE_ERROR, error);
      return FALSE;
    }

  /* Read-only probes first: nothing may be written to a file we refuse. */
  self->schema_version = query_int (self->handle, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CORRUPT,
                     _("The database “%s” is damaged and was not opened, so that nothing more is lost. "
                       "It was left untouched; restore it from a backup."),
                     self->path);
      else if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE,
                     _("“%s” is not an Alliance database (it may be damaged or another kind of file). "
                       "It was left untouched."),
                     self->path);
      else
        set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  if (self->schema_version > alliance_database_get_latest_version ())
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Alliance (data format %d; this version "
                     "reads up to %d). Update Alliance to open it. The file was left untouched."),
                   self->path, self->schema_version, alliance_database_get_latest_version ());
      return FALSE;
    }

  if (!check_integrity (self, error) || !check_application_id (self, error))
    return FALSE;

  /* A backup being looked at is read as it is: no journal mode, no upgrade. */
  if (read_only)
    return alliance_database_exec (self, "PRAGMA foreign_keys = ON", error);

  if (!in_memory)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean is_wal = FALSE;

      rc = sqlite3_prepare_v2 (self->handle, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        is_wal = g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), "wal") == 0;
      rc = sqlite3_errcode (self->handle);
      sqlite3_finalize (stmt);
      if (!is_wal)
        {
          set_error_from_rc (self->handle, rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE
                                             ? SQLITE_READONLY : rc,
                             error);
          return FALSE;
        }
    }

  /* FULL: every acknowledged commit survives a power cut, not just a crash. */
  if (!alliance_database_exec (self, "PRAGMA synchronous = FULL", error) ||
      !alliance_database_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  return apply_migrations (self, error);
}

static AllianceDatabase *
open_handle (const char  *path,
             const char  *uri,
             gboolean     in_memory,
             gboolean     read_only,
             GError     **error)
{
  g_autoptr(AllianceDatabase) self = g_object_new (ALLIANCE_TYPE_DATABASE, NULL);
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_EXRESCODE;
  int rc;

  self->path = g_strdup (path);

  if (in_memory)
    flags |= SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;

  rc = sqlite3_open_v2 (uri, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      g_prefix_error (error, "“%s”: ", path);
      return NULL;
    }

  if (!configure_connection (self, in_memory, read_only, error))
    return NULL;

  if (!in_memory && !read_only)
    restrict_file_permissions (path);

  return g_steal_pointer (&self);
}

/**
 * alliance_database_open:
 * @path: the database file; created (0600) when it does not exist
 *
 * Opens, checks and upgrades a database. Refuses, without changing a byte,
 * a file that is not a database, is damaged, is read-only or was written by
 * a newer Alliance.
 */
AllianceDatabase *
alliance_database_open (const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_folder (path, error))
    return NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!check_existing_file (path, TRUE, error))
        return NULL;
    }
  else if (!create_private_file (path, error))
    return NULL;

  return open_handle (path, path, FALSE, FALSE, error);
}

/**
 * alliance_database_open_read_only:
 * @path: an existing database file, a backup say
 *
 * Opens a database for reading only, with the same refusals as
 * alliance_database_open() (not a database, damaged, another program's,
 * newer) but without upgrading it or changing its journal: the file stays
 * exactly as it was. Its schema version is the file's own.
 */
AllianceDatabase *
alliance_database_open_read_only (const char  *path,
                                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_existing_file (path, FALSE, error))
    return NULL;

  return open_handle (path, path, FALSE, TRUE, error);
}

/**
 * alliance_database_open_in_memory:
 *
 * A private, empty, fully migrated database that vanishes when unreferenced;
 * for tests and the benchmark.
 */
AllianceDatabase *
alliance_database_open_in_memory (GError **error)
{
  return open_handle (":memory:", ":memory:", TRUE, FALSE, error);
}
