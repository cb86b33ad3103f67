// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/columnchooser.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <QAction>
#include <QFontMetrics>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>

#include "backend/coreworker.h"
#include "backend/mirrorsettings.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int SaveDelayMs = 500;

bool isTokenChar(const QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           QStringView(u"-.!%*_+`'~").contains(c);
}
} // namespace

ColumnChooser::ColumnChooser(QTableView *table, DialogTableModel *model, CoreWorker *worker, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_model(model)
    , m_worker(worker)
    , m_state(u"DialogTable/HeaderState"_s)
{
    Q_ASSERT(m_table && m_model);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu *menu = createMenu(m_table);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->horizontalHeader()->mapToGlobal(at));
    });
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(SaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &ColumnChooser::save);
    m_model->setHeaderColumns(MirrorSettings().headerColumns());
    restore();
    const auto later = [this] { m_saveTimer.start(); };
    connect(header, &QHeaderView::sectionMoved, this, later);
    connect(header, &QHeaderView::sectionResized, this, later);
    connect(header, &QHeaderView::sortIndicatorChanged, this, later);
}

void ColumnChooser::restore()
{
    const QByteArray state = m_state.get();
    if (!state.isEmpty() && m_table->horizontalHeader()->restoreState(state))
    {
        m_sized = true; // the operator's widths, not the first rows'
    }
}

void ColumnChooser::save()
{
    m_saveTimer.stop();
    if (m_table)
    {
        m_state.set(m_table->horizontalHeader()->saveState());
    }
}

void ColumnChooser::sizeOnce()
{
    if (m_sized || m_model->rowCount() == 0)
    {
        return;
    }
    sizeToRows();
    m_sized = true;
}

void ColumnChooser::sizeToRows()
{
    m_table->resizeColumnsToContents();
    // The first rows may come before a proxy's poll merges into them: leave room for
    // "mirror + host:port" and a few profiles instead of sizing to the first text only.
    const QFontMetrics metrics(m_table->font());
    const int padding = 2 * metrics.averageCharWidth();
    for (const auto &[column, sample] :
         {std::pair{int(DialogTableModel::OriginColumn), u"mirror + 255.255.255.255:65535"_s},
          std::pair{int(DialogTableModel::ProfilesColumn), u"trunk=gw-01, caller=alice, inbound"_s}})
    {
        const int wanted = metrics.horizontalAdvance(sample) + padding;
        if (m_table->columnWidth(column) < wanted)
        {
            m_table->setColumnWidth(column, wanted);
        }
    }
}

void ColumnChooser::resetColumns()
{
    QHeaderView *header = m_table->horizontalHeader();
    for (int logical = 0; logical < header->count(); ++logical)
    {
        header->showSection(logical);
        header->moveSection(header->visualIndex(logical), logical);
    }
    sizeToRows();
    m_sized = m_model->rowCount() > 0;
    save();
}

QMenu *ColumnChooser::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"columnMenu"_s);
    QHeaderView *header = m_table->horizontalHeader();
    const int shown = header->count() - header->hiddenSectionCount();
    for (int logical = 0; logical < m_model->columnCount(); ++logical)
    {
        QAction *action = menu->addAction(m_model->headerData(logical, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(logical));
        action->setEnabled(header->isSectionHidden(logical) || shown > 1); // keep one column
        action->setData(logical);
        connect(action, &QAction::toggled, this, [this, logical](const bool on) {
            m_table->horizontalHeader()->setSectionHidden(logical, !on);
            if (on && m_table->columnWidth(logical) == 0)
            {
                m_table->resizeColumnToContents(logical);
            }
            save();
        });
    }
    menu->addSeparator();
    QAction *add = menu->addAction(tr("Add header column…"));
    add->setObjectName(u"addHeaderColumnAction"_s);
    add->setStatusTip(tr("Show a SIP header of the mirror's INVITEs (P-Asserted-Identity, Diversion, X-…)"));
    add->setEnabled(m_model->headerColumns().size() < DialogTableModel::MaxHeaderColumns);
    connect(add, &QAction::triggered, this, &ColumnChooser::askHeaderColumn);
    if (!m_model->headerColumns().isEmpty())
    {
        QMenu *remove = menu->addMenu(tr("Remove header column"));
        for (const QString &name : m_model->headerColumns())
        {
            connect(remove->addAction(name), &QAction::triggered, this,
                    [this, name] { removeHeaderColumn(name); });
        }
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("Reset columns"));
    reset->setObjectName(u"resetColumnsAction"_s);
    reset->setStatusTip(tr("Show every column in its first place, sized to the rows"));
    connect(reset, &QAction::triggered, this, &ColumnChooser::resetColumns);
    return menu;
}

QString ColumnChooser::headerNameProblem(const QString &name, const QStringList &existing)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
    {
        return tr("Type the name of a SIP header, e.g. P-Asserted-Identity.");
    }
    if (!std::all_of(trimmed.begin(), trimmed.end(), isTokenChar) || trimmed.size() > 64)
    {
        return tr("\"%1\" is not a SIP header name: use letters, digits and - . ! % * _ + ` ' ~ only (at "
                  "most "
                  "64), e.g. X-Account.")
            .arg(trimmed);
    }
    if (existing.contains(trimmed, Qt::CaseInsensitive))
    {
        return tr("%1 is a column already; pick another header.").arg(trimmed);
    }
    if (existing.size() >= DialogTableModel::MaxHeaderColumns)
    {
        return tr("At most %1 header columns: remove one first.").arg(DialogTableModel::MaxHeaderColumns);
    }
    return {};
}

bool ColumnChooser::addHeaderColumn(const QString &name, QString *error)
{
    const QStringList names = m_model->headerColumns();
    const QString problem = headerNameProblem(name, names);
    if (!problem.isEmpty())
    {
        if (error)
        {
            *error = problem;
        }
        return false;
    }
    applyHeaderColumns(names + QStringList{name.trimmed()});
    return true;
}

void ColumnChooser::removeHeaderColumn(const QString &name)
{
    QStringList names = m_model->headerColumns();
    if (names.removeAll(name) > 0)
    {
        applyHeaderColumns(names);
    }
}

void ColumnChooser::applyHeaderColumns(const QStringList &names)
{
    MirrorSettings().setHeaderColumns(names);
    m_model->setHeaderColumns(names);
    if (m_worker)
    {
        std::vector<std::string> core;
        for (const QString &name : names)
        {
            core.push_back(name.toStdString());
        }
        m_worker->post(
            [core = std::move(core)](CoreContext &context) { context.engine.setHeaderColumns(core); });
    }
    const int added = m_model->columnCount() - 1;
    if (added >= DialogTableModel::ColumnCount && m_table->columnWidth(added) < 40)
    {
        m_table->resizeColumnToContents(added);
    }
    save();
    emit headerColumnsChanged(names);
}

void ColumnChooser::askHeaderColumn()
{
    auto *dialog = new QInputDialog(m_table);
    dialog->setObjectName(u"addHeaderColumnDialog"_s);
    dialog->setWindowTitle(tr("Add header column"));
    dialog->setLabelText(
        tr("SIP header of the initial INVITE to show (mirror dialogs that start from now on):"));
    dialog->setTextValue(u"P-Asserted-Identity"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) {
        QString error;
        if (!addHeaderColumn(name, &error))
        {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Add header column"), error, QMessageBox::Ok,
                                        m_table);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    dialog->open();
}
