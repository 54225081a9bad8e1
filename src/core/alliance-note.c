/* alliance-note.c
 *
 * Templates and their sections, and the exact text a signature covers.
 */
#define G_LOG_DOMAIN "alliance-note"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-note.h"
#include "alliance-signed-text.h"
#include "alliance-text.h"

G_DEFINE_BOXED_TYPE (AllianceNote, alliance_note, alliance_note_copy, alliance_note_free)

#define MAX_SECTIONS 4

typedef struct
{
  const char *id;      /* stored in note_sections.section; never translated */
  const char *label;
} Section;

static const struct
{
  const char *id;      /* stored in notes.template */
  const char *label;
  guint       n_sections;
  Section     sections[MAX_SECTIONS];
} templates[ALLIANCE_NOTE_N_TEMPLATES] = {
  [ALLIANCE_NOTE_TEMPLATE_SOAP] = {
    /* Translators: a note template: Subjective, Objective, Assessment, Plan */
    "soap", N_("SOAP"), 4, {
      /* Translators: a section of a SOAP note: what the client reports */
      { "subjective", N_("Subjective") },
      /* Translators: a section of a SOAP note: what the therapist observed */
      { "objective", N_("Objective") },
      /* Translators: a section of a SOAP, DAP or BIRP note: the therapist's clinical assessment */
      { "assessment", N_("Assessment") },
      /* Translators: a section of a progress note: next steps and the next session */
      { "plan", N_("Plan") },
    },
  },
  [ALLIANCE_NOTE_TEMPLATE_DAP] = {
    /* Translators: a note template: Data, Assessment, Plan */
    "dap", N_("DAP"), 3, {
      /* Translators: a section of a DAP note: what was said and observed in the session */
      { "data", N_("Data") },
      { "assessment", N_("Assessment") },
      { "plan", N_("Plan") },
    },
  },
  [ALLIANCE_NOTE_TEMPLATE_BIRP] = {
    /* Translators: a note template: Behaviour, Intervention, Response, Plan */
    "birp", N_("BIRP"), 4, {
      /* Translators: a section of a BIRP note: the client's presentation and behaviour */
      { "behavior", N_("Behaviour") },
      /* Translators: a section of a BIRP note: what the therapist did */
      { "intervention", N_("Intervention") },
      /* Translators: a section of a BIRP note: how the client responded to the intervention */
      { "response", N_("Response") },
      { "plan", N_("Plan") },
    },
  },
  [ALLIANCE_NOTE_TEMPLATE_FREE] = {
    /* Translators: a note template: one free-text section */
    "free", N_("Free text"), 1, {
      /* Translators: the one section of a free-text progress note */
      { "note", N_("Note") },
    },
  },
};

guint
alliance_note_template_get_n_sections (AllianceNoteTemplate template_id)
{
  g_return_val_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES, 0);

  return templates[template_id].n_sections;
}

const char *
alliance_note_template_get_section_id (AllianceNoteTemplate template_id,
                                       guint                position)
{
  g_return_val_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES, NULL);
  g_return_val_if_fail (position < templates[template_id].n_sections, NULL);

  return templates[template_id].sections[position].id;
}

const char *
alliance_note_template_get_section_label (AllianceNoteTemplate template_id,
                                          guint                position)
{
  g_return_val_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES, NULL);
  g_return_val_if_fail (position < templates[template_id].n_sections, NULL);

  return _(templates[template_id].sections[position].label);
}

const char *
alliance_note_template_to_string (AllianceNoteTemplate template_id)
{
  g_return_val_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES, NULL);

  return templates[template_id].id;
}

