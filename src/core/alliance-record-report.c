/* alliance-record-report.c
 *
 * Reads the whole record first, then turns it into page blocks; nothing is
 * read while pages are drawn, so the pages of one print job or one PDF all
 * show the same record. A record that cannot be read completely is not
 * made at all: a partial record must never look like the whole one.
 */
#define G_LOG_DOMAIN "alliance-record-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-record-report.h"
#include "alliance-text.h"

struct _AllianceRecordReport
{
  GObject             parent_instance;

  AlliancePageLayout *layout;
  char               *title;
};

G_DEFINE_FINAL_TYPE (AllianceRecordReport, alliance_record_report, G_TYPE_OBJECT)

/* Everything the record shows, loaded before any of it is laid out. */
typedef struct
{
  AllianceClient *client;
  GPtrArray      *sessions;   /* AllianceSession, oldest first */
  GPtrArray      *notes;      /* AllianceNote or NULL, one per session */
  gboolean        include_process_notes;
  char           *exported_at;
} Record;

#define ADDENDUM_INDENT 14.0

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->client, alliance_client_free);
  g_clear_pointer (&record->sessions, g_ptr_array_unref);
  g_clear_pointer (&record->notes, g_ptr_array_unref);
  g_clear_pointer (&record->exported_at, g_free);
}

/* The text as typed, without the blank lines after its end. */
static char *
dup_trimmed_end (const char *text)
{
  return g_strchomp (g_strdup (text != NULL ? text : ""));
}

/* "20 November 2026, 10:00" from a date and a "HH:MM" time. */
static char *
format_date_time (const char *iso_date,
                  const char *time)
{
  g_autofree char *date = alliance_date_format (iso_date);

  /* Translators: a date, then a time, e.g. "20 November 2026, 10:00" */
  return g_strdup_printf (_("%s, %s"), date != NULL ? date : iso_date, time);
}

/* A stored UTC timestamp ("2026-11-20T10:52:03Z") in local time. */
static char *
format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (timestamp == NULL || (parsed = g_date_time_new_from_iso8601 (timestamp, NULL)) == NULL)
    return g_strdup (timestamp != NULL ? timestamp : "");

  local = g_date_time_to_local (parsed);
  date = g_date_time_format (local, "%Y-%m-%d");
  time = g_date_time_format (local, "%H:%M");
  return format_date_time (date, time);
}

/* "Session 12 · 20 November 2026, 10:00 · 50 min · Attended · In person" */
static char *
describe_session (const AllianceSession *session)
{
  g_autofree char *date = g_strndup (session->starts_at, 10);
  g_autofree char *when = format_date_time (date, strlen (session->starts_at) > 11 ? session->starts_at + 11 : "");
  const char *attendance = alliance_attendance_get_label (session->attendance);
  const char *modality = alliance_modality_get_label (session->modality);
  g_autofree char *line = NULL;

  if (session->number > 0)
    line = g_strdup_printf (
      /* Translators: a session in the printed record: its number, date and time, length,
       * attendance and modality, e.g. "Session 12 · 20 November 2026, 10:00 · 50 min · Attended · In person" */
      _("Session %d · %s · %d min · %s · %s"), session->number, when, session->duration_minutes, attendance,
      modality);
  else
    line = g_strdup_printf (
      /* Translators: a session without a number (missed, or entered in error) in the printed record:
       * date and time, length, attendance and modality */
      _("%s · %d min · %s · %s"), when, session->duration_minutes, attendance, modality);

  if (session->kind != ALLIANCE_SESSION_KIND_INDIVIDUAL)
    /* Translators: a session line, then the kind of session, e.g. "… · Couple" */
    return g_strdup_printf (_("%s · %s"), line, alliance_session_kind_get_label (session->kind));
  return g_steal_pointer (&line);
}

