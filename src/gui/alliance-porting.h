/* alliance-porting.h
 *
 * Export All Records… and Import… from the primary menu: for an export,
 * whether to encrypt it and with which passphrase; a file chooser; the core
 * importer or exporter (alliance-json-export.h, alliance-json-import.h,
 * alliance-csv-import.h), and a message or a toast saying what happened —
 * on failure, the importer's own, with its line and column. Plain
 * functions, not a widget: the window only names its parent, where its
 * toasts go (also "Encrypting…" while a key is derived, the content
 * insensitive meanwhile) and its records.
 */
#pragma once

#include <adwaita.h>

#include "alliance-database.h"
#include "alliance-flags.h"

G_BEGIN_DECLS

/* Called after a successful import, so the window shows the new records. */
typedef void (*AlliancePortingImportedFunc) (gpointer user_data);

void alliance_porting_export_records (GtkWindow                   *parent,
                                      AdwToastOverlay             *toasts,
                                      AllianceDatabase            *database,
                                      const AllianceFlagSettings  *settings,
                                      const GDate                 *today);
/* @user_data must be a GObject; it is kept alive until the import ends. */
void alliance_porting_import         (GtkWindow                   *parent,
                                      AdwToastOverlay             *toasts,
                                      AllianceDatabase            *database,
                                      AlliancePortingImportedFunc  imported,
                                      GObject                     *user_data);

G_END_DECLS
