/* alliance-supervision-packet.c
 *
 * Everything is read first, then turned into page blocks, as the clinical
 * record does: the pages of one print job or one PDF show one state of the
 * records, and a packet that cannot be read completely is not made.
 *
 * De-identification happens here, by construction rather than by
 * scrubbing the finished pages: the code is the only identifier written;
 * the age is a band; sessions and events are placed by week of therapy and
 * session number; the graph is drawn by session number from chart data
 * whose dates are blanked; a flag's reason is written from the flag's
 * dates as weeks and session numbers, never with a calendar date to clean
 * out afterwards (alliance_flag_describe); every free text — an event's
 * note, the therapist's question, the excerpts (masked once already when
 * chosen) — goes through the redactor with every client's names.
 */
#define G_LOG_DOMAIN "alliance-supervision-packet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-chart-builder.h"
#include "alliance-chart-renderer.h"
#include "alliance-chart-style.h"
#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-redaction.h"
#include "alliance-supervision-packet.h"
#include "alliance-supervision-review.h"
#include "alliance-text.h"

struct _AllianceSupervisionPacket
{
  GObject             parent_instance;

  AlliancePageLayout *layout;
  guint               n_clients;
};

G_DEFINE_FINAL_TYPE (AllianceSupervisionPacket, alliance_supervision_packet, G_TYPE_OBJECT)

/* One client's part, read whole before anything is laid out. */
typedef struct
{
  AllianceReviewEntry *entry;
  AllianceClient      *client;
  GHashTable          *sessions;      /* id → AllianceSession *, every session of the client */
  GPtrArray           *session_list;  /* owns them */
  GPtrArray           *events;        /* AllianceSessionEvent *, every event, oldest first */
  AllianceChartData   *chart;
  char                *week_start;    /* "YYYY-MM-DD": week 1 starts here */
  char                *question;      /* as stored, or NULL */
  GPtrArray           *excerpts;      /* char *, as stored */
} PacketClient;

typedef struct
{
  char              *from;
  char              *to;
  GDate              today;
  GPtrArray         *clients;         /* PacketClient * */
  AllianceRedactor  *redactor;
} Packet;

/* A graph on the page: its own data and style, so the layout can outlive
 * the packet (a print job holds the layout). */
typedef struct
{
  AllianceChartData  *data;
  AllianceChartStyle  style;
} ChartFigure;

#define CHART_HEIGHT         230.0
#define CHART_OUTCOME_HEIGHT 330.0
#define ITEM_INDENT          12.0

static void
packet_client_free (PacketClient *client)
{
  g_clear_pointer (&client->entry, alliance_review_entry_free);
  g_clear_pointer (&client->client, alliance_client_free);
  g_clear_pointer (&client->sessions, g_hash_table_unref);
  g_clear_pointer (&client->session_list, g_ptr_array_unref);
  g_clear_pointer (&client->events, g_ptr_array_unref);
  g_clear_pointer (&client->chart, alliance_chart_data_free);
  g_free (client->week_start);
  g_free (client->question);
  g_clear_pointer (&client->excerpts, g_ptr_array_unref);
  g_free (client);
}

static void
packet_clear (Packet *packet)
{
  g_clear_pointer (&packet->from, g_free);
  g_clear_pointer (&packet->to, g_free);
  g_clear_pointer (&packet->clients, g_ptr_array_unref);
  g_clear_object (&packet->redactor);
}

static void
chart_figure_free (ChartFigure *figure)
{
  alliance_chart_data_free (figure->data);
  alliance_chart_style_clear (&figure->style);
  g_free (figure);
}

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  ChartFigure *figure = user_data;

  alliance_chart_draw (cr, width, height, figure->data, &figure->style);
}

/* ---------------------------------------------------------------------- */
/* Wording without dates                                                   */

static const AllianceSession *
find_session (const PacketClient *client,
              gint64              session_id)
{
  return g_hash_table_lookup (client->sessions, &session_id);
}

