// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>
#include <QString>
#include <QThread>

#include "backend/dmq/dmqconfig.h"

class DmqWorker;
class EventLog;
class SourceRegistry;
struct DialogListPayload;

/// @brief The cluster feed (`--dmq`, issue #10): CallDeck as a passive node of a Kamailio DMQ bus.
/// Runs a DmqWorker on a thread of its own; the dialogs each node owns reach the core as that
/// node's listing (like a proxy's `dlg.list`), named "dmq HOST:PORT" in the origin column, and are
/// flagged stale while their node is not active. Lives on the thread that creates it.
class DmqFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DmqFeed)

public:
    DmqFeed(DmqConfig config, SourceRegistry &sources, EventLog *log, QObject *parent = nullptr);
    /// @brief stop() with the default timeout.
    ~DmqFeed() override;

    /// @brief Binds the node's socket and joins the bus. @return false with @p error (English,
    /// says what to do) when the socket cannot be bound.
    bool start(QString *error);
    /// @brief Says goodbye to the active nodes (waits for their answers at most @p timeoutMs) and
    /// stops the thread.
    void stop(int timeoutMs = 1500);
    bool running() const { return m_worker != nullptr; }
    const DmqConfig &config() const { return m_config; }

signals:
    /// @brief Emitted on the DMQ thread: the complete set of dialogs node @p node owns now.
    void listingReady(quint16 node, const QString &name,
                      const std::shared_ptr<const DialogListPayload> &listing);
    /// @brief Emitted on the DMQ thread: node @p node is not active; its dialogs are stale.
    void nodeStale(quint16 node);
    /// @brief Emitted on the DMQ thread: a node got its Sources row @p node.
    void nodeAdded(quint16 node, const QString &uri);

private:
    DmqConfig m_config;
    SourceRegistry &m_sources;
    EventLog *m_log;
    QThread m_thread;
    DmqWorker *m_worker = nullptr; ///< lives on m_thread
};
