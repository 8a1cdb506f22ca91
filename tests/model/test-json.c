/* test-json.c: the strict JSON parser and its diagnosing scanner agree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-json.h"

static const OvfJsonNode *
parse_ok (OvfJson   **json,
          const char *text)
{
  g_autoptr(OvfDiagnostic) diagnostic = ovf_json_diagnose (text, strlen (text));

  if (diagnostic != NULL)
    g_error ("%s: %u:%u: %s", text, diagnostic->line, diagnostic->column, diagnostic->message);

  *json = ovf_json_parse (text, strlen (text));
  g_assert_nonnull (*json);
  return ovf_json_get_root (*json);
}

static void
test_values (void)
{
  g_autoptr(OvfJson) json = NULL;
  const OvfJsonNode *root = parse_ok (&json, " {\"a\": [1, -0.5e1, true, false, null, \"x\"],\r\n\t\"b\": {}, \"c\": []} ");
  const OvfJsonNode *a = ovf_json_get_member (root, "a");
  guint hint = 2;

  g_assert_cmpint (root->type, ==, OVF_JSON_OBJECT);
  g_assert_cmpuint (root->n_children, ==, 3);
  g_assert_cmpuint (a->n_children, ==, 6);
  g_assert_cmpfloat (a->value.children[0].value.number, ==, 1);
  g_assert_cmpfloat (a->value.children[1].value.number, ==, -5);
  g_assert_true (a->value.children[2].value.boolean);
  g_assert_false (a->value.children[3].value.boolean);
  g_assert_cmpint (a->value.children[4].type, ==, OVF_JSON_NULL);
  g_assert_cmpstr (a->value.children[5].value.string, ==, "x");
  g_assert_cmpuint (ovf_json_get_member (root, "b")->n_children, ==, 0);
  g_assert_null (ovf_json_get_member (root, "d"));

  /* A lookup from any start finds the member, and a stale hint is safe. */
  g_assert_true (ovf_json_find_member (root, "a", &hint) == a);
  g_assert_cmpuint (hint, ==, 1);
  hint = 1000;
  g_assert_true (ovf_json_find_member (root, "c", &hint) == &root->value.children[2]);
  g_assert_cmpuint (hint, ==, 0);
}

static void
test_strings (void)
{
  g_autoptr(OvfJson) json = NULL;
  const OvfJsonNode *root = parse_ok (&json, "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9t\\u00C9\", "
                                             "\"\\ud83c\\udf88\", \"气球\"]");

  g_assert_cmpstr (root->value.children[0].value.string, ==, "\"\\/\b\f\n\r\t");
  g_assert_cmpstr (root->value.children[1].value.string, ==, "étÉ");
  g_assert_cmpstr (root->value.children[2].value.string, ==, "🎈");
  g_assert_cmpstr (root->value.children[3].value.string, ==, "气球");
}

/* The fast path must give exactly what the C library gives. */
static void
test_numbers (void)
{
  const char *numbers[] = {
    "0", "-0", "0.1", "179.5", "-78.8", "33.62", "18900", "1e22", "1e23", "123456789012345",
    "1234567890123456789", "0.30000000000000004", "1.7976931348623157e308", "5e-324",
    "2.2250738585072014e-308", "0.000001234", "9007199254740993", "4.35e-5", "1E3", "12.5e+1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(OvfJson) json = NULL;
      const OvfJsonNode *root = parse_ok (&json, numbers[i]);

      g_assert_cmpint (root->type, ==, OVF_JSON_NUMBER);
      if (root->value.number != g_ascii_strtod (numbers[i], NULL))
        g_error ("%s read as %.17g", numbers[i], root->value.number);
    }
}

/* Each is refused by the parser and located by the scanner. */
static void
test_refused (void)
{
  struct {
    const char *text;
    guint line, column;
  } bad[] = {
    { "", 1, 1 },
    { "[1,]", 1, 4 },
    { "{\"a\" 1}", 1, 6 },
    { "[1 2]", 1, 4 },
    { "01", 1, 1 },
    { "1.", 1, 1 },
    { "-", 1, 1 },
    { ".5", 1, 1 },
    { "+1", 1, 1 },
    { "1e", 1, 1 },
    { "1e999", 1, 1 },
    { "[\"a\nb\"]", 1, 2 },
    { "\"\\x\"", 1, 2 },
    { "\"\\u12\"", 1, 2 },
    { "\"\\udc00\"", 1, 2 },
    { "\"\\ud800\\u0041\"", 1, 2 },
    { "\"\\u0000\"", 1, 2 },
    { "nul", 1, 1 },
    { "[true false]", 1, 7 },
    { "{\"a\": 1, \"a\": 2}", 1, 10 },
    { "{\"a\": 1}\n]", 2, 1 },
    { "[\"\xc3\"]", 1, 3 },
    { "[\"\xed\xa0\x80\"]", 1, 3 },
    { "[1, \"\0\"]", 1, 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      /* Lengths by hand for the one with a NUL byte. */
      gsize length = i + 1 == G_N_ELEMENTS (bad) ? 8 : strlen (bad[i].text);
      g_autoptr(OvfJson) json = ovf_json_parse (bad[i].text, length);
      g_autoptr(OvfDiagnostic) diagnostic = ovf_json_diagnose (bad[i].text, length);

      g_assert_null (json);
      g_assert_nonnull (diagnostic);
      g_test_message ("%u:%u: %s", diagnostic->line, diagnostic->column, diagnostic->message);
      g_assert_cmpuint (diagnostic->line, ==, bad[i].line);
      g_assert_cmpuint (diagnostic->column, ==, bad[i].column);
    }
}

static void
test_locate (void)
{
  const char *text = "{\"a\": [\n  {\"b\": 1},\n  {\"c\": \"气球\", \"d\": 2}\n]}";
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) ovf_diagnostic_free);
  const OvfDiagnostic *d;

  g_ptr_array_add (diagnostics, ovf_diagnostic_new ("a[1].d", 0, 0, "value"));
  g_ptr_array_add (diagnostics, ovf_diagnostic_new ("a[0].missing", 0, 0, "missing: the object"));
  g_ptr_array_add (diagnostics, ovf_diagnostic_new ("", 0, 0, "the root"));
  g_ptr_array_add (diagnostics, ovf_diagnostic_new (NULL, 0, 0, "no path: untouched"));
  ovf_json_locate (text, strlen (text), diagnostics);

  /* Columns count characters: 气球 is two, not six. */
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpuint (d->line, ==, 3);
  g_assert_cmpuint (d->column, ==, 20);
  d = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpuint (d->line, ==, 2);
  g_assert_cmpuint (d->column, ==, 3);
  d = g_ptr_array_index (diagnostics, 2);
  g_assert_cmpuint (d->line, ==, 1);
  g_assert_cmpuint (d->column, ==, 1);
  d = g_ptr_array_index (diagnostics, 3);
  g_assert_cmpuint (d->line, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/json/values", test_values);
  g_test_add_func ("/model/json/strings", test_strings);
  g_test_add_func ("/model/json/numbers", test_numbers);
  g_test_add_func ("/model/json/refused", test_refused);
  g_test_add_func ("/model/json/locate", test_locate);

  return g_test_run ();
}