/* "Week 3 · session 2" for a session of the client; missed sessions have
 * no number and are placed by their week alone. */
static char *
describe_session_time (const PacketClient    *client,
                       const AllianceSession *session)
{
  return alliance_review_describe_session_time (client->week_start, session->starts_at, session->number);
}

static char *
describe_event_time (const PacketClient         *client,
                     const AllianceSessionEvent *event)
{
  const AllianceSession *session = find_session (client, event->session_id);

  if (session != NULL)
    return describe_session_time (client, session);
  return alliance_review_describe_session_time (client->week_start, event->occurred_at, 0);
}

/* @text with everything the redactor takes for a name, place, phone,
 * e-mail or date masked. */
static char *
redact (Packet     *packet,
        const char *text)
{
  g_autoptr(GArray) spans = alliance_redactor_detect (packet->redactor, text);

  return alliance_redaction_apply (text, spans);
}

/* @text with only what looks like a date masked: for sentences the app
 * wrote itself, whose capitalised words are no names. */
static char *
mask_dates (Packet     *packet,
            const char *text)
{
  g_autoptr(GArray) spans = alliance_redactor_detect (packet->redactor, text);
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (AllianceRedactionSpan));

  for (guint i = 0; i < spans->len; i++)
    {
      const AllianceRedactionSpan *span = &g_array_index (spans, AllianceRedactionSpan, i);

      if (span->kind == ALLIANCE_REDACTION_DATE)
        g_array_append_val (dates, *span);
    }
  return alliance_redaction_apply (text, dates);
}

/* A flag's reason with its dates said as "week 3 · session 2": written
 * so from the dates the flag keeps as data, not cleaned of calendar dates
 * afterwards. The redactor still masks anything date-like, in case the
 * words a user defined (a measure's name, an item's) hold one. */
