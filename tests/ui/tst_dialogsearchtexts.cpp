// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAbstractItemModelTester>
#include <QTest>

#include "tests/ui/dialogrows.h"
#include "ui/models/dialogsearchtexts.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

class TestDialogSearchTexts final : public QObject
{
    Q_OBJECT

private slots:
    void appendReplaceRemove();
    void compactionKeepsEveryText();
    void modelBuildsLowerCasedTexts();
    void modelRebuildsOnlyWhatChanged();
};

void TestDialogSearchTexts::appendReplaceRemove()
{
    DialogSearchTexts texts;
    texts.append("alpha");
    texts.append("bravo");
    texts.append("charlie");
    texts.append("delta");
    QCOMPARE(texts.size(), std::size_t(4));
    QCOMPARE(texts.at(2).toByteArray(), QByteArray("charlie"));

    texts.replace(1, "bo"); // shorter: in place, the rest is garbage
    QCOMPARE(texts.at(1).toByteArray(), QByteArray("bo"));
    QCOMPARE(texts.garbage(), std::size_t(3));
    texts.replace(1, "bravissimo"); // longer: moved to the end
    QCOMPARE(texts.at(1).toByteArray(), QByteArray("bravissimo"));
    QCOMPARE(texts.garbage(), std::size_t(5));

    texts.remove(1, 2);
    QCOMPARE(texts.size(), std::size_t(2));
    QCOMPARE(texts.at(0).toByteArray(), QByteArray("alpha"));
    QCOMPARE(texts.at(1).toByteArray(), QByteArray("delta"));
    QCOMPARE(texts.garbage(), std::size_t(5 + 10 + 7));
    texts.append(QByteArrayView());
    QVERIFY(texts.at(2).isEmpty());

    texts.clear();
    QCOMPARE(texts.size(), std::size_t(0));
    QCOMPARE(texts.garbage(), std::size_t(0));
}

void TestDialogSearchTexts::compactionKeepsEveryText()
{
    DialogSearchTexts texts;
    constexpr int Rows = 20'000;
    const auto textOf = [](const int row, const int round) -> QByteArray {
        return QByteArray::number(row) + QByteArray(40 + round, 'x') + QByteArray::number(round);
    };
    for (int row = 0; row < Rows; ++row)
    {
        texts.append(textOf(row, 0));
    }
    bool compacted = false;
    for (int round = 1; round <= 4; ++round)
    {
        for (int row = 0; row < Rows; ++row)
        {
            const std::size_t before = texts.garbage();
            texts.replace(std::size_t(row), textOf(row, round)); // one byte longer each round
            compacted = compacted || texts.garbage() < before;
        }
    }
    texts.remove(0, 9);
    QVERIFY(compacted); // garbage outgrew the live text (and 1 MiB) at least once...
    QVERIFY(texts.garbage() < std::size_t(Rows) * 50 * 2);
    QCOMPARE(texts.size(), std::size_t(Rows - 10));
    for (int row = 10; row < Rows; ++row) // ...and every text survived it
    {
        QCOMPARE(texts.at(std::size_t(row - 10)).toByteArray(), textOf(row, 4));
    }
}

void TestDialogSearchTexts::modelBuildsLowerCasedTexts()
{
    DialogTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTickIntervalMs(0);
    DialogRow row = DialogRows::make(1);
    row.dialog.profiles = {{"Trunk", "Carrier-A"}, {"Inbound", std::nullopt}};
    row.origin = u"Proxy-Ü"_s;
    row.dialog.toUri = "sip:J\xc3\x96RG@example.net"; // JÖRG
    model.apply(DialogRows::upserts({row}));
    const QByteArray text = model.searchTextAt(0).toByteArray();
    QCOMPARE(text, QByteArray("call-1@test.invalid\nsip:alice1@example.com\nsip:j\xc3\xb6rg@example.net\n"
                              "trunk=carrier-a\ninbound\nproxy-\xc3\xbc\nsip:alice@10.0.0.1:5060\n"
                              "sip:bob@10.0.0.2:5060\n"));
    QVERIFY(!text.contains("ft1")); // tags are not searched
}

void TestDialogSearchTexts::modelRebuildsOnlyWhatChanged()
{
    DialogTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTickIntervalMs(0);
    model.apply(DialogRows::upserts(DialogRows::range(0, 3)));
    DialogRow row = model.rowAt(1);
    row.dialog.fromUri = "sip:Zed@Example.com";
    model.apply(DialogRows::upserts({row}));
    QVERIFY(model.searchTextAt(1).toByteArray().contains("\nsip:zed@example.com\n"));
    QVERIFY(model.searchTextAt(0).toByteArray().contains("\nsip:alice0@example.com\n"));
    QVERIFY(model.searchTextAt(2).toByteArray().contains("\nsip:alice2@example.com\n"));

    // A CSeq moves with every in-dialog request; the text stays as it was
    const QByteArray before = model.searchTextAt(1).toByteArray();
    row.dialog.caller.cseq = "7";
    model.apply(DialogRows::upserts({row}));
    QCOMPARE(model.searchTextAt(1).toByteArray(), before);
}

QTEST_MAIN(TestDialogSearchTexts)
#include "tst_dialogsearchtexts.moc"
