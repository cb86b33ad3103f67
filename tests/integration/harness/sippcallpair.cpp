// SPDX-License-Identifier: GPL-3.0-or-later
#include "sippcallpair.h"

#include "kamailioinstance.h"
#include "proxyfeedprobe.h"
#include "proxytestbed.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{
constexpr int Confirmed = 4;
}

SippCallPair::SippCallPair(const QString &prefix)
    : m_dir(prefix)
{}

SippCallPair::~SippCallPair() = default;

bool SippCallPair::start(const KamailioInstance &kamailio, SippProcess::Options caller)
{
    if (!m_dir.isValid())
    {
        return fail(m_dir.errorString());
    }
    m_uas = std::make_unique<SippProcess>(SippProcess::Options{.scenario = u"uas.xml"_s,
                                                               .localPort = kamailio.options().uasPort,
                                                               .calls = caller.calls},
                                          m_dir.path());
    if (!m_uas->start())
    {
        return fail(m_uas->errorString());
    }
    caller.target = kamailio.sipTarget();
    m_uac = std::make_unique<SippProcess>(caller, m_dir.path());
    if (!m_uac->start())
    {
        return fail(m_uac->errorString());
    }
    return true;
}

bool SippCallPair::startPolled(KamailioInstance &kamailio, ProxyFeedProbe &probe, const QString &name,
                               const int calls, const QString &scenario)
{
    if (!start(kamailio, ProxyTestBed::callerOptions(kamailio, name, calls, 30000, scenario)))
    {
        return false;
    }
    if (!ProxyTestBed::waitConfirmed(kamailio, calls))
    {
        return fail(m_uac->describe());
    }
    const QString diff = probe.waitEqual(kamailio, calls, Confirmed, 6000);
    return diff.isEmpty() || fail(diff);
}

bool SippCallPair::finish(const int timeoutMs, const int calls)
{
    if (!m_uac->waitForFinished(timeoutMs))
    {
        return fail(m_uac->describe());
    }
    if (!m_uas->waitForFinished(timeoutMs))
    {
        return fail(m_uas->describe());
    }
    if (m_uac->successfulCalls() != calls || m_uas->successfulCalls() != calls)
    {
        return fail(u"successful calls: caller %1, callee %2, expected %3"_s.arg(m_uac->successfulCalls())
                        .arg(m_uas->successfulCalls())
                        .arg(calls));
    }
    return true;
}

SippProcess &SippCallPair::uac() const
{
    return *m_uac;
}

SippProcess &SippCallPair::uas() const
{
    return *m_uas;
}

QString SippCallPair::errorString() const
{
    return m_error;
}

QString SippCallPair::describe() const
{
    QString text;
    for (const SippProcess *sipp : {m_uac.get(), m_uas.get()})
    {
        if (sipp)
        {
            text += u"\n"_s + sipp->describe();
        }
    }
    return text;
}

bool SippCallPair::fail(const QString &why)
{
    m_error = why;
    return false;
}

} // namespace calldeck::integration
