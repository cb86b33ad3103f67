// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyFeed against a fake Kamailio that answers with the real replies of samples/: what a good
// proxy gives (dialogs, health, facts, learnt profiles, the helper probe, the actions it can do)
// and that polls never overlap. The fault cases are in tst_proxyfeedfaults.cpp.
#include <QSignalSpy>
#include <QTest>

#include "backend/dialogcontrol.h"
#include "backend/rpcoutcome.h"
#include "fakekamailio.h"
#include "proxytestbed.h"
#include "rpcclientfixtures.h"

using namespace Qt::StringLiterals;

namespace
{

ProxyFeed::Options fastPolls(int intervalMs = 200)
{
    ProxyFeed::Options o;
    o.intervalMs = intervalMs;
    o.maxIntervalMs = 4 * intervalMs;
    o.downAfterErrors = 3;
    return o;
}

bool hasCall(const QList<FakeKamailio::Call> &calls, const QJsonArray &params)
{
    return std::any_of(calls.begin(), calls.end(),
                       [&](const FakeKamailio::Call &c) { return c.params == params; });
}

} // namespace

class TestProxyFeed final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void goodProxy();
    void listingIsShared();
    void learntProfilesArePolled();
    void helperFound();
    void helperMissing();
    void bridgeNotOffered();
    void pollsNeverOverlap();
};

void TestProxyFeed::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
    QVERIFY2(!RpcClientFixtures::sample(u"dlg.list.json"_s).isEmpty(), "samples missing (CALLDECK_SAMPLES)");
}

void TestProxyFeed::goodProxy()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    ProxyTestBed bed;
    // Connected ahead of the core, which takes the dialogs out of the payload (see listingIsShared).
    std::vector<DialogListPayload> listings;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), fastPolls(), 2000, [&](ProxyFeed &f) {
        connect(&f, &ProxyFeed::listingReady, this,
                [&](quint16, const std::shared_ptr<const DialogListPayload> &l) { listings.push_back(*l); });
    });

    QTRY_VERIFY_WITH_TIMEOUT(!listings.empty(), 5000);
    const DialogListPayload first = listings.front(); // a copy: more listings come
    QCOMPARE(first.dialogs.size(), std::size_t(5));
    QVERIFY(first.skipped.isEmpty());
    QCOMPARE(first.replyBytes, RpcClientFixtures::sample(u"dlg.list.json"_s).size());
    const auto &d = first.dialogs.front();
    QCOMPARE(d.hEntry, 707u);
    QCOMPARE(d.hId, 8109u);
    QCOMPARE(d.callId, std::string("3-19005@127.0.0.1"));
    QCOMPARE(d.caller.tag.value_or(""), std::string("19005SIPpTag003"));
    QCOMPARE(d.callee.tag.value_or(""), std::string("16269SIPpTag0126"));
    QCOMPARE(d.state, std::uint8_t(4));

    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!feed.status().methods.isEmpty(), 5000);
    const ProxyStatus &s = feed.status();
    QCOMPARE(s.name, u"kam1"_s);
    QCOMPARE(s.endpoint, fake.url());
    QCOMPARE(s.version, u"kamailio 5.6.3 (x86_64/linux)"_s); // the sample's trailing blank trimmed
    QCOMPARE(s.uptimeS, qint64(169));
    QCOMPARE(s.activeDialogs, qint64(20));
    QCOMPARE(s.statistics.size(), 5);
    QCOMPARE(s.statistics.first(), u"dialog:active_dialogs = 20"_s);
    QVERIFY(s.methods.contains(u"dlg.list"_s));
    QVERIFY(s.methods.contains(u"dlg.bridge_dlg"_s));
    QCOMPARE(s.methods.size(), 100); // all of samples/system.listMethods.json
    QCOMPARE(s.dialogs, 5);
    QCOMPARE(s.skippedEntries, 0);
    QVERIFY(s.latencyMs >= 0);
    QVERIFY(s.lastSuccessMs > 0);
    QCOMPARE(s.consecutiveErrors, 0);
    QCOMPARE(s.intervalMs, 200);
    QVERIFY(s.lastError.isEmpty());

    // The status reaches the registry (the Sources view and calldeck.sources read it there).
    const SourceHealth health = bed.sources().source(feed.origin());
    QCOMPARE(health.kind, u"rpc"_s);
    QVERIFY(health.proxy.has_value());
    QCOMPARE(health.proxy->state, ProxyStatus::State::Up);
    QCOMPARE(health.proxy->version, s.version);

    // The dialogs reach the core as rows of their own, named after the proxy, with its ids.
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(feed.origin()), 5, 3000);
    for (const DialogRow &row : bed.rowsOf(feed.origin()))
    {
        QCOMPARE(row.origin, u"kam1"_s);
        QCOMPARE(row.flags & DialogRowFlag::Stale, 0);
        QVERIFY((row.key >> 63) != 0);
        QCOMPARE(row.proxyHEntry, row.dialog.hEntry);
        QCOMPARE(row.proxyHId, row.dialog.hId);
    }

    // Polls go on; the facts of a (re)connect are asked once.
    QTRY_VERIFY_WITH_TIMEOUT(fake.count(u"dlg.list"_s) >= 4, 5000);
    QCOMPARE(fake.count(u"core.version"_s), 1);
    QCOMPARE(fake.count(u"system.listMethods"_s), 1);
    QCOMPARE(fake.count(u"calldeck.helper_version"_s), 1);
    QVERIFY(fake.count(u"dlg.stats_active"_s) >= 3);
    QVERIFY(fake.count(u"core.uptime"_s) >= 3);
    QVERIFY(hasCall(fake.calls(u"stats.get_statistics"_s), QJsonArray{u"dialog:"_s}));
    QVERIFY(feed.status().polls >= 3);
    QCOMPARE(feed.status().failures, quint64(0));
}