static char *
describe_flag_reason (Packet             *packet,
                      const PacketClient *client,
                      const AllianceFlag *flag)
{
  g_autofree char *reason = alliance_flag_describe (flag, alliance_review_describe_flag_date, client->week_start);

  return mask_dates (packet, reason);
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

typedef struct
{
  GPtrArray *names;
} NameCollector;

static void
collect_names_cb (const AllianceClientListing *listing,
                  gpointer                     user_data)
{
  NameCollector *collector = user_data;

  g_ptr_array_add (collector->names, g_strdup (listing->given_name));
  g_ptr_array_add (collector->names, g_strdup (listing->family_name));
  g_ptr_array_add (collector->names, g_strdup (listing->preferred_name));
}

/* Every client's names, and the emergency contacts of those in the packet
 * (their records are loaded anyway). */
static gboolean
build_redactor (AllianceClientStore *clients,
                Packet              *packet,
                GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  NameCollector collector = { names };

  if (!alliance_client_store_foreach_listing (clients, collect_names_cb, &collector, error))
    return FALSE;
  for (guint i = 0; i < packet->clients->len; i++)
    {
      const PacketClient *client = g_ptr_array_index (packet->clients, i);

      g_ptr_array_add (names, g_strdup (client->client->emergency_name));
      g_ptr_array_add (names, g_strdup (client->client->given_name));
      g_ptr_array_add (names, g_strdup (client->client->family_name));
      g_ptr_array_add (names, g_strdup (client->client->preferred_name));
    }

  packet->redactor = alliance_redactor_new ();
  for (guint i = 0; i < names->len; i++)
    alliance_redactor_add_name (packet->redactor, g_ptr_array_index (names, i));
  return TRUE;
}

/* The chart by session number up to the period's end, with its outcome
 * panel; its dates blanked, since nothing on a packet's page may carry one. */
static AllianceChartData *
build_chart (AllianceSessionStore *sessions,
             AllianceRatingStore  *ratings,
             gint64                client_id,
             const char           *to,
             GError              **error)
{
  AllianceChartOptions options;
  AllianceChartData *data;
  GPtrArray *all_series;

  alliance_chart_options_init (&options);
  options.x_mode = ALLIANCE_CHART_X_SESSION;
  options.outcome_key = "";
  options.to_date = to;
  data = alliance_chart_data_build (sessions, ratings, client_id, &options, error);
  if (data == NULL)
    return NULL;

  all_series = g_ptr_array_new ();
  for (guint i = 0; i < data->series->len; i++)
    {
      AllianceChartSeries *series = g_ptr_array_index (data->series, i);

      /* The supervisor reads it, not the therapist who predicted. */
      if (series->kind == ALLIANCE_CHART_SERIES_PREDICTION)
        {
          g_free (series->label);
          /* Translators: the therapist's prediction of the client's score, on a supervision packet's graph */
          series->label = g_strdup (_("Therapist’s prediction"));
        }
      g_ptr_array_add (all_series, series);
    }
  if (data->outcome != NULL)
    g_ptr_array_add (all_series, data->outcome->series);
  for (guint s = 0; s < all_series->len; s++)
    {
      AllianceChartSeries *series = g_ptr_array_index (all_series, s);

      for (guint i = 0; i < series->points->len; i++)
        memset (g_array_index (series->points, AllianceChartPoint, i).date, 0, 11);
    }
  g_ptr_array_unref (all_series);
  for (guint i = 0; i < data->events->len; i++)
    memset (g_array_index (data->events, AllianceChartEvent, i).date, 0, 11);
  for (guint i = 0; i < data->missed->len; i++)
    memset (g_array_index (data->missed, AllianceChartMissed, i).date, 0, 11);
  g_clear_pointer (&data->first_date, g_free);
  g_clear_pointer (&data->last_date, g_free);
  return data;
}

static gboolean
load_client (AllianceClientStore   *clients,
             AllianceSessionStore  *sessions,
             AllianceRatingStore   *ratings,
             const AllianceMeeting *meeting,
             Packet                *packet,
             PacketClient          *client,
             GError               **error)
{
  const AllianceSupervisionDiscussion *discussion = NULL;
  gint64 client_id = client->entry->client_id;
  const char *first_session = NULL;

  client->client = alliance_client_store_load (clients, client_id, error);
  if (client->client == NULL)
    return FALSE;
  client->session_list = alliance_session_store_list_sessions (sessions, client_id, error);
  if (client->session_list == NULL)
    return FALSE;
  client->events = alliance_rating_store_list_client_events (ratings, client_id, error);
  if (client->events == NULL)
    return FALSE;
  client->chart = build_chart (sessions, ratings, client_id, packet->to, error);
  if (client->chart == NULL)
    return FALSE;

  client->sessions = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < client->session_list->len; i++)
    {
      AllianceSession *session = g_ptr_array_index (client->session_list, i);

      g_hash_table_insert (client->sessions, &session->id, session);
      if (session->error_reason == NULL)
        first_session = session->starts_at;   /* newest first: the last one seen is the oldest */
    }
  if (client->entry->start_date != NULL)
    client->week_start = g_strdup (client->entry->start_date);
  else if (first_session != NULL)
    client->week_start = g_strndup (first_session, 10);

  if (meeting != NULL)
    discussion = alliance_meeting_find_discussion (meeting, client_id);
  client->excerpts = g_ptr_array_new_with_free_func (g_free);
  if (discussion != NULL)
    {
      if (!alliance_text_is_blank (discussion->question))
        client->question = g_strdup (discussion->question);
      for (guint i = 0; discussion->excerpts != NULL && i < discussion->excerpts->len; i++)
        {
          const AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, i);

          if (!alliance_text_is_blank (excerpt->text))
            g_ptr_array_add (client->excerpts, g_strdup (excerpt->text));
        }
    }
  else if (!alliance_text_is_blank (client->entry->question))
    client->question = g_strdup (client->entry->question);
  return TRUE;
}

