// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyDbFeed on an SQLite file written by DialogStore: rows appear, change and disappear at the
// next read; a missing file, missing tables, a wrong schema version, a locked file and a file that
// is no database each give the error that says what to do, change nothing, and the feed recovers
// when the database is fixed.
#include <algorithm>
#include <memory>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "backend/core/dialogdbrow.h"
#include "backend/dialogstore.h"
#include "backend/proxydbconfig.h"
#include "backend/proxydbfeed.h"
#include "backend/rpcoutcome.h"
#include "backend/sourceregistry.h"
#include "tests/support/dialogsamples.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogSnapshot;

namespace
{

constexpr int WaitMs = 5000;

/// One feed on one file, with the last listing and the count of failed reads.
struct Bed
{
    explicit Bed(const QString &path, int intervalMs = 150)
    {
        ProxyDbFeed::Options options;
        options.intervalMs = intervalMs;
        options.maxIntervalMs = 2 * intervalMs;
        options.downAfterErrors = 2;
        origin = sources.add(u"db"_s, u"kam1"_s);
        feed = std::make_unique<ProxyDbFeed>(origin, u"kam1"_s, StoreUrl::sqliteFile(path), options, sources,
                                             nullptr);
        QObject::connect(feed.get(), &ProxyDbFeed::listingReady, feed.get(),
                         [this](quint16, const std::shared_ptr<const DialogListPayload> &l) {
                             listing = l;
                             ++listings;
                         });
        QObject::connect(feed.get(), &ProxyDbFeed::unreachable, feed.get(), [this](quint16) { ++failures; });
    }
    /// The dialogs of the last listing, by call-id.
    QStringList callIds() const
    {
        QStringList out;
        if (listing)
        {
            for (const DialogSnapshot &d : listing->dialogs)
            {
                out.append(QString::fromStdString(d.callId));
            }
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
    int listings = 0;
    int failures = 0;
};

/// A plain connection of the test's own on @p path (not through StoreUrl).
class Raw
{
public:
    explicit Raw(const QString &path)
        : m_name(u"raw-%1"_s.arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Raw()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql, QString *error = nullptr)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        const bool ok = q.exec(sql);
        if (!ok && error)
        {
            *error = q.lastError().text();
        }
        return ok;
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    QStringList tables() { return QSqlDatabase::database(m_name, false).tables(); }

private:
    static inline int s_count = 0;
    QString m_name;
};

bool writeStore(const QString &path, const std::vector<DialogSnapshot> &upserts,
                const std::vector<std::pair<std::uint32_t, std::uint32_t>> &deleted = {})
{
    DialogStore store;
    QString error;
    if (!store.open(path, &error) || !store.write(upserts, deleted, &error))
    {
        qWarning().noquote() << error;
        return false;
    }
    return true;
}

QString callId(std::uint32_t n)
{
    return QString::fromStdString(calldeck::testsupport::sampleDialog(n).callId);
}

} // namespace

class TestProxyDbFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void parsesSpecs();
    void rowsAppearChangeAndDisappear();
    void missingFileIsNotCreated();
    void missingTablesAreNotCreated();
    void wrongSchemaVersion();
    void lockedFile();
    void notADatabase();
};

void TestProxyDbFeed::parsesSpecs()
{
    QString error;
    auto a = ProxyDbConfig::parse(u"sqlite:///var/lib/kamailio/kamailio.sqlite"_s, &error);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(a->name, u"kamailio.sqlite"_s);
    QCOMPARE(a->url.path, u"/var/lib/kamailio/kamailio.sqlite"_s);
    auto b = ProxyDbConfig::parse(u"postgresql://kam:pw@db1:5433/kamailio#edge 1"_s, &error);
    QVERIFY2(b, qPrintable(error));
    QCOMPARE(b->name, u"edge 1"_s);
    QCOMPARE(b->url.kind, StoreUrl::Kind::PostgreSql);
    QCOMPARE(b->url.port, 5433);
    QCOMPARE(b->url.password, u"pw"_s);
    auto c = ProxyDbConfig::parse(u"postgresql://db1/kamailio"_s, &error);
    QVERIFY(c);
    QCOMPARE(c->name, u"db1:5432/kamailio"_s);
    QVERIFY(!ProxyDbConfig::parse(u"sqlite:///x.db#"_s, &error));
    QVERIFY(error.contains(u"no name"_s));
    QVERIFY(!ProxyDbConfig::parse(u"mysql://h/db"_s, &error));
    QVERIFY2(error.contains(u"sqlite:///"_s) && error.contains(u"postgresql://"_s), qPrintable(error));
}

void TestProxyDbFeed::rowsAppearChangeAndDisappear()
{
    QVERIFY(m_dir.isValid());
    const QString file = path(u"rows.sqlite"_s);
    QVERIFY(
        writeStore(file, {calldeck::testsupport::sampleDialog(1), calldeck::testsupport::sampleDialog(2)}));
    Bed bed(file);
    bed.feed->start();
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), (QStringList{callId(1), callId(2)}), WaitMs);
    QCOMPARE(bed.state(), ProxyStatus::State::Up);
    QCOMPARE(bed.sources.source(bed.origin).state, SourceHealth::State::Running);
    QCOMPARE(bed.sources.source(bed.origin).proxy->dialogs, 2);
    // Exactly what the table keeps: the store's own reload gives the same snapshots.
    {
        DialogStore store;
        QString error;
        QVERIFY2(store.open(file, &error), qPrintable(error));
        const auto loaded = store.load(&error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(bed.listing->dialogs.size(), loaded->size());
        for (std::size_t i = 0; i < loaded->size(); ++i)
        {
            QVERIFY(bed.listing->dialogs[i] == (*loaded)[i]);
        }
    }
    // Fields the table lacks stay absent, never invented.
    for (const DialogSnapshot &d : bed.listing->dialogs)
    {
        QCOMPARE(d.ref, 0u);
        QCOMPARE(d.initTs, 0u);
        QCOMPARE(d.endTs, 0u);
        QCOMPARE(d.dflags, 0u);
        QCOMPARE(d.duration, 0);
        QVERIFY(!d.variables.empty());
    }
    QCOMPARE(bed.listing->profileNames.isEmpty(), false);

    // A change and a delete are seen at the next read; a new row appears.
    DialogSnapshot changed = calldeck::testsupport::sampleDialog(1);
    changed.state = 3;
    changed.caller.cseq = "77";
    changed.variables.emplace_back("moved", "yes");
    const DialogSnapshot two = calldeck::testsupport::sampleDialog(2);
    QVERIFY(writeStore(file, {changed, calldeck::testsupport::sampleDialog(3)}, {{two.hEntry, two.hId}}));
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), (QStringList{callId(1), callId(3)}), WaitMs);
    const auto &dialogs = bed.listing->dialogs;
    const auto it = std::find_if(dialogs.begin(), dialogs.end(),
                                 [&](const DialogSnapshot &d) { return d.callId == changed.callId; });
    QVERIFY(it != dialogs.end());
    QCOMPARE(int(it->state), 3);
    QCOMPARE(it->caller.cseq.value_or(""), std::string("77"));
    QVERIFY(std::find(it->variables.begin(), it->variables.end(),
                      std::pair<std::string, std::string>("moved", "yes")) != it->variables.end());

    // Everything gone: an empty listing (not a failure).
    const DialogSnapshot three = calldeck::testsupport::sampleDialog(3);
    QVERIFY(writeStore(file, {}, {{changed.hEntry, changed.hId}, {three.hEntry, three.hId}}));
    QTRY_VERIFY_WITH_TIMEOUT(bed.listing && bed.listing->dialogs.empty(), WaitMs);
    QCOMPARE(bed.failures, 0);
    QCOMPARE(bed.state(), ProxyStatus::State::Up);
    QCOMPARE(bed.feed->status().consecutiveErrors, 0);
}

