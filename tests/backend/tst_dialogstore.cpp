// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStore: dialogs written, updated and deleted in a SQLite file load back equal (as the
// table keeps them); a failing write leaves the previous content; a table Kamailio wrote loads.
#include <algorithm>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "backend/core/dialogdbrow.h"
#include "backend/dialogstore.h"
#include "tests/support/dialogsamples.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogSnapshot;

namespace
{

DialogSnapshot dialog(std::uint32_t n)
{
    return calldeck::testsupport::sampleDialog(n);
}

/// The table's view of the dialogs, sorted by key: rows and variable rows.
QList<QString> tableView(std::vector<DialogSnapshot> dialogs)
{
    QList<QString> out;
    for (const std::string &line : calldeck::testsupport::tableView(std::move(dialogs)))
    {
        out.append(QString::fromStdString(line));
    }
    return out;
}

using calldeck::testsupport::sameRows;

bool runScript(QSqlDatabase db, const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
    {
        *error = f.errorString();
        return false;
    }
    for (const QString &statement : QString::fromUtf8(f.readAll()).split(u';'))
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

/// Runs @p statements on @p path through a connection of its own.
bool execOn(const QString &path, const QStringList &statements, QString *error)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString &sql : statements)
        {
            if (!ok)
            {
                break;
            }
            if (sql.startsWith(u"@"_s))
            {
                ok = runScript(db, sql.mid(1), error);
                continue;
            }
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
            {
                *error = sql + u": "_s + q.lastError().text();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return ok;
}

} // namespace

class TestDialogStore final : public QObject
{
    Q_OBJECT

private slots:
    void writeUpdateDeleteReload();
    void failingWriteKeepsContent();
    void kamailioTable();
    void clearEmptiesBothTables();
    void highIdsAsKamailioStoresThem();
};

void TestDialogStore::writeUpdateDeleteReload()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dialogs.sqlite"_s);
    std::vector<DialogSnapshot> expected;
    {
        DialogStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        for (std::uint32_t n = 1; n <= 12; ++n)
        {
            expected.push_back(dialog(n));
        }
        QVERIFY2(store.write(expected, {}, &error), qPrintable(error));
        auto loaded = store.load(&error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(tableView(*loaded), tableView(expected));

        // updates: state, timeout, cseq, contact, a variable changed, one removed, profiles dropped
        std::vector<DialogSnapshot> updates;
        for (std::uint32_t n : {2u, 5u, 7u})
        {
            DialogSnapshot d = dialog(n);
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
        const std::vector<std::pair<std::uint32_t, std::uint32_t>> deleted = {{100 + 3 % 4, 3},
                                                                              {100 + 9 % 4, 9}};
        QVERIFY2(store.write(updates, deleted, &error), qPrintable(error));
        std::erase_if(expected, [](const DialogSnapshot &d) { return d.hId == 3 || d.hId == 9; });
    }
    DialogStore reopened;
    QString error;
    QVERIFY2(reopened.open(path, &error), qPrintable(error));
    auto loaded = reopened.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->size(), std::size_t(10));
    QCOMPARE(tableView(*loaded), tableView(expected));
    QVERIFY(sameRows(*loaded, expected));
    // one row per dialog (UPDATE, not a second INSERT), no orphan variable rows
    QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"count"_s);
    raw.setDatabaseName(path);
    QVERIFY(raw.open());
    {
        QSqlQuery q(raw);
        QVERIFY(q.exec(u"SELECT (SELECT COUNT(*) FROM dialog), (SELECT COUNT(*) FROM dialog_vars)"_s) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 10);
        QCOMPARE(q.value(1).toInt(), 2 * 7 + 1 * 2); // 7 untouched with 2 vars, #2 and #5 with 1, #7 none
    }
    raw.close();
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"count"_s);
}

