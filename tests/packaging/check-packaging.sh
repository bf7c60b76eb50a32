#!/usr/bin/env bash
# The desktop integration as a Debian system reads it: the package's files installed where the
# desktop looks for them, the desktop entry, MIME type and AppStream entry valid by their own
# validators, a real project recognised as application/x-gigaplan, and a manual page that lists
# every command the program's --help lists.
# Usage: check-packaging.sh SOURCE_DIR BUILD_DIR GIGAPLAN_CLI
set -euo pipefail
source_dir=$1 build_dir=$2 cli=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "packaging: $*" >&2; exit 1; }

cmake --install "$build_dir" --prefix "$work/usr" > /dev/null
for f in share/applications/gigaplan.desktop share/mime/packages/gigaplan.xml \
  share/metainfo/invalid.gigaplan.Gigaplan.metainfo.xml share/man/man1/gigaplan-cli.1 \
  share/icons/hicolor/scalable/apps/gigaplan.svg bin/gigaplan bin/gigaplan-cli; do
  [ -e "$work/usr/$f" ] || fail "$f is not installed"
done

desktop-file-validate "$work/usr/share/applications/gigaplan.desktop" || fail "desktop entry invalid"
grep -q '^MimeType=application/x-gigaplan;$' "$work/usr/share/applications/gigaplan.desktop" ||
  fail "the desktop entry does not open application/x-gigaplan"
appstreamcli validate --no-net "$work/usr/share/metainfo/invalid.gigaplan.Gigaplan.metainfo.xml" ||
  fail "AppStream metainfo invalid"

# The MIME database built from the package's type, as update-mime-database builds it on install.
update-mime-database "$work/usr/share/mime" > /dev/null 2>&1 || fail "update-mime-database failed"
grep -q 'application/x-gigaplan:\*\.gigaplan' "$work/usr/share/mime/globs2" || fail "no *.gigaplan glob"
# A project Gigaplan wrote carries the magic the type matches: SQLite's header and "GPLN" at 68.
"$cli" new --preset fat-tree-k64-2tier -o "$work/p.gigaplan" > /dev/null
[ "$(head -c 15 "$work/p.gigaplan")" = "SQLite format 3" ] || fail "project header is not SQLite's"
[ "$(dd if="$work/p.gigaplan" bs=1 skip=68 count=4 status=none)" = "GPLN" ] || fail "no GPLN application id"
grep -aq 'application/x-gigaplan' "$work/usr/share/mime/magic" || fail "no magic for application/x-gigaplan"

# The manual page formats without warnings and names every command --help names.
page="$work/usr/share/man/man1/gigaplan-cli.1"
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff failed"
[ -z "$warnings" ] || fail "groff warns: $warnings"
commands=$("$cli" --help | awk '/^Commands:/ {on = 1; next} /^$/ {on = 0} on {print $1}')
[ -n "$commands" ] || fail "no commands in --help"
for c in $commands; do
  grep -Eq "^\.B[IR]? \"?$c( |\"|$)" "$page" || fail "the manual page does not describe '$c'"
done
echo "packaging: installed files, desktop entry, MIME type, AppStream and manual page check out"
