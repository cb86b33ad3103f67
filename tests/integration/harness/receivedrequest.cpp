// SPDX-License-Identifier: GPL-3.0-or-later
#include "receivedrequest.h"

#include "sippprocess.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

ReceivedRequest ReceivedRequest::of(const SippProcess &sipp, const QString &callId, const QString &method)
{
    ReceivedRequest r;
    const SippMessageLog log = sipp.messages();
    for (const SippMessageLog::Entry &e : log.entries())
    {
        if (e.callId != callId)
        {
            continue;
        }
        if (e.received && e.status == 0 && e.method == method)
        {
            ++r.count;
            r.text = r.count == 1 ? e.text : QString();
        }
        else if (!e.received && e.status && e.method == method && r.answer == 0)
        {
            r.answer = e.status;
        }
        if (!e.received && e.status >= 300)
        {
            r.worse << e.startLine + u" to "_s + e.method;
        }
    }
    return r;
}

} // namespace calldeck::integration
