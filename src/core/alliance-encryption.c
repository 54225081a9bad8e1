/* alliance-encryption.c
 *
 * The format is described in alliance-encryption.h. Output goes through
 * alliance_file_write_atomically(): a refused or failed decryption leaves
 * no file, not even a partial one.
 */
#define G_LOG_DOMAIN "alliance-encryption"
#define _GNU_SOURCE   /* memfd_create() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "alliance-encryption.h"
#include "alliance-file-writer.h"

#define MAGIC "ALLIANCE"
#define MAGIC_SIZE 8
#define FORMAT_TAG "ENC"
#define FORMAT_VERSION 1
#define CHUNK_SIZE 65536

#define OFFSET_CHUNK_SIZE 12
#define OFFSET_OPSLIMIT 16
#define OFFSET_MEMLIMIT 24
#define OFFSET_SALT 32
#define OFFSET_PUBLIC_KEY 48
#define OFFSET_SEALED_KEY 80
#define SEALED_KEY_SIZE (crypto_secretstream_xchacha20poly1305_KEYBYTES + crypto_box_SEALBYTES)
#define OFFSET_STREAM_HEADER (OFFSET_SEALED_KEY + SEALED_KEY_SIZE)
#define HEADER_SIZE (OFFSET_STREAM_HEADER + crypto_secretstream_xchacha20poly1305_HEADERBYTES)

/* The recipient as a string: a version prefix, then base64 of salt,
 * opslimit, memlimit and public key. */
#define RECIPIENT_PREFIX "alliance-recipient-1:"
#define RECIPIENT_SIZE (crypto_pwhash_SALTBYTES + 8 + 8 + crypto_box_PUBLICKEYBYTES)

G_STATIC_ASSERT (HEADER_SIZE == 184);
G_STATIC_ASSERT (crypto_box_SEEDBYTES == 32);

struct _AllianceEncryptionRecipient
{
  guint8   salt[crypto_pwhash_SALTBYTES];
  guint64  opslimit;
  guint64  memlimit;
  guint8   public_key[crypto_box_PUBLICKEYBYTES];
};

G_DEFINE_QUARK (alliance-encryption-error-quark, alliance_encryption_error)

static void
put_uint64 (guint8  *out,
            guint64  value)
{
  for (guint i = 0; i < 8; i++)
    out[i] = (guint8)(value >> (8 * i));
}

static guint64
get_uint64 (const guint8 *in)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value |= (guint64)in[i] << (8 * i);
  return value;
}

static guint32
get_uint32 (const guint8 *in)
{
  return (guint32)in[0] | ((guint32)in[1] << 8) | ((guint32)in[2] << 16) | ((guint32)in[3] << 24);
}

/* Limits read from a file are bounded, so a crafted header cannot make us
 * allocate gigabytes or spin for minutes. */
static gboolean
limits_are_sane (guint64 opslimit,
                 guint64 memlimit)
{
  return opslimit >= crypto_pwhash_OPSLIMIT_MIN && opslimit <= crypto_pwhash_OPSLIMIT_SENSITIVE &&
         memlimit >= crypto_pwhash_MEMLIMIT_MIN && memlimit <= crypto_pwhash_MEMLIMIT_SENSITIVE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length,
           int          *saved_errno)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += written;
      length -= (gsize)written;
    }
  return TRUE;
}

/* Reads up to @length bytes, fewer only at the end of the file. */
static gssize
read_full (int     fd,
           guint8 *data,
           gsize   length)
{
  gsize total = 0;

  while (total < length)
    {
      ssize_t n = read (fd, data + total, length - total);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return -1;
        }
      if (n == 0)
        break;
      total += (gsize)n;
    }
  return (gssize)total;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRITE,
                 _("The disk is full: “%s” could not be written. Nothing was written; free some space and try again."),
                 path);
  else if (saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM)
    g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRITE,
                 _("The folder of “%s” is read-only. Nothing was written; choose a folder you can write to."),
                 path);
  else
    g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRITE,
                 _("“%s” could not be written: %s. Nothing was written."), path,
                 saved_errno != 0 ? g_strerror (saved_errno) : _("unknown error"));
}

