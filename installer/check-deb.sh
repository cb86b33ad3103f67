#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ctest "package_deb": runs CPack into a temporary directory and inspects the .deb with dpkg-deb.
# Installs nothing. Usage: check-deb.sh BUILD_DIR EXPECTED_FILE_NAME
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR EXPECTED_FILE_NAME}
expected=${2:?usage: check-deb.sh BUILD_DIR EXPECTED_FILE_NAME}
for tool in cpack dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "package_deb: $tool is missing; run scripts/setup (it installs dpkg-dev)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! (cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1); then
    echo "package_deb: cpack failed; its log:" >&2
    cat "$work/cpack.log" >&2
    exit 1
fi
deb="$work/$expected"
[[ -f "$deb" ]] || { echo "package_deb: $expected not produced; found: $(ls "$work")" >&2; exit 1; }

contents=$(dpkg-deb -c "$deb")
info=$(dpkg-deb -I "$deb")
fail=0
expect() { # expect DESCRIPTION TEXT PATTERN
    if ! grep -qE -- "$3" <<<"$2"; then
        echo "package_deb: FAIL: $1 (pattern: $3)"
        fail=1
    else
        echo "package_deb: ok: $1"
    fi
}
expect "binary in /usr/bin" "$contents" ' \./usr/bin/calldeck$'
expect "desktop entry" "$contents" ' \./usr/share/applications/calldeck\.desktop$'
expect "scalable icon" "$contents" ' \./usr/share/icons/hicolor/scalable/apps/calldeck\.svg$'
expect "256px icon" "$contents" ' \./usr/share/icons/hicolor/256x256/apps/calldeck\.png$'
expect "AppStream metadata" "$contents" ' \./usr/share/metainfo/io\.calldeck\.CallDeck\.metainfo\.xml$'
expect "binary is executable" "$contents" '^-rwxr-xr-x .* \./usr/bin/calldeck$'
expect "package name" "$info" '^ Package: calldeck$'
version=${expected#calldeck_}
version=${version%%_*}
expect "version $version" "$info" "^ Version: ${version//./\\.}$"
expect "section" "$info" '^ Section: net$'
expect "maintainer" "$info" '^ Maintainer: .+'
expect "depends on Debian's Qt 6" "$info" '^ Depends: .*libqt6(core|widgets|gui)6'
if ((fail)); then
    echo "--- dpkg-deb -I ---"; echo "$info"; echo "--- dpkg-deb -c ---"; echo "$contents"
    exit 1
fi
echo "package_deb: $expected is complete ($(stat -c %s "$deb") bytes)"
