/* alliance-lock.h
 *
 * The application lock: locked or not, and what that means for every
 * window. Locking hides every Alliance window but the main one (which
 * shows its lock page instead of its content) and keeps any window opened
 * meanwhile hidden; unlocking with the passphrase shows them again, as
 * they were. It locks after a time without key or pointer input to any
 * Alliance window, and on Ctrl+L in any of them.
 *
 * No passphrase set: nothing locks. A damaged passphrase file: the lock
 * is unavailable and ::lock-failed says so (Ctrl+L every time; the idle
 * timer once until it can lock again).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_LOCK (alliance_lock_get_type ())

G_DECLARE_FINAL_TYPE (AllianceLock, alliance_lock, ALLIANCE, LOCK, GObject)

AllianceLock *alliance_lock_new                (const char           *secret_path,
                                                GSettings            *settings);
const char   *alliance_lock_get_secret_path    (AllianceLock         *self);
gboolean      alliance_lock_get_locked         (AllianceLock         *self);
void          alliance_lock_set_main_window    (AllianceLock         *self,
                                                GtkWindow            *window);
guint         alliance_lock_get_idle_seconds   (AllianceLock         *self);
void          alliance_lock_set_idle_seconds   (AllianceLock         *self,
                                                guint                 seconds);
gboolean      alliance_lock_lock               (AllianceLock         *self,
                                                GError              **error);
void          alliance_lock_lock_now           (AllianceLock         *self);
void          alliance_lock_unlock_async       (AllianceLock         *self,
                                                const char           *passphrase,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      alliance_lock_unlock_finish      (AllianceLock         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
guint         alliance_lock_get_retry_seconds  (AllianceLock         *self);

G_END_DECLS
