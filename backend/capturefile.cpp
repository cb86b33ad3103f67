// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/capturefile.h"

#include <cerrno>
#include <cstring>

#include <QFile>
#include <QFileInfo>

#include <pcap/pcap.h>

using namespace Qt::StringLiterals;

namespace
{

constexpr std::size_t ReadBuffer = 1u << 20; // stdio buffer: ~1500 records of a SIP capture per read()

} // namespace

CaptureFile::~CaptureFile()
{
    close();
}

bool CaptureFile::open(const QString &path)
{
    close();
    m_path = path;
    m_error.clear();
    const QFileInfo info(path);
    if (info.isDir())
    {
        m_error = u"cannot open %1: it is a directory; give a pcap or pcapng file"_s.arg(path);
        return false;
    }
    m_file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (m_file == nullptr)
    {
        const int err = errno;
        const QString reason = QString::fromLocal8Bit(std::strerror(err));
        m_error = err == ENOENT   ? u"cannot open %1: %2; check the path"_s.arg(path, reason)
                  : err == EACCES ? u"cannot open %1: %2; check the file's permissions"_s.arg(path, reason)
                                  : u"cannot open %1: %2; is it a pcap or pcapng file?"_s.arg(path, reason);
        return false;
    }
    std::setvbuf(m_file, nullptr, _IOFBF, ReadBuffer);
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    m_pcap = pcap_fopen_offline_with_tstamp_precision(m_file, PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (m_pcap == nullptr)
    {
        // libpcap leaves the FILE open when it refuses it.
        const QString reason = QString::fromLocal8Bit(errbuf);
        m_error = info.size() == 0
                      ? u"cannot open %1: the file is empty; is it a pcap or pcapng file?"_s.arg(path)
                      : u"cannot open %1: %2; is it a pcap or pcapng file?"_s.arg(path, reason);
        close();
        return false;
    }
    m_size = info.size();
    return true;
}

void CaptureFile::close()
{
    if (m_pcap != nullptr)
    {
        pcap_close(m_pcap); // closes m_file too
        m_pcap = nullptr;
        m_file = nullptr;
    }
    if (m_file != nullptr)
    {
        std::fclose(m_file);
        m_file = nullptr;
    }
}

CaptureFile::Read CaptureFile::next(Record &record)
{
    if (m_pcap == nullptr)
    {
        return Read::End;
    }
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    switch (pcap_next_ex(m_pcap, &header, &data))
    {
    case 1:
        record.data = std::string_view(reinterpret_cast<const char *>(data), header->caplen);
        // With nanosecond precision, tv_usec holds nanoseconds.
        record.timeUs = std::int64_t(header->ts.tv_sec) * 1000000 + std::int64_t(header->ts.tv_usec) / 1000;
        record.wireLength = header->len;
        return Read::Record;
    case PCAP_ERROR_BREAK:
        return Read::End;
    default:
        m_error = QString::fromLocal8Bit(pcap_geterr(m_pcap));
        return Read::Error;
    }
}

int CaptureFile::linkType() const
{
    return m_pcap != nullptr ? pcap_datalink(m_pcap) : -1;
}

QString CaptureFile::linkTypeName() const
{
    const int dlt = linkType();
    const char *name = pcap_datalink_val_to_name(dlt);
    const char *description = pcap_datalink_val_to_description(dlt);
    if (name == nullptr)
    {
        return u"DLT %1"_s.arg(dlt);
    }
    return description != nullptr
               ? u"%1 (%2)"_s.arg(QString::fromLatin1(name), QString::fromLatin1(description))
               : QString::fromLatin1(name);
}

qint64 CaptureFile::position() const
{
    return m_file != nullptr ? qint64(std::ftell(m_file)) : 0;
}
