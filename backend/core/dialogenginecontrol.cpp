// SPDX-License-Identifier: GPL-3.0-or-later
// DialogEngine: the module's management surface — timeouts, profiles, variables, properties,
// flags, dlg.set_state, and BYE generation (dlg_bye / dlg_bye_all).
#include "dialogengine.h"

namespace calldeck::core
{

namespace
{

Error gone()
{
    return makeError(Error::Code::NotFound, "Dialog not found");
}

Error profileNotFound(std::string_view name)
{
    return makeError(Error::Code::UnknownProfile, "Profile not found: " + std::string(name));
}

} // namespace

Status DialogEngine::setTimeout(DialogHandle h, std::uint32_t seconds)
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    if (seconds == 0)
    {
        return makeError(Error::Code::InvalidArgument, "timeout must be at least 1 s");
    }
    DialogRecord &r = m_table.at(i);
    r.lifetime = seconds;
    markDb(i, DFlag::Changed);
    r.lastModified = nowSeconds();
    // No timer exists before the 2xx: the new lifetime is used when it is armed.
    if (r.dialogState() == DialogState::ConfirmedNa || r.dialogState() == DialogState::Confirmed)
    {
        armLifetime(i, seconds);
    }
    return Done{};
}

Result<std::size_t> DialogEngine::setTimeoutByProfile(std::string_view profile,
                                                      std::optional<std::string_view> value,
                                                      std::uint32_t seconds)
{
    auto members = profileMembers(profile, value);
    if (!members)
    {
        return members.error();
    }
    std::size_t n = 0;
    for (DialogHandle h : members.value())
    {
        if (state(h) >= DialogState::Early && state(h) != DialogState::Deleted && setTimeout(h, seconds))
        {
            ++n;
        }
    }
    return n;
}

Result<std::pair<std::uint32_t, int>> DialogEngine::dialogAndProfile(DialogHandle h,
                                                                     std::string_view profile) const
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    const int p = m_profiles.find(profile);
    if (p < 0)
    {
        return profileNotFound(profile);
    }
    return std::make_pair(i, p);
}

Status DialogEngine::setProfile(DialogHandle h, std::string_view profile, std::string_view value)
{
    const auto found = dialogAndProfile(h, profile);
    if (!found)
    {
        return found.error();
    }
    const auto [i, p] = found.value();
    DialogRecord &r = m_table.at(i);
    if (r.dialogState() == DialogState::Deleted)
    {
        return makeError(Error::Code::WrongState, "the dialog has ended; ended dialogs are in no profile");
    }
    auto st = m_profiles.add(r.profileHead, p, value);
    if (st)
    {
        markDb(i, DFlag::ChangedProf);
    }
    return st;
}

Status DialogEngine::unsetProfile(DialogHandle h, std::string_view profile, std::string_view value)
{
    const auto found = dialogAndProfile(h, profile);
    if (!found)
    {
        return found.error();
    }
    const auto [i, p] = found.value();
    DialogRecord &r = m_table.at(i);
    if (!m_profiles.remove(r.profileHead, p, value))
    {
        return makeError(Error::Code::NotFound, "the dialog is not in profile " + std::string(profile));
    }
    markDb(i, DFlag::ChangedProf);
    return Done{};
}

Result<bool> DialogEngine::isInProfile(DialogHandle h, std::string_view profile,
                                       std::optional<std::string_view> value) const
{
    const auto found = dialogAndProfile(h, profile);
    if (!found)
    {
        return found.error();
    }
    return m_profiles.isIn(m_table.at(found->first).profileHead, found->second, value);
}

Result<std::uint64_t> DialogEngine::profileSize(std::string_view profile,
                                                std::optional<std::string_view> value) const
{
    const int p = m_profiles.find(profile);
    if (p < 0)
    {
        return profileNotFound(profile);
    }
    return value ? m_profiles.size(p, *value) : m_profiles.size(p);
}

Result<std::vector<DialogHandle>> DialogEngine::profileMembers(std::string_view profile,
                                                               std::optional<std::string_view> value) const
{
    const int p = m_profiles.find(profile);
    if (p < 0)
    {
        return profileNotFound(profile);
    }
    std::vector<DialogHandle> out;
    for (DialogHandle h : list())
    {
        if (m_profiles.isIn(m_table.at(h.index).profileHead, p, value))
        {
            out.push_back(h);
        }
    }
    return out;
}

Status DialogEngine::setVariable(DialogHandle h, std::string_view key, std::string_view value)
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    if (key.empty())
    {
        return makeError(Error::Code::InvalidArgument, "a variable needs a name");
    }
    DialogRecord &r = m_table.at(i);
    m_vars.set(r.varHead, key, value);
    markDb(i, DFlag::ChangedVars);
    return Done{};
}

std::optional<std::string> DialogEngine::variable(DialogHandle h, std::string_view key) const
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return std::nullopt;
    }
    const auto v = m_vars.get(m_table.at(i).varHead, key);
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

