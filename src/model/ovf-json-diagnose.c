/* ovf-json-diagnose.c: the JSON scanner that says what is wrong and where
 *
 * The scanner reads the same strict grammar as the parser in ovf-json.c,
 * but slowly and only when something is wrong: it says what and where, and
 * maps field paths to lines and columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ovf-json-private.h"

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

  if (!ovf_json_number_is_finite (scanner->data + start_offset, scanner->offset - start_offset))
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
