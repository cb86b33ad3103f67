// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/mirrorsettings.h"

#include <memory>

#include "backend/core/profilerules.h"

using namespace Qt::StringLiterals;
using namespace calldeck;

namespace
{
QString settingsKey(const QString &name)
{
    return u"Mirror/"_s + name;
}
} // namespace

MirrorSettings::MirrorSettings()
    : m_profileRules(settingsKey(u"ProfileRules"_s), QString())
    , m_matchMode(settingsKey(u"MatchMode"_s), 1, CachedSettingValue<int>::clamp(0, 2))
    , m_defaultTimeout(settingsKey(u"DefaultTimeout"_s), 43200, CachedSettingValue<int>::clamp(1, 7 * 86400))
    , m_earlyTimeout(settingsKey(u"EarlyTimeout"_s), 300, CachedSettingValue<int>::clamp(1, 86400))
    , m_noAckTimeout(settingsKey(u"NoAckTimeout"_s), 60, CachedSettingValue<int>::clamp(1, 86400))
    , m_endTimeout(settingsKey(u"EndTimeout"_s), 300, CachedSettingValue<int>::clamp(1, 86400))
    , m_historyMegabytes(settingsKey(u"HistoryMegabytes"_s), 256, CachedSettingValue<int>::clamp(4, 16384))
    , m_historyPerDialog(settingsKey(u"HistoryPerDialog"_s), 500, CachedSettingValue<int>::clamp(10, 100000))
    , m_keepAlive(settingsKey(u"KeepAlive"_s), u"none"_s)
    , m_kaTimer(settingsKey(u"KaTimer"_s), 5, CachedSettingValue<int>::clamp(0, 3600))
    , m_kaInterval(settingsKey(u"KaInterval"_s), 60, CachedSettingValue<int>::clamp(0, 86400))
    , m_kaFailedLimit(settingsKey(u"KaFailedLimit"_s), 1, CachedSettingValue<int>::clamp(1, 100))
    , m_headerColumns(settingsKey(u"HeaderColumns"_s), QString())
{}

QString MirrorSettings::profileRules() const
{
    return m_profileRules.get();
}

void MirrorSettings::setProfileRules(const QString &rules)
{
    m_profileRules.set(rules);
}

int MirrorSettings::matchMode() const
{
    return m_matchMode.get();
}

int MirrorSettings::defaultTimeout() const
{
    return m_defaultTimeout.get();
}

int MirrorSettings::historyMegabytes() const
{
    return m_historyMegabytes.get();
}

int MirrorSettings::historyPerDialog() const
{
    return m_historyPerDialog.get();
}

QStringList MirrorSettings::headerColumns() const
{
    QStringList names;
    for (const QString &name : m_headerColumns.get().split(u','))
    {
        if (!name.trimmed().isEmpty())
        {
            names.append(name.trimmed());
        }
    }
    return names;
}

void MirrorSettings::setHeaderColumns(const QStringList &names)
{
    m_headerColumns.set(names.join(u", "_s));
}

bool MirrorSettings::coreOptions(CoreWorker::Options &o, QString *error) const
{
    o.dialog.headerColumns.clear();
    for (const QString &name : headerColumns())
    {
        o.dialog.headerColumns.push_back(name.toStdString());
    }
    o.dialog.matchMode = static_cast<std::uint8_t>(m_matchMode.get());
    o.dialog.defaultTimeout = static_cast<std::uint32_t>(m_defaultTimeout.get());
    o.dialog.earlyTimeout = static_cast<std::uint32_t>(m_earlyTimeout.get());
    o.dialog.noackTimeout = static_cast<std::uint32_t>(m_noAckTimeout.get());
    o.dialog.endTimeout = static_cast<std::uint32_t>(m_endTimeout.get());
    o.history.capacityBytes = static_cast<std::size_t>(m_historyMegabytes.get()) << 20;
    o.history.perDialogCap = static_cast<std::uint32_t>(m_historyPerDialog.get());
    const QString keepAlive = m_keepAlive.get().trimmed().toLower();
    const bool kaCaller = keepAlive == "caller"_L1 || keepAlive == "both"_L1;
    const bool kaCallee = keepAlive == "callee"_L1 || keepAlive == "both"_L1;
    if (kaCaller || kaCallee)
    {
        o.dialog.kaTimer = static_cast<std::uint32_t>(m_kaTimer.get());
        o.dialog.kaInterval = static_cast<std::uint32_t>(m_kaInterval.get());
        o.dialog.kaFailedLimit = static_cast<std::uint32_t>(m_kaFailedLimit.get());
        o.onCreated = [kaCaller, kaCallee](CoreContext &ctx, core::DialogHandle h, const core::SipMessage &,
                                           const core::PacketMeta &) {
            if (kaCaller)
            {
                (void)ctx.engine.setProperty(h, "ka-src");
            }
            if (kaCallee)
            {
                (void)ctx.engine.setProperty(h, "ka-dst");
            }
        };
    }
    else if (!keepAlive.isEmpty() && keepAlive != "none"_L1)
    {
        if (error)
        {
            *error =
                u"Mirror/KeepAlive in the settings file is '%1'; write none, caller, callee or both"_s.arg(
                    keepAlive);
        }
        return false;
    }
    const QByteArray text = m_profileRules.get().toUtf8();
    auto parsed = core::ProfileRuleSet::parse(
        std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    if (!parsed)
    {
        if (error)
        {
            *error = u"Mirror/ProfileRules in the settings file: %1; fix the rule or remove it"_s.arg(
                QString::fromStdString(parsed.error().detail));
        }
        return false;
    }
    if (parsed->empty())
    {
        return true;
    }
    o.dialog.profilesNoValue = parsed->profilesNoValue();
    o.dialog.profilesWithValue = parsed->profilesWithValue();
    auto rules = std::make_shared<core::ProfileRuleSet>(std::move(parsed).value());
    o.onCreated = [rules, keepAlive = std::move(o.onCreated)](CoreContext &ctx, core::DialogHandle h,
                                                              const core::SipMessage &invite,
                                                              const core::PacketMeta &meta) {
        rules->evaluate(invite, meta, [&](std::string_view profile, std::string_view value) {
            (void)ctx.engine.setProfile(h, profile, value);
        });
        if (keepAlive)
        {
            keepAlive(ctx, h, invite, meta);
        }
    };
    return true;
}