/**
 * alliance_encryption_wipe_string:
 *
 * Overwrites a secret (a passphrase, an export's text) with zeros, in a way
 * the compiler may not leave out as it may a memset() before free(), then
 * frees it. %NULL is allowed.
 */
void
alliance_encryption_wipe_string (char *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

gboolean
alliance_encryption_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                           _("The encryption library could not start."));
      return FALSE;
    }
  return TRUE;
}

/* The key pair's seed, in guarded memory, from the passphrase. */
static guint8 *
derive_seed (const char    *passphrase,
             const guint8  *salt,
             guint64        opslimit,
             guint64        memlimit,
             GError       **error)
{
  guint8 *seed = sodium_malloc (crypto_box_SEEDBYTES);

  if (seed == NULL ||
      crypto_pwhash (seed, crypto_box_SEEDBYTES, passphrase, strlen (passphrase), salt, opslimit, (size_t)memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      if (seed != NULL)
        sodium_free (seed);
      g_set_error_literal (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                           _("There is not enough memory to derive the key from the passphrase."));
      return NULL;
    }
  return seed;
}

/**
 * alliance_encryption_recipient_new:
 *
 * Derives, from @passphrase and a new random salt, the public key files
 * will be encrypted to. Slow on purpose (Argon2id). The passphrase and the
 * secret key are wiped before this returns.
 */
AllianceEncryptionRecipient *
alliance_encryption_recipient_new (const char                  *passphrase,
                                   AllianceEncryptionStrength   strength,
                                   GError                     **error)
{
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  guint8 *seed, *secret_key;

  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!alliance_encryption_init (error))
    return NULL;
  if (passphrase[0] == '\0')
    {
      g_set_error_literal (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                           _("The passphrase is empty."));
      return NULL;
    }

  recipient = g_new0 (AllianceEncryptionRecipient, 1);
  randombytes_buf (recipient->salt, sizeof recipient->salt);
  if (strength == ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE)
    {
      recipient->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      recipient->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    }
  else
    {
      recipient->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      recipient->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
    }

  seed = derive_seed (passphrase, recipient->salt, recipient->opslimit, recipient->memlimit, error);
  if (seed == NULL)
    return NULL;
  secret_key = sodium_malloc (crypto_box_SECRETKEYBYTES);
  crypto_box_seed_keypair (recipient->public_key, secret_key, seed);
  sodium_free (secret_key);
  sodium_free (seed);

  return g_steal_pointer (&recipient);
}

char *
alliance_encryption_recipient_to_string (const AllianceEncryptionRecipient *recipient)
{
  guint8 raw[RECIPIENT_SIZE];
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (recipient != NULL, NULL);

  memcpy (raw, recipient->salt, crypto_pwhash_SALTBYTES);
  put_uint64 (raw + crypto_pwhash_SALTBYTES, recipient->opslimit);
  put_uint64 (raw + crypto_pwhash_SALTBYTES + 8, recipient->memlimit);
  memcpy (raw + crypto_pwhash_SALTBYTES + 16, recipient->public_key, crypto_box_PUBLICKEYBYTES);
  encoded = g_base64_encode (raw, sizeof raw);
  return g_strconcat (RECIPIENT_PREFIX, encoded, NULL);
}

