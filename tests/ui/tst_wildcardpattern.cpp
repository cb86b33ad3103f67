// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "ui/models/wildcardpattern.h"

using namespace Qt::StringLiterals;

class TestWildcardPattern final : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
};

void TestWildcardPattern::matches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("match");
    QTest::newRow("literal") << u"sip:alice@a"_s << QByteArray("sip:alice@a") << true;
    QTest::newRow("whole text only") << u"alice"_s << QByteArray("sip:alice@a") << false;
    QTest::newRow("any case") << u"SIP:Alice@*"_s << QByteArray("sip:ALICE@a.example") << true;
    QTest::newRow("star empty") << u"sip:*alice"_s << QByteArray("sip:alice") << true;
    QTest::newRow("star backtracks") << u"*a*b"_s << QByteArray("xaxxaxb") << true;
    QTest::newRow("star backtracks, no match") << u"*a*b"_s << QByteArray("xaxxax") << false;
    QTest::newRow("question one") << u"alice?@*"_s << QByteArray("alice1@x") << true;
    QTest::newRow("question not none") << u"alice?@*"_s << QByteArray("alice@x") << false;
    QTest::newRow("question one UTF-8 character") << u"jos?@*"_s << QByteArray("jos\xC3\xA9@x") << true;
    QTest::newRow("regex characters literal") << u"sip:a.b+c[1]"_s << QByteArray("sip:a.b+c[1]") << true;
    QTest::newRow("dot is no wildcard") << u"sip:a.b"_s << QByteArray("sip:axb") << false;
    QTest::newRow("only stars") << u"**"_s << QByteArray("") << true;
    QTest::newRow("non-ASCII literal") << u"*müller*"_s << QByteArray("sip:m\xC3\xBCller@x") << true;
}

void TestWildcardPattern::matches()
{
    QFETCH(QString, pattern);
    QFETCH(QByteArray, text);
    QFETCH(bool, match);
    QCOMPARE(WildcardPattern(pattern).matches(std::string_view(text.constData(), std::size_t(text.size()))),
             match);
}

QTEST_APPLESS_MAIN(TestWildcardPattern)
#include "tst_wildcardpattern.moc"
