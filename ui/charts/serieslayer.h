// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QColor>
#include <QGraphicsObject>
#include <QPolygonF>
#include <QString>

class QChart;

/// @brief The lines of a TimeSeriesChart, drawn on its plot area as plain polylines (issue #8).
/// A QLineSeries rebuilds a stroked hover shape of every point each time its data or the axes
/// change, which costs about 6 µs a point: 50 series of a day (36 000 points) took 220 ms a
/// second. Here a redraw maps the points and draws them, nothing more; the chart keeps its axes,
/// grid, title and legend (an empty QLineSeries per series), and the hover comes from here.
class SeriesLayer final : public QGraphicsObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeriesLayer)

public:
    struct Line
    {
        QString name;
        QColor color;
        bool visible = true;
        std::vector<QPolygonF> runs; ///< x = ms since the epoch, y = value; one per run without gaps
    };

    explicit SeriesLayer(QChart *chart);

    void setLines(std::vector<Line> lines);
    void setLineVisible(const QString &name, bool visible);
    /// @brief The axes' ranges, to map values onto the plot area.
    void setRange(qreal xMin, qreal xMax, qreal yMin, qreal yMax);
    /// @brief Points of @p name over all its runs, -1 when there is no such line.
    int pointCount(const QString &name) const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

signals:
    /// @brief The pointer is on the line of @p name at @p xMs (ms since the epoch).
    void hovered(const QString &name, qreal xMs);

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QPointF map(const QPointF &value, const QRectF &plot) const;

    QChart *m_chart;
    std::vector<Line> m_lines;
    QRectF m_bounds;
    qreal m_xMin = 0;
    qreal m_xMax = 1;
    qreal m_yMin = 0;
    qreal m_yMax = 1;
};
