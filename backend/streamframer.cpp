// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/streamframer.h"

#include <cstdio>

#include "backend/core/hepdecoder.h"
#include "backend/core/sipparser.h"

using calldeck::core::HepDecoder;
using calldeck::core::HepError;
using calldeck::core::SipParseError;
using calldeck::core::SipParser;

namespace
{

bool isMagicPrefix(std::string_view head)
{
    const std::size_t n = head.size() < 4 ? head.size() : 4;
    return head.substr(0, n) == std::string_view("HEP3").substr(0, n) ||
           head.substr(0, n) == std::string_view("EEP3").substr(0, n);
}

/// A SIP start line begins with a method (a token, in practice letters) or "SIP/2.0".
bool canStartSip(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string hexBytes(std::string_view data)
{
    std::string out;
    char byte[4];
    for (std::size_t i = 0; i < data.size() && i < 8; ++i)
    {
        std::snprintf(byte, sizeof byte, "%s%02x", i ? " " : "", static_cast<unsigned char>(data[i]));
        out += byte;
    }
    return out;
}

} // namespace

bool StreamFramer::append(std::string_view data)
{
    if (failed())
    {
        return false;
    }
    if (m_begin > 0)
    {
        m_buffer.erase(0, m_begin);
        m_begin = 0;
    }
    if (data.size() > MaxAppendBytes || m_buffer.size() + data.size() > MaxBufferedBytes)
    {
        fail("more than " + std::to_string(MaxBufferedBytes) + " bytes arrived without a complete message");
        return false;
    }
    m_buffer.append(data);
    return true;
}

std::size_t StreamFramer::pendingBytes() const
{
    std::size_t i = m_begin;
    if (m_mode != Mode::Hep)
    {
        while (i < m_buffer.size() && (m_buffer[i] == '\r' || m_buffer[i] == '\n'))
        {
            ++i;
        }
    }
    return m_buffer.size() - i;
}

void StreamFramer::skipKeepAlives()
{
    while (m_begin < m_buffer.size() && (m_buffer[m_begin] == '\r' || m_buffer[m_begin] == '\n'))
    {
        ++m_begin;
    }
}

StreamFramer::Status StreamFramer::fail(std::string text)
{
    if (m_error.empty())
    {
        m_error = std::move(text);
    }
    m_buffer.clear();
    m_buffer.shrink_to_fit();
    m_begin = 0;
    return Status::Error;
}

StreamFramer::Status StreamFramer::next(std::string_view &frame)
{
    frame = {};
    if (failed())
    {
        return Status::Error;
    }
    if (m_mode != Mode::Hep)
    {
        skipKeepAlives();
    }
    const std::string_view view = std::string_view(m_buffer).substr(m_begin);
    if (view.empty())
    {
        return Status::NeedMore;
    }
    if (m_mode == Mode::Undecided)
    {
        const char first = view[0];
        if (isMagicPrefix(view))
        {
            if (view.size() < 4)
            {
                return Status::NeedMore;
            }
            m_mode = Mode::Hep;
        }
        else if ((first == 1 || first == 2) && view.size() >= 3 && (view[2] == 2 || view[2] == 10))
        {
            return fail("HEPv" + std::to_string(int(first)) +
                        " has no total length and cannot be framed on a TCP stream; configure the sender "
                        "for HEPv3 (Kamailio siptrace: hep_version=3) or send over UDP");
        }
        else if (first == 1 || first == 2)
        {
            return view.size() < 3 ? Status::NeedMore
                                   : fail("the stream is neither HEPv3 nor SIP (starts with " +
                                          hexBytes(view) + "); send HEPv3 or SIP over TCP");
        }
        else
        {
            m_mode = Mode::Sip;
        }
    }

    std::size_t length = 0;
    if (m_mode == Mode::Hep)
    {
        HepError error = HepError::None;
        length = HepDecoder::frameLength(view, error);
        if (error == HepError::NotHep)
        {
            return fail("a HEPv3 stream lost its framing: the next message starts with " + hexBytes(view) +
                        " instead of HEP3");
        }
        if (error != HepError::None)
        {
            const unsigned announced = view.size() >= 6 ? (static_cast<unsigned char>(view[4]) << 8) |
                                                              static_cast<unsigned char>(view[5])
                                                        : 0;
            return fail("HEP message length " + std::to_string(announced) + " is below its 6-byte header");
        }
    }
    else
    {
        if (!canStartSip(view[0]))
        {
            return fail("the stream is neither HEPv3 nor SIP: a message starts with " + hexBytes(view) +
                        "; send HEPv3 (HEP3 magic) or SIP text over TCP");
        }
        SipParseError error = SipParseError::None;
        length = SipParser::frameLength(view, error);
        if (error == SipParseError::BadContentLength)
        {
            return fail("a SIP message has an unreadable or conflicting Content-Length");
        }
        if (error != SipParseError::None)
        {
            return fail("a SIP message has no end of headers within, or is larger than, " +
                        std::to_string(MaxMessageBytes) + " bytes");
        }
    }
    if (length == 0)
    {
        return Status::NeedMore;
    }
    frame = view.substr(0, length);
    m_begin += length;
    return Status::Frame;
}
