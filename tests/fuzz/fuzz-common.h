/* fuzz-common.h
 *
 * What every libFuzzer target of Alliance shares: GLib criticals and
 * warnings abort (a failed precondition is a bug the fuzzer found, not a
 * message to scroll past), and one in-memory database per target whose
 * every input runs inside a transaction rolled back afterwards: each input
 * starts from the same records, so a crash replays from its input alone,
 * without paying for the migrations each time.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "alliance-database.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

/* Runs the input in a transaction of its own: the importer's transactions
 * nest as savepoints, and the rollback puts the records back as they were. */
static inline void
fuzz_begin (AllianceDatabase *database)
{
  g_autoptr(GError) error = NULL;

  if (!alliance_database_begin (database, &error))
    g_error ("Could not begin: %s", error->message);
}

static inline AllianceDatabase *
fuzz_open_database (void)
{
  g_autoptr(GError) error = NULL;
  AllianceDatabase *database = alliance_database_open_in_memory (&error);

  if (database == NULL)
    g_error ("Could not open an in-memory database: %s", error->message);
  return database;
}
