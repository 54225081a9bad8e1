/* test-csv.c
 *
 * The RFC 4180 reader: quoting, embedded separators and line breaks, byte
 * order marks, line endings, empty fields, and errors that name the line
 * and column.
 */
#define G_LOG_DOMAIN "alliance-test-csv"

#include "config.h"

#include <string.h>

#include "alliance-csv.h"

static AllianceCsvTable *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  AllianceCsvTable *table = alliance_csv_table_parse (text, strlen (text), "t.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static void
assert_record (const AllianceCsvRecord *record,
               guint                    line,
               const char              *first,
               ...)
{
  va_list args;
  const char *expected = first;
  guint i = 0;

  g_assert_cmpuint (record->line, ==, line);
  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    {
      g_assert_cmpuint (i, <, record->fields->len);
      g_assert_cmpstr (alliance_csv_record_get (record, i), ==, expected);
    }
  va_end (args);
  g_assert_cmpuint (i, ==, record->fields->len);
}

static void
assert_error (const char *text,
              gssize      length,
              int         code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceCsvTable) table = NULL;

  table = alliance_csv_table_parse (text, length < 0 ? strlen (text) : (gsize) length, "t.csv", &error);
  g_assert_null (table);
  g_assert_error (error, ALLIANCE_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_plain (void)
{
  g_autoptr(AllianceCsvTable) table = parse ("code,name\nC-1,Ann\nC-2,Bo\n");

  assert_record (table->header, 1, "code", "name", NULL);
  g_assert_cmpuint (table->records->len, ==, 2);
  assert_record (g_ptr_array_index (table->records, 0), 2, "C-1", "Ann", NULL);
  assert_record (g_ptr_array_index (table->records, 1), 3, "C-2", "Bo", NULL);
}

static void
test_quotes (void)
{
  g_autoptr(AllianceCsvTable) table = parse ("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n");

  assert_record (g_ptr_array_index (table->records, 0), 2, "x, y", "say \"hi\"", "", NULL);
}

static void
test_embedded_newlines (void)
{
  g_autoptr(AllianceCsvTable) table = parse ("a,b\r\n\"line 1\r\nline 2\",z\r\nnext,\"q\nr\"\r\nlast,1\r\n");
  const AllianceCsvRecord *first, *second, *third;

  g_assert_cmpuint (table->records->len, ==, 3);
  first = g_ptr_array_index (table->records, 0);
  second = g_ptr_array_index (table->records, 1);
  third = g_ptr_array_index (table->records, 2);
  assert_record (first, 2, "line 1\r\nline 2", "z", NULL);
  /* Each field remembers the line it starts on. */
  g_assert_cmpuint (first->lines[0], ==, 2);
  g_assert_cmpuint (first->lines[1], ==, 3);
  assert_record (second, 4, "next", "q\nr", NULL);
  assert_record (third, 6, "last", "1", NULL);
}

static void
test_bom_and_line_endings (void)
{
  g_autoptr(AllianceCsvTable) crlf = parse ("\xEF\xBB\xBF" "code,name\r\nC-1,Zoë\r\n");
  g_autoptr(AllianceCsvTable) lf_no_end = parse ("code,name\nC-1,Zoë");
  g_autoptr(AllianceCsvTable) cr = parse ("code,name\rC-1,Zoë\r");

  /* The mark is not part of the first column's name. */
  assert_record (crlf->header, 1, "code", "name", NULL);
  assert_record (g_ptr_array_index (crlf->records, 0), 2, "C-1", "Zoë", NULL);
  assert_record (g_ptr_array_index (lf_no_end->records, 0), 2, "C-1", "Zoë", NULL);
  assert_record (g_ptr_array_index (cr->records, 0), 2, "C-1", "Zoë", NULL);
}

static void
test_empty_fields_and_lines (void)
{
  g_autoptr(AllianceCsvTable) table = parse ("a,b,c\n,,\n\n1,,\n\r\n,2,\n\n\n");

  g_assert_cmpuint (table->records->len, ==, 3);
  assert_record (g_ptr_array_index (table->records, 0), 2, "", "", "", NULL);
  assert_record (g_ptr_array_index (table->records, 1), 4, "1", "", "", NULL);
  assert_record (g_ptr_array_index (table->records, 2), 6, "", "2", "", NULL);
}

static void
test_ragged (void)
{
  assert_error ("a,b,c\n1,2,3\n4,5\n", -1, ALLIANCE_CSV_ERROR_RAGGED,
                "t.csv:3: column 3: expected 3 fields as in the header line, found 2.");
  assert_error ("a,b\n1,2,3\n", -1, ALLIANCE_CSV_ERROR_RAGGED,
                "t.csv:2: column 3: expected 2 fields as in the header line, found 3.");
}

static void
test_quote_errors (void)
{
  assert_error ("a,b\n1,\"open\n\n", -1, ALLIANCE_CSV_ERROR_QUOTE,
                "t.csv:2: column 2: the quoted field that starts here never ends (its closing quote is missing).");
  assert_error ("a,b\n1,x\"y\n", -1, ALLIANCE_CSV_ERROR_QUOTE,
                "t.csv:2: column 2: a quote inside a field that does not start with one; put the whole field in "
                "quotes and double the quote (\"\").");
  assert_error ("a,b\n\"x\"y,1\n", -1, ALLIANCE_CSV_ERROR_QUOTE,
                "t.csv:2: column 1: expected a comma or the end of the line after the closing quote, found “y”.");
}

static void
test_encoding_errors (void)
{
  /* Latin-1 "é" on line 3, and a NUL byte. */
  assert_error ("a,b\n1,2\n3,caf\xe9\n", -1, ALLIANCE_CSV_ERROR_ENCODING,
                "t.csv:3: this is not UTF-8 text; save the sheet as “CSV UTF-8” and try again.");
  assert_error ("a,b\n1,\0\n", 7, ALLIANCE_CSV_ERROR_ENCODING,
                "t.csv:2: this is not UTF-8 text; save the sheet as “CSV UTF-8” and try again.");
  assert_error ("", 0, ALLIANCE_CSV_ERROR_EMPTY, "t.csv: the file is empty; the first line must name the columns.");
  assert_error ("\xEF\xBB\xBF\r\n\n", -1, ALLIANCE_CSV_ERROR_EMPTY,
                "t.csv: the file is empty; the first line must name the columns.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/plain", test_plain);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/csv/bom-and-line-endings", test_bom_and_line_endings);
  g_test_add_func ("/csv/empty-fields-and-lines", test_empty_fields_and_lines);
  g_test_add_func ("/csv/refuse/ragged", test_ragged);
  g_test_add_func ("/csv/refuse/quotes", test_quote_errors);
  g_test_add_func ("/csv/refuse/encoding", test_encoding_errors);

  return g_test_run ();
}
