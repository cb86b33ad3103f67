// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sourceregistry.h"

#include <tuple>

using namespace Qt::StringLiterals;
using calldeck::core::MirrorDrop;

quint16 SourceRegistry::add(const QString &kind, const QString &label)
{
    QMutexLocker lock(&m_mutex);
    Entry e;
    e.health.id = static_cast<quint16>(m_entries.size() + 1);
    e.health.kind = kind;
    e.health.label = label;
    m_entries.append(e);
    return e.health.id;
}

const char *SourceHealth::stateName(const State state)
{
    switch (state)
    {
    case State::Starting:
        return "starting";
    case State::Running:
        return "running";
    case State::Finished:
        return "finished";
    case State::Failed:
        return "failed";
    }
    return "unknown";
}

void SourceRegistry::setState(quint16 id, SourceHealth::State state, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    if (id == 0 || id > m_entries.size())
    {
        return;
    }
    m_entries[id - 1].health.state = state;
    m_entries[id - 1].health.error = error;
}

void SourceRegistry::setProgress(quint16 id, double progress)
{
    QMutexLocker lock(&m_mutex);
    if (id != 0 && id <= m_entries.size())
    {
        m_entries[id - 1].health.progress = progress;
    }
}

void SourceRegistry::countReceived(quint16 id, quint64 packets, quint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    if (id != 0 && id <= m_entries.size())
    {
        m_entries[id - 1].health.packets += packets;
        m_entries[id - 1].health.bytes += bytes;
    }
}

void SourceRegistry::countKernelDrops(quint16 id, quint64 packets)
{
    QMutexLocker lock(&m_mutex);
    if (id != 0 && id <= m_entries.size())
    {
        m_entries[id - 1].health.kernelDrops += packets;
    }
}

void SourceRegistry::setLabel(quint16 id, const QString &label)
{
    QMutexLocker lock(&m_mutex);
    if (id != 0 && id <= m_entries.size())
    {
        m_entries[id - 1].health.label = label;
    }
}

void SourceRegistry::setProxyStatus(quint16 id, const ProxyStatus &status)
{
    QMutexLocker lock(&m_mutex);
    if (id == 0 || id > m_entries.size())
    {
        return;
    }
    SourceHealth &h = m_entries[id - 1].health;
    h.proxy = status;
    h.lastSeenMs = status.lastSuccessMs;
    const bool down = status.state == ProxyStatus::State::Down;
    h.state = down ? SourceHealth::State::Failed
                   : (status.state == ProxyStatus::State::Connecting ? SourceHealth::State::Starting
                                                                     : SourceHealth::State::Running);
    h.error = status.state == ProxyStatus::State::Up ? QString() : status.lastError;
}

void SourceRegistry::setDmqHealth(quint16 id, const DmqNodeHealth &health)
{
    QMutexLocker lock(&m_mutex);
    if (id == 0 || id > m_entries.size())
    {
        return;
    }
    SourceHealth &h = m_entries[id - 1].health;
    h.dmq = health;
    h.lastSeenMs = health.lastMessageMs;
    h.packets = health.updates + health.states + health.removes + health.syncs + health.nodeLists;
    h.malformed = health.rejected;
    h.queueDrops = health.floodDrops;
    if (health.status == u"active")
    {
        h.state = SourceHealth::State::Running;
        h.error.clear();
    }
    else if (health.status == u"pending")
    {
        h.state = SourceHealth::State::Starting;
        h.error = health.lastError;
    }
    else
    {
        h.state = SourceHealth::State::Failed;
        h.error = health.lastError;
    }
}

void SourceRegistry::countQueueDrops(quint16 id, quint64 packets)
{
    QMutexLocker lock(&m_mutex);
    if (id != 0 && id <= m_entries.size())
    {
        m_entries[id - 1].health.queueDrops += packets;
    }
}

