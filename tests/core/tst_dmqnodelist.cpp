// SPDX-License-Identifier: GPL-3.0-or-later
// The DMQ node list (channel notification_peer): URIs with ports, IPv6, transports and statuses,
// bodies with CRLF or LF, bad lines reported by number while the good ones count, the 256-line
// limit, and Kamailio's exact output format.
#include <string>
#include <vector>

#include <QTest>

#include "backend/core/dmqnodelist.h"

using namespace calldeck::core;

namespace
{

DmqNodeLine node(std::string host, std::uint16_t port, DmqNodeStatus status = DmqNodeStatus::Active,
                 std::string transport = {})
{
    return DmqNodeLine{DmqNodeAddress{std::move(host), port, std::move(transport)}, status};
}

} // namespace

class TestDmqNodeList final : public QObject
{
    Q_OBJECT

private slots:
    void referenceExample()
    {
        // Captured from Kamailio 5.6.3 (kamailio-dmq-5.6.md §2), with its trailing CRLF.
        const std::string body = "sip:127.0.0.1:5190;status=active\r\n"
                                 "sip:127.0.0.1:5162;status=active\r\n"
                                 "sip:127.0.0.1:5062;status=active\r\n";
        const DmqNodeListParse parsed = parseDmqNodeList(body);
        QVERIFY(parsed.errors.empty());
        const std::vector<DmqNodeLine> expected{node("127.0.0.1", 5190), node("127.0.0.1", 5162),
                                                node("127.0.0.1", 5062)};
        QVERIFY(parsed.nodes == expected);
        QCOMPARE(formatDmqNodeList(parsed.nodes), body);
        QCOMPARE(parsed.nodes[1].address.uri(), std::string("sip:127.0.0.1:5162"));
        QCOMPARE(parsed.nodes[1].address.hostPort(), std::string("127.0.0.1:5162"));
    }

    void lineEndings()
    {
        const std::vector<DmqNodeLine> expected{node("10.0.0.1", 5062, DmqNodeStatus::Disabled),
                                                node("10.0.0.2", 5062, DmqNodeStatus::Timeout),
                                                node("10.0.0.3", 5062, DmqNodeStatus::Pending)};
        for (const std::string body :
             {"sip:10.0.0.1:5062;status=disabled\nsip:10.0.0.2:5062;status=timeout\nsip:10.0.0.3:5062;status="
              "pending",
              "sip:10.0.0.1:5062;status=disabled\r\n\r\nsip:10.0.0.2:5062;status=timeout\n  \n"
              "sip:10.0.0.3:5062;status=pending\r\n\r\n",
              "  sip:10.0.0.1:5062;status=DISABLED \r\nSIP:10.0.0.2:5062;Status=timeout\r\n"
              "sip:10.0.0.3:5062;status=pending"})
        {
            const DmqNodeListParse parsed = parseDmqNodeList(body);
            QVERIFY2(parsed.errors.empty(), body.c_str());
            QVERIFY2(parsed.nodes == expected, body.c_str());
        }
        QVERIFY(parseDmqNodeList("").nodes.empty());
        QVERIFY(parseDmqNodeList("\r\n\r\n").errors.empty());
    }

    void uris()
    {
        std::string error;
        auto line = parseDmqNodeUri("sip:[::1]:5062;transport=TCP;status=active", &error);
        QVERIFY2(line, error.c_str());
        QCOMPARE(line->address, (DmqNodeAddress{"::1", 5062, "tcp"}));
        QCOMPARE(line->address.uri(), std::string("sip:[::1]:5062;transport=tcp"));
        QCOMPARE(line->address.hostPort(), std::string("[::1]:5062"));

        // No port: 5060; no status: active; udp is the default; other parameters are ignored.
        line = parseDmqNodeUri("sip:dmq.example.com;transport=udp;lr;foo=bar", &error);
        QVERIFY2(line, error.c_str());
        QCOMPARE(line->address, (DmqNodeAddress{"dmq.example.com", 5060, ""}));
        QCOMPARE(line->status, DmqNodeStatus::Active);
        QCOMPARE(line->address.uri(), std::string("sip:dmq.example.com:5060"));

        // A user part (the channel) is accepted and ignored.
        line = parseDmqNodeUri("sip:dialog@[2001:db8::5]:5162;transport=tls;status=timeout", &error);
        QVERIFY2(line, error.c_str());
        QCOMPARE(line->address, (DmqNodeAddress{"2001:db8::5", 5162, "tls"}));
        QCOMPARE(line->status, DmqNodeStatus::Timeout);
        line = parseDmqNodeUri("sip:notification_peer@127.0.0.1:5062;transport=sctp", &error);
        QVERIFY2(line, error.c_str());
        QCOMPARE(line->address, (DmqNodeAddress{"127.0.0.1", 5062, "sctp"}));

        for (const char *bad :
             {"", "http://127.0.0.1:5062", "sip:", "sip::5062", "sip:127.0.0.1:", "sip:127.0.0.1:0",
              "sip:127.0.0.1:65536", "sip:127.0.0.1:50x", "sip:127.0.0.1:5062;status=asleep",
              "sip:127.0.0.1:5062;transport=ws", "sip:[::1:5062", "sip:[zz::1]:5062", "sip:::1:5062",
              "sip:host name:5062", "sip:[::1]x"})
        {
            error.clear();
            QVERIFY2(!parseDmqNodeUri(bad, &error), bad);
            QVERIFY2(!error.empty(), bad);
        }
        QVERIFY(!parseDmqNodeUri("garbage", nullptr));
    }

