/* alliance-porting.c
 *
 * The import runs on the window's own connection, in one transaction, on
 * the main thread: it is all or nothing, and a spreadsheet or an export
 * takes a moment. A CSV file's table comes from its name ("clients.csv")
 * or, when the name does not say, from a question.
 */
#define G_LOG_DOMAIN "alliance-porting"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-csv-import.h"
#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-json-export.h"
#include "alliance-json-import.h"
#include "alliance-porting.h"

typedef struct
{
  GtkWindow                   *parent;
  AllianceDatabase            *database;
  AllianceFlagSettings         settings;
  GDate                        today;
  AlliancePortingImportedFunc  imported;
  GObject                     *user_data;
  char                        *name;       /* the file's display name */
  GBytes                      *contents;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->database);
  g_clear_object (&job->user_data);
  g_free (job->name);
  g_clear_pointer (&job->contents, g_bytes_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = alliance_dialogs_new_message (GTK_WIDGET (parent), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileFilter *
new_filter (const char *name,
            const char *suffix,
            const char *other_suffix)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  if (other_suffix != NULL)
    gtk_file_filter_add_suffix (filter, other_suffix);
  return filter;
}

static void
add_filter (GtkFileChooser *chooser,
            GtkFileFilter  *filter)
{
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

/* --- Export ------------------------------------------------------------- */

static void
export_responded_cb (GtkNativeDialog *native,
                     int              response,
                     Job             *job_data)
{
  g_autoptr(Job) job = job_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a folder on this computer."));
  else
    alliance_json_export_to_file (job->database, &job->settings, &job->today, path, &error);

  if (error != NULL)
    alliance_dialogs_show_error (GTK_WIDGET (job->parent), _("Could Not Export the Records"), error);
  else
    {
      g_autofree char *name = g_filename_display_basename (path);
      /* Translators: %s is a file name */
      g_autofree char *body = g_strdup_printf (_("Every record is in “%s”, which “Import…” or "
                                                 "“alliance import” reads back. It holds confidential "
                                                 "health information: keep it as safe as the records."), name);

      show_message (job->parent, _("Records Exported"), body);
    }

out:
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
alliance_porting_export_records (GtkWindow                   *parent,
                                 AllianceDatabase            *database,
                                 const AllianceFlagSettings  *settings,
                                 const GDate                 *today)
{
  GtkFileChooserNative *native;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  Job *job;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ALLIANCE_IS_DATABASE (database));

  job = g_new0 (Job, 1);
  job->parent = g_object_ref (parent);
  job->database = g_object_ref (database);
  job->settings = *settings;
  job->today = *today;

  native = gtk_file_chooser_native_new (_("Export All Records"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), new_filter (_("Alliance export (JSON)"), "json", NULL));
  date = alliance_date_today ();
  /* Translators: suggested file name of an export; %s is today's date; keep .json */
  name = g_strdup_printf (_("alliance-records-%s.json"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_responded_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* --- Import --------------------------------------------------------------- */

static void
finish_import (Job             *job,
               gboolean         csv,
               AllianceCsvKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gsize length;
  const char *data = g_bytes_get_data (job->contents, &length);

  if (csv)
    {
      AllianceCsvImportCounts counts;

      if (alliance_csv_import (job->database, kind, job->name, data, length, &counts, &error))
        {
          switch (kind)
            {
            case ALLIANCE_CSV_CLIENTS:
              body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client was added.",
                                                   "%u clients were added.", counts.added), counts.added);
              break;
            case ALLIANCE_CSV_SESSIONS:
              body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session was added.",
                                                   "%u sessions were added.", counts.added), counts.added);
              break;
            case ALLIANCE_CSV_SCORES:
            case ALLIANCE_CSV_N_KINDS:
            default:
              body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u set of scores was added.",
                                                   "%u sets of scores were added.", counts.added), counts.added);
              break;
            }
          if (counts.unchanged > 0)
            {
              g_autofree char *skipped = g_strdup_printf (
                g_dngettext (GETTEXT_PACKAGE, "%u row was already in the records and was skipped.",
                             "%u rows were already in the records and were skipped.", counts.unchanged),
                counts.unchanged);
              char *both = g_strconcat (body, " ", skipped, NULL);

              g_free (body);
              body = both;
            }
        }
    }
  else
    {
      AllianceJsonImportCounts counts;

      if (alliance_json_import (job->database, job->name, data, length, &counts, &error))
        /* Translators: counts of each kind of record, one per line */
        body = g_strdup_printf (_("Clients: %u\nSessions: %u\nNotes: %u\nSupervision meetings: %u\n"
                                  "Measures of your own: %u"),
                                counts.clients, counts.sessions, counts.notes, counts.meetings, counts.measures);
    }

  if (error != NULL)
    {
      /* The importer's message names the file, line and column. */
      g_autofree char *message = g_strdup_printf ("%s\n\n%s", error->message, _("Nothing was imported."));
      g_autoptr(GError) shown = g_error_new_literal (error->domain, error->code, message);

      alliance_dialogs_show_error (GTK_WIDGET (job->parent), _("Could Not Import the File"), shown);
      return;
    }
  if (job->imported != NULL)
    job->imported (job->user_data);
  show_message (job->parent, _("Records Imported"), body);
}

