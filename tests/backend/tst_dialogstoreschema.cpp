// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStoreSchema: the tables CallDeck creates equal those of Kamailio's own db_sqlite scripts
// (columns, types, NOT NULL, defaults, keys, indexes, version rows); verification refuses a table
// of another version, a missing version row or column, with a message that says what to do.
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include "backend/dialogstoreschema.h"

using namespace Qt::StringLiterals;

namespace
{

const QString KamailioDir = u"/usr/share/kamailio/db_sqlite/"_s;

/// One SQLite connection in a temporary file, removed with the object.
class Sqlite final
{
public:
    Sqlite(const QTemporaryDir &dir, const QString &name)
        : m_name(name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dir.filePath(name + u".sqlite"_s));
        m_ok = db.open();
    }
    ~Sqlite()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_ok = false;
};

/// Runs a Kamailio script: statements separated by ';' (none of its strings holds one).
bool runScript(QSqlDatabase db, const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
    {
        *error = f.errorString();
        return false;
    }
    const QString text = QString::fromUtf8(f.readAll());
    for (const QString &statement : text.split(u';'))
    {
        if (statement.trimmed().isEmpty())
        {
            continue;
        }
        QSqlQuery q(db);
        if (!q.exec(statement))
        {
            *error = statement + u": "_s + q.lastError().text();
            return false;
        }
    }
    return true;
}

QStringList rows(QSqlDatabase db, const QString &sql)
{
    QStringList out;
    QSqlQuery q(db);
    if (!q.exec(sql))
    {
        return {u"error: "_s + q.lastError().text()};
    }
    while (q.next())
    {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i)
        {
            cells << (q.value(i).isNull() ? u"NULL"_s : q.value(i).toString());
        }
        out << cells.join(u'|');
    }
    return out;
}

/// The shape of a table: PRAGMA table_info, then every index with its columns.
QStringList shape(QSqlDatabase db, const QString &table)
{
    QStringList out = rows(db, u"PRAGMA table_info(%1)"_s.arg(table));
    QStringList indexes = rows(db, u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '%1' "
                                   "ORDER BY name"_s.arg(table));
    for (const QString &index : indexes)
    {
        out << u"index "_s + index + u": "_s + rows(db, u"PRAGMA index_info(%1)"_s.arg(index)).join(u", "_s);
    }
    out << rows(db, u"PRAGMA index_list(%1)"_s.arg(table));
    return out;
}

} // namespace

class TestDialogStoreSchema final : public QObject
{
    Q_OBJECT

private slots:
    void sameAsKamailio();
    void ensureIsIdempotent();
    void wrongVersion();
    void missingVersionRowOrColumn();
    void postgresText();
};

void TestDialogStoreSchema::sameAsKamailio()
{
    if (!QFile::exists(KamailioDir + u"dialog-create.sql"_s) ||
        !QFile::exists(KamailioDir + u"standard-create.sql"_s))
    {
        QSKIP("Kamailio's db_sqlite scripts are missing: install the Debian package kamailio-sqlite-modules");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Sqlite ours(dir, u"ours"_s);
    Sqlite kamailio(dir, u"kamailio"_s);
    QVERIFY(ours.ok() && kamailio.ok());

    QString error;
    QSqlDatabase db = ours.db();
    QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error));
    QVERIFY2(runScript(kamailio.db(), KamailioDir + u"standard-create.sql"_s, &error), qPrintable(error));
    QVERIFY2(runScript(kamailio.db(), KamailioDir + u"dialog-create.sql"_s, &error), qPrintable(error));

    for (const QString &table : {u"version"_s, u"dialog"_s, u"dialog_vars"_s})
    {
        const QStringList mine = shape(ours.db(), table);
        QVERIFY2(mine.size() > 3, qPrintable(table));
        QCOMPARE(mine, shape(kamailio.db(), table));
    }
    const QString versions = u"SELECT table_name, table_version FROM version ORDER BY table_name"_s;
    QCOMPARE(rows(ours.db(), versions), rows(kamailio.db(), versions));
    QCOMPARE(rows(ours.db(), versions), (QStringList{u"dialog|7"_s, u"dialog_vars|1"_s, u"version|1"_s}));

    // Our column lists name Kamailio's columns in its order.
    QStringList names;
    for (const QString &row : rows(kamailio.db(), u"PRAGMA table_info(dialog)"_s))
    {
        names << row.section(u'|', 1, 1);
    }
    QCOMPARE(names, DialogStoreSchema::dialogColumns());
    names.clear();
    for (const QString &row : rows(kamailio.db(), u"PRAGMA table_info(dialog_vars)"_s))
    {
        names << row.section(u'|', 1, 1);
    }
    QCOMPARE(names, DialogStoreSchema::dialogVarsColumns());

    // A table written by Kamailio's own script passes verification.
    QSqlDatabase k = kamailio.db();
    QVERIFY2(DialogStoreSchema::ensure(k, &error), qPrintable(error));
}

