// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/mirrorlistener.h"

#include "backend/logging.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

MirrorListener::MirrorListener(const QString &addressPort, IngestQueue &queue, SourceRegistry &sources)
    : MirrorListener(addressPort, queue, sources, MirrorListenerOptions{})
{}

MirrorListener::MirrorListener(const QString &addressPort, IngestQueue &queue, SourceRegistry &sources,
                               MirrorListenerOptions options)
    : m_addressPort(addressPort)
    , m_queue(queue)
    , m_sources(sources)
    , m_options(options)
{}

MirrorListener::~MirrorListener()
{
    stop();
}

void MirrorListener::registerSources(const QString &udpLabel, const QString &tcpLabel)
{
    if (m_udpSource == 0)
    {
        m_udpSource = m_sources.add(u"hep-udp"_s, udpLabel);
        m_tcpSource = m_sources.add(u"hep-tcp"_s, tcpLabel);
    }
    else
    {
        m_sources.setLabel(m_udpSource, udpLabel); // a restart on port 0 binds another port
        m_sources.setLabel(m_tcpSource, tcpLabel);
    }
}

bool MirrorListener::fail(const QString &text, QString *error)
{
    registerSources(u"udp "_s + m_addressPort, u"tcp "_s + m_addressPort);
    m_sources.setState(m_udpSource, SourceHealth::State::Failed, text);
    m_sources.setState(m_tcpSource, SourceHealth::State::Failed, text);
    qCWarning(lcBackend).noquote() << "HEP/SIP listener" << m_addressPort << "not started:" << text;
    if (error)
    {
        *error = text;
    }
    return false;
}

bool MirrorListener::start(QString *error)
{
    if (running())
    {
        return true;
    }
    SocketAddress address;
    QString problem;
    if (!SocketAddress::parse(m_addressPort, address, &problem))
    {
        return fail(problem, error);
    }
    ListeningSocket udp =
        ListeningSocket::open(ListeningSocket::Kind::Udp, address, m_options.receiveBufferBytes, &problem);
    if (!udp.valid())
    {
        return fail(problem, error);
    }
    // Port 0 (tests, benchmarks): try to give TCP the port the kernel picked for UDP.
    SocketAddress tcpAddress = address;
    if (address.port() == 0)
    {
        tcpAddress.setPort(udp.localAddress().port());
    }
    ListeningSocket tcp = ListeningSocket::open(ListeningSocket::Kind::Tcp, tcpAddress, 0, &problem);
    if (!tcp.valid() && address.port() == 0)
    {
        tcp = ListeningSocket::open(ListeningSocket::Kind::Tcp, address, 0, &problem);
    }
    if (!tcp.valid())
    {
        return fail(problem, error);
    }

    const QString udpText = udp.localAddress().toString();
    const QString tcpText = tcp.localAddress().toString();
    const int granted = udp.receiveBufferBytes();
    registerSources(u"udp "_s + udpText, u"tcp "_s + tcpText);
    if (!m_udp)
    {
        m_udp = std::make_unique<UdpReceiver>(m_queue, m_sources, m_udpSource, m_options.udpBatchSize);
        m_tcp = std::make_unique<TcpReceiver>(
            m_queue, m_sources, m_tcpSource,
            TcpReceiver::Options{m_options.maxTcpConnections, m_options.tcpIdleTimeoutSeconds});
    }
    m_udp->start(std::move(udp));
    m_tcp->start(std::move(tcp));
    m_sources.setState(m_udpSource, SourceHealth::State::Running);
    m_sources.setState(m_tcpSource, SourceHealth::State::Running);
    qCInfo(lcBackend).noquote() << "listening for HEP and SIP on udp" << udpText << "and tcp" << tcpText
                                << "(UDP receive buffer:" << granted / 1024 << "KiB granted)";
    // Linux reports twice the payload bytes it accepts (the other half is its bookkeeping).
    if (m_options.receiveBufferBytes > 0 && granted / 2 < m_options.receiveBufferBytes)
    {
        qCWarning(lcBackend).noquote()
            << "UDP receive buffer of" << udpText << "is limited to" << granted / 2048 << "KiB instead of"
            << m_options.receiveBufferBytes / 1024 << "KiB by net.core.rmem_max; bursts may be dropped by the"
            << "kernel. Raise the limit:"
            << u"sysctl -w net.core.rmem_max=%1"_s.arg(m_options.receiveBufferBytes);
    }
    return true;
}

void MirrorListener::stop()
{
    const bool wasRunning = running();
    if (m_udp)
    {
        m_udp->stop();
    }
    if (m_tcp)
    {
        m_tcp->stop();
    }
    if (wasRunning)
    {
        m_sources.setState(m_udpSource, SourceHealth::State::Finished);
        m_sources.setState(m_tcpSource, SourceHealth::State::Finished);
    }
}

bool MirrorListener::running() const
{
    return m_udp && m_udp->running();
}

quint16 MirrorListener::udpPort() const
{
    return running() ? m_udp->port() : 0;
}

quint16 MirrorListener::tcpPort() const
{
    return m_tcp && m_tcp->running() ? m_tcp->port() : 0;
}

MirrorListenerStats MirrorListener::stats() const
{
    MirrorListenerStats s;
    if (m_udp)
    {
        s.udp = m_udp->stats();
    }
    if (m_tcp)
    {
        s.tcp = m_tcp->stats();
    }
    return s;
}
