// SPDX-License-Identifier: GPL-3.0-or-later
// The proxy helper CallDeck ships (resources/kamailio/calldeck-helpers.cfg) on a real Kamailio
// 5.6 with real sipp calls: calldeck.* JSON-RPC on POST /calldeck.
#include <functional>

#include <curl/curl.h>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "backend/jsonrpcclient.h"
#include "backend/rpcendpoint.h"
#include "backend/rpcerror.h"
#include "tests/integration/harness/integrationpaths.h"
#include "tests/integration/harness/jsonrpchttp.h"
#include "tests/integration/harness/kamailioinstance.h"
#include "tests/integration/harness/sippcallpair.h"
#include "tests/integration/harness/sippprocess.h"

using namespace Qt::StringLiterals;
using namespace calldeck::integration;

namespace
{

constexpr int DialogStateConfirmed = 4;

bool waitFor(int timeoutMs, const std::function<bool()> &condition, int stepMs = 100)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition())
    {
        if (deadline.hasExpired())
        {
            return false;
        }
        QThread::msleep(stepMs);
    }
    return true;
}

QJsonArray dialogList(KamailioInstance &kamailio)
{
    const RpcResult reply = kamailio.rpc(u"dlg.list"_s);
    return reply.ok() ? reply.result().toArray() : QJsonArray();
}

QJsonObject findDialog(const QJsonArray &dialogs, const QString &callId)
{
    for (const QJsonValue &value : dialogs)
    {
        if (value.toObject().value(u"call-id"_s).toString() == callId)
        {
            return value.toObject();
        }
    }
    return {};
}

/// Call-ID, From tag, To tag of a dialog object of dlg.list: the helper's first three params.
QJsonArray dialogIds(const QJsonObject &dialog)
{
    return {dialog.value(u"call-id"_s).toString(),
            dialog.value(u"caller"_s).toObject().value(u"tag"_s).toString(),
            dialog.value(u"callee"_s).toObject().value(u"tag"_s).toString()};
}

QJsonArray withArgs(QJsonArray params, const QJsonArray &more)
{
    for (const QJsonValue &value : more)
    {
        params.append(value);
    }
    return params;
}

bool hasEntry(const QJsonObject &dialog, const QString &key, const QString &name, const QString &value)
{
    for (const QJsonValue &entry : dialog.value(key).toArray())
    {
        if (value.isEmpty() ? entry.toString() == name : entry.toObject().value(name).toString() == value)
        {
            return true;
        }
    }
    return false;
}

int profileSize(KamailioInstance &kamailio, const QString &profile, const QString &value = {})
{
    const RpcResult reply = kamailio.rpc(u"dlg.profile_get_size"_s,
                                         value.isEmpty() ? QJsonArray{profile} : QJsonArray{profile, value});
    return reply.ok() ? reply.result().toInt(-1) : -1;
}

/// The REFERs sipp received in @p callId, as full message texts.
QStringList refersReceived(const SippProcess &sipp, const QString &callId)
{
    QStringList texts;
    const SippMessageLog log = sipp.messages();
    for (const SippMessageLog::Entry &entry : log.entries())
    {
        if (entry.received && entry.status == 0 && entry.method == u"REFER"_s && entry.callId == callId)
        {
            texts << entry.text;
        }
    }
    return texts;
}

/// Waits for @p dialogs to be confirmed and returns dlg.list then.
QJsonArray waitConfirmed(KamailioInstance &kamailio, const QStringList &callIds)
{
    QJsonArray dialogs;
    waitFor(5000, [&] {
        dialogs = dialogList(kamailio);
        for (const QString &callId : callIds)
        {
            if (findDialog(dialogs, callId).value(u"state"_s).toInt() != DialogStateConfirmed)
            {
                return false;
            }
        }
        return true;
    });
    return dialogs;
}

bool dialogsGone(KamailioInstance &kamailio)
{
    return waitFor(15000, [&] { return kamailio.rpc(u"dlg.list"_s).ok() && dialogList(kamailio).isEmpty(); });
}

QString details(KamailioInstance &kamailio, const SippCallPair &calls)
{
    return u"%1%2\nkamailio errors: %3 (log %4)"_s.arg(
        calls.errorString(), calls.describe(), kamailio.logErrors().join(u"\n    "_s), kamailio.logPath());
}

