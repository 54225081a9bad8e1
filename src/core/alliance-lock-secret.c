/* alliance-lock-secret.c */
#define G_LOG_DOMAIN "alliance-lock-secret"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alliance-encryption.h"
#include "alliance-file-writer.h"
#include "alliance-lock-secret.h"
#include "alliance-paths.h"

/* libsodium's "interactive" limits: about a tenth of a second and 64 MiB
 * per guess, which is right for a passphrase typed at an unlock prompt. */
#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

/* Failures before the first wait, and the longest wait, in seconds. */
#define FREE_ATTEMPTS   3
#define MAX_RETRY_DELAY 30

G_DEFINE_QUARK (alliance-lock-secret-error-quark, alliance_lock_secret_error)

typedef struct
{
  char *path;
  char *current;
  char *new_passphrase;
} ChangeData;

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }
  if (!ok)
    g_set_error_literal (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_FAILED,
                         _("The passphrase cannot be checked: the cryptography library could not start."));
  return ok;
}

/* The same passphrase typed with composed or decomposed accents is the
 * same passphrase. NULL when it is not UTF-8. */
static char *
normalize_passphrase (const char *passphrase)
{
  return g_utf8_validate (passphrase, -1, NULL) ? g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFC) : NULL;
}

static gboolean
is_valid_hash (const char *hash,
               gsize       length)
{
  /* needs_rehash refuses (-1) anything that is not an Argon2id string. */
  return length > 0 && length < crypto_pwhash_STRBYTES && strlen (hash) == length &&
         g_str_has_prefix (hash, crypto_pwhash_STRPREFIX) &&
         crypto_pwhash_str_needs_rehash (hash, OPSLIMIT, MEMLIMIT) != -1;
}

/* The stored hash; NULL without an error when no passphrase is set. */
static char *
read_hash (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  struct stat st;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_set_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_FAILED,
                   _("The lock’s passphrase file “%s” could not be read: %s. The lock is unavailable until it "
                     "can be read, or a new passphrase is set."),
                   path, local_error->message);
      return NULL;
    }

  if (length > 0 && contents[length - 1] == '\n')
    contents[--length] = '\0';
  if (!is_valid_hash (contents, length))
    {
      g_set_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_DAMAGED,
                   _("The lock’s passphrase file “%s” is damaged. The lock is unavailable until you set a new "
                     "passphrase in Preferences, Privacy."),
                   path);
      return NULL;
    }

  /* A hash others can read can be guessed at offline. */
  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0 && g_chmod (path, 0600) != 0)
    g_debug ("Could not make the passphrase file private: %s", g_strerror (errno));

  return g_steal_pointer (&contents);
}

static gboolean
write_hash_cb (int      fd,
               gpointer user_data,
               int     *saved_errno)
{
  g_autofree char *line = g_strconcat (user_data, "\n", NULL);
  const char *data = line;
  gsize left = strlen (line);

  while (left > 0)
    {
      ssize_t written = write (fd, data, left);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      data += written;
      left -= (gsize)written;
    }
  return TRUE;
}