    void statusNames()
    {
        for (const auto s :
             {DmqNodeStatus::Active, DmqNodeStatus::Disabled, DmqNodeStatus::Timeout, DmqNodeStatus::Pending})
        {
            QCOMPARE(dmqStatusFromName(dmqStatusName(s)), std::optional<DmqNodeStatus>(s));
        }
        QCOMPARE(dmqStatusName(DmqNodeStatus::Disabled), std::string_view("disabled"));
        QVERIFY(!dmqStatusFromName("gone"));
        QVERIFY(!dmqStatusFromName(""));
    }

    void badLinesKeepTheGoodOnes()
    {
        const std::string body = "sip:127.0.0.1:5190;status=active\r\n"
                                 "this is not a node\r\n"
                                 "\r\n"
                                 "sip:127.0.0.1:5162;status=sleepy\r\n"
                                 "sip:127.0.0.1:5062;status=disabled\r\n";
        const DmqNodeListParse parsed = parseDmqNodeList(body);
        const std::vector<DmqNodeLine> expected{node("127.0.0.1", 5190),
                                                node("127.0.0.1", 5062, DmqNodeStatus::Disabled)};
        QVERIFY(parsed.nodes == expected);
        QCOMPARE(parsed.errors.size(), std::size_t(2));
        QVERIFY2(parsed.errors[0].starts_with("line 2: "), parsed.errors[0].c_str());
        QVERIFY2(parsed.errors[1].starts_with("line 4: "), parsed.errors[1].c_str());
        QVERIFY2(parsed.errors[1].find("sleepy") != std::string::npos, parsed.errors[1].c_str());
    }

    void lineLimit()
    {
        std::string body;
        for (int i = 0; i < 300; ++i)
        {
            body += "sip:10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250) +
                    ":5062;status=active\n";
        }
        const DmqNodeListParse parsed = parseDmqNodeList(body);
        QCOMPARE(parsed.nodes.size(), DmqMaxNodeLines);
        QCOMPARE(parsed.nodes.back().address.host, std::string("10.0.1.5"));
        QCOMPARE(parsed.errors.size(), std::size_t(1));
        QVERIFY2(parsed.errors[0].starts_with("line 257: more than 256"), parsed.errors[0].c_str());
    }

    void roundTrip()
    {
        const std::vector<DmqNodeLine> nodes{node("127.0.0.1", 5062),
                                             node("::1", 5063, DmqNodeStatus::Disabled, "tcp"),
                                             node("dmq-b.example.net", 5060, DmqNodeStatus::Timeout, "tls"),
                                             node("192.0.2.7", 65535, DmqNodeStatus::Pending, "sctp")};
        const std::string body = formatDmqNodeList(nodes);
        QCOMPARE(body, std::string("sip:127.0.0.1:5062;status=active\r\n"
                                   "sip:[::1]:5063;transport=tcp;status=disabled\r\n"
                                   "sip:dmq-b.example.net:5060;transport=tls;status=timeout\r\n"
                                   "sip:192.0.2.7:65535;transport=sctp;status=pending\r\n"));
        const DmqNodeListParse parsed = parseDmqNodeList(body);
        QVERIFY(parsed.errors.empty());
        QVERIFY(parsed.nodes == nodes);
        QVERIFY(formatDmqNodeList({}).empty());
    }
};

QTEST_APPLESS_MAIN(TestDmqNodeList)
#include "tst_dmqnodelist.moc"
