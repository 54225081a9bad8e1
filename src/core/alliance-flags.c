/* alliance-flags.c
 *
 * Each rule reads one client's history as plain structs and says, in a
 * sentence with the numbers, why the client needs attention. Nothing here
 * touches the database or the clock: the records and today come in, the
 * flags go out.
 *
 * A flag keeps what its sentence says as data — the words, the numbers
 * and the dates it speaks of — and alliance_flag_describe() writes the
 * sentence from them, each date in the words it is given: the calendar's
 * for the clinician (the flag's reason), weeks and session numbers for a
 * de-identified document. No date is ever found again in finished text.
 *
 * Only what has happened counts: sessions dated after today, sessions
 * entered in error, and the administrations and events of either are left
 * out before any rule looks at the history.
 */
#define G_LOG_DOMAIN "alliance-flags"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "alliance-interpretation.h"
#include "alliance-flags.h"
#include "alliance-measure-library.h"
#include "alliance-score.h"

/* Totals and differences are compared with this tolerance, so that a mean
 * total's 0.1 + 0.2 still meets a threshold of 0.3. */
#define EPSILON 1e-9

/* The order of flags of the same severity (and of their ids). */
static const char * const flag_ids[] = {
  ALLIANCE_FLAG_RISK_ITEM,
  ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF,
  ALLIANCE_FLAG_ALLIANCE_DROP,
  ALLIANCE_FLAG_ALLIANCE_ITEM_LOW,
  ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED,
  ALLIANCE_FLAG_MISSED_SESSIONS,
  ALLIANCE_FLAG_RUPTURE_UNREPAIRED,
  ALLIANCE_FLAG_CALIBRATION_GAP,
  ALLIANCE_FLAG_OUTCOME_DETERIORATION,
  ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK,
  ALLIANCE_FLAG_BOUNDARY_EVENT,
};

/* One administration that counts, with its definition and, when every
 * item is answered, its total. */
typedef struct
{
  const AllianceAdministration *administration;
  const AllianceMeasure        *measure;
  const AllianceSession        *session;
  const char                   *date;      /* "YYYY-MM-DD…" of its session */
  gboolean                      complete;
  double                        total;
  int                           band_index;
  gboolean                      cutoff_met;
} Rating;

/* What every rule reads: the history without what does not count. */
typedef struct
{
  const AllianceClientHistory *history;
  const AllianceFlagSettings  *settings;
  const GDate                 *today;
  char                         today_iso[11];
  GPtrArray                   *sessions;   /* const AllianceSession *, dated on or before today, not in error */
  GArray                      *ratings;    /* Rating, oldest first */
  GPtrArray                   *events;     /* const AllianceSessionEvent * that count */
  AllianceClientFlags         *result;
} Context;

G_DEFINE_BOXED_TYPE (AllianceClientFlags, alliance_client_flags,
                     alliance_client_flags_copy, alliance_client_flags_free)

static void
flag_free (AllianceFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->reason);
  g_free (flag->since);
  for (guint i = 0; i < G_N_ELEMENTS (flag->words); i++)
    g_free (flag->words[i]);
  g_free (flag);
}

static AllianceFlag *
flag_copy (const AllianceFlag *flag)
{
  AllianceFlag *copy = g_memdup2 (flag, sizeof *flag);

  copy->reason = g_strdup (flag->reason);
  copy->since = g_strdup (flag->since);
  for (guint i = 0; i < G_N_ELEMENTS (flag->words); i++)
    copy->words[i] = g_strdup (flag->words[i]);
  return copy;
}

static int
flag_id_rank (const char *flag_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_ids); i++)
    if (g_str_equal (flag_ids[i], flag_id))
      return (int)i;
  return G_N_ELEMENTS (flag_ids);
}

static int
compare_flags (gconstpointer a,
               gconstpointer b)
{
  const AllianceFlag *flag_a = *(AllianceFlag * const *)a;
  const AllianceFlag *flag_b = *(AllianceFlag * const *)b;

  if (flag_a->severity != flag_b->severity)
    return flag_a->severity > flag_b->severity ? -1 : 1;
  return flag_id_rank (flag_a->id) - flag_id_rank (flag_b->id);
}

/* The "YYYY-MM-DD" part of a date or "YYYY-MM-DD HH:MM" text. */
static char *
date_part (const char *text)
{
  return text != NULL ? g_strndup (text, 10) : NULL;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) < 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint)g_ascii_strtoull (text, NULL, 10);
  month = (guint)g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint)g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  return TRUE;
}

/* Whole days from the date @text to today; G_MAXINT when unreadable. */
static int
days_before_today (const Context *context,
                   const char    *text)
{
  GDate date;

  if (!parse_date (text, &date))
    return G_MAXINT;
  return g_date_days_between (&date, context->today);
}

static char *
measure_name (const AllianceMeasure *measure)
{
  return g_strdup (alliance_measure_translate (measure, measure->name));
}

/* A flag without its sentence: the check gives it its words, numbers and
 * dates, and alliance_flags_compute() writes the sentence from them. */
static AllianceFlag *
add_flag (Context              *context,
          const char           *flag_id,
          AllianceFlagSeverity  severity,
          const char           *since)
{
  AllianceFlag *flag = g_new0 (AllianceFlag, 1);

  flag->id = flag_id;
  flag->severity = severity;
  flag->since = date_part (since);
  g_ptr_array_add (context->result->flags, flag);
  return flag;
}

