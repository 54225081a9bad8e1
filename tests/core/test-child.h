/* test-child.h
 *
 * A child process that acknowledges what it has done, one line at a time
 * on its standard output, and is killed with SIGKILL at a moment the test
 * chooses: the machinery of the durability tests. The child writes each
 * line with test_child_acknowledge() (one write(2): a short write to a pipe
 * is atomic, so the parent never sees half a line); the parent reads lines
 * until it decides to kill, kills, then reads whatever was acknowledged
 * before the kill landed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TestChild TestChild;

/* The child side. FALSE when the parent has gone. */
gboolean   test_child_acknowledge   (const char        *line);

/* The parent side. @argv[0] is usually test_child_own_executable(). */
char      *test_child_own_executable (void);
TestChild *test_child_spawn         (const char *const *argv);
/* The next line without its newline, or NULL at the end of the child's
 * output. Fails the test if the child says nothing for 20 s. */
char      *test_child_read_line     (TestChild         *child);
void       test_child_kill          (TestChild         *child);
/* Waits for the child, asserts it died of SIGKILL (anything else means it
 * failed on its own: see its stderr), and frees @child. */
void       test_child_reap_killed   (TestChild         *child);

G_END_DECLS
