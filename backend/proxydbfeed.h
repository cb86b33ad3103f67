// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>
#include <QThread>
#include <QTimer>

#include "backend/proxydbreader.h"
#include "backend/proxystatus.h"
#include "backend/storeurl.h"

struct DialogListPayload;
class EventLog;
class SourceRegistry;

/// @brief A proxy read from its dialog database (`--proxy-db URL[#name]`, issue #9): for a
/// Kamailio that keeps its dialogs in a `dialog` table (db_sqlite or db_postgres, db_mode 1 or
/// 2) but offers no JSON-RPC. Every Options::intervalMs the whole `dialog` + `dialog_vars` tables
/// are read (ProxyDbReader, on a worker thread of its own, read-only) and handed to the core as
/// a complete listing, exactly like a ProxyFeed's `dlg.list`: the dialogs appear as that proxy's
/// dialogs, with the feed's name as their origin. Fields the table does not keep (ref, init_ts,
/// end_ts, dflags…) stay absent. Kamailio writes no row for early dialogs (state 1 and 2), so
/// only answered calls appear; a call leaves when its row is deleted.
///
/// Health as ProxyFeed's (a ProxyStatus in the SourceRegistry, kind "db"): a failed read marks
/// the proxy's dialogs stale (unreachable()), doubles the interval up to Options::maxIntervalMs and,
/// after Options::downAfterErrors failures in a row, the feed is down; the first good read brings
/// it back. Reads never overlap. No action is possible on these dialogs: actionsText() says why.
///
/// Lives on the thread that creates it (the main thread).
class ProxyDbFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyDbFeed)

public:
    struct Options
    {
        int intervalMs = 2000;     ///< between the starts of two reads
        int maxIntervalMs = 30000; ///< backoff cap while the database cannot be read
        int downAfterErrors = 3;   ///< consecutive failed reads before "down"
    };

    /// @param origin the feed's id in the SourceRegistry (also its dialogs' origin in the core)
    ProxyDbFeed(quint16 origin, const QString &name, const StoreUrl &url, const Options &options,
                SourceRegistry &sources, EventLog *log, QObject *parent = nullptr);
    /// @brief Waits for a read still running (bounded by the busy and connect timeouts).
    ~ProxyDbFeed() override;

    quint16 origin() const { return m_origin; }
    const QString &name() const { return m_status.name; }
    const ProxyStatus &status() const { return m_status; }
    const StoreUrl &url() const { return m_url; }

    void start();
    /// @brief Stops reading; a read still running is ignored when it ends.
    void stop();
    /// @brief Reads now unless a read is running.
    void readNow();

    /// @brief Why no action can be done on this feed's dialogs (English, says what to do).
    QString actionsText() const;

signals:
    /// @brief A complete read: the proxy's dialogs at this moment (see ProxyFeed::listingReady).
    void listingReady(quint16 origin, const std::shared_ptr<const DialogListPayload> &listing);
    /// @brief A read failed: the dialogs last read are stale until the next good read.
    void unreachable(quint16 origin);
    void statusChanged(quint16 origin);

private:
    void startRead();
    void finishRead(quint64 generation, const ProxyDbReader::Result &result);
    void setState(ProxyStatus::State state);
    void publish();
    void note(bool error, const QString &message);

    quint16 m_origin;
    StoreUrl m_url;
    Options m_options;
    SourceRegistry &m_sources;
    EventLog *m_log;
    ProxyStatus m_status;
    QThread m_thread;
    ProxyDbReader *m_reader = nullptr; ///< lives on m_thread, deleted there when it finishes
    QTimer m_timer;
    bool m_running = false;
    bool m_inRead = false;
    quint64 m_generation = 0; ///< bumped by stop(): a read started before is ignored
    qint64 m_readStartMs = 0;
    QString m_journalMode; ///< the last one seen, to warn once per change
};
