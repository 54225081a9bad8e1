/* alliance-note.h
 *
 * A session's progress note: a template's labelled sections, an optional
 * therapist-only process note, and once signed, who signed it, when, and a
 * SHA-256 of exactly what was signed. Signed notes never change; addenda
 * (dated, signed) are added below them.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_NOTE_TEMPLATE_SOAP,
  ALLIANCE_NOTE_TEMPLATE_DAP,
  ALLIANCE_NOTE_TEMPLATE_BIRP,
  ALLIANCE_NOTE_TEMPLATE_FREE,
  ALLIANCE_NOTE_N_TEMPLATES,
} AllianceNoteTemplate;

typedef struct
{
  gint64  id;
  gint64  note_id;
  char   *body;
  char   *signed_at;        /* UTC timestamp */
  char   *signed_by;
  char   *content_sha256;   /* hex */
} AllianceAddendum;

typedef struct
{
  gint64                id;              /* 0 until first saved */
  gint64                session_id;
  AllianceNoteTemplate  template_id;
  GStrv                 sections;        /* one text per section of the template, in order */
  char                 *process_note;    /* therapist-only; "" when none */
  char                 *signed_at;       /* NULL while a draft */
  char                 *signed_by;
  char                 *content_sha256;
  char                 *created_at;
  char                 *updated_at;
  GPtrArray            *addenda;         /* AllianceAddendum, oldest first */
} AllianceNote;

#define ALLIANCE_TYPE_NOTE (alliance_note_get_type ())

GType              alliance_note_get_type                 (void) G_GNUC_CONST;
AllianceNote      *alliance_note_new                      (gint64                 session_id,
                                                           AllianceNoteTemplate   template_id);
AllianceNote      *alliance_note_copy                     (const AllianceNote    *self);
void               alliance_note_free                     (AllianceNote          *self);
gboolean           alliance_note_is_signed                (const AllianceNote    *self);
gboolean           alliance_note_is_empty                 (const AllianceNote    *self);
char              *alliance_note_dup_signed_content       (const AllianceNote    *self);
char              *alliance_note_compute_sha256           (const AllianceNote    *self);
void               alliance_note_set_template             (AllianceNote          *self,
                                                           AllianceNoteTemplate   template_id);
gboolean           alliance_note_template_change_drops_text (const AllianceNote  *self,
                                                           AllianceNoteTemplate   template_id);

AllianceAddendum  *alliance_addendum_copy                 (const AllianceAddendum *self);
void               alliance_addendum_free                 (AllianceAddendum      *self);
char              *alliance_addendum_dup_signed_content   (const AllianceAddendum *self,
                                                           const char            *note_sha256);
char              *alliance_addendum_compute_sha256       (const AllianceAddendum *self,
                                                           const char            *note_sha256);

guint              alliance_note_template_get_n_sections  (AllianceNoteTemplate   template_id);
const char        *alliance_note_template_get_section_id  (AllianceNoteTemplate   template_id,
                                                           guint                  position);
const char        *alliance_note_template_get_section_label (AllianceNoteTemplate template_id,
                                                           guint                  position);
const char        *alliance_note_template_to_string       (AllianceNoteTemplate   template_id);
gboolean           alliance_note_template_from_string     (const char            *text,
                                                           AllianceNoteTemplate  *template_id);
const char        *alliance_note_template_get_label       (AllianceNoteTemplate   template_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceNote, alliance_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceAddendum, alliance_addendum_free)

G_END_DECLS
