// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/embeddedbridge.h"

#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include "backend/core/requestbuilder.h"
#include "backend/core/uacdialog.h"
#include "backend/logging.h"
#include "backend/sipua/sipnexthop.h"

using namespace Qt::StringLiterals;
using calldeck::core::CSeqRule;
using calldeck::core::DialogLeg;
using calldeck::core::InDialogRequest;

namespace
{

constexpr int Refused = 400;
constexpr int Failed = 502;
constexpr int NoAnswer = 504;
// The REFER waits this long after the ACK: a proxy with several workers may otherwise hand the
// party the REFER first (seen with Kamailio, children=4), and a strict UA drops the call.
constexpr int AckToReferMs = 100;

std::string randomHex(const int words)
{
    std::string out;
    for (int i = 0; i < words; ++i)
    {
        out += QByteArray::number(QRandomGenerator::global()->generate(), 16)
                   .rightJustified(8, '0')
                   .toStdString();
    }
    return out;
}

bool sipUri(const QString &uri)
{
    return (uri.startsWith("sip:"_L1) || uri.startsWith("sips:"_L1)) && uri.size() > 5 &&
           !uri.contains(u' ') && !uri.contains(u'<') && !uri.contains(u'>') && !uri.contains(u'\r') &&
           !uri.contains(u'\n');
}

} // namespace

EmbeddedBridge::EmbeddedBridge(SipUserAgent &ua, QString controllerUri, QObject *parent)
    : QObject(parent)
    , m_ua(ua)
    , m_controller(std::move(controllerUri))
{}

EmbeddedBridge::~EmbeddedBridge()
{
    for (auto &[id, run] : m_runs)
    {
        if (run.invite)
        {
            m_ua.cancel(run.invite);
        }
    }
}

QString EmbeddedBridge::path() const
{
    return u"embedded UA (%1)"_s.arg(m_controller);
}

void EmbeddedBridge::later(std::function<void()> fn)
{
    QPointer<EmbeddedBridge> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, fn = std::move(fn)] {
            if (self)
            {
                fn();
            }
        },
        Qt::QueuedConnection);
}

void EmbeddedBridge::start(const Request &request, Sent sent, Done finished)
{
    const auto refuse = [&](const QString &why) { finished(ControlResult::failure(Refused, why, path())); };
    if (!sipUri(request.from))
    {
        refuse(u"the party to call ('%1') must be a sip: or sips: URI, e.g. sip:alice@192.0.2.10"_s.arg(
            request.from));
        return;
    }
    if (!sipUri(request.to) && !request.to.startsWith("tel:"_L1))
    {
        refuse(u"the party to bridge to ('%1') must be a sip:, sips: or tel: URI"_s.arg(request.to));
        return;
    }
    QString nextHop = request.from;
    if (!request.outboundProxy.isEmpty() && request.outboundProxy != "."_L1)
    {
        SipNextHop hop;
        QString error;
        if (!SipNextHop::parse(request.outboundProxy, hop, &error))
        {
            refuse(u"the outbound proxy: %1"_s.arg(error));
            return;
        }
        nextHop = request.outboundProxy;
    }

    const quint64 id = m_nextId++;
    Run &run = m_runs[id];
    run.request = request;
    run.finished = std::move(finished);
    run.callId = randomHex(4) + "@calldeck";
    run.fromTag = randomHex(2);
    calldeck::core::UacInvite invite;
    invite.target = request.from.toStdString();
    invite.fromUri = m_controller.toStdString();
    invite.fromTag = run.fromTag;
    invite.callId = run.callId;
    invite.contact = m_controller.toStdString();
    invite.userAgent = "CallDeck";
    invite.body = request.body == "."_L1                               ? calldeck::core::bridgeHoldSdp()
                  : (request.body == "_"_L1 || request.body.isEmpty()) ? std::string()
                                                                       : request.body.toStdString();
    const auto built = calldeck::core::buildUacInvite(invite);
    if (!built)
    {
        Done done = std::move(run.finished);
        m_runs.erase(id);
        done(ControlResult::failure(Refused, QString::fromStdString(built.error().detail), path()));
        return;
    }
    run.dialog.callId = run.callId; // until the answer builds the real one
    run.ring = new QTimer(this);
    run.ring->setSingleShot(true);
    connect(run.ring, &QTimer::timeout, this, [this, id] {
        auto it = m_runs.find(id);
        if (it != m_runs.end() && it->second.invite)
        {
            it->second.cancelled = true;
            m_ua.cancel(it->second.invite);
        }
    });
    run.ring->start(m_ringTimeoutMs);
    QPointer<EmbeddedBridge> self(this);
    run.invite = m_ua.sendInvite(QByteArray::fromStdString(built->message), nextHop,
                                 [self, id](const SipUserAgent::Outcome &o) {
                                     if (self)
                                     {
                                         self->later([self, id, o] { self->onInviteDone(id, o); });
                                     }
                                 });
    qCInfo(lcBackend).noquote() << "bridge: INVITE to" << request.from << "via" << nextHop << "Call-ID"
                                << QString::fromStdString(run.callId);
    if (sent)
    {
        sent();
    }
}

