// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QSqlDatabase;

/// @brief The one-time move of what earlier versions kept in their own files into the store
/// (issue #9): the charts' history (`history.sqlite`: its `series` and `chunk` tables) and the
/// audit log (`audit.jsonl` and its rotated `audit.jsonl.1`). Each file is read, its rows are
/// written to CallDeck's tables in one transaction, and after the commit it is renamed to
/// "<file>.imported", so the next start imports nothing and the old data is still at hand.
/// A file that is missing is no error; a file that cannot be read or renamed is (English message
/// that says what to do), and the store then keeps what it had.
///
/// Used from the thread that owns @p store's connection.
class LegacyImport final
{
public:
    /// @brief The suffix an imported file gets.
    static QString importedSuffix();

    /// @brief Imports the chunks of the charts' history file @p file (if it exists) into
    /// `calldeck_series`/`calldeck_chunk` (a chunk already in the store is replaced).
    /// @param chunks the number of chunks imported
    static bool importHistory(QSqlDatabase &store, const QString &file, int *chunks, QString *error);

    /// @brief Imports the audit log @p file and its older "<file>.1" (if they exist) into
    /// `calldeck_audit`, oldest first; lines that are not JSON objects are skipped.
    /// @param entries the number of entries imported
    static bool importAudit(QSqlDatabase &store, const QString &file, int *entries, QString *error);
};