static char *
describe_signature (const char *signed_by,
                    const char *signed_at,
                    const char *sha256)
{
  g_autofree char *when = format_timestamp (signed_at);
  /* Translators: who signed a note or an addendum, and when (a date and a time) */
  g_autofree char *signed_line = g_strdup_printf (_("Signed by %s on %s"), signed_by, when);

  if (sha256 == NULL)
    return g_steal_pointer (&signed_line);
  /* Translators: the SHA-256 checksum of exactly what was signed, in hexadecimal */
  return g_strdup_printf (_("%s\nSHA-256 fingerprint %s"), signed_line, sha256);
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

static gboolean
load_record (AllianceClientStore   *clients,
             AllianceSessionStore  *sessions,
             gint64                 client_id,
             Record                *record,
             GError               **error)
{
  g_autoptr(GPtrArray) newest_first = NULL;

  record->client = alliance_client_store_load (clients, client_id, error);
  if (record->client == NULL)
    return FALSE;

  newest_first = alliance_session_store_list_sessions (sessions, client_id, error);
  if (newest_first == NULL)
    return FALSE;

  record->sessions = g_ptr_array_new_full (newest_first->len, (GDestroyNotify)alliance_session_free);
  record->notes = g_ptr_array_new_full (newest_first->len, (GDestroyNotify)alliance_note_free);
  for (guint i = newest_first->len; i > 0; i--)
    {
      AllianceSession *session = g_ptr_array_steal_index (newest_first, i - 1);
      AllianceNote *note = NULL;

      g_ptr_array_add (record->sessions, session);
      if (session->note_state != ALLIANCE_NOTE_STATE_NONE)
        {
          note = alliance_session_store_load_note (sessions, session->id, error);
          if (note == NULL)
            return FALSE;
        }
      g_ptr_array_add (record->notes, note);
    }

  record->exported_at = alliance_timestamp_now ();
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Blocks                                                                  */

static char *
dup_legal_name (const AllianceClient *client)
{
  return alliance_client_make_display_name (client->given_name, client->family_name, NULL);
}

static void
add_line (GString    *lines,
          char       *line)
{
  if (lines->len > 0)
    g_string_append_c (lines, '\n');
  g_string_append (lines, line);
  g_free (line);
}

static void
add_cover (AlliancePageLayout *layout,
           const Record       *record)
{
  const AllianceClient *client = record->client;
  g_autofree char *name = dup_legal_name (client);
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autofree char *birth = alliance_date_format (client->date_of_birth);
  g_autofree char *start = alliance_date_format (client->start_date);
  g_autofree char *discharge = alliance_date_format (client->discharge_date);
  guint n_sessions = record->sessions->len;

  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_TITLE, name);
  alliance_page_layout_add_space (layout, 6);

  /* Translators: in the printed record, under the client's name */
  add_line (facts, g_strdup_printf (_("Client code: %s"), client->code));
  if (birth != NULL)
    add_line (facts, g_strdup_printf (_("Date of birth: %s"), birth));
  if (!alliance_text_is_blank (client->preferred_name))
    add_line (facts, g_strdup_printf (_("Preferred name: %s"), client->preferred_name));
  if (!alliance_text_is_blank (client->pronouns))
    add_line (facts, g_strdup_printf (_("Pronouns: %s"), client->pronouns));
  add_line (facts, g_strdup_printf (_("Status: %s"), alliance_client_status_get_label (client->status)));
  if (start != NULL)
    add_line (facts, g_strdup_printf (_("Start date: %s"), start));
  if (discharge != NULL)
    add_line (facts, g_strdup_printf (_("Discharged: %s"), discharge));

  if (n_sessions == 0)
    add_line (facts, g_strdup (_("Sessions: none recorded")));
  else
    {
      const AllianceSession *first = g_ptr_array_index (record->sessions, 0);
      const AllianceSession *last = g_ptr_array_index (record->sessions, n_sessions - 1);
      g_autofree char *first_date = g_strndup (first->starts_at, 10);
      g_autofree char *last_date = g_strndup (last->starts_at, 10);
      g_autofree char *from = alliance_date_format (first_date);
      g_autofree char *to = alliance_date_format (last_date);

      if (n_sessions == 1)
        /* Translators: the one session of a printed record, and its date */
        add_line (facts, g_strdup_printf (_("Sessions: 1, on %s"), from));
      else
        /* Translators: how many sessions a printed record holds, and the dates of the first and last */
        add_line (facts, g_strdup_printf (_("Sessions: %u, from %s to %s"), n_sessions, from, to));
    }
  add_line (facts, g_strdup (record->include_process_notes
                             ? _("Process notes: included (therapist only)")
                             : _("Process notes: not included")));

  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, facts->str);
}

