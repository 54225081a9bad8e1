/* alliance-encryption.h
 *
 * Encrypted backups and exports, with libsodium only (no crypto of our own).
 *
 * A passphrase gives, through Argon2id (crypto_pwhash) and a random salt, the
 * seed of a key pair (crypto_box_seed_keypair). Only the public half, the
 * salt and the Argon2id limits are kept (the "recipient", in GSettings for
 * backups): making an encrypted backup never needs the passphrase, reading
 * one always does. Each file gets a fresh random key, sealed to the public
 * key (crypto_box_seal), and its content is encrypted with that key by
 * crypto_secretstream_xchacha20poly1305 in chunks, the last one tagged
 * FINAL, so a truncated, extended or altered file is refused.
 *
 * File format, version 1 (integers little-endian):
 *
 *   offset  size  field
 *        0     8  magic "ALLIANCE"
 *        8     4  "ENC" and the format version byte (1)
 *       12     4  plaintext chunk size (65536)
 *       16     8  Argon2id opslimit
 *       24     8  Argon2id memlimit (bytes)
 *       32    16  salt (crypto_pwhash_SALTBYTES)
 *       48    32  public key the file key was sealed to
 *       80    80  file key sealed with crypto_box_seal (32 + 48 bytes)
 *      160    24  secretstream header
 *      184     …  chunks: ciphertext of up to chunk size bytes + 17
 *
 * The 184-byte header is the additional data of the first chunk, so any
 * change to it is detected too.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALLIANCE_ENCRYPTION_ERROR (alliance_encryption_error_quark ())

typedef enum
{
  ALLIANCE_ENCRYPTION_ERROR_FAILED,
  ALLIANCE_ENCRYPTION_ERROR_NOT_ENCRYPTED,
  ALLIANCE_ENCRYPTION_ERROR_UNSUPPORTED,
  ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE,
  ALLIANCE_ENCRYPTION_ERROR_DAMAGED,
  ALLIANCE_ENCRYPTION_ERROR_WRITE,
} AllianceEncryptionError;

/* How hard the passphrase is to guess by trying: MODERATE for real files
 * (about a second and 256 MiB), INTERACTIVE for tests. */
typedef enum
{
  ALLIANCE_ENCRYPTION_STRENGTH_MODERATE,
  ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE,
} AllianceEncryptionStrength;

/* Shorter passphrases are too easy to guess, even through Argon2id: the
 * app asks for at least this many characters for backups and exports. */
#define ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH 8

/* What is wrong with a new passphrase typed twice, first problem first. */
typedef enum
{
  ALLIANCE_PASSPHRASE_OK,
  ALLIANCE_PASSPHRASE_EMPTY,
  ALLIANCE_PASSPHRASE_TOO_SHORT,
  ALLIANCE_PASSPHRASE_MISMATCH,
} AlliancePassphraseCheck;

/* What files are encrypted to: salt, limits and public key. Not secret. */
typedef struct _AllianceEncryptionRecipient AllianceEncryptionRecipient;

GQuark                       alliance_encryption_error_quark          (void);
gboolean                     alliance_encryption_init                 (GError                            **error);
void                         alliance_encryption_wipe_string          (char                               *secret);

AllianceEncryptionRecipient *alliance_encryption_recipient_new        (const char                         *passphrase,
                                                                       AllianceEncryptionStrength          strength,
                                                                       GError                            **error);
AllianceEncryptionRecipient *alliance_encryption_recipient_from_string (const char                        *text,
                                                                       GError                            **error);
char                        *alliance_encryption_recipient_to_string  (const AllianceEncryptionRecipient  *recipient);
void                         alliance_encryption_recipient_free       (AllianceEncryptionRecipient        *recipient);

AlliancePassphraseCheck      alliance_encryption_check_new_passphrase (const char                       *passphrase,
                                                                       const char                         *again);
char                        *alliance_encryption_describe_passphrase_check (AlliancePassphraseCheck check);

gboolean                     alliance_encryption_is_encrypted_file    (const char                         *path);
gboolean                     alliance_encryption_encrypt_file         (const char                         *input_path,
                                                                       const char                         *output_path,
                                                                       const AllianceEncryptionRecipient  *recipient,
                                                                       GError                            **error);
gboolean                     alliance_encryption_encrypt_file_with_passphrase (const char                 *input_path,
                                                                       const char                         *output_path,
                                                                       const char                         *passphrase,
                                                                       AllianceEncryptionStrength          strength,
                                                                       GError                            **error);
gboolean                     alliance_encryption_decrypt_file         (const char                         *input_path,
                                                                       const char                         *output_path,
                                                                       const char                         *passphrase,
                                                                       GError                            **error);
/* Plaintext in memory only (an export, an import): never on the disk. */
gboolean                     alliance_encryption_encrypt_bytes        (GBytes                             *plaintext,
                                                                       const char                         *output_path,
                                                                       const AllianceEncryptionRecipient  *recipient,
                                                                       GError                            **error);
gboolean                     alliance_encryption_encrypt_bytes_with_passphrase (GBytes                   *plaintext,
                                                                       const char                         *output_path,
                                                                       const char                         *passphrase,
                                                                       AllianceEncryptionStrength          strength,
                                                                       GError                            **error);
GBytes                      *alliance_encryption_decrypt_to_bytes     (const char                         *input_path,
                                                                       const char                         *passphrase,
                                                                       GError                            **error);
char                        *alliance_encryption_read_passphrase_file (const char                         *path,
                                                                       GError                            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceEncryptionRecipient, alliance_encryption_recipient_free)

G_END_DECLS
