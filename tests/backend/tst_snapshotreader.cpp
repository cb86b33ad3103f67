// SPDX-License-Identifier: GPL-3.0-or-later
#include <functional>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "backend/snapshotreader.h"
#include "backend/snapshotwriter.h"
#include "snapshotfixtures.h"

using namespace calldeck;
using namespace Qt::StringLiterals;

namespace
{
ConsoleSnapshot handMade()
{
    return handMadeSnapshot();
}

QJsonObject jsonOf(const ConsoleSnapshot &s)
{
    return QJsonDocument::fromJson(SnapshotWriter::toJson(s)).object();
}
} // namespace

/// SnapshotReader on bytes that are odd but right, and on files that are wrong in every way.
class TestSnapshotReader final : public QObject
{
    Q_OBJECT

private slots:
    void bytesComeBackExactly();
    void badFilesSayWhatIsWrong_data();
    void badFilesSayWhatIsWrong();
    void brokenCompressionIsReported();

private:
    QTemporaryDir m_dir;
};

void TestSnapshotReader::bytesComeBackExactly()
{
    const ConsoleSnapshot s = handMade();
    const QByteArray json = SnapshotWriter::toJson(s);
    QVERIFY(json.contains("\"base64\""));
    QVERIFY(json.contains("\"key\":\"9223372036854775813\""));
    SnapshotError error;
    const auto read = SnapshotReader::parse(json, {}, &error);
    QVERIFY2(read, qPrintable(error.text()));
    QVERIFY(sameSnapshot(*read, s));
    QCOMPARE(read->dialogs[0].messages[0].src.addressText(), std::string("2001:db8::1"));
    QCOMPARE(read->dialogs[0].messages[1].raw, std::string("\x00\x01\x02 not SIP", 12));
    QVERIFY(!read->dialogs[0].messages[1].parsed);
}

void TestSnapshotReader::badFilesSayWhatIsWrong_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("detail");
    using K = SnapshotError::Kind;
    const ConsoleSnapshot s = handMade();
    const QByteArray json = SnapshotWriter::toJson(s);
    const QJsonObject top = jsonOf(s);
    const auto doc = [](const QJsonObject &o) { return QJsonDocument(o).toJson(); };
    const auto row = [&top](const std::function<void(QJsonObject &)> &change) {
        QJsonObject o = top;
        QJsonArray dialogs = o[u"dialogs"_s].toArray();
        QJsonObject r = dialogs[0].toObject();
        change(r);
        dialogs[0] = r;
        o[u"dialogs"_s] = dialogs;
        return QJsonDocument(o).toJson();
    };
    // The first row's dialog, and its first message, changed by @p change.
    const auto dialog = [&row](const std::function<void(QJsonObject &)> &change) {
        return row([&change](QJsonObject &r) {
            QJsonObject d = r[u"dialog"_s].toObject();
            change(d);
            r[u"dialog"_s] = d;
        });
    };
    const auto firstMessage = [&row](const std::function<void(QJsonObject &)> &change) {
        return row([&change](QJsonObject &r) {
            QJsonArray m = r[u"messages"_s].toArray();
            QJsonObject first = m[0].toObject();
            change(first);
            m[0] = first;
            r[u"messages"_s] = m;
        });
    };
    QJsonObject o;

    QTest::addRow("truncated JSON") << json.left(json.size() / 2) << int(K::BadJson) << u"byte "_s
                                    << u"truncated"_s;
    QTest::addRow("not JSON") << QByteArray("hello") << int(K::BadJson) << u"byte "_s << u"not valid JSON"_s;
    QTest::addRow("an array") << QByteArray("[1,2]") << int(K::NotSnapshot) << QString()
                              << u"not an object"_s;
    o = top;
    o.remove(u"format"_s);
    QTest::addRow("no format") << doc(o) << int(K::NotSnapshot) << u"format"_s
                               << u"not a CallDeck snapshot"_s;
    o = top;
    o[u"format"_s] = u"something-else"_s;
    QTest::addRow("other format") << doc(o) << int(K::NotSnapshot) << u"format"_s << u"'something-else'"_s;
    o = top;
    o[u"version"_s] = 2;
    QTest::addRow("newer version") << doc(o) << int(K::NewerVersion) << u"version"_s << u"newer CallDeck"_s;
    o = top;
    o[u"version"_s] = u"1"_s;
    QTest::addRow("version as text") << doc(o) << int(K::BadField) << u"version"_s
                                     << u"expected a number, found a string"_s;
    o = top;
    o.remove(u"taken_ms"_s);
    QTest::addRow("no time") << doc(o) << int(K::BadField) << u"taken_ms"_s << u"missing"_s;
    o = top;
    o[u"dialog_count"_s] = 2;
    QTest::addRow("count") << doc(o) << int(K::BadField) << u"dialogs"_s << u"dialog_count announces"_s;
    QTest::addRow("missing call-id") << dialog([](QJsonObject &d) { d.remove(u"call-id"_s); })
                                     << int(K::BadField) << u"dialogs[0].dialog.call-id"_s << u"missing"_s;
    QTest::addRow("state out of range")
        << dialog([](QJsonObject &d) { d[u"state"_s] = 300; }) << int(K::BadField)
        << u"dialogs[0].dialog.state"_s << u"out of range"_s;
    QTest::addRow("time as text") << firstMessage([](QJsonObject &first) { first[u"time_us"_s] = u"soon"_s; })
                                  << int(K::BadField) << u"dialogs[0].messages[0].time_us"_s
                                  << u"found a string"_s;
    QTest::addRow("bad base64") << firstMessage([](QJsonObject &first) {
        first[u"raw"_s] = QJsonObject{{u"base64"_s, u"@@@"_s}};
    }) << int(K::BadField) << u"dialogs[0].messages[0].raw.base64"_s
                                << u"not valid base64"_s;
    QTest::addRow("bad transport") << firstMessage([](QJsonObject &first) {
        first[u"transport"_s] = u"pigeon"_s;
    }) << int(K::BadField) << u"dialogs[0].messages[0].transport"_s
                                   << u"'pigeon'"_s;
    QTest::addRow("bad address") << firstMessage([](QJsonObject &first) {
        first[u"src"_s] = QJsonObject{{u"address"_s, u"10.0.0.300"_s}, {u"port"_s, 5060}};
    }) << int(K::BadField) << u"dialogs[0].messages[0].src.address"_s
                                 << u"not an IPv4 or IPv6"_s;
    QTest::addRow("bad key") << row([](QJsonObject &r) { r[u"key"_s] = u"-1"_s; }) << int(K::BadField)
                             << u"dialogs[0].key"_s << u"not a row key"_s;
    QTest::addRow("leg not an object")
        << dialog([](QJsonObject &d) { d[u"caller"_s] = 5; }) << int(K::BadField)
        << u"dialogs[0].dialog.caller"_s << u"expected an object, found a number"_s;
}

