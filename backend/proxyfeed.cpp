// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/proxyfeed.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonObject>

#include "backend/dialoglistpool.h"
#include "backend/dmq/dmqlistnodes.h"
#include "backend/eventlog.h"
#include "backend/jsonrpcclient.h"
#include "backend/logging.h"
#include "backend/rpcoutcome.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

namespace
{

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

RpcEndpoint withPath(RpcEndpoint endpoint, const QString &path)
{
    // Same origin, credentials, TLS settings and timeouts; only the path differs.
    RpcEndpoint copy = endpoint;
    QString url = endpoint.toDisplayString();
    const qsizetype slash = url.indexOf(u'/', url.indexOf(u"://"_s) + 3);
    url = (slash < 0 ? url : url.left(slash)) + path;
    QString error;
    if (RpcEndpoint::parse(url, copy, &error))
    {
        copy.setCredentials(endpoint.user(), endpoint.password());
    }
    return copy;
}

} // namespace

ProxyFeed::ProxyFeed(const quint16 origin, const QString &name, const RpcEndpoint &endpoint,
                     const Options &options, SourceRegistry &sources, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_origin(origin)
    , m_endpoint(endpoint)
    , m_options(options)
    , m_sources(sources)
    , m_log(log)
{
    m_options.intervalMs = std::max(100, m_options.intervalMs);
    m_options.maxIntervalMs = std::max(m_options.intervalMs, m_options.maxIntervalMs);
    m_options.downAfterErrors = std::max(1, m_options.downAfterErrors);
    m_status.name = name;
    m_status.endpoint = endpoint.toDisplayString();
    m_status.intervalMs = m_options.intervalMs;
    m_status.profiles = m_options.profiles;

    m_pool = std::make_shared<DialogListPool>();
    m_poll = std::make_unique<JsonRpcClient>(endpoint);
    m_control = std::make_unique<JsonRpcClient>(endpoint);
    m_helper = std::make_unique<JsonRpcClient>(withPath(endpoint, m_options.helperPath));
    connect(m_poll.get(), &JsonRpcClient::dialogListReady, this, &ProxyFeed::onListing);
    connect(m_poll.get(), &JsonRpcClient::finished, this, &ProxyFeed::onPollFinished);
    connect(m_poll.get(), &JsonRpcClient::failed, this, &ProxyFeed::onPollFailed);
    connect(m_control.get(), &JsonRpcClient::finished, this, &ProxyFeed::onControlFinished);
    connect(m_control.get(), &JsonRpcClient::failed, this, &ProxyFeed::onControlFailed);
    connect(m_helper.get(), &JsonRpcClient::finished, this, &ProxyFeed::onHelperFinished);
    connect(m_helper.get(), &JsonRpcClient::failed, this, &ProxyFeed::onHelperFailed);

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProxyFeed::startCycle);
}

ProxyFeed::~ProxyFeed() = default;

void ProxyFeed::start()
{
    if (m_running)
    {
        return;
    }
    m_running = true;
    publish();
    startCycle();
}

void ProxyFeed::stop()
{
    m_running = false;
    m_timer.stop();
    m_poll->cancelAll();
    m_control->cancelAll();
    m_helper->cancelAll();
    m_outstanding.clear();
    m_controlDone.clear();
    m_helperDone.clear();
    m_inCycle = false;
}

void ProxyFeed::pollNow()
{
    if (m_running && !m_inCycle)
    {
        m_timer.stop();
        startCycle();
    }
}

