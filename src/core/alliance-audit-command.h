/* alliance-audit-command.h
 *
 * `alliance audit`: lists the latest rows of the audit log, or checks its
 * chain, from the command line without a window and without GTK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALLIANCE_AUDIT_COMMAND_DEFAULT_LIMIT 20

/* @argv[0] is "audit". Returns the exit status: 0 listed or intact; 1 the
 * log was altered, or the records could not be read; 2 usage error. */
int alliance_audit_command_run (int    argc,
                                char **argv);

G_END_DECLS
