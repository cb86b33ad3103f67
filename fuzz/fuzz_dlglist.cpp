// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: JsonScanner over arbitrary bytes, and DlgListReader's three entry points (a
// JSON-RPC reply, a bare list, dlg.dump_file NDJSON) with their invariants. A broken invariant
// traps, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "backend/core/dlglistreader.h"
#include "backend/core/jsonscanner.h"

using namespace calldeck::core;

namespace
{

void check(bool condition)
{
    if (!condition)
    {
        __builtin_trap();
    }
}

void checkReply(const DlgListReply &r)
{
    if (r.kind == DlgListReply::Kind::Invalid)
    {
        check(!r.invalidReason.empty());
        check(r.dialogs.empty() && r.errors.empty());
        return;
    }
    check(r.invalidReason.empty());
    for (const DialogSnapshot &d : r.dialogs)
    {
        check(d.reqUri.empty() && d.timeoutRoute.empty());
    }
    for (const std::string &e : r.errors)
    {
        check(!e.empty());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);

    // The scanner alone: terminates, keeps its depth limit, reports errors inside the input.
    JsonScanner scanner(input);
    std::size_t tokens = 0;
    for (;;)
    {
        const JsonScanner::Token t = scanner.next();
        check(scanner.depth() <= JsonScanner::DefaultMaxDepth);
        if (t == JsonScanner::Token::Error)
        {
            check(!scanner.error().empty() && scanner.errorOffset() <= size);
            check(scanner.next() == JsonScanner::Token::Error);
            break;
        }
        if (t == JsonScanner::Token::End)
        {
            check(scanner.depth() == 0);
            break;
        }
        if (t == JsonScanner::Token::String && !scanner.isKey())
        {
            const std::string_view s = scanner.string();
            check(s.size() <= size);
        }
        check(++tokens <= size + 1);
    }

    // The same reader three ways, then again: reading is repeatable with recycled snapshots.
    static DlgListReader reader;
    static DlgListReply reply;
    reader.readReply(input, reply);
    checkReply(reply);
    const DlgListReply::Kind kind = reply.kind;
    const std::vector<DialogSnapshot> dialogs = reply.dialogs;
    const std::size_t errors = reply.errors.size();
    reader.readArray(input, reply);
    checkReply(reply);
    reader.readDumpFile(input, reply);
    checkReply(reply);
    check(reply.kind == DlgListReply::Kind::Result);
    reader.readReply(input, reply);
    check(reply.kind == kind && reply.dialogs == dialogs && reply.errors.size() == errors);
    return 0;
}
