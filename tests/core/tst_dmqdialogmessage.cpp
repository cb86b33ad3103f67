// SPDX-License-Identifier: GPL-3.0-or-later
// Dialog-channel bodies of Kamailio's DMQ: every body captured from 5.6.3 (kamailio-dmq-5.6.md §3)
// field by field, the newer form (last_modified, iflags), each refusal with a body that causes
// it, unknown keys skipped, and format -> parse round trips in 5.6.3's exact key order.
#include <string>
#include <vector>

#include <QTest>

#include "backend/core/dmqdialogmessage.h"

using namespace calldeck::core;

namespace
{

using Profiles = std::vector<std::pair<std::string, std::optional<std::string>>>;
using Vars = std::vector<std::pair<std::string, std::string>>;

const char *const Update1 =
    "{\"action\":1,\"h_entry\":1335,\"h_id\":13991,\"init_ts\":1795752012,\"callid\":\"1-20320@127.0.0.1\","
    "\"from_uri\":\"sip:sipp@127.0.0.1:5101\",\"to_uri\":\"sip:bob@127.0.0.1:5060\",\"req_uri\":\"sip:bob@"
    "127.0.0.1:5060\",\"tag1\":\"20320SIPpTag001\",\"cseq1\":\"1\",\"route_set1\":\"\",\"contact1\":\"sip:"
    "sipp@127.0.0.1:5101\",\"vars\":{\"acct\":\"1001\",\"team\":\"blue\"},\"profiles\":\"{\\\"profiles\\\":[{"
    "\\\"name\\\":\\\"trunk\\\",\\\"value\\\":\\\"pbx1\\\",\\\"puid\\\":\\\"dlgp-6b09004c-4f2c-3\\\"},{"
    "\\\"name\\\":\\\"caller\\\",\\\"value\\\":\\\"sipp\\\",\\\"puid\\\":\\\"dlgp-6b09004c-4f2c-2\\\"},{"
    "\\\"name\\\":\\\"inbound\\\",\\\"puid\\\":\\\"dlgp-6b09004c-4f2c-1\\\"}]}\",\"state\":1}";
const char *const State2 =
    "{\"action\":2,\"h_entry\":1335,\"h_id\":13991,\"state\":2,\"start_ts\":0,\"lifetime\":43200,\"tag1\":"
    "\"20320SIPpTag001\",\"cseq1\":\"1\",\"route_set1\":\"\",\"contact1\":\"sip:sipp@127.0.0.1:5101\"}";
const char *const State4 =
    "{\"action\":2,\"h_entry\":1335,\"h_id\":13991,\"state\":4,\"start_ts\":1795752012,\"lifetime\":43200,"
    "\"tag1\":\"20320SIPpTag001\",\"tag2\":\"20313SIPpTag011\",\"cseq1\":\"1\",\"cseq2\":\"0\",\"route_"
    "set1\":\"\",\"route_set2\":\"\",\"contact1\":\"sip:sipp@127.0.0.1:5101\",\"contact2\":\"sip:127.0.0.1:"
    "5080;transport=UDP\"}";
const char *const State5 = "{\"action\":2,\"h_entry\":3121,\"h_id\":52941,\"state\":5}";
const char *const Remove = "{\"action\":3,\"h_entry\":3121,\"h_id\":52941,\"state\":5}";
const char *const SyncAnswer =
    "{\"action\":1,\"h_entry\":37,\"h_id\":11642,\"init_ts\":1795751141,\"callid\":\"1-6428@127.0.0.1\","
    "\"from_uri\":\"sip:sipp@127.0.0.1:5102\",\"to_uri\":\"sip:carol@127.0.0.1:5160\",\"req_uri\":\"sip:"
    "carol@127.0.0.1:5160\",\"tag1\":\"6428SIPpTag001\",\"cseq1\":\"1\",\"route_set1\":\"\",\"contact1\":"
    "\"sip:sipp@127.0.0.1:5102\",\"vars\":{\"acct\":\"1002\",\"team\":\"blue\"},\"profiles\":\"{"
    "\\\"profiles\\\":[{\\\"name\\\":\\\"trunk\\\",\\\"value\\\":\\\"pbx2\\\",\\\"puid\\\":\\\"dlgp-6b08fce5-"
    "18e8-3\\\"},{\\\"name\\\":\\\"caller\\\",\\\"value\\\":\\\"sipp\\\",\\\"puid\\\":\\\"dlgp-6b08fce5-18e8-"
    "2\\\"},{\\\"name\\\":\\\"inbound\\\",\\\"puid\\\":\\\"dlgp-6b08fce5-18e8-1\\\"}]}\",\"state\":4,\"start_"
    "ts\":1795751141,\"lifetime\":43200,\"tag1\":\"6428SIPpTag001\",\"tag2\":\"6414SIPpTag012\",\"cseq1\":"
    "\"1\",\"cseq2\":\"0\",\"route_set1\":\"\",\"route_set2\":\"\",\"contact1\":\"sip:sipp@127.0.0.1:5102\","
    "\"contact2\":\"sip:127.0.0.1:5080;transport=UDP\"}";

DmqDialogMessage parsedOk(const char *body)
{
    const DmqParseResult r = parseDmqDialogBody(body);
    if (r.error != DmqBodyError::None)
    {
        qWarning("%s: %s", dmqBodyErrorName(r.error).data(), r.detail.c_str());
    }
    [&] { QCOMPARE(r.error, DmqBodyError::None); }();
    return r.message;
}

std::optional<std::string> s(const char *v)
{
    return std::string(v);
}

std::optional<std::uint32_t> n(std::uint32_t v)
{
    return v;
}

} // namespace

