// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sourcespanel.h"

#include <algorithm>

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/dmqhealthtext.h"
#include "ui/sourcestablemodel.h"
#include "ui/uistyle.h"

using namespace Qt::StringLiterals;

SourcesPanel::SourcesPanel(SourcesTableModel *model, const bool embeddedListener, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_embeddedListener(embeddedListener)
    , m_view(new QTreeView(this))
    , m_hintIcon(new QLabel(this))
    , m_hint(new QLabel(this))
{
    m_view->setObjectName(u"sourcesView"_s);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setItemsExpandable(false);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    sizeColumns();

    m_hintIcon->setObjectName(u"sourcesHintIcon"_s);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_hintIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(iconSize, iconSize));
    m_hintIcon->setAlignment(Qt::AlignTop);
    m_hint->setObjectName(u"sourcesHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *hintRow = new QHBoxLayout;
    hintRow->setContentsMargins(8, 6, 8, 8);
    hintRow->setSpacing(6);
    hintRow->addWidget(m_hintIcon, 0, Qt::AlignTop);
    hintRow->addWidget(m_hint, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addLayout(hintRow);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SourcesPanel::updateHint);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &SourcesPanel::updateHint);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SourcesPanel::updateHint);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SourcesPanel::updateHint);
    updateHint();
}

QTreeView *SourcesPanel::view() const
{
    return m_view;
}

SourcesTableModel *SourcesPanel::model() const
{
    return m_model;
}

int SourcesPanel::configuredCount() const
{
    return m_model->rowCount();
}

QLabel *SourcesPanel::hint() const
{
    return m_hint;
}

void SourcesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        m_model->retranslate();
        updateHint();
    }
    QWidget::changeEvent(event);
}

void SourcesPanel::sizeColumns()
{
    // Sized once from the font and the (translated) headers, no live resize-to-contents: each
    // column fits its header and a typical value; the operator can widen any of them.
    const QFontMetrics metrics = fontMetrics();
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin) + 6;
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize) + 6;
    const auto fit = [&](int column, const QStringList &samples, int extra = 0) {
        int width = metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString());
        for (const QString &sample : samples)
        {
            width = std::max(width, metrics.horizontalAdvance(sample) + extra);
        }
        m_view->header()->resizeSection(column, width + padding);
    };
    // The widest of the feeds' typical values, DMQ rows included (a bus of 3 nodes, 99,999 dialogs).
    DmqNodeHealth peer;
    peer.status = u"active"_s;
    peer.notificationPeer = true;
    peer.dialogs = 99999;
    DmqNodeHealth bus = peer;
    bus.local = true;
    fit(SourcesTableModel::FeedColumn,
        {SourcesTableModel::feedName(u"replay"_s), DmqHealthText::feedName(peer)});
    fit(SourcesTableModel::AddressColumn, {u"sip:127.0.0.1:5060"_s});
    SourceHealth replaying;
    replaying.state = SourceHealth::State::Running;
    replaying.progress = 1.0;
    fit(SourcesTableModel::StateColumn,
        {SourcesTableModel::stateText(replaying), DmqHealthText::state(bus, {3, 3})}, icon);
    fit(SourcesTableModel::RateColumn, {QLocale().toString(1000.5, 'f', 1)});
    fit(SourcesTableModel::PacketsColumn, {QLocale().toString(9999999), DmqHealthText::dialogs(peer)});
    fit(SourcesTableModel::LastSeenColumn, {u"00:00:00"_s});
    fit(SourcesTableModel::DropsColumn, {QLocale().toString(99999)});
    fit(SourcesTableModel::MalformedColumn, {QLocale().toString(99999)});
    fit(SourcesTableModel::AuthFailuresColumn, {QLocale().toString(99999)});
}

int SourcesPanel::preferredWidth() const
{
    int width = 0;
    for (int column = 0; column < SourcesTableModel::ColumnCount; ++column)
    {
        width += m_view->header()->sectionSize(column);
    }
    return width + 2 * m_view->frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4;
}

void SourcesPanel::updateHint()
{
    // A failed feed first: its error says what to do. Listeners fail with the same reason for
    // UDP and TCP, so feeds that share a reason share a line.
    QMap<QString, QStringList> failures;
    QStringList order;
    QStringList dmqLines; // a DMQ node's status says more than "failed"
    for (int row = 0; row < m_model->rowCount(); ++row)
    {
        const SourceHealth &feed = m_model->feedAt(row);
        if (feed.dmq)
        {
            const QString problem = DmqHealthText::problem(*feed.dmq);
            if (!problem.isEmpty())
            {
                const QString uri = feed.dmq->uri.isEmpty() ? feed.label : feed.dmq->uri;
                //: %1 a DMQ node's address, %2 "DMQ node" or "DMQ bus", %3 its status and what to do
                dmqLines.append(tr("%1 (%2): %3")
                                    .arg(u"<b>"_s + uri.toHtmlEscaped() + u"</b>"_s,
                                         DmqHealthText::feedName(*feed.dmq).toHtmlEscaped(),
                                         problem.toHtmlEscaped()));
            }
        }
        else if (feed.state == SourceHealth::State::Failed)
        {
            if (!failures.contains(feed.error))
            {
                order.append(feed.error);
            }
            failures[feed.error].append(feed.label);
        }
    }
    QString text;
    const bool failed = !failures.isEmpty() || !dmqLines.isEmpty();
    if (failed)
    {
        QStringList lines;
        for (const QString &error : std::as_const(order))
        {
            const QString reason = error.isEmpty() ? tr("no reason given; see the event log") : error;
            lines.append(tr("%1 failed: %2")
                             .arg(u"<b>"_s + failures.value(error).join(u", "_s).toHtmlEscaped() + u"</b>"_s,
                                  reason.toHtmlEscaped()));
        }
        text = (lines + dmqLines).join(u"<br>"_s);
    }
    else if (m_model->rowCount() == 0 && !m_embeddedListener)
    {
        text = tr("No feed configured: the embedded listener is switched off (--hep off). Open a capture "
                  "with File → Open capture…, or start CallDeck without --hep off to listen on "
                  "127.0.0.1:9060.")
                   .toHtmlEscaped();
    }
    else if (m_model->rowCount() == 0)
    {
        text = tr("Starting the feeds…").toHtmlEscaped();
    }
    else
    {
        text = tr("Hover over a feed to see its senders and error counters.").toHtmlEscaped();
    }
    // Called on every tick that changes a counter: touch the label only when its message changes.
    if (text == m_hint->text() && failed == m_showingFailure)
    {
        return;
    }
    m_showingFailure = failed;
    m_hintIcon->setVisible(failed);
    m_hint->setPalette(QPalette()); // an error reads in the normal text colour, a tip in a quieter one
    if (!failed)
    {
        UiStyle::makeSecondary(m_hint);
    }
    m_hint->setText(text);
}
