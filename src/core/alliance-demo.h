/* alliance-demo.h
 *
 * Fictional caseloads: the sample data a new user can explore, and large
 * generated ones for the benchmark. Never written into a real database by
 * the app: the sample data has a file of its own.
 */
#pragma once

#include "alliance-client-store.h"

G_BEGIN_DECLS

gboolean alliance_demo_populate           (AllianceClientStore  *store,
                                           GError              **error);
gboolean alliance_demo_populate_as_of     (AllianceClientStore  *store,
                                           const char           *today,
                                           GError              **error);
gboolean alliance_demo_populate_caseload  (AllianceClientStore  *store,
                                           GError              **error);
gboolean alliance_demo_generate_caseload  (AllianceClientStore  *store,
                                           guint                 n_clients,
                                           guint32               seed,
                                           GError              **error);
gboolean alliance_demo_generate_ratings   (AllianceClientStore  *store,
                                           guint32               seed,
                                           GError              **error);

G_END_DECLS
