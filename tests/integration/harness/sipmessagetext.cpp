// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipmessagetext.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

QStringList SipMessageText::headers(const QString &text, const QString &name, const QString &compactName)
{
    QStringList values;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines)
    {
        if (line.trimmed().isEmpty() && !values.isEmpty())
        {
            break; // the body starts
        }
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
        {
            continue;
        }
        const QString key = line.left(colon).trimmed();
        if (key.compare(name, Qt::CaseInsensitive) != 0 &&
            (compactName.isEmpty() || key.compare(compactName, Qt::CaseInsensitive) != 0))
        {
            continue;
        }
        const QString value = line.mid(colon + 1).trimmed();
        if (name.compare(u"Via"_s, Qt::CaseInsensitive) == 0)
        {
            for (const QString &v : value.split(u','))
            {
                values << v.trimmed();
            }
        }
        else
        {
            values << value;
        }
    }
    return values;
}

QString SipMessageText::header(const QString &text, const QString &name, const QString &compactName)
{
    const QStringList all = headers(text, name, compactName);
    return all.isEmpty() ? QString() : all.first();
}

QString SipMessageText::requestUri(const QString &text)
{
    for (const QString &line : text.split(u'\n'))
    {
        if (!line.trimmed().isEmpty())
        {
            return line.trimmed().section(u' ', 1, 1);
        }
    }
    return {};
}

int SipMessageText::cseqNumber(const QString &text)
{
    bool ok = false;
    const int n = header(text, u"CSeq"_s).section(u' ', 0, 0, QString::SectionSkipEmpty).toInt(&ok);
    return ok ? n : -1;
}

QString SipMessageText::tagOf(const QString &fromOrTo)
{
    static const QRegularExpression tag(u";\\s*tag=([^;>\\s]+)"_s, QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = tag.match(fromOrTo);
    return m.hasMatch() ? m.captured(1) : QString();
}

int SipMessageText::viaPort(const QString &via)
{
    static const QRegularExpression hostPort(u"^SIP/2\\.0/\\S+\\s+[^:;\\s]+:(\\d+)"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = hostPort.match(via.trimmed());
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace calldeck::integration
