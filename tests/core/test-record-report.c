/* test-record-report.c
 *
 * The client's chronological record as pages: AlliancePageLayout puts
 * every line on exactly one page, keeps headings with what follows and
 * stays inside the body; AllianceRecordReport writes a PDF that poppler
 * reads back with everything in it, in date order, nothing lost at page
 * breaks, process notes only when asked; and a PDF that cannot be written
 * leaves neither a partial file nor a changed one.
 *
 * Set ALLIANCE_TEST_RECORD_PDF=/some/file.pdf to keep a copy of the record
 * this test writes, to look at it.
 */
#define G_LOG_DOMAIN "alliance-test-record-report"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/capability.h>
#include <sys/syscall.h>
#endif

#include "alliance-client-store.h"
#include "alliance-page-layout.h"
#include "alliance-record-report.h"
#include "alliance-session-store.h"
#include "test-common.h"
#include "test-pdf-text.h"

#define SIGNER "Dr Sam Rivera"
#define GIVEN_NAME "Zoë"
#define FAMILY_NAME "Ñúñez-Łukasiewicz"
#define FULL_NAME GIVEN_NAME " " FAMILY_NAME
#define MULTILINGUAL "Ψυχή / душа / 心"
#define PROCESS_MARKER "Countertransference: I felt protective today"
#define ERROR_REASON "Logged for the wrong client"
#define ADDENDUM_TEXT "Correction: the sister’s name is Ünal, not Ugne."
#define DRAFT_TEXT "Still writing this one: sleep improving."
#define LONG_LAST_SENTENCE "This is the closing sentence of the long note."
#define N_LONG_PARAGRAPHS 60
#define TOLERANCE 0.02

typedef struct
{
  TestDirFixture        dir;
  AllianceDatabase     *database;
  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  gint64                client_id;
} Fixture;

/* The session lines as the record must print them, oldest first. */
static const char *expected_sessions[] = {
  "Session 1 · 3 March 2026, 10:00 · 50 min · Attended · In person",
  "10 March 2026, 10:00 · 50 min · No-show · In person",
  "17 March 2026, 10:00 · 50 min · Attended · In person",
  "Session 2 · 24 March 2026, 14:30 · 50 min · Attended · In person",
  "Session 3 · 31 March 2026, 09:00 · 45 min · Attended · Video",
};

/* ---------------------------------------------------------------------- */
/* Building a record                                                       */

static AllianceSession *
add_session (Fixture            *fixture,
             const char         *starts_at,
             AllianceAttendance  attendance)
{
  g_autoptr(AllianceSession) session = alliance_session_new (fixture->client_id);
  g_autoptr(GError) error = NULL;

  session->starts_at = g_strdup (starts_at);
  session->attendance = attendance;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&session);
}

static AllianceNote *
new_note (gint64                session_id,
          AllianceNoteTemplate  template_id,
          const char           *const *sections)
{
  AllianceNote *note = alliance_note_new (session_id, template_id);

  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_assert_cmpuint (i, <, g_strv_length (note->sections));
      g_free (note->sections[i]);
      note->sections[i] = g_strdup (sections[i]);
    }
  return note;
}

static void
sign (Fixture      *fixture,
      AllianceNote *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_session_store_sign_note (fixture->sessions, note, SIGNER, &error));
  g_assert_no_error (error);
}

/* About 30,000 characters, each paragraph tagged [P001]… so a lost or
 * doubled paragraph shows. */
static char *
make_long_note (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 1; i <= N_LONG_PARAGRAPHS; i++)
    {
      g_string_append_printf (text, "[P%03u] ", i);
      for (guint j = 0; j < 4; j++)
        g_string_append (text, "The client described the week in detail, returning to the argument with "
                               "her manager and to what it stirred up about her father. ");
      g_string_append (text, "\n\n");
    }
  g_string_append (text, LONG_LAST_SENTENCE);
  g_assert_cmpuint (text->len, >, 30000);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Five sessions, saved out of date order: a signed SOAP note with a
 * process note and an addendum, a no-show, a session entered in error,
 * a very long signed note, and a draft. */
