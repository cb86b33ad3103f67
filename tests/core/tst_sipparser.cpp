// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <QSet>
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

/** What a fixture must parse to. For error rows only `error` matters. */
struct FixtureExpectation
{
    const char *file;
    const char *error;
    const char *methodOrStatus; // "INVITE" for a request, "200" for a response
    const char *callId;
    const char *fromTag;
    const char *toTag;
    unsigned cseq;
    const char *cseqMethod;
    int bodyLength;
    int maxForwards;
    int vias;
};

constexpr const char *kCid = "a84b4c76e66710@pc33.atlanta.example.com";
constexpr const char *kAlice = "1928301774";
constexpr const char *kBob = "a6c85cf";

const FixtureExpectation kFixtures[] = {
    {"100-trying.sip", "none", "100", kCid, kAlice, "", 314159, "INVITE", 0, -1, 2},
    {"180-ringing.sip", "none", "180", kCid, kAlice, kBob, 314159, "INVITE", 0, -1, 2},
    {"183-progress.sip", "none", "183", kCid, kAlice, kBob, 314159, "INVITE", 188, -1, 2},
    {"200-ok-invite.sip", "none", "200", kCid, kAlice, kBob, 314159, "INVITE", 188, -1, 2},
    {"486-busy.sip", "none", "486", kCid, kAlice, kBob, 314159, "INVITE", 0, -1, 2},
    {"487-terminated.sip", "none", "487", kCid, kAlice, kBob, 314159, "INVITE", 0, -1, 1},
    {"ack.sip", "none", "ACK", kCid, kAlice, kBob, 314159, "ACK", 0, 70, 1},
    {"bare-addr-tag.sip", "none", "SUBSCRIBE", "bare-addr@pc33", "bare-tag-1", "", 1, "SUBSCRIBE", 0, 70, 1},
    {"bare-lf.sip", "none", "BYE", "bare-lf@pc33", kBob, kAlice, 232, "BYE", 0, 70, 1},
    {"bye.sip", "none", "BYE", kCid, kBob, kAlice, 231, "BYE", 0, 70, 1},
    {"cancel.sip", "none", "CANCEL", kCid, kAlice, "", 314159, "CANCEL", 0, 70, 1},
    {"compact.sip", "none", "INVITE", "compact-a84b4c76e66710@pc33.atlanta.example.com", kAlice, "", 1,
     "INVITE", 238, -1, 1},
    {"display-names.sip", "none", "MESSAGE", "display-names@pc33", "dn-1", "", 5, "MESSAGE", 8, 70, 1},
    {"empty-reason.sip", "none", "200", kCid, kAlice, kBob, 314159, "INVITE", 0, -1, 1},
    {"folded.sip", "none", "INVITE", "folded-a84b4c76e66710@pc33.atlanta.example.com", kAlice, "", 7,
     "INVITE", 0, 70, 1},
    {"invite-sdp.sip", "none", "INVITE", kCid, kAlice, "", 314159, "INVITE", 238, 69, 2},
    {"ipv6-via.sip", "none", "INVITE", "ipv6-call@[2001:db8::10]", "v6from", "", 1, "INVITE", 0, 70, 1},
    {"keepalive-prefix.sip", "none", "INFO", kCid, kAlice, kBob, 314170, "INFO", 24, -1, 1},
    {"multi-via-rr.sip", "none", "200", kCid, kAlice, kBob, 314159, "INVITE", 0, -1, 3},
    {"no-content-length.sip", "none", "MESSAGE", "no-content-length@pc33", "ncl", "", 3, "MESSAGE", 29, -1,
     1},
    {"no-final-empty-line.sip", "none", "OPTIONS", "no-final-empty-line@192.0.2.200", "nfel", "", 11,
     "OPTIONS", 0, 70, 1},
    {"notify.sip", "none", "NOTIFY", kCid, kBob, kAlice, 1993402, "NOTIFY", 20, 70, 1},
    {"options.sip", "none", "OPTIONS", "opt-0001@192.0.2.200", "opt-77", "", 10, "OPTIONS", 0, 70, 1},
    {"prack.sip", "none", "PRACK", kCid, kAlice, kBob, 314160, "PRACK", 0, 70, 1},
    {"publish-same-cl.sip", "none", "PUBLISH", "publish-1@pc33", "pub-1", "", 1, "PUBLISH", 6, -1, 1},
    {"refer.sip", "none", "REFER", kCid, kAlice, kBob, 314163, "REFER", 0, 70, 1},
    {"reinvite.sip", "none", "INVITE", kCid, kAlice, kBob, 314161, "INVITE", 238, 70, 1},
    {"trailing-bytes.sip", "none", "REGISTER", "register-1@pc33", "reg-1", "", 1, "REGISTER", 0, -1, 1},
    {"update.sip", "none", "UPDATE", kCid, kAlice, kBob, 314162, "UPDATE", 0, 70, 1},
    {"weird-case.sip", "none", "INVITE", "weird-case@pc33", "WeIrD-1", "", 42, "INVITE", 238, 12, 1},
    {"err-bad-content-length.sip", "bad-content-length", "", "", "", "", 0, "", 0, 0, 0},
    {"err-bad-cseq.sip", "bad-cseq", "", "", "", "", 0, "", 0, 0, 0},
    {"err-bad-header.sip", "bad-header", "", "", "", "", 0, "", 0, 0, 0},
    {"err-bad-start-line.sip", "bad-start-line", "", "", "", "", 0, "", 0, 0, 0},
    {"err-bad-status-code.sip", "bad-status-code", "", "", "", "", 0, "", 0, 0, 0},
    {"err-empty.sip", "empty", "", "", "", "", 0, "", 0, 0, 0},
    {"err-header-too-long.sip", "header-too-long", "", "", "", "", 0, "", 0, 0, 0},
    {"err-missing-call-id.sip", "missing-call-id", "", "", "", "", 0, "", 0, 0, 0},
    {"err-missing-end-of-headers.sip", "missing-end-of-headers", "", "", "", "", 0, "", 0, 0, 0},
    {"err-missing-from.sip", "missing-from", "", "", "", "", 0, "", 0, 0, 0},
    {"err-missing-to.sip", "missing-to", "", "", "", "", 0, "", 0, 0, 0},
    {"err-too-large.sip", "too-large", "", "", "", "", 0, "", 0, 0, 0},
    {"err-too-many-headers.sip", "too-many-headers", "", "", "", "", 0, "", 0, 0, 0},
    {"err-truncated.sip", "truncated", "", "", "", "", 0, "", 0, 0, 0},
};

