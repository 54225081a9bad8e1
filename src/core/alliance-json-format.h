/* alliance-json-format.h
 *
 * The whole-record export format ("format": "alliance-export"), described
 * once as tables and columns so that the exporter and the importer cannot
 * disagree about it. Each JSON object is one row; its members are the
 * row's columns under their SQL names, except the column that links it to
 * the object it is nested in (a session inside its client has no
 * client_id), and followed by its nested tables. data/alliance-export.schema.json
 * documents the result for people and other programs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALLIANCE_JSON_EXPORT_FORMAT  "alliance-export"
#define ALLIANCE_JSON_EXPORT_VERSION 1

typedef enum
{
  ALLIANCE_JSON_INT,
  ALLIANCE_JSON_BOOL,        /* stored as 0 or 1 */
  ALLIANCE_JSON_TEXT,
  ALLIANCE_JSON_DATE,        /* "YYYY-MM-DD" */
  ALLIANCE_JSON_DATE_TIME,   /* local "YYYY-MM-DD HH:MM" */
  ALLIANCE_JSON_TIMESTAMP,   /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
  ALLIANCE_JSON_SHA256,      /* 64 lowercase hex digits */
  ALLIANCE_JSON_DEFINITION,  /* a measure definition, stored as JSON text */
} AllianceJsonKind;

typedef struct
{
  const char          *name;
  AllianceJsonKind     kind;
  gboolean             nullable;
  const char * const  *choices;   /* allowed texts, or NULL */
} AllianceJsonColumn;

typedef struct _AllianceJsonTable AllianceJsonTable;

struct _AllianceJsonTable
{
  const char                *table;         /* SQL table */
  const char                *member;        /* member of the parent object */
  const char                *parent_where;  /* SQL selecting the children of parent ?1, or NULL at the top */
  const char                *parent_column; /* the column naming the parent, set on import (NULL: see the importer) */
  const char                *order_by;
  gboolean                   single;        /* an object or null, not an array (a session's note) */
  const AllianceJsonColumn  *columns;       /* ends with a NULL name; the first is "id" */
  const AllianceJsonTable  **children;      /* ends with NULL */
  guint                      sign_before;   /* signed records: children before this index go in first */
};

/* Every record, nested; measures, clients and supervision meetings. */
extern const AllianceJsonTable alliance_json_measures;
extern const AllianceJsonTable alliance_json_clients;
extern const AllianceJsonTable alliance_json_sessions;
extern const AllianceJsonTable alliance_json_notes;
extern const AllianceJsonTable alliance_json_administrations;
extern const AllianceJsonTable alliance_json_events;
extern const AllianceJsonTable alliance_json_meetings;
extern const AllianceJsonTable alliance_json_discussions;
extern const AllianceJsonTable alliance_json_action_items;

/* Members the exporter computes and the importer reads past. */
#define ALLIANCE_JSON_FLAGS   "flags"     /* a client's current flags (ids) */
#define ALLIANCE_JSON_ANSWERS "answers"   /* an administration's answers, null when unanswered */
#define ALLIANCE_JSON_SCORE   "score"     /* its total, subscales and band; null when incomplete */

/* json-glib's parse error ("<data>:3:4: Parse error: unexpected …") made
 * fit for a person: *@position gets "3:4" (NULL if there is none), and the
 * description is valid UTF-8 with any text quoted from the file replaced
 * by "…", so a broken file never puts its content (clinical text, bytes
 * that are not UTF-8) into an error message. */
char *alliance_json_describe_parse_error (const char  *message,
                                          char       **position);

G_END_DECLS
