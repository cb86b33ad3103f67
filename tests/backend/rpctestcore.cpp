// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpctestcore.h"

#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

RpcTestCore::RpcTestCore()
{
    CoreWorker::Options o;
    o.clock = CoreWorker::Clock::Packet;
    o.tickMs = 20;
    o.dialog.profilesNoValue = "inbound";
    o.dialog.profilesWithValue = "caller;trunk";
    m_worker = std::make_unique<CoreWorker>(o, m_queue, m_sources);
    m_worker->start();
}

RpcTestCore::~RpcTestCore()
{
    m_worker->stop();
}

bool RpcTestCore::populate()
{
    const quint16 source = m_sources.add(u"replay"_s, u"generated"_s);
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    for (int n = 0; n < Answered; ++n)
    {
        gen.setup(static_cast<std::uint64_t>(n), CallKind::CallerHangsUp, StartUs + n * 1000, msgs);
    }
    std::vector<GeneratedMessage> early;
    gen.setup(Answered, CallKind::Cancelled, StartUs + 30000, early);
    early.resize(3); // INVITE, 100, 180: an early dialog
    msgs.insert(msgs.end(), early.begin(), early.end());
    gen.setup(Answered + 1, CallKind::Rejected, StartUs + 40000, msgs);
    PacketBatch batch;
    for (const GeneratedMessage &m : msgs)
    {
        batch.add(m.text, m.meta, source);
    }
    if (!m_queue.push(std::move(batch)))
    {
        return false;
    }
    return m_worker->call([gen](CoreContext &ctx) {
        for (int n = 0; n < Answered; ++n)
        {
            const core::DialogHandle h = ctx.engine.find(gen.callId(static_cast<std::uint64_t>(n)),
                                                         gen.callerTag(static_cast<std::uint64_t>(n)),
                                                         gen.calleeTag(static_cast<std::uint64_t>(n)));
            if (!h.valid())
            {
                continue;
            }
            (void)ctx.engine.setProfile(h, "trunk", n % 2 == 0 ? "uas-5080" : "uas-5090");
            (void)ctx.engine.setProfile(h, "caller", "sipp");
            (void)ctx.engine.setProfile(h, "inbound");
        }
    });
}
