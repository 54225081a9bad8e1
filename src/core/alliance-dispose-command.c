/* alliance-dispose-command.c
 *
 * `alliance dispose --list [--years N] [--db FILE]` and
 * `alliance dispose CODE [--yes] [--years N] [--db FILE]`. Disposal cannot
 * be undone, so without --yes it asks on a terminal (the person types the
 * client's code) and, with no terminal to ask on, refuses. The number of
 * years defaults to the app's preference, read through GSettings when the
 * schema is installed.
 */
#define G_LOG_DOMAIN "alliance-dispose-command"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <unistd.h>

#include "alliance-date.h"
#include "alliance-dispose-command.h"
#include "alliance-command-line.h"
#include "alliance-paths.h"
#include "alliance-retention-store.h"

static int
refuse (const char *message)
{
  g_printerr ("%s\n", message);
  return 1;
}

static int
preferred_years (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "retention-years"))
    return ALLIANCE_RETENTION_DEFAULT_YEARS;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_int (settings, "retention-years");
}

static void
print_list (GPtrArray *records)
{
  if (records->len == 0)
    {
      g_print ("%s\n", _("No records are past their retention date."));
      return;
    }
  /* Tab-separated, so a script can read it. */
  g_print ("%s\t%s\t%s\t%s\t%s\n", _("Code"), _("Name"), _("Discharged"), _("Last contact"), _("Kept until"));
  for (guint i = 0; i < records->len; i++)
    {
      const AllianceRetentionRecord *record = g_ptr_array_index (records, i);

      g_print ("%s\t%s\t%s\t%s\t%s\n", record->code, record->display_name, record->discharge_date,
               record->last_contact_date, record->retention_date);
    }
}

/* Asks on the terminal; TRUE when the person typed the client's code. */
static gboolean
confirm_on_terminal (const AllianceRetentionRecord *record)
{
  char answer[256];

  /* Translators: %s: a client code, %s: their name, %s: a date, %s: a date */
  g_printerr (_("This permanently deletes every record of %s (%s), discharged %s and kept until %s: "
                "the client, their sessions, notes and addenda, ratings, events, goals and supervision "
                "discussions. It cannot be undone; backups made before now still hold them."),
              record->code, record->display_name, record->discharge_date, record->retention_date);
  g_printerr ("\n");
  /* Translators: %s is a client code */
  g_printerr (_("Type %s to dispose of these records: "), record->code);
  fflush (stderr);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  return g_ascii_strcasecmp (g_strstrip (answer), record->code) == 0;
}

static int
run (const char *db,
     const char *code,
     gboolean    list,
     gboolean    yes,
     guint       years)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceRetentionStore) store = NULL;
  g_autoptr(AllianceRetentionRecord) record = NULL;
  g_autofree char *today = alliance_date_today ();
  gboolean journal_cleared = FALSE;
  gint64 client_id;

  database = alliance_command_open_records (db);
  if (database == NULL)
    return 1;
  clients = alliance_client_store_new (database);
  store = alliance_retention_store_new (clients);

  if (list)
    {
      g_autoptr(GPtrArray) records = alliance_retention_store_list_past (store, today, years, &error);

      if (records == NULL)
        return refuse (error->message);
      print_list (records);
      return 0;
    }

  client_id = alliance_retention_store_find_code (store, code, &error);
  if (client_id == 0)
    return refuse (error->message);
  record = alliance_retention_store_load (store, client_id, years, &error);
  if (record == NULL)
    return refuse (error->message);
  if (!alliance_retention_is_past (record->retention_date, today))
    {
      /* Translators: %s is a client code, then a date */
      g_autofree char *message = g_strdup_printf (_("The records of %s must be kept until %s; "
                                                    "nothing was deleted."),
                                                  record->code, record->retention_date);
      return refuse (message);
    }

  if (!yes)
    {
      if (!isatty (STDIN_FILENO))
        return refuse (_("Disposal cannot be undone, so it needs a confirmation: run this in a terminal to "
                         "be asked, or add --yes. Nothing was deleted."));
      if (!confirm_on_terminal (record))
        return refuse (_("Not confirmed; nothing was deleted."));
    }

  if (!alliance_retention_store_dispose_client (store, client_id, today, years, &journal_cleared, &error))
    return refuse (error->message);

  /* Translators: %s is a client code */
  g_printerr (_("The records of %s were disposed of and the disposal entered in the register."), record->code);
  g_printerr ("\n");
  if (!journal_cleared)
    {
      g_printerr ("%s\n", _("Another program has the database open: old copies of the deleted pages stay in "
                            "its journal file until it is closed."));
    }
  return 0;
}

int
alliance_dispose_command_run (int    argc,
                              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) args = NULL;
  gboolean list = FALSE;
  gboolean yes = FALSE;
  int years = G_MININT;   /* not given */
  const GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the discharged clients whose retention date has passed"), NULL },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Dispose without asking for confirmation"), NULL },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Keep records N years (1–100; default: the preference, 10)"), N_("N") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Use the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  /* GOptionContext removes what it parses: work on a copy. */
  args = g_new0 (char *, argc + 1);
  args[0] = g_strdup ("alliance dispose");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (_("[CODE]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("List the records past their retention date, or dispose of one client’s: "
                                  "delete the client and every record of theirs, securely, and enter the "
                                  "disposal in the register."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 done; 1 refused (unknown client, not yet past "
                                      "retention, not confirmed, records unusable); 2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return alliance_command_usage_error ("dispose", error->message);

  if (list && g_strv_length (args) > 1)
    return alliance_command_usage_error ("dispose", _("Give either --list or a client code, not both."));
  if (list && yes)
    return alliance_command_usage_error ("dispose", _("--yes is for disposing of a client’s records, not for --list."));
  if (!list && g_strv_length (args) != 2)
    return alliance_command_usage_error ("dispose", _("Say which client with their code, or list the records past retention with --list."));
  if (years == G_MININT)
    years = preferred_years ();
  if (!alliance_retention_years_are_valid (years))
    return alliance_command_usage_error ("dispose", _("The number of years must be between 1 and 100."));

  return run (db, list ? NULL : args[1], list, yes, (guint)years);
}
