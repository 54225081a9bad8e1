/* alliance-meeting.c
 *
 * Supervision meetings as plain values: copying, validation, the agenda's
 * discussions, and the exact text a meeting's signature covers.
 */
#define G_LOG_DOMAIN "alliance-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-meeting.h"
#include "alliance-signed-text.h"
#include "alliance-text.h"

G_DEFINE_BOXED_TYPE (AllianceMeeting, alliance_meeting, alliance_meeting_copy, alliance_meeting_free)

static const struct
{
  const char *id;      /* stored in supervision_meetings.format; never translated */
  const char *label;
} formats[ALLIANCE_N_SUPERVISION_FORMATS] = {
  /* Translators: a supervision meeting with one supervisor, one to one */
  [ALLIANCE_SUPERVISION_INDIVIDUAL] = { "individual", N_("Individual") },
  /* Translators: a supervision meeting shared with other therapists */
  [ALLIANCE_SUPERVISION_GROUP] = { "group", N_("Group") },
};

const char *
alliance_supervision_format_to_string (AllianceSupervisionFormat format)
{
  g_return_val_if_fail (format < ALLIANCE_N_SUPERVISION_FORMATS, NULL);

  return formats[format].id;
}

gboolean
alliance_supervision_format_from_string (const char                *text,
                                         AllianceSupervisionFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < ALLIANCE_N_SUPERVISION_FORMATS; i++)
    if (g_strcmp0 (text, formats[i].id) == 0)
      {
        *format = (AllianceSupervisionFormat)i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_supervision_format_get_label (AllianceSupervisionFormat format)
{
  g_return_val_if_fail (format < ALLIANCE_N_SUPERVISION_FORMATS, NULL);

  return _(formats[format].label);
}

/* ---------------------------------------------------------------------- */
/* Action items, excerpts, discussions, addenda                            */

AllianceActionItem *
alliance_action_item_new (gint64      client_id,
                          const char *text)
{
  AllianceActionItem *self = g_new0 (AllianceActionItem, 1);

  self->client_id = client_id;
  self->text = g_strdup (text ? text : "");
  return self;
}

AllianceActionItem *
alliance_action_item_copy (const AllianceActionItem *self)
{
  AllianceActionItem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->done_on = g_strdup (self->done_on);
  copy->created_at = g_strdup (self->created_at);
  copy->meeting_date = g_strdup (self->meeting_date);
  copy->supervisor = g_strdup (self->supervisor);
  return copy;
}

void
alliance_action_item_free (AllianceActionItem *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->done_on);
  g_free (self->created_at);
  g_free (self->meeting_date);
  g_free (self->supervisor);
  g_free (self);
}

gboolean
alliance_action_item_is_done (const AllianceActionItem *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->done_on != NULL && self->done_on[0] != '\0';
}

AllianceSupervisionExcerpt *
alliance_supervision_excerpt_new (gint64      note_id,
                                  const char *text)
{
  AllianceSupervisionExcerpt *self = g_new0 (AllianceSupervisionExcerpt, 1);

  self->note_id = note_id;
  self->text = g_strdup (text ? text : "");
  return self;
}

AllianceSupervisionExcerpt *
alliance_supervision_excerpt_copy (const AllianceSupervisionExcerpt *self)
{
  AllianceSupervisionExcerpt *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  return copy;
}

void
alliance_supervision_excerpt_free (AllianceSupervisionExcerpt *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self);
}

AllianceSupervisionDiscussion *
alliance_supervision_discussion_new (gint64 client_id)
{
  AllianceSupervisionDiscussion *self = g_new0 (AllianceSupervisionDiscussion, 1);

  self->client_id = client_id;
  self->question = g_strdup ("");
  self->discussion = g_strdup ("");
  self->excerpts = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_supervision_excerpt_free);
  self->action_items = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_action_item_free);
  return self;
}

AllianceSupervisionDiscussion *
alliance_supervision_discussion_copy (const AllianceSupervisionDiscussion *self)
{
  AllianceSupervisionDiscussion *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = alliance_supervision_discussion_new (self->client_id);
  copy->id = self->id;
  g_free (copy->question);
  copy->question = g_strdup (self->question);
  g_free (copy->discussion);
  copy->discussion = g_strdup (self->discussion);
  for (guint i = 0; self->excerpts != NULL && i < self->excerpts->len; i++)
    g_ptr_array_add (copy->excerpts, alliance_supervision_excerpt_copy (g_ptr_array_index (self->excerpts, i)));
  for (guint i = 0; self->action_items != NULL && i < self->action_items->len; i++)
    g_ptr_array_add (copy->action_items, alliance_action_item_copy (g_ptr_array_index (self->action_items, i)));
  return copy;
}

