// SPDX-License-Identifier: GPL-3.0-or-later
// The served JSON-RPC methods against a real core fed with generated calls: results, errors and
// the exact shapes of Kamailio's replies (tests/data/samples).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include "backend/dialogrpc.h"
#include "backend/rpcserver.h"
#include "rpctestclient.h"
#include "rpctestcore.h"

using namespace Qt::StringLiterals;

namespace
{

QByteArray sample(const QString &name)
{
    QFile f(QStringLiteral(CALLDECK_SAMPLES) + u'/' + name);
    if (!f.open(QIODevice::ReadOnly))
    {
        qFatal("missing sample %s", qPrintable(name));
    }
    return f.readAll();
}

/// The text with every number replaced, so that replies compare by layout, keys and types.
QByteArray digitsOut(QByteArray text)
{
    static const QRegularExpression digits(u"[0-9]+"_s);
    return QString::fromUtf8(text).replace(digits, u"0"_s).toUtf8();
}

/// True when @p ours has the shape of @p theirs: same JSON types (a string field may be null,
/// as jsonrpcs prints unset strings), same keys; each array element like some sample element.
bool sameShape(const QJsonValue &theirs, const QJsonValue &ours, const QString &path, QString *why)
{
    const auto stringish = [](const QJsonValue &v) { return v.isString() || v.isNull(); };
    if (stringish(theirs) && stringish(ours))
    {
        return true;
    }
    if (theirs.type() != ours.type())
    {
        *why = path + u": type differs"_s;
        return false;
    }
    if (ours.isObject())
    {
        const QJsonObject a = theirs.toObject();
        const QJsonObject b = ours.toObject();
        if (a.keys() != b.keys() && a.size() != 1) // one-key objects: {profile: value}, {var: value}
        {
            *why = path + u": keys %1 vs %2"_s.arg(a.keys().join(u','), b.keys().join(u','));
            return false;
        }
        for (auto it = b.begin(); it != b.end(); ++it)
        {
            const QJsonValue t = a.size() == 1 ? a.begin().value() : a.value(it.key());
            if (!sameShape(t, it.value(), path + u'.' + it.key(), why))
            {
                return false;
            }
        }
    }
    else if (ours.isArray())
    {
        const QJsonArray a = theirs.toArray();
        for (const QJsonValue &element : ours.toArray())
        {
            const bool any = std::any_of(a.begin(), a.end(), [&](const QJsonValue &t) {
                QString ignored;
                return sameShape(t, element, path, &ignored);
            });
            if (!any && !a.isEmpty())
            {
                *why = path + u"[]: no sample element of that shape"_s;
                return false;
            }
        }
    }
    return true;
}

} // namespace

class TestDialogRpc final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void dlgListIsTheEngineListing();
    void dlgListHasTheSampleShape();
    void statsActive();
    void statsActiveLocalOnly();
    void profileGetSize_data();
    void profileGetSize();
    void profileGetSizeUnknownProfile();
    void profileList();
    void objectParamsCountByPosition();
    void getStatistics_data();
    void getStatistics();
    void getStatisticsNeedsAName();
    void listMethodsAndVersion();
    void unknownMethod();
    void missingParameters();

private:
    std::unique_ptr<RpcTestCore> m_core;
    std::unique_ptr<RpcServer> m_server;
    std::unique_ptr<RpcTestClient> m_client;
};

void TestDialogRpc::initTestCase()
{
    m_core = std::make_unique<RpcTestCore>();
    QVERIFY(m_core->populate());
    RpcServer::Options o;
    o.version = u"calldeck 9.8.7"_s;
    m_server = std::make_unique<RpcServer>(m_core->worker(), o);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->port() != 0);
    QCOMPARE(m_server->url(), u"http://127.0.0.1:%1/RPC"_s.arg(m_server->port()));
    m_client = std::make_unique<RpcTestClient>(m_server->port());
}

void TestDialogRpc::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
    m_core.reset();
}

