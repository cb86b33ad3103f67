// SPDX-License-Identifier: GPL-3.0-or-later
// DialogDbRow: a dialog as the module writes it to its `dialog` and `dialog_vars` tables (§8.2).
#include "dialogdbrow.h"

#include "backend/core/jsonscanner.h"
#include "backend/core/jsonwriter.h"

namespace calldeck::core
{

namespace
{

using Token = JsonScanner::Token;

std::optional<std::string> nonEmpty(const std::string &s)
{
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::optional<std::string> nonEmpty(std::string &&s)
{
    return s.empty() ? std::nullopt : std::optional<std::string>(std::move(s));
}

std::optional<std::string> profilesJson(const DialogSnapshot &dialog)
{
    if (dialog.profiles.empty())
    {
        return std::nullopt;
    }
    std::string out;
    JsonWriter w(out);
    w.beginObject().key("profiles").beginArray();
    for (const auto &[name, value] : dialog.profiles)
    {
        w.beginObject().key("name").value(name);
        if (value)
        {
            w.key("value").value(*value);
        }
        w.endObject();
    }
    w.endArray().endObject();
    return out;
}

/** Reads one profile object (after its BeginObject); puid, expires and flags are skipped. */
bool readProfile(JsonScanner &s, DialogSnapshot &out)
{
    std::optional<std::string> name;
    std::optional<std::string> value;
    for (Token t = s.next(); t != Token::EndObject; t = s.next())
    {
        if (t != Token::String || !s.isKey())
        {
            return false;
        }
        const std::string key(s.string());
        const Token v = s.next();
        if ((key == "name" || key == "value") && v == Token::String)
        {
            (key == "name" ? name : value) = std::string(s.string());
        }
        else if (v == Token::Error || v == Token::End || !s.skipContainer())
        {
            return false;
        }
    }
    if (!name)
    {
        return false;
    }
    out.profiles.emplace_back(std::move(*name), std::move(value));
    return true;
}

bool readXdata(std::string_view text, DialogSnapshot &out)
{
    JsonScanner s(text);
    if (s.next() != Token::BeginObject)
    {
        return false;
    }
    for (Token t = s.next(); t != Token::EndObject; t = s.next())
    {
        if (t != Token::String || !s.isKey())
        {
            return false;
        }
        const bool profiles = s.string() == "profiles";
        const Token v = s.next();
        if (profiles && v == Token::BeginArray)
        {
            for (Token p = s.next(); p != Token::EndArray; p = s.next())
            {
                if (p != Token::BeginObject || !readProfile(s, out))
                {
                    return false;
                }
            }
        }
        else if (v == Token::Error || v == Token::End || !s.skipContainer())
        {
            return false;
        }
    }
    return s.next() == Token::End;
}

} // namespace

DialogDbRow toDbRow(const DialogSnapshot &dialog)
{
    DialogDbRow row;
    row.hashEntry = dialog.hEntry;
    row.hashId = dialog.hId;
    row.callid = dialog.callId;
    row.fromUri = dialog.fromUri;
    row.fromTag = dialog.caller.tag.value_or(std::string());
    row.toUri = dialog.toUri;
    row.toTag = nonEmpty(dialog.callee.tag.value_or(std::string()));
    row.callerCseq = dialog.caller.cseq.value_or(std::string());
    row.calleeCseq = dialog.callee.cseq.value_or(std::string());
    // The module writes NULL for an empty route set (SET_PROPER_NULL_FLAG in its INSERT).
    row.callerRouteSet = nonEmpty(dialog.caller.routeSet.value_or(std::string()));
    row.calleeRouteSet = nonEmpty(dialog.callee.routeSet.value_or(std::string()));
    row.callerContact = dialog.caller.contact.value_or(std::string());
    row.calleeContact = dialog.callee.contact.value_or(std::string());
    row.callerSock = dialog.caller.socket.value_or(std::string());
    row.calleeSock = dialog.callee.socket.value_or(std::string());
    row.state = dialog.state;
    row.startTime = dialog.startTs;
    row.timeout = dialog.timeout;
    row.sflags = dialog.sflags;
    row.iflags = dialog.iflags;
    row.torouteName = nonEmpty(dialog.timeoutRoute);
    row.reqUri = dialog.reqUri;
    row.xdata = profilesJson(dialog);
    return row;
}

std::vector<DialogVarRow> toVarRows(const DialogSnapshot &dialog)
{
    std::vector<DialogVarRow> rows;
    rows.reserve(dialog.variables.size());
    for (const auto &[key, value] : dialog.variables)
    {
        rows.push_back(DialogVarRow{dialog.hEntry, dialog.hId, key, value});
    }
    return rows;
}

Result<DialogSnapshot> fromDbRow(DialogDbRow row, std::span<const DialogVarRow> vars)
{
    DialogSnapshot d;
    d.hEntry = row.hashEntry;
    d.hId = row.hashId;
    d.callId = std::move(row.callid);
    d.fromUri = std::move(row.fromUri);
    d.toUri = std::move(row.toUri);
    d.reqUri = std::move(row.reqUri);
    d.state = static_cast<std::uint8_t>(row.state);
    d.startTs = row.startTime;
    d.timeout = row.timeout;
    d.lifetime = row.timeout > row.startTime ? row.timeout - row.startTime : 0;
    d.sflags = row.sflags;
    d.iflags = row.iflags;
    d.timeoutRoute = std::move(row.torouteName).value_or(std::string());
    d.caller.tag = std::move(row.fromTag);
    d.caller.cseq = nonEmpty(std::move(row.callerCseq));
    d.caller.contact = nonEmpty(std::move(row.callerContact));
    // A reloaded leg always has a route set: dlg.list prints "" for a NULL or empty column.
    d.caller.routeSet = std::move(row.callerRouteSet).value_or(std::string());
    d.caller.socket = nonEmpty(std::move(row.callerSock));
    d.callee.tag = row.toTag ? nonEmpty(std::move(*row.toTag)) : std::nullopt;
    d.callee.cseq = nonEmpty(std::move(row.calleeCseq));
    d.callee.contact = nonEmpty(std::move(row.calleeContact));
    d.callee.routeSet = std::move(row.calleeRouteSet).value_or(std::string());
    d.callee.socket = nonEmpty(std::move(row.calleeSock));
    if (row.xdata && !row.xdata->empty() && !readXdata(*row.xdata, d))
    {
        return makeError(Error::Code::Malformed, "the dialog row's xdata is not the module's profiles JSON");
    }
    for (const DialogVarRow &v : vars)
    {
        if (v.hashEntry == row.hashEntry && v.hashId == row.hashId)
        {
            d.variables.emplace_back(v.dialogKey, v.dialogValue);
        }
    }
    return d;
}

} // namespace calldeck::core
