/* alliance-csv.h
 *
 * A reader for RFC 4180 CSV as spreadsheets write it: fields separated by
 * commas, records by CRLF or LF, a field in double quotes may hold commas,
 * line breaks and doubled quotes (""). The text must be UTF-8; a leading
 * byte order mark is skipped. Empty lines between records are skipped.
 * Every field remembers the line it starts on, so an importer can say
 * "clients.csv:14: column 5 (date_of_birth): …".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALLIANCE_CSV_ERROR (alliance_csv_error_quark ())

typedef enum
{
  ALLIANCE_CSV_ERROR_ENCODING,     /* not UTF-8, or a NUL byte */
  ALLIANCE_CSV_ERROR_QUOTE,        /* a stray or unterminated quote */
  ALLIANCE_CSV_ERROR_RAGGED,       /* a record with more or fewer fields than the header */
  ALLIANCE_CSV_ERROR_EMPTY,        /* no header at all */
} AllianceCsvError;

typedef struct
{
  GPtrArray *fields;    /* char *, UTF-8, quotes removed */
  guint     *lines;     /* the line each field starts on, 1-based */
  guint      line;      /* the line the record starts on */
} AllianceCsvRecord;

typedef struct
{
  AllianceCsvRecord *header;
  GPtrArray         *records;   /* AllianceCsvRecord *, every one as wide as the header */
} AllianceCsvTable;

GQuark             alliance_csv_error_quark  (void);

/* Reads every record of @data. @name (the file's name) starts each error
 * message: "clients.csv:14: column 3: …". */
AllianceCsvTable  *alliance_csv_table_parse  (const char        *data,
                                              gsize              length,
                                              const char        *name,
                                              GError           **error);
void               alliance_csv_table_free   (AllianceCsvTable  *table);
void               alliance_csv_record_free  (AllianceCsvRecord *record);

static inline const char *
alliance_csv_record_get (const AllianceCsvRecord *record,
                         guint                    column)
{
  return g_ptr_array_index (record->fields, column);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceCsvTable, alliance_csv_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceCsvRecord, alliance_csv_record_free)

G_END_DECLS
