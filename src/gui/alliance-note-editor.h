/* alliance-note-editor.h
 *
 * Writes a session's progress note. Drafts save themselves (a second after
 * typing pauses, when the window loses focus, and on close) — there is no
 * Save button to forget. Signing (Ctrl+Enter, confirmed) freezes the note;
 * corrections are signed addenda below it.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client.h"
#include "alliance-session-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_NOTE_EDITOR (alliance_note_editor_get_type ())

G_DECLARE_FINAL_TYPE (AllianceNoteEditor, alliance_note_editor, ALLIANCE, NOTE_EDITOR, AdwWindow)

AllianceNoteEditor *alliance_note_editor_new         (AllianceSessionStore  *store,
                                                      const AllianceClient  *client,
                                                      const AllianceSession *session);
gboolean            alliance_note_editor_save_now    (AllianceNoteEditor    *self);
const AllianceNote *alliance_note_editor_get_note    (AllianceNoteEditor    *self);
gboolean            alliance_note_editor_sign        (AllianceNoteEditor    *self,
                                                      GError               **error);

char               *alliance_note_editor_describe_session        (const AllianceSession *session);

G_END_DECLS
