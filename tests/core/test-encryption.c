/* test-encryption.c
 *
 * Encrypted files: they round-trip whatever their size, a wrong passphrase
 * and a cut, extended or altered file are each refused with their own
 * message and nothing written, and a passphrase file must be private.
 */
#define G_LOG_DOMAIN "alliance-test-encryption"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-encryption.h"
#include "test-common.h"

#define PASSPHRASE "correct horse battery staple"
#define CHUNK 65536
/* The header, and what secretstream adds to each chunk. */
#define HEADER_BYTES 184
#define CHUNK_OVERHEAD 17

typedef TestDirFixture Fixture;

#define fixture_set_up test_dir_fixture_set_up
#define fixture_tear_down test_dir_fixture_tear_down

static GBytes *
random_bytes (gsize size)
{
  guint8 *data = g_malloc (size ? size : 1);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8)g_test_rand_int_range (0, 256);
  return g_bytes_new_take (data, size);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  test_write_file (path, data, size, 0600);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static gboolean
contains (GBytes        *haystack,
          const guint8  *needle,
          gsize          length)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (haystack, &size);

  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

/* Encrypts @plain into cipher.enc with the test passphrase; returns its path. */
static char *
encrypt_bytes (Fixture *fixture,
               GBytes  *plain)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *input = path_in (fixture, "plain.bin");
  char *output = path_in (fixture, "cipher.enc");

  write_bytes (input, plain);
  g_assert_true (alliance_encryption_encrypt_file_with_passphrase (input, output, PASSPHRASE,
                                                                   ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error));
  g_assert_no_error (error);
  return output;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Empty, one byte, exactly one chunk, one chunk and a bit, several chunks. */
  const gsize sizes[] = { 0, 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12345 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) plain = random_bytes (sizes[i]);
      g_autofree char *cipher = encrypt_bytes (fixture, plain);
      g_autofree char *output = path_in (fixture, "decrypted.bin");
      g_autoptr(GBytes) encrypted = read_bytes (cipher);
      g_autoptr(GBytes) decrypted = NULL;
      gsize n_chunks = sizes[i] == 0 ? 1 : (sizes[i] + CHUNK - 1) / CHUNK;

      g_assert_cmpuint (test_file_mode (cipher), ==, 0600);
      g_assert_true (alliance_encryption_is_encrypted_file (cipher));
      g_assert_cmpuint (g_bytes_get_size (encrypted), ==, HEADER_BYTES + sizes[i] + n_chunks * CHUNK_OVERHEAD);
      /* The plaintext is nowhere in the file (a run of it, at least). */
      if (sizes[i] >= 64)
        g_assert_false (contains (encrypted, g_bytes_get_data (plain, NULL), 64));

      g_assert_true (alliance_encryption_decrypt_file (cipher, output, PASSPHRASE, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (test_file_mode (output), ==, 0600);
      decrypted = read_bytes (output);
      g_assert_true (g_bytes_equal (plain, decrypted));
      g_unlink (output);
    }
}

/* Decrypting @cipher must fail with @code, leave @output as it was and no
 * temporary file in the folder. */
static void
assert_refused (Fixture    *fixture,
                const char *cipher,
                const char *passphrase,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = path_in (fixture, "existing-output.bin");
  g_autoptr(TestFileSnapshot) before = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  test_write_file (output, "keep me", 7, 0600);
  before = test_file_snapshot_new (output);
  g_assert_false (alliance_encryption_decrypt_file (cipher, output, passphrase, &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, code);
  g_test_message ("%s", error->message);
  test_assert_file_unchanged (before);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
  g_unlink (output);
}

static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GBytes) plain = random_bytes (CHUNK * 2);
  g_autofree char *cipher = encrypt_bytes (fixture, plain);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = path_in (fixture, "out.bin");

  assert_refused (fixture, cipher, "correct horse battery stapler", ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE);

  /* The message the restore dialog shows. */
  g_assert_false (alliance_encryption_decrypt_file (cipher, output, "wrong", &error));
  g_assert_true (g_str_has_prefix (error->message, "The passphrase is not the one this file was encrypted with"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);

  g_assert_cmpuint (offset, <, size);
  data[offset] ^= 0x40;
  test_write_file (path, data, size, 0600);
  g_free (data);
}

static void
truncate_to (const char *path,
             gsize       size)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  g_assert_cmpuint (size, <=, g_bytes_get_size (bytes));
  test_write_file (path, g_bytes_get_data (bytes, NULL), size, 0600);
}

