// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alarmspanel.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "backend/alarmmonitor.h"
#include "ui/alarmlistmodel.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int ShelveMinutes[] = {15, 60, 240, 1440};
} // namespace

AlarmsPanel::AlarmsPanel(AlarmMonitor &monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_model(new AlarmListModel(this))
    , m_view(new QTableView)
    , m_acknowledge(new QPushButton)
    , m_shelve(new QToolButton)
    , m_shelveMenu(new QMenu(this))
    , m_empty(new QLabel)
{
    setObjectName(u"alarmsPanel"_s);
    m_view->setObjectName(u"alarmView"_s);
    m_acknowledge->setObjectName(u"acknowledgeButton"_s);
    m_shelve->setObjectName(u"shelveButton"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_shelve->setPopupMode(QToolButton::InstantPopup);
    m_shelve->setMenu(m_shelveMenu);
    for (const int minutes : ShelveMinutes)
    {
        QAction *action = m_shelveMenu->addAction(QString());
        action->setData(minutes);
        connect(action, &QAction::triggered, this, [this, minutes] { shelveSelected(minutes); });
    }
    m_empty->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_acknowledge);
    buttons->addWidget(m_shelve);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_empty);
    layout->addWidget(m_view, 1);

    connect(m_acknowledge, &QPushButton::clicked, this, &AlarmsPanel::acknowledgeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlarmsPanel::updateButtons);
    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (selectedIds().isEmpty())
        {
            return;
        }
        QMenu menu;
        menu.addAction(m_acknowledge->text(), this, &AlarmsPanel::acknowledgeSelected)
            ->setEnabled(m_acknowledge->isEnabled());
        QMenu *shelve = menu.addMenu(m_shelve->text());
        shelve->addActions(m_shelveMenu->actions());
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(&m_monitor, &AlarmMonitor::alarmsChanged, this, [this] {
        m_model->setAlarms(m_monitor.alarms());
        updateButtons();
    });
    m_model->setAlarms(m_monitor.alarms());
    retranslateUi();
    updateButtons();
}

QList<quint64> AlarmsPanel::selectedIds() const
{
    QList<quint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
    {
        ids << m_model->alarmAt(index.row()).id;
    }
    return ids;
}

void AlarmsPanel::acknowledgeSelected()
{
    for (const quint64 id : selectedIds())
    {
        m_monitor.acknowledge(id);
    }
}

void AlarmsPanel::shelveSelected(const int minutes)
{
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + qint64(minutes) * 60'000;
    for (const quint64 id : selectedIds())
    {
        m_monitor.shelve(id, until);
    }
}

void AlarmsPanel::updateButtons()
{
    bool canAcknowledge = false;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
    {
        canAcknowledge |= m_model->alarmAt(index.row()).state() == Alarm::State::Active;
    }
    m_acknowledge->setEnabled(canAcknowledge);
    m_shelve->setEnabled(!rows.isEmpty());
    m_empty->setVisible(m_model->rowCount() == 0);
    m_empty->setText(m_monitor.rules().isEmpty()
                         ? tr("No alarm rules yet: add them in Settings → Alarm rules…")
                         : tr("No alarm raised so far."));
}

void AlarmsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void AlarmsPanel::retranslateUi()
{
    setWindowTitle(tr("Alarms"));
    m_acknowledge->setText(tr("&Acknowledge"));
    m_acknowledge->setToolTip(tr("Mark the selected alarms as seen; they stay listed until they clear"));
    m_shelve->setText(tr("&Shelve"));
    m_shelve->setToolTip(
        tr("Silence the selected alarms' rules for a while: their alarms stay listed but ask "
           "for no attention and notify nobody until then"));
    const QStringList texts{tr("For 15 minutes"), tr("For 1 hour"), tr("For 4 hours"), tr("For 24 hours")};
    for (int i = 0; i < m_shelveMenu->actions().size(); ++i)
    {
        m_shelveMenu->actions()[i]->setText(texts.value(i));
    }
    updateButtons();
}
