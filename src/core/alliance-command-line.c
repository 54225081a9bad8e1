/* alliance-command-line.c */
#define G_LOG_DOMAIN "alliance-command-line"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "alliance-command-line.h"
#include "alliance-encryption.h"
#include "alliance-paths.h"

int
alliance_command_usage_error (const char *command,
                              const char *message)
{
  g_printerr ("%s\n", message);
  /* Translators: %s is a subcommand: "report", "backup"… */
  g_printerr (_("Run “alliance %s --help” to see the options."), command);
  g_printerr ("\n");
  return 2;
}

char **
alliance_command_copy_arguments (const char  *command,
                                 int          argc,
                                 char       **argv)
{
  char **args = g_new0 (char *, MAX (argc, 1) + 1);

  args[0] = g_strdup_printf ("alliance %s", command);
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  return args;
}

char *
alliance_command_database_path (const char  *db_option,
                                GError     **error)
{
  if (db_option != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db_option);

      return g_file_get_path (file);
    }
  return alliance_paths_default_database (error);
}

AllianceDatabase *
alliance_command_open_records (const char *db_option)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = alliance_command_database_path (db_option, &error);
  AllianceDatabase *database;

  if (path == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file name */
      g_printerr (_("There are no records at %s."), path);
      g_printerr ("\n");
      return NULL;
    }
  database = alliance_database_open (path, &error);
  if (database == NULL)
    g_printerr ("%s\n", error->message);
  return database;
}

char *
alliance_command_prompt_secret (const char *prompt)
{
  struct termios saved, quiet;
  char line[1024];
  FILE *tty = fopen ("/dev/tty", "r+e");
  gboolean echo_off;
  char *answer = NULL;

  if (tty == NULL)
    return NULL;
  fputs (prompt, tty);
  fflush (tty);
  echo_off = tcgetattr (fileno (tty), &saved) == 0;
  if (echo_off)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
    }
  if (fgets (line, sizeof line, tty) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      answer = g_strdup (line);
    }
  if (echo_off)
    tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fputs ("\n", tty);
  fclose (tty);
  memset (line, 0, sizeof line);
  return answer;
}

char *
alliance_command_get_passphrase (const char *passphrase_file,
                                 gboolean    confirm,
                                 int        *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(AllianceSecretString) first = NULL;
  g_auto(AllianceSecretString) again = NULL;

  if (passphrase_file != NULL)
    {
      first = alliance_encryption_read_passphrase_file (passphrase_file, &error);
      if (first == NULL)
        {
          g_printerr ("%s\n", error->message);
          *status = 1;
          return NULL;
        }
      if (confirm)
        again = g_strdup (first);
    }
  else if (!isatty (STDIN_FILENO))
    {
      g_printerr ("%s\n", _("A passphrase is needed: run this on a terminal or give --passphrase-file FILE."));
      *status = 2;
      return NULL;
    }
  else
    {
      first = alliance_command_prompt_secret (_("Passphrase: "));
      if (first == NULL || first[0] == '\0')
        {
          g_printerr ("%s\n", _("No passphrase was given."));
          *status = 1;
          return NULL;
        }
      if (confirm)
        again = alliance_command_prompt_secret (_("The same passphrase again: "));
    }

  /* A new passphrase follows the app's rules, from a file too. */
  if (confirm)
    {
      g_autofree char *problem =
          alliance_encryption_describe_passphrase_check (alliance_encryption_check_new_passphrase (first, again ? again : ""));

      if (problem != NULL)
        {
          /* Translators: %s says what is wrong with the passphrase */
          g_printerr (_("%s Nothing was written.\n"), problem);
          *status = 1;
          return NULL;
        }
    }
  return g_steal_pointer (&first);
}

