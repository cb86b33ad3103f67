// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/tableexportdata.h"

#include <algorithm>

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>

#include "backend/exportrequest.h"
#include "ui/models/dialogtablemodel.h"

namespace
{
std::string utf8(const QVariant &value)
{
    return value.toString().toStdString();
}

std::vector<int> selectedRows(const QTableView &view)
{
    std::vector<int> rows;
    if (const QItemSelectionModel *selection = view.selectionModel())
    {
        for (const QModelIndex &index : selection->selectedRows())
        {
            rows.push_back(index.row());
        }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void appendDialog(const QAbstractItemModel &shown, int row, const DialogTableModel &model,
                  ExportRequest &request)
{
    const quint64 key = shown.index(row, 0).data(DialogTableModel::KeyRole).toULongLong();
    const int sourceRow = model.rowOfKey(key);
    if (sourceRow >= 0)
    {
        request.dialogs.push_back(model.rowAt(sourceRow).dialog);
    }
}
} // namespace

void TableExportData::fillTable(const QTableView &view, const DialogTableModel &model, ExportRequest &request)
{
    const QAbstractItemModel *shown = view.model();
    const QHeaderView *header = view.horizontalHeader();
    std::vector<int> columns;
    for (int visual = 0; visual < header->count(); ++visual)
    {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
        {
            columns.push_back(logical);
        }
    }
    request.csvHeader.clear();
    for (const int column : columns)
    {
        request.csvHeader.push_back(utf8(shown->headerData(column, Qt::Horizontal, Qt::DisplayRole)));
    }
    const int rows = shown->rowCount();
    request.csvRows.clear();
    request.csvRows.reserve(std::size_t(rows));
    request.dialogs.clear();
    request.dialogs.reserve(std::size_t(rows));
    for (int row = 0; row < rows; ++row)
    {
        std::vector<std::string> fields;
        fields.reserve(columns.size());
        for (const int column : columns)
        {
            fields.push_back(utf8(shown->index(row, column).data(Qt::DisplayRole)));
        }
        request.csvRows.push_back(std::move(fields));
        appendDialog(*shown, row, model, request);
    }
}

std::vector<quint64> TableExportData::selectedKeys(const QTableView &view)
{
    std::vector<quint64> keys;
    for (const int row : selectedRows(view))
    {
        keys.push_back(view.model()->index(row, 0).data(DialogTableModel::KeyRole).toULongLong());
    }
    return keys;
}

void TableExportData::fillSelectedDialogs(const QTableView &view, const DialogTableModel &model,
                                          ExportRequest &request)
{
    request.dialogs.clear();
    for (const int row : selectedRows(view))
    {
        appendDialog(*view.model(), row, model, request);
    }
}
