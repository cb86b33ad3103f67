// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/proxydialogs.h"

#include "backend/core/dialogengine.h"
#include "backend/coreworker.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogEngine;
using calldeck::core::DialogHandle;
using calldeck::core::DialogSnapshot;
using calldeck::core::RemoteDialog;

namespace
{

constexpr std::uint8_t Confirmed = 4;
constexpr std::uint8_t ConfirmedNoAck = 3;
constexpr std::uint8_t Deleted = 5;

} // namespace

void ProxyDialogs::applyListing(const quint16 proxy, std::vector<DialogSnapshot> &&dialogs,
                                const std::uint32_t nowSeconds)
{
    const calldeck::core::RemoteDialogSet::Diff diff = m_remote.apply(proxy, std::move(dialogs), nowSeconds);
    if (m_stale.erase(proxy))
    {
        for (const quint64 key : m_remote.setStale(proxy, false))
        {
            m_remoteDirty.insert(key);
        }
    }
    m_remoteDirty.insert(diff.added.begin(), diff.added.end());
    m_remoteDirty.insert(diff.changed.begin(), diff.changed.end());
    for (const quint64 key : diff.removed)
    {
        m_remoteDirty.erase(key);
        m_remoteRemoved.push_back(key);
    }
    m_lastListing[proxy] = nowSeconds;
}

void ProxyDialogs::markStale(const quint16 proxy)
{
    if (!m_stale.insert(proxy).second)
    {
        return;
    }
    for (const quint64 key : m_remote.setStale(proxy, true))
    {
        m_remoteDirty.insert(key);
    }
}

void ProxyDialogs::removeProxy(const quint16 proxy)
{
    for (const quint64 key : m_remote.removeOrigin(proxy))
    {
        m_remoteDirty.erase(key);
        m_remoteRemoved.push_back(key);
    }
    m_lastListing.erase(proxy);
    m_stale.erase(proxy);
}

quint64 ProxyDialogs::findOnMirror(const DialogEngine &engine, const DialogSnapshot &d)
{
    // The did cookie: a mirror dialog that adopted the proxy's ids from the wire has them too.
    DialogHandle h = engine.find(calldeck::core::DialogId{d.hEntry, d.hId});
    if (h.valid() && engine.snapshot(h).callId != d.callId)
    {
        h = {};
    }
    if (!h.valid())
    {
        h = engine.find(d.callId, d.caller.tag.value_or(std::string()), d.callee.tag.value_or(std::string()));
    }
    return h.valid() ? CoreWorker::keyOf(h) : 0;
}

void ProxyDialogs::link(const quint64 remoteKey, const quint64 engineKey, std::vector<quint64> &gone)
{
    m_toEngine[remoteKey] = engineKey;
    m_toRemote[engineKey] = remoteKey;
    m_timeFlags.erase(engineKey);
    if (m_shown.erase(remoteKey))
    {
        gone.push_back(remoteKey); // its own row goes: the mirror's row now shows it
    }
}

void ProxyDialogs::reconcile(const DialogEngine &engine, std::unordered_set<quint64> &dirty,
                             std::vector<quint64> &removed, std::vector<DialogRow> &upserts,
                             std::vector<quint64> &gone, const qint64 nowMs)
{
    for (const quint64 e : removed)
    {
        m_timeFlags.erase(e);
        const auto it = m_toRemote.find(e);
        if (it == m_toRemote.end())
        {
            continue;
        }
        const quint64 r = it->second;
        m_toRemote.erase(it);
        m_toEngine.erase(r);
        if (const RemoteDialog *rd = m_remote.find(r); rd && rd->dialog.state < Deleted)
        {
            // The wire saw it end and the core let it go, but the proxy still lists it as live.
            m_endedOnWire.insert(r);
            m_remoteDirty.insert(r);
        }
    }
    for (const quint64 r : m_remoteRemoved)
    {
        m_endedOnWire.erase(r);
        if (const auto it = m_toEngine.find(r); it != m_toEngine.end())
        {
            dirty.insert(it->second); // back to "mirror" only
            m_toRemote.erase(it->second);
            m_toEngine.erase(it);
        }
        else if (m_shown.erase(r))
        {
            gone.push_back(r);
        }
    }
    m_remoteRemoved.clear();
    for (const quint64 r : m_remoteDirty)
    {
        const RemoteDialog *rd = m_remote.find(r);
        if (!rd)
        {
            continue;
        }
        if (const auto it = m_toEngine.find(r); it != m_toEngine.end())
        {
            dirty.insert(it->second);
            continue;
        }
        if (!m_endedOnWire.count(r))
        {
            const quint64 e = findOnMirror(engine, rd->dialog);
            if (e && !m_toRemote.count(e))
            {
                link(r, e, gone);
                dirty.insert(e);
                continue;
            }
        }
        m_shown.insert(r);
        upserts.push_back(proxyRow(*rd, nowMs));
    }
    m_remoteDirty.clear();
}

DialogRow ProxyDialogs::proxyRow(const RemoteDialog &r, const qint64 nowMs) const
{
    DialogRow row;
    row.key = r.key;
    row.dialog = r.dialog;
    row.origin = m_names.value(r.origin, u"proxy %1"_s.arg(r.origin));
    row.updatedMs = nowMs;
    row.proxy = r.origin;
    row.proxyHEntry = r.dialog.hEntry;
    row.proxyHId = r.dialog.hId;
    row.flags =
        (r.stale ? DialogRowFlag::Stale : 0) | (m_endedOnWire.count(r.key) ? DialogRowFlag::EndedOnWire : 0);
    return row;
}