/** Parses a fixture kept alive by the caller. */
SipParseError parseFixture(const QString &name, QByteArray &storage, SipMessage &m)
{
    storage = siptest::readFixture(name);
    return SipParser::parse(siptest::toView(storage), m);
}

} // namespace

class TestSipParser final : public QObject
{
    Q_OBJECT

private slots:
    void everyFixtureHasExpectations();
    void everyErrorCodeHasAFixture();
    void fixtures_data();
    void fixtures();
    void foldedHeaders();
    void compactForms();
    void listsAndRepeatedHeaders();
    void ipv6Via();
    void displayNames();
    void bareAddrSpecTag();
    void weirdCasing();
    void rawAndBody();
    void namesAndTokens();
    void reuseMessage();
};

void TestSipParser::everyFixtureHasExpectations()
{
    QSet<QString> listed;
    for (const FixtureExpectation &f : kFixtures)
    {
        listed.insert(QString::fromLatin1(f.file));
    }
    const QStringList files = siptest::fixtureNames();
    QVERIFY2(!files.isEmpty(), qPrintable(siptest::fixtureDir()));
    for (const QString &file : files)
    {
        QVERIFY2(listed.contains(file), qPrintable(u"no expectation for "_s + file));
    }
    QCOMPARE(listed.size(), files.size());
}

