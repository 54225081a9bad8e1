/* alliance-demo.c
 *
 * Every person here is invented. The names are chosen to exercise the UI:
 * accents, hyphens, apostrophes, very long names, non-Latin scripts. The
 * clinical text is made up from generic phrases: it describes no one.
 */
#define G_LOG_DOMAIN "alliance-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-demo.h"
#include "alliance-session-store.h"

typedef struct
{
  const char           *given;
  const char           *family;
  const char           *preferred;
  const char           *pronouns;
  const char           *birth;
  AllianceClientStatus  status;
  const char           *start;
  const char           *discharge;
  const char           *concerns;
  const char           *referral;
  gboolean              archived;
} DemoClient;

#define ACTIVE ALLIANCE_CLIENT_STATUS_ACTIVE
#define WAIT ALLIANCE_CLIENT_STATUS_WAITLIST
#define ENQ ALLIANCE_CLIENT_STATUS_ENQUIRY
#define HOLD ALLIANCE_CLIENT_STATUS_ON_HOLD
#define DONE ALLIANCE_CLIENT_STATUS_DISCHARGED

static const DemoClient demo_clients[] = {
  { "Zoë", "Laurent", NULL, "she/her", "1991-04-12", ACTIVE, "2026-02-03", NULL, "Low mood after a bereavement; sleep problems.", "GP", FALSE },
  { "Mateo", "García Fernández", NULL, "he/him", "1984-09-30", ACTIVE, "2025-11-17", NULL, "Panic attacks on public transport.", "Self", FALSE },
  { "Aoife", "Ní Bhriain", NULL, "she/her", "1998-01-22", ACTIVE, "2026-05-06", NULL, "Social anxiety at university.", "Student counselling", FALSE },
  { "Katherine", "O'Connor-Whitfield", "Kate", "she/her", "1976-06-02", ACTIVE, "2025-09-08", NULL, "Work stress and burnout.", "Employee assistance programme", FALSE },
  { "Jean-Baptiste", "Lefèvre", NULL, "he/him", "1969-12-19", ACTIVE, "2026-01-12", NULL, "Anger after redundancy; conflict at home.", "Self", FALSE },
  { "Siobhán", "Mac Giolla Phádraig", NULL, "she/her", "1988-03-08", ACTIVE, "2026-03-30", NULL, "Perinatal anxiety.", "Midwife", FALSE },
  { "Alexandria", "Montgomery-Vanderbilt-Castellanos", "Alex", "they/them", "2001-07-15", ACTIVE, "2026-06-01", NULL, "Gender identity exploration; family rejection.", "Community centre", FALSE },
  { "Nguyễn", "Thị Minh Anh", "Minh", "she/her", "1995-10-05", ACTIVE, "2026-04-14", NULL, "Acculturation stress; low self-worth.", "GP", FALSE },
  { "Björn", "Åkesson", NULL, "he/him", "1958-02-27", ACTIVE, "2025-12-01", NULL, "Adjustment to retirement; drinking more.", "Partner", FALSE },
  { "Fatima", "Al-Sayed", NULL, "she/her", "1982-05-19", ACTIVE, "2026-07-20", NULL, "Trauma after a road accident.", "Insurer", FALSE },
  { "Oluwaseun", "Adébáyọ̀", "Seun", "he/him", "1990-11-11", ACTIVE, "2026-08-03", NULL, "Relationship breakdown.", "Self", FALSE },
  { "François", "Dubois-Bérubé", NULL, "he/him", "1973-08-24", ACTIVE, "2025-10-06", NULL, "Chronic pain and depression.", "Pain clinic", FALSE },
  { "Maria", "Kowalczyk", NULL, "she/her", "2005-02-14", ACTIVE, "2026-09-07", NULL, "Exam anxiety; self-harm history.", "School nurse", FALSE },
  { "Ólafur", "Sigurðsson", NULL, "he/him", "1987-12-31", ACTIVE, "2026-02-23", NULL, "Insomnia; rumination.", "GP", FALSE },
  { "Chloé", "Tremblay", NULL, "she/they", "1999-06-06", ACTIVE, "2026-10-05", NULL, "Disordered eating.", "Dietitian", FALSE },
  { "Hiroshi", "Tanaka", NULL, "he/him", "1965-04-01", ACTIVE, "2025-08-11", NULL, "Grief after the death of a spouse.", "Hospice", FALSE },
  { "Priya", "Raghunathan-Subramanian", NULL, "she/her", "1993-09-09", ACTIVE, "2026-03-02", NULL, "Perfectionism; burnout in medical training.", "Self", FALSE },
  { "Ana", "Lima", NULL, "she/her", "1979-01-03", WAIT, NULL, NULL, "Generalised anxiety.", "GP", FALSE },
  { "Tomás", "Ó Súilleabháin", NULL, "he/him", "1996-03-17", WAIT, NULL, NULL, "Low mood; isolation.", "Self", FALSE },
  { "Sophie", "Müller", NULL, "she/her", "1985-07-29", WAIT, NULL, NULL, "Couple conflict.", "Partner", FALSE },
  { "Ewa", "Wiśniewska", NULL, "she/her", "1971-10-10", ENQ, NULL, NULL, "Asked about fees and availability.", "Website", FALSE },
  { "Rafael", "Nuñez", NULL, "he/him", "2000-12-12", ENQ, NULL, NULL, "Wants help with procrastination.", "Friend", FALSE },
  { "Léa", "Rousseau", NULL, "she/her", "1989-05-25", HOLD, "2025-06-09", NULL, "Postnatal depression; paused for surgery.", "Health visitor", FALSE },
  { "Dmitri", "Volkov", NULL, "he/him", "1977-11-21", HOLD, "2025-12-15", NULL, "Obsessive-compulsive symptoms.", "Psychiatrist", FALSE },
  { "Grace", "Okafor", NULL, "she/her", "1992-08-08", DONE, "2025-01-13", "2025-09-29", "Panic disorder; goals met.", "GP", FALSE },
  { "William", "Ashworth-Pemberton", "Will", "he/him", "1962-03-03", DONE, "2024-10-07", "2025-05-19", "Depression after a heart attack.", "Cardiac rehab", FALSE },
  { "Inès", "Benali", NULL, "she/her", "1997-02-02", DONE, "2025-03-24", "2025-07-07", "Moved away; referred on.", "Self", FALSE },
  { "Lukas", "Novák", NULL, "he/him", "1983-04-18", DONE, "2023-09-04", "2024-03-25", "Health anxiety.", "GP", TRUE },
  { "Émilie", "Gagnon", NULL, "she/her", "1994-12-24", DONE, "2023-05-15", "2023-11-20", "Assertiveness at work.", "Self", TRUE },
  { "Ji-woo", "Park", NULL, "they/them", "2003-09-01", ACTIVE, "2026-10-26", NULL, "Loneliness after moving country.", "International office", FALSE },
};

