// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #9's interop proof: a CallDeck dialog store and the `dialog` table of a real Kamailio 5.6
// (db_sqlite, dialog db_mode 1) are interchangeable. (a) sipp calls through Kamailio; its table,
// loaded by DialogStore while Kamailio runs, equals its dlg.list on every stored field, and so
// does a DialogEngine restored from it. (b) DialogStore writes dialogs to a fresh file; Kamailio
// started on it lists them with the same fields and counts their profiles. (c) A headless
// collector on Kamailio's HEP mirror with --db ... --db-mode 1 writes a table that a Kamailio
// loads and whose dialogs it can end.
#include <algorithm>
#include <cstdlib>
#include <memory>

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QMap>
#include <QTest>
#include <QThread>

#include "backend/core/corehash.h"
#include "backend/core/dialogengine.h"
#include "backend/dialogstore.h"
#include "tests/integration/harness/calldeckheadless.h"
#include "tests/integration/harness/freeport.h"
#include "tests/integration/harness/integrationpaths.h"
#include "tests/integration/harness/kamailiodialogdb.h"
#include "tests/integration/harness/kamailioinstance.h"
#include "tests/integration/harness/sippprocess.h"
#include "tests/integration/harness/testdirectory.h"

using namespace Qt::StringLiterals;
using namespace calldeck::integration;
using calldeck::core::DialogSnapshot;

namespace
{

constexpr int HeldCalls = 3;
constexpr std::uint32_t HashSize = 4096; // the test config's hash_size

QJsonArray dialogList(KamailioInstance &kamailio, QString *error)
{
    const RpcResult reply = kamailio.rpc(u"dlg.list"_s);
    if (!reply.ok() || !reply.result().isArray())
    {
        *error = u"dlg.list failed: "_s + reply.describe();
        return {};
    }
    return reply.result().toArray();
}

QString compact(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

QJsonArray toJson(const std::vector<DialogSnapshot> &dialogs)
{
    QJsonArray out;
    for (const DialogSnapshot &d : dialogs)
    {
        out.append(KamailioDialogDb::toJson(d));
    }
    return out;
}

calldeck::core::DialogConfig moduleConfig()
{
    calldeck::core::DialogConfig config;
    config.hashSize = HashSize;
    config.profilesWithValue = "caller;trunk";
    config.profilesNoValue = "inbound";
    return config;
}

std::uint32_t nowSeconds()
{
    return static_cast<std::uint32_t>(QDateTime::currentSecsSinceEpoch());
}

} // namespace

class TestDialogStoreKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void kamailioTableLoadsIntoCallDeck();
    void calldeckTableLoadsIntoKamailio();
    void mirrorStoreLoadsIntoKamailio();

private:
    /// What (a) loaded from Kamailio's table: the base of (b)'s dialogs.
    std::vector<DialogSnapshot> m_loaded;
};

void TestDialogStoreKamailio::initTestCase()
{
    QString error;
    QVERIFY2(!IntegrationPaths::kamailio(&error).isEmpty(), qPrintable(error));
    QVERIFY2(!IntegrationPaths::sipp(&error).isEmpty(), qPrintable(error));
}

