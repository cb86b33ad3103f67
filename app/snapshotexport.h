// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

class CoreWorker;

/// @brief `--export FILE`: writes the snapshot the core holds at that moment. JSON is the
/// dlg.list result array, tab-indented like jsonrpcs' pretty output; the file is replaced
/// atomically, so a reader never sees half of it.
class SnapshotExport final
{
    Q_DECLARE_TR_FUNCTIONS(SnapshotExport)

public:
    SnapshotExport() = delete;

    /// @return false with a translated @p error that says what to do next
    static bool writeJson(CoreWorker &worker, const QString &path, int timeoutMs, QString *error);
};
