// SPDX-License-Identifier: GPL-3.0-or-later
// CallDeckSchema (issue #9): CallDeck's own tables are created beside Kamailio's dialog tables in
// one store with their versions in Kamailio's `version` table; an older table is migrated step by
// step in one transaction with its rows kept, a failing migration changes nothing, a newer table
// or a foreign one is refused with what to do; the PostgreSQL statements parse too.
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include "backend/calldeckschema.h"
#include "backend/dialogstoreschema.h"
#include "backend/samplestore.h"
#include "backend/storeurl.h"

using namespace Qt::StringLiterals;

namespace
{

using Dialect = CallDeckSchema::Dialect;

/// One SQLite store in a temporary directory, opened like CallDeck opens it (StoreUrl).
class Store final
{
public:
    Store(const QTemporaryDir &dir, const QString &name)
        : m_name(name)
        , m_path(dir.filePath(name + u".db"_s))
    {
        QString error;
        m_ok = StoreUrl::sqliteFile(m_path).open(name, &error);
    }
    ~Store() { CallDeckSchema::close(m_name); }
    bool ok() const { return m_ok; }
    QString path() const { return m_path; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    QString m_path;
    bool m_ok = false;
};

QStringList column(QSqlDatabase db, const QString &sql)
{
    QStringList out;
    QSqlQuery q(db);
    if (q.exec(sql))
    {
        while (q.next())
        {
            out.append(q.value(0).toString());
        }
    }
    return out;
}

/// A table of a test, "calldeck_test", at version 1, 2 or 3: v2 adds a column `note` (filled for
/// the rows there), v3 an index. @p broken: the 2 → 3 step fails after a change.
CallDeckSchema::Table testTable(int version, bool broken = false)
{
    CallDeckSchema::Table t;
    t.name = u"calldeck_test"_s;
    t.version = version;
    t.create = [version](Dialect d) {
        QStringList s{u"CREATE TABLE calldeck_test (%1, name VARCHAR(64) NOT NULL%2)"_s.arg(
            CallDeckSchema::idColumn(d),
            version >= 2 ? u", note VARCHAR(64) DEFAULT '' NOT NULL"_s : QString())};
        if (version >= 3)
        {
            s.append(u"CREATE INDEX calldeck_test_note_idx ON calldeck_test (note)"_s);
        }
        return s;
    };
    if (version >= 2)
    {
        t.migrations.append([](Dialect) {
            return QStringList{u"ALTER TABLE calldeck_test ADD COLUMN note VARCHAR(64) DEFAULT '' NOT NULL"_s,
                               u"UPDATE calldeck_test SET note = 'from v1'"_s};
        });
    }
    if (version >= 3)
    {
        t.migrations.append([broken](Dialect) {
            QStringList s{u"CREATE INDEX calldeck_test_note_idx ON calldeck_test (note)"_s};
            if (broken)
            {
                s.append(u"UPDATE calldeck_test SET nowhere = 1"_s);
            }
            return s;
        });
    }
    return t;
}

} // namespace

class TestCallDeckSchema final : public QObject
{
    Q_OBJECT

private slots:
    void freshStoreBesideTheDialogTables();
    void openIsIdempotent();
    void migratesKeepingTheRows();
    void failingMigrationChangesNothing();
    void newerStoreIsRefused();
    void foreignTableIsRefused();
    void postgresStatementsParse();

private:
    QTemporaryDir m_dir;
};

void TestCallDeckSchema::freshStoreBesideTheDialogTables()
{
    Store s(m_dir, u"fresh"_s);
    QVERIFY(s.ok());
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(CallDeckSchema::ensure(db, &error), qPrintable(error));
    QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error)); // Kamailio's, in the same store
    const QStringList tables = db.tables();
    for (const CallDeckSchema::Table &t : CallDeckSchema::tables())
    {
        QVERIFY2(tables.contains(t.name), qPrintable(t.name));
        QCOMPARE(CallDeckSchema::versionOf(db, t.name), t.version);
        QCOMPARE(t.migrations.size(), t.version - 1);
    }
    QCOMPARE(CallDeckSchema::versionOf(db, u"calldeck_audit"_s), CallDeckSchema::AuditVersion);
    QCOMPARE(CallDeckSchema::versionOf(db, u"dialog"_s), DialogStoreSchema::DialogVersion);
    QCOMPARE(CallDeckSchema::versionOf(db, u"version"_s), DialogStoreSchema::VersionVersion);
    // Columns an operator searches by.
    const QSqlRecord audit = db.record(u"calldeck_audit"_s);
    for (const QString &c : {u"id"_s, u"time_ms"_s, u"user_name"_s, u"method"_s, u"ok"_s, u"entry"_s})
    {
        QVERIFY2(audit.contains(c), qPrintable(c));
    }
    QCOMPARE(column(db,
                    u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calldeck_audit' "
                    u"ORDER BY name"_s),
             (QStringList{u"calldeck_audit_method_idx"_s, u"calldeck_audit_ok_idx"_s,
                          u"calldeck_audit_time_idx"_s, u"calldeck_audit_user_idx"_s}));
    QCOMPARE(column(db, u"SELECT type FROM pragma_table_info('calldeck_chunk') WHERE name = 'data'"_s),
             QStringList{u"BLOB"_s});
    // Dialog tables first, then CallDeck's: the same result.
    Store other(m_dir, u"dialogfirst"_s);
    QSqlDatabase db2 = other.db();
    QVERIFY2(DialogStoreSchema::ensure(db2, &error), qPrintable(error));
    QVERIFY2(CallDeckSchema::ensure(db2, &error), qPrintable(error));
    QCOMPARE(column(db2, u"SELECT table_name FROM version ORDER BY table_name"_s),
             column(db, u"SELECT table_name FROM version ORDER BY table_name"_s));
}

