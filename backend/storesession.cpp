// SPDX-License-Identifier: GPL-3.0-or-later
// StoreSession: a main-thread writer's connection to CallDeck's tables, with throttled retries.
#include "storesession.h"

#include <atomic>

#include <QDateTime>
#include <QSqlDatabase>

#include "backend/calldeckschema.h"
#include "backend/eventlog.h"
#include "backend/logging.h"

using namespace Qt::StringLiterals;

namespace
{
std::atomic<int> g_connections{0};
constexpr qint64 ReopenAfterMs = 10'000;
} // namespace

StoreSession::StoreSession(StoreUrl store, const QString &prefix, Texts texts, EventLog *log)
    : m_store(std::move(store))
    , m_connection(u"%1-%2"_s.arg(prefix).arg(g_connections.fetch_add(1)))
    , m_texts(std::move(texts))
    , m_log(log)
{}

StoreSession::~StoreSession()
{
    CallDeckSchema::close(m_connection);
}

bool StoreSession::open(QString *error)
{
    if (QSqlDatabase::contains(m_connection))
    {
        return true;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_failing && now - m_lastOpenAttemptMs < ReopenAfterMs)
    {
        *error = u"the store was not usable a moment ago"_s;
        return false;
    }
    m_lastOpenAttemptMs = now;
    return CallDeckSchema::open(m_store, m_connection, error);
}

void StoreSession::succeeded()
{
    if (!m_failing)
    {
        return;
    }
    m_failing = false;
    if (m_log)
    {
        QString what = m_texts.what;
        what[0] = what[0].toUpper();
        m_log->append(EventLogEntry::Severity::Info, m_texts.source,
                      u"%1 in the store %2 is written again."_s.arg(what, m_store.display()));
    }
}

void StoreSession::failed(const QString &error)
{
    if (QSqlDatabase::contains(m_connection) && !QSqlDatabase::database(m_connection, false).isOpen())
    {
        CallDeckSchema::close(m_connection);
    }
    qCWarning(lcBackend).noquote() << m_texts.what << m_store.display() << error;
    if (m_failing)
    {
        return; // once per outage, not per write
    }
    m_failing = true;
    if (m_log)
    {
        m_log->append(
            m_texts.severity, m_texts.source,
            u"Cannot write %1 to the store %2: %3. %4: free disk space, fix the permissions, or "
            u"start the database server."_s.arg(m_texts.what, m_store.display(), error, m_texts.meanwhile));
    }
}