static void
add_date (AllianceFlag         *flag,
          AllianceFlagDateKind  kind,
          const char           *text,
          int                   session_number)
{
  AllianceFlagDate *date;

  g_assert (flag->n_dates < G_N_ELEMENTS (flag->dates));
  date = &flag->dates[flag->n_dates++];
  date->kind = kind;
  parse_date (text, &date->date);
  date->session_number = session_number;
}

static void
add_session_date (AllianceFlag          *flag,
                  const AllianceSession *session)
{
  add_date (flag, ALLIANCE_FLAG_DATE_SESSION, session->starts_at, session->number);
}

static gboolean
dated_by_today (const Context *context,
                const char    *starts_at)
{
  return starts_at != NULL && strncmp (starts_at, context->today_iso, 10) <= 0;
}

static const AllianceSession *
find_session (const Context *context,
              GHashTable    *by_id,
              gint64         session_id)
{
  if (by_id != NULL)
    return g_hash_table_lookup (by_id, &session_id);

  for (guint i = 0; i < context->sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (context->sessions, i);

      if (session->id == session_id)
        return session;
    }
  return NULL;
}

/* Keeps what counts: sessions on or before today and not in error, and
 * the ratings and events of those sessions, each rating scored. */
static void
select_history (Context                   *context,
                AllianceMeasureLookupFunc  lookup,
                gpointer                   user_data)
{
  const AllianceClientHistory *history = context->history;
  g_autoptr(GHashTable) by_id = NULL;

  context->sessions = g_ptr_array_new ();
  context->ratings = g_array_new (FALSE, TRUE, sizeof (Rating));
  context->events = g_ptr_array_new ();

  for (guint i = 0; history->sessions != NULL && i < history->sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (history->sessions, i);

      if (session->error_reason == NULL && dated_by_today (context, session->starts_at))
        g_ptr_array_add (context->sessions, (gpointer)session);
    }

  /* A linear search is quicker than hashing for the usual few dozen sessions. */
  if (context->sessions->len > 64)
    {
      by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < context->sessions->len; i++)
        {
          AllianceSession *session = g_ptr_array_index (context->sessions, i);

          g_hash_table_insert (by_id, &session->id, session);
        }
    }

  for (guint i = 0; history->administrations != NULL && i < history->administrations->len; i++)
    {
      const AllianceAdministration *administration = g_ptr_array_index (history->administrations, i);
      const AllianceSession *session = find_session (context, by_id, administration->session_id);
      Rating rating = { 0, };

      if (session == NULL || administration->measure_key == NULL)
        continue;
      rating.measure = lookup (administration->measure_key, administration->measure_version, user_data);
      if (rating.measure == NULL)
        {
          g_debug ("No definition for an administration (version %d); left out of the flags",
                   administration->measure_version);
          continue;
        }

      rating.administration = administration;
      rating.session = session;
      rating.date = session->starts_at;
      rating.band_index = -1;
      if (alliance_score_compute_total (rating.measure, administration->values, administration->n_values,
                                        &rating.total))
        {
          rating.complete = TRUE;
          rating.band_index = alliance_score_find_band (rating.measure, rating.total);
          rating.cutoff_met = alliance_score_cutoff_met (rating.measure, rating.total);
        }
      g_array_append_val (context->ratings, rating);
    }

  for (guint i = 0; history->events != NULL && i < history->events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (history->events, i);

      if (find_session (context, by_id, event->session_id) != NULL)
        g_ptr_array_add (context->events, (gpointer)event);
    }
}

/* Every event that counts is of a session that counts (select_history). */
static const AllianceSession *
event_session (const Context              *context,
               const AllianceSessionEvent *event)
{
  const AllianceSession *session = find_session (context, NULL, event->session_id);

  g_assert (session != NULL);
  return session;
}

static const Rating *
rating_at (const Context *context,
           guint          index)
{
  return &g_array_index (context->ratings, Rating, index);
}

static gboolean
is_complete_alliance (const Rating *rating)
{
  return rating->complete && rating->measure->purpose == ALLIANCE_MEASURE_PURPOSE_ALLIANCE;
}

/* The latest complete rating of @key before index @before (exclusive), or -1. */
static int
find_previous_complete (const Context *context,
                        const char    *key,
                        int            before)
{
  for (int i = before - 1; i >= 0; i--)
    {
      const Rating *rating = rating_at (context, (guint)i);

      if (rating->complete && g_str_equal (rating->administration->measure_key, key))
        return i;
    }
  return -1;
}

/* Indexes of the latest complete rating of each distinct key whose
 * measure has @purpose, newest first. */
static GArray *
list_latest_by_key (const Context          *context,
                    AllianceMeasurePurpose  purpose)
{
  GArray *latest = g_array_new (FALSE, FALSE, sizeof (int));

  for (int i = (int)context->ratings->len - 1; i >= 0; i--)
    {
      const Rating *rating = rating_at (context, (guint)i);
      gboolean seen = FALSE;

      if (!rating->complete || rating->measure->purpose != purpose)
        continue;
      for (guint j = 0; j < latest->len && !seen; j++)
        {
          const Rating *other = rating_at (context, (guint)g_array_index (latest, int, j));

          seen = g_str_equal (other->administration->measure_key, rating->administration->measure_key);
        }
      if (!seen)
        g_array_append_val (latest, i);
    }
  return latest;
}

