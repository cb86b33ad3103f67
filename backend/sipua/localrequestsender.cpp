// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/localrequestsender.h"

#include "backend/coreworker.h"
#include "backend/logging.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogHandle;

LocalRequestSender::LocalRequestSender(CoreWorker &worker, SipUserAgent &ua, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_ua(ua)
{
    qRegisterMetaType<LocalRequestSender::Result>();
}

QString LocalRequestSender::contactUri() const
{
    QString host = m_ua.address();
    if (host.contains(u':'))
    {
        host = u'[' + host + u']';
    }
    return u"sip:calldeck@%1:%2"_s.arg(host).arg(m_ua.port());
}

namespace
{

/// The did cookie the dialog module puts into its Record-Route: h_entry and h_id in hex with the
/// digits reversed, joined by a dot.
std::string didOf(const std::uint32_t hEntry, const std::uint32_t hId)
{
    const auto reversedHex = [](const std::uint32_t v) {
        std::string s = QByteArray::number(v, 16).toStdString();
        return std::string(s.rbegin(), s.rend());
    };
    return reversedHex(hEntry) + '.' + reversedHex(hId);
}

} // namespace

void LocalRequestSender::rememberProxy(const quint64 dialogKey, const calldeck::core::DialogSnapshot &dialog)
{
    m_proxies[dialogKey] = dialog;
}

calldeck::core::BuiltRequest LocalRequestSender::throughProxy(const calldeck::core::BuiltRequest &request,
                                                              const calldeck::core::DialogSnapshot &dialog,
                                                              const calldeck::core::DialogLeg leg)
{
    const std::optional<std::string> &socket =
        leg == calldeck::core::DialogLeg::Caller ? dialog.caller.socket : dialog.callee.socket;
    const std::size_t colon = socket ? socket->find(':') : std::string::npos;
    if (colon == std::string::npos || colon == 0)
    {
        return request;
    }
    const std::string proto = QString::fromStdString(socket->substr(0, colon)).toLower().toStdString();
    std::string hop = "sip:" + socket->substr(colon + 1) + (proto == "udp" ? "" : ";transport=" + proto) +
                      ";lr;did=" + didOf(dialog.hEntry, dialog.hId);
    calldeck::core::BuiltRequest out = request;
    const std::size_t route = out.message.find("\r\nRoute: ");
    if (route != std::string::npos)
    {
        out.message.insert(route + 9, "<" + hop + ">,");
    }
    else
    {
        const std::size_t firstLineEnd = out.message.find("\r\n");
        const std::size_t maxForwards = out.message.find("\r\nMax-Forwards:");
        const std::size_t at = maxForwards != std::string::npos ? maxForwards : firstLineEnd;
        out.message.insert(at, "\r\nRoute: <" + hop + ">");
    }
    out.nextHop = hop;
    return out;
}

void LocalRequestSender::countSent(const quint64 dialogKey)
{
    m_counting = dialogKey;
    m_sent = 0;
}

int LocalRequestSender::takeSent()
{
    m_counting = 0;
    return m_sent;
}

void LocalRequestSender::send(const calldeck::core::LocalRequest &request)
{
    Result base;
    base.dialogKey = CoreWorker::keyOf(request.dialog);
    if (base.dialogKey == m_counting)
    {
        ++m_sent;
    }
    base.leg = request.leg;
    base.method = QString::fromStdString(request.method);
    const auto proxy = m_proxies.find(base.dialogKey);
    calldeck::core::BuiltRequest built = request.request;
    if (proxy != m_proxies.end())
    {
        built = throughProxy(request.request, proxy->second, request.leg);
    }
    else if (m_engine && m_engine->valid(request.dialog))
    {
        // A request the core sends on its own (keep-alive OPTIONS): through the proxy as well.
        // The core calls the sink synchronously on its thread, so reading the dialog is safe.
        built = throughProxy(request.request, m_engine->snapshot(request.dialog), request.leg);
    }
    m_ua.sendRequest(QByteArray::fromStdString(built.message), QString::fromStdString(built.nextHop),
                     [this, base](const SipUserAgent::Outcome &outcome) {
                         Result r = base;
                         r.outcome = outcome;
                         finished(r, {});
                     });
}

void LocalRequestSender::sendBuilt(const quint64 dialogKey, const calldeck::core::DialogLeg leg,
                                   const QString &method, const calldeck::core::BuiltRequest &request,
                                   Done done)
{
    Result base;
    base.dialogKey = dialogKey;
    base.leg = leg;
    base.method = method;
    m_ua.sendRequest(QByteArray::fromStdString(request.message), QString::fromStdString(request.nextHop),
                     [this, base, done = std::move(done)](const SipUserAgent::Outcome &outcome) {
                         Result r = base;
                         r.outcome = outcome;
                         finished(r, done);
                     });
}

void LocalRequestSender::finished(const Result &result, const Done &done)
{
    const int status = result.outcome.status;
    if (result.method == "OPTIONS"_L1)
    {
        // A keep-alive: the core counts 408 (no answer: Timer F, unreachable) and 481 as a dead leg.
        const quint64 key = result.dialogKey;
        const auto leg = result.leg;
        const int code = status ? status : 408;
        m_worker.post([key, leg, code](CoreContext &ctx) {
            const DialogHandle h = CoreWorker::handleOf(key);
            ctx.engine.keepAliveReply(h, leg, code);
            ctx.markDirty(h);
        });
    }
    if (result.method == "BYE"_L1 && ((status >= 200 && status < 300) || status == 481))
    {
        // The leg is gone (481: it was already). A failure leaves the dialog shown, as it is.
        const quint64 key = result.dialogKey;
        const auto leg = result.leg;
        m_worker.post([key, leg, status](CoreContext &ctx) {
            const DialogHandle h = CoreWorker::handleOf(key);
            ctx.engine.localReply(h, leg, status);
            ctx.markDirty(h);
        });
    }
    qCInfo(lcRpc).noquote() << "embedded UA:" << result.method << "to"
                            << (result.leg == calldeck::core::DialogLeg::Caller ? "caller" : "callee") << "→"
                            << (status ? QString::number(status) + u' ' + result.outcome.reason
                                       : result.outcome.error);
    emit requestDone(result);
    if (done)
    {
        done(result);
    }
}
