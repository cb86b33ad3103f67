// SPDX-License-Identifier: GPL-3.0-or-later
#include "dmqfeedprobe.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QThread>

#include "calldeckheadless.h"
#include "dialogrowcomparer.h"
#include "freeport.h"
#include "kamailiocluster.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QString idsOf(const QJsonObject &rowOrDialog)
{
    if (rowOrDialog.contains(u"dialog"_s))
    {
        return u"%1:%2"_s.arg(rowOrDialog.value(u"proxy_h_entry"_s).toInteger())
            .arg(rowOrDialog.value(u"proxy_h_id"_s).toInteger());
    }
    return u"%1:%2"_s.arg(rowOrDialog.value(u"h_entry"_s).toInteger())
        .arg(rowOrDialog.value(u"h_id"_s).toInteger());
}

QMap<QString, QString> byIds(const QJsonArray &list)
{
    QMap<QString, QString> map;
    for (const QJsonValue &v : list)
    {
        map.insert(idsOf(v.toObject()), DmqFeedProbe::projection(v.toObject()));
    }
    return map;
}

} // namespace

DmqFeedProbe::DmqFeedProbe(CalldeckHeadless &calldeck)
    : m_calldeck(calldeck)
{}

std::unique_ptr<CalldeckHeadless> DmqFeedProbe::startCalldeck(const QStringList &notify, quint16 *dmqPort,
                                                              const int pingSeconds, const QStringList &extra)
{
    QString error;
    const quint16 port = FreePort::pick(&error);
    if (port == 0)
    {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    CalldeckHeadless::Options o;
    o.mirror = false;
    o.extraArguments << u"--db-mode"_s << u"0"_s << u"--dmq"_s << u"sip:127.0.0.1:%1"_s.arg(port)
                     << u"--dmq-ping"_s << QString::number(pingSeconds);
    for (const QString &peer : notify)
    {
        o.extraArguments << u"--dmq-notify"_s << u"sip:"_s + peer;
    }
    o.extraArguments << extra;
    auto calldeck = std::make_unique<CalldeckHeadless>(o);
    if (!calldeck->start())
    {
        qWarning("%s", qPrintable(calldeck->errorString()));
        return nullptr;
    }
    if (dmqPort)
    {
        *dmqPort = port;
    }
    return calldeck;
}

QString DmqFeedProbe::originOf(const KamailioInstance &node)
{
    return u"dmq 127.0.0.1:%1"_s.arg(node.dmqPort());
}

QJsonArray DmqFeedProbe::unionOf(const QList<KamailioInstance *> &nodes)
{
    QList<QJsonArray> lists;
    for (KamailioInstance *node : nodes)
    {
        lists << KamailioCluster::dialogs(*node);
    }
    // Each dialog as its owner lists it (a replica has no caller socket), then what only a
    // replica still lists.
    QJsonArray out;
    QSet<QString> seen;
    for (const bool owners : {true, false})
    {
        for (const QJsonArray &list : std::as_const(lists))
        {
            for (const QJsonValue &v : list)
            {
                const QJsonObject d = v.toObject();
                const bool owner = !d.value(u"caller"_s).toObject().value(u"socket"_s).isNull();
                if ((!owners || owner) && !seen.contains(idsOf(d)))
                {
                    seen.insert(idsOf(d));
                    out.append(v);
                }
            }
        }
    }
    return out;
}

QString DmqFeedProbe::projection(const QJsonObject &rowOrDialog)
{
    const QJsonObject d = DialogRowComparer::normalised(DialogRowComparer::dialogOf(rowOrDialog));
    return u"%1 %2 state=%3 tags=%4/%5 from=%6 to=%7 vars=%8 profiles=%9"_s.arg(
        idsOf(rowOrDialog), d.value(u"call-id"_s).toString(), QString::number(d.value(u"state"_s).toInt()),
        d.value(u"caller"_s).toObject().value(u"tag"_s).toString(),
        d.value(u"callee"_s).toObject().value(u"tag"_s).toString(), d.value(u"from_uri"_s).toString(),
        d.value(u"to_uri"_s).toString(), compact(d.value(u"variables"_s)), compact(d.value(u"profiles"_s)));
}

QString DmqFeedProbe::differences(const QJsonArray &kamailio, const QJsonArray &rows)
{
    const QMap<QString, QString> kam = byIds(kamailio);
    const QMap<QString, QString> cd = byIds(rows);
    QStringList lines;
    if (cd.size() != rows.size())
    {
        lines << u"CallDeck lists %1 rows but %2 distinct proxy ids"_s.arg(rows.size()).arg(cd.size());
    }
    for (auto it = kam.begin(); it != kam.end(); ++it)
    {
        if (!cd.contains(it.key()))
        {
            lines << u"missing in CallDeck: %1"_s.arg(it.value());
        }
        else if (cd.value(it.key()) != it.value())
        {
            lines << u"differs:\n      Kamailio %1\n      CallDeck %2"_s.arg(it.value(), cd.value(it.key()));
        }
    }
    for (auto it = cd.begin(); it != cd.end(); ++it)
    {
        if (!kam.contains(it.key()))
        {
            lines << u"only in CallDeck: %1"_s.arg(it.value());
        }
    }
    return lines.isEmpty() ? QString() : u"\n    "_s + lines.mid(0, 12).join(u"\n    "_s);
}

QJsonArray DmqFeedProbe::clusterRows(QString *error)
{
    const RpcResult r = m_calldeck.rpc(u"calldeck.dialogs"_s);
    if (!r.ok() && error)
    {
        *error = r.describe();
    }
    QJsonArray out;
    const QJsonArray all = r.result().toArray();
    for (const QJsonValue &v : all)
    {
        if (v.toObject().value(u"origin"_s).toString().startsWith(u"dmq "_s))
        {
            out.append(v);
        }
    }
    return out;
}

QJsonArray DmqFeedProbe::sources(QString *error)
{
    const RpcResult r = m_calldeck.rpc(u"calldeck.sources"_s);
    if (!r.ok() && error)
    {
        *error = r.describe();
    }
    return r.result().toArray();
}

QJsonObject DmqFeedProbe::sourceDmq(const QString &kind, const QString &uri)
{
    const QJsonArray list = sources();
    for (const QJsonValue &v : list)
    {
        const QJsonObject source = v.toObject();
        const QJsonObject dmq = source.value(u"dmq"_s).toObject();
        if (source.value(u"kind"_s).toString() == kind &&
            (uri.isEmpty() || dmq.value(u"uri"_s).toString() == uri))
        {
            return dmq;
        }
    }
    return {};
}

QJsonObject DmqFeedProbe::node(const QString &uri)
{
    return sourceDmq(u"dmq-node"_s, uri);
}

QJsonObject DmqFeedProbe::bus()
{
    return sourceDmq(u"dmq"_s, {});
}

QString DmqFeedProbe::waitEqual(const QList<KamailioInstance *> &nodes, const int timeoutMs,
                                qint64 *elapsedMs)
{
    QElapsedTimer clock;
    clock.start();
    QString diff;
    qint64 firstEqual = -1;
    while (true)
    {
        diff = differences(unionOf(nodes), clusterRows());
        if (diff.isEmpty())
        {
            if (firstEqual >= 0)
            {
                break;
            }
            firstEqual = clock.elapsed();
        }
        else
        {
            firstEqual = -1;
        }
        if (clock.elapsed() > timeoutMs)
        {
            return diff.isEmpty() ? u"equal on one look only"_s : diff;
        }
        QThread::msleep(100);
    }
    if (elapsedMs)
    {
        *elapsedMs = firstEqual;
    }
    return {};
}

} // namespace calldeck::integration
