// SPDX-License-Identifier: GPL-3.0-or-later
// formatDmqDialogBody(): a dialog-channel body in Kamailio 5.6.3's key order.
#include <cstdint>

#include "backend/core/dmqdialogmessage.h"
#include "backend/core/jsonwriter.h"

namespace calldeck::core
{

namespace
{

using M = DmqDialogMessage;

enum Field : std::uint8_t
{
    InitTs,
    StartTs,
    Lifetime,
    IFlags,
    CallId,
    FromUri,
    ToUri,
    ReqUri,
    Tag1,
    Tag2,
    Cseq1,
    Cseq2,
    RouteSet1,
    RouteSet2,
    Contact1,
    Contact2,
    Vars,
    Profiles,
    State,
    LastModified,
    FieldCount
};

/** Writes the keys of one message, remembering which it wrote so that leftovers() can add
 *  the fields 5.6.3 would not send for this action and state (the body must round-trip). */
class BodyWriter
{
public:
    explicit BodyWriter(const M &m, std::string &out)
        : m_m(m)
        , m_w(out)
    {}

    void write();

private:
    void number(Field f, std::string_view key, const std::optional<std::uint32_t> &v)
    {
        if (v)
        {
            m_w.key(key).value(*v);
            m_written |= 1u << f;
        }
    }
    void string(Field f, std::string_view key, const std::optional<std::string> &v)
    {
        if (v)
        {
            m_w.key(key).value(std::string_view(*v));
            m_written |= 1u << f;
        }
    }
    void field(Field f);
    void statePart();
    void leftovers();

    const M &m_m;
    JsonWriter m_w;
    std::uint32_t m_written = 0;
};

void BodyWriter::field(Field f)
{
    switch (f)
    {
    case InitTs:
        return number(f, "init_ts", m_m.initTs);
    case StartTs:
        return number(f, "start_ts", m_m.startTs);
    case Lifetime:
        return number(f, "lifetime", m_m.lifetime);
    case IFlags:
        return number(f, "iflags", m_m.iflags);
    case CallId:
        return string(f, "callid", m_m.callId);
    case FromUri:
        return string(f, "from_uri", m_m.fromUri);
    case ToUri:
        return string(f, "to_uri", m_m.toUri);
    case ReqUri:
        return string(f, "req_uri", m_m.reqUri);
    case Tag1:
        return string(f, "tag1", m_m.tag1);
    case Tag2:
        return string(f, "tag2", m_m.tag2);
    case Cseq1:
        return string(f, "cseq1", m_m.cseq1);
    case Cseq2:
        return string(f, "cseq2", m_m.cseq2);
    case RouteSet1:
        return string(f, "route_set1", m_m.routeSet1);
    case RouteSet2:
        return string(f, "route_set2", m_m.routeSet2);
    case Contact1:
        return string(f, "contact1", m_m.contact1);
    case Contact2:
        return string(f, "contact2", m_m.contact2);
    case Vars:
        if (m_m.hasVars)
        {
            m_w.key("vars").beginObject();
            for (const auto &[name, value] : m_m.vars)
            {
                m_w.key(name).value(std::string_view(value));
            }
            m_w.endObject();
            m_written |= 1u << f;
        }
        return;
    case Profiles:
        if (m_m.hasProfiles)
        {
            std::string inner;
            JsonWriter p(inner);
            p.beginObject().key("profiles").beginArray();
            for (const auto &[name, value] : m_m.profiles)
            {
                p.beginObject().key("name").value(std::string_view(name));
                if (value)
                {
                    p.key("value").value(std::string_view(*value));
                }
                p.endObject();
            }
            p.endArray().endObject();
            m_w.key("profiles").value(std::string_view(inner));
            m_written |= 1u << f;
        }
        return;
    case State:
        return number(f, "state", m_m.state);
    case LastModified:
        return number(f, "last_modified", m_m.lastModified);
    case FieldCount:
        return;
    }
}

/** The STATE fields of the message's state (an UPDATE repeats the caller leg, as 5.6.3 does). */
void BodyWriter::statePart()
{
    switch (m_m.state.value_or(0))
    {
    case 1:
    case 3:
        return field(Lifetime); // the newer form; 5.6.3 sends nothing more
    case 2:
        for (const Field f : {StartTs, Lifetime, Tag1, Cseq1, RouteSet1, Contact1})
        {
            field(f);
        }
        return;
    case 4:
        for (const Field f :
             {StartTs, Lifetime, Tag1, Tag2, Cseq1, Cseq2, RouteSet1, RouteSet2, Contact1, Contact2})
        {
            field(f);
        }
        return;
    default:
        return;
    }
}

void BodyWriter::leftovers()
{
    for (std::uint8_t f = 0; f < FieldCount; ++f)
    {
        if (!(m_written & (1u << f)))
        {
            field(static_cast<Field>(f));
        }
    }
}

void BodyWriter::write()
{
    m_w.beginObject();
    m_w.key("action").value(static_cast<std::uint32_t>(m_m.action));
    if (m_m.action != DmqAction::Sync || m_m.hEntry != 0 || m_m.hId != 0)
    {
        m_w.key("h_entry").value(m_m.hEntry);
        m_w.key("h_id").value(m_m.hId);
    }
    field(LastModified);
    switch (m_m.action)
    {
    case DmqAction::Update:
        for (const Field f : {InitTs, IFlags, CallId, FromUri, ToUri, ReqUri, Tag1, Cseq1, RouteSet1,
                              Contact1, Vars, Profiles, State})
        {
            field(f);
        }
        statePart();
        break;
    case DmqAction::State:
        field(State);
        statePart();
        break;
    case DmqAction::Remove:
        field(State);
        break;
    case DmqAction::Sync:
    case DmqAction::None:
        break;
    }
    leftovers();
    m_w.endObject();
}

} // namespace

std::string formatDmqDialogBody(const DmqDialogMessage &m)
{
    std::string out;
    BodyWriter(m, out).write();
    return out;
}

} // namespace calldeck::core
