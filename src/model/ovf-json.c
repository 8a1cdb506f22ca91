/* ovf-json.c
 *
 * Two readers of the same strict grammar. The parser builds a compact tree
 * in an arena as fast as it can: it keeps no positions and stops at the
 * first error. The scanner is slower and runs only when something is
 * wrong: it says what and where, and maps field paths to lines and
 * columns. (json-glib 1.6 needs about ten seconds for a million track
 * points, is lenient about comments and trailing text, and keeps no
 * positions, so datasets are read here.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-json.h"

/* The parser. */

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

static gboolean
number_is_finite (const char *text,
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

/* The scanner. */

typedef struct
{
  guint line;
  guint column;
} Position;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       offset;
  Position    here;

  /* Set by the first syntax error; scanning stops there. */
  char       *error;
  Position    error_at;

  /* For locating: the path of the value being scanned, and the paths
   * wanted, each mapped to its position once seen. */
  GString    *path;
  GHashTable *wanted;
} Scanner;

static gboolean scan_value (Scanner *scanner,
                            guint    depth);

static gboolean
at_end (Scanner *scanner)
{
  return scanner->offset >= scanner->length;
}

static char
peek (Scanner *scanner)
{
  return at_end (scanner) ? '\0' : scanner->data[scanner->offset];
}

/* Moves one byte on; columns count characters, so UTF-8 continuation
 * bytes do not advance the column. */
static void
advance (Scanner *scanner)
{
  guchar c = scanner->data[scanner->offset++];

  if (c == '\n')
    {
      scanner->here.line++;
      scanner->here.column = 1;
    }
  else if ((c & 0xC0) != 0x80)
    {
      scanner->here.column++;
    }
}

static gboolean
fail_at (Scanner    *scanner,
         Position    position,
         const char *message)
{
  if (scanner->error == NULL)
    {
      scanner->error = g_strdup (message);
      scanner->error_at = position;
    }
  return FALSE;
}

static gboolean
fail (Scanner    *scanner,
      const char *message)
{
  return fail_at (scanner, scanner->here, message);
}

/* Names what was found at the current position, for messages. */
static gboolean
fail_unexpected (Scanner    *scanner,
                 const char *expected)
{
  g_autofree char *message = NULL;
  g_autofree char *found = NULL;
  gunichar c;

  if (at_end (scanner))
    {
      /* Translators: %s says what was expected, e.g. "‘,’ or ‘]’" */
      message = g_strdup_printf (_("unexpected end of file; expected %s"), expected);
      return fail (scanner, message);
    }

  c = g_utf8_get_char_validated (scanner->data + scanner->offset,
                                 scanner->length - scanner->offset);
  if (c == 0xFEFF)
    return fail (scanner, _("byte order mark (U+FEFF): save the file as UTF-8 without one"));
  if (c == (gunichar) -1 || c == (gunichar) -2)
    found = g_strdup ("?");
  else if (g_unichar_isgraph (c))
    found = g_strdup_printf ("‘%.*s’", g_utf8_skip[(guchar) scanner->data[scanner->offset]],
                             scanner->data + scanner->offset);
  else
    found = g_strdup_printf ("U+%04X", c);

  /* Translators: the first %s is the character found, the second what was expected */
  message = g_strdup_printf (_("unexpected %s; expected %s"), found, expected);
  return fail (scanner, message);
}

static void
skip_space (Scanner *scanner)
{
  while (!at_end (scanner))
    {
      char c = peek (scanner);

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      advance (scanner);
    }
}

static void
mark (Scanner *scanner)
{
  Position *position;

  if (scanner->wanted == NULL)
    return;

  position = g_hash_table_lookup (scanner->wanted, scanner->path->str);
  if (position != NULL && position->line == 0)
    *position = scanner->here;
}

static gboolean
expect_literal (Scanner    *scanner,
                const char *literal)
{
  Position start = scanner->here;

  for (const char *p = literal; *p != '\0'; p++)
    {
      if (peek (scanner) != *p)
        {
          g_autofree char *message =
            /* Translators: %s is a JSON literal: true, false or null */
            g_strdup_printf (_("not a value; did you mean %s?"), literal);

          return fail_at (scanner, start, message);
        }
      advance (scanner);
    }

  return TRUE;
}

