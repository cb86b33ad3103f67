// SPDX-License-Identifier: GPL-3.0-or-later
#include "sippmessagelog.h"

#include <QFile>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

QString headerValue(const QStringList &lines, const QString &name, const QString &compactName)
{
    for (const QString &line : lines)
    {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
        {
            continue;
        }
        const QString key = line.left(colon).trimmed();
        if (key.compare(name, Qt::CaseInsensitive) == 0 || key.compare(compactName, Qt::CaseInsensitive) == 0)
        {
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

void finish(SippMessageLog::Entry &entry, QList<SippMessageLog::Entry> &entries)
{
    QStringList lines = entry.text.split(u'\n');
    while (!lines.isEmpty() && lines.first().trimmed().isEmpty())
    {
        lines.removeFirst();
    }
    if (lines.isEmpty())
    {
        return;
    }
    entry.startLine = lines.first().trimmed();
    entry.callId = headerValue(lines, u"Call-ID"_s, u"i"_s);
    const QString cseq = headerValue(lines, u"CSeq"_s, u"CSeq"_s);
    if (entry.startLine.startsWith(u"SIP/2.0 "_s))
    {
        entry.status = entry.startLine.mid(8, 3).toInt();
        entry.method = cseq.section(u' ', 1, 1, QString::SectionSkipEmpty);
    }
    else
    {
        entry.method = entry.startLine.section(u' ', 0, 0);
    }
    entries << entry;
}

} // namespace

SippMessageLog SippMessageLog::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
    {
        return {};
    }
    return parse(QString::fromUtf8(file.readAll()));
}

SippMessageLog SippMessageLog::parse(const QString &text)
{
    // Each message: a line of dashes and a time stamp, "UDP message received [349] bytes :" or
    // "UDP message sent (310 bytes):", an empty line, the message.
    SippMessageLog log;
    Entry current;
    bool inMessage = false;
    bool expectKind = false;
    const QStringList lines = text.split(u'\n');
    for (QString line : lines)
    {
        if (line.endsWith(u'\r'))
        {
            line.chop(1);
        }
        if (line.startsWith(u"-----------------------------------------------"_s))
        {
            if (inMessage)
            {
                finish(current, log.m_entries);
            }
            current = Entry();
            inMessage = false;
            expectKind = true;
            continue;
        }
        if (expectKind)
        {
            expectKind = false;
            const bool received = line.contains(u"message received"_s);
            const bool sent = line.contains(u"message sent"_s);
            inMessage = received || sent;
            current.received = received;
            continue;
        }
        if (inMessage)
        {
            current.text += line + u'\n';
        }
    }
    if (inMessage)
    {
        finish(current, log.m_entries);
    }
    return log;
}

const QList<SippMessageLog::Entry> &SippMessageLog::entries() const
{
    return m_entries;
}

int SippMessageLog::countRequests(const QString &method, bool received, const QString &callId) const
{
    int count = 0;
    for (const Entry &entry : m_entries)
    {
        count += entry.status == 0 && entry.received == received && entry.method == method &&
                 (callId.isEmpty() || entry.callId == callId);
    }
    return count;
}

int SippMessageLog::countResponses(int status, const QString &method, bool received,
                                   const QString &callId) const
{
    int count = 0;
    for (const Entry &entry : m_entries)
    {
        count += entry.status == status && entry.received == received && entry.method == method &&
                 (callId.isEmpty() || entry.callId == callId);
    }
    return count;
}

QStringList SippMessageLog::callIds() const
{
    QStringList ids;
    for (const Entry &entry : m_entries)
    {
        if (!entry.callId.isEmpty() && !ids.contains(entry.callId))
        {
            ids << entry.callId;
        }
    }
    return ids;
}

} // namespace calldeck::integration
