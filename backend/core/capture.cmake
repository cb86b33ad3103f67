# SPDX-License-Identifier: GPL-3.0-or-later
# Pure capture decoding (link layers, IP reassembly, TCP streams) of calldeck_core.
set(CALLDECK_CORE_CAPTURE_SOURCES
)
