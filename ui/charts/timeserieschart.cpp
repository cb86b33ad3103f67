// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/timeserieschart.h"

#include "ui/charts/serieslayer.h"

#include <algorithm>
#include <cmath>
#include <utility>

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
    QLineSeries *legend = nullptr; ///< no points: its legend entry (the line is in the SeriesLayer)
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
    , m_layer(new SeriesLayer(m_chart))
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
    m_view->setContextMenuPolicy(Qt::NoContextMenu);      // the page's menu (Export chart…) comes through
    connect(m_layer, &SeriesLayer::hovered, this, [this](const QString &name, qreal xMs) {
        QToolTip::showText(QCursor::pos(), hoverText(name, qint64(xMs / 1000.0)), this);
    });
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
    for (Drawn &d : m_drawn)
    {
        removeLine(d.legend);
        removeLine(d.limit);
    }
    m_drawn.clear();
}

void TimeSeriesChart::removeLine(QLineSeries *line)
{
    if (line)
    {
        m_chart->removeSeries(line);
        delete line;
    }
}

QLineSeries *TimeSeriesChart::addLine(const QString &name)
{
    auto *line = new QLineSeries;
    m_chart->addSeries(line);
    line->attachAxis(m_time);
    line->attachAxis(m_values);
    for (QLegendMarker *marker : m_chart->legend()->markers(line))
    {
        connect(marker, &QLegendMarker::clicked, this, [this, name] { setHidden(name, !isHidden(name)); });
    }
    return line;
}

void TimeSeriesChart::styleLegend(const Drawn &d)
{
    // Called on every redraw: only what differs is set (each setter repaints). A hidden series
    // keeps its (dimmed) legend entry, so it can be shown again.
    const bool hidden = isHidden(d.name);
    const qreal alpha = hidden ? 0.4 : 1.0;
    for (QLegendMarker *marker : m_chart->legend()->markers(d.legend))
    {
        QColor c = marker->labelBrush().color();
        if (std::abs(c.alphaF() - alpha) > 0.01)
        {
            c.setAlphaF(alpha);
            marker->setLabelBrush(c);
        }
    }
    if (d.limit)
    {
        if (d.limit->isVisible() == hidden)
        {
            d.limit->setVisible(!hidden);
        }
        for (QLegendMarker *marker : m_chart->legend()->markers(d.limit))
        {
            marker->setVisible(false); // (isVisible() says false before the legend is laid out)
        }
    }
}

void TimeSeriesChart::setData(const std::vector<Series> &series, const qint64 from, const qint64 to)
{
    // Redrawn every second: the lines go to the SeriesLayer in one go; the legend entries and
    // limit lines of series that are still there are kept, only what appeared or went away is
    // added or removed.
    double top = 1;
    const int window = int(std::max<qint64>(1, to - from));
    m_time->setFormat(window > 2 * 86400 ? u"dd.MM hh:mm"_s : window > 600 ? u"hh:mm"_s : u"hh:mm:ss"_s);
    // The axis spans the whole seconds [from, to] (the end of the last one included), with as many
    // ticks as give whole minutes between them: 5 min in steps of 1 min, 24 h in steps of 6 h.
    const qint64 span = to - from + 1;
    int ticks = 5;
    while (ticks < 7 && span % (60 * (ticks - 1)) != 0)
    {
        ++ticks;
    }
    m_time->setTickCount(span % (60 * (ticks - 1)) == 0 ? ticks : 5);
    const qreal axisFrom = msOf(from);
    const qreal axisTo = msOf(to + 1);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(axisFrom)),
                     QDateTime::fromMSecsSinceEpoch(qint64(axisTo)));
    std::vector<Drawn> drawn;
    drawn.reserve(series.size());
    std::vector<SeriesLayer::Line> lines;
    lines.reserve(series.size());
    int index = 0;
    for (const Series &s : series)
    {
        Drawn d;
        const auto old =
            std::find_if(m_drawn.begin(), m_drawn.end(), [&](const Drawn &o) { return o.name == s.name; });
        if (old != m_drawn.end())
        {
            d = std::move(*old);
            m_drawn.erase(old);
        }
        d.name = s.name;
        d.label = s.label;
        d.color = colorFor(index++);
        d.buckets = s.buckets;
        SeriesLayer::Line line{s.name, d.color, !isHidden(s.name), {}};
        bool inRun = false;
        for (const SampleBucket &b : s.buckets)
        {
            if (b.count == 0)
            {
                inRun = false; // a gap: no line across it
                continue;
            }
            if (!inRun)
            {
                line.runs.emplace_back();
                line.runs.back().reserve(qsizetype(s.buckets.size()));
                inRun = true;
            }
            line.runs.back().append(QPointF(middleMs(b), b.avg));
            top = std::max(top, double(b.max));
        }
        if (!d.legend)
        {
            d.legend = addLine(s.name);
        }
        // The newest value beside the name: lines on top of each other stay readable. No sample
        // in the window: still listed, so the operator sees the series exists.
        const SampleBucket *newest = s.buckets.empty() ? nullptr : &s.buckets.back();
        const QString legend = line.runs.empty() ? s.label + tr(" (no data)")
                               : newest && newest->count
                                   ? tr("%1: %2").arg(s.label, QString::number(qRound(newest->avg)))
                                   : s.label;
        if (d.legend->name() != legend)
        {
            d.legend->setName(legend);
        }
        if (d.legend->color() != d.color)
        {
            d.legend->setColor(d.color);
        }
        if (s.limit >= 0)
        {
            if (!d.limit)
            {
                d.limit = addLine(s.name);
            }
            QPen pen(d.color);
            pen.setStyle(Qt::DashLine);
            pen.setWidth(1);
            d.limit->setPen(pen);
            d.limit->replace(QList<QPointF>{{axisFrom, s.limit}, {axisTo, s.limit}});
            d.limit->setName(tr("%1 limit").arg(s.label));
            top = std::max(top, s.limit);
        }
        else
        {
            removeLine(std::exchange(d.limit, nullptr));
        }
        styleLegend(d);
        lines.push_back(std::move(line));
        drawn.push_back(std::move(d));
    }
    clear(); // the series that went away
    m_drawn = std::move(drawn);
    scaleValues(top);
    m_layer->setRange(axisFrom, axisTo, m_values->min(), m_values->max());
    m_layer->setLines(std::move(lines));
}

