// SPDX-License-Identifier: GPL-3.0-or-later
// The charts page on a ProfileSampler whose history comes from a SampleStore: the window, profile
// totals or one profile's values, gaps not drawn as zero, hover text, a legend toggle, limits,
// and a rendered image that shows the series.
#include <QDateTime>
#include <QFileDialog>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/core/samplering.h"
#include "backend/profilesampler.h"
#include "backend/samplestore.h"
#include "tests/ui/testengine.h"
#include "ui/chartexportbutton.h"
#include "ui/charts/timeserieschart.h"
#include "ui/chartspage.h"

using namespace Qt::StringLiterals;
using calldeck::core::SampleRing;

class TestChartsPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void drawsTheHistory();
    void valuesOfOneProfile();
    void limitsAndTheImage();
    void pngsForTheIncidentPack();
    void exportFromThePage();

private:
    std::unique_ptr<ProfileSampler> sampler(TestEngine &engine);

    QTemporaryDir m_dir;
    qint64 m_hour = 0;
};

void TestChartsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // The last full hour: trunk at 10 with a 100 s gap, trunk=gw1 at 4, trunk=gw2 at 6.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_hour = now - now % 3600 - 3600;
    SampleStore store(StoreUrl::sqliteFile(m_dir.filePath(u"calldeck.db"_s)));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    std::vector<std::uint32_t> trunk(3600, 10);
    std::fill(trunk.begin() + 1000, trunk.begin() + 1100, SampleRing::Gap);
    QVERIFY(store.write(u"profile:trunk"_s, m_hour, trunk, &error));
    QVERIFY(store.write(u"profile:trunk=gw1"_s, m_hour, std::vector<std::uint32_t>(3600, 4), &error));
    QVERIFY(store.write(u"profile:trunk=gw2"_s, m_hour, std::vector<std::uint32_t>(3600, 6), &error));
    QVERIFY(store.write(u"calls:new"_s, m_hour, std::vector<std::uint32_t>(3600, 2), &error));
    QVERIFY(store.write(u"state:4"_s, m_hour, std::vector<std::uint32_t>(3600, 10), &error));
}

std::unique_ptr<ProfileSampler> TestChartsPage::sampler(TestEngine &engine)
{
    ProfileSampler::Options o;
    o.store = StoreUrl::sqliteFile(m_dir.filePath(u"calldeck.db"_s));
    auto s = std::make_unique<ProfileSampler>(engine.worker, o);
    s->start();
    s->stop(); // the history only: no live sample moves the window
    return s;
}

void TestChartsPage::drawsTheHistory()
{
    TestEngine engine;
    auto s = sampler(engine);
    QCOMPARE(s->latestSecond(), m_hour + 3599);
    ChartsPage page(*s);
    page.setWindow(ChartsPage::Window::OneHour);
    page.redraw();
    TimeSeriesChart *chart = page.profilesChart();
    // 720 buckets of 5 s over the hour; the 100 s gap leaves 20 of them empty: not drawn.
    QCOMPARE(chart->pointCount(u"profile:trunk"_s), 700);
    QCOMPARE(chart->pointCount(u"profile:trunk=gw1"_s), -1); // totals only
    QVERIFY2(chart->hoverText(u"profile:trunk"_s, m_hour + 10).contains(u"max 10"_s),
             qPrintable(chart->hoverText(u"profile:trunk"_s, m_hour + 10)));
    QVERIFY(chart->hoverText(u"profile:trunk"_s, m_hour + 1050).isEmpty()); // in the gap
    QCOMPARE(page.callsChart()->pointCount(u"calls:new"_s), 720);
    QCOMPARE(page.statesChart()->pointCount(u"state:4"_s), 720);
    chart->setHidden(u"profile:trunk"_s, true);
    page.redraw();
    QVERIFY(chart->isHidden(u"profile:trunk"_s)); // stays hidden across redraws
    chart->setHidden(u"profile:trunk"_s, false);
    // The 5-minute window ends at the newest sample: 300 one-second points.
    page.setWindow(ChartsPage::Window::FiveMinutes);
    QCOMPARE(chart->pointCount(u"profile:trunk"_s), 300);
}

void TestChartsPage::valuesOfOneProfile()
{
    TestEngine engine;
    auto s = sampler(engine);
    ChartsPage page(*s);
    page.setWindow(ChartsPage::Window::OneHour);
    page.setProfile(u"trunk"_s);
    page.redraw();
    QCOMPARE(page.profilesChart()->pointCount(u"profile:trunk"_s), -1);
    QCOMPARE(page.profilesChart()->pointCount(u"profile:trunk=gw1"_s), 720);
    QCOMPARE(page.profilesChart()->pointCount(u"profile:trunk=gw2"_s), 720);
}

