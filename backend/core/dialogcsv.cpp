// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogcsv.h"

#include "csvwriter.h"

namespace calldeck::core
{

namespace
{
std::string joinProfiles(const DialogSnapshot &d)
{
    std::string out;
    for (const auto &[name, value] : d.profiles)
    {
        out += out.empty() ? "" : "; ";
        out += name;
        if (value)
        {
            out += '=' + *value;
        }
    }
    return out;
}

std::string joinVariables(const DialogSnapshot &d)
{
    std::string out;
    for (const auto &[name, value] : d.variables)
    {
        out += out.empty() ? "" : "; ";
        out += name + '=' + value;
    }
    return out;
}
} // namespace

std::string dialogListCsv(const std::vector<DialogSnapshot> &dialogs)
{
    CsvWriter csv;
    csv.addRow({"h_entry", "h_id", "call-id", "from_uri", "to_uri", "state", "start_ts", "init_ts", "end_ts",
                "duration", "timeout", "lifetime", "caller_tag", "caller_contact", "callee_tag",
                "callee_contact", "profiles", "variables"});
    for (const DialogSnapshot &d : dialogs)
    {
        csv.addRow({std::to_string(d.hEntry), std::to_string(d.hId), d.callId, d.fromUri, d.toUri,
                    std::to_string(d.state), std::to_string(d.startTs), std::to_string(d.initTs),
                    std::to_string(d.endTs), std::to_string(d.duration), std::to_string(d.timeout),
                    std::to_string(d.lifetime), d.caller.tag.value_or(""), d.caller.contact.value_or(""),
                    d.callee.tag.value_or(""), d.callee.contact.value_or(""), joinProfiles(d),
                    joinVariables(d)});
    }
    return csv.take();
}

} // namespace calldeck::core