gboolean
alliance_note_template_from_string (const char           *text,
                                    AllianceNoteTemplate *template_id)
{
  g_return_val_if_fail (template_id != NULL, FALSE);

  for (guint i = 0; i < ALLIANCE_NOTE_N_TEMPLATES; i++)
    if (g_strcmp0 (text, templates[i].id) == 0)
      {
        *template_id = (AllianceNoteTemplate)i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_note_template_get_label (AllianceNoteTemplate template_id)
{
  g_return_val_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES, NULL);

  return _(templates[template_id].label);
}

static GStrv
new_empty_sections (guint n_sections)
{
  GStrv sections = g_new0 (char *, n_sections + 1);

  for (guint i = 0; i < n_sections; i++)
    sections[i] = g_strdup ("");
  return sections;
}

AllianceNote *
alliance_note_new (gint64               session_id,
                   AllianceNoteTemplate template_id)
{
  AllianceNote *self;

  g_return_val_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES, NULL);

  self = g_new0 (AllianceNote, 1);
  self->session_id = session_id;
  self->template_id = template_id;
  self->sections = new_empty_sections (templates[template_id].n_sections);
  self->process_note = g_strdup ("");
  self->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_addendum_free);
  return self;
}

AllianceAddendum *
alliance_addendum_copy (const AllianceAddendum *self)
{
  AllianceAddendum *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->body = g_strdup (self->body);
  copy->signed_at = g_strdup (self->signed_at);
  copy->signed_by = g_strdup (self->signed_by);
  copy->content_sha256 = g_strdup (self->content_sha256);
  return copy;
}

void
alliance_addendum_free (AllianceAddendum *self)
{
  if (self == NULL)
    return;

  g_free (self->body);
  g_free (self->signed_at);
  g_free (self->signed_by);
  g_free (self->content_sha256);
  g_free (self);
}

AllianceNote *
alliance_note_copy (const AllianceNote *self)
{
  AllianceNote *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->sections = g_strdupv (self->sections);
  copy->process_note = g_strdup (self->process_note);
  copy->signed_at = g_strdup (self->signed_at);
  copy->signed_by = g_strdup (self->signed_by);
  copy->content_sha256 = g_strdup (self->content_sha256);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  copy->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_addendum_free);
  for (guint i = 0; self->addenda != NULL && i < self->addenda->len; i++)
    g_ptr_array_add (copy->addenda, alliance_addendum_copy (g_ptr_array_index (self->addenda, i)));
  return copy;
}

void
alliance_note_free (AllianceNote *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->sections);
  g_free (self->process_note);
  g_free (self->signed_at);
  g_free (self->signed_by);
  g_free (self->content_sha256);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_clear_pointer (&self->addenda, g_ptr_array_unref);
  g_free (self);
}

gboolean
alliance_note_is_signed (const AllianceNote *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->signed_at != NULL;
}

/* The text of section @position, "" when the array is shorter. */
static const char *
section_text (const AllianceNote *self,
              guint               position)
{
  if (self->sections == NULL)
    return "";
  for (guint i = 0; i <= position; i++)
    if (self->sections[i] == NULL)
      return "";
  return self->sections[position];
}

/**
 * alliance_note_is_empty:
 *
 * Whether every section and the process note are blank (white space
 * only): such a note cannot be signed.
 */
gboolean
alliance_note_is_empty (const AllianceNote *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; self->sections != NULL && self->sections[i] != NULL; i++)
    if (!alliance_text_is_blank (self->sections[i]))
      return FALSE;
  return alliance_text_is_blank (self->process_note);
}

/**
 * alliance_note_set_template:
 *
 * Changes a draft's template: the sections become the new template's,
 * keeping the text of any section the two templates share (a SOAP note's
 * Assessment and Plan become DAP's), and dropping the others. A UI should
 * ask before it drops text (see alliance_note_template_change_drops_text()).
 */
void
alliance_note_set_template (AllianceNote         *self,
                            AllianceNoteTemplate  template_id)
{
  GStrv sections;

  g_return_if_fail (self != NULL);
  g_return_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES);

  if (template_id == self->template_id)
    return;

  sections = new_empty_sections (templates[template_id].n_sections);
  for (guint i = 0; i < templates[template_id].n_sections; i++)
    for (guint j = 0; j < templates[self->template_id].n_sections; j++)
      if (strcmp (templates[template_id].sections[i].id, templates[self->template_id].sections[j].id) == 0)
        {
          g_free (sections[i]);
          sections[i] = g_strdup (section_text (self, j));
        }

  g_strfreev (self->sections);
  self->sections = sections;
  self->template_id = template_id;
}

