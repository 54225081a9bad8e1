/* alliance-csv.c
 *
 * One pass over the bytes with three states (start of a field, inside an
 * unquoted field, inside a quoted field). The whole text is checked to be
 * UTF-8 first, so every field is valid UTF-8 and a NUL byte can never cut
 * a field short.
 */
#define G_LOG_DOMAIN "alliance-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-csv.h"

G_DEFINE_QUARK (alliance-csv-error-quark, alliance_csv_error)

static AllianceCsvRecord *
record_new (guint line)
{
  AllianceCsvRecord *record = g_new0 (AllianceCsvRecord, 1);

  record->fields = g_ptr_array_new_with_free_func (g_free);
  record->line = line;
  return record;
}

void
alliance_csv_record_free (AllianceCsvRecord *record)
{
  if (record == NULL)
    return;
  g_ptr_array_unref (record->fields);
  g_free (record->lines);
  g_free (record);
}

void
alliance_csv_table_free (AllianceCsvTable *table)
{
  if (table == NULL)
    return;
  alliance_csv_record_free (table->header);
  g_ptr_array_unref (table->records);
  g_free (table);
}

/* The line of the first byte that is not UTF-8 (or is NUL). */
static guint
line_of_bad_byte (const char *data,
                  gsize       length)
{
  const char *end = NULL;
  guint line = 1;

  g_utf8_validate_len (data, length, &end);
  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  return line;
}

static void
add_field (AllianceCsvRecord *record,
           GArray            *lines,
           GString           *field,
           guint              line)
{
  g_ptr_array_add (record->fields, g_strndup (field->str, field->len));
  g_array_append_val (lines, line);
  g_string_truncate (field, 0);
}

static void
finish_record (GPtrArray          *records,
               AllianceCsvRecord **record,
               GArray            **lines)
{
  (*record)->lines = (guint *) (void *) g_array_free (g_steal_pointer (lines), FALSE);
  g_ptr_array_add (records, g_steal_pointer (record));
}

/**
 * alliance_csv_table_parse:
 *
 * The first record is the header; every later record must have as many
 * fields (RFC 4180 §2.4), or the error names the line and what was found.
 * A line that is entirely empty is not a record (spreadsheets leave them
 * at the end), but a line of commas is.
 */
AllianceCsvTable *
alliance_csv_table_parse (const char  *data,
                          gsize        length,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) field = NULL;
  g_autoptr(AllianceCsvRecord) record = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(AllianceCsvTable) table = NULL;
  enum { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE } state = FIELD_START;
  guint line = 1, field_line = 1;
  gsize i = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, ALLIANCE_CSV_ERROR, ALLIANCE_CSV_ERROR_ENCODING,
                   /* Translators: %s:%u is a file name and line number */
                   _("%s:%u: this is not UTF-8 text; save the sheet as “CSV UTF-8” and try again."),
                   name, line_of_bad_byte (data, length));
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) alliance_csv_record_free);
  field = g_string_new (NULL);

  for (; i <= length; i++)
    {
      /* length itself stands for the end of the text. */
      char c = i < length ? data[i] : '\0';
      gboolean at_end = i == length;
      gboolean line_end = at_end || c == '\n' || (c == '\r' && i + 1 < length && data[i + 1] == '\n') || c == '\r';

      if (record == NULL)
        {
          if (line_end && state == FIELD_START)
            {
              /* An empty line: no record. */
              if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
                i++;
              if (!at_end)
                line++;
              continue;
            }
          record = record_new (line);
          lines = g_array_new (FALSE, FALSE, sizeof (guint));
        }

      switch (state)
        {
        case FIELD_START:
          field_line = line;
          if (c == '"' && !at_end)
            {
              state = QUOTED;
              break;
            }
          state = UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case UNQUOTED:
          if (c == ',' && !at_end)
            {
              add_field (record, lines, field, field_line);
              state = FIELD_START;
            }
          else if (line_end)
            {
              add_field (record, lines, field, field_line);
              finish_record (records, &record, &lines);
              state = FIELD_START;
              if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
                i++;
              if (!at_end)
                line++;
            }
          else if (c == '"')
            {
              g_set_error (error, ALLIANCE_CSV_ERROR, ALLIANCE_CSV_ERROR_QUOTE,
                           /* Translators: %s:%u is a file name and line number, then a column number */
                           _("%s:%u: column %u: a quote inside a field that does not start with one; "
                             "put the whole field in quotes and double the quote (\"\")."),
                           name, line, record->fields->len + 1);
              return NULL;
            }
          else
            g_string_append_c (field, c);
          break;

        case QUOTED:
          if (at_end)
            {
              g_set_error (error, ALLIANCE_CSV_ERROR, ALLIANCE_CSV_ERROR_QUOTE,
                           _("%s:%u: column %u: the quoted field that starts here never ends "
                             "(its closing quote is missing)."),
                           name, field_line, record->fields->len + 1);
              return NULL;
            }
          if (c == '"')
            state = AFTER_QUOTE;
          else
            {
              if (c == '\n')
                line++;
              else if (c == '\r' && !(i + 1 < length && data[i + 1] == '\n'))
                line++;
              g_string_append_c (field, c);
            }
          break;

        case AFTER_QUOTE:
          if (c == '"' && !at_end)
            {
              g_string_append_c (field, '"');
              state = QUOTED;
            }
          else if (c == ',' && !at_end)
            {
              add_field (record, lines, field, field_line);
              state = FIELD_START;
            }
          else if (line_end)
            {
              add_field (record, lines, field, field_line);
              finish_record (records, &record, &lines);
              state = FIELD_START;
              if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
                i++;
              if (!at_end)
                line++;
            }
          else
            {
              g_set_error (error, ALLIANCE_CSV_ERROR, ALLIANCE_CSV_ERROR_QUOTE,
                           _("%s:%u: column %u: expected a comma or the end of the line after "
                             "the closing quote, found “%.*s”."),
                           name, line, record->fields->len + 1,
                           (int) (g_utf8_next_char (data + i) - (data + i)), data + i);
              return NULL;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  g_assert (record == NULL);

  if (records->len == 0)
    {
      g_set_error (error, ALLIANCE_CSV_ERROR, ALLIANCE_CSV_ERROR_EMPTY,
                   _("%s: the file is empty; the first line must name the columns."), name);
      return NULL;
    }

  table = g_new0 (AllianceCsvTable, 1);
  table->header = g_ptr_array_steal_index (records, 0);
  table->records = g_steal_pointer (&records);
  for (guint r = 0; r < table->records->len; r++)
    {
      const AllianceCsvRecord *row = g_ptr_array_index (table->records, r);
      guint expected = table->header->fields->len;

      if (row->fields->len != expected)
        {
          guint column = MIN (row->fields->len, expected) + 1;

          g_set_error (error, ALLIANCE_CSV_ERROR, ALLIANCE_CSV_ERROR_RAGGED,
                       /* Translators: "%s:%u: column %u:" is a file, line and column; then two counts */
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s:%u: column %u: expected %u field as in the header line, found %u.",
                                    "%s:%u: column %u: expected %u fields as in the header line, found %u.",
                                    expected),
                       name, row->line, column, expected, row->fields->len);
          return NULL;
        }
    }
  return g_steal_pointer (&table);
}
