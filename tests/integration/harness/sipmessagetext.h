// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace calldeck::integration
{

/// @brief Reads the header fields of one SIP message as sipp logged it (SippMessageLog::Entry::text),
/// for tests that check what arrived on the wire: tags, CSeq, the Via hops, Refer-To.
class SipMessageText final
{
public:
    SipMessageText() = delete;

    /// @brief The values of every header line named @p name (or its compact form), in order;
    /// comma-separated values on one line (several Vias) are split.
    static QStringList headers(const QString &text, const QString &name, const QString &compactName = {});
    /// @brief The first value of @p name, empty when absent.
    static QString header(const QString &text, const QString &name, const QString &compactName = {});
    /// @brief The Request-URI of a request ("BYE sip:x@h:p SIP/2.0" → "sip:x@h:p").
    static QString requestUri(const QString &text);
    /// @brief The number of the CSeq header, -1 when absent.
    static int cseqNumber(const QString &text);
    /// @brief The tag parameter of a From/To value, empty when none.
    static QString tagOf(const QString &fromOrTo);
    /// @brief The port of a Via value ("SIP/2.0/UDP 127.0.0.1:5070;branch=..." → 5070), 0 when none.
    static int viaPort(const QString &via);
};

} // namespace calldeck::integration
