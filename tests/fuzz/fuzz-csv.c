/* fuzz-csv.c
 *
 * The RFC 4180 reader and the CSV importer. The first byte picks the table
 * (clients, sessions, scores); the rest is the file. The database already
 * holds a client and two sessions, so session and score rows can get past
 * "no such client". The reader must return a
 * table or an error, never both; every record as wide as the header.
 */
#define G_LOG_DOMAIN "alliance-fuzz-csv"

#include "config.h"

#include <string.h>

#include "alliance-csv.h"
#include "alliance-csv-import.h"
#include "fuzz-common.h"

static const char clients[] = "code,given_name,family_name\nC-1,Ann,Lee\n";
static const char sessions[] = "client_code,date,time\nC-1,2024-01-08,10:00\nC-1,2024-01-15,10:00\n";

static void
import_or_die (AllianceDatabase *database,
               AllianceCsvKind   kind,
               const char       *text)
{
  g_autoptr(GError) error = NULL;

  if (!alliance_csv_import (database, kind, "seed.csv", text, strlen (text), NULL, &error))
    g_error ("The seed rows were refused: %s", error->message);
}

static AllianceDatabase *database;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  database = fuzz_open_database ();
  import_or_die (database, ALLIANCE_CSV_CLIENTS, clients);
  import_or_die (database, ALLIANCE_CSV_SESSIONS, sessions);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AllianceCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;
  AllianceCsvImportCounts counts;
  AllianceCsvKind kind;
  const char *text;

  if (size < 1)
    return 0;
  kind = (AllianceCsvKind) (data[0] % ALLIANCE_CSV_N_KINDS);
  text = (const char *) data + 1;
  size--;

  table = alliance_csv_table_parse (text, size, "fuzz.csv", &error);
  g_assert ((table == NULL) != (error == NULL));
  if (table != NULL)
    for (guint i = 0; i < table->records->len; i++)
      {
        const AllianceCsvRecord *record = g_ptr_array_index (table->records, i);

        g_assert_cmpuint (record->fields->len, ==, table->header->fields->len);
        for (guint f = 0; f < record->fields->len; f++)
          g_assert (g_utf8_validate (alliance_csv_record_get (record, f), -1, NULL));
      }
  g_clear_error (&error);

  fuzz_begin (database);
  if (!alliance_csv_import (database, kind, "fuzz.csv", text, size, &counts, &error))
    {
      g_assert (error != NULL && error->message != NULL);
      g_assert_cmpuint (counts.added, ==, 0);
    }
  else
    {
      /* The same file again adds nothing. */
      AllianceCsvImportCounts again;

      g_assert (alliance_csv_import (database, kind, "fuzz.csv", text, size, &again, NULL));
      g_assert_cmpuint (again.added, ==, 0);
      g_assert_cmpuint (again.unchanged, ==, counts.added + counts.unchanged);
    }
  alliance_database_rollback (database);
  return 0;
}
