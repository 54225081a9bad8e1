/* alliance-command-line.h
 *
 * What every subcommand (`alliance report`, `packet`, `audit`, `dispose`,
 * `export`, `import`, `backup`, `restore`) does the same way: usage errors
 * (exit 2, with a pointer to --help), the arguments as typed, which
 * database --db names, opening existing records (exit 1 with the reason),
 * and asking for a passphrase on the terminal without echo.
 */
#pragma once

#include "alliance-database.h"
#include "alliance-encryption.h"

G_BEGIN_DECLS

/* Prints @message and "Run “alliance COMMAND --help”…"; returns 2. */
int                alliance_command_usage_error    (const char  *command,
                                                    const char  *message);
/* A copy of @argv for GOptionContext (which removes what it parses), its
 * first element "alliance COMMAND". Free with g_strfreev(). */
char             **alliance_command_copy_arguments (const char  *command,
                                                    int          argc,
                                                    char       **argv);
/* The file --db names, as an absolute path, or the usual one when NULL. */
char              *alliance_command_database_path  (const char  *db_option,
                                                    GError     **error);
/* The records of --db (or the usual place), which must exist: a mistyped
 * --db is refused, never created empty. NULL after printing why. */
AllianceDatabase  *alliance_command_open_records   (const char  *db_option);
/* One line typed on the terminal, not echoed; NULL without a terminal. */
char              *alliance_command_prompt_secret  (const char  *prompt);
/* From @passphrase_file, else asked on the terminal (twice when @confirm).
 * NULL after printing why, with *status the exit status to use. */
char              *alliance_command_get_passphrase (const char  *passphrase_file,
                                                    gboolean     confirm,
                                                    int         *status);
/* A passphrase, wiped as it goes out of scope. */
typedef char *AllianceSecretString;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (AllianceSecretString, alliance_encryption_wipe_string, NULL)

G_END_DECLS
