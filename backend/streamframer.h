// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

/// @brief Cuts one TCP mirror stream into messages: a stream that starts with "HEP3"/"EEP3" is
/// framed by the HEPv3 total length (HepDecoder::frameLength), any other stream as SIP by
/// Content-Length (SipParser::frameLength), CR/LF keep-alives between SIP messages skipped.
///
/// It never resynchronises by guessing: a bad HEP length (< 6), a HEP stream whose next message
/// does not start with the magic, a SIP message without an end of headers or above 65535 bytes,
/// an unreadable Content-Length, or bytes that cannot start a SIP message put the framer into
/// a final error state, and the owner closes the connection (as heplify-server does). Memory is
/// bounded: at most one incomplete message plus one read are buffered.
///
/// Pure C++ (no Qt, no I/O), so it is unit-tested on byte splits directly.
class StreamFramer final
{
public:
    enum class Mode : std::uint8_t
    {
        Undecided, ///< no message byte seen yet
        Hep,
        Sip,
    };
    enum class Status : std::uint8_t
    {
        Frame,    ///< a complete message was returned
        NeedMore, ///< wait for more bytes
        Error,    ///< the stream cannot be framed; close the connection (see error())
    };

    static constexpr std::size_t MaxMessageBytes = 65535;
    /// @brief The most bytes append() accepts at once (one read).
    static constexpr std::size_t MaxAppendBytes = 65536;
    /// @brief Bound of the buffer: one incomplete message plus one read.
    static constexpr std::size_t MaxBufferedBytes = MaxMessageBytes + MaxAppendBytes;

    /// @brief Adds received bytes. False (and the error state) if the bound would be exceeded.
    bool append(std::string_view data);
    /// @brief The next complete message, a view valid until the next append().
    Status next(std::string_view &frame);

    Mode mode() const { return m_mode; }
    bool failed() const { return !m_error.empty(); }
    /// @brief Why the stream could not be framed (empty while it can).
    const std::string &error() const { return m_error; }
    /// @brief Bytes of an incomplete message held (keep-alives not counted).
    std::size_t pendingBytes() const;
    /// @brief Bytes held in memory now (bounded by MaxBufferedBytes).
    std::size_t bufferedBytes() const { return m_buffer.size() - m_begin; }

private:
    Status fail(std::string text);
    void skipKeepAlives();

    std::string m_buffer;
    std::size_t m_begin = 0;
    Mode m_mode = Mode::Undecided;
    std::string m_error;
};
