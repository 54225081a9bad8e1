/* alliance-csv-import.h
 *
 * Imports one spreadsheet table saved as CSV (alliance-csv.h): clients,
 * sessions or scores, one table per file, columns found by their header
 * (names listed in README.md, any case, in any order). All or nothing, in
 * one transaction: the first problem stops the import with
 * "FILE:LINE: column N (name): what was expected, found “…”" and the
 * database is left as it was.
 *
 * Importing the same file again adds nothing: a row that matches a record
 * already there (clients by code, sessions by client and start time,
 * scores by session and measure) with the same details is skipped; one
 * that matches with different details refuses the whole file.
 */
#pragma once

#include "alliance-database.h"
#include "alliance-json-import.h"

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_CSV_CLIENTS,
  ALLIANCE_CSV_SESSIONS,
  ALLIANCE_CSV_SCORES,
  ALLIANCE_CSV_N_KINDS,
} AllianceCsvKind;

typedef struct
{
  guint added;
  guint unchanged;   /* already there with the same details: skipped */
} AllianceCsvImportCounts;

/* "clients", "sessions", "scores" */
gboolean     alliance_csv_kind_from_string  (const char               *text,
                                             AllianceCsvKind          *kind);
const char  *alliance_csv_kind_to_string    (AllianceCsvKind           kind);
/* From a file name that contains one of those words ("Clients 2024.csv"). */
gboolean     alliance_csv_kind_guess        (const char               *filename,
                                             AllianceCsvKind          *kind);

/* Errors are in ALLIANCE_IMPORT_ERROR (alliance-json-import.h), or
 * ALLIANCE_CSV_ERROR for the file's syntax. @name names the file in them. */
gboolean     alliance_csv_import            (AllianceDatabase         *database,
                                             AllianceCsvKind           kind,
                                             const char               *name,
                                             const char               *data,
                                             gsize                     length,
                                             AllianceCsvImportCounts  *counts,
                                             GError                  **error);

G_END_DECLS
