// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/profilesmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace
{
constexpr int Deleted = 5; // dlg.list state 5: the dialog has left its profiles
constexpr quintptr TopLevel = 0;
} // namespace

ProfilesModel::ProfilesModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

ProfilesModel::~ProfilesModel() = default;

QModelIndex ProfilesModel::index(const int row, const int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
    {
        return {};
    }
    if (!parent.isValid())
    {
        return std::size_t(row) < m_profiles.size() ? createIndex(row, column, TopLevel) : QModelIndex();
    }
    if (parent.internalId() != TopLevel || std::size_t(parent.row()) >= m_profiles.size())
    {
        return {};
    }
    const Profile &profile = *m_profiles[std::size_t(parent.row())];
    return std::size_t(row) < profile.values.size() ? createIndex(row, column, quintptr(parent.row()) + 1)
                                                    : QModelIndex();
}

QModelIndex ProfilesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
    {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, TopLevel);
}

int ProfilesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
    {
        return int(m_profiles.size());
    }
    if (parent.internalId() != TopLevel || parent.column() != 0)
    {
        return 0; // values have no children; only column 0 carries them
    }
    return int(m_profiles[std::size_t(parent.row())]->values.size());
}

int ProfilesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ProfilesModel::data(const QModelIndex &index, const int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
    {
        return {};
    }
    const bool isValue = index.internalId() != TopLevel;
    const Profile &profile =
        *m_profiles[std::size_t(isValue ? index.internalId() - 1 : quintptr(index.row()))];
    const Value *value = isValue ? &profile.values[std::size_t(index.row())] : nullptr;
    const qint64 size = value ? value->size : profile.size;
    switch (role)
    {
    case Qt::DisplayRole:
        if (index.column() == SizeColumn)
        {
            return size;
        }
        if (value)
        {
            return value->text.isEmpty() ? tr("(empty value)") : value->text;
        }
        return profile.name;
    case Qt::ToolTipRole:
        if (value)
        {
            return tr("Dialogs in profile %1 with value %2: %3. Click to show them.")
                .arg(profile.name, value->text, QString::number(size));
        }
        return tr("Dialogs in profile %1: %2. Click to show them.").arg(profile.name, QString::number(size));
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case ProfileNameRole:
        return profile.name;
    case ProfileValueRole:
        return value ? QVariant(value->text) : QVariant();
    default:
        return {};
    }
}

QVariant ProfilesModel::headerData(const int section, const Qt::Orientation orientation, const int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    {
        return QAbstractItemModel::headerData(section, orientation, role);
    }
    return section == NameColumn ? tr("Profile / value") : tr("Dialogs");
}

