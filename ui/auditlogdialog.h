// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QList>
#include <QPointer>

class AuditLog;
class AuditLogModel;
class QFileDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

/// @brief View → Audit log…: every control action attempt from the audit file (and those recorded
/// while it is open), newest first, with a text filter over all columns; exports what the filter
/// shows, oldest first, as CSV or JSON lines.
class AuditLogDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogDialog)

public:
    enum class Format
    {
        Csv,
        JsonLines,
    };

    explicit AuditLogDialog(AuditLog &log, QWidget *parent = nullptr);
    ~AuditLogDialog() override;

    /// @brief Reads the file again.
    void reload();
    /// @brief Writes the entries the filter shows (oldest first) to @p fileName.
    /// @return false with @p error (translated, says what to do)
    bool exportTo(const QString &fileName, Format format, QString *error = nullptr) const;
    /// @brief The entries the filter shows, oldest first.
    QList<QJsonObject> shownEntries() const;

    QTableView *view() const { return m_view; }
    AuditLogModel *model() const { return m_model; }
    QLineEdit *filterEdit() const { return m_filter; }

private:
    void askExport(Format format);
    void updateCount();

    AuditLog &m_log;
    AuditLogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_count;
    QLabel *m_problem;
    QPointer<QFileDialog> m_fileDialog;
};
