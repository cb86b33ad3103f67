// SPDX-License-Identifier: GPL-3.0-or-later
#include <utility>

#include <QTest>

#include "backend/core/sipparser.h"
#include "siptestsupport.h"

using namespace calldeck::core;
using namespace Qt::StringLiterals;

namespace
{

QString errorName(SipParseError e)
{
    return QString::fromLatin1(siptest::toBytes(sipParseErrorName(e)));
}

/** A TCP reader as the engine runs it: append what arrives, cut every complete frame. */
struct StreamReader
{
    QByteArray buffer;
    QList<QByteArray> frames;
    SipParseError error = SipParseError::None;

    void feed(const QByteArray &chunk)
    {
        buffer += chunk;
        while (error == SipParseError::None)
        {
            // An exact-size copy, so that ASan catches a read past what has arrived.
            const siptest::ExactBuffer exact(siptest::toView(buffer));
            const std::size_t length = SipParser::frameLength(exact.view(), error);
            if (length == 0)
            {
                return;
            }
            if (length > std::size_t(buffer.size()))
            {
                error = SipParseError::TooLarge; // never: a frame is never longer than the data
                return;
            }
            frames.append(buffer.left(qsizetype(length)));
            buffer.remove(0, qsizetype(length));
        }
    }

    /** The messages among the frames (keep-alive-only frames dropped), as parse() frames them. */
    QList<QByteArray> messages() const
    {
        QList<QByteArray> out;
        for (const QByteArray &frame : frames)
        {
            SipMessage m;
            const SipParseError e = SipParser::parse(siptest::toView(frame), m);
            if (e == SipParseError::None)
            {
                out.append(siptest::toBytes(m.raw()));
            }
            else if (e != SipParseError::Empty)
            {
                out.append("parse error: " + siptest::toBytes(sipParseErrorName(e)));
            }
        }
        return out;
    }
};

QByteArray message(const QByteArray &extraHeaders, const QByteArray &body, bool withLength = true)
{
    QByteArray m =
        "MESSAGE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n"
        "To: <sip:b@h>\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\n"_ba +
        extraHeaders;
    if (withLength)
    {
        m += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return m + "\r\n" + body;
}

/** Real messages with Content-Length, in stream order, with keep-alives between some. */
void buildStream(QByteArray &stream, QList<QByteArray> &expected)
{
    int i = 0;
    for (const QString &name : siptest::hepNames())
    {
        const QByteArray sip = siptest::hepPayload(siptest::readFile(siptest::hepDir() + u'/' + name));
        stream += sip;
        expected.append(sip);
        if (++i % 3 == 0)
        {
            stream += "\r\n\r\n";
        }
    }
    for (const char *name : {"invite-sdp.sip", "bare-lf.sip", "compact.sip", "folded.sip", "notify.sip"})
    {
        const QByteArray sip = siptest::readFixture(QString::fromLatin1(name));
        stream += sip;
        expected.append(sip);
    }
    stream += "\r\n";
}

} // namespace

class TestSipFraming final : public QObject
{
    Q_OBJECT

private slots:
    void frameLength_data();
    void frameLength();
    void wholeStream();
    void splitAtEveryByte();
    void oneByteAtATime();
    void keepAliveFrames();
};

void TestSipFraming::frameLength_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("error");
    const QString none = u"none"_s;
    const QByteArray empty = message({}, {});
    const QByteArray withBody = message({}, "body");
    const int e = int(empty.size());
    const int b = int(withBody.size());
    QTest::newRow("nothing") << QByteArray() << 0 << none;
    QTest::newRow("keep-alive") << "\r\n"_ba << 2 << none;
    QTest::newRow("double keep-alive") << "\r\n\r\n"_ba << 4 << none;
    QTest::newRow("start line only") << "MESSAGE sip:b@h SIP/2.0\r\n"_ba << 0 << none;
    QTest::newRow("headers cut") << empty.left(e - 1) << 0 << none;
    QTest::newRow("complete") << empty << e << none;
    QTest::newRow("complete + next") << empty + "MESSAGE sip:x" << e << none;
    QTest::newRow("keep-alive + complete") << "\r\n\r\n" + empty << 4 + e << none;
    QTest::newRow("keep-alive + partial") << "\r\n\r\nMESS"_ba << 0 << none;
    QTest::newRow("body cut") << withBody.chopped(2) << 0 << none;
    QTest::newRow("body complete") << withBody << b << none;
    QTest::newRow("body + next") << withBody + withBody << b << none;
    QTest::newRow("bare LF") << QByteArray(withBody).replace("\r\n", "\n") << b - 8 << none;
    QTest::newRow("compact l") << message("l: 4\r\n", "body", false) << b - 13 << none;
    QTest::newRow("space before colon") << message("Content-Length : 4\r\n", "body", false) << b + 1 << none;
    QTest::newRow("folded length") << message("Content-Length:\r\n 4\r\n", "body", false) << b + 2 << none;
    QTest::newRow("no length = 0") << message({}, "body", false) << b - 19 - 4 << none;
    QTest::newRow("look-alike header") << message("X-Content-Length: 99\r\n", "body") << b + 22 << none;
    QTest::newRow("equal lengths") << message("Content-Length: 4\r\n", "body") << b + 19 << none;
    QTest::newRow("bad length") << message("Content-Length: x\r\n", {}, false) << 0
                                << u"bad-content-length"_s;
    QTest::newRow("differing") << message("Content-Length: 5\r\n", "body") << 0 << u"bad-content-length"_s;
    QTest::newRow("2^32") << message("Content-Length: 4294967296\r\n", {}, false) << 0
                          << u"bad-content-length"_s;
    QTest::newRow("length too large")
        << message("Content-Length: 70000\r\n", {}, false) << 0 << u"too-large"_s;
    QTest::newRow("headers without end, 60000")
        << "MESSAGE sip:b@h SIP/2.0\r\n" + QByteArray(60000, 'x') << 0 << none;
    QTest::newRow("headers without end, 70000")
        << "MESSAGE sip:b@h SIP/2.0\r\n" + QByteArray(70000, 'x') << 0 << u"too-large"_s;
}

