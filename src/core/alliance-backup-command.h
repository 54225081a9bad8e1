/* alliance-backup-command.h
 *
 * `alliance backup` and `alliance restore`, without a window and without
 * GTK. The passphrase of an encrypted backup comes from a prompt on the
 * terminal or from a private file (--passphrase-file).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is "backup" / "restore". Returns the exit status: 0 done,
 * 1 refused or failed (nothing changed), 2 usage error. */
int alliance_backup_command_run  (int    argc,
                                  char **argv);
int alliance_restore_command_run (int    argc,
                                  char **argv);

G_END_DECLS
