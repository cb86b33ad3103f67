// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/chartexport.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include "ui/charts/timeserieschart.h"

using namespace Qt::StringLiterals;

ChartExport::Format ChartExport::formatOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png"_s)
    {
        return Format::Png;
    }
    if (suffix == u"svg"_s)
    {
        return Format::Svg;
    }
    return Format::Unknown;
}

QByteArray ChartExport::png(TimeSeriesChart &chart, const QSize &size)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    chart.render(size).save(&buffer, "PNG");
    return out;
}

QByteArray ChartExport::svg(TimeSeriesChart &chart, const QSize &size)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(chart.title());
    generator.setDescription(tr("Chart exported by CallDeck"));
    {
        QPainter painter(&generator);
        painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        chart.paint(painter, size);
    }
    return out;
}

bool ChartExport::save(TimeSeriesChart &chart, const QString &path, const QSize &size, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
        {
            *error = why;
        }
        return false;
    };
    const QString shown = QDir::toNativeSeparators(path);
    const Format format = formatOf(path);
    if (format == Format::Unknown)
    {
        return fail(tr("%1: a chart is saved as PNG or SVG. Choose a file name that ends in .png or .svg.")
                        .arg(shown));
    }
    if (size.width() < 200 || size.height() < 120 || size.width() > 10000 || size.height() > 10000)
    {
        return fail(tr("A chart of %1×%2 pixels cannot be drawn: choose a size from 200×120 to 10000×10000.")
                        .arg(size.width())
                        .arg(size.height()));
    }
    const QByteArray data = format == Format::Png ? png(chart, size) : svg(chart, size);
    if (data.isEmpty())
    {
        return fail(tr("The chart could not be drawn as %1 (out of memory?). Try a smaller size or the other "
                       "format.")
                        .arg(format == Format::Png ? u"PNG"_s : u"SVG"_s));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
    {
        return fail(
            tr("Cannot write %1: %2. Choose a folder you can write to.").arg(shown, file.errorString()));
    }
    file.write(data);
    if (!file.commit())
    {
        return fail(tr("Cannot write %1: %2. Free some disk space or choose another folder.")
                        .arg(shown, file.errorString()));
    }
    return true;
}