static const struct
{
  guint       client;
  const char *description;
  const char *set_on;
  AllianceGoalStatus status;
} demo_goals[] = {
  { 0, "Sleep at least six hours on most nights", "2026-02-17", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 0, "Visit the grave with my sister", "2026-02-17", ALLIANCE_GOAL_STATUS_ACHIEVED },
  { 1, "Take the metro to work twice a week", "2025-12-01", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 1, "Reduce avoidance of crowded places", "2025-12-01", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 3, "Leave work by 6 pm four days a week", "2025-09-22", ALLIANCE_GOAL_STATUS_ACHIEVED },
  { 3, "Talk to my manager about workload", "2025-09-22", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 4, "Notice early signs of anger and take time out", "2026-01-26", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 6, "Tell one family member how I feel", "2026-06-15", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 8, "Keep to two alcohol-free days a week", "2025-12-15", ALLIANCE_GOAL_STATUS_DROPPED },
  { 8, "Join the walking group", "2025-12-15", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 11, "Return to part-time work", "2025-10-20", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 12, "Use a coping plan instead of self-harm", "2026-09-14", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 16, "Accept a 'good enough' result on one task each week", "2026-03-16", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 24, "Manage panic without leaving the situation", "2025-01-27", ALLIANCE_GOAL_STATUS_ACHIEVED },
};

