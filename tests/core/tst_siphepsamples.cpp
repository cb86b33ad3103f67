// SPDX-License-Identifier: GPL-3.0-or-later
// The 13 real HEPv3 datagrams of one call through Kamailio (tests/data/samples/hep): the SIP
// payload of each is cut out here, parsed, and checked against DECODED.txt and the call flow.
#include <QRegularExpression>
#include <QTest>

#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"
#include "siptestsupport.h"

using namespace calldeck::core;
using namespace Qt::StringLiterals;

namespace
{

QByteArray bytes(std::string_view v)
{
    return siptest::toBytes(v);
}

QString errorName(SipParseError e)
{
    return QString::fromLatin1(bytes(sipParseErrorName(e)));
}

/** Number of Via entries over all Via lines (comma lists split). */
int viaEntries(const SipMessage &m)
{
    int n = 0;
    m.forEachHeader(SipHeaderId::Via, [&n](const SipHeader &h) {
        forEachHeaderEntry(h.value, [&n](std::string_view) { ++n; });
    });
    return n;
}

} // namespace

class TestSipHepSamples final : public QObject
{
    Q_OBJECT

private slots:
    void payloadExtraction();
    void hepSamples_data();
    void hepSamples();
};

void TestSipHepSamples::payloadExtraction()
{
    QCOMPARE(siptest::hepNames().size(), 13);
    QVERIFY(siptest::hepPayload(QByteArray()).isEmpty());
    QVERIFY(siptest::hepPayload("HEP2\x00\x10"_ba).isEmpty());
    // A chunk whose length runs past the datagram is rejected, not read.
    QVERIFY(siptest::hepPayload("HEP3\x00\x0c\x00\x00\x00\x0f\x00\x40"_ba).isEmpty());
    QCOMPARE(siptest::hepPayload("HEP3\x00\x0f\x00\x00\x00\x0f\x00\x09SIP"_ba), "SIP"_ba);
}

void TestSipHepSamples::hepSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("methodOrStatus");
    QTest::addColumn<uint>("cseq");
    QTest::addColumn<QByteArray>("cseqMethod");
    QTest::addColumn<QByteArray>("toTag");
    QTest::addColumn<int>("vias");
    QTest::addColumn<int>("bodyLength");
    const QByteArray callee = "21643SIPpTag011";
    QTest::newRow("001") << u"001.bin"_s << u"INVITE"_s << 1u << "INVITE"_ba << QByteArray() << 1 << 129;
    QTest::newRow("002") << u"002.bin"_s << u"100"_s << 1u << "INVITE"_ba << QByteArray() << 1 << 0;
    QTest::newRow("003") << u"003.bin"_s << u"INVITE"_s << 1u << "INVITE"_ba << QByteArray() << 2 << 129;
    QTest::newRow("004") << u"004.bin"_s << u"180"_s << 1u << "INVITE"_ba << callee << 2 << 0;
    QTest::newRow("005") << u"005.bin"_s << u"180"_s << 1u << "INVITE"_ba << callee << 1 << 0;
    QTest::newRow("006") << u"006.bin"_s << u"200"_s << 1u << "INVITE"_ba << callee << 2 << 129;
    QTest::newRow("007") << u"007.bin"_s << u"200"_s << 1u << "INVITE"_ba << callee << 1 << 129;
    QTest::newRow("008") << u"008.bin"_s << u"ACK"_s << 1u << "ACK"_ba << callee << 1 << 0;
    QTest::newRow("009") << u"009.bin"_s << u"ACK"_s << 1u << "ACK"_ba << callee << 2 << 0;
    QTest::newRow("010") << u"010.bin"_s << u"BYE"_s << 2u << "BYE"_ba << callee << 1 << 0;
    QTest::newRow("011") << u"011.bin"_s << u"BYE"_s << 2u << "BYE"_ba << callee << 2 << 0;
    QTest::newRow("012") << u"012.bin"_s << u"200"_s << 2u << "BYE"_ba << callee << 2 << 0;
    QTest::newRow("013") << u"013.bin"_s << u"200"_s << 2u << "BYE"_ba << callee << 1 << 0;
}

void TestSipHepSamples::hepSamples()
{
    QFETCH(QString, file);
    QFETCH(QString, methodOrStatus);
    QFETCH(uint, cseq);
    QFETCH(QByteArray, cseqMethod);
    QFETCH(QByteArray, toTag);
    QFETCH(int, vias);
    QFETCH(int, bodyLength);

    // DECODED.txt: "   vendor=0 type=15  len=506   payload         INVITE sip:... SIP/2.0"
    const QString decoded = QString::fromUtf8(siptest::readFile(siptest::hepDir() + u"/DECODED.txt"_s));
    const QRegularExpression re(
        QRegularExpression::escape(file) +
        u":[^\\n]*\\n(?:[^\\n]*\\n)*?\\s+vendor=0 type=15\\s+len=(\\d+)\\s+payload\\s+([^\\n]*)"_s);
    const QRegularExpressionMatch match = re.match(decoded);
    QVERIFY2(match.hasMatch(), qPrintable(file));

    const QByteArray payload = siptest::hepPayload(siptest::readFile(siptest::hepDir() + u'/' + file));
    QCOMPARE(payload.size(), match.captured(1).toInt() - 6);
    SipMessage m;
    QCOMPARE(errorName(SipParser::parse(siptest::toView(payload), m)), u"none"_s);
    QCOMPARE(QString::fromUtf8(bytes(m.startLine())), match.captured(2).trimmed());
    QCOMPARE(QString::fromLatin1(m.isRequest() ? bytes(m.methodText()) : QByteArray::number(m.statusCode())),
             methodOrStatus);
    QCOMPARE(bytes(m.callId()), "1-21715@127.0.0.1"_ba);
    QCOMPARE(bytes(m.from().tag), "21715SIPpTag001"_ba);
    QCOMPARE(bytes(m.from().display), "sipp"_ba);
    QCOMPARE(bytes(m.to().tag), toTag);
    QCOMPARE(m.cseq().number, cseq);
    QCOMPARE(bytes(m.cseq().methodText), cseqMethod);
    QCOMPARE(viaEntries(m), vias);
    QCOMPARE(int(m.body().size()), bodyLength);
    QCOMPARE(m.raw().size(), std::size_t(payload.size()));
    SipVia via;
    QVERIFY(parseVia(m.header(SipHeaderId::Via), via));
    QCOMPARE(bytes(via.transport), "UDP"_ba);
    QVERIFY(bytes(via.branch).startsWith("z9hG4bK"));
    if (file == u"003.bin"_s)
    {
        SipNameAddr rr;
        QVERIFY(parseNameAddr(m.header(SipHeaderId::RecordRoute), rr));
        QCOMPARE(bytes(findParam(uriParams(rr.uri), "did")), "a37.e89"_ba);
        QCOMPARE(m.maxForwards(), 69);
    }
}

QTEST_APPLESS_MAIN(TestSipHepSamples)
#include "tst_siphepsamples.moc"
