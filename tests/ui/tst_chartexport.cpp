// SPDX-License-Identifier: GPL-3.0-or-later
// A chart as a file (issue #8): the PNG shows each series in its colour at its height in the plot
// and not a series the legend switched off; the SVG holds a path per shown series; files are PNG
// or SVG by their suffix, and a bad name or folder gets an error that says what to do; hovering a
// line shows its name, time and value.
#include <QFile>
#include <QGraphicsView>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QXmlStreamReader>

#include "ui/charts/chartexport.h"
#include "ui/charts/timeserieschart.h"

using namespace Qt::StringLiterals;
using calldeck::core::SampleBucket;

namespace
{

constexpr qint64 From = 1'700'000'000;
constexpr int Seconds = 300;
const QColor First(0x1f77b4);  // the palette's first colour: series "a"
const QColor Second(0xff7f0e); // the second: series "b"

TimeSeriesChart::Series constant(const QString &name, std::uint32_t level)
{
    TimeSeriesChart::Series s;
    s.name = name;
    s.label = name.mid(name.indexOf(u':') + 1);
    for (qint64 t = From; t < From + Seconds; ++t)
    {
        s.buckets.push_back(SampleBucket{t, t + 1, level, level, double(level), 1});
    }
    return s;
}

struct Hits
{
    int inBand = 0;    ///< pixels of the colour within 3 px of the expected height
    int columns = 0;   ///< distinct x of those
    int elsewhere = 0; ///< pixels of the colour in the plot but outside the band
};

/// Where @p color is in the plot area @p plot of @p image, against the height of @p value.
Hits find(const QImage &image, const QRectF &plot, const std::pair<double, double> &range,
          const QColor &color, double value)
{
    const double y = plot.bottom() - (value - range.first) / (range.second - range.first) * plot.height();
    Hits h;
    for (int x = int(plot.left()) + 1; x < int(plot.right()); ++x)
    {
        bool column = false;
        for (int py = int(plot.top()) + 1; py < int(plot.bottom()); ++py)
        {
            if (QColor(image.pixel(x, py)) != color)
            {
                continue;
            }
            if (std::abs(py - y) <= 3)
            {
                ++h.inBand;
                column = true;
            }
            else
            {
                ++h.elsewhere;
            }
        }
        h.columns += column ? 1 : 0;
    }
    return h;
}

/// Vertices of the stroked shapes (path, polyline, line) in @p color of an SVG.
int svgVertices(const QByteArray &svg, const QColor &color)
{
    QXmlStreamReader xml(svg);
    QStringList strokes{QString()};
    int vertices = 0;
    const QString wanted = color.name();
    while (!xml.atEnd())
    {
        xml.readNext();
        if (xml.isStartElement())
        {
            const QString stroke = xml.attributes().value(u"stroke"_s).toString();
            strokes.push_back(stroke.isEmpty() ? strokes.back() : stroke);
            if (strokes.back().compare(wanted, Qt::CaseInsensitive) != 0)
            {
                continue;
            }
            if (xml.name() == u"path"_s)
            {
                const QString d = xml.attributes().value(u"d"_s).toString();
                vertices += int(d.count(u'M') + d.count(u'L'));
            }
            else if (xml.name() == u"polyline"_s)
            {
                vertices += int(
                    xml.attributes().value(u"points"_s).toString().split(u' ', Qt::SkipEmptyParts).size());
            }
            else if (xml.name() == u"line"_s)
            {
                vertices += 2;
            }
        }
        else if (xml.isEndElement())
        {
            strokes.pop_back();
        }
    }
    return xml.hasError() ? -1 : vertices;
}

} // namespace

class TestChartExport final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pngShowsTheSeriesAtItsHeight();
    void svgHasAPathPerShownSeries();
    void savesByTheSuffix();
    void badNamesSayWhatToDo();
    void hoverOnALineShowsItsValue();

private:
    std::unique_ptr<TimeSeriesChart> m_chart;
};

void TestChartExport::init()
{
    m_chart = std::make_unique<TimeSeriesChart>();
    m_chart->setTitle(u"Concurrent dialogs per profile"_s);
    m_chart->setData({constant(u"profile:a"_s, 40), constant(u"profile:b"_s, 10)}, From, From + Seconds - 1);
}

void TestChartExport::cleanup()
{
    m_chart.reset();
}

