// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers of tst_dialogkeepalive: an engine with a request sink, and a check of one OPTIONS.

#include "enginetesthelpers.h"

#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"

#include <QTest>

#include <algorithm>

namespace calldeck::testsupport
{

inline constexpr std::int64_t S = 1000000; // µs per second
/** The second the test calls are confirmed in (their ACK comes 0.5 s after T0). */
inline constexpr std::uint32_t C = static_cast<std::uint32_t>(T0 / S);

inline core::DialogConfig kaConfig(std::uint32_t timer = 1, std::uint32_t interval = 30,
                                   std::uint32_t limit = 1)
{
    core::DialogConfig c;
    c.kaTimer = timer;
    c.kaInterval = interval;
    c.kaFailedLimit = limit;
    return c;
}

/** @brief Engine plus what it asked to send. */
struct KeepAliveRig
{
    explicit KeepAliveRig(const core::DialogConfig &c, bool withSink = true)
        : engine(c)
    {
        if (withSink)
        {
            engine.setRequestSink([this](const core::LocalRequest &r) { sent.push_back(r); });
        }
    }
    /** @brief Properties set on every new dialog, as a script's dlg_set_property at the INVITE. */
    void propertiesAtCreation(std::vector<std::string> names)
    {
        QVERIFY(engine.callbacks().registerGlobal(
            core::Dlgcb::Created, [this, names](core::DialogHandle h, const core::DialogCallbackParams &) {
                for (const std::string &n : names)
                {
                    QVERIFY(engine.setProperty(h, n));
                }
            }));
    }
    core::DialogHandle call(std::uint64_t n, bool ack = true)
    {
        std::vector<GeneratedMessage> msgs;
        gen.setup(n, CallKind::CallerHangsUp, T0, msgs);
        if (!ack)
        {
            msgs.resize(static_cast<std::size_t>(indexOf(msgs, "ACK ")));
        }
        return feedAll(engine, msgs)[0].dialog;
    }
    void ack(std::uint64_t n) // the ACK of call n, now
    {
        std::vector<GeneratedMessage> msgs;
        gen.setup(n, CallKind::CallerHangsUp, T0, msgs);
        engine.feed(msgs[static_cast<std::size_t>(indexOf(msgs, "ACK "))].text, {});
    }
    void hangUp(std::uint64_t n, std::int64_t t)
    {
        std::vector<GeneratedMessage> msgs;
        gen.teardown(n, CallKind::CallerHangsUp, t, msgs);
        feedAll(engine, msgs);
    }
    std::size_t count(const char *method) const
    {
        return static_cast<std::size_t>(std::count_if(
            sent.begin(), sent.end(), [&](const core::LocalRequest &r) { return r.method == method; }));
    }

    SipTrafficGenerator gen{{}};
    core::DialogEngine engine;
    std::vector<core::LocalRequest> sent;
};

inline void at(core::DialogEngine &e, std::uint32_t second)
{
    e.advanceTo(static_cast<std::int64_t>(second) * S);
}

/** @brief Checks one keep-alive against the dialog it was built from. */
inline void checkOptions(const core::LocalRequest &r, const core::DialogSnapshot &d, core::DialogLeg leg,
                         std::uint32_t cseq)
{
    QCOMPARE(r.method, std::string("OPTIONS"));
    QCOMPARE(r.leg, leg);
    QCOMPARE(r.spec.cseqRule, core::CSeqRule::KeepAlive);
    QCOMPARE(r.cseq, cseq);
    QCOMPARE(r.id, (core::DialogId{d.hEntry, d.hId}));
    core::SipMessage m;
    QCOMPARE(core::SipParser::parse(r.request.message, m), core::SipParseError::None);
    QCOMPARE(m.method(), core::SipMethod::Options);
    QCOMPARE(m.cseq().number, cseq);
    QCOMPARE(m.cseq().method, core::SipMethod::Options);
    QCOMPARE(m.callId(), std::string_view(d.callId));
    const core::DialogLegSnapshot &target = leg == core::DialogLeg::Caller ? d.caller : d.callee;
    const core::DialogLegSnapshot &other = leg == core::DialogLeg::Caller ? d.callee : d.caller;
    QCOMPARE(m.requestUri(), std::string_view(*target.contact));
    QCOMPARE(m.to().tag, std::string_view(*target.tag));
    QCOMPARE(m.from().tag, std::string_view(*other.tag));
    QCOMPARE(m.to().uri, std::string_view(leg == core::DialogLeg::Caller ? d.fromUri : d.toUri));
    QCOMPARE(m.from().uri, std::string_view(leg == core::DialogLeg::Caller ? d.toUri : d.fromUri));
    // Route = the target leg's route set (none when the proxy's own Record-Route is dropped).
    QCOMPARE(m.header(core::SipHeaderId::Route), std::string_view(target.routeSet.value_or(std::string())));
}

} // namespace calldeck::testsupport
