/* alliance-migrations.h
 *
 * The ordered list of schema steps. Step N takes a database from
 * user_version N-1 to N; steps are only ever appended, never edited.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every Alliance database: "ALLI" in ASCII. */
#define ALLIANCE_APPLICATION_ID 1095519305

/* @after, when set, runs after @sql inside the same transaction: for rows
 * that come from code rather than SQL (the built-in measure definitions).
 * It reports failures as a GError sentence, like the rest of the runner. */
typedef struct
{
  int         version;
  const char *sql;
  gboolean  (*after) (sqlite3  *db,
                      GError  **error);
} AllianceMigration;

const AllianceMigration *alliance_migrations_get                 (guint    *n_migrations);
gboolean                 alliance_migrations_add_builtin_measures (sqlite3  *db,
                                                                   GError  **error);

G_END_DECLS
