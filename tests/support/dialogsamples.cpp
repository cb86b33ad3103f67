// SPDX-License-Identifier: GPL-3.0-or-later
// Dialogs for the store tests (SQLite and PostgreSQL) and their view as table rows.
#include "dialogsamples.h"

#include <algorithm>
#include <utility>

#include "backend/core/dialogdbrow.h"

namespace calldeck::testsupport
{

namespace
{

void sortByKey(std::vector<core::DialogSnapshot> &dialogs)
{
    std::sort(dialogs.begin(), dialogs.end(), [](const auto &a, const auto &b) {
        return std::pair(a.hEntry, a.hId) < std::pair(b.hEntry, b.hId);
    });
}

} // namespace

core::DialogSnapshot sampleDialog(std::uint32_t n)
{
    core::DialogSnapshot d;
    d.hEntry = 100 + n % 4;
    d.hId = n;
    d.callId = "call-" + std::to_string(n) + "@pc33.example.com";
    d.fromUri = "sip:alice@example.com";
    d.toUri = "sip:bob@example.org";
    d.reqUri = "sip:bob@192.0.2.4:5060";
    d.state = 4;
    d.startTs = 1700000000 + n;
    d.timeout = d.startTs + 3600;
    d.lifetime = 3600;
    d.sflags = n;
    d.iflags = 1;
    d.timeoutRoute = n % 2 ? "DLG_TIMEOUT" : "";
    d.caller = {"ftag" + std::to_string(n), "<sip:alice@192.0.2.1:5060>", "101", "<sip:p1.example.com;lr>",
                "udp:10.0.0.1:5060"};
    d.callee = {"ttag" + std::to_string(n), "<sip:bob@192.0.2.4>", "7", std::nullopt, "tcp:10.0.0.1:5060"};
    if (n % 3 != 0)
    {
        d.profiles = {{"caller", "alice"}, {"inbound", std::nullopt}};
    }
    d.variables = {{"account", std::to_string(n)}, {"tenant", "acme"}};
    return d;
}

std::vector<std::string> tableView(std::vector<core::DialogSnapshot> dialogs)
{
    sortByKey(dialogs);
    std::vector<std::string> out;
    for (const core::DialogSnapshot &d : dialogs)
    {
        const auto row = core::toDbRow(d);
        std::string line = std::to_string(row.hashEntry) + ":" + std::to_string(row.hashId) + " " +
                           row.callid + " " + std::to_string(row.state) + " " + std::to_string(row.timeout) +
                           " " + row.callerCseq + "/" + row.calleeCseq + " " + row.callerContact + "/" +
                           row.calleeContact + " " + row.xdata.value_or("NULL") + " " +
                           std::to_string(row.sflags);
        for (const auto &v : core::toVarRows(d))
        {
            line += " [" + v.dialogKey + "=" + v.dialogValue + "]";
        }
        out.push_back(std::move(line));
    }
    return out;
}

bool sameRows(std::vector<core::DialogSnapshot> a, std::vector<core::DialogSnapshot> b)
{
    sortByKey(a);
    sortByKey(b);
    if (a.size() != b.size())
    {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        if (!(core::toDbRow(a[i]) == core::toDbRow(b[i])) ||
            !(core::toVarRows(a[i]) == core::toVarRows(b[i])))
        {
            return false;
        }
    }
    return true;
}

} // namespace calldeck::testsupport
