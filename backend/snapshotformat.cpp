// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/snapshotformat.h"

using namespace calldeck;

std::vector<core::CallFlowMessage> SnapshotFormat::split(const std::vector<core::CallFlowMessage> &kept,
                                                         const std::string_view callerTag)
{
    // Views into @p kept, as the message history hands them to DialogDetailsSource::collect().
    std::vector<core::StoredMessage> stored;
    stored.reserve(kept.size());
    for (const core::CallFlowMessage &m : kept)
    {
        core::StoredMessage s;
        s.timeUs = m.timeUs;
        s.transport = m.transport;
        s.src = m.src;
        s.dst = m.dst;
        s.captureNode = m.captureNode;
        s.nodeName = m.nodeName;
        s.correlationId = m.correlationId;
        s.bytes = m.raw;
        stored.push_back(s);
    }
    return core::buildCallFlow(stored, callerTag);
}
