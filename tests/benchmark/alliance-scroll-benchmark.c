/* alliance-scroll-benchmark.c
 *
 * Scrolling the caseload of 2,000 clients, each row with its sparkline of
 * recent alliance scores: the list's adjustment is moved on every tick of
 * the window's frame clock, from the top to the bottom of the list in
 * --frames frames (a fast fling: every frame binds several new rows, each
 * laying out its text and drawing its sparkline for the first time).
 *
 * Two figures per frame, both from the frame clock:
 *  - the work: from its "before-paint" to its "after-paint" signal, i.e.
 *    moving the adjustment, binding rows, layout, snapshot and rendering
 *    (GL in software under Xvfb, so the CPU does the rendering too). The
 *    target: no frame's work over 16 ms. Its first part, to the end of
 *    the "layout" phase (the rows bound and measured), is reported too:
 *    the rest is the snapshot and the renderer.
 *  - the interval: between the frame times of consecutive frames
 *    (gdk_frame_clock_get_frame_time). Under Xvfb frames are paced by a
 *    timer, not a display's vblank, so it is about 16.7 ms whatever the
 *    work; a frame whose work overran shows as a longer interval, and
 *    those over 1.5 intervals are counted as dropped frames.
 *
 * alliance-benchmark starts it with the rated database it has written and
 * reads the one line it prints on standard output; by hand, under a
 * display (it then writes a database of its own first):
 *
 *   GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory \
 *     _build/tests/benchmark/alliance-scroll-benchmark --frames 300
 *
 * The line: "clients=2000 sparklines=… frames=300 px_per_frame=…
 * work_median_ms=… work_max_ms=… work_over_16=… layout_median_ms=…
 * layout_max_ms=… interval_median_ms=… interval_max_ms=… dropped=…
 * work_ms=a,b,… layout_ms=a,b,… interval_ms=a,b,…".
 *
 * A program of its own because it needs GTK, which alliance-benchmark
 * keeps out of its own process.
 */
#define G_LOG_DOMAIN "alliance-scroll-benchmark"

#include "config.h"

#include <glib/gstdio.h>

#include "alliance-caseload-model.h"
#include "alliance-caseload-row.h"
#include "alliance-demo.h"
#include "alliance-frame-timing.h"
#include "alliance-session-store.h"
#include "alliance-window.h"

#define DEFAULT_CLIENTS 2000
#define DEFAULT_FRAMES 300
#define SESSIONS_PER_CLIENT 30
#define WARM_UP_FRAMES 30
#define CASELOAD_SEED 42

#define WORK_TARGET_MS 16.0
#define DROPPED_FACTOR 1.5

/* The window is left alone this long before scrolling, so that the frame
 * clock is idle and nothing else is still being drawn. */
#define SETTLE_MS 200

/* Flags not computed, or a frame not painted, in this long: something is wrong. */
#define TIMEOUT_SECONDS 60

#define US_PER_MS 1000.0

typedef struct
{
  GtkAdjustment *adjustment;
  double         step;
  guint          n_frames;         /* frames to scroll */
  guint          n_ticks;
  gboolean       measuring;
  gboolean       done;
  gboolean       moved;            /* this frame's tick moved the list */
  gint64         before_paint_ns;
  gint64         layout_done_ns;
  gint64         last_frame_time_us;
  GArray        *work_ms;
  GArray        *layout_ms;
  GArray        *interval_ms;
} Scroll;

static guint
count_over (GArray *samples,
            double  limit)
{
  guint n = 0;

  for (guint i = 0; i < samples->len; i++)
    n += g_array_index (samples, double, i) > limit;
  return n;
}

/* --- The records ------------------------------------------------------------ */

/* Weekly sessions for every client, then their ratings, as the main
 * benchmark writes them (without the notes, which the caseload never reads). */
