#!/usr/bin/python3
# check-manifest.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifest against the rules Flathub reviewers apply, since
# flatpak-builder-lint cannot be installed here: the app id matches the file
# names, the desktop file's Icon, the metainfo's launchable and the icons, and
# the command is the one the desktop file and metainfo name; every download is
# pinned by sha256; the sandbox holes are the minimal set and the network one
# is explained in the metainfo. Each problem is printed as "FILE: place:
# message". With --self-test it breaks a copy of the manifest in each way the
# rules forbid and fails unless every breakage is reported.
#
# Usage: check-manifest.py [--self-test] MANIFEST SOURCE_ROOT

import copy
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ALLOWED_FINISH_ARGS = {
    '--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri', '--share=network',
}
KNOWN_BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'simple', 'qmake'}
DOWNLOAD_TYPES = {'archive', 'file', 'extra-data'}


def check(manifest, path, root):
    problems = []

    def problem(place, message):
        problems.append(f'{path}: {place}: {message}')

    app_id = manifest.get('id') or manifest.get('app-id')
    if not app_id:
        problem('id', 'missing')
        return problems
    if os.path.basename(path) not in (app_id + '.json', app_id + '.yml', app_id + '.yaml'):
        problem('id', f'"{app_id}" does not match the file name')
    for name in (f'data/{app_id}.desktop.in', f'data/{app_id}.metainfo.xml.in',
                 f'data/icons/hicolor/scalable/apps/{app_id}.svg',
                 f'data/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg'):
        if not os.path.exists(os.path.join(root, name)):
            problem('id', f'"{app_id}" has no {name}')

    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problem('runtime', 'must be org.gnome.Platform with org.gnome.Sdk')
    if not re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))):
        problem('runtime-version', 'must be a stable GNOME release such as "50"')

    metainfo_path = os.path.join(root, f'data/{app_id}.metainfo.xml.in')
    metainfo = ET.parse(metainfo_path).getroot() if os.path.exists(metainfo_path) else None
    binaries = [b.text for b in metainfo.iter('binary')] if metainfo is not None else []
    if manifest.get('command') not in binaries:
        problem('command', f'"{manifest.get("command")}" is not a <binary> the metainfo provides')

    desktop_path = os.path.join(root, f'data/{app_id}.desktop.in')
    if os.path.exists(desktop_path):
        with open(desktop_path, encoding='utf-8') as f:
            entry = dict(line.rstrip('\n').split('=', 1) for line in f if '=' in line and not line.startswith('#'))
        if entry.get('Exec', '').split(' ')[0] != manifest.get('command'):
            problem('command', f'"{manifest.get("command")}" is not what the desktop file runs')
        if entry.get('Icon') != app_id:
            problem('id', f'the desktop file\'s Icon is not "{app_id}"')
    launchables = [l.text for l in metainfo.iter('launchable')] if metainfo is not None else []
    if f'{app_id}.desktop' not in launchables:
        problem('id', f'the metainfo does not launch {app_id}.desktop')

    args = manifest.get('finish-args', [])
    for i, arg in enumerate(args):
        if arg.startswith('--filesystem'):
            problem(f'finish-args[{i}]', f'{arg}: files must come through the portals')
        elif arg not in ALLOWED_FINISH_ARGS:
            problem(f'finish-args[{i}]', f'{arg}: not needed by Overflight')
    if '--socket=wayland' not in args or '--socket=fallback-x11' not in args:
        problem('finish-args', 'needs --socket=wayland with --socket=fallback-x11')
    if '--share=network' in args:
        text = ' '.join(metainfo.find('description').itertext()) if metainfo is not None else ''
        if 'network' not in text:
            problem('finish-args', '--share=network is not explained in the metainfo description')

    modules = manifest.get('modules', [])
    if not modules or modules[-1].get('name') != 'overflight':
        problem('modules', 'the last module must be overflight itself')
    for i, module in enumerate(modules):
        place = f'modules[{i}] ({module.get("name", "?")})'
        if not module.get('name'):
            problem(place, 'has no name')
        if module.get('buildsystem', 'autotools') not in KNOWN_BUILDSYSTEMS:
            problem(place, f'unknown buildsystem "{module.get("buildsystem")}"')
        for j, source in enumerate(module.get('sources', [])):
            splace = f'{place}.sources[{j}]'
            kind = source.get('type')
            if kind in DOWNLOAD_TYPES and 'url' in source:
                if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                    problem(splace, 'download is not pinned by sha256')
                if not source['url'].startswith('https://'):
                    problem(splace, 'download is not over https')
            elif kind == 'git' and not source.get('commit'):
                problem(splace, 'git source is not pinned to a commit')
            elif kind == 'dir' and i != len(modules) - 1:
                problem(splace, 'only Overflight itself may come from a local directory')
    return problems


# Each entry breaks the manifest in one way check() must report.
BREAKAGES = [
    ('id', lambda m: m.update({'id': 'io.github.overflight.Other'})),
    ('runtime', lambda m: m.update({'runtime': 'org.freedesktop.Platform'})),
    ('runtime-version', lambda m: m.update({'runtime-version': 'master'})),
    ('command', lambda m: m.update({'command': 'sh'})),
    ('home access', lambda m: m['finish-args'].append('--filesystem=home')),
    ('host access', lambda m: m['finish-args'].append('--filesystem=host:ro')),
    ('session bus', lambda m: m['finish-args'].append('--socket=session-bus')),
    ('x11 only', lambda m: m['finish-args'].remove('--socket=wayland')),
    ('unpinned archive', lambda m: m['modules'][0]['sources'][0].pop('sha256')),
    ('http archive', lambda m: m['modules'][0]['sources'][0].update({'url': 'http://example.org/a.tar.gz'})),
    ('unpinned git', lambda m: m['modules'][0].update({'sources': [{'type': 'git', 'url': 'https://example.org/a.git'}]})),
    ('buildsystem', lambda m: m['modules'][-1].update({'buildsystem': 'mesonn'})),
    ('app not last', lambda m: m['modules'].reverse()),
]


def self_test(manifest, path, root):
    failures = check(manifest, path, root)
    for name, breakage in BREAKAGES:
        broken = copy.deepcopy(manifest)
        breakage(broken)
        if not check(broken, path, root):
            failures.append(f'{path}: self-test: breakage "{name}" was not reported')
    return failures


def main():
    args = sys.argv[1:]
    run = self_test if args[:1] == ['--self-test'] else check
    args = args[1:] if run is self_test else args
    if len(args) != 2:
        raise SystemExit('usage: check-manifest.py [--self-test] MANIFEST SOURCE_ROOT')
    path, root = args
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise SystemExit(f'{path}: {e}')
    problems = run(manifest, path, root)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f'{path}: ok')


if __name__ == '__main__':
    main()
