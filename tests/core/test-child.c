/* test-child.c */
#define G_LOG_DOMAIN "alliance-test-child"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-child.h"

/* A child that stops acknowledging for this long is hung. */
#define LINE_TIMEOUT_SECONDS 20

struct _TestChild
{
  GPid     pid;
  int      fd;
  GString *pending;   /* bytes after the last complete line */
};

/* write(2) directly: no stdio buffer may hold an acknowledgement back. */
gboolean
test_child_acknowledge (const char *line)
{
  g_autofree char *text = g_strconcat (line, "\n", NULL);
  const char *p = text;
  size_t length = strlen (text);

  while (length > 0)
    {
      ssize_t written = write (STDOUT_FILENO, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      p += written;
      length -= (size_t)written;
    }
  return TRUE;
}

char *
test_child_own_executable (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

TestChild *
test_child_spawn (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  TestChild *child = g_new0 (TestChild, 1);

  child->fd = -1;
  child->pending = g_string_new (NULL);
  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &child->pid, NULL,
                            &child->fd, NULL, &error);
  g_assert_no_error (error);
  return child;
}

char *
test_child_read_line (TestChild *child)
{
  gint64 deadline = g_get_monotonic_time () + LINE_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      const char *newline = memchr (child->pending->str, '\n', child->pending->len);
      char buffer[512];
      ssize_t n_read;

      if (newline != NULL)
        {
          char *line = g_strndup (child->pending->str, newline - child->pending->str);

          g_string_erase (child->pending, 0, newline - child->pending->str + 1);
          return line;
        }

      {
        struct pollfd pfd = { child->fd, POLLIN, 0 };
        int remaining_ms = (int)((deadline - g_get_monotonic_time ()) / 1000);

        g_assert_cmpint (remaining_ms, >, 0);
        if (poll (&pfd, 1, remaining_ms) < 0 && errno != EINTR)
          g_error ("poll: %s", g_strerror (errno));
        if (pfd.revents == 0)
          continue;  /* interrupted, or timed out: the deadline decides */
      }
      n_read = read (child->fd, buffer, sizeof buffer);
      if (n_read < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n_read, >=, 0);
      if (n_read == 0)
        {
          /* Lines are written whole, so none can be cut off. */
          g_assert_cmpuint (child->pending->len, ==, 0);
          return NULL;
        }
      g_string_append_len (child->pending, buffer, n_read);
    }
}

void
test_child_kill (TestChild *child)
{
  g_assert_cmpint (kill (child->pid, SIGKILL), ==, 0);
}

void
test_child_reap_killed (TestChild *child)
{
  int status = 0;

  while (waitpid (child->pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (child->pid);
  g_close (child->fd, NULL);
  g_string_free (child->pending, TRUE);
  g_free (child);

  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}
