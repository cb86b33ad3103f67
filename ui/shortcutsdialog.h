// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTreeWidget;

/// @brief Help → Keyboard shortcuts: every action that has a shortcut, read from the actions
/// themselves so the list cannot drift from the menus.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);

    QTreeWidget *list() const;

private:
    QTreeWidget *m_list;
};
