// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QCoreApplication>
#include <QString>

#include "backend/dialogdelta.h"

/// @brief The fields the details pane lists for a dialog, in sections: the dialog itself, the
/// caller's and the callee's legs (tag, contact, CSeq, route set, socket), timers, flags,
/// profiles and variables, with Kamailio's names in the tooltips (DESIGN.md vocabulary).
/// Stateless; the pane builds them once per update and once a second for the clock fields.
class DialogDetailsFields final
{
    Q_DECLARE_TR_FUNCTIONS(DialogDetailsFields)

public:
    struct Field
    {
        QString section;
        QString name;
        QString value;
        QString toolTip;
    };

    DialogDetailsFields() = delete;

    /// @brief Every field of @p row, with the timers read at @p nowSeconds (Unix seconds).
    static std::vector<Field> build(const DialogRow &row, qint64 nowSeconds);
    /// @brief "0x0000000c (12)".
    static QString flagsText(quint32 flags);
};