void TestDialogRpc::dlgListIsTheEngineListing()
{
    const RpcTestClient::Answer a = m_client->call(u"dlg.list"_s);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.contentType, QByteArray("application/json"));
    std::string expected;
    QVERIFY(m_core->worker().call([&](CoreContext &ctx) { expected = ctx.engine.listJson(); }));
    const QJsonArray listing = QJsonDocument::fromJson(QByteArray::fromStdString(expected)).array();
    QCOMPARE(listing.size(), RpcTestCore::Answered + 2); // + the early and the rejected call
    QCOMPARE(a.json.value(u"result"_s).toArray(), listing);
    QCOMPARE(a.json.value(u"id"_s).toInt(), 1);
    QCOMPARE(a.json.value(u"jsonrpc"_s).toString(), u"2.0"_s);
    // Tab-indented like pretty_format=1: nested dialog objects three tabs deep.
    QVERIFY(a.body.startsWith("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t[{\n\t\t\t\"h_entry\":\t"));
    QVERIFY(a.body.endsWith("],\n\t\"id\":\t1\n}"));
}

void TestDialogRpc::dlgListHasTheSampleShape()
{
    const QJsonObject theirs = QJsonDocument::fromJson(sample(u"dlg.list.json"_s)).object();
    const RpcTestClient::Answer a = m_client->call(u"dlg.list"_s);
    QString why;
    QVERIFY2(sameShape(theirs, a.json, u"reply"_s, &why), qPrintable(why));
    // Key order of a dialog object, as the module prints it.
    const QByteArray body = a.body;
    qsizetype at = 0;
    for (const char *key : {"h_entry",  "h_id",    "ref",    "call-id",  "from_uri", "to_uri",   "state",
                            "start_ts", "init_ts", "end_ts", "duration", "timeout",  "lifetime", "dflags",
                            "sflags",   "iflags",  "caller", "callee",   "profiles", "variables"})
    {
        const qsizetype next = body.indexOf(QByteArray('"' + QByteArray(key) + "\":"), at);
        QVERIFY2(next > at, key);
        at = next;
    }
    // A confirmed dialog lists its profiles: bare names and {name: value} objects.
    const QJsonObject first = a.json.value(u"result"_s).toArray().first().toObject();
    QCOMPARE(first.value(u"state"_s).toInt(), 4);
    QCOMPARE(first.value(u"profiles"_s).toArray().size(), 3);
}

void TestDialogRpc::statsActive()
{
    const RpcTestClient::Answer a = m_client->call(u"dlg.stats_active"_s);
    QCOMPARE(a.status, 200);
    const QJsonObject r = a.json.value(u"result"_s).toObject();
    QCOMPARE(r.value(u"ongoing"_s).toInt(), RpcTestCore::Answered);
    QCOMPARE(r.value(u"connecting"_s).toInt(), 1);
    QCOMPARE(r.value(u"all"_s).toInt(), RpcTestCore::Answered + 1);
    // Same text as Kamailio's apart from the numbers.
    QCOMPARE(digitsOut(a.body), digitsOut(sample(u"dlg.stats_active.json"_s)));
    // An integer parameter given as a string reads as 0, as in jsonrpcs: all dialogs.
    QCOMPARE(m_client->call(u"dlg.stats_active"_s, R"(["1"])").json, a.json);
}

void TestDialogRpc::statsActiveLocalOnly()
{
    calldeck::core::DialogActiveStats local;
    QVERIFY(m_core->worker().call([&](CoreContext &ctx) { local = ctx.engine.activeStats(true); }));
    const QJsonObject r = m_client->call(u"dlg.stats_active"_s, "[1]").json.value(u"result"_s).toObject();
    QCOMPARE(r.value(u"all"_s).toInteger(), qint64(local.all()));
    QCOMPARE(r.value(u"ongoing"_s).toInteger(), qint64(local.ongoing));
}

void TestDialogRpc::profileGetSize_data()
{
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<int>("size");
    QTest::newRow("no value") << QByteArray(R"(["inbound"])") << RpcTestCore::Answered;
    QTest::newRow("with value") << QByteArray(R"(["trunk", "uas-5080"])") << RpcTestCore::Answered / 2;
    QTest::newRow("all values") << QByteArray(R"(["trunk"])") << RpcTestCore::Answered;
    QTest::newRow("value not used") << QByteArray(R"(["caller", "nobody"])") << 0;
    QTest::newRow("no-value profile ignores value")
        << QByteArray(R"(["inbound", "x"])") << RpcTestCore::Answered;
    QTest::newRow("bad value type = no value") << QByteArray(R"(["trunk", {}])") << RpcTestCore::Answered;
}

