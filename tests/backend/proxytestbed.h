// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QHash>
#include <QString>

#include "backend/coreworker.h"
#include "backend/dialogdelta.h"
#include "backend/ingestqueue.h"
#include "backend/proxyfeed.h"
#include "backend/sourceregistry.h"
#include "tests/support/siptrafficgenerator.h"

class DialogControl;

/// @brief Test helper: a CallDeck engine as app/engine.cpp wires it for proxies — a CoreWorker on
/// the live clock with Kamailio-like profiles ("inbound" without value; "caller" and "trunk" with
/// value), deltas on, a DialogControl, and ProxyFeeds whose listings and failures go to the core
/// (Engine::startProxy). Keeps the rows the deltas describe, as a view would.
class ProxyTestBed final
{
public:
    ProxyTestBed();
    ~ProxyTestBed();

    CoreWorker &worker() { return *m_worker; }
    SourceRegistry &sources() { return m_sources; }
    IngestQueue &queue() { return m_queue; }
    DialogControl &control() { return *m_control; }

    /// @brief Starts a feed of proxy @p name at @p url (request timeout @p timeoutMs), wired to the
    /// core and the DialogControl; @p beforeWiring runs first (to connect to the feed ahead of the
    /// core).
    ProxyFeed &addProxy(const QString &name, const QString &url, const ProxyFeed::Options &options,
                        int timeoutMs = 2000, const std::function<void(ProxyFeed &)> &beforeWiring = {});
    /// @brief Stops and removes the feed of @p origin (its rows go).
    void removeProxy(quint16 origin);

    /// @brief Takes the pending delta and applies it to rows().
    void pump();
    const QHash<quint64, DialogRow> &rows() const { return m_rows; }
    /// @brief The rows of proxy @p origin (after pump()); @p flag: only those with that flag set.
    std::vector<DialogRow> rowsOf(quint16 origin, quint8 flag = 0) const;
    /// @brief Pumps, then counts rowsOf(@p origin, @p flag).
    int countRows(quint16 origin, quint8 flag = 0);

    /// @brief Feeds calls 0..@p calls-1 of a SipTrafficGenerator (seed @p seed) as answered calls
    /// seen on the mirror, stamped now.
    bool feedMirrorCalls(int calls, std::uint32_t seed = 7);
    /// @brief Feeds @p messages as the mirror saw them.
    bool feedMessages(const std::vector<calldeck::testsupport::GeneratedMessage> &messages);

private:
    IngestQueue m_queue;
    SourceRegistry m_sources;
    std::unique_ptr<CoreWorker> m_worker;
    std::unique_ptr<DialogControl> m_control;
    std::vector<std::unique_ptr<ProxyFeed>> m_feeds;
    quint16 m_mirror = 0;
    QHash<quint64, DialogRow> m_rows;
};
