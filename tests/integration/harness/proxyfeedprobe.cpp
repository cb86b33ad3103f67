// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxyfeedprobe.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>

#include "calldeckheadless.h"
#include "dialogrowcomparer.h"
#include "kamailioinstance.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

ProxyFeedProbe::ProxyFeedProbe(CalldeckHeadless &calldeck)
    : m_calldeck(calldeck)
{}

QString ProxyFeedProbe::proxyName(const KamailioInstance &kamailio)
{
    return u"127.0.0.1:%1"_s.arg(kamailio.rpcPort());
}

QString ProxyFeedProbe::rpcArgument(const KamailioInstance &kamailio)
{
    return kamailio.rpcUrl().toString();
}

QJsonArray ProxyFeedProbe::dialogs(QString *error)
{
    const RpcResult reply = m_calldeck.rpc(u"calldeck.dialogs"_s, {}, 10000);
    if (!reply.ok() || !reply.result().isArray())
    {
        if (error)
        {
            *error = u"calldeck.dialogs: "_s + reply.describe();
        }
        return {};
    }
    return reply.result().toArray();
}

QJsonArray ProxyFeedProbe::rows(const QString &origin, QString *error)
{
    return DialogRowComparer::rowsOf(dialogs(error), origin);
}

QJsonObject ProxyFeedProbe::proxyStatus(const QString &name, QString *error)
{
    const RpcResult reply = m_calldeck.rpc(u"calldeck.sources"_s, {}, 10000);
    if (!reply.ok())
    {
        if (error)
        {
            *error = u"calldeck.sources: "_s + reply.describe();
        }
        return {};
    }
    for (const QJsonValue &v : reply.result().toArray())
    {
        const QJsonObject proxy = v.toObject().value(u"proxy"_s).toObject();
        if (proxy.value(u"name"_s).toString() == name)
        {
            return proxy;
        }
    }
    if (error)
    {
        *error = u"calldeck.sources has no proxy named %1: %2"_s.arg(name, reply.describe());
    }
    return {};
}

QString ProxyFeedProbe::proxyState(const QString &name)
{
    return proxyStatus(name).value(u"state"_s).toString();
}

QString ProxyFeedProbe::waitEqual(KamailioInstance &kamailio, const int expectedSize, const int expectedState,
                                  const int timeoutMs, qint64 *elapsedMs)
{
    const QString origin = proxyName(kamailio);
    const QDeadlineTimer deadline(timeoutMs);
    QElapsedTimer clock;
    clock.start();
    QString last;
    int equalLooks = 0;
    for (;;)
    {
        const RpcResult k = kamailio.rpc(u"dlg.list"_s, {}, 10000);
        QString error;
        const QJsonArray cd = rows(origin, &error);
        if (!k.ok())
        {
            last = u"Kamailio's dlg.list failed: "_s + k.describe();
        }
        else if (!error.isEmpty())
        {
            last = error;
        }
        else
        {
            const QJsonArray list = k.result().toArray();
            bool shapeOk = expectedSize < 0 || list.size() == expectedSize;
            for (const QJsonValue &v : list)
            {
                shapeOk = shapeOk &&
                          (expectedState == 0 || v.toObject().value(u"state"_s).toInt() == expectedState);
            }
            const QString diff = DialogRowComparer::differences(list, cd, origin);
            if (shapeOk && diff.isEmpty())
            {
                if (equalLooks++ == 0 && elapsedMs)
                {
                    *elapsedMs = clock.elapsed();
                }
                if (equalLooks >= 2)
                {
                    return {};
                }
            }
            else
            {
                equalLooks = 0;
                last = u"Kamailio lists %1 dialogs (expected %2%3), CallDeck shows %4 rows of %5%6"_s
                           .arg(list.size())
                           .arg(expectedSize)
                           .arg(expectedState ? u" in state %1"_s.arg(expectedState) : QString())
                           .arg(cd.size())
                           .arg(origin)
                           .arg(diff.isEmpty() ? QString() : u":\n"_s + diff);
            }
        }
        if (deadline.hasExpired())
        {
            return last.isEmpty() ? u"not equal twice in a row within %1 ms"_s.arg(timeoutMs) : last;
        }
        QThread::msleep(200);
    }
}

} // namespace calldeck::integration
