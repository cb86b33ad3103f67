// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/serieslayer.h"

#include <algorithm>
#include <cmath>

#include <QChart>
#include <QGraphicsSceneHoverEvent>
#include <QPaintEngine>
#include <QPainter>

namespace
{

constexpr qreal LineWidth = 2;   // as a QLineSeries draws
constexpr qreal HoverPixels = 5; // how near the pointer must be to a line
constexpr qreal SeriesZ = 5;     // above the grid, under the legend (Qt Charts' line series level)

} // namespace

SeriesLayer::SeriesLayer(QChart *chart)
    : QGraphicsObject(chart)
    , m_chart(chart)
{
    setZValue(SeriesZ);
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::NoButton);
    m_bounds = chart->plotArea();
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF &plot) {
        prepareGeometryChange();
        m_bounds = plot;
    });
}

void SeriesLayer::setLines(std::vector<Line> lines)
{
    m_lines = std::move(lines);
    update();
}

void SeriesLayer::setLineVisible(const QString &name, const bool visible)
{
    for (Line &l : m_lines)
    {
        if (l.name == name && l.visible != visible)
        {
            l.visible = visible;
            update();
        }
    }
}

void SeriesLayer::setRange(const qreal xMin, const qreal xMax, const qreal yMin, const qreal yMax)
{
    m_xMin = xMin;
    m_xMax = xMax > xMin ? xMax : xMin + 1;
    m_yMin = yMin;
    m_yMax = yMax > yMin ? yMax : yMin + 1;
    update();
}

int SeriesLayer::pointCount(const QString &name) const
{
    for (const Line &l : m_lines)
    {
        if (l.name == name)
        {
            int n = 0;
            for (const QPolygonF &run : l.runs)
            {
                n += int(run.size());
            }
            return n;
        }
    }
    return -1;
}

QRectF SeriesLayer::boundingRect() const
{
    return m_bounds.adjusted(-LineWidth, -LineWidth, LineWidth, LineWidth);
}

QPointF SeriesLayer::map(const QPointF &value, const QRectF &plot) const
{
    return {plot.left() + (value.x() - m_xMin) * plot.width() / (m_xMax - m_xMin),
            plot.bottom() - (value.y() - m_yMin) * plot.height() / (m_yMax - m_yMin)};
}

void SeriesLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    // The plot area as it is now: a picture of another size lays the chart out again first.
    const QRectF plot = m_chart->plotArea();
    if (plot.isEmpty())
    {
        return;
    }
    painter->save();
    painter->setClipRect(plot.adjusted(0, -LineWidth, 0, LineWidth));
    painter->setBrush(Qt::NoBrush);
    const qreal sx = plot.width() / (m_xMax - m_xMin);
    const qreal sy = plot.height() / (m_yMax - m_yMin);
    // On a raster device a 2 px pen goes through the stroker (joins, atan2 per segment: 90 ms for
    // 36 000 points); a 1 px cosmetic line is drawn directly. Raster: that line twice, one pixel
    // apart diagonally, for about the same 2 px look. Vector devices (SVG) get the real 2 px pen.
    const bool raster = painter->paintEngine() && painter->paintEngine()->type() == QPaintEngine::Raster;
    QPolygonF mapped;
    for (const Line &l : m_lines)
    {
        if (!l.visible)
        {
            continue;
        }
        QPen pen(l.color, raster ? 1 : LineWidth, Qt::SolidLine, Qt::SquareCap, Qt::BevelJoin);
        pen.setCosmetic(raster);
        painter->setPen(pen);
        for (const QPolygonF &run : l.runs)
        {
            mapped.resize(run.size());
            for (qsizetype i = 0; i < run.size(); ++i)
            {
                mapped[i] = QPointF(plot.left() + (run[i].x() - m_xMin) * sx,
                                    plot.bottom() - (run[i].y() - m_yMin) * sy);
            }
            for (int pass = 0; pass < (raster ? 2 : 1); ++pass)
            {
                if (pass == 1)
                {
                    mapped.translate(1, -1); // thickens flat and steep segments alike
                }
                if (mapped.size() == 1)
                {
                    painter->drawPoint(mapped.front());
                }
                else
                {
                    painter->drawPolyline(mapped);
                }
            }
        }
    }
    painter->restore();
}

void SeriesLayer::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const QRectF plot = m_chart->plotArea();
    const QPointF pos = event->pos();
    if (!plot.contains(pos))
    {
        return;
    }
    const qreal xMs = m_xMin + (pos.x() - plot.left()) * (m_xMax - m_xMin) / plot.width();
    // The topmost (last drawn) line whose nearest point in time is within reach of the pointer.
    for (auto l = m_lines.rbegin(); l != m_lines.rend(); ++l)
    {
        if (!l->visible)
        {
            continue;
        }
        for (const QPolygonF &run : l->runs)
        {
            if (run.isEmpty() || xMs < run.front().x() - 1 || xMs > run.back().x() + 1)
            {
                continue;
            }
            auto next = std::lower_bound(run.begin(), run.end(), xMs,
                                         [](const QPointF &p, qreal x) { return p.x() < x; });
            const auto prev = next == run.begin() ? next : next - 1;
            next = next == run.end() ? prev : next;
            for (const auto it : {prev, next})
            {
                if (std::abs(map(*it, plot).y() - pos.y()) <= HoverPixels)
                {
                    emit hovered(l->name, it->x());
                    return;
                }
            }
        }
    }
}
