// SPDX-License-Identifier: GPL-3.0-or-later
// SipUaWorker's INVITE side: the INVITE client transaction, the ACK of its 2xx and CANCEL.
#include <QPointer>

#include "backend/core/uacdialog.h"
#include "backend/logging.h"
#include "backend/sipua/sipclienttransaction.h"
#include "backend/sipua/sipnexthop.h"
#include "backend/sipua/sipoutgoingrequest.h"
#include "backend/sipua/sipuaworker.h"

using namespace Qt::StringLiterals;

void SipUaWorker::sendInvite(const quint64 handle, const QByteArray &message, const QString &nextHop,
                             const SipUserAgent::Done &done)
{
    SipClientTransaction *t = transact(int(SipOutgoingRequest::Purpose::Invite), message, nextHop, done);
    if (!t->completed())
    {
        t->setHandle(handle);
        m_invites.insert(handle, t);
    }
}

void SipUaWorker::sendAck(const quint64 handle, const QByteArray &message, const QString &nextHop)
{
    QPointer<SipClientTransaction> invite = m_invites.value(handle);
    SipNextHop hop;
    QString error;
    if (!SipNextHop::parse(nextHop, hop, &error))
    {
        qCWarning(lcBackend).noquote() << "sip: the ACK was not sent:" << error;
        return;
    }
    SipOutgoingRequest ack;
    if (!SipOutgoingRequest::prepare(message, hop.transportName(), sentBy(), ack, &error,
                                     SipOutgoingRequest::Purpose::Ack))
    {
        qCWarning(lcBackend).noquote() << "sip: the ACK was not sent:" << error;
        return;
    }
    resolve(hop, this, [this, invite, hop, bytes = ack.bytes](const QHostAddress &to, const QString &lookup) {
        if (to.isNull())
        {
            qCWarning(lcBackend).noquote() << "sip: the ACK was not sent:" << lookup;
            return;
        }
        const auto send = [this, hop, to](const QByteArray &b) {
            const QString problem = transmit(hop, to, b);
            if (!problem.isEmpty())
            {
                qCWarning(lcBackend).noquote() << "sip: the ACK was not sent:" << problem;
            }
        };
        if (invite)
        {
            invite->setAck(bytes, send); // re-sent for each retransmitted 2xx
        }
        send(bytes);
    });
}

void SipUaWorker::cancel(const quint64 handle)
{
    SipClientTransaction *t = m_invites.value(handle);
    if (!t || t->completed())
    {
        return; // answered already (or never sent): nothing to cancel
    }
    if (!t->proceeding())
    {
        m_cancelWhenRinging.insert(handle); // RFC 3261 §9.1: not before a provisional response
        return;
    }
    sendCancel(t);
}

void SipUaWorker::sendCancel(SipClientTransaction *invite)
{
    const QByteArray &sent = invite->request();
    const auto cancel = calldeck::core::buildCancel(
        std::string_view(sent.constData(), static_cast<std::size_t>(sent.size())));
    if (!cancel)
    {
        qCWarning(lcBackend) << "sip: cannot build the CANCEL:" << cancel.error().detail.c_str();
        return;
    }
    const QString destination = invite->destination();
    auto *t = new SipClientTransaction(
        SipClientTransaction::Kind::NonInvite, m_options.t1Ms, m_options.t2Ms,
        [destination](const SipUserAgent::Outcome &o) {
            qCInfo(lcBackend).noquote() << "sip: CANCEL to" << destination << "answered"
                                        << (o.status ? QString::number(o.status) : o.error);
        },
        this);
    m_transactions.insert(t);
    connect(t, &SipClientTransaction::completedSignal, this, &SipUaWorker::forget);
    t->setTransport(invite->transport(), destination);
    // Same branch as the INVITE, to the same place; matched apart by its CSeq method.
    m_byBranch.insert(key(invite->branch(), "CANCEL"), t);
    t->start(QByteArray::fromStdString(*cancel), invite->branch(), "CANCEL", invite->transport() == u"TCP"_s,
             invite->sender());
    invite->cancelled();
}
