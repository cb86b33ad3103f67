// SPDX-License-Identifier: GPL-3.0-or-later
// Measurements of the dialog models at the sizes the console must carry: apply() over 100 000
// live rows, the text filter over 1 000 000. They run only with CALLDECK_MODEL_BENCH=1 (ctest
// sees them skip) and print their figures; CALLDECK_MODEL_BENCH_ROWS changes the 1 000 000.
// No QAbstractItemModelTester here: it walks every row on every signal and would be all that
// is measured.
#include <algorithm>
#include <numeric>
#include <random>

#include <QByteArrayMatcher>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/dialogrows.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;
using Model = DialogTableModel;
using Proxy = DialogFilterProxyModel;

class TestDialogModelBench final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void applyOver100000Rows_data();
    void applyOver100000Rows();
    void textFilterOver1000000Rows();
};

void TestDialogModelBench::init()
{
    if (qEnvironmentVariableIntValue("CALLDECK_MODEL_BENCH") == 0)
    {
        QSKIP("set CALLDECK_MODEL_BENCH=1 to measure");
    }
}

void TestDialogModelBench::applyOver100000Rows_data()
{
    QTest::addColumn<int>("sortColumn");
    QTest::addRow("model alone") << -2;
    QTest::addRow("proxy unsorted") << -1;
    QTest::addRow("proxy by Call-ID") << int(Model::CallIdColumn);
    QTest::addRow("proxy by duration") << int(Model::DurationColumn); // the tick moves it
}

void TestDialogModelBench::applyOver100000Rows()
{
    QFETCH(int, sortColumn);
    qint64 now = DialogRows::BaseSec * 1000;
    Model model;
    model.setClock([&now] { return now; });
    model.setTickIntervalMs(0);
    Proxy proxy;
    if (sortColumn > -2)
    {
        proxy.setSourceModel(&model);
        proxy.sort(sortColumn);
    }
    std::vector<DialogRow> initial = DialogRows::range(0, 100'000);
    for (DialogRow &row : initial)
    {
        row.dialog.startTs -= std::uint32_t(row.key % 3600); // answered over the last hour
    }
    QElapsedTimer timer;
    timer.start();
    model.apply(DialogRows::upserts(std::move(initial)));
    qInfo("fill 100000 rows: %lld ms", timer.elapsed());

    std::mt19937 random(42);
    std::vector<int> rows(100'000);
    std::iota(rows.begin(), rows.end(), 0);
    for (int round = 0; round < 3; ++round)
    {
        std::shuffle(rows.begin(), rows.end(), random);
        DialogDelta delta;
        delta.upserts = DialogRows::range(200'000 + quint64(round) * 1000, 1000, 2);
        for (int i = 0; i < 10'000; ++i)
        {
            DialogRow row = model.rowAt(rows[std::size_t(i)]);
            row.dialog.caller.cseq = std::to_string(round + 2); // an in-dialog request...
            if (i % 10 == 0)
            {
                row.dialog.state = row.dialog.state == 4 ? 5 : 4; // ...and a tenth change state
            }
            delta.upserts.push_back(std::move(row));
        }
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        timer.restart();
        model.apply(std::move(delta));
        const qint64 applyMs = timer.elapsed();
        const qsizetype spans = changed.count();
        now += 1000;
        timer.restart();
        model.tick();
        qInfo("apply 1000 new + 10000 updated over %d rows: %lld ms (%lld dataChanged spans); tick: %lld ms",
              model.rowCount() - 1000, applyMs, qint64(spans), timer.elapsed());
    }
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const int before = model.rowCount();
    now += Model::DefaultLingerMs;
    timer.restart();
    model.tick();
    qInfo("linger over: %d scattered rows removed in %lld spans: %lld ms", before - model.rowCount(),
          qint64(removed.count()), timer.elapsed());
}

void TestDialogModelBench::textFilterOver1000000Rows()
{
    const int count = qEnvironmentVariableIsSet("CALLDECK_MODEL_BENCH_ROWS")
                          ? qEnvironmentVariableIntValue("CALLDECK_MODEL_BENCH_ROWS")
                          : 1'000'000;
    Model model;
    model.setTickIntervalMs(0);
    QElapsedTimer timer;
    timer.start();
    constexpr int Batch = 100'000;
    for (int first = 0; first < count; first += Batch)
    {
        model.apply(DialogRows::upserts(DialogRows::range(quint64(first), std::min(Batch, count - first))));
    }
    qInfo("filled %d rows in %lld ms", model.rowCount(), timer.elapsed());
    Proxy proxy;
    proxy.setSourceModel(&model);
    QCOMPARE(proxy.rowCount(), count);

    const auto measure = [&](const QString &text, const char *what) {
        timer.restart();
        proxy.setTextFilter(text);
        qInfo("%-44s %8lld ms  -> %d rows", what, timer.elapsed(), proxy.rowCount());
    };
    measure(u"Alice12345@"_s, "rare text (first filter)");
    measure(QString(), "cleared (all rows back)");
    measure(u"alice12345@"_s, "rare text, warm");
    measure(u"bob98765"_s, "another rare text, warm");
    measure(u"alice1"_s, "11 % of the rows, in blocks");
    measure(u"alice12"_s, "narrowing that to 1 %");
    measure(QString(), "cleared");
    measure(u"no-such-dialog"_s, "no match");
    measure(QString(), "cleared");
    measure(u"7@example.com"_s, "10 % scattered (every tenth row)");
    measure(u"77@example.com"_s, "narrowing that to 1 % scattered");
    measure(QString(), "cleared (back from 1 % scattered)");

    // Sorted, QSortFilterProxyModel also sorts every row it lets back in
    for (const int column : {int(Model::IdColumn), int(Model::CallIdColumn)})
    {
        timer.restart();
        proxy.sort(column);
        qInfo("%-44s %8lld ms", column == Model::IdColumn ? "sort by Id (numbers)" : "sort by Call-ID (text)",
              timer.elapsed());
        measure(u"alice12345@"_s, "  sorted: rare text");
        measure(QString(), "  sorted: cleared (every row sorted back in)");
        measure(u"7@example.com"_s, "  sorted: 10 % scattered");
        measure(QString(), "  sorted: cleared");
    }
    proxy.sort(-1);

    // The predicate alone, without QSortFilterProxyModel's bookkeeping
    QByteArrayMatcher matcher(QByteArrayLiteral("alice12345@"));
    timer.restart();
    int hits = 0;
    for (int row = 0; row < model.rowCount(); ++row)
    {
        hits += matcher.indexIn(model.searchTextAt(row)) >= 0 ? 1 : 0;
    }
    qInfo("%-44s %8lld ms  -> %d rows", "predicate only (warm), no proxy", timer.elapsed(), hits);
}

QTEST_MAIN(TestDialogModelBench)
#include "tst_dialogmodelbench.moc"
