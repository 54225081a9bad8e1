/* alliance-generate.c
 *
 * Writes a large fictional caseload into a new database, to try the app
 * (and take screenshots) at the scale of a group practice:
 *
 *   alliance-generate [--clients N] [--seed S] FILE
 *   alliance --db FILE
 */
#define G_LOG_DOMAIN "alliance-generate"

#include "config.h"

#include <stdlib.h>

#include "alliance-demo.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int n_clients = 2000;
  int seed = 42;
  const GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "How many clients (default 2000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "The same seed gives the same caseload (default 42)", "S" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Write a generated caseload of fictional clients into a new database.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n_clients < 0)
    {
      g_printerr ("%s\n", error ? error->message : "Usage: alliance-generate [--clients N] [--seed S] FILE");
      return 2;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      /* Never add fictional clients to a file that may hold real ones. */
      g_printerr ("%s already exists; give the name of a new file.\n", argv[1]);
      return 1;
    }

  database = alliance_database_open (argv[1], &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  store = alliance_client_store_new (database);
  if (!alliance_demo_generate_caseload (store, (guint)n_clients, (guint32)seed, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("Wrote %d clients to %s\n", n_clients, argv[1]);
  return EXIT_SUCCESS;
}
