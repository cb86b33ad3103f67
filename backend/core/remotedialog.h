// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include "backend/core/dialogsnapshot.h"

namespace calldeck::core
{

/** @brief A dialog that a proxy reported (dlg.list), as RemoteDialogSet keeps it. */
struct RemoteDialog
{
    std::uint64_t key = 0;         ///< row key: stable for the dialog's life, never reused, bit 63 set
    std::uint16_t origin = 0;      ///< the proxy that listed it
    bool stale = false;            ///< the proxy's last poll failed; this is the last known state
    std::uint32_t firstSeen = 0;   ///< Unix second of the poll that first listed it
    std::uint32_t lastChanged = 0; ///< Unix second of the last poll that changed it (not duration/ref)
    DialogSnapshot dialog;
};

} // namespace calldeck::core