/* Which clients, in which order: those asked for; or the meeting's (the
 * agenda's) clients; or, with neither, the whole review list. */
static GPtrArray *
build_entries (AllianceClientStore         *clients,
               AllianceSessionStore        *sessions,
               AllianceRatingStore         *ratings,
               AllianceSupervisionStore    *supervision,
               const AlliancePacketOptions *options,
               const AllianceFlagSettings  *settings,
               const GDate                 *today,
               const AllianceMeeting       *meeting,
               GError                     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_review_entry_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (options->client_ids != NULL)
    g_array_append_vals (ids, options->client_ids, options->n_client_ids);
  else if (meeting != NULL && meeting->discussions != NULL && meeting->discussions->len > 0)
    for (guint i = 0; i < meeting->discussions->len; i++)
      {
        const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (meeting->discussions, i);

        g_array_append_val (ids, discussion->client_id);
      }
  else
    return alliance_supervision_review_build (clients, sessions, ratings, supervision, options->from, options->to,
                                              settings, today, error);

  for (guint i = 0; i < ids->len; i++)
    {
      AllianceReviewEntry *entry =
        alliance_supervision_review_build_entry (clients, sessions, ratings, supervision, g_array_index (ids, gint64, i),
                                                 options->from, options->to, settings, today, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static gboolean
load_packet (AllianceClientStore         *clients,
             AllianceSessionStore        *sessions,
             AllianceRatingStore         *ratings,
             AllianceSupervisionStore    *supervision,
             const AlliancePacketOptions *options,
             Packet                      *packet,
             GError                     **error)
{
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AllianceFlagSettings defaults;
  const AllianceFlagSettings *settings = options->settings;
  GDate from, to;

  if (!alliance_date_parse (options->from, &from, error) || !alliance_date_parse (options->to, &to, error))
    return FALSE;
  if (g_date_compare (&from, &to) > 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
                           _("The period must not end before it starts."));
      return FALSE;
    }
  packet->from = g_strdup (options->from);
  packet->to = g_strdup (options->to);
  if (options->today != NULL)
    packet->today = *options->today;
  else
    alliance_date_get_today (&packet->today);
  if (settings == NULL)
    {
      alliance_flag_settings_init (&defaults);
      settings = &defaults;
    }

  if (options->meeting_id != 0)
    meeting = alliance_supervision_store_load_meeting (supervision, options->meeting_id, error);
  else
    {
      GError *agenda_error = NULL;

      meeting = alliance_supervision_store_load_agenda (supervision, &agenda_error);
      if (agenda_error != NULL)
        {
          g_propagate_error (error, agenda_error);
          return FALSE;
        }
    }
  if (options->meeting_id != 0 && meeting == NULL)
    return FALSE;
  entries = build_entries (clients, sessions, ratings, supervision, options, settings, &packet->today, meeting, error);
  if (entries == NULL)
    return FALSE;

  packet->clients = g_ptr_array_new_with_free_func ((GDestroyNotify)packet_client_free);
  for (guint i = 0; i < entries->len; i++)
    {
      PacketClient *client = g_new0 (PacketClient, 1);

      client->entry = g_ptr_array_index (entries, i);
      g_ptr_array_index (entries, i) = NULL;
      g_ptr_array_add (packet->clients, client);
      if (!load_client (clients, sessions, ratings, meeting, packet, client, error))
        return FALSE;
    }
  return build_redactor (clients, packet, error);
}

/* ---------------------------------------------------------------------- */
/* Blocks                                                                  */

static void
add_line (GString *lines,
          char    *line)
{
  if (lines->len > 0)
    g_string_append_c (lines, '\n');
  g_string_append (lines, line);
  g_free (line);
}

static char *
describe_period (const Packet *packet)
{
  GDate from, to;
  guint days;

  alliance_date_parse (packet->from, &from, NULL);
  alliance_date_parse (packet->to, &to, NULL);
  days = (guint)(g_date_get_julian (&to) - g_date_get_julian (&from)) + 1;
  if (days % 7 == 0)
    /* Translators: the length of the period a supervision packet covers (never its dates) */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u week", "%u weeks", days / 7), days / 7);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
}

static void
add_subheading (AlliancePageLayout *layout,
                const char         *text)
{
  alliance_page_layout_add_space (layout, 12);
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_SUBHEADING, text);
  alliance_page_layout_add_space (layout, 3);
}

static void
add_cover (AlliancePageLayout *layout,
           const Packet       *packet)
{
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *period = describe_period (packet);

  /* Translators: the title on a supervision packet's cover */
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_TITLE, _("Supervision Packet"));
  alliance_page_layout_add_space (layout, 6);
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_STRONG,
                                 _("Confidential — prepared for clinical supervision"));
  alliance_page_layout_add_space (layout, 12);

  /* Translators: on a supervision packet's cover: how long a period it covers, e.g. "4 weeks" */
  add_line (facts, g_strdup_printf (_("Period: %s"), period));
  /* Translators: on a supervision packet's cover */
  add_line (facts, g_strdup_printf (_("Clients: %u"), packet->clients->len));
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, facts->str);

  alliance_page_layout_add_space (layout, 12);
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL,
                                 _("Clients appear by code only, with an age band instead of a date of birth. "
                                   "Sessions and events are placed by week of therapy and session number, "
                                   "never by date. Excerpts were chosen by the therapist; names, places, "
                                   "phone numbers, e-mail addresses and dates found in them are masked."));

  if (packet->clients->len == 0)
    {
      alliance_page_layout_add_space (layout, 12);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, _("No client is in this packet."));
      return;
    }

  add_subheading (layout, _("Contents"));
  for (guint i = 0; i < packet->clients->len; i++)
    {
      const AllianceReviewEntry *entry = ((const PacketClient *)g_ptr_array_index (packet->clients, i))->entry;
      guint n_flags = entry->flags->flags->len;

      if (n_flags == 0)
        /* Translators: a line of a supervision packet's contents: a client code, and no flags */
        add_line (contents, g_strdup_printf (_("%s — no flags"), entry->code));
      else
        /* Translators: a line of a supervision packet's contents: a client code, its flags, the worst one's severity */
        add_line (contents, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u flag (%s)", "%s — %u flags (%s)",
                                                          n_flags),
                                             entry->code, n_flags,
                                             alliance_flag_severity_get_label (entry->flags->max_severity)));
    }
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, contents->str);
}

