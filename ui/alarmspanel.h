// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class AlarmListModel;
class AlarmMonitor;
class QLabel;
class QMenu;
class QPushButton;
class QTableView;
class QToolButton;

/// @brief The alarm list with its actions (issue #8): Acknowledge, and Shelve for 15 minutes, an
/// hour, four hours or a day, as buttons and as the rows' context menu. Follows the monitor.
class AlarmsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmsPanel)

public:
    explicit AlarmsPanel(AlarmMonitor &monitor, QWidget *parent = nullptr);

    AlarmListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *acknowledgeButton() const { return m_acknowledge; }
    QToolButton *shelveButton() const { return m_shelve; }
    /// @brief Acknowledges the selected alarms.
    void acknowledgeSelected();
    /// @brief Shelves the rules of the selected alarms for @p minutes.
    void shelveSelected(int minutes);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateButtons();
    QList<quint64> selectedIds() const;

    AlarmMonitor &m_monitor;
    AlarmListModel *m_model;
    QTableView *m_view;
    QPushButton *m_acknowledge;
    QToolButton *m_shelve;
    QMenu *m_shelveMenu;
    QLabel *m_empty;
};
