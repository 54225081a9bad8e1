/* alliance-open-client-benchmark.c
 *
 * Opening a client with a long history, to the session list on screen:
 * from the call to alliance_window_select_client() to the end of the next
 * frame the window paints (its frame clock's "after-paint"), which is when
 * the person who clicked can see the sessions. The target is a median of
 * at most 50 ms at 300 sessions (six years of weekly sessions).
 *
 * alliance-benchmark starts it with a private GSettings backend and reads
 * the one line it prints on standard output; by hand, under a display:
 *
 *   GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory \
 *     _build/tests/benchmark/alliance-open-client-benchmark --runs 21
 *
 * The line: "sessions=300 runs=11 painted_median_ms=… painted_max_ms=…
 * painted_ms=a,b,… call_ms=a,b,… redraw_ms=a,b,…": call_ms is the part
 * spent inside the call (reading the sessions, building the rows), the
 * rest of painted_ms is GTK measuring, laying out and drawing; redraw_ms is
 * a frame asked for with nothing changed, what a frame costs at the least
 * (and proof that the frame clock does not hold the next frame back).
 *
 * A program of its own because it needs GTK, which alliance-benchmark
 * keeps out of its own process (see there).
 */
#define G_LOG_DOMAIN "alliance-open-client-benchmark"

#include "config.h"

#include <glib/gstdio.h>

#include "alliance-client-page.h"
#include "alliance-frame-timing.h"
#include "alliance-session-store.h"
#include "alliance-window.h"

#define DEFAULT_SESSIONS 300
#define DEFAULT_RUNS 11
#define WARM_UPS 2

/* The few sessions of the client shown before each measured opening. */
#define OTHER_CLIENT_SESSIONS 4

/* Between openings the window is left alone this long, longer than a
 * frame, so that its frame clock is idle and the next frame starts as soon
 * as it is asked for: a click after a pause, not one in a burst of frames. */
#define SETTLE_MS 100

/* A frame that takes this long is not coming. */
#define FRAME_TIMEOUT_SECONDS 10


#define SIGNER "Dr Sam Rivera"

typedef struct
{
  AllianceWindow *window;
  guint           n_paints;        /* frames painted since the window was mapped */
  gint64          last_paint_ns;
} Probe;

/* --- The records ------------------------------------------------------------ */

static gint64
add_client (AllianceClientStore  *clients,
            const char           *given_name,
            const char           *family_name,
            GError              **error)
{
  g_autoptr(AllianceClient) client = alliance_client_new ();

  client->given_name = g_strdup (given_name);
  client->family_name = g_strdup (family_name);
  client->start_date = g_strdup ("2020-01-06");
  if (!alliance_client_store_save (clients, client, NULL, error))
    return 0;
  return client->id;
}

/* Weekly sessions from January 2020, most attended with a signed SOAP
 * note, a cancellation now and then; the newest note is still a draft.
 * What the page shows (dates, numbers, note states) comes from all of them:
 * the numbers are counted over every session on load. */
static gboolean
add_sessions (AllianceSessionStore  *store,
              gint64                 client_id,
              guint                  n_sessions,
              GError               **error)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 6, G_DATE_JANUARY, 2020);
  for (guint i = 0; i < n_sessions; i++, g_date_add_days (&date, 7))
    {
      g_autoptr(AllianceSession) session = alliance_session_new (client_id);
      g_autoptr(AllianceNote) note = NULL;
      gboolean saved;

      session->starts_at = g_strdup_printf ("%04u-%02u-%02u 10:00", g_date_get_year (&date),
                                            g_date_get_month (&date), g_date_get_day (&date));
      if (i % 13 == 12)
        session->attendance = ALLIANCE_ATTENDANCE_CANCELLED;
      if (!alliance_session_store_save_session (store, session, NULL, error))
        return FALSE;
      if (session->attendance != ALLIANCE_ATTENDANCE_ATTENDED)
        continue;

      note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_SOAP);
      for (guint s = 0; note->sections[s] != NULL; s++)
        {
          g_free (note->sections[s]);
          note->sections[s] = g_strdup_printf ("Session %u, part %u: reviewed the week and the sleep diary; "
                                               "agreed next steps.", i + 1, s + 1);
        }
      saved = i + 1 < n_sessions ? alliance_session_store_sign_note (store, note, SIGNER, error)
                                 : alliance_session_store_save_draft (store, note, error);
      if (!saved)
        return FALSE;
    }
  return TRUE;
}

