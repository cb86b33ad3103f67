// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include "backend/core/callflowmessage.h"

/// @brief Highlights a raw SIP message in a text view: the start line in bold, each header's
/// name in colour. It does not parse SIP: it marks the lines and name lengths the core found
/// (CallFlowMessage::headers), set with setMessage() before the text.
class SipMessageHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipMessageHighlighter)

public:
    explicit SipMessageHighlighter(QTextDocument *document);

    /// @brief Where the start line and the header names of @p message are (none when unparsed).
    /// Set it before the document's text: setting the text highlights it.
    void setMessage(const calldeck::core::CallFlowMessage &message);
    /// @brief The text a view shows for @p message: its bytes as UTF-8, line ends as LF, so that
    /// line numbers match CallFlowHeader::line.
    static QString displayText(const calldeck::core::CallFlowMessage &message);

    /// @brief The format of the header names (tests read it back).
    const QTextCharFormat &headerNameFormat() const { return m_nameFormat; }

protected:
    void highlightBlock(const QString &text) override;

private:
    int m_startLine = -1;
    QHash<int, int> m_nameLengths; // line → length of the header name on it
    QTextCharFormat m_startFormat;
    QTextCharFormat m_nameFormat;
};
