// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogstatemachine.h"

namespace calldeck::core
{

namespace
{

using K = DialogTransition::Kind;
using S = DialogState;

DialogTransition change(S next)
{
    DialogTransition t;
    t.kind = K::Change;
    t.next = next;
    return t;
}

DialogTransition stay(S s)
{
    DialogTransition t;
    t.kind = K::Stay;
    t.next = s;
    return t;
}

DialogTransition bogus(S s)
{
    DialogTransition t;
    t.kind = K::Bogus;
    t.next = s;
    return t;
}

} // namespace

DialogTransition nextDialogState(S from, DialogEvent event, bool hasBye, bool dmqDeleted,
                                 bool dmqReplicaWithoutTm)
{
    switch (event)
    {
    case DialogEvent::TDel:
        if (from == S::Unconfirmed || from == S::Early)
        {
            auto t = change(S::Deleted);
            t.unref = true;
            return t;
        }
        if (from == S::ConfirmedNa || from == S::Confirmed)
        {
            auto t = stay(from);
            t.dropRef = true;
            return t;
        }
        {
            auto t = stay(from);
            t.unref = true;
            return t;
        }
    case DialogEvent::Rpl1xx:
        if (from == S::Unconfirmed || from == S::Early)
        {
            return change(S::Early);
        }
        return bogus(from);
    case DialogEvent::Rpl2xx:
        if (from == S::Unconfirmed || from == S::Early)
        {
            return change(S::ConfirmedNa);
        }
        if (from == S::Deleted)
        {
            if (!hasBye && !dmqDeleted)
            {
                auto t = change(S::ConfirmedNa);
                t.revive = true;
                return t;
            }
            return stay(from);
        }
        return stay(from);
    case DialogEvent::Rpl3xx:
        if (from == S::Unconfirmed || from == S::Early)
        {
            auto t = change(S::Deleted);
            t.unref = true;
            return t;
        }
        return bogus(from);
    case DialogEvent::ReqPrack:
        if (from == S::Early || from == S::ConfirmedNa)
        {
            auto t = stay(from);
            t.setPrack = true;
            return t;
        }
        if (from == S::Deleted)
        {
            return stay(from);
        }
        return bogus(from);
    case DialogEvent::ReqAck:
        if (from == S::ConfirmedNa)
        {
            return change(S::Confirmed);
        }
        if (from == S::Confirmed || from == S::Deleted)
        {
            return stay(from);
        }
        return dmqReplicaWithoutTm ? change(S::Confirmed) : bogus(from);
    case DialogEvent::ReqBye:
        if (from == S::ConfirmedNa || from == S::Confirmed)
        {
            auto t = change(S::Deleted);
            t.setHasBye = true;
            t.unref = true;
            return t;
        }
        if (from == S::Deleted)
        {
            return stay(from);
        }
        if (dmqReplicaWithoutTm)
        {
            auto t = change(S::Deleted);
            t.setHasBye = true;
            t.unref = true;
            return t;
        }
        return from == S::Early ? stay(from) : bogus(from);
    case DialogEvent::Req:
        return from == S::Unconfirmed ? bogus(from) : stay(from);
    }
    return bogus(from);
}

} // namespace calldeck::core
