// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/core/corehash.h"
#include "backend/core/didcodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace calldeck::core;

class TestCoreHash final : public QObject
{
    Q_OBJECT

private slots:
    void hashMatchesKamailioSamples_data();
    void hashMatchesKamailioSamples();
    void hashEdgeCases();
    void hashSignedBytes();
    void powerOfTwo();
    void didRoundTrip_data();
    void didRoundTrip();
    void didRejectsGarbage_data();
    void didRejectsGarbage();
};

void TestCoreHash::hashMatchesKamailioSamples_data()
{
    QTest::addColumn<QString>("callId");
    QTest::addColumn<int>("hEntry");
    // h_entry values as a live Kamailio 5.6.3 (hash_size 4096) listed them in dlg.list.
    for (const char *file : {"/dlg.list.json", "/did-pair.dlg.list.json"})
    {
        QFile f(QStringLiteral(CALLDECK_SAMPLES) + QLatin1String(file));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        const QJsonArray list = QJsonDocument::fromJson(f.readAll()).object().value(u"result").toArray();
        QVERIFY(!list.isEmpty());
        for (const QJsonValue &v : list)
        {
            const QJsonObject o = v.toObject();
            const QString callId = o.value(u"call-id").toString();
            QTest::addRow("%s", qPrintable(callId)) << callId << o.value(u"h_entry").toInt();
        }
    }
}

void TestCoreHash::hashMatchesKamailioSamples()
{
    QFETCH(QString, callId);
    QFETCH(int, hEntry);
    const QByteArray utf8 = callId.toUtf8();
    QCOMPARE(
        kamailioCoreHash(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())), 4096),
        static_cast<std::uint32_t>(hEntry));
}

void TestCoreHash::hashEdgeCases()
{
    // Empty string: one zero word added → h stays 0.
    QCOMPARE(kamailioCoreHash("", 4096), 0u);
    // Lengths 1..8 cover every remainder branch; values computed by hand from the algorithm.
    const std::uint32_t a = kamailioCoreHash("a", 0);
    std::uint32_t h = 0x61u ^ (0x61u >> 3);
    h = (h + (h >> 11)) + ((h >> 13) + (h >> 23));
    QCOMPARE(a, h);
    const std::uint32_t abcd = kamailioCoreHash("abcd", 0);
    std::uint32_t v = 0x61626364u;
    h = v ^ (v >> 3);
    h += 0; // the leftover word is 0 and still added once
    h = (h + (h >> 11)) + ((h >> 13) + (h >> 23));
    QCOMPARE(abcd, h);
    QCOMPARE(kamailioCoreHash("abcd", 4096), h & 4095u);
}

void TestCoreHash::hashSignedBytes()
{
    // Kamailio reads through a signed char: 0xFF contributes 0xFFFFFFFF, not 0xFF.
    std::uint32_t v = 0xFFFFFFFFu;
    std::uint32_t h = v ^ (v >> 3);
    h = (h + (h >> 11)) + ((h >> 13) + (h >> 23));
    QCOMPARE(kamailioCoreHash("\xff", 0), h);
}

void TestCoreHash::powerOfTwo()
{
    QCOMPARE(roundDownToPowerOfTwo(4096), 4096u);
    QCOMPARE(roundDownToPowerOfTwo(5000), 4096u);
    QCOMPARE(roundDownToPowerOfTwo(1), 1u);
    QCOMPARE(roundDownToPowerOfTwo(0), 1u);
    QCOMPARE(roundDownToPowerOfTwo(3), 2u);
}

void TestCoreHash::didRoundTrip_data()
{
    QTest::addColumn<QString>("cookie");
    QTest::addColumn<uint>("hEntry");
    QTest::addColumn<uint>("hId");
    // From the live notes and issue threads quoted in the reference.
    QTest::newRow("db9.0c7") << "db9.0c7" << 2493u << 1984u;
    QTest::newRow("e1e.4f22") << "e1e.4f22" << 3614u << 8948u;
    QTest::newRow("zero") << "0.1" << 0u << 1u;
    QTest::newRow("max") << "ffffffff.ffffffff" << 0xFFFFFFFFu << 0xFFFFFFFFu;
    QTest::newRow("596") << "596.a43" << 1685u << 0x34Au;
}

void TestCoreHash::didRoundTrip()
{
    QFETCH(QString, cookie);
    QFETCH(uint, hEntry);
    QFETCH(uint, hId);
    const std::string text = cookie.toStdString();
    const auto id = DidCodec::decode(text);
    QVERIFY(id.has_value());
    QCOMPARE(id->hEntry, hEntry);
    QCOMPARE(id->hId, hId);
    QCOMPARE(QString::fromStdString(DidCodec::encode(DialogId{hEntry, hId})), cookie);
    // Upper case is accepted on input.
    const auto upper = DidCodec::decode(cookie.toUpper().toStdString());
    QVERIFY(upper.has_value());
    QCOMPARE(upper->hId, hId);
}

void TestCoreHash::didRejectsGarbage_data()
{
    QTest::addColumn<QString>("cookie");
    for (const char *bad : {"", ".", "abc", "1.", ".1", "g.1", "1.2.3", "123456789.1", "1.x", " 1.2"})
    {
        QTest::newRow(bad) << QString::fromLatin1(bad);
    }
}

void TestCoreHash::didRejectsGarbage()
{
    QFETCH(QString, cookie);
    QVERIFY(!DidCodec::decode(cookie.toStdString()).has_value());
}

QTEST_APPLESS_MAIN(TestCoreHash)
#include "tst_corehash.moc"
