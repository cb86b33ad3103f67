// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    m_list->setObjectName(u"shortcutsList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Action"), tr("Shortcut")});
    for (const QAction *action : actions)
    {
        if (action->shortcut().isEmpty())
        {
            continue;
        }
        QString text = action->text();
        text.remove(u'&');
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, text);
        item->setText(1, action->shortcut().toString(QKeySequence::NativeText));
        item->setToolTip(0, action->statusTip());
    }
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(420, 300);
}

QTreeWidget *ShortcutsDialog::list() const
{
    return m_list;
}
