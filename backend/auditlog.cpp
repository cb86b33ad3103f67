// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/auditlog.h"

#include <atomic>

#include <QDateTime>
#include <QSqlDatabase>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

#include "backend/audittable.h"
#include "backend/calldeckschema.h"
#include "backend/controlrequest.h"
#include "backend/dialogcontrol.h"
#include "backend/eventlog.h"
#include "backend/legacyimport.h"
#include "backend/logging.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr qint64 MinMaxRows = 10;
constexpr qint64 ReopenAfterMs = 10'000; // a store that is down is not tried at every action
const QString Source = u"audit"_s;
std::atomic<int> g_connections{0};

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace

AuditLog::AuditLog(StoreUrl store, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_connection(u"calldeck-audit-%1"_s.arg(g_connections.fetch_add(1)))
    , m_log(log)
    , m_user(currentUser())
{}

AuditLog::~AuditLog()
{
    CallDeckSchema::close(m_connection);
}

bool AuditLog::open(QString *error)
{
    if (QSqlDatabase::contains(m_connection))
    {
        return true;
    }
    m_lastOpenAttemptMs = QDateTime::currentMSecsSinceEpoch();
    QString why;
    if (!CallDeckSchema::open(m_store, m_connection, &why))
    {
        reportFailure(why);
        if (error)
        {
            *error = why;
        }
        return false;
    }
    if (!m_legacyFile.isEmpty())
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        int imported = 0;
        if (!LegacyImport::importAudit(db, m_legacyFile, &imported, &why))
        {
            // The store works: the old file stays where it is and the next start tries again.
            qCWarning(lcBackend).noquote() << "audit log import" << why;
            if (m_log)
            {
                m_log->append(EventLogEntry::Severity::Warning, Source,
                              u"The audit log of an earlier version was not imported: %1."_s.arg(why));
            }
        }
        else if (imported > 0 && m_log)
        {
            m_log->append(EventLogEntry::Severity::Info, Source,
                          u"Imported %1 audit entries of an earlier version from %2 into the store %3."_s.arg(
                              QString::number(imported), m_legacyFile, m_store.display()));
        }
        m_imported = imported;
    }
    return true;
}

QString AuditLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/audit.jsonl"_s;
}

QString AuditLog::currentUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
    {
        user = qEnvironmentVariable("USERNAME"); // Windows
    }
#ifdef Q_OS_UNIX
    if (user.isEmpty())
    {
        if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name)
        {
            user = QString::fromLocal8Bit(pw->pw_name);
        }
    }
#endif
    return user.isEmpty() ? u"unknown"_s : user;
}

void AuditLog::setMaxRows(const qint64 rows)
{
    m_maxRows = std::max(rows, MinMaxRows);
}

void AuditLog::attach(DialogControl &control)
{
    connect(&control, &DialogControl::executed, this,
            [this](const ControlRequest &request, const ControlResult &result) { record(request, result); });
}

bool AuditLog::record(const ControlRequest &request, const ControlResult &result)
{
    return append(entryFor(request, result, m_user));
}

QJsonObject AuditLog::paramsOf(const ControlRequest &request)
{
    QJsonObject p;
    switch (request.action)
    {
    case DialogAction::EndDialog:
    case DialogAction::TerminateDialog:
        p.insert(u"side"_s, request.side.isEmpty() ? u"both"_s : request.side);
        if (!request.extraHeaders.isEmpty())
        {
            p.insert(u"extraHeaders"_s, request.extraHeaders);
        }
        break;
    case DialogAction::Refer:
        p.insert(u"side"_s, request.side);
        p.insert(u"uri"_s, request.uri);
        break;
    case DialogAction::SetTimeout:
        p.insert(u"seconds"_s, static_cast<qint64>(request.seconds));
        break;
    case DialogAction::SetProfile:
    case DialogAction::UnsetProfile:
        p.insert(u"profile"_s, request.name);
        p.insert(u"value"_s, request.value);
        break;
    case DialogAction::SetVariable:
        p.insert(u"name"_s, request.name);
        p.insert(u"value"_s, request.value);
        break;
    case DialogAction::SetState:
        p.insert(u"state"_s, request.state);
        p.insert(u"confirmedDangerous"_s, request.confirmedDangerous);
        break;
    case DialogAction::Bridge:
        p.insert(u"from"_s, request.bridgeFrom);
        p.insert(u"to"_s, request.bridgeTo);
        if (!request.bridgeOp.isEmpty())
        {
            p.insert(u"outboundProxy"_s, request.bridgeOp);
        }
        p.insert(u"body"_s, request.bridgeBody);
        break;
    case DialogAction::IsAlive:
        break;
    }
    return p;
}

