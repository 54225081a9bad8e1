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
 * With --baseline --rows N it scrolls a yardstick instead, timed by the
 * same code: a bare GtkListView of N rows in an AdwApplicationWindow of
 * the same size, each row a GtkBox with two GtkLabels (a name and a
 * subtitle) and nothing drawn by hand, top to bottom in the same number
 * of frames. alliance-benchmark gives it the number of clients the app
 * listed, so the ratio of the two shows what the app's rows cost over
 * what any list costs with that renderer. Its line has the same keys
 * (clients= being the rows, sparklines=0).
 *
 * A program of its own because it needs GTK, which alliance-benchmark
 * keeps out of its own process.
 */
#define G_LOG_DOMAIN "alliance-scroll-benchmark"

#include "config.h"

#include <adwaita.h>
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

/* The baseline's rows: about the caseload row's height (its margins, a
 * name and a smaller subtitle). */
#define BASELINE_ROW_MARGIN_Y 6
#define BASELINE_ROW_MARGIN_X 12

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

/* The list's rows on screen (GTK 4.8 keeps recycled ones unmapped or
 * hidden). */
static guint
count_rows_on_screen (GtkWidget *list_view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_get_child_visible (child) && gtk_widget_get_mapped (child);
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

/* Scrolls @list_view in @window from top to bottom, a warm-up and then
 * @n_frames measured frames, and prints the result line; destroys
 * @window. The app and the baseline both come through here. */
static gboolean
time_scroll (GtkWindow   *window,
             GtkWidget   *list_view,
             guint        n_sparklines,
             guint        n_frames,
             GError     **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GArray) work_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  Scroll scroll = { 0, };
  GdkFrameClock *frame_clock;
  guint n_items, n_rows = 0, n_drawn;
  gboolean ok;

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
  if (n_rows == 0)   /* the baseline, which has no caseload rows */
    n_rows = count_rows_on_screen (list_view);
  n_items = g_list_model_get_n_items (model);

  g_signal_handlers_disconnect_by_data (frame_clock, &scroll);
  gtk_window_destroy (window);
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

static gboolean
measure (const char  *db_path,
         guint        n_frames,
         GError     **error)
{
  g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, error);
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(GSettings) settings = NULL;
  AllianceWindow *window;
  GtkWidget *list_view, *row;
  GListModel *model;
  gboolean timed_out = FALSE;
  guint timeout, n_sparklines = 0;

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

  return time_scroll (GTK_WINDOW (window), list_view, n_sparklines, n_frames, error);
}

/* --- The baseline ----------------------------------------------------------- */

static void
baseline_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, BASELINE_ROW_MARGIN_Y);
  gtk_widget_set_margin_bottom (box, BASELINE_ROW_MARGIN_Y);
  gtk_widget_set_margin_start (box, BASELINE_ROW_MARGIN_X);
  gtk_widget_set_margin_end (box, BASELINE_ROW_MARGIN_X);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
baseline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  g_autofree char *subtitle = g_strdup_printf ("C-%04u · 30 sessions", gtk_list_item_get_position (list_item) + 1);

  gtk_label_set_text (GTK_LABEL (name), gtk_string_object_get_string (gtk_list_item_get_item (list_item)));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), subtitle);
}

/* Names of about a client's length, varied so that the glyphs differ. */
static GListModel *
baseline_names (guint n_rows)
{
  static const char *const first[] = { "Zoë", "Oliver", "Åke", "Maria", "Kwame", "Sophie", "Jonas", "Aisha" };
  static const char *const last[] = { "García", "Smith", "Nordström", "Okafor", "Dubois", "Kowalski", "Lindqvist" };
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", first[i % G_N_ELEMENTS (first)],
                                               last[(i / G_N_ELEMENTS (first)) % G_N_ELEMENTS (last)]);

      gtk_string_list_append (names, name);
    }
  return G_LIST_MODEL (names);
}

/* The yardstick: a bare list view of @n_rows in a libadwaita window of the
 * app's default size, scrolled and timed as the caseload is. */
static gboolean
measure_baseline (guint     n_rows,
                  guint     n_frames,
                  GError  **error)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = adw_application_window_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list_view;
  gboolean timed_out = FALSE;
  guint timeout;

  g_signal_connect (factory, "setup", G_CALLBACK (baseline_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (baseline_bind_cb), NULL);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (baseline_names (n_rows))), factory);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));

  timeout = g_timeout_add_once (TIMEOUT_SECONDS * 1000, alliance_timing_set_flag_cb, &timed_out);
  while (count_rows_on_screen (list_view) == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "The list's rows were not shown within %d s",
                   TIMEOUT_SECONDS);
      gtk_window_destroy (GTK_WINDOW (window));
      return FALSE;
    }
  g_source_remove (timeout);

  return time_scroll (GTK_WINDOW (window), list_view, 0, n_frames, error);
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
  int n_rows = DEFAULT_CLIENTS;
  gboolean baseline = FALSE;
  gboolean measured;
  const GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Frames from the top of the list to the bottom (default 300)",
      "N" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Clients to generate without --db (default 2000)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "A database with rated sessions (default: write one)", "FILE" },
    { "baseline", 0, 0, G_OPTION_ARG_NONE, &baseline,
      "Scroll a bare list view of --rows rows (two labels each) instead of the caseload", NULL },
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_rows, "Rows of the --baseline list (default 2000)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_frames < 1 || n_clients < 1 ||
      n_rows < 1)
    {
      g_printerr ("alliance-scroll-benchmark: %s\n",
                  error ? error->message : "--frames, --clients and --rows must be > 0");
      return 1;
    }

  if (!alliance_timing_init_gtk ("alliance-scroll-benchmark"))
    return 1;

  if (baseline)
    {
      if (!measure_baseline ((guint)n_rows, (guint)n_frames, &error))
        {
          g_printerr ("alliance-scroll-benchmark: %s\n", error->message);
          return 1;
        }
      return 0;
    }

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
