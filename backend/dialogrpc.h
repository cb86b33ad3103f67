// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArrayView>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include "backend/controlrpc.h"
#include "backend/rpcmethodoutcome.h"
#include "backend/rpcreply.h"

class CoreWorker;
class RpcRequest;
struct CoreContext;

namespace calldeck::core
{
class JsonWriter;
}

/// @brief The served JSON-RPC methods in Kamailio's dialect (kamailio-dialog.md §7): dlg.list,
/// dlg.stats_active, dlg.profile_get_size, dlg.profile_list, stats.get_statistics,
/// system.listMethods and calldeck.version. Parameters are positional and typed like the
/// module's rpc->scan() (integers must be JSON numbers, a string counts as 0; profile names
/// and values also accept numbers); results and errors have the module's keys and codes.
///
/// Every method reaches the engine through CoreWorker::call() with a bounded wait: when the
/// core does not answer in time the reply is error 500 "core busy". Snapshots are taken on the
/// core thread and turned into JSON on the caller's thread, so a large listing costs the core
/// only the copy. Not thread-safe: one instance per serving thread.
class DialogRpc final
{
public:
    struct Options
    {
        bool pretty = true;       ///< tab-indented like jsonrpcs' pretty_format=1
        int callTimeoutMs = 5000; ///< longest wait for the core thread per call
        QString version;          ///< the calldeck.version result, e.g. "calldeck 0.1.0"
        /// The control methods (dlg.end_dlg, calldeck.refer, ...) and calldeck.sources; without
        /// it they answer "not available".
        ControlRpc::Targets control;
    };

    /// @brief JSON-RPC error code and message sent for a body that is not JSON (-32700).
    static constexpr int ParseErrorCode = -32700;

    DialogRpc(CoreWorker &worker, Options options);

    /// @brief Answers one POSTed body.
    RpcReply handle(QByteArrayView body) const;
    /// @brief The reply for an error that happens before the body is read (401, 405, 404).
    RpcReply errorReply(int code, const QString &message) const;
    /// @brief The served method names, sorted (the system.listMethods result).
    static QStringList methods();

private:
    using Outcome = RpcMethodOutcome;
    using Handler = Outcome (DialogRpc::*)(const QJsonArray &) const;

    Outcome dispatch(const QString &method, const QJsonArray &params) const;
    Outcome dlgList(const QJsonArray &params) const;
    Outcome statsActive(const QJsonArray &params) const;
    Outcome profileGetSize(const QJsonArray &params) const;
    Outcome profileList(const QJsonArray &params) const;
    Outcome getStatistics(const QJsonArray &params) const;
    Outcome listMethods(const QJsonArray &params) const;
    Outcome version(const QJsonArray &params) const;

    bool callCore(const std::function<void(CoreContext &)> &fn) const;
    Outcome busy() const;
    RpcReply reply(const Outcome &outcome, const RpcRequest *request) const;

    CoreWorker &m_worker;
    Options m_options;
    ControlRpc m_control;
};
