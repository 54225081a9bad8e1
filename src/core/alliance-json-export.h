/* alliance-json-export.h
 *
 * Every record as one JSON document ("format": "alliance-export"; the
 * tables are described in alliance-json-format.h and, for readers, in
 * data/alliance-export.schema.json): measures (every stored definition and
 * version), clients with their goals, sessions, notes (sections, process
 * notes, signatures, addenda), administrations with their answers and, as
 * computed now, their total, subscales and band, events, and supervision
 * meetings. Ids, timestamps, signatures and hashes are kept as stored, so
 * alliance_json_import() into an empty database gives back the same
 * export. Each client's flags are computed for @today with @settings.
 * The audit log is not exported; the export itself is logged in it.
 */
#pragma once

#include "alliance-database.h"
#include "alliance-encryption.h"
#include "alliance-flags.h"

G_BEGIN_DECLS

/* The document, pretty-printed, ending with a newline. */
char     *alliance_json_export          (AllianceDatabase            *database,
                                         const AllianceFlagSettings  *settings,
                                         const GDate                 *today,
                                         GError                     **error);
/* The same written whole or not at all to @path (mode 0600). */
gboolean  alliance_json_export_to_file  (AllianceDatabase            *database,
                                         const AllianceFlagSettings  *settings,
                                         const GDate                 *today,
                                         const char                  *path,
                                         GError                     **error);
/* The same encrypted to @recipient, straight from memory: no plaintext on
 * the disk. Logged as an export only once the file is written. */
gboolean  alliance_json_export_to_encrypted_file (AllianceDatabase                   *database,
                                                  const AllianceFlagSettings         *settings,
                                                  const GDate                        *today,
                                                  const char                         *path,
                                                  const AllianceEncryptionRecipient  *recipient,
                                                  GError                            **error);

G_END_DECLS