void TimeSeriesChart::scaleValues(const double top)
{
    // Counts are whole: steps of 1, 2, 5, 10, 20, 25, 50 … so no label is "0.5" or repeated, and
    // no more ticks than the plot's height has room for (a short chart would elide its labels).
    const double height = m_chart->plotArea().height() > 0 ? m_chart->plotArea().height() : 200.0;
    const int intervals = std::clamp(int(height / MinTickSpacing), 1, 5);
    const double wanted = std::max(4.0, std::ceil(top * 1.1));
    double step = 1;
    for (double scale = 1;; scale *= 10)
    {
        const double candidates[] = {1 * scale, 2 * scale, 2.5 * scale, 5 * scale};
        const auto fits = std::find_if(std::begin(candidates), std::end(candidates), [&](double c) {
            return (c >= 10 || c == std::floor(c)) && std::ceil(wanted / c) <= intervals;
        });
        if (fits != std::end(candidates))
        {
            step = *fits;
            break;
        }
    }
    const int used = int(std::ceil(wanted / step));
    m_values->setRange(0, step * used);
    m_values->setTickCount(used + 1);
}

QImage TimeSeriesChart::render(const QSize &size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter, size);
    return image;
}

void TimeSeriesChart::paint(QPainter &painter, const QSize &size)
{
    // Laid out at the wanted size for the picture only (a hidden widget gets no resize event).
    const QSizeF shown = m_chart->size();
    m_chart->resize(size);
    m_chart->scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)),
                             QRectF(m_chart->pos(), QSizeF(size)));
    m_chart->resize(shown);
}

QString TimeSeriesChart::title() const
{
    return m_chart->title();
}

QRectF TimeSeriesChart::plotArea(const QSize &size)
{
    const QSizeF shown = m_chart->size();
    m_chart->resize(size);
    const QRectF plot = m_chart->plotArea();
    m_chart->resize(shown);
    return plot;
}

std::pair<double, double> TimeSeriesChart::valueRange() const
{
    return {m_values->min(), m_values->max()};
}

int TimeSeriesChart::pointCount(const QString &name) const
{
    return m_layer->pointCount(name);
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
    m_layer->setLineVisible(name, !hidden);
    for (const Drawn &d : m_drawn)
    {
        if (d.name == name)
        {
            styleLegend(d);
        }
    }
    emit visibilityToggled(name, !hidden);
}

void TimeSeriesChart::clickLegend(const QString &name)
{
    for (const Drawn &d : m_drawn)
    {
        if (d.name == name)
        {
            for (QLegendMarker *marker : m_chart->legend()->markers(d.legend))
            {
                emit marker->clicked();
            }
        }
    }
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
