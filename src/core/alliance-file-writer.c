/* alliance-file-writer.c */
#define G_LOG_DOMAIN "alliance-file-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "alliance-file-writer.h"

gboolean
alliance_file_write_atomically (const char            *path,
                                AllianceFileWriteFunc  write,
                                gpointer               user_data,
                                int                   *saved_errno)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (saved_errno != NULL, FALSE);

  *saved_errno = 0;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  if (!write (fd, user_data, saved_errno))
    goto failed;
  /* On disk before it takes the target's name, so a crash never leaves a
   * truncated file under it. */
  if (fsync (fd) != 0)
    {
      *saved_errno = errno;
      goto failed;
    }
  if (close (fd) != 0)
    {
      *saved_errno = errno;
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (g_rename (tmp_path, path) != 0)
    {
      *saved_errno = errno;
      goto failed;
    }
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return FALSE;
}

cairo_status_t
alliance_file_sink_write (void                *closure,
                          const unsigned char *data,
                          unsigned int         length)
{
  AllianceFileSink *sink = closure;

  while (length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          sink->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int)written;
    }
  return CAIRO_STATUS_SUCCESS;
}