static void
add_note (AlliancePageLayout *layout,
          const Record       *record,
          const AllianceNote *note)
{
  guint n_sections = alliance_note_template_get_n_sections (note->template_id);
  gboolean wrote_any = FALSE;

  for (guint i = 0; i < n_sections && note->sections != NULL && note->sections[i] != NULL; i++)
    {
      g_autofree char *text = dup_trimmed_end (note->sections[i]);

      if (alliance_text_is_blank (text))
        continue;
      alliance_page_layout_add_space (layout, wrote_any ? 9 : 6);
      alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_SUBHEADING,
                                        alliance_note_template_get_section_label (note->template_id, i));
      alliance_page_layout_add_space (layout, 2);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, text);
      wrote_any = TRUE;
    }
  if (!wrote_any)
    {
      alliance_page_layout_add_space (layout, 6);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL, _("The note is empty."));
    }

  if (record->include_process_notes && !alliance_text_is_blank (note->process_note))
    {
      g_autofree char *text = dup_trimmed_end (note->process_note);

      alliance_page_layout_add_space (layout, 9);
      alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_SUBHEADING, _("Process note (therapist only)"));
      alliance_page_layout_add_space (layout, 2);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, text);
    }

  alliance_page_layout_add_space (layout, 8);
  if (alliance_note_is_signed (note))
    {
      g_autofree char *signature = describe_signature (note->signed_by, note->signed_at, note->content_sha256);

      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL, signature);
    }
  else
    alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_STRONG, _("Draft — not signed"));

  /* Each addendum after the note it corrects, set in, signed on its own. */
  alliance_page_layout_set_indent (layout, ADDENDUM_INDENT);
  for (guint i = 0; note->addenda != NULL && i < note->addenda->len; i++)
    {
      const AllianceAddendum *addendum = g_ptr_array_index (note->addenda, i);
      g_autofree char *text = dup_trimmed_end (addendum->body);
      g_autofree char *signature = describe_signature (addendum->signed_by, addendum->signed_at,
                                                       addendum->content_sha256);

      alliance_page_layout_add_space (layout, 10);
      /* Translators: the heading of a dated, signed correction below a signed note */
      alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_SUBHEADING, _("Addendum"));
      alliance_page_layout_add_space (layout, 2);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, text);
      alliance_page_layout_add_space (layout, 6);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL, signature);
    }
  alliance_page_layout_set_indent (layout, 0);
}

static void
add_session (AlliancePageLayout    *layout,
             const Record          *record,
             const AllianceSession *session,
             const AllianceNote    *note)
{
  g_autofree char *heading = describe_session (session);

  alliance_page_layout_add_space (layout, 14);
  alliance_page_layout_add_rule (layout);
  alliance_page_layout_add_space (layout, 12);
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_HEADING, heading);

  if (session->error_reason != NULL)
    {
      /* Translators: a session marked as entered in error, with the reason */
      g_autofree char *mark = g_strdup_printf (_("Entered in error: %s"), session->error_reason);

      alliance_page_layout_add_space (layout, 4);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_STRONG, mark);
    }

  if (note != NULL)
    add_note (layout, record, note);
  else if (session->attendance == ALLIANCE_ATTENDANCE_ATTENDED && session->error_reason == NULL)
    {
      alliance_page_layout_add_space (layout, 6);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL, _("No note was written for this session."));
    }
}