static const char *
cutoff_phrase (AllianceMeasureCutoff cutoff)
{
  switch (cutoff)
    {
    case ALLIANCE_MEASURE_CUTOFF_BELOW:
      /* Translators: completes "Alliance check 21 of 30 on 3 Nov, %s of 24." */
      return _("below the cut-off");
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW:
      return _("at or below the cut-off");
    case ALLIANCE_MEASURE_CUTOFF_ABOVE:
      return _("above the cut-off");
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE:
      return _("at or above the cut-off");
    case ALLIANCE_MEASURE_CUTOFF_NONE:
    case ALLIANCE_MEASURE_N_CUTOFFS:
    default:
      return "";
    }
}

/* The latest complete administration of each alliance measure; the
 * reason names the most recent one that is of concern. */
static void
check_alliance_below_cutoff (Context      *context,
                             const GArray *latest)
{
  for (guint i = 0; i < latest->len; i++)
    {
      const Rating *rating = rating_at (context, (guint)g_array_index (latest, int, i));
      AllianceFlag *flag;
      double min, max;

      if (!rating->cutoff_met)
        continue;

      alliance_measure_get_total_range (rating->measure, &min, &max);
      flag = add_flag (context, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF, ALLIANCE_FLAG_SEVERITY_WARNING, rating->date);
      flag->words[0] = measure_name (rating->measure);
      flag->words[1] = g_strdup (cutoff_phrase (rating->measure->cutoff));
      flag->numbers[0] = rating->total;
      flag->numbers[1] = max;
      flag->numbers[2] = rating->measure->cutoff_value;
      add_session_date (flag, rating->session);
      return;
    }
}

static void
check_alliance_drop (Context      *context,
                     const GArray *latest)
{
  for (guint i = 0; i < latest->len; i++)
    {
      int index = g_array_index (latest, int, i);
      const Rating *rating = rating_at (context, (guint)index);
      const Rating *previous;
      AllianceFlag *flag;
      double min, max, drop;
      int previous_index;

      previous_index = find_previous_complete (context, rating->administration->measure_key, index);
      if (previous_index < 0)
        continue;
      previous = rating_at (context, (guint)previous_index);

      alliance_measure_get_total_range (rating->measure, &min, &max);
      drop = rating->measure->higher_is_better
        ? previous->total - rating->total
        : rating->total - previous->total;
      if (max <= min || drop <= 0 ||
          drop < context->settings->alliance_drop_percent / 100.0 * (max - min) - EPSILON)
        continue;

      flag = add_flag (context, ALLIANCE_FLAG_ALLIANCE_DROP, ALLIANCE_FLAG_SEVERITY_WARNING, rating->date);
      flag->words[0] = measure_name (rating->measure);
      flag->numbers[0] = previous->total;
      flag->numbers[1] = rating->total;
      flag->numbers[2] = drop;
      flag->numbers[3] = 100.0 * drop / (max - min);
      add_session_date (flag, rating->session);
      return;
    }
}

/* An item's answer as a fraction of its range, 0 the worst; reverse-scored
 * items are turned round first. */
static double
item_position (const AllianceMeasure     *measure,
               const AllianceMeasureItem *item,
               int                        value)
{
  double scored = item->reverse ? item->min + item->max - value : value;
  double position = (scored - item->min) / (item->max - item->min);

  return measure->higher_is_better ? position : 1 - position;
}

/* The single latest complete alliance administration, whatever its measure. */
static void
check_alliance_item_low (Context      *context,
                         const GArray *latest)
{
  const Rating *rating;
  const AllianceMeasureItem *lowest = NULL;
  double lowest_position = G_MAXDOUBLE;
  guint lowest_index = 0, n_low = 0;
  double limit = context->settings->item_low_percent / 100.0;
  AllianceFlag *flag;

  if (latest->len == 0)
    return;
  /* The newest entry of @latest is the latest of all alliance ratings. */
  rating = rating_at (context, (guint)g_array_index (latest, int, 0));

  for (guint i = 0; i < rating->administration->n_values; i++)
    {
      const AllianceMeasureItem *item = alliance_measure_get_item (rating->measure, i);
      double position;

      if (item == NULL || item->max <= item->min)
        continue;
      position = item_position (rating->measure, item, rating->administration->values[i]);
      if (position > limit + EPSILON)
        continue;
      n_low++;
      if (position < lowest_position)
        {
          lowest_position = position;
          lowest = item;
          lowest_index = i;
        }
    }
  if (lowest == NULL)
    return;

  flag = add_flag (context, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW, ALLIANCE_FLAG_SEVERITY_NOTICE, rating->date);
  flag->words[0] = measure_name (rating->measure);
  if (lowest->label != NULL && lowest->label[0] != '\0')
    flag->words[1] = g_strdup_printf ("“%s”", alliance_measure_translate (rating->measure, lowest->label));
  else
    /* Translators: an item shown by its number only, e.g. "item 7" */
    flag->words[1] = g_strdup_printf (_("item %u"), lowest_index + 1);
  flag->count = (int)n_low;
  flag->numbers[0] = context->settings->item_low_percent;
  flag->numbers[1] = rating->administration->values[lowest_index];
  flag->numbers[2] = lowest->max;
  add_session_date (flag, rating->session);
}

