// SPDX-License-Identifier: GPL-3.0-or-later
#include "dmqbench.h"

#include "benchclock.h"

#include "backend/core/clusterdialogtable.h"
#include "backend/core/dmqdialogmessage.h"
#include "backend/core/dmqnodelist.h"
#include "backend/core/sipmessage.h"
#include "backend/core/sipparser.h"
#include "backend/dmq/dmqdialogpeer.h"
#include "backend/dmq/dmqfeed.h"
#include "backend/dmq/dmqmessagebuilder.h"
#include "backend/rpcoutcome.h"
#include "backend/sourceregistry.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QUdpSocket>

namespace calldeck::bench
{

namespace
{

using calldeck::core::DmqAction;
using calldeck::core::DmqDialogMessage;
using calldeck::core::DmqNodeAddress;

struct Options
{
    std::size_t calls = 20000;
    int window = 64;
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 2; i + 1 < argc; i += 2)
    {
        if (!std::strcmp(argv[i], "--calls"))
        {
            o.calls = std::max<std::size_t>(1, std::strtoull(argv[i + 1], nullptr, 10));
        }
        else if (!std::strcmp(argv[i], "--window"))
        {
            o.window = std::max(1, std::atoi(argv[i + 1]));
        }
    }
    return o;
}

/// The five bodies of call @p i as Kamailio 5.6.3 sends them: UPDATE (state 1), STATE 2, STATE 4,
/// STATE 5, RM. Ids follow a node with h_id_start 1, h_id_step 10.
std::vector<std::string> callBodies(std::size_t i)
{
    DmqDialogMessage m;
    m.hEntry = static_cast<std::uint32_t>(i % 4096);
    m.hId = static_cast<std::uint32_t>(1 + 10 * (i / 4096));
    const std::string n = std::to_string(i);
    std::vector<std::string> out;
    m.action = DmqAction::Update;
    m.state = 1;
    m.initTs = 1795752012;
    m.callId = n + "-bench@127.0.0.1";
    m.fromUri = "sip:alice@127.0.0.1:5101";
    m.toUri = m.reqUri = "sip:bob@127.0.0.1:5060";
    m.tag1 = n + "SIPpTag001";
    m.cseq1 = "1";
    m.routeSet1 = "";
    m.contact1 = "sip:alice@127.0.0.1:5101";
    m.hasVars = true;
    m.vars = {{"acct", "1001"}, {"team", "blue"}};
    m.hasProfiles = true;
    m.profiles = {
        {"trunk", std::string("pbx1")}, {"caller", std::string("alice")}, {"inbound", std::nullopt}};
    out.push_back(calldeck::core::formatDmqDialogBody(m));
    DmqDialogMessage s;
    s.action = DmqAction::State;
    s.hEntry = m.hEntry;
    s.hId = m.hId;
    s.state = 2;
    s.startTs = 0;
    s.lifetime = 43200;
    s.tag1 = m.tag1;
    s.cseq1 = "1";
    s.routeSet1 = "";
    s.contact1 = m.contact1;
    out.push_back(calldeck::core::formatDmqDialogBody(s));
    s.state = 4;
    s.startTs = 1795752013;
    s.tag2 = n + "SIPpTag011";
    s.cseq2 = "0";
    s.routeSet2 = "";
    s.contact2 = "sip:127.0.0.1:5080;transport=UDP";
    out.push_back(calldeck::core::formatDmqDialogBody(s));
    DmqDialogMessage end;
    end.action = DmqAction::State;
    end.hEntry = m.hEntry;
    end.hId = m.hId;
    end.state = 5;
    out.push_back(calldeck::core::formatDmqDialogBody(end));
    end.action = DmqAction::Remove;
    out.push_back(calldeck::core::formatDmqDialogBody(end));
    return out;
}

/// Parse + apply of every body, in call order (5 messages per call).
double applyRate(const std::vector<std::vector<std::string>> &calls)
{
    calldeck::core::ClusterDialogTable table;
    const double t0 = nowSeconds();
    std::size_t messages = 0;
    for (const auto &bodies : calls)
    {
        for (const std::string &b : bodies)
        {
            const calldeck::core::DmqParseResult p = calldeck::core::parseDmqDialogBody(b);
            table.apply(p.message, 1, 1795752013);
            ++messages;
        }
    }
    return double(messages) / std::max(1e-9, nowSeconds() - t0);
}

/// Milliseconds to build one node's listing of @p dialogs live dialogs (the DMQ thread's cost of
/// publishing a node whose dialogs changed).
double listingMs(const std::vector<std::vector<std::string>> &calls, std::size_t dialogs)
{
    DmqDialogPeer peer;
    DmqNodeTable::Node node;
    node.source = 1;
    for (std::size_t i = 0; i < std::min(dialogs, calls.size()); ++i)
    {
        for (std::size_t k = 0; k < 3; ++k) // UPDATE, STATE 2, STATE 4: confirmed and live
        {
            peer.handle(calls[i][k], node, 1795752013000LL);
        }
    }
    const double t0 = nowSeconds();
    const auto listing = peer.listing(1);
    const double ms = (nowSeconds() - t0) * 1000.0;
    return listing->dialogs.size() == std::min(dialogs, calls.size()) ? ms : -1;
}

/// A KDMQ-speaking peer on loopback: answers CallDeck's requests with 200 (its node list lists
/// both), and sends the calls with at most @p window unanswered.
struct Peer
{
    QUdpSocket socket;
    DmqNodeAddress self;
    DmqNodeAddress calldeck;
    std::unique_ptr<DmqMessageBuilder> builder;
    std::size_t ok = 0;
    std::size_t refused = 0;