static char *
demo_phone (guint i)
{
  /* 555-01xx numbers are reserved for fiction. */
  return g_strdup_printf ("+1 613 555 01%02u", i % 100);
}

static char *
ascii_local_part (const char *given)
{
  g_autofree char *ascii = g_str_to_ascii (given, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);

  g_strdelimit (lower, " '", '-');
  return g_steal_pointer (&lower);
}

/* ---------------------------------------------------------------------- */
/* Session history                                                         */

#define DEMO_SIGNER "Dr Sam Rivera"
#define DEMO_HISTORY_SEED 20261127
#define DEMO_MAX_SESSIONS 120      /* per client: keeps a far-future start fast */
#define DEMO_HOLD_WEEKS 6          /* an on-hold client's last session was this long ago */

/* What each client's sessions keep coming back to (parallel to demo_clients). */
static const char *demo_themes[] = {
  "grief", "the panic attacks", "speaking up in seminars", "workload", "anger at home",
  "worry about the baby", "family rejection", "self-worth", "drinking", "flashbacks",
  "the break-up", "pain", "exam pressure", "rumination at night", "eating",
  "grief", "perfectionism", "", "", "",
  "", "", "low mood", "checking", "panic",
  "low mood", "the move", "health worries", "assertiveness", "loneliness",
};

G_STATIC_ASSERT (G_N_ELEMENTS (demo_themes) == G_N_ELEMENTS (demo_clients));

/* Phrases with one %s, the client's theme, or none. */
static const char *subjective_phrases[] = {
  "Reports a difficult week; %s came up several times.",
  "Says sleep has improved a little, about six hours on most nights.",
  "Arrived on time and said they had been looking forward to talking about %s.",
  "Described an argument at home and feeling misunderstood afterwards.",
  "Said the homework felt hard but managed it twice.",
  "Talked about %s and how it affects daily life.",
  "Said they felt « un peu perdu » this week and chose the French words themselves.",
  "Reported using the breathing exercise in a café when anxiety rose, with some success.",
  "Noticed fewer bad days; still avoids situations linked to %s.",
  "Wanted to talk about a friend's comment that stayed with them all week.",
};

static const char *objective_phrases[] = {
  "Appeared tired; speech normal in rate and volume; good eye contact.",
  "Tearful when speaking about %s; settled towards the end.",
  "Alert and engaged; affect brighter than last week.",
  "Restless at first, then more settled.",
  "Casually dressed; described mood as flat, affect congruent.",
  "Smiled more than usual; joked about the weather.",
};

static const char *assessment_phrases[] = {
  "Engagement is good and the alliance feels solid; we agree on the goals.",
  "Some progress towards the agreed goal; avoidance still keeps %s going.",
  "Brief rupture when I moved too quickly to homework; repaired by checking in, and the client agreed to go on.",
  "Mood stable; no new risk concerns raised today.",
  "A pattern of self-criticism around %s; responding well to compassion-focused work.",
  "Ambivalent about change, which makes sense given how long %s has been there.",
};

static const char *plan_phrases[] = {
  "Continue weekly. Homework: sleep diary.",
  "Review goals next session; repeat the PHQ-9 and GAD-7.",
  "Practise the grounding exercise daily and bring one example next week.",
  "Continue weekly; plan together for the break over the holidays.",
  "Next session: look at what keeps %s going, using last week's diary.",
  "Try one small step towards the goal before next week.",
};

static const char *data_phrases[] = {
  "Client spoke about %s and a recent setback; appeared tired but engaged.",
  "Reviewed the week: two good days, one very hard one linked to %s.",
  "Brought the thought record; most entries were about %s.",
  "Discussed the goal agreed last month; reports small, steady changes.",
  "Talked about the thérapeute they saw years ago and what did not help then.",
};

