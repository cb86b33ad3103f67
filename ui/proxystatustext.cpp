// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/proxystatustext.h"

#include <QLocale>

using namespace Qt::StringLiterals;

QString ProxyStatusText::state(const ProxyStatus &s, const qint64 nowMs)
{
    switch (s.state)
    {
    case ProxyStatus::State::Connecting:
        return tr("Connecting");
    case ProxyStatus::State::Up:
        return s.latencyMs >= 0 ? tr("Up · %1 ms").arg(s.latencyMs) : tr("Up");
    case ProxyStatus::State::Degraded:
        return s.consecutiveErrors > 0 ? tr("Degraded: %n failed poll(s)", nullptr, s.consecutiveErrors)
                                       : tr("Degraded: partial answers");
    case ProxyStatus::State::Down:
    {
        const qint64 wait = qMax<qint64>(0, (s.nextPollMs - nowMs + 999) / 1000);
        return tr("Down, retry in %n s", nullptr, static_cast<int>(wait));
    }
    }
    return {};
}

QString ProxyStatusText::dialogs(const ProxyStatus &s)
{
    return s.dialogs < 0 ? QString() : tr("%n dialog(s)", nullptr, s.dialogs);
}

QStringList ProxyStatusText::details(const ProxyStatus &s)
{
    QStringList lines;
    if (!s.version.isEmpty())
    {
        lines << tr("Version: %1").arg(s.version).toHtmlEscaped();
    }
    if (s.uptimeS >= 0)
    {
        lines << tr("Up for %1")
                     .arg(QLocale().toString(double(s.uptimeS) / 3600.0, 'f', 1) + tr(" h"))
                     .toHtmlEscaped();
    }
    lines << tr("Last dlg.list: %1 ms, %2; polled every %3 s")
                 .arg(s.latencyMs)
                 .arg(QLocale().formattedDataSize(s.replyBytes))
                 .arg(QLocale().toString(double(s.intervalMs) / 1000.0, 'g', 3))
                 .toHtmlEscaped();
    lines << tr("Polls: %1, failed: %2").arg(s.polls).arg(s.failures).toHtmlEscaped();
    if (s.skippedEntries > 0)
    {
        lines << tr("%n malformed dialog entr(y/ies) skipped in the last listing", nullptr, s.skippedEntries)
                     .toHtmlEscaped();
    }
    lines << (s.helper
                  ? tr("CallDeck helper: present (REFER, timeouts, profiles, variables)")
                  : tr("CallDeck helper: absent — include calldeck-helpers.cfg in the proxy's config for "
                       "REFER, timeouts, profiles and variables"))
                 .toHtmlEscaped();
    if (!s.actions.isEmpty())
    {
        lines << tr("Actions: %1").arg(s.actions.join(u", "_s)).toHtmlEscaped();
    }
    if (!s.lastError.isEmpty() && s.state != ProxyStatus::State::Up)
    {
        lines << tr("Last error: %1").arg(s.lastError).toHtmlEscaped();
    }
    return lines;
}

QStringList ProxyStatusText::databaseDetails(const ProxyStatus &s)
{
    QStringList lines;
    if (!s.endpoint.isEmpty())
    {
        lines << tr("Database: %1").arg(s.endpoint).toHtmlEscaped();
    }
    if (!s.version.isEmpty())
    {
        lines << tr("Tables: %1").arg(s.version).toHtmlEscaped();
    }
    if (s.latencyMs >= 0)
    {
        lines << tr("Last read: %1 ms, %n dialog(s); read every %2 s", nullptr, qMax(0, s.dialogs))
                     .arg(s.latencyMs)
                     .arg(QLocale().toString(double(s.intervalMs) / 1000.0, 'g', 3))
                     .toHtmlEscaped();
    }
    else
    {
        lines << tr("Not read yet; read every %1 s")
                     .arg(QLocale().toString(double(s.intervalMs) / 1000.0, 'g', 3))
                     .toHtmlEscaped();
    }
    lines << tr("Reads: %1, failed: %2").arg(s.polls).arg(s.failures).toHtmlEscaped();
    if (s.skippedEntries > 0)
    {
        lines << tr("%n malformed dialog row(s) skipped in the last read", nullptr, s.skippedEntries)
                     .toHtmlEscaped();
    }
    if (!s.lastError.isEmpty() && s.state != ProxyStatus::State::Up)
    {
        lines << tr("Last error: %1").arg(s.lastError).toHtmlEscaped();
    }
    return lines;
}

bool ProxyStatusText::same(const ProxyStatus &a, const ProxyStatus &b)
{
    return a.state == b.state && a.name == b.name && a.endpoint == b.endpoint && a.latencyMs == b.latencyMs &&
           a.lastSuccessMs == b.lastSuccessMs && a.lastAttemptMs == b.lastAttemptMs &&
           a.nextPollMs == b.nextPollMs && a.consecutiveErrors == b.consecutiveErrors &&
           a.intervalMs == b.intervalMs && a.lastError == b.lastError && a.polls == b.polls &&
           a.failures == b.failures && a.dialogs == b.dialogs && a.skippedEntries == b.skippedEntries &&
           a.replyBytes == b.replyBytes && a.version == b.version && a.uptimeS == b.uptimeS &&
           a.activeDialogs == b.activeDialogs && a.helper == b.helper && a.actions == b.actions;
}
