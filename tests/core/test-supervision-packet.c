/* test-supervision-packet.c
 *
 * The supervision packet names nobody. Each test writes the packet as a
 * PDF, reads its text back with pdftotext, and looks for everything in the
 * database that could identify a client — given, family, preferred and
 * emergency contacts' names (whole words, any case, accents or not), birth
 * dates and the calendar dates of sessions (ISO, d/m/Y, m/d/Y, "4 March
 * 2025", "4 Mar"), phone numbers, e-mail addresses — over the sample
 * caseload and over a generated one whose names are hard: words of
 * everyday English (Will, May, Hope, Mark), accented (Zoë Åberg, José
 * Núñez), hyphenated (Anne-Marie Smith-Jones), written into event notes,
 * questions and excerpts with phone numbers, e-mail addresses and dates.
 * And the packet is still a packet: the cover, each client's code, sane
 * page counts, the watermark on every page, a title naming nobody.
 *
 * Set ALLIANCE_TEST_PACKET_DIR=/some/folder to keep a copy of each
 * packet written (tricky-names.pdf, sample-caseload.pdf…), to look at them.
 */
#define G_LOG_DOMAIN "alliance-test-supervision-packet"

#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <string.h>

#include "alliance-client-store.h"
#include "alliance-date.h"
#include "alliance-demo.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-packet.h"
#include "alliance-supervision-review.h"
#include "alliance-supervision-store.h"
#include "alliance-error.h"
#include "alliance-text.h"
#include "test-common.h"
#include "test-pdf-text.h"

/* The generated caseload's period: four weeks, sessions before, in and after it. */
#define PERIOD_FROM "2026-09-07"
#define PERIOD_TO   "2026-10-04"
#define TODAY_DAY   20
#define TODAY_MONTH G_DATE_OCTOBER
#define TODAY_YEAR  2026

typedef struct
{
  TestDirFixture            dir;
  AllianceDatabase         *database;
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceRatingStore      *ratings;
  AllianceSupervisionStore *supervision;
  GDate                     today;
} Fixture;

typedef struct
{
  const char *code;
  const char *given;
  const char *family;
  const char *preferred;
  const char *birth;
  const char *phone;
  const char *email;
  const char *emergency_name;
  const char *emergency_phone;
} TrickyClient;

/* Names that are words, accents, hyphens; every one with a phone, an
 * e-mail address and a birth date. */
static const TrickyClient tricky_clients[] = {
  { "T-0001", "Will", "Hope", "Mark", "1990-03-04", "+44 7700 900123", "will.hope@example.org", "May Hope", "07700 900456" },
  { "T-0002", "Zoë", "Åberg", "Zo", "1985-12-25", "(613) 555-0142", "zoe.aberg@example.com", "Björn Åberg", "613-555-0199" },
  { "T-0003", "José", "Núñez", "Pepe", "2001-07-14", "+34 612 345 678", "jose.nunez@example.es", "Lucía Núñez", "+34 699 111 222" },
  { "T-0004", "Anne-Marie", "Smith-Jones", "Annie", "1972-01-31", "020 7946 0018", "am.smithjones@example.co.uk", "Mark Smith-Jones", "020 7946 0999" },
  { "T-0005", "May", "Lindqvist", NULL, "1999-11-02", "555 0100", "may.l@example.net", "Will Lindqvist", NULL },
};

/* ---------------------------------------------------------------------- */
/* Fixtures                                                                */

static void
open_stores (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open (fixture->dir.path, &error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  fixture->ratings = alliance_rating_store_new (fixture->database);
  fixture->supervision = alliance_supervision_store_new (fixture->database);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  test_dir_fixture_set_up (&fixture->dir, user_data);
  open_stores (fixture);
  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->supervision);
  g_clear_object (&fixture->ratings);
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->clients);
  g_clear_object (&fixture->database);
  test_dir_fixture_tear_down (&fixture->dir, user_data);
}

static gint64
add_session (Fixture    *fixture,
             gint64      client_id,
             const char *starts_at,
             AllianceAttendance attendance)
{
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(GError) error = NULL;

  g_free (session->starts_at);
  session->starts_at = g_strdup (starts_at);
  session->attendance = attendance;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  return session->id;
}

