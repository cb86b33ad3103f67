// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/chartsdock.h"

#include <QEvent>

#include "backend/settingvalue.h"
#include "ui/chartspage.h"

using namespace Qt::StringLiterals;

ChartsDock::ChartsDock(ProfileSampler &sampler, QWidget *parent)
    : QDockWidget(parent)
    , m_page(new ChartsPage(sampler))
{
    setObjectName(u"chartsDock"_s);
    setWidget(m_page);
    m_page->setLimits(SettingValue<QString>(u"Charts/Limits"_s).get());
    setWindowTitle(tr("Charts"));
}

void ChartsDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        setWindowTitle(tr("Charts"));
    }
    QDockWidget::changeEvent(event);
}