static AlliancePageLayout *
build_layout (const Record *record)
{
  AlliancePageLayout *layout = alliance_page_layout_new ();
  const AllianceClient *client = record->client;
  g_autofree char *name = dup_legal_name (client);
  g_autofree char *birth = alliance_date_format (client->date_of_birth);
  g_autofree char *detail = NULL;
  g_autofree char *exported = format_timestamp (record->exported_at);
  g_autofree char *footer = NULL;

  if (birth != NULL)
    /* Translators: under the client's name in the header of each page: client code, date of birth */
    detail = g_strdup_printf (_("%s · Date of birth %s"), client->code, birth);
  else
    detail = g_strdup (client->code);
  /* Translators: the title of the printed record, at the top of each page */
  alliance_page_layout_set_header (layout, _("Clinical record"), name, detail);
  /* Translators: in the footer of each page of the printed record; a date and a time */
  footer = g_strdup_printf (_("Confidential · Exported on %s"), exported);
  alliance_page_layout_set_footer (layout, footer);

  add_cover (layout, record);
  for (guint i = 0; i < record->sessions->len; i++)
    add_session (layout, record, g_ptr_array_index (record->sessions, i), g_ptr_array_index (record->notes, i));
  return layout;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
alliance_record_report_dispose (GObject *object)
{
  AllianceRecordReport *self = (AllianceRecordReport *)object;

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (alliance_record_report_parent_class)->dispose (object);
}

static void
alliance_record_report_finalize (GObject *object)
{
  AllianceRecordReport *self = (AllianceRecordReport *)object;

  g_free (self->title);

  G_OBJECT_CLASS (alliance_record_report_parent_class)->finalize (object);
}

static void
alliance_record_report_class_init (AllianceRecordReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alliance_record_report_dispose;
  object_class->finalize = alliance_record_report_finalize;
}

static void
alliance_record_report_init (AllianceRecordReport *self)
{
}

/* ---------------------------------------------------------------------- */
/* Public API                                                              */

/**
 * alliance_record_report_new:
 * @client_id: whose record
 * @include_process_notes: whether the therapist-only process notes go in
 *
 * Reads the client and every session, note and addendum, and lays the
 * record out in blocks (not yet in pages).
 *
 * Returns: (transfer full): the report, or %NULL with the store's error
 *   when any part of the record could not be read
 */
AllianceRecordReport *
alliance_record_report_new (AllianceClientStore   *clients,
                            AllianceSessionStore  *sessions,
                            gint64                 client_id,
                            gboolean               include_process_notes,
                            GError               **error)
{
  g_autoptr(AllianceRecordReport) self = NULL;
  g_autofree char *name = NULL;
  Record record = { .include_process_notes = include_process_notes };

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_record (clients, sessions, client_id, &record, error))
    {
      record_clear (&record);
      return NULL;
    }

  self = g_object_new (ALLIANCE_TYPE_RECORD_REPORT, NULL);
  self->layout = build_layout (&record);
  name = dup_legal_name (record.client);
  /* Translators: the title of the record's PDF and print job: client name (client code) */
  self->title = g_strdup_printf (_("Clinical record — %s (%s)"), name, record.client->code);
  record_clear (&record);
  return g_steal_pointer (&self);
}

/* "Clinical record — Name (code)": for the PDF and a print job. */
const char *
alliance_record_report_get_title (AllianceRecordReport *self)
{
  g_return_val_if_fail (ALLIANCE_IS_RECORD_REPORT (self), NULL);

  return self->title;
}

/**
 * alliance_record_report_get_layout:
 *
 * Returns: (transfer none): the pages' layout, for previews and tests
 */
AlliancePageLayout *
alliance_record_report_get_layout (AllianceRecordReport *self)
{
  g_return_val_if_fail (ALLIANCE_IS_RECORD_REPORT (self), NULL);

  return self->layout;
}

/* See alliance_page_layout_paginate(). */
guint
alliance_record_report_paginate (AllianceRecordReport *self,
                                 PangoContext         *context,
                                 double                page_width,
                                 double                page_height)
{
  g_return_val_if_fail (ALLIANCE_IS_RECORD_REPORT (self), 0);

  return alliance_page_layout_paginate (self->layout, context, page_width, page_height);
}

/* See alliance_page_layout_draw_page(). */
void
alliance_record_report_draw_page (AllianceRecordReport *self,
                                  cairo_t              *cr,
                                  guint                 page)
{
  g_return_if_fail (ALLIANCE_IS_RECORD_REPORT (self));

  alliance_page_layout_draw_page (self->layout, cr, page);
}

/**
 * alliance_record_report_write_pdf:
 * @path: the file to write; replaced only once the new one is complete
 *
 * Writes the record as a PDF on the locale's paper, readable by the user
 * alone. On failure @path is left as it was.
 */
gboolean
alliance_record_report_write_pdf (AllianceRecordReport  *self,
                                  const char            *path,
                                  GError               **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RECORD_REPORT (self), FALSE);

  return alliance_page_layout_write_pdf (self->layout, path, self->title, error);
}