class TestDmqDialogMessage final : public QObject
{
    Q_OBJECT

private slots:
    void update1()
    {
        const DmqDialogMessage m = parsedOk(Update1);
        QCOMPARE(m.action, DmqAction::Update);
        QCOMPARE(m.hEntry, 1335u);
        QCOMPARE(m.hId, 13991u);
        QCOMPARE(m.initTs, n(1795752012));
        QCOMPARE(m.callId, s("1-20320@127.0.0.1"));
        QCOMPARE(m.fromUri, s("sip:sipp@127.0.0.1:5101"));
        QCOMPARE(m.toUri, s("sip:bob@127.0.0.1:5060"));
        QCOMPARE(m.reqUri, s("sip:bob@127.0.0.1:5060"));
        QCOMPARE(m.tag1, s("20320SIPpTag001"));
        QCOMPARE(m.cseq1, s("1"));
        QCOMPARE(m.routeSet1, s(""));
        QCOMPARE(m.contact1, s("sip:sipp@127.0.0.1:5101"));
        QVERIFY(m.hasVars);
        QVERIFY((m.vars == Vars{{"acct", "1001"}, {"team", "blue"}}));
        QVERIFY(m.hasProfiles);
        QVERIFY((m.profiles == Profiles{{"trunk", "pbx1"}, {"caller", "sipp"}, {"inbound", std::nullopt}}));
        QCOMPARE(m.state, n(1));
        QVERIFY(!m.startTs && !m.lifetime && !m.lastModified && !m.iflags);
        QVERIFY(!m.tag2 && !m.cseq2 && !m.routeSet2 && !m.contact2);
        // 5.6.3's key order exactly, except the puid we do not keep.
        std::string expected = Update1;
        for (const char *suffix : {"3", "2", "1"})
        {
            const std::string puid = ",\\\"puid\\\":\\\"dlgp-6b09004c-4f2c-" + std::string(suffix) + "\\\"";
            expected.erase(expected.find(puid), puid.size());
        }
        QCOMPARE(formatDmqDialogBody(m), expected);
    }

    void states()
    {
        DmqDialogMessage m = parsedOk(State2);
        QCOMPARE(m.action, DmqAction::State);
        QCOMPARE(m.state, n(2));
        QCOMPARE(m.startTs, n(0));
        QCOMPARE(m.lifetime, n(43200));
        QCOMPARE(m.tag1, s("20320SIPpTag001"));
        QCOMPARE(m.contact1, s("sip:sipp@127.0.0.1:5101"));
        QVERIFY(!m.tag2 && !m.callId && !m.hasVars && !m.hasProfiles && !m.initTs);
        QCOMPARE(formatDmqDialogBody(m), std::string(State2));

        m = parsedOk(State4);
        QCOMPARE(m.state, n(4));
        QCOMPARE(m.startTs, n(1795752012));
        QCOMPARE(m.tag2, s("20313SIPpTag011"));
        QCOMPARE(m.cseq2, s("0"));
        QCOMPARE(m.routeSet2, s(""));
        QCOMPARE(m.contact2, s("sip:127.0.0.1:5080;transport=UDP"));
        QCOMPARE(formatDmqDialogBody(m), std::string(State4));

        m = parsedOk(State5);
        QCOMPARE(m.action, DmqAction::State);
        QCOMPARE(m.hEntry, 3121u);
        QCOMPARE(m.hId, 52941u);
        QCOMPARE(m.state, n(5));
        QVERIFY(!m.tag1 && !m.startTs);
        QCOMPARE(formatDmqDialogBody(m), std::string(State5));

        m = parsedOk(Remove);
        QCOMPARE(m.action, DmqAction::Remove);
        QCOMPARE(m.state, n(5));
        QCOMPARE(formatDmqDialogBody(m), std::string(Remove));
    }