static void
add_sessions (AlliancePageLayout *layout,
              const PacketClient *client)
{
  const AllianceReviewEntry *entry = client->entry;
  g_autoptr(GString) lines = g_string_new (NULL);

  add_subheading (layout, _("Sessions in the period"));
  for (guint i = 0; entry->sessions != NULL && i < entry->sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (entry->sessions, i);
      g_autofree char *when = describe_session_time (client, session);

      /* Translators: a session in a supervision packet: when (week and session number), then its attendance */
      add_line (lines, g_strdup_printf (_("%s — %s"), when, alliance_attendance_get_label (session->attendance)));
    }
  if (lines->len == 0)
    add_line (lines, g_strdup (_("No session in the period.")));
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, lines->str);
}

static void
add_chart (AlliancePageLayout *layout,
           PacketClient       *client)
{
  ChartFigure *figure = g_new0 (ChartFigure, 1);
  double height = client->chart->outcome != NULL ? CHART_OUTCOME_HEIGHT : CHART_HEIGHT;

  add_subheading (layout, _("Alliance over time, by session"));
  figure->data = g_steal_pointer (&client->chart);
  alliance_chart_style_init_print (&figure->style);
  alliance_page_layout_add_figure (layout, height, draw_chart_cb, figure, (GDestroyNotify)chart_figure_free);
}

