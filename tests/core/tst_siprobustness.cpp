// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdint>
#include <random>
#include <string>

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

/** Every view of a parsed message lies in the packet; every helper runs on it without harm. */
bool checkAndExercise(std::string_view packet, const SipMessage &m)
{
    bool ok = siptest::within(packet, m.raw()) && siptest::within(m.raw(), m.startLine()) &&
              siptest::within(m.raw(), m.body()) && siptest::within(m.raw(), m.callId()) &&
              siptest::within(m.raw(), m.from().uri) && siptest::within(m.raw(), m.to().tag) &&
              siptest::within(m.raw(), m.cseq().methodText) && m.headerCount() <= SipMessage::MaxHeaders &&
              !m.callId().empty();
    std::string scratch;
    for (std::size_t i = 0; i < m.headerCount(); ++i)
    {
        const SipHeader &h = m.headerAt(i);
        ok = ok && siptest::within(m.raw(), h.name) && siptest::within(m.raw(), h.value) && !h.name.empty();
        ok = ok && h.value.size() <= SipMessage::MaxHeaderLength;
        unfoldHeaderValue(h.value, scratch);
        forEachHeaderEntry(h.value, [&](std::string_view entry) {
            ok = ok && siptest::within(h.value, entry);
            SipVia via;
            if (h.id == SipHeaderId::Via && parseVia(entry, via))
            {
                ok = ok && siptest::within(entry, via.host) && siptest::within(entry, via.branch);
            }
            SipNameAddr addr;
            if (parseNameAddr(entry, addr))
            {
                ok = ok && siptest::within(entry, addr.uri) && siptest::within(entry, addr.tag);
                bool found = false;
                findParam(uriParams(addr.uri), "lr", &found);
                uriUser(addr.uri);
                uriHost(addr.uri);
            }
        });
    }
    return ok;
}

/** Parses a buffer of the exact size (ASan sees any over-read) and checks the result. */
SipParseError parseExact(const siptest::ExactBuffer &buffer, SipMessage &m, bool &invariantsHold)
{
    const SipParseError e = SipParser::parse(buffer.view(), m);
    invariantsHold = (e != SipParseError::None) || checkAndExercise(buffer.view(), m);
    return e;
}

QByteArray request(const QByteArray &extraHeaders, const QByteArray &body = {}, bool withLength = true)
{
    QByteArray m =
        "INVITE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n"
        "To: <sip:b@h>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n"_ba +
        extraHeaders;
    if (withLength)
    {
        m += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return m + "\r\n" + body;
}

QByteArray fillerHeaders(int count)
{
    QByteArray h;
    for (int i = 0; i < count; ++i)
    {
        h += "X-Filler-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
    }
    return h;
}

} // namespace

class TestSipRobustness final : public QObject
{
    Q_OBJECT

private slots:
    void startLines_data();
    void startLines();
    void inlineMessages_data();
    void inlineMessages();
    void everyPrefix_data();
    void everyPrefix();
    void randomMutations_data();
    void randomMutations();
};

void TestSipRobustness::startLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("reasonOrUri");
    QTest::newRow("200 OK") << "SIP/2.0 200 OK"_ba << u"none"_s << "OK"_ba;
    QTest::newRow("reason with spaces") << "SIP/2.0 486 Busy  Here "_ba << u"none"_s << "Busy  Here"_ba;
    QTest::newRow("no reason, no space") << "SIP/2.0 200"_ba << u"none"_s << QByteArray();
    QTest::newRow("no reason, space") << "SIP/2.0 200 "_ba << u"none"_s << QByteArray();
    QTest::newRow("lower-case version") << "sip/2.0 180 Ringing"_ba << u"none"_s << "Ringing"_ba;
    QTest::newRow("utf-8 reason") << "SIP/2.0 200 D\xc3\xa9j\xc3\xa0 vu"_ba << u"none"_s
                                  << "D\xc3\xa9j\xc3\xa0 vu"_ba;
    QTest::newRow("699") << "SIP/2.0 699 Max"_ba << u"none"_s << "Max"_ba;
    QTest::newRow("700") << "SIP/2.0 700 Too big"_ba << u"bad-status-code"_s << QByteArray();
    QTest::newRow("099") << "SIP/2.0 099 Too small"_ba << u"bad-status-code"_s << QByteArray();
    QTest::newRow("2 digits") << "SIP/2.0 20 OK"_ba << u"bad-status-code"_s << QByteArray();
    QTest::newRow("4 digits") << "SIP/2.0 2000 OK"_ba << u"bad-status-code"_s << QByteArray();
    QTest::newRow("letters") << "SIP/2.0 2x0 OK"_ba << u"bad-status-code"_s << QByteArray();
    QTest::newRow("no code") << "SIP/2.0 "_ba << u"bad-status-code"_s << QByteArray();
    QTest::newRow("SIP/1.0 status") << "SIP/1.0 200 OK"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("version glued") << "SIP/2.0200 OK"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("request") << "INVITE sip:bob@example.com SIP/2.0"_ba << u"none"_s
                             << "sip:bob@example.com"_ba;
    QTest::newRow("extra spaces") << "BYE  sip:b@h  SIP/2.0 "_ba << u"none"_s << "sip:b@h"_ba;
    QTest::newRow("unknown method") << "FOO-BAR sip:b@h SIP/2.0"_ba << u"none"_s << "sip:b@h"_ba;
    QTest::newRow("lower-case version request") << "ACK sip:b@h sip/2.0"_ba << u"none"_s << "sip:b@h"_ba;
    QTest::newRow("SIP/3.0 request") << "INVITE sip:b@h SIP/3.0"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("no version") << "INVITE sip:b@h"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("method only") << "INVITE"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("leading space") << " INVITE sip:b@h SIP/2.0"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("bad method char") << "INV@TE sip:b@h SIP/2.0"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("trailing word") << "INVITE sip:b@h SIP/2.0 x"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("control char") << "INVITE sip:b\x01@h SIP/2.0"_ba << u"bad-start-line"_s << QByteArray();
    QTest::newRow("http") << "GET / HTTP/1.1"_ba << u"bad-start-line"_s << QByteArray();
}

