/* ovf-json.c: the fast JSON parser that builds a dataset's tree
 *
 * The parser builds a compact tree in an arena as fast as it can: it keeps
 * no positions and stops at the first error; ovf-json-diagnose.c reads the
 * same grammar again to say what and where. (json-glib 1.6 needs about ten
 * seconds for a million track points, is lenient about comments and
 * trailing text, and keeps no positions, so datasets are read here.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ovf-json-private.h"

#define BLOCK_SIZE (1 << 20)

struct _OvfJson
{
  GPtrArray   *blocks;
  guint8      *cursor;
  gsize        left;
  OvfJsonNode  root;
};

typedef struct
{
  const char *p;
  const char *end;
  OvfJson    *json;
  /* The children of the open containers; a plain array, as pushing is
   * the parser's most frequent step. */
  OvfJsonNode *stack;
  guint        stack_len;
  guint        stack_size;
} Parser;

static gpointer
arena_alloc (OvfJson *json,
             gsize    size)
{
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;
  if (size > json->left)
    {
      gsize block = MAX (size, BLOCK_SIZE);

      json->cursor = g_malloc (block);
      json->left = block;
      g_ptr_array_add (json->blocks, json->cursor);
    }

  memory = json->cursor;
  json->cursor += size;
  json->left -= size;
  return memory;
}

static inline char
parser_peek (Parser *parser)
{
  return parser->p < parser->end ? *parser->p : '\0';
}

static inline void
parser_skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\r' || *parser->p == '\t'))
    parser->p++;
}

static gboolean parse_value (Parser      *parser,
                             OvfJsonNode *node,
                             guint        depth);

/* Exact for up to 15 significant digits and powers of ten up to 22, where
 * both operands are exact doubles (Clinger's fast path); otherwise the C
 * library decides. Returns FALSE when the value is out of range. */
static gboolean
number_from_text (const char *text,
                  gsize       length,
                  double     *out)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  const char *p = text, *end = text + length;
  guint64 mantissa = 0;
  int digits = 0, exponent = 0;
  gboolean negative = FALSE, exact = TRUE;
  char buffer[64];

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      if (digits < 19)
        {
          mantissa = mantissa * 10 + (*p - '0');
          digits += mantissa != 0;
        }
      else
        {
          exponent++;
          exact = FALSE;
        }
    }

  if (p < end && *p == '.')
    {
      for (p++; p < end && g_ascii_isdigit (*p); p++)
        {
          if (digits < 19)
            {
              mantissa = mantissa * 10 + (*p - '0');
              digits += mantissa != 0;
              exponent--;
            }
          else if (*p != '0')
            {
              exact = FALSE;
            }
        }
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      int sign = 1, value = 0;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        sign = *p++ == '-' ? -1 : 1;
      for (; p < end && g_ascii_isdigit (*p); p++)
        value = MIN (value * 10 + (*p - '0'), 100000);
      exponent += sign * value;
    }

  if (exact && digits <= 15 && exponent >= -22 && exponent <= 22)
    {
      double value = (double) mantissa;

      value = exponent >= 0 ? value * powers[exponent] : value / powers[-exponent];
      *out = negative ? -value : value;
      return TRUE;
    }

  if (length >= sizeof buffer)
    {
      g_autofree char *copy = g_strndup (text, length);

      *out = g_ascii_strtod (copy, NULL);
    }
  else
    {
      memcpy (buffer, text, length);
      buffer[length] = '\0';
      *out = g_ascii_strtod (buffer, NULL);
    }

  return isfinite (*out);
}

gboolean
ovf_json_number_is_finite (const char *text,
                           gsize       length)
{
  double value;

  return number_from_text (text, length, &value);
}

