/* test-csv-import.c
 *
 * Spreadsheet tables into the records: columns found by their header in
 * any case and order, each table's rows becoming clients, sessions and
 * scores; a file goes in whole or not at all; importing it again adds
 * nothing; and every refusal names the file, line and column.
 */
#define G_LOG_DOMAIN "alliance-test-csv-import"

#include "config.h"

#include <string.h>

#include "alliance-client-store.h"
#include "alliance-csv.h"
#include "alliance-csv-import.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "test-common.h"

typedef struct
{
  TestDirFixture     dir;
  AllianceDatabase  *database;
  sqlite3           *handle;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  test_dir_fixture_set_up (&fixture->dir, user_data);
  fixture->database = alliance_database_open (fixture->dir.path, &error);
  g_assert_no_error (error);
  fixture->handle = alliance_database_get_handle (fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  test_dir_fixture_tear_down (&fixture->dir, user_data);
}

static void
import_ok (Fixture         *fixture,
           AllianceCsvKind  kind,
           const char      *text,
           guint            added,
           guint            unchanged)
{
  g_autoptr(GError) error = NULL;
  AllianceCsvImportCounts counts;

  g_assert_true (alliance_csv_import (fixture->database, kind, "t.csv", text, strlen (text), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, added);
  g_assert_cmpuint (counts.unchanged, ==, unchanged);
}

/* Refused with @message; nothing in the database changed. */
static void
import_refused (Fixture         *fixture,
                AllianceCsvKind  kind,
                const char      *text,
                int              code,
                const char      *message)
{
  g_autoptr(GError) error = NULL;
  AllianceCsvImportCounts counts;
  const char *totals = "SELECT (SELECT count(*) FROM clients) || '/' || (SELECT count(*) FROM sessions) || '/' || "
                       "(SELECT count(*) FROM administrations) || '/' || (SELECT count(*) FROM item_scores) || '/' || "
                       "(SELECT group_concat (given_name) FROM clients)";
  g_autofree char *before = test_query_text (fixture->handle, totals);
  g_autofree char *after = NULL;

  g_assert_false (alliance_csv_import (fixture->database, kind, "t.csv", text, strlen (text), &counts, &error));
  g_assert_error (error, ALLIANCE_IMPORT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (counts.added, ==, 0);
  after = test_query_text (fixture->handle, totals);
  g_assert_cmpstr (after, ==, before);
}

#define CLIENTS \
  "\xEF\xBB\xBF" "Family Name,CODE,given_name,Date-Of-Birth,status,Presenting concerns\r\n" \
  "Okafor,C-0101,Ada,1985-02-11,active,\"Low mood, sleep\r\n(since March)\"\r\n" \
  "Lindqvist,C-0102,Nils,,waitlist,\r\n"

static void
test_clients (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (fixture->database);
  g_autoptr(AllianceClient) ada = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (fixture, ALLIANCE_CSV_CLIENTS, CLIENTS, 2, 0);
  ada = alliance_client_store_load (store, test_query_int (fixture->handle,
                                                           "SELECT id FROM clients WHERE code = 'C-0101'"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ada->given_name, ==, "Ada");
  g_assert_cmpstr (ada->family_name, ==, "Okafor");
  g_assert_cmpstr (ada->date_of_birth, ==, "1985-02-11");
  g_assert_cmpint (ada->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
  g_assert_cmpstr (ada->presenting_concerns, ==, "Low mood, sleep\r\n(since March)");
  g_assert_cmpint (test_query_int (fixture->handle, "SELECT count(*) FROM clients WHERE status = 'waitlist'"), ==, 1);

  /* Again: nothing added, nothing changed. */
  import_ok (fixture, ALLIANCE_CSV_CLIENTS, CLIENTS, 0, 2);
  /* The same codes in another case are the same clients. */
  import_ok (fixture, ALLIANCE_CSV_CLIENTS, "code,given_name,family_name\nc-0101,Ada,Okafor\n", 0, 1);
}

static void
test_clients_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  import_ok (fixture, ALLIANCE_CSV_CLIENTS, CLIENTS, 2, 0);

  import_refused (fixture, ALLIANCE_CSV_CLIENTS,
                  "code,given_name,family_name,status,date_of_birth\n"
                  "C-0201,Mia,Berg,active,1990-01-02\n"
                  "C-0202,Ola,Dahl,active,23/04/1990\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:3: column 5 (date_of_birth): expected a date like 1990-04-23, found “23/04/1990”");
  import_refused (fixture, ALLIANCE_CSV_CLIENTS,
                  "code,given_name,family_name,status\nC-0201,Mia,Berg,retired\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 4 (status): expected one of enquiry, waitlist, active, on-hold, discharged; "
                  "found “retired”");
  import_refused (fixture, ALLIANCE_CSV_CLIENTS,
                  "code,given_name,family_name\nC-0201,Mia,\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 3 (family_name): Enter the client’s family name.");
  /* A new client first, then one that contradicts the records: neither goes in. */
  import_refused (fixture, ALLIANCE_CSV_CLIENTS,
                  "code,given_name,family_name\nC-0201,Mia,Berg\nC-0101,Adaeze,Okafor\n",
                  ALLIANCE_IMPORT_ERROR_CONFLICT,
                  "t.csv:3: column 2 (given_name): client C-0101 is already in the records with a different "
                  "given_name; nothing was imported (correct the file, or change the client in Alliance)");
  import_refused (fixture, ALLIANCE_CSV_CLIENTS,
                  "code,given_name,surname\nC-0201,Mia,Berg\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:1: column 3 (surname): not a column Alliance knows; the columns are code, given_name, "
                  "family_name, preferred_name, pronouns, date_of_birth, status, referral_source, start_date, "
                  "discharge_date, discharge_reason, phone, email, emergency_name, emergency_relationship, "
                  "emergency_phone, presenting_concerns, archived");
  import_refused (fixture, ALLIANCE_CSV_CLIENTS,
                  "code,given_name\nC-0201,Mia\n",
                  ALLIANCE_IMPORT_ERROR_INVALID, "t.csv:1: the header line has no column “family_name”, which is needed");
  import_refused (fixture, ALLIANCE_CSV_CLIENTS,
                  "code,Code,given_name,family_name\nC-0201,C-0201,Mia,Berg\n",
                  ALLIANCE_IMPORT_ERROR_INVALID, "t.csv:1: column 2 (Code): this column is already named in column 1");

  /* The file's syntax, from the reader. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (alliance_csv_import (fixture->database, ALLIANCE_CSV_CLIENTS, "t.csv",
                                         "code,given_name,family_name\nC-1,A\n", 34, NULL, &error));
    g_assert_error (error, ALLIANCE_CSV_ERROR, ALLIANCE_CSV_ERROR_RAGGED);
    g_assert_cmpstr (error->message, ==, "t.csv:2: column 3: expected 3 fields as in the header line, found 2.");
  }
  g_assert_cmpint (test_query_int (fixture->handle, "SELECT count(*) FROM clients"), ==, 2);
}

#define SESSIONS \
  "client_code,date,time,duration,kind,modality,attendance\n" \
  "C-0101,2026-03-02,10:00,50,individual,video,attended\n" \
  "C-0101,2026-03-09,10:00,,,,No show\n" \
  "C-0101,2026-03-16,10:00,,,,\n" \
  "C-0101,2026-03-16,15:30,,,,\n" \
  "C-0102,2026-03-03,09:00,60,couple,in-person,late cancelled\n"

static void
test_sessions (Fixture       *fixture,
               gconstpointer  user_data)
{
  import_ok (fixture, ALLIANCE_CSV_CLIENTS, CLIENTS, 2, 0);
  import_ok (fixture, ALLIANCE_CSV_SESSIONS, SESSIONS, 5, 0);
  g_assert_cmpint (test_query_int (fixture->handle,
                                   "SELECT count(*) FROM sessions WHERE starts_at = '2026-03-02 10:00' AND "
                                   "modality = 'video' AND duration_minutes = 50"), ==, 1);
  g_assert_cmpint (test_query_int (fixture->handle,
                                   "SELECT count(*) FROM sessions WHERE attendance = 'no-show' AND "
                                   "duration_minutes = 50 AND kind = 'individual'"), ==, 1);
  g_assert_cmpint (test_query_int (fixture->handle,
                                   "SELECT count(*) FROM sessions WHERE attendance = 'late-cancelled' AND kind = 'couple'"),
                   ==, 1);
  import_ok (fixture, ALLIANCE_CSV_SESSIONS, SESSIONS, 0, 5);

  import_refused (fixture, ALLIANCE_CSV_SESSIONS,
                  "client_code,date,time\nC-0101,2026-04-01,10:00\nC-0999,2026-04-01,10:00\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:3: column 1 (client_code): expected the code of a client in the records, found “C-0999”; "
                  "import the clients first");
  import_refused (fixture, ALLIANCE_CSV_SESSIONS,
                  "client_code,date,time\nC-0101,2026-04-01,10h\n",
                  ALLIANCE_IMPORT_ERROR_INVALID, "t.csv:2: column 3 (time): expected a time like 14:30, found “10h”");
  import_refused (fixture, ALLIANCE_CSV_SESSIONS,
                  "client_code,date,time,duration\nC-0101,2026-04-01,10:00,0\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 4 (duration): expected minutes, a whole number from 1 to 720, found “0”");
  import_refused (fixture, ALLIANCE_CSV_SESSIONS,
                  "client_code,date,time,attendance\nC-0101,2026-03-02,10:00,cancelled\n",
                  ALLIANCE_IMPORT_ERROR_CONFLICT,
                  "t.csv:2: column 4 (attendance): this session (2026-03-02 10:00) is already in the records with "
                  "a different attendance; nothing was imported (correct the file, or change the session in Alliance)");
}

#define SCORES \
  "client_code,session_date,session_time,measure,1,2,3,4,5,6,7,8,9,goals,tasks,bond\n" \
  "C-0101,2026-03-02,,phq-9,1,1,2,0,1,0,1,0,0,,,\n" \
  "C-0101,2026-03-02,,alliance-check,,,,,,,,,,8,7,9\n" \
  "C-0101,2026-03-16,15:30,alliance-check,,,,,,,,,,6,,5\n"

static void
test_scores (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(AllianceRatingStore) ratings = alliance_rating_store_new (fixture->database);
  g_autoptr(GPtrArray) administrations = NULL;
  g_autoptr(GError) error = NULL;
  const AllianceAdministration *phq;

  import_ok (fixture, ALLIANCE_CSV_CLIENTS, CLIENTS, 2, 0);
  import_ok (fixture, ALLIANCE_CSV_SESSIONS, SESSIONS, 5, 0);
  import_ok (fixture, ALLIANCE_CSV_SCORES, SCORES, 3, 0);

  administrations = alliance_rating_store_list_client_administrations (
    ratings, test_query_int (fixture->handle, "SELECT id FROM clients WHERE code = 'C-0101'"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (administrations->len, ==, 3);
  phq = g_ptr_array_index (administrations, 0);
  g_assert_cmpstr (phq->measure_key, ==, "phq-9");
  g_assert_true (phq->complete);
  g_assert_cmpint (phq->values[2], ==, 2);
  g_assert_false (((AllianceAdministration *) g_ptr_array_index (administrations, 2))->complete);
  g_assert_cmpint (test_query_int (fixture->handle, "SELECT count(*) FROM item_scores"), ==, 9 + 3 + 2);

  import_ok (fixture, ALLIANCE_CSV_SCORES, SCORES, 0, 3);

  import_refused (fixture, ALLIANCE_CSV_SCORES,
                  "client_code,session_date,measure,1,2,3,4,5,6,7,8,9\n"
                  "C-0101,2026-03-09,phq-9,0,0,0,0,0,0,0,0,0\n"
                  "C-0101,2026-03-02,gad-7,0,4,0,0,0,0,0,,\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:3: column 5 (2): Item 2 must be a whole number from 0 to 3; 4 is outside that range.");
  import_refused (fixture, ALLIANCE_CSV_SCORES,
                  "client_code,session_date,measure,1,2,3,4,5,6,7,8\n"
                  "C-0101,2026-03-02,gad-7,0,1,0,0,0,0,0,2\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 11 (8): gad-7 has no item “8”; leave this cell empty on its rows");
  import_refused (fixture, ALLIANCE_CSV_SCORES,
                  "client_code,session_date,measure,1\nC-0101,2026-03-16,gad-7,x\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 2 (session_date): client C-0101 has 2 sessions on 2026-03-16; add a session_time "
                  "column to say which");
  import_refused (fixture, ALLIANCE_CSV_SCORES,
                  "client_code,session_date,measure,1\nC-0101,2026-05-01,gad-7,1\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 2 (session_date): client C-0101 has no session on 2026-05-01; import the sessions "
                  "first");
  import_refused (fixture, ALLIANCE_CSV_SCORES,
                  "client_code,session_date,measure,1\nC-0101,2026-03-02,phq-10,1\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 3 (measure): expected the key of a measure (as in Preferences → Measures, e.g. "
                  "phq-9), found “phq-10”");
  import_refused (fixture, ALLIANCE_CSV_SCORES,
                  "client_code,session_date,measure,item 1\nC-0101,2026-03-02,gad-7,one\n",
                  ALLIANCE_IMPORT_ERROR_INVALID,
                  "t.csv:2: column 4 (item 1): expected a whole number from 0 to 3, found “one”");
  import_refused (fixture, ALLIANCE_CSV_SCORES,
                  "client_code,session_date,measure,goals,tasks,bond\nC-0101,2026-03-02,alliance-check,8,7,10\n",
                  ALLIANCE_IMPORT_ERROR_CONFLICT,
                  "t.csv:2: column 3 (measure): this session already has alliance-check scores that differ from this "
                  "row; nothing was imported (correct the file, or change the scores in Alliance)");
}

static void
test_kinds (void)
{
  AllianceCsvKind kind;

  g_assert_true (alliance_csv_kind_guess ("/home/x/Clients 2024.csv", &kind));
  g_assert_cmpint (kind, ==, ALLIANCE_CSV_CLIENTS);
  g_assert_true (alliance_csv_kind_guess ("sessions.CSV", &kind));
  g_assert_cmpint (kind, ==, ALLIANCE_CSV_SESSIONS);
  g_assert_true (alliance_csv_kind_guess ("phq-scores.csv", &kind));
  g_assert_cmpint (kind, ==, ALLIANCE_CSV_SCORES);
  g_assert_false (alliance_csv_kind_guess ("client-sessions.csv", &kind));
  g_assert_false (alliance_csv_kind_guess ("export.csv", &kind));
  g_assert_true (alliance_csv_kind_from_string ("Scores", &kind));
  g_assert_cmpint (kind, ==, ALLIANCE_CSV_SCORES);
  g_assert_false (alliance_csv_kind_from_string ("notes", &kind));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/csv-import/clients", test_clients);
  ADD ("/csv-import/clients/refused", test_clients_refused);
  ADD ("/csv-import/sessions", test_sessions);
  ADD ("/csv-import/scores", test_scores);
  g_test_add_func ("/csv-import/kinds", test_kinds);

  return g_test_run ();
}