    void syncAnswerWithDuplicateKeys()
    {
        const DmqDialogMessage m = parsedOk(SyncAnswer);
        QCOMPARE(m.action, DmqAction::Update);
        QCOMPARE(m.hEntry, 37u);
        QCOMPARE(m.hId, 11642u);
        QCOMPARE(m.state, n(4));
        QCOMPARE(m.startTs, n(1795751141));
        QCOMPARE(m.tag1, s("6428SIPpTag001"));
        QCOMPARE(m.tag2, s("6414SIPpTag012"));
        QCOMPARE(m.contact2, s("sip:127.0.0.1:5080;transport=UDP"));
        QVERIFY((m.profiles == Profiles{{"trunk", "pbx2"}, {"caller", "sipp"}, {"inbound", std::nullopt}}));
        // The formatter repeats the caller leg in the STATE part, as 5.6.3 does.
        const std::string body = formatDmqDialogBody(m);
        QCOMPARE(body.substr(0, body.find("\"profiles\"")),
                 std::string(SyncAnswer).substr(0, std::string_view(SyncAnswer).find("\"profiles\"")));
        QCOMPARE(body.substr(body.find(",\"state\"")),
                 std::string(SyncAnswer).substr(std::string_view(SyncAnswer).find(",\"state\"")));

        // Duplicates: the last value wins.
        const DmqDialogMessage d =
            parsedOk(R"({"action":2,"h_entry":1,"h_id":2,"tag1":"a","state":2,"tag1":"b"})");
        QCOMPARE(d.tag1, s("b"));
    }

    void sync()
    {
        const DmqDialogMessage m = parsedOk(R"({"action":4})");
        QCOMPARE(m.action, DmqAction::Sync);
        QCOMPARE(m.hEntry, 0u);
        QVERIFY(!m.state);
        QCOMPARE(formatDmqDialogBody(m), std::string(R"({"action":4})"));
    }

    void newerForm()
    {
        // kamailio-dialog.md §9.2: last_modified always, iflags in UPDATE, lifetime for state 1.
        const char *body =
            R"({"action":1,"h_entry":1685,"h_id":9485,"last_modified":1700000000,)"
            R"("init_ts":1700000000,"iflags":3,"callid":"abc","from_uri":"sip:a@x","to_uri":"sip:b@x",)"
            R"("req_uri":"sip:b@10.0.0.2","tag1":"ft","cseq1":"1","route_set1":"",)"
            R"("contact1":"sip:a@10.0.0.5","vars":{"acct":"42"},)"
            "\"profiles\":\"{\\\"profiles\\\":[{\\\"name\\\":\\\"caller\\\",\\\"value\\\":\\\"a\\\"}]}\","
            R"("state":1,"lifetime":43200})";
        const DmqDialogMessage m = parsedOk(body);
        QCOMPARE(m.lastModified, n(1700000000));
        QCOMPARE(m.iflags, n(3));
        QCOMPARE(m.lifetime, n(43200));
        QCOMPARE(m.state, n(1));
        QCOMPARE(formatDmqDialogBody(m), std::string(body));
        const DmqDialogMessage rm =
            parsedOk(R"({"action":3,"h_entry":1,"h_id":2,"last_modified":7,"state":5})");
        QCOMPARE(rm.lastModified, n(7));
    }

