// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/statussummary.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

StatusSummary::StatusSummary(QWidget *parent)
    : QWidget(parent)
    , m_dialogs(new QLabel(this))
    , m_readOnly(new QLabel(this))
    , m_feeds(new QLabel(this))
{
    m_dialogs->setObjectName(u"dialogCounters"_s);
    m_readOnly->setObjectName(u"readOnlyIndicator"_s);
    m_feeds->setObjectName(u"feedHealth"_s);

    // A badge that stands out without shouting: bold text in a thin rounded frame.
    m_readOnly->setStyleSheet(u"QLabel { font-weight: bold; border: 1px solid palette(mid); "
                              u"border-radius: 3px; padding: 0px 6px; }"_s);
    m_readOnly->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->setSpacing(18);
    layout->addWidget(m_dialogs);
    layout->addWidget(m_feeds);
    layout->addWidget(m_readOnly);

    retranslateUi();
}

void StatusSummary::setDialogCounts(const int active, const int early, const int total)
{
    m_active = active;
    m_early = early;
    m_total = total;
    retranslateUi();
}

void StatusSummary::setReadOnly(const bool readOnly)
{
    m_readOnly->setVisible(readOnly);
}

void StatusSummary::setFeedHealth(const int running, const int configured)
{
    m_running = running;
    m_configured = configured;
    retranslateUi();
}

QLabel *StatusSummary::dialogsLabel() const
{
    return m_dialogs;
}

QLabel *StatusSummary::readOnlyLabel() const
{
    return m_readOnly;
}

QLabel *StatusSummary::feedsLabel() const
{
    return m_feeds;
}

void StatusSummary::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void StatusSummary::retranslateUi()
{
    m_dialogs->setText(
        tr("Dialogs: %1 active · %2 early · %3 total").arg(m_active).arg(m_early).arg(m_total));
    m_dialogs->setToolTip(
        tr("Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply "
           "(state 2). Total: every dialog in the table."));
    m_readOnly->setText(tr("Read-only"));
    m_readOnly->setToolTip(tr("Read-only mode: CallDeck refuses every control action (hang up, transfer, "
                              "bridge, timeout and profile changes)."));
    if (m_configured == 0)
    {
        m_feeds->setText(tr("No feeds"));
        m_feeds->setToolTip(tr("No feed is configured, so no SIP arrives. See View → Sources."));
    }
    else if (m_running == 0)
    {
        m_feeds->setText(tr("No feeds running"));
        m_feeds->setToolTip(
            tr("%n configured feed(s), none delivering SIP. See View → Sources.", nullptr, m_configured));
    }
    else
    {
        m_feeds->setText(tr("Feeds: %1 of %2 running").arg(m_running).arg(m_configured));
        m_feeds->setToolTip(tr("See View → Sources for the state of each feed."));
    }
}
