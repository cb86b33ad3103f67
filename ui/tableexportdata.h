// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QtGlobal>

struct ExportRequest;
class DialogTableModel;
class QTableView;

/// @brief Reads what an export takes from the dialog table as the operator sees it: the visible
/// columns in view order with their header and display texts, the rows the filter shows in the
/// view's sort order, their dialogs (the dlg.list values behind them) and the selected rows' keys.
/// Read on the GUI thread into plain values; ExportJob does the rest elsewhere.
class TableExportData final
{
public:
    TableExportData() = delete;

    /// @brief Fills ExportRequest::csvHeader, csvRows and dialogs from @p view (its model is the
    /// filter proxy over @p model, or @p model itself).
    static void fillTable(const QTableView &view, const DialogTableModel &model, ExportRequest &request);
    /// @brief The keys (DialogRow::key) of the selected rows, in view order.
    static std::vector<quint64> selectedKeys(const QTableView &view);
    /// @brief The dialogs of the selected rows, in view order.
    static void fillSelectedDialogs(const QTableView &view, const DialogTableModel &model,
                                    ExportRequest &request);
};
