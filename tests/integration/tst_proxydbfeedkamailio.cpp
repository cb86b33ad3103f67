// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #9, the proxy DB feed against a real Kamailio 5.6 (db_sqlite, dialog db_mode 1, sipp calls):
// a headless CallDeck with --hep off --proxy-db sqlite:///...#kamdb shows exactly the dialogs of
// Kamailio's dlg.list at quiet checkpoints (every field the table keeps, h_entry/h_id included),
// refuses actions on them with the reason and sends nothing, and drops an ended call within the
// read interval + 1 s.
#include <algorithm>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include "tests/integration/harness/calldeckheadless.h"
#include "tests/integration/harness/freeport.h"
#include "tests/integration/harness/integrationpaths.h"
#include "tests/integration/harness/kamailiodialogdb.h"
#include "tests/integration/harness/kamailioinstance.h"
#include "tests/integration/harness/proxyfeedprobe.h"
#include "tests/integration/harness/sippprocess.h"
#include "tests/integration/harness/testdirectory.h"

using namespace Qt::StringLiterals;
using namespace calldeck::integration;

namespace
{

constexpr int HeldCalls = 4;
constexpr int IntervalMs = 2000; // ProxyDbFeed::Options' default, what --proxy-db uses
const QString FeedName = u"kamdb"_s;

QString compact(const QJsonValue &v)
{
    return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

/// The "dialog" objects of CallDeck's rows of the feed; empty with @p error when a row is flagged
/// or its proxy ids are not its dialog's.
QJsonArray feedDialogs(ProxyFeedProbe &probe, QString *error)
{
    QJsonArray out;
    const QJsonArray rows = probe.rows(FeedName, error);
    for (const QJsonValue &v : rows)
    {
        const QJsonObject row = v.toObject();
        const QJsonObject dialog = row.value(u"dialog"_s).toObject();
        if (!row.value(u"flags"_s).toArray().isEmpty() ||
            row.value(u"proxy_h_entry"_s) != dialog.value(u"h_entry"_s) ||
            row.value(u"proxy_h_id"_s) != dialog.value(u"h_id"_s))
        {
            *error = u"a row of the feed is flagged or names other ids: "_s + compact(row);
            return {};
        }
        out.append(dialog);
    }
    return out;
}

/// Call-IDs of the rows of Kamailio's `dialog` table in @p file.
QStringList tableCallIds(const QString &file)
{
    QString error;
    QStringList out;
    for (const QJsonValue &v : KamailioDialogDb::rows(file, u"dialog"_s, &error))
    {
        out.append(v.toObject().value(u"callid"_s).toString());
    }
    return error.isEmpty() ? out : QStringList{u"(unreadable)"_s};
}

/// Waits (at most @p timeoutMs) until none of @p callIds is in Kamailio's table nor in the feed;
/// returns how long the feed took after the last row was deleted, -1 when either never happened.
qint64 leaveLag(const QString &file, ProxyFeedProbe &probe, const QStringList &callIds, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    qint64 tableGone = -1;
    qint64 feedGone = -1;
    auto anyIn = [&callIds](const QStringList &ids) {
        return std::any_of(callIds.begin(), callIds.end(),
                           [&ids](const QString &id) { return ids.contains(id); });
    };
    while (clock.elapsed() < timeoutMs && feedGone < 0)
    {
        const qint64 now = clock.elapsed();
        if (tableGone < 0 && !anyIn(tableCallIds(file)))
        {
            tableGone = now;
        }
        QString error;
        QStringList feedIds;
        for (const QJsonValue &v : feedDialogs(probe, &error))
        {
            feedIds.append(v.toObject().value(u"call-id"_s).toString());
        }
        if (tableGone >= 0 && error.isEmpty() && !anyIn(feedIds))
        {
            feedGone = clock.elapsed();
        }
        QThread::msleep(25);
    }
    qInfo("rows deleted %lld ms after the call ended, gone from the feed %lld ms after that", tableGone,
          feedGone < 0 ? -1 : feedGone - tableGone);
    return feedGone < 0 ? -1 : feedGone - tableGone;
}

} // namespace

class TestProxyDbFeedKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void feedEqualsDlgList();

private:
    /// Empty when CallDeck's feed rows equal Kamailio's dlg.list (@p expected dialogs, all
    /// confirmed) on two looks in a row within @p timeoutMs; else the last difference.
    QString waitQuietEqual(KamailioInstance &kamailio, ProxyFeedProbe &probe, int expected, int timeoutMs);
};

