// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogdetailsfields.h"

#include "ui/models/dialogformat.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogLegSnapshot;
using calldeck::core::DialogSnapshot;

namespace
{
void addLeg(std::vector<DialogDetailsFields::Field> &out, const QString &section,
            const DialogLegSnapshot &leg, const QString &none)
{
    auto value = [&none](const std::optional<std::string> &v) {
        return v && !v->empty() ? DialogFormat::text(*v) : none;
    };
    out.push_back({section, DialogDetailsFields::tr("Tag"), value(leg.tag), u"tag"_s});
    out.push_back({section, DialogDetailsFields::tr("Contact"), value(leg.contact), u"contact"_s});
    out.push_back({section, DialogDetailsFields::tr("CSeq"), value(leg.cseq), u"cseq"_s});
    out.push_back({section, DialogDetailsFields::tr("Route set"), value(leg.routeSet), u"route_set"_s});
    out.push_back({section, DialogDetailsFields::tr("Socket"), value(leg.socket), u"socket"_s});
}
} // namespace

QString DialogDetailsFields::flagsText(const quint32 flags)
{
    return u"0x%1 (%2)"_s.arg(flags, 8, 16, QLatin1Char('0')).arg(flags);
}

std::vector<DialogDetailsFields::Field> DialogDetailsFields::build(const DialogRow &row,
                                                                   const qint64 nowSeconds)
{
    const DialogSnapshot &d = row.dialog;
    const QString none = tr("(none)");
    std::vector<Field> out;
    out.reserve(40);

    const QString dialog = tr("Dialog");
    out.push_back({dialog, tr("Call-ID"), DialogFormat::text(d.callId), u"call-id"_s});
    out.push_back({dialog, tr("From"), DialogFormat::text(d.fromUri), u"from_uri"_s});
    out.push_back({dialog, tr("To"), DialogFormat::text(d.toUri), u"to_uri"_s});
    if (!d.reqUri.empty())
    {
        out.push_back({dialog, tr("Request URI"), DialogFormat::text(d.reqUri), u"req_uri"_s});
    }
    out.push_back(
        {dialog, tr("State"), u"%1 (%2)"_s.arg(DialogFormat::stateText(d.state)).arg(d.state), u"state"_s});
    out.push_back({dialog, tr("ID"), DialogFormat::idText(d), u"h_entry:h_id"_s});
    out.push_back({dialog, tr("Origin"), DialogFormat::originText(row.origin, row.flags),
                   DialogFormat::originToolTip(row.origin, row.flags, row.proxyHEntry, row.proxyHId)});

    addLeg(out, tr("Caller leg"), d.caller, none);
    addLeg(out, tr("Callee leg"), d.callee, none);

    const QString timers = tr("Timers");
    auto time = [&none](std::uint32_t ts) { return ts != 0 ? DialogFormat::localTime(ts) : none; };
    out.push_back({timers, tr("Created"), time(d.initTs), u"init_ts"_s});
    out.push_back({timers, tr("Answered"), d.startTs != 0 ? time(d.startTs) : tr("not yet"), u"start_ts"_s});
    if (d.endTs != 0)
    {
        out.push_back({timers, tr("Ended"), time(d.endTs), u"end_ts"_s});
    }
    const std::optional<qint64> talk = DialogFormat::talkSeconds(d, nowSeconds);
    out.push_back({timers, tr("Duration"), talk ? DialogFormat::duration(*talk) : none, u"duration"_s});
    QString timeout = none;
    if (d.timeout != 0)
    {
        const std::optional<qint64> left = DialogFormat::remainingSeconds(d, nowSeconds);
        //: The dialog's lifetime timer: %1 the time left (H:MM:SS), %2 the date and time it fires
        timeout =
            left ? tr("in %1, at %2").arg(DialogFormat::duration(*left), DialogFormat::localTime(d.timeout))
                 : DialogFormat::localTime(d.timeout);
    }
    out.push_back({timers, tr("Timeout"), timeout, u"timeout"_s});
    out.push_back(
        {timers, tr("Lifetime"), d.lifetime != 0 ? tr("%1 s").arg(d.lifetime) : none, u"lifetime"_s});
    if (!d.timeoutRoute.empty())
    {
        out.push_back({timers, tr("Timeout route"), DialogFormat::text(d.timeoutRoute), u"timeout_route"_s});
    }

    const QString flags = tr("Flags");
    out.push_back({flags, tr("Dialog flags"), flagsText(d.dflags), u"dflags"_s});
    out.push_back({flags, tr("Script flags"), flagsText(d.sflags), u"sflags"_s});
    out.push_back({flags, tr("Internal flags"), flagsText(d.iflags), u"iflags"_s});

    const QString profiles = tr("Profiles");
    for (const auto &[name, value] : d.profiles)
    {
        out.push_back({profiles, DialogFormat::text(name),
                       value ? DialogFormat::text(*value) : tr("(no value)"), u"profiles"_s});
    }
    if (d.profiles.empty())
    {
        out.push_back({profiles, none, QString(), u"profiles"_s});
    }
    const QString variables = tr("Variables");
    for (const auto &[name, value] : d.variables)
    {
        out.push_back({variables, DialogFormat::text(name), DialogFormat::text(value), u"variables"_s});
    }
    if (d.variables.empty())
    {
        out.push_back({variables, none, QString(), u"variables"_s});
    }
    return out;
}