static void
test_altered (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GBytes) plain = random_bytes (CHUNK * 3 + 100);
  gsize total = HEADER_BYTES + CHUNK * 3 + 100 + 4 * CHUNK_OVERHEAD;
  const gsize offsets[] = {
    HEADER_BYTES + 10,                           /* first chunk */
    HEADER_BYTES + 2 * (CHUNK + CHUNK_OVERHEAD), /* a later chunk's tag byte */
    total - 1,                                   /* the last chunk's MAC */
    12,                                          /* the chunk size in the header */
    170,                                         /* the stream header */
  };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *cipher = encrypt_bytes (fixture, plain);
      g_autoptr(GBytes) encrypted = read_bytes (cipher);

      g_assert_cmpuint (g_bytes_get_size (encrypted), ==, total);
      flip_byte (cipher, offsets[i]);
      assert_refused (fixture, cipher, PASSPHRASE, ALLIANCE_ENCRYPTION_ERROR_DAMAGED);
    }
}

static void
test_truncated_or_extended (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GBytes) plain = random_bytes (CHUNK * 2 + 5);
  gsize total = HEADER_BYTES + CHUNK * 2 + 5 + 3 * CHUNK_OVERHEAD;
  /* Mid-chunk, at a chunk boundary (the FINAL chunk gone whole), inside
   * the header, and nothing but the header. */
  const gsize sizes[] = { total - 3, HEADER_BYTES + 2 * (CHUNK + CHUNK_OVERHEAD), 100, HEADER_BYTES };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *cipher = encrypt_bytes (fixture, plain);

      truncate_to (cipher, sizes[i]);
      assert_refused (fixture, cipher, PASSPHRASE, ALLIANCE_ENCRYPTION_ERROR_DAMAGED);
    }

  /* Bytes added after the FINAL chunk. */
  {
    g_autofree char *cipher = encrypt_bytes (fixture, plain);
    g_autoptr(GBytes) bytes = read_bytes (cipher);
    g_autoptr(GByteArray) longer = g_byte_array_new ();

    g_byte_array_append (longer, g_bytes_get_data (bytes, NULL), (guint)g_bytes_get_size (bytes));
    g_byte_array_append (longer, (const guint8 *)"more", 4);
    test_write_file (cipher, longer->data, longer->len, 0600);
    assert_refused (fixture, cipher, PASSPHRASE, ALLIANCE_ENCRYPTION_ERROR_DAMAGED);
  }
}

static void
test_not_encrypted (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = path_in (fixture, "plain.db");

  static const char not_encrypted[] = "SQLite format 3\0 and more bytes than a header would need, for sure";

  test_write_file (path, not_encrypted, sizeof not_encrypted, 0600);
  g_assert_false (alliance_encryption_is_encrypted_file (path));
  assert_refused (fixture, path, PASSPHRASE, ALLIANCE_ENCRYPTION_ERROR_NOT_ENCRYPTED);
}

