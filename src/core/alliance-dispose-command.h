/* alliance-dispose-command.h
 *
 * `alliance dispose`: lists the records past their retention date, or
 * disposes of one client's, from the command line without GTK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is "dispose". Returns the exit status: 0 done, 1 refused
 * (unknown or not disposable client, no confirmation, unreadable
 * records), 2 usage error. */
int alliance_dispose_command_run (int    argc,
                                  char **argv);

G_END_DECLS
