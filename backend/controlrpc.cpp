// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/controlrpc.h"

#include <cmath>
#include <limits>
#include <memory>

#include <QJsonObject>

#include "backend/core/dialogjson.h"
#include "backend/core/jsonwriter.h"
#include "backend/coreworker.h"
#include "backend/dialogcontrol.h"
#include "backend/proxydialogs.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;
using calldeck::core::JsonWriter;

namespace
{

RpcMethodOutcome error(const int code, const QString &message)
{
    return RpcMethodOutcome{code, message, {}, false};
}

/// A "d" parameter as jsonrpcs scans it: a number (truncated), anything else 0.
std::uint32_t number(const QJsonValue &v)
{
    if (!v.isDouble())
    {
        return 0;
    }
    const double d = v.toDouble();
    return d >= 0 && d <= double(std::numeric_limits<std::uint32_t>::max()) ? static_cast<std::uint32_t>(d)
                                                                            : 0;
}

/// A string parameter; a number turns into its text (".S"); null when neither.
std::optional<QString> text(const QJsonArray &params, const qsizetype i)
{
    if (i >= params.size())
    {
        return std::nullopt;
    }
    const QJsonValue v = params.at(i);
    if (v.isString())
    {
        return v.toString();
    }
    if (v.isDouble())
    {
        return QString::number(static_cast<qint64>(v.toDouble()));
    }
    return std::nullopt;
}

/// Call-ID, From tag, To tag from the first three parameters.
bool readTags(const QJsonArray &params, ControlRequest &r)
{
    const auto callId = text(params, 0);
    const auto fromTag = text(params, 1);
    const auto toTag = text(params, 2);
    if (!callId || !fromTag || !toTag || callId->isEmpty() || fromTag->isEmpty())
    {
        return false;
    }
    r.callId = callId->toStdString();
    r.fromTag = fromTag->toStdString();
    r.toTag = toTag->toStdString();
    return true;
}

void writeJson(JsonWriter &w, const QJsonValue &v)
{
    if (v.isObject())
    {
        const QJsonObject o = v.toObject();
        w.beginObject();
        for (auto it = o.begin(); it != o.end(); ++it)
        {
            w.key(it.key().toStdString());
            writeJson(w, it.value());
        }
        w.endObject();
    }
    else if (v.isArray())
    {
        w.beginArray();
        for (const QJsonValue &e : v.toArray())
        {
            writeJson(w, e);
        }
        w.endArray();
    }
    else if (v.isString())
    {
        w.value(v.toString().toStdString());
    }
    else if (v.isBool())
    {
        w.value(v.toBool());
    }
    else if (v.isDouble())
    {
        const double d = v.toDouble();
        if (std::trunc(d) == d && std::abs(d) < 9.0e15)
        {
            w.value(static_cast<std::int64_t>(d));
        }
        else
        {
            w.value(QString::number(d, 'g', 17).toStdString());
        }
    }
    else
    {
        w.null();
    }
}

} // namespace

QStringList ControlRpc::methods()
{
    return {u"calldeck.dialogs"_s,
            u"calldeck.refer"_s,
            u"calldeck.set_profile"_s,
            u"calldeck.set_timeout"_s,
            u"calldeck.set_timeout_by_profile"_s,
            u"calldeck.set_var"_s,
            u"calldeck.sources"_s,
            u"calldeck.unset_profile"_s,
            u"dlg.bridge_dlg"_s,
            u"dlg.end_dlg"_s,
            u"dlg.is_alive"_s,
            u"dlg.terminate_dlg"_s};
}

