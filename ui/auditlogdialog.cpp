// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/auditlogdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include "backend/auditlog.h"
#include "ui/auditlogmodel.h"

using namespace Qt::StringLiterals;

AuditLogDialog::AuditLogDialog(AuditLog &log, QWidget *parent)
    : QDialog(parent)
    , m_log(log)
    , m_model(new AuditLogModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_problem(new QLabel(this))
{
    setObjectName(u"auditLogDialog"_s);
    setWindowTitle(tr("Audit log"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(u"auditView"_s);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_filter->setObjectName(u"auditFilter"_s);
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter: user, action, Call-ID, path, result, message…"));
    m_count->setObjectName(u"auditCount"_s);
    m_problem->setObjectName(u"auditProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *csv = buttons->addButton(tr("Export &CSV…"), QDialogButtonBox::ActionRole);
    csv->setObjectName(u"exportCsvButton"_s);
    QPushButton *jsonl = buttons->addButton(tr("Export &JSON lines…"), QDialogButtonBox::ActionRole);
    jsonl->setObjectName(u"exportJsonButton"_s);
    QPushButton *reloadButton = buttons->addButton(tr("&Reload"), QDialogButtonBox::ActionRole);
    connect(csv, &QPushButton::clicked, this, [this] { askExport(Format::Csv); });
    connect(jsonl, &QPushButton::clicked, this, [this] { askExport(Format::JsonLines); });
    connect(reloadButton, &QPushButton::clicked, this, &AuditLogDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    auto *where = new QLabel(
        tr("Every control action attempt, from the table calldeck_audit of the store %1.").arg(m_log.path()),
        this);
    where->setWordWrap(true);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(where);
    layout->addLayout(top);
    layout->addWidget(m_problem);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(1100, 560);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });
    connect(&m_log, &AuditLog::recorded, this, [this](const QJsonObject &entry) {
        m_model->prepend(entry);
        updateCount();
    });
    reload();
}

AuditLogDialog::~AuditLogDialog() = default;

void AuditLogDialog::reload()
{
    QString error;
    int skipped = 0;
    m_model->setEntries(m_log.read(&error, &skipped));
    QStringList problems;
    if (!error.isEmpty())
    {
        problems << tr("The audit log could not be read completely (%1); check the store's permissions, or "
                       "that its database server runs.")
                        .arg(error);
    }
    if (skipped > 0)
    {
        problems << tr("%n row(s) of the table are not audit entries and are not shown.", nullptr, skipped);
    }
    m_problem->setText(problems.join(u' '));
    m_problem->setVisible(!problems.isEmpty());
    m_view->resizeColumnsToContents();
    const int em = m_view->fontMetrics().averageCharWidth();
    m_view->setColumnWidth(AuditLogModel::ResultColumn,
                           std::max(m_view->columnWidth(AuditLogModel::ResultColumn), 13 * em));
    for (const auto &[column, most] : {std::pair{int(AuditLogModel::MessageColumn), 50 * em},
                                       std::pair{int(AuditLogModel::PathColumn), 34 * em},
                                       std::pair{int(AuditLogModel::ParametersColumn), 30 * em}})
    {
        m_view->setColumnWidth(column, std::clamp(m_view->columnWidth(column), 12 * em, most));
    }
    // Failures say what to do in the message: room for it even when the first entries had none.
    m_view->setColumnWidth(AuditLogModel::MessageColumn,
                           std::max(m_view->columnWidth(AuditLogModel::MessageColumn), 36 * em));
    updateCount();
}

void AuditLogDialog::updateCount()
{
    m_count->setText(m_proxy->rowCount() == m_model->rowCount()
                         ? tr("%1 entries").arg(m_model->rowCount())
                         : tr("%1 of %2 entries").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

QList<QJsonObject> AuditLogDialog::shownEntries() const
{
    QList<QJsonObject> out;
    out.reserve(m_proxy->rowCount());
    for (int row = m_proxy->rowCount() - 1; row >= 0; --row)
    {
        out.append(m_model->entryAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row()));
    }
    return out;
}

bool AuditLogDialog::exportTo(const QString &fileName, const Format format, QString *error) const
{
    const QList<QJsonObject> entries = shownEntries();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
    {
        if (error)
        {
            *error = tr("Cannot write %1: %2. Choose another folder or file name.")
                         .arg(QDir::toNativeSeparators(fileName), file.errorString());
        }
        return false;
    }
    file.write(format == Format::Csv ? AuditLogModel::toCsv(entries) : AuditLogModel::toJsonLines(entries));
    if (!file.commit())
    {
        if (error)
        {
            *error = tr("Cannot write %1: %2. Free some disk space or choose another folder.")
                         .arg(QDir::toNativeSeparators(fileName), file.errorString());
        }
        return false;
    }
    return true;
}

void AuditLogDialog::askExport(const Format format)
{
    if (m_fileDialog)
    {
        m_fileDialog->raise();
        return;
    }
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              (format == Format::Csv ? u"/calldeck-audit.csv"_s : u"/calldeck-audit.jsonl"_s);
    m_fileDialog = new QFileDialog(this, tr("Export audit log"), suggested);
    m_fileDialog->setAcceptMode(QFileDialog::AcceptSave);
    //: File dialog filters: keep the patterns in brackets as they are
    m_fileDialog->setNameFilter(format == Format::Csv ? tr("CSV (*.csv)") : tr("JSON lines (*.jsonl)"));
    m_fileDialog->setDefaultSuffix(format == Format::Csv ? u"csv"_s : u"jsonl"_s);
    m_fileDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_fileDialog, &QFileDialog::fileSelected, this, [this, format](const QString &fileName) {
        QString error;
        if (!exportTo(fileName, format, &error))
        {
            auto *box =
                new QMessageBox(QMessageBox::Warning, tr("Export audit log"), error, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    m_fileDialog->open();
}
