// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dialogrpc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QElapsedTimer>

#include "backend/core/dialogjson.h"
#include "backend/core/jsonwriter.h"
#include "backend/coreworker.h"
#include "backend/logging.h"
#include "backend/rpcrequest.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogSnapshot;
using calldeck::core::JsonWriter;

namespace
{

// ---- parameter scanning, as jsonrpcs' rpc->scan() does it -----------------------------------

/// A ".S" parameter: a string, or a number turned into its decimal text; nothing otherwise.
std::optional<std::string> autoString(const QJsonValue &v)
{
    if (v.isString())
    {
        return v.toString().toStdString();
    }
    if (v.isDouble())
    {
        const double d = v.toDouble();
        const double clamped = std::clamp(d, double(std::numeric_limits<qint64>::min()),
                                          double(std::numeric_limits<qint64>::max()));
        return std::to_string(static_cast<qint64>(clamped));
    }
    return std::nullopt;
}

/// A "d" parameter: a number (truncated); anything else reads as 0, as SRJSON_GET_INT does.
int intParam(const QJsonValue &v)
{
    if (!v.isDouble())
    {
        return 0;
    }
    const double d = v.toDouble();
    return static_cast<int>(
        std::clamp(d, double(std::numeric_limits<int>::min()), double(std::numeric_limits<int>::max())));
}

void writeDialogs(JsonWriter &w, const std::vector<DialogSnapshot> &dialogs)
{
    w.beginArray();
    for (const DialogSnapshot &d : dialogs)
    {
        calldeck::core::writeDialogJson(w, d);
    }
    w.endArray();
}

/// The module's statistics, in the order kamcmd stats.get_statistics prints them.
std::vector<std::pair<std::string, std::uint64_t>> dialogStatistics(const calldeck::core::DialogStats &s)
{
    // "%lu" of the counter, as kex prints it (a gauge below zero would wrap there too).
    return {{"active_dialogs", static_cast<std::uint64_t>(s.activeDialogs)},
            {"early_dialogs", static_cast<std::uint64_t>(s.earlyDialogs)},
            {"expired_dialogs", s.expiredDialogs},
            {"failed_dialogs", s.failedDialogs},
            {"processed_dialogs", s.processedDialogs}};
}

QByteArray reasonPhrase(const QString &message)
{
    QByteArray reason = message.toUtf8();
    reason.replace('\r', ' ').replace('\n', ' ');
    return reason;
}

} // namespace

DialogRpc::DialogRpc(CoreWorker &worker, Options options)
    : m_worker(worker)
    , m_options(std::move(options))
    , m_control(m_options.control)
{}

QStringList DialogRpc::methods()
{
    QStringList all{u"calldeck.version"_s,  u"dlg.list"_s,         u"dlg.profile_get_size"_s,
                    u"dlg.profile_list"_s,  u"dlg.stats_active"_s, u"stats.get_statistics"_s,
                    u"system.listMethods"_s};
    all += ControlRpc::methods();
    all.sort();
    return all;
}

RpcReply DialogRpc::handle(QByteArrayView body) const
{
    QElapsedTimer timer;
    timer.start();
    const RpcRequest request = RpcRequest::parse(body);
    switch (request.kind())
    {
    case RpcRequest::Kind::Malformed:
    {
        // Kamailio closes the connection without a word; a client deserves the reason.
        qCDebug(lcRpc) << "served RPC: unparsable body:" << request.problem();
        RpcReply r = reply(Outcome{ParseErrorCode, u"Parse Error"_s, {}, false}, nullptr); // "id": null
        r.status = 400;
        r.closeConnection = true;
        return r;
    }
    case RpcRequest::Kind::NotACall:
        // jsonrpcs answers what it cannot run (a batch, no "jsonrpc": "2.0", no method) with an
        // empty result and the id, if there is one: samples/quirk.batch_request_unsupported.json.
        qCDebug(lcRpc) << "served RPC: not a call:" << request.problem();
        return reply(Outcome{0, {}, {}, true}, &request);
    case RpcRequest::Kind::Call:
        break;
    }
    const Outcome outcome = dispatch(request.method(), request.params());
    RpcReply r = reply(outcome, &request);
    qCDebug(lcRpc) << "served RPC:" << request.method() << r.status << timer.elapsed() << "ms";
    return r;
}

RpcReply DialogRpc::errorReply(int code, const QString &message) const
{
    return reply(Outcome{code, message, {}, false}, nullptr);
}

