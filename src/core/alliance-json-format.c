/* alliance-json-format.c
 *
 * The tables of the export, in the order they are written and read back:
 * a parent before its children, measures before the administrations that
 * name them, clients (and their notes) before the supervision meetings
 * that quote them.
 */
#define G_LOG_DOMAIN "alliance-json-format"

#include "config.h"

#include <string.h>

#include "alliance-json-format.h"

#define ID { "id", ALLIANCE_JSON_INT, FALSE, NULL }
#define CREATED { "created_at", ALLIANCE_JSON_TIMESTAMP, FALSE, NULL }
#define UPDATED { "updated_at", ALLIANCE_JSON_TIMESTAMP, FALSE, NULL }
#define END { NULL, 0, FALSE, NULL }

static const char * const client_statuses[] = { "enquiry", "waitlist", "active", "on-hold", "discharged", NULL };
static const char * const goal_statuses[] = { "active", "achieved", "dropped", NULL };
static const char * const session_kinds[] = { "individual", "couple", "family", "group", NULL };
static const char * const modalities[] = { "in-person", "video", "phone", NULL };
static const char * const attendances[] = { "attended", "cancelled", "late-cancelled", "no-show",
                                            "cancelled-by-therapist", NULL };
static const char * const templates[] = { "soap", "dap", "birp", "free", NULL };
static const char * const raters[] = { "client", "therapist", "observer", NULL };
static const char * const event_kinds[] = { "rupture", "repair", "boundary", "life", "risk", NULL };
static const char * const rupture_types[] = { "withdrawal", "confrontation", NULL };
static const char * const strategies[] = { "metacommunication", "acknowledge-own-part", "clarify-rationale",
                                           "change-task-or-goal", "validate", "other", NULL };
static const char * const boundary_kinds[] = { "out-of-session-contact", "overrun", "gift",
                                               "dual-relationship", "other", NULL };
static const char * const formats[] = { "individual", "group", NULL };

static const AllianceJsonColumn measure_columns[] = {
  ID,
  { "key", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "version", ALLIANCE_JSON_INT, FALSE, NULL },
  { "name", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "definition", ALLIANCE_JSON_DEFINITION, FALSE, NULL },
  { "builtin", ALLIANCE_JSON_BOOL, FALSE, NULL },
  { "retired", ALLIANCE_JSON_BOOL, FALSE, NULL },
  CREATED,
  END
};

static const AllianceJsonTable *no_children[] = { NULL };

const AllianceJsonTable alliance_json_measures = {
  "measures", "measures", NULL, NULL, "id", FALSE, measure_columns, no_children, 0,
};

static const AllianceJsonColumn goal_columns[] = {
  ID,
  { "description", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "status", ALLIANCE_JSON_TEXT, FALSE, goal_statuses },
  { "set_on", ALLIANCE_JSON_DATE, FALSE, NULL },
  { "reviewed_on", ALLIANCE_JSON_DATE, TRUE, NULL },
  CREATED,
  UPDATED,
  END
};

static const AllianceJsonTable goals = {
  "goals", "goals", "client_id = ?1", "client_id", "id", FALSE, goal_columns, no_children, 0,
};

static const AllianceJsonColumn section_columns[] = {
  ID,
  { "position", ALLIANCE_JSON_INT, FALSE, NULL },
  { "section", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "body", ALLIANCE_JSON_TEXT, FALSE, NULL },
  END
};

static const AllianceJsonTable note_sections = {
  "note_sections", "sections", "note_id = ?1", "note_id", "position", FALSE, section_columns, no_children, 0,
};

static const AllianceJsonColumn addendum_columns[] = {
  ID,
  { "body", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "signed_at", ALLIANCE_JSON_TIMESTAMP, FALSE, NULL },
  { "signed_by", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "content_sha256", ALLIANCE_JSON_SHA256, FALSE, NULL },
  CREATED,
  END
};

static const AllianceJsonTable note_addenda = {
  "note_addenda", "addenda", "note_id = ?1", "note_id", "id", FALSE, addendum_columns, no_children, 0,
};

