#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in is complete and correct.

Usage: check-potfiles.py SOURCE_ROOT

Finds every file under src/ and data/ (and the desktop files at the top of
the source tree) that holds translatable strings:

  * C sources and headers calling _(), N_(), C_(), NC_(), Q_(), gettext(),
    ngettext(), g_dgettext(), g_dngettext(), g_dpgettext2() and friends
    with a string literal;
  * GtkBuilder .ui files with translatable="yes";
  * desktop entries with Name, GenericName, Comment or Keywords;
  * AppStream metainfo with a name, summary, description, caption or
    developer name that is not marked translate="no";
  * GSettings schemas with a summary or description.

Fails (exit status 1), listing them, if any such file is missing from
po/POTFILES.in, if POTFILES.in lists a file that does not exist, or lists a
file twice. Files named in po/POTFILES.skip, if there is one, are not
required to be listed.
"""

import os
import re
import sys

SCANNED_DIRS = ("src", "data")

# Keywords whose first argument is the message (or its context).
_PLAIN_KEYWORDS = (
    "_", "N_", "C_", "NC_", "Q_",
    "gettext", "gettext_noop", "ngettext", "pgettext", "npgettext",
)
# Keywords whose first argument is a text domain (or a GLib domain).
_DOMAIN_KEYWORDS = (
    "dgettext", "dcgettext", "dngettext", "dcngettext",
    "dpgettext", "dcpgettext", "dnpgettext", "dcnpgettext",
    "g_dgettext", "g_dcgettext", "g_dngettext", "g_dpgettext", "g_dpgettext2",
)

_C_TRANSLATABLE = re.compile(
    r"(?<![\w$])(?:"
    r"(?:" + "|".join(map(re.escape, _PLAIN_KEYWORDS)) + r")\s*\(\s*\""
    r"|"
    r"(?:" + "|".join(map(re.escape, _DOMAIN_KEYWORDS)) + r")\s*\([^;(),\"]*,\s*\""
    r")"
)
# Comments go; string and character literals stay (and hide comment markers).
_C_COMMENT_OR_LITERAL = re.compile(
    r"//[^\n]*"
    r"|/\*.*?\*/"
    r"|\"(?:\\.|[^\"\\\n])*\""
    r"|'(?:\\.|[^'\\\n])*'",
    re.DOTALL,
)

_UI_TRANSLATABLE = re.compile(
    r"""\btranslatable\s*=\s*["'](?:yes|true|y|t|1)["']""", re.IGNORECASE
)
_DESKTOP_TRANSLATABLE = re.compile(
    r"^\s*(?:Name|GenericName|Comment|Keywords)\s*=", re.MULTILINE
)
_METAINFO_TRANSLATABLE = re.compile(
    r"<(?:name|summary|p|li|caption|developer_name|keyword)\b([^>]*)>"
)
_GSCHEMA_TRANSLATABLE = re.compile(r"<(?:summary|description)\b[^>]*>")
_XML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TRANSLATE_NO = re.compile(r"""\btranslate\s*=\s*["']no["']""")


def _strip_c_comments(text):
    def replace(match):
        token = match.group(0)
        if token.startswith("/"):
            return " " if "\n" not in token else "\n" * token.count("\n")
        return token

    return _C_COMMENT_OR_LITERAL.sub(replace, text)


def _c_is_translatable(text):
    return _C_TRANSLATABLE.search(_strip_c_comments(text)) is not None


def _ui_is_translatable(text):
    return _UI_TRANSLATABLE.search(_XML_COMMENT.sub("", text)) is not None


def _desktop_is_translatable(text):
    return _DESKTOP_TRANSLATABLE.search(text) is not None


def _metainfo_is_translatable(text):
    text = _XML_COMMENT.sub("", text)
    for match in _METAINFO_TRANSLATABLE.finditer(text):
        if not _TRANSLATE_NO.search(match.group(1)):
            return True
    return False


