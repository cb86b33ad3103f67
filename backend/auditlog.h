// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include "backend/storeurl.h"

class DialogControl;
class EventLog;
struct ControlRequest;
struct ControlResult;

/// @brief The audit trail of control actions (issues #7, #9): every attempt DialogControl reports
/// (executed(), so the served JSON-RPC's actions too) becomes one row of the store's
/// `calldeck_audit` table (AuditTable: the JSON object, plus time, user, method and ok to search
/// by), so it survives restarts and is backed up with the dialogs: who (OS user, requestedBy),
/// when (ISO 8601 UTC), which dialog (Call-ID, tags, key), which way (path), what (method and
/// parameters) and how it ended (ok, code, message). The table is bounded: past maxRows() the
/// oldest rows go. A store that cannot be written goes to the event log with what to do; the
/// actions themselves still run. At open, the audit.jsonl (and .1) of earlier versions
/// (setLegacyFile) is imported once (LegacyImport).
///
/// Lives on DialogControl's thread (the main thread).
class AuditLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLog)

public:
    static constexpr qint64 DefaultMaxRows = 100'000;

    /// @param store where the table is (CommandLineOptions::storeUrl()); opened at the first use
    explicit AuditLog(StoreUrl store, EventLog *log = nullptr, QObject *parent = nullptr);
    ~AuditLog() override;

    /// @brief audit.jsonl in the user's application data directory: the file of earlier versions.
    static QString defaultPath();
    /// @brief The user running CallDeck ($USER, else the password database, else "unknown").
    static QString currentUser();

    /// @brief The store, for messages (no password).
    QString path() const { return m_store.display(); }
    /// @brief The audit file of earlier versions to import at open (empty: none).
    void setLegacyFile(const QString &file) { m_legacyFile = file; }
    /// @brief Opens the store, creates or migrates its tables and imports the legacy file; a
    /// failure goes to the event log (and is tried again at the next action).
    bool open(QString *error = nullptr);
    /// @brief Entries imported from the legacy file by open() (0 when there was none).
    int importedEntries() const { return m_imported; }
    qint64 maxRows() const { return m_maxRows; }
    /// @brief The rows kept (at least 10): past it the oldest go.
    void setMaxRows(qint64 rows);
    QString user() const { return m_user; }
    void setUser(const QString &user) { m_user = user; }

    /// @brief Records every attempt @p control reports from now on.
    void attach(DialogControl &control);
    /// @brief Appends the entry of one attempt. @return false when the store could not be written
    bool record(const ControlRequest &request, const ControlResult &result);
    /// @brief The JSON object of one attempt, as record() writes it.
    static QJsonObject entryFor(const ControlRequest &request, const ControlResult &result,
                                const QString &user);
    /// @brief The method parameters of @p request worth auditing (side, URI, seconds, names, ...).
    static QJsonObject paramsOf(const ControlRequest &request);

    /// @brief The entries kept, oldest first. Rows that are not JSON objects (a hand edit) are
    /// skipped and counted in @p skipped.
    QList<QJsonObject> read(QString *error = nullptr, int *skipped = nullptr);

signals:
    /// @brief An entry was appended (for a view that is open).
    void recorded(const QJsonObject &entry);

private:
    bool append(const QJsonObject &entry);
    void reportFailure(const QString &error);

    const StoreUrl m_store;
    const QString m_connection;
    EventLog *m_log;
    QString m_legacyFile;
    qint64 m_maxRows = DefaultMaxRows;
    QString m_user;
    qint64 m_lastOpenAttemptMs = 0;
    int m_imported = 0;
    bool m_failing = false;
};