void TestDialogStore::failingWriteKeepsContent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dialogs.sqlite"_s);
    DialogStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const std::vector<DialogSnapshot> before = {dialog(1), dialog(2)};
    QVERIFY2(store.write(before, {}, &error), qPrintable(error));

    // Another writer makes the dialog_vars INSERT of one variable fail, after the rows before it.
    QVERIFY2(execOn(path,
                    {u"CREATE TRIGGER refuse BEFORE INSERT ON dialog_vars WHEN NEW.dialog_key = 'boom' "
                     "BEGIN SELECT RAISE(ABORT, 'boom refused'); END"_s},
                    &error),
             qPrintable(error));
    DialogSnapshot changed = dialog(1);
    changed.state = 5;
    DialogSnapshot bad = dialog(3);
    bad.variables.emplace_back("boom", "x");
    error.clear();
    QVERIFY(!store.write({changed, bad}, {{dialog(2).hEntry, 2}}, &error));
    QVERIFY2(error.contains(u"boom"_s) && error.contains(u"Nothing was written"_s), qPrintable(error));
    auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, before));

    store.close();
    error.clear();
    QVERIFY(!store.write({changed}, {}, &error));
    QVERIFY(error.contains(u"not open"_s));
    QVERIFY(!store.load(&error));
    DialogStore reopened;
    QVERIFY2(reopened.open(path, &error), qPrintable(error));
    loaded = reopened.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, before));
}

void TestDialogStore::kamailioTable()
{
    const QString kamailio = u"/usr/share/kamailio/db_sqlite/"_s;
    if (!QFile::exists(kamailio + u"dialog-create.sql"_s))
    {
        QSKIP("Kamailio's db_sqlite scripts are not installed");
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"kamailio.sqlite"_s);
    QString error;
    QVERIFY2(execOn(path,
                    {u"@"_s + kamailio + u"standard-create.sql"_s, u"@"_s + kamailio + u"dialog-create.sql"_s,
                     u"INSERT INTO dialog (hash_entry, hash_id, callid, from_uri, from_tag, to_uri, to_tag, "
                     "caller_cseq, callee_cseq, caller_route_set, callee_route_set, caller_contact, "
                     "callee_contact, caller_sock, callee_sock, state, start_time, timeout, sflags, iflags, "
                     "toroute_name, req_uri, xdata) VALUES (3215, 7, 'a84b4c76e66710@pc33.example.com', "
                     "'sip:alice@example.com', '1928301774', 'sip:bob@example.org', 'a6c85cf', '101', '7', "
                     "'<sip:p1.example.com;lr>', NULL, '<sip:alice@192.0.2.1:5060>', '<sip:bob@192.0.2.4>', "
                     "'udp:10.0.0.1:5060', 'tcp:10.0.0.1:5060', 4, 1700000000, 1700043200, 5, 1, "
                     "'DLG_TIMEOUT', 'sip:bob@192.0.2.4:5060', "
                     "'{\"profiles\":[{\"name\":\"caller\",\"value\":\"alice\",\"puid\":\"3215.7.1\","
                     "\"expires\":0,\"flags\":0}]}')"_s,
                     u"INSERT INTO dialog_vars (hash_entry, hash_id, dialog_key, dialog_value) "
                     "VALUES (3215, 7, 'account', '42')"_s},
                    &error),
             qPrintable(error));
    DialogStore store;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->size(), std::size_t(1));
    const DialogSnapshot &d = loaded->front();
    QCOMPARE(d.hEntry, 3215u);
    QCOMPARE(d.hId, 7u);
    QCOMPARE(d.callId, "a84b4c76e66710@pc33.example.com");
    QCOMPARE(d.state, std::uint8_t(4));
    QCOMPARE(d.timeout, 1700043200u);
    QCOMPARE(d.caller.tag, std::optional<std::string>("1928301774"));
    QCOMPARE(d.callee.tag, std::optional<std::string>("a6c85cf"));
    QCOMPARE(d.callee.routeSet, std::optional<std::string>("")); // NULL is listed as ""
    QCOMPARE(d.timeoutRoute, "DLG_TIMEOUT");
    QCOMPARE(d.profiles.size(), std::size_t(1));
    QCOMPARE(d.profiles.front().first, "caller");
    QCOMPARE(d.variables, (std::vector<std::pair<std::string, std::string>>{{"account", "42"}}));
    // and CallDeck's write of it is an UPDATE of Kamailio's row
    DialogSnapshot updated = d;
    updated.state = 5;
    QVERIFY2(store.write({updated}, {}, &error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded && loaded->size() == 1, qPrintable(error));
    QCOMPARE(loaded->front().state, std::uint8_t(5));
}

