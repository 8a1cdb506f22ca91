/* ovf-import-xml.h: the safe, streaming XML reader under GPX and KML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>

#include "ovf-import-private.h"

G_BEGIN_DECLS

typedef struct _OvfXmlReader OvfXmlReader;

/* A format's side of the reader: called for each element inside the root
 * with its local name (prefixes and namespaces are not compared, as files
 * in the wild mix them). */
typedef struct
{
  gpointer (*begin) (OvfXmlReader   *reader,
                     const char     *namespace_uri,
                     const xmlChar **attributes,
                     int             n_attributes);
  void     (*start) (OvfXmlReader   *reader,
                     gpointer        state,
                     const char     *name,
                     const xmlChar **attributes,
                     int             n_attributes);
  void     (*end)   (OvfXmlReader   *reader,
                     gpointer        state,
                     const char     *name);
  void     (*free)  (gpointer        state);
} OvfXmlHandler;

extern const OvfXmlHandler ovf_import_gpx_handler;
extern const OvfXmlHandler ovf_import_kml_handler;

struct _OvfXmlReader
{
  OvfImport           *import;
  xmlParserCtxtPtr     ctxt;
  const OvfXmlHandler *handler;
  gpointer             state;
  guint                depth;
  /* The text of the element being collected, and where it began. */
  GString             *text;
  gboolean             collecting;
  guint                text_line;
  guint                text_column;
  /* libxml2 reports bytes its decoder refuses through its generic error
   * channel, before the located error they cause. */
  gboolean             encoding_error;
};

/* Collects the text of the element just started until its end. */
void        ovf_xml_reader_collect   (OvfXmlReader   *reader);
/* The text collected, or NULL when none was asked for. */
const char *ovf_xml_reader_text      (OvfXmlReader   *reader);
guint       ovf_xml_reader_line      (OvfXmlReader   *reader);
guint       ovf_xml_reader_column    (OvfXmlReader   *reader);
/* The value of the attribute named @name (without prefix), as a new
 * string, or NULL. */
char       *ovf_xml_attribute        (const xmlChar **attributes,
                                      int             n_attributes,
                                      const char     *name);
/* Reads "lon,lat[,alt]" tuples (KML coordinates) or, with @separator ' ',
 * one "lon lat [alt]" (gx:coord). Problems are located inside @text from
 * the collected text's start. Calls @add for each position. */
typedef void (*OvfXmlPositionFunc) (gpointer user_data,
                                    double   lat,
                                    double   lon,
                                    double   alt_m,
                                    guint    line,
                                    guint    column);
void        ovf_xml_read_positions   (OvfXmlReader       *reader,
                                      const char         *path,
                                      char                separator,
                                      OvfXmlPositionFunc  add,
                                      gpointer            user_data);

G_END_DECLS
