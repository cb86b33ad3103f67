// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/incidentpackdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "backend/exportformat.h"

using namespace Qt::StringLiterals;

IncidentPackDialog::IncidentPackDialog(const QString &path, const bool selection, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"incidentPackDialog"_s);
    setWindowTitle(tr("Incident pack"));
    m_path = new QLineEdit(QDir::toNativeSeparators(path), this);
    m_path->setObjectName(u"packPath"_s);
    m_path->setMinimumWidth(420);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &IncidentPackDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_mask = new QCheckBox(tr("&Mask numbers and URIs (for sharing outside the operations team)"), this);
    m_mask->setObjectName(u"packMask"_s);
    m_mask->setToolTip(tr("Every telephone number and the user@host of every SIP URI is replaced, with the "
                          "same length and the same way in all files, so calls can still be followed and "
                          "the capture stays valid."));

    const QString messages =
        selection ? tr("the selected dialogs' messages") : tr("the shown dialogs' messages");
    m_contents = new QLabel(tr("The archive holds table.csv (the table as shown), dialogs.json (dlg.list "
                               "shape), messages.pcap (%1), the chart pictures and manifest.json with the "
                               "SHA-256 of each file.")
                                .arg(messages),
                            this);
    m_contents->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"packProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b00020;"_s);
    m_problem->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write pack"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &IncidentPackDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &IncidentPackDialog::reject);

    auto *pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(m_path);
    auto *form = new QFormLayout;
    form->addRow(pathLabel, pathRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_mask);
    layout->addWidget(m_contents);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
}

QString IncidentPackDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void IncidentPackDialog::setPath(const QString &path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

bool IncidentPackDialog::mask() const
{
    return m_mask->isChecked();
}

void IncidentPackDialog::setMask(const bool mask)
{
    m_mask->setChecked(mask);
}

QString IncidentPackDialog::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void IncidentPackDialog::accept()
{
    const QString file = path();
    const ExportFormat format = exportFormatOf(file);
    QString problem;
    if (file.isEmpty())
    {
        problem = tr("Enter the file to write, e.g. incident.tar.gz, or choose one with Browse….");
    }
    else if (format != ExportFormat::Tar && format != ExportFormat::TarGz)
    {
        problem =
            tr("The pack is a .tar.gz or .tar archive: end the file name in .tar.gz (smaller) or .tar.");
    }
    else if (!QFileInfo(QFileInfo(file).absolutePath()).isDir())
    {
        problem = tr("The folder %1 does not exist; choose an existing folder with Browse….")
                      .arg(QDir::toNativeSeparators(QFileInfo(file).absolutePath()));
    }
    if (!problem.isEmpty())
    {
        m_problem->setText(problem);
        m_problem->show();
        adjustSize(); // room for the wrapped lines
        m_path->setFocus();
        return;
    }
    m_problem->hide();
    QDialog::accept();
}

void IncidentPackDialog::browse()
{
    if (m_fileDialog)
    {
        m_fileDialog->raise();
        return;
    }
    m_fileDialog = new QFileDialog(this, tr("Incident pack"), path());
    m_fileDialog->setObjectName(u"packFileDialog"_s);
    m_fileDialog->setAcceptMode(QFileDialog::AcceptSave);
    m_fileDialog->setNameFilters({tr("Compressed archive (*.tar.gz)"), tr("Archive (*.tar)")});
    m_fileDialog->setDefaultSuffix(u"tar.gz"_s);
    m_fileDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_fileDialog, &QFileDialog::fileSelected, this, &IncidentPackDialog::setPath);
    m_fileDialog->open();
}