    void answerRequests(const QByteArray &datagram, const QHostAddress &from, quint16 port)
    {
        calldeck::core::SipMessage m;
        if (calldeck::core::SipParser::parse(std::string_view(datagram.constData(), datagram.size()), m) !=
            calldeck::core::SipParseError::None)
        {
            return;
        }
        if (m.isResponse())
        {
            (m.statusCode() == 200 ? ok : refused) += 1;
            return;
        }
        const std::string list =
            calldeck::core::formatDmqNodeList({{self, calldeck::core::DmqNodeStatus::Active},
                                               {calldeck, calldeck::core::DmqNodeStatus::Active}});
        const bool nodes = m.requestUri().find("notification_peer") != std::string_view::npos;
        socket.writeDatagram(
            nodes ? builder->response(m, 200, "OK", "text/plain", QByteArray::fromStdString(list))
                  : builder->response(m, 200, "OK"),
            from, port);
    }

    /// Reads what is there (waiting up to @p waitMs for the first datagram).
    void drain(int waitMs)
    {
        if (!socket.hasPendingDatagrams())
        {
            socket.waitForReadyRead(waitMs);
        }
        while (socket.hasPendingDatagrams())
        {
            QByteArray d(int(socket.pendingDatagramSize()), Qt::Uninitialized);
            QHostAddress from;
            quint16 port = 0;
            d.resize(int(socket.readDatagram(d.data(), d.size(), &from, &port)));
            answerRequests(d, from, port);
        }
    }
};

quint16 freePort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::LocalHost, 0);
    return probe.localPort();
}

} // namespace

int runDmqBench(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    int qtArgc = 1;
    QCoreApplication app(qtArgc, argv);

    std::vector<std::vector<std::string>> calls;
    calls.reserve(o.calls);
    for (std::size_t i = 0; i < o.calls; ++i)
    {
        calls.push_back(callBodies(i));
    }
    const double apply = applyRate(calls);
    const double listing = listingMs(calls, 10000);
    std::printf("core: parse + apply %.0f messages/s; a node's listing of %zu dialogs %.2f ms\n", apply,
                std::min<std::size_t>(10000, o.calls), listing);

    Peer peer;
    peer.socket.bind(QHostAddress::LocalHost, 0);
    peer.self = {"127.0.0.1", peer.socket.localPort(), {}};
    peer.calldeck = {"127.0.0.1", freePort(), {}};
    peer.builder = std::make_unique<DmqMessageBuilder>(peer.self, "calldeck-bench");
    DmqConfig config;
    config.self = peer.calldeck;
    config.notify = {peer.self};
    config.pingSeconds = 3600;
    config.maxRate = 10000000;
    SourceRegistry sources;
    DmqFeed feed(config, sources, nullptr);
    std::atomic<std::size_t> listings{0};
    std::atomic<std::size_t> lastSize{1};
    QObject::connect(
        &feed, &DmqFeed::listingReady, &feed,
        [&](quint16, const QString &, const std::shared_ptr<const DialogListPayload> &l) {
            ++listings;
            lastSize = l->dialogs.size();
        },
        Qt::DirectConnection);
    QString error;
    if (!feed.start(&error))
    {
        std::fprintf(stderr, "dmq bench: %s\n", qPrintable(error));
        return 1;
    }
    for (int i = 0; i < 20; ++i) // the join and the SYNC
    {
        peer.drain(50);
    }

    const std::size_t total = calls.size() * 5;
    std::size_t sent = 0;
    const double t0 = nowSeconds();
    for (std::size_t step = 0; step < 5; ++step) // every call's UPDATE, then every STATE 2, ...
    {
        for (const auto &bodies : calls)
        {
            while (sent - (peer.ok + peer.refused) >= std::size_t(o.window))
            {
                peer.drain(1000);
                if (nowSeconds() - t0 > 300)
                {
                    std::fprintf(stderr, "dmq bench: no answers for too long\n");
                    return 1;
                }
            }
            QByteArray branch;
            peer.socket.writeDatagram(peer.builder->request(peer.calldeck, "dialog", "application/json",
                                                            QByteArray::fromStdString(bodies[step]), 1,
                                                            &branch),
                                      QHostAddress::LocalHost, peer.calldeck.port);
            ++sent;
        }
    }
    while (peer.ok + peer.refused < total && nowSeconds() - t0 < 300)
    {
        peer.drain(1000);
    }
    const double seconds = nowSeconds() - t0;
    const double rate = double(peer.ok) / std::max(1e-9, seconds);
    for (int i = 0; i < 10; ++i) // the last listings
    {
        peer.drain(30);
    }
    std::printf(
        "node on loopback UDP: %zu KDMQ requests, window %d: %zu answered 200, %zu refused, in %.2f s "
        "(%.0f/s); %zu listings published, the last with %zu dialogs\n",
        total, o.window, peer.ok, peer.refused, seconds, rate, std::size_t(listings), std::size_t(lastSize));
    feed.stop(200);
    std::printf(
        "{\"bench\":\"dmq\",\"calls\":%zu,\"window\":%d,\"apply_msgs_per_s\":%.0f,\"listing_dialogs\":%zu,\"listing_ms\":%.2f,"
        "\"udp_requests\":%zu,\"udp_ok\":%zu,\"udp_refused\":%zu,\"udp_msgs_per_s\":%.0f,"
        "\"listings\":%zu,\"final_dialogs\":%zu}\n",
        calls.size(), o.window, apply, std::min<std::size_t>(10000, o.calls), listing, total, peer.ok, peer.refused, rate, std::size_t(listings),
        std::size_t(lastSize));
    return peer.ok == total && lastSize == 0 ? 0 : 1;
}

} // namespace calldeck::bench
