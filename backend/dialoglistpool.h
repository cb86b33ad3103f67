// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <mutex>
#include <vector>

#include "backend/core/dialogsnapshot.h"

/// @brief Recycles the snapshot vectors of one proxy's polls across threads: the RPC thread takes
/// a vector to decode `dlg.list` into (the fast reader reuses the snapshots' string capacity),
/// the core thread gives it back after diffing it (RemoteDialogSet::apply leaves recycled
/// snapshots in it). Saves most allocations of a 5000-dialog poll. Thread-safe.
class DialogListPool final
{
public:
    std::vector<calldeck::core::DialogSnapshot> take()
    {
        std::lock_guard lock(m_mutex);
        return std::move(m_spare);
    }
    void give(std::vector<calldeck::core::DialogSnapshot> &&dialogs)
    {
        std::lock_guard lock(m_mutex);
        if (dialogs.capacity() > m_spare.capacity())
        {
            m_spare = std::move(dialogs);
        }
    }

private:
    std::mutex m_mutex;
    std::vector<calldeck::core::DialogSnapshot> m_spare;
};