static void
add_flags (AlliancePageLayout *layout,
           Packet             *packet,
           const PacketClient *client)
{
  const AllianceClientFlags *flags = client->entry->flags;

  add_subheading (layout, _("Flags"));
  if (flags->flags->len == 0)
    {
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, _("No flags."));
      return;
    }
  alliance_page_layout_set_indent (layout, ITEM_INDENT);
  for (guint i = 0; i < flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);
      g_autofree char *reason = describe_flag_reason (packet, client, flag);
      /* Translators: a flag in a supervision packet: its severity, its title, then its reason in words */
      g_autofree char *line = g_strdup_printf (_("%s · %s: %s"), alliance_flag_severity_get_label (flag->severity),
                                               alliance_flag_get_title (flag->id), reason);

      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, line);
      alliance_page_layout_add_space (layout, 3);
    }
  alliance_page_layout_set_indent (layout, 0);
}

/* The repairs of @rupture, whenever they were: the resolved one if any,
 * else the latest attempt; NULL when none. */
static const AllianceSessionEvent *
find_repair (const PacketClient         *client,
             const AllianceSessionEvent *rupture)
{
  const AllianceSessionEvent *found = NULL;

  for (guint i = 0; i < client->events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (client->events, i);

      if (event->kind != ALLIANCE_EVENT_REPAIR || event->rupture_id != rupture->id)
        continue;
      if (found == NULL || !found->resolved)
        found = event;
    }
  return found;
}

static gboolean
in_period (const Packet               *packet,
           const AllianceSessionEvent *event)
{
  return strncmp (event->occurred_at, packet->from, 10) >= 0 && strncmp (event->occurred_at, packet->to, 10) <= 0;
}

/* "Week 3 · session 2 — rupture (withdrawal), intensity 2; repaired at
 * week 4 · session 3 (Talking about what happened between us)" */
static char *
describe_rupture (const Packet               *packet,
                  const PacketClient         *client,
                  const AllianceSessionEvent *rupture)
{
  const AllianceSessionEvent *repair = find_repair (client, rupture);
  g_autofree char *when = describe_event_time (client, rupture);
  g_autofree char *what = g_strdup_printf (
    /* Translators: a rupture in a supervision packet's log: when (week and session), its type in lower case, its intensity */
    _("%s — rupture (%s), intensity %d"), when,
    rupture->rupture_type == ALLIANCE_RUPTURE_CONFRONTATION ? _("confrontation") : _("withdrawal"), rupture->intensity);
  g_autofree char *repaired_when = NULL;

  if (repair == NULL)
    /* Translators: after a rupture in a supervision packet's log */
    return g_strdup_printf (_("%s; not repaired"), what);
  repaired_when = alliance_text_lower_first (describe_event_time (client, repair));
  if (repair->resolved)
    /* Translators: after a rupture in a supervision packet's log: when it was repaired, and how */
    return g_strdup_printf (_("%s; repaired at %s (%s)"), what, repaired_when,
                            alliance_repair_strategy_get_label (repair->strategy));
  /* Translators: after a rupture in a supervision packet's log: when a repair was tried, and how */
  return g_strdup_printf (_("%s; repair tried at %s (%s), not resolved"), what, repaired_when,
                          alliance_repair_strategy_get_label (repair->strategy));
}

static void
add_event_note (AlliancePageLayout         *layout,
                Packet                     *packet,
                const AllianceSessionEvent *event)
{
  g_autofree char *note = NULL;
  g_autofree char *line = NULL;

  if (alliance_text_is_blank (event->note))
    return;
  note = redact (packet, event->note);
  /* Translators: an event's note, masked, under it in a supervision packet */
  line = g_strdup_printf (_("Note: %s"), g_strstrip (note));
  alliance_page_layout_set_indent (layout, 2 * ITEM_INDENT);
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL, line);
  alliance_page_layout_set_indent (layout, ITEM_INDENT);
}

