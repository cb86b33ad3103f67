// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetesthelpers.h"

#include "backend/core/dialogjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

class TestDialogJson final : public QObject
{
    Q_OBJECT

private slots:
    void earlyDialogHasNullCalleeLeg();
    void deletedDialogPrintsNoProfiles();
    void escapingAndPretty();
    void listJsonIsAnArrayInBucketOrder();
};

void TestDialogJson::earlyDialogHasNullCalleeLeg()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = engine.feed(msgs[0].text, msgs[0].meta).dialog;
    std::string text;
    JsonWriter w(text);
    writeDialogJson(w, engine.snapshot(h));
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
    const QJsonObject callee = o.value(u"callee").toObject();
    for (const char *k : {"tag", "contact", "cseq", "route_set", "socket"})
    {
        QVERIFY2(callee.value(QLatin1String(k)).isNull(), k);
    }
    QCOMPARE(o.value(u"caller").toObject().value(u"cseq").toString(), QStringLiteral("1"));
    QCOMPARE(o.value(u"caller").toObject().value(u"route_set").toString(), QString());
    QCOMPARE(o.value(u"state").toInt(), 1);
    QCOMPARE(o.value(u"timeout").toInt(), 0);
    QCOMPARE(o.value(u"duration").toInt(), 0);
    QCOMPARE(o.value(u"ref").toInt(), 1);
}

void TestDialogJson::deletedDialogPrintsNoProfiles()
{
    DialogSnapshot s;
    s.state = 5;
    s.profiles.emplace_back("inbound", std::nullopt);
    s.variables.emplace_back("k", "v");
    std::string text;
    JsonWriter w(text);
    writeDialogJson(w, s);
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
    QVERIFY(o.value(u"profiles").toArray().isEmpty());
    QVERIFY(o.value(u"variables").toArray().isEmpty());
}

void TestDialogJson::escapingAndPretty()
{
    DialogSnapshot s;
    s.callId = "a\"b\\c\x01\n";
    s.state = 4;
    s.variables.emplace_back("k", "\t");
    for (bool pretty : {false, true})
    {
        std::string text;
        JsonWriter w(text, pretty);
        writeDialogJson(w, s);
        QJsonParseError err;
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(text), &err).object();
        QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
        QCOMPARE(o.value(u"call-id").toString(), QString::fromLatin1("a\"b\\c\x01\n"));
        QCOMPARE(text.find('\t') != std::string::npos, pretty); // jsonrpcs' tab indentation
    }
}

void TestDialogJson::listJsonIsAnArrayInBucketOrder()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    for (std::uint64_t n = 0; n < 20; ++n)
    {
        std::vector<GeneratedMessage> msgs;
        gen.setup(n, CallKind::CallerHangsUp, T0, msgs);
        feedAll(engine, msgs);
    }
    const QJsonArray list = QJsonDocument::fromJson(QByteArray::fromStdString(engine.listJson(true))).array();
    QCOMPARE(list.size(), 20);
    int last = -1;
    for (const QJsonValue &v : list)
    {
        QVERIFY(v.toObject().value(u"h_entry").toInt() >= last);
        last = v.toObject().value(u"h_entry").toInt();
    }
}

QTEST_APPLESS_MAIN(TestDialogJson)
#include "tst_dialogjson.moc"
