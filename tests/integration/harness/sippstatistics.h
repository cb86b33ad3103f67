// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

namespace calldeck::integration
{

/// @brief The final call counters of one sipp run, read from its -trace_stat CSV (last line,
/// cumulative "(C)" columns) or, when that is missing, from its -trace_screen dump.
struct SippStatistics
{
    /// @brief False when neither file could be read (sipp never got that far).
    bool valid = false;
    int successfulCalls = 0;
    int failedCalls = 0;
    int createdCalls = 0;
    /// @brief Calls still open when the numbers were written.
    int currentCalls = 0;
    /// @brief The file the numbers came from.
    QString source;
    /// @brief Every cumulative CSV column by name (e.g. "FailedUnexpectedMessage(C)").
    QHash<QString, QString> columns;

    /// @brief Parses a sipp -trace_stat file (';' separated, header line first).
    static SippStatistics fromCsv(const QString &path);
    /// @brief Parses a sipp -trace_screen file (the "Successful call | p | c" table).
    static SippStatistics fromScreen(const QString &path);
    /// @brief "5 successful, 0 failed, 5 created (from <file>)"
    QString describe() const;
};

} // namespace calldeck::integration