static const char *behaviour_phrases[] = {
  "Arrived early; quiet at first, spoke more once we turned to %s.",
  "Fidgeting and checking the time; said the week had been busy.",
  "Calm and reflective; brought notes from the week.",
  "Came in angry about a letter from work, settled after ten minutes.",
};

static const char *intervention_phrases[] = {
  "Cognitive restructuring of a recent thought: \"I always get it wrong.\"",
  "Graded exposure: built a hierarchy together, starting with the easiest step.",
  "Psychoeducation about the cycle of %s; normalised the response.",
  "Motivational interviewing about change; explored both sides of the ambivalence.",
  "Explored the here-and-now relationship after a moment of withdrawal.",
};

static const char *response_phrases[] = {
  "Engaged well and added two steps of their own.",
  "Found it helpful; said \"c'est logique\" and smiled.",
  "Sceptical at first, then curious; agreed to try once.",
  "Became quiet; we slowed down and they said the pace felt better.",
};

static const char *process_phrases[] = {
  "I noticed feeling protective; bring to supervision.",
  "Felt rushed today; check whether the client noticed.",
  "Some déjà vu: this session echoed the one in the spring.",
  "",
  "",
  "",
};

static const char *addendum_phrases[] = {
  "Correction: the homework agreed was a sleep diary, not a thought record.",
  "Late entry: the client telephoned the next day to say the session had helped.",
  "Correction: the next session is in two weeks, not one, because of the client's holiday.",
  "Addendum: discussed in supervision; plan unchanged.",
};

static const char *
pick (GRand        *rand,
      const char  **phrases,
      guint         n_phrases)
{
  return phrases[g_rand_int_range (rand, 0, (gint32)n_phrases)];
}

#define PICK(rand, phrases) pick ((rand), (phrases), G_N_ELEMENTS (phrases))

/* A phrase with the theme put in; "it" when the client has none. */
static char *
phrase_about (const char *phrase,
              const char *theme)
{
  const char *mark = strstr (phrase, "%s");
  GString *out = g_string_new (NULL);

  if (mark == NULL)
    return g_string_free (g_string_append (out, phrase), FALSE);
  g_string_append_len (out, phrase, mark - phrase);
  g_string_append (out, theme[0] ? theme : "it");
  g_string_append (out, mark + 2);
  return g_string_free (out, FALSE);
}

static void
fill_note (AllianceNote *note,
           GRand        *rand,
           const char   *theme)
{
  const char **banks[4] = { NULL };
  guint sizes[4] = { 0 };

  switch (note->template_id)
    {
    case ALLIANCE_NOTE_TEMPLATE_SOAP:
      banks[0] = subjective_phrases, sizes[0] = G_N_ELEMENTS (subjective_phrases);
      banks[1] = objective_phrases, sizes[1] = G_N_ELEMENTS (objective_phrases);
      banks[2] = assessment_phrases, sizes[2] = G_N_ELEMENTS (assessment_phrases);
      banks[3] = plan_phrases, sizes[3] = G_N_ELEMENTS (plan_phrases);
      break;
    case ALLIANCE_NOTE_TEMPLATE_DAP:
      banks[0] = data_phrases, sizes[0] = G_N_ELEMENTS (data_phrases);
      banks[1] = assessment_phrases, sizes[1] = G_N_ELEMENTS (assessment_phrases);
      banks[2] = plan_phrases, sizes[2] = G_N_ELEMENTS (plan_phrases);
      break;
    case ALLIANCE_NOTE_TEMPLATE_BIRP:
      banks[0] = behaviour_phrases, sizes[0] = G_N_ELEMENTS (behaviour_phrases);
      banks[1] = intervention_phrases, sizes[1] = G_N_ELEMENTS (intervention_phrases);
      banks[2] = response_phrases, sizes[2] = G_N_ELEMENTS (response_phrases);
      banks[3] = plan_phrases, sizes[3] = G_N_ELEMENTS (plan_phrases);
      break;
    case ALLIANCE_NOTE_TEMPLATE_FREE:
    default:
      {
        g_autofree char *first = phrase_about (PICK (rand, subjective_phrases), theme);
        g_autofree char *second = phrase_about (PICK (rand, assessment_phrases), theme);
        g_autofree char *third = phrase_about (PICK (rand, plan_phrases), theme);

        g_free (note->sections[0]);
        note->sections[0] = g_strdup_printf ("%s %s\n\n%s", first, second, third);
      }
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (banks) && banks[i] != NULL; i++)
    {
      g_free (note->sections[i]);
      note->sections[i] = phrase_about (pick (rand, banks[i], sizes[i]), theme);
    }

  g_free (note->process_note);
  note->process_note = g_strdup (PICK (rand, process_phrases));
}

