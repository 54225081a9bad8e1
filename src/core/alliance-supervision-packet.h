/* alliance-supervision-packet.h
 *
 * The de-identified supervision packet, for print and PDF: a cover page
 * (period, number of clients, "Confidential — prepared for clinical
 * supervision"), then per client its code, age band, status, sessions as
 * "week N · session N" (never a calendar date), the alliance graph (by
 * session number, titled with the code), flags in words, the rupture and
 * repair log, the therapist's question and the excerpts chosen and masked
 * in the app (masked again on the way in, to be sure). Page numbers and a
 * watermark on every page. Nothing identifying — no name, birth date,
 * contact detail or calendar date of a session — reaches the pages.
 *
 * Built on AlliancePageLayout, like the clinical record.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "alliance-client-store.h"
#include "alliance-flags.h"
#include "alliance-page-layout.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char    *from;          /* "YYYY-MM-DD", inclusive */
  const char    *to;
  const gint64  *client_ids;    /* in the packet's order; NULL: the agenda's clients, or
                                 * with no agenda every client of the review (flagged first) */
  guint          n_client_ids;
  gint64         meeting_id;    /* questions and excerpts from this meeting; 0: the agenda */
  const AllianceFlagSettings *settings;  /* NULL: the defaults */
  const GDate   *today;         /* for age bands and flags */
} AlliancePacketOptions;

#define ALLIANCE_TYPE_SUPERVISION_PACKET (alliance_supervision_packet_get_type ())

G_DECLARE_FINAL_TYPE (AllianceSupervisionPacket, alliance_supervision_packet, ALLIANCE, SUPERVISION_PACKET, GObject)

AllianceSupervisionPacket *alliance_supervision_packet_new        (AllianceClientStore        *clients,
                                                                   AllianceSessionStore       *sessions,
                                                                   AllianceRatingStore        *ratings,
                                                                   AllianceSupervisionStore   *supervision,
                                                                   const AlliancePacketOptions *options,
                                                                   GError                    **error);
guint                      alliance_supervision_packet_get_n_clients (AllianceSupervisionPacket *self);
AlliancePageLayout        *alliance_supervision_packet_get_layout (AllianceSupervisionPacket  *self);
/* Temporary file renamed into place, 0600; no partial file on failure. */
gboolean                   alliance_supervision_packet_write_pdf  (AllianceSupervisionPacket  *self,
                                                                   const char                 *path,
                                                                   GError                    **error);

G_END_DECLS