AllianceEncryptionRecipient *
alliance_encryption_recipient_from_string (const char  *text,
                                           GError     **error)
{
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  g_autofree guint8 *raw = NULL;
  gsize length = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_has_prefix (text, RECIPIENT_PREFIX))
    raw = g_base64_decode (text + strlen (RECIPIENT_PREFIX), &length);
  if (raw == NULL || length != RECIPIENT_SIZE)
    {
      g_set_error_literal (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                           _("No backup passphrase is set: set one in Preferences → Backups."));
      return NULL;
    }

  recipient = g_new0 (AllianceEncryptionRecipient, 1);
  memcpy (recipient->salt, raw, crypto_pwhash_SALTBYTES);
  recipient->opslimit = get_uint64 (raw + crypto_pwhash_SALTBYTES);
  recipient->memlimit = get_uint64 (raw + crypto_pwhash_SALTBYTES + 8);
  memcpy (recipient->public_key, raw + crypto_pwhash_SALTBYTES + 16, crypto_box_PUBLICKEYBYTES);
  if (!limits_are_sane (recipient->opslimit, recipient->memlimit))
    {
      g_set_error_literal (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                           _("No backup passphrase is set: set one in Preferences → Backups."));
      return NULL;
    }
  return g_steal_pointer (&recipient);
}

void
alliance_encryption_recipient_free (AllianceEncryptionRecipient *recipient)
{
  g_free (recipient);
}

/**
 * alliance_encryption_check_new_passphrase:
 * @again: the same passphrase typed a second time
 *
 * Whether a passphrase chosen for new files (a backup key, an export) is
 * acceptable: not empty, at least %ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH
 * characters (not bytes), and typed the same twice.
 */
AlliancePassphraseCheck
alliance_encryption_check_new_passphrase (const char *passphrase,
                                          const char *again)
{
  g_return_val_if_fail (passphrase != NULL, ALLIANCE_PASSPHRASE_EMPTY);
  g_return_val_if_fail (again != NULL, ALLIANCE_PASSPHRASE_MISMATCH);

  if (passphrase[0] == '\0')
    return ALLIANCE_PASSPHRASE_EMPTY;
  if (g_utf8_strlen (passphrase, -1) < ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH)
    return ALLIANCE_PASSPHRASE_TOO_SHORT;
  if (strcmp (passphrase, again) != 0)
    return ALLIANCE_PASSPHRASE_MISMATCH;
  return ALLIANCE_PASSPHRASE_OK;
}

/**
 * alliance_encryption_describe_passphrase_check:
 *
 * What is wrong with a new passphrase, in a sentence; %NULL when nothing is.
 */
char *
alliance_encryption_describe_passphrase_check (AlliancePassphraseCheck check)
{
  switch (check)
    {
    case ALLIANCE_PASSPHRASE_EMPTY:
      return g_strdup (_("No passphrase was given."));
    case ALLIANCE_PASSPHRASE_TOO_SHORT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Too short: a passphrase needs at least %d character.",
                                           "Too short: a passphrase needs at least %d characters.",
                                           ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH),
                              ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH);
    case ALLIANCE_PASSPHRASE_MISMATCH:
      return g_strdup (_("The two passphrases are not the same."));
    case ALLIANCE_PASSPHRASE_OK:
    default:
      return NULL;
    }
}

gboolean
alliance_encryption_is_encrypted_file (const char *path)
{
  guint8 head[MAGIC_SIZE + 4];
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  n = read_full (fd, head, sizeof head);
  close (fd);
  return n == (gssize)sizeof head && memcmp (head, MAGIC, MAGIC_SIZE) == 0 &&
         memcmp (head + MAGIC_SIZE, FORMAT_TAG, 3) == 0;
}

/* The library started and @path open for reading, or -1 with @error. */
static int
open_input (const char  *path,
            GError     **error)
{
  int fd;

  if (!alliance_encryption_init (error))
    return -1;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                   _("“%s” could not be read: %s."), path, g_strerror (saved_errno));
    }
  return fd;
}

/* --- Encrypting ---------------------------------------------------------- */

typedef struct
{
  int                                 input_fd;
  const AllianceEncryptionRecipient  *recipient;
  gboolean                            read_failed;
} EncryptJob;

