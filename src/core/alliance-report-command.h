/* alliance-report-command.h
 *
 * `alliance report`: renders a client's alliance graph to a PNG, SVG or
 * PDF file from the command line, without a window and without GTK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALLIANCE_REPORT_DEFAULT_WIDTH  1200
#define ALLIANCE_REPORT_DEFAULT_HEIGHT 700
#define ALLIANCE_REPORT_MIN_SIZE       100
#define ALLIANCE_REPORT_MAX_SIZE       10000

/* @argv[0] is "report". Returns the exit status: 0 written, 1 refused
 * (unknown client, unreadable records, unwritable file), 2 usage error. */
int alliance_report_command_run (int    argc,
                                 char **argv);

G_END_DECLS