static gint64
add_note (Fixture    *fixture,
          gint64      session_id,
          const char *text)
{
  g_autoptr(AllianceNote) note = alliance_note_new (session_id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_autoptr(GError) error = NULL;

  g_free (note->sections[0]);
  note->sections[0] = g_strdup (text);
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, note, &error));
  g_assert_no_error (error);
  return note->id;
}

static gint64
add_event (Fixture           *fixture,
           gint64             session_id,
           AllianceEventKind  kind,
           gint64             rupture_id,
           const char        *note)
{
  g_autoptr(AllianceSessionEvent) event = alliance_session_event_new (session_id, kind);
  g_autoptr(GError) error = NULL;

  event->rupture_type = ALLIANCE_RUPTURE_CONFRONTATION;
  event->intensity = 3;
  event->strategy = ALLIANCE_REPAIR_METACOMMUNICATION;
  event->resolved = TRUE;
  event->rupture_id = rupture_id;
  event->boundary_kind = ALLIANCE_BOUNDARY_GIFT;
  g_free (event->note);
  event->note = g_strdup (note);
  g_assert_true (alliance_rating_store_save_event (fixture->ratings, event, &error));
  g_assert_no_error (error);
  return event->id;
}

/* Five clients seen weekly from July to mid-October, a no-show now and
 * then; events whose notes name names, with a phone number, an e-mail
 * and dates; ratings for the graphs and the flags; and an agenda whose
 * questions and excerpts do the same (as if the therapist had masked
 * nothing). Returns the client ids, in order. */
static GArray *
fill_tricky_caseload (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceMeeting) agenda = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  agenda = alliance_supervision_store_ensure_agenda (fixture->supervision, "2026-10-20", &error);
  g_assert_no_error (error);

  for (guint c = 0; c < G_N_ELEMENTS (tricky_clients); c++)
    {
      const TrickyClient *tricky = &tricky_clients[c];
      const TrickyClient *other = &tricky_clients[(c + 1) % G_N_ELEMENTS (tricky_clients)];
      g_autoptr(AllianceClient) client = test_client_new (tricky->given, tricky->family);
      AllianceSupervisionDiscussion *discussion;
      gint64 rupture = 0, note_id = 0;
      g_autofree char *mention = NULL;
      GDate day;

      client->code = g_strdup (tricky->code);
      client->preferred_name = g_strdup (tricky->preferred);
      client->date_of_birth = g_strdup (tricky->birth);
      client->phone = g_strdup (tricky->phone);
      client->email = g_strdup (tricky->email);
      client->emergency_name = g_strdup (tricky->emergency_name);
      client->emergency_phone = g_strdup (tricky->emergency_phone);
      client->start_date = g_strdup ("2026-07-06");
      client->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
      g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
      g_assert_no_error (error);
      g_array_append_val (ids, client->id);

      /* Everything a careless note could hold about this client. */
      mention = g_strdup_printf ("%s %s (%s) rang from %s on 4 March; write to %s. %s's birthday is %s; "
                                 "%s, %s and %s came in on 2026-09-15 and 15/09/2026.",
                                 tricky->given, tricky->family, tricky->preferred != NULL ? tricky->preferred : "-",
                                 tricky->phone, tricky->email, tricky->given, tricky->birth,
                                 tricky->emergency_name, other->given, other->family);

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 6 + (int)c, G_DATE_JULY, 2026);
      for (int week = 0; week < 15; week++, g_date_add_days (&day, 7))
        {
          char starts_at[32];
          AllianceAttendance attendance = (week % 6 == 4) ? ALLIANCE_ATTENDANCE_NO_SHOW : ALLIANCE_ATTENDANCE_ATTENDED;
          gint64 session_id;

          g_snprintf (starts_at, sizeof starts_at, "%04d-%02d-%02d 1%d:00", g_date_get_year (&day),
                      g_date_get_month (&day), g_date_get_day (&day), (int)c % 8);
          session_id = add_session (fixture, client->id, starts_at, attendance);
          if (attendance != ALLIANCE_ATTENDANCE_ATTENDED)
            continue;
          note_id = add_note (fixture, session_id, mention);
          /* The period holds weeks 9 to 12 (weeks 4 and 10 are missed): a
           * rupture before it repaired in it, one in it left unrepaired, a
           * boundary event in it. */
          if (week == 8)
            rupture = add_event (fixture, session_id, ALLIANCE_EVENT_RUPTURE, 0, mention);
          else if (week == 9)
            add_event (fixture, session_id, ALLIANCE_EVENT_REPAIR, rupture, mention);
          else if (week == 11)
            add_event (fixture, session_id, ALLIANCE_EVENT_RUPTURE, 0, mention);
          else if (week == 12)
            add_event (fixture, session_id, ALLIANCE_EVENT_BOUNDARY, 0, mention);
        }

      discussion = alliance_meeting_add_discussion (agenda, client->id);
      g_free (discussion->question);
      discussion->question = g_strdup_printf ("What may I do when %s says %s will not come back? %s",
                                              tricky->given, tricky->emergency_name, mention);
      g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (note_id, mention));
      g_ptr_array_add (discussion->excerpts,
                       alliance_supervision_excerpt_new (note_id, "Hope was the word of the day; we will mark it."));
    }

  g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, agenda, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_demo_generate_ratings (fixture->clients, 7, &error));
  g_assert_no_error (error);
  return ids;
}

