// SPDX-License-Identifier: GPL-3.0-or-later
// DialogTableReader: Kamailio's dialog and dialog_vars tables read into snapshots (SELECTs only).
#include "backend/dialogtablereader.h"

#include <algorithm>
#include <span>
#include <utility>

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include "backend/core/dialogdbrow.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogDbRow;
using calldeck::core::DialogSnapshot;
using calldeck::core::DialogVarRow;

namespace
{

const char *const VarsSql =
    "SELECT hash_entry, hash_id, dialog_key, dialog_value FROM dialog_vars ORDER BY id";
// No ORDER BY: a sort in SQL reads the rows through the index, one seek each; collect() sorts.
const char *const DialogSql =
    "SELECT id, hash_entry, hash_id, callid, from_uri, from_tag, to_uri, to_tag, caller_cseq, callee_cseq, "
    "caller_route_set, callee_route_set, caller_contact, callee_contact, caller_sock, callee_sock, state, "
    "start_time, timeout, sflags, iflags, toroute_name, req_uri, xdata FROM dialog";

std::uint64_t keyOf(std::uint32_t hashEntry, std::uint32_t hashId)
{
    return (std::uint64_t(hashEntry) << 32) | hashId;
}

/// A result row's columns, whatever the driver: text (nullopt = SQL NULL) and unsigned numbers
/// (Kamailio stores ids of 2^31 and above negative; the cast gives them back).
template<typename Column>
DialogDbRow rowFrom(const Column &c)
{
    DialogDbRow r;
    r.id = c.number(0);
    r.hashEntry = c.number(1);
    r.hashId = c.number(2);
    r.callid = c.text(3).value_or(std::string());
    r.fromUri = c.text(4).value_or(std::string());
    r.fromTag = c.text(5).value_or(std::string());
    r.toUri = c.text(6).value_or(std::string());
    r.toTag = c.text(7);
    r.callerCseq = c.text(8).value_or(std::string());
    r.calleeCseq = c.text(9).value_or(std::string());
    r.callerRouteSet = c.text(10);
    r.calleeRouteSet = c.text(11);
    r.callerContact = c.text(12).value_or(std::string());
    r.calleeContact = c.text(13).value_or(std::string());
    r.callerSock = c.text(14).value_or(std::string());
    r.calleeSock = c.text(15).value_or(std::string());
    r.state = c.number(16);
    r.startTime = c.number(17);
    r.timeout = c.number(18);
    r.sflags = c.number(19);
    r.iflags = c.number(20);
    r.torouteName = c.text(21);
    r.reqUri = c.text(22).value_or(std::string());
    r.xdata = c.text(23);
    return r;
}

/// Columns of a QSqlQuery (any driver).
struct QtColumns
{
    const QSqlQuery &q;
    std::uint32_t number(int i) const { return static_cast<std::uint32_t>(q.value(i).toLongLong()); }
    std::optional<std::string> text(int i) const
    {
        const QVariant v = q.value(i);
        return v.isNull() ? std::nullopt : std::optional<std::string>(v.toString().toStdString());
    }
};

/// Columns of an SQLite statement, read as UTF-8 without Qt's conversions to and from UTF-16
/// (five times faster on a restore of 100 000 dialogs).
struct SqliteColumns
{
    sqlite3_stmt *s;
    std::uint32_t number(int i) const { return static_cast<std::uint32_t>(sqlite3_column_int64(s, i)); }
    std::optional<std::string> text(int i) const
    {
        if (sqlite3_column_type(s, i) == SQLITE_NULL)
        {
            return std::nullopt;
        }
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
        return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
    }
};

/// Turns rows into snapshots with their variables, as read() promises.
class Collector
{
public:
    using Sink = std::function<void(std::vector<DialogSnapshot> &&)>;

    Collector(const QString &where, DialogTableReader::Malformed malformed, QStringList *skipped,
              std::size_t chunk = 0, const Sink *sink = nullptr)
        : m_where(where)
        , m_malformed(malformed)
        , m_skipped(skipped)
        , m_chunk(chunk)
        , m_sink(sink)
    {}

    /// Hands what is collected to the sink (chunked reading).
    void flush()
    {
        if (m_sink && !m_out.empty())
        {
            (*m_sink)(std::move(m_out));
            m_out = {};
            m_out.reserve(m_chunk);
        }
    }

    void addVar(DialogVarRow &&v) { m_vars[keyOf(v.hashEntry, v.hashId)].push_back(std::move(v)); }

    void reserve(std::size_t rows) { m_out.reserve(m_sink ? m_chunk : rows); }

    /// False (with @p error) when the row is malformed and the read must fail.
    bool addDialog(DialogDbRow &&r, QString *error)
    {
        const auto it = m_vars.find(keyOf(r.hashEntry, r.hashId));
        const std::span<const DialogVarRow> own =
            it == m_vars.end() ? std::span<const DialogVarRow>() : std::span<const DialogVarRow>(it->second);
        const std::uint32_t hashEntry = r.hashEntry;
        const std::uint32_t hashId = r.hashId;
        const std::uint32_t id = r.id;
        auto dialog = calldeck::core::fromDbRow(std::move(r), own);
        if (dialog)
        {
            m_out.push_back(std::move(dialog).value());
            if (m_sink && m_out.size() >= m_chunk)
            {
                flush();
            }
            return true;
        }
        const QString problem =
            u"The dialog %1:%2 (id %3) in %4 is malformed: %5. Fix or delete its row."_s.arg(
                QString::number(hashEntry), QString::number(hashId), QString::number(id), m_where,
                QString::fromStdString(dialog.error().detail));
        if (m_malformed == DialogTableReader::Malformed::Fail)
        {
            *error = problem;
            return false;
        }
        if (m_skipped)
        {
            m_skipped->append(problem);
        }
        return true;
    }

