// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirroronlybed.h"

#include "boundedwait.h"
#include "freeport.h"
#include "integrationpaths.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

MirrorOnlyBed::~MirrorOnlyBed()
{
    m_kamailio.reset();
    m_calldeck.reset();
}

bool MirrorOnlyBed::fail(const QString &error)
{
    m_error = error;
    return false;
}

bool MirrorOnlyBed::start(const QString &testName, const QString &settingsIni)
{
    QString error;
    if (IntegrationPaths::kamailio(&error).isEmpty() || IntegrationPaths::sipp(&error).isEmpty())
    {
        return fail(error);
    }
    m_dir = std::make_unique<TestDirectory>(testName);
    m_sipPort = FreePort::pick(&error);
    m_uasPort = m_sipPort ? FreePort::pick(&error) : 0;
    if (!m_sipPort || !m_uasPort)
    {
        return fail(error);
    }
    CalldeckHeadless::Options co;
    co.extraArguments = {u"--sip"_s, u"127.0.0.1:%1"_s.arg(m_sipPort)};
    co.settingsIni = settingsIni;
    m_calldeck = std::make_unique<CalldeckHeadless>(co);
    if (!m_calldeck->start())
    {
        return fail(m_calldeck->errorString());
    }
    const QString announce = u"SIP user agent on udp and tcp 127.0.0.1:%1"_s.arg(m_sipPort);
    if (!BoundedWait::until(5000, [&] { return m_calldeck->output().contains(announce); }))
    {
        return fail(u"calldeck did not announce \"%1\":\n%2"_s.arg(announce, m_calldeck->output()));
    }
    KamailioInstance::Options ko;
    ko.uasPort = m_uasPort;
    ko.mirror = m_calldeck->hepAddress();
    ko.helper = false; // nothing may reach a proxy helper: CallDeck's own UA does it all
    m_kamailio = std::make_unique<KamailioInstance>(ko);
    if (!m_kamailio->start())
    {
        return fail(m_kamailio->errorString());
    }
    return true;
}

bool MirrorOnlyBed::stop()
{
    m_kamailio.reset();
    if (!m_calldeck)
    {
        return true;
    }
    if (!m_calldeck->stop())
    {
        return fail(u"calldeck did not stop within 10 s of SIGTERM"_s);
    }
    if (m_calldeck->exitCode() != 0)
    {
        return fail(u"calldeck exited with %1:\n%2"_s.arg(m_calldeck->exitCode()).arg(m_calldeck->output()));
    }
    return true;
}

} // namespace calldeck::integration
