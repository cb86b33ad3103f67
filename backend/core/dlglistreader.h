// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/core/dialogobjectreader.h"
#include "backend/core/dialogsnapshot.h"
#include "backend/core/jsonscanner.h"

namespace calldeck::core
{

/** @brief What a `dlg.list`-style JSON-RPC reply (or a bare list, or dlg.dump_file output) held. */
struct DlgListReply
{
    enum class Kind : std::uint8_t
    {
        Result, ///< `"result"` was an array of dialogs (bare lists and dump files: they were read)
        Error,  ///< a JSON-RPC `"error"` object: errorCode, errorMessage
        Invalid ///< not a reply: invalidReason says why; dialogs and errors are empty
    };

    Kind kind = Kind::Invalid;
    std::optional<std::int64_t> id; ///< the reply's id when it is a whole number
    std::int64_t errorCode = 0;
    std::string errorMessage;
    std::string invalidReason; ///< e.g. "not JSON: unexpected '}' at byte 1234"
    std::vector<DialogSnapshot> dialogs;
    /// One English line per skipped entry, as DlgListParser words them, e.g.
    /// "dialog 3 (call-id 'x'): 'state' is a string, expected a number".
    std::vector<std::string> errors;
};

/**
 * @brief The fast, Qt-free reader of Kamailio dialog lists: the same semantics as the Qt
 * DlgListParser (see DialogObjectReader), one pass over the text with JsonScanner.
 *
 * An instance keeps its buffers between calls. The read functions reuse the snapshots already in
 * `out.dialogs` (their strings' capacity), so a poller that hands the previous listing back (see
 * RemoteDialogSet::apply, which leaves recycled snapshots in the vector) parses with few
 * allocations.
 */
class DlgListReader
{
public:
    /** @brief A whole JSON-RPC 2.0 reply: `{"jsonrpc":"2.0","result":[...],"id":N}` or one with
     *  `"error":{"code":..,"message":..}`. */
    void readReply(std::string_view body, DlgListReply &out);
    /** @brief A bare `result` array; Kind is Result or Invalid. */
    void readArray(std::string_view json, DlgListReply &out);
    /** @brief `dlg.dump_file` output: one JSON object per line, empty lines skipped; a line that
     *  is not a dialog is an error line "line N: ...". Kind is always Result. */
    void readDumpFile(std::string_view ndjson, DlgListReply &out);

private:
    bool readDialogArray(DlgListReply &out);
    void invalid(DlgListReply &out, std::string reason);
    void notJson(DlgListReply &out);

    JsonScanner m_scanner{std::string_view()};
    DialogObjectReader m_object;
};

/** @brief DlgListReader::readReply with a fresh reader. */
DlgListReply readDlgListReply(std::string_view body);
/** @brief DlgListReader::readArray with a fresh reader. */
DlgListReply readDlgListArray(std::string_view json);
/** @brief DlgListReader::readDumpFile with a fresh reader. */
DlgListReply readDlgDumpFile(std::string_view ndjson);

} // namespace calldeck::core
