/* alliance-porting.c
 *
 * The import runs on the window's own connection, in one transaction, on
 * the main thread: it is all or nothing, and a spreadsheet or an export
 * takes a moment. A CSV file's table comes from its name ("clients.csv")
 * or, when the name does not say, from a question.
 *
 * Encryption (alliance-encryption.h): only deriving a key from a
 * passphrase is slow (Argon2id, on purpose), so only that runs in a
 * thread; the database stays on the main thread. An export's key is
 * derived while the file is being chosen; the export is then read,
 * encrypted from memory, written and logged in one transaction
 * (alliance_json_export_to_encrypted_file). An encrypted file to import is
 * decrypted in memory, never on the disk.
 */
#define G_LOG_DOMAIN "alliance-porting"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "alliance-csv-import.h"
#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-encryption.h"
#include "alliance-json-export.h"
#include "alliance-json-import.h"
#include "alliance-porting.h"

typedef struct
{
  GtkWindow                   *parent;
  AdwToastOverlay             *toasts;
  AllianceDatabase            *database;
  AlliancePortingImportedFunc  imported;
  GObject                     *user_data;
  char                        *path;
  char                        *basename;   /* without ".enc" for an encrypted file */
  char                        *name;       /* the file's display name */
  GBytes                      *contents;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->toasts);
  g_clear_object (&job->database);
  g_clear_object (&job->user_data);
  g_free (job->path);
  g_free (job->basename);
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

static GtkFileFilter * G_GNUC_NULL_TERMINATED
new_filter (const char *name,
            ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *suffix;
  va_list suffixes;

  gtk_file_filter_set_name (filter, name);
  va_start (suffixes, name);
  while ((suffix = va_arg (suffixes, const char *)) != NULL)
    gtk_file_filter_add_suffix (filter, suffix);
  va_end (suffixes);
  return filter;
}

static void
add_filter (GtkFileChooser *chooser,
            GtkFileFilter  *filter)
{
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

/* --- Waiting ------------------------------------------------------------- */

/* While a key is derived (Argon2id, a second or more on purpose, in a
 * thread): the window's content insensitive and a toast saying why. */
typedef struct
{
  AdwToastOverlay *toasts;
  GtkWidget       *content;
  AdwToast        *toast;
  gint64           shown_at;   /* the frame clock's time, µs; 0: not on screen */
} Busy;

/* libadwaita 1.2 frees a toast dismissed before its entrance animation
 * (up to 500 ms when it replaces another) has ended, and that animation
 * then writes into the freed memory (fixed upstream in 1.3, commit
 * 1674ebc9 "toast-overlay: Prevent show_done from firing after
 * hide_done"). So the busy toast is dismissed on a frame at least this
 * long after it was added: by then its entrance animation has finished,
 * on a fast machine or a slow one alike, since both count frame time. */
#define BUSY_TOAST_MIN_US (600 * G_TIME_SPAN_MILLISECOND)

static Busy *
busy_start (AdwToastOverlay *toasts,
            const char      *what)
{
  Busy *busy = g_new0 (Busy, 1);
  GtkWidget *content = adw_toast_overlay_get_child (toasts);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (toasts));

  busy->toasts = g_object_ref (toasts);
  if (content != NULL)
    {
      busy->content = g_object_ref (content);
      gtk_widget_set_sensitive (content, FALSE);
    }
  busy->toast = g_object_ref (adw_toast_new (what));
  adw_toast_set_timeout (busy->toast, 0);
  adw_toast_set_priority (busy->toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (toasts, busy->toast);
  if (frame_clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (toasts)))
    busy->shown_at = gdk_frame_clock_get_frame_time (frame_clock);
  return busy;
}

typedef struct
{
  AdwToast *toast;
  gint64    shown_at;
} PendingDismissal;

static void
pending_dismissal_free (gpointer data)
{
  PendingDismissal *pending = data;

  g_object_unref (pending->toast);
  g_free (pending);
}

static gboolean
dismiss_when_shown_cb (GtkWidget     *toasts,
                       GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  PendingDismissal *pending = user_data;

  if (gdk_frame_clock_get_frame_time (frame_clock) - pending->shown_at < BUSY_TOAST_MIN_US)
    return G_SOURCE_CONTINUE;
  adw_toast_dismiss (pending->toast);
  return G_SOURCE_REMOVE;
}

