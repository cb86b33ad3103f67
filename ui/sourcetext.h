// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// How the Sources view writes counters, rates and times (free functions, no state), shared by
// SourcesTableModel and the texts of the DMQ rows (DmqHealthText).
namespace SourceText
{
/// @brief A counter in the user's locale: "1,234".
QString number(quint64 value);
/// @brief A rate per second: one decimal below 10 ("2.5"), none above ("140").
QString rate(double perSecond);
/// @brief "HH:mm:ss" for a time of today, with the short date before it otherwise; "—" for 0 (never).
QString clock(qint64 ms);
} // namespace SourceText