Status DialogEngine::unsetVariable(DialogHandle h, std::string_view key)
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    DialogRecord &r = m_table.at(i);
    if (!m_vars.unset(r.varHead, key))
    {
        return makeError(Error::Code::NotFound, "no variable " + std::string(key));
    }
    markDb(i, DFlag::ChangedVars);
    return Done{};
}

std::uint16_t DialogEngine::variableFlags(DialogHandle h, std::string_view key) const
{
    const std::uint32_t i = indexOf(h);
    return i ? m_vars.flags(m_table.at(i).varHead, key) : 0;
}

namespace
{

std::uint8_t propertyFlag(std::string_view name)
{
    if (name == "ka-src")
    {
        return IFlag::KaSrc;
    }
    if (name == "ka-dst")
    {
        return IFlag::KaDst;
    }
    if (name == "timeout-noreset")
    {
        return IFlag::TimerNoReset;
    }
    if (name == "timeout-bye") // what $dlg_ctx(timeout_bye) = 1 sets in the module
    {
        return IFlag::TimeoutBye;
    }
    return 0;
}

} // namespace

Status DialogEngine::changeProperty(DialogHandle h, std::string_view name, bool on)
{
    const std::uint32_t i = indexOf(h);
    const std::uint8_t flag = propertyFlag(name);
    if (!flag)
    {
        return makeError(Error::Code::InvalidArgument,
                         "unknown property '" + std::string(name) +
                             "' (ka-src, ka-dst, timeout-noreset or timeout-bye)");
    }
    if (!i)
    {
        return gone();
    }
    std::uint8_t &iflags = m_table.at(i).iflags;
    iflags = static_cast<std::uint8_t>(on ? (iflags | flag) : (iflags & ~flag));
    if (on && (flag & (IFlag::KaSrc | IFlag::KaDst)) && m_table.at(i).dialogState() == DialogState::Confirmed)
    {
        keepAliveEnqueue(i); // set on a confirmed dialog: it joins the queue now (once)
    }
    return Done{};
}

Status DialogEngine::setProperty(DialogHandle h, std::string_view name)
{
    return changeProperty(h, name, true);
}

Status DialogEngine::resetProperty(DialogHandle h, std::string_view name)
{
    return changeProperty(h, name, false);
}

Status DialogEngine::changeFlag(DialogHandle h, unsigned bit, bool on)
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    if (bit > 31)
    {
        return makeError(Error::Code::InvalidArgument, "flag index must be 0..31");
    }
    std::uint32_t &sflags = m_table.at(i).sflags;
    sflags = on ? (sflags | (1u << bit)) : (sflags & ~(1u << bit));
    markDb(i, DFlag::ChangedSflags);
    return Done{};
}

Status DialogEngine::setFlag(DialogHandle h, unsigned bit)
{
    return changeFlag(h, bit, true);
}

Status DialogEngine::resetFlag(DialogHandle h, unsigned bit)
{
    return changeFlag(h, bit, false);
}

Result<bool> DialogEngine::isFlagSet(DialogHandle h, unsigned bit) const
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    if (bit > 31)
    {
        return makeError(Error::Code::InvalidArgument, "flag index must be 0..31");
    }
    return (m_table.at(i).sflags >> bit) & 1u;
}

Status DialogEngine::setState(DialogHandle h, int state)
{
    const std::uint32_t i = indexOf(h);
    if (state < 1 || state > 5)
    {
        return makeError(Error::Code::InvalidArgument, "Invalid state value");
    }
    if (!i)
    {
        return gone();
    }
    DialogRecord &r = m_table.at(i);
    const DialogState from = r.dialogState();
    const auto to = static_cast<DialogState>(state);
    if (from == to)
    {
        return Done{};
    }
    // Written directly, as the RPC does: no BYE, no callbacks. Leaving 4 for 5 stamps the end
    // and the active gauge; profile links stay until the dialog is swept.
    if (to == DialogState::Deleted)
    {
        if (from == DialogState::Confirmed || from == DialogState::ConfirmedNa)
        {
            --m_stats.activeDialogs;
        }
        m_timers.disarm(i);
        r.endTs = nowSeconds();
        r.initTs = r.endTs;
        r.flags = static_cast<std::uint8_t>(r.flags & ~RecordFlag::Linked);
        setStateRaw(i, to);
        scheduleDestroy(i);
        return Done{};
    }
    if (from == DialogState::Deleted)
    {
        r.flags |= RecordFlag::Linked; // back in the table: the pending destruction is off
    }
    // CallDeck deviation: the module leaves early_dialogs/active_dialogs alone here, so a dialog
    // forced into 2 (or 3/4) and then ended drives them below zero; here the gauges follow the
    // state, so they always equal the dialogs in those states.
    const auto answered = [](DialogState s) {
        return s == DialogState::ConfirmedNa || s == DialogState::Confirmed;
    };
    if (from == DialogState::Early)
    {
        --m_stats.earlyDialogs;
    }
    if (to == DialogState::Early)
    {
        ++m_stats.earlyDialogs;
    }
    if (answered(to) && !answered(from))
    {
        ++m_stats.activeDialogs;
    }
    if (answered(from) && !answered(to))
    {
        --m_stats.activeDialogs;
    }
    setStateRaw(i, to);
    if ((to == DialogState::ConfirmedNa || to == DialogState::Confirmed) &&
        (r.timerExpiry == 0 || r.timerKind != TimerLifetime))
    {
        // CallDeck deviation: the module leaves such a dialog without a lifetime timer (or with
        // only its destruction pending), so it would never end; here it gets its lifetime like
        // any answered dialog.
        armLifetime(i, r.lifetime);
    }
    return Done{};
}

