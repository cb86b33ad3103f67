// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/proxysettings.h"

using namespace Qt::StringLiterals;

namespace
{
QString settingsKey(const QString &name)
{
    return u"Proxies/"_s + name;
}
} // namespace

ProxySettings::ProxySettings()
    : m_urls(settingsKey(u"Urls"_s), QStringList())
    , m_names(settingsKey(u"Names"_s), QStringList())
    , m_intervalMs(settingsKey(u"IntervalMs"_s), 1000, CachedSettingValue<int>::clamp(100, 3600000))
    , m_maxIntervalMs(settingsKey(u"MaxIntervalMs"_s), 30000, CachedSettingValue<int>::clamp(100, 3600000))
    , m_downAfterErrors(settingsKey(u"DownAfterErrors"_s), 3, CachedSettingValue<int>::clamp(1, 100))
    , m_timeoutMs(settingsKey(u"TimeoutMs"_s), RpcEndpoint::DefaultTimeoutMs,
                  CachedSettingValue<int>::clamp(100, 600000))
    , m_connectTimeoutMs(settingsKey(u"ConnectTimeoutMs"_s), RpcEndpoint::DefaultConnectTimeoutMs,
                         CachedSettingValue<int>::clamp(100, 600000))
    , m_caFile(settingsKey(u"CaFile"_s), QString())
    , m_verifyTls(settingsKey(u"VerifyTls"_s), true)
    , m_profiles(settingsKey(u"Profiles"_s), QStringList())
    , m_helperPath(settingsKey(u"HelperPath"_s), u"/calldeck"_s)
    , m_ghostMinutes(settingsKey(u"GhostMinutes"_s), 30, CachedSettingValue<int>::clamp(1, 7 * 24 * 60))
{}

bool ProxySettings::setProxies(const QStringList &urls, const QStringList &names, QString *error)
{
    for (qsizetype i = 0; i < urls.size(); ++i)
    {
        RpcEndpoint e;
        QString why;
        if (!RpcEndpoint::parse(urls.at(i), e, &why))
        {
            if (error)
            {
                *error = u"proxy %1: %2"_s.arg(i + 1).arg(why);
            }
            return false;
        }
    }
    QStringList padded = names.mid(0, urls.size());
    while (padded.size() < urls.size())
    {
        padded.append(QString());
    }
    m_urls.set(urls);
    m_names.set(padded);
    return true;
}

bool ProxySettings::config(const QString &url, const QString &name, ProxyConfig &out, QString *error) const
{
    RpcEndpoint endpoint;
    endpoint.setTimeoutMs(m_timeoutMs.get());
    endpoint.setConnectTimeoutMs(m_connectTimeoutMs.get());
    endpoint.setCaFile(m_caFile.get());
    endpoint.setVerifyTls(m_verifyTls.get());
    if (!RpcEndpoint::parse(url, endpoint, error))
    {
        return false;
    }
    out.endpoint = endpoint;
    const bool defaultPort = endpoint.port() == (endpoint.scheme() == RpcEndpoint::Scheme::Https ? 443 : 80);
    out.name = !name.trimmed().isEmpty()
                   ? name.trimmed()
                   : (defaultPort ? endpoint.host() : u"%1:%2"_s.arg(endpoint.host()).arg(endpoint.port()));
    out.options.intervalMs = m_intervalMs.get();
    out.options.maxIntervalMs = m_maxIntervalMs.get();
    out.options.downAfterErrors = m_downAfterErrors.get();
    out.options.profiles = m_profiles.get();
    out.options.helperPath =
        m_helperPath.get().startsWith(u'/') ? m_helperPath.get() : u"/"_s + m_helperPath.get();
    return true;
}

bool ProxySettings::configs(const QStringList &extraUrls, QList<ProxyConfig> &out, QString *error) const
{
    bool ok = true;
    const QStringList urls = m_urls.get();
    const QStringList names = m_names.get();
    QStringList seen;
    auto add = [&](const QString &url, const QString &name) {
        if (seen.contains(url))
        {
            return;
        }
        seen.append(url);
        ProxyConfig c;
        QString why;
        if (!config(url, name, c, &why))
        {
            if (ok && error)
            {
                *error = why;
            }
            ok = false;
            return;
        }
        out.append(c);
    };
    for (qsizetype i = 0; i < urls.size(); ++i)
    {
        add(urls.at(i), names.value(i));
    }
    for (const QString &url : extraUrls)
    {
        add(url, {});
    }
    // Two proxies on one host need distinct names in the origin column.
    for (qsizetype i = 0; i < out.size(); ++i)
    {
        for (qsizetype j = i + 1; j < out.size(); ++j)
        {
            if (out[j].name == out[i].name)
            {
                out[j].name = u"%1 (%2)"_s.arg(out[j].name).arg(j + 1);
            }
        }
    }
    return ok;
}