void ProxyFeed::startCycle()
{
    if (!m_running || m_inCycle)
    {
        return;
    }
    m_inCycle = true;
    m_cycleFailed = false;
    m_sideFailed = false;
    m_cycleStartMs = nowMs();
    m_status.lastAttemptMs = m_cycleStartMs;
    m_sizes.clear();
    m_outstanding.insert(m_poll->sendDialogList(u"dlg.list"_s, {}, m_pool), {Side::List, {}});
    m_outstanding.insert(m_poll->send(u"dlg.stats_active"_s), {Side::StatsActive, {}});
    m_outstanding.insert(m_poll->send(u"stats.get_statistics"_s, {u"dialog:"_s}), {Side::Statistics, {}});
    QStringList profiles = m_options.profiles;
    for (const QString &p : std::as_const(m_learntProfiles))
    {
        if (!profiles.contains(p))
        {
            profiles.append(p);
        }
    }
    std::sort(profiles.begin(), profiles.end());
    m_status.profiles = profiles;
    for (const QString &p : std::as_const(profiles))
    {
        m_outstanding.insert(m_poll->send(u"dlg.profile_get_size"_s, {p}), {Side::ProfileSize, p});
    }
    m_outstanding.insert(m_poll->send(u"core.uptime"_s), {Side::Uptime, {}});
    if (m_status.dmqNode.isEmpty() && m_status.methods.contains(u"dmq.list_nodes"_s))
    {
        m_outstanding.insert(m_poll->send(u"dmq.list_nodes"_s), {Side::DmqNodes, {}});
    }
    if (m_needFacts)
    {
        m_outstanding.insert(m_poll->send(u"core.version"_s), {Side::Version, {}});
        m_outstanding.insert(m_poll->send(u"system.listMethods"_s), {Side::Methods, {}});
        if (m_helperProbe == 0)
        {
            m_helperProbe = m_helper->send(u"calldeck.helper_version"_s);
        }
    }
}

void ProxyFeed::onListing(const int id, const std::shared_ptr<DialogListPayload> &listing)
{
    if (!m_outstanding.remove(id))
    {
        return;
    }
    m_status.latencyMs = static_cast<int>(listing->transferMs);
    m_status.dialogs = static_cast<int>(listing->dialogs.size());
    m_status.skippedEntries = static_cast<int>(listing->skipped.size());
    m_status.replyBytes = listing->replyBytes;
    m_sources.countReceived(m_origin, 1, static_cast<quint64>(listing->replyBytes)); // one listing, its bytes
    for (const QString &p : std::as_const(listing->profileNames))
    {
        m_learntProfiles.insert(p);
    }
    if (!listing->skipped.isEmpty())
    {
        m_status.lastError = u"dlg.list: %1 malformed dialog entr%2 skipped; first: %3"_s.arg(
            QString::number(listing->skipped.size()), listing->skipped.size() == 1 ? u"y"_s : u"ies"_s,
            listing->skipped.first());
        note(true, m_status.lastError);
    }
    emit listingReady(m_origin, std::shared_ptr<const DialogListPayload>(listing));
    if (m_outstanding.isEmpty())
    {
        endCycle();
    }
}

void ProxyFeed::onPollFinished(const int id, const QJsonValue &result)
{
    const auto it = m_outstanding.constFind(id);
    if (it == m_outstanding.constEnd())
    {
        return;
    }
    const auto [side, argument] = *it;
    m_outstanding.erase(it);
    switch (side)
    {
    case Side::List:
        // dlg.list always comes through onListing(); a plain result here is a protocol slip.
        failList(RpcError{RpcError::Kind::Protocol, 0, 0, u"dlg.list did not answer a list"_s});
        break;
    case Side::StatsActive:
        m_status.activeDialogs = static_cast<qint64>(result.toObject().value("all"_L1).toDouble(-1));
        break;
    case Side::Statistics:
    {
        m_status.statistics.clear();
        const QJsonArray lines = result.toArray();
        for (const QJsonValue &v : lines)
        {
            m_status.statistics.append(v.toString());
        }
        break;
    }
    case Side::ProfileSize:
        // A bare number (samples/dlg.profile_get_size.*.json).
        m_sizes.append({argument, static_cast<qint64>(result.toDouble(-1))});
        break;
    case Side::Uptime:
    {
        const qint64 uptime = static_cast<qint64>(result.toObject().value("uptime"_L1).toDouble(-1));
        if (m_status.uptimeS >= 0 && uptime >= 0 && uptime + 5 < m_status.uptimeS)
        {
            note(false, u"the proxy restarted (uptime %1 s, was %2 s)"_s.arg(uptime).arg(m_status.uptimeS));
            m_needFacts = true;
            m_status.dmqNode.clear();
        }
        m_status.uptimeS = uptime;
        break;
    }
    case Side::Version:
        // A string such as "kamailio 5.6.3 (x86_64/linux) " (samples/core.version.json).
        m_status.version = result.isString() ? result.toString().trimmed()
                                             : result.toObject().value("version"_L1).toString();
        break;
    case Side::DmqNodes:
        m_status.dmqNode = localDmqNode(result);
        break;
    case Side::Methods:
    {
        m_status.methods.clear();
        const QJsonArray methods = result.toArray();
        for (const QJsonValue &v : methods)
        {
            m_status.methods.append(v.toString());
        }
        m_needFacts = false;
        break;
    }
    }
    if (m_outstanding.isEmpty())
    {
        endCycle();
    }
}

