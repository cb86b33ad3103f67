// SPDX-License-Identifier: GPL-3.0-or-later
#include "runningcore.h"

#include <algorithm>
#include <memory>

#include <QDateTime>
#include <QTest>

#include "backend/rpcoutcome.h"

using namespace Qt::StringLiterals;

namespace calldeck::testsupport
{

RunningCore::RunningCore()
    : RunningCore(Options{})
{}

RunningCore::RunningCore(const Options &options)
    : m_batchSize(options.batchSize)
    , m_queue(options.queuePackets)
    , m_worker(workerOptions(options), m_queue, m_sources)
{
    m_feed = m_sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    m_worker.setDeltasEnabled(true);
    m_worker.start();
}

RunningCore::~RunningCore()
{
    m_worker.stop();
}

CoreWorker::Options RunningCore::workerOptions(const Options &options)
{
    CoreWorker::Options o;
    o.tickMs = options.tickMs;
    o.clock = options.clock;
    o.dialog.headerColumns = options.headerColumns;
    return o;
}

std::int64_t RunningCore::nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

core::DialogSnapshot RunningCore::proxyOnlyDialog()
{
    core::DialogSnapshot d;
    d.hEntry = 10;
    d.hId = 20;
    d.callId = "only-on-the-proxy@test";
    d.fromUri = "sip:alice@example.com";
    d.toUri = "sip:bob@example.com";
    d.state = 4;
    d.caller.tag = "from-tag-1";
    d.callee.tag = "to-tag-1";
    d.profiles.push_back({"trunk", std::string("gw-01")});
    return d;
}

bool RunningCore::push(const std::vector<GeneratedMessage> &messages, const Encode &encode)
{
    const std::size_t step = m_batchSize == 0 ? std::max<std::size_t>(messages.size(), 1) : m_batchSize;
    for (std::size_t first = 0; first < messages.size(); first += step)
    {
        PacketBatch batch;
        for (std::size_t i = first; i < std::min(messages.size(), first + step); ++i)
        {
            const GeneratedMessage &m = messages[i];
            if (encode)
            {
                batch.add(encode(m), m.meta, m_feed);
            }
            else
            {
                batch.add(m.text, m.meta, m_feed);
            }
        }
        if (!m_queue.push(std::move(batch)))
        {
            return false;
        }
    }
    return true;
}

bool RunningCore::readDeltasUntil(const std::function<bool()> &done, int tries)
{
    for (int i = 0; i < tries; ++i)
    {
        for (const DialogRow &row : m_worker.takeDelta().upserts)
        {
            m_keys[row.dialog.callId] = row.key;
        }
        if (done())
        {
            return true;
        }
        QTest::qWait(20);
    }
    return done();
}

quint64 RunningCore::keyOf(const std::string &callId, int tries)
{
    const auto known = [this, &callId] { return m_keys.count(callId) != 0; };
    return readDeltasUntil(known, tries) ? m_keys.at(callId) : 0;
}

bool RunningCore::waitForDialogs(std::size_t count, int tries)
{
    return readDeltasUntil([this, count] { return m_keys.size() >= count; }, tries);
}

quint16 RunningCore::listOnProxy(const core::DialogSnapshot &dialog, const QString &name)
{
    const quint16 proxy = m_sources.add(u"rpc"_s, name);
    auto listing = std::make_shared<DialogListPayload>();
    listing->dialogs.push_back(dialog);
    m_worker.applyProxyListing(proxy, name, std::move(listing));
    return proxy;
}

std::string RunningCore::listJson()
{
    std::string json;
    m_worker.call([&json](CoreContext &ctx) { json = ctx.engine.listJson(true); });
    return json + '\n';
}

std::vector<core::DialogSnapshot> RunningCore::snapshots()
{
    std::vector<core::DialogSnapshot> out;
    m_worker.call([&out](CoreContext &ctx) {
        for (const core::DialogHandle h : ctx.engine.list())
        {
            out.push_back(ctx.engine.snapshot(h));
        }
    });
    return out;
}

} // namespace calldeck::testsupport
