/* main.c
 *
 * Everything lives in the libraries; this is only the door.
 */
#define G_LOG_DOMAIN "alliance"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <sys/stat.h>

#include "alliance-application.h"

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

  application = alliance_application_new ();
  status = g_application_run (G_APPLICATION (application), argc, argv);
  return status != 0 ? status : alliance_application_get_exit_status (application);
}
