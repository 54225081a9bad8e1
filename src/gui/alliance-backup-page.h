/* alliance-backup-page.h
 *
 * Preferences → Backups: the folder, the last backup and "Back Up Now",
 * encryption and its passphrase, the list of backups to restore from, and
 * the warning when the records are not on an encrypted disk. A restore is
 * chosen, decrypted and confirmed here; the records are replaced by the
 * application, through the action "app.restore-backup" with the plain
 * backup's path and whether it is a temporary copy to delete afterwards.
 */
#pragma once

#include <adwaita.h>

#include "alliance-backup-scheduler.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_BACKUP_PAGE (alliance_backup_page_get_type ())

G_DECLARE_FINAL_TYPE (AllianceBackupPage, alliance_backup_page, ALLIANCE, BACKUP_PAGE, AdwPreferencesPage)

GtkWidget *alliance_backup_page_new                (AllianceBackupScheduler *scheduler);
void       alliance_backup_page_restore_from       (AllianceBackupPage      *self,
                                                    const char              *path);
char      *alliance_backup_page_describe_last      (const char              *last_backup,
                                                    const char              *last_result,
                                                    GDateTime               *now);

G_END_DECLS