Result<BuiltRequest> DialogEngine::buildRequest(DialogHandle h, const InDialogRequest &request) const
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    return buildInDialogRequest(makeSnapshot(i), request);
}

Status DialogEngine::bye(DialogHandle h, ByeTarget target, std::string_view extraHeaders)
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return gone();
    }
    if (!m_requestSink)
    {
        return makeError(Error::Code::Unsupported, "no request sender is attached to the dialog core");
    }
    DialogRecord &r = m_table.at(i);
    const DialogState s = r.dialogState();
    if (s == DialogState::Unconfirmed || s == DialogState::Early)
    {
        return makeError(Error::Code::WrongState,
                         "terminating non-confirmed dialogs needs the proxy's INVITE transaction "
                         "(480 to the caller, CANCEL to the callee)");
    }
    const bool all = target == ByeTarget::All;
    bool toCaller = all || target == ByeTarget::Caller;
    const bool toCallee = all || target == ByeTarget::Callee;
    if (s == DialogState::Deleted && toCaller)
    {
        log(LogLevel::Warning, "dialog already in deleted state, BYE not sent to the caller");
        toCaller = false;
        if (!all)
        {
            return makeError(Error::Code::WrongState, "dialog already in deleted state, BYE not sent");
        }
    }
    if (!all && ((toCaller && (r.dflags & DFlag::CallerBye)) || (toCallee && (r.dflags & DFlag::CalleeBye))))
    {
        return makeError(Error::Code::WrongState, "a BYE was already sent to that side");
    }
    const DialogSnapshot snap = makeSnapshot(i);
    std::vector<LocalRequest> out;
    for (int leg = 0; leg < 2; ++leg)
    {
        if ((leg == 0 && !toCaller) || (leg == 1 && !toCallee))
        {
            continue;
        }
        LocalRequest lr;
        lr.dialog = h;
        lr.id = DialogId{r.hEntry, r.hId};
        lr.leg = leg == 0 ? DialogLeg::Caller : DialogLeg::Callee;
        lr.method = "BYE";
        lr.spec.method = "BYE";
        lr.spec.target = lr.leg;
        lr.spec.cseqRule = CSeqRule::Bye;
        lr.spec.viaBranch = "z9hG4bKcdbye";
        lr.spec.extraHeaders = m_config.extraHeaders + std::string(extraHeaders);
        if (leg == 1)
        {
            lr.spec.extraHeaders += m_config.calleeHeaders;
        }
        auto built = buildInDialogRequest(snap, lr.spec);
        if (!built)
        {
            return built.error();
        }
        lr.request = std::move(built).value();
        lr.cseq = lr.request.cseq;
        out.push_back(std::move(lr));
    }
    if (out.empty())
    {
        return makeError(Error::Code::WrongState, "no leg left to send a BYE to");
    }
    if (all && !(r.flags & RecordFlag::TerminatedFired))
    {
        r.flags |= RecordFlag::TerminatedFired;
        fire(i, Dlgcb::Terminated);
    }
    for (const LocalRequest &lr : out)
    {
        r.dflags |= lr.leg == DialogLeg::Caller ? DFlag::CallerBye : DFlag::CalleeBye;
    }
    r.flags |= RecordFlag::ByeSent;
    for (const LocalRequest &lr : out)
    {
        m_requestSink(lr);
    }
    return Done{};
}

void DialogEngine::localReply(DialogHandle h, DialogLeg leg, int statusCode)
{
    (void)leg;
    const std::uint32_t i = indexOf(h);
    if (!i || statusCode < 200)
    {
        return;
    }
    DialogRecord &r = m_table.at(i);
    // The first final reply of any code ends the dialog; the second only matters for the DB.
    if (r.byeReplies++ != 0)
    {
        return;
    }
    const DialogState from = r.dialogState();
    if (from == DialogState::ConfirmedNa || from == DialogState::Confirmed)
    {
        r.dflags |= DFlag::HasBye;
        m_timers.disarm(i);
        --m_stats.activeDialogs;
        enterDeleted(i);
    }
    fire(i, Dlgcb::TerminatedConfirmed);
}

} // namespace calldeck::core