void EmbeddedBridge::onInviteDone(const quint64 id, const SipUserAgent::Outcome &o)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
    {
        return;
    }
    Run &run = it->second;
    run.ring->stop();
    run.steps << u"INVITE to %1: %2"_s.arg(run.request.from, o.summary());
    if (o.status >= 200 && o.status < 300)
    {
        calldeck::core::UacInvite invite;
        invite.target = run.request.from.toStdString();
        invite.fromUri = m_controller.toStdString();
        invite.fromTag = run.fromTag;
        invite.callId = run.callId;
        invite.contact = m_controller.toStdString();
        const auto dialog = calldeck::core::uacDialogFromAnswer(
            invite, std::string_view(o.response.constData(), static_cast<std::size_t>(o.response.size())));
        InDialogRequest ack;
        ack.method = "ACK";
        ack.cseqRule = CSeqRule::Same;
        ack.viaBranch = "z9hG4bKcalldeck";
        const auto built = dialog ? calldeck::core::buildInDialogRequest(*dialog, ack)
                                  : calldeck::core::Result<calldeck::core::BuiltRequest>(dialog.error());
        if (!built)
        {
            complete(
                id,
                ControlResult::failure(
                    Failed,
                    u"%1; but its 2xx cannot be used (%2), so nothing was bridged: check the party's "
                    u"Contact"_s.arg(run.steps.join(u"; "_s), QString::fromStdString(built.error().detail)),
                    path()));
            return;
        }
        m_ua.sendAck(run.invite, QByteArray::fromStdString(built->message),
                     QString::fromStdString(built->nextHop));
        run.dialog = *dialog;
        QTimer::singleShot(AckToReferMs, this, [this, id] {
            if (m_runs.count(id))
            {
                sendRefer(id);
            }
        });
        return;
    }
    ControlResult r;
    r.path = path();
    if (run.cancelled)
    {
        r.code = NoAnswer;
        r.message =
            u"%1 did not answer within %2 s; CallDeck cancelled the INVITE (%3). Nothing was bridged"_s
                .arg(run.request.from)
                .arg(m_ringTimeoutMs / 1000.0, 0, 'g', 3)
                .arg(o.summary());
    }
    else
    {
        r.code = o.status ? Failed : NoAnswer;
        r.message = u"%1. Nothing was bridged; check that %2 is reachable and accepts calls"_s.arg(
            run.steps.join(u"; "_s), run.request.from);
    }
    complete(id, r);
}

void EmbeddedBridge::sendRefer(const quint64 id)
{
    Run &run = m_runs.at(id);
    InDialogRequest refer;
    refer.method = "REFER";
    refer.cseqRule = CSeqRule::Within;
    refer.contact = m_controller.toStdString();
    refer.viaBranch = "z9hG4bKcalldeck";
    refer.extraHeaders = "Referred-By: <" + m_controller.toStdString() + ">\r\nRefer-To: <" +
                         run.request.to.toStdString() + ">\r\n";
    const auto built = calldeck::core::buildInDialogRequest(run.dialog, refer);
    if (!built)
    {
        run.steps << u"REFER not sent: %1"_s.arg(QString::fromStdString(built.error().detail));
        sendBye(id);
        return;
    }
    run.dialog.caller.cseq = std::to_string(built->cseq);
    QPointer<EmbeddedBridge> self(this);
    m_ua.sendRequest(QByteArray::fromStdString(built->message), QString::fromStdString(built->nextHop),
                     [self, id](const SipUserAgent::Outcome &o) {
                         if (self)
                         {
                             self->later([self, id, o] {
                                 auto it = self->m_runs.find(id);
                                 if (it != self->m_runs.end())
                                 {
                                     it->second.referStatus = o.status;
                                     it->second.steps << u"REFER (Refer-To %1): %2"_s.arg(
                                         it->second.request.to, o.summary());
                                     self->sendBye(id);
                                 }
                             });
                         }
                     });
}

void EmbeddedBridge::sendBye(const quint64 id)
{
    Run &run = m_runs.at(id);
    InDialogRequest bye;
    bye.method = "BYE";
    bye.cseqRule = CSeqRule::Within; // the module: one more than the REFER's
    bye.viaBranch = "z9hG4bKcalldeck";
    const auto built = calldeck::core::buildInDialogRequest(run.dialog, bye);
    QPointer<EmbeddedBridge> self(this);
    const auto byeDone = [self, id](const SipUserAgent::Outcome &o) {
        if (!self)
        {
            return;
        }
        self->later([self, id, o] {
            auto it = self->m_runs.find(id);
            if (it == self->m_runs.end())
            {
                return;
            }
            Run &run = it->second;
            run.steps << u"BYE: %1"_s.arg(o.summary());
            ControlResult r;
            r.path = self->path();
            r.ok = run.referStatus >= 200 && run.referStatus < 300;
            r.code = r.ok ? 0 : Failed;
            r.message = run.steps.join(u"; "_s);
            if (r.ok)
            {
                r.result = QJsonObject{{u"call-id"_s, QString::fromStdString(run.callId)},
                                       {u"refer"_s, run.referStatus},
                                       {u"bye"_s, o.status}};
            }
            else
            {
                r.message +=
                    u". %1 did not accept the transfer; it may not support REFER"_s.arg(run.request.from);
            }
            self->complete(id, r);
        });
    };
    if (!built)
    {
        SipUserAgent::Outcome o;
        o.error = u"not sent: "_s + QString::fromStdString(built.error().detail);
        byeDone(o);
        return;
    }
    m_ua.sendRequest(QByteArray::fromStdString(built->message), QString::fromStdString(built->nextHop),
                     byeDone);
}

void EmbeddedBridge::complete(const quint64 id, const ControlResult &result)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
    {
        return;
    }
    Done done = std::move(it->second.finished);
    delete it->second.ring;
    m_runs.erase(it);
    qCInfo(lcBackend).noquote() << "bridge:" << (result.ok ? u"done:"_s : u"failed:"_s) << result.message;
    if (done)
    {
        done(result);
    }
}
