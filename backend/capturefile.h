// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <cstdio>
#include <string_view>

#include <QString>

struct pcap; // libpcap's pcap_t, kept out of this header

/// @brief A pcap or pcapng file read record by record with libpcap, timestamps at nanosecond
/// precision (given here in microseconds). Reads through a large stdio buffer, so a replay
/// costs few system calls.
class CaptureFile final
{
public:
    enum class Read : std::uint8_t
    {
        Record, ///< @p record holds the next record
        End,    ///< no more records
        Error,  ///< the file is damaged or cut short (see errorString())
    };
    struct Record
    {
        std::string_view data;        ///< captured bytes; valid until the next call of next()
        std::int64_t timeUs = 0;      ///< capture time, Unix microseconds
        std::uint32_t wireLength = 0; ///< length on the wire (more than data.size() when snapped)
    };

    CaptureFile() = default;
    ~CaptureFile();
    CaptureFile(const CaptureFile &) = delete;
    CaptureFile &operator=(const CaptureFile &) = delete;

    /// @brief Opens @p path; false with errorString() set ("cannot open X: ...; <what to do>").
    bool open(const QString &path);
    void close();

    Read next(Record &record);
    /// @brief DLT_* value of the capture (pcap_datalink()).
    int linkType() const;
    /// @brief "EN10MB (Ethernet)" style name of the link type.
    QString linkTypeName() const;
    /// @brief Bytes of the file consumed so far (for progress; costs a system call).
    qint64 position() const;
    qint64 size() const { return m_size; }
    QString errorString() const { return m_error; }

private:
    pcap *m_pcap = nullptr;
    std::FILE *m_file = nullptr;
    qint64 m_size = 0;
    QString m_path;
    QString m_error;
};
