/* alliance-redaction.h
 *
 * Finds what could identify a client in a piece of note text — names,
 * places, phone numbers, e-mail addresses, dates — so that excerpts for a
 * de-identified supervision packet can be masked. Detection errs towards
 * masking too much: the therapist reviews the result and can mask more.
 * Pure text in, spans out; no database.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_REDACTION_NAME,      /* a known name, or a capitalised word that may be one */
  ALLIANCE_REDACTION_PLACE,     /* a capitalised word after "in", "at", "from", "to", "near"… */
  ALLIANCE_REDACTION_PHONE,
  ALLIANCE_REDACTION_EMAIL,
  ALLIANCE_REDACTION_DATE,      /* 2025-03-04, 4/3/2025, 4 March, March 4th 2025… */
  ALLIANCE_REDACTION_MANUAL,    /* masked by the therapist */
  ALLIANCE_N_REDACTION_KINDS,
} AllianceRedactionKind;

/* Bytes [start, end) of the text. */
typedef struct
{
  gsize                  start;
  gsize                  end;
  AllianceRedactionKind  kind;
} AllianceRedactionSpan;

#define ALLIANCE_TYPE_REDACTOR (alliance_redactor_get_type ())

G_DECLARE_FINAL_TYPE (AllianceRedactor, alliance_redactor, ALLIANCE, REDACTOR, GObject)

AllianceRedactor *alliance_redactor_new         (void);
/* Names always masked wherever they appear as whole words, in any case and
 * with or without accents ("Zoë" also finds "Zoe"); each part of a
 * hyphenated or multi-word name counts too. NULL and "" are ignored. */
void              alliance_redactor_add_name    (AllianceRedactor  *self,
                                                 const char        *name);
/* Every name of every client in the database (given, family, preferred,
 * emergency contact), for the packet and the excerpt dialog. */
void              alliance_redactor_add_names   (AllianceRedactor  *self,
                                                 const char *const *names);
/* Spans found in @text: sorted, non-overlapping (touching spans merged
 * when of one kind), on UTF-8 character boundaries. */
GArray           *alliance_redactor_detect      (AllianceRedactor  *self,
                                                 const char        *text);
/* @text with each span replaced by its kind's mask ("[name]", "[place]",
 * "[phone]", "[e-mail]", "[date]", "[masked]"; translated). @spans must be
 * sorted and non-overlapping. */
char             *alliance_redaction_apply      (const char        *text,
                                                 const GArray      *spans);
/* @spans with [start, end) added as a manual span, overlapping spans merged. */
void              alliance_redaction_add_span   (GArray            *spans,
                                                 gsize              start,
                                                 gsize              end,
                                                 AllianceRedactionKind kind);
const char       *alliance_redaction_kind_get_mask (AllianceRedactionKind kind);

G_END_DECLS
