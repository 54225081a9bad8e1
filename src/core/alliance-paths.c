/* alliance-paths.c */
#define G_LOG_DOMAIN "alliance-paths"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "alliance-database.h"
#include "alliance-paths.h"

/**
 * alliance_paths_ensure_private_dir:
 *
 * Creates @path (and missing parents) as 0700, or tightens an existing
 * folder to 0700: clinical records are for their owner's eyes only.
 */
gboolean
alliance_paths_ensure_private_dir (const char  *path,
                                   GError     **error)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALLIANCE_DATABASE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES ? ALLIANCE_DATABASE_ERROR_READ_ONLY
                                                                 : ALLIANCE_DATABASE_ERROR_PERMISSIONS,
                   _("The data folder “%s” could not be created: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0 && g_chmod (path, 0700) != 0)
    g_warning ("Could not make the data folder private: %s", g_strerror (errno));

  return TRUE;
}

char *
alliance_paths_ensure_data_dir (GError **error)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "alliance", NULL);

  if (!alliance_paths_ensure_private_dir (path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static char *
data_file (const char  *name,
           GError     **error)
{
  g_autofree char *folder = alliance_paths_ensure_data_dir (error);

  if (folder == NULL)
    return NULL;
  return g_build_filename (folder, name, NULL);
}

char *
alliance_paths_default_database (GError **error)
{
  return data_file ("alliance.db", error);
}

/* Sample data is a separate file: it can never mix with real records. */
char *
alliance_paths_demo_database (GError **error)
{
  return data_file ("demo.db", error);
}