RpcMethodOutcome ControlRpc::dispatch(const QString &method, const QJsonArray &params) const
{
    if (method == "calldeck.sources"_L1)
    {
        return sources();
    }
    if (method == "calldeck.dialogs"_L1)
    {
        return dialogs();
    }
    if (method == "calldeck.set_timeout_by_profile"_L1)
    {
        return timeoutByProfile(params);
    }
    ControlRequest r;
    r.requestedBy = u"served RPC"_s;
    if (method == "dlg.end_dlg"_L1)
    {
        if (params.size() < 2)
        {
            return error(500, u"Invalid parameters"_s);
        }
        r.action = DialogAction::EndDialog;
        r.engineId = std::pair{number(params.at(0)), number(params.at(1))};
        r.extraHeaders = text(params, 2).value_or(QString());
        return run(r);
    }
    if (method == "dlg.terminate_dlg"_L1 || method == "dlg.is_alive"_L1)
    {
        const bool terminate = method == "dlg.terminate_dlg"_L1;
        if (!readTags(params, r))
        {
            return error(400, terminate ? u"Need a Callid ,from tag ,to tag"_s
                                        : u"Too few parameters (required callid, from-tag, to-tag)"_s);
        }
        r.action = terminate ? DialogAction::TerminateDialog : DialogAction::IsAlive;
        return run(r, terminate);
    }
    if (method == "dlg.bridge_dlg"_L1)
    {
        const auto from = text(params, 0);
        const auto to = text(params, 1);
        if (!from || !to || from->isEmpty() || to->isEmpty())
        {
            return error(500, u"Invalid parameters"_s);
        }
        r.action = DialogAction::Bridge;
        r.bridgeFrom = *from;
        r.bridgeTo = *to;
        r.bridgeOp = text(params, 2).value_or(QString());
        r.bridgeBody = text(params, 3).value_or(u"."_s);
        r.answerWhenSent = true; // Kamailio answers {} at once and never reports the outcome
        return run(r);
    }
    // The calldeck.* methods of the helper include: Call-ID, From tag, To tag, then the rest.
    if (!readTags(params, r))
    {
        return error(400, u"Invalid parameters: expected callid, from_tag, to_tag first (strings)"_s);
    }
    if (method == "calldeck.refer"_L1)
    {
        r.action = DialogAction::Refer;
        r.side = text(params, 3).value_or(QString());
        r.uri = text(params, 4).value_or(QString());
        if (r.side != "caller"_L1 && r.side != "callee"_L1)
        {
            return error(400, u"Invalid parameters: side must be \"caller\" or \"callee\""_s);
        }
        if (!r.uri.startsWith("sip:"_L1) && !r.uri.startsWith("sips:"_L1) && !r.uri.startsWith("tel:"_L1))
        {
            return error(400, u"Invalid parameters: the Refer-To URI must be a sip:, sips: or tel: URI"_s);
        }
        return run(r);
    }
    if (method == "calldeck.set_timeout"_L1)
    {
        r.action = DialogAction::SetTimeout;
        r.seconds = params.size() > 3 ? number(params.at(3)) : 0;
        if (r.seconds == 0)
        {
            return error(400, u"Invalid parameters: seconds must be a number of at least 1"_s);
        }
        return run(r);
    }
    const auto name = text(params, 3);
    if (!name || name->isEmpty())
    {
        return error(400, u"Invalid parameters: the 4th parameter (profile or variable name) is missing"_s);
    }
    r.name = *name;
    r.value = text(params, 4).value_or(QString());
    r.action = method == "calldeck.set_profile"_L1     ? DialogAction::SetProfile
               : method == "calldeck.unset_profile"_L1 ? DialogAction::UnsetProfile
                                                       : DialogAction::SetVariable;
    if (r.action == DialogAction::SetVariable && params.size() < 5)
    {
        return error(400, u"Invalid parameters: the 5th parameter (value) is missing"_s);
    }
    return run(r);
}

RpcMethodOutcome ControlRpc::run(const ControlRequest &request, const bool kamailioNotFound) const
{
    if (!m_targets.control)
    {
        return error(501, u"control actions are not available in this CallDeck"_s);
    }
    const ControlResult result = m_targets.control->executeAndWait(request, m_targets.timeoutMs);
    if (!result.ok)
    {
        if (result.code == 404 && result.path.isEmpty())
        {
            // CallDeck's own lookup found nothing: answer as Kamailio would. A proxy's own error
            // (path set) passes through with its code and message.
            // dlg.terminate_dlg answers a missing dialog with this 500 in Kamailio.
            return kamailioNotFound ? error(500, u"Couldnt find callid in dialog"_s)
                                    : error(404, u"Dialog not found"_s);
        }
        return error(result.code > 0 ? result.code : 500, result.message);
    }
    if (result.result.isString() || (result.result.isObject() && !result.result.toObject().isEmpty()))
    {
        return RpcMethodOutcome{0, {}, [v = result.result](JsonWriter &w) { writeJson(w, v); }, false};
    }
    return RpcMethodOutcome{0, {}, {}, true};
}

