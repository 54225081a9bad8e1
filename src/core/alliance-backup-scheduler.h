/* alliance-backup-scheduler.h
 *
 * When the app backs up: at least daily while it runs (checked every 15
 * minutes, the first time a little after start-up) and on quit, each time
 * in a worker thread over a connection of its own. It reads the folder and
 * the encryption from GSettings and records the time and outcome of each
 * attempt there ("last-backup", "last-backup-result").
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_BACKUP_SCHEDULER (alliance_backup_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (AllianceBackupScheduler, alliance_backup_scheduler, ALLIANCE, BACKUP_SCHEDULER, GObject)

AllianceBackupScheduler *alliance_backup_scheduler_new               (GSettings                *settings,
                                                                      const char               *database_path);
const char              *alliance_backup_scheduler_get_database_path (AllianceBackupScheduler  *self);
GSettings               *alliance_backup_scheduler_get_settings      (AllianceBackupScheduler  *self);
char                    *alliance_backup_scheduler_dup_folder        (AllianceBackupScheduler  *self);
gboolean                 alliance_backup_scheduler_get_busy          (AllianceBackupScheduler  *self);
void                     alliance_backup_scheduler_start             (AllianceBackupScheduler  *self);
gboolean                 alliance_backup_scheduler_is_due            (AllianceBackupScheduler  *self,
                                                                      GDateTime                *now);
void                     alliance_backup_scheduler_back_up_async     (AllianceBackupScheduler  *self,
                                                                      GCancellable             *cancellable,
                                                                      GAsyncReadyCallback       callback,
                                                                      gpointer                  user_data);
char                    *alliance_backup_scheduler_back_up_finish    (AllianceBackupScheduler  *self,
                                                                      GAsyncResult             *result,
                                                                      GError                  **error);

G_END_DECLS
