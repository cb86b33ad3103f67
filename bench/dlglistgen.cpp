// SPDX-License-Identifier: GPL-3.0-or-later
#include "dlglistgen.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "backend/core/corehash.h"

namespace calldeck::bench
{

using calldeck::core::DialogLegSnapshot;
using calldeck::core::DialogSnapshot;

namespace
{

constexpr std::uint32_t HashSize = 4096; // modparam("dialog", "hash_size", 4096)

const char *const Carriers[] = {"carrier-a.example.net", "sbc1.telco.example.org", "trunk.voip.example.com"};
const char *const Pbxes[] = {"pbx1.example.com", "pbx2.example.com", "cc.example.de"};
const char *const Trunks[] = {"carrier-a", "carrier-b", "uas-5080", "sbc-east"};
const char *const Sockets[] = {"udp:10.0.0.10:5060", "tcp:10.0.0.10:5060", "udp:192.0.2.20:5060"};

/** Writes @p s as a JSON string (escapes only what must be). */
void writeString(std::string &out, std::string_view s)
{
    out.push_back('"');
    for (const char c : s)
    {
        if (c == '"' || c == '\\')
        {
            out.push_back('\\');
            out.push_back(c);
        }
        else if (static_cast<unsigned char>(c) < 0x20)
        {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(c));
            out.append(esc);
        }
        else
        {
            out.push_back(c);
        }
    }
    out.push_back('"');
}

void tabs(std::string &out, int n)
{
    out.append(static_cast<std::size_t>(n), '\t');
}

/** `"key":\t` at @p depth tabs, as srjson's formatted print writes a member. */
void key(std::string &out, int depth, std::string_view name)
{
    tabs(out, depth);
    writeString(out, name);
    out.append(":\t");
}

void member(std::string &out, int depth, std::string_view name, std::int64_t value, bool last = false)
{
    key(out, depth, name);
    out.append(std::to_string(value));
    out.append(last ? "\n" : ",\n");
}

void member(std::string &out, int depth, std::string_view name, const std::optional<std::string> &value,
            bool last = false)
{
    key(out, depth, name);
    if (value)
    {
        writeString(out, *value);
    }
    else
    {
        out.append("null");
    }
    out.append(last ? "\n" : ",\n");
}

/** A one-key object at @p depth, as an item of a profiles or variables array. */
void oneKeyObject(std::string &out, int depth, std::string_view name, std::string_view value)
{
    out.append("{\n");
    key(out, depth, name);
    writeString(out, value);
    out.push_back('\n');
    tabs(out, depth - 1);
    out.push_back('}');
}

void writeLeg(std::string &out, std::string_view name, const DialogLegSnapshot &leg)
{
    key(out, 3, name);
    out.append("{\n");
    member(out, 4, "tag", leg.tag);
    member(out, 4, "contact", leg.contact);
    member(out, 4, "cseq", leg.cseq);
    member(out, 4, "route_set", leg.routeSet);
    member(out, 4, "socket", leg.socket, true);
    tabs(out, 3);
    out.append("},\n");
}

void writeDialog(std::string &out, const DialogSnapshot &d)
{
    member(out, 3, "h_entry", d.hEntry);
    member(out, 3, "h_id", d.hId);
    member(out, 3, "ref", d.ref);
    member(out, 3, "call-id", std::optional<std::string>(d.callId));
    member(out, 3, "from_uri", std::optional<std::string>(d.fromUri));
    member(out, 3, "to_uri", std::optional<std::string>(d.toUri));
    member(out, 3, "state", d.state);
    member(out, 3, "start_ts", d.startTs);
    member(out, 3, "init_ts", d.initTs);
    member(out, 3, "end_ts", d.endTs);
    member(out, 3, "duration", d.duration);
    member(out, 3, "timeout", d.timeout);
    member(out, 3, "lifetime", d.lifetime);
    member(out, 3, "dflags", d.dflags);
    member(out, 3, "sflags", d.sflags);
    member(out, 3, "iflags", d.iflags);
    writeLeg(out, "caller", d.caller);
    writeLeg(out, "callee", d.callee);
    key(out, 3, "profiles");
    out.push_back('[');
    for (std::size_t i = 0; i < d.profiles.size(); ++i)
    {
        if (i)
        {
            out.append(", ");
        }
        if (d.profiles[i].second)
        {
            oneKeyObject(out, 5, d.profiles[i].first, *d.profiles[i].second);
        }
        else
        {
            writeString(out, d.profiles[i].first);
        }
    }
    out.append("],\n");
    key(out, 3, "variables");
    out.push_back('[');
    for (std::size_t i = 0; i < d.variables.size(); ++i)
    {
        if (i)
        {
            out.append(", ");
        }
        oneKeyObject(out, 5, d.variables[i].first, d.variables[i].second);
    }
    out.append("]\n");
}

} // namespace

DlgListGenerator::DlgListGenerator(std::uint64_t seed)
    : m_random(seed)
{}

std::uint32_t DlgListGenerator::below(std::uint32_t n)
{
    return static_cast<std::uint32_t>(m_random() % n);
}

std::string DlgListGenerator::hex(std::size_t digits)
{
    static constexpr char Digits[] = "0123456789abcdef";
    std::string s(digits, '0');
    for (char &c : s)
    {
        c = Digits[below(16)];
    }
    return s;
}