void TestSipRobustness::startLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, error);
    QFETCH(QByteArray, reasonOrUri);
    const QByteArray message =
        line + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
               "Call-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    SipMessage m;
    QCOMPARE(errorName(SipParser::parse(siptest::toView(message), m)), error);
    if (error == u"none"_s)
    {
        QCOMPARE(bytes(m.isRequest() ? m.requestUri() : m.reasonPhrase()), reasonOrUri);
        QCOMPARE(bytes(m.startLine()), line);
    }
}

void TestSipRobustness::inlineMessages_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("error");
    const QString none = u"none"_s;
    const QByteArray ok = request({});
    QTest::newRow("baseline") << ok << none;
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("only CRLF") << "\r\n\r\n"_ba << u"empty"_s;
    QTest::newRow("only whitespace") << " \t \r\n "_ba << u"empty"_s;
    QTest::newRow("leading CRLF") << "\r\n\r\n" + ok << none;

    // Header lines
    // request() has 5 headers plus Content-Length.
    QTest::newRow("128 headers") << request(fillerHeaders(122)) << none;
    QTest::newRow("129 headers") << request(fillerHeaders(123)) << u"too-many-headers"_s;
    QTest::newRow("200 headers") << request(fillerHeaders(194)) << u"too-many-headers"_s;
    QTest::newRow("8192 bytes") << request("Subject: " + QByteArray(8192 - 9, 'x') + "\r\n") << none;
    QTest::newRow("8193 bytes") << request("Subject: " + QByteArray(8193 - 9, 'x') + "\r\n")
                                << u"header-too-long"_s;
    QTest::newRow("too long when folded")
        << request("Subject: " + QByteArray(5000, 'x') + "\r\n " + QByteArray(5000, 'y') + "\r\n")
        << u"header-too-long"_s;
    QTest::newRow("NUL") << request("Subject: a\0b\r\n"_ba) << u"bad-header"_s;
    QTest::newRow("ESC") << request("Subject: a\x1b[1mb\r\n"_ba) << u"bad-header"_s;
    QTest::newRow("DEL") << request("Subject: a\x7f\r\n"_ba) << u"bad-header"_s;
    QTest::newRow("bare CR") << request("Subject: a\rb\r\n"_ba) << u"bad-header"_s;
    QTest::newRow("HT is fine") << request("Subject:\ta\tb\r\n"_ba) << none;
    QTest::newRow("UTF-8 is fine") << request("Subject: D\xc3\xa9j\xc3\xa0\r\n"_ba) << none;
    QTest::newRow("no colon") << request("Subject\r\n"_ba) << u"bad-header"_s;
    QTest::newRow("empty name") << request(": value\r\n"_ba) << u"bad-header"_s;
    QTest::newRow("space in name") << request("Sub ject: x\r\n"_ba) << u"bad-header"_s;
    QTest::newRow("space before colon") << request("Subject \t: x\r\n"_ba) << none;
    QTest::newRow("empty value") << request("Subject:\r\n"_ba) << none;
    QTest::newRow("fold without header")
        << "INVITE sip:b@h SIP/2.0\r\n folded: x\r\n\r\n"_ba << u"bad-header"_s;
    QTest::newRow("CR CR LF empty line") << request({}).replace("\r\n\r\n", "\r\n\r\r\n") << u"bad-header"_s;
    QTest::newRow("bare LF") << QByteArray(ok).replace("\r\n", "\n") << none;
    QTest::newRow("mixed line ends") << QByteArray(ok).replace("To: <sip:b@h>\r\n", "To: <sip:b@h>\n")
                                     << none;

    // End of headers
    QTest::newRow("EOF after CRLF, no length") << request({}, {}, false).chopped(2) << none;
    QTest::newRow("EOF after CRLF, length 0") << ok.chopped(2) << none;
    QTest::newRow("EOF after CRLF, length 5")
        << request("Content-Length: 5\r\n", {}, false).chopped(2) << u"missing-end-of-headers"_s;
    QTest::newRow("EOF after CR") << ok.chopped(3) << u"missing-end-of-headers"_s;
    QTest::newRow("EOF mid-line") << ok.chopped(5) << u"missing-end-of-headers"_s;
    QTest::newRow("EOF in start line") << "INVITE sip:b@h SIP/2.0"_ba << u"missing-end-of-headers"_s;
    QTest::newRow("EOF in name") << "INVITE sip:b@h SIP/2.0\r\nCall"_ba << u"missing-end-of-headers"_s;

    // Content-Length
    QTest::newRow("twice, equal") << request("Content-Length: 4\r\n", "body") << none;
    QTest::newRow("twice, differing") << request("Content-Length: 3\r\n", "body") << u"bad-content-length"_s;
    QTest::newRow("compact l") << request("l: 4\r\n", "body", false) << none;
    QTest::newRow("leading zeros") << request("Content-Length: 0004\r\n", "body", false) << none;
    QTest::newRow("negative") << request("Content-Length: -1\r\n", {}, false) << u"bad-content-length"_s;
    QTest::newRow("two numbers") << request("Content-Length: 1 2\r\n", {}, false) << u"bad-content-length"_s;
    QTest::newRow("empty length") << request("Content-Length:\r\n", {}, false) << u"bad-content-length"_s;
    QTest::newRow("2^32-1") << request("Content-Length: 4294967295\r\n", {}, false) << u"truncated"_s;
    QTest::newRow("2^32") << request("Content-Length: 4294967296\r\n", {}, false) << u"bad-content-length"_s;
    QTest::newRow("one byte short") << request("Content-Length: 5\r\n", "body", false) << u"truncated"_s;
    QTest::newRow("extra bytes ignored") << request("Content-Length: 2\r\n", "body", false) << none;

    // Required headers
    QTest::newRow("empty Call-ID") << QByteArray(ok).replace("Call-ID: c1", "Call-ID:   ")
                                   << u"missing-call-id"_s;
    QTest::newRow("no From") << QByteArray(ok).replace("From:", "X-From:") << u"missing-from"_s;
    QTest::newRow("bad From") << QByteArray(ok).replace("<sip:a@h>;tag=1", "<sip:a@h;tag=1")
                              << u"missing-from"_s;
    QTest::newRow("no To") << QByteArray(ok).replace("To:", "X-To:") << u"missing-to"_s;
    QTest::newRow("bad To") << QByteArray(ok).replace("To: <sip:b@h>", "To: \"b <sip:b@h>")
                            << u"missing-to"_s;
    QTest::newRow("no CSeq") << QByteArray(ok).replace("CSeq:", "X-CSeq:") << u"bad-cseq"_s;
    QTest::newRow("CSeq without method") << QByteArray(ok).replace("1 INVITE\r\n", "1\r\n") << u"bad-cseq"_s;
    QTest::newRow("CSeq 2^32") << QByteArray(ok).replace("1 INVITE\r\n", "4294967296 INVITE\r\n")
                               << u"bad-cseq"_s;
    QTest::newRow("CSeq 2^32-1") << QByteArray(ok).replace("1 INVITE\r\n", "4294967295 INVITE\r\n") << none;

    // Size
    const QByteArray head = request("Content-Type: text/plain\r\nContent-Length: 00000\r\n", {}, false);
    const qsizetype room = SipMessage::MaxMessageSize - head.size();
    QByteArray largest = request("Content-Type: text/plain\r\n", QByteArray(room, 'b'));
    QTest::newRow("65535 bytes") << largest << none;
    QTest::newRow("65535 bytes after keep-alives") << "\r\n\r\n" + largest << none;
    QTest::newRow("65536 bytes") << request("Content-Type: text/plain\r\n", QByteArray(room + 1, 'b'))
                                 << u"too-large"_s;
    QTest::newRow("huge") << QByteArray(1 << 20, 'A') << u"too-large"_s;
}