static void
busy_end (Busy *busy)
{
  if (busy == NULL)
    return;
  if (busy->content != NULL)
    gtk_widget_set_sensitive (busy->content, TRUE);
  /* Not on screen (its animation was skipped) or unmapped since: at once.
   * Unmapped later, the overlay dismisses its toasts itself. */
  if (busy->shown_at == 0 || !gtk_widget_get_mapped (GTK_WIDGET (busy->toasts)))
    adw_toast_dismiss (busy->toast);
  else
    {
      PendingDismissal *pending = g_new (PendingDismissal, 1);

      pending->toast = g_object_ref (busy->toast);
      pending->shown_at = busy->shown_at;
      gtk_widget_add_tick_callback (GTK_WIDGET (busy->toasts), dismiss_when_shown_cb, pending,
                                    pending_dismissal_free);
    }
  g_clear_object (&busy->toasts);
  g_clear_object (&busy->content);
  g_clear_object (&busy->toast);
  g_free (busy);
}

/* --- Export ------------------------------------------------------------- */

/* Shared by the dialogs, the file chooser and the key's thread, whichever
 * ends last: an export cancelled at any step writes nothing. */
typedef struct
{
  GtkWindow                    *parent;
  AdwToastOverlay              *toasts;
  AllianceDatabase             *database;
  AllianceFlagSettings          settings;
  GDate                         today;
  gboolean                      encrypt;
  gboolean                      deriving;     /* the key's thread still runs */
  AllianceEncryptionRecipient  *recipient;    /* derived from the passphrase */
  GError                       *derive_error;
  char                         *path;         /* chosen, waiting for the key */
  Busy                         *busy;
} Export;

static void
export_clear (Export *export)
{
  g_clear_object (&export->parent);
  g_clear_object (&export->toasts);
  g_clear_object (&export->database);
  g_clear_pointer (&export->recipient, alliance_encryption_recipient_free);
  g_clear_error (&export->derive_error);
  g_free (export->path);
  busy_end (export->busy);
}

static Export *
export_ref (Export *export)
{
  return g_rc_box_acquire (export);
}

static void
export_unref (Export *export)
{
  g_rc_box_release_full (export, (GDestroyNotify)export_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_unref)

static void
show_export_error (Export       *export,
                   const GError *error)
{
  alliance_dialogs_show_error (GTK_WIDGET (export->parent), _("Could Not Export the Records"), error);
}

static gboolean
write_plain_export (Export      *export,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (!alliance_json_export_to_file (export->database, &export->settings, &export->today, path, error))
    return FALSE;
  name = g_filename_display_basename (path);
  /* Translators: %s is a file name */
  body = g_strdup_printf (_("Every record is in “%s”, which “Import…” or "
                            "“alliance import” reads back. It holds confidential "
                            "health information: keep it as safe as the records."), name);
  show_message (export->parent, _("Records Exported"), body);
  return TRUE;
}

/* Once there are both the file's name and the key. */
static void
write_encrypted_export (Export *export)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  g_clear_pointer (&export->busy, busy_end);
  if (export->derive_error != NULL)
    {
      show_export_error (export, export->derive_error);
      return;
    }
  if (!alliance_json_export_to_encrypted_file (export->database, &export->settings, &export->today, export->path,
                                               export->recipient, &error))
    {
      show_export_error (export, error);
      return;
    }
  name = g_filename_display_basename (export->path);
  escaped = g_markup_escape_text (name, -1);
  /* Translators: a toast; %s is a file name */
  title = g_strdup_printf (_("Encrypted export saved as “%s”"), escaped);
  adw_toast_overlay_add_toast (export->toasts, adw_toast_new (title));
}

/* Plain, written at once; encrypted, once the key is there too. */
static gboolean
write_export (const char  *path,
              gpointer     user_data,
              GError     **error)
{
  Export *export = user_data;

  if (!export->encrypt)
    return write_plain_export (export, path, error);
  export->path = g_strdup (path);
  if (export->deriving)
    export->busy = busy_start (export->toasts, _("Encrypting the export…"));
  else
    write_encrypted_export (export);
  return TRUE;
}

static void
choose_export_file (Export *export)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *date = alliance_date_today ();
  g_autofree char *name = NULL;

  if (export->encrypt)
    {
      filter = new_filter (_("Encrypted Alliance export"), "json.enc", NULL);
      /* Translators: suggested file name of an encrypted export; %s is today's date; keep .json.enc */
      name = g_strdup_printf (_("alliance-records-%s.json.enc"), date);
    }
  else
    {
      filter = new_filter (_("Alliance export (JSON)"), "json", NULL);
      /* Translators: suggested file name of an export; %s is today's date; keep .json */
      name = g_strdup_printf (_("alliance-records-%s.json"), date);
    }
  alliance_dialogs_export_file (GTK_WIDGET (export->parent), _("Export All Records"), name, filter,
                                _("Could Not Export the Records"), write_export, export_ref (export),
                                (GDestroyNotify)export_unref);
}

