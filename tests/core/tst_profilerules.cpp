// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/core/profilerules.h"
#include "backend/core/sipparser.h"

#include <QTest>

#include <map>
#include <memory>

using namespace calldeck::core;

namespace
{

const char *kInvite = "INVITE sip:+4930123@gw.example.net SIP/2.0\r\n"
                      "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK1\r\n"
                      "From: \"Alice\" <sip:alice@a.example>;tag=1\r\n"
                      "To: <sip:+4930123@b.example>\r\n"
                      "Call-ID: abc@host\r\n"
                      "CSeq: 1 INVITE\r\n"
                      "Contact: <sip:alice@10.1.2.3>\r\n"
                      "P-Asserted-Identity: <sip:+4930999@a.example>\r\n"
                      "Content-Length: 0\r\n\r\n";

std::multimap<std::string, std::string> run(const ProfileRuleSet &rules, const PacketMeta &meta)
{
    auto msg = std::make_unique<SipMessage>();
    if (SipParser::parse(kInvite, *msg) != SipParseError::None)
    {
        return {};
    }
    std::multimap<std::string, std::string> out;
    rules.evaluate(*msg, meta, [&](std::string_view p, std::string_view v) { out.emplace(p, v); });
    return out;
}

PacketMeta meta()
{
    PacketMeta m;
    m.src = Endpoint::ipv4(0x0A010203, 5060); // 10.1.2.3
    m.dst = Endpoint::ipv4(0xC0A80001, 5080); // 192.168.0.1
    m.captureNode = 2001;
    return m;
}

} // namespace

class TestProfileRules final : public QObject
{
    Q_OBJECT

private slots:
    void examplesFromTheDocumentation();
    void conditions_data();
    void conditions();
    void ipv6Cidr();
    void errorsNameTheLine_data();
    void errorsNameTheLine();
};

void TestProfileRules::examplesFromTheDocumentation()
{
    const auto rules = ProfileRuleSet::parse("# operator rules\n"
                                             "inbound if src in 10.0.0.0/8\n"
                                             "outbound if src in 192.168.0.0/16\n"
                                             "\n"
                                             "trunk = $dst_ip\n"
                                             "caller = $from_user\n"
                                             "gateway = \"gw-\" $dst_port   # joined terms\n"
                                             "vip if $hdr(P-Asserted-Identity) ~ \"^<sip:\\+4930\"\n");
    QVERIFY2(rules, rules ? "" : rules.error().detail.c_str());
    QCOMPARE(rules->size(), std::size_t(6));
    QCOMPARE(rules->profilesNoValue(), std::string("inbound;outbound;vip"));
    QCOMPARE(rules->profilesWithValue(), std::string("trunk;caller;gateway"));
    const auto got = run(*rules, meta());
    const std::multimap<std::string, std::string> expected = {
        {"inbound", ""}, {"trunk", "192.168.0.1"}, {"caller", "alice"}, {"gateway", "gw-5080"}, {"vip", ""}};
    QCOMPARE(got, expected);
}

void TestProfileRules::conditions_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("matches");
    QTest::newRow("dst in") << "p if dst in 192.168.0.1/32" << true;
    QTest::newRow("dst not in") << "p if dst in 192.168.1.0/24" << false;
    QTest::newRow("host address") << "p if src in 10.1.2.3" << true;
    QTest::newRow("regex case-insensitive") << "p if $from_domain ~ \"A\\.EXAMPLE$\"" << true;
    QTest::newRow("negated regex") << "p if $ruri_user !~ \"^\\+49\"" << false;
    QTest::newRow("equal") << "p if $to_user == \"+4930123\"" << true;
    QTest::newRow("not equal") << "p if $callid != \"abc@host\"" << false;
    QTest::newRow("has header") << "p if has P-Asserted-Identity" << true;
    QTest::newRow("has compact form") << "p if has f" << true;
    QTest::newRow("missing header") << "p if has X-Nope" << false;
    QTest::newRow("and") << "p if src in 10.0.0.0/8 and $node == \"2001\"" << true;
    QTest::newRow("and false") << "p if src in 10.0.0.0/8 and $transport == \"tcp\"" << false;
    QTest::newRow("empty value adds nothing") << "p = $hdr(X-Missing)" << false;
}

void TestProfileRules::conditions()
{
    QFETCH(QString, rule);
    QFETCH(bool, matches);
    const auto rules = ProfileRuleSet::parse(rule.toStdString());
    QVERIFY2(rules, rules ? "" : rules.error().detail.c_str());
    QCOMPARE(!run(*rules, meta()).empty(), matches);
}

void TestProfileRules::ipv6Cidr()
{
    const auto rules = ProfileRuleSet::parse("v6 if src in 2001:db8::/32\nloop if dst in ::1");
    QVERIFY(rules);
    PacketMeta m;
    std::uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9};
    std::uint8_t one[16] = {};
    one[15] = 1;
    m.src = Endpoint::ipv6(a, 5060);
    m.dst = Endpoint::ipv6(one, 5060);
    QCOMPARE(run(*rules, m).size(), std::size_t(2));
}

void TestProfileRules::errorsNameTheLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad name") << "ok\nbad-name"
                              << "line 2: profile name 'bad-name'";
    QTest::newRow("unknown variable") << "p = $nope"
                                      << "unknown variable '$nope'";
    QTest::newRow("bad cidr") << "p if src in 10.0.0.0/33"
                              << "not an address or CIDR";
    QTest::newRow("bad regex") << "p if $callid ~ \"(\""
                               << "invalid regular expression";
    QTest::newRow("open quote") << "p = \"abc"
                                << "not closed";
    QTest::newRow("missing and") << "p if has A has B"
                                 << "expected 'and'";
    QTest::newRow("value and no value") << "p\np = $dst_ip"
                                        << "both with and without a value";
    QTest::newRow("dangling if") << "p if"
                                 << "condition is missing";
    QTest::newRow("comparison without text") << "p if $callid ~ $from_user"
                                             << "needs an operator";
}

void TestProfileRules::errorsNameTheLine()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto rules = ProfileRuleSet::parse(text.toStdString());
    QVERIFY(!rules);
    QVERIFY2(QString::fromStdString(rules.error().detail).contains(expected), rules.error().detail.c_str());
}

QTEST_APPLESS_MAIN(TestProfileRules)
#include "tst_profilerules.moc"
