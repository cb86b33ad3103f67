// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/auditlog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

#include "backend/controlrequest.h"
#include "backend/dialogcontrol.h"
#include "backend/eventlog.h"
#include "backend/logging.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr qint64 MinMaxBytes = 1024;
const QString Source = u"audit"_s;

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool readLines(const QString &path, QList<QJsonObject> &out, int &skipped, QString *error)
{
    QFile file(path);
    if (!file.exists())
    {
        return true;
    }
    if (!file.open(QIODevice::ReadOnly))
    {
        if (error)
        {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        }
        return false;
    }
    while (!file.atEnd())
    {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
        {
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        {
            ++skipped;
            continue;
        }
        out.append(doc.object());
    }
    return true;
}
} // namespace

AuditLog::AuditLog(QString path, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_log(log)
    , m_user(currentUser())
{}

AuditLog::~AuditLog() = default;

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

QString AuditLog::rotatedPath() const
{
    return m_path + u".1"_s;
}

void AuditLog::setMaxBytes(const qint64 bytes)
{
    m_maxBytes = std::max(bytes, MinMaxBytes);
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
    const QByteArray line = QJsonDocument(entry).toJson(QJsonDocument::Compact) + '\n';
    QString error;
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
    {
        error = u"cannot create the directory %1"_s.arg(info.absolutePath());
    }
    else if (rotateFor(line.size(), &error))
    {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        {
            error = file.errorString();
        }
        else if (file.write(line) != line.size() || !file.flush())
        {
            error = file.errorString();
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
                          u"The audit log %1 is written again."_s.arg(QDir::toNativeSeparators(m_path)));
        }
    }
    emit recorded(entry);
    return true;
}

bool AuditLog::rotateFor(const qint64 adding, QString *error)
{
    const QFileInfo info(m_path);
    if (!info.exists() || info.size() == 0 || info.size() + adding <= m_maxBytes)
    {
        return true;
    }
    const QString old = rotatedPath();
    if (QFile::exists(old) && !QFile::remove(old))
    {
        *error = u"cannot remove the old audit log %1 to rotate"_s.arg(old);
        return false;
    }
    if (!QFile::rename(m_path, old))
    {
        *error = u"cannot rename %1 to %2 to rotate"_s.arg(m_path, old);
        return false;
    }
    qCInfo(lcBackend).noquote() << "audit log rotated to" << old;
    return true;
}

void AuditLog::reportFailure(const QString &error)
{
    qCWarning(lcBackend).noquote() << "audit log" << m_path << error;
    if (m_failing)
    {
        return; // once per outage, not per action
    }
    m_failing = true;
    if (m_log)
    {
        m_log->append(EventLogEntry::Severity::Error, Source,
                      u"Cannot write the audit log %1: %2. Actions still run but are not recorded until "
                      u"it can be written: free disk space or fix the permissions of the file and its "
                      u"directory."_s.arg(QDir::toNativeSeparators(m_path), error));
    }
}

QList<QJsonObject> AuditLog::read(QString *error, int *skipped) const
{
    QList<QJsonObject> out;
    int bad = 0;
    bool ok = readLines(rotatedPath(), out, bad, error);
    ok = readLines(m_path, out, bad, ok ? error : nullptr) && ok;
    if (skipped)
    {
        *skipped = bad;
    }
    return out;
}