QJsonObject AuditLog::entryFor(const ControlRequest &request, const ControlResult &result,
                               const QString &user)
{
    const QString method = DialogActionInfo::methodName(request.action);
    QJsonObject entry;
    entry.insert(u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    entry.insert(u"user"_s, user);
    entry.insert(u"requestedBy"_s, request.requestedBy);
    entry.insert(u"action"_s, method);
    if (request.action == DialogAction::Bridge)
    {
        entry.insert(u"dialog"_s, QJsonValue::Null); // click-to-dial makes a call, it acts on none
    }
    else
    {
        QJsonObject dialog{{u"callId"_s, fromStd(request.callId)},
                           {u"fromTag"_s, fromStd(request.fromTag)},
                           {u"toTag"_s, fromStd(request.toTag)},
                           {u"key"_s, QString::number(request.rowKey)}};
        if (request.engineId)
        {
            dialog.insert(u"hEntry"_s, static_cast<qint64>(request.engineId->first));
            dialog.insert(u"hId"_s, static_cast<qint64>(request.engineId->second));
        }
        entry.insert(u"dialog"_s, dialog);
    }
    entry.insert(u"path"_s, result.path);
    entry.insert(u"request"_s, QJsonObject{{u"method"_s, method}, {u"params"_s, paramsOf(request)}});
    entry.insert(u"result"_s,
                 QJsonObject{{u"ok"_s, result.ok}, {u"code"_s, result.code}, {u"message"_s, result.message}});
    return entry;
}

bool AuditLog::append(const QJsonObject &entry)
{
    QString error;
    if (!QSqlDatabase::contains(m_connection) &&
        (m_failing && QDateTime::currentMSecsSinceEpoch() - m_lastOpenAttemptMs < ReopenAfterMs))
    {
        error = u"the store was not usable a moment ago"_s;
    }
    else if (open(&error))
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!AuditTable::insert(db, entry, &error) || !AuditTable::trim(db, m_maxRows, &error))
        {
            // A connection that broke (a database server restart) is opened again next time.
            if (!db.isOpen() || db.isOpenError())
            {
                db = {};
                CallDeckSchema::close(m_connection);
            }
        }
        else
        {
            error.clear();
        }
    }
    if (!error.isEmpty())
    {
        reportFailure(error);
        emit recorded(entry); // an open view still shows it
        return false;
    }
    if (m_failing)
    {
        m_failing = false;
        if (m_log)
        {
            m_log->append(EventLogEntry::Severity::Info, Source,
                          u"The audit log in the store %1 is written again."_s.arg(m_store.display()));
        }
    }
    emit recorded(entry);
    return true;
}

void AuditLog::reportFailure(const QString &error)
{
    qCWarning(lcBackend).noquote() << "audit log" << m_store.display() << error;
    if (m_failing)
    {
        return; // once per outage, not per action
    }
    m_failing = true;
    if (m_log)
    {
        m_log->append(
            EventLogEntry::Severity::Error, Source,
            u"Cannot write the audit log to the store %1: %2. Actions still run but are not recorded "
            u"until it can be written: free disk space or fix the permissions of the file and its "
            u"directory, or start the database server."_s.arg(m_store.display(), error));
    }
}

QList<QJsonObject> AuditLog::read(QString *error, int *skipped)
{
    QList<QJsonObject> out;
    int bad = 0;
    if (open(error))
    {
        AuditTable::read(QSqlDatabase::database(m_connection, false), out, &bad, error);
    }
    if (skipped)
    {
        *skipped = bad;
    }
    return out;
}
