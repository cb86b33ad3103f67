# SPDX-License-Identifier: GPL-3.0-or-later
# Capture replay (libpcap) of calldeck_backend.
set(CALLDECK_BACKEND_REPLAY_SOURCES
)