static gboolean
is_holiday (const GDate *date)
{
  /* The therapist's winter break. */
  return (g_date_get_month (date) == G_DATE_DECEMBER && g_date_get_day (date) >= 22) ||
         (g_date_get_month (date) == G_DATE_JANUARY && g_date_get_day (date) <= 3);
}

static AllianceAttendance
pick_attendance (GRand       *rand,
                 const GDate *date,
                 guint        n,
                 guint        n_sessions,
                 guint        client)
{
  int roll;

  if (n == 0)
    return ALLIANCE_ATTENDANCE_ATTENDED;          /* the assessment */
  if (is_holiday (date))
    return ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST;
  /* Mateo has just missed two in a row: the consistency flag's example. */
  if (client == 1 && n + 3 == n_sessions)
    return ALLIANCE_ATTENDANCE_LATE_CANCELLED;
  if (client == 1 && n + 2 == n_sessions)
    return ALLIANCE_ATTENDANCE_NO_SHOW;
  if (n + 1 == n_sessions)
    return ALLIANCE_ATTENDANCE_ATTENDED;          /* the latest, to write up */

  roll = g_rand_int_range (rand, 0, 100);
  if (roll < 5)
    return ALLIANCE_ATTENDANCE_CANCELLED;
  if (roll < 8)
    return ALLIANCE_ATTENDANCE_LATE_CANCELLED;
  if (roll < 11)
    return ALLIANCE_ATTENDANCE_NO_SHOW;
  if (roll < 12)
    return ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST;
  return ALLIANCE_ATTENDANCE_ATTENDED;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint)g_date_get_year (date), (guint)g_date_get_month (date),
                          (guint)g_date_get_day (date));
}

typedef struct
{
  gint64             id;
  AllianceAttendance attendance;
} DemoSession;

/* Weekly sessions from the client's start to @today (or discharge), with
 * notes: signed, but for the latest one or two of an active client, which
 * are drafts. */