static const AllianceJsonColumn note_columns[] = {
  ID,
  { "template", ALLIANCE_JSON_TEXT, FALSE, templates },
  { "process_note", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "signed_at", ALLIANCE_JSON_TIMESTAMP, TRUE, NULL },
  { "signed_by", ALLIANCE_JSON_TEXT, TRUE, NULL },
  { "content_sha256", ALLIANCE_JSON_SHA256, TRUE, NULL },
  CREATED,
  UPDATED,
  END
};

static const AllianceJsonTable *note_children[] = { &note_sections, &note_addenda, NULL };

const AllianceJsonTable alliance_json_notes = {
  "notes", "note", "session_id = ?1", "session_id", "id", TRUE, note_columns, note_children, 1,
};

static const AllianceJsonColumn administration_columns[] = {
  ID,
  { "measure_id", ALLIANCE_JSON_INT, FALSE, NULL },
  { "rater", ALLIANCE_JSON_TEXT, FALSE, raters },
  { "entry_order", ALLIANCE_JSON_INT, FALSE, NULL },
  { "complete", ALLIANCE_JSON_BOOL, FALSE, NULL },
  CREATED,
  UPDATED,
  END
};

const AllianceJsonTable alliance_json_administrations = {
  "administrations", "administrations", "session_id = ?1", "session_id", "id", FALSE, administration_columns, no_children, 0,
};

static const AllianceJsonColumn event_columns[] = {
  ID,
  { "kind", ALLIANCE_JSON_TEXT, FALSE, event_kinds },
  { "rupture_type", ALLIANCE_JSON_TEXT, TRUE, rupture_types },
  { "intensity", ALLIANCE_JSON_INT, TRUE, NULL },
  { "strategy", ALLIANCE_JSON_TEXT, TRUE, strategies },
  { "resolved", ALLIANCE_JSON_BOOL, TRUE, NULL },
  { "rupture_id", ALLIANCE_JSON_INT, TRUE, NULL },
  { "boundary_kind", ALLIANCE_JSON_TEXT, TRUE, boundary_kinds },
  { "note", ALLIANCE_JSON_TEXT, FALSE, NULL },
  CREATED,
  END
};

const AllianceJsonTable alliance_json_events = {
  "session_events", "events", "session_id = ?1", "session_id", "id", FALSE, event_columns, no_children, 0,
};

static const AllianceJsonColumn session_columns[] = {
  ID,
  { "starts_at", ALLIANCE_JSON_DATE_TIME, FALSE, NULL },
  { "duration_minutes", ALLIANCE_JSON_INT, FALSE, NULL },
  { "kind", ALLIANCE_JSON_TEXT, FALSE, session_kinds },
  { "modality", ALLIANCE_JSON_TEXT, FALSE, modalities },
  { "attendance", ALLIANCE_JSON_TEXT, FALSE, attendances },
  { "error_reason", ALLIANCE_JSON_TEXT, TRUE, NULL },
  CREATED,
  UPDATED,
  END
};

static const AllianceJsonTable *session_children[] = {
  &alliance_json_notes, &alliance_json_administrations, &alliance_json_events, NULL,
};

const AllianceJsonTable alliance_json_sessions = {
  "sessions", "sessions", "client_id = ?1", "client_id", "id", FALSE, session_columns, session_children, 0,
};

static const AllianceJsonColumn client_columns[] = {
  ID,
  { "code", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "given_name", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "family_name", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "preferred_name", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "pronouns", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "date_of_birth", ALLIANCE_JSON_DATE, TRUE, NULL },
  { "status", ALLIANCE_JSON_TEXT, FALSE, client_statuses },
  { "referral_source", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "start_date", ALLIANCE_JSON_DATE, TRUE, NULL },
  { "discharge_date", ALLIANCE_JSON_DATE, TRUE, NULL },
  { "discharge_reason", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "phone", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "email", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "emergency_name", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "emergency_relationship", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "emergency_phone", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "presenting_concerns", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "archived", ALLIANCE_JSON_BOOL, FALSE, NULL },
  CREATED,
  UPDATED,
  END
};

static const AllianceJsonTable *client_children[] = { &goals, &alliance_json_sessions, NULL };

const AllianceJsonTable alliance_json_clients = {
  "clients", "clients", NULL, NULL, "id", FALSE, client_columns, client_children, 0,
};

