// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include "backend/core/dialogsnapshot.h"

/// @brief Turns Kamailio's dialog objects into DialogSnapshot values: the result of `dlg.list`,
/// `dlg.list_ctx`, `dlg.list_match` and `dlg.profile_list` (an array), and the NDJSON lines of
/// `dlg.dump_file`.
///
/// Every key of the 5.6 dialog object is read (kamailio-dialog.md §7.2): `call-id` (or `call_id`
/// as dlg.dump_file spells it), `cseq` as strings, null leg fields as std::nullopt, `profiles` as
/// the mixed array (a bare string is a profile without value, a one-key object a profile with
/// one) and `variables` as one-key objects. dlg.dump_file writes both as objects instead; there
/// an empty profile value means a profile without value, and the order is the key order (JSON
/// objects do not keep the text order). Missing keys keep the snapshot's defaults, except
/// `h_entry`, `h_id` and the Call-ID, which identify the dialog. Keys Kamailio may add (the
/// `_ctx` variants) are ignored.
///
/// A malformed entry (not an object, an identifying key missing, a value of the wrong type) is
/// skipped and reported; the other entries are kept.
class DlgListParser final
{
public:
    struct Result
    {
        std::vector<calldeck::core::DialogSnapshot> dialogs;
        /// @brief One English line per skipped entry, e.g. "dialog 3 (call-id 'x'): 'state' is a
        /// string, expected a number".
        QStringList errors;
    };

    /// @brief Reads a `dlg.list`-style result: an array of dialog objects.
    static Result parseList(const QJsonValue &result);
    /// @brief Reads `dlg.dump_file` output: one compact JSON object per line (empty lines skipped).
    static Result parseDumpFile(QByteArrayView ndjson);
    /// @brief Reads one dialog object.
    /// @return false with the reason in @p error (which may be null)
    static bool parseDialog(const QJsonObject &object, calldeck::core::DialogSnapshot &out, QString *error);
};
