// SPDX-License-Identifier: GPL-3.0-or-later
// DlgListReader: Kamailio's own dlg.list-style replies (tests/data/samples) read field by field,
// and bad input of every kind read to the right Invalid reason or skipped entry, never a crash.
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <QTest>

#include "backend/core/dlglistreader.h"

using namespace calldeck::core;

namespace
{

std::string sample(const char *name)
{
    std::ifstream in(std::string(CALLDECK_SAMPLES) + "/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Expected
{
    std::uint32_t hEntry;
    std::uint32_t hId;
    const char *callId;
    const char *fromTag;
    const char *toTag;
    std::uint32_t startTs;
    std::int64_t duration;
};

/** The same dialog object with @p members spliced in before its last member. */
std::string dialogWith(const std::string &members)
{
    return R"({"h_entry":1,"h_id":2,"call-id":"c1",)" + members + R"("state":4})";
}

std::string replyWith(const std::string &result)
{
    return R"({"jsonrpc":"2.0","result":)" + result + R"(,"id":7})";
}

} // namespace

class TestDlgListReader final : public QObject
{
    Q_OBJECT

private slots:
    void readsDlgList()
    {
        const DlgListReply r = readDlgListReply(sample("dlg.list.json"));
        QCOMPARE(r.kind, DlgListReply::Kind::Result);
        QCOMPARE(r.id.value_or(-1), 1);
        QVERIFY(r.errors.empty());
        QCOMPARE(r.dialogs.size(), std::size_t(5));
        const DialogSnapshot &d = r.dialogs[0];
        QCOMPARE(d.hEntry, 707u);
        QCOMPARE(d.hId, 8109u);
        QCOMPARE(d.ref, 2u);
        QCOMPARE(d.callId, std::string("3-19005@127.0.0.1"));
        QCOMPARE(d.fromUri, std::string("sip:sipp@127.0.0.1:5070"));
        QCOMPARE(d.toUri, std::string("sip:1000@127.0.0.1:5060"));
        QCOMPARE(d.state, std::uint8_t(4));
        QCOMPARE(d.startTs, 1795747708u);
        QCOMPARE(d.initTs, 1795747708u);
        QCOMPARE(d.endTs, 0u);
        QCOMPARE(d.duration, std::int64_t(2));
        QCOMPARE(d.timeout, 1795790907u);
        QCOMPARE(d.lifetime, 43200u);
        QCOMPARE(d.dflags, 1667u);
        QCOMPARE(d.sflags, 0u);
        QCOMPARE(d.iflags, 0u);
        QCOMPARE(d.caller.tag.value_or("-"), std::string("19005SIPpTag003"));
        QCOMPARE(d.caller.contact.value_or("-"), std::string("sip:sipp@127.0.0.1:5070"));
        QCOMPARE(d.caller.cseq.value_or("-"), std::string("1"));
        QCOMPARE(d.caller.routeSet.value_or("-"), std::string(""));
        QCOMPARE(d.caller.socket.value_or("-"), std::string("udp:127.0.0.1:5060"));
        QCOMPARE(d.callee.tag.value_or("-"), std::string("16269SIPpTag0126"));
        QCOMPARE(d.callee.contact.value_or("-"), std::string("sip:127.0.0.1:5080;transport=UDP"));
        QCOMPARE(d.callee.cseq.value_or("-"), std::string("0"));
        const decltype(d.profiles) profiles = {
            {"trunk", "uas-5080"}, {"caller", "sipp"}, {"inbound", std::nullopt}};
        QVERIFY(d.profiles == profiles);
        const decltype(d.variables) variables = {{"caller", "sipp"}, {"calldeck_tag", "harness"}};
        QVERIFY(d.variables == variables);
        QVERIFY(d.reqUri.empty() && d.timeoutRoute.empty());
    }

    void readsEverySample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("id");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("count");
        QTest::newRow("dlg.list") << "dlg.list.json" << 1 << 0 << 5;
        QTest::newRow("dlg.list_ctx") << "dlg.list_ctx.json" << 2 << 0 << 5;
        QTest::newRow("list_match.callid") << "dlg.list_match.callid.json" << 8 << 5 << 1;
        QTest::newRow("list_match.limit2") << "dlg.list_match.start_ts_limit2.json" << 12 << 6 << 2;
        QTest::newRow("profile_list.caller") << "dlg.profile_list.caller_sipp.json" << 16 << 8 << 3;
        QTest::newRow("profile_list.inbound") << "dlg.profile_list.inbound.json" << 14 << 11 << 3;
        QTest::newRow("did-pair") << "did-pair.dlg.list.json" << 1 << 14 << 3;
    }

    void readsEverySample()
    {
        static const Expected all[] = {
            {707, 8109, "3-19005@127.0.0.1", "19005SIPpTag003", "16269SIPpTag0126", 1795747708, 2},
            {2246, 11657, "1-19005@127.0.0.1", "19005SIPpTag001", "16269SIPpTag0124", 1795747707, 3},
            {2494, 8613, "4-19005@127.0.0.1", "19005SIPpTag004", "16269SIPpTag0127", 1795747708, 2},
            {3263, 6828, "5-19005@127.0.0.1", "19005SIPpTag005", "16269SIPpTag0128", 1795747708, 2},
            {4033, 185, "2-19005@127.0.0.1", "19005SIPpTag002", "16269SIPpTag0125", 1795747707, 3},
            {369, 2187, "2-16680@127.0.0.1", "16680SIPpTag002", "16269SIPpTag015", 1795747404, 11},
            {1009, 4187, "2-27966@127.0.0.1", "27966SIPpTag002", "27935SIPpTag012", 1795748346, 2},
            {1779, 2199, "3-27966@127.0.0.1", "27966SIPpTag003", "27935SIPpTag013", 1795748346, 2},
            {3318, 8998, "1-27966@127.0.0.1", "27966SIPpTag001", "27935SIPpTag011", 1795748345, 10},
            {1009, 4187, "2-27966@127.0.0.1", "27966SIPpTag002", "27935SIPpTag012", 1795748346, 9},
            {1779, 2199, "3-27966@127.0.0.1", "27966SIPpTag003", "27935SIPpTag013", 1795748346, 9},
            {1009, 4187, "2-27966@127.0.0.1", "27966SIPpTag002", "27935SIPpTag012", 1795748346, 2},
            {1779, 2199, "3-27966@127.0.0.1", "27966SIPpTag003", "27935SIPpTag013", 1795748346, 2},
            {3318, 8998, "1-27966@127.0.0.1", "27966SIPpTag001", "27935SIPpTag011", 1795748345, 3},
            {183, 11483, "2-4811@127.0.0.1", "4811SIPpTag002", "4752SIPpTag012", 1795752813, 5},
            {953, 239, "3-4811@127.0.0.1", "4811SIPpTag003", "4752SIPpTag013", 1795752813, 5},
            {2493, 1984, "1-4811@127.0.0.1", "4811SIPpTag001", "4752SIPpTag011", 1795752812, 6},
        };
        QFETCH(QString, file);
        QFETCH(int, id);
        QFETCH(int, first);
        QFETCH(int, count);
        const std::string body = sample(file.toLatin1().constData());
        QVERIFY(!body.empty());
        const DlgListReply r = readDlgListReply(body);
        QCOMPARE(r.kind, DlgListReply::Kind::Result);
        QCOMPARE(r.id.value_or(-1), id);
        QVERIFY(r.errors.empty());
        QCOMPARE(r.dialogs.size(), std::size_t(count));
        for (int i = 0; i < count; ++i)
        {
            const Expected &e = all[first + i];
            const DialogSnapshot &d = r.dialogs[std::size_t(i)];
            QCOMPARE(d.hEntry, e.hEntry);
            QCOMPARE(d.hId, e.hId);
            QCOMPARE(d.callId, std::string(e.callId));
            QCOMPARE(d.caller.tag.value_or("-"), std::string(e.fromTag));
            QCOMPARE(d.callee.tag.value_or("-"), std::string(e.toTag));
            QCOMPARE(d.state, std::uint8_t(4));
            QCOMPARE(d.startTs, e.startTs);
            QCOMPARE(d.duration, e.duration);
            QCOMPARE(d.profiles.size(), std::size_t(3));
            QCOMPARE(d.variables.size(), std::size_t(2));
        }
    }

    void readsDumpFile()
    {
        const DlgListReply r = readDlgDumpFile(sample("dlg.dump_file.first3.ndjson"));
        QCOMPARE(r.kind, DlgListReply::Kind::Result);
        QVERIFY(r.errors.empty());
        QCOMPARE(r.dialogs.size(), std::size_t(3));
        const DialogSnapshot &d = r.dialogs[0];
        QCOMPARE(d.hEntry, 0u);
        QCOMPARE(d.hId, 4204u);
        QCOMPARE(d.callId, std::string("222-24166@127.0.0.1"));
        QCOMPARE(d.duration, std::int64_t(0)); // dlg.dump_file has no duration
        QCOMPARE(d.caller.tag.value_or("-"), std::string("24166SIPpTag00222"));
        QCOMPARE(d.callee.tag.value_or("-"), std::string("23218SIPpTag011222"));
        // Objects: key order (as QJsonObject), an empty value is a profile without value.
        const decltype(d.profiles) profiles = {
            {"caller", "sipp"}, {"inbound", std::nullopt}, {"trunk", "uas-5080"}};
        QVERIFY(d.profiles == profiles);
        const decltype(d.variables) variables = {{"calldeck_tag", "harness"}, {"caller", "sipp"}};
        QVERIFY(d.variables == variables);
        QCOMPARE(r.dialogs[1].callId, std::string("15-23370@127.0.0.1"));
        QCOMPARE(r.dialogs[2].hId, 8048u);
    }

    void dumpFileLines()
    {
        const std::string good = sample("dlg.dump_file.first3.ndjson");
        const std::string first = good.substr(0, good.find('\n'));
        const std::string text =
            "\n" + first + "\n[1]\n{\"h_entry\":1}\n  \f\n{\"h_entry\":\n\"x\"\n" + first;
        const DlgListReply r = readDlgDumpFile(text);
        QCOMPARE(r.dialogs.size(), std::size_t(2));
        QCOMPARE(r.errors.size(), std::size_t(4));
        QCOMPARE(r.errors[0], std::string("line 3: an array, expected a dialog object"));
        QCOMPARE(r.errors[1], std::string("line 4: 'h_id' is missing, expected a number"));
        QVERIFY(r.errors[2].rfind("line 6: not valid JSON (", 0) == 0);
        QVERIFY(r.errors[3].rfind("line 7: not valid JSON (", 0) == 0);
    }

    void badReplies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray("") << "empty body";
        QTest::newRow("blank") << QByteArray(" \n\t") << "empty body";
        QTest::newRow("stray brace") << QByteArray("{}}")
                                     << "not JSON: unexpected '}' after the JSON value at byte 2";
        QTest::newRow("truncated") << QByteArray(R"({"jsonrpc":"2.0","result":[)")
                                   << "not JSON: unexpected end of input at byte 27";
        QTest::newRow("NaN") << QByteArray(R"({"jsonrpc":"2.0","result":NaN})")
                             << "not JSON: unexpected 'N' at byte 26";
        QTest::newRow("Infinity") << QByteArray(R"({"jsonrpc":"2.0","id":-Infinity})")
                                  << "not JSON: invalid number: a digit must follow '-' at byte 23";
        QTest::newRow("huge number") << QByteArray(R"({"jsonrpc":"2.0","id":1e999})")
                                     << "not JSON: number 1e999 out of range at byte 22";
        QTest::newRow("leading zero")
            << QByteArray(R"({"id":01})") << "not JSON: unexpected '1', expected ',' or '}' at byte 7";
        QTest::newRow("trailing comma")
            << QByteArray(R"({"id":1,})") << "not JSON: unexpected '}', expected a key string at byte 8";
        QTest::newRow("bad escape") << QByteArray(R"({"a\x":1})")
                                    << "not JSON: invalid escape '\\x' in a string at byte 3";
        QTest::newRow("lone surrogate")
            << QByteArray(R"({"a":"\ud800x"})") << "not JSON: lone high surrogate in a \\u escape at byte 6";
        QTest::newRow("control char") << QByteArray("{\"a\":\"x\ty\"}")
                                      << "not JSON: control character byte 0x09 in a string at byte 7";
        QTest::newRow("bad utf8") << QByteArray("{\"a\":\"\xc3\x28\"}")
                                  << "not JSON: invalid UTF-8 in a string at byte 6";
        QTest::newRow("deep") << QByteArray(std::string(65, '[').c_str())
                              << "not JSON: nesting deeper than 64 at byte 64";
        QTest::newRow("array") << QByteArray("[1,2]") << "the reply is an array, expected a JSON-RPC object";
        QTest::newRow("no version") << QByteArray(R"({"result":[],"id":1})") << "no 'jsonrpc':'2.0'";
        QTest::newRow("result string") << QByteArray(R"({"jsonrpc":"2.0","result":"x","id":1})")
                                       << "'result' is a string, expected an array of dialogs";
        QTest::newRow("neither") << QByteArray(R"({"jsonrpc":"2.0","id":1})")
                                 << "neither 'result' nor 'error' is present";
        QTest::newRow("error not object") << QByteArray(R"({"jsonrpc":"2.0","error":5,"id":1})")
                                          << "'error' is a number, expected an object";
    }