def _gschema_is_translatable(text):
    return _GSCHEMA_TRANSLATABLE.search(_XML_COMMENT.sub("", text)) is not None


def _checker_for(name):
    """The function deciding whether a file with this name is translatable."""
    base = name
    while base.endswith(".in"):
        base = base[: -len(".in")]
    if base.endswith((".c", ".h")):
        return _c_is_translatable
    if base.endswith(".ui"):
        return _ui_is_translatable
    if base.endswith(".desktop"):
        return _desktop_is_translatable
    if base.endswith((".metainfo.xml", ".appdata.xml")):
        return _metainfo_is_translatable
    if base.endswith(".gschema.xml"):
        return _gschema_is_translatable
    return None


def _is_build_dir(path):
    return os.path.isdir(os.path.join(path, "meson-private")) or os.path.isfile(
        os.path.join(path, "CMakeCache.txt")
    )


def _candidate_files(root):
    """Relative paths (with '/') of every file that could hold strings."""
    for name in sorted(os.listdir(root)):
        if os.path.isfile(os.path.join(root, name)) and _checker_for(name) in (
            _desktop_is_translatable,
            _metainfo_is_translatable,
        ):
            yield name
    for top in SCANNED_DIRS:
        top_path = os.path.join(root, top)
        if not os.path.isdir(top_path):
            continue
        for dirpath, dirnames, filenames in os.walk(top_path):
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".")
                and d != "__pycache__"
                and not _is_build_dir(os.path.join(dirpath, d))
            )
            for filename in sorted(filenames):
                if _checker_for(filename) is None:
                    continue
                path = os.path.join(dirpath, filename)
                yield os.path.relpath(path, root).replace(os.sep, "/")


def _read_list(path):
    """Entries of a POTFILES-style list: (line number, relative path)."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            # intltool's "[type: gettext/glade]path" form.
            line = re.sub(r"^\[[^\]]*\]\s*", "", line)
            entries.append((number, os.path.normpath(line).replace(os.sep, "/")))
    return entries


def _is_translatable(root, relpath):
    checker = _checker_for(os.path.basename(relpath))
    try:
        with open(os.path.join(root, relpath), encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError:
        return False
    return checker(text)


def main(argv):
    if len(argv) != 2:
        print(f"usage: {os.path.basename(argv[0])} SOURCE_ROOT", file=sys.stderr)
        return 2
    root = argv[1]
    potfiles_in = os.path.join(root, "po", "POTFILES.in")
    potfiles_skip = os.path.join(root, "po", "POTFILES.skip")
    if not os.path.isfile(potfiles_in):
        print(f"{potfiles_in}: no such file", file=sys.stderr)
        return 1

    problems = []

    listed = set()
    for number, relpath in _read_list(potfiles_in):
        where = f"po/POTFILES.in:{number}"
        if relpath in listed:
            problems.append(f"{where}: {relpath} is listed twice")
        elif not os.path.isfile(os.path.join(root, relpath)):
            problems.append(f"{where}: {relpath} does not exist")
        listed.add(relpath)

    skipped = set()
    if os.path.isfile(potfiles_skip):
        for number, relpath in _read_list(potfiles_skip):
            if not os.path.isfile(os.path.join(root, relpath)):
                problems.append(
                    f"po/POTFILES.skip:{number}: {relpath} does not exist"
                )
            skipped.add(relpath)

    missing = [
        relpath
        for relpath in _candidate_files(root)
        if relpath not in listed
        and relpath not in skipped
        and _is_translatable(root, relpath)
    ]
    for relpath in missing:
        problems.append(
            f"{relpath}: has translatable strings but is not in po/POTFILES.in"
        )

    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        if missing:
            print(
                "\nAdd the missing files to po/POTFILES.in"
                " (or to po/POTFILES.skip if they must not be translated).",
                file=sys.stderr,
            )
        return 1

    print(f"po/POTFILES.in lists all {len(listed)} files with translatable strings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
