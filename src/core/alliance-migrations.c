/* alliance-migrations.c
 *
 * Every table keeps its own invariants in CHECK constraints too, so that a
 * bug in the application (or a script run against the file) cannot store an
 * impossible date or an unknown status.
 */
#define G_LOG_DOMAIN "alliance-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-database.h"
#include "alliance-date.h"
#include "alliance-measure-json.h"
#include "alliance-measure-library.h"
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

/* The same for supervision meetings (migration 4). */
#define ABORT_MEETING_SIGNED "SELECT RAISE(ABORT, 'signed supervision meetings cannot be changed');"
#define MEETING_SIGNED(id) "(SELECT signed_at FROM supervision_meetings WHERE id = " id ") IS NOT NULL"
#define DISCUSSION_SIGNED(id)                                                                       \
  "(SELECT m.signed_at FROM supervision_discussions d JOIN supervision_meetings m ON m.id = d.meeting_id " \
  "WHERE d.id = " id ") IS NOT NULL"

/* The audit log (migration 5). A row is appended by inserting into the
 * view audit_append, whose trigger numbers it, stamps it and chains its
 * hash (alliance_audit_hash(), registered on every connection that
 * AllianceDatabase opens; see alliance-audit.c). Only kinds and ids are
 * logged, never a column that holds text someone typed. Migration 5 is
 * made of these macros: never edit them; a later step that needs other
 * text defines macros of its own. */
#define AUDIT_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define AUDIT_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* alliance_audit_logging() is false only inside a bulk batch that logged
 * itself as one row (alliance_audit_log_batch). */
#define AUDIT(action, type, id) \
  "INSERT INTO audit_append (action, entity_type, entity_id)" \
  "  SELECT '" action "', '" type "', " id " WHERE alliance_audit_logging();"
/* create, change and delete of one table's rows. */
#define AUDIT_ROWS(table, type)                                                          \
  "CREATE TRIGGER " table "_audit_insert AFTER INSERT ON " table                         \
  "  BEGIN " AUDIT ("create", type, "NEW.id") " END;"                                    \
  "CREATE TRIGGER " table "_audit_update AFTER UPDATE ON " table                         \
  "  BEGIN " AUDIT ("change", type, "NEW.id") " END;"                                    \
  "CREATE TRIGGER " table "_audit_delete AFTER DELETE ON " table                         \
  "  BEGIN " AUDIT ("delete", type, "OLD.id") " END;"
/* Notes and open supervision meetings are saved as they are typed (every
 * second or so): a change is logged when the record has no "change" row
 * from the last 10 minutes, so a typing session leaves one row per 10
 * minutes, not one per keystroke pause. */
#define AUDIT_NOT_CHANGED_LATELY(type, id)                                                 \
  "NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'change' AND entity_type = '" type "'" \
  "            AND entity_id = " id " AND at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes'))"
/* The same for a signed record (a note, a meeting): created, changed while
 * a draft (coalesced), signed, deleted while a draft. */
