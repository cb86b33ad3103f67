// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

/// @brief The audit log's entries (AuditLog's JSON objects), newest first: one row per action
/// attempt. New entries are inserted at the top as they are recorded.
class AuditLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogModel)

public:
    enum Column
    {
        TimeColumn,
        UserColumn,
        ActionColumn,
        CallIdColumn,
        ResultColumn,
        MessageColumn,
        PathColumn,
        ParametersColumn,
        RequestedByColumn,
        ColumnCount
    };
    enum Role
    {
        EntryRole = Qt::UserRole + 1, ///< the whole entry (QJsonObject)
    };

    explicit AuditLogModel(QObject *parent = nullptr);

    /// @brief Replaces the rows by @p entries given oldest first (AuditLog::read()).
    void setEntries(const QList<QJsonObject> &entries);
    /// @brief A new entry at the top.
    void prepend(const QJsonObject &entry);
    const QJsonObject &entryAt(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// @brief The text of @p column for @p entry (also what the filter and CSV use).
    static QString text(const QJsonObject &entry, int column);
    /// @brief CSV (RFC 4180, UTF-8, a header line) of @p entries, in the given order.
    static QByteArray toCsv(const QList<QJsonObject> &entries);
    /// @brief One compact JSON object per line, as the audit file holds them.
    static QByteArray toJsonLines(const QList<QJsonObject> &entries);

private:
    QList<QJsonObject> m_entries; // newest first
};