void TestSipRobustness::inlineMessages()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, error);
    SipMessage m;
    bool invariants = false;
    const siptest::ExactBuffer buffer(siptest::toView(message));
    QCOMPARE(errorName(parseExact(buffer, m, invariants)), error);
    QVERIFY(invariants);
}

void TestSipRobustness::everyPrefix_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("step");
    for (const QString &name : siptest::fixtureNames())
    {
        const QByteArray data = siptest::readFixture(name);
        // The 67 KB fixture is cut every 97 bytes (every byte would cost minutes under ASan).
        QTest::addRow("%s", qPrintable(name)) << data << (data.size() > 20000 ? 97 : 1);
    }
    for (const QString &name : siptest::hepNames())
    {
        const QByteArray datagram = siptest::readFile(siptest::hepDir() + u'/' + name);
        QTest::addRow("hep %s", qPrintable(name)) << siptest::hepPayload(datagram) << 1;
        QTest::addRow("hep %s whole datagram", qPrintable(name)) << datagram << 1;
    }
}

void TestSipRobustness::everyPrefix()
{
    QFETCH(QByteArray, data);
    QFETCH(int, step);
    SipMessage full;
    const SipParseError fullResult = SipParser::parse(siptest::toView(data), full);
    const QByteArray callId = bytes(full.callId());
    const QByteArray fromTag = bytes(full.from().tag);
    const std::uint32_t cseq = full.cseq().number;
    const qsizetype rawEnd =
        full.raw().empty() ? 0 : (full.raw().data() + full.raw().size()) - data.constData();

    SipMessage m;
    for (qsizetype len = 0; len <= data.size(); len += step)
    {
        bool invariants = false;
        const siptest::ExactBuffer buffer(data.constData(), std::size_t(len));
        const SipParseError e = parseExact(buffer, m, invariants);
        QVERIFY2(invariants, qPrintable(u"prefix %1"_s.arg(len)));
        if (e != SipParseError::None || fullResult != SipParseError::None)
        {
            continue;
        }
        // A truncated packet never yields different key fields, nor a short announced body.
        QVERIFY2(bytes(m.callId()) == callId, qPrintable(u"prefix %1"_s.arg(len)));
        QVERIFY2(bytes(m.from().tag) == fromTag, qPrintable(u"prefix %1"_s.arg(len)));
        QVERIFY2(m.cseq().number == cseq, qPrintable(u"prefix %1"_s.arg(len)));
        if (len < rawEnd && full.contentLength())
        {
            // Only the documented exception: a packet that ends right after a header line,
            // announcing no body (no Content-Type, no Content-Length other than 0).
            QVERIFY2(data[len - 1] == '\n' && m.body().empty() && m.contentLength().value_or(0) == 0 &&
                         m.header(SipHeaderId::ContentType).empty(),
                     qPrintable(u"prefix %1 parsed before the message was complete"_s.arg(len)));
        }
    }
}

