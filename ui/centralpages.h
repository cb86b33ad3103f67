// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTabWidget>

/// @brief The main window's central area: the dialogs page, and the pages app/ adds (the
/// charts). Each tab reads its page's window title and follows it when it changes (a language
/// switch); the tab bar shows only once there is more than one page. Ctrl+Tab / Ctrl+PgDn move
/// between them.
class CentralPages final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CentralPages)

public:
    explicit CentralPages(QWidget *parent = nullptr);

    void addPage(QWidget *page);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};