static void
table_chosen_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 Job              *job_data)
{
  g_autoptr(Job) job = job_data;
  AllianceCsvKind kind;

  if (alliance_csv_kind_from_string (response, &kind))
    finish_import (job, TRUE, kind);
}

static void
ask_table (Job *job)
{
  GtkWidget *dialog;
  /* Translators: %s is a file name */
  g_autofree char *body = g_strdup_printf (_("Which table does “%s” hold? The columns each table "
                                             "takes are listed in Alliance’s README."), job->name);

  dialog = alliance_dialogs_new_message (GTK_WIDGET (job->parent), _("Import a Spreadsheet Table"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clients", _("C_lients"),
                                    "sessions", _("_Sessions"),
                                    "scores", _("Sc_ores"),
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (table_chosen_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_responded_cb (GtkNativeDialog *native,
                     int              response,
                     Job             *job_data)
{
  g_autoptr(Job) job = job_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *folded = NULL;
  AllianceCsvKind kind;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file == NULL)
    goto out;
  job->contents = g_file_load_bytes (file, NULL, NULL, &error);
  if (job->contents == NULL)
    {
      alliance_dialogs_show_error (GTK_WIDGET (job->parent), _("Could Not Import the File"), error);
      goto out;
    }
  basename = g_file_get_basename (file);
  job->name = g_filename_display_name (basename);

  folded = g_ascii_strdown (basename, -1);
  if (!g_str_has_suffix (folded, ".csv"))
    finish_import (job, FALSE, ALLIANCE_CSV_CLIENTS);
  else if (alliance_csv_kind_guess (basename, &kind))
    finish_import (job, TRUE, kind);
  else
    ask_table (g_steal_pointer (&job));

out:
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
alliance_porting_import (GtkWindow                   *parent,
                         AllianceDatabase            *database,
                         AlliancePortingImportedFunc  imported,
                         GObject                     *user_data)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;
  Job *job;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ALLIANCE_IS_DATABASE (database));

  job = g_new0 (Job, 1);
  job->parent = g_object_ref (parent);
  job->database = g_object_ref (database);
  job->imported = imported;
  job->user_data = user_data != NULL ? g_object_ref (user_data) : NULL;

  native = gtk_file_chooser_native_new (_("Import"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  filter = new_filter (_("Alliance export or spreadsheet table"), "json", "csv");
  add_filter (GTK_FILE_CHOOSER (native), filter);
  add_filter (GTK_FILE_CHOOSER (native), new_filter (_("Alliance export (JSON)"), "json", NULL));
  add_filter (GTK_FILE_CHOOSER (native), new_filter (_("Spreadsheet table (CSV)"), "csv", NULL));
  g_signal_connect (native, "response", G_CALLBACK (import_responded_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