    void badReplies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        const DlgListReply r = readDlgListReply(std::string_view(body.constData(), std::size_t(body.size())));
        QCOMPARE(r.kind, DlgListReply::Kind::Invalid);
        QCOMPARE(QString::fromStdString(r.invalidReason), reason);
        QVERIFY(r.dialogs.empty() && r.errors.empty());
    }

    void errorReply()
    {
        const DlgListReply r = readDlgListReply(sample("error.dlg.end_dlg.not_found.json"));
        QCOMPARE(r.kind, DlgListReply::Kind::Error);
        QCOMPARE(r.errorCode, std::int64_t(404));
        QCOMPARE(r.errorMessage, std::string("Dialog not found"));
    }

    void skippedEntries_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("error");
        const auto row = [](const char *name, const std::string &entry, const char *error) {
            QTest::newRow(name) << QByteArray::fromStdString(entry) << QString::fromUtf8(error);
        };
        row("not object", "5", "dialog 1: is a number, expected an object");
        row("array", "[1,{}]", "dialog 1: is an array, expected an object");
        row("no h_entry", R"({"h_id":1,"call-id":"x"})",
            "dialog 1 (call-id 'x'): 'h_entry' is missing, expected a number");
        row("no call-id", R"({"h_entry":1,"h_id":1})", "dialog 1: 'call-id' is missing, expected a string");
        row("call-id null", R"({"h_entry":1,"h_id":1,"call-id":null,"call_id":"y"})",
            "dialog 1: 'call-id' is null, expected a string");
        row("state string", R"({"h_entry":1,"h_id":2,"call-id":"c1","state":"4"})",
            "dialog 1 (call-id 'c1'): 'state' is a string, expected a number");
        row("state 256", R"({"h_entry":1,"h_id":2,"call-id":"c1","state":256})",
            "dialog 1 (call-id 'c1'): 'state' is 256, not a whole number in range");
        row("fraction", dialogWith(R"("start_ts":1.5,)"),
            "dialog 1 (call-id 'c1'): 'start_ts' is 1.5, not a whole number in range");
        row("negative", dialogWith(R"("timeout":-1,)"),
            "dialog 1 (call-id 'c1'): 'timeout' is -1, not a whole number in range");
        row("h_id too big", R"({"h_entry":1,"h_id":4294967296,"call-id":"x"})",
            "dialog 1 (call-id 'x'): 'h_id' is 4294967296, not a whole number in range");
        row("duration huge", dialogWith(R"("duration":1e300,)"),
            "dialog 1 (call-id 'c1'): 'duration' is 1.0000000000000001e+300, not a whole number in range");
        row("from_uri number", dialogWith(R"("from_uri":5,)"),
            "dialog 1 (call-id 'c1'): 'from_uri' is a number, expected a string");
        row("caller string", dialogWith(R"("caller":"x",)"),
            "dialog 1 (call-id 'c1'): 'caller' is a string, expected an object");
        row("callee.tag", dialogWith(R"("callee":{"tag":true},)"),
            "dialog 1 (call-id 'c1'): 'callee.tag' is a boolean, expected a string or null");
        row("profiles string", dialogWith(R"("profiles":"p",)"),
            "dialog 1 (call-id 'c1'): 'profiles' is a string, expected an array");
        row("profiles item", dialogWith(R"("profiles":["a",{"b":"1","c":"2"}],)"),
            "dialog 1 (call-id 'c1'): 'profiles' item 1 is not a name or a one-key object with a string "
            "value");
        row("profiles value", dialogWith(R"("profiles":{"a":"1","b":2},)"),
            "dialog 1 (call-id 'c1'): profile 'b' has a number as value, expected a string");
        row("variables item", dialogWith(R"("variables":[{"a":"1"},"b"],)"),
            "dialog 1 (call-id 'c1'): 'variables' item 1 is not a one-key object with a string value");
        row("order", R"({"variables":5,"state":"x","h_id":1,"h_entry":1,"call-id":"c"})",
            "dialog 1 (call-id 'c'): 'state' is a string, expected a number");
    }

    void skippedEntries()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, error);
        std::string list = "[";
        list.append(dialogWith("")).append(",").append(entry.toStdString()).append(",");
        list.append(dialogWith("")).append("]");
        const std::string body = replyWith(list);
        const DlgListReply r = readDlgListReply(body);
        QCOMPARE(r.kind, DlgListReply::Kind::Result);
        QCOMPARE(r.dialogs.size(), std::size_t(2));
        QCOMPARE(r.errors.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(r.errors[0]), error);
    }

    void semantics()
    {
        // Unknown keys ignored, duplicates: last wins, nulls, escapes decoded, call_id spelling.
        const std::string entry =
            R"({"h_entry":1,"h_id":2,"call_id":"u","x":{"y":[1,{"z":null}]},"state":1,"state":3,)"
            "\"from_uri\":\"sip:\\u00e9\\ud83d\\ude00\\\"\\\\\\/"
            "\\n\",\"to_uri\":null,\"caller\":{\"tag\":\"a\"}," // not raw: moc misreads \" in a raw string
            R"("caller":{"contact":null,"cseq":"5"},"callee":null,"profiles":[],)"
            R"("variables":[{"k":"1","k":"2"}],"duration":-5,"ref":1.0})";
        const DlgListReply r = readDlgListArray("[" + entry + "]");
        QCOMPARE(r.kind, DlgListReply::Kind::Result);
        QVERIFY(r.errors.empty());
        QCOMPARE(r.dialogs.size(), std::size_t(1));
        const DialogSnapshot &d = r.dialogs[0];
        QCOMPARE(d.callId, std::string("u"));
        QCOMPARE(d.state, std::uint8_t(3));
        QCOMPARE(d.fromUri, std::string("sip:\xc3\xa9\xf0\x9f\x98\x80\"\\/\n"));
        QVERIFY(d.toUri.empty());
        QVERIFY(!d.caller.tag && !d.caller.contact);
        QCOMPARE(d.caller.cseq.value_or("-"), std::string("5"));
        QVERIFY(d.callee == DialogLegSnapshot{});
        QVERIFY(d.profiles.empty());
        QCOMPARE(d.variables.size(), std::size_t(1));
        QCOMPARE(d.variables[0].second, std::string("2"));
        QCOMPARE(d.duration, std::int64_t(-5));
        QCOMPARE(d.ref, 1u);
    }

    void truncatedEverywhere()
    {
        // Every prefix of a real reply is either Invalid with a reason or (never) a crash.
        const std::string body = sample("dlg.list_match.start_ts_limit2.json");
        DlgListReader reader;
        DlgListReply r;
        for (std::size_t n = 0; n < body.size(); ++n)
        {
            reader.readReply(std::string_view(body).substr(0, n), r);
            if (body.find_first_not_of(" \t\r\n", n) != std::string::npos)
            {
                QCOMPARE(r.kind, DlgListReply::Kind::Invalid);
                QVERIFY(!r.invalidReason.empty());
            }
        }
        reader.readReply(body, r); // and the same reader still reads the whole
        QCOMPARE(r.kind, DlgListReply::Kind::Result);
        QCOMPARE(r.dialogs.size(), std::size_t(2));
    }

    void recyclesSnapshots()
    {
        DlgListReader reader;
        DlgListReply r;
        reader.readReply(sample("dlg.list.json"), r);
        const std::vector<DialogSnapshot> first = r.dialogs;
        reader.readReply(sample("dlg.list_match.callid.json"), r);
        QCOMPARE(r.dialogs.size(), std::size_t(1));
        reader.readReply(sample("dlg.list.json"), r);
        QVERIFY(r.dialogs == first);
    }
};

QTEST_APPLESS_MAIN(TestDlgListReader)
#include "tst_dlglistreader.moc"