void ProfilesModel::apply(const DialogDelta &delta)
{
    QHash<QString, Change> changes;
    std::vector<QString> order;
    // Removals first: an upsert of the same key is the newer news (as in DialogTableModel).
    for (const quint64 key : delta.removed)
    {
        if (const auto it = m_members.find(key); it != m_members.end())
        {
            count(it->second, -1, changes, order);
            m_members.erase(it);
        }
    }
    for (const DialogRow &row : delta.upserts)
    {
        const Profiles &fresh = row.dialog.profiles;
        const bool counts = row.dialog.state < Deleted && !fresh.empty();
        const auto it = m_members.find(row.key);
        if (it == m_members.end())
        {
            if (counts)
            {
                count(fresh, 1, changes, order);
                m_members.emplace(row.key, fresh);
            }
            continue;
        }
        if (counts && it->second == fresh)
        {
            continue; // the usual update: a timer, a CSeq
        }
        count(it->second, -1, changes, order);
        if (counts)
        {
            count(fresh, 1, changes, order);
            it->second = fresh;
        }
        else
        {
            m_members.erase(it);
        }
    }
    if (changes.isEmpty())
    {
        return;
    }

    std::vector<int> resized;
    for (const QString &name : order)
    {
        if (const auto it = m_profileRows.constFind(name); it != m_profileRows.cend())
        {
            const qint64 before = m_profiles[std::size_t(*it)]->size;
            updateProfile(*it, changes[name]);
            if (m_profiles[std::size_t(*it)]->size != before)
            {
                resized.push_back(*it);
            }
        }
    }
    emitSpans(resized, [this](const int first, const int last) {
        emit dataChanged(index(first, SizeColumn), index(last, SizeColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    });
    addProfiles(changes, order);
}

void ProfilesModel::count(const Profiles &profiles, const qint64 sign, QHash<QString, Change> &changes,
                          std::vector<QString> &order) const
{
    for (const auto &[name, value] : profiles)
    {
        const QString profile = QString::fromStdString(name);
        auto it = changes.find(profile);
        if (it == changes.end())
        {
            it = changes.insert(profile, {});
            order.push_back(profile);
        }
        if (!value)
        {
            it->direct += sign;
            continue;
        }
        const QString text = QString::fromStdString(*value);
        auto v = it->values.find(text);
        if (v == it->values.end())
        {
            v = it->values.insert(text, 0);
            it->order.push_back(text);
        }
        *v += sign;
    }
}

void ProfilesModel::updateProfile(const int row, const Change &change)
{
    Profile &profile = *m_profiles[std::size_t(row)];
    const QModelIndex parent = index(row, 0);
    std::vector<int> changed;
    std::vector<int> emptied;
    std::vector<Value> fresh;
    qint64 total = change.direct;
    for (const QString &text : change.order)
    {
        const qint64 delta = change.values.value(text);
        total += delta;
        const auto it = profile.valueRows.constFind(text);
        if (delta == 0 || (it == profile.valueRows.cend() && delta < 0))
        {
            continue;
        }
        if (it == profile.valueRows.cend())
        {
            fresh.push_back({text, delta});
            continue;
        }
        Value &value = profile.values[std::size_t(*it)];
        value.size += delta;
        (value.size > 0 ? changed : emptied).push_back(*it);
    }
    profile.direct += change.direct;
    profile.size += total;

    emitSpans(changed, [&](const int first, const int last) {
        emit dataChanged(index(first, SizeColumn, parent), index(last, SizeColumn, parent),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    });
    if (!emptied.empty())
    {
        std::sort(emptied.begin(), emptied.end(), std::greater<>());
        std::size_t i = 0;
        while (i < emptied.size()) // contiguous spans, the highest first, so lower rows hold
        {
            const int last = emptied[i];
            int first = last;
            for (++i; i < emptied.size() && emptied[i] == first - 1; ++i)
            {
                --first;
            }
            beginRemoveRows(parent, first, last);
            for (int r = first; r <= last; ++r)
            {
                profile.valueRows.remove(profile.values[std::size_t(r)].text);
            }
            profile.values.erase(profile.values.begin() + first, profile.values.begin() + last + 1);
            endRemoveRows();
        }
        for (int r = emptied.back(); r < int(profile.values.size()); ++r)
        {
            profile.valueRows.insert(profile.values[std::size_t(r)].text, r);
        }
    }
    if (!fresh.empty())
    {
        const int first = int(profile.values.size());
        beginInsertRows(parent, first, first + int(fresh.size()) - 1);
        for (Value &value : fresh)
        {
            profile.valueRows.insert(value.text, int(profile.values.size()));
            profile.values.push_back(std::move(value));
        }
        endInsertRows();
    }
}

void ProfilesModel::addProfiles(const QHash<QString, Change> &changes, const std::vector<QString> &order)
{
    std::vector<std::unique_ptr<Profile>> fresh;
    for (const QString &name : order)
    {
        if (m_profileRows.contains(name))
        {
            continue;
        }
        const Change &change = changes[name];
        auto profile = std::make_unique<Profile>();
        profile->name = name;
        profile->direct = std::max<qint64>(change.direct, 0);
        profile->size = profile->direct;
        for (const QString &text : change.order)
        {
            const qint64 size = change.values.value(text);
            if (size > 0)
            {
                profile->valueRows.insert(text, int(profile->values.size()));
                profile->values.push_back({text, size});
                profile->size += size;
            }
        }
        if (profile->size > 0)
        {
            fresh.push_back(std::move(profile));
        }
    }
    if (fresh.empty())
    {
        return;
    }
    const int first = int(m_profiles.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (auto &profile : fresh)
    {
        m_profileRows.insert(profile->name, int(m_profiles.size()));
        m_profiles.push_back(std::move(profile));
    }
    endInsertRows();
}

void ProfilesModel::emitSpans(std::vector<int> &rows, const std::function<void(int, int)> &emitSpan)
{
    std::sort(rows.begin(), rows.end());
    std::size_t i = 0;
    while (i < rows.size())
    {
        const int first = rows[i];
        int last = first;
        for (++i; i < rows.size() && rows[i] == last + 1; ++i)
        {
            ++last;
        }
        emitSpan(first, last);
    }
}

void ProfilesModel::clear()
{
    beginResetModel();
    m_profiles.clear();
    m_profileRows.clear();
    m_members.clear();
    endResetModel();
}

qint64 ProfilesModel::size(const QString &profile, const QString &value) const
{
    const QModelIndex at = find(profile, value);
    return at.isValid() ? data(at.siblingAtColumn(SizeColumn)).toLongLong() : 0;
}

QModelIndex ProfilesModel::find(const QString &profile, const QString &value) const
{
    const auto it = m_profileRows.constFind(profile);
    if (it == m_profileRows.cend())
    {
        return {};
    }
    if (value.isNull())
    {
        return index(*it, 0);
    }
    const Profile &node = *m_profiles[std::size_t(*it)];
    const auto v = node.valueRows.constFind(value);
    return v == node.valueRows.cend() ? QModelIndex() : index(*v, 0, index(*it, 0));
}

void ProfilesModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}
