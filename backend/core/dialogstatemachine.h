// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"

namespace calldeck::core
{

/** @brief What the transition table says for one (state, event) pair. */
struct DialogTransition
{
    enum class Kind : std::uint8_t
    {
        Change, ///< moves to `next`
        Stay,   ///< valid, state unchanged
        Bogus,  ///< invalid for this state: logged, state unchanged
    };
    Kind kind = Kind::Stay;
    DialogState next = DialogState::Unconfirmed;
    bool unref = false;     ///< the dialog is "ended": the table drops its reference
    bool setHasBye = false; ///< dflag HASBYE is set
    bool setPrack = false;  ///< iflag PRACK is set
    bool revive = false;    ///< a late 2xx revives a deleted dialog (table ref re-taken)
    bool dropRef = false;   ///< TDEL in 3/4: one reference is dropped, nothing else

    bool changes(DialogState from) const { return kind == Kind::Change && next != from; }
};

/**
 * @brief The dialog module's transition table (`next_state_dlg`), as a pure function.
 * @param hasBye dflag HASBYE of the dialog
 * @param dmqDeleted dflag DMQ_DELETED of the dialog
 * @param dmqReplicaWithoutTm iflag DMQ_SYNC set and dflag TM clear: a replica that accepts
 *        ACK and BYE from any state
 */
DialogTransition nextDialogState(DialogState from, DialogEvent event, bool hasBye = false,
                                 bool dmqDeleted = false, bool dmqReplicaWithoutTm = false);

} // namespace calldeck::core
