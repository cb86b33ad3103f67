// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStore: Kamailio's dialog tables in a SQLite file, written in one transaction per batch.
#include "dialogstore.h"

#include <algorithm>
#include <atomic>

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include "backend/core/dialogdbrow.h"
#include "backend/dialogstoreschema.h"
#include "backend/dialogtablereader.h"
#include "backend/storeurl.h"

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

/// Kamailio binds its unsigned ids, times and flags as DB1_INT, a C int: 2^31 and above become
/// negative numbers in the INTEGER columns. The only way they fit PostgreSQL's 32-bit INTEGER, and
/// the way a row keyed by them matches Kamailio's own rows in SQLite too; reading wraps them back.
QVariant integer(std::uint32_t value)
{
    return QVariant(static_cast<qint32>(value));
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
                              integer(r.state),
                              integer(r.startTime),
                              integer(r.timeout),
                              integer(r.sflags),
                              integer(r.iflags),
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

/// Characters of UTF-8 @p s, as PostgreSQL counts them against VARCHAR(n).
int characters(const std::string &s)
{
    return int(std::count_if(s.begin(), s.end(),
                             [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// The first value of @p r or @p vars longer than its column in @p widths, described with what to
/// do; empty when all fit. PostgreSQL would refuse the row with a message that names no column.
QString tooLong(const QHash<QString, int> &widths, const DialogDbRow &r,
                const std::vector<DialogVarRow> &vars)
{
    std::vector<std::pair<QString, const std::string *>> values = {
        {u"dialog.callid"_s, &r.callid},
        {u"dialog.from_uri"_s, &r.fromUri},
        {u"dialog.from_tag"_s, &r.fromTag},
        {u"dialog.to_uri"_s, &r.toUri},
        {u"dialog.to_tag"_s, r.toTag ? &*r.toTag : nullptr},
        {u"dialog.caller_cseq"_s, &r.callerCseq},
        {u"dialog.callee_cseq"_s, &r.calleeCseq},
        {u"dialog.caller_route_set"_s, r.callerRouteSet ? &*r.callerRouteSet : nullptr},
        {u"dialog.callee_route_set"_s, r.calleeRouteSet ? &*r.calleeRouteSet : nullptr},
        {u"dialog.caller_contact"_s, &r.callerContact},
        {u"dialog.callee_contact"_s, &r.calleeContact},
        {u"dialog.caller_sock"_s, &r.callerSock},
        {u"dialog.callee_sock"_s, &r.calleeSock},
        {u"dialog.toroute_name"_s, r.torouteName ? &*r.torouteName : nullptr},
        {u"dialog.req_uri"_s, &r.reqUri},
        {u"dialog.xdata"_s, r.xdata ? &*r.xdata : nullptr},
    };
    for (const DialogVarRow &var : vars)
    {
        values.emplace_back(u"dialog_vars.dialog_key"_s, &var.dialogKey);
        values.emplace_back(u"dialog_vars.dialog_value"_s, &var.dialogValue);
    }
    for (const auto &[column, value] : values)
    {
        const int width = widths.value(column, 0);
        if (value && width > 0 && characters(*value) > width)
        {
            const auto dot = column.indexOf(u'.');
            return u"its %1 has %2 characters, the column holds %3; shorten the value at its source or widen "
                   "the column: ALTER TABLE %4 ALTER COLUMN %5 TYPE VARCHAR(%6)"_s.arg(column)
                       .arg(characters(*value))
                       .arg(width)
                       .arg(column.left(dot), column.mid(dot + 1))
                       .arg(std::max(2 * width, characters(*value)));
        }
    }
    return {};
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
    /// PostgreSQL: the VARCHAR(n) widths, "table.column" -> n (SQLite keeps longer values).
    QHash<QString, int> widths;
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
    return m_url != nullptr;
}

void DialogStore::close()
{
    dropConnection();
    m_url.reset();
    m_lost = false;
}

void DialogStore::dropConnection()
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
    return open(StoreUrl::sqliteFile(path), error);
}

bool DialogStore::open(const StoreUrl &url, QString *error)
{
    close();
    m_url = std::make_unique<StoreUrl>(url);
    m_path = url.display();
    if (!connectNow(error))
    {
        m_url.reset();
        return false;
    }
    return true;
}

bool DialogStore::connectNow(QString *error)
{
    dropConnection();
    if (!m_url->open(m_connection, error))
    {
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!DialogStoreSchema::ensure(db, error))
        {
            db = QSqlDatabase();
            dropConnection();
            return false;
        }
    }
    if (!prepare(error))
    {
        dropConnection();
        return false;
    }
    m_lost = false;
    return true;
}

bool DialogStore::ready(const QString &nothingDone, QString *error)
{
    if (!m_url)
    {
        *error = u"The dialog database is not open: %1."_s.arg(nothingDone);
        return false;
    }
    if (m_lost || !m_statements)
    {
        QString why;
        if (!connectNow(&why))
        {
            *error = u"%1 %2."_s.arg(why, nothingDone.left(1).toUpper() + nothingDone.mid(1));
            return false;
        }
    }
    return true;
}

void DialogStore::checkConnection(QString *error)
{
    if (m_url->kind != StoreUrl::Kind::PostgreSql)
    {
        return;
    }
    // A server that stopped or restarted leaves the connection dead for good: reconnect next time.
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (db.isOpen() && QSqlQuery(db).exec(u"SELECT 1"_s))
    {
        return;
    }
    m_lost = true;
    *error +=
        u" The connection to %1 is lost: check that the server runs; the next call reconnects."_s.arg(m_path);
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
    if (m_url->kind == StoreUrl::Kind::PostgreSql)
    {
        const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        for (const QString &table : {u"dialog"_s, u"dialog_vars"_s})
        {
            const QSqlRecord record = db.record(table);
            for (int i = 0; i < record.count(); ++i)
            {
                if (record.field(i).metaType().id() == QMetaType::QString && record.field(i).length() > 0)
                {
                    s->widths.insert(table + u'.' + record.fieldName(i), record.field(i).length());
                }
            }
        }
    }
    m_statements = std::move(s);
    return true;
}

bool DialogStore::write(const std::vector<DialogSnapshot> &upserts,
                        const std::vector<std::pair<std::uint32_t, std::uint32_t>> &deleted, QString *error)
{
    if (!ready(u"nothing was written"_s, error))
    {
        return false;
    }
    if (!m_statements->widths.isEmpty())
    {
        for (const DialogSnapshot &dialog : upserts)
        {
            const DialogDbRow row = calldeck::core::toDbRow(dialog);
            if (const QString problem = tooLong(m_statements->widths, row, calldeck::core::toVarRows(dialog));
                !problem.isEmpty())
            {
                *error = u"Could not write the dialog %1 to %2: %3. Nothing was written."_s.arg(
                    dialogName(row.hashEntry, row.hashId), m_path, problem);
                return false;
            }
        }
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
    {
        *error = u"Could not start a transaction on the dialog database %1: %2. Nothing was written."_s.arg(
            m_path, db.lastError().text());
        checkConnection(error);
        return false;
    }
    Statements &s = *m_statements;
    auto fail = [&](QSqlQuery &q, const QString &what) {
        *error = u"Could not %1 in the dialog database %2: %3. Nothing was written."_s.arg(
            what, m_path, q.lastError().text());
        q.finish();
        db.rollback();
        checkConnection(error);
        return false;
    };
    auto keyed = [](QSqlQuery &q, std::uint32_t hashEntry, std::uint32_t hashId) {
        q.addBindValue(integer(hashEntry));
        q.addBindValue(integer(hashId));
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
            s.insertVar.addBindValue(integer(var.hashEntry));
            s.insertVar.addBindValue(integer(var.hashId));
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
        checkConnection(error);
        return false;
    }
    return true;
}

std::optional<std::vector<DialogSnapshot>> DialogStore::load(QString *error)
{
    if (!ready(u"no dialog was loaded"_s, error))
    {
        return std::nullopt;
    }
    auto dialogs = DialogTableReader::read(QSqlDatabase::database(m_connection, false), m_path,
                                           DialogTableReader::Malformed::Fail, nullptr, error);
    if (!dialogs)
    {
        checkConnection(error);
    }
    return dialogs;
}

bool DialogStore::loadChunks(std::size_t chunk,
                             const std::function<void(std::vector<DialogSnapshot> &&)> &sink,
                             QStringList *skipped, QString *error)
{
    if (!ready(u"no dialog was loaded"_s, error))
    {
        return false;
    }
    if (!DialogTableReader::readChunks(QSqlDatabase::database(m_connection, false), m_path,
                                       DialogTableReader::Malformed::Skip, skipped, chunk, sink, error))
    {
        checkConnection(error);
        return false;
    }
    return true;
}

bool DialogStore::clear(QString *error)
{
    if (!ready(u"nothing was deleted"_s, error))
    {
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
    {
        *error = u"Could not start a transaction on the dialog database %1: %2. Nothing was deleted."_s.arg(
            m_path, db.lastError().text());
        checkConnection(error);
        return false;
    }
    QSqlQuery q(db);
    for (const QString &table : {u"dialog"_s, u"dialog_vars"_s})
    {
        if (!q.exec(u"DELETE FROM "_s + table))
        {
            *error =
                u"Could not empty the table %1 of the dialog database %2: %3. Nothing was deleted."_s.arg(
                    table, m_path, q.lastError().text());
            q.finish();
            db.rollback();
            checkConnection(error);
            return false;
        }
    }
    q.finish();
    if (!db.commit())
    {
        *error =
            u"Could not commit to the dialog database %1: %2. Nothing was deleted; check the disk."_s.arg(
                m_path, db.lastError().text());
        db.rollback();
        checkConnection(error);
        return false;
    }
    return true;
}