void
alliance_supervision_discussion_free (AllianceSupervisionDiscussion *self)
{
  if (self == NULL)
    return;

  g_free (self->question);
  g_free (self->discussion);
  g_clear_pointer (&self->excerpts, g_ptr_array_unref);
  g_clear_pointer (&self->action_items, g_ptr_array_unref);
  g_free (self);
}

AllianceMeetingAddendum *
alliance_meeting_addendum_copy (const AllianceMeetingAddendum *self)
{
  AllianceMeetingAddendum *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->body = g_strdup (self->body);
  copy->signed_at = g_strdup (self->signed_at);
  copy->signed_by = g_strdup (self->signed_by);
  copy->content_sha256 = g_strdup (self->content_sha256);
  return copy;
}

void
alliance_meeting_addendum_free (AllianceMeetingAddendum *self)
{
  if (self == NULL)
    return;

  g_free (self->body);
  g_free (self->signed_at);
  g_free (self->signed_by);
  g_free (self->content_sha256);
  g_free (self);
}

/* ---------------------------------------------------------------------- */
/* Meetings                                                                */

/**
 * alliance_meeting_new:
 * @meeting_date: "YYYY-MM-DD"
 *
 * An open meeting on @meeting_date, individual, with no supervisor, no
 * period and no clients yet.
 */
AllianceMeeting *
alliance_meeting_new (const char *meeting_date)
{
  AllianceMeeting *self = g_new0 (AllianceMeeting, 1);

  self->meeting_date = g_strdup (meeting_date);
  self->supervisor = g_strdup ("");
  self->format = ALLIANCE_SUPERVISION_INDIVIDUAL;
  self->notes = g_strdup ("");
  self->discussions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_supervision_discussion_free);
  self->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_meeting_addendum_free);
  return self;
}

AllianceMeeting *
alliance_meeting_copy (const AllianceMeeting *self)
{
  AllianceMeeting *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = alliance_meeting_new (self->meeting_date);
  copy->id = self->id;
  g_free (copy->supervisor);
  copy->supervisor = g_strdup (self->supervisor);
  copy->format = self->format;
  copy->period_start = g_strdup (self->period_start);
  copy->period_end = g_strdup (self->period_end);
  g_free (copy->notes);
  copy->notes = g_strdup (self->notes);
  copy->signed_at = g_strdup (self->signed_at);
  copy->signed_by = g_strdup (self->signed_by);
  copy->content_sha256 = g_strdup (self->content_sha256);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  for (guint i = 0; self->discussions != NULL && i < self->discussions->len; i++)
    g_ptr_array_add (copy->discussions, alliance_supervision_discussion_copy (g_ptr_array_index (self->discussions, i)));
  for (guint i = 0; self->addenda != NULL && i < self->addenda->len; i++)
    g_ptr_array_add (copy->addenda, alliance_meeting_addendum_copy (g_ptr_array_index (self->addenda, i)));
  return copy;
}

