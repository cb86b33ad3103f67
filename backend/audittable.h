// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

class QSqlDatabase;

/// @brief The audit log's table in the store, `calldeck_audit` (issue #9): one row per entry,
/// the entry's JSON object as AuditLog writes it plus the columns to search by (time in ms
/// since the epoch, user, method, ok). Shared by AuditLog and the import of old audit.jsonl files.
class AuditTable final
{
public:
    /// @brief Inserts @p entry (AuditLog::entryFor's shape).
    static bool insert(QSqlDatabase &db, const QJsonObject &entry, QString *error);
    /// @brief Keeps the newest @p maxRows rows (the rotation of the old file, as a row limit).
    static bool trim(QSqlDatabase &db, qint64 maxRows, QString *error);
    /// @brief Every entry, oldest first; rows whose JSON is not an object are counted in @p skipped.
    static bool read(const QSqlDatabase &db, QList<QJsonObject> &out, int *skipped, QString *error);
    /// @brief The number of rows (tests, the dialog's count).
    static qint64 count(const QSqlDatabase &db);
};