static const AllianceJsonColumn excerpt_columns[] = {
  ID,
  { "note_id", ALLIANCE_JSON_INT, FALSE, NULL },
  { "position", ALLIANCE_JSON_INT, FALSE, NULL },
  { "text", ALLIANCE_JSON_TEXT, FALSE, NULL },
  END
};

static const AllianceJsonTable excerpts = {
  "supervision_excerpts", "excerpts", "discussion_id = ?1", "discussion_id", "position, id", FALSE, excerpt_columns, no_children, 0,
};

static const AllianceJsonColumn action_item_columns[] = {
  ID,
  { "position", ALLIANCE_JSON_INT, FALSE, NULL },
  { "text", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "done_on", ALLIANCE_JSON_DATE, TRUE, NULL },
  CREATED,
  END
};

/* Items hang from their meeting and client, which is their discussion. */
const AllianceJsonTable alliance_json_action_items = {
  "action_items", "action_items",
  "(meeting_id, client_id) = (SELECT meeting_id, client_id FROM supervision_discussions WHERE id = ?1)", NULL,
  "position, id", FALSE, action_item_columns, no_children, 0,
};

static const AllianceJsonColumn discussion_columns[] = {
  ID,
  { "client_id", ALLIANCE_JSON_INT, FALSE, NULL },
  { "position", ALLIANCE_JSON_INT, FALSE, NULL },
  { "question", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "discussion", ALLIANCE_JSON_TEXT, FALSE, NULL },
  END
};

static const AllianceJsonTable *discussion_children[] = { &excerpts, &alliance_json_action_items, NULL };

const AllianceJsonTable alliance_json_discussions = {
  "supervision_discussions", "discussions", "meeting_id = ?1", "meeting_id", "position, id", FALSE,
  discussion_columns, discussion_children, 0,
};

static const AllianceJsonTable meeting_addenda = {
  "supervision_addenda", "addenda", "meeting_id = ?1", "meeting_id", "id", FALSE, addendum_columns, no_children, 0,
};

static const AllianceJsonColumn meeting_columns[] = {
  ID,
  { "meeting_date", ALLIANCE_JSON_DATE, FALSE, NULL },
  { "supervisor", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "format", ALLIANCE_JSON_TEXT, FALSE, formats },
  { "period_start", ALLIANCE_JSON_DATE, TRUE, NULL },
  { "period_end", ALLIANCE_JSON_DATE, TRUE, NULL },
  { "notes", ALLIANCE_JSON_TEXT, FALSE, NULL },
  { "signed_at", ALLIANCE_JSON_TIMESTAMP, TRUE, NULL },
  { "signed_by", ALLIANCE_JSON_TEXT, TRUE, NULL },
  { "content_sha256", ALLIANCE_JSON_SHA256, TRUE, NULL },
  CREATED,
  UPDATED,
  END
};

static const AllianceJsonTable *meeting_children[] = { &alliance_json_discussions, &meeting_addenda, NULL };

const AllianceJsonTable alliance_json_meetings = {
  "supervision_meetings", "supervision_meetings", NULL, NULL, "id", FALSE, meeting_columns, meeting_children, 1,
};

char *
alliance_json_describe_parse_error (const char  *message,
                                    char       **position)
{
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  const char *what = valid;
  GString *out;
  const char *open, *close;

  g_return_val_if_fail (position != NULL, NULL);

  *position = NULL;
  if (g_str_has_prefix (what, "<data>:"))
    {
      const char *rest = what + strlen ("<data>:");
      const char *after = strstr (rest, ": ");

      if (after != NULL)
        {
          *position = g_strndup (rest, after - rest);
          what = after + 2;
        }
    }
  if (g_str_has_prefix (what, "Parse error: "))
    what += strlen ("Parse error: ");

  /* json-glib quotes a bad string constant or identifier whole. */
  out = g_string_new (NULL);
  open = strchr (what, '"');
  close = open != NULL ? strrchr (what, '"') : NULL;
  if (open != NULL && close > open)
    {
      g_string_append_len (out, what, open - what);
      g_string_append (out, "“…”");
      g_string_append (out, close + 1);
    }
  else
    g_string_append (out, what);
  return g_string_free (out, FALSE);
}