static gboolean
add_client_history (AllianceSessionStore  *sessions,
                    guint                  client,
                    gint64                 client_id,
                    const GDate           *today,
                    GRand                 *rand,
                    guint                 *n_signed,
                    GError               **error)
{
  const DemoClient *demo = &demo_clients[client];
  const char *theme = demo_themes[client];
  AllianceNoteTemplate template_id = (AllianceNoteTemplate)(client % ALLIANCE_NOTE_N_TEMPLATES);
  g_autoptr(GArray) made = g_array_new (FALSE, FALSE, sizeof (DemoSession));
  GDate first, last, date;
  guint n_sessions, n_attended = 0, n_drafts, seen_attended = 0;
  int hour = 9 + (int)(client * 3 % 9);
  int minute = client % 2 ? 30 : 0;

  if (demo->start == NULL || !alliance_date_parse (demo->start, &first, NULL))
    return TRUE;

  /* Until yesterday, the discharge, or a few weeks ago for a pause. */
  last = *today;
  g_date_subtract_days (&last, 1);
  if (demo->status == ALLIANCE_CLIENT_STATUS_ON_HOLD)
    g_date_subtract_days (&last, 7 * DEMO_HOLD_WEEKS);
  if (demo->discharge != NULL)
    {
      GDate discharge;

      if (alliance_date_parse (demo->discharge, &discharge, NULL) && g_date_compare (&discharge, &last) < 0)
        last = discharge;
    }
  if (g_date_compare (&first, &last) > 0)
    return TRUE;

  n_sessions = (guint)(g_date_days_between (&first, &last) / 7) + 1;
  date = first;
  if (n_sessions > DEMO_MAX_SESSIONS)
    {
      g_date_add_days (&date, 7 * (n_sessions - DEMO_MAX_SESSIONS));
      n_sessions = DEMO_MAX_SESSIONS;
    }

  for (guint n = 0; n < n_sessions; n++, g_date_add_days (&date, 7))
    {
      g_autoptr(AllianceSession) session = alliance_session_new (client_id);
      g_autofree char *day = format_date (&date);
      DemoSession entry;
      int roll = g_rand_int_range (rand, 0, 100);

      session->starts_at = g_strdup_printf ("%s %02d:%02d", day, hour, minute);
      session->attendance = pick_attendance (rand, &date, n, n_sessions, client);
      session->duration_minutes = n == 0 ? 75 : 50;
      /* Fatima and Ji-woo are seen by video; others now and then. */
      session->modality = client == 9 || client == 29 ? ALLIANCE_MODALITY_VIDEO
                          : roll < 6                 ? ALLIANCE_MODALITY_PHONE
                          : roll < 14                ? ALLIANCE_MODALITY_VIDEO
                                                     : ALLIANCE_MODALITY_IN_PERSON;
      /* Jean-Baptiste's partner joins every fifth session. */
      if (client == 4 && n % 5 == 4)
        {
          session->kind = ALLIANCE_SESSION_KIND_COUPLE;
          session->duration_minutes = 80;
        }

      if (!alliance_session_store_save_session (sessions, session, NULL, error))
        return FALSE;
      entry.id = session->id;
      entry.attendance = session->attendance;
      g_array_append_val (made, entry);
      if (entry.attendance == ALLIANCE_ATTENDANCE_ATTENDED)
        n_attended++;

      /* Kate's third session was logged twice; the copy is marked, not deleted. */
      if (client == 3 && n == 2)
        {
          g_autoptr(AllianceSession) duplicate = alliance_session_copy (session);

          duplicate->id = 0;
          if (!alliance_session_store_save_session (sessions, duplicate, NULL, error) ||
              !alliance_session_store_mark_entered_in_error (sessions, duplicate->id,
                                                             "Logged twice by mistake; the session is the one "
                                                             "recorded at the same time.",
                                                             error))
            return FALSE;
        }
    }

  n_drafts = demo->status == ALLIANCE_CLIENT_STATUS_ACTIVE ? 1 + client % 2 : 0;

  for (guint n = 0; n < made->len; n++)
    {
      const DemoSession *entry = &g_array_index (made, DemoSession, n);
      g_autoptr(AllianceNote) note = NULL;
      gboolean draft;

      if (entry->attendance != ALLIANCE_ATTENDANCE_ATTENDED)
        continue;
      seen_attended++;
      draft = seen_attended + n_drafts > n_attended;

      /* A few notes were never written. */
      if (!draft && g_rand_int_range (rand, 0, 100) < 6)
        continue;

      note = alliance_note_new (entry->id, template_id);
      fill_note (note, rand, theme);

      if (draft)
        {
          if (!alliance_session_store_save_draft (sessions, note, error))
            return FALSE;
          continue;
        }

      if (!alliance_session_store_sign_note (sessions, note, DEMO_SIGNER, error))
        return FALSE;
      if (++*n_signed % 40 == 7 &&
          !alliance_session_store_add_addendum (sessions, note, PICK (rand, addendum_phrases), DEMO_SIGNER, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_history (AllianceClientStore  *store,
             GArray               *ids,
             const char           *today,
             GError              **error)
{
  g_autoptr(AllianceSessionStore) sessions = alliance_session_store_new (alliance_client_store_get_database (store));
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_HISTORY_SEED);
  guint n_signed = 0;
  GDate today_date;

  if (!alliance_date_parse (today, &today_date, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    {
      AllianceClientStatus status = demo_clients[i].status;

      if (status != ALLIANCE_CLIENT_STATUS_ACTIVE && status != ALLIANCE_CLIENT_STATUS_ON_HOLD &&
          status != ALLIANCE_CLIENT_STATUS_DISCHARGED)
        continue;
      if (!add_client_history (sessions, i, g_array_index (ids, gint64, i), &today_date, rand, &n_signed, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean populate (AllianceClientStore  *store,
                          const char           *today,
                          GError              **error);

/**
 * alliance_demo_populate:
 *
 * Fills an empty database with the sample caseload, in one transaction:
 * clients, goals, and for every client in therapy a weekly history up to
 * today, with notes.
 */
gboolean
alliance_demo_populate (AllianceClientStore  *store,
                        GError              **error)
{
  g_autofree char *today = alliance_date_today ();

  return alliance_demo_populate_as_of (store, today, error);
}

/**
 * alliance_demo_populate_as_of:
 * @today: "YYYY-MM-DD": sessions run up to the day before
 *
 * alliance_demo_populate() with a fixed "today": the same date always
 * gives the same sample data, byte for byte (timestamps apart).
 */
gboolean
alliance_demo_populate_as_of (AllianceClientStore  *store,
                              const char           *today,
                              GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (store), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return populate (store, today, error);
}

/**
 * alliance_demo_populate_caseload:
 *
 * Only the sample clients and their goals, without sessions: for tests of
 * the caseload, which would otherwise pay for months of notes each time.
 */
gboolean
alliance_demo_populate_caseload (AllianceClientStore  *store,
                                 GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (store), FALSE);

  return populate (store, NULL, error);
}

/* With @today NULL, the history is left out. */
static gboolean
populate (AllianceClientStore  *store,
          const char           *today,
          GError              **error)
{
  AllianceDatabase *database = alliance_client_store_get_database (store);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!alliance_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    {
      const DemoClient *demo = &demo_clients[i];
      g_autoptr(AllianceClient) client = alliance_client_new ();
      g_autofree char *local = ascii_local_part (demo->given);

      client->given_name = g_strdup (demo->given);
      client->family_name = g_strdup (demo->family);
      client->preferred_name = g_strdup (demo->preferred);
      client->pronouns = g_strdup (demo->pronouns);
      client->date_of_birth = g_strdup (demo->birth);
      client->status = demo->status;
      client->start_date = g_strdup (demo->start);
      client->discharge_date = g_strdup (demo->discharge);
      client->discharge_reason = demo->discharge ? g_strdup ("Goals met; agreed ending.") : NULL;
      client->referral_source = g_strdup (demo->referral);
      client->presenting_concerns = g_strdup (demo->concerns);
      client->phone = demo_phone (i);
      client->email = g_strdup_printf ("%s@example.org", local);
      client->emergency_name = g_strdup (i % 3 == 0 ? "Sam Rivera" : i % 3 == 1 ? "Alex Morgan" : "Chris Taylor");
      client->emergency_relationship = g_strdup (i % 2 ? "Partner" : "Sibling");
      client->emergency_phone = demo_phone (i + 50);
      client->archived = demo->archived;

      if (!alliance_client_store_save (store, client, NULL, error))
        goto failed;
      g_array_append_val (ids, client->id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_goals); i++)
    {
      g_autoptr(AllianceGoal) goal = alliance_goal_new (g_array_index (ids, gint64, demo_goals[i].client),
                                                        demo_goals[i].description, demo_goals[i].set_on);

      goal->status = demo_goals[i].status;
      if (goal->status != ALLIANCE_GOAL_STATUS_ACTIVE)
        goal->reviewed_on = g_strdup ("2026-06-29");
      if (!alliance_client_store_save_goal (store, goal, error))
        goto failed;
    }

  if (today != NULL && !add_history (store, ids, today, error))
    goto failed;

  return alliance_database_commit (database, error);

failed:
  alliance_database_rollback (database);
  return FALSE;
}

static const char *given_names[] = {
  "Olivia", "Noah", "Amelia", "Liam", "Zoë", "Mateo", "Aoife", "Yusuf", "Chloé", "Hiroshi",
  "Priya", "Björn", "Fatima", "Ólafur", "Ana", "Tomás", "Ewa", "Léa", "Dmitri", "Grace",
  "Jean-Luc", "Siobhán", "Kwame", "Mei", "Rafael", "Ingrid", "Arjun", "Nadia", "Connor", "Élodie",
};

static const char *family_names[] = {
  "Smith", "García", "Nguyen", "O'Brien", "Müller", "Kowalski", "Tremblay", "Okafor", "Tanaka", "Åkesson",
  "Lefèvre", "Al-Sayed", "Novák", "Rossi", "Silva", "Ní Bhriain", "Park", "Dubois", "Cohen", "Ivanova",
  "Martin-Lopez", "Haddad", "Schmidt", "Kaur", "Mensah", "Björklund", "Costa", "Fitzgerald", "Yılmaz", "Gagnon",
};

static const char *concerns[] = {
  "Low mood and withdrawal.", "Panic attacks.", "Work stress.", "Grief.", "Relationship difficulties.",
  "Health anxiety.", "Trauma after an assault.", "Insomnia.", "Social anxiety.", "Anger.",
};

/**
 * alliance_demo_generate_caseload:
 * @seed: the same seed gives the same caseload, so runs are comparable
 *
 * Adds @n_clients generated clients in one transaction, for the benchmark.
 */
gboolean
alliance_demo_generate_caseload (AllianceClientStore  *store,
                                 guint                 n_clients,
                                 guint32               seed,
                                 GError              **error)
{
  AllianceDatabase *database = alliance_client_store_get_database (store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  static const AllianceClientStatus status_mix[] = {
    ACTIVE, ACTIVE, DONE, DONE, DONE, DONE, WAIT, HOLD, ENQ, DONE,
  };

  if (!alliance_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(AllianceClient) client = alliance_client_new ();
      guint birth_year = 1940 + g_rand_int_range (rand, 0, 66);
      guint start_year = 2016 + g_rand_int_range (rand, 0, 10);
      const char *given = given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))];
      g_autofree char *local = ascii_local_part (given);

      client->given_name = g_strdup (given);
      client->family_name = g_strdup (family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))]);
      client->status = status_mix[g_rand_int_range (rand, 0, G_N_ELEMENTS (status_mix))];
      client->date_of_birth = g_strdup_printf ("%u-%02d-%02d", birth_year, g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      if (client->status != ENQ && client->status != WAIT)
        client->start_date = g_strdup_printf ("%u-%02d-%02d", start_year, g_rand_int_range (rand, 1, 13),
                                              g_rand_int_range (rand, 1, 29));
      if (client->status == DONE)
        {
          client->discharge_date = g_strdup_printf ("%u-12-%02d", start_year, g_rand_int_range (rand, 1, 29));
          if (g_strcmp0 (client->discharge_date, client->start_date) < 0)
            {
              g_free (client->discharge_date);
              client->discharge_date = g_strdup (client->start_date);
            }
          client->discharge_reason = g_strdup ("Agreed ending.");
          client->archived = g_rand_int_range (rand, 0, 4) == 0;
        }
      client->pronouns = g_strdup ("");
      client->phone = demo_phone (i);
      client->email = g_strdup_printf ("%s.%u@example.org", local, i);
      client->presenting_concerns = g_strdup (concerns[g_rand_int_range (rand, 0, G_N_ELEMENTS (concerns))]);
      client->referral_source = g_strdup ("GP");

      if (!alliance_client_store_save (store, client, NULL, error))
        {
          alliance_database_rollback (database);
          return FALSE;
        }
    }

  return alliance_database_commit (database, error);
}