void TestDialogStoreKamailio::kamailioTableLoadsIntoCallDeck()
{
    TestDirectory dir(u"tst_dialogstorekamailio-a"_s);
    QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
    const QString file = dir.filePath(u"kamailio-dialog.sqlite"_s);
    QString error;
    QVERIFY2(KamailioDialogDb::createWithKamailioSql(file, &error), qPrintable(error));
    const quint16 uasPort = FreePort::pick(&error);
    QVERIFY2(uasPort != 0, qPrintable(error));
    KamailioInstance kamailio(
        {.uasPort = uasPort, .helper = false, .extraDefines = KamailioDialogDb::defines(file)});
    QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));

    // Three calls confirmed and held, one that hangs up after half a second.
    SippProcess uas({.scenario = u"uas.xml"_s, .localPort = uasPort, .calls = HeldCalls + 2}, dir.path());
    QVERIFY2(uas.start(), qPrintable(uas.errorString()));
    SippProcess held({.scenario = u"uac_rr_wait_bye.xml"_s,
                      .target = kamailio.sipTarget(),
                      .calls = HeldCalls,
                      .rate = 10,
                      .recvTimeoutMs = 120000},
                     dir.path());
    QVERIFY2(held.start(), qPrintable(held.errorString()));
    SippProcess ended(
        {.scenario = u"uac_rr.xml"_s, .target = kamailio.sipTarget(), .calls = 1, .pauseMs = 500},
        dir.path());
    QVERIFY2(ended.start(), qPrintable(ended.errorString()));
    QVERIFY2(ended.waitForFinished(15000) && ended.successfulCalls() == 1, qPrintable(ended.describe()));
    const QString endedCallId = ended.callId(1);

    // Quiet checkpoint: only the held calls, confirmed; the ended one destroyed (its row deleted).
    QJsonArray kamailioList;
    const QDeadlineTimer quiet(20000);
    auto isQuiet = [&] {
        int confirmed = 0;
        for (const QJsonValue &v : kamailioList)
        {
            confirmed += v.toObject().value(u"state"_s).toInt() == 4;
        }
        return kamailioList.size() == HeldCalls && confirmed == HeldCalls;
    };
    while (kamailioList = dialogList(kamailio, &error), !isQuiet() && !quiet.hasExpired())
    {
        QThread::msleep(200);
    }
    QVERIFY2(isQuiet(),
             qPrintable(u"dlg.list never showed just the %1 held calls: %2 %3\n%4\n%5"_s.arg(HeldCalls).arg(
                 compact(kamailioList), error, held.describe(), kamailio.logErrors().join(u'\n'))));
    QVERIFY(KamailioDialogDb::find(kamailioList, endedCallId).isEmpty());

    // Loaded by CallDeck while Kamailio runs: equal to dlg.list on every stored field.
    DialogStore store;
    QVERIFY2(store.open(file, &error), qPrintable(error));
    const auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    m_loaded = *loaded;
    QString differences = KamailioDialogDb::compareLists(kamailioList, toJson(*loaded));
    QVERIFY2(differences.isEmpty(), qPrintable(u"table vs dlg.list:\n"_s + differences));
    for (const DialogSnapshot &d : *loaded)
    {
        QVERIFY(QString::fromStdString(d.callId) != endedCallId);
        QCOMPARE(d.sflags, std::uint32_t(KamailioDialogDb::ScriptFlags));
        QCOMPARE(QString::fromStdString(d.timeoutRoute), KamailioDialogDb::timeoutRoute());
        QVERIFY2(QString::fromStdString(d.reqUri).startsWith(u"sip:"_s), d.reqUri.c_str());
        QCOMPARE(d.variables.size(), std::size_t(1));
        QCOMPARE(d.profiles.size(), std::size_t(3));
        QCOMPARE(d.initTs, 0u); // not a column: a reload sets it to the load time
    }

    // The raw rows: one per held call; what the table holds that dlg.list does not show (the
    // module's profile puid in xdata, which CallDeck drops), the ended call's rows deleted.
    const QJsonArray rows = KamailioDialogDb::rows(file, u"dialog"_s, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), HeldCalls);
    for (const QJsonValue &v : rows)
    {
        const QJsonObject row = v.toObject();
        QVERIFY(row.value(u"callid"_s).toString() != endedCallId);
        QCOMPARE(row.value(u"toroute_name"_s).toString(), KamailioDialogDb::timeoutRoute());
        QVERIFY2(row.value(u"xdata"_s).toString().contains(u"\"puid\""_s),
                 qPrintable(compact(QJsonArray{row})));
    }
    QCOMPARE(KamailioDialogDb::rows(file, u"dialog_vars"_s, &error).size(), HeldCalls);

    // Restored into CallDeck's core: its dlg.list equals Kamailio's on the stored fields.
    calldeck::core::DialogEngine engine(moduleConfig());
    engine.advanceTo(QDateTime::currentMSecsSinceEpoch() * 1000);
    for (const DialogSnapshot &d : *loaded)
    {
        const auto restored = engine.restore(d);
        QVERIFY2(restored.ok(), restored.ok() ? "" : restored.error().detail.c_str());
    }
    const QJsonArray engineList =
        QJsonDocument::fromJson(QByteArray::fromStdString(engine.listJson())).array();
    differences = KamailioDialogDb::compareLists(kamailioList, engineList);
    QVERIFY2(differences.isEmpty(), qPrintable(u"restored engine vs dlg.list:\n"_s + differences));

    // Kamailio keeps writing while CallDeck holds the file open: a late call's row appears in
    // the next load() and goes with the call.
    SippProcess late({.scenario = u"uac_rr.xml"_s,
                      .target = kamailio.sipTarget(),
                      .name = u"late"_s,
                      .calls = 1,
                      .pauseMs = 2500},
                     dir.path());
    QVERIFY2(late.start(), qPrintable(late.errorString()));
    const auto storedCount = [&store, &error] {
        const auto now = store.load(&error);
        return now ? int(now->size()) : -1;
    };
    const auto waitForCount = [&](int count) {
        const QDeadlineTimer deadline(15000);
        while (storedCount() != count && !deadline.hasExpired())
        {
            QThread::msleep(100);
        }
        return storedCount() == count;
    };
    QVERIFY2(waitForCount(HeldCalls + 1), qPrintable(u"the late call's row never appeared: "_s + error));
    QVERIFY2(late.waitForFinished(15000) && late.successfulCalls() == 1, qPrintable(late.describe()));
    QVERIFY2(waitForCount(HeldCalls), qPrintable(u"the late call's row was never deleted: "_s + error));
    QVERIFY2(kamailio.logErrors().isEmpty(), qPrintable(kamailio.logErrors().join(u'\n')));
}

