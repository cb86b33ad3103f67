// SPDX-License-Identifier: GPL-3.0-or-later
// The core against what a live Kamailio 5.6.3 did: its captures and its own dlg.list.
#include "enginetesthelpers.h"

#include "backend/core/dialogjson.h"
#include "tests/support/pcapfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

namespace
{

QString sample(const char *name)
{
    return QStringLiteral(CALLDECK_SAMPLES) + QLatin1Char('/') + QLatin1String(name);
}

QJsonArray dlgList(const char *name)
{
    QFile f(sample(name));
    if (!f.open(QIODevice::ReadOnly))
    {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).object().value(u"result").toArray();
}

QJsonValue optionalString(const std::optional<std::string> &s)
{
    return s ? QJsonValue(QString::fromStdString(*s)) : QJsonValue(QJsonValue::Null);
}

} // namespace

class TestDialogWire final : public QObject
{
    Q_OBJECT

private slots:
    void didPairMatchesKamailiosOwnList_data();
    void didPairMatchesKamailiosOwnList();
    void callsPcapLifecycle();
    void hepPayloadsTrackTheSameCall();
    void jsonShapeMatchesSample();
};

void TestDialogWire::didPairMatchesKamailiosOwnList_data()
{
    QTest::addColumn<bool>("viaHep");
    QTest::newRow("raw SIP copies") << false;
    QTest::newRow("HEP payloads") << true;
}

void TestDialogWire::didPairMatchesKamailiosOwnList()
{
    QFETCH(bool, viaHep);
    std::string error;
    const auto packets = readUdpCapture(sample("did-pair.pcap").toStdString(), &error);
    QVERIFY2(!packets.empty(), error.c_str());
    DialogConfig c;
    c.matchMode = 1; // as the live Kamailio was configured (sipp's uac ignores Record-Route)
    DialogEngine engine(c);
    int fed = 0;
    for (const CapturedDatagram &p : packets)
    {
        const bool isHep = p.meta.dst.port == 9060;
        if (isHep != viaHep)
        {
            continue;
        }
        if (isHep)
        {
            // The HEP copy carries the original addresses; the test only needs the payload,
            // so it reuses the HEP packet's time and the proxy's socket (the mirror feed of
            // issue #4 decodes the HEP addresses themselves).
            const std::string sip = hep3Payload(p.payload);
            QVERIFY(!sip.empty());
            engine.feed(sip, p.meta);
        }
        else
        {
            engine.feed(p.payload, p.meta);
        }
        ++fed;
    }
    QVERIFY(fed >= 27);
    QCOMPARE(engine.feedStats().parseErrors, 0u);
    const QJsonArray expected = dlgList("did-pair.dlg.list.json");
    QCOMPARE(expected.size(), 3);
    QCOMPARE(engine.dialogCount(), std::size_t(3));
    for (const QJsonValue &v : expected)
    {
        const QJsonObject k = v.toObject();
        const DialogId id{static_cast<std::uint32_t>(k.value(u"h_entry").toInt()),
                          static_cast<std::uint32_t>(k.value(u"h_id").toInt())};
        const DialogHandle h = engine.find(id);
        QVERIFY2(h.valid(), qPrintable(k.value(u"call-id").toString()));
        const DialogSnapshot s = engine.snapshot(h);
        QCOMPARE(QString::fromStdString(s.callId), k.value(u"call-id").toString());
        QCOMPARE(static_cast<int>(s.state), k.value(u"state").toInt());
        QCOMPARE(QString::fromStdString(s.fromUri), k.value(u"from_uri").toString());
        QCOMPARE(QString::fromStdString(s.toUri), k.value(u"to_uri").toString());
        QCOMPARE(s.lifetime, static_cast<std::uint32_t>(k.value(u"lifetime").toInt()));
        for (const char *legName : {"caller", "callee"})
        {
            const QJsonObject kl = k.value(QLatin1String(legName)).toObject();
            const DialogLegSnapshot &leg = std::string(legName) == "caller" ? s.caller : s.callee;
            QCOMPARE(optionalString(leg.tag), kl.value(u"tag"));
            QCOMPARE(optionalString(leg.contact), kl.value(u"contact"));
            QCOMPARE(optionalString(leg.cseq), kl.value(u"cseq"));
            QCOMPARE(optionalString(leg.routeSet), kl.value(u"route_set"));
            if (!viaHep)
            {
                QCOMPARE(optionalString(leg.socket), kl.value(u"socket"));
            }
        }
    }
    QCOMPARE(engine.feedStats().bogusEvents, 0u);
    QCOMPARE(engine.feedStats().unmatched, 0u);
}