static gboolean
write_hash (const char  *path,
            const char  *hash,
            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno = 0;

  if (!alliance_paths_ensure_private_dir (folder, error))
    return FALSE;
  if (!alliance_file_write_atomically (path, write_hash_cb, (gpointer)hash, &saved_errno))
    {
      g_set_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_FAILED,
                   _("The passphrase could not be saved in “%s”: %s. The passphrase you had before still applies."),
                   path, saved_errno != 0 ? g_strerror (saved_errno) : _("writing failed"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_against_hash (const char  *hash,
                    const char  *passphrase,
                    GError     **error)
{
  char *normalized = normalize_passphrase (passphrase);
  gboolean right = normalized != NULL &&
                   crypto_pwhash_str_verify (hash, normalized, strlen (normalized)) == 0;

  alliance_encryption_wipe_string (normalized);
  if (!right)
    g_set_error_literal (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG,
                         _("That is not the passphrase."));
  return right;
}

static void
change_data_free (gpointer data)
{
  ChangeData *change = data;

  g_free (change->path);
  alliance_encryption_wipe_string (change->current);
  alliance_encryption_wipe_string (change->new_passphrase);
  g_free (change);
}

static gboolean
change (const char  *path,
        const char  *current,
        const char  *new_passphrase,
        GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *hash = read_hash (path, &read_error);

  /* A damaged file cannot vouch for any passphrase: it may be replaced. */
  if (hash != NULL)
    {
      if (current == NULL)
        {
          g_set_error_literal (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG,
                               _("Enter the current passphrase first."));
          return FALSE;
        }
      if (!check_against_hash (hash, current, error))
        return FALSE;
    }
  else if (read_error != NULL && !g_error_matches (read_error, ALLIANCE_LOCK_SECRET_ERROR,
                                                   ALLIANCE_LOCK_SECRET_ERROR_DAMAGED))
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }

  if (new_passphrase == NULL)
    return alliance_lock_secret_clear (path, error);
  return alliance_lock_secret_set (path, new_passphrase, error);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChangeData *data = task_data;
  GError *error = NULL;

  if (alliance_lock_secret_verify (data->path, data->current, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChangeData *data = task_data;
  GError *error = NULL;

  if (change (data->path, data->current, data->new_passphrase, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* $XDG_CONFIG_HOME/alliance/lock: beside the settings, not the records,
 * so a restored backup leaves it alone. */
char *
alliance_lock_secret_get_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "alliance", "lock", NULL);
}

gboolean
alliance_lock_secret_is_set (const char  *path,
                             GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  hash = read_hash (path, error);
  return hash != NULL;
}

gboolean
alliance_lock_secret_set (const char  *path,
                          const char  *passphrase,
                          GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  char *normalized;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (!ensure_sodium (error))
    return FALSE;

  normalized = normalize_passphrase (passphrase);
  if (normalized == NULL || g_utf8_strlen (normalized, -1) < ALLIANCE_LOCK_SECRET_MIN_LENGTH)
    {
      alliance_encryption_wipe_string (normalized);
      g_set_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_TOO_SHORT,
                   g_dngettext (GETTEXT_PACKAGE, "A passphrase needs at least %d character.",
                                "A passphrase needs at least %d characters.", ALLIANCE_LOCK_SECRET_MIN_LENGTH),
                   ALLIANCE_LOCK_SECRET_MIN_LENGTH);
      return FALSE;
    }

  ok = crypto_pwhash_str (hash, normalized, strlen (normalized), OPSLIMIT, MEMLIMIT) == 0;
  alliance_encryption_wipe_string (normalized);
  if (!ok)
    {
      g_set_error_literal (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_FAILED,
                           _("The passphrase could not be set: there is not enough free memory to protect it."));
      return FALSE;
    }
  return write_hash (path, hash, error);
}

gboolean
alliance_lock_secret_verify (const char  *path,
                             const char  *passphrase,
                             GError     **error)
{
  g_autoptr(GError) rehash_error = NULL;
  g_autofree char *hash = NULL;
  GError *read_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (!ensure_sodium (error))
    return FALSE;

  hash = read_hash (path, &read_error);
  if (hash == NULL)
    {
      if (read_error == NULL)
        g_set_error_literal (&read_error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET,
                             _("No passphrase is set."));
      g_propagate_error (error, read_error);
      return FALSE;
    }
  if (!check_against_hash (hash, passphrase, error))
    return FALSE;

  /* The one moment the passphrase is known: bring its hash up to today's
   * strength. The old hash still works if this fails. */
  if (crypto_pwhash_str_needs_rehash (hash, OPSLIMIT, MEMLIMIT) == 1 &&
      !alliance_lock_secret_set (path, passphrase, &rehash_error))
    g_debug ("Could not rehash the lock passphrase: %s", rehash_error->message);

  return TRUE;
}

gboolean
alliance_lock_secret_clear (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_FAILED,
                   _("The passphrase could not be removed from “%s”: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
alliance_lock_secret_needs_rehash (const char  *path,
                                   GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!ensure_sodium (error))
    return FALSE;
  hash = read_hash (path, error);
  return hash != NULL && crypto_pwhash_str_needs_rehash (hash, OPSLIMIT, MEMLIMIT) == 1;
}

void
alliance_lock_secret_verify_async (const char          *path,
                                   const char          *passphrase,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ChangeData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alliance_lock_secret_verify_async);
  data = g_new0 (ChangeData, 1);
  data->path = g_strdup (path);
  data->current = g_strdup (passphrase);
  g_task_set_task_data (task, data, change_data_free);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
alliance_lock_secret_verify_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
alliance_lock_secret_change_async (const char          *path,
                                   const char          *current,
                                   const char          *new_passphrase,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ChangeData *data;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alliance_lock_secret_change_async);
  data = g_new0 (ChangeData, 1);
  data->path = g_strdup (path);
  data->current = g_strdup (current);
  data->new_passphrase = g_strdup (new_passphrase);
  g_task_set_task_data (task, data, change_data_free);
  g_task_run_in_thread (task, change_thread);
}

gboolean
alliance_lock_secret_change_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
alliance_lock_secret_get_retry_delay (guint n_failures)
{
  guint delay = 1;

  if (n_failures < FREE_ATTEMPTS)
    return 0;
  for (guint i = FREE_ATTEMPTS; i < n_failures && delay < MAX_RETRY_DELAY; i++)
    delay *= 2;
  return MIN (delay, MAX_RETRY_DELAY);
}
