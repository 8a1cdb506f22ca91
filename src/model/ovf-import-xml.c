/* ovf-import-xml.c: libxml2's SAX2 parser set up for untrusted files
 *
 * The parser streams: no tree is built, so a file of a million points
 * costs only the points. It never touches the network (XML_PARSE_NONET),
 * never loads a DTD and never substitutes entities; a document that
 * declares an entity is refused at the declaration, so the billion laughs
 * and external entities are stopped before any expansion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <math.h>
#include <string.h>

#include "ovf-import-xml.h"

/* libxml2's push parser moves what is left of its buffer after each
 * chunk: larger chunks cost more copying, not less (1.4 s against 3 s
 * for a million points with 256 KiB). */
#define CHUNK_SIZE (64 * 1024)

guint
ovf_xml_reader_line (OvfXmlReader *reader)
{
  return (guint) MAX (xmlSAX2GetLineNumber (reader->ctxt), 0);
}

guint
ovf_xml_reader_column (OvfXmlReader *reader)
{
  return (guint) MAX (xmlSAX2GetColumnNumber (reader->ctxt), 0);
}

void
ovf_xml_reader_collect (OvfXmlReader *reader)
{
  g_string_truncate (reader->text, 0);
  reader->collecting = TRUE;
  /* Called from the start tag's callback, which runs just before its
   * closing '>': the text begins after it. */
  reader->text_line = ovf_xml_reader_line (reader);
  reader->text_column = ovf_xml_reader_column (reader) + 1;
}

const char *
ovf_xml_reader_text (OvfXmlReader *reader)
{
  return reader->collecting ? reader->text->str : NULL;
}

char *
ovf_xml_attribute (const xmlChar **attributes,
                   int             n_attributes,
                   const char     *name)
{
  /* Five pointers each: local name, prefix, URI, value start and end. */
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + i * 5;

      if (strcmp ((const char *) attribute[0], name) == 0)
        return g_strndup ((const char *) attribute[3], attribute[4] - attribute[3]);
    }

  return NULL;
}

static void
stop (OvfXmlReader *reader)
{
  reader->collecting = FALSE;
  xmlStopParser (reader->ctxt);
}

static void
on_start (void           *user_data,
          const xmlChar  *localname,
          const xmlChar  *prefix,
          const xmlChar  *uri,
          int             n_namespaces,
          const xmlChar **namespaces,
          int             n_attributes,
          int             n_defaulted,
          const xmlChar **attributes)
{
  OvfXmlReader *reader = user_data;
  const char *name = (const char *) localname;

  reader->collecting = FALSE;
  if (reader->depth++ > 0)
    {
      if (reader->handler != NULL)
        reader->handler->start (reader, reader->state, name, attributes, n_attributes);
      return;
    }

  if (strcmp (name, "gpx") == 0)
    reader->handler = &ovf_import_gpx_handler;
  else if (strcmp (name, "kml") == 0)
    reader->handler = &ovf_import_kml_handler;

  if (reader->handler != NULL)
    {
      reader->state = reader->handler->begin (reader, (const char *) uri, attributes, n_attributes);
      return;
    }

  if (g_ascii_strcasecmp (name, "html") == 0)
    ovf_import_problem (reader->import, NULL, ovf_xml_reader_line (reader), ovf_xml_reader_column (reader),
                        _("this is a web page (HTML), not a GPX or KML file"));
  else
    ovf_import_problem (reader->import, NULL, ovf_xml_reader_line (reader), ovf_xml_reader_column (reader),
                        _("the root element <%s> is neither GPX’s <gpx> nor KML’s <kml>"), name);
  stop (reader);
}

static void
on_end (void          *user_data,
        const xmlChar *localname,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  OvfXmlReader *reader = user_data;

  /* The handler sees the same depth as at the start. */
  if (reader->depth > 1 && reader->handler != NULL)
    reader->handler->end (reader, reader->state, (const char *) localname);
  reader->depth--;
  reader->collecting = FALSE;
}

static void
on_text (void          *user_data,
         const xmlChar *text,
         int            length)
{
  OvfXmlReader *reader = user_data;

  if (reader->collecting)
    g_string_append_len (reader->text, (const char *) text, length);
}