RpcMethodOutcome ControlRpc::timeoutByProfile(const QJsonArray &params) const
{
    const auto profile = text(params, 0);
    const auto value = text(params, 1);
    const std::uint32_t seconds = params.size() > 2 ? number(params.at(2)) : 0;
    if (!profile || profile->isEmpty() || !value || seconds == 0)
    {
        return error(
            400, u"Invalid parameters: expected profile, value (\"\" for any value), seconds (at least 1)"_s);
    }
    if (!m_targets.control || !m_targets.worker)
    {
        return error(501, u"control actions are not available in this CallDeck"_s);
    }
    const std::string name = profile->toStdString();
    const std::string wanted = value->toStdString();
    std::vector<quint64> keys;
    if (!m_targets.worker->call(
            [&](CoreContext &ctx) {
                keys = ctx.proxies.profileMembers(ctx.engine, name,
                                                  value->isEmpty() ? std::nullopt
                                                                   : std::optional<std::string_view>(wanted));
            },
            m_targets.timeoutMs))
    {
        return error(500, u"the dialog core did not answer; try again"_s);
    }
    QJsonArray failed;
    int changed = 0;
    for (const quint64 key : keys)
    {
        ControlRequest r;
        r.action = DialogAction::SetTimeout;
        r.rowKey = key;
        r.seconds = seconds;
        r.requestedBy = u"served RPC (timeout by profile %1)"_s.arg(*profile);
        const ControlResult result = m_targets.control->executeAndWait(r, m_targets.timeoutMs);
        if (result.ok)
        {
            ++changed;
        }
        else
        {
            failed.append(QJsonObject{{u"row"_s, QString::number(key)},
                                      {u"code"_s, result.code},
                                      {u"message"_s, result.message},
                                      {u"path"_s, result.path}});
        }
    }
    const QJsonObject out{{u"profile"_s, *profile},
                          {u"value"_s, *value},
                          {u"dialogs"_s, int(keys.size())},
                          {u"changed"_s, changed},
                          {u"failed"_s, failed}};
    return RpcMethodOutcome{0, {}, [out](JsonWriter &w) { writeJson(w, out); }, false};
}

namespace
{
void writeDmqHealth(calldeck::core::JsonWriter &w, const DmqNodeHealth &d)
{
    w.key("dmq").beginObject();
    w.key("uri").value(d.uri.toStdString());
    w.key("status").value(d.status.toStdString());
    w.key("local").value(d.local);
    w.key("notification_peer").value(d.notificationPeer);
    w.key("last_reply_ms").value(std::int64_t(d.lastReplyMs));
    w.key("last_message_ms").value(std::int64_t(d.lastMessageMs));
    w.key("last_sync_ms").value(std::int64_t(d.lastSyncMs));
    w.key("last_sync_dialogs").value(std::uint64_t(d.lastSyncDialogs));
    w.key("dialogs").value(std::uint64_t(d.dialogs));
    w.key("updates").value(std::uint64_t(d.updates));
    w.key("states").value(std::uint64_t(d.states));
    w.key("removes").value(std::uint64_t(d.removes));
    w.key("syncs").value(std::uint64_t(d.syncs));
    w.key("node_lists").value(std::uint64_t(d.nodeLists));
    w.key("rejected").value(std::uint64_t(d.rejected));
    w.key("flood_drops").value(std::uint64_t(d.floodDrops));
    w.key("messages_per_second").value(std::int64_t(std::llround(d.messagesPerSecond)));
    w.key("consecutive_failures").value(d.consecutiveFailures);
    w.key("last_error").value(d.lastError.toStdString());
    if (d.local)
    {
        w.key("owners").beginObject();
        w.key("confirmed").value(std::uint64_t(d.ownersConfirmed));
        w.key("inferred").value(std::uint64_t(d.ownersInferred));
        w.key("provisional").value(std::uint64_t(d.ownersProvisional));
        w.key("h_id_step").value(std::uint64_t(d.hIdStep));
        w.endObject();
    }
    w.endObject();
}
} // namespace

