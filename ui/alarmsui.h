// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class AlarmMonitor;
class AlarmsPanel;
class MainWindow;
class QAction;
class QDockWidget;
class QSystemTrayIcon;
class QToolButton;

/// @brief The alarms in the console window (issue #8): the Alarms dock (AlarmsPanel), a status-bar
/// badge with the count of raised alarms nobody acknowledged (click: show the dock), Settings →
/// Alarm rules…, and a desktop notification through the system tray on each raise (only where the
/// platform has a tray). A child of the window; app/ makes one.
class AlarmsUi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmsUi)

public:
    AlarmsUi(AlarmMonitor &monitor, MainWindow &window);

    AlarmsPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QToolButton *badge() const { return m_badge; }
    QAction *rulesAction() const { return m_rulesAction; }
    /// @brief Opens Settings → Alarm rules… (not blocking); saving reloads the monitor's rules.
    void editRules();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void updateBadge();
    void notify(const QString &title, const QString &text, bool critical);

    AlarmMonitor &m_monitor;
    MainWindow &m_window;
    AlarmsPanel *m_panel;
    QDockWidget *m_dock;
    QToolButton *m_badge;
    QAction *m_rulesAction;
    QSystemTrayIcon *m_tray = nullptr;
};