void
alliance_meeting_free (AllianceMeeting *self)
{
  if (self == NULL)
    return;

  g_free (self->meeting_date);
  g_free (self->supervisor);
  g_free (self->period_start);
  g_free (self->period_end);
  g_free (self->notes);
  g_clear_pointer (&self->discussions, g_ptr_array_unref);
  g_free (self->signed_at);
  g_free (self->signed_by);
  g_free (self->content_sha256);
  g_clear_pointer (&self->addenda, g_ptr_array_unref);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

gboolean
alliance_meeting_is_signed (const AllianceMeeting *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->signed_at != NULL;
}

static gboolean
fail_at (AllianceMeetingField  field,
         AllianceMeetingField *invalid_field)
{
  if (invalid_field != NULL)
    *invalid_field = field;
  return FALSE;
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/**
 * alliance_meeting_validate:
 * @invalid_field: (out) (optional): the field the error is about
 *
 * Checks what can be checked without the database: a real meeting date;
 * a period reviewed that is either absent or two real dates in order; a
 * known format; each client on the agenda once; every excerpt from a note
 * and with text; every action item with text, and a done date (if any)
 * real and not before the meeting. A supervisor is only needed to sign.
 */
gboolean
alliance_meeting_validate (const AllianceMeeting  *self,
                           AllianceMeetingField   *invalid_field,
                           GError                **error)
{
  g_autoptr(GHashTable) clients = NULL;
  GDate start, end;

  g_return_val_if_fail (self != NULL, FALSE);

  if (invalid_field != NULL)
    *invalid_field = ALLIANCE_MEETING_FIELD_NONE;

  if (alliance_text_is_blank (self->meeting_date))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Enter the date of the supervision meeting."));
      return fail_at (ALLIANCE_MEETING_FIELD_DATE, invalid_field);
    }
  if (!alliance_date_parse (self->meeting_date, NULL, error))
    return fail_at (ALLIANCE_MEETING_FIELD_DATE, invalid_field);

  if (is_empty (self->period_start) != is_empty (self->period_end))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Enter both the first and the last day of the period reviewed."));
      return fail_at (ALLIANCE_MEETING_FIELD_PERIOD, invalid_field);
    }
  if (!is_empty (self->period_start))
    {
      if (!alliance_date_parse (self->period_start, &start, error) ||
          !alliance_date_parse (self->period_end, &end, error))
        return fail_at (ALLIANCE_MEETING_FIELD_PERIOD, invalid_field);
      if (g_date_compare (&end, &start) < 0)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
                               _("The period reviewed ends before it starts."));
          return fail_at (ALLIANCE_MEETING_FIELD_PERIOD, invalid_field);
        }
    }

  if (self->format >= ALLIANCE_N_SUPERVISION_FORMATS)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("Choose whether the supervision was individual or in a group."));
      return FALSE;
    }

  clients = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; self->discussions != NULL && i < self->discussions->len; i++)
    {
      AllianceSupervisionDiscussion *discussion = g_ptr_array_index (self->discussions, i);

      if (discussion->client_id <= 0 || !g_hash_table_add (clients, &discussion->client_id))
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                               _("Each client can be on the agenda of a meeting only once."));
          return FALSE;
        }
      for (guint j = 0; discussion->excerpts != NULL && j < discussion->excerpts->len; j++)
        {
          AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, j);

          if (excerpt->note_id <= 0 || alliance_text_is_blank (excerpt->text))
            {
              g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                                   _("An excerpt is taken from a note and cannot be empty; remove the empty one."));
              return FALSE;
            }
        }
      for (guint j = 0; discussion->action_items != NULL && j < discussion->action_items->len; j++)
        {
          AllianceActionItem *item = g_ptr_array_index (discussion->action_items, j);
          GDate done;

          if (alliance_text_is_blank (item->text))
            {
              g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                                   _("Write the recommendation, or remove the empty action item."));
              return fail_at (ALLIANCE_MEETING_FIELD_ACTION_ITEM, invalid_field);
            }
          if (is_empty (item->done_on))
            continue;
          if (!alliance_date_parse (item->done_on, &done, error))
            return fail_at (ALLIANCE_MEETING_FIELD_ACTION_ITEM, invalid_field);
          if (strcmp (item->done_on, self->meeting_date) < 0)
            {
              g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
                                   _("An action item cannot be done before the meeting that recommended it."));
              return fail_at (ALLIANCE_MEETING_FIELD_ACTION_ITEM, invalid_field);
            }
        }
    }

  return TRUE;
}

AllianceSupervisionDiscussion *
alliance_meeting_find_discussion (const AllianceMeeting *self,
                                  gint64                 client_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->discussions != NULL && i < self->discussions->len; i++)
    {
      AllianceSupervisionDiscussion *discussion = g_ptr_array_index (self->discussions, i);

      if (discussion->client_id == client_id)
        return discussion;
    }
  return NULL;
}

AllianceSupervisionDiscussion *
alliance_meeting_add_discussion (AllianceMeeting *self,
                                 gint64           client_id)
{
  AllianceSupervisionDiscussion *discussion;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (client_id > 0, NULL);

  discussion = alliance_meeting_find_discussion (self, client_id);
  if (discussion != NULL)
    return discussion;

  if (self->discussions == NULL)
    self->discussions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_supervision_discussion_free);
  discussion = alliance_supervision_discussion_new (client_id);
  g_ptr_array_add (self->discussions, discussion);
  return discussion;
}

/* Removes the client's discussion, with its excerpts and action items. */
gboolean
alliance_meeting_remove_discussion (AllianceMeeting *self,
                                    gint64           client_id)
{
  AllianceSupervisionDiscussion *discussion;

  g_return_val_if_fail (self != NULL, FALSE);

  discussion = alliance_meeting_find_discussion (self, client_id);
  return discussion != NULL && g_ptr_array_remove (self->discussions, discussion);
}

