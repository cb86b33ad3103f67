// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStore on a real PostgreSQL 15 server started by the test (issue #9): the tables are made
// and verified, dialogs written, updated, deleted and cleared load back equal, h_id and flags of
// 2^31 and more survive as Kamailio stores them, a failing batch leaves the tables as they were,
// our tables equal those of Kamailio's db_postgres script, and a wrong password or a stopped
// server give errors that say what to do. Prints the time of a 10 000-dialog batch.
#include <csignal>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "backend/dialogstore.h"
#include "backend/storeurl.h"
#include "tests/integration/harness/postgresinstance.h"
#include "tests/support/dialogsamples.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogSnapshot;
using calldeck::integration::PostgresInstance;
using calldeck::testsupport::sameRows;
using calldeck::testsupport::sampleDialog;

namespace
{

const QString KamailioScripts = u"/usr/share/kamailio/postgres/"_s;

QStringList view(const std::vector<DialogSnapshot> &dialogs)
{
    QStringList out;
    for (const std::string &line : calldeck::testsupport::tableView(dialogs))
    {
        out.append(QString::fromStdString(line));
    }
    return out;
}

std::vector<DialogSnapshot> samples(std::uint32_t first, std::uint32_t last)
{
    std::vector<DialogSnapshot> out;
    for (std::uint32_t n = first; n <= last; ++n)
    {
        out.push_back(sampleDialog(n));
    }
    return out;
}

} // namespace

class TestDialogStorePostgres final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void ensureCreatesThenVerifies();
    void writeUpdateDeleteReload();
    void highIdsAndFlags();
    void failingBatchKeepsTables();
    void clearEmptiesBothTables();
    void tablesEqualKamailios();
    void batchOf10000();
    void wrongPasswordSaysWhatToDo();
    void stoppedServerSaysWhatToDo();
    void cleanupTestCase();

private:
    StoreUrl url(const QString &database = QString(), const QString &password = QString()) const;
    /// psql's tuples-only output of @p sql as the superuser, one row a line ('|' between columns).
    QStringList query(const QString &sql, const QString &database = QString());

    std::unique_ptr<PostgresInstance> m_pg;
};

StoreUrl TestDialogStorePostgres::url(const QString &database, const QString &password) const
{
    QString error;
    auto parsed = StoreUrl::parse(m_pg->url(), &error);
    Q_ASSERT(parsed);
    if (!database.isEmpty())
    {
        parsed->database = database;
    }
    if (!password.isEmpty())
    {
        parsed->password = password;
    }
    return *parsed;
}

QStringList TestDialogStorePostgres::query(const QString &sql, const QString &database)
{
    QString output;
    if (!m_pg->runSql(sql, &output, database))
    {
        return {u"error: "_s + m_pg->errorString()};
    }
    return output.split(u'\n', Qt::SkipEmptyParts);
}

void TestDialogStorePostgres::initTestCase()
{
    m_pg = std::make_unique<PostgresInstance>();
    QVERIFY2(m_pg->start(), qPrintable(m_pg->errorString()));
    qInfo().noquote() << u"PostgreSQL on %1 (PID %2)"_s.arg(url().display()).arg(m_pg->pid());
}

void TestDialogStorePostgres::init()
{
    QVERIFY2(m_pg->isRunning(), "the server of the test stopped");
    QVERIFY2(m_pg->runSql(u"DROP TABLE IF EXISTS dialog, dialog_vars, version CASCADE"_s),
             qPrintable(m_pg->errorString()));
}

void TestDialogStorePostgres::ensureCreatesThenVerifies()
{
    QString error;
    {
        DialogStore store;
        QVERIFY2(store.open(url(), &error), qPrintable(error));
    }
    QCOMPARE(query(u"SELECT table_name, table_version FROM version ORDER BY table_name"_s),
             (QStringList{u"dialog|7"_s, u"dialog_vars|1"_s, u"version|1"_s}));
    QCOMPARE(query(u"SELECT tableowner FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"_s),
             (QStringList{u"calldeck"_s, u"calldeck"_s, u"calldeck"_s}));
    // a second open verifies what is there and changes nothing
    DialogStore again;
    QVERIFY2(again.open(url(), &error), qPrintable(error));
    QCOMPARE(query(u"SELECT count(*) FROM version"_s), QStringList{u"3"_s});
    again.close();
    // a table of another version is refused, with what to do
    QCOMPARE(query(u"UPDATE version SET table_version = 6 WHERE table_name = 'dialog'"_s), QStringList());
    QVERIFY(!again.open(url(), &error));
    QVERIFY2(error.contains(u"version 6"_s) && error.contains(u"kamdbctl"_s), qPrintable(error));
    QVERIFY(!again.isOpen());
}