void TestProxyDbFeedKamailio::initTestCase()
{
    QString error;
    QVERIFY2(!IntegrationPaths::kamailio(&error).isEmpty(), qPrintable(error));
    QVERIFY2(!IntegrationPaths::sipp(&error).isEmpty(), qPrintable(error));
}

QString TestProxyDbFeedKamailio::waitQuietEqual(KamailioInstance &kamailio, ProxyFeedProbe &probe,
                                                const int expected, const int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QString last = u"never looked"_s;
    int equalLooks = 0;
    while (!deadline.hasExpired())
    {
        const RpcResult k = kamailio.rpc(u"dlg.list"_s, {}, 10000);
        QString error;
        const QJsonArray feed = feedDialogs(probe, &error);
        const QJsonArray list = k.result().toArray();
        int confirmed = 0;
        for (const QJsonValue &v : list)
        {
            confirmed += v.toObject().value(u"state"_s).toInt() == 4;
        }
        bool equal = false;
        if (!k.ok())
        {
            last = u"Kamailio's dlg.list failed: "_s + k.describe();
        }
        else if (!error.isEmpty())
        {
            last = error;
        }
        else if (list.size() != expected || confirmed != expected)
        {
            last = u"Kamailio lists %1 dialogs, %2 confirmed (waiting for %3)"_s.arg(list.size())
                       .arg(confirmed)
                       .arg(expected);
        }
        else if (const QString diff = KamailioDialogDb::compareLists(list, feed); !diff.isEmpty())
        {
            last = u"feed vs dlg.list:\n"_s + diff;
        }
        else
        {
            equal = true;
        }
        equalLooks = equal ? equalLooks + 1 : 0;
        if (equalLooks >= 2)
        {
            return {};
        }
        QThread::msleep(300);
    }
    return last;
}