/* A file database (as the app uses) with the long-history client and one
 * other, in one transaction. Returns the store, and both clients' ids. */
static AllianceClientStore *
create_records (const char  *db_path,
                guint        n_sessions,
                gint64      *client_id,
                gint64      *other_id,
                GError     **error)
{
  g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, error);
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceSessionStore) store = NULL;

  if (database == NULL)
    return NULL;
  clients = alliance_client_store_new (database);
  store = alliance_session_store_new (database);

  if (!alliance_database_begin (database, error))
    return NULL;
  if ((*client_id = add_client (clients, "Marguerite", "Longhistory", error)) == 0 ||
      (*other_id = add_client (clients, "Otto", "Brief", error)) == 0 ||
      !add_sessions (store, *client_id, n_sessions, error) ||
      !add_sessions (store, *other_id, OTHER_CLIENT_SESSIONS, error))
    {
      alliance_database_rollback (database);
      return NULL;
    }
  if (!alliance_database_commit (database, error))
    return NULL;
  return g_steal_pointer (&clients);
}

/* --- Frames ----------------------------------------------------------------- */

static void
frame_painted_cb (GdkFrameClock *frame_clock,
                  Probe         *probe)
{
  probe->last_paint_ns = alliance_timing_now_ns ();
  probe->n_paints++;
}

/* Connected after the default handler: by then the surface has its frame
 * clock, and its first frame is still to come. */
static void
window_mapped_cb (GtkWidget *window,
                  Probe     *probe)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (frame_painted_cb), probe);
}

/* Runs the main loop until @probe has seen more than @n_paints frames. */
static gboolean
wait_for_paint (Probe  *probe,
                guint   n_paints,
                GError **error)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_once (FRAME_TIMEOUT_SECONDS * 1000, alliance_timing_set_flag_cb, &timed_out);

  while (probe->n_paints <= n_paints && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No frame was painted within %d s",
                   FRAME_TIMEOUT_SECONDS);
      return FALSE;
    }
  g_source_remove (timeout);
  return TRUE;
}

/* One opening of @client_id: the time to the end of the first frame painted
 * after the call, and the time inside the call. Any frame that starts after
 * the call lays out and draws what the call changed, so the first one to
 * end is the one that shows the sessions. */
static gboolean
time_opening (Probe   *probe,
              gint64   client_id,
              double  *painted_ms,
              double  *call_ms,
              GError **error)
{
  guint n_paints;
  gint64 start;
  AllianceClientPage *page;

  alliance_timing_settle (SETTLE_MS);
  n_paints = probe->n_paints;
  start = alliance_timing_now_ns ();
  alliance_window_select_client (probe->window, client_id);
  *call_ms = (alliance_timing_now_ns () - start) / ALLIANCE_NS_PER_MS;
  if (!wait_for_paint (probe, n_paints, error))
    return FALSE;
  *painted_ms = (probe->last_paint_ns - start) / ALLIANCE_NS_PER_MS;

  /* What was drawn is that client's page, not an error or an empty pane. */
  page = alliance_window_get_client_page (probe->window);
  if (page == NULL || alliance_client_page_get_client_id (page) != client_id ||
      alliance_client_page_get_client (page) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (page)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The client's page was not shown");
      return FALSE;
    }
  return TRUE;
}

/* The floor under any opening: a frame asked for with nothing changed (GTK
 * finds no new widgets, layout or drawing to do). That it takes well under
 * a millisecond also shows the frame clock starting the next frame at once
 * after SETTLE_MS, so the openings are not timed waiting for a frame slot. */
