// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStore: Kamailio's dialog tables in a SQLite file, written in one transaction per batch.
#include "dialogstore.h"

#include <atomic>
#include <map>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "backend/core/dialogdbrow.h"
#include "backend/dialogstoreschema.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogDbRow;
using calldeck::core::DialogSnapshot;
using calldeck::core::DialogVarRow;

namespace
{

const QString DialogSet = u"callid = ?, from_uri = ?, from_tag = ?, to_uri = ?, to_tag = ?, caller_cseq = ?, "
                          "callee_cseq = ?, caller_route_set = ?, callee_route_set = ?, caller_contact = ?, "
                          "callee_contact = ?, caller_sock = ?, callee_sock = ?, state = ?, start_time = ?, "
                          "timeout = ?, sflags = ?, iflags = ?, toroute_name = ?, req_uri = ?, xdata = ?"_s;

QVariant text(const std::string &s)
{
    return QString::fromStdString(s);
}

QVariant nullable(const std::optional<std::string> &s)
{
    return s ? QVariant(QString::fromStdString(*s)) : QVariant(QMetaType::fromType<QString>());
}

std::optional<std::string> readNullable(const QVariant &v)
{
    if (v.isNull())
    {
        return std::nullopt;
    }
    return v.toString().toStdString();
}

/// Binds the columns of DialogSet, in its order.
void bindColumns(QSqlQuery &q, const DialogDbRow &r)
{
    for (const QVariant &v : {text(r.callid),
                              text(r.fromUri),
                              text(r.fromTag),
                              text(r.toUri),
                              QVariant(QString::fromStdString(r.toTag.value_or(std::string()))),
                              text(r.callerCseq),
                              text(r.calleeCseq),
                              nullable(r.callerRouteSet),
                              nullable(r.calleeRouteSet),
                              text(r.callerContact),
                              text(r.calleeContact),
                              text(r.callerSock),
                              text(r.calleeSock),
                              QVariant(r.state),
                              QVariant(r.startTime),
                              QVariant(r.timeout),
                              QVariant(r.sflags),
                              QVariant(r.iflags),
                              nullable(r.torouteName),
                              text(r.reqUri),
                              nullable(r.xdata)})
    {
        q.addBindValue(v);
    }
}

QString dialogName(std::uint32_t hashEntry, std::uint32_t hashId)
{
    return u"%1:%2"_s.arg(hashEntry).arg(hashId);
}

} // namespace

struct DialogStore::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : update(db)
        , insert(db)
        , deleteDialog(db)
        , deleteVars(db)
        , insertVar(db)
    {}
    QSqlQuery update;
    QSqlQuery insert;
    QSqlQuery deleteDialog;
    QSqlQuery deleteVars;
    QSqlQuery insertVar;
};

DialogStore::DialogStore()
{
    static std::atomic<unsigned> counter{0};
    m_connection = u"calldeck-dialogstore-%1"_s.arg(counter.fetch_add(1));
}

DialogStore::~DialogStore()
{
    close();
}

bool DialogStore::isOpen() const
{
    return m_statements != nullptr;
}

void DialogStore::close()
{
    m_statements.reset();
    if (QSqlDatabase::contains(m_connection))
    {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool DialogStore::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(path);
        bool ok = db.open();
        QString failure;
        if (!ok)
        {
            failure = u"Could not open the dialog database %1: %2. Check the path and its permissions."_s.arg(
                path, db.lastError().text());
        }
        QSqlQuery q(db);
        if (ok && !(q.exec(u"PRAGMA journal_mode=WAL"_s) && q.next() &&
                    q.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0))
        {
            ok = false;
            failure = u"Could not switch the dialog database %1 to WAL journal mode: %2. Check that the "
                      "directory is writable and on a local disk."_s.arg(path, q.lastError().text());
        }
        if (ok && !q.exec(u"PRAGMA synchronous=NORMAL"_s))
        {
            ok = false;
            failure = u"Could not set synchronous=NORMAL on the dialog database %1: %2."_s.arg(
                path, q.lastError().text());
        }
        q.finish();
        if (ok && !DialogStoreSchema::ensure(db, &failure))
        {
            ok = false;
        }
        if (!ok)
        {
            *error = failure;
            q = QSqlQuery();
            db = QSqlDatabase();
            close();
            return false;
        }
    }
    if (!prepare(error))
    {
        close();
        return false;
    }
    return true;
}