void TestSipParser::everyErrorCodeHasAFixture()
{
    QSet<QString> names;
    for (const FixtureExpectation &f : kFixtures)
    {
        names.insert(QString::fromLatin1(f.error));
    }
    for (int code = 0; code <= static_cast<int>(SipParseError::TooLarge); ++code)
    {
        const QString name = errorName(static_cast<SipParseError>(code));
        QVERIFY2(names.contains(name), qPrintable(name));
    }
    QCOMPARE(errorName(static_cast<SipParseError>(200)), u"unknown"_s);
}

void TestSipParser::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("methodOrStatus");
    QTest::addColumn<QByteArray>("callId");
    QTest::addColumn<QByteArray>("fromTag");
    QTest::addColumn<QByteArray>("toTag");
    QTest::addColumn<uint>("cseq");
    QTest::addColumn<QByteArray>("cseqMethod");
    QTest::addColumn<int>("bodyLength");
    QTest::addColumn<int>("maxForwards");
    QTest::addColumn<int>("vias");
    for (const FixtureExpectation &f : kFixtures)
    {
        QTest::addRow("%s", f.file) << QString::fromLatin1(f.file) << QString::fromLatin1(f.error)
                                    << QString::fromLatin1(f.methodOrStatus) << QByteArray(f.callId)
                                    << QByteArray(f.fromTag) << QByteArray(f.toTag) << f.cseq
                                    << QByteArray(f.cseqMethod) << f.bodyLength << f.maxForwards << f.vias;
    }
}

void TestSipParser::fixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    QByteArray data;
    SipMessage m;
    const SipParseError result = parseFixture(file, data, m);
    QVERIFY2(!data.isEmpty(), qPrintable(file));
    QCOMPARE(errorName(result), error);
    if (result != SipParseError::None)
    {
        return;
    }
    QFETCH(QString, methodOrStatus);
    QFETCH(QByteArray, callId);
    QFETCH(QByteArray, fromTag);
    QFETCH(QByteArray, toTag);
    QFETCH(uint, cseq);
    QFETCH(QByteArray, cseqMethod);
    QFETCH(int, bodyLength);
    QFETCH(int, maxForwards);
    QFETCH(int, vias);

    bool isNumber = false;
    const int status = methodOrStatus.toInt(&isNumber);
    QCOMPARE(m.isResponse(), isNumber);
    if (isNumber)
    {
        QCOMPARE(m.statusCode(), status);
        QCOMPARE(m.method(), SipMethod::Other);
    }
    else
    {
        QCOMPARE(QString::fromLatin1(bytes(m.methodText())), methodOrStatus);
        QCOMPARE(m.method(), sipMethodFromToken(m.methodText()));
        QVERIFY(m.method() != SipMethod::Other);
        QVERIFY(!m.requestUri().empty());
    }
    QCOMPARE(bytes(m.callId()), callId);
    QCOMPARE(bytes(m.from().tag), fromTag);
    QCOMPARE(bytes(m.to().tag), toTag);
    QCOMPARE(m.cseq().number, cseq);
    QCOMPARE(bytes(m.cseq().methodText), cseqMethod);
    QCOMPARE(int(m.body().size()), bodyLength);
    QCOMPARE(m.maxForwards(), maxForwards);
    QCOMPARE(viaEntries(m), vias);
    QVERIFY(siptest::within(siptest::toView(data), m.raw()));
    QVERIFY(m.raw().substr(0, m.startLine().size()) == m.startLine());
    QVERIFY(m.raw().data() + m.raw().size() == m.body().data() + m.body().size());
    if (m.contentLength())
    {
        QCOMPARE(int(*m.contentLength()), bodyLength);
    }
}

void TestSipParser::foldedHeaders()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"folded.sip"_s, data, m), SipParseError::None);
    const std::string_view subject = m.header("Subject");
    QVERIFY(subject.find("\r\n ") != std::string_view::npos);
    std::string unfolded;
    unfoldHeaderValue(subject, unfolded);
    QCOMPARE(QByteArray::fromStdString(unfolded),
             "I know you're there, pick up the phone and talk to me!"_ba);
    SipVia via;
    QVERIFY(parseVia(m.header(SipHeaderId::Via), via));
    QCOMPARE(bytes(via.host), "pc33.atlanta.example.com"_ba);
    QCOMPARE(bytes(via.branch), "z9hG4bKfold1"_ba);
    QCOMPARE(bytes(m.to().display), "Bob"_ba);
    QCOMPARE(bytes(m.to().uri), "sip:bob@biloxi.example.com"_ba);
    QCOMPARE(m.cseq().method, SipMethod::Invite);
    QCOMPARE(m.headerCount(), std::size_t(8));
}