static gboolean
time_redraw (Probe   *probe,
             double  *redraw_ms,
             GError **error)
{
  guint n_paints;
  gint64 start;

  alliance_timing_settle (SETTLE_MS);
  n_paints = probe->n_paints;
  start = alliance_timing_now_ns ();
  gtk_widget_queue_draw (GTK_WIDGET (probe->window));
  if (!wait_for_paint (probe, n_paints, error))
    return FALSE;
  *redraw_ms = (probe->last_paint_ns - start) / ALLIANCE_NS_PER_MS;
  return TRUE;
}

static gboolean
measure (const char  *db_path,
         guint        n_sessions,
         int          runs,
         GError     **error)
{
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(GArray) painted_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) call_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) redraw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) line = g_string_new (NULL);
  Probe probe = { NULL, 0, 0 };
  gint64 client_id = 0, other_id = 0;
  gboolean ok = TRUE;

  clients = create_records (db_path, n_sessions, &client_id, &other_id, error);
  if (clients == NULL)
    return FALSE;

  probe.window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);
  alliance_window_set_store (probe.window, clients, FALSE);
  g_signal_connect_after (probe.window, "map", G_CALLBACK (window_mapped_cb), &probe);
  gtk_window_present (GTK_WINDOW (probe.window));
  ok = wait_for_paint (&probe, 0, error);

  /* Warm-ups first (icons, fonts, CSS, SQLite's page cache), then: the
   * other client, drawn, then this one, timed. */
  for (int i = 0; ok && i < WARM_UPS + runs; i++)
    {
      double painted, call, redraw, ignored;

      ok = time_opening (&probe, other_id, &ignored, &ignored, error) &&
           time_opening (&probe, client_id, &painted, &call, error) &&
           time_redraw (&probe, &redraw, error);
      if (ok && i >= WARM_UPS)
        {
          g_array_append_val (painted_ms, painted);
          g_array_append_val (call_ms, call);
          g_array_append_val (redraw_ms, redraw);
        }
    }

  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (probe.window)),
                                        frame_painted_cb, &probe);
  gtk_window_destroy (GTK_WINDOW (probe.window));
  if (!ok)
    return FALSE;

  g_string_printf (line, "sessions=%u runs=%d painted_median_ms=%.3f painted_max_ms=%.3f", n_sessions, runs,
                   alliance_timing_median (painted_ms), alliance_timing_max (painted_ms));
  alliance_timing_append_samples (line, "painted_ms", painted_ms);
  alliance_timing_append_samples (line, "call_ms", call_ms);
  alliance_timing_append_samples (line, "redraw_ms", redraw_ms);
  g_print ("%s\n", line->str);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time opening a client with many sessions");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *own_dir = NULL;
  g_autofree char *db_path = NULL;
  int runs = DEFAULT_RUNS;
  int n_sessions = DEFAULT_SESSIONS;
  gboolean measured;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed openings (default 11, after 2 warm-ups)", "N" },
    { "sessions", 0, 0, G_OPTION_ARG_INT, &n_sessions, "Sessions of the client opened (default 300)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Folder for the database (default: a new temporary one)", "DIR" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || n_sessions < 1)
    {
      g_printerr ("alliance-open-client-benchmark: %s\n", error ? error->message : "--runs and --sessions must be > 0");
      return 1;
    }

  if (!alliance_timing_init_gtk ("alliance-open-client-benchmark"))
    return 1;

  if (dir == NULL)
    {
      own_dir = g_dir_make_tmp ("alliance-open-client-XXXXXX", &error);
      if (own_dir == NULL)
        {
          g_printerr ("alliance-open-client-benchmark: %s\n", error->message);
          return 1;
        }
    }
  db_path = g_build_filename (own_dir ? own_dir : dir, "open-client.db", NULL);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("alliance-open-client-benchmark: %s already exists\n", db_path);
      return 1;
    }

  measured = measure (db_path, (guint)n_sessions, runs, &error);

  /* The database, then our own folder. */
  alliance_timing_remove_database (db_path);
  if (own_dir != NULL)
    g_rmdir (own_dir);

  if (!measured)
    {
      g_printerr ("alliance-open-client-benchmark: %s\n", error->message);
      return 1;
    }
  return 0;
}
