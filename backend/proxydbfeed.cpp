// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyDbFeed: a proxy's dialog table polled as a source, with ProxyFeed's health and backoff.
#include "backend/proxydbfeed.h"

#include <algorithm>

#include <QDateTime>

#include "backend/dialogstoreschema.h"
#include "backend/eventlog.h"
#include "backend/logging.h"
#include "backend/rpcoutcome.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

namespace
{

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

ProxyDbFeed::ProxyDbFeed(const quint16 origin, const QString &name, const StoreUrl &url,
                         const Options &options, SourceRegistry &sources, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_origin(origin)
    , m_url(url)
    , m_options(options)
    , m_sources(sources)
    , m_log(log)
{
    m_options.intervalMs = std::max(100, m_options.intervalMs);
    m_options.maxIntervalMs = std::max(m_options.intervalMs, m_options.maxIntervalMs);
    m_options.downAfterErrors = std::max(1, m_options.downAfterErrors);
    m_status.name = name;
    m_status.endpoint = url.display();
    m_status.intervalMs = m_options.intervalMs;

    m_reader = new ProxyDbReader(url);
    m_reader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    m_thread.setObjectName(u"proxydb-%1"_s.arg(origin));
    m_thread.start();

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProxyDbFeed::startRead);
}

ProxyDbFeed::~ProxyDbFeed()
{
    stop();
    m_thread.quit();
    m_thread.wait(); // the reader (and its connection) goes with the thread
    m_reader = nullptr;
}

void ProxyDbFeed::start()
{
    if (m_running)
    {
        return;
    }
    m_running = true;
    note(false, u"reading the dialogs of %1 every %2 s (read-only, no actions)"_s.arg(
                    m_status.endpoint, QString::number(m_options.intervalMs / 1000.0)));
    publish();
    startRead();
}

void ProxyDbFeed::stop()
{
    m_running = false;
    m_timer.stop();
    ++m_generation;
    m_inRead = false;
}

void ProxyDbFeed::readNow()
{
    if (m_running && !m_inRead)
    {
        m_timer.stop();
        startRead();
    }
}

QString ProxyDbFeed::actionsText() const
{
    return u"proxy %1 is read from its dialog database (%2), which allows no action: add the proxy's "
           "JSON-RPC with --rpc to act through it, or mirror its SIP to CallDeck (HEP) and run CallDeck's "
           "SIP user agent (--sip)"_s.arg(m_status.name, m_status.endpoint);
}

void ProxyDbFeed::startRead()
{
    if (!m_running || m_inRead)
    {
        return;
    }
    m_inRead = true;
    m_readStartMs = nowMs();
    m_status.lastAttemptMs = m_readStartMs;
    const quint64 generation = m_generation;
    ProxyDbReader *reader = m_reader;
    QMetaObject::invokeMethod(
        reader,
        [this, reader, generation]() {
            ProxyDbReader::Result result = reader->read();
            // Back on the feed's thread; dropped by Qt if the feed is gone (it waits for us anyway).
            QMetaObject::invokeMethod(
                this, [this, generation, result]() { finishRead(generation, result); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ProxyDbFeed::finishRead(const quint64 generation, const ProxyDbReader::Result &result)
{
    if (generation != m_generation)
    {
        return; // stopped meanwhile
    }
    m_inRead = false;
    ++m_status.polls;
    const ProxyStatus::State before = m_status.state;
    const bool ok = result.listing != nullptr;
    if (ok)
    {
        const DialogListPayload &listing = *result.listing;
        m_status.latencyMs = static_cast<int>(result.readMs);
        m_status.dialogs = static_cast<int>(listing.dialogs.size());
        m_status.skippedEntries = static_cast<int>(listing.skipped.size());
        m_status.version = u"dialog table version %1, dialog_vars version %2"_s.arg(
            QString::number(DialogStoreSchema::DialogVersion),
            QString::number(DialogStoreSchema::DialogVarsVersion));
        if (!result.journalMode.isEmpty() && result.journalMode != m_journalMode)
        {
            m_journalMode = result.journalMode;
            if (m_journalMode != u"wal"_s)
            {
                // Kamailio 5.6's db_sqlite sets no busy timeout: a write that meets a reader's lock
                // fails at once and the row stays stale. With WAL, readers never block the writer.
                note(true,
                     u"%1 uses SQLite's '%2' journal: while CallDeck reads it, a write of Kamailio's "
                     "db_sqlite (which does not wait for locks) can fail with 'database is locked'. "
                     "Switch it to WAL: modparam(\"db_sqlite\", \"db_set_journal_mode\", \"%3=WAL\")"_s.arg(
                         m_url.display(), m_journalMode, m_url.path));
            }
        }
        if (!result.journalMode.isEmpty())
        {
            m_status.version += u", SQLite journal mode %1"_s.arg(result.journalMode);
        }
        m_sources.countReceived(m_origin, 1, 0); // one listing
        if (m_status.consecutiveErrors > 0)
        {
            note(false, u"readable again after %1 failed read(s)"_s.arg(m_status.consecutiveErrors));
        }
        m_status.consecutiveErrors = 0;
        m_status.intervalMs = m_options.intervalMs;
        m_status.lastSuccessMs = nowMs();
        if (!listing.skipped.isEmpty())
        {
            m_status.lastError = u"%1 malformed dialog row(s) skipped; first: %2"_s.arg(
                QString::number(listing.skipped.size()), listing.skipped.first());
        }
        setState(listing.skipped.isEmpty() ? ProxyStatus::State::Up : ProxyStatus::State::Degraded);
        emit listingReady(m_origin, std::shared_ptr<const DialogListPayload>(result.listing));
    }
    else
    {
        ++m_status.failures;
        ++m_status.consecutiveErrors;
        m_status.lastError = result.error;
        m_status.intervalMs = static_cast<int>(
            std::min<qint64>(m_options.maxIntervalMs, qint64(m_options.intervalMs)
                                                          << std::min(m_status.consecutiveErrors, 16)));
        setState(m_status.consecutiveErrors >= m_options.downAfterErrors ? ProxyStatus::State::Down
                                                                         : ProxyStatus::State::Degraded);
        emit unreachable(m_origin);
    }
    if (before != m_status.state && m_status.state != ProxyStatus::State::Up)
    {
        note(true, u"%1: %2"_s.arg(ProxyStatus::stateName(m_status.state), m_status.lastError));
    }
    if (m_running)
    {
        const qint64 elapsed = nowMs() - m_readStartMs;
        const qint64 wait = ok ? std::max<qint64>(0, m_status.intervalMs - elapsed) : m_status.intervalMs;
        m_status.nextPollMs = nowMs() + wait;
        m_timer.start(static_cast<int>(wait));
    }
    publish();
}

void ProxyDbFeed::setState(const ProxyStatus::State state)
{
    if (m_status.state != state)
    {
        qCInfo(lcBackend) << "proxy database" << m_status.name << "is" << ProxyStatus::stateName(state);
    }
    m_status.state = state;
}

void ProxyDbFeed::publish()
{
    m_sources.setProxyStatus(m_origin, m_status);
    emit statusChanged(m_origin);
}

void ProxyDbFeed::note(const bool error, const QString &message)
{
    if (error)
    {
        qCWarning(lcBackend).noquote() << "proxy database" << m_status.name << message;
    }
    if (m_log)
    {
        m_log->append(error ? EventLogEntry::Severity::Warning : EventLogEntry::Severity::Info,
                      u"db "_s + m_status.name, message);
    }
}