void ProxyFeed::onPollFailed(const int id, const RpcError &error)
{
    const auto it = m_outstanding.constFind(id);
    if (it == m_outstanding.constEnd())
    {
        return;
    }
    const auto [side, argument] = *it;
    m_outstanding.erase(it);
    if (side == Side::List)
    {
        failList(error);
    }
    else if (side == Side::ProfileSize && error.kind == RpcError::Kind::Remote)
    {
        // A profile learnt from an older listing may be gone from the config after a restart.
        m_learntProfiles.remove(argument);
    }
    else
    {
        m_sideFailed = true;
        static const char *const names[] = {
            "dlg.list",    "dlg.stats_active", "stats.get_statistics", "dlg.profile_get_size",
            "core.uptime", "core.version",     "system.listMethods"};
        QString what = QString::fromLatin1(names[static_cast<int>(side)]);
        if (!argument.isEmpty())
        {
            what += u' ' + argument;
        }
        m_status.lastError = u"%1: %2"_s.arg(what, error.toString());
    }
    if (m_outstanding.isEmpty())
    {
        endCycle();
    }
}

void ProxyFeed::failList(const RpcError &error)
{
    // The other requests of this cycle would wait out the same failure: drop them.
    m_cycleFailed = true;
    m_status.lastError = u"dlg.list: "_s + error.toString();
    // Say what to check next.
    switch (error.kind)
    {
    case RpcError::Kind::Transport:
        m_status.lastError +=
            u". Check that the proxy runs and serves jsonrpcs over xhttp at %1"_s.arg(m_status.endpoint);
        break;
    case RpcError::Kind::Http:
        m_status.lastError += u". Check the URL's path (Kamailio's xhttp route for jsonrpc_dispatch) and the "
                              "credentials"_s;
        break;
    case RpcError::Kind::Protocol:
    case RpcError::Kind::Remote:
        m_status.lastError +=
            u". The proxy answers, but not a usable dlg.list: check its jsonrpcs and dialog "
            "modules (and -M private memory for big lists)"_s;
        break;
    }
    m_poll->cancelAll();
    m_outstanding.clear();
    emit unreachable(m_origin);
}

void ProxyFeed::endCycle()
{
    m_inCycle = false;
    ++m_status.polls;
    const ProxyStatus::State before = m_status.state;
    if (m_cycleFailed)
    {
        ++m_status.failures;
        ++m_status.consecutiveErrors;
        m_status.intervalMs = static_cast<int>(
            std::min<qint64>(m_options.maxIntervalMs, qint64(m_options.intervalMs)
                                                          << std::min(m_status.consecutiveErrors, 16)));
        setState(m_status.consecutiveErrors >= m_options.downAfterErrors ? ProxyStatus::State::Down
                                                                         : ProxyStatus::State::Degraded);
        if (m_status.state == ProxyStatus::State::Down)
        {
            m_needFacts = true; // it may come back as another version or with another config
            m_status.dmqNode.clear();
        }
    }
    else
    {
        if (m_status.consecutiveErrors > 0)
        {
            note(false, u"reachable again after %1 failed poll(s)"_s.arg(m_status.consecutiveErrors));
        }
        m_status.consecutiveErrors = 0;
        m_status.intervalMs = m_options.intervalMs;
        m_status.lastSuccessMs = nowMs();
        m_status.profileSizes = m_sizes;
        setState(m_sideFailed || m_status.skippedEntries > 0 ? ProxyStatus::State::Degraded
                                                             : ProxyStatus::State::Up);
    }
    if (before != m_status.state && m_status.state != ProxyStatus::State::Up)
    {
        note(true, u"%1: %2"_s.arg(ProxyStatus::stateName(m_status.state), m_status.lastError));
    }
    if (m_running)
    {
        const qint64 elapsed = nowMs() - m_cycleStartMs;
        const qint64 wait =
            m_cycleFailed ? m_status.intervalMs : std::max<qint64>(0, m_status.intervalMs - elapsed);
        m_status.nextPollMs = nowMs() + wait;
        m_timer.start(static_cast<int>(wait));
    }
    publish();
}

