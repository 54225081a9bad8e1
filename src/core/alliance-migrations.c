/* alliance-migrations.c
 *
 * Every table keeps its own invariants in CHECK constraints too, so that a
 * bug in the application (or a script run against the file) cannot store an
 * impossible date or an unknown status.
 */
#define G_LOG_DOMAIN "alliance-migrations"

#include "config.h"

#include "alliance-migrations.h"

/* date(x, '+0 days') = x is true only for a real calendar date written as
 * YYYY-MM-DD. The modifier matters: SQLite 3.40's date('2023-02-31') gives
 * '2023-02-31' back unchanged, but any modifier normalises it to
 * '2023-03-03', so the comparison fails. */
#define REAL_DATE(col) "(" col " IS NULL OR date(" col ", '+0 days') IS " col ")"

/* The same for a local date and time written as YYYY-MM-DD HH:MM. */
#define REAL_DATE_TIME(col) "(length(" col ") = 16 AND datetime(" col ", '+0 days') IS " col " || ':00')"

/* A signed note, and everything hanging from it, is frozen by the database
 * itself: no bug and no script can change the record once signed. */
#define ABORT_SIGNED "SELECT RAISE(ABORT, 'signed notes cannot be changed');"

static const AllianceMigration migrations[] = {
  {
    1,
    "CREATE TABLE clients ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),"
    "  given_name TEXT NOT NULL CHECK (length(trim(given_name)) > 0),"
    "  family_name TEXT NOT NULL CHECK (length(trim(family_name)) > 0),"
    "  preferred_name TEXT NOT NULL DEFAULT '',"
    "  pronouns TEXT NOT NULL DEFAULT '',"
    "  date_of_birth TEXT CHECK " REAL_DATE ("date_of_birth") ","
    "  status TEXT NOT NULL DEFAULT 'enquiry'"
    "    CHECK (status IN ('enquiry', 'waitlist', 'active', 'on-hold', 'discharged')),"
    "  referral_source TEXT NOT NULL DEFAULT '',"
    "  start_date TEXT CHECK " REAL_DATE ("start_date") ","
    "  discharge_date TEXT CHECK " REAL_DATE ("discharge_date") ","
    "  discharge_reason TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  email TEXT NOT NULL DEFAULT '',"
    "  emergency_name TEXT NOT NULL DEFAULT '',"
    "  emergency_relationship TEXT NOT NULL DEFAULT '',"
    "  emergency_phone TEXT NOT NULL DEFAULT '',"
    "  presenting_concerns TEXT NOT NULL DEFAULT '',"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  CHECK (discharge_date IS NULL OR start_date IS NULL OR discharge_date >= start_date),"
    "  CHECK (status <> 'discharged' OR discharge_date IS NOT NULL)"
    ");"
    "CREATE TABLE goals ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
    "  description TEXT NOT NULL CHECK (length(trim(description)) > 0),"
    "  status TEXT NOT NULL DEFAULT 'active'"
    "    CHECK (status IN ('active', 'achieved', 'dropped')),"
    "  set_on TEXT NOT NULL CHECK " REAL_DATE ("set_on") ","
    "  reviewed_on TEXT CHECK " REAL_DATE ("reviewed_on") ","
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "CREATE INDEX goals_by_client ON goals (client_id);"
    /* Marks the file as Alliance's, so another program's SQLite file is
     * never mistaken for an old Alliance database and "upgraded". */
    "PRAGMA application_id = " G_STRINGIFY (ALLIANCE_APPLICATION_ID) ";"
  },
  {
    2,
    /* Sessions. The session number is not stored: it is computed from the
     * attended sessions, so it can never disagree with them. */
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
    "  starts_at TEXT NOT NULL CHECK " REAL_DATE_TIME ("starts_at") ","
    "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),"
    "  kind TEXT NOT NULL DEFAULT 'individual'"
    "    CHECK (kind IN ('individual', 'couple', 'family', 'group')),"
    "  modality TEXT NOT NULL DEFAULT 'in-person'"
    "    CHECK (modality IN ('in-person', 'video', 'phone')),"
    "  attendance TEXT NOT NULL DEFAULT 'attended'"
    "    CHECK (attendance IN ('attended', 'cancelled', 'late-cancelled', 'no-show', 'cancelled-by-therapist')),"
    "  error_reason TEXT CHECK (error_reason IS NULL OR length(trim(error_reason)) > 0),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "CREATE INDEX sessions_by_client ON sessions (client_id, starts_at);"

    /* One note per session; its sections (SOAP's four, DAP's three...)
     * are rows, so each can be searched and saved on its own. */
    "CREATE TABLE notes ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE RESTRICT,"
    "  template TEXT NOT NULL CHECK (template IN ('soap', 'dap', 'birp', 'free')),"
    "  process_note TEXT NOT NULL DEFAULT '',"
    "  signed_at TEXT,"
    "  signed_by TEXT,"
    "  content_sha256 TEXT,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    /* Spelled out with IS NOT NULL: length(NULL) is NULL, and a CHECK
     * that comes out NULL passes, which would let a note be signed by
     * nobody, or without a hash. */
    "  CHECK ((signed_at IS NULL AND signed_by IS NULL AND content_sha256 IS NULL) OR"
    "         (signed_at IS NOT NULL AND signed_by IS NOT NULL AND length(trim(signed_by)) > 0"
    "          AND content_sha256 IS NOT NULL AND length(content_sha256) = 64))"
    ");"
    "CREATE TABLE note_sections ("
    "  id INTEGER PRIMARY KEY,"
    "  note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL CHECK (position >= 0),"
    "  section TEXT NOT NULL,"
    "  body TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (note_id, position)"
    ");"
    "CREATE TABLE note_addenda ("
    "  id INTEGER PRIMARY KEY,"
    "  note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE RESTRICT,"
    "  body TEXT NOT NULL CHECK (length(trim(body)) > 0),"
    "  signed_at TEXT NOT NULL,"
    "  signed_by TEXT NOT NULL CHECK (length(trim(signed_by)) > 0),"
    "  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX note_addenda_by_note ON note_addenda (note_id);"

    "CREATE TRIGGER notes_signed_no_update BEFORE UPDATE ON notes"
    "  WHEN OLD.signed_at IS NOT NULL BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER notes_signed_no_delete BEFORE DELETE ON notes"
    "  WHEN OLD.signed_at IS NOT NULL BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER note_sections_signed_no_insert BEFORE INSERT ON note_sections"
    "  WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER note_sections_signed_no_update BEFORE UPDATE ON note_sections"
    "  WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL"
    "    OR (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER note_sections_signed_no_delete BEFORE DELETE ON note_sections"
    "  WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER note_addenda_need_signed_note BEFORE INSERT ON note_addenda"
    "  WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NULL"
    "  BEGIN SELECT RAISE(ABORT, 'an addendum needs a signed note'); END;"
    "CREATE TRIGGER note_addenda_no_update BEFORE UPDATE ON note_addenda"
    "  BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER note_addenda_no_delete BEFORE DELETE ON note_addenda"
    "  BEGIN " ABORT_SIGNED " END;"

    /* A session whose note is signed keeps its date, length and attendance;
     * it can only be marked entered in error, once. */
    "CREATE TRIGGER sessions_signed_frozen BEFORE UPDATE ON sessions"
    "  WHEN EXISTS (SELECT 1 FROM notes WHERE session_id = OLD.id AND signed_at IS NOT NULL)"
    "   AND (NEW.client_id IS NOT OLD.client_id OR NEW.starts_at IS NOT OLD.starts_at"
    "        OR NEW.duration_minutes IS NOT OLD.duration_minutes OR NEW.kind IS NOT OLD.kind"
    "        OR NEW.modality IS NOT OLD.modality OR NEW.attendance IS NOT OLD.attendance)"
    "  BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER sessions_signed_no_delete BEFORE DELETE ON sessions"
    "  WHEN EXISTS (SELECT 1 FROM notes WHERE session_id = OLD.id AND signed_at IS NOT NULL)"
    "  BEGIN " ABORT_SIGNED " END;"
    "CREATE TRIGGER sessions_error_reason_kept BEFORE UPDATE ON sessions"
    "  WHEN OLD.error_reason IS NOT NULL AND NEW.error_reason IS NOT OLD.error_reason"
    "  BEGIN SELECT RAISE(ABORT, 'an entered-in-error mark stays'); END;"

    /* Full-text search over note sections (rowid = section id) and addenda
     * (rowid = -addendum id), kept in step by triggers. */
    "CREATE VIRTUAL TABLE note_search USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TRIGGER note_sections_search_insert AFTER INSERT ON note_sections BEGIN"
    "  INSERT INTO note_search (rowid, body) VALUES (NEW.id, NEW.body); END;"
    "CREATE TRIGGER note_sections_search_update AFTER UPDATE OF body ON note_sections BEGIN"
    "  UPDATE note_search SET body = NEW.body WHERE rowid = NEW.id; END;"
    "CREATE TRIGGER note_sections_search_delete AFTER DELETE ON note_sections BEGIN"
    "  DELETE FROM note_search WHERE rowid = OLD.id; END;"
    "CREATE TRIGGER note_addenda_search_insert AFTER INSERT ON note_addenda BEGIN"
    "  INSERT INTO note_search (rowid, body) VALUES (-NEW.id, NEW.body); END;"
  },
};

const AllianceMigration *
alliance_migrations_get (guint *n_migrations)
{
  g_assert (n_migrations != NULL);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
