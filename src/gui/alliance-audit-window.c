/* alliance-audit-window.c
 *
 * A GListStore of AllianceAuditItem filled a page at a time: the first
 * page on opening, the next when the list is scrolled to its end, so a
 * log of years opens as fast as a new one.
 */
#define G_LOG_DOMAIN "alliance-audit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-audit-item.h"
#include "alliance-audit-window.h"

#define PAGE_SIZE 200

enum
{
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

struct _AllianceAuditWindow
{
  AdwWindow          parent_instance;

  AllianceDatabase  *database;
  GListStore        *entries;    /* AllianceAuditItem, newest first */
  gint64             oldest_id;  /* of the last row loaded; 0 before the first page */
  gboolean           complete;   /* every row is loaded */

  /* Template widgets */
  GtkButton         *verify_button;
  GtkRevealer       *status_revealer;
  GtkBox            *status_box;
  GtkImage          *status_icon;
  GtkLabel          *status_label;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkListView       *list_view;
  AdwStatusPage     *error_page;
};

G_DEFINE_FINAL_TYPE (AllianceAuditWindow, alliance_audit_window, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
show_error (AllianceAuditWindow *self,
            const GError        *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
set_status (AllianceAuditWindow *self,
            const char          *text,
            gboolean             intact)
{
  gtk_label_set_text (self->status_label, text);
  gtk_image_set_from_icon_name (self->status_icon, intact ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  /* Adwaita's text colours: green when intact, red when altered. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), intact ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_box), intact ? "success" : "error");
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_label_set_ellipsize (GTK_LABEL (time), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_set_valign (code, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), time);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), code);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  AllianceAuditItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *text = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *time = gtk_widget_get_next_sibling (title);
  GtkWidget *code = gtk_widget_get_next_sibling (text);
  g_autofree char *title_text = alliance_audit_item_dup_title (item);
  g_autofree char *time_text = alliance_audit_item_dup_local_time (item);
  const char *client_code = alliance_audit_item_get_client_code (item);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, alliance_audit_item_get_entry (item)->id);
  /* Translators: the entry's number in the audit log, then when it was written */
  g_autofree char *subtitle = g_strdup_printf (_("Entry %s · %s"), number, time_text);

  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (time), subtitle);
  gtk_label_set_text (GTK_LABEL (code), client_code ? client_code : "");
  gtk_widget_set_visible (code, client_code != NULL);
  if (client_code != NULL)
    {
      /* Translators: %s is a client code such as C-0007 */
      g_autofree char *tooltip = g_strdup_printf (_("A record of client %s"), client_code);

      gtk_widget_set_tooltip_text (code, tooltip);
    }
}

static void
edge_reached_cb (AllianceAuditWindow *self,
                 GtkPositionType      position)
{
  if (position == GTK_POS_BOTTOM)
    alliance_audit_window_load_more (self);
}

static void
verify_clicked_cb (AllianceAuditWindow *self)
{
  alliance_audit_window_verify (self);
}

static void
alliance_audit_window_constructed (GObject *object)
{
  AllianceAuditWindow *self = (AllianceAuditWindow *)object;

  G_OBJECT_CLASS (alliance_audit_window_parent_class)->constructed (object);

  alliance_audit_window_load_more (self);
}

static void
alliance_audit_window_dispose (GObject *object)
{
  AllianceAuditWindow *self = (AllianceAuditWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_AUDIT_WINDOW);
  g_clear_object (&self->entries);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (alliance_audit_window_parent_class)->dispose (object);
}

static void
alliance_audit_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AllianceAuditWindow *self = ALLIANCE_AUDIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_audit_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AllianceAuditWindow *self = ALLIANCE_AUDIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_audit_window_class_init (AllianceAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = alliance_audit_window_constructed;
  object_class->dispose = alliance_audit_window_dispose;
  object_class->set_property = alliance_audit_window_set_property;
  object_class->get_property = alliance_audit_window_get_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, ALLIANCE_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, verify_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, status_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceAuditWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
}

static void
alliance_audit_window_init (AllianceAuditWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (ALLIANCE_TYPE_AUDIT_ITEM);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)))));
}

AllianceAuditWindow *
alliance_audit_window_new (AllianceDatabase *database)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);

  return g_object_new (ALLIANCE_TYPE_AUDIT_WINDOW, "database", database, NULL);
}

/* The entries loaded so far (AllianceAuditItem), newest first. */
GListModel *
alliance_audit_window_get_model (AllianceAuditWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_AUDIT_WINDOW (self), NULL);

  return G_LIST_MODEL (self->entries);
}

/**
 * alliance_audit_window_load_more:
 *
 * Appends the next page of older entries. FALSE when there were none left
 * (or they could not be read; the window then says so).
 */
gboolean
alliance_audit_window_load_more (AllianceAuditWindow *self)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ALLIANCE_IS_AUDIT_WINDOW (self), FALSE);

  if (self->complete)
    return FALSE;

  page = alliance_audit_list (self->database, self->oldest_id, PAGE_SIZE, &error);
  if (page == NULL)
    {
      show_error (self, error);
      self->complete = TRUE;
      return FALSE;
    }

  items = g_ptr_array_new_full (page->len, g_object_unref);
  for (guint i = 0; i < page->len; i++)
    {
      AllianceAuditEntry *entry = g_ptr_array_index (page, i);
      g_autofree char *code = alliance_audit_dup_client_code (self->database, entry);

      self->oldest_id = entry->id;
      /* The item takes the entry: the page must not free it. */
      g_ptr_array_index (page, i) = NULL;
      g_ptr_array_add (items, alliance_audit_item_new (entry, code));
    }
  if (page->len < PAGE_SIZE || self->oldest_id <= 1)
    self->complete = TRUE;
  g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                       items->pdata, items->len);
  return items->len > 0;
}

/* Walks the whole chain and shows the outcome above the list. */
void
alliance_audit_window_verify (AllianceAuditWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  gint64 broken = 0;
  guint64 n_rows = 0;

  g_return_if_fail (ALLIANCE_IS_AUDIT_WINDOW (self));

  if (alliance_audit_verify (self->database, &broken, &n_rows, &error))
    {
      number = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);
      /* Translators: %s is a number of entries */
      text = g_strdup_printf (ngettext ("The log is intact (%s entry).", "The log is intact (%s entries).",
                                        (gulong)MIN (n_rows, G_MAXULONG)),
                              number);
      set_status (self, text, TRUE);
    }
  else if (error != NULL)
    set_status (self, error->message, FALSE);
  else
    {
      number = g_strdup_printf ("%" G_GINT64_FORMAT, broken);
      /* Translators: %s is the number of an audit log entry */
      text = g_strdup_printf (_("The log was altered at entry %s: it, or the entry before it, was changed or "
                                "removed after it was written."),
                              number);
      set_status (self, text, FALSE);
    }
}

/* The outcome of the last verification, NULL before the first. */
const char *
alliance_audit_window_get_status (AllianceAuditWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_AUDIT_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->status_revealer))
    return NULL;
  return gtk_label_get_text (self->status_label);
}