static void
check_alliance_not_measured (Context *context)
{
  int n = context->settings->not_measured_sessions;
  GPtrArray *last = NULL;
  int n_attended = 0;

  if (n <= 0)
    return;

  last = g_ptr_array_new ();
  for (int i = (int)context->sessions->len - 1; i >= 0 && (int)last->len < n; i--)
    {
      const AllianceSession *session = g_ptr_array_index (context->sessions, (guint)i);

      if (session->attendance == ALLIANCE_ATTENDANCE_ATTENDED)
        g_ptr_array_add (last, (gpointer)session);
    }
  n_attended = (int)last->len;

  for (guint i = 0; i < context->ratings->len && n_attended >= n; i++)
    {
      const Rating *rating = rating_at (context, i);

      if (is_complete_alliance (rating) && g_ptr_array_find (last, rating->session, NULL))
        n_attended = -1;   /* measured */
    }

  if (n_attended >= n)
    {
      const AllianceSession *oldest = g_ptr_array_index (last, last->len - 1);
      AllianceFlag *flag = add_flag (context, ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED, ALLIANCE_FLAG_SEVERITY_NOTICE,
                                     oldest->starts_at);

      flag->count = n;
      add_session_date (flag, oldest);
    }
  g_ptr_array_unref (last);
}

/* Ordinary cancellations, by either side, neither count nor break a run of
 * missed sessions; an attended session ends it. */
static void
check_missed_sessions (Context *context)
{
  const AllianceSession *oldest = NULL;
  AllianceFlag *flag;
  int n_missed = 0;

  for (int i = (int)context->sessions->len - 1; i >= 0; i--)
    {
      const AllianceSession *session = g_ptr_array_index (context->sessions, (guint)i);

      if (session->attendance == ALLIANCE_ATTENDANCE_ATTENDED)
        break;
      if (session->attendance == ALLIANCE_ATTENDANCE_NO_SHOW ||
          session->attendance == ALLIANCE_ATTENDANCE_LATE_CANCELLED)
        {
          n_missed++;
          oldest = session;
        }
    }
  if (n_missed < context->settings->missed_in_a_row || n_missed == 0)
    return;

  flag = add_flag (context, ALLIANCE_FLAG_MISSED_SESSIONS, ALLIANCE_FLAG_SEVERITY_WARNING, oldest->starts_at);
  flag->count = n_missed;
  add_session_date (flag, oldest);
}

static void
check_rupture_unrepaired (Context *context)
{
  g_autoptr(GHashTable) repaired = g_hash_table_new (g_int64_hash, g_int64_equal);
  const AllianceSession *oldest = NULL;
  AllianceFlag *flag;
  int n_unrepaired = 0;

  for (guint i = 0; i < context->events->len; i++)
    {
      AllianceSessionEvent *event = g_ptr_array_index (context->events, i);

      if (event->kind == ALLIANCE_EVENT_REPAIR && event->resolved)
        g_hash_table_add (repaired, &event->rupture_id);
    }

  for (guint i = 0; i < context->events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (context->events, i);
      const AllianceSession *session;

      if (event->kind != ALLIANCE_EVENT_RUPTURE || g_hash_table_contains (repaired, &event->id))
        continue;
      n_unrepaired++;
      session = event_session (context, event);
      if (oldest == NULL || strncmp (session->starts_at, oldest->starts_at, 10) < 0)
        oldest = session;
    }
  if (n_unrepaired == 0)
    return;

  flag = add_flag (context, ALLIANCE_FLAG_RUPTURE_UNREPAIRED, ALLIANCE_FLAG_SEVERITY_WARNING, oldest->starts_at);
  flag->count = n_unrepaired;
  add_session_date (flag, oldest);
}

/* Sessions where the therapist predicted the client's Alliance check
 * before the client's own rating was entered. */
static void
check_calibration_gap (Context *context)
{
  const AllianceFlagSettings *settings = context->settings;
  const Rating *largest = NULL;
  double largest_gap = -G_MAXDOUBLE;
  int n_pairs = 0, n_gaps = 0;
  AllianceFlag *flag;

  if (settings->calibration_window <= 0 || settings->calibration_count <= 0)
    return;

  /* Newest first; the ratings of one session are next to each other. */
  for (int i = (int)context->ratings->len - 1; i >= 0 && n_pairs < settings->calibration_window; i--)
    {
      const Rating *client = rating_at (context, (guint)i);
      const Rating *prediction = NULL;
      double difference;

      if (!client->complete ||
          g_strcmp0 (client->administration->measure_key, ALLIANCE_MEASURE_ALLIANCE_CHECK) != 0)
        continue;
      for (guint j = 0; j < context->ratings->len && prediction == NULL; j++)
        {
          const Rating *other = rating_at (context, j);

          if (other->session == client->session && other->complete &&
              other->measure->purpose == ALLIANCE_MEASURE_PURPOSE_PREDICTION &&
              other->administration->entry_order < client->administration->entry_order)
            prediction = other;
        }
      if (prediction == NULL)
        continue;

      n_pairs++;
      difference = prediction->total - client->total;
      if (difference >= settings->calibration_gap_points - EPSILON)
        {
          n_gaps++;
          if (difference > largest_gap)
            {
              largest_gap = difference;
              largest = client;
            }
        }
    }
  if (n_gaps < settings->calibration_count)
    return;

  flag = add_flag (context, ALLIANCE_FLAG_CALIBRATION_GAP, ALLIANCE_FLAG_SEVERITY_NOTICE, largest->date);
  flag->words[0] = measure_name (largest->measure);
  flag->numbers[0] = settings->calibration_gap_points;
  flag->numbers[1] = n_gaps;
  flag->numbers[2] = n_pairs;
  flag->numbers[3] = largest_gap;
  add_session_date (flag, largest->session);
}