static void
derive_key_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  AllianceEncryptionRecipient *recipient =
      alliance_encryption_recipient_new (task_data, ALLIANCE_ENCRYPTION_STRENGTH_MODERATE, &error);

  if (recipient == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, recipient, (GDestroyNotify)alliance_encryption_recipient_free);
}

static void
key_derived_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Export) export = user_data;

  export->deriving = FALSE;
  export->recipient = g_task_propagate_pointer (G_TASK (result), &export->derive_error);
  if (export->path != NULL)
    write_encrypted_export (export);
}

static void
export_passphrase_chosen_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             Export           *export_data)
{
  g_autoptr(Export) export = export_data;
  g_autoptr(GTask) task = NULL;
  char *passphrase = g_str_equal (response, "continue") ? alliance_dialogs_take_passphrase (dialog) : NULL;

  if (passphrase == NULL)
    return;
  /* The key is derived while the file is chosen, so the passphrase is
   * wiped as soon as it is used and the wait is shorter or nothing. */
  export->deriving = TRUE;
  task = g_task_new (NULL, NULL, key_derived_cb, export_ref (export));
  g_task_set_source_tag (task, export_passphrase_chosen_cb);
  g_task_set_task_data (task, passphrase, (GDestroyNotify)alliance_encryption_wipe_string);
  g_task_run_in_thread (task, derive_key_in_thread);
  choose_export_file (export);
}

static void
ask_export_passphrase (Export *export)
{
  GtkWidget *dialog;
  /* Translators: %d is the least number of characters of a passphrase */
  g_autofree char *body = g_strdup_printf (
      _("Only this passphrase opens the file: Alliance does not keep it, and without it the file can never be "
        "read, by you or anyone. At least %d characters; a few unrelated words are best."),
      ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH);

  dialog = alliance_dialogs_new_passphrase (GTK_WIDGET (export->parent), _("Passphrase for the Export"), body,
                                            TRUE, "continue", _("C_ontinue"));
  g_signal_connect (dialog, "response", G_CALLBACK (export_passphrase_chosen_cb), export_ref (export));
  alliance_dialogs_present_passphrase (dialog);
}

static void
encryption_chosen_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Export           *export_data)
{
  g_autoptr(Export) export = export_data;

  if (g_str_equal (response, "encrypt"))
    {
      export->encrypt = TRUE;
      ask_export_passphrase (export);
    }
  else if (g_str_equal (response, "plain"))
    choose_export_file (export);
}

/**
 * alliance_porting_export_records:
 *
 * Asks whether to encrypt, then (if so) for a passphrase twice, then where
 * to write; cancelling any of them writes nothing.
 */
void
alliance_porting_export_records (GtkWindow                   *parent,
                                 AdwToastOverlay             *toasts,
                                 AllianceDatabase            *database,
                                 const AllianceFlagSettings  *settings,
                                 const GDate                 *today)
{
  GtkWidget *dialog;
  Export *export;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (ALLIANCE_IS_DATABASE (database));

  export = g_rc_box_new0 (Export);
  export->parent = g_object_ref (parent);
  export->toasts = g_object_ref (toasts);
  export->database = g_object_ref (database);
  export->settings = *settings;
  export->today = *today;

  dialog = alliance_dialogs_new_message (
      GTK_WIDGET (parent), _("Encrypt the Export?"),
      _("The file will hold every record: clients, sessions, notes, ratings and supervision meetings. "
        "Encrypted, it can be read only with the passphrase you choose; unencrypted, by anyone who gets a "
        "copy of it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "plain", _("Export _Unencrypted"),
                                    "encrypt", _("_Encrypt With Passphrase…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "encrypt", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "encrypt");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (encryption_chosen_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
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

/* The file's table comes from its name: an export, or a CSV file. */
static void
import_contents (Job *job_data)
{
  g_autoptr(Job) job = job_data;
  g_autofree char *folded = g_ascii_strdown (job->basename, -1);
  AllianceCsvKind kind;

  if (!g_str_has_suffix (folded, ".csv"))
    finish_import (job, FALSE, ALLIANCE_CSV_CLIENTS);
  else if (alliance_csv_kind_guess (job->basename, &kind))
    finish_import (job, TRUE, kind);
  else
    ask_table (g_steal_pointer (&job));
}

static void ask_import_passphrase (Job        *job,
                                   const char *problem);

static void
decrypt_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = g_object_get_data (G_OBJECT (task), "job");
  GError *error = NULL;
  GBytes *contents = alliance_encryption_decrypt_to_bytes (job->path, task_data, &error);

  if (contents == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, contents, (GDestroyNotify)g_bytes_unref);
}

static void
import_decrypted_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Busy *busy = user_data;
  Job *job = g_object_steal_data (G_OBJECT (result), "job");
  g_autoptr(GError) error = NULL;

  busy_end (busy);
  job->contents = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->contents != NULL)
    import_contents (job);
  else if (g_error_matches (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE))
    ask_import_passphrase (job, error->message);
  else
    {
      alliance_dialogs_show_error (GTK_WIDGET (job->parent), _("Could Not Import the File"), error);
      job_free (job);
    }
}

static void
import_passphrase_chosen_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             Job              *job_data)
{
  g_autoptr(Job) job = job_data;
  g_autoptr(GTask) task = NULL;
  char *passphrase = g_str_equal (response, "open") ? alliance_dialogs_take_passphrase (dialog) : NULL;

  if (passphrase == NULL)
    return;
  /* Decrypted in memory only; Argon2id takes a second or more on purpose. */
  task = g_task_new (NULL, NULL, import_decrypted_cb,
                     busy_start (job->toasts, _("Decrypting the file…")));
  g_task_set_source_tag (task, import_passphrase_chosen_cb);
  g_task_set_task_data (task, passphrase, (GDestroyNotify)alliance_encryption_wipe_string);
  g_object_set_data_full (G_OBJECT (task), "job", g_steal_pointer (&job), (GDestroyNotify)job_free);
  g_task_run_in_thread (task, decrypt_in_thread);
}

