// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to DialogTableModel (its two .cpp files); nothing else includes this.

#include "backend/dialogdelta.h"
#include "ui/models/dialogtablemodel.h"

/// @brief One row of the live table: the delta's DialogRow plus what the model derives from it.
struct DialogTableModel::Entry
{
    DialogRow row;
    qint64 stateSinceSec = 0;  ///< when the current state began (Unix seconds)
    qint64 lingerSinceMs = -1; ///< model clock when the linger began; -1 while live
    bool gone = false;         ///< the core dropped the dialog (a `removed` key)

    bool lingering() const { return lingerSinceMs >= 0; }
};
