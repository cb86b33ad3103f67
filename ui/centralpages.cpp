// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/centralpages.h"

#include <QEvent>
#include <QTabBar>

using namespace Qt::StringLiterals;

CentralPages::CentralPages(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(u"centralPages"_s);
    setDocumentMode(true);
    setTabBarAutoHide(true);
}

void CentralPages::addPage(QWidget *page)
{
    addTab(page, page->windowTitle());
    page->installEventFilter(this);
}

bool CentralPages::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::WindowTitleChange)
    {
        if (auto *page = qobject_cast<QWidget *>(watched); page && indexOf(page) >= 0)
        {
            setTabText(indexOf(page), page->windowTitle());
        }
    }
    return QTabWidget::eventFilter(watched, event);
}
