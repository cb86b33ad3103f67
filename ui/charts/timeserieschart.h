// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <vector>

#include <QColor>
#include <QString>
#include <QWidget>

#include "backend/core/samplering.h"

class QChart;
class QChartView;
class QPainter;
class QDateTimeAxis;
class QLineSeries;
class SeriesLayer;
class QValueAxis;

/// @brief The one chart CallDeck draws (issue #8): series of once-a-second samples over a time
/// window, as min/avg/max buckets (SampleRing::downsample). Each series is its average line,
/// broken where there were no samples (never drawn as zero), with an optional limit as a dashed
/// line of the same colour. Hover shows the time and min/avg/max; a click on a legend entry hides
/// or shows that series. Qt Charts draws the axes, grid, title, legend and limits; the lines are
/// drawn by a SeriesLayer on the plot area (a QLineSeries per line was too slow for a day of 50
/// series, see there). All Qt Charts code of CallDeck lives in ui/charts/ so that a move to Qt
/// Graphs touches this folder only.
class TimeSeriesChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeSeriesChart)

public:
    struct Series
    {
        QString name;  ///< stable identity, e.g. "profile:trunk=gw1"
        QString label; ///< what the legend says
        std::vector<calldeck::core::SampleBucket> buckets;
        double limit = -1; ///< drawn as a dashed line when >= 0
    };

    explicit TimeSeriesChart(QWidget *parent = nullptr);
    ~TimeSeriesChart() override;

    void setTitle(const QString &title);
    /// @brief The legend beside the plot instead of under it (small charts keep their height).
    void setLegendBeside(bool beside);
    /// @brief Replaces what is drawn: @p series over [@p from, @p to] (Unix seconds). Series the
    /// operator hid stay hidden while their name is shown again.
    void setData(const std::vector<Series> &series, qint64 from, qint64 to);
    /// @brief The chart as an image of @p size (PNG export, tests).
    QImage render(const QSize &size);
    /// @brief Paints the chart laid out at @p size onto @p painter from its origin: an image, an
    /// SVG generator or a printer; the widget need not be shown.
    void paint(QPainter &painter, const QSize &size);
    /// @brief The title, for file names and the SVG's title.
    QString title() const;
    /// @brief Where the plot lies in a picture of @p size, and the value axis' range (tests).
    QRectF plotArea(const QSize &size);
    std::pair<double, double> valueRange() const;

    /// @brief Points drawn for @p name (all its segments), -1 when not shown (tests).
    int pointCount(const QString &name) const;
    bool isHidden(const QString &name) const;
    void setHidden(const QString &name, bool hidden);
    /// @brief What a click on the legend entry of @p name does: hides or shows it (tests).
    void clickLegend(const QString &name);
    /// @brief The tooltip text hovering @p name at @p second would show (tests).
    QString hoverText(const QString &name, qint64 second) const;

signals:
    void visibilityToggled(const QString &name, bool visible);

private:
    /// Pixels between two value labels at the least.
    static constexpr double MinTickSpacing = 22.0;

    struct Drawn;
    void clear();
    /// @brief The value axis from 0 to a whole, round top above @p top (the highest value shown).
    void scaleValues(double top);
    QLineSeries *addLine(const QString &name);
    void removeLine(QLineSeries *line);
    void styleLegend(const Drawn &d);
    QColor colorFor(int index) const;

    QChart *m_chart;
    QChartView *m_view;
    QDateTimeAxis *m_time;
    QValueAxis *m_values;
    SeriesLayer *m_layer;
    std::vector<Drawn> m_drawn;
    QStringList m_hidden;
};
