// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogjson.h"

namespace calldeck::core
{

namespace
{

void optional(JsonWriter &w, const char *key, const std::optional<std::string> &v)
{
    w.key(key);
    if (v)
    {
        w.value(*v);
    }
    else
    {
        w.null();
    }
}

void writeLeg(JsonWriter &w, const char *key, const DialogLegSnapshot &leg)
{
    w.key(key).beginObject();
    optional(w, "tag", leg.tag);
    optional(w, "contact", leg.contact);
    optional(w, "cseq", leg.cseq);
    optional(w, "route_set", leg.routeSet);
    optional(w, "socket", leg.socket);
    w.endObject();
}

} // namespace

void writeDialogJson(JsonWriter &w, const DialogSnapshot &d)
{
    w.beginObject();
    w.key("h_entry").value(d.hEntry);
    w.key("h_id").value(d.hId);
    w.key("ref").value(d.ref);
    w.key("call-id").value(d.callId);
    w.key("from_uri").value(d.fromUri);
    w.key("to_uri").value(d.toUri);
    w.key("state").value(static_cast<std::uint32_t>(d.state));
    w.key("start_ts").value(d.startTs);
    w.key("init_ts").value(d.initTs);
    w.key("end_ts").value(d.endTs);
    w.key("duration").value(d.duration);
    w.key("timeout").value(d.timeout);
    w.key("lifetime").value(d.lifetime);
    w.key("dflags").value(d.dflags);
    w.key("sflags").value(d.sflags);
    w.key("iflags").value(d.iflags);
    writeLeg(w, "caller", d.caller);
    writeLeg(w, "callee", d.callee);
    w.key("profiles").beginArray();
    if (d.state < 5)
    {
        for (const auto &[name, value] : d.profiles)
        {
            if (value)
            {
                w.beginObject().key(name).value(*value).endObject();
            }
            else
            {
                w.value(name);
            }
        }
    }
    w.endArray();
    w.key("variables").beginArray();
    if (d.state < 5)
    {
        for (const auto &[key, value] : d.variables)
        {
            w.beginObject().key(key).value(value).endObject();
        }
    }
    w.endArray();
    w.endObject();
}

} // namespace calldeck::core
