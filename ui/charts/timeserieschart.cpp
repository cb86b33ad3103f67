// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/timeserieschart.h"

#include <algorithm>
#include <cmath>

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;
using calldeck::core::SampleBucket;

struct TimeSeriesChart::Drawn
{
    QString name;
    QString label;
    QColor color;
    std::vector<QLineSeries *> segments; ///< the average line, one per run without gaps
    QLineSeries *limit = nullptr;
    std::vector<SampleBucket> buckets;
};

namespace
{

qreal msOf(qint64 second)
{
    return qreal(second) * 1000.0;
}

/// The middle of a bucket, in ms since the epoch (the x of its point).
qreal middleMs(const SampleBucket &b)
{
    return (qreal(b.start) + qreal(b.end - b.start) / 2.0) * 1000.0;
}

} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart))
    , m_time(new QDateTimeAxis)
    , m_values(new QValueAxis)
{
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_values, Qt::AlignLeft);
    m_values->setLabelFormat(u"%d"_s);
    m_values->setMin(0);
    m_time->setTickCount(5);
    m_values->setTickCount(5);
    QFont small = m_chart->titleFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_time->setLabelsFont(small);
    m_values->setLabelsFont(small);
    m_chart->legend()->setFont(small);
    setMinimumHeight(100);                                // three of them share a dock with the details pane
    m_view->setRenderHint(QPainter::Antialiasing, false); // thousands of segments: crisp and fast
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

TimeSeriesChart::~TimeSeriesChart() = default;

void TimeSeriesChart::setTitle(const QString &title)
{
    m_chart->setTitle(title);
}

void TimeSeriesChart::setLegendBeside(const bool beside)
{
    m_chart->legend()->setAlignment(beside ? Qt::AlignRight : Qt::AlignBottom);
}

QColor TimeSeriesChart::colorFor(const int index) const
{
    // Distinct hues that read on light and dark backgrounds.
    static const QList<QColor> palette{QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728),
                                       QColor(0x9467bd), QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f),
                                       QColor(0xbcbd22), QColor(0x17becf)};
    return palette.at(index % palette.size());
}

void TimeSeriesChart::clear()
{
    m_chart->removeAllSeries(); // deletes them
    m_drawn.clear();
}

void TimeSeriesChart::setData(const std::vector<Series> &series, const qint64 from, const qint64 to)
{
    clear();
    double top = 1;
    const int window = int(std::max<qint64>(1, to - from));
    m_time->setFormat(window > 2 * 86400 ? u"dd.MM hh:mm"_s : window > 600 ? u"hh:mm"_s : u"hh:mm:ss"_s);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(msOf(from))),
                     QDateTime::fromMSecsSinceEpoch(qint64(msOf(to))));
    int index = 0;
    for (const Series &s : series)
    {
        Drawn d;
        d.name = s.name;
        d.label = s.label;
        d.color = colorFor(index++);
        d.buckets = s.buckets;
        const bool hidden = m_hidden.contains(s.name);
        QList<QPointF> run;
        const auto closeRun = [&] {
            if (run.isEmpty())
            {
                return;
            }
            auto *line = new QLineSeries;
            line->setColor(d.color);
            line->replace(run); // one call: the fast path of QLineSeries
            line->setName(s.label);
            m_chart->addSeries(line);
            line->attachAxis(m_time);
            line->attachAxis(m_values);
            line->setVisible(!hidden);
            connect(line, &QLineSeries::hovered, this, [this, name = s.name](const QPointF &p, bool state) {
                if (state)
                {
                    QToolTip::showText(QCursor::pos(), hoverText(name, qint64(p.x() / 1000.0)), this);
                }
            });
            d.segments.push_back(line);
            run.clear();
        };
        for (const SampleBucket &b : s.buckets)
        {
            if (b.count == 0)
            {
                closeRun(); // a gap: no line across it
                continue;
            }
            run.append(QPointF(middleMs(b), b.avg));
            top = std::max(top, double(b.max));
        }
        closeRun();
        if (s.limit >= 0)
        {
            auto *limit = new QLineSeries;
            QPen pen(d.color);
            pen.setStyle(Qt::DashLine);
            pen.setWidth(1);
            limit->setPen(pen);
            limit->append(msOf(from), s.limit);
            limit->append(msOf(to), s.limit);
            limit->setName(tr("%1 limit").arg(s.label));
            m_chart->addSeries(limit);
            limit->attachAxis(m_time);
            limit->attachAxis(m_values);
            limit->setVisible(!hidden);
            d.limit = limit;
            top = std::max(top, s.limit);
        }
        m_drawn.push_back(std::move(d));
    }
    // One legend entry per series (its first segment); a click hides or shows all its lines.
    for (const Drawn &d : m_drawn)
    {
        bool first = true;
        for (QLineSeries *line : d.segments)
        {
            for (QLegendMarker *marker : m_chart->legend()->markers(line))
            {
                marker->setVisible(first);
                if (first)
                {
                    connect(marker, &QLegendMarker::clicked, this,
                            [this, name = d.name] { setHidden(name, !isHidden(name)); });
                }
            }
            first = false;
        }
        if (d.limit)
        {
            for (QLegendMarker *marker : m_chart->legend()->markers(d.limit))
            {
                marker->setVisible(false);
            }
        }
        if (d.segments.empty())
        {
            // No sample in the window: still listed, so the operator sees the series exists.
            auto *empty = new QLineSeries;
            empty->setName(d.label + tr(" (no data)"));
            empty->setColor(d.color);
            m_chart->addSeries(empty);
            empty->attachAxis(m_time);
            empty->attachAxis(m_values);
        }
    }
    m_values->setRange(0, std::ceil(top * 1.1));
    m_values->applyNiceNumbers();
}

