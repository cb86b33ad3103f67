// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace calldeck::integration
{

/// @brief The SIP messages one sipp run sent and received, read from its -trace_msg file.
class SippMessageLog final
{
public:
    struct Entry
    {
        bool received = false;
        /// @brief "BYE sip:..." or "SIP/2.0 200 OK"
        QString startLine;
        QString callId;
        /// @brief "BYE" / "INVITE", or for a response the CSeq method ("INVITE" for a 180).
        QString method;
        /// @brief Status code of a response, 0 for a request.
        int status = 0;
        QString text;
    };

    SippMessageLog() = default;
    /// @brief Reads and parses @p path (an empty log when it cannot be read).
    static SippMessageLog read(const QString &path);
    /// @brief Parses the text of a sipp message log.
    static SippMessageLog parse(const QString &text);

    const QList<Entry> &entries() const;
    /// @brief Requests named @p method that sipp received (@p received) or sent, optionally
    /// only for @p callId.
    int countRequests(const QString &method, bool received, const QString &callId = {}) const;
    /// @brief Responses with @p status to @p method that sipp received or sent.
    int countResponses(int status, const QString &method, bool received, const QString &callId = {}) const;
    /// @brief The distinct Call-IDs seen, in order of first appearance.
    QStringList callIds() const;

private:
    QList<Entry> m_entries;
};

} // namespace calldeck::integration