static gboolean
parse_number (Parser      *parser,
              OvfJsonNode *node)
{
  const char *start = parser->p;
  const char *p = start;
  const char *end = parser->end;

  if (p < end && *p == '-')
    p++;
  if (p < end && *p == '0')
    p++;
  else if (p < end && g_ascii_isdigit (*p))
    while (p < end && g_ascii_isdigit (*p))
      p++;
  else
    return FALSE;

  if (p < end && *p == '.')
    {
      if (++p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      if (++p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  /* "01" is two numbers to RFC 8259; the caller then finds a stray digit. */
  node->type = OVF_JSON_NUMBER;
  parser->p = p;
  return number_from_text (start, p - start, &node->value.number);
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Decodes the escapes of a string known to end before @end; the result is
 * never longer than the source. */
static gboolean
decode_escapes (const char *p,
                const char *end,
                char       *out)
{
  while (p < end)
    {
      int unichar;

      if (*p != '\\')
        {
          *out++ = *p++;
          continue;
        }

      p++;
      switch (*p++)
        {
        case '"': *out++ = '"'; continue;
        case '\\': *out++ = '\\'; continue;
        case '/': *out++ = '/'; continue;
        case 'b': *out++ = '\b'; continue;
        case 'f': *out++ = '\f'; continue;
        case 'n': *out++ = '\n'; continue;
        case 'r': *out++ = '\r'; continue;
        case 't': *out++ = '\t'; continue;
        case 'u': break;
        default: return FALSE;
        }

      if (end - p < 4 || (unichar = hex4 (p)) < 0)
        return FALSE;
      p += 4;

      if (unichar >= 0xDC00 && unichar <= 0xDFFF)
        return FALSE;
      if (unichar >= 0xD800 && unichar <= 0xDBFF)
        {
          int low;

          if (end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
              (low = hex4 (p + 2)) < 0xDC00 || low > 0xDFFF)
            return FALSE;
          p += 6;
          unichar = 0x10000 + ((unichar - 0xD800) << 10) + (low - 0xDC00);
        }
      if (unichar == 0)
        return FALSE;

      out += g_unichar_to_utf8 (unichar, out);
    }

  *out = '\0';
  return TRUE;
}

static gboolean
parse_string (Parser      *parser,
              const char **out)
{
  const char *start = parser->p + 1;
  const char *p = start;
  const char *end = parser->end;
  gboolean escaped = FALSE;
  char *text;

  /* Find the end first, validating as we go, so that the copy is one
   * allocation of the right size. */
  for (;;)
    {
      guchar c;

      if (p >= end)
        return FALSE;

      c = *p;
      if (c == '"')
        break;
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          if (end - p < 2)
            return FALSE;
          escaped = TRUE;
          p += 2;
        }
      else if (c < 0x80)
        {
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return FALSE;
          p += g_utf8_skip[c];
        }
    }

  text = arena_alloc (parser->json, p - start + 1);
  if (!escaped)
    {
      memcpy (text, start, p - start);
      text[p - start] = '\0';
    }
  else if (!decode_escapes (start, p, text))
    {
      return FALSE;
    }

  parser->p = p + 1;
  *out = text;
  return TRUE;
}

static gboolean
parse_literal (Parser     *parser,
               const char *literal,
               gsize       length)
{
  if ((gsize) (parser->end - parser->p) < length || memcmp (parser->p, literal, length) != 0)
    return FALSE;

  parser->p += length;
  return TRUE;
}

static inline void
push_child (Parser            *parser,
            const OvfJsonNode *child)
{
  if (G_UNLIKELY (parser->stack_len == parser->stack_size))
    {
      parser->stack_size *= 2;
      parser->stack = g_renew (OvfJsonNode, parser->stack, parser->stack_size);
    }

  parser->stack[parser->stack_len++] = *child;
}

/* Moves the children above @mark from the stack into the arena. */
static void
close_container (Parser      *parser,
                 OvfJsonNode *node,
                 guint        mark)
{
  guint n = parser->stack_len - mark;
  OvfJsonNode *children = NULL;

  if (n > 0)
    {
      children = arena_alloc (parser->json, n * sizeof (OvfJsonNode));
      memcpy (children, &parser->stack[mark], n * sizeof (OvfJsonNode));
    }

  parser->stack_len = mark;
  node->n_children = n;
  node->value.children = children;
}

static gboolean
has_repeated_keys (const OvfJsonNode *object)
{
  const OvfJsonNode *members = object->value.children;
  g_autoptr(GHashTable) seen = NULL;

  /* Dataset objects are small: compare pairwise. */
  if (object->n_children <= 16)
    {
      for (guint i = 1; i < object->n_children; i++)
        for (guint j = 0; j < i; j++)
          if (members[i].key[0] == members[j].key[0] && strcmp (members[i].key, members[j].key) == 0)
            return TRUE;
      return FALSE;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < object->n_children; i++)
    if (!g_hash_table_add (seen, (gpointer) members[i].key))
      return TRUE;

  return FALSE;
}

/* Reads `"key" :`, leaving the parser before the value. */
static gboolean
parse_key (Parser      *parser,
           const char **key)
{
  parser_skip_space (parser);
  if (parser_peek (parser) != '"' || !parse_string (parser, key))
    return FALSE;
  parser_skip_space (parser);
  if (parser_peek (parser) != ':')
    return FALSE;
  parser->p++;
  return TRUE;
}

/* An object or an array: they differ only in the closing bracket and in
 * the keys before an object's values. */
static gboolean
parse_container (Parser      *parser,
                 OvfJsonNode *node,
                 OvfJsonType  type,
                 guint        depth)
{
  char close = type == OVF_JSON_OBJECT ? '}' : ']';
  guint mark = parser->stack_len;

  node->type = type;
  parser->p++;
  parser_skip_space (parser);
  if (parser_peek (parser) != close)
    {
      for (;;)
        {
          OvfJsonNode child = { 0 };

          if (type == OVF_JSON_OBJECT && !parse_key (parser, &child.key))
            return FALSE;
          if (!parse_value (parser, &child, depth))
            return FALSE;
          push_child (parser, &child);

          parser_skip_space (parser);
          if (parser_peek (parser) == close)
            break;
          if (parser_peek (parser) != ',')
            return FALSE;
          parser->p++;
        }
    }

  parser->p++;
  close_container (parser, node, mark);
  return type != OVF_JSON_OBJECT || !has_repeated_keys (node);
}

static gboolean
parse_value (Parser      *parser,
             OvfJsonNode *node,
             guint        depth)
{
  parser_skip_space (parser);

  switch (parser_peek (parser))
    {
    case '{':
      return depth < OVF_JSON_MAX_DEPTH && parse_container (parser, node, OVF_JSON_OBJECT, depth + 1);
    case '[':
      return depth < OVF_JSON_MAX_DEPTH && parse_container (parser, node, OVF_JSON_ARRAY, depth + 1);
    case '"':
      node->type = OVF_JSON_STRING;
      return parse_string (parser, &node->value.string);
    case 't':
      node->type = OVF_JSON_BOOLEAN;
      node->value.boolean = TRUE;
      return parse_literal (parser, "true", 4);
    case 'f':
      node->type = OVF_JSON_BOOLEAN;
      node->value.boolean = FALSE;
      return parse_literal (parser, "false", 5);
    case 'n':
      node->type = OVF_JSON_NULL;
      return parse_literal (parser, "null", 4);
    default:
      return parse_number (parser, node);
    }
}

OvfJson *
ovf_json_parse (const char *data,
                gsize       length)
{
  g_autoptr(OvfJson) json = g_new0 (OvfJson, 1);
  Parser parser = {
    .p = data,
    .end = data + length,
    .json = json,
  };
  gboolean ok;

  json->blocks = g_ptr_array_new_with_free_func (g_free);
  parser.stack_size = 1024;
  parser.stack = g_new (OvfJsonNode, parser.stack_size);

  ok = parse_value (&parser, &json->root, 0);
  parser_skip_space (&parser);
  ok = ok && parser.p == parser.end;

  g_free (parser.stack);
  return ok ? g_steal_pointer (&json) : NULL;
}

const OvfJsonNode *
ovf_json_get_root (OvfJson *json)
{
  g_return_val_if_fail (json != NULL, NULL);

  return &json->root;
}

void
ovf_json_free (OvfJson *json)
{
  if (json == NULL)
    return;

  g_ptr_array_unref (json->blocks);
  g_free (json);
}

const OvfJsonNode *
ovf_json_get_member (const OvfJsonNode *object,
                     const char        *key)
{
  guint hint = 0;

  return ovf_json_find_member (object, key, &hint);
}

const OvfJsonNode *
ovf_json_find_member (const OvfJsonNode *object,
                      const char        *key,
                      guint             *hint)
{
  guint n;

  g_return_val_if_fail (object != NULL && object->type == OVF_JSON_OBJECT, NULL);

  n = object->n_children;
  for (guint k = 0, i = *hint < n ? *hint : 0; k < n; k++, i = i + 1 < n ? i + 1 : 0)
    {
      const char *member = object->value.children[i].key;

      if (member[0] == key[0] && strcmp (member, key) == 0)
        {
          *hint = i + 1 < n ? i + 1 : 0;
          return &object->value.children[i];
        }
    }

  return NULL;
}