/* A change of an outcome measure from @first to @latest. */
static AllianceFlag *
add_change_flag (Context              *context,
                 const char           *flag_id,
                 AllianceFlagSeverity  severity,
                 const Rating         *first,
                 const Rating         *latest,
                 const char           *since)
{
  AllianceFlag *flag = add_flag (context, flag_id, severity, since);

  flag->words[0] = measure_name (latest->measure);
  flag->numbers[0] = first->total;
  flag->numbers[1] = latest->total;
  add_session_date (flag, first->session);
  add_session_date (flag, latest->session);
  return flag;
}

/* Checks each outcome measure's latest complete total against its first.
 * Deterioration wins over "not on track": one is enough to look at. */
static void
check_outcomes (Context *context)
{
  g_autoptr(GArray) latest = list_latest_by_key (context, ALLIANCE_MEASURE_PURPOSE_OUTCOME);
  const Rating *stalled_first = NULL, *stalled_latest = NULL;
  int last_number = 0;

  for (guint i = 0; i < context->sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (context->sessions, i);

      last_number = MAX (last_number, session->number);
    }

  for (guint i = 0; i < latest->len; i++)
    {
      const Rating *rating = rating_at (context, (guint)g_array_index (latest, int, i));
      const Rating *first = NULL;
      const AllianceMeasure *measure = rating->measure;
      AllianceChange change;
      int best_band;

      for (guint j = 0; j < context->ratings->len && first == NULL; j++)
        {
          const Rating *other = rating_at (context, j);

          if (other->complete && g_str_equal (other->administration->measure_key,
                                              rating->administration->measure_key))
            first = other;
        }
      if (first == NULL || first == rating)
        continue;

      change = alliance_score_change (measure, first->total, rating->total);
      if (change.direction == ALLIANCE_CHANGE_DETERIORATED && change.reliable)
        {
          add_change_flag (context, ALLIANCE_FLAG_OUTCOME_DETERIORATION, ALLIANCE_FLAG_SEVERITY_WARNING,
                           first, rating, rating->date);
          return;
        }

      /* Nothing to improve when the client started in the best band. */
      best_band = measure->higher_is_better ? (int)measure->bands->len - 1 : 0;
      if (stalled_first == NULL &&
          !(measure->bands->len > 0 && first->band_index == best_band) &&
          !(change.direction == ALLIANCE_CHANGE_IMPROVED && change.reliable))
        {
          stalled_first = first;
          stalled_latest = rating;
        }
    }

  if (stalled_first != NULL && last_number >= context->settings->not_on_track_session)
    {
      AllianceFlag *flag = add_change_flag (context, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK,
                                            ALLIANCE_FLAG_SEVERITY_NOTICE, stalled_first, stalled_latest,
                                            stalled_first->date);

      flag->numbers[2] = last_number;
    }
}

/* The banner stays risk_days after the latest answer above the item's
 * minimum, whatever came after: a later 0 is not evidence of safety. */
static void
check_risk_item (Context *context)
{
  const Rating *risky = NULL;
  const AllianceMeasureItem *item = NULL;
  int answer = 0;
  AllianceFlag *flag;
  GDate until;

  for (int i = (int)context->ratings->len - 1; i >= 0 && risky == NULL; i--)
    {
      const Rating *rating = rating_at (context, (guint)i);
      int index;

      if (rating->measure->risk_item_id == NULL)
        continue;
      index = alliance_measure_find_item (rating->measure, rating->measure->risk_item_id);
      if (index < 0 || (guint)index >= rating->administration->n_values)
        continue;
      item = alliance_measure_get_item (rating->measure, (guint)index);
      answer = rating->administration->values[index];
      if (answer != ALLIANCE_SCORE_MISSING && answer > item->min)
        risky = rating;
    }
  if (risky == NULL || days_before_today (context, risky->date) > context->settings->risk_days)
    return;

  parse_date (risky->date, &until);
  g_date_add_days (&until, (guint)MAX (context->settings->risk_days, 0));
  context->result->risk_until = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&until),
                                                 g_date_get_month (&until), g_date_get_day (&until));

  flag = add_flag (context, ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_SEVERITY_URGENT, risky->date);
  flag->words[0] = measure_name (risky->measure);
  flag->words[1] = g_strdup (alliance_measure_translate (risky->measure, risky->measure->risk_item_id));
  flag->numbers[0] = answer;
  add_session_date (flag, risky->session);
}

static void
check_boundary_events (Context *context)
{
  const char *last_supervision = context->history->last_supervision;
  const AllianceSession *oldest = NULL, *newest = NULL;
  AllianceFlag *flag;
  int n = 0;

  for (guint i = 0; i < context->events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (context->events, i);
      const AllianceSession *session;
      const char *when;

      if (event->kind != ALLIANCE_EVENT_BOUNDARY)
        continue;
      session = event_session (context, event);
      when = session->starts_at;
      if (last_supervision != NULL
          ? strncmp (when, last_supervision, 10) <= 0
          : days_before_today (context, when) > context->settings->boundary_days)
        continue;

      n++;
      if (oldest == NULL || strncmp (when, oldest->starts_at, 10) < 0)
        oldest = session;
      if (newest == NULL || strncmp (when, newest->starts_at, 10) > 0)
        newest = session;
    }
  if (n == 0)
    return;

  flag = add_flag (context, ALLIANCE_FLAG_BOUNDARY_EVENT, ALLIANCE_FLAG_SEVERITY_NOTICE, oldest->starts_at);
  flag->count = n;
  if (last_supervision != NULL)
    add_date (flag, ALLIANCE_FLAG_DATE_SUPERVISION, last_supervision, 0);
  else
    flag->numbers[0] = context->settings->boundary_days;
  add_session_date (flag, newest);
}