void TestProxyDbFeedKamailio::feedEqualsDlgList()
{
    TestDirectory dir(u"tst_proxydbfeedkamailio"_s);
    QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
    const QString file = dir.filePath(u"kamailio-dialog.sqlite"_s);
    QString error;
    QVERIFY2(KamailioDialogDb::createWithKamailioSql(file, &error), qPrintable(error));
    // WAL, as the feed advises: Kamailio 5.6's db_sqlite waits for no lock, so with the rollback
    // journal a write that meets a reader fails. The mode is kept in the file; Kamailio follows it.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"wal"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA journal_mode=WAL"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
    }
    QSqlDatabase::removeDatabase(u"wal"_s);
    const quint16 uasPort = FreePort::pick(&error);
    QVERIFY2(uasPort != 0, qPrintable(error));
    KamailioInstance kamailio(
        {.uasPort = uasPort, .helper = false, .extraDefines = KamailioDialogDb::defines(file)});
    QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));

    CalldeckHeadless calldeck(
        {.mirror = false, .extraArguments = {u"--proxy-db"_s, u"sqlite://%1#%2"_s.arg(file, FeedName)}});
    QVERIFY2(calldeck.start(), qPrintable(calldeck.errorString() + u'\n' + calldeck.output()));
    ProxyFeedProbe probe(calldeck);
    {
        const QDeadlineTimer up(5000);
        while (probe.proxyState(FeedName) != u"up"_s && !up.hasExpired())
        {
            QThread::msleep(100);
        }
        const QJsonObject status = probe.proxyStatus(FeedName, &error);
        QVERIFY2(status.value(u"state"_s).toString() == u"up"_s, qPrintable(compact(status) + error));
        QCOMPARE(status.value(u"dialogs"_s).toInt(), 0);
        QCOMPARE(status.value(u"actions"_s).toArray().size(), 0);
        const RpcResult sources = calldeck.rpc(u"calldeck.sources"_s);
        bool listed = false;
        for (const QJsonValue &v : sources.result().toArray())
        {
            listed = listed || (v.toObject().value(u"kind"_s).toString() == u"db"_s &&
                                v.toObject().value(u"label"_s).toString() == FeedName);
        }
        QVERIFY2(listed, qPrintable(sources.describe()));
    }

    // Held calls, confirmed; the feed shows them exactly as dlg.list does.
    SippProcess uas({.scenario = u"uas.xml"_s, .localPort = uasPort, .calls = HeldCalls + 2}, dir.path());
    QVERIFY2(uas.start(), qPrintable(uas.errorString()));
    SippProcess held({.scenario = u"uac_rr_wait_bye.xml"_s,
                      .target = kamailio.sipTarget(),
                      .calls = HeldCalls,
                      .rate = 10,
                      .recvTimeoutMs = 120000},
                     dir.path());
    QVERIFY2(held.start(), qPrintable(held.errorString()));
    QString diff = waitQuietEqual(kamailio, probe, HeldCalls, 15000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + u'\n' + held.describe()));

    // No action on them: refused with the reason, nothing sent (Kamailio still lists the call).
    const QJsonObject first = kamailio.rpc(u"dlg.list"_s).result().toArray().at(0).toObject();
    const RpcResult end = calldeck.rpc(u"dlg.end_dlg"_s, {first.value(u"h_entry"_s), first.value(u"h_id"_s)});
    QVERIFY2(!end.ok() && end.rpcError().value(u"code"_s).toInt() == 501 &&
                 end.rpcError().value(u"message"_s).toString().contains(u"dialog database"_s),
             qPrintable(end.describe()));
    const RpcResult terminate =
        calldeck.rpc(u"dlg.terminate_dlg"_s,
                     {first.value(u"call-id"_s), first.value(u"caller"_s).toObject().value(u"tag"_s),
                      first.value(u"callee"_s).toObject().value(u"tag"_s)});
    QVERIFY2(!terminate.ok() && terminate.rpcError().value(u"code"_s).toInt() == 501,
             qPrintable(terminate.describe()));
    QThread::msleep(500);
    QVERIFY(!KamailioDialogDb::find(kamailio.rpc(u"dlg.list"_s).result().toArray(),
                                    first.value(u"call-id"_s).toString())
                 .isEmpty());

    // A call that ends by itself: in the feed while it lasts, gone within the interval + 1 s of
    // its BYE being answered.
    SippProcess ended({.scenario = u"uac_rr.xml"_s,
                       .target = kamailio.sipTarget(),
                       .name = u"ended"_s,
                       .calls = 1,
                       .pauseMs = 5000},
                      dir.path());
    QVERIFY2(ended.start(), qPrintable(ended.errorString()));
    diff = waitQuietEqual(kamailio, probe, HeldCalls + 1, 4500);
    QVERIFY2(diff.isEmpty(), qPrintable(u"the ended call's dialog never matched: "_s + diff));
    const QString endedCallId = ended.callId(1);
    QVERIFY2(ended.waitForFinished(15000) && ended.successfulCalls() == 1, qPrintable(ended.describe()));
    // Kamailio deletes the row when it destroys the dialog, which waits for the BYE transaction to
    // end (several seconds after the BYE): the feed can only follow the table, so its delay is
    // measured from the row's deletion.
    const qint64 lag = leaveLag(file, probe, {endedCallId}, 20000);
    QVERIFY2(lag >= 0 && lag <= IntervalMs + 1000,
             qPrintable(u"the ended call left the feed %1 ms after its row (-1: never)"_s.arg(lag)));
    diff = waitQuietEqual(kamailio, probe, HeldCalls, 6000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // The held calls ended by Kamailio (dlg.end_dlg), one after the other (its workers do not wait
    // for each other's SQLite locks either): each gone from the feed in time as well.
    const QJsonArray heldList = kamailio.rpc(u"dlg.list"_s).result().toArray();
    QCOMPARE(heldList.size(), HeldCalls);
    for (const QJsonValue &v : heldList)
    {
        const QJsonObject d = v.toObject();
        const RpcResult bye = kamailio.rpc(u"dlg.end_dlg"_s, {d.value(u"h_entry"_s), d.value(u"h_id"_s)});
        QVERIFY2(bye.ok(), qPrintable(bye.describe()));
        const qint64 left = leaveLag(file, probe, {d.value(u"call-id"_s).toString()}, 20000);
        QVERIFY2(left >= 0 && left <= IntervalMs + 1000,
                 qPrintable(
                     u"a held call left the feed %1 ms after its row (-1: never); table %2; dlg.list %3"_s
                         .arg(left)
                         .arg(tableCallIds(file).join(u' '), compact(kamailio.rpc(u"dlg.list"_s).result()))));
    }
    QVERIFY(probe.rows(FeedName).isEmpty());
    QCOMPARE(probe.proxyState(FeedName), u"up"_s);
    QVERIFY2(kamailio.logErrors().isEmpty(), qPrintable(kamailio.logErrors().join(u'\n')));
    held.waitForFinished(10000);
}

QTEST_GUILESS_MAIN(TestProxyDbFeedKamailio)
#include "tst_proxydbfeedkamailio.moc"