/* Ruptures of the period, earlier ones repaired (or tried) in it, and any
 * still unrepaired, even after the period (the flags are today's); then
 * the period's boundary events. */
static void
add_events (AlliancePageLayout *layout,
            Packet             *packet,
            const PacketClient *client)
{
  gboolean any = FALSE;

  add_subheading (layout, _("Ruptures and repairs"));
  alliance_page_layout_set_indent (layout, ITEM_INDENT);
  for (guint i = 0; i < client->events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (client->events, i);
      const AllianceSessionEvent *repair;
      g_autofree char *line = NULL;

      if (event->kind != ALLIANCE_EVENT_RUPTURE)
        continue;
      repair = find_repair (client, event);
      if (!in_period (packet, event) && !(repair != NULL && in_period (packet, repair)) &&
          !(repair == NULL || !repair->resolved))
        continue;
      line = describe_rupture (packet, client, event);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, line);
      add_event_note (layout, packet, event);
      if (repair != NULL)
        add_event_note (layout, packet, repair);
      alliance_page_layout_add_space (layout, 3);
      any = TRUE;
    }
  if (!any)
    alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, _("No rupture in the period, and none unrepaired."));
  alliance_page_layout_set_indent (layout, 0);

  any = FALSE;
  for (guint i = 0; i < client->events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (client->events, i);
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      if (event->kind != ALLIANCE_EVENT_BOUNDARY || !in_period (packet, event))
        continue;
      if (!any)
        {
          add_subheading (layout, _("Boundary events"));
          alliance_page_layout_set_indent (layout, ITEM_INDENT);
        }
      when = describe_event_time (client, event);
      /* Translators: a boundary event in a supervision packet: when (week and session), then its kind */
      line = g_strdup_printf (_("%s — %s"), when, alliance_boundary_kind_get_label (event->boundary_kind));
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, line);
      add_event_note (layout, packet, event);
      alliance_page_layout_add_space (layout, 3);
      any = TRUE;
    }
  alliance_page_layout_set_indent (layout, 0);
}

static void
add_question_and_excerpts (AlliancePageLayout *layout,
                           Packet             *packet,
                           const PacketClient *client)
{
  add_subheading (layout, _("Question for supervision"));
  if (client->question != NULL)
    {
      g_autofree char *question = redact (packet, client->question);

      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, g_strstrip (question));
    }
  else
    alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL, _("No question was written."));

  if (client->excerpts->len == 0)
    return;
  add_subheading (layout, _("Excerpts from notes"));
  alliance_page_layout_set_indent (layout, ITEM_INDENT);
  for (guint i = 0; i < client->excerpts->len; i++)
    {
      g_autofree char *excerpt = redact (packet, g_ptr_array_index (client->excerpts, i));

      if (i > 0)
        alliance_page_layout_add_space (layout, 6);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, g_strstrip (excerpt));
    }
  alliance_page_layout_set_indent (layout, 0);
}

static void
add_client (AlliancePageLayout *layout,
            Packet             *packet,
            PacketClient       *client)
{
  const AllianceReviewEntry *entry = client->entry;
  g_autofree char *age = alliance_age_band (entry->date_of_birth, &packet->today);
  g_autofree char *facts = NULL;

  alliance_page_layout_add_page_break (layout);
  alliance_page_layout_add_header_subject (layout, entry->code, NULL);
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_HEADING, entry->code);
  alliance_page_layout_add_space (layout, 4);
  facts = g_strdup_printf (
    /* Translators: under a client's code in a supervision packet: age band, status, sessions in the period */
    g_dngettext (GETTEXT_PACKAGE, "%s · %s · %u session in the period, %u attended",
                 "%s · %s · %u sessions in the period, %u attended", entry->n_sessions),
    age, alliance_client_status_get_label (entry->status), entry->n_sessions, entry->n_attended);
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, facts);

  add_sessions (layout, client);
  add_chart (layout, client);
  add_flags (layout, packet, client);
  add_events (layout, packet, client);
  add_question_and_excerpts (layout, packet, client);
}