void TestDialogStorePostgres::writeUpdateDeleteReload()
{
    std::vector<DialogSnapshot> expected = samples(1, 12);
    QString error;
    {
        DialogStore store;
        QVERIFY2(store.open(url(), &error), qPrintable(error));
        QVERIFY2(store.write(expected, {}, &error), qPrintable(error));
        auto loaded = store.load(&error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(view(*loaded), view(expected));

        // updates: state, timeout, cseq, contact, flags, a variable changed, variables and profiles gone
        std::vector<DialogSnapshot> updates;
        for (std::uint32_t n : {2u, 5u, 7u})
        {
            DialogSnapshot d = sampleDialog(n);
            d.state = 5;
            d.timeout += 600;
            d.caller.cseq = "102";
            d.callee.contact = "<sip:bob@192.0.2.9>";
            d.sflags = 77;
            d.variables = {{"account", "changed"}};
            if (n == 7)
            {
                d.variables.clear();
                d.profiles.clear();
            }
            updates.push_back(d);
            expected[n - 1] = d;
        }
        // a to_tag-less, route-set-less dialog: NULLs and '' as Kamailio writes them
        DialogSnapshot bare = sampleDialog(20);
        bare.callee.tag.reset();
        bare.caller.routeSet.reset();
        bare.timeoutRoute.clear();
        bare.profiles.clear();
        updates.push_back(bare);
        expected.push_back(bare);
        QVERIFY2(store.write(updates, {{sampleDialog(3).hEntry, 3}, {sampleDialog(9).hEntry, 9}}, &error),
                 qPrintable(error));
        std::erase_if(expected, [](const DialogSnapshot &d) { return d.hId == 3 || d.hId == 9; });
    }
    DialogStore reopened;
    QVERIFY2(reopened.open(url(), &error), qPrintable(error));
    auto loaded = reopened.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->size(), std::size_t(11));
    QCOMPARE(view(*loaded), view(expected));
    QVERIFY(sameRows(*loaded, expected));
    // one row per dialog (an UPDATE, not a second INSERT), no orphan variable rows
    QCOMPARE(query(u"SELECT (SELECT count(*) FROM dialog), (SELECT count(*) FROM dialog_vars)"_s),
             QStringList{u"11|%1"_s.arg(2 * 7 + 1 * 2 + 2)});
    QCOMPARE(query(u"SELECT to_tag = '', caller_route_set IS NULL, toroute_name IS NULL, xdata IS NULL "
                   "FROM dialog WHERE hash_id = 20"_s),
             QStringList{u"t|t|t|t"_s});
}