QImage TimeSeriesChart::render(const QSize &size)
{
    // Laid out at the wanted size for the picture only (a hidden widget gets no resize event).
    const QSizeF shown = m_chart->size();
    m_chart->resize(size);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        m_chart->scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)),
                                 QRectF(m_chart->pos(), QSizeF(size)));
    }
    m_chart->resize(shown);
    return image;
}

int TimeSeriesChart::pointCount(const QString &name) const
{
    for (const Drawn &d : m_drawn)
    {
        if (d.name == name)
        {
            int n = 0;
            for (const QLineSeries *line : d.segments)
            {
                n += int(line->count());
            }
            return n;
        }
    }
    return -1;
}

bool TimeSeriesChart::isHidden(const QString &name) const
{
    return m_hidden.contains(name);
}

void TimeSeriesChart::setHidden(const QString &name, const bool hidden)
{
    if (hidden == isHidden(name))
    {
        return;
    }
    if (hidden)
    {
        m_hidden.append(name);
    }
    else
    {
        m_hidden.removeAll(name);
    }
    for (Drawn &d : m_drawn)
    {
        if (d.name != name)
        {
            continue;
        }
        for (QLineSeries *line : d.segments)
        {
            line->setVisible(!hidden);
            for (QLegendMarker *marker : m_chart->legend()->markers(line))
            {
                // A hidden series keeps its (dimmed) legend entry, so it can be shown again.
                marker->setVisible(line == d.segments.front());
                QColor c = marker->labelBrush().color();
                c.setAlphaF(hidden ? 0.4 : 1.0);
                marker->setLabelBrush(c);
            }
        }
        if (d.limit)
        {
            d.limit->setVisible(!hidden);
        }
    }
    emit visibilityToggled(name, !hidden);
}

QString TimeSeriesChart::hoverText(const QString &name, const qint64 second) const
{
    for (const Drawn &d : m_drawn)
    {
        if (d.name != name)
        {
            continue;
        }
        for (const SampleBucket &b : d.buckets)
        {
            if (second >= b.start && second < b.end && b.count)
            {
                const QString when =
                    QDateTime::fromSecsSinceEpoch(b.start).toString(u"yyyy-MM-dd hh:mm:ss"_s);
                if (b.end - b.start <= 1)
                {
                    return tr("%1\n%2: %3").arg(d.label, when).arg(b.max);
                }
                return tr("%1\n%2 (+%3 s): min %4, avg %5, max %6")
                    .arg(d.label, when)
                    .arg(b.end - b.start)
                    .arg(b.min)
                    .arg(b.avg, 0, 'f', 1)
                    .arg(b.max);
            }
        }
    }
    return QString();
}
