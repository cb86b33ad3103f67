// SPDX-License-Identifier: GPL-3.0-or-later
// DialogTableModel's live-update pipeline (house style §6.3): apply(), the linger, batched
// removals and the once-a-second tick. The Qt model interface is in dialogtablemodel.cpp.
#include "ui/models/dialogtablemodel.h"

#include <algorithm>
#include <bit>
#include <optional>
#include <string>
#include <string_view>

#include <QString>

#include "ui/models/dialogformat.h"
#include "ui/models/dialoghistorymodel.h"
#include "ui/models/dialogtablemodelentry.h"

using calldeck::core::DialogSnapshot;

namespace
{
constexpr quint32 bit(const int column)
{
    return 1u << column;
}

// The fixed columns and every possible header column; announce() keeps to the columns there are.
constexpr quint32 AllColumns =
    (1u << (DialogTableModel::ColumnCount + DialogTableModel::MaxHeaderColumns)) - 1;
constexpr quint32 HeaderColumnBits = AllColumns & ~((1u << DialogTableModel::ColumnCount) - 1);

// Lower-cases @p text onto @p out, then @p end: ASCII byte by byte (URIs almost always are),
// anything else through QString, as the filter lower-cases what is typed.
void appendLower(QByteArray &out, const std::string_view text, const char end = '\n')
{
    const qsizetype at = out.size();
    out.resize(at + qsizetype(text.size()));
    char *to = out.data() + at;
    for (const char c : text)
    {
        if (uchar(c) & 0x80)
        {
            out.truncate(at);
            out += QString::fromUtf8(text.data(), qsizetype(text.size())).toLower().toUtf8();
            break;
        }
        *to++ = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    out += end;
}

void appendLower(QByteArray &out, const QString &text)
{
    const qsizetype at = out.size();
    for (const QChar c : text)
    {
        if (c.unicode() >= 0x80)
        {
            out.truncate(at);
            out += text.toLower().toUtf8();
            break;
        }
        out += char(c.toLower().unicode());
    }
    out += '\n';
}

std::string_view view(const std::optional<std::string> &text)
{
    return text ? std::string_view(*text) : std::string_view();
}
} // namespace

QByteArray DialogTableModel::searchText(const DialogRow &row)
{
    const DialogSnapshot &d = row.dialog;
    std::size_t size = d.callId.size() + d.fromUri.size() + d.toUri.size() + std::size_t(row.origin.size()) +
                       view(d.caller.contact).size() + view(d.callee.contact).size() + 6;
    for (const auto &[name, value] : d.profiles)
    {
        size += name.size() + (value ? value->size() + 1 : 0) + 1;
    }
    for (const auto &header : d.headers)
    {
        size += header.second.size() + 1;
    }
    QByteArray text;
    text.reserve(qsizetype(size));
    appendLower(text, d.callId);
    appendLower(text, d.fromUri);
    appendLower(text, d.toUri);
    for (const auto &[name, value] : d.profiles)
    {
        if (value)
        {
            appendLower(text, name, '=');
            appendLower(text, *value);
        }
        else
        {
            appendLower(text, name);
        }
    }
    appendLower(text, row.origin);
    appendLower(text, view(d.caller.contact));
    appendLower(text, view(d.callee.contact));
    for (const auto &header : d.headers) // the header columns' values (only configured ones arrive)
    {
        appendLower(text, header.second);
    }
    return text;
}

bool DialogTableModel::searchTextChanged(const DialogRow &old, const DialogRow &fresh)
{
    const DialogSnapshot &a = old.dialog;
    const DialogSnapshot &b = fresh.dialog;
    return a.callId != b.callId || a.fromUri != b.fromUri || a.toUri != b.toUri || a.profiles != b.profiles ||
           old.origin != fresh.origin || a.caller.contact != b.caller.contact ||
           a.callee.contact != b.callee.contact || a.headers != b.headers;
}

void DialogTableModel::apply(const DialogDelta &delta)
{
    DialogDelta copy;
    copy.upserts = delta.upserts;
    copy.removed = delta.removed;
    apply(std::move(copy));
}

void DialogTableModel::apply(DialogDelta &&delta)
{
    const qint64 now = nowMs();
    std::vector<Change> changes;
    changes.reserve(delta.upserts.size() + delta.removed.size());

    // Removals first: when the same key is also upserted, the upsert is the newer news (the
    // worker drops an upsert that a removal follows), so the dialog is back and stays.
    for (const quint64 key : delta.removed)
    {
        const auto it = m_index.constFind(key);
        if (it == m_index.cend())
        {
            continue; // never shown: nothing to linger
        }
        Entry &entry = entryAt(*it);
        entry.gone = true;
        if (updateLinger(entry, now))
        {
            changes.push_back({*it, AllColumns, true});
        }
    }

    std::vector<std::unique_ptr<Entry>> fresh;
    QHash<quint64, std::size_t> freshIndex;
    for (DialogRow &row : delta.upserts)
    {
        if (const auto it = m_index.constFind(row.key); it != m_index.cend())
        {
            update(*it, std::move(row), now, changes);
            continue;
        }
        auto entry = std::make_unique<Entry>();
        entry->stateSinceSec = stateSince(row, true, now);
        entry->row = std::move(row);
        updateLinger(*entry, now);
        if (const auto f = freshIndex.constFind(entry->row.key); f != freshIndex.cend())
        {
            fresh[*f] = std::move(entry); // the same new dialog twice: the later snapshot wins
        }
        else
        {
            freshIndex.insert(entry->row.key, fresh.size());
            fresh.push_back(std::move(entry));
        }
    }

    announce(changes);
    appendRows(std::move(fresh));
    removeExpired(now);
}

void DialogTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_search.clear();
    m_index.clear();
    m_lingerQueue.clear();
    endResetModel();
}