void TestProxyFeed::listingIsShared()
{
    // listingReady hands every receiver the same payload; the core (wired first, as in
    // app/engine.cpp) must not take it apart under the feet of the receivers after it.
    FakeKamailio fake;
    QVERIFY(fake.start());
    ProxyTestBed bed;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), fastPolls(1000));
    std::shared_ptr<const DialogListPayload> listing;
    connect(&feed, &ProxyFeed::listingReady, this,
            [&](quint16, const std::shared_ptr<const DialogListPayload> &l) { listing = l; });
    QTRY_VERIFY_WITH_TIMEOUT(listing != nullptr, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(feed.origin()), 5, 3000); // the core has applied it
    const bool intact =
        listing->dialogs.size() == 5 && listing->dialogs.front().callId == "3-19005@127.0.0.1";
    QVERIFY(intact);
}

void TestProxyFeed::learntProfilesArePolled()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    fake.setProfileSize(u"inbound"_s, 5);
    fake.setProfileSize(u"trunk"_s, 3);
    fake.setProfileSize(u"caller"_s, 2);
    fake.setProfileSize(u"emergency"_s, 0);
    ProxyTestBed bed;
    ProxyFeed::Options o = fastPolls();
    o.profiles = {u"emergency"_s}; // configured, in no dialog
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), o);

    // The sample's dialogs are in "trunk" and "caller" (with values) and "inbound".
    const QList<QPair<QString, qint64>> expected{
        {u"caller"_s, 2}, {u"emergency"_s, 0}, {u"inbound"_s, 5}, {u"trunk"_s, 3}};
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().profileSizes, expected, 5000);
    QCOMPARE(feed.status().profiles, (QStringList{u"caller"_s, u"emergency"_s, u"inbound"_s, u"trunk"_s}));
    const QList<FakeKamailio::Call> asked = fake.calls(u"dlg.profile_get_size"_s);
    for (const QString &p : {u"caller"_s, u"emergency"_s, u"inbound"_s, u"trunk"_s})
    {
        QVERIFY2(hasCall(asked, QJsonArray{p}), qPrintable(p));
    }
    // The configured profile from the first poll on; the learnt ones once a listing taught them.
    const auto rpc = std::find_if(fake.calls().cbegin(), fake.calls().cend(),
                                  [](const FakeKamailio::Call &c) { return c.path == "/RPC"; });
    QCOMPARE(rpc->method, u"dlg.list"_s);
    QCOMPARE(asked.first().params, QJsonArray{u"emergency"_s});
    QCOMPARE(feed.status().state, ProxyStatus::State::Up);
}