void TestSipParser::compactForms()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"compact.sip"_s, data, m), SipParseError::None);
    QCOMPARE(bytes(m.header(SipHeaderId::Supported)), "timer"_ba);
    QCOMPARE(bytes(m.header(SipHeaderId::Event)), "presence"_ba);
    QCOMPARE(bytes(m.header(SipHeaderId::SessionExpires)), "1800"_ba);
    QCOMPARE(bytes(m.header(SipHeaderId::ReferTo)), "<sip:carol@cleveland.example.org>"_ba);
    QCOMPARE(bytes(m.header(SipHeaderId::ReferredBy)), "<sip:alice@atlanta.example.com>"_ba);
    QCOMPARE(bytes(m.header(SipHeaderId::ContentType)), "application/sdp"_ba);
    QCOMPARE(bytes(m.header(SipHeaderId::Contact)), "<sip:alice@pc33.atlanta.example.com>"_ba);
    QCOMPARE(m.contentLength().value_or(0), 238u);
    // Long names find compact lines and the other way round, also for headers kept as Other.
    QCOMPARE(bytes(m.header("Call-ID")), bytes(m.callId()));
    QCOMPARE(bytes(m.header("Subject")), "Compact subject"_ba);
    QCOMPARE(bytes(m.header("S")), "Compact subject"_ba);
    QCOMPARE(bytes(m.header("allow-events")), "talk"_ba);
    QCOMPARE(bytes(m.header("Content-Encoding")), "identity"_ba);
    QCOMPARE(bytes(m.header("Accept-Contact")), "*;audio"_ba);
    QCOMPARE(bytes(m.header("Reject-Contact")), "*;video"_ba);
    QCOMPARE(bytes(m.header("Request-Disposition")), "proxy"_ba);
    QCOMPARE(bytes(m.header("Identity")), "abc"_ba);
    QCOMPARE(bytes(m.header("Identity-Info")), "<https://example.com/cert>"_ba);
    QCOMPARE(bytes(m.header("X-Not-There")), QByteArray());
    for (const char *other : {"s", "u", "e", "a", "j", "d", "y", "n"})
    {
        QCOMPARE(sipHeaderIdFromName(other), SipHeaderId::Other);
    }
}

void TestSipParser::listsAndRepeatedHeaders()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"multi-via-rr.sip"_s, data, m), SipParseError::None);
    QCOMPARE(m.headerLineCount(SipHeaderId::Via), std::size_t(2));
    QCOMPARE(m.headerLineCount(SipHeaderId::RecordRoute), std::size_t(2));
    QList<QByteArray> routes;
    m.forEachHeader(SipHeaderId::RecordRoute, [&routes](const SipHeader &h) {
        forEachHeaderEntry(h.value, [&routes](std::string_view e) {
            SipNameAddr a;
            if (parseNameAddr(e, a))
            {
                routes.append(bytes(a.uri));
            }
            return true;
        });
    });
    QCOMPARE(routes, QList<QByteArray>({"sip:192.0.2.3;lr"_ba, "sip:192.0.2.2;lr;transport=tcp"_ba,
                                        "sip:192.0.2.1;lr;ftag=1928301774;did=a37.e89"_ba}));
    QList<QByteArray> contacts;
    forEachHeaderEntry(m.header(SipHeaderId::Contact), [&contacts](std::string_view e) {
        SipNameAddr a;
        QVERIFY(parseNameAddr(e, a));
        contacts.append(bytes(a.display) + '|' + bytes(a.uri) + '|' + bytes(a.params));
    });
    QCOMPARE(contacts, QList<QByteArray>(
                           {"|sip:bob@192.0.2.4|;expires=60"_ba, "Bob, mobile|sip:bob@192.0.2.5|;q=0.5"_ba}));
    QList<QByteArray> branches;
    m.forEachHeader(SipHeaderId::Via, [&branches](const SipHeader &h) {
        forEachHeaderEntry(h.value, [&branches](std::string_view e) {
            SipVia via;
            QVERIFY(parseVia(e, via));
            branches.append(bytes(via.branch));
        });
    });
    QCOMPARE(branches, QList<QByteArray>({"z9hG4bK3"_ba, "z9hG4bK2"_ba, "z9hG4bK1"_ba}));
}

