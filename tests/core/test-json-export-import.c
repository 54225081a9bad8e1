/* test-json-export-import.c
 *
 * The whole-record export and its import: export → import into an empty
 * database → export gives the same bytes (signed notes and meetings,
 * addenda, repairs, every measure version in use); the export matches its
 * JSON Schema; an encrypted export decrypts to the same bytes; and every refused file (malformed, a wrong type, an answer
 * out of range, an impossible date, an edited signed note or meeting, a
 * newer format, a database that is not empty) is refused with its line and
 * column and leaves the database as it was.
 */
#define G_LOG_DOMAIN "alliance-test-json-export-import"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "alliance-client-store.h"
#include "alliance-demo.h"
#include "alliance-json-export.h"
#include "alliance-json-import.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "test-common.h"

#define TODAY "2026-06-15"

/* Made once: a demo caseload with custom measures, and its export. */
static char *source_dir;
static char *source_path;
static char *source_export;

static GDate *
today (void)
{
  static GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 15, G_DATE_JUNE, 2026);
  return &date;
}

static char *
export_database (AllianceDatabase *database)
{
  g_autoptr(GError) error = NULL;
  AllianceFlagSettings settings;
  char *text;

  alliance_flag_settings_init (&settings);
  text = alliance_json_export (database, &settings, today (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static AllianceMeasure *
make_custom (const char *label)
{
  AllianceMeasure *measure = alliance_measure_new ("session-feel", "Session feel", ALLIANCE_MEASURE_RATER_CLIENT);

  alliance_measure_add_item (measure, "heard", label, 0, 4, FALSE);
  alliance_measure_add_item (measure, "useful", "The session was useful", 0, 4, TRUE);
  alliance_measure_add_subscale (measure, "all", "Both", (const char * const[]) { "heard", "useful", NULL });
  alliance_measure_add_band (measure, 0, 3, "low");
  alliance_measure_add_band (measure, 3.5, 8, "fine");
  measure->higher_is_better = TRUE;
  return measure;
}

/* Two versions of a custom measure in use, and an incomplete answer sheet. */
static void
add_custom_ratings (AllianceDatabase *database)
{
  g_autoptr(AllianceRatingStore) ratings = alliance_rating_store_new (database);
  g_autoptr(AllianceMeasure) first = make_custom ("I felt heard");
  g_autoptr(AllianceMeasure) second = make_custom ("I felt heard and understood");
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = alliance_database_get_handle (database);
  gint64 sessions[3], client;

  client = test_query_int (handle, "SELECT client_id FROM sessions WHERE attendance = 'attended' ORDER BY id LIMIT 1");
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM sessions WHERE client_id = %" G_GINT64_FORMAT
                                              " AND attendance = 'attended' ORDER BY id LIMIT 1 OFFSET %d",
                                              client, i);
      sessions[i] = test_query_int (handle, sql);
    }

  g_assert_true (alliance_rating_store_save_measure (ratings, first, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(AllianceAdministration) administration = NULL;

      if (i == 1)
        {
          /* In use now: the edit becomes version 2. */
          g_assert_true (alliance_rating_store_save_measure (ratings, second, &error));
          g_assert_no_error (error);
          g_assert_cmpint (second->version, ==, 2);
        }
      administration = alliance_administration_new (client, sessions[i], i == 0 ? first : second);
      administration->values[0] = 3;
      if (i != 2)
        administration->values[1] = i;   /* the third is left incomplete */
      g_assert_true (alliance_rating_store_save_administration (ratings, administration, &error));
      g_assert_no_error (error);
    }
}

static void
make_source (void)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(GError) error = NULL;

  source_dir = test_make_tmp_dir ();
  source_path = g_build_filename (source_dir, "source.db", NULL);
  database = alliance_database_open (source_path, &error);
  g_assert_no_error (error);
  clients = alliance_client_store_new (database);
  g_assert_true (alliance_demo_populate_as_of (clients, TODAY, &error));
  g_assert_no_error (error);
  add_custom_ratings (database);
  source_export = export_database (database);
}

typedef TestDirFixture Fixture;

static AllianceDatabase *
open_fresh (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AllianceDatabase *database = alliance_database_open (path, &error);

  g_assert_no_error (error);
  return database;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = open_fresh (fixture, "fresh.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  AllianceJsonImportCounts counts;
  sqlite3 *handle = alliance_database_get_handle (database);

  g_assert_true (alliance_json_import (database, "e.json", source_export, strlen (source_export), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients, ==, 30);
  g_assert_cmpuint (counts.meetings, >=, 2);
  g_assert_cmpuint (counts.measures, ==, 2);
  g_assert_cmpuint (counts.notes, >, 100);

  again = export_database (database);
  g_assert_cmpstr (again, ==, source_export);

  /* Signed as they were: the triggers freeze them here too. */
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM notes WHERE signed_at IS NOT NULL"), >, 100);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM note_addenda"), >, 0);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM supervision_meetings WHERE signed_at IS NOT NULL"),
                   >, 0);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM session_events WHERE kind = 'repair'"), >, 0);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE notes SET process_note = 'x' WHERE signed_at IS NOT NULL",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  /* The search index follows the imported notes. */
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM note_search"), ==,
                   test_query_int (handle, "SELECT (SELECT count(*) FROM note_sections) + "
                                           "(SELECT count(*) FROM note_addenda)"));

  /* What is computed is there: scores of a custom measure with their
   * subscale and band, and nothing for the incomplete one. */
  g_assert_nonnull (strstr (source_export, "\"key\" : \"session-feel\",\n      \"version\" : 2"));
  g_assert_nonnull (strstr (source_export, "\"subscales\" : {\n"));
  g_assert_nonnull (strstr (source_export, "\"all\" : "));
  g_assert_nonnull (strstr (source_export, "\"band\" : \"fine\""));
  g_assert_nonnull (strstr (source_export, "\"score\" : null"));
  g_assert_nonnull (strstr (source_export, "\"flags\" : [\n"));
}