void TestChartExport::pngShowsTheSeriesAtItsHeight()
{
    const QSize size(800, 400);
    const QRectF plot = m_chart->plotArea(size);
    const auto range = m_chart->valueRange();
    QVERIFY2(plot.width() > 600 && plot.height() > 200,
             qPrintable(u"%1×%2"_s.arg(plot.width()).arg(plot.height())));
    QCOMPARE(range.first, 0.0);
    QVERIFY(range.second >= 40);

    QImage image = QImage::fromData(ChartExport::png(*m_chart, size), "PNG");
    QCOMPARE(image.size(), size);
    // Each series: a line across the plot at its level (40 and 10), nowhere else in the plot.
    Hits a = find(image, plot, range, First, 40);
    Hits b = find(image, plot, range, Second, 10);
    QVERIFY2(a.columns > plot.width() * 0.9, qPrintable(QString::number(a.columns)));
    QVERIFY2(b.columns > plot.width() * 0.9, qPrintable(QString::number(b.columns)));
    QCOMPARE(a.elsewhere, 0);
    QCOMPARE(b.elsewhere, 0);
    // Not a fluke of the band: "a" is not where "b" is.
    QCOMPARE(find(image, plot, range, First, 10).inBand, 0);

    // A click on the legend entry of "b" switches it off: gone from the picture, "a" stays.
    m_chart->clickLegend(u"profile:b"_s);
    QVERIFY(m_chart->isHidden(u"profile:b"_s));
    image = QImage::fromData(ChartExport::png(*m_chart, size), "PNG");
    b = find(image, plot, range, Second, 10);
    QCOMPARE(b.inBand + b.elsewhere, 0);
    a = find(image, plot, range, First, 40);
    QVERIFY2(a.columns > plot.width() * 0.9, qPrintable(QString::number(a.columns)));
    // And back on.
    m_chart->clickLegend(u"profile:b"_s);
    image = QImage::fromData(ChartExport::png(*m_chart, size), "PNG");
    QVERIFY(find(image, plot, range, Second, 10).columns > plot.width() * 0.9);
}

void TestChartExport::svgHasAPathPerShownSeries()
{
    const QByteArray svg = ChartExport::svg(*m_chart, QSize(800, 400));
    QVERIFY(svg.startsWith("<?xml"));
    QVERIFY(svg.contains("<title>Concurrent dialogs per profile</title>"));
    // 300 one-second points per series, drawn as vector paths in the series' colour.
    QVERIFY2(svgVertices(svg, First) >= Seconds, qPrintable(QString::number(svgVertices(svg, First))));
    QVERIFY2(svgVertices(svg, Second) >= Seconds, qPrintable(QString::number(svgVertices(svg, Second))));
    m_chart->clickLegend(u"profile:b"_s);
    const QByteArray hidden = ChartExport::svg(*m_chart, QSize(800, 400));
    QVERIFY(svgVertices(hidden, First) >= Seconds);
    QVERIFY2(svgVertices(hidden, Second) < 10, qPrintable(QString::number(svgVertices(hidden, Second))));
}

void TestChartExport::savesByTheSuffix()
{
    QTemporaryDir dir;
    QString error;
    const QString png = dir.filePath(u"chart.PNG"_s);
    QVERIFY2(ChartExport::save(*m_chart, png, QSize(640, 320), &error), qPrintable(error));
    QCOMPARE(QImage(png, "PNG").size(), QSize(640, 320));
    const QString svg = dir.filePath(u"chart.svg"_s);
    QVERIFY2(ChartExport::save(*m_chart, svg, QSize(640, 320), &error), qPrintable(error));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg") && text.contains("viewBox=\"0 0 640 320\""));
    QVERIFY(svgVertices(text, First) >= Seconds);
}

void TestChartExport::badNamesSayWhatToDo()
{
    QTemporaryDir dir;
    QString error;
    const QString jpg = dir.filePath(u"chart.jpg"_s);
    QVERIFY(!ChartExport::save(*m_chart, jpg, QSize(640, 320), &error));
    QVERIFY2(error.contains(u"ends in .png or .svg"_s), qPrintable(error));
    QVERIFY(!QFile::exists(jpg));
    QVERIFY(
        !ChartExport::save(*m_chart, dir.filePath(u"no/such/folder/chart.png"_s), QSize(640, 320), &error));
    QVERIFY2(error.contains(u"Choose a folder you can write to"_s), qPrintable(error));
    QVERIFY(!ChartExport::save(*m_chart, dir.filePath(u"tiny.png"_s), QSize(20, 10), &error));
    QVERIFY2(error.contains(u"choose a size"_s), qPrintable(error));
    // An existing file is replaced only by a complete picture: a failed export leaves it alone.
    const QString kept = dir.filePath(u"kept.png"_s);
    QVERIFY(ChartExport::save(*m_chart, kept, QSize(640, 320), &error));
    QVERIFY(!ChartExport::save(*m_chart, kept, QSize(20, 10), &error));
    QCOMPARE(QImage(kept, "PNG").size(), QSize(640, 320));
}

void TestChartExport::hoverOnALineShowsItsValue()
{
    m_chart->resize(800, 400);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));
    auto *view = m_chart->findChild<QGraphicsView *>();
    QVERIFY(view);
    const QRectF plot = m_chart->plotArea(view->viewport()->size());
    const auto range = m_chart->valueRange();
    const auto yOf = [&](double v) {
        return int(plot.bottom() - (v - range.first) / (range.second - range.first) * plot.height());
    };
    // On the line of "b" (10) in the middle of the plot: its name, time and value.
    QTest::mouseMove(view->viewport(), QPoint(int(plot.center().x()), yOf(10)));
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().startsWith(u"b\n"_s) && QToolTip::text().endsWith(u": 10"_s),
             qPrintable(QToolTip::text()));
    // On the line of "a" (40): that one.
    QTest::mouseMove(view->viewport(), QPoint(int(plot.center().x()) + 20, yOf(40)));
    QTRY_VERIFY2(QToolTip::text().startsWith(u"a\n"_s), qPrintable(QToolTip::text()));
    QVERIFY2(QToolTip::text().endsWith(u": 40"_s), qPrintable(QToolTip::text()));
}

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