static void
fill_latest_alliance (Context      *context,
                      const GArray *latest)
{
  const Rating *rating;
  double recent[ALLIANCE_CLIENT_FLAGS_MAX_RECENT];
  guint n = 0;
  int newest;
  double min, max;

  if (latest->len == 0)
    return;

  newest = g_array_index (latest, int, 0);
  rating = rating_at (context, (guint)newest);
  alliance_measure_get_total_range (rating->measure, &min, &max);
  context->result->has_alliance = TRUE;
  context->result->alliance_total = rating->total;
  context->result->alliance_min = min;
  context->result->alliance_max = max;
  context->result->alliance_measure_key = g_strdup (rating->administration->measure_key);

  /* The sparkline's totals: walk back from the latest, keeping complete
   * ratings of the same measure, then store them oldest first. */
  for (int i = newest; i >= 0 && n < ALLIANCE_CLIENT_FLAGS_MAX_RECENT; i--)
    {
      const Rating *other = rating_at (context, (guint)i);

      if (other->complete && g_str_equal (other->administration->measure_key,
                                          rating->administration->measure_key))
        recent[n++] = other->total;
    }
  context->result->recent_alliance = g_new (double, n);
  context->result->n_recent_alliance = n;
  for (guint i = 0; i < n; i++)
    context->result->recent_alliance[i] = recent[n - 1 - i];
}

void
alliance_flag_settings_init (AllianceFlagSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->alliance_drop_percent = 10;
  settings->item_low_percent = 50;
  settings->not_measured_sessions = 3;
  settings->missed_in_a_row = 2;
  settings->calibration_gap_points = 3;
  settings->calibration_window = 3;
  settings->calibration_count = 2;
  settings->not_on_track_session = 6;
  settings->risk_days = 60;
  settings->boundary_days = 28;
}

AllianceClientFlags *
alliance_client_flags_copy (const AllianceClientFlags *self)
{
  AllianceClientFlags *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->flags = g_ptr_array_new_full (self->flags->len, (GDestroyNotify)flag_free);
  for (guint i = 0; i < self->flags->len; i++)
    g_ptr_array_add (copy->flags, flag_copy (g_ptr_array_index (self->flags, i)));
  copy->alliance_measure_key = g_strdup (self->alliance_measure_key);
  copy->recent_alliance = g_memdup2 (self->recent_alliance, self->n_recent_alliance * sizeof (double));
  copy->risk_until = g_strdup (self->risk_until);
  return copy;
}

void
alliance_client_flags_free (AllianceClientFlags *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_free (self->alliance_measure_key);
  g_free (self->recent_alliance);
  g_free (self->risk_until);
  g_free (self);
}

/* The flag with @flag_id, or NULL when it is not raised. */
const AllianceFlag *
alliance_client_flags_find (const AllianceClientFlags *self,
                            const char                *flag_id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (flag_id != NULL, NULL);

  for (guint i = 0; i < self->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (self->flags, i);

      if (g_str_equal (flag->id, flag_id))
        return flag;
    }
  return NULL;
}

/**
 * alliance_flags_compute:
 * @history: one client's sessions, administrations and events, oldest first
 * @lookup: finds the definition an administration was filled in against
 * @settings: (nullable): thresholds; %NULL for the defaults
 * @today: the date the flags are for
 *
 * Returns: (transfer full): the client's flags, most severe first, and
 *   the latest client-rated alliance total.
 */
AllianceClientFlags *
alliance_flags_compute (const AllianceClientHistory *history,
                        AllianceMeasureLookupFunc    lookup,
                        gpointer                     user_data,
                        const AllianceFlagSettings  *settings,
                        const GDate                 *today)
{
  AllianceFlagSettings defaults;
  g_autoptr(GArray) latest_alliance = NULL;
  Context context = { 0, };

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (settings == NULL)
    {
      alliance_flag_settings_init (&defaults);
      settings = &defaults;
    }

  context.history = history;
  context.settings = settings;
  context.today = today;
  g_snprintf (context.today_iso, sizeof context.today_iso, "%04d-%02d-%02d",
              g_date_get_year (today), g_date_get_month (today), g_date_get_day (today));
  context.result = g_new0 (AllianceClientFlags, 1);
  context.result->client_id = history->client_id;
  context.result->flags = g_ptr_array_new_with_free_func ((GDestroyNotify)flag_free);

  select_history (&context, lookup, user_data);
  latest_alliance = list_latest_by_key (&context, ALLIANCE_MEASURE_PURPOSE_ALLIANCE);

  check_risk_item (&context);
  /* The rest are about therapy going on: noise for a client discharged or
   * not yet started. A risk answer is never left out. */
  if (!history->not_in_therapy)
    {
      check_alliance_below_cutoff (&context, latest_alliance);
      check_alliance_drop (&context, latest_alliance);
      check_alliance_item_low (&context, latest_alliance);
      check_alliance_not_measured (&context);
      check_missed_sessions (&context);
      check_rupture_unrepaired (&context);
      check_calibration_gap (&context);
      check_outcomes (&context);
      check_boundary_events (&context);
    }
  fill_latest_alliance (&context, latest_alliance);

  g_ptr_array_sort (context.result->flags, compare_flags);
  for (guint i = 0; i < context.result->flags->len; i++)
    {
      AllianceFlag *flag = g_ptr_array_index (context.result->flags, i);

      flag->reason = alliance_flag_describe (flag, alliance_flag_format_calendar_date, today);
      context.result->max_severity = MAX (context.result->max_severity, flag->severity);
    }

  g_ptr_array_unref (context.sessions);
  g_array_unref (context.ratings);
  g_ptr_array_unref (context.events);
  return context.result;
}

