/* alliance-migrations.h
 *
 * The ordered list of schema steps. Step N takes a database from
 * user_version N-1 to N; steps are only ever appended, never edited.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every Alliance database: "ALLI" in ASCII. */
#define ALLIANCE_APPLICATION_ID 1095519305

typedef struct
{
  int         version;
  const char *sql;
} AllianceMigration;

const AllianceMigration *alliance_migrations_get (guint *n_migrations);

G_END_DECLS
