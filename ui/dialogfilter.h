// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>

/// @brief What the filter bar asks of the dialog table, as a value: compared, copied, saved
/// under a name (SavedFilters) and handed to DialogFilterProxyModel::setFilter() in one piece.
/// Empty fields filter nothing; the fields that are set combine with AND.
struct DialogFilter
{
    QString text;        ///< case-insensitive substring of Call-ID, URIs, profiles, origin, contacts, headers
    QList<int> states;   ///< dialog states (1..5) to show, ascending; empty: every state
    QString profileName; ///< only dialogs in this profile (exact name); empty: any
    QString profileValue;         ///< with a profile: only this value (exact); null: any value
    QString origin;               ///< "mirror" or a proxy name: one part of the row's origin; empty: any
    qint64 minimumAgeSeconds = 0; ///< only dialogs whose INVITE is at least this old; 0: any
    QString fromPattern;          ///< wildcard over the whole From URI ('*', '?'), case-insensitive
    QString toPattern;            ///< the same over the To URI

    bool isEmpty() const;
    /// @brief The same filter with the states sorted and de-duplicated (0..31 only) and the age
    /// not negative: what the proxy keeps and what compares equal.
    DialogFilter normalized() const;
    /// @brief A map with stable keys, for QSettings.
    QVariantMap toVariantMap() const;
    static DialogFilter fromVariantMap(const QVariantMap &map);

    /// @brief Field by field; a null profile value (any) differs from an empty one.
    friend bool operator==(const DialogFilter &left, const DialogFilter &right);
    friend bool operator!=(const DialogFilter &left, const DialogFilter &right) { return !(left == right); }
};
