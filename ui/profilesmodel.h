// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <QAbstractItemModel>
#include <QHash>
#include <QString>

#include "backend/dialogdelta.h"

/// @brief The live profiles as a tree: profile → value → number of dialogs (what
/// `dlg.profile_get_size` answers), merged from the mirror's and the proxies' rows, since both
/// arrive as one DialogRow per dialog. A dialog counts while it is not deleted (state < 5).
///
/// Fed by the same per-tick deltas as the dialog table (house style §6.3) and announced in
/// batches: per tick ONE insert for the new profiles, one insert per profile for its new values,
/// removals of values that dropped to zero in contiguous spans from the highest, dataChanged
/// over contiguous spans of changed sizes; never a reset (clear() excepted). Profiles stay once
/// seen (they are declared, so few); values leave at zero. New rows are appended: sort in a
/// proxy.
class ProfilesModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilesModel)

public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        /// The profile's name (on profile and value rows).
        ProfileNameRole = Qt::UserRole + 1,
        /// The value (QString) on value rows; invalid on profile rows.
        ProfileValueRole,
    };

    explicit ProfilesModel(QObject *parent = nullptr);
    ~ProfilesModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// @brief Takes one tick's delta (what MainWindow::dialogDeltaTaken carries).
    void apply(const DialogDelta &delta);
    /// @brief Forgets everything (a reset).
    void clear();

    /// @brief Dialogs in @p profile, or with @p value when it is not null; 0 when unknown.
    qint64 size(const QString &profile, const QString &value = QString()) const;
    /// @brief The index of a profile row, or of a value row when @p value is not null.
    QModelIndex find(const QString &profile, const QString &value = QString()) const;

    void retranslate();

private:
    using Profiles = std::vector<std::pair<std::string, std::optional<std::string>>>;
    struct Value
    {
        QString text;
        qint64 size = 0;
    };
    struct Profile
    {
        QString name;
        qint64 direct = 0; // dialogs in it without a value
        qint64 size = 0;   // direct + the values'
        std::vector<Value> values;
        QHash<QString, int> valueRows;
    };
    struct Change // net change of one (profile, value) in a tick
    {
        qint64 direct = 0;
        QHash<QString, qint64> values;
        std::vector<QString> order; // values in first-seen order (new rows append in it)
    };

    void count(const Profiles &profiles, qint64 sign, QHash<QString, Change> &changes,
               std::vector<QString> &order) const;
    void addProfiles(const QHash<QString, Change> &changes, const std::vector<QString> &order);
    void updateProfile(int row, const Change &change);
    static void emitSpans(std::vector<int> &rows, const std::function<void(int, int)> &emitSpan);

    std::vector<std::unique_ptr<Profile>> m_profiles;
    QHash<QString, int> m_profileRows;
    std::unordered_map<quint64, Profiles> m_members; // dialogs counted now → what they count in
};