void SourceRegistry::tally(std::vector<Tally> &tallies, quint16 source,
                           const calldeck::core::Endpoint &sender, std::size_t bytes, MirrorDrop drop,
                           bool sipMalformed)
{
    Tally *t = nullptr;
    for (auto it = tallies.rbegin(); it != tallies.rend(); ++it)
    {
        if (it->source == source && it->sender == sender)
        {
            t = &*it;
            break;
        }
    }
    if (!t)
    {
        tallies.push_back(Tally{source, sender});
        t = &tallies.back();
    }
    ++t->packets;
    t->bytes += bytes;
    t->malformed += (drop == MirrorDrop::HepMalformed || sipMalformed) ? 1 : 0;
    t->authFailures += drop == MirrorDrop::AuthFailed ? 1 : 0;
    t->notSip += (drop == MirrorDrop::NotSip || drop == MirrorDrop::Unknown) ? 1 : 0;
}

void SourceRegistry::countDecoded(quint16 id, const calldeck::core::Endpoint &sender, std::size_t bytes,
                                  MirrorDrop drop, bool sipMalformed, qint64 nowMs)
{
    std::vector<Tally> one;
    tally(one, id, sender, bytes, drop, sipMalformed);
    countDecoded(one, nowMs);
}

void SourceRegistry::countDecoded(std::vector<Tally> &tallies, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    for (const Tally &t : tallies)
    {
        if (t.source == 0 || t.source > m_entries.size())
        {
            continue;
        }
        Entry &e = m_entries[t.source - 1];
        SourceHealth &h = e.health;
        h.lastSeenMs = nowMs;
        h.malformed += t.malformed;
        h.authFailures += t.authFailures;
        h.notSip += t.notSip;
        const SenderKey key{t.sender.addr, t.sender.port, t.sender.family};
        auto it = e.senders.find(key);
        if (it == e.senders.end())
        {
            if (e.senders.size() >= MaxSendersPerSource)
            {
                continue; // a flood of spoofed senders must not grow the table without bound
            }
            SenderHealth s;
            const QString address = QString::fromStdString(t.sender.addressText());
            s.address = t.sender.family == 6 ? u"[%1]:%2"_s.arg(address).arg(t.sender.port)
                                             : u"%1:%2"_s.arg(address).arg(t.sender.port);
            it = e.senders.emplace(key, std::make_pair(s, quint64(0))).first;
        }
        SenderHealth &s = it->second.first;
        s.packets += t.packets;
        s.bytes += t.bytes;
        s.malformed += t.malformed;
        s.authFailures += t.authFailures;
        s.notSip += t.notSip;
        s.lastSeenMs = nowMs;
    }
    tallies.clear();
}

void SourceRegistry::updateRates(qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    const qint64 elapsed = nowMs - m_lastRateMs;
    if (m_lastRateMs == 0 || elapsed <= 0)
    {
        m_lastRateMs = nowMs;
        for (Entry &e : m_entries)
        {
            e.packetsAtLastRate = e.health.packets;
        }
        return;
    }
    for (Entry &e : m_entries)
    {
        e.health.packetsPerSecond = double(e.health.packets - e.packetsAtLastRate) * 1000.0 / double(elapsed);
        e.packetsAtLastRate = e.health.packets;
        for (auto &[key, value] : e.senders)
        {
            value.first.packetsPerSecond =
                double(value.first.packets - value.second) * 1000.0 / double(elapsed);
            value.second = value.first.packets;
        }
    }
    m_lastRateMs = nowMs;
}

QList<SourceHealth> SourceRegistry::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    QList<SourceHealth> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
    {
        out.append(withSenders(e));
    }
    return out;
}

SourceHealth SourceRegistry::source(quint16 id) const
{
    QMutexLocker lock(&m_mutex);
    if (id == 0 || id > m_entries.size())
    {
        return {};
    }
    return withSenders(m_entries[id - 1]);
}

SourceHealth SourceRegistry::withSenders(const Entry &e)
{
    SourceHealth h = e.health;
    for (const auto &[key, value] : e.senders)
    {
        h.senders.append(value.first);
    }
    return h;
}