    /// The snapshots by (hash_entry, hash_id): the keys are sorted, then the snapshots swapped into
    /// place along the permutation's cycles (no second vector of 100 000 snapshots).
    std::vector<DialogSnapshot> take()
    {
        const std::size_t n = m_out.size();
        std::vector<std::pair<std::uint64_t, std::size_t>> order(n);
        for (std::size_t i = 0; i < n; ++i)
        {
            order[i] = {keyOf(m_out[i].hEntry, m_out[i].hId), i};
        }
        std::sort(order.begin(), order.end());
        std::vector<bool> placed(n, false);
        for (std::size_t i = 0; i < n; ++i)
        {
            // Position j must receive the snapshot that was at order[j].second.
            std::size_t j = i;
            while (!placed[j] && order[j].second != i)
            {
                std::swap(m_out[j], m_out[order[j].second]);
                placed[j] = true;
                j = order[j].second;
            }
            placed[j] = true;
        }
        return std::move(m_out);
    }

private:
    const QString &m_where;
    const DialogTableReader::Malformed m_malformed;
    QStringList *m_skipped;
    const std::size_t m_chunk;
    const Sink *m_sink;
    std::unordered_map<std::uint64_t, std::vector<DialogVarRow>> m_vars;
    std::vector<DialogSnapshot> m_out;
};

/// The SQLite handle under a QSQLITE connection, or null.
sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    if (db.driverName() != u"QSQLITE"_s || !db.driver())
    {
        return nullptr;
    }
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
    {
        return nullptr;
    }
    return *static_cast<sqlite3 *const *>(v.data());
}

bool readSqlite(sqlite3 *handle, Collector &c, const QString &where, QString *error)
{
    auto run = [&](const char *sql, const char *table, auto &&onRow) {
        sqlite3_stmt *s = nullptr;
        int rc = sqlite3_prepare_v2(handle, sql, -1, &s, nullptr);
        bool ok = rc == SQLITE_OK;
        while (ok && (rc = sqlite3_step(s)) == SQLITE_ROW)
        {
            ok = onRow(SqliteColumns{s});
        }
        if (ok && rc != SQLITE_DONE)
        {
            ok = false;
        }
        if (!ok && error->isEmpty())
        {
            *error = u"Could not read the table %1 of %2: %3."_s.arg(
                QString::fromLatin1(table), where, QString::fromUtf8(sqlite3_errmsg(handle)));
        }
        sqlite3_finalize(s);
        return ok;
    };
    error->clear();
    run("SELECT count(*) FROM dialog", "dialog", [&](const SqliteColumns &col) {
        c.reserve(col.number(0));
        return true;
    });
    return run(VarsSql, "dialog_vars",
               [&](const SqliteColumns &col) {
                   c.addVar(DialogVarRow{col.number(0), col.number(1), col.text(2).value_or(std::string()),
                                         col.text(3).value_or(std::string())});
                   return true;
               }) &&
           run(DialogSql, "dialog",
               [&](const SqliteColumns &col) { return c.addDialog(rowFrom(col), error); });
}

bool readQt(const QSqlDatabase &db, Collector &c, const QString &where, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QString::fromLatin1(VarsSql)))
    {
        *error = u"Could not read the table dialog_vars of %1: %2."_s.arg(where, q.lastError().text());
        return false;
    }
    while (q.next())
    {
        const QtColumns col{q};
        c.addVar(DialogVarRow{col.number(0), col.number(1), col.text(2).value_or(std::string()),
                              col.text(3).value_or(std::string())});
    }
    if (!q.exec(QString::fromLatin1(DialogSql)))
    {
        *error = u"Could not read the table dialog of %1: %2."_s.arg(where, q.lastError().text());
        return false;
    }
    while (q.next())
    {
        if (!c.addDialog(rowFrom(QtColumns{q}), error))
        {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<std::vector<DialogSnapshot>> DialogTableReader::read(const QSqlDatabase &db,
                                                                   const QString &where,
                                                                   const Malformed malformed,
                                                                   QStringList *skipped, QString *error)
{
    Collector collector(where, malformed, skipped);
    sqlite3 *handle = sqliteHandle(db);
    const bool ok =
        handle ? readSqlite(handle, collector, where, error) : readQt(db, collector, where, error);
    if (!ok)
    {
        return std::nullopt;
    }
    return collector.take();
}

bool DialogTableReader::readChunks(const QSqlDatabase &db, const QString &where, const Malformed malformed,
                                   QStringList *skipped, const std::size_t chunk,
                                   const std::function<void(std::vector<DialogSnapshot> &&)> &sink,
                                   QString *error)
{
    Collector collector(where, malformed, skipped, std::max<std::size_t>(chunk, 1), &sink);
    sqlite3 *handle = sqliteHandle(db);
    const bool ok =
        handle ? readSqlite(handle, collector, where, error) : readQt(db, collector, where, error);
    if (ok)
    {
        collector.flush();
    }
    return ok;
}
