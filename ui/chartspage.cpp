// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/chartspage.h"

#include <algorithm>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include "backend/profilesampler.h"
#include "backend/settingvalue.h"
#include "ui/chartexportbutton.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/timeserieschart.h"

using namespace Qt::StringLiterals;

namespace
{

const QString ProfilePrefix = u"profile:"_s;
constexpr int MaxBuckets = 720; // about one per two pixels of a wide chart

} // namespace

ChartsPage::ChartsPage(ProfileSampler &sampler, QWidget *parent)
    : QWidget(parent)
    , m_sampler(sampler)
    , m_window(new QComboBox)
    , m_profile(new QComboBox)
    , m_pause(new QToolButton)
    , m_windowLabel(new QLabel)
    , m_profileLabel(new QLabel)
    , m_note(new QLabel)
    , m_profiles(new TimeSeriesChart)
    , m_calls(new TimeSeriesChart)
    , m_states(new TimeSeriesChart)
{
    setObjectName(u"chartsPage"_s);
    setLimits(SettingValue<QString>(ProfileLimits::settingKey()).get());
    m_window->addItems({QString(), QString(), QString()});
    m_window->setCurrentIndex(int(Window::FiveMinutes));
    m_pause->setCheckable(true);
    m_windowLabel->setBuddy(m_window);
    m_profileLabel->setBuddy(m_profile);
    m_note->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_windowLabel);
    bar->addWidget(m_window);
    bar->addSpacing(12);
    bar->addWidget(m_profileLabel);
    bar->addWidget(m_profile, 1);
    bar->addSpacing(12);
    bar->addWidget(m_pause);
    m_export = new ChartExportButton(this);
    m_export->addChart(m_profiles, u"chart-profiles"_s);
    m_export->addChart(m_calls, u"chart-calls"_s);
    m_export->addChart(m_states, u"chart-states"_s);
    bar->addWidget(m_export);

    m_calls->setLegendBeside(true);
    m_states->setLegendBeside(true);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_profiles);
    split->addWidget(m_calls);
    split->addWidget(m_states);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 1);
    split->setSizes({400, 220, 220}); // proportions: the splitter scales them to its height

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_note);
    layout->addWidget(split, 1);

    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(m_profile, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        retranslateUi();
        if (!paused)
        {
            redraw();
        }
    });
    connect(&m_sampler, &ProfileSampler::sampled, this, [this] {
        if (isVisible() && !isPaused())
        {
            redraw();
        }
    });
    retranslateUi();
}

void ChartsPage::setWindow(const Window window)
{
    m_window->setCurrentIndex(int(window));
}

void ChartsPage::setProfile(const QString &profile)
{
    updateProfileChoices();
    const int i = m_profile->findData(profile);
    m_profile->setCurrentIndex(std::max(0, i));
}

void ChartsPage::setPaused(const bool paused)
{
    m_pause->setChecked(paused);
}

bool ChartsPage::isPaused() const
{
    return m_pause->isChecked();
}

QStringList ChartsPage::setLimits(const QString &text)
{
    m_badLimits = m_limits.parse(text);
    redraw();
    return m_badLimits;
}

qint64 ChartsPage::windowSeconds() const
{
    switch (Window(m_window->currentIndex()))
    {
    case Window::FiveMinutes:
        return 300;
    case Window::OneDay:
        return 86'400;
    case Window::OneHour:
    default:
        return 3600;
    }
}

void ChartsPage::updateProfileChoices()
{
    // Every valued profile with a value series, once; the first entry is "all profiles".
    QStringList valued;
    for (const QString &name : m_sampler.seriesNames())
    {
        const qsizetype eq = name.indexOf(u'=');
        if (name.startsWith(ProfilePrefix) && eq > 0)
        {
            const QString profile = name.mid(ProfilePrefix.size(), eq - ProfilePrefix.size());
            if (!valued.contains(profile))
            {
                valued << profile;
            }
        }
    }
    const QString current = m_profile->currentData().toString();
    const QSignalBlocker block(m_profile);
    if (m_profile->count() != valued.size() + 1)
    {
        m_profile->clear();
        m_profile->addItem(tr("All profiles (totals)"), QString());
        for (const QString &p : std::as_const(valued))
        {
            m_profile->addItem(tr("%1 by value").arg(p), p);
        }
        m_profile->setCurrentIndex(std::max(0, m_profile->findData(current)));
    }
}