void TestSipFraming::frameLength()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, length);
    QFETCH(QString, error);
    SipParseError e = SipParseError::Empty; // overwritten
    const siptest::ExactBuffer exact(siptest::toView(stream));
    QCOMPARE(int(SipParser::frameLength(exact.view(), e)), length);
    QCOMPARE(errorName(e), error);
    if (length > 0 && error == u"none"_s && !stream.startsWith('\r'))
    {
        SipMessage m;
        QCOMPARE(SipParser::parse(std::string_view(stream.constData(), std::size_t(length)), m),
                 SipParseError::None);
        QCOMPARE(int(m.raw().size()), length);
    }
}

void TestSipFraming::wholeStream()
{
    QByteArray stream;
    QList<QByteArray> expected;
    buildStream(stream, expected);
    StreamReader reader;
    reader.feed(stream);
    QCOMPARE(errorName(reader.error), u"none"_s);
    QCOMPARE(reader.messages(), expected);
    QVERIFY(reader.buffer.isEmpty());
}

void TestSipFraming::splitAtEveryByte()
{
    QByteArray stream;
    QList<QByteArray> expected;
    buildStream(stream, expected);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut)
    {
        StreamReader reader;
        reader.feed(stream.left(cut));
        reader.feed(stream.mid(cut));
        QVERIFY2(reader.error == SipParseError::None, qPrintable(u"cut at %1"_s.arg(cut)));
        QVERIFY2(reader.messages() == expected, qPrintable(u"cut at %1"_s.arg(cut)));
        QVERIFY(reader.buffer.isEmpty());
    }
}

void TestSipFraming::oneByteAtATime()
{
    QByteArray stream;
    QList<QByteArray> expected;
    buildStream(stream, expected);
    StreamReader reader;
    for (const char c : std::as_const(stream))
    {
        reader.feed(QByteArray(1, c));
    }
    QCOMPARE(errorName(reader.error), u"none"_s);
    QCOMPARE(reader.messages(), expected);
    QVERIFY(reader.buffer.isEmpty());
}

void TestSipFraming::keepAliveFrames()
{
    // An idle connection's keep-alives are handed over as frames of their own (parse() says
    // Empty), so they never pile up in the reader's buffer.
    StreamReader reader;
    for (int i = 0; i < 100000; ++i)
    {
        reader.feed("\r\n\r\n"_ba);
    }
    QCOMPARE(reader.frames.size(), 100000);
    QVERIFY(reader.buffer.isEmpty());
    SipMessage m;
    QCOMPARE(SipParser::parse(siptest::toView(reader.frames.first()), m), SipParseError::Empty);
    QVERIFY(reader.messages().isEmpty());
}

QTEST_APPLESS_MAIN(TestSipFraming)
#include "tst_sipframing.moc"
