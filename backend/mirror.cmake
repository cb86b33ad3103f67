# SPDX-License-Identifier: GPL-3.0-or-later
# Mirror listeners (HEP/raw SIP over UDP and TCP) of calldeck_backend.
set(CALLDECK_BACKEND_MIRROR_SOURCES
)
