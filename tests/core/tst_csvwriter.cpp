// SPDX-License-Identifier: GPL-3.0-or-later
// CsvWriter: RFC 4180 text read back by an independent parser, the formula guard, the BOM, and
// the headless dialog CSV with the dlg.list names.
#include "backend/core/csvwriter.h"
#include "backend/core/dialogcsv.h"

#include <QTest>

using calldeck::core::CsvWriter;
using namespace Qt::StringLiterals;

namespace
{
using Table = std::vector<std::vector<std::string>>;

/// A strict RFC 4180 reader (records end in CRLF; quoted fields may hold anything, "" is a quote).
/// Returns false on anything the RFC does not allow, e.g. a bare quote inside an unquoted field.
bool parseCsv(std::string_view text, Table &out)
{
    std::vector<std::string> record;
    std::string field;
    std::size_t i = 0;
    while (i < text.size())
    {
        if (text[i] == '"')
        {
            ++i;
            for (;;)
            {
                if (i >= text.size())
                {
                    return false; // unterminated
                }
                if (text[i] == '"')
                {
                    if (i + 1 < text.size() && text[i + 1] == '"')
                    {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        }
        else
        {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
            {
                if (text[i] == '"')
                {
                    return false;
                }
                field += text[i++];
            }
        }
        if (i < text.size() && text[i] == ',')
        {
            record.push_back(std::move(field));
            field.clear();
            ++i;
            continue;
        }
        if (text.substr(i, 2) != "\r\n")
        {
            return false; // a record must end in CRLF, a bare LF or CR is not allowed outside quotes
        }
        record.push_back(std::move(field));
        field.clear();
        out.push_back(std::move(record));
        record.clear();
        i += 2;
    }
    return record.empty() && field.empty();
}
} // namespace

class TestCsvWriter final : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsEveryAwkwardField();
    void formulaGuard_data();
    void formulaGuard();
    void withoutBomAndGuard();
    void dialogListCsvHasTheKamailioNames();
};

void TestCsvWriter::roundTripsEveryAwkwardField()
{
    const Table table{
        {"State", "Call-ID", "From", "Profiles"},
        {"Confirmed", "a,b@host", "\"Alice\" <sip:alice@example.com>", "inbound, trunk=gw1"},
        {"Early", "line1\r\nline2", "bare\nLF and bare\rCR", ""},
        {"Ünïcødé ☎", "日本語", "Grüße, \"Zitat\"", "=1+2"},
        {"-5", "-0.25", "-cmd|' /C calc'!A0", "@SUM(A1)"},
        {"+4930123", "\tTAB", "\rCR first", "plain"},
    };
    CsvWriter csv;
    for (const auto &row : table)
    {
        csv.addRow(row);
    }
    const std::string text = csv.take();
    QVERIFY(text.starts_with("\xEF\xBB\xBF"));
    Table back;
    QVERIFY(parseCsv(std::string_view(text).substr(3), back));
    QCOMPARE(back.size(), table.size());
    for (std::size_t r = 0; r < table.size(); ++r)
    {
        QCOMPARE(back[r].size(), table[r].size());
        for (std::size_t c = 0; c < table[r].size(); ++c)
        {
            // What a spreadsheet reads is the value, with an apostrophe before a formula.
            const std::string expected = (CsvWriter::needsFormulaGuard(table[r][c]) ? "'" : "") + table[r][c];
            QCOMPARE(back[r][c], expected);
        }
    }
    // Fields with a comma, quote, CR or LF are quoted, and quotes doubled; others are not.
    QVERIFY(text.find("\"a,b@host\"") != std::string::npos);
    QVERIFY(text.find("\"\"\"Alice\"\" <sip:alice@example.com>\"") != std::string::npos);
    QVERIFY(text.find(",Confirmed,") == std::string::npos); // first field: no leading comma
    QVERIFY(text.find("\r\nConfirmed,") != std::string::npos);
}

void TestCsvWriter::formulaGuard_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("guarded");
    QTest::newRow("equals") << u"=HYPERLINK(\"http://x\")"_s << true;
    QTest::newRow("plus") << u"+1"_s << true;
    QTest::newRow("minus formula") << u"-2+3"_s << true;
    QTest::newRow("minus text") << u"-cmd"_s << true;
    QTest::newRow("at") << u"@SUM(1)"_s << true;
    QTest::newRow("tab") << u"\tx"_s << true;
    QTest::newRow("cr") << u"\rx"_s << true;
    QTest::newRow("negative integer") << u"-5"_s << false;
    QTest::newRow("negative decimal") << u"-12.75"_s << false;
    QTest::newRow("minus alone") << u"-"_s << true;
    QTest::newRow("minus point") << u"-1."_s << true;
    QTest::newRow("plain") << u"sip:bob@example.com"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("inner equals") << u"a=b"_s << false;
}

void TestCsvWriter::formulaGuard()
{
    QFETCH(QString, value);
    QFETCH(bool, guarded);
    const std::string v = value.toStdString();
    QCOMPARE(CsvWriter::needsFormulaGuard(v), guarded);
    const std::string field = CsvWriter::field(v);
    const std::size_t start = field.starts_with('"') ? 1 : 0; // a quoted field
    QCOMPARE(field.find('\'') == start, guarded);
    QCOMPARE(CsvWriter::field(v, false).find('\'') == 0, false);
}

void TestCsvWriter::withoutBomAndGuard()
{
    CsvWriter csv({.byteOrderMark = false, .formulaGuard = false});
    csv.addRow({"=1", "a\"b"});
    QCOMPARE(csv.text(), std::string("=1,\"a\"\"b\"\r\n"));
}

void TestCsvWriter::dialogListCsvHasTheKamailioNames()
{
    calldeck::core::DialogSnapshot d;
    d.hEntry = 7;
    d.hId = 42;
    d.callId = "c1@host";
    d.fromUri = "sip:alice@example.com";
    d.toUri = "sip:bob@example.com";
    d.state = 4;
    d.startTs = 1700000000;
    d.caller.tag = "t1";
    d.profiles = {{"inbound", std::nullopt}, {"trunk", "gw1"}};
    d.variables = {{"x", "1,2"}};
    const std::string text = calldeck::core::dialogListCsv({d});
    Table back;
    QVERIFY(parseCsv(std::string_view(text).substr(3), back));
    QCOMPARE(back.size(), std::size_t(2));
    QCOMPARE(back[0].front(), std::string("h_entry"));
    QCOMPARE(back[0][2], std::string("call-id"));
    QCOMPARE(back[0].back(), std::string("variables"));
    QCOMPARE(back[1][0], std::string("7"));
    QCOMPARE(back[1][1], std::string("42"));
    QCOMPARE(back[1][2], std::string("c1@host"));
    QCOMPARE(back[1][5], std::string("4"));
    QCOMPARE(back[1][6], std::string("1700000000"));
    QCOMPARE(back[1][12], std::string("t1"));
    QCOMPARE(back[1][16], std::string("inbound; trunk=gw1"));
    QCOMPARE(back[1][17], std::string("x=1,2"));
}

QTEST_APPLESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