static void
on_internal_subset (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  OvfXmlReader *reader = user_data;

  if (name != NULL && g_ascii_strcasecmp ((const char *) name, "html") == 0)
    {
      ovf_import_problem (reader->import, NULL, ovf_xml_reader_line (reader), ovf_xml_reader_column (reader),
                          _("this is a web page (HTML), not a GPX or KML file"));
      stop (reader);
    }
}

static void
on_entity_decl (void          *user_data,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  OvfXmlReader *reader = user_data;

  ovf_import_problem (reader->import, NULL, ovf_xml_reader_line (reader), ovf_xml_reader_column (reader),
                      _("the file declares the entity “%s”: entities are refused, as they can "
                        "expand to gigabytes or read other files"), (const char *) name);
  stop (reader);
}

/* Entities are never defined, so "&name;" is an error rather than a
 * lookup; the five predefined ones still work. */
static xmlEntityPtr
on_get_entity (void          *user_data,
               const xmlChar *name)
{
  return NULL;
}

static const char *
encoding_name (xmlParserCtxtPtr ctxt)
{
  if (ctxt == NULL)
    return "?";
  if (ctxt->encoding != NULL)
    return (const char *) ctxt->encoding;
  if (ctxt->input != NULL && ctxt->input->buf != NULL && ctxt->input->buf->encoder != NULL)
    return ctxt->input->buf->encoder->name;

  return "UTF-8";
}

static void
on_error (void        *user_data,
          xmlErrorPtr  error)
{
  OvfXmlReader *reader = user_data;
  g_autofree char *message = NULL;

  /* After the first fatal error libxml2 may add consequences of it;
   * the flag is lowered only after this callback. */
  /* The context is NULL while libxml2 still sets it up. */
  if (error->level < XML_ERR_ERROR || error->code == XML_ERR_USER_STOP ||
      (reader->ctxt != NULL && !reader->ctxt->wellFormed) || (reader->ctxt == NULL && reader->import->n_problems > 0))
    return;

  message = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
  if (reader->encoding_error)
    ovf_import_problem (reader->import, NULL, error->line, error->int2,
                        _("the text is not valid in its encoding (%s)"), encoding_name (reader->ctxt));
  else if (error->code == XML_ERR_DOCUMENT_EMPTY)
    ovf_import_problem (reader->import, NULL, MAX (error->line, 1), MAX (error->int2, 1),
                        _("the file is empty"));
  else if (error->code == XML_ERR_INVALID_CHAR || error->code == XML_ERR_INVALID_ENCODING)
    ovf_import_problem (reader->import, NULL, error->line, error->int2,
                        _("the text is not valid in its encoding: %s"), message);
  else
    ovf_import_problem (reader->import, NULL, error->line, error->int2,
                        /* Translators: %s is libxml2's description, in English */
                        _("not well-formed XML: %s"), message);
}

static void
on_generic_error (void       *user_data,
                  const char *format,
                  ...)
{
  OvfXmlReader *reader = user_data;

  reader->encoding_error = TRUE;
}