static void
fill_record (Fixture *fixture)
{
  g_autoptr(AllianceClient) client = test_client_new (GIVEN_NAME, FAMILY_NAME);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceSession) long_session = NULL;
  g_autoptr(AllianceSession) first = NULL;
  g_autoptr(AllianceSession) draft_session = NULL;
  g_autoptr(AllianceSession) wrong = NULL;
  g_autoptr(AllianceSession) missed = NULL;
  g_autoptr(AllianceNote) long_note = NULL;
  g_autoptr(AllianceNote) first_note = NULL;
  g_autoptr(AllianceNote) draft = NULL;
  g_autoptr(AllianceNote) wrong_note = NULL;
  g_autofree char *long_text = make_long_note ();

  client->date_of_birth = g_strdup ("1991-04-12");
  client->pronouns = g_strdup ("she/her");
  g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
  g_assert_no_error (error);
  fixture->client_id = client->id;

  long_session = add_session (fixture, "2026-03-24 14:30", ALLIANCE_ATTENDANCE_ATTENDED);
  long_note = new_note (long_session->id, ALLIANCE_NOTE_TEMPLATE_FREE, (const char *[]){ long_text, NULL });
  sign (fixture, long_note);

  first = add_session (fixture, "2026-03-03 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  first_note = new_note (first->id, ALLIANCE_NOTE_TEMPLATE_SOAP,
                         (const char *[]){ "Zoë said she feels «à bout»; she wrote " MULTILINGUAL " on the whiteboard.",
                                           "Tearful at first, then settled; good eye contact.",
                                           "Low mood, no risk indicators reported.",
                                           "Weekly sessions; behavioural activation diary.", NULL });
  g_free (first_note->process_note);
  first_note->process_note = g_strdup (PROCESS_MARKER);
  sign (fixture, first_note);
  g_assert_true (alliance_session_store_add_addendum (fixture->sessions, first_note, ADDENDUM_TEXT, SIGNER, &error));
  g_assert_no_error (error);

  draft_session = add_session (fixture, "2026-03-31 09:00", ALLIANCE_ATTENDANCE_ATTENDED);
  draft_session->modality = ALLIANCE_MODALITY_VIDEO;
  draft_session->duration_minutes = 45;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, draft_session, NULL, &error));
  g_assert_no_error (error);
  draft = new_note (draft_session->id, ALLIANCE_NOTE_TEMPLATE_DAP, (const char *[]){ DRAFT_TEXT, NULL });
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, draft, &error));
  g_assert_no_error (error);

  wrong = add_session (fixture, "2026-03-17 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  wrong_note = new_note (wrong->id, ALLIANCE_NOTE_TEMPLATE_FREE,
                         (const char *[]){ "This note belongs to another client.", NULL });
  sign (fixture, wrong_note);
  g_assert_true (alliance_session_store_mark_entered_in_error (fixture->sessions, wrong->id, ERROR_REASON, &error));
  g_assert_no_error (error);

  missed = add_session (fixture, "2026-03-10 10:00", ALLIANCE_ATTENDANCE_NO_SHOW);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  test_dir_fixture_set_up (&fixture->dir, NULL);
  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  fill_record (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->sessions);
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
  test_dir_fixture_tear_down (&fixture->dir, NULL);
}

static AllianceRecordReport *
new_report (Fixture  *fixture,
            gboolean  include_process_notes)
{
  g_autoptr(GError) error = NULL;
  AllianceRecordReport *report =
    alliance_record_report_new (fixture->clients, fixture->sessions, fixture->client_id, include_process_notes, &error);

  g_assert_no_error (error);
  g_assert_true (ALLIANCE_IS_RECORD_REPORT (report));
  return report;
}

