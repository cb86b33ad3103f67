// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

/// Replies for the JSON-RPC client tests, built from Kamailio's own (tests/data/samples).
namespace RpcClientFixtures
{

/// @brief curl_global_init() once, as app/main.cpp does before any thread starts; call it from
/// initTestCase() before the first JsonRpcClient.
bool initLibcurl();
/// @brief The bytes of samples/@p name; empty when missing.
QByteArray sample(const QString &name);
/// @brief @p json with its top-level "id" value replaced by @p id (Kamailio's tab layout kept).
QByteArray withId(const QByteArray &json, int id);
/// @brief A sample JSON reply, with @p id, as a complete "200 OK" HTTP reply.
QByteArray jsonSample(const QString &name, int id);
/// @brief A sample holding a complete HTTP reply (samples/*.http) with @p id in the body and the
/// Content-Length fixed accordingly.
QByteArray httpSample(const QString &name, int id);
/// @brief A tab-indented dlg.list reply body like Kamailio's with @p dialogs dialog objects: the
/// five of samples/dlg.list.json repeated, each copy with its own Call-IDs and h_id.
QByteArray dlgListReply(int dialogs, int id);

} // namespace RpcClientFixtures
