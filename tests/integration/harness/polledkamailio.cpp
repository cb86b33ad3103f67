// SPDX-License-Identifier: GPL-3.0-or-later
#include "polledkamailio.h"

#include "boundedwait.h"
#include "calldeckheadless.h"
#include "integrationpaths.h"
#include "proxyfeedprobe.h"
#include "proxytestbed.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

PolledKamailio::PolledKamailio() = default;

PolledKamailio::~PolledKamailio() = default;

bool PolledKamailio::start(const KamailioInstance::Options &options, const bool helper)
{
    if (IntegrationPaths::kamailio(&m_error).isEmpty() || IntegrationPaths::sipp(&m_error).isEmpty())
    {
        return false;
    }
    m_kamailio = std::make_unique<KamailioInstance>(options);
    if (!m_kamailio->start())
    {
        m_error = m_kamailio->errorString();
        return false;
    }
    m_calldeck = ProxyTestBed::startCalldeck({m_kamailio.get()});
    if (!m_calldeck)
    {
        m_error = u"calldeck did not start"_s;
        return false;
    }
    ProxyFeedProbe probe(*m_calldeck);
    const QString name = ProxyFeedProbe::proxyName(*m_kamailio);
    const bool up = BoundedWait::until(5000, [&] {
        const QJsonObject s = probe.proxyStatus(name);
        return s.value(u"state"_s).toString() == u"up"_s && (!helper || s.value(u"helper"_s).toBool());
    });
    if (!up)
    {
        m_error = ProxyTestBed::details(*m_kamailio, *m_calldeck);
    }
    return up;
}

bool PolledKamailio::endLeftovers()
{
    return !m_kamailio || !m_kamailio->isRunning() || ProxyTestBed::endLeftovers(*m_kamailio);
}

KamailioInstance &PolledKamailio::kamailio() const
{
    return *m_kamailio;
}

CalldeckHeadless &PolledKamailio::calldeck() const
{
    return *m_calldeck;
}

QString PolledKamailio::errorString() const
{
    return m_error;
}

} // namespace calldeck::integration
