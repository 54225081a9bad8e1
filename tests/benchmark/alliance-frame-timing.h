/* alliance-frame-timing.h
 *
 * What the GTK measuring programs (opening a client, scrolling the
 * caseload) share: a clock, statistics of samples, the result line,
 * letting the main loop run, and starting GTK with this build's schemas.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALLIANCE_NS_PER_MS 1000000.0

gint64   alliance_timing_now_ns          (void);
double   alliance_timing_median          (GArray      *samples);
double   alliance_timing_max             (GArray      *samples);
void     alliance_timing_append_samples  (GString     *line,
                                          const char  *key,
                                          GArray      *samples);
void     alliance_timing_set_flag_cb     (gpointer     user_data);
void     alliance_timing_settle          (guint        ms);
gboolean alliance_timing_init_gtk        (const char  *program);
void     alliance_timing_remove_database (const char  *db_path);

G_END_DECLS
