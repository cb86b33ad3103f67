// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/eventlogpanel.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/eventlogmodel.h"

using namespace Qt::StringLiterals;

EventLogPanel::EventLogPanel(EventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(log, 0, this))
    , m_view(new QTableView(this))
{
    m_view->setObjectName(u"eventLogView"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);

    // Columns are sized once from the font, never live (house style §6.3.6).
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics metrics = fontMetrics();
    header->resizeSection(EventLogModel::TimeColumn, metrics.horizontalAdvance(u"00:00:00.000"_s) + 24);
    header->resizeSection(EventLogModel::SeverityColumn, metrics.horizontalAdvance(u"Warning"_s) + 40);
    // Typical sources ("hep 127.0.0.1:9060", "replay calls.pcap") fit; the message gets the rest.
    header->resizeSection(EventLogModel::SourceColumn,
                          metrics.horizontalAdvance(u"hep 127.0.0.1:9060"_s) + 16);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    QScrollBar *scrollBar = m_view->verticalScrollBar();
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this, scrollBar] { m_followTail = scrollBar->value() == scrollBar->maximum(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
        {
            m_view->scrollToBottom();
        }
    });
}

EventLogModel *EventLogPanel::model() const
{
    return m_model;
}

QTableView *EventLogPanel::view() const
{
    return m_view;
}

void EventLogPanel::focusLog()
{
    m_view->setFocus(Qt::ShortcutFocusReason);
    if (m_model->rowCount() > 0)
    {
        m_view->scrollToBottom();
        if (!m_view->currentIndex().isValid())
        {
            m_view->setCurrentIndex(m_model->index(m_model->rowCount() - 1, EventLogModel::MessageColumn));
        }
    }
}

void EventLogPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}