void TestDialogStoreSchema::ensureIsIdempotent()
{
    QTemporaryDir dir;
    Sqlite s(dir, u"idem"_s);
    QVERIFY(s.ok());
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error));
    QVERIFY(QSqlQuery(db).exec(u"INSERT INTO dialog_vars (hash_entry, hash_id, dialog_key, dialog_value) "
                               "VALUES (1, 2, 'k', 'v')"_s));
    QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error));
    QCOMPARE(rows(db, u"SELECT dialog_key FROM dialog_vars"_s), QStringList{u"k"_s});
    QCOMPARE(rows(db, u"SELECT COUNT(*) FROM version"_s), QStringList{u"3"_s});

    // A dropped table comes back; its stale version row does not collide.
    QVERIFY(QSqlQuery(db).exec(u"DROP TABLE dialog"_s));
    QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error));
    QCOMPARE(rows(db, u"SELECT table_version FROM version WHERE table_name = 'dialog'"_s),
             QStringList{u"7"_s});
}

void TestDialogStoreSchema::wrongVersion()
{
    QTemporaryDir dir;
    Sqlite s(dir, u"wrong"_s);
    QVERIFY(s.ok());
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error));
    QVERIFY(QSqlQuery(db).exec(u"UPDATE version SET table_version = 6 WHERE table_name = 'dialog'"_s));
    QVERIFY(!DialogStoreSchema::ensure(db, &error));
    QVERIFY2(error.contains(u"'dialog' has version 6"_s) && error.contains(u"needs version 7"_s) &&
                 error.contains(u"kamdbctl"_s),
             qPrintable(error));
    error.clear();
    QVERIFY(!DialogStoreSchema::verify(db, &error));
    QVERIFY2(error.contains(u"version 6"_s), qPrintable(error));

    QVERIFY(QSqlQuery(db).exec(u"UPDATE version SET table_version = 7 WHERE table_name = 'dialog'"_s));
    QVERIFY(QSqlQuery(db).exec(u"UPDATE version SET table_version = 2 WHERE table_name = 'dialog_vars'"_s));
    QVERIFY(!DialogStoreSchema::verify(db, &error));
    QVERIFY2(error.contains(u"'dialog_vars' has version 2"_s) && error.contains(u"needs version 1"_s),
             qPrintable(error));
}

void TestDialogStoreSchema::missingVersionRowOrColumn()
{
    QTemporaryDir dir;
    Sqlite s(dir, u"missing"_s);
    QVERIFY(s.ok());
    QSqlDatabase db = s.db();
    QString error;
    QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error));
    QVERIFY(QSqlQuery(db).exec(u"DELETE FROM version WHERE table_name = 'dialog_vars'"_s));
    QVERIFY(!DialogStoreSchema::ensure(db, &error));
    QVERIFY2(error.contains(u"'dialog_vars' has no row in the 'version' table"_s), qPrintable(error));

    QVERIFY(QSqlQuery(db).exec(u"DROP TABLE dialog"_s));
    QVERIFY(QSqlQuery(db).exec(u"CREATE TABLE dialog (id INTEGER PRIMARY KEY, hash_entry INTEGER)"_s));
    QVERIFY(!DialogStoreSchema::verify(db, &error));
    QVERIFY2(error.contains(u"lacks the column 'hash_id'"_s), qPrintable(error));

    QVERIFY(QSqlQuery(db).exec(u"DROP TABLE version"_s));
    QVERIFY(!DialogStoreSchema::verify(db, &error));
    QVERIFY2(error.contains(u"no 'version' table"_s), qPrintable(error));
}

void TestDialogStoreSchema::postgresText()
{
    // PostgreSQL differs from SQLite only by SERIAL ids (Kamailio's db_postgres dialog-create.sql).
    using D = DialogStoreSchema::Dialect;
    QStringList sqlite = DialogStoreSchema::versionTableStatements(D::Sqlite) +
                         DialogStoreSchema::dialogTablesStatements(D::Sqlite);
    const QStringList pg = DialogStoreSchema::versionTableStatements(D::PostgreSql) +
                           DialogStoreSchema::dialogTablesStatements(D::PostgreSql);
    for (QString &s : sqlite)
    {
        s.replace(u"id INTEGER PRIMARY KEY NOT NULL"_s, u"id SERIAL PRIMARY KEY NOT NULL"_s);
    }
    QCOMPARE(pg, sqlite);
    QCOMPARE(pg.filter(u"SERIAL PRIMARY KEY"_s).size(), 3);
}

QTEST_GUILESS_MAIN(TestDialogStoreSchema)
#include "tst_dialogstoreschema.moc"
