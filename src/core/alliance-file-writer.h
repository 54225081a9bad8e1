/* alliance-file-writer.h
 *
 * Writing a file whole or not at all: the content goes into a temporary
 * file beside the target (mode 0600: clinical data), is synced, and only
 * then renamed over the target. A failure leaves the target as it was and
 * no partial file. Used for every file Alliance writes but the database
 * and its plain backups (which SQLite writes): PDFs, chart images,
 * exports, encrypted files (backups included), the lock's passphrase file.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes the content into @fd; FALSE on failure with errno in *@saved_errno (0 if none applies). */
typedef gboolean (*AllianceFileWriteFunc) (int       fd,
                                           gpointer  user_data,
                                           int      *saved_errno);

/* FALSE with the errno of the failure (0: @write failed without one) in *@saved_errno. */
gboolean        alliance_file_write_atomically (const char            *path,
                                                AllianceFileWriteFunc  write,
                                                gpointer               user_data,
                                                int                   *saved_errno);

/* A cairo stream writing to a file descriptor, keeping the errno of a failed write. */
typedef struct
{
  int  fd;
  int  saved_errno;
} AllianceFileSink;

cairo_status_t  alliance_file_sink_write       (void                  *closure,
                                                const unsigned char   *data,
                                                unsigned int           length);

G_END_DECLS
