// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// @brief Where the UA sends a request: parsed from the next hop's SIP URI
/// (`sip:[user@]host[:port][;transport=udp|tcp][;params]`, optionally in angle brackets as a
/// Route entry is written). A plain RFC 3263 subset: no NAPTR/SRV, a name is looked up as A/AAAA
/// by the caller; the port defaults to 5060; `transport=tcp` selects TCP, anything else UDP.
class SipNextHop final
{
public:
    enum class Transport
    {
        Udp,
        Tcp,
    };

    /// @brief Parses @p uri. @return false with @p error (English, says what to do) for anything
    /// that is not a usable sip: URI, including sips: and transport=tls (no TLS in the UA).
    static bool parse(const QString &uri, SipNextHop &out, QString *error);

    QString host;        ///< as written; IPv6 without brackets
    quint16 port = 5060; ///< the URI's port or 5060
    Transport transport = Transport::Udp;
    bool hostIsAddress = false; ///< an IPv4/IPv6 literal, nothing to resolve

    QString transportName() const
    {
        return transport == Transport::Tcp ? QStringLiteral("TCP") : QStringLiteral("UDP");
    }
    /// @brief "host:port", IPv6 in brackets.
    QString hostPort() const;
};
