// SPDX-License-Identifier: GPL-3.0-or-later
// dlg.list-style results and dlg.dump_file lines into DialogSnapshot values: Kamailio's own
// replies, null legs, missing keys, malformed entries, and the time for 5 000 dialogs.
#include <algorithm>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "backend/core/dialogjson.h"
#include "backend/dlglistparser.h"
#include "rpcclientfixtures.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogSnapshot;

namespace
{

QJsonValue resultOf(const QByteArray &reply)
{
    return QJsonDocument::fromJson(reply).object().value("result"_L1);
}

QJsonValue parseValue(const QByteArray &json)
{
    return QJsonDocument::fromJson("[" + json + "]").array().at(0);
}

/// The snapshots written back the way dlg.list prints them (core writer), as JSON.
QJsonArray written(const std::vector<DialogSnapshot> &dialogs)
{
    std::string text;
    calldeck::core::JsonWriter w(text);
    w.beginArray();
    for (const DialogSnapshot &d : dialogs)
    {
        calldeck::core::writeDialogJson(w, d);
    }
    w.endArray();
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).array();
}

const QByteArray minimal = R"({"h_entry":1,"h_id":2,"call-id":"c"})";

} // namespace

class TestDlgListParser final : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryKey();
    void roundTripsKamailioReplies_data();
    void roundTripsKamailioReplies();
    void nullLegFieldsAreAbsent();
    void missingKeysKeepDefaults();
    void malformedEntriesAreSkippedAndReported_data();
    void malformedEntriesAreSkippedAndReported();
    void resultMustBeAnArray();
    void readsDumpFile();
    void dumpFileBadLines();
    void parsesFiveThousandDialogsQuickly();
};

void TestDlgListParser::readsEveryKey()
{
    const DlgListParser::Result r =
        DlgListParser::parseList(resultOf(RpcClientFixtures::sample(u"dlg.list.json"_s)));
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(r.dialogs.size(), std::size_t(5));
    const DialogSnapshot &d = r.dialogs.front();
    QCOMPARE(d.hEntry, 707u);
    QCOMPARE(d.hId, 8109u);
    QCOMPARE(d.ref, 2u);
    QCOMPARE(d.callId, "3-19005@127.0.0.1");
    QCOMPARE(d.fromUri, "sip:sipp@127.0.0.1:5070");
    QCOMPARE(d.toUri, "sip:1000@127.0.0.1:5060");
    QCOMPARE(d.state, 4);
    QCOMPARE(d.startTs, 1795747708u);
    QCOMPARE(d.initTs, 1795747708u);
    QCOMPARE(d.endTs, 0u);
    QCOMPARE(d.duration, 2);
    QCOMPARE(d.timeout, 1795790907u);
    QCOMPARE(d.lifetime, 43200u);
    QCOMPARE(d.dflags, 1667u);
    QCOMPARE(d.sflags, 0u);
    QCOMPARE(d.iflags, 0u);
    QCOMPARE(d.caller.tag, std::optional<std::string>("19005SIPpTag003"));
    QCOMPARE(d.caller.contact, std::optional<std::string>("sip:sipp@127.0.0.1:5070"));
    QCOMPARE(d.caller.cseq, std::optional<std::string>("1"));
    QCOMPARE(d.caller.routeSet, std::optional<std::string>(""));
    QCOMPARE(d.caller.socket, std::optional<std::string>("udp:127.0.0.1:5060"));
    QCOMPARE(d.callee.tag, std::optional<std::string>("16269SIPpTag0126"));
    QCOMPARE(d.callee.contact, std::optional<std::string>("sip:127.0.0.1:5080;transport=UDP"));
    QCOMPARE(d.callee.cseq, std::optional<std::string>("0"));
    using Profiles = decltype(d.profiles);
    QVERIFY(d.profiles == Profiles({{"trunk", "uas-5080"}, {"caller", "sipp"}, {"inbound", std::nullopt}}));
    using Variables = decltype(d.variables);
    QVERIFY(d.variables == Variables({{"caller", "sipp"}, {"calldeck_tag", "harness"}}));
}

void TestDlgListParser::roundTripsKamailioReplies_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count");
    QTest::newRow("dlg.list") << u"dlg.list.json"_s << 5;
    QTest::newRow("did-pair") << u"did-pair.dlg.list.json"_s << 3;
    QTest::newRow("dlg.list_ctx") << u"dlg.list_ctx.json"_s << 5;
    QTest::newRow("dlg.list_match callid") << u"dlg.list_match.callid.json"_s << 1;
    QTest::newRow("dlg.list_match limit") << u"dlg.list_match.start_ts_limit2.json"_s << 2;
    QTest::newRow("profile_list caller") << u"dlg.profile_list.caller_sipp.json"_s << 3;
    QTest::newRow("profile_list inbound") << u"dlg.profile_list.inbound.json"_s << 3;
}

