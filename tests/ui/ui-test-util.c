/* ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

void
ui_test_spin_for (gint64 usec)
{
  gint64 end = g_get_monotonic_time () + usec;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
ui_test_find (GtkWidget     *widget,
              UiTestMatch    match,
              gconstpointer  data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

GtkWidget *
ui_test_find_widget (GtkWidget *widget,
                     GType      type)
{
  return ui_test_find (widget, is_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_visible_label (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

GtkLabel *
ui_test_find_label (GtkWidget  *widget,
                    const char *text)
{
  return GTK_LABEL (ui_test_find (widget, is_visible_label, text));
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

GtkWidget *
ui_test_find_by_css_class (GtkWidget  *widget,
                           const char *css_class)
{
  return ui_test_find (widget, has_css_class, css_class);
}

/* The lowercased character after a label's single underscore, or 0. */
static gunichar
mnemonic_of (const char *label)
{
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p != '_')
        continue;
      if (p[1] == '_')
        {
          p++;
          continue;
        }
      return p[1] != '\0' ? g_unichar_tolower (g_utf8_get_char (p + 1)) : 0;
    }
  return 0;
}

static void
check_menu_level (GMenuModel *menu,
                  GHashTable *seen)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          gunichar mnemonic = mnemonic_of (label);
          const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (mnemonic));

          if (mnemonic != 0 && other != NULL)
            g_error ("\"%s\" and \"%s\" share a mnemonic", other, label);
          if (mnemonic != 0)
            g_hash_table_insert (seen, GUINT_TO_POINTER (mnemonic), g_strdup (label));
        }

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (g_str_equal (g_menu_link_iter_get_name (links), G_MENU_LINK_SECTION))
            check_menu_level (link, seen);
          else
            ui_test_assert_unique_mnemonics (link);
        }
    }
}

void
ui_test_assert_unique_mnemonics (GMenuModel *menu)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  check_menu_level (menu, seen);
}