void TestSipParser::ipv6Via()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"ipv6-via.sip"_s, data, m), SipParseError::None);
    SipVia via;
    QVERIFY(parseVia(m.header(SipHeaderId::Via), via));
    QCOMPARE(bytes(via.protocol), "SIP/2.0/TCP"_ba);
    QCOMPARE(bytes(via.transport), "TCP"_ba);
    QCOMPARE(bytes(via.host), "[2001:db8::10]"_ba);
    QCOMPARE(via.port, std::uint16_t(5062));
    QCOMPARE(bytes(via.received), "2001:db8::99"_ba);
    QCOMPARE(bytes(via.rport), "5062"_ba);
    QCOMPARE(bytes(uriHost(m.requestUri())), "[2001:db8::20]"_ba);
    QCOMPARE(bytes(uriHost(m.from().uri)), "[2001:db8::10]"_ba);
    QCOMPARE(bytes(uriUser(m.from().uri)), "alice"_ba);
}

void TestSipParser::displayNames()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"display-names.sip"_s, data, m), SipParseError::None);
    QCOMPARE(bytes(m.from().display), R"(Alice \"The Boss\" Smith)"_ba);
    QCOMPARE(bytes(m.from().uri), "sip:alice@atlanta.example.com"_ba);
    QCOMPARE(bytes(m.to().display), "Bob Smith"_ba);
    QCOMPARE(bytes(m.body()), "Hi Bob\r\n"_ba);
}

void TestSipParser::bareAddrSpecTag()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"bare-addr-tag.sip"_s, data, m), SipParseError::None);
    // RFC 3261 §20.10: without brackets, parameters after the URI belong to the header.
    QCOMPARE(bytes(m.from().uri), "sip:alice@atlanta.example.com"_ba);
    QCOMPARE(bytes(m.from().params), ";tag=bare-tag-1;x=y"_ba);
    QCOMPARE(bytes(m.from().display), QByteArray());
    QCOMPARE(bytes(m.to().uri), "sip:bob@biloxi.example.com"_ba);
    QCOMPARE(bytes(m.to().tag), QByteArray());
}

void TestSipParser::weirdCasing()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"weird-case.sip"_s, data, m), SipParseError::None);
    QCOMPARE(bytes(m.header("CALL-ID")), "weird-case@pc33"_ba);
    QCOMPARE(bytes(m.header("call-id")), "weird-case@pc33"_ba);
    QCOMPARE(bytes(m.header("i")), "weird-case@pc33"_ba);
    QCOMPARE(bytes(m.header(SipHeaderId::ContentType)), "application/sdp"_ba);
    QCOMPARE(m.headerAt(3).id, SipHeaderId::CallId);
    QCOMPARE(bytes(m.headerAt(3).name), "cALL-iD"_ba);
    SipVia via;
    QVERIFY(parseVia(m.header(SipHeaderId::Via), via));
    QCOMPARE(bytes(via.transport), "udp"_ba);
    QCOMPARE(bytes(via.branch), "z9hG4bKweird"_ba);
}

