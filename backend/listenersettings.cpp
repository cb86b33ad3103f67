// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/listenersettings.h"

#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace
{
bool isHostName(const QString &host)
{
    static const QRegularExpression pattern(
        u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"_s);
    return host.size() <= 253 && pattern.match(host).hasMatch();
}

/// Splits "host:port" or "[v6]:port"; false when the shape is wrong.
bool splitEntry(const QString &entry, QString *host, QString *port, bool *bracketed)
{
    *bracketed = entry.startsWith(u'[');
    if (*bracketed)
    {
        const qsizetype close = entry.indexOf(u']');
        if (close < 0 || close + 2 >= entry.size() || entry.at(close + 1) != u':')
        {
            return false;
        }
        *host = entry.mid(1, close - 1);
        *port = entry.mid(close + 2);
        return true;
    }
    const qsizetype colon = entry.lastIndexOf(u':');
    if (colon <= 0 || colon == entry.size() - 1)
    {
        return false;
    }
    *host = entry.left(colon);
    *port = entry.mid(colon + 1);
    return true;
}
} // namespace

ListenerSettings::ListenerSettings()
    : m_listeners(u"Mirror/Listeners"_s, QStringList())
{}

QString ListenerSettings::defaultListener()
{
    return u"127.0.0.1:9060"_s;
}

QStringList ListenerSettings::effective() const
{
    const QStringList stored = m_listeners.get();
    return stored.isEmpty() ? QStringList{defaultListener()} : stored;
}

bool ListenerSettings::setListeners(const QStringList &entries, QString *error)
{
    QStringList cleaned;
    for (const QString &entry : entries)
    {
        if (!entry.trimmed().isEmpty())
        {
            cleaned << entry.trimmed();
        }
    }
    const QString problem = firstProblem(cleaned);
    if (!problem.isEmpty())
    {
        if (error)
        {
            *error = problem;
        }
        return false;
    }
    m_listeners.set(cleaned);
    return true;
}

QString ListenerSettings::check(const QString &entry)
{
    if (entry.trimmed().isEmpty())
    {
        return tr("it is empty; write ADDR:PORT such as 0.0.0.0:9060, or remove it.");
    }
    if (entry.contains(u"://"_s))
    {
        return tr("'%1' is a URL; write only ADDR:PORT, such as 0.0.0.0:9060 (the listener takes UDP and "
                  "TCP on it).")
            .arg(entry);
    }
    QString host;
    QString portText;
    bool bracketed = false;
    if (!splitEntry(entry, &host, &portText, &bracketed))
    {
        return tr("'%1' is not ADDR:PORT; write the address and the port, such as 0.0.0.0:9060 (every "
                  "IPv4 address), [::1]:9060 (IPv6 in brackets) or 127.0.0.1:9060.")
            .arg(entry);
    }
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (!ok || port < 1 || port > 65535)
    {
        return tr("'%1': the port '%2' must be a number from 1 to 65535, such as 0.0.0.0:9060.")
            .arg(entry, portText);
    }
    if (bracketed)
    {
        QHostAddress address;
        if (!address.setAddress(host) || address.protocol() != QAbstractSocket::IPv6Protocol)
        {
            return tr("'%1': '%2' is not an IPv6 address; write one such as [::1]:9060 or [::]:9060.")
                .arg(entry, host);
        }
        return {};
    }
    if (host.contains(u':'))
    {
        return tr("'%1': write IPv6 addresses in brackets, such as [::1]:9060.").arg(entry);
    }
    QHostAddress address;
    if (address.setAddress(host) && address.protocol() == QAbstractSocket::IPv4Protocol)
    {
        return {};
    }
    static const QRegularExpression dottedNumbers(u"^[0-9.]+$"_s);
    if (dottedNumbers.match(host).hasMatch() || !isHostName(host))
    {
        return tr("'%1': '%2' is neither an IPv4 address nor a host name; write one such as "
                  "0.0.0.0:9060 or localhost:9060.")
            .arg(entry, host);
    }
    return {};
}

QString ListenerSettings::normalized(const QString &entry)
{
    QString host;
    QString portText;
    bool bracketed = false;
    if (!splitEntry(entry.trimmed(), &host, &portText, &bracketed))
    {
        return entry.trimmed();
    }
    const QString port = QString::number(portText.toInt());
    if (bracketed)
    {
        QHostAddress address;
        if (address.setAddress(host))
        {
            host = address.toString();
        }
        return u"[%1]:%2"_s.arg(host.toLower(), port);
    }
    return u"%1:%2"_s.arg(host.toLower(), port);
}

QString ListenerSettings::firstProblem(const QStringList &entries, qsizetype *index)
{
    QStringList seen;
    for (qsizetype i = 0; i < entries.size(); ++i)
    {
        if (index)
        {
            *index = i;
        }
        const QString entry = entries.at(i).trimmed();
        if (const QString why = check(entry); !why.isEmpty())
        {
            return tr("Listener %1: %2").arg(i + 1).arg(why);
        }
        const QString key = normalized(entry);
        if (const qsizetype first = seen.indexOf(key); first >= 0)
        {
            return tr("Listener %1 (%2) is the same as listener %3; remove one of them.")
                .arg(i + 1)
                .arg(entry)
                .arg(first + 1);
        }
        seen << key;
    }
    if (index)
    {
        *index = -1;
    }
    return {};
}