/// Starts @p calls: a caller placing one call (uac_rr_wait_bye.xml, held 30 s) through
/// @p kamailio; returns its dialog once Kamailio has it confirmed, else an empty object.
QJsonObject startOneCall(KamailioInstance &kamailio, SippCallPair &calls)
{
    if (!calls.start(kamailio, {.scenario = u"uac_rr_wait_bye.xml"_s, .calls = 1, .recvTimeoutMs = 30000}))
    {
        return {};
    }
    const QString callId = calls.uac().callId(1);
    const QJsonObject dialog = findDialog(waitConfirmed(kamailio, {callId}), callId);
    return dialog.value(u"state"_s).toInt() == DialogStateConfirmed ? dialog : QJsonObject();
}

/// One call through the project's JsonRpcClient; @p error gets a failure.
QJsonValue clientCall(JsonRpcClient &client, const QString &method, const QJsonArray &params, RpcError *error)
{
    QSignalSpy finished(&client, &JsonRpcClient::finished);
    QSignalSpy failed(&client, &JsonRpcClient::failed);
    client.send(method, params);
    waitFor(
        6000,
        [&] {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            return !finished.isEmpty() || !failed.isEmpty();
        },
        10);
    if (!failed.isEmpty())
    {
        *error = failed.first().at(1).value<RpcError>();
        return {};
    }
    if (finished.isEmpty())
    {
        error->message = u"no reply from the client within 6 s"_s;
        return {};
    }
    return finished.first().at(1).value<QJsonValue>();
}

} // namespace

class TestProxyHelper final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helperVersionAndDetection();
    void referReachesTheChosenParty();
    void setTimeoutEndsTheCallByKamailiosTimer();
    void profilesVariablesAndErrors();
};

void TestProxyHelper::initTestCase()
{
    QString error;
    QVERIFY2(!IntegrationPaths::kamailio(&error).isEmpty(), qPrintable(error));
    QVERIFY2(!IntegrationPaths::sipp(&error).isEmpty(), qPrintable(error));
    QVERIFY(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
    qRegisterMetaType<RpcError>();
}

void TestProxyHelper::helperVersionAndDetection()
{
    const QJsonObject expected{
        {u"version"_s, 1},
        {u"methods"_s, QJsonArray{u"calldeck.refer"_s, u"calldeck.set_timeout"_s, u"calldeck.set_profile"_s,
                                  u"calldeck.unset_profile"_s, u"calldeck.set_var"_s}}};
    {
        KamailioInstance kamailio;
        QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));
        const RpcResult reply = kamailio.helperRpc(u"calldeck.helper_version"_s);
        QVERIFY2(reply.ok(), qPrintable(reply.describe()));
        QCOMPARE(reply.result().toObject(), expected);
        // The reply carries the request's id.
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        const RpcResult echoed =
            postJsonRpc(network, kamailio.helperUrl(), u"calldeck.helper_version"_s, {}, 4242, 5000);
        QVERIFY2(echoed.ok(), qPrintable(echoed.describe()));
        QCOMPARE(echoed.body.object().value(u"id"_s), QJsonValue(4242));

        // The lead's client: JsonRpcClient with the endpoint path /calldeck.
        RpcEndpoint endpoint;
        QString error;
        QVERIFY2(RpcEndpoint::parse(kamailio.helperUrl().toString(), endpoint, &error), qPrintable(error));
        JsonRpcClient client(endpoint);
        RpcError rpcError;
        const QJsonValue version = clientCall(client, u"calldeck.helper_version"_s, {}, &rpcError);
        QVERIFY2(rpcError.message.isEmpty(), qPrintable(rpcError.toString()));
        QCOMPARE(version.toObject(), expected);
        clientCall(client, u"calldeck.no_such_method"_s, {}, &rpcError);
        QCOMPARE(rpcError.kind, RpcError::Kind::Remote);
        QCOMPARE(rpcError.rpcCode, 500);
        QCOMPARE(rpcError.httpStatus, 500);
        QCOMPARE(rpcError.message, u"Method Not Found"_s);
        rpcError = {};
        clientCall(client, u"calldeck.set_var"_s, {u"no-such-call"_s, u"a"_s, u"b"_s, u"k"_s, u"v"_s},
                   &rpcError);
        QCOMPARE(rpcError.kind, RpcError::Kind::Remote);
        QCOMPARE(rpcError.rpcCode, 404);
        QCOMPARE(rpcError.httpStatus, 404);
        QCOMPARE(rpcError.message, u"Dialog not found"_s);
    }
    {
        // Without the include, the test config's xhttp route answers the unknown path with its
        // plain-text 404: no JSON-RPC at all, so CallDeck reports the actions as unavailable.
        KamailioInstance kamailio({.helper = false});
        QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));
        const RpcResult reply = kamailio.helperRpc(u"calldeck.helper_version"_s);
        QCOMPARE(reply.httpStatus, 404);
        QVERIFY2(!reply.error.isEmpty() && reply.body.isNull(), qPrintable(reply.describe()));
        QVERIFY(kamailio.rpc(u"core.version"_s).ok());

        RpcEndpoint endpoint;
        QString error;
        QVERIFY2(RpcEndpoint::parse(kamailio.helperUrl().toString(), endpoint, &error), qPrintable(error));
        JsonRpcClient client(endpoint);
        RpcError rpcError;
        clientCall(client, u"calldeck.helper_version"_s, {}, &rpcError);
        QVERIFY2(rpcError.kind != RpcError::Kind::Remote, qPrintable(rpcError.toString()));
        QCOMPARE(rpcError.httpStatus, 404);
    }
}

