// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dialogaction.h"

#include <array>

namespace
{

constexpr std::array<DialogActionInfo, 10> Actions{{
    {DialogAction::EndDialog, "dlg.end_dlg", false, false},
    {DialogAction::TerminateDialog, "dlg.terminate_dlg", false, false},
    {DialogAction::Bridge, "dlg.bridge_dlg", false, false},
    {DialogAction::SetState, "dlg.set_state", false, true},
    {DialogAction::IsAlive, "dlg.is_alive", false, false},
    {DialogAction::Refer, "calldeck.refer", true, false},
    {DialogAction::SetTimeout, "calldeck.set_timeout", true, false},
    {DialogAction::SetProfile, "calldeck.set_profile", true, false},
    {DialogAction::UnsetProfile, "calldeck.unset_profile", true, false},
    {DialogAction::SetVariable, "calldeck.set_var", true, false},
}};

} // namespace

const DialogActionInfo &DialogActionInfo::of(const DialogAction action)
{
    return Actions[static_cast<std::size_t>(action)];
}

bool DialogActionInfo::fromMethod(const QString &method, DialogAction &out)
{
    for (const DialogActionInfo &info : Actions)
    {
        if (method == QLatin1StringView(info.method))
        {
            out = info.action;
            return true;
        }
    }
    return false;
}