void TestDialogStore::clearEmptiesBothTables()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dialogs.sqlite"_s);
    DialogStore store;
    QString error;
    QVERIFY(!store.clear(&error));
    QVERIFY2(error.contains(u"not open"_s), qPrintable(error));
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY2(store.write({dialog(1), dialog(2), dialog(3)}, {}, &error), qPrintable(error));

    // A failing DELETE of dialog_vars (after the one of dialog) leaves both tables as they were.
    QVERIFY2(execOn(path,
                    {u"CREATE TRIGGER keep BEFORE DELETE ON dialog_vars WHEN OLD.dialog_key = 'tenant' "
                     "BEGIN SELECT RAISE(ABORT, 'tenant kept'); END"_s},
                    &error),
             qPrintable(error));
    error.clear();
    QVERIFY(!store.clear(&error));
    QVERIFY2(error.contains(u"tenant kept"_s) && error.contains(u"Nothing was deleted"_s), qPrintable(error));
    auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameRows(*loaded, {dialog(1), dialog(2), dialog(3)}));

    QVERIFY2(execOn(path, {u"DROP TRIGGER keep"_s}, &error), qPrintable(error));
    QVERIFY2(store.clear(&error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(loaded->empty());
    QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"count"_s);
    raw.setDatabaseName(path);
    QVERIFY(raw.open());
    {
        QSqlQuery q(raw);
        QVERIFY(q.exec(u"SELECT (SELECT COUNT(*) FROM dialog), (SELECT COUNT(*) FROM dialog_vars), "
                       "(SELECT COUNT(*) FROM version)"_s) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toInt(), 0);
        QCOMPARE(q.value(2).toInt(), 3); // the version rows stay
    }
    raw.close();
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"count"_s);
    // and the store writes on after it
    QVERIFY2(store.write({dialog(4)}, {}, &error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded && loaded->size() == 1, qPrintable(error));
}

void TestDialogStore::highIdsAsKamailioStoresThem()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dialogs.sqlite"_s);
    DialogStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    DialogSnapshot high = dialog(5);
    high.hId = 3000000000u;
    high.sflags = 0x80000001u;
    QVERIFY2(store.write({dialog(1), high}, {}, &error), qPrintable(error));
    // Kamailio binds h_id as a C int: the row holds what its own db_sqlite would have written.
    QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"high"_s);
    raw.setDatabaseName(path);
    QVERIFY(raw.open());
    {
        QSqlQuery q(raw);
        QVERIFY(q.exec(u"SELECT hash_id, sflags FROM dialog WHERE callid = 'call-5@pc33.example.com'"_s) &&
                q.next());
        QCOMPARE(q.value(0).toLongLong(), -1294967296LL);
        QCOMPARE(q.value(1).toLongLong(), qlonglong(qint32(0x80000001u)));
    }
    raw.close();
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"high"_s);
    auto loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(tableView(*loaded), tableView({dialog(1), high}));
    QCOMPARE(loaded->back().hId, 3000000000u); // ordered as unsigned
    high.state = 5;
    QVERIFY2(store.write({high}, {}, &error), qPrintable(error)); // an UPDATE, not a second row
    QVERIFY2(store.write({}, {{high.hEntry, high.hId}}, &error), qPrintable(error));
    loaded = store.load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(tableView(*loaded), tableView({dialog(1)}));
}

QTEST_GUILESS_MAIN(TestDialogStore)
#include "tst_dialogstore.moc"
