// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sourcespanel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/uistyle.h"

using namespace Qt::StringLiterals;

SourcesPanel::SourcesPanel(const bool embeddedListener, QWidget *parent)
    : QWidget(parent)
    , m_embeddedListener(embeddedListener)
    , m_list(new QTreeWidget(this))
    , m_hint(new QLabel(this))
{
    m_list->setObjectName(u"sourcesList"_s);
    m_list->setColumnCount(ColumnCount);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(QHeaderView::Interactive);
    if (m_embeddedListener)
    {
        auto *item = new QTreeWidgetItem(m_list);
        item->setIcon(FeedColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    // Sized once from the font so that the three columns fit the dock's default width.
    const QFontMetrics metrics = fontMetrics();
    m_list->header()->resizeSection(FeedColumn, metrics.horizontalAdvance(u"HEP / raw SIP"_s) + 44);
    m_list->header()->resizeSection(AddressColumn,
                                    metrics.horizontalAdvance(u"127.0.0.1:9060 UDP+TCP"_s) + 16);

    m_hint->setObjectName(u"sourcesHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setContentsMargins(8, 6, 8, 8);
    UiStyle::makeSecondary(m_hint);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);

    retranslateUi();
}

QTreeWidget *SourcesPanel::list() const
{
    return m_list;
}

int SourcesPanel::configuredCount() const
{
    return m_list->topLevelItemCount();
}

void SourcesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void SourcesPanel::retranslateUi()
{
    m_list->setHeaderLabels({tr("Feed"), tr("Address"), tr("State")});
    if (m_embeddedListener)
    {
        QTreeWidgetItem *item = m_list->topLevelItem(0);
        item->setText(FeedColumn, tr("HEP / raw SIP"));
        item->setText(AddressColumn, u"127.0.0.1:9060 UDP+TCP"_s);
        item->setText(StateColumn, tr("Not available yet"));
        const QString why = tr("The embedded HEP/raw-SIP listener is not available yet: it arrives with the "
                               "mirror feed (issue #4).");
        for (int column = 0; column < ColumnCount; ++column)
        {
            item->setToolTip(column, why);
        }
        m_hint->setText(tr("Embedded default feed. It arrives with the mirror feed (issue #4); until then "
                           "CallDeck receives no SIP."));
    }
    else
    {
        m_hint->setText(tr("No feed configured: the embedded listener is switched off (--hep off). Start "
                           "CallDeck without --hep off to use it."));
    }
}