void TestDialogRpc::profileGetSize()
{
    QFETCH(QByteArray, params);
    QFETCH(int, size);
    const RpcTestClient::Answer a = m_client->call(u"dlg.profile_get_size"_s, params, 3);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json.value(u"result"_s).toInt(-1), size);
    QCOMPARE(digitsOut(a.body), digitsOut(sample(u"dlg.profile_get_size.inbound.json"_s)));
}

void TestDialogRpc::profileGetSizeUnknownProfile()
{
    const RpcTestClient::Answer a = m_client->call(u"dlg.profile_get_size"_s, R"(["nosuch"])", 5);
    QCOMPARE(a.status, 404);
    QCOMPARE(a.reason, QByteArray("Profile not found: nosuch"));
    QCOMPARE(a.body, sample(u"dlg.profile_get_size.unknown_profile.json"_s));
    // A number is turned into its text (the module's ".S"), so it names a profile "42".
    const RpcTestClient::Answer n = m_client->call(u"dlg.profile_list"_s, "[42]", 5);
    QCOMPARE(n.status, 404);
    QCOMPARE(n.json.value(u"error"_s).toObject().value(u"message"_s).toString(), u"Profile not found: 42"_s);
}

void TestDialogRpc::profileList()
{
    const RpcTestClient::Answer a = m_client->call(u"dlg.profile_list"_s, R"(["inbound"])");
    QCOMPARE(a.status, 200);
    const QJsonArray all = a.json.value(u"result"_s).toArray();
    QCOMPARE(all.size(), RpcTestCore::Answered);
    QString why;
    QVERIFY2(sameShape(QJsonDocument::fromJson(sample(u"dlg.profile_list.inbound.json"_s)).object(), a.json,
                       u"reply"_s, &why),
             qPrintable(why));
    const QJsonArray some =
        m_client->call(u"dlg.profile_list"_s, R"(["trunk", "uas-5090"])").json.value(u"result"_s).toArray();
    QCOMPARE(some.size(), RpcTestCore::Answered / 2);
    for (const QJsonValue &d : some)
    {
        QVERIFY(
            d.toObject().value(u"profiles"_s).toArray().contains(QJsonObject{{u"trunk"_s, u"uas-5090"_s}}));
    }
    // Listing order: the order of dlg.list.
    QJsonArray listed = m_client->call(u"dlg.list"_s).json.value(u"result"_s).toArray();
    QCOMPARE(all.first(), listed.first());
    // Nobody in a profile: an empty array.
    const RpcTestClient::Answer none = m_client->call(u"dlg.profile_list"_s, R"(["caller", "nobody"])");
    QCOMPARE(none.json.value(u"result"_s).toArray().size(), 0);
    QVERIFY(none.body.contains("\"result\":\t[]"));
}

void TestDialogRpc::objectParamsCountByPosition()
{
    // Names are ignored and order counts: "b" comes first, so it is the profile.
    const QByteArray body = R"({"jsonrpc":"2.0","method":"dlg.profile_get_size",)"
                            R"("params":{"b":"trunk","a":"uas-5090"},"id":7})";
    const RpcTestClient::Answer a = m_client->post(body);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json.value(u"result"_s).toInt(), RpcTestCore::Answered / 2);
}

void TestDialogRpc::getStatistics_data()
{
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QStringList>("names");
    const QStringList all{u"active_dialogs"_s, u"early_dialogs"_s, u"expired_dialogs"_s, u"failed_dialogs"_s,
                          u"processed_dialogs"_s};
    QTest::newRow("group") << QByteArray(R"(["dialog:"])") << all;
    QTest::newRow("all") << QByteArray(R"(["all"])") << all;
    QTest::newRow("one by name") << QByteArray(R"(["dialog:active_dialogs"])") << QStringList{all.first()};
    QTest::newRow("bare name") << QByteArray(R"(["failed_dialogs"])") << QStringList{u"failed_dialogs"_s};
    QTest::newRow("several") << QByteArray(R"(["early_dialogs", "processed_dialogs"])")
                             << QStringList{u"early_dialogs"_s, u"processed_dialogs"_s};
    QTest::newRow("stops at a non-string")
        << QByteArray(R"(["early_dialogs", 1, "processed_dialogs"])") << QStringList{u"early_dialogs"_s};
    QTest::newRow("other group") << QByteArray(R"(["core:"])") << QStringList{};
}