void TestDlgListParser::roundTripsKamailioReplies()
{
    QFETCH(QString, file);
    const QJsonValue result = resultOf(RpcClientFixtures::sample(file));
    QVERIFY(result.isArray());
    const DlgListParser::Result r = DlgListParser::parseList(result);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QTEST(int(r.dialogs.size()), "count");
    // Every key survives: written back as dlg.list prints it, the JSON is Kamailio's again.
    QCOMPARE(written(r.dialogs), result.toArray());
}

void TestDlgListParser::nullLegFieldsAreAbsent()
{
    // An early dialog as jsonrpcs prints it: the callee leg was never filled in.
    const QByteArray early = R"({"h_entry":3,"h_id":4,"ref":1,"call-id":"e@h","from_uri":"sip:a@h",
        "to_uri":"sip:b@h","state":1,"start_ts":0,"init_ts":1795747708,"end_ts":0,"duration":0,"timeout":0,
        "lifetime":0,"dflags":0,"sflags":0,"iflags":0,
        "caller":{"tag":"t1","contact":"sip:a@h","cseq":"1","route_set":"","socket":null},
        "callee":{"tag":null,"contact":null,"cseq":null,"route_set":null,"socket":null},
        "profiles":[],"variables":[]})";
    const DlgListParser::Result r = DlgListParser::parseList(parseValue("[" + early + "]"));
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(r.dialogs.size(), std::size_t(1));
    const DialogSnapshot &d = r.dialogs.front();
    QCOMPARE(d.caller.tag, std::optional<std::string>("t1"));
    QCOMPARE(d.caller.socket, std::nullopt);
    QCOMPARE(d.callee, calldeck::core::DialogLegSnapshot{});
    QCOMPARE(written(r.dialogs), parseValue("[" + early + "]").toArray());
}

void TestDlgListParser::missingKeysKeepDefaults()
{
    DialogSnapshot d;
    QString error;
    QVERIFY2(DlgListParser::parseDialog(parseValue(minimal).toObject(), d, &error), qPrintable(error));
    DialogSnapshot expected;
    expected.hEntry = 1;
    expected.hId = 2;
    expected.callId = "c";
    QCOMPARE(d, expected);
}

void TestDlgListParser::malformedEntriesAreSkippedAndReported_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("error");
    QTest::newRow("not an object") << "42"_ba << u"dialog 1: is a number, expected an object"_s;
    QTest::newRow("no h_id") << R"({"h_entry":1,"call-id":"x"})"_ba
                             << u"dialog 1 (call-id 'x'): 'h_id' is missing, expected a number"_s;
    QTest::newRow("no call-id") << R"({"h_entry":1,"h_id":2})"_ba
                                << u"dialog 1: 'call-id' is missing, expected a string"_s;
    QTest::newRow("state as string") << R"({"h_entry":1,"h_id":2,"call-id":"x","state":"4"})"_ba
                                     << u"dialog 1 (call-id 'x'): 'state' is a string, expected a number"_s;
    QTest::newRow("state out of range")
        << R"({"h_entry":1,"h_id":2,"call-id":"x","state":300})"_ba
        << u"dialog 1 (call-id 'x'): 'state' is 300, not a whole number in range"_s;
    QTest::newRow("negative h_entry")
        << R"({"h_entry":-1,"h_id":2,"call-id":"x"})"_ba
        << u"dialog 1 (call-id 'x'): 'h_entry' is -1, not a whole number in range"_s;
    QTest::newRow("fractional h_id")
        << R"({"h_entry":1,"h_id":2.5,"call-id":"x"})"_ba
        << u"dialog 1 (call-id 'x'): 'h_id' is 2.5, not a whole number in range"_s;
    QTest::newRow("from_uri number")
        << R"({"h_entry":1,"h_id":2,"call-id":"x","from_uri":5})"_ba
        << u"dialog 1 (call-id 'x'): 'from_uri' is a number, expected a string"_s;
    QTest::newRow("cseq number")
        << R"({"h_entry":1,"h_id":2,"call-id":"x","caller":{"cseq":1}})"_ba
        << u"dialog 1 (call-id 'x'): 'caller.cseq' is a number, expected a string or null"_s;
    QTest::newRow("leg not object") << R"({"h_entry":1,"h_id":2,"call-id":"x","callee":[]})"_ba
                                    << u"dialog 1 (call-id 'x'): 'callee' is an array, expected an object"_s;
    QTest::newRow("profile two keys")
        << R"({"h_entry":1,"h_id":2,"call-id":"x","profiles":["a",{"b":"1","c":"2"}]})"_ba
        << u"dialog 1 (call-id 'x'): 'profiles' item 1 is not a name or a one-key "
           "object with a string value"_s;
    QTest::newRow("profiles string")
        << R"({"h_entry":1,"h_id":2,"call-id":"x","profiles":"a"})"_ba
        << u"dialog 1 (call-id 'x'): 'profiles' is a string, expected an array"_s;
    QTest::newRow("variable number")
        << R"({"h_entry":1,"h_id":2,"call-id":"x","variables":[{"a":1}]})"_ba
        << u"dialog 1 (call-id 'x'): 'variables' item 0 is not a one-key object with "
           "a string value"_s;
}