void TestCallDeckSchema::openIsIdempotent()
{
    Store s(m_dir, u"twice"_s);
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(CallDeckSchema::ensure(db, &error), qPrintable(error));
    QSqlQuery q(db);
    QVERIFY(q.exec(u"INSERT INTO calldeck_feed (name, kind, address, state, last_error, updated_ms) "
                   u"VALUES ('udp 127.0.0.1:9060', 'hep-udp', '127.0.0.1:9060', 'running', '', 1)"_s));
    const QStringList versions =
        column(db, u"SELECT table_name || '=' || table_version FROM version ORDER BY 1"_s);
    // A second process (another connection) opening the same store: nothing changes, nothing is lost.
    const QString connection = u"second"_s;
    QVERIFY2(CallDeckSchema::open(StoreUrl::sqliteFile(s.path()), connection, &error), qPrintable(error));
    CallDeckSchema::close(connection);
    QVERIFY2(CallDeckSchema::ensure(db, &error), qPrintable(error));
    QCOMPARE(column(db, u"SELECT table_name || '=' || table_version FROM version ORDER BY 1"_s), versions);
    QCOMPARE(column(db, u"SELECT state FROM calldeck_feed"_s), QStringList{u"running"_s});
}

void TestCallDeckSchema::migratesKeepingTheRows()
{
    Store s(m_dir, u"migrate"_s);
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(CallDeckSchema::ensure(db, {testTable(1)}, &error), qPrintable(error));
    QCOMPARE(CallDeckSchema::versionOf(db, u"calldeck_test"_s), 1);
    QSqlQuery q(db);
    QVERIFY(q.exec(u"INSERT INTO calldeck_test (name) VALUES ('a'), ('b')"_s));
    // An older store opened by a build two versions ahead: 1 → 2 → 3 in one go.
    QVERIFY2(CallDeckSchema::ensure(db, {testTable(3)}, &error), qPrintable(error));
    QCOMPARE(CallDeckSchema::versionOf(db, u"calldeck_test"_s), 3);
    QCOMPARE(column(db, u"SELECT name || ':' || note FROM calldeck_test ORDER BY id"_s),
             (QStringList{u"a:from v1"_s, u"b:from v1"_s}));
    QCOMPARE(
        column(db, u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calldeck_test'"_s),
        QStringList{u"calldeck_test_note_idx"_s});
    // A fresh store at version 3 is created directly, with no migration run.
    Store fresh(m_dir, u"fresh3"_s);
    QSqlDatabase db2 = fresh.db();
    QVERIFY2(CallDeckSchema::ensure(db2, {testTable(3)}, &error), qPrintable(error));
    QCOMPARE(CallDeckSchema::versionOf(db2, u"calldeck_test"_s), 3);
    QVERIFY(db2.record(u"calldeck_test"_s).contains(u"note"_s));
}

void TestCallDeckSchema::failingMigrationChangesNothing()
{
    Store s(m_dir, u"broken"_s);
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(CallDeckSchema::ensure(db, {testTable(1)}, &error), qPrintable(error));
    QSqlQuery q(db);
    QVERIFY(q.exec(u"INSERT INTO calldeck_test (name) VALUES ('kept')"_s));
    QVERIFY(!CallDeckSchema::ensure(db, {testTable(3, true)}, &error));
    QVERIFY2(error.contains(u"calldeck_test"_s) && error.contains(u"Nothing was changed"_s) &&
                 error.contains(u"may create and alter tables"_s),
             qPrintable(error));
    // The 1 → 2 step that ran first was rolled back with the rest.
    QCOMPARE(CallDeckSchema::versionOf(db, u"calldeck_test"_s), 1);
    QVERIFY(!db.record(u"calldeck_test"_s).contains(u"note"_s));
    QCOMPARE(column(db, u"SELECT name FROM calldeck_test"_s), QStringList{u"kept"_s});
}

void TestCallDeckSchema::newerStoreIsRefused()
{
    Store s(m_dir, u"newer"_s);
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(CallDeckSchema::ensure(db, &error), qPrintable(error));
    QSqlQuery q(db);
    QVERIFY(q.exec(u"UPDATE version SET table_version = %1 WHERE table_name = 'calldeck_chunk'"_s.arg(
        CallDeckSchema::ChunkVersion + 1)));
    QVERIFY(!CallDeckSchema::ensure(db, &error));
    QVERIFY2(error.contains(u"'calldeck_chunk' has version %1"_s.arg(CallDeckSchema::ChunkVersion + 1)) &&
                 error.contains(u"Upgrade CallDeck"_s) && error.contains(u"--db"_s),
             qPrintable(error));
    QCOMPARE(CallDeckSchema::versionOf(db, u"calldeck_chunk"_s), CallDeckSchema::ChunkVersion + 1);
    // What the user sees: the charts' history does not open, with the same advice.
    SampleStore samples(StoreUrl::sqliteFile(s.path()));
    QVERIFY(!samples.open(&error));
    QVERIFY2(error.startsWith(u"the charts' history: "_s) && error.contains(u"Upgrade CallDeck"_s),
             qPrintable(error));
}

void TestCallDeckSchema::foreignTableIsRefused()
{
    Store s(m_dir, u"foreign"_s);
    QSqlDatabase db = s.db();
    QSqlQuery q(db);
    QVERIFY(q.exec(u"CREATE TABLE calldeck_feed (name TEXT)"_s)); // someone else's, no version row
    QString error;
    QVERIFY(!CallDeckSchema::ensure(db, &error));
    QVERIFY2(error.contains(u"'calldeck_feed' without a row in the 'version' table"_s) &&
                 error.contains(u"Rename or drop it"_s),
             qPrintable(error));
    QVERIFY(!db.tables().contains(u"calldeck_audit"_s)); // nothing half-made
}

void TestCallDeckSchema::postgresStatementsParse()
{
    // SQLite takes any type name, so PostgreSQL's DDL runs here as a syntax check; the driver-level
    // PostgreSQL test is tst_calldeckschemapostgres (integration, when the harness is there).
    Store s(m_dir, u"pgsyntax"_s);
    QSqlDatabase db = s.db();
    for (const Dialect d : {Dialect::PostgreSql, Dialect::Sqlite})
    {
        for (const CallDeckSchema::Table &t : CallDeckSchema::tables())
        {
            for (const QString &sql : t.create(d))
            {
                const QString statement =
                    d == Dialect::Sqlite ? QString(sql).replace(u"calldeck_"_s, u"lite_"_s) : sql;
                QSqlQuery q(db);
                QVERIFY2(q.exec(statement), qPrintable(statement + u": "_s + q.lastError().text()));
            }
        }
    }
    QCOMPARE(CallDeckSchema::blobType(Dialect::PostgreSql), u"BYTEA"_s);
    QVERIFY(CallDeckSchema::tables()
                .at(1)
                .create(Dialect::PostgreSql)
                .first()
                .contains(u"data BYTEA NOT NULL"_s));
    QVERIFY(CallDeckSchema::tables().at(2).create(Dialect::PostgreSql).first().contains(u"BIGSERIAL"_s));
}

QTEST_GUILESS_MAIN(TestCallDeckSchema)
#include "tst_calldeckschema.moc"
