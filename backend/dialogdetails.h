// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QMetaType>

#include "backend/core/callflowmessage.h"
#include "backend/dialogdelta.h"

/// @brief One dialog as the details pane shows it, read on the core thread at one moment: the
/// row (snapshot, origin, flags) and the messages the mirror saw of it, already split.
struct DialogDetails
{
    quint64 key = 0;    ///< the row key asked for (DialogRow::key)
    bool found = false; ///< the core still holds the dialog (else row is empty: it ended and left)
    /// True for a dialog of the mirror (the engine's); false for one only a proxy lists (its
    /// messages never reached the mirror, so there are none).
    bool onMirror = false;
    DialogRow row;
    std::vector<calldeck::core::CallFlowMessage> messages; ///< oldest first
    quint32 historyCap = 0; ///< messages kept per dialog; as many as this means older ones were dropped
    friend bool operator==(const DialogDetails &, const DialogDetails &) = default;
};

Q_DECLARE_METATYPE(DialogDetails)