static AlliancePageLayout *
build_layout (Packet *packet)
{
  AlliancePageLayout *layout = alliance_page_layout_new ();

  /* Translators: the title at the top of each page of a supervision packet; the client code goes on the right */
  alliance_page_layout_set_header (layout, _("Supervision packet"), NULL, NULL);
  alliance_page_layout_set_footer (layout, _("Confidential — prepared for clinical supervision"));
  /* Translators: the watermark across every page of a supervision packet */
  alliance_page_layout_set_watermark (layout, _("CONFIDENTIAL"));

  add_cover (layout, packet);
  for (guint i = 0; i < packet->clients->len; i++)
    add_client (layout, packet, g_ptr_array_index (packet->clients, i));
  return layout;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
alliance_supervision_packet_dispose (GObject *object)
{
  AllianceSupervisionPacket *self = (AllianceSupervisionPacket *)object;

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (alliance_supervision_packet_parent_class)->dispose (object);
}

static void
alliance_supervision_packet_class_init (AllianceSupervisionPacketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alliance_supervision_packet_dispose;
}

static void
alliance_supervision_packet_init (AllianceSupervisionPacket *self)
{
}

/* ---------------------------------------------------------------------- */
/* Public API                                                              */

/**
 * alliance_supervision_packet_new:
 * @options: the period, and which clients (see #AlliancePacketOptions)
 *
 * Reads every client's part of the packet and lays it out in blocks (not
 * yet in pages).
 *
 * Returns: (transfer full): the packet, or %NULL with the error when the
 *   period is not a real one or any part could not be read (an unknown
 *   client among them)
 */
AllianceSupervisionPacket *
alliance_supervision_packet_new (AllianceClientStore         *clients,
                                 AllianceSessionStore        *sessions,
                                 AllianceRatingStore         *ratings,
                                 AllianceSupervisionStore    *supervision,
                                 const AlliancePacketOptions *options,
                                 GError                     **error)
{
  AllianceSupervisionPacket *self;
  Packet packet = { 0 };

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (ratings), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (supervision), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->client_ids != NULL || options->n_client_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_packet (clients, sessions, ratings, supervision, options, &packet, error))
    {
      packet_clear (&packet);
      return NULL;
    }

  self = g_object_new (ALLIANCE_TYPE_SUPERVISION_PACKET, NULL);
  self->layout = build_layout (&packet);
  self->n_clients = packet.clients->len;
  packet_clear (&packet);
  return self;
}

guint
alliance_supervision_packet_get_n_clients (AllianceSupervisionPacket *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PACKET (self), 0);

  return self->n_clients;
}

/**
 * alliance_supervision_packet_get_layout:
 *
 * Returns: (transfer none): the pages' layout, for previews and tests
 */
AlliancePageLayout *
alliance_supervision_packet_get_layout (AllianceSupervisionPacket *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PACKET (self), NULL);

  return self->layout;
}

/**
 * alliance_supervision_packet_write_pdf:
 * @path: the file to write; replaced only once the new one is complete
 *
 * Writes the packet as a PDF on the locale's paper, readable by the user
 * alone, titled "Supervision packet" and naming nobody. On failure @path
 * is left as it was.
 */
gboolean
alliance_supervision_packet_write_pdf (AllianceSupervisionPacket  *self,
                                       const char                 *path,
                                       GError                    **error)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PACKET (self), FALSE);

  /* Translators: the title of a supervision packet's PDF, shown by viewers */
  return alliance_page_layout_write_pdf (self->layout, path, _("Supervision packet"), error);
}