#define AUDIT_SIGNED_ROWS(table, type)                                                   \
  "CREATE TRIGGER " table "_audit_insert AFTER INSERT ON " table                         \
  "  BEGIN " AUDIT ("create", type, "NEW.id") " END;"                                    \
  "CREATE TRIGGER " table "_audit_update AFTER UPDATE ON " table                         \
  "  WHEN NEW.signed_at IS NULL AND " AUDIT_NOT_CHANGED_LATELY (type, "NEW.id")          \
  "  BEGIN " AUDIT ("change", type, "NEW.id") " END;"                                    \
  "CREATE TRIGGER " table "_audit_sign AFTER UPDATE OF signed_at ON " table              \
  "  WHEN OLD.signed_at IS NULL AND NEW.signed_at IS NOT NULL"                           \
  "  BEGIN " AUDIT ("sign", type, "NEW.id") " END;"                                      \
  "CREATE TRIGGER " table "_audit_delete AFTER DELETE ON " table                         \
  "  BEGIN " AUDIT ("delete", type, "OLD.id") " END;"

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
  {
    3,
    /* Measure definitions as their JSON (alliance-measure-json.h), one row
     * per key and version. Built-in rows (builtin = 1) come from the code
     * of the library, so the step's @after inserts them. */
    "CREATE TABLE measures ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL CHECK (length(trim(key)) > 0),"
    "  version INTEGER NOT NULL CHECK (version >= 1),"
    "  name TEXT NOT NULL,"
    "  definition TEXT NOT NULL CHECK (json_valid(definition)),"
    "  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),"
    "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
    "  created_at TEXT NOT NULL,"
    "  UNIQUE (key, version)"
    ");"
    /* One filling-in of a measure at a session; its answers are rows of
     * item_scores (an unanswered item has none). */
    "CREATE TABLE administrations ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
    "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
    "  measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE RESTRICT,"
    "  rater TEXT NOT NULL CHECK (rater IN ('client', 'therapist', 'observer')),"
    "  entry_order INTEGER NOT NULL CHECK (entry_order >= 1),"
    "  complete INTEGER NOT NULL CHECK (complete IN (0, 1)),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE (session_id, measure_id)"
    ");"
    "CREATE INDEX administrations_by_client ON administrations (client_id);"
    "CREATE INDEX administrations_by_measure ON administrations (measure_id);"
    "CREATE TABLE item_scores ("
    "  administration_id INTEGER NOT NULL REFERENCES administrations (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL CHECK (position >= 0),"
    "  value INTEGER NOT NULL,"
    "  PRIMARY KEY (administration_id, position)"
    ") WITHOUT ROWID;"
    "CREATE TABLE session_events ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('rupture', 'repair', 'boundary', 'life', 'risk')),"
    "  rupture_type TEXT CHECK (rupture_type IN ('withdrawal', 'confrontation')),"
    "  intensity INTEGER CHECK (intensity BETWEEN 1 AND 3),"
    "  strategy TEXT CHECK (strategy IN ('metacommunication', 'acknowledge-own-part', 'clarify-rationale',"
    "                                    'change-task-or-goal', 'validate', 'other')),"
    "  resolved INTEGER CHECK (resolved IN (0, 1)),"
    "  rupture_id INTEGER REFERENCES session_events (id) ON DELETE RESTRICT,"
    "  boundary_kind TEXT CHECK (boundary_kind IN ('out-of-session-contact', 'overrun', 'gift',"
    "                                              'dual-relationship', 'other')),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  CHECK ((kind = 'rupture') = (rupture_type IS NOT NULL AND intensity IS NOT NULL)),"
    "  CHECK ((kind = 'repair') = (strategy IS NOT NULL AND resolved IS NOT NULL AND rupture_id IS NOT NULL)),"
    "  CHECK ((kind = 'boundary') = (boundary_kind IS NOT NULL))"
    ");"
    "CREATE INDEX session_events_by_session ON session_events (session_id);"
    "CREATE INDEX session_events_by_rupture ON session_events (rupture_id);"

    /* A definition that answers were given against never changes, so no
     * later edit can reinterpret them: the store saves a new version. */
    "CREATE TRIGGER measures_in_use_frozen BEFORE UPDATE ON measures"
    "  WHEN EXISTS (SELECT 1 FROM administrations WHERE measure_id = OLD.id)"
    "   AND (NEW.key IS NOT OLD.key OR NEW.version IS NOT OLD.version OR NEW.name IS NOT OLD.name"
    "        OR NEW.definition IS NOT OLD.definition OR NEW.builtin IS NOT OLD.builtin)"
    "  BEGIN SELECT RAISE(ABORT, 'a measure in use cannot be changed'); END;"
    "CREATE TRIGGER measures_in_use_no_delete BEFORE DELETE ON measures"
    "  WHEN EXISTS (SELECT 1 FROM administrations WHERE measure_id = OLD.id)"
    "  BEGIN SELECT RAISE(ABORT, 'a measure in use cannot be deleted'); END;"

    /* An administration belongs to its session's client. */
    "CREATE TRIGGER administrations_client_insert BEFORE INSERT ON administrations"
    "  WHEN NEW.client_id IS NOT (SELECT client_id FROM sessions WHERE id = NEW.session_id)"
    "  BEGIN SELECT RAISE(ABORT, 'an administration belongs to its session''s client'); END;"
    "CREATE TRIGGER administrations_client_update BEFORE UPDATE OF client_id, session_id ON administrations"
    "  WHEN NEW.client_id IS NOT (SELECT client_id FROM sessions WHERE id = NEW.session_id)"
    "  BEGIN SELECT RAISE(ABORT, 'an administration belongs to its session''s client'); END;"
    "CREATE TRIGGER sessions_client_kept_for_ratings BEFORE UPDATE OF client_id ON sessions"
    "  WHEN NEW.client_id IS NOT OLD.client_id"
    "   AND (EXISTS (SELECT 1 FROM administrations WHERE session_id = OLD.id)"
    "        OR EXISTS (SELECT 1 FROM session_events WHERE session_id = OLD.id))"
    "  BEGIN SELECT RAISE(ABORT, 'a session with ratings or events keeps its client'); END;"

    /* An answer is one of the item's, read from the stored definition. */
    "CREATE TRIGGER item_scores_in_range BEFORE INSERT ON item_scores"
    "  WHEN NOT EXISTS (SELECT 1 FROM administrations a JOIN measures m ON m.id = a.measure_id"
    "                   WHERE a.id = NEW.administration_id"
    "                     AND NEW.position < json_array_length(m.definition, '$.items')"
    "                     AND NEW.value BETWEEN json_extract(m.definition, '$.items[' || NEW.position || '].min')"
    "                                       AND json_extract(m.definition, '$.items[' || NEW.position || '].max'))"
    "  BEGIN SELECT RAISE(ABORT, 'an answer must be within its item''s range'); END;"
    "CREATE TRIGGER item_scores_no_update BEFORE UPDATE ON item_scores"
    "  BEGIN SELECT RAISE(ABORT, 'answers are replaced, not updated'); END;"

    /* A repair repairs a rupture of the same client. */
    "CREATE TRIGGER session_events_repair_insert BEFORE INSERT ON session_events"
    "  WHEN NEW.rupture_id IS NOT NULL"
    "   AND NOT EXISTS (SELECT 1 FROM session_events r JOIN sessions rs ON rs.id = r.session_id"
    "                   WHERE r.id = NEW.rupture_id AND r.kind = 'rupture'"
    "                     AND rs.client_id = (SELECT client_id FROM sessions WHERE id = NEW.session_id))"
    "  BEGIN SELECT RAISE(ABORT, 'a repair names a rupture of the same client'); END;"
    "CREATE TRIGGER session_events_repair_update BEFORE UPDATE OF rupture_id, session_id ON session_events"
    "  WHEN NEW.rupture_id IS NOT NULL"
    "   AND NOT EXISTS (SELECT 1 FROM session_events r JOIN sessions rs ON rs.id = r.session_id"
    "                   WHERE r.id = NEW.rupture_id AND r.kind = 'rupture'"
    "                     AND rs.client_id = (SELECT client_id FROM sessions WHERE id = NEW.session_id))"
    "  BEGIN SELECT RAISE(ABORT, 'a repair names a rupture of the same client'); END;"
    "CREATE TRIGGER session_events_repaired_stays_rupture BEFORE UPDATE OF kind, session_id ON session_events"
    "  WHEN OLD.kind = 'rupture' AND (NEW.kind IS NOT 'rupture' OR NEW.session_id IS NOT OLD.session_id)"
    "   AND EXISTS (SELECT 1 FROM session_events WHERE rupture_id = OLD.id)"
    "  BEGIN SELECT RAISE(ABORT, 'a repaired rupture stays a rupture'); END;"
    /* Deleting a session deletes its events (ON DELETE CASCADE); its
     * repairs go first, so a rupture repaired in the same session does not
     * stop the cascade (rupture_id is ON DELETE RESTRICT). */
    "CREATE TRIGGER sessions_delete_repairs_first BEFORE DELETE ON sessions BEGIN"
    "  DELETE FROM session_events WHERE session_id = OLD.id AND kind = 'repair'; END;",
    alliance_migrations_add_builtin_measures,
  },
  {
    4,
    /* Clinical supervision. A meeting is a record like a note: signed, it
     * never changes (triggers below); addenda go below it. The open
     * (unsigned) meeting is also the agenda of the next supervision. */
    "CREATE TABLE supervision_meetings ("
    "  id INTEGER PRIMARY KEY,"
    "  meeting_date TEXT NOT NULL CHECK " REAL_DATE ("meeting_date") ","
    "  supervisor TEXT NOT NULL DEFAULT '',"
    "  format TEXT NOT NULL DEFAULT 'individual' CHECK (format IN ('individual', 'group')),"
    "  period_start TEXT CHECK " REAL_DATE ("period_start") ","
    "  period_end TEXT CHECK " REAL_DATE ("period_end") ","
    "  notes TEXT NOT NULL DEFAULT '',"
    "  signed_at TEXT,"
    "  signed_by TEXT,"
    "  content_sha256 TEXT,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  CHECK ((period_start IS NULL) = (period_end IS NULL)),"
    "  CHECK (period_start IS NULL OR period_end >= period_start),"
    /* As for notes, spelled out with IS NOT NULL; and a signed meeting
     * names its supervisor. */
    "  CHECK ((signed_at IS NULL AND signed_by IS NULL AND content_sha256 IS NULL) OR"
    "         (signed_at IS NOT NULL AND signed_by IS NOT NULL AND length(trim(signed_by)) > 0"
    "          AND content_sha256 IS NOT NULL AND length(content_sha256) = 64"
    "          AND length(trim(supervisor)) > 0))"
    ");"
    /* The flags ask for the date of the latest signed meeting. */
    "CREATE INDEX supervision_meetings_signed ON supervision_meetings (meeting_date) WHERE signed_at IS NOT NULL;"
    "CREATE TABLE supervision_discussions ("
    "  id INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES supervision_meetings (id) ON DELETE CASCADE,"
    "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
    "  position INTEGER NOT NULL CHECK (position >= 0),"
    "  question TEXT NOT NULL DEFAULT '',"
    "  discussion TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (meeting_id, client_id)"
    ");"
    "CREATE INDEX supervision_discussions_by_client ON supervision_discussions (client_id);"
    /* Excerpts are copies of note text as the therapist approved it for
     * supervision (masks applied), so they name their note but never
     * change with it. */
    "CREATE TABLE supervision_excerpts ("
    "  id INTEGER PRIMARY KEY,"
    "  discussion_id INTEGER NOT NULL REFERENCES supervision_discussions (id) ON DELETE CASCADE,"
    "  note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE RESTRICT,"
    "  position INTEGER NOT NULL CHECK (position >= 0),"
    "  text TEXT NOT NULL CHECK (length(trim(text)) > 0)"
    ");"
    "CREATE INDEX supervision_excerpts_by_discussion ON supervision_excerpts (discussion_id);"
    "CREATE INDEX supervision_excerpts_by_note ON supervision_excerpts (note_id);"
    /* A recommendation hangs from its client's discussion of the meeting:
     * removing the client from an open meeting's agenda removes them. A
     * client keeps them like their sessions (ON DELETE RESTRICT). */
    "CREATE TABLE action_items ("
    "  id INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES supervision_meetings (id) ON DELETE CASCADE,"
    "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
    "  position INTEGER NOT NULL CHECK (position >= 0),"
    "  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
    "  done_on TEXT CHECK " REAL_DATE ("done_on") ","
    "  created_at TEXT NOT NULL,"
    "  FOREIGN KEY (meeting_id, client_id) REFERENCES supervision_discussions (meeting_id, client_id)"
    "    ON DELETE CASCADE"
    ");"
    "CREATE INDEX action_items_by_client ON action_items (client_id, done_on);"
    "CREATE INDEX action_items_by_discussion ON action_items (meeting_id, client_id);"
    "CREATE TABLE supervision_addenda ("
    "  id INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES supervision_meetings (id) ON DELETE RESTRICT,"
    "  body TEXT NOT NULL CHECK (length(trim(body)) > 0),"
    "  signed_at TEXT NOT NULL,"
    "  signed_by TEXT NOT NULL CHECK (length(trim(signed_by)) > 0),"
    "  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX supervision_addenda_by_meeting ON supervision_addenda (meeting_id);"

    "CREATE TRIGGER supervision_meetings_signed_no_update BEFORE UPDATE ON supervision_meetings"
    "  WHEN OLD.signed_at IS NOT NULL BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_meetings_signed_no_delete BEFORE DELETE ON supervision_meetings"
    "  WHEN OLD.signed_at IS NOT NULL BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_discussions_signed_no_insert BEFORE INSERT ON supervision_discussions"
    "  WHEN " MEETING_SIGNED ("NEW.meeting_id") " BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_discussions_signed_no_update BEFORE UPDATE ON supervision_discussions"
    "  WHEN " MEETING_SIGNED ("OLD.meeting_id") " OR " MEETING_SIGNED ("NEW.meeting_id")
    "  BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_discussions_signed_no_delete BEFORE DELETE ON supervision_discussions"
    "  WHEN " MEETING_SIGNED ("OLD.meeting_id") " BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_excerpts_signed_no_insert BEFORE INSERT ON supervision_excerpts"
    "  WHEN " DISCUSSION_SIGNED ("NEW.discussion_id") " BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_excerpts_signed_no_update BEFORE UPDATE ON supervision_excerpts"
    "  WHEN " DISCUSSION_SIGNED ("OLD.discussion_id") " OR " DISCUSSION_SIGNED ("NEW.discussion_id")
    "  BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_excerpts_signed_no_delete BEFORE DELETE ON supervision_excerpts"
    "  WHEN " DISCUSSION_SIGNED ("OLD.discussion_id") " BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER action_items_signed_no_insert BEFORE INSERT ON action_items"
    "  WHEN " MEETING_SIGNED ("NEW.meeting_id") " BEGIN " ABORT_MEETING_SIGNED " END;"
    /* The date an item was done is the one thing that changes after the
     * meeting is signed. */
    "CREATE TRIGGER action_items_signed_no_update BEFORE UPDATE ON action_items"
    "  WHEN (" MEETING_SIGNED ("OLD.meeting_id") " OR " MEETING_SIGNED ("NEW.meeting_id") ")"
    "   AND (NEW.id IS NOT OLD.id OR NEW.meeting_id IS NOT OLD.meeting_id OR NEW.client_id IS NOT OLD.client_id"
    "        OR NEW.position IS NOT OLD.position OR NEW.text IS NOT OLD.text OR NEW.created_at IS NOT OLD.created_at)"
    "  BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER action_items_signed_no_delete BEFORE DELETE ON action_items"
    "  WHEN " MEETING_SIGNED ("OLD.meeting_id") " BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER action_items_done_after_meeting_insert BEFORE INSERT ON action_items"
    "  WHEN NEW.done_on < (SELECT meeting_date FROM supervision_meetings WHERE id = NEW.meeting_id)"
    "  BEGIN SELECT RAISE(ABORT, 'an action item is done after its meeting'); END;"
    "CREATE TRIGGER action_items_done_after_meeting_update BEFORE UPDATE OF done_on, meeting_id ON action_items"
    "  WHEN NEW.done_on < (SELECT meeting_date FROM supervision_meetings WHERE id = NEW.meeting_id)"
    "  BEGIN SELECT RAISE(ABORT, 'an action item is done after its meeting'); END;"
    "CREATE TRIGGER supervision_addenda_need_signed_meeting BEFORE INSERT ON supervision_addenda"
    "  WHEN (SELECT signed_at FROM supervision_meetings WHERE id = NEW.meeting_id) IS NULL"
    "  BEGIN SELECT RAISE(ABORT, 'an addendum needs a signed meeting'); END;"
    "CREATE TRIGGER supervision_addenda_no_update BEFORE UPDATE ON supervision_addenda"
    "  BEGIN " ABORT_MEETING_SIGNED " END;"
    "CREATE TRIGGER supervision_addenda_no_delete BEFORE DELETE ON supervision_addenda"
    "  BEGIN " ABORT_MEETING_SIGNED " END;",
  },
  {
    5,
    /* The audit log: what was done to which record and when, never what
     * the record says. Rows are only ever appended (the triggers below
     * refuse anything else), and each carries the SHA-256 of its fields
     * and of the previous row's hash, so a row changed or removed with the
     * triggers dropped breaks the chain (alliance_audit_verify). */
    "CREATE TABLE audit_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL CHECK (length(at) = 20),"
    "  action TEXT NOT NULL CHECK (action IN ('create', 'change', 'delete', 'sign', 'addendum', 'export',"
    "                                         'import', 'backup', 'restore', 'disposal', 'lock', 'unlock')),"
    "  entity_type TEXT NOT NULL CHECK (length(entity_type) > 0),"
    "  entity_id INTEGER NOT NULL DEFAULT 0,"
    "  previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),"
    "  hash TEXT NOT NULL CHECK (length(hash) = 64)"
    ");"
    /* For the coalescing of draft changes (AUDIT_NOT_CHANGED_LATELY). */
    "CREATE INDEX audit_log_changes ON audit_log (entity_type, entity_id, at) WHERE action = 'change';"
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;"
    /* Only the next link of the chain goes in: this also refuses INSERT OR
     * REPLACE over an old row, which would not fire the DELETE trigger. */
    "CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log"
    "  WHEN NEW.id IS NOT coalesce((SELECT id FROM audit_log ORDER BY id DESC LIMIT 1), 0) + 1"
    "    OR NEW.previous_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '" AUDIT_ZERO_HASH "')"
    "    OR NEW.hash IS NOT alliance_audit_hash(NEW.id, NEW.at, NEW.action, NEW.entity_type, NEW.entity_id,"
    "                                           NEW.previous_hash)"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log only takes the next link of its chain'); END;"
    "CREATE VIEW audit_append (action, entity_type, entity_id) AS"
    "  SELECT action, entity_type, entity_id FROM audit_log WHERE 0;"
    "CREATE TRIGGER audit_append_insert INSTEAD OF INSERT ON audit_append BEGIN"
    "  INSERT INTO audit_log (id, at, action, entity_type, entity_id, previous_hash, hash)"
    "  SELECT n.id, n.at, NEW.action, NEW.entity_type, NEW.entity_id, n.previous_hash,"
    "         alliance_audit_hash(n.id, n.at, NEW.action, NEW.entity_type, NEW.entity_id, n.previous_hash)"
    "  FROM (SELECT coalesce((SELECT id FROM audit_log ORDER BY id DESC LIMIT 1), 0) + 1 AS id, " AUDIT_NOW " AS at,"
    "               coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '" AUDIT_ZERO_HASH "')"
    "                 AS previous_hash) AS n;"
    "  END;"

    /* Every write to a clinical record. Child rows saved with their
     * parent (note sections, answers, a meeting's discussions and
     * excerpts) are covered by the parent's row, which every save
     * updates. A new table gets its triggers here, in a later step. */
    AUDIT_ROWS ("clients", "client")
    AUDIT_ROWS ("goals", "goal")
    AUDIT_ROWS ("sessions", "session")
    AUDIT_SIGNED_ROWS ("notes", "note")
    "CREATE TRIGGER note_addenda_audit_insert AFTER INSERT ON note_addenda"
    "  BEGIN " AUDIT ("addendum", "note", "NEW.note_id") " END;"
    AUDIT_ROWS ("administrations", "administration")
    AUDIT_ROWS ("session_events", "session_event")
    AUDIT_ROWS ("measures", "measure")
    AUDIT_SIGNED_ROWS ("supervision_meetings", "supervision_meeting")
    "CREATE TRIGGER supervision_addenda_audit_insert AFTER INSERT ON supervision_addenda"
    "  BEGIN " AUDIT ("addendum", "supervision_meeting", "NEW.meeting_id") " END;"
    /* Every save of a meeting rewrites its items; only a real change to
     * one (its text, or marked done) is logged. */
    "CREATE TRIGGER action_items_audit_insert AFTER INSERT ON action_items"
    "  BEGIN " AUDIT ("create", "action_item", "NEW.id") " END;"
    "CREATE TRIGGER action_items_audit_update AFTER UPDATE ON action_items"
    "  WHEN NEW.text IS NOT OLD.text OR NEW.done_on IS NOT OLD.done_on"
    "    OR NEW.client_id IS NOT OLD.client_id OR NEW.meeting_id IS NOT OLD.meeting_id"
    "  BEGIN " AUDIT ("change", "action_item", "NEW.id") " END;"
    "CREATE TRIGGER action_items_audit_delete AFTER DELETE ON action_items"
    "  BEGIN " AUDIT ("delete", "action_item", "OLD.id") " END;"

    /* The first row says where the log begins: records written before
     * this version have no rows of their own. */
    "INSERT INTO audit_append (action, entity_type, entity_id) VALUES ('create', 'audit_log', 0);",
  },
};