void TestDialogStoreKamailio::calldeckTableLoadsIntoKamailio()
{
    QVERIFY2(!m_loaded.empty(),
             "kamailioTableLoadsIntoCallDeck loaded no dialogs; (b) writes copies of them");
    TestDirectory dir(u"tst_dialogstorekamailio-b"_s);
    QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
    QString error;
    const quint16 sipPort = FreePort::pick(&error);
    const quint16 rpcPort = FreePort::pick(&error);
    const quint16 uasPort = FreePort::pick(&error);
    QVERIFY2(sipPort && rpcPort && uasPort, qPrintable(error));

    // Copies of the real calls under new Call-IDs and h_ids, their h_entry computed for the
    // config's hash_size, a timeout an hour ahead, on this Kamailio's socket; the last one on a
    // socket Kamailio does not listen on, and one more variable each.
    const std::uint32_t now = nowSeconds();
    const QString socket = u"udp:127.0.0.1:%1"_s.arg(sipPort);
    std::vector<DialogSnapshot> dialogs;
    for (const DialogSnapshot &real : m_loaded)
    {
        DialogSnapshot d = real;
        d.callId += "-calldeck";
        d.hEntry = calldeck::core::kamailioCoreHash(d.callId, HashSize);
        d.hId = 7000 + std::uint32_t(dialogs.size());
        d.startTs = now - 60;
        d.timeout = now + 3600;
        d.lifetime = d.timeout - d.startTs;
        d.caller.socket = d.callee.socket = socket.toStdString();
        d.variables.emplace_back("written-by", "calldeck");
        dialogs.push_back(d);
    }
    dialogs.back().caller.socket = dialogs.back().callee.socket = std::string("udp:127.0.0.1:9");
    dialogs.front().callee.cseq.reset();

    // A fresh file: the tables come from DialogStoreSchema::ensure() (DialogStore::open).
    const QString file = dir.filePath(u"calldeck-dialog.sqlite"_s);
    {
        DialogStore store;
        QVERIFY2(store.open(file, &error), qPrintable(error));
        QVERIFY2(store.write(dialogs, {}, &error), qPrintable(error));
    }
    KamailioInstance kamailio({.uasPort = uasPort,
                               .helper = false,
                               .extraDefines = KamailioDialogDb::defines(file),
                               .sipPort = sipPort,
                               .rpcPort = rpcPort});
    QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));
    const QJsonArray kamailioList = dialogList(kamailio, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // What Kamailio changes at load (reference §8.4, dlg_db_handler.c): a socket it does not
    // listen on is listed as null, an empty cseq as "0" (dlg_set_leg_info); lifetime becomes
    // timeout − start_time, init_ts the load time, dflags 0. Every other stored field comes back.
    QJsonArray expected = toJson(dialogs);
    const auto changeLeg = [&expected](qsizetype i, const QString &leg, const QString &key,
                                       const QJsonValue &v) {
        QJsonObject dialog = expected.at(i).toObject();
        QJsonObject o = dialog.value(leg).toObject();
        o.insert(key, v);
        dialog.insert(leg, o);
        expected.replace(i, dialog);
    };
    changeLeg(expected.size() - 1, u"caller"_s, u"socket"_s, QJsonValue());
    changeLeg(expected.size() - 1, u"callee"_s, u"socket"_s, QJsonValue());
    changeLeg(0, u"callee"_s, u"cseq"_s, u"0"_s);
    const QString differences = KamailioDialogDb::compareLists(expected, kamailioList);
    QVERIFY2(differences.isEmpty(),
             qPrintable(u"written by CallDeck vs Kamailio's dlg.list:\n"_s + differences));
    for (const QJsonValue &v : kamailioList)
    {
        const QJsonObject o = v.toObject();
        // lifetime = the stored timeout − start_time (the listed timeout is rebuilt from ticks)
        QCOMPARE(o.value(u"lifetime"_s).toInteger(), qint64(3660));
        QVERIFY2(o.value(u"init_ts"_s).toInteger() >= now, qPrintable(compact(QJsonArray{o})));
        QCOMPARE(o.value(u"dflags"_s).toInteger(), 0);
    }

    // The profiles came from xdata: dlg.profile_get_size counts them.
    QMap<QPair<QString, QString>, int> counts;
    for (const DialogSnapshot &d : dialogs)
    {
        for (const auto &[name, value] : d.profiles)
        {
            ++counts[{QString::fromStdString(name), value ? QString::fromStdString(*value) : QString()}];
        }
    }
    QVERIFY(!counts.isEmpty());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
    {
        QJsonArray params{it.key().first};
        if (!it.key().second.isEmpty())
        {
            params.append(it.key().second);
        }
        const RpcResult size = kamailio.rpc(u"dlg.profile_get_size"_s, params);
        QVERIFY2(size.ok(), qPrintable(size.describe()));
        QVERIFY2(size.result().toInt() == it.value(),
                 qPrintable(u"dlg.profile_get_size %1: %2 instead of %3"_s.arg(compact(params))
                                .arg(size.result().toInt())
                                .arg(it.value())));
    }
    QVERIFY2(kamailio.logErrors().isEmpty(), qPrintable(kamailio.logErrors().join(u'\n')));
}