void TestDialogRpc::getStatistics()
{
    QFETCH(QByteArray, params);
    QFETCH(QStringList, names);
    const RpcTestClient::Answer a = m_client->call(u"stats.get_statistics"_s, params, 14);
    QCOMPARE(a.status, 200);
    const QJsonArray lines = a.json.value(u"result"_s).toArray();
    QCOMPARE(lines.size(), names.size());
    for (qsizetype i = 0; i < names.size(); ++i)
    {
        QVERIFY2(lines.at(i).toString().startsWith(u"dialog:"_s + names.at(i) + u" = "_s),
                 qPrintable(lines.at(i).toString()));
    }
    if (QTest::currentDataTag() == QByteArray("group"))
    {
        QCOMPARE(digitsOut(a.body), digitsOut(sample(u"stats.get_statistics.dialog.json"_s)));
        QVERIFY(lines.contains(u"dialog:active_dialogs = %1"_s.arg(RpcTestCore::Answered)));
        QVERIFY(lines.contains(u"dialog:failed_dialogs = 1"_s));
        QVERIFY(lines.contains(u"dialog:processed_dialogs = %1"_s.arg(RpcTestCore::Answered + 2)));
    }
}

void TestDialogRpc::getStatisticsNeedsAName()
{
    for (const QByteArray &params : {QByteArray("[]"), QByteArray("[1]")})
    {
        const RpcTestClient::Answer a = m_client->call(u"stats.get_statistics"_s, params);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json.value(u"error"_s).toObject().value(u"message"_s).toString(),
                 u"Please provide which stats to retrieve"_s);
    }
}

void TestDialogRpc::listMethodsAndVersion()
{
    const RpcTestClient::Answer a = m_client->call(u"system.listMethods"_s, "[]", 9);
    QCOMPARE(a.status, 200);
    QStringList names;
    for (const QJsonValue &v : a.json.value(u"result"_s).toArray())
    {
        names.append(v.toString());
    }
    QCOMPARE(names, DialogRpc::methods());
    QVERIFY(names.contains(u"dlg.list"_s));
    QVERIFY(std::is_sorted(names.begin(), names.end()));
    // Same layout as Kamailio's list: strings on one line.
    QVERIFY(a.body.startsWith(
        "{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t[\"calldeck.dialogs\", \"calldeck.refer\", "));
    const RpcTestClient::Answer v = m_client->call(u"calldeck.version"_s, "[]", 12);
    QCOMPARE(v.json.value(u"result"_s).toString(), u"calldeck 9.8.7"_s);
    QCOMPARE(digitsOut(v.body).replace("calldeck 0.0.0", "kamailio 0.0.0 (x0_0/linux) "),
             digitsOut(sample(u"core.version.json"_s)));
}

void TestDialogRpc::unknownMethod()
{
    const RpcTestClient::Answer a = m_client->call(u"dlg.nosuch"_s, "[]", 11);
    QCOMPARE(a.status, 500);
    QCOMPARE(a.reason, QByteArray("Method Not Found"));
    QCOMPARE(a.body, sample(u"error.unknown_method.json"_s));
}

void TestDialogRpc::missingParameters()
{
    for (const QString &method : {u"dlg.profile_get_size"_s, u"dlg.profile_list"_s})
    {
        for (const QByteArray &params :
             {QByteArray("[]"), QByteArray("[null]"), QByteArray("[[\"inbound\"]]")})
        {
            const RpcTestClient::Answer a = m_client->call(method, params);
            QCOMPARE(a.status, 500);
            QCOMPARE(a.json.value(u"error"_s).toObject().value(u"message"_s).toString(),
                     u"Invalid parameters"_s);
        }
    }
    // No "params" at all is the same as an empty list.
    const RpcTestClient::Answer a = m_client->post(R"({"jsonrpc":"2.0","method":"dlg.list","id":2})");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json.value(u"result"_s).toArray().size(), RpcTestCore::Answered + 2);
}

QTEST_GUILESS_MAIN(TestDialogRpc)
#include "tst_dialogrpc.moc"
