/* alliance-migrations.h
 *
 * The ordered list of schema steps. Step N takes a database from
 * user_version N-1 to N; steps are only ever appended, never edited.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int         version;
  const char *sql;
} AllianceMigration;

const AllianceMigration *alliance_migrations_get (guint *n_migrations);

G_END_DECLS
