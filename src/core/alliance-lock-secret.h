/* alliance-lock-secret.h
 *
 * The lock's passphrase, kept as an Argon2id hash (libsodium's
 * crypto_pwhash_str) in a file of its own, $XDG_CONFIG_HOME/alliance/lock,
 * mode 0600. Not in the database: restoring a backup must not bring back
 * an old passphrase, nor remove the current one.
 *
 * No file means no passphrase (the lock is off). A file that is not a hash
 * this code wrote is refused with ALLIANCE_LOCK_SECRET_ERROR_DAMAGED: the
 * lock is then unavailable, and says so, rather than silently off.
 *
 * Hashing takes a noticeable fraction of a second on purpose; the _async
 * functions run it in a worker thread.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALLIANCE_LOCK_SECRET_ERROR (alliance_lock_secret_error_quark ())

typedef enum
{
  ALLIANCE_LOCK_SECRET_ERROR_NOT_SET,     /* no passphrase: nothing to lock with */
  ALLIANCE_LOCK_SECRET_ERROR_WRONG,       /* the passphrase given does not match */
  ALLIANCE_LOCK_SECRET_ERROR_DAMAGED,     /* the file is not a hash we can check */
  ALLIANCE_LOCK_SECRET_ERROR_TOO_SHORT,   /* a new passphrase below the minimum length */
  ALLIANCE_LOCK_SECRET_ERROR_FAILED,      /* reading or writing the file failed */
} AllianceLockSecretError;

/* In characters. */
#define ALLIANCE_LOCK_SECRET_MIN_LENGTH 8

GQuark    alliance_lock_secret_error_quark       (void);

char     *alliance_lock_secret_get_default_path  (void);

/* TRUE when a passphrase is set; FALSE without an error when none is;
 * FALSE with an error when the file is damaged or unreadable. */
gboolean  alliance_lock_secret_is_set            (const char           *path,
                                                  GError              **error);
/* Replaces any passphrase (and a damaged file) with @passphrase. */
gboolean  alliance_lock_secret_set               (const char           *path,
                                                  const char           *passphrase,
                                                  GError              **error);
/* TRUE when @passphrase is the one set. A hash made with weaker
 * parameters than today's is rewritten with today's on success. */
gboolean  alliance_lock_secret_verify            (const char           *path,
                                                  const char           *passphrase,
                                                  GError              **error);
/* Removes the passphrase; no passphrase is not an error. */
gboolean  alliance_lock_secret_clear             (const char           *path,
                                                  GError              **error);
/* TRUE when the stored hash was made with weaker parameters than today's. */
gboolean  alliance_lock_secret_needs_rehash      (const char           *path,
                                                  GError              **error);

void      alliance_lock_secret_verify_async      (const char           *path,
                                                  const char           *passphrase,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  alliance_lock_secret_verify_finish     (GAsyncResult         *result,
                                                  GError              **error);
/* Verifies @current (NULL: none is set, or the file is damaged and is
 * being replaced), then sets @new_passphrase, or clears the passphrase
 * when it is NULL. */
void      alliance_lock_secret_change_async      (const char           *path,
                                                  const char           *current,
                                                  const char           *new_passphrase,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  alliance_lock_secret_change_finish     (GAsyncResult         *result,
                                                  GError              **error);

/* Seconds to wait before the next attempt after @n_failures wrong
 * passphrases in a row: none for the first few, then doubling, capped. */
guint     alliance_lock_secret_get_retry_delay   (guint                 n_failures);

G_END_DECLS