/* ---------------------------------------------------------------------- */
/* What must never appear                                                  */

/* Whole words of @text, folded (case and accents aside), as a set. */
static GHashTable *
fold_words (const char *text)
{
  g_autofree char *folded = alliance_text_fold (text);
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }
      if (start != NULL)
        g_hash_table_add (words, g_strndup (start, p - start));
      start = NULL;
      if (c == 0)
        break;
    }
  return words;
}

static void
add_name_parts (GPtrArray  *names,
                const char *name)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;

  if (name == NULL || alliance_text_is_blank (name))
    return;
  folded = alliance_text_fold (name);
  parts = g_regex_split_simple ("[^[:alnum:]]+", folded, 0, 0);
  /* A lone letter ("O" of O'Brien) is no name: "a" and "I" are words. */
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_utf8_strlen (parts[i], -1) >= 2)
      g_ptr_array_add (names, g_strdup (parts[i]));
}

/* A date as a person or a program might write it. */
static void
add_date_forms (GPtrArray  *strings,
                const char *iso)
{
  static const char *const formats[] = {
    "%Y-%m-%d", "%-d/%-m/%Y", "%d/%m/%Y", "%-m/%-d/%Y", "%m/%d/%Y", "%-d.%-m.%Y", "%d.%m.%Y",
    "%-d %B %Y", "%B %-d, %Y", "%-d %b %Y", "%-d %b", "%-d %B",
  };
  g_autofree char *day = g_strndup (iso, 10);
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  if (!alliance_date_parse (day, &date, NULL))
    return;
  date_time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_ptr_array_add (strings, g_date_time_format (date_time, formats[i]));
  g_ptr_array_add (strings, alliance_date_format (day));
}

/* A phone number as written, and its digits run together. */
static void
add_phone_forms (GPtrArray  *strings,
                 const char *phone)
{
  GString *digits = g_string_new (NULL);

  if (phone == NULL || alliance_text_is_blank (phone))
    {
      g_string_free (digits, TRUE);
      return;
    }
  g_ptr_array_add (strings, g_strdup (phone));
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  g_ptr_array_add (strings, g_string_free (digits, FALSE));
}

typedef struct
{
  GPtrArray *names;    /* folded name parts: whole words */
  GPtrArray *strings;  /* dates, phones, e-mails: anywhere */
} Forbidden;