void ChartsPage::redraw()
{
    updateProfileChoices();
    const qint64 to = m_sampler.latestSecond();
    QStringList notes;
    if (!m_badLimits.isEmpty())
    {
        notes << tr("Charts/Limits in the settings file: these lines are not \"SERIES NUMBER\" (e.g. "
                    "\"trunk=gw1 "
                    "30\") and are ignored: %1")
                     .arg(m_badLimits.join(u"; "_s));
    }
    if (to == 0)
    {
        notes << tr("No samples yet: the charts start one second after CallDeck does.");
    }
    m_note->setText(notes.join(u'\n'));
    m_note->setVisible(!notes.isEmpty());
    if (to == 0)
    {
        return;
    }
    const qint64 from = to - windowSeconds() + 1;
    const std::size_t buckets = std::size_t(std::min<qint64>(MaxBuckets, to - from + 1));
    const QString valuesOf = m_profile->currentData().toString();
    std::vector<TimeSeriesChart::Series> profiles;
    std::vector<TimeSeriesChart::Series> calls;
    std::vector<TimeSeriesChart::Series> states;
    const QStringList stateNames{QString(), tr("1 unconfirmed"), tr("2 early"), tr("3 confirmed, no ACK"),
                                 tr("4 confirmed")};
    for (const QString &name : m_sampler.seriesNames())
    {
        const calldeck::core::SampleRing *ring = m_sampler.series(name);
        TimeSeriesChart::Series s;
        s.name = name;
        if (name.startsWith(ProfilePrefix))
        {
            const QString key = name.mid(ProfilePrefix.size());
            const qsizetype eq = key.indexOf(u'=');
            const bool wanted = valuesOf.isEmpty() ? eq < 0 : key.startsWith(valuesOf + u'=');
            if (!wanted)
            {
                continue;
            }
            s.label = valuesOf.isEmpty() ? key : key.mid(eq + 1);
            s.limit = m_limits.limit(key).value_or(-1);
            s.buckets = ring->downsample(from, to, buckets);
            profiles.push_back(std::move(s));
        }
        else if (name.startsWith(u"calls:"_s))
        {
            s.label = name == u"calls:new"_s ? tr("new calls/s") : tr("ended calls/s");
            s.buckets = ring->downsample(from, to, buckets);
            calls.push_back(std::move(s));
        }
        else if (name.startsWith(u"state:"_s))
        {
            s.label = stateNames.value(name.mid(6).toInt());
            s.buckets = ring->downsample(from, to, buckets);
            states.push_back(std::move(s));
        }
    }
    m_profiles->setData(profiles, from, to);
    m_calls->setData(calls, from, to);
    m_states->setData(states, from, to);
}

QList<std::pair<QString, QByteArray>> ChartsPage::renderPngs(const QSize &size, const bool totalsOnly)
{
    const QString shown = m_profile->currentData().toString();
    const bool switchToTotals = totalsOnly && !shown.isEmpty();
    if (switchToTotals)
    {
        setProfile(QString()); // redraws
    }
    redraw();
    QList<std::pair<QString, QByteArray>> out{{u"chart-profiles.png"_s, ChartExport::png(*m_profiles, size)},
                                              {u"chart-calls.png"_s, ChartExport::png(*m_calls, size)},
                                              {u"chart-states.png"_s, ChartExport::png(*m_states, size)}};
    if (switchToTotals)
    {
        setProfile(shown);
    }
    return out;
}

void ChartsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    redraw();
}

void ChartsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void ChartsPage::retranslateUi()
{
    setWindowTitle(tr("Charts"));
    m_windowLabel->setText(tr("&Window:"));
    m_profileLabel->setText(tr("&Show:"));
    m_window->setItemText(int(Window::FiveMinutes), tr("Last 5 minutes"));
    m_window->setItemText(int(Window::OneHour), tr("Last hour"));
    m_window->setItemText(int(Window::OneDay), tr("Last 24 hours"));
    m_pause->setText(isPaused() ? tr("Resume") : tr("Pause"));
    m_pause->setToolTip(tr("Freeze the charts to look at them; sampling goes on"));
    m_profiles->setTitle(tr("Concurrent dialogs per profile"));
    m_calls->setTitle(tr("Calls per second (mirror)"));
    m_states->setTitle(tr("Dialogs by state (mirror)"));
    if (m_profile->count() > 0)
    {
        m_profile->setItemText(0, tr("All profiles (totals)"));
    }
}
