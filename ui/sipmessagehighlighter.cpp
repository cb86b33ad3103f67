// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sipmessagehighlighter.h"

#include <algorithm>

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

SipMessageHighlighter::SipMessageHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    m_startFormat.setFontWeight(QFont::Bold);
    m_nameFormat.setFontWeight(QFont::Bold);
    m_nameFormat.setForeground(QColor(dark ? u"#90caf9"_s : u"#1565c0"_s));
}

void SipMessageHighlighter::setMessage(const calldeck::core::CallFlowMessage &message)
{
    m_nameLengths.clear();
    m_startLine = -1;
    if (!message.raw.empty())
    {
        const auto begin = message.raw.begin();
        m_startLine = static_cast<int>(std::count(begin, begin + message.startLine.offset, '\n'));
    }
    for (const calldeck::core::CallFlowHeader &h : message.headers)
    {
        m_nameLengths.insert(static_cast<int>(h.line), static_cast<int>(h.name.length));
    }
}

QString SipMessageHighlighter::displayText(const calldeck::core::CallFlowMessage &message)
{
    QString text = QString::fromUtf8(message.raw.data(), static_cast<qsizetype>(message.raw.size()));
    text.replace(u"\r\n"_s, u"\n"_s);
    return text;
}

void SipMessageHighlighter::highlightBlock(const QString &text)
{
    const int line = currentBlock().blockNumber();
    if (line == m_startLine)
    {
        setFormat(0, static_cast<int>(text.size()), m_startFormat);
        return;
    }
    if (const auto it = m_nameLengths.constFind(line); it != m_nameLengths.constEnd())
    {
        setFormat(0, std::min(*it, static_cast<int>(text.size())), m_nameFormat);
    }
}