DialogRpc::Outcome DialogRpc::dispatch(const QString &method, const QJsonArray &params) const
{
    static const std::pair<QString, Handler> table[] = {
        {u"calldeck.version"_s, &DialogRpc::version},
        {u"dlg.list"_s, &DialogRpc::dlgList},
        {u"dlg.profile_get_size"_s, &DialogRpc::profileGetSize},
        {u"dlg.profile_list"_s, &DialogRpc::profileList},
        {u"dlg.stats_active"_s, &DialogRpc::statsActive},
        {u"stats.get_statistics"_s, &DialogRpc::getStatistics},
        {u"system.listMethods"_s, &DialogRpc::listMethods},
    };
    for (const auto &[name, handler] : table)
    {
        if (name == method)
        {
            return (this->*handler)(params);
        }
    }
    if (ControlRpc::methods().contains(method))
    {
        return m_control.dispatch(method, params);
    }
    return Outcome{500, u"Method Not Found"_s, {}, false};
}

bool DialogRpc::callCore(const std::function<void(CoreContext &)> &fn) const
{
    return m_worker.call(fn, m_options.callTimeoutMs);
}

DialogRpc::Outcome DialogRpc::busy() const
{
    // The wait is bounded so that a stuck or stopped core never holds an HTTP client forever.
    if (!m_worker.running())
    {
        qCWarning(lcRpc) << "served RPC: the core is not running";
        return Outcome{500, u"core stopped"_s, {}, false};
    }
    qCWarning(lcRpc) << "served RPC: the core did not answer within" << m_options.callTimeoutMs << "ms";
    return Outcome{500, u"core busy"_s, {}, false};
}

DialogRpc::Outcome DialogRpc::dlgList(const QJsonArray &) const
{
    // Shared with the core thread: after a timeout the call may still run and fill it later.
    auto dialogs = std::make_shared<std::vector<DialogSnapshot>>();
    if (!callCore([dialogs](CoreContext &ctx) {
            const auto handles = ctx.engine.list();
            dialogs->reserve(handles.size());
            for (const auto h : handles)
            {
                dialogs->push_back(ctx.engine.snapshot(h));
            }
        }))
    {
        return busy();
    }
    return Outcome{0, {}, [dialogs](JsonWriter &w) { writeDialogs(w, *dialogs); }, false};
}

DialogRpc::Outcome DialogRpc::statsActive(const QJsonArray &params) const
{
    const bool localOnly = !params.isEmpty() && intParam(params.at(0)) != 0;
    auto active = std::make_shared<calldeck::core::DialogActiveStats>();
    if (!callCore([active, localOnly](CoreContext &ctx) { *active = ctx.engine.activeStats(localOnly); }))
    {
        return busy();
    }
    return Outcome{0,
                   {},
                   [active](JsonWriter &w) {
                       w.beginObject();
                       w.key("starting").value(active->starting);
                       w.key("connecting").value(active->connecting);
                       w.key("answering").value(active->answering);
                       w.key("ongoing").value(active->ongoing);
                       w.key("all").value(active->all());
                       w.endObject();
                   },
                   false};
}

DialogRpc::Outcome DialogRpc::profileGetSize(const QJsonArray &params) const
{
    const std::optional<std::string> profile = params.isEmpty() ? std::nullopt : autoString(params.at(0));
    if (!profile)
    {
        return Outcome{500, u"Invalid parameters"_s, {}, false};
    }
    const std::optional<std::string> value = params.size() > 1 ? autoString(params.at(1)) : std::nullopt;
    struct Answer
    {
        bool found = false;
        std::uint64_t size = 0;
    };
    auto answer = std::make_shared<Answer>();
    if (!callCore([answer, name = *profile, value](CoreContext &ctx) {
            const auto size =
                value ? ctx.engine.profileSize(name, std::string_view(*value)) : ctx.engine.profileSize(name);
            answer->found = size.ok();
            answer->size = size.ok() ? size.value() : 0;
        }))
    {
        return busy();
    }
    if (!answer->found)
    {
        return Outcome{404, u"Profile not found: "_s + QString::fromStdString(*profile), {}, false};
    }
    return Outcome{0, {}, [answer](JsonWriter &w) { w.value(answer->size); }, false};
}

