/* alliance-porting-command.c
 *
 * The two subcommands parse their options like `alliance report`: usage
 * errors (exit 2) are found before any file is opened. An export needs
 * records that exist (it never creates an empty database where a mistyped
 * path pointed); an import may create the database, since importing into
 * a new, empty one is the point.
 *
 * With --encrypt, an export is encrypted with a passphrase (libsodium; see
 * alliance-encryption.h) straight from memory: the plaintext never touches
 * the disk. An import recognises an encrypted file and asks for its
 * passphrase the same way.
 *
 * Flags in a command-line export are computed with the default thresholds
 * (Preferences are the window's); the app's own Export uses the therapist's.
 */
#define G_LOG_DOMAIN "alliance-porting-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "alliance-command-line.h"
#include "alliance-csv-import.h"
#include "alliance-date.h"
#include "alliance-encryption.h"
#include "alliance-json-export.h"
#include "alliance-json-import.h"
#include "alliance-porting-command.h"

int
alliance_export_command_run (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *db = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *text = NULL;
  g_auto(AllianceSecretString) passphrase = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_auto(GStrv) args = NULL;
  gboolean encrypt = FALSE;
  AllianceFlagSettings settings;
  GDate today;
  int status = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format of the export: json (the only one)"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt, N_("Encrypt the file with a passphrase (needs --output)"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from the first line of FILE (private to you) instead of asking"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Read the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  args = alliance_command_copy_arguments ("export", argc, argv);
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
    return alliance_command_usage_error ("export", error->message);
  if (g_strv_length (args) > 1)
    return alliance_command_usage_error ("export", _("alliance export takes no arguments besides its options."));
  if (format != NULL && g_ascii_strcasecmp (format, "json") != 0)
    return alliance_command_usage_error ("export", _("The only export format is json (--format json)."));
  if (output != NULL && output[0] == '\0')
    return alliance_command_usage_error ("export", _("Say where to write the export with --output FILE."));

  if (encrypt && output == NULL)
    return alliance_command_usage_error ("export", _("An encrypted export is written to a file: add --output FILE."));
  if (passphrase_file != NULL && !encrypt)
    return alliance_command_usage_error ("export", _("--passphrase-file is for an encrypted export: add --encrypt."));

  database = alliance_command_open_records (db);
  if (database == NULL)
    return 1;
  if (encrypt)
    {
      passphrase = alliance_command_get_passphrase (passphrase_file, TRUE, &status);
      if (passphrase == NULL)
        return status;
    }

  alliance_flag_settings_init (&settings);
  alliance_date_get_today (&today);
  if (encrypt)
    {
      /* The same export as the app's: read, encrypted from memory, written
       * and logged in one transaction. */
      g_autoptr(AllianceEncryptionRecipient) recipient =
          alliance_encryption_recipient_new (passphrase, ALLIANCE_ENCRYPTION_STRENGTH_MODERATE, &error);

      if (recipient == NULL ||
          !alliance_json_export_to_encrypted_file (database, &settings, &today, output, recipient, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }
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
  g_autofree char *passphrase_file = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_auto(GStrv) args = NULL;
  AllianceCsvKind kind = ALLIANCE_CSV_CLIENTS;
  const char *data;
  gsize length;
  int status = 0;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_STRING, &csv, N_("Read a CSV file of one table: clients, sessions or scores"), N_("TABLE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("For an encrypted file: read the passphrase from the first line of FILE instead of asking"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Import into the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  args = alliance_command_copy_arguments ("import", argc, argv);
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
    return alliance_command_usage_error ("import", error->message);
  if (g_strv_length (args) != 2)
    return alliance_command_usage_error ("import", _("Name one file to import."));
  if (csv != NULL && !alliance_csv_kind_from_string (csv, &kind))
    return alliance_command_usage_error ("import", _("--csv takes clients, sessions or scores."));

  name = g_filename_display_basename (args[1]);
  if (alliance_encryption_is_encrypted_file (args[1]))
    {
      /* Decrypted in memory only; nothing is imported unless it is whole. */
      g_auto(AllianceSecretString) passphrase = alliance_command_get_passphrase (passphrase_file, FALSE, &status);

      if (passphrase == NULL)
        return status;
      contents = alliance_encryption_decrypt_to_bytes (args[1], passphrase, &error);
    }
  else if (passphrase_file != NULL)
    return alliance_command_usage_error ("import", _("--passphrase-file is for an encrypted file, and this one is not."));
  else
    {
      char *text = NULL;

      if (g_file_get_contents (args[1], &text, &length, &error))
        contents = g_bytes_new_take (text, length);
    }
  if (contents == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  data = g_bytes_get_data (contents, &length);

  db_path = alliance_command_database_path (db, &error);
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

      if (!alliance_csv_import (database, kind, name, data, length, &counts, &error))
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

      if (!alliance_json_import (database, name, data, length, &counts, &error))
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
