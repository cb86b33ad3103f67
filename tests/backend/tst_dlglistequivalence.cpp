// SPDX-License-Identifier: GPL-3.0-or-later
// The Qt DlgListParser and the core DlgListReader must agree: the same snapshots and the same
// skipped entries (and, for entries, the same English lines) on every sample, on generated
// lists, and on generated lists with values of the wrong type spliced in.
#include <random>
#include <string>
#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "backend/core/dlglistreader.h"
#include "backend/dlglistparser.h"
#include "bench/dlglistgen.h"

using namespace calldeck::core;

namespace
{

QByteArray sample(const QString &name)
{
    QFile f(QStringLiteral(CALLDECK_SAMPLES) + u'/' + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::string_view view(const QByteArray &b)
{
    return {b.constData(), static_cast<std::size_t>(b.size())};
}

/** Both parsers on a whole reply; a failed comparison names the first differing dialog. */
void compareReply(const QByteArray &body, qsizetype *skipped = nullptr)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const DlgListParser::Result qt = DlgListParser::parseList(doc.object().value(QLatin1String("result")));
    const DlgListReply core = readDlgListReply(view(body));
    QCOMPARE(core.kind, DlgListReply::Kind::Result);
    QCOMPARE(core.dialogs.size(), qt.dialogs.size());
    for (std::size_t i = 0; i < qt.dialogs.size(); ++i)
    {
        QVERIFY2(core.dialogs[i] == qt.dialogs[i], qPrintable(QString::fromStdString(qt.dialogs[i].callId)));
    }
    QCOMPARE(core.errors.size(), static_cast<std::size_t>(qt.errors.size()));
    if (skipped)
    {
        *skipped += qt.errors.size();
    }
    for (qsizetype i = 0; i < qt.errors.size(); ++i)
    {
        QCOMPARE(QString::fromStdString(core.errors[static_cast<std::size_t>(i)]), qt.errors[i]);
    }
}

QJsonValue wrongValue(std::mt19937 &rng)
{
    switch (rng() % 10)
    {
    case 0:
        return QStringLiteral("x");
    case 1:
        return 1.5;
    case 2:
        return -1;
    case 3:
        return 4294967296.0;
    case 4:
        return true;
    case 5:
        return QJsonValue::Null;
    case 6:
        return QJsonArray{QStringLiteral("a"), QJsonObject{{QStringLiteral("b"), 2}}};
    case 7:
        return QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}, {QStringLiteral("n"), 1}};
    case 8:
        return QJsonArray{QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}};
    default:
        return 255;
    }
}

} // namespace

class TestDlgListEquivalence final : public QObject
{
    Q_OBJECT

private slots:
    void samples_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"dlg.list.json", "dlg.list_ctx.json", "dlg.list_match.callid.json",
                              "dlg.list_match.start_ts_limit2.json", "dlg.profile_list.caller_sipp.json",
                              "dlg.profile_list.inbound.json", "did-pair.dlg.list.json"})
        {
            QTest::newRow(f) << QString::fromLatin1(f);
        }
    }

    void samples()
    {
        QFETCH(QString, file);
        const QByteArray body = sample(file);
        QVERIFY(!body.isEmpty());
        compareReply(body);
    }

    void dumpFile()
    {
        QByteArray text = sample(QStringLiteral("dlg.dump_file.first3.ndjson"));
        QVERIFY(!text.isEmpty());
        text += "\n[1]\n{\"h_entry\":1}\n\n{\"h_entry\":\n"; // a few bad lines too
        const DlgListParser::Result qt = DlgListParser::parseDumpFile(text);
        const DlgListReply core = readDlgDumpFile(view(text));
        QCOMPARE(core.dialogs.size(), qt.dialogs.size());
        QCOMPARE(core.dialogs.size(), std::size_t(3));
        for (std::size_t i = 0; i < qt.dialogs.size(); ++i)
        {
            QVERIFY(core.dialogs[i] == qt.dialogs[i]);
        }
        QCOMPARE(core.errors.size(), static_cast<std::size_t>(qt.errors.size()));
        QCOMPARE(QString::fromStdString(core.errors[0]), qt.errors[0]); // the array line
        QCOMPARE(QString::fromStdString(core.errors[1]), qt.errors[1]); // the entry error
    }

    void generated_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("seed");
        QTest::newRow("empty") << 0 << 1;
        QTest::newRow("1") << 1 << 2;
        QTest::newRow("500") << 500 << 3;
        QTest::newRow("5000") << 5000 << 4;
    }

    void generated()
    {
        QFETCH(int, count);
        QFETCH(int, seed);
        calldeck::bench::DlgListGenerator gen(static_cast<std::uint64_t>(seed));
        gen.populate(static_cast<std::size_t>(count), 1795747708);
        for (int poll = 0; poll < 3; ++poll)
        {
            const std::string body = gen.reply(poll + 1);
            compareReply(QByteArray::fromStdString(body));
            gen.step(2);
        }
    }

    void generatedWithWrongValues()
    {
        static const char *const keys[] = {
            "h_entry",  "h_id",    "ref",    "call-id",  "call_id",   "from_uri", "to_uri", "state",
            "start_ts", "init_ts", "end_ts", "duration", "timeout",   "lifetime", "dflags", "sflags",
            "iflags",   "caller",  "callee", "profiles", "variables", "unknown"};
        static const char *const legKeys[] = {"tag", "contact", "cseq", "route_set", "socket"};
        calldeck::bench::DlgListGenerator gen(9);
        gen.populate(300, 1795747708);
        std::mt19937 rng(77);
        qsizetype skipped = 0;
        for (int round = 0; round < 20; ++round)
        {
            QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(gen.reply(1)));
            QJsonObject reply = doc.object();
            QJsonArray list = reply.value(QLatin1String("result")).toArray();
            for (qsizetype i = 0; i < list.size(); ++i)
            {
                if (rng() % 3)
                {
                    continue;
                }
                QJsonObject o = list.at(i).toObject();
                const int edits = 1 + static_cast<int>(rng() % 3);
                for (int e = 0; e < edits; ++e)
                {
                    const QString key = QString::fromLatin1(keys[rng() % std::size(keys)]);
                    const auto what = rng() % 10;
                    if (what == 0)
                    {
                        o.remove(key);
                    }
                    else if (what < 3 && (key == u"caller" || key == u"callee"))
                    {
                        QJsonObject leg = o.value(key).toObject();
                        leg.insert(QString::fromLatin1(legKeys[rng() % 5]), wrongValue(rng));
                        o.insert(key, leg);
                    }
                    else
                    {
                        o.insert(key, wrongValue(rng));
                    }
                }
                list[i] = rng() % 40 ? QJsonValue(o) : wrongValue(rng);
            }
            reply.insert(QLatin1String("result"), list);
            const auto format = rng() % 2 ? QJsonDocument::Indented : QJsonDocument::Compact;
            compareReply(QJsonDocument(reply).toJson(format), &skipped);
        }
        QVERIFY(skipped > 500); // most edits make an entry malformed
    }
};

QTEST_APPLESS_MAIN(TestDlgListEquivalence)
#include "tst_dlglistequivalence.moc"
