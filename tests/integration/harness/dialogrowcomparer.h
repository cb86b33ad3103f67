// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace calldeck::integration
{

/// @brief Compares CallDeck's `calldeck.dialogs` rows of one proxy with that proxy's own
/// `dlg.list` (issue #5: the console shows exactly the proxy's dialogs).
///
/// A row matches a Kamailio dialog when its origin is the proxy's name, it has no flags
/// (a proxy-only row of a proxy that answers), its proxy_h_entry/proxy_h_id are the dialog's
/// h_entry/h_id, and its "dialog" object equals Kamailio's apart from the fields Kamailio moves
/// on every call (duration, ref; timeout may be one second off, see differences()); profiles
/// and variables are compared as sets (order aside).
class DialogRowComparer final
{
public:
    DialogRowComparer() = delete;

    /// @brief The rows of @p rows (calldeck.dialogs) whose origin is @p origin.
    static QJsonArray rowsOf(const QJsonArray &rows, const QString &origin);
    /// @brief Kamailio's dialog object without duration and ref, profiles and variables sorted.
    static QJsonObject normalised(const QJsonObject &dialog);
    /// @brief Empty when @p calldeckRows (already filtered by origin) are exactly
    /// @p kamailioList; otherwise one line per difference (at most @p maxLines).
    static QString differences(const QJsonArray &kamailioList, const QJsonArray &calldeckRows,
                               const QString &origin, int maxLines = 20);
    /// @brief The row (or Kamailio dialog) with this Call-ID in @p list, empty when none.
    static QJsonObject findByCallId(const QJsonArray &list, const QString &callId);
    /// @brief The "dialog" of a row, or the object itself for a dlg.list entry.
    static QJsonObject dialogOf(const QJsonObject &rowOrDialog);
};

} // namespace calldeck::integration
