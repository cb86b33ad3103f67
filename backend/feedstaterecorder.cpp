// SPDX-License-Identifier: GPL-3.0-or-later
// FeedStateRecorder: SourceRegistry's feeds as rows of calldeck_feed, on change, at most once a second.
#include "backend/feedstaterecorder.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "backend/calldeckschema.h"
#include "backend/eventlog.h"
#include "backend/logging.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

namespace
{
const QString Source = u"store"_s;

QString stateOf(const SourceHealth &h)
{
    return QString::fromLatin1(SourceHealth::stateName(h.state));
}

QString errorOf(const SourceHealth &h)
{
    const QString error = h.proxy && h.error.isEmpty() ? h.proxy->lastError : h.error;
    return error.isNull() ? u""_s : error; // a null QString binds as NULL
}

/// What a row holds, as one string: a feed whose fingerprint did not change is not written.
QString fingerprint(const SourceHealth &h)
{
    return QStringList{h.kind,
                       FeedStateRecorder::addressOf(h),
                       stateOf(h),
                       errorOf(h),
                       QString::number(h.lastSeenMs),
                       QString::number(h.packets),
                       QString::number(h.bytes),
                       QString::number(h.queueDrops),
                       QString::number(h.kernelDrops),
                       QString::number(h.malformed),
                       QString::number(h.authFailures),
                       QString::number(h.notSip)}
        .join(u'\x1f');
}
} // namespace

FeedStateRecorder::FeedStateRecorder(StoreUrl store, SourceRegistry &sources, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_session(std::move(store), u"calldeck-feeds"_s,
                {Source, u"the feeds' state"_s, u"The feeds still run"_s, EventLogEntry::Severity::Warning},
                log)
    , m_sources(sources)
{
    connect(&m_timer, &QTimer::timeout, this, [this] { flush(QDateTime::currentMSecsSinceEpoch()); });
}

FeedStateRecorder::~FeedStateRecorder() = default;

QString FeedStateRecorder::addressOf(const SourceHealth &health)
{
    if (health.proxy && !health.proxy->endpoint.isNull())
    {
        return health.proxy->endpoint;
    }
    if (health.kind.startsWith(u"hep-"_s))
    {
        return health.label.section(u' ', 1); // "udp 127.0.0.1:9060"
    }
    return health.label.isNull() ? u""_s : health.label;
}

void FeedStateRecorder::start(const int intervalMs)
{
    m_timer.start(std::max(intervalMs, 1000));
}

void FeedStateRecorder::stop()
{
    m_timer.stop();
    flush(QDateTime::currentMSecsSinceEpoch());
}

bool FeedStateRecorder::flush(const qint64 nowMs)
{
    std::map<QString, QString> changed; // name -> fingerprint, for the rows written
    QList<SourceHealth> rows;
    for (const SourceHealth &h : m_sources.snapshot())
    {
        const QString print = fingerprint(h);
        const auto it = m_written.find(h.label);
        if (it == m_written.end() || it->second != print)
        {
            changed[h.label] = print;
            rows.append(h);
        }
    }
    if (rows.isEmpty())
    {
        return true;
    }
    QString error;
    if (m_session.open(&error))
    {
        QSqlDatabase db = QSqlDatabase::database(m_session.connection(), false);
        bool ok = db.transaction();
        QSqlQuery q(db);
        q.prepare(
            u"INSERT INTO calldeck_feed (name, kind, address, state, last_error, last_seen_ms, packets, "
            u"bytes, queue_drops, kernel_drops, malformed, auth_failures, not_sip, updated_ms) "
            u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            u"kind = excluded.kind, address = excluded.address, state = excluded.state, "
            u"last_error = excluded.last_error, last_seen_ms = excluded.last_seen_ms, "
            u"packets = excluded.packets, bytes = excluded.bytes, queue_drops = excluded.queue_drops, "
            u"kernel_drops = excluded.kernel_drops, malformed = excluded.malformed, "
            u"auth_failures = excluded.auth_failures, not_sip = excluded.not_sip, "
            u"updated_ms = excluded.updated_ms"_s);
        for (const SourceHealth &h : std::as_const(rows))
        {
            if (!ok)
            {
                break;
            }
            for (const QVariant &v :
                 {QVariant(h.label.isNull() ? u""_s : h.label), QVariant(h.kind.isNull() ? u""_s : h.kind),
                  QVariant(addressOf(h)), QVariant(stateOf(h)), QVariant(errorOf(h)), QVariant(h.lastSeenMs),
                  QVariant(qint64(h.packets)), QVariant(qint64(h.bytes)), QVariant(qint64(h.queueDrops)),
                  QVariant(qint64(h.kernelDrops)), QVariant(qint64(h.malformed)),
                  QVariant(qint64(h.authFailures)), QVariant(qint64(h.notSip)), QVariant(nowMs)})
            {
                q.addBindValue(v);
            }
            ok = q.exec();
        }
        if (ok && db.commit())
        {
            m_rowsWritten += int(rows.size());
            for (auto &[name, print] : changed)
            {
                m_written[name] = std::move(print);
            }
            m_session.succeeded();
            return true;
        }
        error = (q.lastError().isValid() ? q.lastError() : db.lastError()).text().trimmed();
        db.rollback();
    }
    m_session.failed(error);
    return false;
}
