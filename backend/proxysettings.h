// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

#include "backend/proxyconfig.h"
#include "backend/settingvalue.h"

/// @brief Settings of the proxy feeds (keys "Proxies/<Key>" in the settings file):
///
/// - `Urls`, `Names`: the proxies added in the settings (parallel lists; a name may be empty);
/// - `IntervalMs` (1000), `MaxIntervalMs` (30000), `DownAfterErrors` (3): polling and backoff;
/// - `TimeoutMs` (5000), `ConnectTimeoutMs` (2000), `CaFile`, `VerifyTls` (true): the HTTP client;
/// - `Profiles`: profiles polled with dlg.profile_get_size besides those learnt from dlg.list;
/// - `HelperPath` ("/calldeck"): where resources/kamailio/calldeck-helpers.cfg answers;
/// - `GhostMinutes` (30): no in-dialog traffic for this long flags a dialog as a ghost candidate.
class ProxySettings final
{
    Q_DISABLE_COPY_MOVE(ProxySettings)

public:
    ProxySettings();

    QStringList urls() const { return m_urls.get(); }
    QStringList names() const { return m_names.get(); }
    /// @brief Replaces the proxies kept in the settings.
    /// @return false with @p error (English, names the entry) when a URL does not parse;
    /// nothing is stored then
    bool setProxies(const QStringList &urls, const QStringList &names, QString *error);
    int ghostMinutes() const { return m_ghostMinutes.get(); }
    int intervalMs() const { return m_intervalMs.get(); }
    void setIntervalMs(int ms) { m_intervalMs.set(ms); }
    QStringList profiles() const { return m_profiles.get(); }
    void setProfiles(const QStringList &profiles) { m_profiles.set(profiles); }
    QString helperPath() const { return m_helperPath.get(); }
    void setHelperPath(const QString &path) { m_helperPath.set(path); }
    bool verifyTls() const { return m_verifyTls.get(); }
    void setVerifyTls(bool verify) { m_verifyTls.set(verify); }
    QString caFile() const { return m_caFile.get(); }
    void setCaFile(const QString &path) { m_caFile.set(path); }

    /// @brief The proxies to watch: those in the settings, then @p extraUrls (--rpc), each URL
    /// once. @return false with @p error for the first URL that does not parse (the others are
    /// still returned)
    bool configs(const QStringList &extraUrls, QList<ProxyConfig> &out, QString *error) const;
    /// @brief One proxy from @p url with these settings' polling and TLS options.
    bool config(const QString &url, const QString &name, ProxyConfig &out, QString *error) const;

private:
    CachedSettingValue<QStringList> m_urls;
    CachedSettingValue<QStringList> m_names;
    CachedSettingValue<int> m_intervalMs;
    CachedSettingValue<int> m_maxIntervalMs;
    CachedSettingValue<int> m_downAfterErrors;
    CachedSettingValue<int> m_timeoutMs;
    CachedSettingValue<int> m_connectTimeoutMs;
    CachedSettingValue<QString> m_caFile;
    CachedSettingValue<bool> m_verifyTls;
    CachedSettingValue<QStringList> m_profiles;
    CachedSettingValue<QString> m_helperPath;
    CachedSettingValue<int> m_ghostMinutes;
};