    void unknownKeysIgnored()
    {
        const DmqDialogMessage m = parsedOk(
            R"({"x":{"a":[1,{"b":null}],"c":"d"},"action":2,"y":[[],{}],"h_entry":5,"z":true,"h_id":6,"state":4,"w":-1.5e3,"v":null})");
        QCOMPARE(m.action, DmqAction::State);
        QCOMPARE(m.hEntry, 5u);
        QCOMPARE(m.hId, 6u);
        QCOMPARE(m.state, n(4));
        // Whole numbers written otherwise, and numbers at the limits.
        const DmqDialogMessage big = parsedOk(R"({"action":2.0,"h_entry":4294967295,"h_id":0,"state":4e0})");
        QCOMPARE(big.hEntry, 4294967295u);
        QCOMPARE(big.state, n(4));
        // Whitespace and Kamailio's pretty format.
        QCOMPARE(parsedOk("\r\n\t{ \"action\" : 4 }\n").action, DmqAction::Sync);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("error");
        QTest::addColumn<QByteArray>("detail");
        const auto row = [](const char *name, const char *body, DmqBodyError e, const char *detail) {
            QTest::newRow(name) << QByteArray(body) << int(e) << QByteArray(detail);
        };
        row("empty", "", DmqBodyError::Empty, "empty");
        row("blank", " \r\n", DmqBodyError::Empty, "empty");
        row("not json", "{\"action\":1,", DmqBodyError::Malformed, "not JSON");
        row("garbage", "KDMQ", DmqBodyError::Malformed, "not JSON");
        row("trailing", R"({"action":4} {})", DmqBodyError::Malformed, "not JSON");
        row("bad json after a type error", R"({"h_id":"5",})", DmqBodyError::Malformed, "not JSON");
        row("array", "[1,2]", DmqBodyError::NotObject, "an array");
        row("string", "\"x\"", DmqBodyError::NotObject, "a string");
        row("no action", R"({"h_entry":1,"h_id":2})", DmqBodyError::MissingAction, "action");
        row("action 0", R"({"action":0,"h_entry":1,"h_id":2})", DmqBodyError::UnknownAction, "is 0");
        row("action 9", R"({"action":9,"h_entry":1,"h_id":2})", DmqBodyError::UnknownAction, "is 9");
        row("action string", R"({"action":"1","h_entry":1,"h_id":2})", DmqBodyError::WrongType, "\"action\"");
        row("h_id string", R"({"action":3,"h_entry":1,"h_id":"5","state":5})", DmqBodyError::WrongType,
            "\"h_id\" is a string at byte");
        row("state 9", R"({"action":2,"h_entry":1,"h_id":2,"state":9})", DmqBodyError::WrongType, "1 to 5");
        row("state 0", R"({"action":2,"h_entry":1,"h_id":2,"state":0})", DmqBodyError::WrongType, "1 to 5");
        row("negative", R"({"action":2,"h_entry":-1,"h_id":2,"state":2})", DmqBodyError::WrongType, "-1");
        row("2^32", R"({"action":2,"h_entry":1,"h_id":4294967296,"state":2})", DmqBodyError::WrongType,
            "4294967296");
        row("fraction", R"({"action":2,"h_entry":1,"h_id":2,"start_ts":1.5,"state":2})",
            DmqBodyError::WrongType, "start_ts");
        row("lifetime null", R"({"action":2,"h_entry":1,"h_id":2,"state":2,"lifetime":null})",
            DmqBodyError::WrongType, "null");
        row("tag1 number", R"({"action":2,"h_entry":1,"h_id":2,"state":2,"tag1":7})", DmqBodyError::WrongType,
            "\"tag1\" is a number");
        row("callid object", R"({"action":1,"h_entry":1,"h_id":2,"state":1,"callid":{"a":1}})",
            DmqBodyError::WrongType, "an object");
        row("vars array", R"({"action":1,"h_entry":1,"h_id":2,"state":1,"vars":["a"]})",
            DmqBodyError::WrongType, "\"vars\" is an array");
        row("vars value", R"({"action":1,"h_entry":1,"h_id":2,"state":1,"vars":{"a":1}})",
            DmqBodyError::WrongType, "\"vars\" member \"a\"");
        row("profiles object", R"({"action":1,"h_entry":1,"h_id":2,"state":1,"profiles":{"profiles":[]}})",
            DmqBodyError::WrongType, "\"profiles\" is an object");
        row("profiles bad json",
            "{\"action\":1,\"h_entry\":1,\"h_id\":2,\"state\":1,\"profiles\":\"{\\\"profiles\\\":[\"}",
            DmqBodyError::BadProfiles, "not JSON");
        row("profiles empty", R"({"action":1,"h_entry":1,"h_id":2,"state":1,"profiles":""})",
            DmqBodyError::BadProfiles, "profiles");
        row("profiles no list",
            "{\"action\":1,\"h_entry\":1,\"h_id\":2,\"state\":1,\"profiles\":\"{\\\"x\\\":[]}\"}",
            DmqBodyError::BadProfiles, "no \"profiles\" array");
        row("profiles not array",
            "{\"action\":1,\"h_entry\":1,\"h_id\":2,\"state\":1,\"profiles\":\"{\\\"profiles\\\":3}\"}",
            DmqBodyError::BadProfiles, "expected an array");
        row("profile no name",
            "{\"action\":1,\"h_entry\":1,\"h_id\":2,\"state\":1,\"profiles\":\"{\\\"profiles\\\":[{"
            "\\\"value\\\":\\\"a\\\"}]}\"}",
            DmqBodyError::BadProfiles, "no \"name\"");
        row("profile value number",
            "{\"action\":1,\"h_entry\":1,\"h_id\":2,\"state\":1,\"profiles\":\"{\\\"profiles\\\":[{"
            "\\\"name\\\":\\\"a\\\",\\\"value\\\":1}]}\"}",
            DmqBodyError::BadProfiles, "profile value");
        row("no h_id", R"({"action":2,"h_entry":1,"state":2})", DmqBodyError::MissingId, "h_id");
        row("no ids", R"({"action":3,"state":5})", DmqBodyError::MissingId, "h_entry");
    }

