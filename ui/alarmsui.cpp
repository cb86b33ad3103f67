// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alarmsui.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolButton>

#include "backend/alarmmonitor.h"
#include "ui/alarmlistmodel.h"
#include "ui/alarmrulesdialog.h"
#include "ui/alarmspanel.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;

AlarmsUi::AlarmsUi(AlarmMonitor &monitor, MainWindow &window)
    : QObject(&window)
    , m_monitor(monitor)
    , m_window(window)
    , m_panel(new AlarmsPanel(monitor))
    , m_dock(new QDockWidget(&window))
    , m_badge(new QToolButton)
    , m_rulesAction(new QAction(this))
{
    setObjectName(u"alarmsUi"_s);
    m_dock->setObjectName(u"alarmsDock"_s); // the window's saved layout finds it by name
    m_dock->setWidget(m_panel);
    window.addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    // Where the operator left it last time (the window restored its layout before this dock
    // existed); the first time, a tab beside the event log.
    QDockWidget *log = window.eventLogDock();
    if (!(window.layoutRestored() && window.restoreDockWidget(m_dock)) && log)
    {
        window.tabifyDockWidget(log, m_dock); // the list gets the log's width; the badge brings it up
        log->raise();                         // the log stays in front until an alarm needs a look
    }
    m_badge->setObjectName(u"alarmBadge"_s);
    m_badge->setAutoRaise(true);
    m_badge->setStyleSheet(u"QToolButton { color: #b00020; font-weight: bold; }"_s);
    window.statusBar()->addPermanentWidget(m_badge);
    m_rulesAction->setObjectName(u"alarmRulesAction"_s);
    window.addSettingsAction(m_rulesAction);
    window.addViewToggle(m_dock);
    if (QSystemTrayIcon::isSystemTrayAvailable())
    {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->show();
    }

    connect(m_badge, &QToolButton::clicked, this, [this] {
        m_dock->show();
        m_dock->raise();
    });
    connect(m_rulesAction, &QAction::triggered, this, &AlarmsUi::editRules);
    connect(&m_monitor, &AlarmMonitor::alarmsChanged, this, &AlarmsUi::updateBadge);
    connect(&m_monitor, &AlarmMonitor::raised, this, [this](const Alarm &a) {
        notify(tr("%1 alarm: %2").arg(AlarmListModel::severityText(a.severity), a.rule), a.what,
               a.severity == AlarmRule::Severity::Critical || a.severity == AlarmRule::Severity::Major);
    });
    m_dock->installEventFilter(this); // language changes
    retranslateUi();
    updateBadge();
}

void AlarmsUi::editRules()
{
    AlarmRules::Context context;
    context.profiles = m_monitor.knownProfiles();
    context.limits = ProfileLimits::fromSettings();
    auto *dialog = new AlarmRulesDialog(context, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { m_monitor.reload(); });
    dialog->open();
}

void AlarmsUi::notify(const QString &title, const QString &text, const bool critical)
{
    if (m_tray)
    {
        m_tray->showMessage(title, text, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                            10'000);
    }
}

void AlarmsUi::updateBadge()
{
    const int n = m_monitor.attentionCount();
    m_badge->setText(tr("%n alarm(s)", nullptr, n));
    m_badge->setToolTip(tr("Raised alarms nobody acknowledged; click to show the Alarms list"));
    m_badge->setVisible(n > 0);
}

bool AlarmsUi::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_dock && event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    return QObject::eventFilter(watched, event);
}

void AlarmsUi::retranslateUi()
{
    m_dock->setWindowTitle(tr("Alarms"));
    m_rulesAction->setText(tr("&Alarm rules…"));
    m_rulesAction->setStatusTip(tr("Add, edit or remove the rules that raise alarms"));
    updateBadge();
}
