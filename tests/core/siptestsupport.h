// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the SIP parser tests: reading the fixtures in tests/data/sip and the HEPv3
// datagrams in the samples, exact-size copies for ASan, and view bounds checks.

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

namespace siptest
{

inline QString fixtureDir()
{
    return QStringLiteral(CALLDECK_TEST_DATA "/sip");
}

inline QString hepDir()
{
    return QStringLiteral(CALLDECK_SAMPLES "/hep");
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
    {
        return {};
    }
    return file.readAll();
}

inline QByteArray readFixture(const QString &name)
{
    return readFile(fixtureDir() + QLatin1Char('/') + name);
}

/** Every fixture file name (*.sip), sorted. */
inline QStringList fixtureNames()
{
    return QDir(fixtureDir()).entryList({QStringLiteral("*.sip")}, QDir::Files, QDir::Name);
}

/** The HEP sample file names (001.bin ...), sorted. */
inline QStringList hepNames()
{
    return QDir(hepDir()).entryList({QStringLiteral("*.bin")}, QDir::Files, QDir::Name);
}

/**
 * The payload chunk (vendor 0, type 15) of a HEPv3 datagram: "HEP3", total length (u16),
 * then chunks {vendor u16, type u16, length u16 including the 6-byte chunk header, value},
 * all big-endian. Empty when the datagram is not HEPv3 or has no payload.
 */
inline QByteArray hepPayload(const QByteArray &datagram)
{
    const auto u16 = [&datagram](qsizetype at) {
        return static_cast<std::uint16_t>((static_cast<std::uint8_t>(datagram[at]) << 8) |
                                          static_cast<std::uint8_t>(datagram[at + 1]));
    };
    if (datagram.size() < 6 || !datagram.startsWith("HEP3"))
    {
        return {};
    }
    const qsizetype total = qMin<qsizetype>(u16(4), datagram.size());
    qsizetype pos = 6;
    while (pos + 6 <= total)
    {
        const std::uint16_t vendor = u16(pos);
        const std::uint16_t type = u16(pos + 2);
        const std::uint16_t length = u16(pos + 4);
        if (length < 6 || pos + length > total)
        {
            return {};
        }
        if (vendor == 0 && type == 15)
        {
            return datagram.mid(pos + 6, length - 6);
        }
        pos += length;
    }
    return {};
}

/** A heap copy of exactly `size` bytes, so that ASan reports any read past the end. */
class ExactBuffer
{
public:
    ExactBuffer(const char *data, std::size_t size)
        : m_size(size)
        , m_data(new char[size == 0 ? 1 : size])
    {
        if (size != 0)
        {
            std::memcpy(m_data.get(), data, size);
        }
    }
    explicit ExactBuffer(std::string_view text)
        : ExactBuffer(text.data(), text.size())
    {}
    std::string_view view() const { return std::string_view(m_data.get(), m_size); }
    char *data() { return m_data.get(); }
    std::size_t size() const { return m_size; }

private:
    std::size_t m_size;
    std::unique_ptr<char[]> m_data;
};

/** True when `inner` is empty or lies inside `outer`. */
inline bool within(std::string_view outer, std::string_view inner)
{
    if (inner.empty())
    {
        return true;
    }
    const std::less_equal<const char *> le;
    return le(outer.data(), inner.data()) && le(inner.data() + inner.size(), outer.data() + outer.size());
}

inline std::string_view toView(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

inline QByteArray toBytes(std::string_view view)
{
    return QByteArray(view.data(), static_cast<qsizetype>(view.size()));
}

} // namespace siptest
