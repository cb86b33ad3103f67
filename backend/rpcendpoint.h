// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QByteArray>
#include <QString>

/// @brief Where and how to reach one proxy's JSON-RPC (`--rpc URL`): http or https, host, port,
/// path, optional credentials, TLS verification and the libcurl timeouts.
///
/// Credentials come from the URL (`http://user:pw@host:5071/RPC`, percent-encoded) or from
/// setCredentials(); they are sent with HTTP basic or digest authentication, never in the
/// request URL, and toDisplayString() leaves the password out.
class RpcEndpoint final
{
public:
    enum class Scheme : std::uint8_t
    {
        Http,
        Https,
    };

    static constexpr int DefaultTimeoutMs = 5000;
    static constexpr int DefaultConnectTimeoutMs = 2000;

    RpcEndpoint() = default;

    /// @brief Parses "http[s]://[user[:password]@]host[:port][/path]". The port defaults to 80
    /// or 443; an empty path becomes "/RPC" (Kamailio's usual xhttp route).
    /// @return false with an English reason in @p error that says what to write instead; the
    /// reason quotes the URL without its password; @p out is then left as it was. TLS settings and
    /// timeouts already in @p out are kept on success.
    static bool parse(const QString &url, RpcEndpoint &out, QString *error);

    /// @brief True once parse() succeeded.
    bool isValid() const { return !m_host.isEmpty(); }
    Scheme scheme() const { return m_scheme; }
    /// @brief The host as written (a name, an IPv4 address or an IPv6 address without brackets).
    const QString &host() const { return m_host; }
    quint16 port() const { return m_port; }
    /// @brief Path and query, percent-encoded, e.g. "/RPC".
    const QString &path() const { return m_path; }

    const QString &user() const { return m_user; }
    const QString &password() const { return m_password; }
    bool hasCredentials() const { return !m_user.isEmpty() || !m_password.isEmpty(); }
    void setCredentials(const QString &user, const QString &password);

    /// @brief PEM file of the CA(s) that sign the proxy's certificate; empty = system store.
    const QString &caFile() const { return m_caFile; }
    void setCaFile(const QString &path) { m_caFile = path; }
    /// @brief Verify the peer certificate and host name (on by default).
    bool verifyTls() const { return m_verifyTls; }
    void setVerifyTls(bool verify) { m_verifyTls = verify; }

    /// @brief Whole request (CURLOPT_TIMEOUT_MS); a value below 1 restores the default.
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms);
    /// @brief TCP (and TLS) connect phase (CURLOPT_CONNECTTIMEOUT_MS); below 1 = the default.
    int connectTimeoutMs() const { return m_connectTimeoutMs; }
    void setConnectTimeoutMs(int ms);

    /// @brief The URL handed to libcurl: no user info, fully encoded.
    QByteArray requestUrl() const;
    /// @brief e.g. "https://admin@10.0.0.5:5071/RPC": the password is never shown.
    QString toDisplayString() const;

    /// @brief @p url with any password removed, for messages about URLs that did not parse.
    static QString redacted(const QString &url);

private:
    QString origin(bool withUser) const;

    Scheme m_scheme = Scheme::Http;
    QString m_host;
    quint16 m_port = 0;
    QString m_path;
    QString m_user;
    QString m_password;
    QString m_caFile;
    bool m_verifyTls = true;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_connectTimeoutMs = DefaultConnectTimeoutMs;
};
