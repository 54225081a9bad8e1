/* alliance-info-row.c
 *
 * The widgets and style classes of an AdwActionRow (libadwaita 1.2), so
 * the Adwaita stylesheet gives it the same margins, spacing and fonts:
 *
 *   row
 *   ╰── box.header
 *       ├── [box.prefixes]
 *       ├── [image.icon]
 *       ├── box.title            (an AllianceColumn)
 *       │   ├── label.title
 *       │   ╰── [label.subtitle]
 *       ╰── [box.suffixes]
 *
 * The parts in brackets are made when first needed.
 */
#define G_LOG_DOMAIN "alliance-info-row"

#include "config.h"

#include "alliance-info-row.h"
#include "alliance-column.h"

/* The border-spacing Adwaita gives an action row's box.title. */
#define TITLE_SPACING 3

/* A wrapping label's minimum width is its text laid out at this width:
 * at 0 (GTK's default) word-char wrapping puts each character on a line
 * of its own, a layout ten times dearer than a normal one. */
#define MIN_WIDTH_CHARS 8

struct _AllianceInfoRow
{
  AdwPreferencesRow parent_instance;

  GtkBox           *header;
  GtkWidget        *prefixes;
  GtkWidget        *icon;
  GtkWidget        *title_column;
  GtkLabel         *title;
  GtkLabel         *subtitle;
  GtkWidget        *suffixes;
};

