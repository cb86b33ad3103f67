// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogdetailsdock.h"

#include <QAbstractProxyModel>
#include <QEvent>
#include <QItemSelectionModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include "backend/dialogdetailssource.h"
#include "ui/dialogdetailspane.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

DialogDetailsDock::DialogDetailsDock(CoreWorker &worker, const SourceRegistry *sources, QWidget *parent)
    : QDockWidget(parent)
{
    setObjectName(u"detailsDock"_s);
    m_source = new DialogDetailsSource(worker, sources, this);
    m_pane = new DialogDetailsPane(m_source);
    setWidget(m_pane);
    retranslateUi();
}

void DialogDetailsDock::follow(QTableView *table, DialogTableModel *model)
{
    Q_ASSERT(table && table->selectionModel() && model);
    m_table = table;
    m_model = model;
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DialogDetailsDock::followSelection);
    if (qEnvironmentVariableIsSet("CALLDECK_SELECT_FIRST_ROW"))
    {
        selectFirstRowForScreenshot();
    }
}

void DialogDetailsDock::followSelection()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1)
    {
        m_pane->showNothing(static_cast<int>(rows.size()));
        return;
    }
    QModelIndex index = rows.front();
    const quint64 key = index.data(DialogTableModel::KeyRole).toULongLong();
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(index.model()))
    {
        index = proxy->mapToSource(index);
    }
    const DialogRow *row =
        index.isValid() && index.model() == m_model ? &m_model->rowAt(index.row()) : nullptr;
    m_pane->showDialog(key, row);
}

void DialogDetailsDock::selectFirstRowForScreenshot()
{
    m_selectFirstPending = true;
    const bool flow = qEnvironmentVariable("CALLDECK_SELECT_FIRST_ROW") == u"flow"_s;
    connect(m_table->model(), &QAbstractItemModel::rowsInserted, this, [this, flow] {
        // Queued: the table's proxy has sorted the new rows by then.
        QTimer::singleShot(0, this, [this, flow] {
            if (!m_selectFirstPending || !m_table || m_table->model()->rowCount() == 0)
            {
                return;
            }
            m_selectFirstPending = false;
            m_table->selectRow(0);
            if (flow)
            {
                m_pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
            }
        });
    });
}

void DialogDetailsDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QDockWidget::changeEvent(event);
}

void DialogDetailsDock::retranslateUi()
{
    setWindowTitle(tr("Dialog details"));
    toggleViewAction()->setStatusTip(tr("Show or hide the details and call flow of the selected dialog"));
}