void TestProxyFeed::helperFound()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    ProxyTestBed bed;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), fastPolls());
    QTRY_VERIFY_WITH_TIMEOUT(feed.status().helper, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 5000);
    const QList<FakeKamailio::Call> probes = fake.calls(u"calldeck.helper_version"_s);
    QCOMPARE(probes.size(), 1);
    QCOMPARE(probes.first().path, QByteArray("/calldeck")); // same host and port, the helper path
    QString why;
    QVERIFY2(feed.can(DialogAction::Refer, &why), qPrintable(why));
    QVERIFY(feed.can(DialogAction::SetProfile));
    for (const QString &m : {u"calldeck.refer"_s, u"calldeck.set_timeout"_s, u"calldeck.set_profile"_s,
                             u"calldeck.unset_profile"_s, u"calldeck.set_var"_s, u"dlg.end_dlg"_s,
                             u"dlg.terminate_dlg"_s, u"dlg.bridge_dlg"_s})
    {
        QVERIFY2(feed.status().actions.contains(m), qPrintable(m));
    }

    // A helper action goes to /calldeck with its positional parameters, as given.
    const QJsonArray params{u"3-19005@127.0.0.1"_s, u"19005SIPpTag003"_s, u"16269SIPpTag0126"_s, u"callee"_s,
                            u"sip:2000@127.0.0.1"_s};
    std::optional<RpcOutcome> outcome;
    feed.run(DialogAction::Refer, params, [&](const RpcOutcome &o) { outcome = o; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 5000);
    QVERIFY2(outcome->ok, qPrintable(outcome->error.toString()));
    const QList<FakeKamailio::Call> refers = fake.calls(u"calldeck.refer"_s);
    QCOMPARE(refers.size(), 1);
    QCOMPARE(refers.first().path, QByteArray("/calldeck"));
    QCOMPARE(refers.first().params, params);
}

void TestProxyFeed::helperMissing()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    fake.setHelper(false); // xhttp's 404 HTML page on /calldeck
    ProxyTestBed bed;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), fastPolls());
    QTRY_COMPARE_WITH_TIMEOUT(fake.count(u"calldeck.helper_version"_s), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(fake.calls(u"calldeck.helper_version"_s).first().answeredMs >= 0, 5000);
    QTest::qWait(300); // the probe's failure is reported on the main thread
    QVERIFY(!feed.status().helper);
    QString why;
    QVERIFY(!feed.can(DialogAction::Refer, &why));
    QVERIFY2(why.contains(u"calldeck-helpers.cfg"_s), qPrintable(why));
    QVERIFY2(why.contains(u"kam1"_s) && why.contains(u"calldeck.refer"_s), qPrintable(why));
    QVERIFY(!feed.can(DialogAction::SetVariable));
    QVERIFY(feed.can(DialogAction::EndDialog)); // the module's own RPCs stay available
    QVERIFY(!feed.status().actions.contains(u"calldeck.refer"_s));
    QVERIFY(feed.status().actions.contains(u"dlg.end_dlg"_s));

    std::optional<RpcOutcome> outcome;
    feed.run(DialogAction::SetTimeout, QJsonArray{u"c"_s, u"f"_s, u"t"_s, 60},
             [&](const RpcOutcome &o) { outcome = o; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 2000);
    QVERIFY(!outcome->ok);
    QCOMPARE(outcome->error.rpcCode, ProxyFeed::UnavailableCode);
    QVERIFY2(outcome->error.message.contains(u"calldeck-helpers.cfg"_s), qPrintable(outcome->error.message));
    QTest::qWait(100);
    QCOMPARE(fake.count(u"calldeck.set_timeout"_s), 0); // never sent
}

void TestProxyFeed::bridgeNotOffered()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    fake.hideMethod(u"dlg.bridge_dlg"_s); // no bridge_controller configured, say
    ProxyTestBed bed;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), fastPolls());
    QTRY_VERIFY_WITH_TIMEOUT(!feed.status().methods.isEmpty(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 5000);
    QVERIFY(!feed.status().methods.contains(u"dlg.bridge_dlg"_s));
    QVERIFY(feed.status().methods.contains(u"dlg.end_dlg"_s));
    QString why;
    QVERIFY(!feed.can(DialogAction::Bridge, &why));
    QVERIFY2(why.contains(u"dlg.bridge_dlg"_s) && why.contains(u"system.listMethods"_s), qPrintable(why));
    QVERIFY(feed.can(DialogAction::EndDialog));
    QVERIFY(!feed.status().actions.contains(u"dlg.bridge_dlg"_s));

    std::optional<RpcOutcome> outcome;
    feed.run(DialogAction::Bridge, QJsonArray{u"sip:1000@127.0.0.1"_s, u"sip:2000@127.0.0.1"_s},
             [&](const RpcOutcome &o) { outcome = o; });
    QVERIFY(!outcome.has_value()); // asynchronously, never inside run()
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 2000);
    QVERIFY(!outcome->ok);
    QCOMPARE(outcome->error.rpcCode, 501);
    QCOMPARE(outcome->error.message, why);

    // Through DialogControl too: no proxy can bridge, 501 with the reason.
    std::optional<ControlResult> result;
    ControlRequest r;
    r.action = DialogAction::Bridge;
    r.bridgeFrom = u"sip:1000@127.0.0.1"_s;
    r.bridgeTo = u"sip:2000@127.0.0.1"_s;
    bed.control().execute(r, [&](const ControlResult &c) { result = c; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 2000);
    QCOMPARE(result->code, 501);
    QVERIFY2(result->message.contains(u"dlg.bridge_dlg"_s), qPrintable(result->message));
    QTest::qWait(100);
    QCOMPARE(fake.count(u"dlg.bridge_dlg"_s), 0);
}