    void errors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, error);
        QFETCH(QByteArray, detail);
        const DmqParseResult r =
            parseDmqDialogBody(std::string_view(body.constData(), std::size_t(body.size())));
        QCOMPARE(dmqBodyErrorName(r.error), dmqBodyErrorName(DmqBodyError(error)));
        QVERIFY2(r.detail.find(detail.constData()) != std::string::npos, r.detail.c_str());
    }

    void errorNames()
    {
        QCOMPARE(dmqBodyErrorName(DmqBodyError::None), std::string_view("none"));
        QCOMPARE(dmqBodyErrorName(DmqBodyError::NotObject), std::string_view("not_object"));
        QCOMPARE(dmqBodyErrorName(DmqBodyError::BadProfiles), std::string_view("bad_profiles"));
        QCOMPARE(dmqBodyErrorName(DmqBodyError::MissingId), std::string_view("missing_id"));
    }

    void roundTrip()
    {
        DmqDialogMessage m;
        m.action = DmqAction::Update;
        m.hEntry = 4294967295u;
        m.hId = 7;
        m.state = 2;
        m.initTs = 10;
        m.startTs = 0;
        m.lifetime = 120;
        m.callId = "c\"1\\\n\xc3\xa9";
        m.fromUri = "sip:a@x";
        m.tag1 = "t1";
        m.tag2 = "early-callee-tag"; // not sent by 5.6.3 in state 2: written after the rest
        m.contact2 = "sip:b@y";
        m.hasVars = true;
        m.vars = {{"k", "v\"w"}, {"empty", ""}};
        m.hasProfiles = true;
        m.profiles = {{"p\"1", std::string("v{}")}, {"novalue", std::nullopt}};
        const std::string body = formatDmqDialogBody(m);
        const DmqParseResult r = parseDmqDialogBody(body);
        QCOMPARE(r.error, DmqBodyError::None);
        QVERIFY2(r.message == m, body.c_str());

        // An empty vars object and an empty profile list survive as present.
        DmqDialogMessage e;
        e.action = DmqAction::Update;
        e.state = 1;
        e.hasVars = true;
        e.hasProfiles = true;
        QVERIFY(parseDmqDialogBody(formatDmqDialogBody(e)).message == e);
        for (const char *body2 : {Update1, State2, State4, State5, Remove, SyncAnswer})
        {
            const DmqDialogMessage p = parsedOk(body2);
            QVERIFY2(parsedOk(formatDmqDialogBody(p).c_str()) == p, body2);
        }
    }
};

QTEST_APPLESS_MAIN(TestDmqDialogMessage)
#include "tst_dmqdialogmessage.moc"