static void
forbidden_clear (Forbidden *forbidden)
{
  g_clear_pointer (&forbidden->names, g_ptr_array_unref);
  g_clear_pointer (&forbidden->strings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Forbidden, forbidden_clear)

static void
collect_rows (sqlite3    *handle,
              const char *sql,
              GPtrArray  *into,
              void      (*add) (GPtrArray *, const char *))
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      if (sqlite3_column_text (stmt, i) != NULL)
        add (into, (const char *)sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
}

static void
add_string (GPtrArray  *strings,
            const char *text)
{
  if (!alliance_text_is_blank (text))
    g_ptr_array_add (strings, g_strdup (text));
}

/* Everything identifying in the database, read straight from its tables. */
static Forbidden
collect_forbidden (Fixture *fixture)
{
  sqlite3 *handle = test_raw_open (fixture->dir.path);
  Forbidden forbidden = {
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func (g_free),
  };

  collect_rows (handle, "SELECT given_name, family_name, preferred_name, emergency_name FROM clients",
                forbidden.names, add_name_parts);
  collect_rows (handle, "SELECT date_of_birth FROM clients", forbidden.strings, add_date_forms);
  collect_rows (handle, "SELECT starts_at FROM sessions", forbidden.strings, add_date_forms);
  collect_rows (handle, "SELECT phone, emergency_phone FROM clients", forbidden.strings, add_phone_forms);
  collect_rows (handle, "SELECT email FROM clients", forbidden.strings, add_string);
  sqlite3_close (handle);

  g_assert_cmpuint (forbidden.names->len, >, 0);
  g_assert_cmpuint (forbidden.strings->len, >, 0);
  return forbidden;
}

/* Every forbidden thing is absent from @text; @what says which text. */
static void
assert_names_nobody (const char      *text,
                     const Forbidden *forbidden,
                     const char      *what)
{
  g_autoptr(GHashTable) words = fold_words (text);
  g_autofree char *folded = alliance_text_fold (text);

  for (guint i = 0; i < forbidden->names->len; i++)
    {
      const char *name = g_ptr_array_index (forbidden->names, i);

      if (g_hash_table_contains (words, name))
        g_error ("The %s names “%s”:\n%s", what, name, text);
    }
  for (guint i = 0; i < forbidden->strings->len; i++)
    {
      const char *string = g_ptr_array_index (forbidden->strings, i);
      g_autofree char *folded_string = alliance_text_fold (string);

      if (strstr (text, string) != NULL || strstr (folded, folded_string) != NULL)
        g_error ("The %s holds “%s”:\n%s", what, string, text);
    }
}

/* ---------------------------------------------------------------------- */
/* Writing and reading packets                                             */

static AllianceSupervisionPacket *
new_packet (Fixture      *fixture,
            const char   *from,
            const char   *to,
            const gint64 *ids,
            guint         n_ids)
{
  AlliancePacketOptions options = { from, to, ids, n_ids, 0, NULL, &fixture->today };
  g_autoptr(GError) error = NULL;
  AllianceSupervisionPacket *packet;

  packet = alliance_supervision_packet_new (fixture->clients, fixture->sessions, fixture->ratings,
                                            fixture->supervision, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (packet);
  return packet;
}

static char *
write_packet (Fixture                   *fixture,
              AllianceSupervisionPacket *packet)
{
  char *path = g_build_filename (fixture->dir.dir, "packet.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_supervision_packet_write_pdf (packet, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  return path;
}

static void
keep_copy_for_review (const char *path,
                      const char *name)
{
  const char *dir = g_getenv ("ALLIANCE_TEST_PACKET_DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *copy = NULL;
  gsize size;

  if (dir == NULL || *dir == '\0')
    return;
  copy = g_strconcat (dir, G_DIR_SEPARATOR_S, name, ".pdf", NULL);
  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, data, (gssize)size, &error);
  g_assert_no_error (error);
}

static char *
strip_spaces (const char *text)
{
  GString *stripped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (stripped, *p);
  return g_string_free (stripped, FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("The packet does not say “%s”:\n%.3000s", needle, text);
}

/* What every packet must be, whoever is in it: the cover, the codes, a
 * sane number of pages each with the watermark, a title naming nobody,
 * and nothing identifying in any page's text, read either way. */
static void
check_packet (const char      *path,
              const Forbidden *forbidden,
              GPtrArray       *codes)
{
  g_autofree char *raw = test_pdf_text (path, TEST_PDF_TEXT_RAW);
  g_autofree char *laid_out = test_pdf_text (path, TEST_PDF_TEXT_LAYOUT);
  g_autofree char *pages_text = test_pdf_info (path, "Pages");
  g_autofree char *title = test_pdf_info (path, "Title");
  g_autofree char *author = test_pdf_info (path, "Author");
  g_autofree char *cover = test_pdf_page_text (path, 1, TEST_PDF_TEXT_RAW);
  g_autofree char *n_clients = g_strdup_printf ("Clients: %u", codes->len);
  guint n_pages = (guint)atoi (pages_text);

  assert_names_nobody (raw, forbidden, "packet");
  assert_names_nobody (laid_out, forbidden, "packet (as laid out)");
  g_assert_cmpstr (title, ==, "Supervision packet");
  g_assert_true (author == NULL || *author == '\0');

  /* The cover, then at least a page a client, and not a runaway. */
  g_assert_cmpuint (n_pages, >=, 1 + codes->len);
  g_assert_cmpuint (n_pages, <=, 1 + 4 * codes->len);
  assert_contains (cover, "Supervision Packet");
  assert_contains (cover, "Confidential — prepared for clinical supervision");
  assert_contains (cover, n_clients);
  assert_contains (cover, "Period: 4 weeks");

  for (guint i = 0; i < codes->len; i++)
    assert_contains (raw, g_ptr_array_index (codes, i));

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = test_pdf_page_text (path, page, TEST_PDF_TEXT_RAW);
      g_autofree char *letters = strip_spaces (text);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", page, n_pages);

      /* Drawn first, under everything else. */
      g_assert_true (g_str_has_prefix (letters, "CONFIDENTIAL"));
      assert_contains (text, "Supervision packet");
      assert_contains (text, footer);
    }
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

static GPtrArray *
tricky_codes (void)
{
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tricky_clients); i++)
    g_ptr_array_add (codes, (char *)tricky_clients[i].code);
  return codes;
}

/* The agenda's clients, their questions and excerpts full of names,
 * numbers and dates: none of it on the pages, but the rest of what was
 * written is. */
static void
test_tricky_names (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GArray) ids = fill_tricky_caseload (fixture);
  g_autoptr(AllianceSupervisionPacket) packet = new_packet (fixture, PERIOD_FROM, PERIOD_TO, NULL, 0);
  g_autofree char *path = write_packet (fixture, packet);
  g_autoptr(GPtrArray) codes = tricky_codes ();
  g_auto(Forbidden) forbidden = collect_forbidden (fixture);
  g_autofree char *raw = test_pdf_text (path, TEST_PDF_TEXT_RAW);

  g_assert_nonnull (ids);

  keep_copy_for_review (path, "tricky-names");
  g_assert_cmpuint (alliance_supervision_packet_get_n_clients (packet), ==, G_N_ELEMENTS (tricky_clients));
  check_packet (path, &forbidden, codes);

  /* What is not identifying stays, masks in place of what is. */
  assert_contains (raw, "What [name] I do when [name] says");
  assert_contains (raw, "[name]");
  assert_contains (raw, "[phone]");
  assert_contains (raw, "[e-mail]");
  assert_contains (raw, "[date]");
  assert_contains (raw, "came in on");
  /* Sessions, events and repairs by week and session number. */
  assert_contains (raw, "Week 10 · session");
  assert_contains (raw, "rupture (confrontation), intensity 3; repaired at week");
  assert_contains (raw, "rupture (confrontation), intensity 3; not repaired");
  assert_contains (raw, "Gift");
  assert_contains (raw, "No-show");
}

/* The same packet on a day of the next year: the flags' reasons now
 * write their dates with the year, and still none reaches the page.
 * Nor does one date's text hide in another's: the unrepaired rupture of
 * 21 Sep 2026 is written "21 Sep 2026" and a session booked for 21 Sep
 * 2027 "21 Sep", a part of it. Found again by its text, T-0001's rupture
 * was said as the booking's week with the year left behind ("week 64 ·
 * session 14 2026"); written from the flag's dates, it is its own week
 * and session, and no year of a session reaches the page. */
static void
test_dates_of_another_year (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GArray) ids = fill_tricky_caseload (fixture);
  g_autoptr(AllianceSupervisionPacket) packet = NULL;
  g_autoptr(GPtrArray) codes = tricky_codes ();
  g_auto(Forbidden) forbidden = { NULL, NULL };
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;

  add_session (fixture, g_array_index (ids, gint64, 0), "2027-09-21 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  forbidden = collect_forbidden (fixture);
  g_date_set_dmy (&fixture->today, 4, G_DATE_JANUARY, 2027);
  packet = new_packet (fixture, PERIOD_FROM, PERIOD_TO, NULL, 0);
  path = write_packet (fixture, packet);
  keep_copy_for_review (path, "dates-of-another-year");
  check_packet (path, &forbidden, codes);
  raw = test_pdf_text (path, TEST_PDF_TEXT_RAW);
  /* A flag whose reason had a date: each client's rupture, T-0001's too. */
  g_assert_cmpuint (test_count_occurrences (raw, "1 rupture has no resolved repair; it happened on week 12 · session 10."),
                    ==, G_N_ELEMENTS (tricky_clients));
  if (strstr (raw, "2026") != NULL || strstr (raw, "2027") != NULL)
    g_error ("The packet holds a session's year:\n%s", raw);
}

/* The sample caseload, with the packet's default choice of clients. */
static void
test_sample_caseload (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceSupervisionPacket) packet = NULL;
  g_autoptr(AllianceMeeting) agenda = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_auto(Forbidden) forbidden = { NULL, NULL };
  g_autofree char *path = NULL;

  g_assert_true (alliance_demo_populate_as_of (fixture->clients, "2026-10-20", &error));
  g_assert_no_error (error);
  forbidden = collect_forbidden (fixture);

  /* Whom it holds: the agenda's clients, or else the review's. */
  agenda = alliance_supervision_store_load_agenda (fixture->supervision, &error);
  g_assert_no_error (error);
  if (agenda != NULL && agenda->discussions->len > 0)
    for (guint i = 0; i < agenda->discussions->len; i++)
      {
        const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (agenda->discussions, i);
        g_autoptr(AllianceClient) client = alliance_client_store_load (fixture->clients, discussion->client_id, &error);

        g_assert_no_error (error);
        g_ptr_array_add (codes, g_strdup (client->code));
      }
  else
    {
      g_autoptr(GPtrArray) entries = alliance_supervision_review_build (fixture->clients, fixture->sessions,
                                                                        fixture->ratings, fixture->supervision,
                                                                        PERIOD_FROM, PERIOD_TO, NULL,
                                                                        &fixture->today, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < entries->len; i++)
        g_ptr_array_add (codes, g_strdup (((AllianceReviewEntry *)g_ptr_array_index (entries, i))->code));
    }
  g_assert_cmpuint (codes->len, >, 0);

  packet = new_packet (fixture, PERIOD_FROM, PERIOD_TO, NULL, 0);
  g_assert_cmpuint (alliance_supervision_packet_get_n_clients (packet), ==, codes->len);
  path = write_packet (fixture, packet);
  keep_copy_for_review (path, "sample-caseload");
  check_packet (path, &forbidden, codes);
}