static gboolean
write_records (const char  *db_path,
               guint        n_clients,
               GError     **error)
{
  g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, error);
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceSessionStore) store = NULL;
  g_autoptr(AllianceStatement) stmt = NULL;
  int rc;

  if (database == NULL)
    return FALSE;
  clients = alliance_client_store_new (database);
  store = alliance_session_store_new (database);
  if (!alliance_demo_generate_caseload (clients, n_clients, CASELOAD_SEED, error))
    return FALSE;
  stmt = alliance_database_prepare (database, "SELECT id FROM clients ORDER BY id", error);
  if (stmt == NULL || !alliance_database_begin (database, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 client_id = sqlite3_column_int64 (stmt, 0);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2024);
      g_date_add_days (&date, client_id % 5);
      for (guint week = 0; week < SESSIONS_PER_CLIENT; week++, g_date_add_days (&date, 7))
        {
          g_autoptr(AllianceSession) session = alliance_session_new (client_id);

          session->starts_at = g_strdup_printf ("%04u-%02u-%02u %02u:00", g_date_get_year (&date),
                                                g_date_get_month (&date), g_date_get_day (&date),
                                                (guint)(9 + client_id % 8));
          if (!alliance_session_store_save_session (store, session, NULL, error))
            {
              alliance_database_rollback (database);
              return FALSE;
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (database, rc, error);
      alliance_database_rollback (database);
      return FALSE;
    }
  if (!alliance_database_commit (database, error))
    return FALSE;
  return alliance_demo_generate_ratings (clients, CASELOAD_SEED, error);
}

/* --- The window ------------------------------------------------------------- */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Rows on screen drawing a sparkline, of @n_rows on screen. */
static guint
count_sparkline_rows (GtkWidget *widget,
                      guint     *n_rows)
{
  guint n = 0;

  if (ALLIANCE_IS_CASELOAD_ROW (widget))
    {
      if (!gtk_widget_get_child_visible (widget) || !gtk_widget_get_mapped (widget) ||
          alliance_caseload_row_get_name (ALLIANCE_CASELOAD_ROW (widget)) == NULL)
        return 0;
      (*n_rows)++;
      return alliance_caseload_row_get_n_sparkline_points (ALLIANCE_CASELOAD_ROW (widget)) > 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_sparkline_rows (child, n_rows);
  return n;
}

/* The clients whose row has a sparkline (two ratings or more), of the
 * list's; FALSE while the flags are still being computed. */
static gboolean
count_sparklines (GListModel *model,
                  guint      *n_sparklines)
{
  guint n_items = g_list_model_get_n_items (model);

  *n_sparklines = 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(AllianceClientSummary) item = g_list_model_get_item (model, i);
      const AllianceClientFlags *flags = alliance_caseload_item_get_flags (item);

      if (flags == NULL)
        return FALSE;
      *n_sparklines += flags->n_recent_alliance >= 2;
    }
  return n_items > 0;
}

static void
before_paint_cb (GdkFrameClock *frame_clock,
                 Scroll        *scroll)
{
  scroll->before_paint_ns = alliance_timing_now_ns ();
}

/* Connected after GDK's own handler (the surface connects first), so this
 * runs once the frame's layout is done: the tick moved the list, and the
 * list view bound and measured its new rows. */
static void
layout_done_cb (GdkFrameClock *frame_clock,
                Scroll        *scroll)
{
  scroll->layout_done_ns = alliance_timing_now_ns ();
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                Scroll        *scroll)
{
  gint64 frame_time_us = gdk_frame_clock_get_frame_time (frame_clock);
  double work_ms;
  double layout_ms;
  double interval_ms;

  if (!scroll->measuring || !scroll->moved || scroll->before_paint_ns == 0)
    return;
  scroll->moved = FALSE;
  work_ms = (alliance_timing_now_ns () - scroll->before_paint_ns) / ALLIANCE_NS_PER_MS;
  g_array_append_val (scroll->work_ms, work_ms);
  layout_ms = (MAX (scroll->layout_done_ns, scroll->before_paint_ns) - scroll->before_paint_ns) / ALLIANCE_NS_PER_MS;
  g_array_append_val (scroll->layout_ms, layout_ms);
  if (scroll->last_frame_time_us != 0)
    {
      interval_ms = (frame_time_us - scroll->last_frame_time_us) / US_PER_MS;
      g_array_append_val (scroll->interval_ms, interval_ms);
    }
  scroll->last_frame_time_us = frame_time_us;
}

/* Moves the list one step on each frame, in the frame's update phase, as
 * kinetic scrolling does. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  Scroll *scroll = user_data;
  double bottom = gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment);

  if (scroll->n_ticks >= scroll->n_frames)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  scroll->n_ticks++;
  scroll->moved = TRUE;
  gtk_adjustment_set_value (scroll->adjustment,
                            MIN (bottom, gtk_adjustment_get_value (scroll->adjustment) + scroll->step));
  return G_SOURCE_CONTINUE;
}

/* Scrolls @n_frames frames from the top, @step pixels a frame. */
static gboolean
run_scroll (GtkWidget *list_view,
            Scroll    *scroll,
            guint      n_frames,
            gboolean   measuring,
            GError   **error)
{
  gboolean timed_out = FALSE;
  guint timeout;

  gtk_adjustment_set_value (scroll->adjustment, 0);
  alliance_timing_settle (SETTLE_MS);
  scroll->n_frames = n_frames;
  scroll->n_ticks = 0;
  scroll->done = FALSE;
  scroll->measuring = measuring;
  scroll->before_paint_ns = 0;
  scroll->last_frame_time_us = 0;
  scroll->moved = FALSE;
  timeout = g_timeout_add_once (TIMEOUT_SECONDS * 1000, alliance_timing_set_flag_cb, &timed_out);
  gtk_widget_add_tick_callback (list_view, scroll_tick_cb, scroll, NULL);
  while (!scroll->done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  /* The last step's frame is painted after the tick that asked for it. */
  alliance_timing_settle (SETTLE_MS);
  scroll->measuring = FALSE;
  if (timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "The list did not scroll within %d s", TIMEOUT_SECONDS);
      return FALSE;
    }
  g_source_remove (timeout);
  return TRUE;
}

static gboolean
measure (const char  *db_path,
         guint        n_frames,
         GError     **error)
{
  g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, error);
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GArray) work_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSettings) settings = NULL;
  Scroll scroll = { 0, };
  AllianceWindow *window;
  GtkWidget *list_view, *row;
  GdkFrameClock *frame_clock;
  GListModel *model;
  gboolean timed_out = FALSE;
  guint timeout, n_items, n_sparklines = 0, n_rows = 0, n_drawn;
  gboolean ok;

  if (database == NULL)
    return FALSE;
  clients = alliance_client_store_new (database);

  /* Every client listed, not only the active ones; the window at its
   * default size (1000 × 700). */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "caseload-filter", "all");
  window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);
  alliance_window_set_store (window, clients, FALSE);
  gtk_window_present (GTK_WINDOW (window));

  /* The caseload's list view is the one holding its rows (a drop-down has
   * one too), which exist once the first frame is drawn; the flags, and so
   * the sparklines, come from a worker after that frame. */
  timeout = g_timeout_add_once (TIMEOUT_SECONDS * 1000, alliance_timing_set_flag_cb, &timed_out);
  while ((row = find_descendant (GTK_WIDGET (window), ALLIANCE_TYPE_CASELOAD_ROW)) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  list_view = row != NULL ? gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW) : NULL;
  model = list_view != NULL ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view))) : NULL;
  while (model != NULL && !count_sparklines (model, &n_sparklines) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "The caseload's flags did not come within %d s",
                   TIMEOUT_SECONDS);
      gtk_window_destroy (GTK_WINDOW (window));
      return FALSE;
    }
  g_source_remove (timeout);
  alliance_timing_settle (SETTLE_MS);

  scroll.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  scroll.step = (gtk_adjustment_get_upper (scroll.adjustment) - gtk_adjustment_get_page_size (scroll.adjustment))
                / n_frames;
  scroll.work_ms = work_ms;
  scroll.interval_ms = interval_ms;
  scroll.layout_ms = layout_ms;
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (before_paint_cb), &scroll);
  g_signal_connect (frame_clock, "layout", G_CALLBACK (layout_done_cb), &scroll);
  g_signal_connect_after (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &scroll);

  /* A warm-up (fonts, glyphs, icons), then the measured fling. */
  ok = run_scroll (list_view, &scroll, WARM_UP_FRAMES, FALSE, error) &&
       run_scroll (list_view, &scroll, n_frames, TRUE, error);
  n_drawn = count_sparkline_rows (list_view, &n_rows);
  n_items = g_list_model_get_n_items (model);

  g_signal_handlers_disconnect_by_data (frame_clock, &scroll);
  gtk_window_destroy (GTK_WINDOW (window));
  if (!ok)
    return FALSE;
  if (work_ms->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "No frame was painted while scrolling");
      return FALSE;
    }

  g_string_printf (line,
                   "clients=%u sparklines=%u rows_on_screen=%u with_sparkline=%u frames=%u px_per_frame=%.1f"
                   " work_median_ms=%.3f work_max_ms=%.3f work_over_16=%u layout_median_ms=%.3f layout_max_ms=%.3f"
                   " interval_median_ms=%.3f interval_max_ms=%.3f dropped=%u",
                   n_items, n_sparklines, n_rows, n_drawn, work_ms->len, scroll.step,
                   alliance_timing_median (work_ms), alliance_timing_max (work_ms), count_over (work_ms, WORK_TARGET_MS),
                   alliance_timing_median (layout_ms), alliance_timing_max (layout_ms),
                   alliance_timing_median (interval_ms), alliance_timing_max (interval_ms),
                   count_over (interval_ms, DROPPED_FACTOR * alliance_timing_median (interval_ms)));
  alliance_timing_append_samples (line, "work_ms", work_ms);
  alliance_timing_append_samples (line, "layout_ms", layout_ms);
  alliance_timing_append_samples (line, "interval_ms", interval_ms);
  g_print ("%s\n", line->str);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time scrolling the caseload with its sparklines");
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *own_dir = NULL;
  g_autofree char *db_path = NULL;
  int n_frames = DEFAULT_FRAMES;
  int n_clients = DEFAULT_CLIENTS;
  gboolean measured;
  const GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Frames from the top of the list to the bottom (default 300)",
      "N" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Clients to generate without --db (default 2000)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "A database with rated sessions (default: write one)", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_frames < 1 || n_clients < 1)
    {
      g_printerr ("alliance-scroll-benchmark: %s\n", error ? error->message : "--frames and --clients must be > 0");
      return 1;
    }

  if (!alliance_timing_init_gtk ("alliance-scroll-benchmark"))
    return 1;

  if (db == NULL)
    {
      own_dir = g_dir_make_tmp ("alliance-scroll-XXXXXX", &error);
      if (own_dir == NULL)
        {
          g_printerr ("alliance-scroll-benchmark: %s\n", error->message);
          return 1;
        }
      db_path = g_build_filename (own_dir, "scroll.db", NULL);
      if (!write_records (db_path, (guint)n_clients, &error))
        {
          g_printerr ("alliance-scroll-benchmark: %s\n", error->message);
          return 1;
        }
    }

  measured = measure (db_path != NULL ? db_path : db, (guint)n_frames, &error);

  if (own_dir != NULL)
    {
      alliance_timing_remove_database (db_path);
      g_rmdir (own_dir);
    }

  if (!measured)
    {
      g_printerr ("alliance-scroll-benchmark: %s\n", error->message);
      return 1;
    }
  return 0;
}