static void
test_schema (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "e.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { ALLIANCE_PYTHON, ALLIANCE_VALIDATE_EXPORT, ALLIANCE_DATA_DIR, path, NULL };
  int status;

  g_assert_true (g_file_set_contents (path, source_export, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The export does not match its schema: %s", err);

  /* And the check can fail: a date the schema does not allow. */
  {
    g_autoptr(GString) bad = g_string_new (source_export);

    g_string_replace (bad, "\"meeting_date\" : \"", "\"meeting_date\" : \"on ", 1);
    g_assert_true (g_file_set_contents (path, bad->str, -1, &error));
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "meeting_date"));
  }
}

static void
test_export_file (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "records.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  AllianceFlagSettings settings;

  database = alliance_database_open (source_path, &error);
  g_assert_no_error (error);
  alliance_flag_settings_init (&settings);
  g_assert_true (alliance_json_export_to_file (database, &settings, today (), path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, source_export);

  /* A folder that does not exist: an error, and no file. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (fixture->dir, "missing", "records.json", NULL);
  g_assert_false (alliance_json_export_to_file (database, &settings, today (), path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gint64
count_exports (AllianceDatabase *database)
{
  return test_query_int (alliance_database_get_handle (database),
                         "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity_type = 'database'"
                         " AND entity_id = 0");
}

/* Encrypted: the file is not JSON, is private, decrypts (in memory) to the
 * plain export, and the export is logged once; a file that cannot be
 * written is neither left behind nor logged. */
static void
test_export_encrypted_file (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "records.json.enc", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", "records.json.enc", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  AllianceFlagSettings settings;
  gint64 exports;
  gsize length;

  database = alliance_database_open (source_path, &error);
  g_assert_no_error (error);
  recipient = alliance_encryption_recipient_new ("a long enough passphrase", ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE,
                                                 &error);
  g_assert_no_error (error);
  alliance_flag_settings_init (&settings);
  exports = count_exports (database);

  g_assert_true (alliance_json_export_to_encrypted_file (database, &settings, today (), path, recipient, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_exports (database), ==, exports + 1);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_true (alliance_encryption_is_encrypted_file (path));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, (gssize)length, "alliance-export"));
  /* Nothing else was written beside it: no plaintext, no temporary file. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "records.json.enc");
  g_assert_null (g_dir_read_name (dir));

  plain = alliance_encryption_decrypt_to_bytes (path, "a long enough passphrase", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_bytes_get_data (plain, NULL), ==, source_export);

  g_assert_false (alliance_json_export_to_encrypted_file (database, &settings, today (), missing, recipient, &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRITE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_exports (database), ==, exports + 1);
}

/* Imports @text into a fresh database, expects @code, and checks the
 * database is as it was. Returns the message. */
static char *
refuse (Fixture    *fixture,
        const char *text,
        int         code)
{
  g_autoptr(AllianceDatabase) database = open_fresh (fixture, "refused.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export_database (database);
  g_autofree char *after = NULL;
  AllianceJsonImportCounts counts;

  g_assert_false (alliance_json_import (database, "e.json", text, strlen (text), &counts, &error));
  g_assert_error (error, ALLIANCE_IMPORT_ERROR, code);
  g_assert_cmpuint (counts.clients, ==, 0);
  after = export_database (database);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM sessions"), ==, 0);
  return g_strdup (error->message);
}

/* The line and column (1-based) where @needle starts in @text, plus @shift characters. */
static char *
position_of (const char *text,
             const char *needle,
             guint       shift)
{
  const char *at = strstr (text, needle);
  const char *line_start = text;
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }
  return g_strdup_printf ("e.json:%u:%u:", line, (guint) g_utf8_strlen (line_start, at - line_start) + 1 + shift);
}

static char *
replace_first (const char *text,
               const char *find,
               const char *replacement)
{
  GString *out = g_string_new (text);

  g_assert_nonnull (strstr (text, find));
  g_string_replace (out, find, replacement, 1);
  return g_string_free (out, FALSE);
}

static void
test_refuse_malformed (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *text = replace_first (source_export, "\"format_version\" : 1,", "\"format_version\" : 1,,");
  g_autofree char *message = refuse (fixture, text, ALLIANCE_IMPORT_ERROR_SYNTAX);

  g_assert_true (g_str_has_prefix (message, "e.json:3:"));
  g_assert_nonnull (strstr (message, "this is not valid JSON"));
}

static void
test_refuse_wrong_type (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *text = replace_first (source_export, "\"archived\" : false", "\"archived\" : \"no\"");
  g_autofree char *where = position_of (text, "\"archived\" : \"no\"", strlen ("\"archived\" : "));
  g_autofree char *message = refuse (fixture, text, ALLIANCE_IMPORT_ERROR_INVALID);
  g_autofree char *expected = g_strdup_printf ("%s clients[0].archived: expected true or false, found “no”", where);

  g_assert_cmpstr (message, ==, expected);
}

static void
test_refuse_impossible_date (Fixture       *fixture,
                             gconstpointer  user_data)
{
  const char *first = strstr (source_export, "\"date_of_birth\" : \"");
  g_autofree char *old = g_strndup (first, strlen ("\"date_of_birth\" : \"1990-04-23\""));
  g_autofree char *text = replace_first (source_export, old, "\"date_of_birth\" : \"2023-02-31\"");
  g_autofree char *where = position_of (text, "\"date_of_birth\" : \"2023-02-31\"", strlen ("\"date_of_birth\" : "));
  g_autofree char *message = refuse (fixture, text, ALLIANCE_IMPORT_ERROR_INVALID);

  g_assert_true (g_str_has_prefix (message, where));
  g_assert_nonnull (strstr (message, ".date_of_birth: expected a date like 1990-04-23, found “2023-02-31”"));
}

/* Parses the export, lets @edit change it, and prints it again. */
static char *
edit_export (gboolean (*edit) (JsonObject *root))
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_assert_true (json_parser_load_from_data (parser, source_export, -1, NULL));
  g_assert_true (edit (json_node_get_object (json_parser_get_root (parser))));
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

typedef gboolean (*SessionFunc) (JsonObject *session);

static gboolean
for_first_session (JsonObject  *root,
                   SessionFunc  func)
{
  JsonArray *clients = json_object_get_array_member (root, "clients");

  for (guint c = 0; c < json_array_get_length (clients); c++)
    {
      JsonArray *sessions = json_object_get_array_member (json_array_get_object_element (clients, c), "sessions");

      for (guint s = 0; s < json_array_get_length (sessions); s++)
        if (func (json_array_get_object_element (sessions, s)))
          return TRUE;
    }
  return FALSE;
}

static gboolean
answer_out_of_range_cb (JsonObject *session)
{
  JsonArray *administrations = json_object_get_array_member (session, "administrations");
  JsonArray *answers;

  if (json_array_get_length (administrations) == 0)
    return FALSE;
  answers = json_object_get_array_member (json_array_get_object_element (administrations, 0), "answers");
  json_array_remove_element (answers, 0);
  /* Arrays cannot insert: rebuild with 99 first. */
  {
    g_autoptr(JsonArray) rebuilt = json_array_new ();

    json_array_add_int_element (rebuilt, 99);
    for (guint i = 0; i < json_array_get_length (answers); i++)
      json_array_add_element (rebuilt, json_node_copy (json_array_get_element (answers, i)));
    json_object_set_array_member (json_array_get_object_element (administrations, 0), "answers",
                                  json_array_ref (rebuilt));
  }
  return TRUE;
}

static gboolean
answer_out_of_range (JsonObject *root)
{
  return for_first_session (root, answer_out_of_range_cb);
}

static void
test_refuse_out_of_range (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *text = edit_export (answer_out_of_range);
  g_autofree char *message = refuse (fixture, text, ALLIANCE_IMPORT_ERROR_INVALID);

  g_assert_true (g_regex_match_simple ("^e\\.json:[0-9]+:[0-9]+: clients\\[[0-9]+\\]\\.sessions\\[[0-9]+\\]"
                                       "\\.administrations\\[0\\]\\.answers\\[0\\]: Item 1 must be a whole number "
                                       "from [0-9]+ to [0-9]+; 99 is outside that range\\.$", message, 0, 0));
}

static gboolean
tamper_note_cb (JsonObject *session)
{
  JsonNode *note = json_object_get_member (session, "note");
  JsonObject *section;
  g_autofree char *body = NULL;

  if (JSON_NODE_HOLDS_NULL (note) || json_object_get_null_member (json_node_get_object (note), "signed_at"))
    return FALSE;
  section = json_array_get_object_element (json_object_get_array_member (json_node_get_object (note), "sections"), 0);
  body = g_strconcat (json_object_get_string_member (section, "body"), " (edited later)", NULL);
  json_object_set_string_member (section, "body", body);
  return TRUE;
}

static gboolean
tamper_note (JsonObject *root)
{
  return for_first_session (root, tamper_note_cb);
}

static gboolean
tamper_meeting (JsonObject *root)
{
  JsonArray *meetings = json_object_get_array_member (root, "supervision_meetings");

  for (guint i = 0; i < json_array_get_length (meetings); i++)
    {
      JsonObject *meeting = json_array_get_object_element (meetings, i);

      if (!json_object_get_null_member (meeting, "signed_at"))
        {
          json_object_set_string_member (meeting, "supervisor", "Someone Else");
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_refuse_tampered (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *note_text = edit_export (tamper_note);
  g_autofree char *meeting_text = edit_export (tamper_meeting);
  g_autofree char *note_message = refuse (fixture, note_text, ALLIANCE_IMPORT_ERROR_TAMPERED);
  g_autofree char *meeting_message = NULL;

  g_assert_true (g_regex_match_simple ("^e\\.json:[0-9]+:[0-9]+: clients\\[[0-9]+\\]\\.sessions\\[[0-9]+\\]\\.note"
                                       "\\.content_sha256: this note’s SHA-256 does not match its text",
                                       note_message, 0, 0));
  g_assert_null (strstr (note_message, "edited later"));   /* no clinical text in errors */

  {
    g_autofree char *refused = g_build_filename (fixture->dir, "refused.db", NULL);

    g_remove (refused);
  }
  meeting_message = refuse (fixture, meeting_text, ALLIANCE_IMPORT_ERROR_TAMPERED);
  g_assert_true (g_regex_match_simple ("^e\\.json:[0-9]+:[0-9]+: supervision_meetings\\[[0-9]+\\]\\.content_sha256: "
                                       "this meeting’s SHA-256 does not match", meeting_message, 0, 0));
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *text = replace_first (source_export, "\"format_version\" : 1", "\"format_version\" : 2");
  g_autofree char *message = refuse (fixture, text, ALLIANCE_IMPORT_ERROR_FORMAT);

  g_assert_cmpstr (message, ==,
                   "e.json:3:22: format_version: this export was made by a newer version of Alliance (format "
                   "version 2); this version reads format version 1. Update Alliance to import it.");
}

static void
test_refuse_not_an_export (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *empty = refuse (fixture, "", ALLIANCE_IMPORT_ERROR_FORMAT);
  g_autofree char *list = refuse (fixture, "[1, 2]", ALLIANCE_IMPORT_ERROR_FORMAT);
  g_autofree char *measure = refuse (fixture, "{\"format\": \"alliance-measure\"}", ALLIANCE_IMPORT_ERROR_FORMAT);
  g_autofree char *unknown = refuse (fixture,
                                     "{\"format\": \"alliance-export\", \"format_version\": 1, \"measures\": [],"
                                     " \"clients\": [], \"supervision_meetings\": [], \"extra\": 1}",
                                     ALLIANCE_IMPORT_ERROR_INVALID);

  /* json-glib quotes a bad string whole: neither its text nor its bytes
   * that are not UTF-8 reach the message (found by fuzz-measure-json). */
  g_autofree char *bad_string = refuse (fixture, "{\"format\": \"Low mood \xe2\x80\"}", ALLIANCE_IMPORT_ERROR_SYNTAX);

  g_assert_true (g_utf8_validate (bad_string, -1, NULL));
  g_assert_null (strstr (bad_string, "Low mood"));
  g_assert_true (g_str_has_prefix (bad_string, "e.json:"));
  g_assert_true (g_str_has_prefix (empty, "e.json:1:1: this is not an Alliance export"));
  g_assert_true (g_str_has_prefix (list, "e.json:1:1: this is not an Alliance export"));
  g_assert_true (g_str_has_prefix (measure, "e.json:1:1: this is not an Alliance export"));
  g_assert_cmpstr (unknown, ==, "e.json:1:120: extra: “extra” is not part of this format");
}

static void
test_refuse_not_empty (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  database = alliance_database_open (source_path, &error);
  g_assert_no_error (error);
  g_assert_false (alliance_json_import (database, "e.json", source_export, strlen (source_export), NULL, &error));
  g_assert_error (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_NOT_EMPTY);
  g_assert_cmpstr (error->message, ==,
                   "Import goes into an empty database; this one has 30 clients. Nothing was imported.");
  after = export_database (database);
  g_assert_cmpstr (after, ==, source_export);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_source ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, test_dir_fixture_set_up, func, test_dir_fixture_tear_down)
  ADD ("/json/round-trip", test_round_trip);
  ADD ("/json/schema", test_schema);
  ADD ("/json/export-file", test_export_file);
  ADD ("/json/export-encrypted-file", test_export_encrypted_file);
  ADD ("/json/refuse/malformed", test_refuse_malformed);
  ADD ("/json/refuse/wrong-type", test_refuse_wrong_type);
  ADD ("/json/refuse/impossible-date", test_refuse_impossible_date);
  ADD ("/json/refuse/out-of-range", test_refuse_out_of_range);
  ADD ("/json/refuse/tampered", test_refuse_tampered);
  ADD ("/json/refuse/newer", test_refuse_newer);
  ADD ("/json/refuse/not-an-export", test_refuse_not_an_export);
  ADD ("/json/refuse/not-empty", test_refuse_not_empty);

  status = g_test_run ();
  test_remove_tree (source_dir);
  g_free (source_dir);
  g_free (source_path);
  g_free (source_export);
  return status;
}
