// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyDialogs: the dialogs of a profile across the mirror and the proxies.
#include <algorithm>

#include "backend/core/dialogengine.h"
#include "backend/coreworker.h"
#include "backend/proxydialogs.h"

using calldeck::core::countAgedDialog;
using calldeck::core::DialogAgeCount;
using calldeck::core::DialogAgeQuery;
using calldeck::core::DialogEngine;
using calldeck::core::DialogState;
using calldeck::core::RemoteDialog;

namespace
{

bool live(const int state)
{
    return state >= int(DialogState::Early) && state <= int(DialogState::Confirmed);
}

} // namespace

std::vector<quint64> ProxyDialogs::profileMembers(const calldeck::core::DialogEngine &engine,
                                                  const std::string_view profile,
                                                  const std::optional<std::string_view> value) const
{
    std::vector<quint64> out;
    for (const auto &[origin, listedAt] : m_lastListing)
    {
        m_remote.forEach(origin, [&](const RemoteDialog &r) {
            if (!live(r.dialog.state))
            {
                return;
            }
            const bool member =
                std::any_of(r.dialog.profiles.begin(), r.dialog.profiles.end(), [&](const auto &p) {
                    return p.first == profile && (!value || (p.second && *p.second == *value));
                });
            if (member)
            {
                const auto linked = m_toEngine.find(r.key);
                out.push_back(linked != m_toEngine.end() ? linked->second : r.key);
            }
        });
    }
    // An undeclared profile is simply empty on the mirror.
    if (const auto members = engine.profileMembers(profile, value))
    {
        for (const calldeck::core::DialogHandle h : *members)
        {
            const quint64 key = CoreWorker::keyOf(h);
            if (live(int(engine.state(h))) && !m_toRemote.count(key))
            {
                out.push_back(key);
            }
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

ProfileCounts ProxyDialogs::profileCounts(const calldeck::core::DialogEngine &engine) const
{
    ProfileCounts out;
    // The mirror: the engine's registry holds every engine dialog's profiles ...
    const calldeck::core::ProfileRegistry &registry = engine.profiles();
    for (int id = 0; id < int(registry.count()); ++id)
    {
        ProfileCount &c = out[std::string(registry.name(id))];
        c.total = std::uint32_t(registry.size(id));
        if (registry.hasValue(id))
        {
            registry.forEachValue(id, [&](std::string_view value, std::uint64_t n) {
                c.values[std::string(value)] = std::uint32_t(n);
            });
        }
    }
    // ... but a dialog a proxy lists counts by the proxy's profiles: take the engine's out.
    for (const auto &[engineKey, remoteKey] : m_toRemote)
    {
        engine.forEachProfileOf(CoreWorker::handleOf(engineKey),
                                [&](std::string_view profile, std::optional<std::string_view> value) {
                                    const auto it = out.find(std::string(profile));
                                    if (it == out.end())
                                    {
                                        return;
                                    }
                                    it->second.total -= it->second.total ? 1 : 0;
                                    if (value)
                                    {
                                        const auto v = it->second.values.find(std::string(*value));
                                        if (v != it->second.values.end() && v->second > 0 && --v->second == 0)
                                        {
                                            it->second.values.erase(v);
                                        }
                                    }
                                });
    }
    for (const auto &[origin, listedAt] : m_lastListing)
    {
        m_remote.forEach(origin, [&](const RemoteDialog &r) {
            if (r.dialog.state < 1 || r.dialog.state > int(DialogState::Confirmed))
            {
                return;
            }
            for (const auto &[profile, value] : r.dialog.profiles)
            {
                ProfileCount &c = out[profile];
                ++c.total;
                if (value)
                {
                    ++c.values[*value];
                }
            }
        });
    }
    return out;
}

std::vector<DialogAgeCount> ProxyDialogs::countAged(const DialogEngine &engine,
                                                    const std::vector<DialogAgeQuery> &queries) const
{
    std::vector<DialogAgeCount> out = engine.countAged(queries);
    const std::uint32_t now = engine.nowSeconds();
    for (const quint64 key : m_shown)
    {
        if (const RemoteDialog *rd = m_remote.find(key))
        {
            countAgedDialog(queries, rd->dialog.state, rd->dialog.initTs, rd->dialog.startTs, now, out);
        }
    }
    return out;
}
