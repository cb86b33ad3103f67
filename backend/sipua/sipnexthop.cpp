// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/sipnexthop.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace
{

const QString Hint = u"; check the dialog's contact/route"_s;

bool fail(QString *error, const QString &text)
{
    if (error)
    {
        *error = text + Hint;
    }
    return false;
}

/// Value of ;name=value in a URI parameter list (case-insensitive name), empty if absent.
QString uriParam(const QString &params, const QString &name)
{
    const QStringList parts = params.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts)
    {
        const qsizetype eq = part.indexOf(u'=');
        const QString key = (eq < 0 ? part : part.left(eq)).trimmed();
        if (key.compare(name, Qt::CaseInsensitive) == 0)
        {
            return eq < 0 ? QString() : part.mid(eq + 1).trimmed();
        }
    }
    return {};
}

} // namespace

QString SipNextHop::hostPort() const
{
    const bool v6 = host.contains(u':');
    return (v6 ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

bool SipNextHop::parse(const QString &uri, SipNextHop &out, QString *error)
{
    out = SipNextHop();
    QString text = uri.trimmed();
    if (text.startsWith(u'<'))
    {
        const qsizetype close = text.indexOf(u'>');
        if (close < 0)
        {
            return fail(error, u"next hop '%1' has an unterminated '<'"_s.arg(uri));
        }
        text = text.mid(1, close - 1).trimmed();
    }
    if (text.startsWith(u"sips:"_s, Qt::CaseInsensitive))
    {
        return fail(error, u"next hop '%1' is a sips: URI, but CallDeck's SIP user agent speaks UDP and TCP "
                           u"only (no TLS); send through a proxy that accepts sip: over UDP/TCP"_s.arg(uri));
    }
    if (!text.startsWith(u"sip:"_s, Qt::CaseInsensitive))
    {
        return fail(
            error,
            u"next hop '%1' is not a SIP URI (expected sip:host[:port][;transport=udp|tcp])"_s.arg(uri));
    }
    text = text.mid(4);
    const qsizetype question = text.indexOf(u'?');
    if (question >= 0)
    {
        text.truncate(question);
    }
    const qsizetype at = text.lastIndexOf(u'@');
    if (at >= 0)
    {
        text = text.mid(at + 1);
    }
    const qsizetype semicolon = text.indexOf(u';');
    const QString params = semicolon < 0 ? QString() : text.mid(semicolon);
    QString hostPort = semicolon < 0 ? text : text.left(semicolon);
    QString portText;
    if (hostPort.startsWith(u'['))
    {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0)
        {
            return fail(error, u"next hop '%1' has an IPv6 address without its closing ']'"_s.arg(uri));
        }
        out.host = hostPort.mid(1, close - 1);
        const QString rest = hostPort.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
        {
            return fail(error, u"next hop '%1' has text after its IPv6 address"_s.arg(uri));
        }
        portText = rest.mid(1);
        if (rest.startsWith(u':') && portText.isEmpty())
        {
            return fail(error, u"next hop '%1' has an empty port"_s.arg(uri));
        }
        if (QHostAddress(out.host).protocol() != QAbstractSocket::IPv6Protocol)
        {
            return fail(error, u"next hop '%1' has an invalid IPv6 address '%2'"_s.arg(uri, out.host));
        }
    }
    else
    {
        const qsizetype colon = hostPort.indexOf(u':');
        out.host = colon < 0 ? hostPort : hostPort.left(colon);
        if (colon >= 0)
        {
            portText = hostPort.mid(colon + 1);
            if (portText.isEmpty())
            {
                return fail(error, u"next hop '%1' has an empty port"_s.arg(uri));
            }
        }
    }
    out.host = out.host.trimmed();
    if (out.host.isEmpty())
    {
        return fail(error, u"next hop '%1' has no host"_s.arg(uri));
    }
    if (!portText.isEmpty())
    {
        bool ok = false;
        const uint port = portText.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
        {
            return fail(error, u"next hop '%1' has an invalid port '%2' (1..65535)"_s.arg(uri, portText));
        }
        out.port = static_cast<quint16>(port);
    }
    const QString transport = uriParam(params, u"transport"_s).toLower();
    if (transport == u"tcp")
    {
        out.transport = Transport::Tcp;
    }
    else if (transport == u"tls")
    {
        return fail(error,
                    u"next hop '%1' asks for transport=tls, but CallDeck's SIP user agent speaks UDP and "
                    u"TCP only (no TLS)"_s.arg(uri));
    }
    else if (!transport.isEmpty() && transport != u"udp")
    {
        return fail(error,
                    u"next hop '%1' asks for transport=%2; CallDeck's SIP user agent speaks UDP and TCP "
                    u"only"_s.arg(uri, transport));
    }
    const QHostAddress literal(out.host);
    out.hostIsAddress = !literal.isNull();
    return true;
}
