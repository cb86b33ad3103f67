// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "backend/dialogaction.h"

/// @brief What the console's Dialog menu offers: a DialogAction plus, for terminate, the side.
enum class ActionKind : quint8
{
    Terminate,       ///< BYE to both parties
    TerminateCaller, ///< BYE to the caller only
    TerminateCallee, ///< BYE to the callee only
    Transfer,        ///< REFER to one party
    ChangeTimeout,
    SetProfile,
    UnsetProfile,
    SetVariable,
    Bridge, ///< click-to-dial: not tied to a dialog
};

inline constexpr int ActionKindCount = static_cast<int>(ActionKind::Bridge) + 1;

/// @brief The DialogAction a kind sends.
inline DialogAction dialogActionOf(const ActionKind kind)
{
    switch (kind)
    {
    case ActionKind::Terminate:
    case ActionKind::TerminateCaller:
    case ActionKind::TerminateCallee:
        return DialogAction::EndDialog;
    case ActionKind::Transfer:
        return DialogAction::Refer;
    case ActionKind::ChangeTimeout:
        return DialogAction::SetTimeout;
    case ActionKind::SetProfile:
        return DialogAction::SetProfile;
    case ActionKind::UnsetProfile:
        return DialogAction::UnsetProfile;
    case ActionKind::SetVariable:
        return DialogAction::SetVariable;
    case ActionKind::Bridge:
        return DialogAction::Bridge;
    }
    return DialogAction::EndDialog;
}

/// @brief The ControlRequest::side a terminate kind starts with ("" = both).
inline QString terminateSideOf(const ActionKind kind)
{
    return kind == ActionKind::TerminateCaller   ? QStringLiteral("caller")
           : kind == ActionKind::TerminateCallee ? QStringLiteral("callee")
                                                 : QString();
}

inline bool isTerminateKind(const ActionKind kind)
{
    return kind == ActionKind::Terminate || kind == ActionKind::TerminateCaller ||
           kind == ActionKind::TerminateCallee;
}