static gboolean
encrypt_into (int       fd,
              gpointer  user_data,
              int      *saved_errno)
{
  EncryptJob *job = user_data;
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 header[HEADER_SIZE] = { 0 };
  guint8 *key = sodium_malloc (crypto_secretstream_xchacha20poly1305_KEYBYTES);
  g_autofree guint8 *plain = g_malloc (CHUNK_SIZE);
  g_autofree guint8 *cipher = g_malloc (CHUNK_SIZE + crypto_secretstream_xchacha20poly1305_ABYTES);
  gboolean first = TRUE, ok = FALSE;
  gssize n;

  memcpy (header, MAGIC, MAGIC_SIZE);
  memcpy (header + MAGIC_SIZE, FORMAT_TAG, 3);
  header[MAGIC_SIZE + 3] = FORMAT_VERSION;
  header[OFFSET_CHUNK_SIZE] = CHUNK_SIZE & 0xff;
  header[OFFSET_CHUNK_SIZE + 1] = (CHUNK_SIZE >> 8) & 0xff;
  header[OFFSET_CHUNK_SIZE + 2] = (CHUNK_SIZE >> 16) & 0xff;
  put_uint64 (header + OFFSET_OPSLIMIT, job->recipient->opslimit);
  put_uint64 (header + OFFSET_MEMLIMIT, job->recipient->memlimit);
  memcpy (header + OFFSET_SALT, job->recipient->salt, crypto_pwhash_SALTBYTES);
  memcpy (header + OFFSET_PUBLIC_KEY, job->recipient->public_key, crypto_box_PUBLICKEYBYTES);

  crypto_secretstream_xchacha20poly1305_keygen (key);
  crypto_box_seal (header + OFFSET_SEALED_KEY, key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                   job->recipient->public_key);
  crypto_secretstream_xchacha20poly1305_init_push (&state, header + OFFSET_STREAM_HEADER, key);
  if (!write_all (fd, header, sizeof header, saved_errno))
    goto out;

  /* Read one chunk ahead, so the last one can carry the FINAL tag. */
  n = read_full (job->input_fd, plain, CHUNK_SIZE);
  while (n >= 0)
    {
      g_autofree guint8 *next = g_malloc (CHUNK_SIZE);
      gssize n_next = n == CHUNK_SIZE ? read_full (job->input_fd, next, CHUNK_SIZE) : 0;
      unsigned long long cipher_length;
      guint8 tag;

      if (n_next < 0)
        break;
      tag = n_next == 0 ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
      crypto_secretstream_xchacha20poly1305_push (&state, cipher, &cipher_length, plain, (unsigned long long)n,
                                                  first ? header : NULL, first ? sizeof header : 0, tag);
      first = FALSE;
      if (!write_all (fd, cipher, (gsize)cipher_length, saved_errno))
        goto out;
      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          ok = TRUE;
          goto out;
        }
      memcpy (plain, next, (gsize)n_next);
      n = n_next;
    }
  job->read_failed = TRUE;
  *saved_errno = errno;

out:
  sodium_memzero (plain, CHUNK_SIZE);
  sodium_memzero (&state, sizeof state);
  sodium_free (key);
  return ok;
}

/**
 * alliance_encryption_encrypt_file:
 *
 * Writes @input_path encrypted to @recipient into @output_path (0600),
 * whole or not at all.
 */
gboolean
alliance_encryption_encrypt_file (const char                         *input_path,
                                  const char                         *output_path,
                                  const AllianceEncryptionRecipient  *recipient,
                                  GError                            **error)
{
  EncryptJob job = { -1, recipient, FALSE };
  int saved_errno = 0;
  gboolean ok;

  g_return_val_if_fail (input_path != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (recipient != NULL, FALSE);

  job.input_fd = open_input (input_path, error);
  if (job.input_fd < 0)
    return FALSE;
  ok = alliance_file_write_atomically (output_path, encrypt_into, &job, &saved_errno);
  close (job.input_fd);
  if (!ok && job.read_failed)
    g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                 _("“%s” could not be read: %s."), input_path, g_strerror (saved_errno));
  else if (!ok)
    set_write_error (error, output_path, saved_errno);
  return ok;
}

