// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>
#include <QPointer>

class CoreWorker;
class DialogDetailsPane;
class DialogDetailsSource;
class DialogTableModel;
class QTableView;
class SourceRegistry;

/// @brief The dock that holds the details pane and keeps it on the dialog selected in the
/// table: one selected row shows its dialog, none or several show the pane's placeholder.
///
/// For screenshots (scripts/screenshot, scripts/demo --screenshot), the environment variable
/// CALLDECK_SELECT_FIRST_ROW selects the table's first row as soon as there is one; its value
/// "flow" also opens the call-flow tab. Nothing else reads it.
class DialogDetailsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogDetailsDock)

public:
    /// @p sources names the proxies of proxy-only rows (may be null).
    DialogDetailsDock(CoreWorker &worker, const SourceRegistry *sources, QWidget *parent = nullptr);

    /// @brief Follows the selection of @p table, whose rows come from @p model (through any
    /// sort/filter proxies).
    void follow(QTableView *table, DialogTableModel *model);

    DialogDetailsPane *pane() const { return m_pane; }
    DialogDetailsSource *source() const { return m_source; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void followSelection();
    void selectFirstRowForScreenshot();
    void retranslateUi();

    DialogDetailsSource *m_source = nullptr;
    DialogDetailsPane *m_pane = nullptr;
    QPointer<QTableView> m_table;
    QPointer<DialogTableModel> m_model;
    bool m_selectFirstPending = false;
};