/* ---------------------------------------------------------------------- */
/* Signed content                                                          */

/**
 * alliance_meeting_dup_signed_content:
 *
 * The canonical text a meeting's signature covers: the input of its
 * SHA-256. Changing this format would make every signature made before
 * unverifiable; a new format needs a new version number.
 *
 * UTF-8 text made of fields written "NAME LENGTH:VALUE\n" exactly as in
 * alliance_note_dup_signed_content() (LENGTH is the VALUE's length in
 * bytes, in decimal). In order:
 *
 *     alliance-meeting 1:1         the format's version
 *     date 10:2026-10-28           the meeting's date
 *     supervisor 11:Dr Ana Ruiz    the supervisor
 *     format 10:individual         "individual" or "group"
 *     period-start 10:2026-09-30   the period reviewed ("" for none)
 *     period-end 10:2026-10-27
 *     notes 0:                     the general notes
 *     client 2:12                  then, for each discussion in agenda
 *     question 4:Why?              order: the client's id in decimal, the
 *     discussion 9:We talked       question and what was said; then each
 *     excerpt-note 3:104           excerpt in order (the id of its note,
 *     excerpt 14:[name] said no    and its text as approved, masks applied),
 *     action 16:Review the goals   then each action item's text in order.
 *     ...
 *
 * A NULL text counts as "". Client ids stand for the clients: a meeting
 * names nobody. The date an action item was done is left out on purpose,
 * as it is the one thing that may change after signing; the signer and
 * the time are stored beside the hash, as for notes. Because every value
 * is length-prefixed and every field named, two different meetings never
 * give the same content.
 */
char *
alliance_meeting_dup_signed_content (const AllianceMeeting *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->format < ALLIANCE_N_SUPERVISION_FORMATS, NULL);

  alliance_signed_text_append (out, "alliance-meeting", "1");
  alliance_signed_text_append (out, "date", self->meeting_date);
  alliance_signed_text_append (out, "supervisor", self->supervisor);
  alliance_signed_text_append (out, "format", formats[self->format].id);
  alliance_signed_text_append (out, "period-start", self->period_start);
  alliance_signed_text_append (out, "period-end", self->period_end);
  alliance_signed_text_append (out, "notes", self->notes);
  for (guint i = 0; self->discussions != NULL && i < self->discussions->len; i++)
    {
      const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (self->discussions, i);

      alliance_signed_text_append_id (out, "client", discussion->client_id);
      alliance_signed_text_append (out, "question", discussion->question);
      alliance_signed_text_append (out, "discussion", discussion->discussion);
      for (guint j = 0; discussion->excerpts != NULL && j < discussion->excerpts->len; j++)
        {
          const AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, j);

          alliance_signed_text_append_id (out, "excerpt-note", excerpt->note_id);
          alliance_signed_text_append (out, "excerpt", excerpt->text);
        }
      for (guint j = 0; discussion->action_items != NULL && j < discussion->action_items->len; j++)
        {
          const AllianceActionItem *item = g_ptr_array_index (discussion->action_items, j);

          alliance_signed_text_append (out, "action", item->text);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
alliance_meeting_compute_sha256 (const AllianceMeeting *self)
{
  g_autofree char *content = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  content = alliance_meeting_dup_signed_content (self);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
}

/**
 * alliance_meeting_addendum_compute_sha256:
 * @meeting_sha256: the content_sha256 of the signed meeting it is added to
 *
 * The SHA-256 of the canonical text an addendum's signature covers, in the
 * format of alliance_meeting_dup_signed_content():
 *
 *   alliance-meeting-addendum 1:1\n
 *   meeting 64:<the meeting's SHA-256>\n
 *   signed-at 20:2026-11-27T09:05:00Z\n
 *   signed-by 13:Dr Sam Rivera\n
 *   body N:<text>\n
 *
 * Chaining the meeting's hash ties the addendum to exactly that meeting.
 */
char *
alliance_meeting_addendum_compute_sha256 (const AllianceMeetingAddendum *self,
                                          const char                    *meeting_sha256)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  alliance_signed_text_append (out, "alliance-meeting-addendum", "1");
  alliance_signed_text_append (out, "meeting", meeting_sha256);
  alliance_signed_text_append (out, "signed-at", self->signed_at);
  alliance_signed_text_append (out, "signed-by", self->signed_by);
  alliance_signed_text_append (out, "body", self->body);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, (gssize)out->len);
}
