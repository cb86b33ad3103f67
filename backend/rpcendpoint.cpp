// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpcendpoint.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace
{

const QString example = u"e.g. http://127.0.0.1:5071/RPC"_s;

bool fail(QString *error, const QString &why)
{
    if (error)
    {
        *error = why;
    }
    return false;
}

/// QUrl::errorString() quotes the whole input ("; source was ...") and, for a bad password,
/// one of its characters: keep only the part that tells what is wrong.
QString urlProblem(const QUrl &url)
{
    QString problem = url.errorString();
    if (const qsizetype cut = problem.indexOf(u"; source was"_s); cut >= 0)
    {
        problem.truncate(cut);
    }
    if (problem.contains(u"password"_s, Qt::CaseInsensitive))
    {
        return u"the password holds a character that must be percent-encoded"_s;
    }
    return problem;
}

} // namespace

bool RpcEndpoint::parse(const QString &text, RpcEndpoint &out, QString *error)
{
    const QString input = text.trimmed();
    if (input.isEmpty())
    {
        return fail(error, u"empty proxy URL; expected "_s + example);
    }
    const qsizetype schemeEnd = input.indexOf(u"://"_s);
    if (schemeEnd <= 0)
    {
        return fail(error, u"no scheme in '%1'; use http:// or https://, %2"_s.arg(redacted(input), example));
    }
    const QString scheme = input.left(schemeEnd).toLower();
    if (scheme != u"http"_s && scheme != u"https"_s)
    {
        return fail(error, u"unsupported scheme '%1' in %2; use http:// or https://"_s.arg(
                               input.left(schemeEnd), redacted(input)));
    }
    const QUrl url(input, QUrl::StrictMode);
    if (!url.isValid())
    {
        return fail(error, u"invalid proxy URL %1: %2"_s.arg(redacted(input), urlProblem(url)));
    }
    if (url.host().isEmpty())
    {
        return fail(error, u"no host in %1; expected %2"_s.arg(redacted(input), example));
    }
    const bool https = scheme == u"https"_s;
    const int port = url.port(https ? 443 : 80);
    if (port <= 0 || port > 65535)
    {
        return fail(error, u"port %1 in %2 is not usable; use 1 to 65535"_s.arg(port).arg(redacted(input)));
    }

    RpcEndpoint e;
    e.m_scheme = https ? Scheme::Https : Scheme::Http;
    e.m_host = url.host(QUrl::FullyEncoded);
    e.m_port = static_cast<quint16>(port);
    e.m_path = url.path(QUrl::FullyEncoded);
    if (e.m_path.isEmpty())
    {
        e.m_path = u"/RPC"_s;
    }
    if (url.hasQuery())
    {
        e.m_path += u'?' + url.query(QUrl::FullyEncoded);
    }
    e.m_user = url.userName(QUrl::FullyDecoded);
    e.m_password = url.password(QUrl::FullyDecoded);
    // What the caller set besides the URL survives a re-parse.
    e.m_caFile = out.m_caFile;
    e.m_verifyTls = out.m_verifyTls;
    e.m_timeoutMs = out.m_timeoutMs;
    e.m_connectTimeoutMs = out.m_connectTimeoutMs;
    out = e;
    return true;
}

void RpcEndpoint::setCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
}

void RpcEndpoint::setTimeoutMs(const int ms)
{
    m_timeoutMs = ms >= 1 ? ms : DefaultTimeoutMs;
}

void RpcEndpoint::setConnectTimeoutMs(const int ms)
{
    m_connectTimeoutMs = ms >= 1 ? ms : DefaultConnectTimeoutMs;
}

QString RpcEndpoint::origin(const bool withUser) const
{
    QString text = m_scheme == Scheme::Https ? u"https://"_s : u"http://"_s;
    if (withUser && !m_user.isEmpty())
    {
        text += QString::fromLatin1(QUrl::toPercentEncoding(m_user)) + u'@';
    }
    text += m_host.contains(u':') ? u'[' + m_host + u']' : m_host;
    return text + u':' + QString::number(m_port);
}

QByteArray RpcEndpoint::requestUrl() const
{
    return (origin(false) + m_path).toLatin1();
}

QString RpcEndpoint::toDisplayString() const
{
    return isValid() ? origin(true) + m_path : QString();
}

QString RpcEndpoint::redacted(const QString &url)
{
    const qsizetype schemeEnd = url.indexOf(u"://"_s);
    const qsizetype authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    qsizetype authorityEnd = url.size();
    for (const QChar c : {u'/', u'?', u'#'})
    {
        if (const qsizetype at = url.indexOf(c, authorityStart); at >= 0 && at < authorityEnd)
        {
            authorityEnd = at;
        }
    }
    if (authorityEnd <= authorityStart)
    {
        return url;
    }
    const qsizetype at = url.lastIndexOf(u'@', authorityEnd - 1);
    if (at < authorityStart)
    {
        return url;
    }
    const qsizetype colon = url.indexOf(u':', authorityStart);
    if (colon < 0 || colon > at)
    {
        return url;
    }
    return url.left(colon) + url.mid(at);
}
