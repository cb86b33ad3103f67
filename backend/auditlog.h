// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

class DialogControl;
class EventLog;
struct ControlRequest;
struct ControlResult;

/// @brief The audit trail of control actions (issue #7): every attempt DialogControl reports
/// (executed(), so the served JSON-RPC's actions too) becomes one JSON line in a file that
/// survives restarts: who (OS user, requestedBy), when (ISO 8601 UTC), which dialog (Call-ID,
/// tags, key), which way (path), what (method and parameters) and how it ended (ok, code,
/// message). The file is bounded: past maxBytes() it is renamed to "<file>.1" (the one older file
/// kept) and a new one begun. A file that cannot be written goes to the event log with what to
/// do; the actions themselves still run.
///
/// Lives on DialogControl's thread (the main thread).
class AuditLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLog)

public:
    static constexpr qint64 DefaultMaxBytes = 10 * 1024 * 1024;

    /// @param path the JSON-lines file; its directory is created when missing
    explicit AuditLog(QString path, EventLog *log = nullptr, QObject *parent = nullptr);
    ~AuditLog() override;

    /// @brief audit.jsonl in the user's application data directory.
    static QString defaultPath();
    /// @brief The user running CallDeck ($USER, else the password database, else "unknown").
    static QString currentUser();

    QString path() const { return m_path; }
    /// @brief The older file kept by the rotation ("<path>.1").
    QString rotatedPath() const;
    qint64 maxBytes() const { return m_maxBytes; }
    /// @brief Rotation threshold (at least 1 KiB).
    void setMaxBytes(qint64 bytes);
    QString user() const { return m_user; }
    void setUser(const QString &user) { m_user = user; }

    /// @brief Records every attempt @p control reports from now on.
    void attach(DialogControl &control);
    /// @brief Appends the entry of one attempt. @return false when the file could not be written
    bool record(const ControlRequest &request, const ControlResult &result);
    /// @brief The JSON object of one attempt, as record() writes it.
    static QJsonObject entryFor(const ControlRequest &request, const ControlResult &result,
                                const QString &user);
    /// @brief The method parameters of @p request worth auditing (side, URI, seconds, names, ...).
    static QJsonObject paramsOf(const ControlRequest &request);

    /// @brief The entries kept (the older file, then the current one), oldest first. Lines that are
    /// not JSON objects (a torn last line, a hand edit) are skipped and counted in @p skipped.
    QList<QJsonObject> read(QString *error = nullptr, int *skipped = nullptr) const;

signals:
    /// @brief An entry was appended (for a view that is open).
    void recorded(const QJsonObject &entry);

private:
    bool append(const QJsonObject &entry);
    bool rotateFor(qint64 adding, QString *error);
    void reportFailure(const QString &error);

    QString m_path;
    EventLog *m_log;
    qint64 m_maxBytes = DefaultMaxBytes;
    QString m_user;
    bool m_failing = false;
};