void TestChartsPage::limitsAndTheImage()
{
    TestEngine engine;
    auto s = sampler(engine);
    ChartsPage page(*s);
    page.setWindow(ChartsPage::Window::OneHour);
    QCOMPARE(page.setLimits(u"trunk 30\n# a comment\ntrunk=gw1 5\nnot a limit\ntrunk -3\n"_s),
             (QStringList{u"not a limit"_s, u"trunk -3"_s}));
    page.redraw();
    const QImage image = page.profilesChart()->render(QSize(800, 400));
    if (qEnvironmentVariableIsSet("CALLDECK_TEST_GRAB_DIR"))
    {
        image.save(qEnvironmentVariable("CALLDECK_TEST_GRAB_DIR") + u"/chart-profiles.png"_s);
    }
    // The series' colour (the first of the palette) is on the image.
    int hits = 0;
    for (int y = 0; y < image.height(); ++y)
    {
        for (int x = 0; x < image.width(); ++x)
        {
            hits += QColor(image.pixel(x, y)) == QColor(0x1f77b4) ? 1 : 0;
        }
    }
    QVERIFY2(hits > 200, qPrintable(QString::number(hits)));
}

void TestChartsPage::pngsForTheIncidentPack()
{
    TestEngine engine;
    auto s = sampler(engine);
    ChartsPage page(*s); // never shown
    page.setWindow(ChartsPage::Window::OneHour);
    const auto pngs = page.renderPngs(QSize(900, 450));
    QCOMPARE(pngs.size(), 3);
    const QStringList names{u"chart-profiles.png"_s, u"chart-calls.png"_s, u"chart-states.png"_s};
    for (int i = 0; i < 3; ++i)
    {
        QCOMPARE(pngs.at(i).first, names.at(i));
        const QImage image = QImage::fromData(pngs.at(i).second, "PNG");
        QCOMPARE(image.size(), QSize(900, 450));
        // Each chart's first series is drawn: its colour is in the picture.
        int hits = 0;
        for (int y = 0; y < image.height(); ++y)
        {
            for (int x = 0; x < image.width(); ++x)
            {
                hits += QColor(image.pixel(x, y)) == QColor(0x1f77b4) ? 1 : 0;
            }
        }
        QVERIFY2(hits > 300, qPrintable(names.at(i) + u": "_s + QString::number(hits)));
    }

    // A masked pack's pictures: the profiles chart shows totals even while the page shows one
    // profile's values (they can be numbers), and the page keeps its choice.
    page.setProfile(u"trunk"_s);
    QCOMPARE(page.profilesChart()->pointCount(u"profile:trunk=gw1"_s), 720);
    const QByteArray values = page.renderPngs(QSize(900, 450)).first().second;
    const QByteArray totalsOnly = page.renderPngs(QSize(900, 450), true).first().second;
    QCOMPARE(page.profilesChart()->pointCount(u"profile:trunk=gw1"_s), 720); // back to the values
    QVERIFY(totalsOnly != values);
    page.setProfile(QString());
    QCOMPARE(page.renderPngs(QSize(900, 450)).first().second, totalsOnly);
}

void TestChartsPage::exportFromThePage()
{
    TestEngine engine;
    auto s = sampler(engine);
    ChartsPage page(*s);
    page.setWindow(ChartsPage::Window::OneHour);
    page.resize(1000, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ChartExportButton *button = page.exportButton();
    QVERIFY(button->isVisible());
    QCOMPARE(button->menu()->actions().size(), 0); // filled when it opens
    emit button->menu()->aboutToShow();
    QCOMPARE(button->menu()->actions().size(), 3);
    QCOMPARE(button->menu()->actions().at(1)->text(), page.callsChart()->title() + u"…"_s);

    // The menu entry asks for a file; the chosen one is written as SVG by its suffix.
    button->menu()->actions().at(1)->trigger();
    QFileDialog *dialog = button->fileDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->selectedFiles().value(0).contains(u"calldeck-chart-calls-"_s));
    QSignalSpy exported(button, &ChartExportButton::exported);
    const QString svg = m_dir.filePath(u"calls.svg"_s);
    emit dialog->fileSelected(svg);
    QCOMPARE(exported.size(), 1);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("<title>Calls per second (mirror)</title>"));
    dialog->close();

    // A name that is neither .png nor .svg: a message that says so, no file.
    const QString bad = m_dir.filePath(u"calls.bmp"_s);
    QVERIFY(!button->exportTo(page.callsChart(), bad));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = page.findChild<QMessageBox *>(u"chartExportError"_s)) != nullptr);
    QVERIFY2(box->text().contains(u"ends in .png or .svg"_s), qPrintable(box->text()));
    QVERIFY(!QFile::exists(bad));
    box->close();
}

QTEST_MAIN(TestChartsPage)
#include "tst_chartspage.moc"
