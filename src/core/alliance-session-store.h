/* alliance-session-store.h
 *
 * Sessions, their notes and addenda, and the search over notes. Every
 * write is one transaction, validated first; "changed" is emitted after the
 * commit with the client whose sessions changed.
 */
#pragma once

#include "alliance-database.h"
#include "alliance-store.h"
#include "alliance-note.h"
#include "alliance-session.h"

G_BEGIN_DECLS

/* One full-text hit: a note section or an addendum. */
typedef struct
{
  gint64  note_id;
  gint64  session_id;
  gint64  client_id;
  char   *client_name;    /* display name */
  char   *client_code;
  char   *starts_at;      /* the session's local date-time */
  char   *snippet;        /* with the matched words between \x01 and \x02 */
  gboolean is_addendum;
} AllianceSearchHit;

void alliance_search_hit_free (AllianceSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceSearchHit, alliance_search_hit_free)

#define ALLIANCE_TYPE_SESSION_STORE (alliance_session_store_get_type ())

G_DECLARE_FINAL_TYPE (AllianceSessionStore, alliance_session_store, ALLIANCE, SESSION_STORE, AllianceStore)

AllianceSessionStore *alliance_session_store_new                (AllianceDatabase      *database);
AllianceDatabase     *alliance_session_store_get_database       (AllianceSessionStore  *self);

/* Sessions */
GPtrArray            *alliance_session_store_list_sessions      (AllianceSessionStore  *self,
                                                                 gint64                 client_id,
                                                                 GError               **error);
AllianceSession      *alliance_session_store_load_session       (AllianceSessionStore  *self,
                                                                 gint64                 session_id,
                                                                 GError               **error);
AllianceSession      *alliance_session_store_suggest_session    (AllianceSessionStore  *self,
                                                                 gint64                 client_id,
                                                                 GDateTime             *now,
                                                                 GError               **error);
gboolean              alliance_session_store_save_session       (AllianceSessionStore  *self,
                                                                 AllianceSession       *session,
                                                                 AllianceSessionField  *invalid_field,
                                                                 GError               **error);
gboolean              alliance_session_store_delete_session     (AllianceSessionStore  *self,
                                                                 gint64                 session_id,
                                                                 GError               **error);
gboolean              alliance_session_store_mark_entered_in_error (AllianceSessionStore *self,
                                                                 gint64                 session_id,
                                                                 const char            *reason,
                                                                 GError               **error);

/* Notes */
AllianceNote         *alliance_session_store_load_note          (AllianceSessionStore  *self,
                                                                 gint64                 session_id,
                                                                 GError               **error);
gboolean              alliance_session_store_save_draft         (AllianceSessionStore  *self,
                                                                 AllianceNote          *note,
                                                                 GError               **error);
gboolean              alliance_session_store_sign_note          (AllianceSessionStore  *self,
                                                                 AllianceNote          *note,
                                                                 const char            *signer,
                                                                 GError               **error);
gboolean              alliance_session_store_add_addendum       (AllianceSessionStore  *self,
                                                                 AllianceNote          *note,
                                                                 const char            *body,
                                                                 const char            *signer,
                                                                 GError               **error);

/* Search */
GPtrArray            *alliance_session_store_search             (AllianceSessionStore  *self,
                                                                 const char            *query,
                                                                 guint                  limit,
                                                                 GError               **error);
char                 *alliance_session_store_build_fts_query    (const char            *text);

const char           *alliance_session_store_get_search_sql     (void);

G_END_DECLS