std::string DlgListGenerator::number(std::size_t digits)
{
    std::string s(digits, '0');
    for (char &c : s)
    {
        c = static_cast<char>('0' + below(10));
    }
    return s;
}

DialogSnapshot DlgListGenerator::makeDialog()
{
    DialogSnapshot d;
    const std::uint32_t style = below(3);
    const std::string caller = "+49" + number(9);
    const std::string callee = "+49" + number(8);
    const std::string carrier = Carriers[below(3)];
    const std::string pbx = Pbxes[below(3)];
    if (style == 0)
    {
        d.callId = hex(32) + "@" + carrier;
    }
    else if (style == 1)
    {
        d.callId = hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
    }
    else
    {
        d.callId = std::to_string(m_nextId) + "-" + number(5) + "@10." + std::to_string(below(256)) + "." +
                   std::to_string(below(256)) + "." + std::to_string(1 + below(254));
    }
    d.hEntry = calldeck::core::kamailioCoreHash(d.callId, HashSize);
    d.hId = m_nextId++;
    d.ref = 2;
    d.fromUri = "sip:" + caller + "@" + carrier;
    d.toUri = "sip:" + callee + "@" + pbx;
    d.state = below(20) == 0 ? 3 : 4;
    d.startTs = m_now - below(600);
    d.initTs = d.startTs;
    d.endTs = 0;
    d.duration = m_now - d.startTs;
    d.lifetime = below(4) == 0 ? 7200 : 43200;
    d.timeout = d.startTs + d.lifetime;
    d.dflags = 1667;
    const std::string socket = Sockets[below(3)];
    d.caller.tag = hex(8 + below(9));
    d.caller.contact =
        "sip:" + caller + "@203.0.113." + std::to_string(1 + below(254)) + ":5060;transport=udp";
    d.caller.cseq = std::to_string(1 + below(200));
    d.caller.routeSet = below(3) == 0 ? "<sip:198.51.100.7;lr>" : "";
    d.caller.socket = socket;
    d.callee.tag = "as" + hex(8);
    d.callee.contact = "sip:" + callee + "@10.1." + std::to_string(below(256)) + "." +
                       std::to_string(1 + below(254)) + ":5060";
    d.callee.cseq = below(2) ? "0" : std::to_string(1 + below(50));
    d.callee.routeSet = "";
    d.callee.socket = socket;
    d.profiles.emplace_back("trunk", std::string(Trunks[below(4)]));
    if (below(2))
    {
        d.profiles.emplace_back("caller", caller);
    }
    d.profiles.emplace_back(below(2) ? "inbound" : "outbound", std::nullopt);
    d.variables.emplace_back("billing_id", hex(12));
    if (below(2))
    {
        d.variables.emplace_back("caller", caller);
    }
    return d;
}

void DlgListGenerator::populate(std::size_t count, std::uint32_t now)
{
    m_now = now;
    m_dialogs.clear();
    m_dialogs.reserve(count + count / 8);
    for (std::size_t i = 0; i < count; ++i)
    {
        m_dialogs.push_back(makeDialog());
    }
}

void DlgListGenerator::step(std::uint32_t seconds, double changedShare, double endedShare, double addedShare)
{
    m_now += seconds;
    const auto count = static_cast<double>(m_dialogs.size());
    const auto ended = static_cast<std::size_t>(count * endedShare);
    for (std::size_t i = 0; i < ended && !m_dialogs.empty(); ++i)
    {
        m_dialogs.erase(m_dialogs.begin() + below(static_cast<std::uint32_t>(m_dialogs.size())));
    }
    for (DialogSnapshot &d : m_dialogs)
    {
        d.duration = m_now - d.startTs;
    }
    const auto changed = static_cast<std::size_t>(count * changedShare);
    for (std::size_t i = 0; i < changed && !m_dialogs.empty(); ++i)
    {
        DialogSnapshot &d = m_dialogs[below(static_cast<std::uint32_t>(m_dialogs.size()))];
        if (d.state < 4)
        {
            d.state = 4;
        }
        else
        {
            d.caller.cseq = std::to_string(std::stoul(*d.caller.cseq) + 1);
        }
    }
    const auto added = static_cast<std::size_t>(count * addedShare);
    for (std::size_t i = 0; i < added; ++i)
    {
        // Kamailio lists by hash bucket; a new dialog lands anywhere in the list.
        const auto at = below(static_cast<std::uint32_t>(m_dialogs.size() + 1));
        m_dialogs.insert(m_dialogs.begin() + at, makeDialog());
    }
}

std::string DlgListGenerator::reply(int id) const
{
    std::string out;
    writeReply(m_dialogs, id, out);
    return out;
}

void DlgListGenerator::writeReply(const std::vector<DialogSnapshot> &dialogs, int id, std::string &out)
{
    out.clear();
    out.reserve(dialogs.size() * 1000 + 64);
    out.append("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t[");
    for (std::size_t i = 0; i < dialogs.size(); ++i)
    {
        out.append(i ? ", {\n" : "{\n");
        writeDialog(out, dialogs[i]);
        tabs(out, 2);
        out.push_back('}');
    }
    out.append("],\n\t\"id\":\t");
    out.append(std::to_string(id));
    out.append("\n}");
}

} // namespace calldeck::bench
