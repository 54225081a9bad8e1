/* alliance-report-command.c
 *
 * `alliance report --client CODE --output FILE [--width W --height H]
 * [--db FILE]`. Usage errors (exit 2) are found before the records are
 * opened; then the records are opened as the app opens them, the client is
 * looked up by code, and the chart is exported with the print palette.
 * alliance_chart_export() writes beside the target and renames, so a
 * failure leaves no partial file. The records must exist already: a report
 * never creates an empty database where a mistyped path pointed.
 */
#define G_LOG_DOMAIN "alliance-report-command"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-chart-builder.h"
#include "alliance-chart-renderer.h"
#include "alliance-chart-style.h"
#include "alliance-client-store.h"
#include "alliance-paths.h"
#include "alliance-rating-store.h"
#include "alliance-report-command.h"
#include "alliance-command-line.h"
#include "alliance-session-store.h"

typedef struct
{
  const char *code;
  gint64      id;
} FindClient;

static void
find_client_cb (const AllianceClientListing *listing,
                gpointer                     user_data)
{
  FindClient *find = user_data;

  if (find->id == 0 && g_ascii_strcasecmp (listing->code, find->code) == 0)
    find->id = listing->id;
}

static int
render (const char  *db,
        const char  *code,
        const char  *output,
        AllianceChartFormat format,
        int          width,
        int          height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autoptr(AllianceChartData) data = NULL;
  AllianceChartOptions options;
  AllianceChartStyle style;
  FindClient find = { code, 0 };
  gboolean written;

  database = alliance_command_open_records (db);
  if (database == NULL)
    return 1;

  clients = alliance_client_store_new (database);
  if (!alliance_client_store_foreach_listing (clients, find_client_cb, &find, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (find.id == 0)
    {
      /* Translators: %s is a client code such as C-0007 */
      g_printerr (_("There is no client with the code %s."), code);
      g_printerr ("\n");
      return 1;
    }

  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);
  alliance_chart_options_init (&options);
  options.outcome_key = "";
  data = alliance_chart_data_build (sessions, ratings, find.id, &options, &error);
  if (data == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  alliance_chart_style_init_print (&style);
  written = alliance_chart_export (data, &style, format, width, height, output, &error);
  alliance_chart_style_clear (&style);
  if (!written)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

int
alliance_report_command_run (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *output = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) args = NULL;
  int width = ALLIANCE_REPORT_DEFAULT_WIDTH;
  int height = ALLIANCE_REPORT_DEFAULT_HEIGHT;
  AllianceChartFormat format;
  const GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_STRING, &code, N_("The client’s code"), N_("CODE") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write the graph to FILE (.png, .svg or .pdf)"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels or points (100–10000, default 1200)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels or points (100–10000, default 700)"), N_("H") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Read the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  /* GOptionContext removes what it parses: work on a copy. */
  args = g_new0 (char *, argc + 1);
  /* Named as typed, for "Usage: alliance report [OPTION…]". */
  args[0] = g_strdup ("alliance report");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Draw a client’s alliance graph to a PNG, SVG or PDF file, "
                                  "without opening a window."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 written; 1 the client, the records or the "
                                      "file could not be used; 2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return alliance_command_usage_error ("report", error->message);

  if (g_strv_length (args) > 1)
    return alliance_command_usage_error ("report", _("alliance report takes no arguments besides its options."));
  if (code == NULL || code[0] == '\0')
    return alliance_command_usage_error ("report", _("Say which client with --client CODE."));
  if (output == NULL || output[0] == '\0')
    return alliance_command_usage_error ("report", _("Say where to write the graph with --output FILE."));
  if (!alliance_chart_format_from_path (output, &format))
    return alliance_command_usage_error ("report", _("The output file must end in .png, .svg or .pdf."));
  if (width < ALLIANCE_REPORT_MIN_SIZE || width > ALLIANCE_REPORT_MAX_SIZE ||
      height < ALLIANCE_REPORT_MIN_SIZE || height > ALLIANCE_REPORT_MAX_SIZE)
    return alliance_command_usage_error ("report", _("The width and height must be between 100 and 10000."));

  return render (db, code, output, format, width, height);
}
