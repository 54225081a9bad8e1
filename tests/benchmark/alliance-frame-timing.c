/* alliance-frame-timing.c */
#define G_LOG_DOMAIN "alliance-frame-timing"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>

#include "alliance-frame-timing.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Nanoseconds, on the clock alliance-benchmark uses. */
gint64
alliance_timing_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

double
alliance_timing_median (GArray *samples)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  guint n = sorted->len;

  if (n == 0)
    return 0.0;
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2.0;
}

double
alliance_timing_max (GArray *samples)
{
  double max = 0.0;

  for (guint i = 0; i < samples->len; i++)
    max = MAX (max, g_array_index (samples, double, i));
  return max;
}

/* " key=a,b,…" at the end of @line, the form alliance-benchmark parses. */
void
alliance_timing_append_samples (GString    *line,
                                const char *key,
                                GArray     *samples)
{
  g_string_append_printf (line, " %s=", key);
  for (guint i = 0; i < samples->len; i++)
    g_string_append_printf (line, "%s%.3f", i > 0 ? "," : "", g_array_index (samples, double, i));
}

/* A GSourceOnceFunc setting the gboolean @user_data points to. */
void
alliance_timing_set_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
}

/* Lets the main loop run for @ms, painting whatever it still wants to. */
void
alliance_timing_settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, alliance_timing_set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* GTK and libadwaita, once the schema AllianceWindow reads is known to be
 * there (without it the window would abort); FALSE, having said what to
 * do, when it or the display is missing. */
gboolean
alliance_timing_init_gtk (const char *program)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr ("%s: no GSettings schema %s; set GSETTINGS_SCHEMA_DIR to the build's data folder "
                  "(alliance-benchmark does)\n", program, APPLICATION_ID);
      return FALSE;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("%s: cannot open a display\n", program);
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* The database, its write-ahead log and its index. */
void
alliance_timing_remove_database (const char *db_path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      g_remove (path);
    }
}
