/* alliance-database.h
 *
 * A thin GObject over one SQLite connection: every failure is a GError.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define ALLIANCE_DATABASE_ERROR (alliance_database_error_quark ())

typedef enum
{
  ALLIANCE_DATABASE_ERROR_FAILED,
  ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE,
  ALLIANCE_DATABASE_ERROR_CORRUPT,
  ALLIANCE_DATABASE_ERROR_NEWER_VERSION,
  ALLIANCE_DATABASE_ERROR_READ_ONLY,
  ALLIANCE_DATABASE_ERROR_BUSY,
  ALLIANCE_DATABASE_ERROR_FULL,
  ALLIANCE_DATABASE_ERROR_CONSTRAINT,
  ALLIANCE_DATABASE_ERROR_NOT_FOUND,
  ALLIANCE_DATABASE_ERROR_PERMISSIONS,
} AllianceDatabaseError;

#define ALLIANCE_TYPE_DATABASE (alliance_database_get_type ())

G_DECLARE_FINAL_TYPE (AllianceDatabase, alliance_database, ALLIANCE, DATABASE, GObject)

GQuark            alliance_database_error_quark          (void);
AllianceDatabase *alliance_database_open                 (const char        *path,
                                                          GError           **error);
AllianceDatabase *alliance_database_open_read_only       (const char        *path,
                                                          GError           **error);
AllianceDatabase *alliance_database_open_in_memory       (GError           **error);
const char       *alliance_database_get_path             (AllianceDatabase  *self);
int               alliance_database_get_schema_version   (AllianceDatabase  *self);
int               alliance_database_get_latest_version   (void);
sqlite3          *alliance_database_get_handle           (AllianceDatabase  *self);
sqlite3_stmt     *alliance_database_prepare              (AllianceDatabase  *self,
                                                          const char        *sql,
                                                          GError           **error);
gboolean          alliance_database_exec                 (AllianceDatabase  *self,
                                                          const char        *sql,
                                                          GError           **error);
gboolean          alliance_database_begin                (AllianceDatabase  *self,
                                                          GError           **error);
gboolean          alliance_database_commit               (AllianceDatabase  *self,
                                                          GError           **error);
void              alliance_database_rollback             (AllianceDatabase  *self);
gboolean          alliance_database_step_done            (AllianceDatabase  *self,
                                                          sqlite3_stmt      *stmt,
                                                          GError           **error);
gboolean          alliance_database_step_write           (AllianceDatabase  *self,
                                                          sqlite3_stmt      *stmt,
                                                          const char        *refusal_message,
                                                          gboolean           foreign_keys_too,
                                                          GError           **error);
gboolean          alliance_database_step_row             (AllianceDatabase  *self,
                                                          sqlite3_stmt      *stmt,
                                                          gboolean          *found,
                                                          GError           **error);
void              alliance_database_set_error_from_code  (AllianceDatabase  *self,
                                                          int                rc,
                                                          GError           **error);

G_END_DECLS

G_BEGIN_DECLS

/* A cached prepared statement, borrowed from the database: declare it with
 * g_autoptr (AllianceStatement) so it is reset (and its read snapshot let go)
 * when it goes out of scope. Never finalize it yourself. */
typedef sqlite3_stmt AllianceStatement;

void        alliance_statement_release   (AllianceStatement *stmt);
const char *alliance_statement_get_text  (AllianceStatement *stmt,
                                          int                column);
char       *alliance_statement_dup_text  (AllianceStatement *stmt,
                                          int                column);
void        alliance_statement_bind_text (AllianceStatement *stmt,
                                          int                index,
                                          const char        *text);
void        alliance_statement_bind_date (AllianceStatement *stmt,
                                          int                index,
                                          const char        *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceStatement, alliance_statement_release)

G_END_DECLS
