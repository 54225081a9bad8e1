/* alliance-backup.h
 *
 * Backups of the records and their restore.
 *
 * A backup is a copy made with SQLite's online backup API over a
 * connection of its own, so the app keeps working while it runs; it is
 * written to a temporary file, synced, checked with PRAGMA integrity_check
 * and only then renamed into place (0600). Files are named by their UTC
 * time so that they sort by date, and by kind:
 *
 *   alliance-2026-11-27T101500Z.db                  a backup
 *   alliance-2026-11-27T101500Z.db.enc              the same, encrypted (alliance-encryption.h)
 *   alliance-2026-11-27T101500Z-before-restore.db   the records as they were before a restore
 *
 * Rotation keeps the newest backup of each of the last 7 days, 4 weeks and
 * 12 months that have one, and runs only after a new backup has verified.
 * Copies made before a restore are never rotated away.
 *
 * Restore replaces the database file whole: the backup is copied beside it
 * and checked, the current records are backed up, and the copy is renamed
 * over the file. The caller must have closed every connection to the
 * database first (restore refuses while one is open) and opens it again
 * afterwards.
 */
#pragma once

#include <gio/gio.h>

#include "alliance-encryption.h"

G_BEGIN_DECLS

#define ALLIANCE_BACKUP_ERROR (alliance_backup_error_quark ())

typedef enum
{
  ALLIANCE_BACKUP_ERROR_FAILED,
  ALLIANCE_BACKUP_ERROR_NOT_A_BACKUP,
  ALLIANCE_BACKUP_ERROR_DAMAGED,
  ALLIANCE_BACKUP_ERROR_NEWER_VERSION,
  ALLIANCE_BACKUP_ERROR_READ_ONLY,
  ALLIANCE_BACKUP_ERROR_FULL,
  ALLIANCE_BACKUP_ERROR_IN_USE,
  ALLIANCE_BACKUP_ERROR_NO_DATABASE,
} AllianceBackupError;

typedef enum
{
  ALLIANCE_BACKUP_KIND_REGULAR,
  ALLIANCE_BACKUP_KIND_BEFORE_RESTORE,
} AllianceBackupKind;

/* Why the rotation keeps a backup; 0 means it may go. */
typedef enum
{
  ALLIANCE_BACKUP_KEEP_DAILY   = 1 << 0,
  ALLIANCE_BACKUP_KEEP_WEEKLY  = 1 << 1,
  ALLIANCE_BACKUP_KEEP_MONTHLY = 1 << 2,
} AllianceBackupKeep;

#define ALLIANCE_BACKUP_KEEP_DAYS   7
#define ALLIANCE_BACKUP_KEEP_WEEKS  4
#define ALLIANCE_BACKUP_KEEP_MONTHS 12

/* A backup file found in a folder. */
typedef struct
{
  char               *path;
  GDateTime          *created;    /* UTC, from the file name */
  AllianceBackupKind  kind;
  gboolean            encrypted;
} AllianceBackupFile;

/* What a backup holds, for the restore dialog. */
typedef struct
{
  GDateTime *created;         /* from the name, else the file's modification time */
  int        schema_version;
  gint64     n_clients;
  gint64     n_sessions;
  gint64     n_notes;
} AllianceBackupFacts;

typedef struct
{
  const char                         *folder;
  AllianceBackupKind                  kind;
  const AllianceEncryptionRecipient  *recipient;       /* NULL: not encrypted */
  GDateTime                          *now;             /* NULL: the current time */
  guint                               pages_per_step;  /* 0: the default */
  gboolean                            rotate;          /* apply the rotation after it verified */
} AllianceBackupOptions;

GQuark               alliance_backup_error_quark       (void);

AllianceBackupFile  *alliance_backup_file_copy         (const AllianceBackupFile   *file);
void                 alliance_backup_file_free         (AllianceBackupFile         *file);
AllianceBackupFacts *alliance_backup_facts_copy        (const AllianceBackupFacts  *facts);
void                 alliance_backup_facts_free        (AllianceBackupFacts        *facts);

char                *alliance_backup_default_folder    (void);
char                *alliance_backup_configured_folder (void);
AllianceEncryptionRecipient *alliance_backup_configured_recipient (void);
gboolean             alliance_backup_ensure_folder     (const char                 *folder,
                                                        GError                    **error);
char                *alliance_backup_file_name         (GDateTime                  *when,
                                                        AllianceBackupKind          kind,
                                                        gboolean                    encrypted);
gboolean             alliance_backup_parse_file_name   (const char                 *name,
                                                        GDateTime                 **when,
                                                        AllianceBackupKind         *kind,
                                                        gboolean                   *encrypted);
GPtrArray           *alliance_backup_list              (const char                 *folder,
                                                        GError                    **error);

void                 alliance_backup_plan_rotation     (GDateTime * const          *dates,
                                                        guint                       n_dates,
                                                        guint                       n_days,
                                                        guint                       n_weeks,
                                                        guint                       n_months,
                                                        guint                      *keep);
gboolean             alliance_backup_rotate            (const char                 *folder,
                                                        guint                      *n_removed,
                                                        GError                    **error);

char                *alliance_backup_create            (const char                 *database_path,
                                                        const AllianceBackupOptions *options,
                                                        GError                    **error);
void                 alliance_backup_create_async      (const char                 *database_path,
                                                        const AllianceBackupOptions *options,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
char                *alliance_backup_create_finish     (GAsyncResult               *result,
                                                        GError                    **error);

AllianceBackupFacts *alliance_backup_read_facts        (const char                 *path,
                                                        GError                    **error);
AllianceBackupFacts *alliance_backup_read_facts_dated  (const char                 *path,
                                                        const char                 *chosen,
                                                        GError                    **error);
GDateTime           *alliance_backup_file_date         (const char                 *path);
char                *alliance_backup_decrypt           (const char                 *path,
                                                        const char                 *passphrase,
                                                        const char                 *work_folder,
                                                        GError                    **error);
gboolean             alliance_backup_restore           (const char                 *database_path,
                                                        const char                 *backup_path,
                                                        const AllianceBackupOptions *safety_copy,
                                                        char                      **saved_current,
                                                        GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceBackupFile, alliance_backup_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceBackupFacts, alliance_backup_facts_free)

G_END_DECLS
