// SPDX-License-Identifier: GPL-3.0-or-later
// DialogDbRow: a dialog to a row of Kamailio's `dialog` table (v7) and its `dialog_vars` rows and
// back, column by column as the module fills them (reference §8.2–8.4).
#include "backend/core/dialogdbrow.h"

#include <QTest>

using namespace calldeck::core;

namespace
{

DialogSnapshot confirmed()
{
    DialogSnapshot d;
    d.hEntry = 3215;
    d.hId = 7;
    d.callId = "a84b4c76e66710@pc33.example.com";
    d.fromUri = "sip:alice@example.com";
    d.toUri = "sip:bob@example.org";
    d.reqUri = "sip:bob@192.0.2.4:5060";
    d.state = 4;
    d.startTs = 1700000000;
    d.timeout = 1700000000 + 43200;
    d.lifetime = 43200;
    d.sflags = 5;
    d.iflags = 1;
    d.timeoutRoute = "DLG_TIMEOUT";
    d.caller = {"1928301774", "<sip:alice@192.0.2.1:5060>", "101", "<sip:p1.example.com;lr>",
                "udp:10.0.0.1:5060"};
    d.callee = {"a6c85cf", "<sip:bob@192.0.2.4>", "7", "", "tcp:10.0.0.1:5060"};
    d.profiles = {{"caller", "alice"}, {"inbound", std::nullopt}};
    d.variables = {{"account", "42"}, {"tenant", "acme"}};
    return d;
}

} // namespace

class TestDialogDbRow final : public QObject
{
    Q_OBJECT

private slots:
    void columns();
    void roundTrip();
    void varRows();
    void emptyAndNull();
    void badXdata();
};

void TestDialogDbRow::columns()
{
    const DialogDbRow row = toDbRow(confirmed());
    QCOMPARE(row.id, 0u);
    QCOMPARE(row.hashEntry, 3215u);
    QCOMPARE(row.hashId, 7u);
    QCOMPARE(row.callid, "a84b4c76e66710@pc33.example.com");
    QCOMPARE(row.fromTag, "1928301774");
    QCOMPARE(row.toTag, std::optional<std::string>("a6c85cf"));
    QCOMPARE(row.callerCseq, "101");
    QCOMPARE(row.calleeCseq, "7");
    QCOMPARE(row.callerRouteSet, std::optional<std::string>("<sip:p1.example.com;lr>"));
    QVERIFY(!row.calleeRouteSet);
    QCOMPARE(row.callerContact, "<sip:alice@192.0.2.1:5060>");
    QCOMPARE(row.calleeContact, "<sip:bob@192.0.2.4>");
    QCOMPARE(row.callerSock, "udp:10.0.0.1:5060");
    QCOMPARE(row.calleeSock, "tcp:10.0.0.1:5060");
    QCOMPARE(row.state, 4u);
    QCOMPARE(row.startTime, 1700000000u);
    QCOMPARE(row.timeout, 1700043200u); // absolute
    QCOMPARE(row.sflags, 5u);
    QCOMPARE(row.iflags, 1u);
    QCOMPARE(row.torouteName, std::optional<std::string>("DLG_TIMEOUT"));
    QCOMPARE(row.reqUri, "sip:bob@192.0.2.4:5060");
    QCOMPARE(row.xdata, std::optional<std::string>(
                            R"({"profiles":[{"name":"caller","value":"alice"},{"name":"inbound"}]})"));
}

void TestDialogDbRow::roundTrip()
{
    DialogSnapshot d = confirmed();
    const DialogDbRow row = toDbRow(d);
    const std::vector<DialogVarRow> vars = toVarRows(d);
    const Result<DialogSnapshot> back = fromDbRow(row, vars);
    QVERIFY(back.ok());
    QVERIFY(*back == d);
    QVERIFY(toDbRow(*back) == row);

    // What the table has no place for is not carried (ref, init/end, duration, dflags, headers).
    d.ref = 2;
    d.initTs = 1699999990;
    d.endTs = 5;
    d.duration = 12;
    d.dflags = 1;
    d.lastModified = 1700000100;
    d.headers = {{"X-Account", "42"}};
    QVERIFY(toDbRow(d) == row);
    const Result<DialogSnapshot> again = fromDbRow(toDbRow(d), toVarRows(d));
    QVERIFY(again.ok());
    QVERIFY(*again == *back);
}

void TestDialogDbRow::varRows()
{
    const std::vector<DialogVarRow> vars = toVarRows(confirmed());
    QCOMPARE(vars.size(), std::size_t(2));
    QVERIFY((vars[0] == DialogVarRow{3215, 7, "account", "42"}));
    QVERIFY((vars[1] == DialogVarRow{3215, 7, "tenant", "acme"}));

    // Rows of another dialog are not attached.
    std::vector<DialogVarRow> mixed = vars;
    mixed.push_back(DialogVarRow{3215, 8, "other", "x"});
    mixed.push_back(DialogVarRow{1, 7, "other", "y"});
    const Result<DialogSnapshot> back = fromDbRow(toDbRow(confirmed()), mixed);
    QVERIFY(back.ok());
    QCOMPARE(back->variables.size(), std::size_t(2));
}

void TestDialogDbRow::emptyAndNull()
{
    DialogSnapshot d = confirmed();
    d.callee = {};
    d.timeoutRoute.clear();
    d.profiles.clear();
    d.variables.clear();
    const DialogDbRow row = toDbRow(d);
    QVERIFY(!row.toTag); // the module writes NULL for an empty to_tag
    QCOMPARE(row.calleeCseq, "");
    QCOMPARE(row.calleeContact, "");
    QCOMPARE(row.calleeSock, "");
    QVERIFY(!row.torouteName);
    QVERIFY(!row.xdata);
    QVERIFY(!row.calleeRouteSet); // NULL, as the module writes an empty route set
    const Result<DialogSnapshot> back = fromDbRow(row, {});
    QVERIFY(back.ok());
    d.callee.routeSet = ""; // Kamailio lists a reloaded NULL route set as ""
    QVERIFY(*back == d);
}

void TestDialogDbRow::badXdata()
{
    DialogDbRow row = toDbRow(confirmed());
    // Kamailio's own extra keys (puid, expires, flags) are read past.
    row.xdata = R"({"profiles":[{"name":"caller","value":"bob","puid":"1-2-3","expires":10,"flags":1}]})";
    Result<DialogSnapshot> back = fromDbRow(row, {});
    QVERIFY(back.ok());
    QCOMPARE(back->profiles.size(), std::size_t(1));
    QCOMPARE(back->profiles[0].second, std::optional<std::string>("bob"));
    for (const char *bad : {"{", "[]", R"({"profiles":[{"value":"x"}]})", R"({"profiles":[1]})", "{} x"})
    {
        row.xdata = bad;
        back = fromDbRow(row, {});
        QVERIFY2(!back.ok(), bad);
        QVERIFY(back.error().code == Error::Code::Malformed);
    }
}

QTEST_APPLESS_MAIN(TestDialogDbRow)
#include "tst_dialogdbrow.moc"
