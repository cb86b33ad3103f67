// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogcallbacks.h"

namespace calldeck::core
{

Status DialogCallbacks::registerGlobal(std::uint32_t type, DialogCallback fn, void *param)
{
    if (type != Dlgcb::Created && type != Dlgcb::Loaded)
    {
        return makeError(Error::Code::InvalidArgument,
                         "only DLGCB_CREATED or DLGCB_LOADED can be registered globally, and alone");
    }
    registerObserver(type, std::move(fn), param);
    return Done{};
}

void DialogCallbacks::registerObserver(std::uint32_t mask, DialogCallback fn, void *param)
{
    m_global.push_back(Entry{mask, std::move(fn), param});
    m_anyMask |= mask;
}

Status DialogCallbacks::registerFor(std::uint32_t index, std::uint32_t mask, DialogCallback fn, void *param)
{
    if (mask & (Dlgcb::Created | Dlgcb::Loaded))
    {
        return makeError(Error::Code::InvalidArgument,
                         "DLGCB_CREATED and DLGCB_LOADED are global callbacks, not per dialog");
    }
    if (index == 0 || mask == 0)
    {
        return makeError(Error::Code::InvalidArgument, "no dialog or empty callback mask");
    }
    m_perDialog[index].push_back(Entry{mask, std::move(fn), param});
    m_anyMask |= mask;
    return Done{};
}

void DialogCallbacks::dropFor(std::uint32_t index)
{
    m_perDialog.erase(index);
}

void DialogCallbacks::run(DialogHandle dlg, DialogCallbackParams params) const
{
    if (!(m_anyMask & params.type))
    {
        return;
    }
    for (const Entry &e : m_global)
    {
        if (e.mask & params.type)
        {
            params.param = e.param;
            e.fn(dlg, params);
        }
    }
    auto it = m_perDialog.find(dlg.index);
    if (it == m_perDialog.end())
    {
        return;
    }
    // A callback may register more callbacks for this dialog: iterate over a copy.
    const std::vector<Entry> entries = it->second;
    for (const Entry &e : entries)
    {
        if (e.mask & params.type)
        {
            params.param = e.param;
            e.fn(dlg, params);
        }
    }
}

} // namespace calldeck::core
