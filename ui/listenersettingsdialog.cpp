// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/listenersettingsdialog.h"

#include <QColor>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "backend/listenersettings.h"

using namespace Qt::StringLiterals;

ListenerSettingsDialog::ListenerSettingsDialog(const QStringList &commandLineListeners,
                                               const bool commandLineOff, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_edit(new QPushButton(tr("&Edit"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"listenerSettingsDialog"_s);
    setWindowTitle(tr("Mirror listeners"));
    m_list->setObjectName(u"listenerList"_s);
    m_list->setIconSize(QSize(16, 16)); // the warning on a bad entry keeps the rows' height
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setToolTip(tr("ADDR:PORT, e.g. 0.0.0.0:9060 (every IPv4 address), 127.0.0.1:9060 or, for "
                          "IPv6, [::1]:9060. Each address takes HEP (v1/v2/v3) and raw SIP on UDP and "
                          "TCP."));
    m_add->setObjectName(u"addButton"_s);
    m_edit->setObjectName(u"editButton"_s);
    m_remove->setObjectName(u"removeButton"_s);
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_add);
    rowButtons->addWidget(m_edit);
    rowButtons->addWidget(m_remove);
    rowButtons->addStretch();

    auto *intro =
        new QLabel(tr("CallDeck receives HEP (Kamailio siptrace, Homer agents, heplify) and raw SIP "
                      "on UDP and TCP at each address below. Leave the list empty for the default "
                      "%1. Changes apply at once.")
                       .arg(ListenerSettings::defaultListener()),
                   this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list);
    layout->addLayout(rowButtons);
    if (commandLineOff || !commandLineListeners.isEmpty())
    {
        const QString running =
            commandLineOff ? tr("no listener (--hep off)") : commandLineListeners.join(u", "_s);
        auto *cli = new QLabel(tr("This run listens on %1, as given on the command line; that stays until "
                                  "CallDeck is restarted. The list is stored and used when CallDeck starts "
                                  "without --hep.")
                                   .arg(running),
                               this);
        cli->setObjectName(u"commandLineLabel"_s);
        cli->setWordWrap(true);
        layout->addWidget(cli);
    }
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_add, &QPushButton::clicked, this, &ListenerSettingsDialog::addEntry);
    connect(m_edit, &QPushButton::clicked, this, &ListenerSettingsDialog::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &ListenerSettingsDialog::removeSelected);
    connect(m_list, &QListWidget::itemChanged, this, [this] { validate(); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ListenerSettingsDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ListenerSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QString &entry : ListenerSettings().listeners())
    {
        addItem(entry);
    }
    updateButtons();
    resize(600, 380);
}

QStringList ListenerSettingsDialog::entries() const
{
    QStringList result;
    for (int row = 0; row < m_list->count(); ++row)
    {
        const QString text = m_list->item(row)->text().trimmed();
        if (!text.isEmpty())
        {
            result << text;
        }
    }
    return result;
}

void ListenerSettingsDialog::addItem(const QString &entry)
{
    auto *item = new QListWidgetItem(entry);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_list->addItem(item);
}

void ListenerSettingsDialog::addEntry()
{
    // A suggestion the operator overwrites: the default first, then the next port on the last host.
    QString suggestion = ListenerSettings::defaultListener();
    if (m_list->count() > 0)
    {
        const QString last = m_list->item(m_list->count() - 1)->text().trimmed();
        const qsizetype colon = last.lastIndexOf(u':');
        bool ok = false;
        const int port = last.mid(colon + 1).toInt(&ok);
        if (colon > 0 && ok && port < 65535)
        {
            suggestion = last.left(colon + 1) + QString::number(port + 1);
        }
    }
    addItem(suggestion);
    m_list->setCurrentRow(m_list->count() - 1);
    m_list->editItem(m_list->currentItem());
    validate();
}

void ListenerSettingsDialog::editSelected()
{
    if (QListWidgetItem *item = m_list->currentItem())
    {
        m_list->editItem(item);
    }
}

void ListenerSettingsDialog::removeSelected()
{
    const int row = m_list->currentRow();
    if (row >= 0)
    {
        delete m_list->takeItem(row);
        validate();
    }
    updateButtons();
}

void ListenerSettingsDialog::updateButtons()
{
    m_edit->setEnabled(m_list->currentRow() >= 0);
    m_remove->setEnabled(m_list->currentRow() >= 0);
}

bool ListenerSettingsDialog::validate()
{
    // Rows as shown, empty ones included, so that "Listener N" is the N-th line of the list.
    QStringList rows;
    for (int row = 0; row < m_list->count(); ++row)
    {
        rows << m_list->item(row)->text().trimmed();
    }
    qsizetype bad = -1;
    const QString problem = ListenerSettings::firstProblem(rows, &bad);
    const QSignalBlocker block(m_list); // colouring an item is no edit
    for (int row = 0; row < m_list->count(); ++row)
    {
        QListWidgetItem *item = m_list->item(row);
        const bool wrong = row == bad;
        item->setData(Qt::ForegroundRole, wrong ? QVariant(QColor(0xb0, 0x00, 0x20)) : QVariant());
        item->setIcon(wrong ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
        item->setToolTip(wrong ? problem : QString());
    }
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    return problem.isEmpty();
}

bool ListenerSettingsDialog::apply()
{
    // An empty line is a slip, not a listener: drop it before the check.
    for (int row = m_list->count() - 1; row >= 0; --row)
    {
        if (m_list->item(row)->text().trimmed().isEmpty())
        {
            delete m_list->takeItem(row);
        }
    }
    if (!validate())
    {
        qsizetype bad = -1;
        ListenerSettings::firstProblem(entries(), &bad);
        m_list->setCurrentRow(static_cast<int>(bad));
        return false;
    }
    QString error;
    if (!ListenerSettings().setListeners(entries(), &error))
    {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    m_error->hide();
    return true;
}

void ListenerSettingsDialog::accept()
{
    if (apply())
    {
        QDialog::accept();
    }
}
