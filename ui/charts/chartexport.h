// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QSize>
#include <QString>

class TimeSeriesChart;

/// @brief A chart as a file (issue #8): PNG (raster) or SVG (vector paths, Qt SVG's
/// QSvgGenerator), drawn by TimeSeriesChart::paint at a given size whether or not the chart is
/// shown. Used by the Charts page's "Export chart…" and by the incident pack.
class ChartExport final
{
    Q_DECLARE_TR_FUNCTIONS(ChartExport)

public:
    enum class Format
    {
        Unknown,
        Png,
        Svg,
    };

    ChartExport() = delete;

    /// @brief The size of a picture when the chart has none on screen.
    static constexpr QSize DefaultSize{1200, 600};

    /// @brief PNG or SVG by the suffix of @p path (any case); Unknown for anything else.
    static Format formatOf(const QString &path);
    static QByteArray png(TimeSeriesChart &chart, const QSize &size);
    static QByteArray svg(TimeSeriesChart &chart, const QSize &size);
    /// @brief Writes @p chart to @p path as PNG or SVG (by its suffix) at @p size, replacing the
    /// file only once it is complete. @return false with @p error saying what to do next
    static bool save(TimeSeriesChart &chart, const QString &path, const QSize &size, QString *error);
};
