#!/usr/bin/env python3
# check-template.py: po/overflight.pot is current and po/POTFILES.in complete.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the template from POTFILES.in with the keywords of meson's
# "glib" gettext preset and fails when a marked string is missing from the
# committed po/overflight.pot, when a file under src/ or data/ with marked
# strings is not listed in POTFILES.in, or when a listed file is gone.
#
# Usage: check-template.py SOURCE_ROOT XGETTEXT

import os
import re
import subprocess
import sys
import tempfile

import pofile

# The same as meson's i18n "glib" preset (mesonbuild/modules/i18n.py).
KEYWORDS = [
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
]

# A call of a gettext keyword, or a translatable GtkBuilder property.
MARK_C = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dcgettext|g_dngettext|'
                    r'g_dpgettext2?|ngettext|gettext|dgettext)\s*\(')
MARK_UI = re.compile(r'translatable\s*=\s*"(?:yes|true)"')
# Data files whose strings xgettext extracts by their format.
ALWAYS = re.compile(r'\.(?:desktop\.in|metainfo\.xml\.in|gschema\.xml)$')


def listed_files(root):
    path = os.path.join(root, 'po', 'POTFILES.in')
    with open(path, encoding='utf-8') as f:
        entries = []
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append((number, line))
    return path, entries


def marked_files(root):
    found = set()
    for top in ('src', 'data'):
        for dirpath, _dirs, files in os.walk(os.path.join(root, top)):
            for name in files:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root)
                if ALWAYS.search(name):
                    found.add(rel)
                    continue
                if name.endswith(('.c', '.h')):
                    pattern = MARK_C
                elif name.endswith('.ui'):
                    pattern = MARK_UI
                else:
                    continue
                with open(full, encoding='utf-8', errors='replace') as f:
                    if pattern.search(f.read()):
                        found.add(rel)
    return found


def main():
    root, xgettext = sys.argv[1:3]
    problems = []

    potfiles, entries = listed_files(root)
    listed = {entry for _number, entry in entries}
    for number, entry in entries:
        if not os.path.exists(os.path.join(root, entry)):
            problems.append(f'{potfiles}:{number}: “{entry}” does not exist')
    for rel in sorted(marked_files(root) - listed):
        problems.append(f'{potfiles}: “{rel}” has translatable strings but is not listed')

    committed = os.path.join(root, 'po', 'overflight.pot')
    if not os.path.exists(committed):
        problems.append(f'{committed}: missing; run `meson compile overflight-pot`')

    with tempfile.TemporaryDirectory(prefix='overflight-pot-') as tmp:
        fresh = os.path.join(tmp, 'overflight.pot')
        existing = [e for _n, e in entries if os.path.exists(os.path.join(root, e))]
        listing = os.path.join(tmp, 'POTFILES')
        with open(listing, 'w', encoding='utf-8') as f:
            f.write('\n'.join(existing) + '\n')
        run = subprocess.run([xgettext, '--package-name=overflight', '--from-code=UTF-8',
                              '--add-comments', *KEYWORDS, '-D', root, '-f', listing,
                              '-o', fresh], capture_output=True, text=True)
        if run.returncode != 0:
            problems.append(f'xgettext failed:\n{run.stderr}')
        elif os.path.exists(committed):
            have = pofile.messages(committed)
            want = pofile.messages(fresh)
            for key in sorted(set(want) - set(have), key=lambda k: want[k].line):
                problems.append(f'{want[key].describe()} is missing from {committed}; '
                                'run `meson compile overflight-pot`')
            # The other way round: translators should not work on dead strings.
            for key in sorted(set(have) - set(want), key=lambda k: have[k].line):
                problems.append(f'{committed}: {have[key].describe()} is marked nowhere any more; '
                                'run `meson compile overflight-pot`')
            for key in sorted(set(want) & set(have), key=lambda k: want[k].line):
                if want[key].plural != have[key].plural:
                    problems.append(f'{want[key].describe()} has another plural form in {committed}')

    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f'{len(listed)} files listed; the template is current')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
