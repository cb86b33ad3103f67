// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"
#include "result.h"

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace calldeck::core
{

class SipMessage;

/** @brief A stable reference to a dialog: record index plus creation sequence (detects reuse). */
struct DialogHandle
{
    std::uint32_t index = 0;
    std::uint32_t seq = 0;
    bool valid() const { return index != 0; }
    friend bool operator==(const DialogHandle &, const DialogHandle &) = default;
};

/** @brief What a callback receives besides the dialog (`dlg_cb_params`). */
struct DialogCallbackParams
{
    std::uint32_t type = 0;              ///< the Dlgcb bit that fired
    const SipMessage *request = nullptr; ///< the request, when one caused it
    const SipMessage *reply = nullptr;   ///< the reply, when one caused it
    DialogDirection direction = DialogDirection::None;
    std::uint32_t dlgData = 0;  ///< e.g. 1 on EXPIRED when the dialog had been confirmed
    void *param = nullptr;      ///< the pointer given at registration
    void *rpcContext = nullptr; ///< DLGCB_RPC_CONTEXT: the listing to append fields to
};

using DialogCallback = std::function<void(DialogHandle, const DialogCallbackParams &)>;

/**
 * @brief Callback registrations: global (CREATED and LOADED, registered alone, as in the
 * module) and per dialog (every other type). CallDeck's upper layers may also register any
 * mask globally (`registerObserver`), which the module does not offer: that is how the
 * engine's change feed sees every dialog without a per-dialog registration.
 */
class DialogCallbacks
{
public:
    /** @brief The module's global registration: only Created or Loaded, alone. */
    Status registerGlobal(std::uint32_t type, DialogCallback fn, void *param = nullptr);
    /** @brief CallDeck extension: any mask, for all dialogs. */
    void registerObserver(std::uint32_t mask, DialogCallback fn, void *param = nullptr);
    /** @brief Per-dialog registration (any type but Created/Loaded). */
    Status registerFor(std::uint32_t index, std::uint32_t mask, DialogCallback fn, void *param = nullptr);
    void dropFor(std::uint32_t index);
    bool hasFor(std::uint32_t index) const { return m_perDialog.count(index) != 0; }

    /** @brief Runs global/observer and per-dialog callbacks registered for `params.type`. */
    void run(DialogHandle dlg, DialogCallbackParams params) const;
    /** @brief True when anything at all listens for this type (skip building params otherwise). */
    bool wants(std::uint32_t type) const { return (m_anyMask & type) != 0; }

private:
    struct Entry
    {
        std::uint32_t mask = 0;
        DialogCallback fn;
        void *param = nullptr;
    };
    std::vector<Entry> m_global;
    std::unordered_map<std::uint32_t, std::vector<Entry>> m_perDialog;
    std::uint32_t m_anyMask = 0;
};

} // namespace calldeck::core
