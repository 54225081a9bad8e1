/* alliance-audit-command.c
 *
 * `alliance audit [--db FILE] [--limit N]` prints the latest rows, newest
 * first: time (UTC, as stored), action, kind of record and its id — the
 * log holds nothing else to print. `alliance audit --verify [--db FILE]`
 * walks the chain: exit 0 with the number of entries when intact, 1
 * naming the first altered entry and its time. Like `alliance report`, it
 * never creates an empty database where a mistyped path pointed.
 */
#define G_LOG_DOMAIN "alliance-audit-command"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-audit-command.h"
#include "alliance-command-line.h"
#include "alliance-audit.h"
#include "alliance-paths.h"

static int
verify (AllianceDatabase *database)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;
  guint64 n_rows = 0;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *number = NULL;
  const char *at = "?";

  if (alliance_audit_verify (database, &broken, &n_rows, &error))
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);

      /* Translators: %s is a number of entries */
      g_print (g_dngettext (GETTEXT_PACKAGE, "The audit log is intact (%s entry).",
                            "The audit log is intact (%s entries).", (gulong)MIN (n_rows, G_MAXULONG)),
               count);
      g_print ("\n");
      return 0;
    }
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The time as the altered row now says: it may itself be the change. */
  rows = alliance_audit_list (database, broken + 1, 1, NULL);
  if (rows != NULL && rows->len == 1 && ((AllianceAuditEntry *)g_ptr_array_index (rows, 0))->id == broken)
    at = ((AllianceAuditEntry *)g_ptr_array_index (rows, 0))->at;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, broken);
  /* Translators: the first %s is an entry number, the second its time (UTC) */
  g_printerr (_("The audit log was altered at entry %s (%s): that entry, or the one before it, was changed or "
                "removed after it was written."),
              number, at);
  g_printerr ("\n");
  return 1;
}

static int
list (AllianceDatabase *database,
      guint             limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = alliance_audit_list (database, 0, limit, &error);

  if (rows == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const AllianceAuditEntry *entry = g_ptr_array_index (rows, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\n", entry->id, entry->at,
               alliance_audit_action_to_string (entry->action), entry->entity_type, entry->entity_id);
    }
  return 0;
}

int
alliance_audit_command_run (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) args = NULL;
  gboolean verify_chain = FALSE;
  int limit = -1;
  const GOptionEntry entries[] = {
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify_chain, N_("Check that no entry was changed or removed"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Print the latest N entries (default 20)"), N_("N") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Read the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  /* GOptionContext removes what it parses: work on a copy. */
  args = g_new0 (char *, argc + 1);
  args[0] = g_strdup ("alliance audit");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Print the latest entries of the audit log (newest first: number, time in UTC, "
                                  "action, kind of record, record number), or check that none was altered."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 listed, or the log is intact; 1 the log was altered, or the "
                                      "records could not be read; 2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return alliance_command_usage_error ("audit", error->message);

  if (g_strv_length (args) > 1)
    return alliance_command_usage_error ("audit", _("alliance audit takes no arguments besides its options."));
  if (verify_chain && limit != -1)
    return alliance_command_usage_error ("audit", _("--limit is for the list of entries, not for --verify."));
  if (limit == -1)
    limit = ALLIANCE_AUDIT_COMMAND_DEFAULT_LIMIT;
  else if (limit < 1)
    return alliance_command_usage_error ("audit", _("--limit must be a number of entries, 1 or more."));

  database = alliance_command_open_records (db);
  if (database == NULL)
    return 1;

  return verify_chain ? verify (database) : list (database, (guint)limit);
}
