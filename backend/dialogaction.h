// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QString>

/// @brief What the console can do to a dialog (on its proxy, the CallDeck core or, later, the
/// embedded SIP user agent).
enum class DialogAction : std::uint8_t
{
    EndDialog,       ///< dlg.end_dlg h_entry h_id [extra_hdrs]: BYE both legs
    TerminateDialog, ///< dlg.terminate_dlg callid from_tag to_tag
    Bridge,          ///< dlg.bridge_dlg from to [op] [body]
    SetState,        ///< dlg.set_state callid from_tag to_tag state (dangerous)
    IsAlive,         ///< dlg.is_alive callid from_tag to_tag
    Refer,           ///< calldeck.refer callid from_tag to_tag side uri (helper include)
    SetTimeout,      ///< calldeck.set_timeout callid from_tag to_tag seconds (helper include)
    SetProfile,      ///< calldeck.set_profile callid from_tag to_tag profile value (helper include)
    UnsetProfile,    ///< calldeck.unset_profile callid from_tag to_tag profile value (helper include)
    SetVariable,     ///< calldeck.set_var callid from_tag to_tag name value (helper include)
};

/// @brief How an action is sent.
struct DialogActionInfo
{
    DialogAction action;
    const char *method; ///< the JSON-RPC method
    bool helper;        ///< on a proxy: needs resources/kamailio/calldeck-helpers.cfg
    bool dangerous;     ///< asks for an extra confirmation (dlg.set_state)

    static const DialogActionInfo &of(DialogAction action);
    /// @brief The action whose method is @p method; false when none.
    static bool fromMethod(const QString &method, DialogAction &out);
    static QString methodName(DialogAction action) { return QString::fromLatin1(of(action).method); }
};