void ProxyDialogs::annotate(DialogRow &row, std::vector<quint64> &gone)
{
    if (!m_toRemote.count(row.key) && m_remote.size() > 0)
    {
        const std::string &callerTag = row.dialog.caller.tag ? *row.dialog.caller.tag : std::string();
        const std::string &calleeTag = row.dialog.callee.tag ? *row.dialog.callee.tag : std::string();
        for (const RemoteDialog *rd : m_remote.findByCallId(row.dialog.callId, callerTag, calleeTag))
        {
            if (!m_toEngine.count(rd->key) && !m_endedOnWire.count(rd->key))
            {
                link(rd->key, row.key, gone);
                break;
            }
        }
    }
    describe(row);
}

void ProxyDialogs::describe(DialogRow &row) const
{
    row.origin = u"mirror"_s;
    if (const auto it = m_toRemote.find(row.key); it != m_toRemote.end())
    {
        if (const RemoteDialog *rd = m_remote.find(it->second))
        {
            row.proxy = rd->origin;
            row.proxyHEntry = rd->dialog.hEntry;
            row.proxyHId = rd->dialog.hId;
            row.origin = u"mirror + "_s + m_names.value(rd->origin, u"proxy %1"_s.arg(rd->origin));
            row.flags |=
                DialogRowFlag::Merged | (rd->stale ? DialogRowFlag::Stale : 0) |
                (row.dialog.state == Deleted && rd->dialog.state < Deleted ? DialogRowFlag::EndedOnWire : 0);
            // The wire knows the state, tags, CSeqs and contacts; only the proxy knows what its
            // script set: profiles, variables, flags and its own lifetime timer.
            const DialogSnapshot &p = rd->dialog;
            if (!p.profiles.empty())
            {
                row.dialog.profiles = p.profiles;
            }
            if (!p.variables.empty())
            {
                row.dialog.variables = p.variables;
            }
            row.dialog.timeout = p.timeout;
            row.dialog.lifetime = p.lifetime;
            row.dialog.sflags = p.sflags;
            row.dialog.dflags = p.dflags;
        }
    }
    if (const auto t = m_timeFlags.find(row.key); t != m_timeFlags.end())
    {
        row.flags |= t->second;
    }
}

std::vector<DialogRow> ProxyDialogs::rows(const DialogEngine &engine, const qint64 nowMs) const
{
    std::vector<DialogRow> out;
    const std::vector<DialogHandle> handles = engine.list();
    out.reserve(handles.size() + m_shown.size());
    for (const DialogHandle h : handles)
    {
        DialogRow row;
        row.key = CoreWorker::keyOf(h);
        row.dialog = engine.snapshot(h);
        row.updatedMs = nowMs;
        describe(row);
        out.push_back(std::move(row));
    }
    for (const quint64 key : m_shown)
    {
        if (const RemoteDialog *rd = m_remote.find(key))
        {
            out.push_back(proxyRow(*rd, nowMs));
        }
    }
    return out;
}

void ProxyDialogs::sweep(const DialogEngine &engine, const std::uint32_t nowSeconds,
                         std::unordered_set<quint64> &dirty)
{
    // The newest listing of a proxy that answers: a confirmed mirror dialog that started well
    // before it and is in no listing is unknown to the proxies.
    std::uint32_t listedAt = 0;
    for (const auto &[proxy, at] : m_lastListing)
    {
        if (!m_stale.count(proxy))
        {
            listedAt = std::max(listedAt, at);
        }
    }
    for (const DialogHandle h : engine.list())
    {
        const quint64 key = CoreWorker::keyOf(h);
        const auto state = static_cast<std::uint8_t>(engine.state(h));
        const calldeck::core::DialogTimes t = engine.times(h);
        quint8 flags = 0;
        if (state == ConfirmedNoAck || state == Confirmed)
        {
            if (t.lastModified + m_options.ghostSeconds < nowSeconds)
            {
                flags |= DialogRowFlag::Ghost;
            }
            if (listedAt && !m_toRemote.count(key) && t.startTs + m_options.unknownGraceSeconds < listedAt)
            {
                flags |= DialogRowFlag::UnknownToProxy;
            }
        }
        const auto it = m_timeFlags.find(key);
        const quint8 before = it == m_timeFlags.end() ? 0 : it->second;
        if (before == flags)
        {
            continue;
        }
        if (flags)
        {
            m_timeFlags[key] = flags;
        }
        else
        {
            m_timeFlags.erase(it);
        }
        dirty.insert(key);
    }
}

std::optional<ProxyDialogs::Owner> ProxyDialogs::owner(const quint64 rowKey) const
{
    quint64 remoteKey = rowKey;
    if (!isProxyKey(rowKey))
    {
        const auto it = m_toRemote.find(rowKey);
        if (it == m_toRemote.end())
        {
            return Owner{};
        }
        remoteKey = it->second;
    }
    const RemoteDialog *rd = m_remote.find(remoteKey);
    if (!rd)
    {
        return std::nullopt;
    }
    return Owner{rd->origin, rd->dialog, rd->stale};
}
