// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/proxysettingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "backend/proxysettings.h"
#include "backend/rpcendpoint.h"

using namespace Qt::StringLiterals;

ProxySettingsDialog::ProxySettingsDialog(const QStringList &commandLineUrls, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_interval(new QDoubleSpinBox(this))
    , m_profiles(new QLineEdit(this))
    , m_helperPath(new QLineEdit(this))
    , m_verifyTls(new QCheckBox(tr("Verify the proxies' TLS certificates (https)"), this))
    , m_caFile(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"proxySettingsDialog"_s);
    setWindowTitle(tr("Proxies"));
    m_table->setObjectName(u"proxyTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("JSON-RPC URL")});
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Name: shown in the Origin column (host:port when empty). URL: e.g. "
                           "http://user:password@10.0.0.5:5071/RPC — the proxy needs jsonrpcs and xhttp."));
    m_interval->setObjectName(u"intervalSpin"_s);
    m_interval->setRange(0.1, 3600);
    m_interval->setDecimals(1);
    m_interval->setSuffix(tr(" s"));
    m_profiles->setObjectName(u"profilesEdit"_s);
    m_profiles->setPlaceholderText(tr("e.g. trunk, inbound (profiles seen in dlg.list are polled anyway)"));
    m_helperPath->setObjectName(u"helperPathEdit"_s);
    m_caFile->setObjectName(u"caFileEdit"_s);
    m_caFile->setPlaceholderText(tr("system certificate store"));
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_add);
    rowButtons->addWidget(m_remove);
    rowButtons->addStretch();

    auto *form = new QFormLayout;
    form->addRow(tr("Poll every"), m_interval);
    form->addRow(tr("Profiles to poll"), m_profiles);
    form->addRow(tr("Helper path"), m_helperPath);
    form->addRow(QString(), m_verifyTls);
    form->addRow(tr("CA file (PEM)"), m_caFile);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Proxies watched over Kamailio's JSON-RPC (jsonrpcs over xhttp). Changes "
                                    "apply at once: the feeds restart."),
                                 this));
    layout->addWidget(m_table);
    layout->addLayout(rowButtons);
    if (!commandLineUrls.isEmpty())
    {
        QStringList shown;
        for (const QString &url : commandLineUrls)
        {
            shown << RpcEndpoint::redacted(url);
        }
        auto *cli =
            new QLabel(tr("Also watched in this run (--rpc, not stored): %1").arg(shown.join(u", "_s)), this);
        cli->setWordWrap(true);
        layout->addWidget(cli);
    }
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow(QString(), u"http://127.0.0.1:5071/RPC"_s);
        m_table->setCurrentCell(m_table->rowCount() - 1, 1);
        m_table->editItem(m_table->currentItem());
    });
    connect(m_remove, &QPushButton::clicked, this, &ProxySettingsDialog::removeSelected);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProxySettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    load();
    resize(720, 460);
}

void ProxySettingsDialog::load()
{
    const ProxySettings settings;
    const QStringList urls = settings.urls();
    const QStringList names = settings.names();
    for (qsizetype i = 0; i < urls.size(); ++i)
    {
        addRow(names.value(i), urls.at(i));
    }
    m_interval->setValue(settings.intervalMs() / 1000.0);
    m_profiles->setText(settings.profiles().join(u", "_s));
    m_helperPath->setText(settings.helperPath());
    m_verifyTls->setChecked(settings.verifyTls());
    m_caFile->setText(settings.caFile());
}

void ProxySettingsDialog::addRow(const QString &name, const QString &url)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    m_table->setItem(row, 1, new QTableWidgetItem(url));
}

void ProxySettingsDialog::removeSelected()
{
    const int row = m_table->currentRow();
    if (row >= 0)
    {
        m_table->removeRow(row);
    }
}

bool ProxySettingsDialog::apply()
{
    QStringList urls;
    QStringList names;
    for (int row = 0; row < m_table->rowCount(); ++row)
    {
        const QString name = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString url = m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed() : QString();
        if (url.isEmpty() && name.isEmpty())
        {
            continue;
        }
        RpcEndpoint endpoint;
        QString why;
        if (!RpcEndpoint::parse(url, endpoint, &why))
        {
            m_error->setText(tr("Proxy %1: %2").arg(row + 1).arg(why));
            m_error->show();
            m_table->setCurrentCell(row, 1);
            return false;
        }
        urls << url;
        names << name;
    }
    const QString caFile = m_caFile->text().trimmed();
    if (!caFile.isEmpty() && !QFileInfo(caFile).isReadable())
    {
        m_error->setText(
            tr("The CA file %1 cannot be read; give the path of a PEM file or leave it empty for "
               "the system store.")
                .arg(caFile));
        m_error->show();
        m_caFile->setFocus();
        return false;
    }
    QString helper = m_helperPath->text().trimmed();
    if (helper.isEmpty() || helper.contains(u' ') || helper.contains(u"://"_s))
    {
        m_error->setText(tr("The helper path must be a URL path such as /calldeck."));
        m_error->show();
        m_helperPath->setFocus();
        return false;
    }
    ProxySettings settings;
    QString error;
    if (!settings.setProxies(urls, names, &error))
    {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    settings.setIntervalMs(qRound(m_interval->value() * 1000));
    QStringList profiles;
    for (const QString &p : m_profiles->text().split(u',', Qt::SkipEmptyParts))
    {
        if (!p.trimmed().isEmpty())
        {
            profiles << p.trimmed();
        }
    }
    settings.setProfiles(profiles);
    settings.setHelperPath(helper.startsWith(u'/') ? helper : u"/"_s + helper);
    settings.setVerifyTls(m_verifyTls->isChecked());
    settings.setCaFile(caFile);
    m_error->hide();
    return true;
}

void ProxySettingsDialog::accept()
{
    if (apply())
    {
        QDialog::accept();
    }
}