/* Errors in escapes are reported at their backslash, @start. */
static gboolean
scan_hex4 (Scanner  *scanner,
           Position  start,
           gunichar *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (peek (scanner));

      if (digit < 0)
        return fail_at (scanner, start, _("invalid \\u escape: four hexadecimal digits are needed"));
      value = value * 16 + digit;
      advance (scanner);
    }

  *out = value;
  return TRUE;
}

/* After a \\u escape of a high surrogate, reads the low one that must
 * follow and combines them. */
static gboolean
scan_surrogate_pair (Scanner  *scanner,
                     Position  start,
                     gunichar *unichar)
{
  gunichar low;

  if (*unichar >= 0xDC00 && *unichar <= 0xDFFF)
    return fail_at (scanner, start, _("unpaired UTF-16 surrogate in a \\u escape"));
  if (*unichar < 0xD800 || *unichar > 0xDBFF)
    return TRUE;

  if (peek (scanner) != '\\')
    return fail_at (scanner, start, _("unpaired UTF-16 surrogate in a \\u escape"));
  advance (scanner);
  if (peek (scanner) != 'u')
    return fail_at (scanner, start, _("unpaired UTF-16 surrogate in a \\u escape"));
  advance (scanner);
  if (!scan_hex4 (scanner, start, &low))
    return FALSE;
  if (low < 0xDC00 || low > 0xDFFF)
    return fail_at (scanner, start, _("unpaired UTF-16 surrogate in a \\u escape"));

  *unichar = 0x10000 + ((*unichar - 0xD800) << 10) + (low - 0xDC00);
  return TRUE;
}

/* Scans a string; when @text is given, appends its decoded content. */
static gboolean
scan_string (Scanner *scanner,
             GString *text)
{
  Position string_at = scanner->here;

  advance (scanner);   /* the opening quote */

  for (;;)
    {
      Position escape_at;
      guchar c;

      if (at_end (scanner))
        return fail_at (scanner, string_at, _("unterminated string"));

      c = scanner->data[scanner->offset];
      if (c == '"')
        {
          advance (scanner);
          return TRUE;
        }
      if (c == '\n')
        return fail_at (scanner, string_at, _("unterminated string: a string cannot span lines"));
      if (c < 0x20)
        return fail (scanner, _("control character in a string; write it as an escape such as \\t"));

      if (c != '\\')
        {
          if (text != NULL)
            g_string_append_c (text, c);
          advance (scanner);
          continue;
        }

      escape_at = scanner->here;
      advance (scanner);
      c = peek (scanner);
      switch (c)
        {
        case '"': case '\\': case '/':
          if (text != NULL)
            g_string_append_c (text, c);
          advance (scanner);
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          advance (scanner);
          break;
        case 'u':
          {
            gunichar unichar;

            advance (scanner);
            if (!scan_hex4 (scanner, escape_at, &unichar) ||
                !scan_surrogate_pair (scanner, escape_at, &unichar))
              return FALSE;
            if (unichar == 0)
              return fail_at (scanner, escape_at, _("\\u0000 is not allowed in a string"));
            if (text != NULL)
              g_string_append_unichar (text, unichar);
          }
          break;
        default:
          return fail_at (scanner, escape_at, _("invalid escape in a string"));
        }
    }
}

static gboolean
scan_digits (Scanner *scanner)
{
  if (!g_ascii_isdigit (peek (scanner)))
    return fail (scanner, _("invalid number: a digit is missing"));
  while (g_ascii_isdigit (peek (scanner)))
    advance (scanner);
  return TRUE;
}

static gboolean
scan_number_syntax (Scanner *scanner);

static gboolean
scan_number (Scanner *scanner)
{
  Position start = scanner->here;
  gsize start_offset = scanner->offset;

  if (!scan_number_syntax (scanner))
    {
      scanner->error_at = start;
      return FALSE;
    }

  if (!number_is_finite (scanner->data + start_offset, scanner->offset - start_offset))
    return fail_at (scanner, start, _("the number is too large"));

  return TRUE;
}