/**
 * alliance_flag_format_calendar_date:
 * @date: one of a flag's dates
 * @today: (type GDate): the date the flags are for
 *
 * The calendar's wording, for the clinician's own screens and the
 * clinical record: "3 Nov", or "3 Nov 2024" in another year than @today's.
 */
char *
alliance_flag_format_calendar_date (const AllianceFlagDate *date,
                                    gconstpointer           today)
{
  g_autoptr(GDateTime) date_time = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!g_date_valid (&date->date))
    return g_strdup ("?");

  date_time = g_date_time_new_utc (g_date_get_year (&date->date), g_date_get_month (&date->date),
                                   g_date_get_day (&date->date), 12, 0, 0);
  if (g_date_get_year (&date->date) == g_date_get_year (today))
    /* Translators: a short date in a flag's reason, e.g. "3 Nov"; see the strftime manual */
    return g_strstrip (g_date_time_format (date_time, _("%-d %b")));
  /* Translators: a short date of another year in a flag's reason, e.g. "3 Nov 2024" */
  return g_strstrip (g_date_time_format (date_time, _("%-d %b %Y")));
}

/* The sentence of @flag from its words, its numbers written (@n) and
 * its dates written (@d); NULL for an unknown flag. */
static char *
compose_reason (const AllianceFlag *flag,
                const char * const *n,
                const char * const *d)
{
  const char *id = flag->id;
  char * const *w = flag->words;
  int count = flag->count;

  if (g_str_equal (id, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF))
    /* Translators: "Alliance check 21 of 30 on 3 Nov, below the cut-off of 24." */
    return g_strdup_printf (_("%s %s of %s on %s, %s of %s."), w[0], n[0], n[1], d[0], w[1], n[2]);
  if (g_str_equal (id, ALLIANCE_FLAG_ALLIANCE_DROP))
    /* Translators: "Alliance check went from 27 to 23 on 3 Nov: 4 points worse, 13% of its range." */
    return g_strdup_printf (_("%s went from %s to %s on %s: %s points worse, %s%% of its range."),
                            w[0], n[0], n[1], d[0], n[2], n[3]);
  if (g_str_equal (id, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW))
    /* Translators: "In the Alliance check of 3 Nov, 1 item is in the lower half of its range: “Bond” 3 of 10." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "In the %s of %s, %u item is at or below %.0f%% of its range: %s %d of %d.",
                                         "In the %s of %s, %u items are at or below %.0f%% of their range; the lowest: %s %d of %d.",
                                         (gulong)count),
                            w[0], d[0], (guint)count, flag->numbers[0], w[1], (int)flag->numbers[1],
                            (int)flag->numbers[2]);
  if (g_str_equal (id, ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No alliance rating in the last %d attended session (since %s).",
                                         "No alliance rating in the last %d attended sessions (since %s).",
                                         (gulong)count),
                            count, d[0]);
  if (g_str_equal (id, ALLIANCE_FLAG_MISSED_SESSIONS))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d session missed (no-show or late cancellation) since %s.",
                                         "%d sessions missed in a row (no-shows or late cancellations) since %s.",
                                         (gulong)count),
                            count, d[0]);
  if (g_str_equal (id, ALLIANCE_FLAG_RUPTURE_UNREPAIRED))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d rupture has no resolved repair; it happened on %s.",
                                         "%d ruptures have no resolved repair; the oldest happened on %s.",
                                         (gulong)count),
                            count, d[0]);
  if (g_str_equal (id, ALLIANCE_FLAG_CALIBRATION_GAP))
    /* Translators: "Your prediction was 3 or more points above the client's Alliance check in 2 of the last 3 sessions rated both ways (the largest gap: 5 points on 3 Nov)." */
    return g_strdup_printf (_("Your prediction was %s or more points above the client’s %s in %d of the last %d sessions rated both ways (the largest gap: %s points on %s)."),
                            n[0], w[0], (int)flag->numbers[1], (int)flag->numbers[2], n[3], d[0]);
  if (g_str_equal (id, ALLIANCE_FLAG_OUTCOME_DETERIORATION))
    /* Translators: "PHQ-9 went from 8 on 3 Sep to 15 on 3 Nov: a reliable deterioration." */
    return g_strdup_printf (_("%s went from %s on %s to %s on %s: a reliable deterioration."),
                            w[0], n[0], d[0], n[1], d[1]);
  if (g_str_equal (id, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK))
    /* Translators: "PHQ-9 went from 14 on 3 Sep to 12 on 3 Nov: no reliable improvement by session 7." */
    return g_strdup_printf (_("%s went from %s on %s to %s on %s: no reliable improvement by session %d."),
                            w[0], n[0], d[0], n[1], d[1], (int)flag->numbers[2]);
  if (g_str_equal (id, ALLIANCE_FLAG_RISK_ITEM))
    /* Translators: "PHQ-9 item 9 answered 1 on 3 Nov: follow your risk protocol." Never say the client is safe. */
    return g_strdup_printf (_("%s item %s answered %d on %s: follow your risk protocol."),
                            w[0], w[1], (int)flag->numbers[0], d[0]);
  if (g_str_equal (id, ALLIANCE_FLAG_BOUNDARY_EVENT) && flag->n_dates == 2)
    /* The last supervision's date, then the latest event's. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d boundary event since your last supervision on %s, on %s.",
                                         "%d boundary events since your last supervision on %s, the latest on %s.",
                                         (gulong)count),
                            count, d[0], d[1]);
  if (g_str_equal (id, ALLIANCE_FLAG_BOUNDARY_EVENT))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d boundary event in the last %d days, on %s.",
                                         "%d boundary events in the last %d days, the latest on %s.",
                                         (gulong)count),
                            count, (int)flag->numbers[0], d[0]);
  return NULL;
}

/**
 * alliance_flag_describe:
 * @flag: a flag from alliance_flags_compute()
 * @format_date: writes each date the sentence speaks of
 * @user_data: for @format_date
 *
 * The flag's reason, a translated sentence with its numbers, and its
 * dates as @format_date writes them: alliance_flag_format_calendar_date()
 * for the clinician (the flag's own reason is that), or a wording without
 * dates for a de-identified document. Nothing else in the sentence is a
 * date, so there is nothing to find and replace afterwards.
 *
 * Returns: (transfer full): the sentence
 */
char *
alliance_flag_describe (const AllianceFlag        *flag,
                        AllianceFlagDateFormatter  format_date,
                        gconstpointer              user_data)
{
  char *numbers[ALLIANCE_FLAG_MAX_NUMBERS] = { NULL, };
  char *dates[ALLIANCE_FLAG_MAX_DATES] = { NULL, };
  char *reason;

  g_return_val_if_fail (flag != NULL && flag->id != NULL, NULL);
  g_return_val_if_fail (format_date != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    numbers[i] = alliance_interpretation_format_number (flag->numbers[i]);
  for (guint i = 0; i < flag->n_dates && i < G_N_ELEMENTS (dates); i++)
    dates[i] = format_date (&flag->dates[i], user_data);

  reason = compose_reason (flag, (const char * const *)numbers, (const char * const *)dates);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    g_free (numbers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_free (dates[i]);
  g_return_val_if_fail (reason != NULL, g_strdup (""));
  return reason;
}

const char *
alliance_flag_get_title (const char *flag_id)
{
  g_return_val_if_fail (flag_id != NULL, NULL);

  if (g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF))
    return _("Alliance below cut-off");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_DROP))
    return _("Alliance dropped");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW))
    return _("Low alliance item");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED))
    return _("Alliance not measured");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_MISSED_SESSIONS))
    return _("Missed sessions");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_RUPTURE_UNREPAIRED))
    return _("Rupture not repaired");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_CALIBRATION_GAP))
    return _("Prediction above the client’s rating");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_OUTCOME_DETERIORATION))
    return _("Reliable deterioration");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK))
    return _("Not on track");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_RISK_ITEM))
    /* Translators: a banner title; never worded as "safe" or "unsafe" */
    return _("Risk item answered");
  if (g_str_equal (flag_id, ALLIANCE_FLAG_BOUNDARY_EVENT))
    return _("Boundary event");
  return flag_id;
}

