// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>

class ProfilesModel;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;

/// @brief The Profiles view: the live tree profile → value → dialogs (ProfilesModel), sortable
/// by name or size. A click on a profile or a value asks for the dialog table to be filtered to
/// its dialogs (profileActivated), which the filter bar does.
class ProfilesDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilesDock)

public:
    explicit ProfilesDock(QWidget *parent = nullptr);

    ProfilesModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

signals:
    /// @brief A profile (@p value null) or one of its values was clicked.
    void profileActivated(const QString &profile, const QString &value);

protected:
    void changeEvent(QEvent *event) override;

private:
    void activate(const QModelIndex &index);
    void retranslateUi();

    ProfilesModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTreeView *m_view = nullptr;
};