/* ---------------------------------------------------------------------- */
/* Reading a PDF back with poppler                                         */

/* The text of the PDF, white space made single (see test-pdf-text.h). */
static char *
pdf_text (const char *path)
{
  return test_pdf_text (path, TEST_PDF_TEXT_LAYOUT);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("The record does not contain “%s”", needle);
}

/* Only @expected in @dir: no temporary file was left behind. */
static void
assert_dir_holds (const char *dir,
                  const char *expected)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_strcmp0 (name, expected) != 0)
      g_error ("%s was left in %s", name, dir);
}

static void
keep_copy_for_review (const char *path)
{
  const char *copy = g_getenv ("ALLIANCE_TEST_RECORD_PDF");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  if (copy == NULL || *copy == '\0')
    return;
  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, data, (gssize)size, &error);
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------- */
/* The record as a PDF                                                     */

static void
test_pdf_record (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autofree char *path = g_build_filename (fixture->dir.dir, "record.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_page = NULL;
  g_autofree char *last_page = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *title = NULL;
  const char *previous = NULL;
  guint n_pages;

  g_assert_true (alliance_record_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  assert_dir_holds (fixture->dir.dir, "record.pdf");
  keep_copy_for_review (path);

  /* A valid PDF, with the record's title, and more than a page. */
  pages = test_pdf_info (path, "Pages");
  n_pages = (guint)g_ascii_strtoull (pages, NULL, 10);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (n_pages, ==, alliance_page_layout_get_n_pages (alliance_record_report_get_layout (report)));
  title = test_pdf_info (path, "Title");
  g_assert_cmpstr (title, ==, "Clinical record — " FULL_NAME " (C-0001)");

  text = pdf_text (path);

  /* The identified record: name, code and date of birth on every page. */
  g_assert_cmpuint (test_count_occurrences (text, "Clinical record"), >=, n_pages);
  g_assert_cmpuint (test_count_occurrences (text, FULL_NAME), >=, n_pages);
  g_assert_cmpuint (test_count_occurrences (text, "C-0001 · Date of birth 12 April 1991"), ==, n_pages);
  assert_contains (text, "Client code: C-0001");
  assert_contains (text, "Pronouns: she/her");
  assert_contains (text, "Sessions: 5, from 3 March 2026 to 31 March 2026");
  assert_contains (text, "Process notes: not included");

  /* Every session, oldest first, whatever order they were entered in. */
  for (guint i = 0; i < G_N_ELEMENTS (expected_sessions); i++)
    {
      const char *found = strstr (text, expected_sessions[i]);

      g_autofree char *continued = g_strdup_printf ("%s (continued)", expected_sessions[i]);

      if (found == NULL)
        g_error ("The record has no line “%s”", expected_sessions[i]);
      /* Once as the heading, then atop each page the session runs onto. */
      g_assert_cmpuint (test_count_occurrences (text, expected_sessions[i]) - test_count_occurrences (text, continued), ==, 1);
      g_assert_true (previous == NULL || found > previous);
      previous = found;
    }

  /* The notes as typed, their sections, signatures and states. */
  assert_contains (text, "Subjective Zoë said she feels «à bout»; she wrote " MULTILINGUAL " on the whiteboard.");
  assert_contains (text, "Plan Weekly sessions; behavioural activation diary.");
  assert_contains (text, "Signed by " SIGNER " on ");
  assert_contains (text, "SHA-256 fingerprint ");
  assert_contains (text, "Addendum " ADDENDUM_TEXT " Signed by " SIGNER);
  assert_contains (text, "Entered in error: " ERROR_REASON);
  assert_contains (text, "This note belongs to another client.");
  assert_contains (text, "Data " DRAFT_TEXT);
  assert_contains (text, "Draft — not signed");
  g_assert_cmpuint (test_count_occurrences (text, "Draft — not signed"), ==, 1);
  /* The addendum follows its note, before the next session. */
  g_assert_true (strstr (text, "Plan Weekly sessions") < strstr (text, "Addendum " ADDENDUM_TEXT));
  g_assert_true (strstr (text, "Addendum " ADDENDUM_TEXT) < strstr (text, expected_sessions[1]));

  /* Therapist-only text stays out unless asked for. */
  g_assert_null (strstr (text, PROCESS_MARKER));
  g_assert_null (strstr (text, "Process note (therapist only)"));

  /* The long note: every page it runs onto says which session it is. */
  g_assert_cmpuint (test_count_occurrences (text, "Session 2 · 24 March 2026, 14:30 · 50 min · Attended · In person (continued)"),
                    >=, n_pages - 3);
  g_assert_cmpuint (test_count_occurrences (text, "(continued)"), <, n_pages);

  /* Every paragraph of it exactly once, down to its last sentence. */
  for (guint i = 1; i <= N_LONG_PARAGRAPHS; i++)
    {
      g_autofree char *tag = g_strdup_printf ("[P%03u]", i);

      g_assert_cmpuint (test_count_occurrences (text, tag), ==, 1);
    }
  assert_contains (text, LONG_LAST_SENTENCE);

  /* Page numbers, first to last. */
  first_page = g_strdup_printf ("Page 1 of %u", n_pages);
  last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  assert_contains (text, first_page);
  assert_contains (text, last_page);
  g_assert_cmpuint (test_count_occurrences (text, "Confidential · Exported on "), ==, n_pages);
}

static void
test_pdf_process_notes (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, TRUE);
  g_autofree char *path = g_build_filename (fixture->dir.dir, "with-process-notes.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (alliance_record_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);

  assert_contains (text, "Process notes: included (therapist only)");
  assert_contains (text, "Process note (therapist only) " PROCESS_MARKER);
  /* In its own note, before that note's signature and addendum. */
  g_assert_true (strstr (text, expected_sessions[0]) < strstr (text, PROCESS_MARKER));
  g_assert_true (strstr (text, PROCESS_MARKER) < strstr (text, "Addendum " ADDENDUM_TEXT));
  g_assert_cmpuint (test_count_occurrences (text, PROCESS_MARKER), ==, 1);
}

/* Writing again replaces the earlier file, and keeps it private. */
static void
test_pdf_replaces (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autofree char *path = g_build_filename (fixture->dir.dir, "record.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  test_write_file (path, "old", 3, 0644);
  g_assert_true (alliance_record_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  assert_dir_holds (fixture->dir.dir, "record.pdf");
  text = pdf_text (path);
  assert_contains (text, FULL_NAME);
}

static void
test_pdf_missing_folder (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autofree char *folder = g_build_filename (fixture->dir.dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (folder, "record.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (alliance_record_report_write_pdf (report, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "record.pdf"));
  /* No clinical text in an error. */
  g_assert_null (strstr (error->message, FAMILY_NAME));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  assert_dir_holds (fixture->dir.dir, NULL);
}

/* Root writes anywhere, by CAP_DAC_OVERRIDE: take it out of this thread's
 * effective set for a while (it stays permitted, so it can come back). */
static gboolean
set_dac_override (gboolean enabled)
{
#ifdef __linux__
  struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
  struct __user_cap_data_struct data[2];

  memset (data, 0, sizeof data);
  if (syscall (SYS_capget, &header, data) != 0)
    return FALSE;
  if (enabled)
    data[0].effective |= 1u << CAP_DAC_OVERRIDE;
  else
    data[0].effective &= ~(1u << CAP_DAC_OVERRIDE);
  return syscall (SYS_capset, &header, data) == 0;
#else
  return !enabled && geteuid () != 0;
#endif
}

/* A folder the user may not write to (for root too, see above). */
static void
test_pdf_read_only_folder (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autofree char *folder = g_build_filename (fixture->dir.dir, "read-only", NULL);
  g_autofree char *path = g_build_filename (folder, "record.pdf", NULL);
  g_autofree char *new_path = g_build_filename (folder, "new.pdf", NULL);
  g_autoptr(TestFileSnapshot) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) new_error = NULL;
  gboolean written, new_written;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  test_write_file (path, "%PDF-1.5 the earlier export", 27, 0600);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  before = test_file_snapshot_new (path);

  if (geteuid () == 0 && !set_dac_override (FALSE))
    {
      g_test_skip ("Running as root and unable to give up CAP_DAC_OVERRIDE");
      return;
    }
  written = alliance_record_report_write_pdf (report, path, &error);
  new_written = alliance_record_report_write_pdf (report, new_path, &new_error);
  if (geteuid () == 0)
    g_assert_true (set_dac_override (TRUE));

  g_assert_false (written);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  test_assert_file_unchanged (before);
  g_assert_false (new_written);
  g_assert_error (new_error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  assert_dir_holds (folder, "record.pdf");
}

/* The disk refuses part-way through (a file size limit, which binds root
 * too): the earlier file stays exactly as it was, and nothing is left. */
static void
test_pdf_write_failure (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autofree char *path = g_build_filename (fixture->dir.dir, "record.pdf", NULL);
  g_autoptr(TestFileSnapshot) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *earlier = g_strnfill (20000, 'x');
  struct rlimit saved, limited;
  void (*saved_handler) (int);
  gboolean written;

  test_write_file (path, earlier, strlen (earlier), 0600);
  before = test_file_snapshot_new (path);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 8192;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  written = alliance_record_report_write_pdf (report, path, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (written);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_FILE_ERROR);
  g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
  test_assert_file_unchanged (before);
  assert_dir_holds (fixture->dir.dir, "record.pdf");
}

/* The target is a folder: the rename fails, and the folder is untouched. */
static void
test_pdf_target_is_folder (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autofree char *path = g_build_filename (fixture->dir.dir, "record.pdf", NULL);
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  test_write_file (inside, "keep", 4, 0600);

  g_assert_false (alliance_record_report_write_pdf (report, path, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_FILE_ERROR);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  assert_dir_holds (fixture->dir.dir, "record.pdf");
}

static void
test_missing_client (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  AllianceRecordReport *report =
    alliance_record_report_new (fixture->clients, fixture->sessions, fixture->client_id + 100, FALSE, &error);

  g_assert_null (report);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
}

/* ---------------------------------------------------------------------- */
/* Drawing on any cairo context (the print path)                           */

static PangoContext *
create_points_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* How much of a region of an ARGB32 surface is painted. */
static guint
count_inked (cairo_surface_t *surface,
             int              x0,
             int              y0,
             int              x1,
             int              y1)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (((const guint32 *)(gconstpointer)(data + y * stride))[x] >> 24 != 0)
        n++;
  return n;
}

static void
test_draw_any_surface (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  AlliancePageLayout *layout = alliance_record_report_get_layout (report);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 595, 842);
  cairo_t *cr = cairo_create (surface);
  double top, bottom;
  guint n_pages;

  n_pages = alliance_record_report_paginate (report, PANGO_CONTEXT (context), ALLIANCE_PAGE_A4_WIDTH, ALLIANCE_PAGE_A4_HEIGHT);
  g_assert_cmpuint (n_pages, >, 1);
  alliance_page_layout_get_body_area (layout, &top, &bottom);
  g_assert_cmpfloat (top, >, ALLIANCE_PAGE_DEFAULT_MARGIN);
  g_assert_cmpfloat (bottom, <, ALLIANCE_PAGE_A4_HEIGHT - ALLIANCE_PAGE_DEFAULT_MARGIN);

  /* The last page: header, body and footer are drawn; the margins are not. */
  alliance_record_report_draw_page (report, cr, n_pages - 1);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (count_inked (surface, 56, 56, 539, (int)top), >, 100);
  g_assert_cmpuint (count_inked (surface, 56, (int)top, 539, (int)top + 40), >, 100);
  g_assert_cmpuint (count_inked (surface, 56, (int)bottom, 539, 842 - 56), >, 50);
  g_assert_cmpuint (count_inked (surface, 0, 0, 595, 50), ==, 0);
  g_assert_cmpuint (count_inked (surface, 0, 0, 50, 842), ==, 0);
  g_assert_cmpuint (count_inked (surface, 0, 842 - 50, 595, 842), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Writing a PDF (on A4) leaves a preview's pagination (here, small pages)
 * as it was, so its page numbers stay valid. */
static void
test_pdf_keeps_pagination (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceRecordReport) report = new_report (fixture, FALSE);
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  AlliancePageLayout *layout = alliance_record_report_get_layout (report);
  g_autofree char *path = g_build_filename (fixture->dir.dir, "record.pdf", NULL);
  g_autoptr(GError) error = NULL;
  double top, bottom;
  guint n_pages;

  n_pages = alliance_record_report_paginate (report, PANGO_CONTEXT (context), 300, 420);
  alliance_page_layout_get_body_area (layout, &top, &bottom);
  g_assert_true (alliance_record_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alliance_page_layout_get_n_pages (layout), ==, n_pages);
  {
    double top_after, bottom_after;

    alliance_page_layout_get_body_area (layout, &top_after, &bottom_after);
    g_assert_cmpfloat (top_after, ==, top);
    g_assert_cmpfloat (bottom_after, ==, bottom);
  }
}

/* ---------------------------------------------------------------------- */
/* Pagination                                                              */

/* @entries: (out): the blocks that are entries (session headings) */
static AlliancePageLayout *
build_sample_layout (GArray **entries)
{
  AlliancePageLayout *layout = alliance_page_layout_new ();
  g_autofree char *long_text = make_long_note ();

  alliance_page_layout_set_margin (layout, 10);
  alliance_page_layout_set_header (layout, "Title", "Subject", "Detail");
  alliance_page_layout_set_footer (layout, "Footer");
  alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_TITLE, "A document title that wraps onto two lines");
  alliance_page_layout_add_space (layout, 6);
  alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY, "One line.");
  *entries = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < 6; i++)
    {
      guint entry;

      alliance_page_layout_add_space (layout, 12);
      alliance_page_layout_add_rule (layout);
      alliance_page_layout_add_space (layout, 12);
      entry = alliance_page_layout_get_n_blocks (layout);
      g_array_append_val (*entries, entry);
      alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_HEADING, "Session heading");
      alliance_page_layout_add_space (layout, 4);
      alliance_page_layout_add_heading (layout, ALLIANCE_PAGE_STYLE_SUBHEADING, "Section");
      alliance_page_layout_add_space (layout, 2);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_BODY,
                                     i == 3 ? long_text : "A paragraph of a few lines, long enough to wrap "
                                                          "more than once on a narrow page, and so to be "
                                                          "broken between its lines at the foot of a page.");
      alliance_page_layout_set_indent (layout, 14);
      alliance_page_layout_add_text (layout, ALLIANCE_PAGE_STYLE_DETAIL, "Signed by someone\nSHA-256 0123456789");
      alliance_page_layout_set_indent (layout, 0);
    }
  return layout;
}

/* Where the first line of a block went, or G_MAXUINT. */
static guint
find_line_page (AlliancePageLayout *layout,
                guint               block,
                guint               line)
{
  for (guint page = 0; page < alliance_page_layout_get_n_pages (layout); page++)
    {
      guint n_placements;
      const AlliancePagePlacement *placements = alliance_page_layout_get_placements (layout, page, &n_placements);

      for (guint i = 0; i < n_placements; i++)
        if (placements[i].block == block && line >= placements[i].first_line &&
            line < placements[i].first_line + placements[i].n_lines)
          return page;
    }
  return G_MAXUINT;
}

/* The entry whose heading @block is under (or is), or -1. */
static int
entry_of (GArray *entries,
          guint   block)
{
  int entry = -1;

  for (guint i = 0; i < entries->len; i++)
    if (g_array_index (entries, guint, i) <= block)
      entry = (int)g_array_index (entries, guint, i);
  return entry;
}

static void
check_pagination (AlliancePageLayout *layout,
                  GArray             *entries,
                  PangoContext       *context,
                  double              page_height,
                  gboolean            roomy)
{
  guint n_blocks = alliance_page_layout_get_n_blocks (layout);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  guint n_pages = alliance_page_layout_paginate (layout, context, 300, page_height);
  guint next_block = 0, next_line = 0;
  double top, bottom;

  g_assert_cmpuint (n_pages, ==, alliance_page_layout_get_n_pages (layout));
  g_assert_cmpuint (n_pages, >, 1);
  alliance_page_layout_get_body_area (layout, &top, &bottom);
  for (guint i = 0; i < n_blocks; i++)
    g_ptr_array_add (seen, g_new0 (guint, alliance_page_layout_get_block_n_lines (layout, i) + 1));

  for (guint page = 0; page < n_pages; page++)
    {
      guint n_placements, n_lines_here = 0;
      const AlliancePagePlacement *placements = alliance_page_layout_get_placements (layout, page, &n_placements);
      double y = top;

      /* No empty page, and nothing on top of anything else. */
      g_assert_cmpuint (n_placements, >, 0);

      /* A page that opens inside an entry repeats its heading first. */
      if (page == 0 || ((int)placements[0].block == entry_of (entries, placements[0].block) &&
                        placements[0].first_line == 0))
        g_assert_cmpint (alliance_page_layout_get_continued_entry (layout, page), ==, -1);
      else
        g_assert_cmpint (alliance_page_layout_get_continued_entry (layout, page), ==,
                         entry_of (entries, placements[0].block));
      if (alliance_page_layout_get_continued_entry (layout, page) >= 0 && roomy)
        g_assert_cmpfloat (placements[0].y, >, top + 8);
      for (guint i = 0; i < n_placements; i++)
        {
          const AlliancePagePlacement *placement = &placements[i];
          guint *lines = g_ptr_array_index (seen, placement->block);
          guint block_lines = alliance_page_layout_get_block_n_lines (layout, placement->block);

          g_assert_cmpfloat (placement->y, >=, y - TOLERANCE);
          y = placement->y + placement->height;
          /* Inside the body, unless one line is taller than the whole body. */
          if (roomy || placement->n_lines > 1)
            g_assert_cmpfloat (y, <=, bottom + TOLERANCE);
          g_assert_cmpfloat (placement->height, >, 0);

          /* In order: the lines of a block follow on from where they stopped. */
          g_assert_cmpuint (placement->block, >=, next_block);
          if (placement->block == next_block && block_lines > 0)
            g_assert_cmpuint (placement->first_line, ==, next_line);
          else if (block_lines > 0)
            g_assert_cmpuint (placement->first_line, ==, 0);
          next_block = placement->block;
          next_line = placement->first_line + placement->n_lines;

          g_assert_cmpuint (placement->first_line + placement->n_lines, <=, block_lines);
          for (guint line = placement->first_line; line < placement->first_line + placement->n_lines; line++)
            lines[line]++;
          n_lines_here += placement->n_lines;

          /* Not the opening line of a paragraph alone at the foot of a page. */
          if (roomy && i == n_placements - 1 && i > 0 && placement->first_line == 0 && block_lines > 1)
            g_assert_cmpuint (placement->n_lines, >=, 2);
        }
      g_assert_cmpuint (n_lines_here, >, 0);
    }

  /* Every line on exactly one page. */
  for (guint block = 0; block < n_blocks; block++)
    {
      guint *lines = g_ptr_array_index (seen, block);

      for (guint line = 0; line < alliance_page_layout_get_block_n_lines (layout, block); line++)
        if (lines[line] != 1)
          g_error ("Line %u of block %u is on %u pages (page height %g)", line, block, lines[line], page_height);
    }

  /* A heading on the page of the first line of what it introduces. */
  if (roomy)
    for (guint block = 0; block + 1 < n_blocks; block++)
      {
        guint n_lines = alliance_page_layout_get_block_n_lines (layout, block);
        guint next = block + 1;

        if (!alliance_page_layout_get_block_keeps_with_next (layout, block))
          continue;
        while (next < n_blocks && alliance_page_layout_get_block_n_lines (layout, next) == 0)
          next++;
        g_assert_cmpuint (next, <, n_blocks);
        g_assert_cmpuint (find_line_page (layout, block, n_lines - 1), ==, find_line_page (layout, next, 0));
      }
}

static void
test_pagination_every_line_once (void)
{
  g_autoptr(GArray) entries = NULL;
  g_autoptr(AlliancePageLayout) layout = build_sample_layout (&entries);
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());

  /* Roomy pages, cramped ones, and pages whose body holds less than a line. */
  check_pagination (layout, entries, PANGO_CONTEXT (context), 400, TRUE);
  check_pagination (layout, entries, PANGO_CONTEXT (context), 160, TRUE);
  check_pagination (layout, entries, PANGO_CONTEXT (context), 90, FALSE);
  check_pagination (layout, entries, PANGO_CONTEXT (context), 60, FALSE);
}

