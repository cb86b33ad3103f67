// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace calldeck::integration
{

class SippProcess;

/// @brief What one sipp end received of one request method on one call, and what it answered:
/// for tests of requests the network sends to a UA (BYE, REFER from a proxy or CallDeck).
struct ReceivedRequest
{
    QString text;      ///< the request as sipp logged it (empty when none or several arrived)
    int count = 0;     ///< how many such requests arrived
    int answer = 0;    ///< the status of sipp's first response to that method, 0 when none
    QStringList worse; ///< every response >= 300 sipp sent on the call (e.g. 481, 500)

    /// @brief Reads @p sipp's message log (needs SippProcess::Options::traceMessages).
    static ReceivedRequest of(const SippProcess &sipp, const QString &callId, const QString &method);
};

} // namespace calldeck::integration
