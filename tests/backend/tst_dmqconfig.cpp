// SPDX-License-Identifier: GPL-3.0-or-later
// The DMQ node's options (--dmq, --dmq-notify, --dmq-ping, --dmq-max-rate), the proxy's own DMQ
// address from dmq.list_nodes (as Kamailio 5.6.3 answers it) and the KDMQ text CallDeck sends.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "backend/core/sipmessage.h"
#include "backend/core/sipparser.h"
#include "backend/dmq/dmqconfig.h"
#include "backend/dmq/dmqlistnodes.h"
#include "backend/dmq/dmqmessagebuilder.h"

using namespace Qt::StringLiterals;

class TestDmqConfig : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheOptions()
    {
        QStringList errors;
        const auto c =
            DmqConfig::parse(u"sip:127.0.0.1:5090"_s,
                             {u"sip:127.0.0.1:5062"_s, u"sip:127.0.0.1:5162"_s, u"sip:127.0.0.1:5062"_s},
                             u"3"_s, u"500"_s, &errors);
        QVERIFY2(c, qPrintable(errors.join(u'\n')));
        QCOMPARE(c->self.uri(), std::string("sip:127.0.0.1:5090"));
        QCOMPARE(c->notify.size(), 2); // the repeated peer once
        QCOMPARE(c->notify.at(1).port, quint16(5162));
        QCOMPARE(c->pingSeconds, 3);
        QCOMPARE(c->maxRate, 500);
    }

    void noDmqIsNotAnError()
    {
        QStringList errors;
        QVERIFY(!DmqConfig::parse({}, {}, {}, {}, &errors));
        QVERIFY(errors.isEmpty());
    }

    void badOptionsSayWhatToWrite_data()
    {
        QTest::addColumn<QString>("dmq");
        QTest::addColumn<QStringList>("notify");
        QTest::addColumn<QString>("ping");
        QTest::addColumn<QString>("expected");
        QTest::newRow("notify without dmq")
            << QString() << QStringList{u"sip:127.0.0.1:5062"_s} << QString() << u"need --dmq"_s;
        QTest::newRow("no notify") << u"sip:127.0.0.1:5090"_s << QStringList{} << QString()
                                   << u"at least one --dmq-notify"_s;
        QTest::newRow("garbage") << u"http://x"_s << QStringList{u"sip:127.0.0.1:5062"_s} << QString()
                                 << u"--dmq 'http://x'"_s;
        QTest::newRow("tcp") << u"sip:127.0.0.1:5090;transport=tcp"_s << QStringList{u"sip:127.0.0.1:5062"_s}
                             << QString() << u"UDP only"_s;
        QTest::newRow("notify self") << u"sip:127.0.0.1:5090"_s << QStringList{u"sip:127.0.0.1:5090"_s}
                                     << QString() << u"CallDeck's own --dmq address"_s;
        QTest::newRow("ping 0") << u"sip:127.0.0.1:5090"_s << QStringList{u"sip:127.0.0.1:5062"_s} << u"0"_s
                                << u"--dmq-ping '0': give a whole number from 1 to 3600"_s;
    }

    void badOptionsSayWhatToWrite()
    {
        QFETCH(QString, dmq);
        QFETCH(QStringList, notify);
        QFETCH(QString, ping);
        QFETCH(QString, expected);
        QStringList errors;
        QVERIFY(!DmqConfig::parse(dmq, notify, ping, {}, &errors));
        QVERIFY2(errors.join(u'\n').contains(expected), qPrintable(errors.join(u'\n')));
    }

    void localNodeFromListNodes()
    {
        // As Kamailio 5.6.3 answers dmq.list_nodes: port as a string, proto "*" for UDP.
        const QByteArray reply = R"([
            {"host":"127.0.0.1","port":"5162","proto":"*","resolved_ip":"127.0.0.1","status":"active",
             "last_notification":0,"local":0},
            {"host":"127.0.0.1","port":"5062","proto":"*","resolved_ip":"127.0.0.1","status":"active",
             "last_notification":0,"local":1}])";
        QCOMPARE(localDmqNode(QJsonDocument::fromJson(reply).array()), u"sip:127.0.0.1:5062"_s);
        const QByteArray one = R"({"host":"::1","port":5062,"proto":"tcp","local":1})";
        QCOMPARE(localDmqNode(QJsonDocument::fromJson(one).object()), u"sip:[::1]:5062;transport=tcp"_s);
        const QByteArray none = R"([{"host":"127.0.0.1","port":"5162","proto":"*","local":0}])";
        QVERIFY(localDmqNode(QJsonDocument::fromJson(none).array()).isEmpty());
        QVERIFY(localDmqNode(QJsonValue(u"garbage"_s)).isEmpty());
    }

    void requestAndAnswerAsKamailioLaysThemOut()
    {
        calldeck::core::DmqNodeAddress self{"127.0.0.1", 5090, {}};
        DmqMessageBuilder builder(self, "CallDeck DMQ");
        QByteArray branch;
        const QByteArray request = builder.request({"127.0.0.1", 5062, {}}, "notification_peer", "text/plain",
                                                   "sip:127.0.0.1:5090;status=active\r\n", 2, &branch);
        calldeck::core::SipMessage m;
        QCOMPARE(calldeck::core::SipParser::parse(std::string_view(request.constData(), request.size()), m),
                 calldeck::core::SipParseError::None);
        QCOMPARE(m.methodText(), std::string_view("KDMQ"));
        QCOMPARE(m.requestUri(), std::string_view("sip:notification_peer@127.0.0.1:5062"));
        QCOMPARE(m.from().uri,
                 std::string_view("sip:notification_peer@127.0.0.1:5090")); // the node's identity
        QVERIFY(!m.from().tag.empty());
        QCOMPARE(m.cseq().numberText, std::string_view("10"));
        QCOMPARE(m.maxForwards(), 2);
        QCOMPARE(m.body(), std::string_view("sip:127.0.0.1:5090;status=active\r\n"));
        QVERIFY(branch.startsWith("z9hG4bK"));
        QVERIFY(request.contains(QByteArray(";branch=" + branch)));

        const QByteArray answer =
            builder.response(m, 200, "OK", "text/plain", "sip:127.0.0.1:5090;status=active\r\n");
        calldeck::core::SipMessage a;
        QCOMPARE(calldeck::core::SipParser::parse(std::string_view(answer.constData(), answer.size()), a),
                 calldeck::core::SipParseError::None);
        QCOMPARE(a.statusCode(), 200);
        QCOMPARE(a.callId(), m.callId());
        QCOMPARE(a.from().tag, m.from().tag);
        QVERIFY(!a.to().tag.empty());
        QCOMPARE(a.header(calldeck::core::SipHeaderId::Via), m.header(calldeck::core::SipHeaderId::Via));
        QCOMPARE(a.body(), std::string_view("sip:127.0.0.1:5090;status=active\r\n"));
        QCOMPARE(a.contentLength().value_or(0), std::uint32_t(a.body().size()));
    }
};

QTEST_APPLESS_MAIN(TestDmqConfig)
#include "tst_dmqconfig.moc"