static gboolean
scan_number_syntax (Scanner *scanner)
{
  if (peek (scanner) == '-')
    advance (scanner);

  if (peek (scanner) == '0')
    {
      advance (scanner);
      if (g_ascii_isdigit (peek (scanner)))
        return fail (scanner, _("invalid number: leading zeros are not allowed"));
    }
  else if (!scan_digits (scanner))
    {
      return FALSE;
    }

  if (peek (scanner) == '.')
    {
      advance (scanner);
      if (!scan_digits (scanner))
        return FALSE;
    }

  if (peek (scanner) == 'e' || peek (scanner) == 'E')
    {
      advance (scanner);
      if (peek (scanner) == '+' || peek (scanner) == '-')
        advance (scanner);
      if (!scan_digits (scanner))
        return FALSE;
    }

  return TRUE;
}

/* Reads a member name and its ‘:’, refusing a name already in @seen. */
static gboolean
scan_member_name (Scanner    *scanner,
                  GString    *key,
                  GHashTable *seen)
{
  Position key_at;

  skip_space (scanner);
  if (peek (scanner) != '"')
    return fail_unexpected (scanner, _("a member name in double quotes"));

  key_at = scanner->here;
  g_string_truncate (key, 0);
  if (!scan_string (scanner, key))
    return FALSE;
  if (!g_hash_table_add (seen, g_strdup (key->str)))
    {
      g_autofree char *message =
        g_strdup_printf (_("the member “%s” appears twice in this object"), key->str);

      return fail_at (scanner, key_at, message);
    }

  skip_space (scanner);
  if (peek (scanner) != ':')
    return fail_unexpected (scanner, _("‘:’ after the member name"));
  advance (scanner);
  return TRUE;
}

/* An object or an array; the path names each member or element while its
 * value is scanned. */
static gboolean
scan_container (Scanner *scanner,
                guint    depth)
{
  gboolean is_object = peek (scanner) == '{';
  char close = is_object ? '}' : ']';
  gsize path_len = scanner->path->len;
  g_autoptr(GString) key = is_object ? g_string_new (NULL) : NULL;
  g_autoptr(GHashTable) seen = is_object ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL)
                                         : NULL;

  advance (scanner);   /* { or [ */
  skip_space (scanner);
  if (peek (scanner) == close)
    {
      advance (scanner);
      return TRUE;
    }

  for (guint index = 0;; index++)
    {
      gboolean ok;

      if (!is_object)
        {
          g_string_append_printf (scanner->path, "[%u]", index);
        }
      else if (scan_member_name (scanner, key, seen))
        {
          if (path_len > 0)
            g_string_append_c (scanner->path, '.');
          g_string_append_len (scanner->path, key->str, key->len);
        }
      else
        {
          return FALSE;
        }

      ok = scan_value (scanner, depth);
      g_string_truncate (scanner->path, path_len);
      if (!ok)
        return FALSE;

      skip_space (scanner);
      if (peek (scanner) == close)
        {
          advance (scanner);
          return TRUE;
        }
      if (peek (scanner) != ',')
        return fail_unexpected (scanner, is_object ? _("‘,’ or ‘}’") : _("‘,’ or ‘]’"));
      advance (scanner);
    }
}

static gboolean
scan_value (Scanner *scanner,
            guint    depth)
{
  skip_space (scanner);
  mark (scanner);

  switch (peek (scanner))
    {
    case '{':
    case '[':
      if (depth >= OVF_JSON_MAX_DEPTH)
        return fail (scanner, _("nested too deeply"));
      return scan_container (scanner, depth + 1);
    case '"':
      return scan_string (scanner, NULL);
    case 't':
      return expect_literal (scanner, "true");
    case 'f':
      return expect_literal (scanner, "false");
    case 'n':
      return expect_literal (scanner, "null");
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (scanner);
    default:
      return fail_unexpected (scanner, _("a value"));
    }
}

static void
scanner_init (Scanner    *scanner,
              const char *data,
              gsize       length)
{
  *scanner = (Scanner) {
    .data = data,
    .length = length,
    .here = { 1, 1 },
    .path = g_string_new (NULL),
  };
}

static void
scanner_clear (Scanner *scanner)
{
  g_free (scanner->error);
  g_string_free (scanner->path, TRUE);
}

/* Scans the whole document; FALSE at the first syntax error. */
static gboolean
scan_document (Scanner *scanner)
{
  if (!scan_value (scanner, 0))
    return FALSE;

  skip_space (scanner);
  if (!at_end (scanner))
    return fail_unexpected (scanner, _("the end of the file after the value"));

  return TRUE;
}

