// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMainWindow>

#include "backend/consolesnapshot.h"

class DialogDetailsPane;
class DialogFilterProxyModel;
class DialogTableModel;
class FilterBar;
class QLabel;
class QTableView;

/// @brief A snapshot opened offline (File → Open snapshot…): the dialog table, filter bar and
/// details pane (fields and call flow) as the live console shows them, over the snapshot's rows.
/// Everything is frozen at the moment it was taken: ages and durations count to that moment,
/// nothing lingers out or expires, no core is asked.
///
/// For screenshots, CALLDECK_SELECT_FIRST_ROW (as for the live console's details dock) selects
/// the first row once the window is shown; its value "flow" also opens the call-flow tab.
class SnapshotWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotWindow)

public:
    /// @p fileName is where the snapshot was read from (the title names it).
    SnapshotWindow(ConsoleSnapshot snapshot, const QString &fileName, QWidget *parent = nullptr);
    ~SnapshotWindow() override;

    const ConsoleSnapshot &snapshot() const { return m_snapshot; }
    QString fileName() const { return m_fileName; }
    QTableView *dialogTable() const { return m_table; }
    DialogTableModel *dialogModel() const { return m_model; }
    DialogFilterProxyModel *dialogProxy() const { return m_proxy; }
    FilterBar *filterBar() const { return m_filterBar; }
    DialogDetailsPane *detailsPane() const { return m_pane; }
    QLabel *summary() const { return m_summary; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void fillTable();
    void followSelection();
    void retranslateUi();

    ConsoleSnapshot m_snapshot;
    QString m_fileName;
    QHash<quint64, qsizetype> m_rowOfKey; // DialogRow::key → index in m_snapshot.dialogs
    bool m_selectFirstPending = false;

    QTableView *m_table = nullptr;
    DialogTableModel *m_model = nullptr;
    DialogFilterProxyModel *m_proxy = nullptr;
    FilterBar *m_filterBar = nullptr;
    DialogDetailsPane *m_pane = nullptr;
    QLabel *m_summary = nullptr;
};