static void
test_recipient (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  g_autoptr(AllianceEncryptionRecipient) parsed = NULL;
  g_autoptr(AllianceEncryptionRecipient) other = NULL;
  g_autoptr(GBytes) plain = random_bytes (1000);
  g_autofree char *text = NULL;
  g_autofree char *input = path_in (fixture, "plain.bin");
  g_autofree char *cipher = path_in (fixture, "backup.enc");
  g_autofree char *output = path_in (fixture, "out.bin");
  g_autoptr(GBytes) decrypted = NULL;

  recipient = alliance_encryption_recipient_new (PASSPHRASE, ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error);
  g_assert_no_error (error);
  text = alliance_encryption_recipient_to_string (recipient);
  /* What is kept in the settings holds no passphrase. */
  g_assert_null (strstr (text, PASSPHRASE));
  parsed = alliance_encryption_recipient_from_string (text, &error);
  g_assert_no_error (error);

  /* Encrypted to the stored recipient, with no passphrase at hand. */
  write_bytes (input, plain);
  g_assert_true (alliance_encryption_encrypt_file (input, cipher, parsed, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_encryption_decrypt_file (cipher, output, PASSPHRASE, &error));
  g_assert_no_error (error);
  decrypted = read_bytes (output);
  g_assert_true (g_bytes_equal (plain, decrypted));

  /* Another passphrase: another key, even with the same words around it. */
  other = alliance_encryption_recipient_new (PASSPHRASE " ", ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error);
  g_assert_no_error (error);
  g_assert_true (alliance_encryption_encrypt_file (input, cipher, other, &error));
  assert_refused (fixture, cipher, PASSPHRASE, ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE);

  g_assert_null (alliance_encryption_recipient_from_string ("alliance-recipient-1:bm90IGEga2V5", &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (alliance_encryption_recipient_from_string ("", &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (alliance_encryption_recipient_new ("", ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED);
}

static void
test_read_only_output (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = random_bytes (100);
  g_autofree char *input = path_in (fixture, "plain.bin");
  g_autofree char *folder = path_in (fixture, "locked");
  g_autofree char *output = g_build_filename (folder, "out.enc", NULL);

  write_bytes (input, plain);
  g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);
  /* Root ignores the mode; make the folder really unwritable where we can. */
  if (g_access (folder, W_OK) == 0)
    g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  if (g_access (folder, W_OK) != 0)
    {
      g_assert_false (alliance_encryption_encrypt_file_with_passphrase (
          input, output, PASSPHRASE, ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error));
      g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "read-only"));
    }
  else
    {
      /* As root a 0500 folder is still writable: a missing folder then. */
      g_autofree char *missing = g_build_filename (fixture->dir, "missing", "out.enc", NULL);

      g_assert_false (alliance_encryption_encrypt_file_with_passphrase (
          input, missing, PASSPHRASE, ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error));
      g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRITE);
    }
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_passphrase_file (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "passphrase");
  g_autofree char *passphrase = NULL;

  test_write_file (path, PASSPHRASE "\nsecond line\n", strlen (PASSPHRASE) + 13, 0600);
  passphrase = alliance_encryption_read_passphrase_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (passphrase, ==, PASSPHRASE);

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_null (alliance_encryption_read_passphrase_file (path, &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "private"));
  g_clear_error (&error);

  test_write_file (path, "\n", 1, 0600);
  g_assert_null (alliance_encryption_read_passphrase_file (path, &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_FAILED);
}

/* Plaintext that lives only in memory (an export): encrypted to a file and
 * read back in memory, with the same refusals; nothing else on the disk. */
static void
test_in_memory (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *output = path_in (fixture, "export.json.enc");
  g_autoptr(GBytes) plain = random_bytes (3 * 65536 + 123);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  g_assert_true (alliance_encryption_encrypt_bytes_with_passphrase (plain, output, PASSPHRASE,
                                                                    ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (output), ==, 0600);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  back = alliance_encryption_decrypt_to_bytes (output, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, plain));
  /* Text comes back as a string. */
  g_assert_cmpint (((const char *)g_bytes_get_data (back, NULL))[g_bytes_get_size (back)], ==, '\0');
  g_clear_pointer (&back, g_bytes_unref);

  back = alliance_encryption_decrypt_to_bytes (output, PASSPHRASE "x", &error);
  g_assert_null (back);
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE);
}

/* A recipient derived once encrypts any number of files, each with a key
 * of its own; the passphrase opens them all. */
static void
test_bytes_to_recipient (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *first = path_in (fixture, "first.enc");
  g_autofree char *second = path_in (fixture, "second.enc");
  g_autoptr(GBytes) plain = random_bytes (65536 + 7);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceEncryptionRecipient) recipient =
      alliance_encryption_recipient_new (PASSPHRASE, ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error);

  g_assert_no_error (error);
  g_assert_true (alliance_encryption_encrypt_bytes (plain, first, recipient, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_encryption_encrypt_bytes (plain, second, recipient, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (first), ==, 0600);
  first_bytes = read_bytes (first);
  second_bytes = read_bytes (second);
  g_assert_false (g_bytes_equal (first_bytes, second_bytes));

  back = alliance_encryption_decrypt_to_bytes (second, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, plain));
}

static void
test_check_new_passphrase (void)
{
  g_assert_cmpint (ALLIANCE_ENCRYPTION_MIN_PASSPHRASE_LENGTH, ==, 8);
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("", ""), ==, ALLIANCE_PASSPHRASE_EMPTY);
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("seven c", "seven c"), ==, ALLIANCE_PASSPHRASE_TOO_SHORT);
  /* Characters, not bytes: seven accented letters are still too short. */
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("éééé ééé", "éééé ééé"), ==, ALLIANCE_PASSPHRASE_OK);
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("ééééééé", "ééééééé"), ==, ALLIANCE_PASSPHRASE_TOO_SHORT);
  /* Too short is said before a mismatch. */
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("short", "other"), ==, ALLIANCE_PASSPHRASE_TOO_SHORT);
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("eight ch", ""), ==, ALLIANCE_PASSPHRASE_MISMATCH);
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("eight ch", "eight cH"), ==, ALLIANCE_PASSPHRASE_MISMATCH);
  g_assert_cmpint (alliance_encryption_check_new_passphrase ("eight ch", "eight ch"), ==, ALLIANCE_PASSPHRASE_OK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/encryption/round-trip", test_round_trip);
  ADD ("/encryption/refuse/wrong-passphrase", test_wrong_passphrase);
  ADD ("/encryption/refuse/altered", test_altered);
  ADD ("/encryption/refuse/truncated-or-extended", test_truncated_or_extended);
  ADD ("/encryption/refuse/not-encrypted", test_not_encrypted);
  ADD ("/encryption/recipient", test_recipient);
  ADD ("/encryption/read-only-output", test_read_only_output);
  ADD ("/encryption/passphrase-file", test_passphrase_file);
  ADD ("/encryption/in-memory", test_in_memory);
  ADD ("/encryption/in-memory/to-recipient", test_bytes_to_recipient);
  g_test_add_func ("/encryption/check-new-passphrase", test_check_new_passphrase);
#undef ADD

  return g_test_run ();
}
