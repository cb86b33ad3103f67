// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakekamailio.h"

#include <chrono>

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

#include "rpcclientfixtures.h"

using namespace Qt::StringLiterals;
using Response = FakeHttpServer::Response;

FakeKamailio::FakeKamailio()
{
    m_context.moveToThread(&m_thread);
    m_thread.start();
}

FakeKamailio::~FakeKamailio()
{
    QMetaObject::invokeMethod(
        &m_context,
        [this]() {
            delete m_server;
            m_server = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

qint64 FakeKamailio::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

bool FakeKamailio::start()
{
    bool ok = false;
    QMetaObject::invokeMethod(
        &m_context,
        [this, &ok]() {
            m_server = new FakeHttpServer;
            m_server->setHandler([this](const FakeHttpServer::Request &request) { return handle(request); });
            ok = m_server->start();
            m_port = m_server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

QString FakeKamailio::url() const
{
    return u"http://127.0.0.1:%1/RPC"_s.arg(m_port);
}

void FakeKamailio::setOverride(const QString &method, Handler handler)
{
    QMutexLocker lock(&m_mutex);
    m_overrides.insert(method, std::move(handler));
}

void FakeKamailio::clearOverride(const QString &method)
{
    QMutexLocker lock(&m_mutex);
    m_overrides.remove(method);
}

void FakeKamailio::setDelay(const QString &method, const int ms)
{
    QMutexLocker lock(&m_mutex);
    m_delays.insert(method, ms);
}

void FakeKamailio::hideMethod(const QString &method)
{
    QMutexLocker lock(&m_mutex);
    m_hidden.append(method);
}

void FakeKamailio::setHelper(const bool answers)
{
    QMutexLocker lock(&m_mutex);
    m_helper = answers;
}

void FakeKamailio::setProfileSize(const QString &profile, const qint64 size)
{
    QMutexLocker lock(&m_mutex);
    m_sizes.insert(profile, size);
}

QList<FakeKamailio::Call> FakeKamailio::calls() const
{
    QMutexLocker lock(&m_mutex);
    return m_calls;
}

QList<FakeKamailio::Call> FakeKamailio::calls(const QString &method) const
{
    QMutexLocker lock(&m_mutex);
    QList<Call> out;
    for (const Call &c : m_calls)
    {
        if (c.method == method)
        {
            out.append(c);
        }
    }
    return out;
}

int FakeKamailio::count(const QString &method) const
{
    return static_cast<int>(calls(method).size());
}

void FakeKamailio::clearCalls()
{
    QMutexLocker lock(&m_mutex);
    m_calls.clear();
    m_maxPerConnection = 0;
    m_maxTotal = 0;
}

int FakeKamailio::maxOutstandingPerConnection() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxPerConnection;
}

int FakeKamailio::maxOutstandingTotal() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxTotal;
}

Response FakeKamailio::sample(const QString &name, const int id)
{
    return FakeHttpServer::raw(RpcClientFixtures::jsonSample(name, id));
}

Response FakeKamailio::error(const int code, const QByteArray &message, const int id)
{
    // jsonrpcs mirrors the error in the HTTP status line (kamailio-live-notes.md).
    const QByteArray body = "{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"error\":\t{\n\t\t\"code\":\t" +
                            QByteArray::number(code) + ",\n\t\t\"message\":\t\"" + message +
                            "\"\n\t},\n\t\"id\":\t" + QByteArray::number(id) + "\n}";
    return FakeHttpServer::raw(FakeHttpServer::reply(code, message, body));
}

Response FakeKamailio::result(const QByteArray &resultJson, const int id)
{
    const QByteArray body = "{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t" + resultJson + ",\n\t\"id\":\t" +
                            QByteArray::number(id) + "\n}";
    return FakeHttpServer::json(body);
}

Response FakeKamailio::handle(const FakeHttpServer::Request &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString method = body.value("method"_L1).toString();
    const QJsonArray params = body.value("params"_L1).toArray();
    const int id = body.value("id"_L1).toInt(-1);
    const bool rpcPath = request.path.startsWith("/RPC");

    Handler handler;
    int delay = 0;
    int index = 0;
    {
        QMutexLocker lock(&m_mutex);
        handler = m_overrides.value(method);
        delay = m_delays.value(method);
        index = static_cast<int>(m_calls.size());
        m_calls.append(Call{request.path, method, params, id, request.connection, nowMs(), -1});
    }
    Response response = handler ? handler(request, id) : standard(request, method, params, id);
    if (response.delayMs == 0)
    {
        response.delayMs = delay;
    }
    if (response.action == FakeHttpServer::Action::Ignore)
    {
        return response; // never answered: not outstanding in the counts
    }
    {
        QMutexLocker lock(&m_mutex);
        const int open = ++m_outstanding[request.connection];
        m_maxPerConnection = std::max(m_maxPerConnection, open);
        if (rpcPath)
        {
            m_maxTotal = std::max(m_maxTotal, ++m_outstandingTotal);
        }
    }
    response.afterWrite = [this, index, connection = request.connection, rpcPath,
                           then = response.afterWrite]() {
        answered(index, connection, rpcPath);
        if (then)
        {
            then();
        }
    };
    return response;
}

void FakeKamailio::answered(const int index, const int connection, const bool rpcPath)
{
    QMutexLocker lock(&m_mutex);
    if (index < m_calls.size())
    {
        m_calls[index].answeredMs = nowMs();
    }
    --m_outstanding[connection];
    if (rpcPath)
    {
        --m_outstandingTotal;
    }
}

Response FakeKamailio::standard(const FakeHttpServer::Request &request, const QString &method,
                                const QJsonArray &params, const int id) const
{
    QMutexLocker lock(&m_mutex);
    if (request.path.startsWith("/calldeck"))
    {
        if (!m_helper)
        {
            // What xhttp gives for a path the script does not serve (the usual "Wrong URL" page).
            const QByteArray page = "<html><body>Wrong URL " + request.path + "</body></html>\n";
            return FakeHttpServer::raw(
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: " +
                QByteArray::number(page.size()) + "\r\n\r\n" + page);
        }
        if (method == "calldeck.helper_version"_L1)
        {
            return result(R"({"version":1,"methods":["calldeck.refer","calldeck.set_timeout",)"
                          R"("calldeck.set_profile","calldeck.unset_profile","calldeck.set_var"]})",
                          id);
        }
        return method.startsWith("calldeck."_L1) ? result("{}", id) : error(500, "Method Not Found", id);
    }
    static const QHash<QString, QString> samples{
        {u"dlg.list"_s, u"dlg.list.json"_s},
        {u"dlg.stats_active"_s, u"dlg.stats_active.json"_s},
        {u"stats.get_statistics"_s, u"stats.get_statistics.dialog.json"_s},
        {u"core.uptime"_s, u"core.uptime.json"_s},
        {u"core.version"_s, u"core.version.json"_s},
        {u"dlg.end_dlg"_s, u"dlg.end_dlg.json"_s},
        {u"dlg.terminate_dlg"_s, u"dlg.terminate_dlg.json"_s},
        {u"dlg.bridge_dlg"_s, u"dlg.bridge_dlg.json"_s},
        {u"dlg.is_alive"_s, u"dlg.is_alive.json"_s},
    };
    if (const auto it = samples.constFind(method); it != samples.constEnd())
    {
        return sample(*it, id);
    }
    if (method == "system.listMethods"_L1)
    {
        QByteArray body =
            RpcClientFixtures::withId(RpcClientFixtures::sample(u"system.listMethods.json"_s), id);
        for (const QString &hidden : m_hidden)
        {
            body.replace(QByteArray('"' + hidden.toUtf8() + "\", "), QByteArray());
        }
        return FakeHttpServer::json(body);
    }
    if (method == "dlg.profile_get_size"_L1)
    {
        const QString profile = params.at(0).toString();
        if (m_sizes.contains(profile))
        {
            return result(QByteArray::number(m_sizes.value(profile)), id);
        }
        static const QHash<QString, QString> sizes{{u"inbound"_s, u"dlg.profile_get_size.inbound.json"_s},
                                                   {u"trunk"_s, u"dlg.profile_get_size.trunk.json"_s},
                                                   {u"caller"_s, u"dlg.profile_get_size.caller_sipp.json"_s}};
        if (sizes.contains(profile))
        {
            return sample(sizes.value(profile), id);
        }
        return error(404, "Profile not found: " + profile.toUtf8(), id);
    }
    if (method == "dlg.set_state"_L1)
    {
        return result("{\n\t}", id);
    }
    return FakeHttpServer::raw(RpcClientFixtures::httpSample(u"error.unknown_method.http"_s, id));
}