void TestProxyHelper::referReachesTheChosenParty()
{
    KamailioInstance kamailio;
    QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));
    SippCallPair calls(u"tst_proxyhelper"_s);
    QVERIFY2(calls.start(
                 kamailio,
                 {.scenario = u"uac_rr_accept_refer.xml"_s, .calls = 2, .rate = 10, .recvTimeoutMs = 30000}),
             qPrintable(calls.errorString()));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();

    const QString calleeCall = uac.callId(1); // the callee gets the REFER
    const QString callerCall = uac.callId(2); // the caller gets the REFER
    const QJsonArray dialogs = waitConfirmed(kamailio, {calleeCall, callerCall});
    const QJsonObject first = findDialog(dialogs, calleeCall);
    const QJsonObject second = findDialog(dialogs, callerCall);
    QVERIFY2(first.value(u"state"_s).toInt() == DialogStateConfirmed &&
                 second.value(u"state"_s).toInt() == DialogStateConfirmed,
             qPrintable(details(kamailio, calls)));

    const QString calleeTarget = u"sip:transfer-callee@127.0.0.1:5999"_s;
    const QString callerTarget = u"sip:transfer-caller@127.0.0.1:5998"_s;
    RpcResult reply =
        kamailio.helperRpc(u"calldeck.refer"_s, withArgs(dialogIds(first), {u"callee"_s, calleeTarget}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(reply.result().toObject(), QJsonObject());
    reply = kamailio.helperRpc(u"calldeck.refer"_s, withArgs(dialogIds(second), {u"caller"_s, callerTarget}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));

    // Each REFER reaches the party named by side, with Refer-To as given and Kamailio's
    // Referred-By (bridge_controller); Kamailio then sends that party a BYE on the same leg.
    QStringList toCallee;
    QStringList toCaller;
    const bool referred = waitFor(5000, [&] {
        toCallee = refersReceived(uas, calleeCall);
        toCaller = refersReceived(uac, callerCall);
        return !toCallee.isEmpty() && !toCaller.isEmpty() &&
               uas.messages().countResponses(200, u"BYE"_s, false, calleeCall) == 1 &&
               uac.messages().countResponses(200, u"BYE"_s, false, callerCall) == 1;
    });
    QVERIFY2(referred, qPrintable(details(kamailio, calls)));
    QCOMPARE(toCallee.size(), 1);
    QCOMPARE(toCaller.size(), 1);
    QVERIFY2(toCallee.first().contains(u"Refer-To: "_s + calleeTarget), qPrintable(toCallee.first()));
    QVERIFY2(toCaller.first().contains(u"Refer-To: "_s + callerTarget), qPrintable(toCaller.first()));
    QVERIFY2(toCallee.first().contains(u"Referred-By: sip:ctd@127.0.0.1"_s), qPrintable(toCallee.first()));
    QVERIFY2(toCaller.first().contains(u"Referred-By: sip:ctd@127.0.0.1"_s), qPrintable(toCaller.first()));
    QVERIFY(refersReceived(uac, calleeCall).isEmpty());
    QVERIFY(refersReceived(uas, callerCall).isEmpty());
    QCOMPARE(uas.messages().countResponses(202, u"REFER"_s, false, calleeCall), 1);
    QCOMPARE(uac.messages().countResponses(202, u"REFER"_s, false, callerCall), 1);

    QCOMPARE(uas.messages().countRequests(u"BYE"_s, true, calleeCall), 1);
    QCOMPARE(uac.messages().countRequests(u"BYE"_s, true, callerCall), 1);

    // The dialogs stay (the other party is still in the call) until CallDeck ends them. The
    // referred parties' sipp calls must be over first (200 to the BYE, then a 500 ms timewait):
    // a BYE during sipp's timewait would fail that call.
    QThread::msleep(800);
    for (const QJsonObject &dialog : {first, second})
    {
        const QJsonObject now = findDialog(dialogList(kamailio), dialog.value(u"call-id"_s).toString());
        QCOMPARE(now.value(u"state"_s).toInt(), DialogStateConfirmed);
        reply = kamailio.rpc(u"dlg.end_dlg"_s,
                             {dialog.value(u"h_entry"_s).toInt(), dialog.value(u"h_id"_s).toInt()});
        QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    }
    QVERIFY2(calls.finish(15000, 2), qPrintable(details(kamailio, calls)));
    QVERIFY2(dialogsGone(kamailio), qPrintable(kamailio.rpc(u"dlg.list"_s).describe()));
}

void TestProxyHelper::setTimeoutEndsTheCallByKamailiosTimer()
{
    // A BYE at expiry needs the timeout-BYE behaviour at dialog creation ($dlg_ctx(timeout_bye)).
    KamailioInstance kamailio({.defaultTimeout = 43200, .timeoutBye = true});
    QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));
    SippCallPair calls(u"tst_proxyhelper"_s);
    const QJsonObject dialog = startOneCall(kamailio, calls);
    QVERIFY2(!dialog.isEmpty(), qPrintable(details(kamailio, calls)));
    const QString callId = calls.uac().callId(1);
    QCOMPARE(dialog.value(u"lifetime"_s).toInt(), 43200);

    QElapsedTimer clock;
    clock.start();
    const RpcResult reply = kamailio.helperRpc(u"calldeck.set_timeout"_s, withArgs(dialogIds(dialog), {5}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(findDialog(dialogList(kamailio), callId).value(u"lifetime"_s).toInt(), 5);

    const bool ended = waitFor(12000, [&] {
        return findDialog(dialogList(kamailio), callId).value(u"state"_s).toInt() != DialogStateConfirmed;
    });
    const qint64 elapsedMs = clock.elapsed();
    QVERIFY2(ended, qPrintable(details(kamailio, calls)));
    QVERIFY2(elapsedMs >= 4000 && elapsedMs <= 9000, qPrintable(u"ended after %1 ms"_s.arg(elapsedMs)));

    QVERIFY2(calls.finish(10000, 1), qPrintable(details(kamailio, calls)));
    // Both BYEs came from Kamailio's timer: the caller sent none.
    QCOMPARE(calls.uac().messages().countRequests(u"BYE"_s, true, callId), 1);
    QCOMPARE(calls.uac().messages().countRequests(u"BYE"_s, false, callId), 0);
    QCOMPARE(calls.uas().messages().countRequests(u"BYE"_s, true, callId), 1);
    QVERIFY2(dialogsGone(kamailio), qPrintable(kamailio.rpc(u"dlg.list"_s).describe()));
}

void TestProxyHelper::profilesVariablesAndErrors()
{
    KamailioInstance kamailio;
    QVERIFY2(kamailio.start(), qPrintable(kamailio.errorString()));
    SippCallPair calls(u"tst_proxyhelper"_s);
    const QJsonObject dialog = startOneCall(kamailio, calls);
    QVERIFY2(!dialog.isEmpty(), qPrintable(details(kamailio, calls)));
    const QString callId = calls.uac().callId(1);
    const QJsonArray ids = dialogIds(dialog);
    const auto helper = [&](const QString &method, const QJsonArray &args) {
        return kamailio.helperRpc(method, withArgs(ids, args));
    };

    // A profile with values and one without ("inbound" holds every call already).
    QCOMPARE(profileSize(kamailio, u"caller"_s, u"noc-desk"_s), 0);
    QCOMPARE(profileSize(kamailio, u"inbound"_s), 1);
    RpcResult reply = helper(u"calldeck.set_profile"_s, {u"caller"_s, u"noc-desk"_s});
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(reply.result().toObject(), QJsonObject());
    reply = helper(u"calldeck.set_profile"_s, {u"inbound"_s, u""_s});
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(profileSize(kamailio, u"caller"_s, u"noc-desk"_s), 1);
    QCOMPARE(profileSize(kamailio, u"inbound"_s), 2); // the dialog module adds twice, unchecked
    QVERIFY(hasEntry(findDialog(dialogList(kamailio), callId), u"profiles"_s, u"caller"_s, u"noc-desk"_s));

    reply = helper(u"calldeck.unset_profile"_s, {u"caller"_s, u"noc-desk"_s});
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    reply = helper(u"calldeck.unset_profile"_s, {u"inbound"_s, u""_s});
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(profileSize(kamailio, u"caller"_s, u"noc-desk"_s), 0);
    QCOMPARE(profileSize(kamailio, u"inbound"_s), 1);
    QVERIFY(!hasEntry(findDialog(dialogList(kamailio), callId), u"profiles"_s, u"caller"_s, u"noc-desk"_s));
    QVERIFY(hasEntry(findDialog(dialogList(kamailio), callId), u"profiles"_s, u"caller"_s, u"sipp"_s));

    // Actions the dialog module refuses: 500 with the reason.
    reply = helper(u"calldeck.unset_profile"_s, {u"caller"_s, u"noc-desk"_s});
    QCOMPARE(reply.httpStatus, 500);
    QCOMPARE(reply.rpcError().value(u"message"_s).toString(), u"Unset profile failed"_s);
    reply = helper(u"calldeck.set_profile"_s, {u"no_such_profile"_s, u"x"_s});
    QCOMPARE(reply.httpStatus, 500);
    QCOMPARE(reply.rpcError().value(u"code"_s).toInt(), 500);
    QCOMPARE(reply.rpcError().value(u"message"_s).toString(), u"Set profile failed"_s);

    // A dialog variable, with a value that needs escaping in JSON.
    reply = helper(u"calldeck.set_var"_s, {u"calldeck_note"_s, u"ticket \"42\" \\ ok"_s});
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QVERIFY2(hasEntry(findDialog(dialogList(kamailio), callId), u"variables"_s, u"calldeck_note"_s,
                      u"ticket \"42\" \\ ok"_s),
             qPrintable(kamailio.rpc(u"dlg.list"_s).describe()));

    // Errors: unknown dialog, bad params, unknown method; the id is echoed.
    reply = kamailio.helperRpc(u"calldeck.set_timeout"_s, {callId, ids.at(1), u"wrong-tag"_s, 60});
    QCOMPARE(reply.httpStatus, 404);
    QCOMPARE(reply.rpcError(), (QJsonObject{{u"code"_s, 404}, {u"message"_s, u"Dialog not found"_s}}));
    QVERIFY(reply.body.object().value(u"id"_s).isDouble());
    const struct
    {
        QString method;
        QJsonArray params;
        QString naming;
    } badParams[] = {
        {u"calldeck.set_timeout"_s, withArgs(ids, {u"5"_s}), u"seconds"_s},
        {u"calldeck.set_timeout"_s, withArgs(ids, {0}), u"seconds"_s},
        {u"calldeck.refer"_s, withArgs(ids, {u"both"_s, u"sip:x@127.0.0.1"_s}), u"side"_s},
        {u"calldeck.refer"_s, withArgs(ids, {u"callee"_s}), u"refer_to_uri"_s},
        {u"calldeck.set_var"_s, {callId, ids.at(1)}, u"to_tag"_s},
        {u"calldeck.set_profile"_s, withArgs(ids, {u""_s, u"x"_s}), u"profile"_s},
        {u"calldeck.unset_profile"_s, {42, ids.at(1), ids.at(2), u"caller"_s, u"x"_s}, u"callid"_s},
    };
    for (const auto &bad : badParams)
    {
        reply = kamailio.helperRpc(bad.method, bad.params);
        QVERIFY2(reply.httpStatus == 400, qPrintable(bad.method + u": "_s + reply.describe()));
        QCOMPARE(reply.rpcError().value(u"code"_s).toInt(), 400);
        const QString message = reply.rpcError().value(u"message"_s).toString();
        QVERIFY2(message.startsWith(u"Invalid params: "_s + bad.naming), qPrintable(message));
    }
    reply = kamailio.helperRpc(u"calldeck.transfer"_s, ids);
    QCOMPARE(reply.httpStatus, 500);
    QCOMPARE(reply.rpcError(), (QJsonObject{{u"code"_s, 500}, {u"message"_s, u"Method Not Found"_s}}));

    // The call is still up and untouched by all this; end it.
    QCOMPARE(findDialog(dialogList(kamailio), callId).value(u"state"_s).toInt(), DialogStateConfirmed);
    reply =
        kamailio.rpc(u"dlg.end_dlg"_s, {dialog.value(u"h_entry"_s).toInt(), dialog.value(u"h_id"_s).toInt()});
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QVERIFY2(calls.finish(10000, 1), qPrintable(details(kamailio, calls)));
    QVERIFY2(dialogsGone(kamailio), qPrintable(kamailio.rpc(u"dlg.list"_s).describe()));
}

QTEST_GUILESS_MAIN(TestProxyHelper)
#include "tst_proxyhelper.moc"