static void
test_pagination_empty (void)
{
  g_autoptr(AlliancePageLayout) layout = alliance_page_layout_new ();
  g_autoptr(GObject) context = G_OBJECT (create_points_context ());
  guint n_placements = G_MAXUINT;

  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100, 100);
  cairo_t *cr = cairo_create (surface);

  /* Spaces and rules alone make one empty page, header and footer only. */
  g_assert_cmpuint (alliance_page_layout_get_n_pages (layout), ==, 0);
  alliance_page_layout_set_header (layout, "Only a title", NULL, NULL);
  alliance_page_layout_add_space (layout, 20);
  alliance_page_layout_add_rule (layout);
  g_assert_cmpuint (alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), 595, 842), ==, 1);
  alliance_page_layout_get_placements (layout, 0, &n_placements);
  g_assert_cmpuint (n_placements, ==, 0);
  g_assert_cmpint (alliance_page_layout_get_continued_entry (layout, 0), ==, -1);
  alliance_page_layout_draw_page (layout, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* No header at all. */
  alliance_page_layout_set_header (layout, NULL, NULL, NULL);
  alliance_page_layout_set_footer (layout, NULL);
  g_assert_cmpuint (alliance_page_layout_paginate (layout, PANGO_CONTEXT (context), 595, 842), ==, 1);
  alliance_page_layout_draw_page (layout, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/record-report/pdf/record", test_pdf_record);
  ADD ("/record-report/pdf/process-notes", test_pdf_process_notes);
  ADD ("/record-report/pdf/replaces", test_pdf_replaces);
  ADD ("/record-report/pdf/missing-folder", test_pdf_missing_folder);
  ADD ("/record-report/pdf/read-only-folder", test_pdf_read_only_folder);
  ADD ("/record-report/pdf/write-failure", test_pdf_write_failure);
  ADD ("/record-report/pdf/target-is-folder", test_pdf_target_is_folder);
  ADD ("/record-report/missing-client", test_missing_client);
  ADD ("/record-report/draw-any-surface", test_draw_any_surface);
  ADD ("/record-report/pdf/keeps-pagination", test_pdf_keeps_pagination);
#undef ADD
  g_test_add_func ("/page-layout/every-line-once", test_pagination_every_line_once);
  g_test_add_func ("/page-layout/empty", test_pagination_empty);

  status = g_test_run ();

  /* Let go of the font caches, so the sanitizer build sees only real leaks. */
  pango_cairo_font_map_set_default (NULL);
  return status;
}