/* For exports: a new salt each time, so the file stands alone. */
gboolean
alliance_encryption_encrypt_file_with_passphrase (const char                  *input_path,
                                                  const char                  *output_path,
                                                  const char                  *passphrase,
                                                  AllianceEncryptionStrength   strength,
                                                  GError                     **error)
{
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;

  recipient = alliance_encryption_recipient_new (passphrase, strength, error);
  if (recipient == NULL)
    return FALSE;
  return alliance_encryption_encrypt_file (input_path, output_path, recipient, error);
}

/* --- Decrypting ---------------------------------------------------------- */

typedef struct
{
  int          input_fd;
  const char  *input_path;
  const char  *passphrase;
  GError      *error;    /* why the content was refused; NULL for a write error */
} DecryptJob;

static void
set_damaged (DecryptJob *job)
{
  g_clear_error (&job->error);
  g_set_error (&job->error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_DAMAGED,
               _("“%s” is damaged or incomplete: it was cut short or changed after it was written. "
                 "Nothing was restored from it."),
               job->input_path);
}

static gboolean
open_file_key (DecryptJob   *job,
               const guint8 *header,
               guint8       *key)
{
  guint64 opslimit = get_uint64 (header + OFFSET_OPSLIMIT);
  guint64 memlimit = get_uint64 (header + OFFSET_MEMLIMIT);
  guint8 public_key[crypto_box_PUBLICKEYBYTES];
  guint8 *seed, *secret_key;
  gboolean opened;

  if (!limits_are_sane (opslimit, memlimit) || get_uint32 (header + OFFSET_CHUNK_SIZE) != CHUNK_SIZE)
    {
      set_damaged (job);
      return FALSE;
    }
  seed = derive_seed (job->passphrase, header + OFFSET_SALT, opslimit, memlimit, &job->error);
  if (seed == NULL)
    return FALSE;
  secret_key = sodium_malloc (crypto_box_SECRETKEYBYTES);
  crypto_box_seed_keypair (public_key, secret_key, seed);
  sodium_free (seed);
  opened = crypto_box_seal_open (key, header + OFFSET_SEALED_KEY, SEALED_KEY_SIZE, public_key, secret_key) == 0;
  sodium_free (secret_key);

  if (!opened)
    {
      /* The key this passphrase gives is not the one the file was sealed
       * to: a wrong passphrase (or a header changed on purpose). */
      if (sodium_memcmp (public_key, header + OFFSET_PUBLIC_KEY, crypto_box_PUBLICKEYBYTES) != 0)
        g_set_error_literal (&job->error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE,
                             _("The passphrase is not the one this file was encrypted with. Nothing was read "
                               "from it."));
      else
        set_damaged (job);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decrypt_into (int       fd,
              gpointer  user_data,
              int      *saved_errno)
{
  DecryptJob *job = user_data;
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 header[HEADER_SIZE];
  guint8 *key = sodium_malloc (crypto_secretstream_xchacha20poly1305_KEYBYTES);
  g_autofree guint8 *cipher = g_malloc (CHUNK_SIZE + crypto_secretstream_xchacha20poly1305_ABYTES);
  g_autofree guint8 *plain = g_malloc (CHUNK_SIZE);
  gboolean first = TRUE, ok = FALSE;
  gssize n_header;

  n_header = read_full (job->input_fd, header, sizeof header);
  if (n_header < (gssize)MAGIC_SIZE + 4 || memcmp (header, MAGIC, MAGIC_SIZE) != 0 ||
      memcmp (header + MAGIC_SIZE, FORMAT_TAG, 3) != 0)
    {
      g_set_error (&job->error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_NOT_ENCRYPTED,
                   _("“%s” is not an encrypted Alliance file."), job->input_path);
      goto out;
    }
  if (n_header != (gssize)sizeof header)
    {
      set_damaged (job);
      goto out;
    }
  if (header[MAGIC_SIZE + 3] != FORMAT_VERSION)
    {
      g_set_error (&job->error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_UNSUPPORTED,
                   _("“%s” was encrypted by a newer version of Alliance. Update Alliance to open it."),
                   job->input_path);
      goto out;
    }
  if (!open_file_key (job, header, key))
    goto out;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header + OFFSET_STREAM_HEADER, key) != 0)
    {
      set_damaged (job);
      goto out;
    }

  for (;;)
    {
      gssize n = read_full (job->input_fd, cipher, CHUNK_SIZE + crypto_secretstream_xchacha20poly1305_ABYTES);
      unsigned long long plain_length;
      guint8 tag;

      if (n < 0)
        {
          g_set_error (&job->error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                       _("“%s” could not be read: %s."), job->input_path, g_strerror (errno));
          goto out;
        }
      /* The stream ended before its FINAL chunk: cut short. */
      if (n < crypto_secretstream_xchacha20poly1305_ABYTES ||
          crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_length, &tag, cipher,
                                                      (unsigned long long)n, first ? header : NULL,
                                                      first ? sizeof header : 0) != 0)
        {
          set_damaged (job);
          goto out;
        }
      first = FALSE;
      if (!write_all (fd, plain, (gsize)plain_length, saved_errno))
        goto out;
      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        break;
    }

  /* Anything after the FINAL chunk was added: refuse it. */
  if (read_full (job->input_fd, cipher, 1) != 0)
    {
      set_damaged (job);
      goto out;
    }
  ok = TRUE;