void TestDlgListParser::malformedEntriesAreSkippedAndReported()
{
    QFETCH(QByteArray, entry);
    const QByteArray good2 = R"({"h_entry":5,"h_id":6,"call-id":"d"})";
    const DlgListParser::Result r =
        DlgListParser::parseList(parseValue("[" + minimal + "," + entry + "," + good2 + "]"));
    QCOMPARE(r.dialogs.size(), std::size_t(2));
    QCOMPARE(r.dialogs[0].callId, "c");
    QCOMPARE(r.dialogs[1].callId, "d");
    QFETCH(QString, error);
    QCOMPARE(r.errors, QStringList{error});
}

void TestDlgListParser::resultMustBeAnArray()
{
    const DlgListParser::Result r = DlgListParser::parseList(QJsonObject());
    QVERIFY(r.dialogs.empty());
    QCOMPARE(r.errors, QStringList{u"the result is an object, expected an array of dialogs"_s});
    QVERIFY(DlgListParser::parseList(QJsonArray()).errors.isEmpty());
}

void TestDlgListParser::readsDumpFile()
{
    const DlgListParser::Result r =
        DlgListParser::parseDumpFile(RpcClientFixtures::sample(u"dlg.dump_file.first3.ndjson"_s));
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(r.dialogs.size(), std::size_t(3));
    const DialogSnapshot &d = r.dialogs.front();
    QCOMPARE(d.hEntry, 0u);
    QCOMPARE(d.hId, 4204u);
    QCOMPARE(d.callId, "222-24166@127.0.0.1"); // spelled call_id there
    QCOMPARE(d.duration, 0);                   // not written by dump_file
    QCOMPARE(d.timeout, 1795791236u);
    QCOMPARE(d.caller.tag, std::optional<std::string>("24166SIPpTag00222"));
    QCOMPARE(d.callee.contact, std::optional<std::string>("sip:127.0.0.1:5080;transport=UDP"));
    // Objects there: "" is a profile without value; the order is the key order.
    using Profiles = decltype(d.profiles);
    QVERIFY(d.profiles == Profiles({{"caller", "sipp"}, {"inbound", std::nullopt}, {"trunk", "uas-5080"}}));
    using Variables = decltype(d.variables);
    QVERIFY(d.variables == Variables({{"calldeck_tag", "harness"}, {"caller", "sipp"}}));
    QCOMPARE(r.dialogs[2].callId, "289-23370@127.0.0.1");
}

void TestDlgListParser::dumpFileBadLines()
{
    const QByteArray text =
        minimal + "\n\n{garbage\r\n[1]\n" + R"({"h_entry":1,"call_id":"y"})" + "\n  \n" + minimal;
    const DlgListParser::Result r = DlgListParser::parseDumpFile(text);
    QCOMPARE(r.dialogs.size(), std::size_t(2));
    QCOMPARE(r.errors.size(), 3);
    QVERIFY2(r.errors[0].startsWith(u"line 3: not valid JSON ("_s), qPrintable(r.errors[0]));
    QCOMPARE(r.errors[1], u"line 4: an array, expected a dialog object"_s);
    QCOMPARE(r.errors[2], u"line 5 (call-id 'y'): 'h_id' is missing, expected a number"_s);
}

void TestDlgListParser::parsesFiveThousandDialogsQuickly()
{
    constexpr int Dialogs = 5000;
    constexpr int Runs = 7;
    const QByteArray reply = RpcClientFixtures::dlgListReply(Dialogs, 1);
    QList<qint64> parseNs;
    QList<qint64> convertNs;
    for (int run = 0; run < Runs; ++run)
    {
        QElapsedTimer timer;
        timer.start();
        const QJsonDocument doc = QJsonDocument::fromJson(reply);
        parseNs.append(timer.nsecsElapsed());
        timer.restart();
        const DlgListParser::Result r = DlgListParser::parseList(doc.object().value("result"_L1));
        convertNs.append(timer.nsecsElapsed());
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(r.dialogs.size(), std::size_t(Dialogs));
        QCOMPARE(r.dialogs.back().callId, "1000-2-19005@127.0.0.1");
    }
    std::sort(parseNs.begin(), parseNs.end());
    std::sort(convertNs.begin(), convertNs.end());
    const double parseMs = parseNs[Runs / 2] / 1e6;
    const double convertMs = convertNs[Runs / 2] / 1e6;
    qInfo(
        "%d dialogs, %.2f MB: QJsonDocument::fromJson median %.1f ms (best %.1f), conversion median %.1f ms "
        "(best %.1f), total median %.1f ms",
        Dialogs, reply.size() / 1e6, parseMs, parseNs.front() / 1e6, convertMs, convertNs.front() / 1e6,
        parseMs + convertMs);
    // A guard against a gross regression only; the 10 ms target of issue #5 is reported, not asserted.
    QVERIFY(parseMs + convertMs < 1000);
}

QTEST_GUILESS_MAIN(TestDlgListParser)
#include "tst_dlglistparser.moc"