void TestProxyDbFeed::missingFileIsNotCreated()
{
    const QString file = path(u"later/missing.sqlite"_s);
    Bed bed(file);
    bed.feed->start();
    QTRY_VERIFY_WITH_TIMEOUT(bed.state() == ProxyStatus::State::Down, WaitMs);
    QVERIFY2(bed.error().contains(u"does not exist"_s) && bed.error().contains(u"Check the path"_s),
             qPrintable(bed.error()));
    QCOMPARE(bed.sources.source(bed.origin).state, SourceHealth::State::Failed);
    QVERIFY(bed.failures >= 2);
    QCOMPARE(bed.listings, 0);
    // Backoff: the interval grew, capped at maxIntervalMs.
    QCOMPARE(bed.feed->status().intervalMs, 300);
    QVERIFY(!QFile::exists(file)); // read-only: nothing was created
    QVERIFY(!QFile::exists(path(u"later"_s)));
    // Fixed: the file appears and the feed recovers at its next read.
    QVERIFY(QDir().mkpath(path(u"later"_s)));
    QVERIFY(writeStore(file, {calldeck::testsupport::sampleDialog(5)}));
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), QStringList{callId(5)}, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(), ProxyStatus::State::Up, WaitMs);
    QCOMPARE(bed.feed->status().intervalMs, 150);
}

