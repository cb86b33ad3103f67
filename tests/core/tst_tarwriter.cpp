// SPDX-License-Identifier: GPL-3.0-or-later
// TarWriter: ustar headers (checksum, octal fields, magic), data padding, long names split into
// prefix and name, refusals, and the end blocks; read back by a small reader here.
#include "backend/core/tarwriter.h"

#include <QTest>

using calldeck::core::TarWriter;

namespace
{
struct Entry
{
    std::string name;
    std::string data;
    std::uint64_t mtime = 0;
};

std::uint64_t octal(std::string_view field)
{
    std::uint64_t v = 0;
    for (const char c : field)
    {
        if (c < '0' || c > '7')
        {
            break;
        }
        v = v * 8 + std::uint64_t(c - '0');
    }
    return v;
}

/// Reads a ustar archive; false on a bad checksum, magic or truncation.
bool readTar(const std::string &tar, std::vector<Entry> &out)
{
    std::size_t pos = 0;
    while (pos + 512 <= tar.size())
    {
        const std::string_view h(tar.data() + pos, 512);
        if (h.find_first_not_of('\0') == std::string_view::npos)
        {
            return true; // end block
        }
        std::uint32_t sum = 0;
        for (std::size_t i = 0; i < 512; ++i)
        {
            sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
        }
        if (sum != octal(h.substr(148, 8)) || h.substr(257, 6) != std::string_view("ustar\0", 6) ||
            h.substr(263, 2) != "00" || h[156] != '0')
        {
            return false;
        }
        Entry e;
        const std::string_view prefix = h.substr(345, 155);
        const std::string_view name = h.substr(0, 100);
        e.name = std::string(name.substr(0, name.find('\0')));
        if (prefix[0] != '\0')
        {
            e.name = std::string(prefix.substr(0, prefix.find('\0'))) + '/' + e.name;
        }
        const std::uint64_t size = octal(h.substr(124, 12));
        e.mtime = octal(h.substr(136, 12));
        pos += 512;
        if (pos + size > tar.size())
        {
            return false;
        }
        e.data = tar.substr(pos, size);
        pos += (size + 511) / 512 * 512;
        out.push_back(std::move(e));
    }
    return false;
}
} // namespace

class TestTarWriter final : public QObject
{
    Q_OBJECT

private slots:
    void filesReadBack();
    void longNamesAndRefusals();
};

void TestTarWriter::filesReadBack()
{
    TarWriter tar;
    std::string binary;
    for (int i = 0; i < 1500; ++i)
    {
        binary += static_cast<char>(i * 7);
    }
    QVERIFY(tar.add("manifest.json", "{}", 1700000000));
    QVERIFY(tar.add("charts/calls.png", binary, 1700000001));
    QVERIFY(tar.add("empty.txt", "", 1700000002));
    QVERIFY(tar.add("block.bin", std::string(512, 'x'), 5));
    tar.finish();
    QVERIFY(!tar.add("late.txt", "x", 0));
    const std::string bytes = tar.take();
    QCOMPARE(bytes.size() % TarWriter::RecordSize, std::size_t(0));
    std::vector<Entry> entries;
    QVERIFY(readTar(bytes, entries));
    QCOMPARE(entries.size(), std::size_t(4));
    QCOMPARE(entries[0].name, std::string("manifest.json"));
    QCOMPARE(entries[0].data, std::string("{}"));
    QCOMPARE(entries[0].mtime, std::uint64_t(1700000000));
    QCOMPARE(entries[1].name, std::string("charts/calls.png"));
    QVERIFY(entries[1].data == binary);
    QCOMPARE(entries[2].data, std::string());
    QCOMPARE(entries[3].data, std::string(512, 'x'));
}

void TestTarWriter::longNamesAndRefusals()
{
    TarWriter tar;
    const std::string dir(120, 'd');
    const std::string longName = dir + "/" + std::string(90, 'f');
    QVERIFY(tar.add(longName, "x", 0));
    QVERIFY(!tar.add(std::string(101, 'n'), "x", 0)); // no '/' to split at
    QVERIFY(!tar.add("", "x", 0));
    QVERIFY(!tar.add("/etc/passwd", "x", 0));
    QVERIFY(!tar.add("a/../b", "x", 0));
    QVERIFY(!tar.add("a//b", "x", 0));
    tar.finish();
    std::vector<Entry> entries;
    QVERIFY(readTar(tar.bytes(), entries));
    QCOMPARE(entries.size(), std::size_t(1));
    QCOMPARE(entries[0].name, longName);
}

QTEST_APPLESS_MAIN(TestTarWriter)
#include "tst_tarwriter.moc"
