// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/profilesdock.h"

#include <QEvent>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTreeView>

#include "ui/profilesmodel.h"

using namespace Qt::StringLiterals;

ProfilesDock::ProfilesDock(QWidget *parent)
    : QDockWidget(parent)
    , m_model(new ProfilesModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
{
    setObjectName(u"profilesDock"_s);
    m_sorted->setSourceModel(m_model);
    m_sorted->setDynamicSortFilter(true);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_view = new QTreeView;
    m_view->setObjectName(u"profilesView"_s);
    m_view->setModel(m_sorted);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ProfilesModel::NameColumn, Qt::AscendingOrder);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ProfilesModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ProfilesModel::SizeColumn, QHeaderView::ResizeToContents);
    // Small at a pinch: it shares the right edge with the details pane.
    m_view->setMinimumHeight(2 * m_view->fontMetrics().height());
    connect(m_view, &QTreeView::clicked, this, &ProfilesDock::activate);
    connect(m_view, &QTreeView::activated, this, &ProfilesDock::activate);

    setWidget(m_view);
    retranslateUi();
}

void ProfilesDock::activate(const QModelIndex &index)
{
    if (!index.isValid())
    {
        return;
    }
    const QString profile = index.data(ProfilesModel::ProfileNameRole).toString();
    const QVariant value = index.data(ProfilesModel::ProfileValueRole);
    QString text; // null: any value of the profile
    if (value.isValid())
    {
        text = value.toString();
        if (text.isNull())
        {
            text = u""_s; // the empty value, not "any"
        }
    }
    emit profileActivated(profile, text);
}

void ProfilesDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QDockWidget::changeEvent(event);
}

void ProfilesDock::retranslateUi()
{
    setWindowTitle(tr("Profiles"));
    toggleViewAction()->setStatusTip(tr("Show or hide the live profiles and their sizes"));
    m_view->setToolTip(tr("Click a profile or a value to show its dialogs in the table."));
    m_model->retranslate();
}
