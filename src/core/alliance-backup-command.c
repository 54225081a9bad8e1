/* alliance-backup-command.c
 *
 * `alliance backup [--db FILE] [--to DIR] [--encrypt] [--passphrase-file F]`
 * and `alliance restore FILE [--db FILE] [--passphrase-file F] [--yes]`.
 * Usage errors (exit 2) are found before any file is touched. A restore
 * says what it will replace and asks, unless --yes; the records as they
 * were are backed up first, to the backup folder.
 */
#define G_LOG_DOMAIN "alliance-backup-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "alliance-backup-command.h"
#include "alliance-backup.h"
#include "alliance-command-line.h"
#include "alliance-paths.h"

static char *
resolve_path (const char *argument)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (argument);

  return g_file_get_path (file);
}

int
alliance_backup_command_run (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  g_autofree char *db = NULL;
  g_autofree char *to = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *written = NULL;
  g_auto(AllianceSecretString) passphrase = NULL;
  g_auto(GStrv) args = NULL;
  gboolean encrypt = FALSE;
  AllianceBackupOptions options = { 0 };
  int status = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Back up the records in FILE instead of the usual place"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Write the backup into the folder DIR"), N_("DIR") },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt, N_("Encrypt the backup with a passphrase"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from the first line of FILE (private to you) instead of asking"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  args = alliance_command_copy_arguments ("backup", argc, argv);
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Copy the records into a checked, dated backup file. Older backups are "
                                  "kept 7 daily, 4 weekly and 12 monthly."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 backed up; 1 the records or the folder could not be used "
                                      "(nothing was changed); 2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return alliance_command_usage_error ("backup", error->message);
  if (g_strv_length (args) > 1)
    return alliance_command_usage_error ("backup", _("alliance backup takes no arguments besides its options."));
  if (passphrase_file != NULL && !encrypt)
    return alliance_command_usage_error ("backup", _("--passphrase-file is for an encrypted backup: add --encrypt."));

  db_path = alliance_command_database_path (db, &error);
  if (db_path == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  folder = to != NULL ? resolve_path (to) : alliance_backup_configured_folder ();

  if (encrypt)
    {
      passphrase = alliance_command_get_passphrase (passphrase_file, TRUE, &status);
      if (passphrase == NULL)
        return status;
      recipient = alliance_encryption_recipient_new (passphrase, ALLIANCE_ENCRYPTION_STRENGTH_MODERATE, &error);
      if (recipient == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  options.folder = folder;
  options.kind = ALLIANCE_BACKUP_KIND_REGULAR;
  options.recipient = recipient;
  options.rotate = TRUE;
  written = alliance_backup_create (db_path, &options, &error);
  if (written == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\n", written);
  return 0;
}

static char *
format_facts (const AllianceBackupFacts *facts)
{
  g_autoptr(GDateTime) local = facts->created ? g_date_time_to_local (facts->created) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");

  /* Translators: the date of a backup, then how many records it holds */
  return g_strdup_printf (_("Backup of %s: %lld clients, %lld sessions, %lld notes (data format %d)."),
                          when, (long long) facts->n_clients, (long long) facts->n_sessions,
                          (long long) facts->n_notes, facts->schema_version);
}

static gboolean
confirm_on_terminal (const char *db_path)
{
  FILE *tty = fopen ("/dev/tty", "r+e");
  char line[64] = "";
  gboolean yes;

  if (tty == NULL)
    return FALSE;
  /* Translators: %s is a file name. Answer with "yes" in English: the check below does not translate. */
  fprintf (tty, _("Replace the records in %s with this backup? The current records are backed up first. "
                  "Type “yes” to go on: "),
           db_path);
  fflush (tty);
  yes = fgets (line, sizeof line, tty) != NULL && g_ascii_strncasecmp (line, "yes", 3) == 0;
  fclose (tty);
  return yes;
}

int
alliance_restore_command_run (int    argc,
                              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceBackupFacts) facts = NULL;
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  g_autofree char *db = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *description = NULL;
  g_autofree char *work_folder = NULL;
  g_auto(AllianceSecretString) passphrase = NULL;
  g_auto(GStrv) args = NULL;
  gboolean yes = FALSE;
  gboolean restored;
  AllianceBackupOptions options = { 0 };
  int status = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Replace the records in FILE instead of the usual place"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase of an encrypted backup from the first line of FILE instead of asking"), N_("FILE") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask before replacing the records"), NULL },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  args = alliance_command_copy_arguments ("restore", argc, argv);
  context = g_option_context_new (N_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Replace the records with a backup. The records as they are now are backed "
                                  "up first, and Alliance must not have them open."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 restored; 1 the backup or the records could not be used "
                                      "(nothing was changed); 2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return alliance_command_usage_error ("restore", error->message);
  if (g_strv_length (args) != 2)
    return alliance_command_usage_error ("restore", _("Name one backup file to restore."));
  if (!yes && !isatty (STDIN_FILENO))
    return alliance_command_usage_error ("restore", _("Not on a terminal, so nobody can confirm: add --yes to restore without asking."));

  backup_path = resolve_path (args[1]);
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: %s is a file name */
      g_printerr (_("There is no backup at %s."), backup_path);
      g_printerr ("\n");
      return 1;
    }
  db_path = alliance_command_database_path (db, &error);
  if (db_path == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  work_folder = g_path_get_dirname (db_path);

  if (alliance_encryption_is_encrypted_file (backup_path))
    {
      passphrase = alliance_command_get_passphrase (passphrase_file, FALSE, &status);
      if (passphrase == NULL)
        return status;
      plain_path = alliance_backup_decrypt (backup_path, passphrase, work_folder, &error);
      if (plain_path == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  facts = alliance_backup_read_facts_dated (plain_path ? plain_path : backup_path, backup_path, &error);
  if (facts != NULL)
    {
      description = format_facts (facts);
      g_printerr ("%s\n", description);
    }
  if (facts == NULL || (!yes && !confirm_on_terminal (db_path)))
    {
      if (facts == NULL)
        g_printerr ("%s\n", error->message);
      else
        g_printerr ("%s\n", _("Nothing was restored."));
      if (plain_path != NULL)
        g_unlink (plain_path);
      return 1;
    }

  /* The safety copy is encrypted when the app's backups are. */
  folder = alliance_backup_configured_folder ();
  recipient = alliance_backup_configured_recipient ();
  options.folder = folder;
  options.recipient = recipient;
  restored = alliance_backup_restore (db_path, plain_path ? plain_path : backup_path, &options, &saved, &error);
  if (plain_path != NULL)
    g_unlink (plain_path);
  if (!restored)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* Translators: %s is the file that keeps the records as they were before the restore */
  g_printerr (_("Restored. The records as they were are kept in %s."), saved);
  g_printerr ("\n");
  return 0;
}
