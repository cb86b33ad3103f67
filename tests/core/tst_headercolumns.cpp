// SPDX-License-Identifier: GPL-3.0-or-later
// The header columns: the core keeps the configured headers of each mirror dialog's initial
// INVITE (bounded), shows them in its snapshots, and follows a change of the list while running.
#include "backend/core/dialogengine.h"
#include "backend/core/headercolumns.h"

#include <QTest>

#include <string>

using namespace calldeck::core;

namespace
{

constexpr std::int64_t T0 = 1795747700LL * 1000000;

std::string invite(const std::string &callId, const std::string &extra)
{
    return "INVITE sip:+4930123@gw.example.net SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-" +
           callId +
           "\r\n"
           "From: \"Alice\" <sip:alice@a.example>;tag=f-" +
           callId +
           "\r\n"
           "To: <sip:+4930123@b.example>\r\n"
           "Call-ID: " +
           callId +
           "\r\n"
           "CSeq: 1 INVITE\r\n"
           "Contact: <sip:alice@10.1.2.3>\r\n" +
           extra + "Content-Length: 0\r\n\r\n";
}

PacketMeta meta()
{
    PacketMeta m;
    m.timeUs = T0;
    m.src = Endpoint::ipv4(0x0A010203, 5060);
    m.dst = Endpoint::ipv4(0xC0A80001, 5060);
    return m;
}

DialogConfig config(std::vector<std::string> headers)
{
    DialogConfig c;
    c.headerColumns = std::move(headers);
    return c;
}

/// The headers of the only dialog of @p engine.
HeaderColumns::Pairs headersOfOnly(const DialogEngine &engine)
{
    const std::vector<DialogHandle> all = engine.list();
    return all.size() == 1 ? engine.snapshot(all.front()).headers
                           : HeaderColumns::Pairs{{"?", "not one dialog"}};
}

} // namespace

class TestHeaderColumns final : public QObject
{
    Q_OBJECT

private slots:
    void namesAreBounded();
    void keepsConfiguredHeadersOfTheInvite();
    void valuesAreCutOnACharacterBoundary();
    void nothingIsKeptWithoutColumns();
    void changingTheColumnsKeepsValuesThatStay();
    void restoreKeepsConfiguredHeaders();
};

void TestHeaderColumns::namesAreBounded()
{
    HeaderColumns columns;
    const std::size_t dropped = columns.assign({" P-Asserted-Identity ", "p-asserted-identity", "Bad Name",
                                                "", "X-1", "X-2", "X-3", "X-4", "X-5", "X-6", "X-7", "X-8"});
    // trimmed; the duplicate (any case), the name with a space and the empty one go; 8 at most
    QCOMPARE(dropped, std::size_t(4));
    QCOMPARE(columns.names().size(), HeaderColumns::MaxColumns);
    QCOMPARE(columns.names().front(), std::string("P-Asserted-Identity"));
    QCOMPARE(columns.names().back(), std::string("X-7"));
    QVERIFY(columns.contains("x-3"));
    QVERIFY(!columns.contains("X-8"));

    DialogEngine engine(config({"Diversion", "not a name"}));
    QVERIFY(engine.configError().has_value());
    QCOMPARE(engine.config().headerColumns, std::vector<std::string>{"Diversion"});
}

void TestHeaderColumns::keepsConfiguredHeadersOfTheInvite()
{
    DialogEngine engine(config({"P-Asserted-Identity", "Diversion", "X-Account", "X-Missing"}));
    const std::string text = invite("hc-1@host", "P-Asserted-Identity: <sip:+4930999@a.example>\r\n"
                                                 "Diversion: <sip:100@a.example>;reason=unconditional\r\n"
                                                 "Diversion: <sip:200@a.example>;reason=no-answer\r\n"
                                                 "x-account: acme\r\n"
                                                 " corp\r\n"
                                                 "X-Other: not kept\r\n");
    QCOMPARE(engine.feed(text, meta()).outcome, FeedOutcome::Created);
    const HeaderColumns::Pairs expected{
        {"P-Asserted-Identity", "<sip:+4930999@a.example>"},
        {"Diversion", "<sip:100@a.example>;reason=unconditional, <sip:200@a.example>;reason=no-answer"},
        {"X-Account", "acme corp"}, // any case; the folded line unfolded
    };
    QCOMPARE(headersOfOnly(engine), expected);
    // The dlg.list shape does not change.
    QVERIFY(engine.listJson().find("acme") == std::string::npos);
}

