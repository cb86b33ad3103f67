// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #9, the proxy DB feed on a real PostgreSQL 15 server (private data directory and port,
// stopped by PID): dialog tables written by DialogStore are read as a proxy's dialogs (rows
// appear, change, leave); its sessions are read-only; a wrong password and a stopped server
// give errors that say what to do, and the feed recovers when the server is back.
#include <memory>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "backend/dialogstore.h"
#include "backend/proxydbfeed.h"
#include "backend/rpcoutcome.h"
#include "backend/sourceregistry.h"
#include "tests/integration/harness/postgresinstance.h"
#include "tests/support/dialogsamples.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogSnapshot;
using calldeck::integration::PostgresInstance;
using calldeck::testsupport::sampleDialog;

namespace
{

constexpr int WaitMs = 10000;

struct Feed
{
    explicit Feed(const StoreUrl &url)
    {
        origin = sources.add(u"db"_s, u"pg"_s);
        feed = std::make_unique<ProxyDbFeed>(origin, u"pg"_s, url, ProxyDbFeed::Options{200, 400, 2}, sources,
                                             nullptr);
        QObject::connect(feed.get(), &ProxyDbFeed::listingReady, feed.get(),
                         [this](quint16, const std::shared_ptr<const DialogListPayload> &l) { listing = l; });
    }
    QStringList callIds() const
    {
        QStringList out;
        for (const DialogSnapshot &d : listing ? listing->dialogs : std::vector<DialogSnapshot>{})
        {
            out.append(QString::fromStdString(d.callId));
        }
        out.sort();
        return out;
    }
    ProxyStatus::State state() const { return feed->status().state; }
    QString error() const { return feed->status().lastError; }

    SourceRegistry sources;
    quint16 origin = 0;
    std::unique_ptr<ProxyDbFeed> feed;
    std::shared_ptr<const DialogListPayload> listing;
};

QString callId(std::uint32_t n)
{
    return QString::fromStdString(sampleDialog(n).callId);
}

} // namespace

class TestProxyDbFeedPostgres final : public QObject
{
    Q_OBJECT

private slots:
    void readsAndRecovers();
};

void TestProxyDbFeedPostgres::readsAndRecovers()
{
    PostgresInstance server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QString error;
    const std::optional<StoreUrl> url = StoreUrl::parse(server.url(), &error);
    QVERIFY2(url, qPrintable(error));
    DialogStore store;
    QVERIFY2(store.open(*url, &error), qPrintable(error));
    QVERIFY2(store.write({sampleDialog(1), sampleDialog(2)}, {}, &error), qPrintable(error));

    Feed bed(*url);
    bed.feed->start();
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), (QStringList{callId(1), callId(2)}), WaitMs);
    QCOMPARE(bed.state(), ProxyStatus::State::Up);
    const auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(bed.listing->dialogs == *loaded);

    // A change and a delete are seen at the next read.
    DialogSnapshot changed = sampleDialog(1);
    changed.state = 3;
    const DialogSnapshot two = sampleDialog(2);
    QVERIFY2(store.write({changed, sampleDialog(3)}, {{two.hEntry, two.hId}}, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), (QStringList{callId(1), callId(3)}), WaitMs);

    // The feed's sessions are read-only (StoreUrl::Access::ReadOnly): a write is refused by the server.
    {
        QVERIFY2(url->open(u"readonly-check"_s, &error, StoreUrl::Access::ReadOnly), qPrintable(error));
        QSqlQuery q(QSqlDatabase::database(u"readonly-check"_s, false));
        QVERIFY(!q.exec(u"DELETE FROM dialog"_s));
        QVERIFY2(q.lastError().text().contains(u"read-only transaction"_s), qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(u"readonly-check"_s);
    QCOMPARE(store.load(&error)->size(), std::size_t(2));

    // A wrong password: refused, with what to check.
    StoreUrl wrong = *url;
    wrong.password = u"not-the-password"_s;
    Feed refused(wrong);
    refused.feed->start();
    QTRY_COMPARE_WITH_TIMEOUT(refused.state(), ProxyStatus::State::Down, WaitMs);
    QVERIFY2(refused.error().contains(u"password"_s), qPrintable(refused.error()));
    refused.feed->stop();

    // The server stops: stale, then down, with what to do; back: the feed recovers by itself.
    store.close();
    QVERIFY(server.stop());
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(), ProxyStatus::State::Down, WaitMs);
    QVERIFY2(bed.error().contains(u"Check that the server runs"_s), qPrintable(bed.error()));
    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(), ProxyStatus::State::Up, WaitMs);
    QCOMPARE(bed.callIds(), (QStringList{callId(1), callId(3)}));
}

QTEST_GUILESS_MAIN(TestProxyDbFeedPostgres)
#include "tst_proxydbfeedpostgres.moc"