out:
  sodium_memzero (plain, CHUNK_SIZE);
  sodium_memzero (&state, sizeof state);
  sodium_free (key);
  return ok;
}

/**
 * alliance_encryption_decrypt_file:
 *
 * Writes the plaintext of @input_path into @output_path (0600) only when
 * the passphrase is right and every chunk is intact, up to the FINAL one;
 * otherwise writes nothing and says which it was.
 */
gboolean
alliance_encryption_decrypt_file (const char  *input_path,
                                  const char  *output_path,
                                  const char  *passphrase,
                                  GError     **error)
{
  DecryptJob job = { -1, input_path, passphrase, NULL };
  int saved_errno = 0;
  gboolean ok;

  g_return_val_if_fail (input_path != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  job.input_fd = open_input (input_path, error);
  if (job.input_fd < 0)
    return FALSE;
  ok = alliance_file_write_atomically (output_path, decrypt_into, &job, &saved_errno);
  close (job.input_fd);
  if (!ok && job.error != NULL)
    g_propagate_error (error, g_steal_pointer (&job.error));
  else if (!ok)
    set_write_error (error, output_path, saved_errno);
  g_clear_error (&job.error);
  return ok;
}

/* --- In memory ------------------------------------------------------------ */

/* An anonymous file in memory (memfd): plaintext that must never reach the
 * disk, not even as a temporary file, can still be streamed as a file. */
static int
open_memory_file (GError **error)
{
  int fd = memfd_create ("alliance-plaintext", MFD_CLOEXEC);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                   _("No memory for the file: %s."), g_strerror (saved_errno));
    }
  return fd;
}

/**
 * alliance_encryption_encrypt_bytes:
 *
 * Like alliance_encryption_encrypt_file() for plaintext held in memory (an
 * export): it is never written to the disk unencrypted. Quick: the slow
 * part, deriving @recipient from a passphrase, is done already.
 */