void
ovf_import_read_xml (OvfImport  *import,
                     const char *data,
                     gsize       length)
{
  xmlSAXHandler sax = { 0 };
  OvfXmlReader reader = { 0 };
  gsize offset;

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.cdataBlock = on_text;
  sax.internalSubset = on_internal_subset;
  sax.entityDecl = on_entity_decl;
  sax.getEntity = on_get_entity;
  sax.getParameterEntity = on_get_entity;
  sax.serror = on_error;

  reader.import = import;
  reader.text = g_string_new (NULL);
  offset = MIN (length, 4);
  xmlSetGenericErrorFunc (&reader, on_generic_error);
  reader.ctxt = xmlCreatePushParserCtxt (&sax, &reader, data, (int) offset, import->name);
  if (reader.ctxt == NULL)
    {
      xmlSetGenericErrorFunc (NULL, NULL);
      if (import->n_problems == 0)
        ovf_import_problem (import, NULL, 1, 1, _("not well-formed XML"));
      g_string_free (reader.text, TRUE);
      return;
    }
  xmlCtxtUseOptions (reader.ctxt, XML_PARSE_NONET | XML_PARSE_NOBLANKS);

  /* Problems with points do not stop the parser, so that all are
   * reported; a fatal error or a refusal does. */
  for (;;)
    {
      gsize chunk = MIN (length - offset, CHUNK_SIZE);
      gboolean last = offset + chunk == length;

      xmlParseChunk (reader.ctxt, data + offset, (int) chunk, last);
      if (last || reader.ctxt->disableSAX)
        break;
      offset += chunk;
    }

  if (import->n_problems == 0 && !reader.ctxt->wellFormed)
    ovf_import_problem (import, NULL, MAX (ovf_xml_reader_line (&reader), 1), MAX (ovf_xml_reader_column (&reader), 1),
                        _("not well-formed XML"));
  else if (import->n_problems == 0 && reader.handler == NULL)
    ovf_import_problem (import, NULL, 1, 1, _("the file is empty"));

  xmlSetGenericErrorFunc (NULL, NULL);
  if (reader.handler != NULL && reader.state != NULL)
    reader.handler->free (reader.state);
  g_string_free (reader.text, TRUE);
  /* A DOCTYPE makes libxml2's default SAX handlers build a document to
   * hold its DTD; the parser context does not free it. */
  if (reader.ctxt->myDoc != NULL)
    xmlFreeDoc (reader.ctxt->myDoc);
  xmlFreeParserCtxt (reader.ctxt);
}

/* The reading position inside the collected text. */
typedef struct
{
  const char *p;
  guint       line;
  guint       column;
} Cursor;

static void
advance (Cursor *cursor)
{
  if (*cursor->p == '\n')
    {
      cursor->line++;
      cursor->column = 1;
    }
  else if (((guchar) *cursor->p & 0xc0) != 0x80)
    {
      cursor->column++;
    }
  cursor->p++;
}

static gboolean
read_tuple (OvfXmlReader *reader,
            const char   *path,
            char          separator,
            const char   *token,
            guint         line,
            guint         column,
            double        values[3])
{
  g_auto(GStrv) parts = separator == ' ' ? g_strsplit_set (token, " \t\r\n", -1) : g_strsplit (token, ",", -1);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (separator == ' ' && parts[i][0] == '\0')
        continue;
      if (n == 3 || !ovf_import_parse_double (parts[i], &values[n]))
        {
          ovf_import_problem (reader->import, path, line, column,
                              separator == ' '
                              ? _("“%s” is not “longitude latitude [altitude]” in decimal degrees with a point")
                              : _("“%s” is not “longitude,latitude[,altitude]” in decimal degrees with a point"),
                              token);
          return FALSE;
        }
      n++;
    }

  if (n < 2)
    {
      ovf_import_problem (reader->import, path, line, column,
                          _("“%s” lacks a latitude"), token);
      return FALSE;
    }
  if (n == 2)
    values[2] = NAN;

  return TRUE;
}

void
ovf_xml_read_positions (OvfXmlReader       *reader,
                        const char         *path,
                        char                separator,
                        OvfXmlPositionFunc  add,
                        gpointer            user_data)
{
  Cursor cursor = { reader->text->str, reader->text_line, reader->text_column };

  for (;;)
    {
      Cursor start;
      g_autofree char *token = NULL;
      double values[3];

      while (*cursor.p != '\0' && g_ascii_isspace (*cursor.p))
        advance (&cursor);
      if (*cursor.p == '\0')
        return;

      start = cursor;
      if (separator == ' ')
        {
          /* gx:coord holds one position, its numbers apart by spaces. */
          while (*cursor.p != '\0')
            advance (&cursor);
          token = g_strstrip (g_strndup (start.p, cursor.p - start.p));
        }
      else
        {
          while (*cursor.p != '\0' && !g_ascii_isspace (*cursor.p))
            advance (&cursor);
          token = g_strndup (start.p, cursor.p - start.p);
        }

      if (read_tuple (reader, path, separator, token, start.line, start.column, values) &&
          ovf_import_check_position (reader->import, values[1], values[0], path, start.line, start.column))
        add (user_data, values[1], values[0], values[2], start.line, start.column);
    }
}