void TestSipParser::rawAndBody()
{
    QByteArray data;
    SipMessage m;
    QCOMPARE(parseFixture(u"trailing-bytes.sip"_s, data, m), SipParseError::None);
    QVERIFY(data.endsWith("GARBAGE-AFTER-THE-MESSAGE"));
    QCOMPARE(m.raw().size(), std::size_t(data.size() - 25));
    QVERIFY(m.body().empty());

    QCOMPARE(parseFixture(u"keepalive-prefix.sip"_s, data, m), SipParseError::None);
    QVERIFY(data.startsWith("\r\n\r\n"));
    QCOMPARE(bytes(m.raw()), data.mid(4));
    QCOMPARE(bytes(m.body()), "Signal=5\r\nDuration=160\r\n"_ba);

    QCOMPARE(parseFixture(u"no-content-length.sip"_s, data, m), SipParseError::None);
    QVERIFY(!m.contentLength());
    QCOMPARE(bytes(m.body()), "Body without Content-Length\r\n"_ba);
    QCOMPARE(bytes(m.raw()), data);

    QCOMPARE(parseFixture(u"no-final-empty-line.sip"_s, data, m), SipParseError::None);
    QVERIFY(data.endsWith("Content-Length: 0\r\n"));
    QCOMPARE(bytes(m.raw()), data);
    QVERIFY(m.body().empty());
}

void TestSipParser::namesAndTokens()
{
    for (int code = 0; code <= static_cast<int>(SipMethod::Publish); ++code)
    {
        const auto method = static_cast<SipMethod>(code);
        QCOMPARE(sipMethodFromToken(sipMethodToken(method)), method);
    }
    QCOMPARE(sipMethodFromToken("invite"), SipMethod::Other); // case-sensitive (RFC 3261 §7.1)
    QCOMPARE(sipMethodFromToken("INVITEX"), SipMethod::Other);
    QCOMPARE(sipMethodFromToken(""), SipMethod::Other);
    QVERIFY(sipMethodToken(SipMethod::Other).empty());

    QSet<QString> names;
    for (int code = 0; code <= static_cast<int>(SipParseError::TooLarge); ++code)
    {
        names.insert(errorName(static_cast<SipParseError>(code)));
    }
    QCOMPARE(names.size(), static_cast<int>(SipParseError::TooLarge) + 1);

    for (int code = 1; code <= static_cast<int>(SipHeaderId::SessionExpires); ++code)
    {
        const auto id = static_cast<SipHeaderId>(code);
        const std::string name(sipHeaderName(id));
        QVERIFY(!name.empty());
        QCOMPARE(sipHeaderIdFromName(name), id);
        QCOMPARE(sipHeaderIdFromName(QByteArray::fromStdString(name).toUpper().toStdString()), id);
        QCOMPARE(sipHeaderIdFromName(QByteArray::fromStdString(name).toLower().toStdString()), id);
        QCOMPARE(sipHeaderIdFromName(name + "x"), SipHeaderId::Other);
    }
    QCOMPARE(sipHeaderIdFromName("Call\rID"), SipHeaderId::Other);
    QCOMPARE(sipHeaderIdFromName(""), SipHeaderId::Other);
    QCOMPARE(sipHeaderIdFromName("X-Via"), SipHeaderId::Other);
}

void TestSipParser::reuseMessage()
{
    // One SipMessage reused for many packets (as the engine does): nothing leaks from the
    // previous packet into the next one.
    QByteArray first;
    QByteArray second;
    SipMessage m;
    QCOMPARE(parseFixture(u"invite-sdp.sip"_s, first, m), SipParseError::None);
    QCOMPARE(parseFixture(u"100-trying.sip"_s, second, m), SipParseError::None);
    QVERIFY(m.isResponse());
    QVERIFY(m.methodText().empty());
    QVERIFY(m.requestUri().empty());
    QCOMPARE(m.maxForwards(), -1);
    QCOMPARE(m.headerCount(), std::size_t(8));
    QVERIFY(m.header(SipHeaderId::RecordRoute).empty());
    QVERIFY(siptest::within(siptest::toView(second), m.raw()));
    QCOMPARE(parseFixture(u"err-missing-call-id.sip"_s, second, m), SipParseError::MissingCallId);
    QVERIFY(m.callId().empty());
}

QTEST_APPLESS_MAIN(TestSipParser)
#include "tst_sipparser.moc"
