/* alliance-json-import.h
 *
 * Reads an export (alliance-json-export.h) back into an empty database:
 * every row with its id, timestamps, signature and hash, so exporting again
 * gives the same text. All or nothing, in one transaction: the first
 * problem stops the import with "FILE:LINE:COLUMN: path: what was expected"
 * and the database is left exactly as it was. Signed notes and meetings go
 * in signed, and each one's hash is checked against its content (a file
 * edited after signing is refused).
 */
#pragma once

#include "alliance-database.h"

G_BEGIN_DECLS

#define ALLIANCE_IMPORT_ERROR (alliance_import_error_quark ())

typedef enum
{
  ALLIANCE_IMPORT_ERROR_SYNTAX,      /* not JSON / not CSV */
  ALLIANCE_IMPORT_ERROR_INVALID,     /* a value that is not what the format says */
  ALLIANCE_IMPORT_ERROR_FORMAT,      /* not an Alliance export, or a newer format */
  ALLIANCE_IMPORT_ERROR_NOT_EMPTY,   /* the database already holds records */
  ALLIANCE_IMPORT_ERROR_TAMPERED,    /* a signed record's hash does not match it */
  ALLIANCE_IMPORT_ERROR_CONFLICT,    /* a record already there with other details (CSV) */
} AllianceImportError;

typedef struct
{
  guint clients;
  guint sessions;
  guint notes;
  guint administrations;
  guint meetings;
  guint measures;     /* custom definitions (every version) */
} AllianceJsonImportCounts;

GQuark    alliance_import_error_quark  (void);

/* @name is the file's name, for messages. */
gboolean  alliance_json_import         (AllianceDatabase          *database,
                                        const char                *name,
                                        const char                *data,
                                        gsize                      length,
                                        AllianceJsonImportCounts  *counts,
                                        GError                   **error);

G_END_DECLS
