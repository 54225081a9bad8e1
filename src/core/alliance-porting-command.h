/* alliance-porting-command.h
 *
 * `alliance export --format json [--output FILE] [--db FILE]` and
 * `alliance import FILE.json | --csv clients|sessions|scores FILE.csv
 * [--db FILE]`: moving records out of and into Alliance from the command
 * line, without a window and without GTK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is "export" / "import". Returns the exit status: 0 done,
 * 1 refused (bad data, a non-empty database, unreadable or unwritable
 * files), 2 usage error. Messages go to standard error. */
int alliance_export_command_run (int    argc,
                                 char **argv);
int alliance_import_command_run (int    argc,
                                 char **argv);

G_END_DECLS