void DialogTableModel::tick()
{
    const qint64 now = nowMs();
    m_secondsNow = now / 1000;
    removeExpired(now);
    if (!m_rows.empty())
    {
        // The clock moves every cell of these three adjacent columns at once: one signal for all.
        emit dataChanged(index(0, DurationColumn), index(rowCount() - 1, TimeoutColumn),
                         {Qt::DisplayRole, RawValueRole});
    }
}

quint32 DialogTableModel::changedColumns(const Entry &entry, const DialogRow &fresh)
{
    const DialogSnapshot &a = entry.row.dialog;
    const DialogSnapshot &b = fresh.dialog;
    quint32 columns = 0;
    const auto mark = [&columns](const bool differs, const int column) {
        if (differs)
        {
            columns |= bit(column);
        }
    };
    const bool state = a.state != b.state;
    mark(state, StateColumn);
    mark(a.callId != b.callId, CallIdColumn);
    mark(a.fromUri != b.fromUri, FromColumn);
    mark(a.toUri != b.toUri, ToColumn);
    mark(a.startTs != b.startTs || a.endTs != b.endTs, DurationColumn);
    mark(state, StateAgeColumn);
    mark(state || a.timeout != b.timeout || a.lifetime != b.lifetime, TimeoutColumn);
    mark(a.profiles != b.profiles, ProfilesColumn);
    mark(entry.row.origin != fresh.origin || entry.row.flags != fresh.flags, OriginColumn);
    mark(a.hEntry != b.hEntry || a.hId != b.hId, IdColumn);
    mark(a.caller != b.caller, CallerContactColumn); // the tooltip shows every leg field
    mark(a.callee != b.callee, CalleeContactColumn);
    if (a.headers != b.headers)
    {
        columns |= HeaderColumnBits;
    }
    return columns;
}

qint64 DialogTableModel::stateSince(const DialogRow &row, const bool firstSeen, const qint64 nowMs)
{
    // The snapshot stamps entering states 1 (init_ts), 3 (start_ts) and 5 (end_ts). Seen for the
    // first time in state 2 or 4 the best guess is the stamp of the state before; seen changing
    // into them, it is the time of the change.
    const DialogSnapshot &d = row.dialog;
    switch (d.state)
    {
    case DialogFormat::Deleted:
        if (d.endTs != 0)
        {
            return d.endTs;
        }
        break;
    case DialogFormat::ConfirmedNoAck:
        if (d.startTs != 0)
        {
            return d.startTs;
        }
        break;
    case DialogFormat::Confirmed:
        if (firstSeen && d.startTs != 0)
        {
            return d.startTs;
        }
        break;
    default:
        if (firstSeen && d.initTs != 0)
        {
            return d.initTs;
        }
        break;
    }
    return (row.updatedMs > 0 ? row.updatedMs : nowMs) / 1000;
}

void DialogTableModel::update(const int row, DialogRow &&fresh, const qint64 now,
                              std::vector<Change> &changes)
{
    Entry &entry = entryAt(row);
    quint32 columns = changedColumns(entry, fresh);
    const bool stateChanged = entry.row.dialog.state != fresh.dialog.state;
    if (stateChanged)
    {
        entry.stateSinceSec = stateSince(fresh, false, now);
    }
    if (searchTextChanged(entry.row, fresh)) // not for a CSeq, which every in-dialog request moves
    {
        m_search.replace(std::size_t(row), searchText(fresh));
    }
    entry.row = std::move(fresh);
    entry.gone = false;
    const bool visual = updateLinger(entry, now) || stateChanged;
    if (visual)
    {
        columns = AllColumns; // the row's colour follows its state
    }
    if (columns != 0)
    {
        changes.push_back({row, columns, visual});
    }
}

bool DialogTableModel::updateLinger(Entry &entry, const qint64 now)
{
    const bool linger = entry.gone || entry.row.dialog.state == DialogFormat::Deleted;
    if (linger == entry.lingering())
    {
        return false;
    }
    entry.lingerSinceMs = linger ? now : -1;
    if (linger)
    {
        m_lingerQueue.emplace_back(now, entry.row.key);
    }
    return true;
}

