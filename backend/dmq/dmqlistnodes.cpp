// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dmq/dmqlistnodes.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

QString localDmqNode(const QJsonValue &listNodesResult)
{
    // jsonrpcs prints a list of structs as an array, or one struct when there is only one.
    const QJsonArray entries =
        listNodesResult.isArray() ? listNodesResult.toArray() : QJsonArray{listNodesResult};
    for (const QJsonValue &v : entries)
    {
        const QJsonObject o = v.toObject();
        const QJsonValue local = o.value("local"_L1);
        if (local.toInt(local.toString().toInt()) != 1)
        {
            continue;
        }
        const QString host = o.value("host"_L1).toString();
        const QJsonValue portValue = o.value("port"_L1);
        const int port = portValue.isString() ? portValue.toString().toInt() : portValue.toInt();
        if (host.isEmpty() || port <= 0 || port > 65535)
        {
            continue;
        }
        const QString proto = o.value("proto"_L1).toString().toLower();
        const QString h = host.contains(u':') && !host.startsWith(u'[') ? u"[%1]"_s.arg(host) : host;
        QString uri = u"sip:%1:%2"_s.arg(h).arg(port);
        if (!proto.isEmpty() && proto != u"*"_s && proto != u"udp"_s)
        {
            uri += u";transport="_s + proto;
        }
        return uri;
    }
    return {};
}
