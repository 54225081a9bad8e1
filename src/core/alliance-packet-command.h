/* alliance-packet-command.h
 *
 * `alliance packet`: writes the de-identified supervision packet of a
 * period to a PDF from the command line, without a window and without GTK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is "packet". Returns the exit status: 0 written, 1 refused
 * (unknown client code, unreadable records, unwritable file), 2 usage
 * error (dates missing, not real or in the wrong order; output not .pdf). */
int alliance_packet_command_run (int    argc,
                                 char **argv);

G_END_DECLS