static void
ask_import_passphrase (Job        *job,
                       const char *problem)
{
  GtkWidget *dialog;
  /* Translators: %s is a file name */
  g_autofree char *body = problem != NULL ? g_strdup (problem)
                                          : g_strdup_printf (_("“%s” is encrypted. Type the passphrase it was "
                                                               "exported with."), job->name);

  dialog = alliance_dialogs_new_passphrase (GTK_WIDGET (job->parent), _("Open Encrypted File"), body, FALSE, "open",
                                            _("_Open"));
  g_signal_connect (dialog, "response", G_CALLBACK (import_passphrase_chosen_cb), job);
  alliance_dialogs_present_passphrase (dialog);
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

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  if (file == NULL)
    return;

  basename = g_file_get_basename (file);
  job->name = g_filename_display_name (basename);
  job->path = g_file_get_path (file);
  if (job->path != NULL && alliance_encryption_is_encrypted_file (job->path))
    {
      job->basename = g_str_has_suffix (basename, ".enc") ? g_strndup (basename, strlen (basename) - 4)
                                                          : g_strdup (basename);
      ask_import_passphrase (g_steal_pointer (&job), NULL);
      return;
    }
  job->contents = g_file_load_bytes (file, NULL, NULL, &error);
  if (job->contents == NULL)
    {
      alliance_dialogs_show_error (GTK_WIDGET (job->parent), _("Could Not Import the File"), error);
      return;
    }
  job->basename = g_steal_pointer (&basename);
  import_contents (g_steal_pointer (&job));
}

/**
 * alliance_porting_import:
 *
 * Asks for a file; an encrypted one (an encrypted export) is decrypted in
 * memory after its passphrase is asked for, and asked again when wrong.
 */
void
alliance_porting_import (GtkWindow                   *parent,
                         AdwToastOverlay             *toasts,
                         AllianceDatabase            *database,
                         AlliancePortingImportedFunc  imported,
                         GObject                     *user_data)
{
  GtkFileChooserNative *native;
  Job *job;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (ALLIANCE_IS_DATABASE (database));

  job = g_new0 (Job, 1);
  job->parent = g_object_ref (parent);
  job->toasts = g_object_ref (toasts);
  job->database = g_object_ref (database);
  job->imported = imported;
  job->user_data = user_data != NULL ? g_object_ref (user_data) : NULL;

  native = gtk_file_chooser_native_new (_("Import"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native),
              new_filter (_("Alliance export or spreadsheet table"), "json", "json.enc", "csv", NULL));
  add_filter (GTK_FILE_CHOOSER (native), new_filter (_("Alliance export (JSON)"), "json", NULL));
  add_filter (GTK_FILE_CHOOSER (native), new_filter (_("Encrypted Alliance export"), "json.enc", NULL));
  add_filter (GTK_FILE_CHOOSER (native), new_filter (_("Spreadsheet table (CSV)"), "csv", NULL));
  g_signal_connect (native, "response", G_CALLBACK (import_responded_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