void ProxyFeed::setState(const ProxyStatus::State state)
{
    if (m_status.state != state)
    {
        qCInfo(lcRpc) << "proxy" << m_status.name << "is" << ProxyStatus::stateName(state);
    }
    m_status.state = state;
}

void ProxyFeed::publish()
{
    m_status.actions.clear();
    for (int a = 0; a <= static_cast<int>(DialogAction::SetVariable); ++a)
    {
        if (can(static_cast<DialogAction>(a)))
        {
            m_status.actions.append(DialogActionInfo::methodName(static_cast<DialogAction>(a)));
        }
    }
    m_sources.setProxyStatus(m_origin, m_status);
    emit statusChanged(m_origin);
}

void ProxyFeed::note(const bool error, const QString &message)
{
    if (error)
    {
        qCWarning(lcRpc).noquote() << "proxy" << m_status.name << message;
    }
    if (m_log)
    {
        m_log->append(error ? EventLogEntry::Severity::Warning : EventLogEntry::Severity::Info,
                      u"rpc "_s + m_status.name, message);
    }
}

bool ProxyFeed::can(const DialogAction action, QString *why) const
{
    const DialogActionInfo &info = DialogActionInfo::of(action);
    const QString method = QString::fromLatin1(info.method);
    auto no = [why](const QString &reason) {
        if (why)
        {
            *why = reason;
        }
        return false;
    };
    if (!m_running)
    {
        return no(u"the feed of proxy %1 is stopped"_s.arg(m_status.name));
    }
    if (m_status.state == ProxyStatus::State::Down || m_status.state == ProxyStatus::State::Connecting)
    {
        return no(u"proxy %1 is %2; wait until it answers again"_s.arg(
            m_status.name, ProxyStatus::stateName(m_status.state)));
    }
    if (info.helper)
    {
        if (!m_status.helper)
        {
            return no(
                u"proxy %1 has no CallDeck helper at %2: include resources/kamailio/calldeck-helpers.cfg "
                "in its config to allow %3"_s.arg(m_status.name, m_options.helperPath, method));
        }
        return true;
    }
    if (!m_status.methods.isEmpty() && !m_status.methods.contains(method))
    {
        return no(u"proxy %1 does not offer %2 (not in its system.listMethods)"_s.arg(m_status.name, method));
    }
    return true;
}

void ProxyFeed::run(const DialogAction action, const QJsonArray &params, Done done)
{
    QString why;
    if (!can(action, &why))
    {
        QTimer::singleShot(0, this, [done = std::move(done), why]() {
            done(RpcOutcome::failure(RpcError::Kind::Remote, why, 0, UnavailableCode));
        });
        return;
    }
    const DialogActionInfo &info = DialogActionInfo::of(action);
    const QString method = QString::fromLatin1(info.method);
    if (info.helper)
    {
        m_helperDone.insert(m_helper->send(method, params), std::move(done));
    }
    else
    {
        m_controlDone.insert(m_control->send(method, params), std::move(done));
    }
}

void ProxyFeed::onControlFinished(const int id, const QJsonValue &result)
{
    if (Done done = m_controlDone.take(id))
    {
        done(RpcOutcome::success(result));
    }
}

void ProxyFeed::onControlFailed(const int id, const RpcError &error)
{
    if (Done done = m_controlDone.take(id))
    {
        RpcOutcome outcome;
        outcome.error = error;
        done(outcome);
    }
}

void ProxyFeed::onHelperFinished(const int id, const QJsonValue &result)
{
    if (id == m_helperProbe)
    {
        m_helperProbe = 0;
        const bool had = m_status.helper;
        m_status.helper = result.toObject().value("version"_L1).toInt() >= 1;
        if (m_status.helper && !had)
        {
            note(false, u"CallDeck helper found (REFER, timeouts, profiles and variables available)"_s);
        }
        publish();
        return;
    }
    if (Done done = m_helperDone.take(id))
    {
        done(RpcOutcome::success(result));
    }
}

void ProxyFeed::onHelperFailed(const int id, const RpcError &error)
{
    if (id == m_helperProbe)
    {
        m_helperProbe = 0;
        if (m_status.helper)
        {
            note(true, u"CallDeck helper no longer answers: "_s + error.toString());
        }
        m_status.helper = false;
        publish();
        return;
    }
    if (Done done = m_helperDone.take(id))
    {
        RpcOutcome outcome;
        outcome.error = error;
        done(outcome);
    }
}
