// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxytestbed.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "boundedwait.h"
#include "calldeckheadless.h"
#include "dialogrowcomparer.h"
#include "kamailioinstance.h"
#include "sippprocess.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{
constexpr int Confirmed = 4;
}

std::unique_ptr<CalldeckHeadless> ProxyTestBed::startCalldeck(const QList<KamailioInstance *> &proxies,
                                                              const QStringList &rpcUrls, const bool mirror)
{
    CalldeckHeadless::Options o;
    o.mirror = mirror;
    // The defaults, spelt out: the tests count in poll intervals.
    o.settingsIni = u"[Proxies]\nIntervalMs=1000\nMaxIntervalMs=30000\nDownAfterErrors=3\n"_s;
    for (KamailioInstance *k : proxies)
    {
        o.extraArguments << u"--rpc"_s << k->rpcUrl().toString();
    }
    for (const QString &url : rpcUrls)
    {
        o.extraArguments << u"--rpc"_s << url;
    }
    auto calldeck = std::make_unique<CalldeckHeadless>(o);
    if (!calldeck->start())
    {
        qWarning("%s", qPrintable(calldeck->errorString()));
        return nullptr;
    }
    return calldeck;
}

std::unique_ptr<SippProcess> ProxyTestBed::startUas(const quint16 port, const int calls, const QString &dir)
{
    auto uas = std::make_unique<SippProcess>(
        SippProcess::Options{.scenario = u"uas.xml"_s, .localPort = port, .calls = calls}, dir);
    if (!uas->start())
    {
        qWarning("%s", qPrintable(uas->errorString()));
        return nullptr;
    }
    return uas;
}

std::unique_ptr<SippProcess> ProxyTestBed::startUac(const KamailioInstance &kamailio, const QString &name,
                                                    const int calls, const int holdMs, const QString &dir,
                                                    const QString &scenario)
{
    auto uac = std::make_unique<SippProcess>(callerOptions(kamailio, name, calls, holdMs, scenario), dir);
    if (!uac->start())
    {
        qWarning("%s", qPrintable(uac->errorString()));
        return nullptr;
    }
    return uac;
}

SippProcess::Options ProxyTestBed::callerOptions(const KamailioInstance &kamailio, const QString &name,
                                                 const int calls, const int holdMs, const QString &scenario)
{
    return {.scenario = scenario,
            .target = kamailio.sipTarget(),
            .name = name,
            .calls = calls,
            .rate = 20,
            .recvTimeoutMs = holdMs};
}

QJsonArray ProxyTestBed::kamailioDialogs(KamailioInstance &kamailio)
{
    const RpcResult r = kamailio.rpc(u"dlg.list"_s, {}, 10000);
    return r.ok() ? r.result().toArray() : QJsonArray();
}

bool ProxyTestBed::waitConfirmed(KamailioInstance &kamailio, const int count, const int timeoutMs)
{
    return BoundedWait::until(timeoutMs, [&] {
        const QJsonArray list = kamailioDialogs(kamailio);
        return list.size() == count && allInState(list, Confirmed);
    });
}

bool ProxyTestBed::waitEmpty(KamailioInstance &kamailio, const int timeoutMs)
{
    return BoundedWait::until(
        timeoutMs, [&] { return kamailio.rpc(u"dlg.list"_s).ok() && kamailioDialogs(kamailio).isEmpty(); });
}

bool ProxyTestBed::endLeftovers(KamailioInstance &kamailio)
{
    const QJsonArray left = kamailioDialogs(kamailio);
    if (left.isEmpty())
    {
        return true;
    }
    for (const QJsonValue &v : left)
    {
        if (stateOf(v) < 5)
        {
            kamailio.rpc(u"dlg.end_dlg"_s, {v[u"h_entry"_s].toInt(), v[u"h_id"_s].toInt()});
        }
    }
    return waitEmpty(kamailio);
}

int ProxyTestBed::stateOf(const QJsonValue &rowOrDialog)
{
    return DialogRowComparer::dialogOf(rowOrDialog.toObject()).value(u"state"_s).toInt();
}

QString ProxyTestBed::callIdOf(const QJsonValue &rowOrDialog)
{
    return DialogRowComparer::dialogOf(rowOrDialog.toObject()).value(u"call-id"_s).toString();
}

QJsonArray ProxyTestBed::tagsOf(const QJsonValue &rowOrDialog)
{
    const QJsonObject d = DialogRowComparer::dialogOf(rowOrDialog.toObject());
    return {d.value(u"call-id"_s).toString(), d.value(u"caller"_s).toObject().value(u"tag"_s).toString(),
            d.value(u"callee"_s).toObject().value(u"tag"_s).toString()};
}

QJsonArray ProxyTestBed::with(QJsonArray params, const QJsonArray &more)
{
    for (const QJsonValue &v : more)
    {
        params.append(v);
    }
    return params;
}

bool ProxyTestBed::allInState(const QJsonArray &list, const int state)
{
    for (const QJsonValue &v : list)
    {
        if (stateOf(v) != state)
        {
            return false;
        }
    }
    return true;
}

QString ProxyTestBed::json(const QJsonValue &value)
{
    if (value.isArray())
    {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson());
    }
    return value.isObject() ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson())
                            : value.toVariant().toString();
}

QString ProxyTestBed::details(const KamailioInstance &kamailio, const CalldeckHeadless &calldeck)
{
    return u"\nkamailio errors: %1 (log %2)\ncalldeck output (%3):\n%4"_s.arg(
        kamailio.logErrors().join(u"\n    "_s), kamailio.logPath(), calldeck.directory(),
        calldeck.output().right(3000));
}

} // namespace calldeck::integration
