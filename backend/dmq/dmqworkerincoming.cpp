// SPDX-License-Identifier: GPL-3.0-or-later
// DmqWorker: what reaches CallDeck's DMQ node — responses to its transactions, KDMQ requests of
// the other nodes (node lists, dialog messages) and their answers. The rest is in dmqworker.cpp.
#include "backend/dmq/dmqworker.h"

#include <QDateTime>

#include "backend/core/sipheaders.h"
#include "backend/core/sipmessage.h"
#include "backend/core/sipparser.h"
#include "backend/dmq/dmqwire.h"
#include "backend/eventlog.h"
#include "backend/logging.h"
#include "backend/sipua/sipclienttransaction.h"
#include "backend/sipua/sipudpsocket.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;
using namespace dmqwire;
using calldeck::core::DmqNodeAddress;
using calldeck::core::DmqNodeStatus;
using calldeck::core::SipHeaderId;
using calldeck::core::SipMessage;

namespace
{
constexpr qsizetype MaxAnswers = 65536;

/// The channel: the user part of a Request-URI "sip:dialog@host:port".
std::string_view channelOf(std::string_view uri)
{
    const std::size_t colon = uri.find(':');
    const std::size_t at = uri.find('@');
    if (colon == std::string_view::npos || at == std::string_view::npos || at < colon)
    {
        return {};
    }
    return uri.substr(colon + 1, at - colon - 1);
}
} // namespace

void DmqWorker::mergeList(std::string_view body, Node *from)
{
    const calldeck::core::DmqNodeListParse list = calldeck::core::parseDmqNodeList(body);
    if (!list.errors.empty() && from)
    {
        from->health.rejected += list.errors.size();
        from->health.lastError = u"node list with %1 bad line(s), e.g. %2"_s.arg(list.errors.size())
                                     .arg(QString::fromStdString(list.errors.front()));
        if (shouldLogProblem(++m_malformed))
        {
            note(int(EventLogEntry::Severity::Warning),
                 u"%1 sent a node list with bad lines (%2); the good lines were taken"_s.arg(
                     from->health.uri, QString::fromStdString(list.errors.front())));
        }
    }
    for (const calldeck::core::DmqNodeLine &line : list.nodes)
    {
        if (m_nodes.isSelf(line.address))
        {
            continue;
        }
        Node *known = m_nodes.find(line.address);
        if (!known)
        {
            if (m_nodes.nodes().size() >= MaxNodes)
            {
                continue;
            }
            Node &n = nodeFor(line.address, line.status);
            note(int(EventLogEntry::Severity::Info),
                 u"learnt node %1 (%2)"_s.arg(n.health.uri, n.health.status));
            continue;
        }
        // Kamailio 5.6.3: a disabled node stays disabled until it answers a ping itself.
        if (known->status != DmqNodeStatus::Disabled)
        {
            changeStatus(*known, line.status,
                         u"%1 announced it as %2"_s.arg(
                             from ? from->health.uri : u"a peer"_s,
                             QString::fromLatin1(calldeck::core::dmqStatusName(line.status))));
        }
    }
}

void DmqWorker::onDatagram(const QByteArray &datagram, const QHostAddress &from, quint16 port)
{
    SipMessage m;
    const auto error = calldeck::core::SipParser::parse(
        std::string_view(datagram.constData(), static_cast<std::size_t>(datagram.size())), m);
    if (error == calldeck::core::SipParseError::Empty)
    {
        return;
    }
    if (error != calldeck::core::SipParseError::None)
    {
        if (shouldLogProblem(++m_malformed))
        {
            note(int(EventLogEntry::Severity::Warning),
                 u"dropped a malformed SIP message from %1:%2 (%3), %4 so far"_s.arg(from.toString())
                     .arg(port)
                     .arg(QString::fromLatin1(calldeck::core::sipParseErrorName(error)))
                     .arg(m_malformed));
        }
        return;
    }
    if (m.isRequest())
    {
        onRequest(m, from, port);
        return;
    }
    calldeck::core::SipVia via;
    const std::string_view top = m.header(SipHeaderId::Via);
    if (top.empty() || !calldeck::core::parseVia(top, via))
    {
        return;
    }
    if (SipClientTransaction *t = m_transactions.value(bytes(via.branch)))
    {
        t->onResponse(m.statusCode(), QString::fromUtf8(bytes(m.reasonPhrase())), datagram);
    }
}

void DmqWorker::onUnreachable(const QHostAddress &to, quint16 port, const QString &error)
{
    const QString destination = u"%1:%2"_s.arg(to.toString()).arg(port);
    const QList<SipClientTransaction *> all = m_transactions.values();
    for (SipClientTransaction *t : all)
    {
        if (t->started() && t->destination() == destination)
        {
            t->fail(error);
        }
    }
}