void DialogTableModel::announce(std::vector<Change> &changes)
{
    if (changes.empty())
    {
        return;
    }
    std::sort(changes.begin(), changes.end(), [](const Change &l, const Change &r) { return l.row < r.row; });
    std::size_t kept = 0; // one Change per row
    for (const Change &change : changes)
    {
        if (kept > 0 && changes[kept - 1].row == change.row)
        {
            changes[kept - 1].columns |= change.columns;
            changes[kept - 1].visual = changes[kept - 1].visual || change.visual;
            continue;
        }
        changes[kept++] = change;
    }
    changes.resize(kept);

    const QList<int> plainRoles{Qt::DisplayRole, RawValueRole, Qt::ToolTipRole};
    const QList<int> visualRoles{Qt::DisplayRole, RawValueRole, Qt::ToolTipRole, Qt::DecorationRole,
                                 Qt::ForegroundRole};
    const auto emitSpan = [&](const int first, const int last, const quint32 columns, const bool visual) {
        const int left = std::countr_zero(columns);
        const int right = std::min(31 - std::countl_zero(columns), columnCount() - 1);
        if (left > right)
        {
            return; // only header columns that are not shown
        }
        emit dataChanged(index(first, left), index(last, right), visual ? visualRoles : plainRoles);
    };

    if (changes.size() * 2 > m_rows.size())
    {
        // Past half the rows one signal over everything is cheaper than the spans (qBittorrent).
        quint32 columns = 0;
        bool visual = false;
        for (const Change &change : changes)
        {
            columns |= change.columns;
            visual = visual || change.visual;
        }
        emitSpan(0, rowCount() - 1, columns, visual);
        return;
    }
    std::size_t i = 0;
    while (i < changes.size())
    {
        const int first = changes[i].row;
        int last = first;
        quint32 columns = changes[i].columns;
        bool visual = changes[i].visual;
        for (++i; i < changes.size() && changes[i].row == last + 1; ++i)
        {
            ++last;
            columns |= changes[i].columns;
            visual = visual || changes[i].visual;
        }
        emitSpan(first, last, columns, visual);
    }
}

void DialogTableModel::appendRows(std::vector<std::unique_ptr<Entry>> &&fresh)
{
    if (fresh.empty())
    {
        return;
    }
    const std::size_t needed = m_rows.size() + fresh.size();
    if (needed > m_rows.capacity())
    {
        m_rows.reserve(std::max(needed, m_rows.capacity() * 2));
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, int(needed) - 1);
    for (auto &entry : fresh)
    {
        m_index.insert(entry->row.key, int(m_rows.size()));
        m_search.append(searchText(entry->row));
        m_rows.push_back(std::move(entry));
    }
    endInsertRows();
}

void DialogTableModel::removeExpired(const qint64 now)
{
    std::vector<int> rows;
    while (!m_lingerQueue.empty() && now - m_lingerQueue.front().first >= m_lingerMs)
    {
        const auto [since, key] = m_lingerQueue.front();
        m_lingerQueue.pop_front();
        const auto it = m_index.constFind(key);
        if (it != m_index.cend() && entryAt(*it).lingerSinceMs == since)
        {
            rows.push_back(*it); // else revived, re-lingering or already gone
        }
    }
    if (!rows.empty())
    {
        retire(rows, now);
    }
}

void DialogTableModel::retire(std::vector<int> &rows, const qint64 now)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (const int row : rows)
    {
        m_index.remove(entryAt(row).row.key);
    }

    std::vector<std::unique_ptr<Entry>> retired;
    retired.reserve(rows.size());
    std::size_t i = 0;
    while (i < rows.size()) // contiguous spans, the highest first, so lower row numbers hold
    {
        const int last = rows[i];
        int first = last;
        for (++i; i < rows.size() && rows[i] == first - 1; ++i)
        {
            --first;
        }
        beginRemoveRows({}, first, last);
        for (int row = last; row >= first; --row)
        {
            retired.push_back(std::move(m_rows[std::size_t(row)]));
        }
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        m_search.remove(std::size_t(first), std::size_t(last));
        m_removedSpans.emplace_back(first, last);
        endRemoveRows();
    }
    m_removedSpans.clear();
    reindexFrom(rows.back()); // the rows below the lowest span kept their numbers

    if (m_history)
    {
        // In the order they ended (ties: table order), which is the order the history lists them;
        // `retired` runs from the highest row down.
        std::reverse(retired.begin(), retired.end());
        std::stable_sort(retired.begin(), retired.end(),
                         [](const auto &l, const auto &r) { return l->lingerSinceMs < r->lingerSinceMs; });
        std::vector<DialogRow> ended;
        ended.reserve(retired.size());
        for (auto &entry : retired)
        {
            ended.push_back(std::move(entry->row));
        }
        m_history->append(std::move(ended), now);
    }
}

void DialogTableModel::reindexFrom(const int row)
{
    for (int r = row; r < int(m_rows.size()); ++r)
    {
        m_index.insert(m_rows[std::size_t(r)]->row.key, r);
    }
}
