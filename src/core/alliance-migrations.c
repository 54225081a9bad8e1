/* alliance-migrations.c
 *
 * Every table keeps its own invariants in CHECK constraints too, so that a
 * bug in the application (or a script run against the file) cannot store an
 * impossible date or an unknown status.
 */
#define G_LOG_DOMAIN "alliance-migrations"

#include "config.h"

#include "alliance-migrations.h"

/* date(x, '+0 days') = x is true only for a real calendar date written as
 * YYYY-MM-DD. The modifier matters: SQLite 3.40's date('2023-02-31') gives
 * '2023-02-31' back unchanged, but any modifier normalises it to
 * '2023-03-03', so the comparison fails. */
#define REAL_DATE(col) "(" col " IS NULL OR date(" col ", '+0 days') IS " col ")"

static const AllianceMigration migrations[] = {
  {
    1,
    "CREATE TABLE clients ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),"
    "  given_name TEXT NOT NULL CHECK (length(trim(given_name)) > 0),"
    "  family_name TEXT NOT NULL CHECK (length(trim(family_name)) > 0),"
    "  preferred_name TEXT NOT NULL DEFAULT '',"
    "  pronouns TEXT NOT NULL DEFAULT '',"
    "  date_of_birth TEXT CHECK " REAL_DATE ("date_of_birth") ","
    "  status TEXT NOT NULL DEFAULT 'enquiry'"
    "    CHECK (status IN ('enquiry', 'waitlist', 'active', 'on-hold', 'discharged')),"
    "  referral_source TEXT NOT NULL DEFAULT '',"
    "  start_date TEXT CHECK " REAL_DATE ("start_date") ","
    "  discharge_date TEXT CHECK " REAL_DATE ("discharge_date") ","
    "  discharge_reason TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  email TEXT NOT NULL DEFAULT '',"
    "  emergency_name TEXT NOT NULL DEFAULT '',"
    "  emergency_relationship TEXT NOT NULL DEFAULT '',"
    "  emergency_phone TEXT NOT NULL DEFAULT '',"
    "  presenting_concerns TEXT NOT NULL DEFAULT '',"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  CHECK (discharge_date IS NULL OR start_date IS NULL OR discharge_date >= start_date),"
    "  CHECK (status <> 'discharged' OR discharge_date IS NOT NULL)"
    ");"
    "CREATE TABLE goals ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
    "  description TEXT NOT NULL CHECK (length(trim(description)) > 0),"
    "  status TEXT NOT NULL DEFAULT 'active'"
    "    CHECK (status IN ('active', 'achieved', 'dropped')),"
    "  set_on TEXT NOT NULL CHECK " REAL_DATE ("set_on") ","
    "  reviewed_on TEXT CHECK " REAL_DATE ("reviewed_on") ","
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "CREATE INDEX goals_by_client ON goals (client_id);"
    /* Marks the file as Alliance's, so another program's SQLite file is
     * never mistaken for an old Alliance database and "upgraded". */
    "PRAGMA application_id = " G_STRINGIFY (ALLIANCE_APPLICATION_ID) ";"
  },
};

const AllianceMigration *
alliance_migrations_get (guint *n_migrations)
{
  g_assert (n_migrations != NULL);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