enum {
  PROP_0,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void alliance_info_row_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllianceInfoRow, alliance_info_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, alliance_info_row_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static GtkLabel *
make_label (const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN_WIDTH_CHARS);
  gtk_widget_add_css_class (label, style_class);
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

static void
set_label_text (GtkLabel   *label,
                const char *text,
                gboolean    use_markup)
{
  gboolean empty = text == NULL || text[0] == '\0';

  gtk_label_set_use_markup (label, use_markup);
  gtk_label_set_label (label, empty ? "" : text);
  gtk_widget_set_visible (GTK_WIDGET (label), !empty);
}

static void
update_title (AllianceInfoRow *self)
{
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (self);

  gtk_label_set_use_underline (self->title, adw_preferences_row_get_use_underline (row));
  gtk_label_set_selectable (self->title, adw_preferences_row_get_title_selectable (row));
  set_label_text (self->title, adw_preferences_row_get_title (row), adw_preferences_row_get_use_markup (row));
  if (self->subtitle != NULL)
    gtk_label_set_use_markup (self->subtitle, adw_preferences_row_get_use_markup (row));
}

static void
title_changed_cb (AllianceInfoRow *self)
{
  update_title (self);
}

/* A box of extra widgets before or after the title, made on first use. */
static GtkWidget *
ensure_box (AllianceInfoRow *self,
            GtkWidget      **box,
            const char      *style_class,
            GtkWidget       *after)
{
  if (*box == NULL)
    {
      *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (*box, style_class);
      gtk_box_insert_child_after (self->header, *box, after);
    }
  return *box;
}

/* <child type="prefix"> and <child type="suffix">, as in an action row. */
static void
alliance_info_row_buildable_add_child (GtkBuildable *buildable,
                                       GtkBuilder   *builder,
                                       GObject      *child,
                                       const char   *type)
{
  AllianceInfoRow *self = ALLIANCE_INFO_ROW (buildable);

  if (g_strcmp0 (type, "prefix") == 0 && GTK_IS_WIDGET (child))
    alliance_info_row_add_prefix (self, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "suffix") == 0 && GTK_IS_WIDGET (child))
    alliance_info_row_add_suffix (self, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
alliance_info_row_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = alliance_info_row_buildable_add_child;
}

static void
alliance_info_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AllianceInfoRow *self = ALLIANCE_INFO_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, alliance_info_row_get_subtitle (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon != NULL ? gtk_image_get_icon_name (GTK_IMAGE (self->icon)) : NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_info_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AllianceInfoRow *self = ALLIANCE_INFO_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      alliance_info_row_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      alliance_info_row_set_icon_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_info_row_class_init (AllianceInfoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = alliance_info_row_get_property;
  object_class->set_property = alliance_info_row_set_property;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alliance_info_row_init (AllianceInfoRow *self)
{
  self->header = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  gtk_widget_set_valign (GTK_WIDGET (self->header), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->header), "header");

  self->title_column = alliance_column_new (TITLE_SPACING);
  gtk_widget_set_valign (self->title_column, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (self->title_column, TRUE);
  gtk_widget_add_css_class (self->title_column, "title");
  self->title = make_label ("title");
  gtk_label_set_mnemonic_widget (self->title, GTK_WIDGET (self));
  alliance_column_append (ALLIANCE_COLUMN (self->title_column), GTK_WIDGET (self->title));
  gtk_box_append (self->header, self->title_column);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (self->header));

  /* As an action row: activatable only when asked. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);

  update_title (self);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::use-markup", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::use-underline", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::title-selectable", G_CALLBACK (title_changed_cb), NULL);
}

GtkWidget *
alliance_info_row_new (void)
{
  return g_object_new (ALLIANCE_TYPE_INFO_ROW, NULL);
}

const char *
alliance_info_row_get_subtitle (AllianceInfoRow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_INFO_ROW (self), NULL);

  return self->subtitle != NULL ? gtk_label_get_label (self->subtitle) : NULL;
}

void
alliance_info_row_set_subtitle (AllianceInfoRow *self,
                                const char      *subtitle)
{
  g_return_if_fail (ALLIANCE_IS_INFO_ROW (self));

  if (g_strcmp0 (alliance_info_row_get_subtitle (self), subtitle) == 0)
    return;
  if (self->subtitle == NULL)
    {
      self->subtitle = make_label ("subtitle");
      alliance_column_append (ALLIANCE_COLUMN (self->title_column), GTK_WIDGET (self->subtitle));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle,
                                      NULL, -1);
    }
  set_label_text (self->subtitle, subtitle, adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static void
set_lines (GtkLabel *label,
           int       lines)
{
  gtk_label_set_lines (label, lines);
  gtk_label_set_ellipsize (label, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

/* At most @lines lines, ellipsized; 0 for as many as it takes. */
void
alliance_info_row_set_title_lines (AllianceInfoRow *self,
                                   int              lines)
{
  g_return_if_fail (ALLIANCE_IS_INFO_ROW (self));

  set_lines (self->title, lines);
}

void
alliance_info_row_set_subtitle_lines (AllianceInfoRow *self,
                                      int              lines)
{
  g_return_if_fail (ALLIANCE_IS_INFO_ROW (self));

  if (self->subtitle == NULL)
    alliance_info_row_set_subtitle (self, NULL);
  set_lines (self->subtitle, lines);
}

void
alliance_info_row_set_icon_name (AllianceInfoRow *self,
                                 const char      *icon_name)
{
  g_return_if_fail (ALLIANCE_IS_INFO_ROW (self));

  if (self->icon == NULL)
    {
      if (icon_name == NULL)
        return;
      self->icon = gtk_image_new ();
      gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->icon, "icon");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_insert_child_after (self->header, self->icon, self->prefixes);
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_name);
  gtk_widget_set_visible (self->icon, icon_name != NULL && icon_name[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

void
alliance_info_row_add_prefix (AllianceInfoRow *self,
                              GtkWidget       *widget)
{
  g_return_if_fail (ALLIANCE_IS_INFO_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (ensure_box (self, &self->prefixes, "prefixes", NULL)), widget);
}

void
alliance_info_row_add_suffix (AllianceInfoRow *self,
                              GtkWidget       *widget)
{
  g_return_if_fail (ALLIANCE_IS_INFO_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (ensure_box (self, &self->suffixes, "suffixes", self->title_column)), widget);
}