void TestProxyDbFeed::missingTablesAreNotCreated()
{
    const QString file = path(u"empty.sqlite"_s);
    {
        Raw raw(file);
        QVERIFY(raw.exec(u"CREATE TABLE other (x INTEGER)"_s));
    }
    Bed bed(file);
    bed.feed->start();
    QTRY_VERIFY_WITH_TIMEOUT(bed.failures >= 1, WaitMs);
    QVERIFY2(bed.error().contains(u"no 'version' table"_s) && bed.error().contains(u"never created"_s) &&
                 bed.error().contains(u"db_url"_s),
             qPrintable(bed.error()));
    bed.feed->stop();
    Raw raw(file);
    QCOMPARE(raw.tables(), QStringList{u"other"_s});
}

void TestProxyDbFeed::wrongSchemaVersion()
{
    const QString file = path(u"version.sqlite"_s);
    QVERIFY(writeStore(file, {calldeck::testsupport::sampleDialog(7)}));
    {
        Raw raw(file);
        QVERIFY(raw.exec(u"UPDATE version SET table_version = 6 WHERE table_name = 'dialog'"_s));
    }
    Bed bed(file);
    bed.feed->start();
    QTRY_VERIFY_WITH_TIMEOUT(bed.state() == ProxyStatus::State::Down, WaitMs);
    QVERIFY2(bed.error().contains(u"version 6"_s) && bed.error().contains(u"needs version 7"_s),
             qPrintable(bed.error()));
    QCOMPARE(bed.listings, 0);
    {
        Raw raw(file);
        QCOMPARE(raw.value(u"SELECT table_version FROM version WHERE table_name = 'dialog'"_s).toInt(), 6);
        QVERIFY(raw.exec(u"UPDATE version SET table_version = 7 WHERE table_name = 'dialog'"_s));
    }
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), QStringList{callId(7)}, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(), ProxyStatus::State::Up, WaitMs);
}

void TestProxyDbFeed::lockedFile()
{
    // Kamailio's db_sqlite keeps the rollback journal (no WAL): a writer's EXCLUSIVE lock keeps
    // readers out. Held here longer than the reader's 1 s busy timeout.
    const QString file = path(u"locked.sqlite"_s);
    QVERIFY(writeStore(file, {calldeck::testsupport::sampleDialog(8)}));
    Raw raw(file);
    QString error;
    QVERIFY2(raw.exec(u"PRAGMA journal_mode=DELETE"_s, &error), qPrintable(error));
    QCOMPARE(raw.value(u"PRAGMA journal_mode"_s).toString(), u"delete"_s);
    Bed bed(file);
    bed.feed->start();
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), QStringList{callId(8)}, WaitMs);
    QVERIFY2(raw.exec(u"BEGIN EXCLUSIVE"_s, &error), qPrintable(error));
    const int before = bed.failures;
    QTRY_VERIFY_WITH_TIMEOUT(bed.failures > before, WaitMs);
    QVERIFY2(bed.error().contains(u"locked"_s) && bed.error().contains(u"transaction open"_s),
             qPrintable(bed.error()));
    QVERIFY(bed.state() != ProxyStatus::State::Up);
    QVERIFY(raw.exec(u"COMMIT"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(), ProxyStatus::State::Up, 3 * WaitMs);
    QCOMPARE(bed.callIds(), QStringList{callId(8)});
}

void TestProxyDbFeed::notADatabase()
{
    const QString file = path(u"garbage.sqlite"_s);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    Bed bed(file);
    bed.feed->start();
    QTRY_VERIFY_WITH_TIMEOUT(bed.failures >= 1, WaitMs);
    QVERIFY2(bed.error().contains(u"not an SQLite database"_s), qPrintable(bed.error()));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(8192, 'x')); // untouched
    }
    QVERIFY(QFile::remove(file));
    QVERIFY(writeStore(file, {calldeck::testsupport::sampleDialog(9)}));
    QTRY_COMPARE_WITH_TIMEOUT(bed.callIds(), QStringList{callId(9)}, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(), ProxyStatus::State::Up, WaitMs);
}

QTEST_GUILESS_MAIN(TestProxyDbFeed)
#include "tst_proxydbfeed.moc"