void TestDialogStorePostgres::highIdsAndFlags()
{
    DialogStore store;
    QString error;
    QVERIFY2(store.open(url(), &error), qPrintable(error));
    DialogSnapshot high = sampleDialog(5);
    high.hEntry = 0xFFFFFFFFu;
    high.hId = 3000000000u;
    high.sflags = 0x80000001u;
    high.iflags = 0xFFFFFFFFu;
    QVERIFY2(store.write({sampleDialog(1), high}, {}, &error), qPrintable(error));
    // INTEGER is 32-bit signed here: Kamailio's db_postgres writes these as the C ints they are.
    QCOMPARE(
        query(
            u"SELECT hash_entry, hash_id, sflags, iflags FROM dialog WHERE callid = 'call-5@pc33.example.com'"_s),
        QStringList{u"-1|-1294967296|-2147483647|-1"_s});
    QCOMPARE(query(u"SELECT DISTINCT hash_id FROM dialog_vars WHERE hash_entry = -1"_s),
             QStringList{u"-1294967296"_s});
    auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(view(*loaded), view({sampleDialog(1), high}));
    QCOMPARE(loaded->back().hId, 3000000000u); // ordered as unsigned
    QCOMPARE(loaded->back().iflags, 0xFFFFFFFFu);
    high.state = 5;
    QVERIFY2(store.write({high}, {}, &error), qPrintable(error));
    QCOMPARE(query(u"SELECT count(*), max(state) FROM dialog WHERE hash_id = -1294967296"_s),
             QStringList{u"1|5"_s});
    QVERIFY2(store.write({}, {{high.hEntry, high.hId}}, &error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(view(*loaded), view({sampleDialog(1)}));
    QCOMPARE(query(u"SELECT count(*) FROM dialog_vars WHERE hash_entry = -1"_s), QStringList{u"0"_s});
}

void TestDialogStorePostgres::failingBatchKeepsTables()
{
    DialogStore store;
    QString error;
    QVERIFY2(store.open(url(), &error), qPrintable(error));
    const std::vector<DialogSnapshot> before = {sampleDialog(1), sampleDialog(2)};
    QVERIFY2(store.write(before, {}, &error), qPrintable(error));
    QVERIFY2(
        m_pg->runSql(
            u"CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN "
            "IF NEW.dialog_key = 'boom' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; "
            "END $$ LANGUAGE plpgsql; "
            "CREATE TRIGGER refuse BEFORE INSERT ON dialog_vars FOR EACH ROW EXECUTE FUNCTION refuse_boom()"_s),
        qPrintable(m_pg->errorString()));
    DialogSnapshot changed = sampleDialog(1);
    changed.state = 5;
    DialogSnapshot bad = sampleDialog(3);
    bad.variables.emplace_back("boom", "x");
    // an update, a refused variable row, then a delete that never runs
    QVERIFY(!store.write({changed, sampleDialog(4), bad, sampleDialog(5)}, {{sampleDialog(2).hEntry, 2}},
                         &error));
    QVERIFY2(error.contains(u"boom refused"_s) && error.contains(u"Nothing was written"_s) &&
                 error.contains(u"103:3"_s),
             qPrintable(error));
    auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, before));

    // A Call-ID longer than the column's 255 characters: PostgreSQL refuses what SQLite would keep.
    DialogSnapshot tooLong = sampleDialog(6);
    tooLong.callId = std::string(300, 'c') + "@example.com";
    error.clear();
    QVERIFY(!store.write({changed, tooLong}, {}, &error));
    QVERIFY2(error.contains(u"dialog.callid has 312 characters, the column holds 255"_s) &&
                 error.contains(u"ALTER TABLE dialog ALTER COLUMN callid TYPE VARCHAR(510)"_s) &&
                 error.contains(u"102:6"_s) && error.contains(u"Nothing was written"_s),
             qPrintable(error));
    // A widened column takes it: the widths are those of the table, read when the store opens.
    QVERIFY2(m_pg->runSql(u"ALTER TABLE dialog ALTER COLUMN callid TYPE VARCHAR(512)"_s),
             qPrintable(m_pg->errorString()));
    DialogStore widened;
    QVERIFY2(widened.open(url(), &error), qPrintable(error));
    QVERIFY2(widened.write({tooLong}, {}, &error), qPrintable(error));
    QVERIFY2(widened.write({}, {{tooLong.hEntry, tooLong.hId}}, &error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, before));

    // the aborted transactions leave the connection usable: the next batch goes through
    QVERIFY2(store.write({changed}, {{sampleDialog(2).hEntry, 2}}, &error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, {changed}));
    QVERIFY2(m_pg->runSql(u"DROP FUNCTION refuse_boom CASCADE"_s), qPrintable(m_pg->errorString()));
}

