// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/consolesnapshot.h"

/// A small snapshot built by hand (no core): bytes that are not UTF-8 in fields and raw text,
/// a row key with bit 63, an IPv6 address, a message that is not SIP.
ConsoleSnapshot handMadeSnapshot();
/// Every member equal (the counters compared as bytes).
bool sameSnapshot(const ConsoleSnapshot &a, const ConsoleSnapshot &b);