DialogRpc::Outcome DialogRpc::profileList(const QJsonArray &params) const
{
    const std::optional<std::string> profile = params.isEmpty() ? std::nullopt : autoString(params.at(0));
    if (!profile)
    {
        return Outcome{500, u"Invalid parameters"_s, {}, false};
    }
    const std::optional<std::string> value = params.size() > 1 ? autoString(params.at(1)) : std::nullopt;
    struct Answer
    {
        bool found = false;
        std::vector<DialogSnapshot> dialogs;
    };
    auto answer = std::make_shared<Answer>();
    if (!callCore([answer, name = *profile, value](CoreContext &ctx) {
            const auto members = value ? ctx.engine.profileMembers(name, std::string_view(*value))
                                       : ctx.engine.profileMembers(name);
            answer->found = members.ok();
            if (members.ok())
            {
                for (const auto h : members.value())
                {
                    answer->dialogs.push_back(ctx.engine.snapshot(h));
                }
            }
        }))
    {
        return busy();
    }
    if (!answer->found)
    {
        return Outcome{404, u"Profile not found: "_s + QString::fromStdString(*profile), {}, false};
    }
    return Outcome{0, {}, [answer](JsonWriter &w) { writeDialogs(w, answer->dialogs); }, false};
}

DialogRpc::Outcome DialogRpc::getStatistics(const QJsonArray &params) const
{
    // kex: the first parameter must be a string; the following ones are read while they are.
    if (params.isEmpty() || !params.at(0).isString())
    {
        return Outcome{400, u"Please provide which stats to retrieve"_s, {}, false};
    }
    std::vector<std::string> wanted;
    for (const QJsonValue &p : params)
    {
        if (!p.isString())
        {
            break;
        }
        wanted.push_back(p.toString().toStdString());
    }
    auto stats = std::make_shared<calldeck::core::DialogStats>();
    if (!callCore([stats](CoreContext &ctx) { *stats = ctx.engine.stats(); }))
    {
        return busy();
    }
    auto lines = std::make_shared<std::vector<std::string>>();
    const auto all = dialogStatistics(*stats);
    for (const std::string &w : wanted)
    {
        for (const auto &[name, value] : all)
        {
            // "all" and "dialog:" list the group (the only one CallDeck has); a single statistic
            // is named with or without its group.
            if (w == "all" || w == "dialog:" || w == name || w == "dialog:" + name)
            {
                lines->push_back("dialog:" + name + " = " + std::to_string(value));
            }
        }
    }
    return Outcome{0,
                   {},
                   [lines](JsonWriter &w) {
                       w.beginArray();
                       for (const std::string &line : *lines)
                       {
                           w.value(line);
                       }
                       w.endArray();
                   },
                   false};
}

DialogRpc::Outcome DialogRpc::listMethods(const QJsonArray &) const
{
    return Outcome{0,
                   {},
                   [](JsonWriter &w) {
                       w.beginArray();
                       for (const QString &m : methods())
                       {
                           w.value(m.toStdString());
                       }
                       w.endArray();
                   },
                   false};
}

DialogRpc::Outcome DialogRpc::version(const QJsonArray &) const
{
    return Outcome{0, {}, [v = m_options.version.toStdString()](JsonWriter &w) { w.value(v); }, false};
}

RpcReply DialogRpc::reply(const Outcome &outcome, const RpcRequest *request) const
{
    const bool pretty = m_options.pretty;
    std::string out;
    JsonWriter w(out, pretty);
    w.beginObject();
    w.key("jsonrpc").value("2.0");
    if (outcome.code != 0)
    {
        w.key("error").beginObject();
        w.key("code").value(outcome.code);
        w.key("message").value(outcome.message.toStdString());
        w.endObject();
    }
    else if (outcome.emptyObject)
    {
        // srjson prints an empty object across two lines; JsonWriter would print "{}". Raw text
        // right after a key is safe: the writer's next key or endObject() places the separators.
        w.key("result");
        out += pretty ? "{\n\t}" : "{}";
    }
    else
    {
        w.key("result");
        outcome.result(w);
    }
    const RpcRequest::IdKind idKind = request ? request->idKind() : RpcRequest::IdKind::Null;
    switch (idKind)
    {
    case RpcRequest::IdKind::None:
        break; // a notification gets its reply without an id, as from jsonrpcs
    case RpcRequest::IdKind::Null:
        w.key("id").null();
        break;
    case RpcRequest::IdKind::String:
        w.key("id").value(request->idString().toStdString());
        break;
    case RpcRequest::IdKind::Number:
    {
        const double id = request->idNumber();
        w.key("id");
        if (std::trunc(id) == id && std::abs(id) < 9.0e15)
        {
            w.value(static_cast<std::int64_t>(id));
        }
        else
        {
            out += QByteArray::number(id, 'g', 17).toStdString(); // raw after a key, as above
        }
        break;
    }
    }
    w.endObject();

    RpcReply r;
    r.body = QByteArray::fromStdString(out);
    if (outcome.code != 0)
    {
        r.status = outcome.code > 100 && outcome.code < 600 ? outcome.code : 500;
        r.reason = reasonPhrase(outcome.message);
    }
    return r;
}
