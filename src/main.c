/* main.c
 *
 * Everything lives in the libraries; this is only the door.
 */
#define G_LOG_DOMAIN "alliance"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "alliance-application.h"
#include "alliance-packet-command.h"
#include "alliance-backup-command.h"
#include "alliance-audit-command.h"
#include "alliance-dispose-command.h"
#include "alliance-porting-command.h"
#include "alliance-report-command.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AllianceApplication) application = NULL;
  int status;

  /* Anything Alliance creates is for its user alone. */
  umask (077);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands run without a window and before GTK is initialised, so
   * they work with no display at all. */
  if (argc > 1 && strcmp (argv[1], "report") == 0)
    return alliance_report_command_run (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "packet") == 0)
    return alliance_packet_command_run (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "export") == 0)
    return alliance_export_command_run (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "import") == 0)
    return alliance_import_command_run (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "backup") == 0)
    return alliance_backup_command_run (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "restore") == 0)
    return alliance_restore_command_run (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "audit") == 0)
    return alliance_audit_command_run (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "dispose") == 0)
    return alliance_dispose_command_run (argc - 1, argv + 1);

  application = alliance_application_new ();
  status = g_application_run (G_APPLICATION (application), argc, argv);
  return status != 0 ? status : alliance_application_get_exit_status (application);
}
