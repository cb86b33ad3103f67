// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

/// @brief The proxy's own DMQ address from its `dmq.list_nodes` answer: the entry with
/// `"local": 1` as "sip:HOST:PORT" (";transport=..." when proto is not UDP), empty when there is
/// none. Kamailio 5.6.3 gives `port` as a string and `proto` "*" for UDP.
QString localDmqNode(const QJsonValue &listNodesResult);