void TestSnapshotReader::badFilesSayWhatIsWrong()
{
    QFETCH(QByteArray, data);
    QFETCH(int, kind);
    QFETCH(QString, where);
    QFETCH(QString, detail);
    SnapshotError error;
    const auto s = SnapshotReader::parse(data, {}, &error);
    QVERIFY(!s);
    QCOMPARE(int(error.kind), kind);
    QVERIFY2(error.where.startsWith(where), qPrintable(error.text()));
    QVERIFY2(error.detail.contains(detail), qPrintable(error.text()));
}

void TestSnapshotReader::brokenCompressionIsReported()
{
    const QString path = m_dir.filePath(u"whole.cdsnap"_s);
    SnapshotError error;
    QVERIFY(SnapshotWriter::write(handMade(), path, {}, &error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();

    QVERIFY(!SnapshotReader::parse(whole.left(whole.size() - 20), {}, &error));
    QCOMPARE(error.kind, SnapshotError::Kind::Compression);
    QVERIFY2(error.detail.contains(u"truncated"_s), qPrintable(error.text()));
    QVERIFY(error.where.startsWith(u"byte "_s));

    QByteArray corrupt = whole;
    for (qsizetype i = 20; i < 40; ++i)
    {
        corrupt[i] = char(corrupt[i] ^ 0x5a);
    }
    QVERIFY(!SnapshotReader::parse(corrupt, {}, &error));
    QCOMPARE(error.kind, SnapshotError::Kind::Compression);

    QVERIFY(!SnapshotReader::read(m_dir.filePath(u"missing.cdsnap"_s), {}, &error));
    QCOMPARE(error.kind, SnapshotError::Kind::Io);
    QVERIFY(error.where.endsWith(u"missing.cdsnap"_s));
}

QTEST_GUILESS_MAIN(TestSnapshotReader)
#include "tst_snapshotreader.moc"
