// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/hostport.h"

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
} // namespace

QString HostPort::check(const QString &option, const QString &value, bool anyPort)
{
    const auto needsHostPort = [&option, &value] {
        return tr("calldeck: %1 '%2' needs ADDR:PORT, e.g. %1 127.0.0.1:9060 (IPv6: [::1]:9060).")
            .arg(option, value);
    };
    const bool bracketed = value.startsWith(u'[');
    QString host;
    QString portText;
    if (bracketed)
    {
        const qsizetype close = value.indexOf(u']');
        if (close < 0 || close + 2 >= value.size() || value.at(close + 1) != u':')
        {
            return needsHostPort();
        }
        host = value.mid(1, close - 1);
        portText = value.mid(close + 2);
    }
    else
    {
        const qsizetype colon = value.lastIndexOf(u':');
        if (colon <= 0 || colon == value.size() - 1)
        {
            return needsHostPort();
        }
        host = value.left(colon);
        portText = value.mid(colon + 1);
    }
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (!ok || port < (anyPort ? 0 : 1) || port > 65535)
    {
        return anyPort ? tr("calldeck: %1 '%2': port '%3' is out of range; use 1-65535, or 0 for any free "
                            "port.")
                             .arg(option, value, portText)
                       : tr("calldeck: %1 '%2': port '%3' is out of range; use 1-65535.")
                             .arg(option, value, portText);
    }
    if (bracketed)
    {
        QHostAddress address;
        if (!address.setAddress(host) || address.protocol() != QAbstractSocket::IPv6Protocol)
        {
            return tr("calldeck: %1 '%2': '%3' is not an IPv6 address.").arg(option, value, host);
        }
        return {};
    }
    if (host.contains(u':'))
    {
        return tr("calldeck: %1 '%2': write IPv6 addresses in brackets, e.g. %1 [::1]:9060.")
            .arg(option, value);
    }
    QHostAddress address;
    if (address.setAddress(host) && address.protocol() == QAbstractSocket::IPv4Protocol)
    {
        return {};
    }
    static const QRegularExpression dottedNumbers(u"^[0-9.]+$"_s);
    if (dottedNumbers.match(host).hasMatch() || !isHostName(host))
    {
        return tr("calldeck: %1 '%2': '%3' is neither an IPv4 address nor a host name; e.g. %1 "
                  "127.0.0.1:9060.")
            .arg(option, value, host);
    }
    return {};
}

bool HostPort::split(const QString &value, QString *host, quint16 *port)
{
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon <= 0)
    {
        return false;
    }
    bool ok = false;
    const uint number = value.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65535)
    {
        return false;
    }
    QString name = value.left(colon);
    if (name.startsWith(u'[') && name.endsWith(u']'))
    {
        name = name.mid(1, name.size() - 2);
    }
    *host = name;
    *port = static_cast<quint16>(number);
    return true;
}