bool DialogStore::prepare(QString *error)
{
    auto s = std::make_unique<Statements>(QSqlDatabase::database(m_connection, false));
    const std::pair<QSqlQuery *, QString> all[] = {
        {&s->update, u"UPDATE dialog SET %1 WHERE hash_entry = ? AND hash_id = ?"_s.arg(DialogSet)},
        {&s->insert,
         u"INSERT INTO dialog (callid, from_uri, from_tag, to_uri, to_tag, caller_cseq, callee_cseq, "
         "caller_route_set, callee_route_set, caller_contact, callee_contact, caller_sock, callee_sock, "
         "state, start_time, timeout, sflags, iflags, toroute_name, req_uri, xdata, hash_entry, hash_id) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s},
        {&s->deleteDialog, u"DELETE FROM dialog WHERE hash_entry = ? AND hash_id = ?"_s},
        {&s->deleteVars, u"DELETE FROM dialog_vars WHERE hash_entry = ? AND hash_id = ?"_s},
        {&s->insertVar,
         u"INSERT INTO dialog_vars (hash_entry, hash_id, dialog_key, dialog_value) VALUES (?, ?, ?, ?)"_s},
    };
    for (const auto &[query, sql] : all)
    {
        if (!query->prepare(sql))
        {
            *error = u"Could not prepare a statement on the dialog database %1: %2."_s.arg(
                m_path, query->lastError().text());
            return false;
        }
    }
    m_statements = std::move(s);
    return true;
}

bool DialogStore::write(const std::vector<DialogSnapshot> &upserts,
                        const std::vector<std::pair<std::uint32_t, std::uint32_t>> &deleted, QString *error)
{
    if (!isOpen())
    {
        *error = u"The dialog database is not open: nothing was written."_s;
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
    {
        *error = u"Could not start a transaction on the dialog database %1: %2. Nothing was written."_s.arg(
            m_path, db.lastError().text());
        return false;
    }
    Statements &s = *m_statements;
    auto fail = [&](QSqlQuery &q, const QString &what) {
        *error = u"Could not %1 in the dialog database %2: %3. Nothing was written."_s.arg(
            what, m_path, q.lastError().text());
        q.finish();
        db.rollback();
        return false;
    };
    auto keyed = [](QSqlQuery &q, std::uint32_t hashEntry, std::uint32_t hashId) {
        q.addBindValue(hashEntry);
        q.addBindValue(hashId);
        return q.exec();
    };
    for (const DialogSnapshot &dialog : upserts)
    {
        const DialogDbRow row = calldeck::core::toDbRow(dialog);
        const QString name = dialogName(row.hashEntry, row.hashId);
        bindColumns(s.update, row);
        if (!keyed(s.update, row.hashEntry, row.hashId))
        {
            return fail(s.update, u"update the dialog %1"_s.arg(name));
        }
        const bool found = s.update.numRowsAffected() > 0;
        s.update.finish();
        if (!found)
        {
            bindColumns(s.insert, row);
            if (!keyed(s.insert, row.hashEntry, row.hashId))
            {
                return fail(s.insert, u"insert the dialog %1"_s.arg(name));
            }
            s.insert.finish();
        }
        if (!keyed(s.deleteVars, row.hashEntry, row.hashId))
        {
            return fail(s.deleteVars, u"replace the variables of the dialog %1"_s.arg(name));
        }
        s.deleteVars.finish();
        for (const DialogVarRow &var : calldeck::core::toVarRows(dialog))
        {
            s.insertVar.addBindValue(var.hashEntry);
            s.insertVar.addBindValue(var.hashId);
            s.insertVar.addBindValue(text(var.dialogKey));
            s.insertVar.addBindValue(text(var.dialogValue));
            if (!s.insertVar.exec())
            {
                return fail(s.insertVar, u"write the variable '%1' of the dialog %2"_s.arg(
                                             QString::fromStdString(var.dialogKey), name));
            }
            s.insertVar.finish();
        }
    }
    for (const auto &[hashEntry, hashId] : deleted)
    {
        const QString name = dialogName(hashEntry, hashId);
        if (!keyed(s.deleteDialog, hashEntry, hashId))
        {
            return fail(s.deleteDialog, u"delete the dialog %1"_s.arg(name));
        }
        s.deleteDialog.finish();
        if (!keyed(s.deleteVars, hashEntry, hashId))
        {
            return fail(s.deleteVars, u"delete the variables of the dialog %1"_s.arg(name));
        }
        s.deleteVars.finish();
    }
    if (!db.commit())
    {
        *error =
            u"Could not commit to the dialog database %1: %2. Nothing was written; check the disk."_s.arg(
                m_path, db.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

std::optional<std::vector<DialogSnapshot>> DialogStore::load(QString *error)
{
    if (!isOpen())
    {
        *error = u"The dialog database is not open: no dialog was loaded."_s;
        return std::nullopt;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<DialogVarRow>> vars;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT hash_entry, hash_id, dialog_key, dialog_value FROM dialog_vars ORDER BY id"_s))
    {
        *error = u"Could not read the table dialog_vars of %1: %2."_s.arg(m_path, q.lastError().text());
        return std::nullopt;
    }
    while (q.next())
    {
        DialogVarRow v{q.value(0).toUInt(), q.value(1).toUInt(), q.value(2).toString().toStdString(),
                       q.value(3).toString().toStdString()};
        vars[{v.hashEntry, v.hashId}].push_back(std::move(v));
    }
    if (!q.exec(
            u"SELECT id, hash_entry, hash_id, callid, from_uri, from_tag, to_uri, to_tag, caller_cseq, "
            "callee_cseq, caller_route_set, callee_route_set, caller_contact, callee_contact, caller_sock, "
            "callee_sock, state, start_time, timeout, sflags, iflags, toroute_name, req_uri, xdata "
            "FROM dialog ORDER BY hash_entry, hash_id, id"_s))
    {
        *error = u"Could not read the table dialog of %1: %2."_s.arg(m_path, q.lastError().text());
        return std::nullopt;
    }
    std::vector<DialogSnapshot> out;
    while (q.next())
    {
        auto str = [&q](int i) { return q.value(i).toString().toStdString(); };
        DialogDbRow r;
        r.id = q.value(0).toUInt();
        r.hashEntry = q.value(1).toUInt();
        r.hashId = q.value(2).toUInt();
        r.callid = str(3);
        r.fromUri = str(4);
        r.fromTag = str(5);
        r.toUri = str(6);
        r.toTag = readNullable(q.value(7));
        r.callerCseq = str(8);
        r.calleeCseq = str(9);
        r.callerRouteSet = readNullable(q.value(10));
        r.calleeRouteSet = readNullable(q.value(11));
        r.callerContact = str(12);
        r.calleeContact = str(13);
        r.callerSock = str(14);
        r.calleeSock = str(15);
        r.state = q.value(16).toUInt();
        r.startTime = q.value(17).toUInt();
        r.timeout = q.value(18).toUInt();
        r.sflags = q.value(19).toUInt();
        r.iflags = q.value(20).toUInt();
        r.torouteName = readNullable(q.value(21));
        r.reqUri = str(22);
        r.xdata = readNullable(q.value(23));
        const auto it = vars.find({r.hashEntry, r.hashId});
        const std::span<const DialogVarRow> own =
            it == vars.end() ? std::span<const DialogVarRow>() : std::span<const DialogVarRow>(it->second);
        auto dialog = calldeck::core::fromDbRow(r, own);
        if (!dialog)
        {
            *error = u"The dialog %1 (id %2) in %3 is malformed: %4. Fix or delete its row."_s.arg(
                dialogName(r.hashEntry, r.hashId), QString::number(r.id), m_path,
                QString::fromStdString(dialog.error().detail));
            return std::nullopt;
        }
        out.push_back(std::move(dialog).value());
    }
    return out;
}