void TestProxyFeed::pollsNeverOverlap()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    fake.setDelay(u"dlg.list"_s, 300); // longer than the interval
    ProxyTestBed bed;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), fastPolls(100));
    // Asking for a poll while one runs changes nothing.
    QTRY_COMPARE_WITH_TIMEOUT(fake.count(u"dlg.list"_s), 1, 2000);
    feed.pollNow();
    feed.pollNow();
    QTRY_VERIFY_WITH_TIMEOUT(fake.count(u"dlg.list"_s) >= 5, 5000);
    feed.stop();
    QTest::qWait(100);

    QCOMPARE(fake.maxOutstandingPerConnection(), 1);
    QCOMPARE(fake.maxOutstandingTotal(), 1); // all /RPC connections together
    const QList<FakeKamailio::Call> all = fake.calls();
    qint64 previousList = -1;
    for (qsizetype i = 0; i < all.size(); ++i)
    {
        const FakeKamailio::Call &c = all[i];
        if (c.path != "/RPC" || c.method != "dlg.list"_L1)
        {
            continue;
        }
        // A cycle starts only when everything the previous one asked has been answered.
        for (qsizetype j = 0; j < i; ++j)
        {
            if (all[j].path == "/RPC")
            {
                QVERIFY2(
                    all[j].answeredMs >= 0 && all[j].answeredMs <= c.receivedMs,
                    qPrintable(
                        u"%1 (#%2) still open when dlg.list #%3 came"_s.arg(all[j].method).arg(j).arg(i)));
            }
        }
        if (previousList >= 0)
        {
            QVERIFY2(c.receivedMs - previousList >= 290,
                     qPrintable(u"dlg.list %1 ms after the previous one"_s.arg(c.receivedMs - previousList)));
        }
        previousList = c.receivedMs;
    }
    QCOMPARE(feed.status().state, ProxyStatus::State::Up);
    QVERIFY2(feed.status().latencyMs >= 290, qPrintable(QString::number(feed.status().latencyMs)));
    QCOMPARE(feed.status().failures, quint64(0));
}

QTEST_GUILESS_MAIN(TestProxyFeed)
#include "tst_proxyfeed.moc"
