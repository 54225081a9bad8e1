/* alliance-paths.h
 *
 * Where the user's data lives: $XDG_DATA_HOME/alliance, private to them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *alliance_paths_ensure_data_dir         (GError     **error);
char     *alliance_paths_default_database        (GError     **error);
char     *alliance_paths_demo_database           (GError     **error);
gboolean  alliance_paths_ensure_private_dir      (const char  *path,
                                                  GError     **error);

G_END_DECLS
