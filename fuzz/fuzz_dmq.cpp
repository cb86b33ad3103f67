// SPDX-License-Identifier: GPL-3.0-or-later
// fuzz_dmq: the DMQ codecs and the cluster dialog table (issue #10), with invariant checks.
//   - the whole input as a node-list body: at most 256 nodes, each formats and parses back;
//   - the whole input as a dialog-channel body: an accepted one round-trips through the formatter;
//   - the input as a script of lines, each "<control byte><body>": the control byte picks the
//     sender (low 3 bits), advances the clock (bits 3-4) and may call expire()/beginSync()/
//     endSync() (bits 5-7); accepted bodies are applied to a small table whose invariants are
//     checked after every line (listings partition the live dialogs, nothing ended is listed).
// A broken invariant aborts, which libFuzzer reports as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string_view>
#include <vector>

#include "backend/core/clusterdialogtable.h"
#include "backend/core/dmqdialogmessage.h"
#include "backend/core/dmqnodelist.h"

using namespace calldeck::core;

namespace
{

#define check(ok) checkImpl((ok), #ok, __LINE__)

void checkImpl(bool ok, const char *what, int line)
{
    if (!ok)
    {
        std::fprintf(stderr, "fuzz_dmq: invariant broken at line %d: %s\n", line, what);
        std::abort();
    }
}

constexpr ClusterDialogTable::NodeId Nodes = 8;

void checkNodeList(std::string_view input)
{
    const DmqNodeListParse parsed = parseDmqNodeList(input);
    check(parsed.nodes.size() <= DmqMaxNodeLines);
    for (const std::string &e : parsed.errors)
    {
        check(e.rfind("line ", 0) == 0);
    }
    const DmqNodeListParse again = parseDmqNodeList(formatDmqNodeList(parsed.nodes));
    check(again.errors.empty());
    check(again.nodes == parsed.nodes);
}

void checkBody(std::string_view input)
{
    const DmqParseResult r = parseDmqDialogBody(input);
    if (r.error != DmqBodyError::None)
    {
        check(!r.detail.empty());
        check(dmqBodyErrorName(r.error) != "none");
        return;
    }
    const DmqParseResult again = parseDmqDialogBody(formatDmqDialogBody(r.message));
    check(again.error == DmqBodyError::None);
    check(again.message == r.message);
}

void checkTable(const ClusterDialogTable &t)
{
    std::set<std::uint64_t> seen;
    std::size_t total = 0;
    std::vector<DialogSnapshot> listing;
    for (ClusterDialogTable::NodeId node = 0; node < Nodes; ++node)
    {
        listing.clear();
        t.listing(node, listing);
        check(listing.size() == t.size(node));
        total += listing.size();
        for (const DialogSnapshot &d : listing)
        {
            check(d.state >= 1 && d.state <= 4);
            check((d.iflags & 64) != 0);
            check(d.state == 4 || d.timeout == 0);
            check(seen.insert((std::uint64_t(d.hEntry) << 32) | d.hId).second);
            check(t.owner(d.hEntry, d.hId) == node);
            const auto ownership = t.ownership(d.hEntry, d.hId);
            check(ownership.has_value());
            check(t.ownerConfirmed(d.hEntry, d.hId) ==
                  (ownership == ClusterDialogTable::Ownership::Confirmed));
        }
    }
    check(total == t.size());
    check(t.count(ClusterDialogTable::Ownership::Provisional) +
              t.count(ClusterDialogTable::Ownership::Inferred) +
              t.count(ClusterDialogTable::Ownership::Confirmed) ==
          t.size());
    check(t.ownerInference().step == 0 || t.ownerInference().step >= 2);
    check(t.size() <= 64);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    checkNodeList(input);
    checkBody(input);

    ClusterDialogTable table(ClusterDialogTable::Options{64, 5});
    std::uint32_t now = 1'000'000;
    std::string_view rest = input;
    while (!rest.empty())
    {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        if (line.empty())
        {
            continue;
        }
        const auto control = static_cast<std::uint8_t>(line.front());
        const auto sender = static_cast<ClusterDialogTable::NodeId>(control & 7);
        now += (control >> 3) & 3;
        switch (control >> 5)
        {
        case 5:
            table.expire(now);
            break;
        case 6:
            table.beginSync();
            break;
        case 7:
            table.endSync();
            break;
        default:
            break;
        }
        const DmqParseResult r = parseDmqDialogBody(line.substr(1));
        if (r.error == DmqBodyError::None)
        {
            const ClusterDialogTable::Result result = table.apply(r.message, sender, now);
            check(result.sipStatus == 200 || result.sipStatus == 500);
            check((result.sipStatus == 500) == !result.reason.empty());
        }
        checkTable(table);
        table.takeDirtyNodes();
    }
    table.expire(now + 100'000);
    checkTable(table);
    return 0;
}
