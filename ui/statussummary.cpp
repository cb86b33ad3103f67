// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/statussummary.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

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

void StatusSummary::setDialogCounts(const int active, const int early, const int total,
                                    const quint64 processed)
{
    if (active == m_active && early == m_early && total == m_total && processed == m_processed)
    {
        return; // called on every refresh tick
    }
    m_active = active;
    m_early = early;
    m_total = total;
    m_processed = processed;
    retranslateUi();
}

void StatusSummary::setReadOnly(const bool readOnly)
{
    m_readOnly->setVisible(readOnly);
}

void StatusSummary::setFeedHealth(const int running, const int failed, const int configured)
{
    if (running == m_running && failed == m_failed && configured == m_configured)
    {
        return;
    }
    m_running = running;
    m_failed = failed;
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
    const QLocale locale;
    m_dialogs->setText(tr("Dialogs: %1 active · %2 early · %3 total · %4 processed")
                           .arg(locale.toString(m_active), locale.toString(m_early), locale.toString(m_total),
                                locale.toString(m_processed)));
    m_dialogs->setToolTip(
        tr("Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply "
           "(state 2). Total: every dialog in the table, ended ones until they leave it. Processed: "
           "every dialog created since CallDeck started (the dialog module's processed_dialogs)."));
    m_readOnly->setText(tr("Read-only"));
    m_readOnly->setToolTip(tr("Read-only mode: CallDeck refuses every control action (hang up, transfer, "
                              "bridge, timeout and profile changes)."));
    if (m_configured == 0)
    {
        m_feeds->setText(tr("No feeds"));
        m_feeds->setToolTip(tr("No feed is configured, so no SIP arrives. See View → Sources."));
    }
    else if (m_running == 0 && m_failed == 0)
    {
        m_feeds->setText(tr("No feeds running"));
        m_feeds->setToolTip(
            tr("%n configured feed(s), none taking SIP now. See View → Sources.", nullptr, m_configured));
    }
    else
    {
        if (m_failed == 0)
        {
            m_feeds->setText(tr("Feeds: %1 running").arg(m_running));
        }
        else if (m_running == 0)
        {
            m_feeds->setText(tr("Feeds: %1 failed").arg(m_failed));
        }
        else
        {
            m_feeds->setText(tr("Feeds: %1 running, %2 failed").arg(m_running).arg(m_failed));
        }
        m_feeds->setToolTip(m_failed == 0 ? tr("See View → Sources for the state of each feed.")
                                          : tr("See View → Sources for why a feed failed and what to do."));
    }
    // A failed feed needs the operator: its count reads in the error colour.
    m_feeds->setStyleSheet(m_failed > 0 ? u"QLabel { color: #c03030; font-weight: bold; }"_s : QString());
}
