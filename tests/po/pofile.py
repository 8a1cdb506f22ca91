# pofile.py: a small reader for gettext PO files, enough for the po tests.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import ast


class Entry:
    def __init__(self):
        self.context = None
        self.msgid = None
        self.plural = None
        self.msgstr = {}          # plural index (0 without plurals) -> text
        self.comments = []        # "#." lines, for translators
        self.references = []      # "#:" file:line items
        self.flags = set()        # "#," flags: fuzzy, c-format, ...
        self.line = 0

    @property
    def key(self):
        return (self.context, self.msgid)

    def describe(self):
        where = self.references[0] if self.references else f'line {self.line}'
        context = f' (context “{self.context}”)' if self.context else ''
        return f'{where}: “{self.msgid}”{context}'

    def translated(self):
        return 'fuzzy' not in self.flags and bool(self.msgstr) and all(self.msgstr.values())


def _unquote(text):
    # PO strings use C escapes, which a Python string literal reads the same.
    return ast.literal_eval(text)


def read(path):
    """The entries of a PO file, the header (msgid "") included, obsolete
    (#~) ones left out."""
    entries = []
    entry = Entry()
    field = None

    def finish():
        nonlocal entry, field
        if entry.msgid is not None:
            entries.append(entry)
        entry = Entry()
        field = None

    with open(path, encoding='utf-8') as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith('#~'):
                if not line:
                    finish()
                continue
            if line.startswith('#') and field is not None and field != 'comment':
                finish()
            if line.startswith('#.'):
                entry.comments.append(line[2:].strip())
                field = 'comment'
            elif line.startswith('#:'):
                entry.references.extend(line[2:].split())
                field = 'comment'
            elif line.startswith('#,'):
                entry.flags.update(flag.strip() for flag in line[2:].split(','))
                field = 'comment'
            elif line.startswith('#'):
                field = 'comment'
            elif line.startswith('msgctxt '):
                if entry.msgid is not None:
                    finish()
                entry.context = _unquote(line[8:])
                entry.line = entry.line or number
                field = 'msgctxt'
            elif line.startswith('msgid_plural '):
                entry.plural = _unquote(line[13:])
                field = 'msgid_plural'
            elif line.startswith('msgid '):
                if entry.msgid is not None:
                    finish()
                entry.msgid = _unquote(line[6:])
                entry.line = entry.line or number
                field = 'msgid'
            elif line.startswith('msgstr['):
                index = int(line[7:line.index(']')])
                entry.msgstr[index] = _unquote(line[line.index(']') + 1:].strip())
                field = ('msgstr', index)
            elif line.startswith('msgstr '):
                entry.msgstr[0] = _unquote(line[7:])
                field = ('msgstr', 0)
            elif line.startswith('"'):
                text = _unquote(line)
                if field == 'msgctxt':
                    entry.context += text
                elif field == 'msgid':
                    entry.msgid += text
                elif field == 'msgid_plural':
                    entry.plural += text
                elif isinstance(field, tuple):
                    entry.msgstr[field[1]] += text
                else:
                    raise ValueError(f'{path}:{number}: a string continues nothing')
            else:
                raise ValueError(f'{path}:{number}: cannot read “{line}”')
    finish()
    return entries


def messages(path):
    """The entries other than the header, by (context, msgid)."""
    return {e.key: e for e in read(path) if e.msgid != '' or e.context is not None}