RpcMethodOutcome ControlRpc::sources() const
{
    if (!m_targets.sources)
    {
        return error(501, u"sources are not available in this CallDeck"_s);
    }
    const QList<SourceHealth> all = m_targets.sources->snapshot();
    return RpcMethodOutcome{0,
                            {},
                            [all](JsonWriter &w) {
                                w.beginArray();
                                for (const SourceHealth &s : all)
                                {
                                    w.beginObject();
                                    w.key("id").value(int(s.id));
                                    w.key("kind").value(s.kind.toStdString());
                                    w.key("label").value(s.label.toStdString());
                                    w.key("state").value(SourceHealth::stateName(s.state));
                                    w.key("error").value(s.error.toStdString());
                                    w.key("packets").value(std::uint64_t(s.packets));
                                    w.key("bytes").value(std::uint64_t(s.bytes));
                                    w.key("queue_drops").value(std::uint64_t(s.queueDrops));
                                    w.key("kernel_drops").value(std::uint64_t(s.kernelDrops));
                                    w.key("malformed").value(std::uint64_t(s.malformed));
                                    w.key("auth_failures").value(std::uint64_t(s.authFailures));
                                    w.key("last_seen_ms").value(std::int64_t(s.lastSeenMs));
                                    if (s.proxy)
                                    {
                                        const ProxyStatus &p = *s.proxy;
                                        w.key("proxy").beginObject();
                                        w.key("name").value(p.name.toStdString());
                                        w.key("endpoint").value(p.endpoint.toStdString());
                                        w.key("state").value(ProxyStatus::stateName(p.state).toStdString());
                                        w.key("latency_ms").value(p.latencyMs);
                                        w.key("last_success_ms").value(std::int64_t(p.lastSuccessMs));
                                        w.key("consecutive_errors").value(p.consecutiveErrors);
                                        w.key("interval_ms").value(p.intervalMs);
                                        w.key("last_error").value(p.lastError.toStdString());
                                        w.key("dialogs").value(p.dialogs);
                                        w.key("version").value(p.version.toStdString());
                                        w.key("uptime").value(std::int64_t(p.uptimeS));
                                        w.key("helper").value(p.helper);
                                        w.key("dmq_node").value(p.dmqNode.toStdString());
                                        w.key("actions").beginArray();
                                        for (const QString &a : p.actions)
                                        {
                                            w.value(a.toStdString());
                                        }
                                        w.endArray();
                                        w.endObject();
                                    }
                                    if (s.dmq)
                                    {
                                        writeDmqHealth(w, *s.dmq);
                                    }
                                    w.endObject();
                                }
                                w.endArray();
                            },
                            false};
}

RpcMethodOutcome ControlRpc::dialogs() const
{
    if (!m_targets.worker)
    {
        return error(501, u"calldeck.dialogs is not available in this CallDeck"_s);
    }
    auto rows = std::make_shared<std::vector<DialogRow>>();
    if (!m_targets.worker->call([rows](CoreContext &ctx) { *rows = ctx.proxies.rows(ctx.engine, 0); },
                                m_targets.timeoutMs))
    {
        return error(500, u"core busy"_s);
    }
    return RpcMethodOutcome{0,
                            {},
                            [rows](JsonWriter &w) {
                                w.beginArray();
                                for (const DialogRow &r : *rows)
                                {
                                    w.beginObject();
                                    w.key("origin").value(r.origin.toStdString());
                                    w.key("proxy").value(int(r.proxy));
                                    w.key("proxy_h_entry").value(r.proxyHEntry);
                                    w.key("proxy_h_id").value(r.proxyHId);
                                    w.key("flags").beginArray();
                                    const std::pair<quint8, const char *> names[] = {
                                        {DialogRowFlag::Stale, "stale"},
                                        {DialogRowFlag::EndedOnWire, "ended_on_wire"},
                                        {DialogRowFlag::UnknownToProxy, "unknown_to_proxy"},
                                        {DialogRowFlag::Ghost, "ghost"},
                                        {DialogRowFlag::Merged, "merged"}};
                                    for (const auto &[bit, name] : names)
                                    {
                                        if (r.flags & bit)
                                        {
                                            w.value(name);
                                        }
                                    }
                                    w.endArray();
                                    w.key("dialog");
                                    calldeck::core::writeDialogJson(w, r.dialog);
                                    w.endObject();
                                }
                                w.endArray();
                            },
                            false};
}