const AllianceMigration *
alliance_migrations_get (guint *n_migrations)
{
  g_assert (n_migrations != NULL);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

/**
 * alliance_migrations_add_builtin_measures:
 *
 * Stores a row (builtin = 1) for every built-in definition of the library
 * that has none yet at its current version. Migration 3 runs it after its
 * SQL, in the same transaction, so a database never exists at version 3
 * without them; it does nothing for rows already there, so a later step
 * that bumps a built-in's version can run it again.
 *
 * Why a migration step and not the store lazily: other code (flags,
 * reports) queries the measures table directly and must find the
 * built-ins there without going through AllianceRatingStore first.
 */
gboolean
alliance_migrations_add_builtin_measures (sqlite3  *db,
                                          GError  **error)
{
  g_autoptr(GPtrArray) measures = alliance_measure_library_list ();
  g_autofree char *now = alliance_timestamp_now ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO measures (key, version, name, definition, builtin, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, 1, ?5) ON CONFLICT (key, version) DO NOTHING",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < measures->len; i++)
    {
      const AllianceMeasure *measure = g_ptr_array_index (measures, i);
      g_autofree char *json = alliance_measure_to_json (measure);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, measure->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, measure->version);
      sqlite3_bind_text (stmt, 3, measure->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      g_debug ("SQLite error %d: %s", rc, sqlite3_errmsg (db));
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED,
                           _("The built-in measures could not be stored."));
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}
