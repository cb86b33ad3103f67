#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Layers are law (DESIGN.md): backend/core is pure C++20 without Qt or I/O; backend/ never
# includes QtGui/QtWidgets/QtCharts or anything of ui/; ui/ never opens sockets or parses SIP
# itself. Usage: check_layers.sh ROOT   (exit 1 and a list of violations when a rule is broken)
set -u
root=${1:?usage: check_layers.sh ROOT}
cd "$root" || exit 2
fail=0
report() { echo "layer violation ($1):"; echo "$2" | sed 's/^/  /'; fail=1; }
src() { find "$@" -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' -o -name '*.cc' \) 2>/dev/null; }

core_files=$(src backend/core)
if [[ -n "$core_files" ]]; then
    bad=$(echo "$core_files" | xargs grep -HnE '^\s*#\s*include\s*[<"](Q[A-Za-z0-9_]*|Qt[A-Za-z]*/[^>"]*|sys/[^>"]*|netinet/[^>"]*|arpa/[^>"]*|netdb\.h|unistd\.h|fcntl\.h|poll\.h|curl/[^>"]*|pcap[^>"]*|sqlite3\.h|fstream|iostream|cstdio|stdio\.h|thread|filesystem|future|condition_variable|chrono_io)[>"]' || true)
    [[ -n "$bad" ]] && report "backend/core must stay pure C++20: no Qt, no I/O" "$bad"
fi

backend_files=$(src backend)
if [[ -n "$backend_files" ]]; then
    bad=$(echo "$backend_files" | xargs grep -HnE '^\s*#\s*include\s*[<"]((QtGui|QtWidgets|QtCharts|QtOpenGL|QtSvg)(/[^>"]*)?|Q(Widget|MainWindow|Application|Painter|Pixmap|Image|Icon|Color|Font|Chart[A-Za-z]*|Action|Palette|Brush|Pen|GuiApplication|Clipboard|Screen|Window)|(\.\./)*ui/[^>"]*)[>"]' || true)
    [[ -n "$bad" ]] && report "backend/ must not include GUI headers or ui/" "$bad"
fi

ui_files=$(src ui)
if [[ -n "$ui_files" ]]; then
    bad=$(echo "$ui_files" | xargs grep -HnE '^\s*#\s*include\s*[<"](sys/socket\.h|netinet/[^>"]*|arpa/[^>"]*|curl/[^>"]*|pcap[^>"]*|sqlite3\.h|QUdpSocket|QTcpSocket|QTcpServer|QSqlDatabase|QSqlQuery|core/sipparser\.h|core/sipmessage\.h)[>"]' || true)
    [[ -n "$bad" ]] && report "ui/ must not open sockets, run SQL or parse SIP" "$bad"
fi

if ((fail)); then exit 1; fi
echo "layers: $(echo "$core_files" | grep -c . ) core, $(echo "$backend_files" | grep -c .) backend, $(echo "$ui_files" | grep -c .) ui files checked, no violation"