void DmqWorker::onRequest(const SipMessage &m, const QHostAddress &from, quint16 port)
{
    calldeck::core::SipVia via;
    const std::string_view top = m.header(SipHeaderId::Via);
    const QByteArray branch =
        !top.empty() && calldeck::core::parseVia(top, via) ? bytes(via.branch) : QByteArray();
    const QByteArray key = branch.isEmpty()
                               ? QByteArray()
                               : branch + '/' + from.toString().toLatin1() + ':' + QByteArray::number(port);
    if (const auto it = m_answers.constFind(key); !key.isEmpty() && it != m_answers.cend())
    {
        m_udp->send(*it, from, port); // a retransmission: the very same answer
        return;
    }
    if (m.method() == calldeck::core::SipMethod::Ack)
    {
        return;
    }
    m_healthDirty = true;
    QByteArray answer;
    if (m.methodText() != "KDMQ")
    {
        answer = m.method() == calldeck::core::SipMethod::Options
                     ? m_builder.response(m, 200, "OK")
                     : m_builder.response(m, 405, "Method Not Allowed");
    }
    else
    {
        std::string why;
        const auto sender = calldeck::core::parseDmqNodeUri(m.from().uri, &why);
        Node *node = nullptr;
        if (sender && !m_nodes.isSelf(sender->address))
        {
            node = m_nodes.find(sender->address);
            if (!node && m_nodes.nodes().size() < MaxNodes)
            {
                node = &nodeFor(sender->address, DmqNodeStatus::Active);
            }
        }
        const std::string_view channel = channelOf(m.requestUri());
        if (!node)
        {
            if (shouldLogProblem(++m_malformed))
            {
                note(int(EventLogEntry::Severity::Warning),
                     u"refused a KDMQ from %1:%2 whose From is not a usable node address (%3)"_s
                         .arg(from.toString())
                         .arg(port)
                         .arg(sender ? u"too many nodes or CallDeck's own address"_s
                                     : QString::fromStdString(why)));
            }
            answer = m_builder.response(m, 400, "Bad Request");
        }
        else if (!DmqNodeTable::admit(*node, nowMs(), m_config.maxRate))
        {
            if (!m_flooded)
            {
                note(int(EventLogEntry::Severity::Warning),
                     u"node %1 sends more than %2 KDMQ requests per second: the excess is refused with 503 "
                     "and a full sync follows once it calms down (--dmq-max-rate sets the limit)"_s
                         .arg(node->health.uri)
                         .arg(m_config.maxRate));
            }
            m_flooded = true;
            m_resyncAtMs = nowMs() + 2000; // moves on while the flood lasts
            answer = m_builder.response(m, 503, "Service Unavailable");
        }
        else
        {
            node->health.lastMessageMs = nowMs();
            if (channel == std::string_view(NotificationChannel.constData()))
            {
                answer = answerNodeList(m, *node);
            }
            else if (channel == std::string_view(DialogChannel.constData()))
            {
                const DmqDialogPeer::Reply r = m_peer.handle(m.body(), *node, nowMs());
                if (r.missed)
                {
                    resyncLater(
                        u"%1 sent %2; its UPDATE was lost or comes late"_s.arg(node->health.uri, r.problem));
                }
                if (!r.problem.isEmpty() && shouldLogProblem(node->health.rejected))
                {
                    note(int(EventLogEntry::Severity::Warning), node->health.uri + u": "_s + r.problem);
                }
                answer = m_builder.response(m, r.status, r.reason);
            }
            else
            {
                ++node->health.rejected;
                node->health.lastError = u"sent a KDMQ for channel '%1', which CallDeck does not serve"_s.arg(
                    QString::fromUtf8(bytes(channel)));
                answer = m_builder.response(m, 404, "User Not Found");
            }
        }
    }
    m_udp->send(answer, from, port);
    if (!key.isEmpty())
    {
        m_answers.insert(key, answer);
        m_answerOrder.emplace_back(nowMs(), key);
        while (m_answers.size() > MaxAnswers && !m_answerOrder.empty())
        {
            m_answers.remove(m_answerOrder.front().second);
            m_answerOrder.pop_front();
        }
    }
}

QByteArray DmqWorker::answerNodeList(const SipMessage &m, Node &sender)
{
    ++sender.health.nodeLists;
    mergeList(m.body(), &sender);
    const std::string body = calldeck::core::formatDmqNodeList(m_nodes.ownList(DmqNodeStatus::Active));
    return m_builder.response(m, 200, "OK", TextPlain, QByteArray::fromStdString(body));
}