/* Clients chosen, in the order chosen; each page's header says whose it
 * is, by code. */
static void
test_chosen_clients (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GArray) ids = fill_tricky_caseload (fixture);
  gint64 chosen[] = { g_array_index (ids, gint64, 3), g_array_index (ids, gint64, 0) };
  g_autoptr(AllianceSupervisionPacket) packet = new_packet (fixture, PERIOD_FROM, PERIOD_TO, chosen, 2);
  AlliancePageLayout *layout = alliance_supervision_packet_get_layout (packet);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_auto(Forbidden) forbidden = collect_forbidden (fixture);
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  guint n_pages, last = 0;

  g_assert_cmpuint (alliance_supervision_packet_get_n_clients (packet), ==, 2);
  n_pages = alliance_page_layout_get_n_pages (layout);
  g_assert_cmpuint (n_pages, ==, 0);

  path = write_packet (fixture, packet);
  g_ptr_array_add (codes, (char *)tricky_clients[3].code);
  g_ptr_array_add (codes, (char *)tricky_clients[0].code);
  check_packet (path, &forbidden, codes);

  /* The cover has no subject; then the first chosen, then the second. */
  n_pages = alliance_page_layout_get_n_pages (layout);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_null (alliance_page_layout_get_page_subject (layout, 0));
  for (guint page = 1; page < n_pages; page++)
    {
      const char *subject = alliance_page_layout_get_page_subject (layout, page);
      guint which = g_strcmp0 (subject, tricky_clients[3].code) == 0 ? 1 : 2;

      g_assert_true (g_strcmp0 (subject, tricky_clients[3].code) == 0 ||
                     g_strcmp0 (subject, tricky_clients[0].code) == 0);
      g_assert_cmpuint (which, >=, last);
      last = which;
    }
  g_assert_cmpuint (last, ==, 2);

  raw = test_pdf_text (path, TEST_PDF_TEXT_RAW);
  g_assert_null (strstr (raw, tricky_clients[1].code));
  g_assert_true (strstr (raw, tricky_clients[3].code) < strstr (raw, tricky_clients[0].code));
}