static OvfDiagnostic *
find_syntax_error (const char *data,
                   gsize       length)
{
  Scanner scanner;
  OvfDiagnostic *diagnostic = NULL;

  scanner_init (&scanner, data, length);
  if (length == 0)
    diagnostic = ovf_diagnostic_new (NULL, 1, 1, _("the file is empty"));
  else if (!scan_document (&scanner))
    diagnostic = ovf_diagnostic_new (NULL, scanner.error_at.line, scanner.error_at.column,
                                     scanner.error);
  scanner_clear (&scanner);

  return diagnostic;
}

/* Adds @path and each of its ancestors ("a.b[2].c", "a.b[2]", "a.b", "a"). */
static void
want_path (GHashTable *wanted,
           const char *path)
{
  g_autofree char *copy = g_strdup (path);

  for (gsize len = strlen (copy); len > 0; len--)
    {
      if (copy[len] == '\0' || copy[len] == '.' || copy[len] == '[')
        {
          copy[len] = '\0';
          if (!g_hash_table_contains (wanted, copy))
            g_hash_table_insert (wanted, g_strdup (copy), g_new0 (Position, 1));
        }
    }
  if (!g_hash_table_contains (wanted, ""))
    g_hash_table_insert (wanted, g_strdup (""), g_new0 (Position, 1));
}

/* The position of @path, or of its deepest ancestor that was seen. */
static const Position *
find_position (GHashTable *wanted,
               const char *path)
{
  g_autofree char *copy = g_strdup (path);
  gsize len = strlen (copy);

  for (;;)
    {
      const Position *position = g_hash_table_lookup (wanted, copy);

      if (position != NULL && position->line > 0)
        return position;
      if (len == 0)
        return NULL;

      while (len > 0 && copy[len] != '.' && copy[len] != '[')
        len--;
      copy[len] = '\0';
    }
}

void
ovf_json_locate (const char *data,
                 gsize       length,
                 GPtrArray  *diagnostics)
{
  Scanner scanner;

  scanner_init (&scanner, data, length);
  scanner.wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      OvfDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->path != NULL && diagnostic->line == 0)
        want_path (scanner.wanted, diagnostic->path);
    }

  if (g_hash_table_size (scanner.wanted) > 0)
    {
      /* A syntax error only cuts the walk short; what was seen stays. */
      scan_document (&scanner);

      for (guint i = 0; i < diagnostics->len; i++)
        {
          OvfDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
          const Position *position;

          if (diagnostic->path == NULL || diagnostic->line != 0)
            continue;
          position = find_position (scanner.wanted, diagnostic->path);
          if (position != NULL)
            {
              diagnostic->line = position->line;
              diagnostic->column = position->column;
            }
        }
    }

  g_hash_table_unref (scanner.wanted);
  scanner_clear (&scanner);
}

/* A pass over the raw bytes for what the scanner does not check itself:
 * NUL bytes, invalid UTF-8 and runaway nesting (before recursing into it). */
static OvfDiagnostic *
prescan (const char *data,
         gsize       length)
{
  Position here = { 1, 1 };
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c == '\0')
        return ovf_diagnostic_new (NULL, here.line, here.column,
                                   _("NUL byte: this is not a text file"));

      if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char_validated (data + i, length - i);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return ovf_diagnostic_new (NULL, here.line, here.column,
                                       _("invalid UTF-8: the file must be saved as UTF-8"));
          i += g_utf8_skip[c] - 1;
          here.column++;
          continue;
        }

      if (c == '\n')
        {
          here.line++;
          here.column = 1;
          continue;
        }
      here.column++;

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > OVF_JSON_MAX_DEPTH)
            {
              g_autofree char *message =
                g_strdup_printf (_("nested more than %u levels deep"), OVF_JSON_MAX_DEPTH);

              return ovf_diagnostic_new (NULL, here.line, here.column - 1, message);
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return NULL;
}

OvfDiagnostic *
ovf_json_diagnose (const char *data,
                   gsize       length)
{
  OvfDiagnostic *diagnostic = prescan (data, length);

  if (diagnostic == NULL)
    diagnostic = find_syntax_error (data, length);

  return diagnostic;
}
