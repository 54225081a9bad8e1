/* alliance-packet-command.c
 *
 * `alliance packet --from DATE --to DATE [--clients CODE,...] --output
 * FILE.pdf [--db FILE]`, after `alliance report`: usage errors (exit 2)
 * are found before the records are opened; then the records are opened as
 * the app opens them (never created where a mistyped path pointed), the
 * codes are looked up, and the packet is written beside the target and
 * renamed, so a failure leaves no partial file. Without --clients the
 * packet holds the agenda's clients, or every client of the review.
 */
#define G_LOG_DOMAIN "alliance-packet-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-client-store.h"
#include "alliance-date.h"
#include "alliance-packet-command.h"
#include "alliance-command-line.h"
#include "alliance-paths.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-packet.h"
#include "alliance-supervision-store.h"

static int
refuse (const char *message)
{
  g_printerr ("%s\n", message);
  return 1;
}

static void
index_code_cb (const AllianceClientListing *listing,
               gpointer                     user_data)
{
  GHashTable *ids = user_data;
  gint64 *id = g_new (gint64, 1);

  *id = listing->id;
  /* Codes are matched as the database matches them: case aside. */
  g_hash_table_insert (ids, g_ascii_strdown (listing->code, -1), id);
}

/* The ids of @codes, in their order; NULL after a message when one is unknown. */
static GArray *
find_clients (AllianceClientStore *clients,
              GStrv                codes)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  if (!alliance_client_store_foreach_listing (clients, index_code_cb, ids, &error))
    {
      refuse (error->message);
      return NULL;
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *key = g_ascii_strdown (codes[i], -1);
      const gint64 *id = g_hash_table_lookup (ids, key);

      if (id == NULL)
        {
          /* Translators: %s is a client code such as C-0007 */
          g_autofree char *message = g_strdup_printf (_("There is no client with the code %s."), codes[i]);

          refuse (message);
          return NULL;
        }
      g_array_append_val (found, *id);
    }
  return g_steal_pointer (&found);
}

static int
write_packet (const char *db,
              const char *from,
              const char *to,
              GStrv       codes,
              const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autoptr(AllianceSupervisionStore) supervision = NULL;
  g_autoptr(AllianceSupervisionPacket) packet = NULL;
  g_autoptr(GArray) ids = NULL;
  AlliancePacketOptions options = { from, to, NULL, 0, 0, NULL, NULL };

  database = alliance_command_open_records (db);
  if (database == NULL)
    return 1;

  clients = alliance_client_store_new (database);
  if (codes != NULL)
    {
      ids = find_clients (clients, codes);
      if (ids == NULL)
        return 1;
      options.client_ids = (const gint64 *)(gconstpointer)ids->data;
      options.n_client_ids = ids->len;
    }

  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);
  supervision = alliance_supervision_store_new (database);
  packet = alliance_supervision_packet_new (clients, sessions, ratings, supervision, &options, &error);
  if (packet == NULL || !alliance_supervision_packet_write_pdf (packet, output, &error))
    return refuse (error->message);
  return 0;
}

/* "C-0001, c-0002" as codes, each once; NULL when one is empty. */
static GStrv
split_codes (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *code = g_strstrip (parts[i]);

      if (code[0] == '\0')
        return NULL;
      if (g_hash_table_add (seen, g_ascii_strdown (code, -1)))
        g_strv_builder_add (builder, code);
    }
  return g_strv_builder_end (builder);
}

int
alliance_packet_command_run (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *output = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) args = NULL;
  GDate from_date, to_date;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day of the period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day of the period (YYYY-MM-DD)"), N_("DATE") },
    { "clients", 0, 0, G_OPTION_ARG_STRING, &clients,
      N_("Only these clients, in this order (default: the agenda’s, or every client who needs attention "
         "and then the rest of the active caseload)"), N_("CODE,…") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write the packet to FILE (.pdf)"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Read the records in FILE instead of the usual place"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, 2);

  /* GOptionContext removes what it parses: work on a copy. */
  args = g_new0 (char *, argc + 1);
  /* Named as typed, for "Usage: alliance packet [OPTION…]". */
  args[0] = g_strdup ("alliance packet");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Write a de-identified supervision packet for a period to a PDF file, "
                                  "without opening a window: clients by code and age band, sessions by "
                                  "week and number, no names, contact details or dates."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 written; 1 a client, the records or the file could "
                                      "not be used; 2 a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return alliance_command_usage_error ("packet", error->message);

  if (g_strv_length (args) > 1)
    return alliance_command_usage_error ("packet", _("alliance packet takes no arguments besides its options."));
  if (from == NULL || to == NULL)
    return alliance_command_usage_error ("packet", _("Say which period with --from DATE and --to DATE."));
  if (!alliance_date_parse (from, &from_date, NULL) || !alliance_date_parse (to, &to_date, NULL))
    return alliance_command_usage_error ("packet", _("The dates must be real days written YYYY-MM-DD."));
  if (g_date_compare (&from_date, &to_date) > 0)
    return alliance_command_usage_error ("packet", _("The period must not end before it starts: --from comes before --to."));
  if (output == NULL || output[0] == '\0')
    return alliance_command_usage_error ("packet", _("Say where to write the packet with --output FILE.pdf."));
  if (strlen (output) <= 4 || g_ascii_strcasecmp (output + strlen (output) - 4, ".pdf") != 0)
    return alliance_command_usage_error ("packet", _("The output file must end in .pdf."));
  if (clients != NULL && (codes = split_codes (clients)) == NULL)
    return alliance_command_usage_error ("packet", _("Give client codes separated by commas with --clients, none of them empty."));

  return write_packet (db, from, to, codes, output);
}