void TestDialogWire::callsPcapLifecycle()
{
    const auto packets = readUdpCapture(sample("calls.pcap").toStdString());
    QVERIFY(!packets.empty());
    DialogConfig c;
    c.matchMode = 1;
    DialogEngine engine(c);
    std::vector<std::uint32_t> created;
    engine.callbacks().registerObserver(
        Dlgcb::Created | Dlgcb::Terminated,
        [&](DialogHandle, const DialogCallbackParams &p) { created.push_back(p.type); });
    for (const CapturedDatagram &p : packets)
    {
        engine.feed(p.payload, p.meta);
    }
    QCOMPARE(engine.stats().processedDialogs, 3u);
    QCOMPARE(engine.feedStats().parseErrors, 0u);
    QCOMPARE(engine.feedStats().unmatched, 0u);
    QCOMPARE(std::count(created.begin(), created.end(), Dlgcb::Created), 3);
    QCOMPARE(std::count(created.begin(), created.end(), Dlgcb::Terminated), 3);
    QCOMPARE(engine.stats().activeDialogs, 0);
    QCOMPARE(engine.activeStats().all(), 0u);
    // Every did on the wire decodes to the dialog the engine holds.
    for (DialogHandle h : engine.list())
    {
        QCOMPARE(engine.state(h), DialogState::Deleted);
        QCOMPARE(engine.id(h).hEntry, kamailioCoreHash(engine.snapshot(h).callId, 4096));
    }
}

void TestDialogWire::hepPayloadsTrackTheSameCall()
{
    // samples/hep: one call as the 13 HEPv3 datagrams Kamailio's siptrace sent.
    DialogConfig c;
    c.matchMode = 1;
    DialogEngine engine(c);
    int n = 0;
    for (int i = 1; i <= 13; ++i)
    {
        QFile f(QStringLiteral(CALLDECK_SAMPLES "/hep/%1.bin").arg(i, 3, 10, QLatin1Char('0')));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray raw = f.readAll();
        const std::string sip =
            hep3Payload(std::string(raw.constData(), static_cast<std::size_t>(raw.size())));
        QVERIFY(!sip.empty());
        PacketMeta meta;
        meta.timeUs = T0 + i * 1000;
        const FeedResult r = engine.feed(sip, meta);
        QVERIFY(r.outcome != FeedOutcome::ParseError);
        ++n;
    }
    QCOMPARE(n, 13);
    QCOMPARE(engine.stats().processedDialogs, 1u);
    QCOMPARE(engine.dialogCount(), std::size_t(1));
    QCOMPARE(engine.feedStats().unmatched, 0u);
}

void TestDialogWire::jsonShapeMatchesSample()
{
    // Same keys, same order, same JSON types as Kamailio's dlg.list.
    const QJsonArray sample = dlgList("dlg.list.json");
    QVERIFY(!sample.isEmpty());
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.profilesNoValue = "inbound";
    c.profilesWithValue = "caller;trunk";
    DialogEngine engine(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = feedAll(engine, msgs)[0].dialog;
    QVERIFY(engine.setProfile(h, "inbound"));
    QVERIFY(engine.setProfile(h, "caller", "sipp"));
    QVERIFY(engine.setProfile(h, "trunk", "uas-5080"));
    QVERIFY(engine.setVariable(h, "calldeck_tag", "harness"));
    QVERIFY(engine.setVariable(h, "caller", "sipp"));
    std::string text;
    JsonWriter w(text);
    writeDialogJson(w, engine.snapshot(h));
    QJsonParseError err;
    const QJsonDocument ours = QJsonDocument::fromJson(QByteArray::fromStdString(text), &err);
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
    const QJsonObject theirs = sample.first().toObject();
    const QJsonObject mine = ours.object();
    QCOMPARE(mine.keys(), theirs.keys());
    for (const QString &key : theirs.keys())
    {
        QCOMPARE(mine.value(key).type(), theirs.value(key).type());
    }
    QCOMPARE(mine.value(u"caller").toObject().keys(), theirs.value(u"caller").toObject().keys());
    QCOMPARE(mine.value(u"profiles").toArray(), theirs.value(u"profiles").toArray());
    QCOMPARE(mine.value(u"variables").toArray(), theirs.value(u"variables").toArray());
    // Key order as printed (QJsonObject sorts keys, so check the text).
    const char *order[] = {"\"h_entry\"",  "\"h_id\"",    "\"ref\"",      "\"call-id\"",  "\"from_uri\"",
                           "\"to_uri\"",   "\"state\"",   "\"start_ts\"", "\"init_ts\"",  "\"end_ts\"",
                           "\"duration\"", "\"timeout\"", "\"lifetime\"", "\"dflags\"",   "\"sflags\"",
                           "\"iflags\"",   "\"caller\"",  "\"callee\"",   "\"profiles\"", "\"variables\""};
    std::size_t pos = 0;
    for (const char *k : order)
    {
        const auto p = text.find(k, pos);
        QVERIFY2(p != std::string::npos, k);
        pos = p;
    }
}

QTEST_APPLESS_MAIN(TestDialogWire)
#include "tst_dialogwire.moc"
