// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include "backend/coreworker.h"
#include "backend/settingvalue.h"

/// @brief Settings of the mirror feed's dialog core (keys "Mirror/<Key>" in the settings file):
///
/// - `ProfileRules`: the operator's profile rules, one per line (syntax: ProfileRuleSet in
///   backend/core/profilerules.h), e.g. `trunk = $dst_ip` or `inbound if src in 10.0.0.0/8`;
/// - `MatchMode`: dlg_match_mode for sequential requests (default 1, did then Call-ID/tags:
///   many UAs ignore Record-Route, so did-only would miss their ACK and BYE);
/// - `DefaultTimeout`, `EarlyTimeout`, `NoAckTimeout`, `EndTimeout`: the module's timers (s);
/// - `HistoryMegabytes`, `HistoryPerDialog`: bounds of the call-flow message history;
/// - `KeepAlive` (`none`, `caller`, `callee`, `both`; default none): keep-alive OPTIONS from
///   CallDeck's SIP user agent into every new mirror dialog (the ka-src/ka-dst properties), with
///   `KaTimer`, `KaInterval` (≥ 30 s) and `KaFailedLimit` as the module's ka_timer, ka_interval and
///   ka_failed_limit: a dead leg makes the dialog expire 10 s later.
/// - `HeaderColumns`: comma-separated SIP header names (e.g. `P-Asserted-Identity, Diversion`)
///   whose values each mirror dialog keeps from its initial INVITE for the console's header
///   columns; at most 8, values cut at 256 bytes (calldeck::core::HeaderColumns).
class MirrorSettings final
{
    Q_DISABLE_COPY_MOVE(MirrorSettings)

public:
    MirrorSettings();

    QString profileRules() const;
    void setProfileRules(const QString &rules);
    int matchMode() const;
    int defaultTimeout() const;
    int historyMegabytes() const;
    int historyPerDialog() const;
    /// @brief The header column names as written (trimmed, empty entries dropped).
    QStringList headerColumns() const;
    void setHeaderColumns(const QStringList &names);

    /// @brief Core worker options from these settings: profile rules parsed and wired to new
    /// dialogs, profiles declared, timers, history bounds.
    /// @return false with @p error naming the bad rule line (the options then carry no rules)
    bool coreOptions(CoreWorker::Options &options, QString *error) const;

private:
    CachedSettingValue<QString> m_profileRules;
    CachedSettingValue<int> m_matchMode;
    CachedSettingValue<int> m_defaultTimeout;
    CachedSettingValue<int> m_earlyTimeout;
    CachedSettingValue<int> m_noAckTimeout;
    CachedSettingValue<int> m_endTimeout;
    CachedSettingValue<int> m_historyMegabytes;
    CachedSettingValue<int> m_historyPerDialog;
    CachedSettingValue<QString> m_keepAlive;
    CachedSettingValue<int> m_kaTimer;
    CachedSettingValue<int> m_kaInterval;
    CachedSettingValue<int> m_kaFailedLimit;
    CachedSettingValue<QString> m_headerColumns;
};
