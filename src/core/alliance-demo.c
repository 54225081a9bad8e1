/* alliance-demo.c
 *
 * Every person here is invented. The names are chosen to exercise the UI:
 * accents, hyphens, apostrophes, very long names, non-Latin scripts.
 */
#define G_LOG_DOMAIN "alliance-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-date.h"
#include "alliance-demo.h"

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

/**
 * alliance_demo_populate:
 *
 * Fills an empty database with the sample caseload, in one transaction.
 */
gboolean
alliance_demo_populate (AllianceClientStore  *store,
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
