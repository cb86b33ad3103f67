// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>

#include <QObject>
#include <QString>
#include <QTimer>

#include "backend/storesession.h"

class EventLog;
class SourceRegistry;
struct SourceHealth;

/// @brief The feeds' last state in CallDeck's store (issue #9): one row of `calldeck_feed` per
/// feed (its label as the name; kind, address, state, last error, last seen, counters), written
/// when it changed and at most once a second, so that after a restart or a crash the store says
/// what each listener, replay and proxy did last. A store that cannot be written goes to the
/// event log once per outage; the feeds go on.
///
/// Lives on the main thread.
class FeedStateRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedStateRecorder)

public:
    FeedStateRecorder(StoreUrl store, SourceRegistry &sources, EventLog *log = nullptr,
                      QObject *parent = nullptr);
    ~FeedStateRecorder() override;

    /// @brief Writes the feeds that changed every @p intervalMs (at least 1 000).
    void start(int intervalMs = 1000);
    /// @brief Stops the timer and writes what changed since the last write.
    void stop();
    /// @brief Writes the feeds that changed since the last write, in one transaction.
    /// @return false when the store could not be written (reported to the event log)
    bool flush(qint64 nowMs);
    /// @brief Rows written so far (tests: "at most once a second", "only on change").
    int rowsWritten() const { return m_rowsWritten; }

    /// @brief The address part of a feed: a listener's ADDR:PORT, a proxy's URL, a replay's file.
    static QString addressOf(const SourceHealth &health);

private:
    StoreSession m_session;
    SourceRegistry &m_sources;
    QTimer m_timer;
    std::map<QString, QString> m_written; ///< per feed name: the fingerprint of what was written
    int m_rowsWritten = 0;
};