/* A signed meeting's questions and excerpts, asked for by its id. */
static void
test_signed_meeting (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GArray) ids = fill_tricky_caseload (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceMeeting) meeting = alliance_supervision_store_load_agenda (fixture->supervision, &error);
  AlliancePacketOptions options = { PERIOD_FROM, PERIOD_TO, NULL, 0, 0, NULL, &fixture->today };
  g_autoptr(AllianceSupervisionPacket) packet = NULL;
  g_autoptr(GPtrArray) codes = tricky_codes ();
  g_auto(Forbidden) forbidden = collect_forbidden (fixture);
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;

  g_assert_nonnull (ids);

  g_assert_no_error (error);
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Dr Ines Okafor");
  g_assert_true (alliance_supervision_store_sign_meeting (fixture->supervision, meeting, "Sam Rivera", NULL, &error));
  g_assert_no_error (error);

  options.meeting_id = meeting->id;
  packet = alliance_supervision_packet_new (fixture->clients, fixture->sessions, fixture->ratings,
                                            fixture->supervision, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alliance_supervision_packet_get_n_clients (packet), ==, G_N_ELEMENTS (tricky_clients));
  path = write_packet (fixture, packet);
  check_packet (path, &forbidden, codes);
  raw = test_pdf_text (path, TEST_PDF_TEXT_RAW);
  assert_contains (raw, "word of the day");
  g_assert_null (strstr (raw, "Okafor"));
  g_assert_null (strstr (raw, "Rivera"));
}