/**
 * alliance_note_template_change_drops_text:
 *
 * Whether alliance_note_set_template() with @template_id would drop a
 * section that is not blank.
 */
gboolean
alliance_note_template_change_drops_text (const AllianceNote   *self,
                                          AllianceNoteTemplate  template_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (template_id < ALLIANCE_NOTE_N_TEMPLATES, FALSE);

  for (guint j = 0; self->sections != NULL && self->sections[j] != NULL; j++)
    {
      gboolean kept = FALSE;

      if (j < templates[self->template_id].n_sections)
        for (guint i = 0; i < templates[template_id].n_sections; i++)
          kept |= strcmp (templates[template_id].sections[i].id, templates[self->template_id].sections[j].id) == 0;
      if (!kept && !alliance_text_is_blank (self->sections[j]))
        return TRUE;
    }
  return FALSE;
}

/**
 * alliance_note_dup_signed_content:
 *
 * The canonical text a note's signature covers: the input of its SHA-256.
 * Changing this format would make every signature made before unverifiable;
 * a new format needs a new version number.
 *
 * UTF-8 text made of fields, each written "NAME LENGTH:VALUE\n", where
 * LENGTH is the VALUE's length in bytes, in decimal. In order:
 *
 *     alliance-note 1:1            the format's version
 *     template 4:soap              the template's id
 *     section 10:subjective        then, for each section of the template
 *     text 11:Slept badly          in order, its id and its text
 *     ...
 *     process 0:                   the process note
 *
 * A section missing from @self->sections counts as "". Because every value
 * is length-prefixed, no text (however many new lines or "text 3:" it
 * holds) can be mistaken for a field boundary: two different notes never
 * give the same content.
 */
char *
alliance_note_dup_signed_content (const AllianceNote *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_sections;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->template_id < ALLIANCE_NOTE_N_TEMPLATES, NULL);

  n_sections = templates[self->template_id].n_sections;

  alliance_signed_text_append (out, "alliance-note", "1");
  alliance_signed_text_append (out, "template", templates[self->template_id].id);
  for (guint i = 0; i < n_sections; i++)
    {
      alliance_signed_text_append (out, "section", templates[self->template_id].sections[i].id);
      alliance_signed_text_append (out, "text", section_text (self, i));
    }
  alliance_signed_text_append (out, "process", self->process_note ? self->process_note : "");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Hex SHA-256 of @content. */
static char *
sha256_hex (const char *content)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
}

char *
alliance_note_compute_sha256 (const AllianceNote *self)
{
  g_autofree char *content = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  content = alliance_note_dup_signed_content (self);
  return sha256_hex (content);
}

/**
 * alliance_addendum_dup_signed_content:
 * @note_sha256: the content_sha256 of the signed note it is added to
 *
 * The canonical text an addendum's signature covers, in the format of
 * alliance_note_dup_signed_content():
 *
 *   alliance-addendum 1:1\n
 *   note 64:<the note's SHA-256>\n
 *   signed-at 20:2026-11-27T09:05:00Z\n
 *   signed-by 13:Dr Sam Rivera\n
 *   body N:<text>\n
 *
 * Chaining the note's hash ties the addendum to exactly that note.
 */
char *
alliance_addendum_dup_signed_content (const AllianceAddendum *self,
                                      const char             *note_sha256)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  alliance_signed_text_append (out, "alliance-addendum", "1");
  alliance_signed_text_append (out, "note", note_sha256 ? note_sha256 : "");
  alliance_signed_text_append (out, "signed-at", self->signed_at ? self->signed_at : "");
  alliance_signed_text_append (out, "signed-by", self->signed_by ? self->signed_by : "");
  alliance_signed_text_append (out, "body", self->body ? self->body : "");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
alliance_addendum_compute_sha256 (const AllianceAddendum *self,
                                  const char             *note_sha256)
{
  g_autofree char *content = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  content = alliance_addendum_dup_signed_content (self, note_sha256);
  return sha256_hex (content);
}