void TestSipRobustness::randomMutations_data()
{
    QTest::addColumn<QByteArray>("data");
    for (const QString &name : siptest::fixtureNames())
    {
        const QByteArray data = siptest::readFixture(name);
        if (data.size() <= 20000)
        {
            QTest::addRow("%s", qPrintable(name)) << data;
        }
    }
}

void TestSipRobustness::randomMutations()
{
    QFETCH(QByteArray, data);
    // Deterministic: the same seed on every run, so a failure reproduces.
    std::mt19937 rng(static_cast<std::uint32_t>(qHash(data)));
    const QByteArray interesting = "\r\n\t :;,<>\"\\\0\x7f\xff=/[]@"_ba;
    SipMessage m;
    for (int round = 0; round < 400; ++round)
    {
        QByteArray mutated = data;
        const int edits = 1 + int(rng() % 6);
        for (int e = 0; e < edits && !mutated.isEmpty(); ++e)
        {
            const qsizetype at = qsizetype(rng() % std::uint32_t(mutated.size()));
            const char c = (rng() % 2) ? interesting[qsizetype(rng() % std::uint32_t(interesting.size()))]
                                       : char(rng() & 0xFF);
            switch (rng() % 4)
            {
            case 0:
                mutated.insert(at, c);
                break;
            case 1:
                mutated.remove(at, 1 + qsizetype(rng() % 8));
                break;
            default:
                mutated[at] = c;
                break;
            }
        }
        bool invariants = false;
        const siptest::ExactBuffer buffer(siptest::toView(mutated));
        parseExact(buffer, m, invariants);
        QVERIFY2(invariants, mutated.toPercentEncoding().constData());
        SipParseError frameError = SipParseError::None;
        const std::size_t frame = SipParser::frameLength(buffer.view(), frameError);
        QVERIFY(frame <= std::size_t(mutated.size()));
    }
}

QTEST_APPLESS_MAIN(TestSipRobustness)
#include "tst_siprobustness.moc"
