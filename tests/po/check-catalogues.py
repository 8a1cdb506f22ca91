#!/usr/bin/env python3
# check-catalogues.py: every catalogue in po/LINGUAS compiles, is (nearly)
# complete and keeps its date formats valid.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-catalogues.py SOURCE_ROOT MSGFMT [LANGUAGE...]

import os
import re
import subprocess
import sys

import pofile

MIN_TRANSLATED = 0.98

# A g_date_time_format() conversion: optional padding and alternative-digit
# modifiers, then a letter it knows (or %z with its colon variants).
DATE_CONVERSION = re.compile(r'%[-_0]?[OE]?(?::{1,3}z|[aAbBcCdeFgGhHIjklmMpPrRsStTuVwxXyYzZ%])')


def linguas(root):
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        return [w for line in f for w in line.split('#')[0].split()]


def header_fields(entries):
    header = next((e for e in entries if e.msgid == '' and e.context is None), None)
    fields = {}
    if header is not None:
        for line in header.msgstr.get(0, '').splitlines():
            name, _, value = line.partition(':')
            fields[name.strip()] = value.strip()
    return fields


def check_dates(path, entry, problems):
    """Formats for g_date_time_format() must stay formats for it: a stray
    “%” makes it return NULL and the label go blank."""
    if not any('g_date_time_format' in c for c in entry.comments):
        return
    for text in entry.msgstr.values():
        rest = DATE_CONVERSION.sub('', text)
        if '%' in rest:
            problems.append(f'{path}:{entry.line}: “{text}” is not a g_date_time_format() format '
                            f'(for “{entry.msgid}”)')


def check_language(root, msgfmt, language, template, problems):
    path = os.path.join(root, 'po', language + '.po')
    if not os.path.exists(path):
        problems.append(f'{path}: missing, but listed in po/LINGUAS')
        return

    run = subprocess.run([msgfmt, '--check', '-o', os.devnull, path], capture_output=True, text=True)
    if run.returncode != 0:
        problems.append(f'{path}: msgfmt --check failed:\n{run.stderr.strip()}')

    entries = pofile.read(path)
    fields = header_fields(entries)
    if fields.get('Language') != language:
        problems.append(f'{path}: the header says Language: {fields.get("Language")!r}, not {language!r}')
    if not re.match(r'nplurals=\d+; plural=', fields.get('Plural-Forms', '')):
        problems.append(f'{path}: the header has no usable Plural-Forms')

    translated = {e.key: e for e in entries if e.msgid != '' or e.context is not None}
    done = [key for key in template if key in translated and translated[key].translated()]
    share = len(done) / len(template) if template else 1.0
    print(f'{language}: {len(done)} of {len(template)} strings translated ({share:.1%})')
    if share < MIN_TRANSLATED:
        missing = [template[key].describe() for key in template if key not in done]
        problems.append(f'{path}: only {share:.1%} translated, below {MIN_TRANSLATED:.0%}; '
                        f'untranslated or fuzzy:\n  ' + '\n  '.join(missing[:10]))

    for key in done:
        check_dates(path, translated[key], problems)


def main():
    root, msgfmt = sys.argv[1:3]
    languages = sys.argv[3:] or linguas(root)
    template = pofile.messages(os.path.join(root, 'po', 'overflight.pot'))
    problems = []

    if not languages:
        problems.append('po/LINGUAS lists no language')
    for language in languages:
        check_language(root, msgfmt, language, template, problems)

    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
