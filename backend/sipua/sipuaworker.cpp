// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/sipuaworker.h"

#include <string_view>

#include <QHostInfo>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"
#include "backend/logging.h"
#include "backend/sipua/sipclienttransaction.h"
#include "backend/sipua/sipnexthop.h"
#include "backend/sipua/sipoutgoingrequest.h"
#include "backend/sipua/siptcpconnection.h"
#include "backend/sipua/sipudpsocket.h"

using namespace Qt::StringLiterals;
using calldeck::core::SipHeaderId;
using calldeck::core::SipMessage;
using calldeck::core::SipParseError;
using calldeck::core::SipParser;

namespace
{

constexpr int EphemeralBindAttempts = 8;
constexpr int MaxIncomingConnections = 64;

QString endpointText(const QHostAddress &address, quint16 port)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol
               ? u"[%1]:%2"_s.arg(address.toString()).arg(port)
               : u"%1:%2"_s.arg(address.toString()).arg(port);
}

QString familyName(const QHostAddress &a)
{
    return a.protocol() == QAbstractSocket::IPv6Protocol ? u"IPv6"_s : u"IPv4"_s;
}

} // namespace

SipUaWorker::SipUaWorker(const SipUserAgent::Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_responder(options.userAgent.toUtf8(), options.t1Ms)
{}

SipUaWorker::~SipUaWorker()
{
    shutdown();
}

QString SipUaWorker::stoppedError()
{
    return u"stopped: the SIP user agent shut down before a final response; the request may or may not have "
           u"reached the peer"_s;
}

quint16 SipUaWorker::bind(QString *error)
{
    const auto fail = [&](const QString &text) -> quint16 {
        if (error)
        {
            *error = text;
        }
        closeSockets();
        return 0;
    };
    m_address = QHostAddress(m_options.address);
    if (m_address.isNull())
    {
        const QHostInfo info = QHostInfo::fromName(m_options.address); // once, at start
        if (info.addresses().isEmpty())
        {
            return fail(
                u"cannot use '%1' as the SIP address: %2; give --sip an IP address of this host"_s.arg(
                    m_options.address, info.errorString()));
        }
        m_address = info.addresses().constFirst();
    }
    const int attempts = m_options.port == 0 ? EphemeralBindAttempts : 1;
    QString tcpError;
    for (int attempt = 0; attempt < attempts; ++attempt)
    {
        closeSockets();
        m_udp = new SipUdpSocket(this);
        if (!m_udp->bind(m_address, m_options.port, error))
        {
            closeSockets();
            return 0;
        }
        m_tcpServer = new QTcpServer(this);
        if (m_tcpServer->listen(m_address, m_udp->localPort()))
        {
            m_port = m_udp->localPort();
            connect(m_udp, &SipUdpSocket::datagramReceived, this,
                    [this](const QByteArray &datagram, const QHostAddress &from, quint16 port) {
                        dispatch(datagram, endpointText(from, port),
                                 [this, from, port](const QByteArray &answer) {
                                     m_udp->send(answer, from, port);
                                 });
                    });
            connect(m_udp, &SipUdpSocket::unreachable, this, &SipUaWorker::onUnreachable);
            connect(m_tcpServer, &QTcpServer::newConnection, this, &SipUaWorker::onNewTcpConnection);
            return m_port;
        }
        tcpError = m_tcpServer->errorString();
    }
    return fail(u"cannot listen for SIP on %1/TCP: %2; pick another port with --sip ADDR:PORT"_s.arg(
        endpointText(m_address, m_udp ? m_udp->localPort() : m_options.port), tcpError));
}

void SipUaWorker::closeSockets()
{
    delete m_udp;
    m_udp = nullptr;
    delete m_tcpServer;
    m_tcpServer = nullptr;
}

QString SipUaWorker::sentBy() const
{
    return endpointText(m_address, m_port);
}

QByteArray SipUaWorker::key(const QByteArray &branch, const QByteArray &method)
{
    return branch + ' ' + method;
}

void SipUaWorker::send(const QByteArray &message, const QString &nextHop, const SipUserAgent::Done &done)
{
    transact(int(SipOutgoingRequest::Purpose::NonInvite), message, nextHop, done);
}

SipClientTransaction *SipUaWorker::transact(const int kind, const QByteArray &message, const QString &nextHop,
                                            const SipUserAgent::Done &done)
{
    const auto purpose = SipOutgoingRequest::Purpose(kind);
    auto *t = new SipClientTransaction(purpose == SipOutgoingRequest::Purpose::Invite
                                           ? SipClientTransaction::Kind::Invite
                                           : SipClientTransaction::Kind::NonInvite,
                                       m_options.t1Ms, m_options.t2Ms, done, this);
    m_transactions.insert(t);
    connect(t, &SipClientTransaction::completedSignal, this, &SipUaWorker::forget);
    if (m_stopping || !m_udp)
    {
        t->fail(stoppedError());
        return t;
    }
    SipNextHop hop;
    QString error;
    if (!SipNextHop::parse(nextHop, hop, &error))
    {
        t->setTransport(QString(), nextHop);
        t->fail(error);
        return t;
    }
    t->setTransport(hop.transportName(), hop.hostPort());
    SipOutgoingRequest request;
    if (!SipOutgoingRequest::prepare(message, hop.transportName(), sentBy(), request, &error, purpose))
    {
        t->fail(error);
        return t;
    }
    if (!hop.hostIsAddress)
    {
        t->setResolving(hop.host);
    }
    // The transaction is the context: once it is gone the answer is dropped.
    resolve(hop, t, [this, t, hop, request](const QHostAddress &to, const QString &lookupError) {
        if (t->completed())
        {
            return;
        }
        if (to.isNull())
        {
            t->fail(lookupError);
            return;
        }
        begin(t, hop, to, request.bytes, request.branch, request.method);
    });
    return t;
}

void SipUaWorker::resolve(const SipNextHop &hop, QObject *context, const Resolved &done)
{
    if (hop.hostIsAddress)
    {
        done(QHostAddress(hop.host), QString());
        return;
    }
    QHostInfo::lookupHost(hop.host, context, [this, hop, done](const QHostInfo &info) {
        const QList<QHostAddress> addresses = info.addresses();
        if (addresses.isEmpty())
        {
            const QString why = info.error() == QHostInfo::NoError ? u"no address"_s : info.errorString();
            done(QHostAddress(),
                 u"cannot resolve '%1': %2; check the dialog's contact/route"_s.arg(hop.host, why));
            return;
        }
        for (const QHostAddress &a : addresses)
        {
            if (a.protocol() == m_address.protocol())
            {
                done(a, QString());
                return;
            }
        }
        done(addresses.constFirst(), QString()); // the caller reports the family mismatch
    });
}

QString SipUaWorker::familyMismatch(const SipNextHop &hop, const QHostAddress &to) const
{
    if (to.protocol() == m_address.protocol())
    {
        return QString();
    }
    const QString what =
        hop.hostIsAddress
            ? u"%1 is an %2 address"_s.arg(hop.host, familyName(to))
            : u"'%1' resolves to %2, an %3 address"_s.arg(hop.host, to.toString(), familyName(to));
    return u"%1, but the SIP user agent is bound to %2 (%3); give --sip an %4 address or check the dialog's "
           u"contact/route"_s.arg(what, m_address.toString(), familyName(m_address), familyName(to));
}

void SipUaWorker::begin(SipClientTransaction *t, const SipNextHop &hop, const QHostAddress &to,
                        const QByteArray &bytes, const QByteArray &branch, const QByteArray &method)
{
    const quint16 port = hop.port;
    t->setTransport(hop.transportName(), endpointText(to, port));
    const QString mismatch = familyMismatch(hop, to);
    if (!mismatch.isEmpty())
    {
        t->fail(mismatch);
        return;
    }
    m_byBranch.insert(key(branch, method), t);
    if (hop.transport == SipNextHop::Transport::Udp)
    {
        t->start(bytes, branch, method, false, [this, t, to, port](const QByteArray &b) {
            const QString error = m_udp ? m_udp->send(b, to, port) : stoppedError();
            if (!error.isEmpty())
            {
                t->fail(error);
            }
        });
        return;
    }
    QPointer<SipTcpConnection> c = outgoing(to, port);
    t->start(bytes, branch, method, true, [c](const QByteArray &b) {
        if (c)
        {
            c->write(b);
        }
    });
}

QString SipUaWorker::transmit(const SipNextHop &hop, const QHostAddress &to, const QByteArray &bytes)
{
    const QString mismatch = familyMismatch(hop, to);
    if (!mismatch.isEmpty())
    {
        return mismatch;
    }
    if (hop.transport == SipNextHop::Transport::Udp)
    {
        return m_udp ? m_udp->send(bytes, to, hop.port) : stoppedError();
    }
    outgoing(to, hop.port)->write(bytes);
    return QString();
}

SipTcpConnection *SipUaWorker::outgoing(const QHostAddress &to, quint16 port)
{
    const QString key = endpointText(to, port);
    SipTcpConnection *c = m_outgoing.value(key);
    if (c && !c->closed())
    {
        return c;
    }
    c = new SipTcpConnection(m_address, to, port, this);
    m_outgoing.insert(key, c);
    connect(c, &SipTcpConnection::messageReceived, this,
            [this, c](const QByteArray &message, const QString &peer) {
                dispatch(message, peer, [c](const QByteArray &answer) { c->write(answer); });
            });
    connect(c, &SipTcpConnection::closedSignal, this, &SipUaWorker::onTcpClosed);
    return c;
}

void SipUaWorker::onNewTcpConnection()
{
    while (m_tcpServer && m_tcpServer->hasPendingConnections())
    {
        QTcpSocket *socket = m_tcpServer->nextPendingConnection();
        if (m_incoming.size() >= MaxIncomingConnections)
        {
            qCWarning(lcBackend) << "sip: refusing a TCP connection from" << socket->peerAddress().toString()
                                 << "- already" << MaxIncomingConnections << "open";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *c = new SipTcpConnection(socket, this);
        m_incoming.insert(c);
        connect(c, &SipTcpConnection::messageReceived, this,
                [this, c](const QByteArray &message, const QString &peer) {
                    dispatch(message, peer, [c](const QByteArray &answer) { c->write(answer); });
                });
        connect(c, &SipTcpConnection::closedSignal, this, &SipUaWorker::onTcpClosed);
    }
}

void SipUaWorker::onTcpClosed(SipTcpConnection *c, const QString &error)
{
    m_incoming.remove(c);
    const QString destination = c->peer();
    if (m_outgoing.value(destination) == c)
    {
        m_outgoing.remove(destination);
        const QSet<SipClientTransaction *> all = m_transactions;
        for (SipClientTransaction *t : all)
        {
            if (t->started() && t->transport() == u"TCP" && t->destination() == destination)
            {
                t->fail(error);
            }
        }
    }
    c->deleteLater();
}

void SipUaWorker::onUnreachable(const QHostAddress &to, quint16 port, const QString &error)
{
    const QString destination = endpointText(to, port);
    qCInfo(lcBackend).noquote() << "sip:" << error;
    const QSet<SipClientTransaction *> all = m_transactions;
    for (SipClientTransaction *t : all)
    {
        if (t->started() && t->transport() == u"UDP" && t->destination() == destination)
        {
            t->fail(error);
        }
    }
}

void SipUaWorker::forget(SipClientTransaction *t)
{
    m_transactions.remove(t);
    const QByteArray k = key(t->branch(), t->method());
    if (!t->branch().isEmpty() && m_byBranch.value(k) == t)
    {
        m_byBranch.remove(k);
    }
    if (t->handle() && m_invites.value(t->handle()) == t)
    {
        m_invites.remove(t->handle());
        m_cancelWhenRinging.remove(t->handle());
    }
    t->deleteLater();
}

void SipUaWorker::dispatch(const QByteArray &data, const QString &sender, const Reply &reply)
{
    SipMessage message;
    const SipParseError parseError =
        SipParser::parse(std::string_view(data.constData(), static_cast<std::size_t>(data.size())), message);
    if (parseError == SipParseError::Empty)
    {
        return; // a CR/LF keep-alive
    }
    if (parseError != SipParseError::None)
    {
        if (shouldLogProblem(++m_malformed))
        {
            qCInfo(lcBackend).noquote()
                << u"sip: dropped a malformed message from %1 (%2), %3 so far"_s
                       .arg(sender, QString::fromLatin1(calldeck::core::sipParseErrorName(parseError)))
                       .arg(m_malformed);
        }
        return;
    }
    const std::string_view raw = message.raw();
    if (message.isResponse())
    {
        calldeck::core::SipVia via;
        const std::string_view top = message.header(SipHeaderId::Via);
        SipClientTransaction *t = nullptr;
        const std::string_view method = message.cseq().methodText;
        if (!top.empty() && calldeck::core::parseVia(top, via))
        {
            t = m_byBranch.value(key(QByteArray(via.branch.data(), static_cast<qsizetype>(via.branch.size())),
                                     QByteArray(method.data(), static_cast<qsizetype>(method.size()))));
        }
        if (!t || (t->completed() && t->kind() != SipClientTransaction::Kind::Invite))
        {
            if (shouldLogProblem(++m_unmatched))
            {
                qCInfo(lcBackend).noquote()
                    << u"sip: ignored a response that matches no transaction from %1 (%2), %3 so far"_s
                           .arg(sender, QString::fromLatin1(message.startLine()))
                           .arg(m_unmatched);
            }
            return;
        }
        const bool ringing =
            t->kind() == SipClientTransaction::Kind::Invite && !t->proceeding() && message.statusCode() < 200;
        t->onResponse(message.statusCode(), QString::fromUtf8(message.reasonPhrase()),
                      QByteArray(raw.data(), static_cast<qsizetype>(raw.size())));
        if (ringing)
        {
            const quint64 handle = t->handle();
            if (handle && m_cancelWhenRinging.remove(handle))
            {
                sendCancel(t);
            }
        }
        return;
    }
    const SipRequestResponder::Answer answer = m_responder.answer(message);
    if (answer.status == 0)
    {
        return;
    }
    reply(answer.bytes);
    if (!answer.retransmission)
    {
        emit requestReceived(QByteArray(raw.data(), static_cast<qsizetype>(raw.size())), sender,
                             answer.status);
    }
}

void SipUaWorker::shutdown()
{
    m_stopping = true;
    const QSet<SipClientTransaction *> all = m_transactions;
    for (SipClientTransaction *t : all)
    {
        t->fail(stoppedError());
    }
    for (SipTcpConnection *c : std::as_const(m_outgoing))
    {
        c->disconnect(this);
        delete c;
    }
    m_outgoing.clear();
    for (SipTcpConnection *c : std::as_const(m_incoming))
    {
        c->disconnect(this);
        delete c;
    }
    m_incoming.clear();
    closeSockets();
}
