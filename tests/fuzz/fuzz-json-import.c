/* fuzz-json-import.c
 *
 * The whole-record importer, into an empty database. An input it accepts
 * must survive the round trip: its export, imported into another empty
 * database, exports to the same text.
 */
#define G_LOG_DOMAIN "alliance-fuzz-json-import"

#include "config.h"

#include <string.h>

#include "alliance-json-export.h"
#include "alliance-json-import.h"
#include "fuzz-common.h"

static AllianceDatabase *database;
static AllianceDatabase *again;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  database = fuzz_open_database ();
  again = fuzz_open_database ();
  return 0;
}

static char *
export_text (AllianceDatabase *target)
{
  g_autoptr(GError) error = NULL;
  AllianceFlagSettings settings;
  GDate today;
  char *text;

  alliance_flag_settings_init (&settings);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2026);
  text = alliance_json_export (target, &settings, &today, &error);
  if (text == NULL)
    g_error ("An imported database could not be exported: %s", error->message);
  return text;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  fuzz_begin (database);
  if (!alliance_json_import (database, "fuzz.json", (const char *) data, size, NULL, &error))
    {
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      alliance_database_rollback (database);
      return 0;
    }

  first = export_text (database);
  fuzz_begin (again);
  if (!alliance_json_import (again, "export.json", first, strlen (first), NULL, &error))
    g_error ("An export was refused: %s", error->message);
  second = export_text (again);
  g_assert_cmpstr (first, ==, second);
  alliance_database_rollback (again);
  alliance_database_rollback (database);
  return 0;
}