void TestHeaderColumns::valuesAreCutOnACharacterBoundary()
{
    DialogEngine engine(config({"X-Long"}));
    // 255 ASCII bytes, then "é" (2 bytes) across the 256-byte limit: cut before it.
    const std::string value = std::string(255, 'a') + "\xC3\xA9" + std::string(100, 'b');
    engine.feed(invite("hc-2@host", "X-Long: " + value + "\r\n"), meta());
    const HeaderColumns::Pairs headers = headersOfOnly(engine);
    QCOMPARE(headers.size(), std::size_t(1));
    QCOMPARE(headers.front().second, std::string(255, 'a'));
}

void TestHeaderColumns::nothingIsKeptWithoutColumns()
{
    DialogEngine plain;
    const std::string text = invite("hc-3@host", "P-Asserted-Identity: <sip:+4930999@a.example>\r\n");
    plain.feed(text, meta());
    QVERIFY(headersOfOnly(plain).empty());

    // Configured, but absent from the INVITE: no bytes for it.
    DialogEngine absent(config({"X-Absent"}));
    DialogEngine none;
    absent.feed(text, meta());
    none.feed(text, meta());
    QVERIFY(headersOfOnly(absent).empty());
    QCOMPARE(absent.liveStringBytes(), none.liveStringBytes());
}

void TestHeaderColumns::changingTheColumnsKeepsValuesThatStay()
{
    DialogEngine engine(config({"X-A", "X-B"}));
    engine.feed(invite("hc-4@host", "X-A: one\r\nX-B: two\r\nX-C: three\r\n"), meta());
    const std::size_t before = engine.liveStringBytes();

    QCOMPARE(engine.setHeaderColumns({"X-B", "X-C"}), std::size_t(0));
    // X-B keeps its value; X-C was not kept when the INVITE passed; X-A's bytes are freed.
    QCOMPARE(headersOfOnly(engine), (HeaderColumns::Pairs{{"X-B", "two"}}));
    QVERIFY(engine.liveStringBytes() <= before);
    QCOMPARE(engine.config().headerColumns, (std::vector<std::string>{"X-B", "X-C"}));

    // New dialogs keep the new list.
    engine.setHeaderColumns({"X-C"});
    engine.feed(invite("hc-5@host", "X-A: one\r\nX-C: three\r\n"), meta());
    const DialogHandle fresh = engine.find("hc-5@host", "f-hc-5@host", "");
    QCOMPARE(engine.snapshot(fresh).headers, (HeaderColumns::Pairs{{"X-C", "three"}}));
    const DialogHandle old = engine.find("hc-4@host", "f-hc-4@host", "");
    QVERIFY(engine.snapshot(old).headers.empty());
}

void TestHeaderColumns::restoreKeepsConfiguredHeaders()
{
    DialogEngine source(config({"P-Asserted-Identity"}));
    source.feed(invite("hc-6@host", "P-Asserted-Identity: <sip:+4930999@a.example>\r\n"), meta());
    DialogSnapshot row = source.snapshot(source.list().front());
    row.headers.emplace_back("X-Not-Configured", "dropped");

    DialogEngine target(config({"P-Asserted-Identity"}));
    target.advanceTo(T0);
    QVERIFY(bool(target.restore(row)));
    QCOMPARE(headersOfOnly(target),
             (HeaderColumns::Pairs{{"P-Asserted-Identity", "<sip:+4930999@a.example>"}}));
}

QTEST_APPLESS_MAIN(TestHeaderColumns)
#include "tst_headercolumns.moc"