gboolean
alliance_encryption_encrypt_bytes (GBytes                             *plaintext,
                                   const char                         *output_path,
                                   const AllianceEncryptionRecipient  *recipient,
                                   GError                            **error)
{
  EncryptJob job = { -1, recipient, FALSE };
  gsize length = 0;
  const guint8 *data;
  int saved_errno = 0;
  gboolean ok;

  g_return_val_if_fail (plaintext != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (recipient != NULL, FALSE);

  data = g_bytes_get_data (plaintext, &length);
  if (!alliance_encryption_init (error))
    return FALSE;
  job.input_fd = open_memory_file (error);
  if (job.input_fd < 0)
    return FALSE;
  if (!write_all (job.input_fd, data, length, &saved_errno) || lseek (job.input_fd, 0, SEEK_SET) != 0)
    {
      close (job.input_fd);
      g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                   _("No memory for the file: %s."), g_strerror (saved_errno != 0 ? saved_errno : errno));
      return FALSE;
    }
  ok = alliance_file_write_atomically (output_path, encrypt_into, &job, &saved_errno);
  close (job.input_fd);
  if (!ok)
    set_write_error (error, output_path, saved_errno);
  return ok;
}

/**
 * alliance_encryption_encrypt_bytes_with_passphrase:
 *
 * Like alliance_encryption_encrypt_file_with_passphrase() for plaintext
 * held in memory (an export): it is never written to the disk unencrypted.
 */
gboolean
alliance_encryption_encrypt_bytes_with_passphrase (GBytes                      *plaintext,
                                                   const char                  *output_path,
                                                   const char                  *passphrase,
                                                   AllianceEncryptionStrength   strength,
                                                   GError                     **error)
{
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;

  g_return_val_if_fail (plaintext != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  recipient = alliance_encryption_recipient_new (passphrase, strength, error);
  if (recipient == NULL)
    return FALSE;
  return alliance_encryption_encrypt_bytes (plaintext, output_path, recipient, error);
}

/**
 * alliance_encryption_decrypt_to_bytes:
 *
 * The plaintext of @input_path, in memory only, when the passphrase is
 * right and every chunk is intact; otherwise %NULL and which it was.
 */
GBytes *
alliance_encryption_decrypt_to_bytes (const char  *input_path,
                                      const char  *passphrase,
                                      GError     **error)
{
  DecryptJob job = { -1, input_path, passphrase, NULL };
  g_autofree guint8 *plain = NULL;
  int memory_fd, saved_errno = 0;
  off_t size;
  gboolean ok;

  g_return_val_if_fail (input_path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  job.input_fd = open_input (input_path, error);
  if (job.input_fd < 0)
    return NULL;
  memory_fd = open_memory_file (error);
  if (memory_fd < 0)
    {
      close (job.input_fd);
      return NULL;
    }
  ok = decrypt_into (memory_fd, &job, &saved_errno);
  close (job.input_fd);
  size = ok ? lseek (memory_fd, 0, SEEK_END) : -1;
  if (ok && (size < 0 || lseek (memory_fd, 0, SEEK_SET) != 0 ||
             read_full (memory_fd, plain = g_malloc ((gsize)size + 1), (gsize)size) != (gssize)size))
    {
      ok = FALSE;
      saved_errno = errno;
    }
  close (memory_fd);
  if (ok)
    plain[size] = '\0';  /* text (an export) can be read as a string */
  if (!ok)
    {
      if (job.error != NULL)
        g_propagate_error (error, g_steal_pointer (&job.error));
      else
        g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                     _("No memory for the file: %s."), g_strerror (saved_errno));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&plain), (gsize)size);
}

/**
 * alliance_encryption_read_passphrase_file:
 *
 * The first line of @path, without its line end: for scripts
 * (`--passphrase-file`). The file should be private; a passphrase in a
 * file others can read is refused.
 */
char *
alliance_encryption_read_passphrase_file (const char  *path,
                                          GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;
  char *end;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    {
      g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                   _("“%s” can be read by other users; a passphrase file must be private (chmod 600)."), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  end = strpbrk (contents, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (contents[0] == '\0')
    {
      g_set_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED,
                   _("The passphrase file “%s” is empty."), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}
