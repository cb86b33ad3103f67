// SPDX-License-Identifier: GPL-3.0-or-later
// Messages and views for tst_clusterdialogtable: DMQ dialog bodies as Kamailio 5.6.3 sends them,
// parsed by the real parser so that the table sees exactly what the product would.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <QtGlobal>

#include "backend/core/clusterdialogtable.h"

namespace calldeck::dmqtest
{

using calldeck::core::ClusterDialogTable;
using calldeck::core::DialogSnapshot;
using calldeck::core::DmqBodyError;
using calldeck::core::DmqDialogMessage;
using calldeck::core::DmqParseResult;
using NodeId = ClusterDialogTable::NodeId;

inline DmqDialogMessage body(const std::string &json)
{
    const DmqParseResult r = calldeck::core::parseDmqDialogBody(json);
    if (r.error != DmqBodyError::None)
    {
        qFatal("bad test body %s: %s", json.c_str(), r.detail.c_str());
    }
    return r.message;
}

inline std::string ids(std::uint32_t hEntry, std::uint32_t hId)
{
    return "\"h_entry\":" + std::to_string(hEntry) + ",\"h_id\":" + std::to_string(hId);
}

/** An UPDATE as the origin (state 1) or a SYNC answer (state 2/4/5) sends it. */
inline DmqDialogMessage update(std::uint32_t hEntry, std::uint32_t hId, int state,
                               const std::string &callId = "c1", std::uint32_t startTs = 1000)
{
    std::string json =
        "{\"action\":1," + ids(hEntry, hId) + ",\"init_ts\":990,\"callid\":\"" + callId +
        "\",\"from_uri\":\"sip:a@x\",\"to_uri\":\"sip:b@x\",\"req_uri\":\"sip:b@y\",\"tag1\":\"ft\","
        "\"cseq1\":\"1\",\"route_set1\":\"\",\"contact1\":\"sip:a@h\",\"vars\":{\"acct\":\"7\"},"
        "\"profiles\":\"{\\\"profiles\\\":[{\\\"name\\\":\\\"trunk\\\",\\\"value\\\":\\\"p1\\\"}]}\","
        "\"state\":" +
        std::to_string(state);
    if (state == 2 || state == 4)
    {
        json += ",\"start_ts\":" + std::to_string(state == 4 ? startTs : 0) + ",\"lifetime\":60";
    }
    if (state == 4)
    {
        json += ",\"tag2\":\"tt\",\"cseq2\":\"0\",\"route_set2\":\"\",\"contact2\":\"sip:b@h\"";
    }
    return body(json + "}");
}

inline DmqDialogMessage stateMsg(std::uint32_t hEntry, std::uint32_t hId, int state,
                                 std::uint32_t startTs = 1000)
{
    std::string json = "{\"action\":2," + ids(hEntry, hId) + ",\"state\":" + std::to_string(state);
    if (state == 2 || state == 4)
    {
        json +=
            ",\"start_ts\":" + std::to_string(state == 4 ? startTs : 0) + ",\"lifetime\":60,\"tag1\":\"ft\"";
    }
    if (state == 4)
    {
        json += ",\"tag2\":\"tt\",\"contact2\":\"sip:b@h\"";
    }
    return body(json + "}");
}

inline DmqDialogMessage rm(std::uint32_t hEntry, std::uint32_t hId)
{
    return body("{\"action\":3," + ids(hEntry, hId) + ",\"state\":5}");
}

inline std::vector<DialogSnapshot> listing(const ClusterDialogTable &t, NodeId owner)
{
    std::vector<DialogSnapshot> out;
    t.listing(owner, out);
    return out;
}

inline std::set<NodeId> dirty(ClusterDialogTable &t)
{
    const auto v = t.takeDirtyNodes();
    return {v.begin(), v.end()};
}

} // namespace calldeck::dmqtest
