// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include "backend/settingvalue.h"

class CoreWorker;
class DialogTableModel;
class QMenu;
class QTableView;
class QWidget;

/// @brief The dialog table's columns: a header context menu to show or hide each column, add or
/// remove SIP header columns (Mirror/HeaderColumns, which the core keeps for new mirror
/// dialogs) and reset the columns; movable sections; order, widths, hidden columns and sort kept
/// in the settings ("DialogTable/HeaderState") and restored at start. Until something is restored,
/// sizeOnce() sizes the columns to the first rows.
class ColumnChooser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)

public:
    /// @p worker (may be null) learns header column changes on the core thread.
    ColumnChooser(QTableView *table, DialogTableModel *model, CoreWorker *worker, QObject *parent = nullptr);

    /// @brief Sizes the columns to the rows once, when the table first has rows and no saved
    /// layout was restored (never live: house style §6.3.6).
    void sizeOnce();
    /// @brief Writes the header state to the settings now (changes are written shortly after
    /// they happen; the window calls this when it closes).
    void save();
    /// @brief Every column shown, in the model's order, sized to the rows.
    void resetColumns();
    /// @brief The header context menu (built afresh: the columns may have changed).
    QMenu *createMenu(QWidget *parent);

    /// @brief Adds a header column (kept in Mirror/HeaderColumns; the core keeps the header of new
    /// mirror dialogs from now on). False with @p error (says what to do) when @p name cannot be one.
    bool addHeaderColumn(const QString &name, QString *error = nullptr);
    void removeHeaderColumn(const QString &name);
    /// @brief Why @p name cannot be added next to @p existing (translated), or empty when it can.
    static QString headerNameProblem(const QString &name, const QStringList &existing);

signals:
    void headerColumnsChanged(const QStringList &names);

private:
    void restore();
    void applyHeaderColumns(const QStringList &names);
    void askHeaderColumn();
    void sizeToRows();

    QPointer<QTableView> m_table;
    DialogTableModel *m_model;
    CoreWorker *m_worker;
    SettingValue<QByteArray> m_state;
    QTimer m_saveTimer;
    bool m_sized = false;
};