void TestDialogStoreKamailio::mirrorStoreLoadsIntoKamailio()
{
    TestDirectory dir(u"tst_dialogstorekamailio-c"_s);
    QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
    const QString file = dir.filePath(u"calldeck-mirror.sqlite"_s);
    CalldeckHeadless calldeck(
        {.extraArguments = {u"--db"_s, u"sqlite:///"_s + file, u"--db-mode"_s, u"1"_s},
         .settingsIni = u"[Mirror]\nProfileRules=\"inbound\\ncaller = $from_user\\n\"\n"_s});
    QVERIFY2(calldeck.start(), qPrintable(calldeck.errorString()));
    QString error;
    const quint16 sipPort = FreePort::pick(&error);
    const quint16 rpcPort = FreePort::pick(&error);
    const quint16 uasPort = FreePort::pick(&error);
    QVERIFY2(sipPort && rpcPort && uasPort, qPrintable(error));

    // The source proxy keeps no table: it only mirrors (siptrace HEPv3) to the collector.
    auto source =
        std::make_unique<KamailioInstance>(KamailioInstance::Options{.uasPort = uasPort,
                                                                     .mirror = calldeck.hepAddress(),
                                                                     .helper = false,
                                                                     .sipPort = sipPort,
                                                                     .rpcPort = rpcPort});
    QVERIFY2(source->start(), qPrintable(source->errorString()));
    SippProcess uas({.scenario = u"uas.xml"_s, .localPort = uasPort, .calls = HeldCalls}, dir.path());
    QVERIFY2(uas.start(), qPrintable(uas.errorString()));
    SippProcess held({.scenario = u"uac_rr_wait_bye.xml"_s,
                      .target = source->sipTarget(),
                      .calls = HeldCalls,
                      .rate = 10,
                      .recvTimeoutMs = 120000},
                     dir.path());
    QVERIFY2(held.start(), qPrintable(held.errorString()));

    // The collector lists the held calls as the proxy does (HEP mirror) ...
    QString mirrorDiff = u"not compared yet"_s;
    const auto mirrorsHeldCalls = [&] {
        const QJsonArray proxy = dialogList(*source, &error);
        mirrorDiff =
            KamailioDialogDb::compareLists(proxy, calldeck.rpc(u"dlg.list"_s).result().toArray(),
                                           {u"sflags"_s, u"variables"_s, u"profiles"_s, u"timeout"_s});
        int confirmed = 0;
        for (const QJsonValue &v : proxy)
        {
            confirmed += v.toObject().value(u"state"_s).toInt() == 4;
        }
        return mirrorDiff.isEmpty() && confirmed == HeldCalls;
    };
    const QDeadlineTimer mirrored(20000);
    while (!mirrorsHeldCalls() && !mirrored.hasExpired())
    {
        QThread::msleep(200);
    }
    QVERIFY2(mirrorsHeldCalls(),
             qPrintable(u"collector vs proxy: "_s + mirrorDiff + u'\n' + held.describe()));
    // ... and, quiet, the proxy lists them confirmed and the collector's table holds them.
    QJsonArray sourceList;
    QJsonArray rows;
    const auto confirmedRows = [&rows] {
        int n = 0;
        for (const QJsonValue &v : rows)
        {
            n += v.toObject().value(u"state"_s).toInt() == 4;
        }
        return n;
    };
    const QDeadlineTimer quiet(20000);
    while (sourceList = dialogList(*source, &error), rows = KamailioDialogDb::rows(file, u"dialog"_s, &error),
           (sourceList.size() != HeldCalls || confirmedRows() != HeldCalls) && !quiet.hasExpired())
    {
        QThread::msleep(200);
    }
    QVERIFY2(sourceList.size() == HeldCalls && confirmedRows() == HeldCalls,
             qPrintable(u"proxy: %1\ncollector's table: %2 %3\n%4"_s.arg(
                 compact(sourceList), compact(rows), error, calldeck.output().right(2000))));

    // The collector stops (its rows stay, as the module's do at shutdown), so does the proxy; a
    // proxy with the same sockets starts on the collector's table.
    QVERIFY2(calldeck.stop(), "calldeck did not stop within 10 s of SIGTERM");
    QCOMPARE(KamailioDialogDb::rows(file, u"dialog"_s, &error).size(), HeldCalls);
    source.reset();
    KamailioInstance loaded({.uasPort = uasPort,
                             .helper = false,
                             .extraDefines = KamailioDialogDb::defines(file),
                             .sipPort = sipPort,
                             .rpcPort = rpcPort});
    QVERIFY2(loaded.start(), qPrintable(loaded.errorString()));
    const QJsonArray loadedList = dialogList(loaded, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // What a mirror cannot know: script flags and variables (never on the wire), the profiles its
    // rules do not give (trunk); the timeout is the collector's own (same default_timeout).
    const QString differences = KamailioDialogDb::compareLists(
        sourceList, loadedList, {u"sflags"_s, u"variables"_s, u"profiles"_s, u"timeout"_s});
    QVERIFY2(differences.isEmpty(),
             qPrintable(u"source proxy vs proxy loaded from CallDeck's table:\n"_s + differences));
    for (const QJsonValue &v : loadedList)
    {
        const QJsonObject o = v.toObject();
        QCOMPARE(o.value(u"variables"_s).toArray().size(), 0);
        QVERIFY2(std::abs(o.value(u"timeout"_s).toInteger() - o.value(u"start_ts"_s).toInteger() - 43200) <=
                     2,
                 qPrintable(compact(QJsonArray{o})));
    }
    const RpcResult inbound = loaded.rpc(u"dlg.profile_get_size"_s, {u"inbound"_s});
    QVERIFY2(inbound.ok() && inbound.result().toInt() == HeldCalls, qPrintable(inbound.describe()));
    const RpcResult caller = loaded.rpc(u"dlg.profile_get_size"_s, {u"caller"_s, u"sipp"_s});
    QVERIFY2(caller.ok() && caller.result().toInt() == HeldCalls, qPrintable(caller.describe()));

    // The loaded dialogs are usable: dlg.end_dlg BYEs both sipp ends through the stored legs, and
    // the module deletes the row. One at a time: db_sqlite 5.6 sets no busy timeout, so two
    // Kamailio processes deleting at the same moment fail with "database is locked".
    for (const QJsonValue &v : loadedList)
    {
        const QJsonObject o = v.toObject();
        const RpcResult end = loaded.rpc(u"dlg.end_dlg"_s, {o.value(u"h_entry"_s), o.value(u"h_id"_s)});
        QVERIFY2(end.ok(), qPrintable(end.describe()));
        const QString callId = o.value(u"call-id"_s).toString();
        const QDeadlineTimer gone(15000);
        const auto rowGone = [&] {
            const QJsonArray now = KamailioDialogDb::rows(file, u"dialog"_s, &error);
            return error.isEmpty() && std::none_of(now.begin(), now.end(), [&callId](const QJsonValue &r) {
                       return r.toObject().value(u"callid"_s).toString() == callId;
                   });
        };
        while (!rowGone() && !gone.hasExpired())
        {
            QThread::msleep(200);
        }
        QVERIFY2(rowGone(), qPrintable(u"the row of %1 stayed after dlg.end_dlg %2"_s.arg(callId, error)));
    }
    QVERIFY2(held.waitForFinished(15000) && held.successfulCalls() == HeldCalls, qPrintable(held.describe()));
    QVERIFY2(uas.waitForFinished(15000) && uas.successfulCalls() == HeldCalls, qPrintable(uas.describe()));
    QVERIFY2(loaded.logErrors().isEmpty(), qPrintable(loaded.logErrors().join(u'\n')));
}

QTEST_GUILESS_MAIN(TestDialogStoreKamailio)
#include "tst_dialogstorekamailio.moc"
