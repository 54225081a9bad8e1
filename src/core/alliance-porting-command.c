/* alliance-porting-command.c
 *
 * The two subcommands parse their options like `alliance report`: usage
 * errors (exit 2) are found before any file is opened. An export needs
 * records that exist (it never creates an empty database where a mistyped
 * path pointed); an import may create the database, since importing into
 * a new, empty one is the point.
 *
 * Flags in a command-line export are computed with the default thresholds
 * (Preferences are the window's); the app's own Export uses the therapist's.
 */
#define G_LOG_DOMAIN "alliance-porting-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "alliance-csv-import.h"
#include "alliance-date.h"
#include "alliance-json-export.h"
#include "alliance-json-import.h"
#include "alliance-paths.h"
#include "alliance-porting-command.h"

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("%s\n", message);
  /* Translators: %s is "export" or "import" */
  g_printerr (_("Run “alliance %s --help” to see the options."), command);
  g_printerr ("\n");
  return 2;
}

static GStrv
copy_args (const char  *name,
           int          argc,
           char       **argv)
{
  GStrv args = g_new0 (char *, argc + 1);

  /* Named as typed, for "Usage: alliance export [OPTION…]". */
  args[0] = g_strdup (name);
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  return args;
}

static char *
resolve_database (const char  *db,
                  GError     **error)
{
  if (db != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);

      return g_file_get_path (file);
    }
  return alliance_paths_default_database (error);
}

int
alliance_export_command_run (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *db = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_auto(GStrv) args = NULL;
  AllianceFlagSettings settings;
  GDate today;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format of the export: json (the only one)"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Read the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  args = copy_args ("alliance export", argc, argv);
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Write every record — clients, sessions, notes with their signatures, "
                                  "ratings with their scores, events, supervision meetings, measures — as one "
                                  "JSON file (described by alliance-export.schema.json) that “alliance import” "
                                  "reads back."));
  g_option_context_set_description (context,
                                    _("The file holds confidential health information: keep it as safe as "
                                      "the records. Exit status: 0 written; 1 the records or the file could "
                                      "not be used; 2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error ("export", error->message);
  if (g_strv_length (args) > 1)
    return usage_error ("export", _("alliance export takes no arguments besides its options."));
  if (format != NULL && g_ascii_strcasecmp (format, "json") != 0)
    return usage_error ("export", _("The only export format is json (--format json)."));
  if (output != NULL && output[0] == '\0')
    return usage_error ("export", _("Say where to write the export with --output FILE."));

  db_path = resolve_database (db, &error);
  if (db_path == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file name */
      g_printerr (_("There are no records at %s."), db_path);
      g_printerr ("\n");
      return 1;
    }
  database = alliance_database_open (db_path, &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  alliance_flag_settings_init (&settings);
  alliance_date_get_today (&today);
  if (output != NULL)
    {
      if (!alliance_json_export_to_file (database, &settings, &today, output, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  text = alliance_json_export (database, &settings, &today, &error);
  if (text == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr (_("Could not write the export to standard output."));
      g_printerr ("\n");
      return 1;
    }
  return 0;
}

static void
print_csv_counts (AllianceCsvKind                kind,
                  const char                    *name,
                  const AllianceCsvImportCounts *counts)
{
  switch (kind)
    {
    case ALLIANCE_CSV_CLIENTS:
      /* Translators: a count, then a file name */
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "Imported %u client from %s.", "Imported %u clients from %s.",
                               counts->added), counts->added, name);
      break;
    case ALLIANCE_CSV_SESSIONS:
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "Imported %u session from %s.", "Imported %u sessions from %s.",
                               counts->added), counts->added, name);
      break;
    case ALLIANCE_CSV_SCORES:
    case ALLIANCE_CSV_N_KINDS:
    default:
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "Imported %u set of scores from %s.",
                               "Imported %u sets of scores from %s.", counts->added), counts->added, name);
      break;
    }
  if (counts->unchanged > 0)
    {
      g_printerr (" ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u row was already in the records and was skipped.",
                               "%u rows were already in the records and were skipped.", counts->unchanged),
                  counts->unchanged);
    }
  g_printerr ("\n");
}

int
alliance_import_command_run (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *db = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_auto(GStrv) args = NULL;
  AllianceCsvKind kind = ALLIANCE_CSV_CLIENTS;
  gsize length;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_STRING, &csv, N_("Read a CSV file of one table: clients, sessions or scores"), N_("TABLE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Import into the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  args = copy_args ("alliance import", argc, argv);
  context = g_option_context_new (N_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Import an export made by “alliance export” into an empty database, or "
                                  "with --csv, one table of a spreadsheet (clients, sessions or scores; "
                                  "the columns are listed in the README). Everything in the file goes in, "
                                  "or nothing: the first problem is reported with its line and column."));
  g_option_context_set_description (context,
                                    _("Importing the same CSV file again adds nothing: rows already in the "
                                      "records are skipped, and a row that contradicts one refuses the file. "
                                      "Exit status: 0 imported; 1 the file or the records were refused; "
                                      "2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error ("import", error->message);
  if (g_strv_length (args) != 2)
    return usage_error ("import", _("Name one file to import."));
  if (csv != NULL && !alliance_csv_kind_from_string (csv, &kind))
    return usage_error ("import", _("--csv takes clients, sessions or scores."));

  name = g_filename_display_basename (args[1]);
  if (!g_file_get_contents (args[1], &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  db_path = resolve_database (db, &error);
  if (db_path == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  database = alliance_database_open (db_path, &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (csv != NULL)
    {
      AllianceCsvImportCounts counts;

      if (!alliance_csv_import (database, kind, name, contents, length, &counts, &error))
        {
          g_printerr ("%s\n", error->message);
          g_printerr (_("Nothing was imported."));
          g_printerr ("\n");
          return 1;
        }
      print_csv_counts (kind, name, &counts);
      return 0;
    }
  else
    {
      AllianceJsonImportCounts counts;

      if (!alliance_json_import (database, name, contents, length, &counts, &error))
        {
          g_printerr ("%s\n", error->message);
          if (!g_error_matches (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_NOT_EMPTY))
            {
              g_printerr (_("Nothing was imported."));
              g_printerr ("\n");
            }
          return 1;
        }
      /* Translators: a file name, then counts */
      g_printerr (_("Imported from %s: clients %u, sessions %u, notes %u, supervision meetings %u."),
                  name, counts.clients, counts.sessions, counts.notes, counts.meetings);
      g_printerr ("\n");
      return 0;
    }
}