void TestDialogStorePostgres::clearEmptiesBothTables()
{
    DialogStore store;
    QString error;
    QVERIFY2(store.open(url(), &error), qPrintable(error));
    const std::vector<DialogSnapshot> three = samples(1, 3);
    QVERIFY2(store.write(three, {}, &error), qPrintable(error));
    // a refused DELETE of dialog_vars, after the one of dialog: both tables stay as they were
    QVERIFY2(
        m_pg->runSql(
            u"CREATE FUNCTION keep_tenant() RETURNS trigger AS $$ BEGIN "
            "IF OLD.dialog_key = 'tenant' THEN RAISE EXCEPTION 'tenant kept'; END IF; RETURN OLD; "
            "END $$ LANGUAGE plpgsql; "
            "CREATE TRIGGER keep BEFORE DELETE ON dialog_vars FOR EACH ROW EXECUTE FUNCTION keep_tenant()"_s),
        qPrintable(m_pg->errorString()));
    QVERIFY(!store.clear(&error));
    QVERIFY2(error.contains(u"tenant kept"_s) && error.contains(u"Nothing was deleted"_s), qPrintable(error));
    auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, three));

    QVERIFY2(m_pg->runSql(u"DROP FUNCTION keep_tenant CASCADE"_s), qPrintable(m_pg->errorString()));
    QVERIFY2(store.clear(&error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded && loaded->empty(), qPrintable(error));
    QCOMPARE(query(u"SELECT (SELECT count(*) FROM dialog), (SELECT count(*) FROM dialog_vars), "
                   "(SELECT count(*) FROM version)"_s),
             QStringList{u"0|0|3"_s});
    QVERIFY2(store.write({sampleDialog(4)}, {}, &error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded && loaded->size() == 1, qPrintable(error));
}

void TestDialogStorePostgres::tablesEqualKamailios()
{
    if (!QFile::exists(KamailioScripts + u"dialog-create.sql"_s))
    {
        QSKIP("Kamailio's db_postgres scripts are missing: apt-get install kamailio-postgres-modules");
    }
    QString error;
    {
        DialogStore store;
        QVERIFY2(store.open(url(), &error), qPrintable(error));
    }
    QVERIFY2(m_pg->runSql(u"DROP DATABASE IF EXISTS kamailio"_s, nullptr, u"postgres"_s) &&
                 m_pg->runSql(u"CREATE DATABASE kamailio OWNER calldeck"_s, nullptr, u"postgres"_s),
             qPrintable(m_pg->errorString()));
    // Kamailio's scripts, run as the same role, so that owners compare too
    for (const QString &script : {u"standard-create.sql"_s, u"dialog-create.sql"_s})
    {
        QString text;
        QFile file(KamailioScripts + script);
        QVERIFY(file.open(QIODevice::ReadOnly));
        text = u"SET ROLE calldeck;\n"_s + QString::fromUtf8(file.readAll());
        QVERIFY2(m_pg->runSql(text, nullptr, u"kamailio"_s), qPrintable(m_pg->errorString()));
    }
    const QString tables = u"('version', 'dialog', 'dialog_vars')"_s;
    const QStringList probes = {
        u"SELECT table_name, ordinal_position, column_name, data_type, character_maximum_length, "
        u"is_nullable, "
        "column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN %1 "
        "ORDER BY table_name, ordinal_position"_s.arg(tables),
        u"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN "
        u"%1 "
        "ORDER BY indexname"_s.arg(tables),
        u"SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"_s,
        u"SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename IN %1 "
        "ORDER BY tablename"_s.arg(tables),
        u"SELECT sequencename, data_type FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"_s,
        u"SELECT table_name, table_version FROM version ORDER BY table_name"_s,
    };
    for (const QString &probe : probes)
    {
        const QStringList ours = query(probe);
        const QStringList kamailios = query(probe, u"kamailio"_s);
        QVERIFY2(!kamailios.isEmpty() && !kamailios.front().startsWith(u"error"_s),
                 qPrintable(kamailios.join(u'\n')));
        QCOMPARE(ours, kamailios);
    }
    QCOMPARE(query(probes.front()).size(), 3 + 24 + 5);

    // A row as Kamailio's db_postgres writes it (h_id 2^31 and more as a negative C int) loads,
    // and CallDeck's write of it is an UPDATE of that row.
    QVERIFY2(
        m_pg->runSql(
            u"INSERT INTO dialog (hash_entry, hash_id, callid, from_uri, from_tag, to_uri, to_tag, "
            "caller_cseq, callee_cseq, caller_route_set, callee_route_set, caller_contact, callee_contact, "
            "caller_sock, callee_sock, state, start_time, timeout, sflags, iflags, toroute_name, req_uri, "
            "xdata) VALUES (3215, -1294967296, 'a84b4c76e66710@pc33.example.com', 'sip:alice@example.com', "
            "'1928301774', 'sip:bob@example.org', 'a6c85cf', '101', '7', '<sip:p1.example.com;lr>', NULL, "
            "'<sip:alice@192.0.2.1:5060>', '<sip:bob@192.0.2.4>', 'udp:10.0.0.1:5060', 'tcp:10.0.0.1:5060', "
            "4, 1700000000, 1700043200, 5, 1, NULL, 'sip:bob@192.0.2.4:5060', NULL); "
            "INSERT INTO dialog_vars (hash_entry, hash_id, dialog_key, dialog_value) "
            "VALUES (3215, -1294967296, 'account', '42')"_s,
            nullptr, u"kamailio"_s),
        qPrintable(m_pg->errorString()));
    DialogStore kamailio;
    QVERIFY2(kamailio.open(url(u"kamailio"_s), &error), qPrintable(error));
    auto loaded = kamailio.load(&error);
    QVERIFY2(loaded && loaded->size() == 1, qPrintable(error));
    DialogSnapshot d = loaded->front();
    QCOMPARE(d.hEntry, 3215u);
    QCOMPARE(d.hId, 3000000000u);
    QCOMPARE(d.callee.tag, std::optional<std::string>("a6c85cf"));
    QCOMPARE(d.variables, (std::vector<std::pair<std::string, std::string>>{{"account", "42"}}));
    d.state = 5;
    d.variables = {{"account", "43"}};
    QVERIFY2(kamailio.write({d}, {}, &error), qPrintable(error));
    QCOMPARE(
        query(u"SELECT hash_id, state, (SELECT string_agg(dialog_value, ',') FROM dialog_vars) FROM dialog"_s,
              u"kamailio"_s),
        QStringList{u"-1294967296|5|43"_s});
    kamailio.close();
    QVERIFY2(m_pg->runSql(u"DROP DATABASE kamailio"_s, nullptr, u"postgres"_s),
             qPrintable(m_pg->errorString()));
}

void TestDialogStorePostgres::batchOf10000()
{
    const std::vector<DialogSnapshot> dialogs = samples(1, 10000);
    QString error;
    auto timed = [&](DialogStore &store, const char *where) {
        QElapsedTimer clock;
        clock.start();
        const bool written = store.write(dialogs, {}, &error);
        const qint64 writeMs = clock.elapsed();
        clock.restart();
        const auto loaded = written ? store.load(&error) : std::nullopt;
        const qint64 loadMs = clock.elapsed();
        qInfo().noquote()
            << u"%1: one batch of %2 dialogs (20 000 variables) written in %3 ms, loaded in %4 ms"_s
                   .arg(QLatin1String(where))
                   .arg(dialogs.size())
                   .arg(writeMs)
                   .arg(loadMs);
        return loaded && loaded->size() == dialogs.size();
    };
    DialogStore postgres;
    QVERIFY2(postgres.open(url(), &error), qPrintable(error));
    QVERIFY2(timed(postgres, "PostgreSQL"), qPrintable(error));
    QCOMPARE(query(u"SELECT (SELECT count(*) FROM dialog), (SELECT count(*) FROM dialog_vars)"_s),
             QStringList{u"10000|20000"_s});
    QTemporaryDir dir;
    DialogStore sqlite;
    QVERIFY2(sqlite.open(dir.filePath(u"dialogs.sqlite"_s), &error), qPrintable(error));
    QVERIFY2(timed(sqlite, "SQLite"), qPrintable(error));
}

void TestDialogStorePostgres::wrongPasswordSaysWhatToDo()
{
    DialogStore store;
    QString error;
    QVERIFY(!store.open(url(QString(), u"not-the-password"_s), &error));
    QVERIFY2(error.contains(u"password authentication failed"_s) &&
                 error.contains(u"Check that the server runs"_s),
             qPrintable(error));
    QVERIFY2(!error.contains(u"not-the-password"_s) && !error.contains(m_pg->password()), qPrintable(error));
    qInfo().noquote() << u"wrong password: "_s + error;
    QVERIFY(!store.isOpen());
    QVERIFY(!store.open(url(u"nodb"_s), &error));
    QVERIFY2(error.contains(u"\"nodb\" does not exist"_s) && error.contains(u"database name"_s),
             qPrintable(error));
}

void TestDialogStorePostgres::stoppedServerSaysWhatToDo()
{
    DialogStore store;
    QString error;
    QVERIFY2(store.open(url(), &error), qPrintable(error));
    QVERIFY2(store.write(samples(1, 2), {}, &error), qPrintable(error));
    QVERIFY(m_pg->stop());
    QVERIFY(!store.write({sampleDialog(3)}, {}, &error));
    QVERIFY2(error.contains(url().display()) && error.contains(u"Nothing was written"_s) &&
                 error.contains(u"server runs"_s),
             qPrintable(error));
    qInfo().noquote() << u"server stopped: "_s + error;
    QVERIFY(!store.load(&error));
    DialogStore other;
    QVERIFY(!other.open(url(), &error));
    QVERIFY2(error.contains(u"Could not connect"_s) && error.contains(u"Check that the server runs"_s),
             qPrintable(error));

    // back on the same port: the next write reconnects, and nothing was lost or half-written
    QVERIFY2(m_pg->restart(), qPrintable(m_pg->errorString()));
    QVERIFY2(store.write({sampleDialog(3)}, {}, &error), qPrintable(error));
    const auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, samples(1, 3)));
}

void TestDialogStorePostgres::cleanupTestCase()
{
    if (m_pg)
    {
        const qint64 pid = m_pg->pid();
        m_pg->stop();
        QVERIFY2(pid <= 0 || ::kill(pid_t(pid), 0) != 0, "the server of the test is still running");
    }
}

QTEST_GUILESS_MAIN(TestDialogStorePostgres)
#include "tst_dialogstorepostgres.moc"