/* Standard icons of the Adwaita theme at the baseline (Debian 12), all
 * drawn in one colour, so the row can tint them by severity (the
 * appointment-* and task-* icons carry their own red and orange). */
const char *
alliance_flag_get_icon_name (const char *flag_id)
{
  g_return_val_if_fail (flag_id != NULL, NULL);

  if (g_str_equal (flag_id, ALLIANCE_FLAG_RISK_ITEM))
    return "dialog-error-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF) ||
      g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_ITEM_LOW))
    return "face-worried-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_DROP))
    return "go-down-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED))
    return "action-unavailable-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_MISSED_SESSIONS))
    return "user-away-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_RUPTURE_UNREPAIRED))
    return "face-sad-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_CALIBRATION_GAP))
    return "edit-find-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_OUTCOME_DETERIORATION))
    return "dialog-warning-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK))
    return "alarm-symbolic";
  if (g_str_equal (flag_id, ALLIANCE_FLAG_BOUNDARY_EVENT))
    return "changes-prevent-symbolic";
  return "emblem-important-symbolic";
}

const char *
alliance_flag_severity_get_label (AllianceFlagSeverity severity)
{
  switch (severity)
    {
    case ALLIANCE_FLAG_SEVERITY_NOTICE:
      /* Translators: a flag's severity */
      return _("Notice");
    case ALLIANCE_FLAG_SEVERITY_WARNING:
      return _("Warning");
    case ALLIANCE_FLAG_SEVERITY_URGENT:
      return _("Urgent");
    case ALLIANCE_FLAG_SEVERITY_NONE:
    default:
      return _("None");
    }
}
