// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/sourceregistry.h"

/// @brief Test helper: a CoreWorker on the packet clock with Kamailio-like profiles
/// ("inbound" without value; "caller" and "trunk" with value) fed with generated calls:
/// Answered confirmed calls (each in "inbound", caller=sipp, trunk=uas-5080 for even and
/// uas-5090 for odd numbers), one early call and one rejected call.
class RpcTestCore final
{
public:
    static constexpr int Answered = 20;
    static constexpr std::int64_t StartUs = 1795748346000000; // like the samples' start_ts

    RpcTestCore();
    ~RpcTestCore();

    CoreWorker &worker() { return *m_worker; }
    /// @brief Feeds the calls and sets the profiles; false when the core did not answer.
    bool populate();

private:
    IngestQueue m_queue;
    SourceRegistry m_sources;
    std::unique_ptr<CoreWorker> m_worker;
};