/* No packet from a period that is not one, a client that does not exist,
 * or a meeting that does not; no file where it cannot be written. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GArray) ids = fill_tricky_caseload (fixture);
  const struct { const char *from, *to; } periods[] = {
    { "2026-10-05", "2026-10-04" }, { "2026-02-30", "2026-03-28" }, { "04/09/2026", "2026-10-04" },
  };
  gint64 unknown[] = { g_array_index (ids, gint64, 0), 999999 };
  AlliancePacketOptions options = { PERIOD_FROM, PERIOD_TO, NULL, 0, 0, NULL, &fixture->today };
  g_autoptr(AllianceSupervisionPacket) packet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir.dir, "missing", "packet.pdf", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      AlliancePacketOptions bad = { periods[i].from, periods[i].to, NULL, 0, 0, NULL, &fixture->today };
      int expected = i == 0 ? ALLIANCE_VALIDATION_ERROR_DATE_ORDER : ALLIANCE_VALIDATION_ERROR_INVALID_DATE;

      g_assert_null (alliance_supervision_packet_new (fixture->clients, fixture->sessions, fixture->ratings,
                                                      fixture->supervision, &bad, &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, expected);
      g_clear_error (&error);
    }

  options.client_ids = unknown;
  options.n_client_ids = 2;
  g_assert_null (alliance_supervision_packet_new (fixture->clients, fixture->sessions, fixture->ratings,
                                                  fixture->supervision, &options, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  options.client_ids = NULL;
  options.n_client_ids = 0;
  options.meeting_id = 999999;
  g_assert_null (alliance_supervision_packet_new (fixture->clients, fixture->sessions, fixture->ratings,
                                                  fixture->supervision, &options, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  packet = new_packet (fixture, PERIOD_FROM, PERIOD_TO, NULL, 0);
  g_assert_false (alliance_supervision_packet_write_pdf (packet, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/supervision-packet/tricky-names", test_tricky_names);
  ADD ("/supervision-packet/dates-of-another-year", test_dates_of_another_year);
  ADD ("/supervision-packet/sample-caseload", test_sample_caseload);
  ADD ("/supervision-packet/chosen-clients", test_chosen_clients);
  ADD ("/supervision-packet/signed-meeting", test_signed_meeting);
  ADD ("/supervision-packet/refusals", test_refusals);
#undef ADD

  status = g_test_run ();

  /* Let go of the font caches, so the sanitizer build sees only real leaks. */
  pango_cairo_font_map_set_default (NULL);
  return status;
}
