// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QStringList>

#include "backend/controlrequest.h"
#include "backend/rpcmethodoutcome.h"

class CoreWorker;
class DialogControl;
class SourceRegistry;

/// @brief The served control methods, so a headless collector is steered like a proxy:
/// `dlg.end_dlg h_entry h_id [extra_hdrs]` (CallDeck's ids of a dialog, or a proxy's ids of a
/// dialog only that proxy lists, as calldeck.dialogs shows them), `dlg.terminate_dlg callid from_tag to_tag`,
/// `dlg.bridge_dlg from to [op]`, `dlg.is_alive callid from_tag to_tag` with Kamailio's parameters
/// and errors, and for what Kamailio has no RPC the methods of resources/kamailio/calldeck-helpers.cfg:
/// `calldeck.refer callid from_tag to_tag side uri`, `calldeck.set_timeout callid from_tag to_tag
/// seconds`, `calldeck.set_profile|unset_profile callid from_tag to_tag profile value`,
/// `calldeck.set_var callid from_tag to_tag name value`, `calldeck.set_timeout_by_profile profile
/// value seconds` (`dlg_set_timeout_by_profile`: every live dialog in the profile, "" = any value,
/// each through its owner; answers how many changed and which failed); plus `calldeck.sources` (the feeds and
/// their health) and `calldeck.dialogs` (every row as the console shows it: the mirror's dialogs
/// merged with the proxies', each with its origin, proxy ids and disagreement flags). Every action goes
/// through DialogControl, which routes it to the dialog's owner.
///
/// Runs on the serving thread; waits for each action at most Targets::timeoutMs.
class ControlRpc final
{
public:
    struct Targets
    {
        DialogControl *control = nullptr;
        SourceRegistry *sources = nullptr;
        CoreWorker *worker = nullptr; ///< for calldeck.dialogs
        int timeoutMs = 10000;
    };

    explicit ControlRpc(Targets targets)
        : m_targets(targets)
    {}

    static QStringList methods();
    RpcMethodOutcome dispatch(const QString &method, const QJsonArray &params) const;

private:
    RpcMethodOutcome run(const ControlRequest &request, bool kamailioNotFound = false) const;
    RpcMethodOutcome sources() const;
    RpcMethodOutcome dialogs() const;
    RpcMethodOutcome timeoutByProfile(const QJsonArray &params) const;

    Targets m_targets;
};
