// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "backend/core/dialogsnapshot.h"

namespace calldeck::integration
{

/// @brief A Kamailio whose dialog module keeps its dialogs in a db_sqlite file (issue #9 interop):
/// the defines that switch the test config to it (WITH_DIALOG_DB: db_mode 1, dlg flag 3, timeout
/// route DIALOG_DB_TIMEOUT), the tables made by Kamailio's own shipped SQL, and the comparison of
/// two `dlg.list` dialogs on the fields the `dialog` table stores (reference §8.2).
class KamailioDialogDb final
{
public:
    KamailioDialogDb() = delete;

    /// @brief The sflags the config sets with dlg_setflag("3").
    static constexpr int ScriptFlags = 8;
    /// @brief The config's timeout route, stored in `toroute_name`.
    static QString timeoutRoute();

    /// @brief KamailioInstance::Options::extraDefines for a db_sqlite dialog table in the file
    /// @p path (absolute: the URL gets four slashes).
    static QStringList defines(const QString &path);

    /// @brief /usr/share/kamailio/db_sqlite (CALLDECK_KAMAILIO_SQL_DIR in the environment names
    /// another directory).
    static QString sqlDirectory();
    /// @brief Creates the file @p path with Kamailio's standard-create.sql and dialog-create.sql
    /// (the module creates no tables); false with a message saying what to install.
    static bool createWithKamailioSql(const QString &path, QString *error);
    /// @brief Rows of @p table in the file @p path (each row an object by column name, ordered by
    /// `id`), read with a QtSql connection of its own; empty with @p error on failure.
    static QJsonArray rows(const QString &path, const QString &table, QString *error);

    /// @brief The dialog as `dlg.list` prints it (backend/core/dialogjson), parsed.
    static QJsonObject toJson(const calldeck::core::DialogSnapshot &dialog);
    /// @brief The fields of a `dlg.list` dialog that the table stores: h_entry, h_id, call-id,
    /// from/to URI, state, start_ts, timeout, sflags, iflags, both legs (tag, contact, cseq,
    /// route_set, socket), profiles and variables (both sorted). Not stored: ref, init_ts, end_ts,
    /// duration, dflags; lifetime is rebuilt from timeout − start_ts and left out too.
    static QJsonObject storedFields(const QJsonObject &dialog);
    /// @brief Empty when @p actual equals @p expected on storedFields() (timeout may be one second
    /// off: Kamailio turns its timer ticks into Unix seconds separately for the row and the
    /// listing); else one line per field that differs. Top-level keys in @p ignored are skipped.
    static QString differences(const QJsonObject &expected, const QJsonObject &actual,
                               const QStringList &ignored = {});
    /// @brief differences() of each dialog of @p expected and the one with its Call-ID in
    /// @p actual, and a line if @p actual has another number of dialogs; empty when all match.
    static QString compareLists(const QJsonArray &expected, const QJsonArray &actual,
                                const QStringList &ignored = {});
    /// @brief The dialog with @p callId in a `dlg.list` array, empty when none.
    static QJsonObject find(const QJsonArray &list, const QString &callId);
};

} // namespace calldeck::integration
