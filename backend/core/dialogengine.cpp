// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogengine.h"

#include "sipdialogfeed.h"
#include "sipheaders.h"
#include "sipparser.h"

#include <algorithm>

namespace calldeck::core
{

namespace
{

DialogTable::Options tableOptions(const DialogConfig &c)
{
    DialogTable::Options o;
    o.hashSize = c.hashSize;
    o.hIdStart = c.hIdStart;
    o.hIdStep = c.hIdStep;
    o.seed = c.idSeed;
    return o;
}

DialogConfig sanitize(DialogConfig c)
{
    if (c.defaultTimeout == 0)
    {
        c.defaultTimeout = 43200; // the module rejects 0
    }
    if (c.matchMode > 2)
    {
        c.matchMode = 0;
    }
    if (c.cleanupPeriod == 0)
    {
        c.cleanupPeriod = 90;
    }
    c.deletedLinger = std::min(c.deletedLinger, c.endTimeout);
    return c;
}

} // namespace

DialogEngine::DialogEngine(DialogConfig config)
    : m_config(sanitize(std::move(config)))
    , m_table(tableOptions(m_config))
    , m_timers(m_table)
    , m_vars(m_table.slab())
    , m_sipFeed(std::make_unique<SipDialogFeed>(*this))
    , m_parsed(std::make_unique<SipMessage>())
{
    auto st = m_profiles.configure(m_config.profilesNoValue, m_config.profilesWithValue);
    if (!st)
    {
        m_configError = st.error();
    }
    if (m_config.kaInterval != 0 && m_config.kaInterval < 30)
    {
        // The module refuses to start with such a value; here keep-alives simply stay off.
        if (!m_configError)
        {
            m_configError = makeError(Error::Code::InvalidArgument,
                                      "ka_interval must be 0 or at least 30 s (got " +
                                          std::to_string(m_config.kaInterval) + "); keep-alives are off");
        }
        m_config.kaInterval = 0;
    }
    const std::size_t dropped = m_headerColumns.assign(m_config.headerColumns);
    if (dropped != 0 && !m_configError)
    {
        m_configError = makeError(Error::Code::InvalidArgument,
                                  std::to_string(dropped) +
                                      " header column name(s) ignored: not a SIP header name, a duplicate, "
                                      "or more than 8 columns");
    }
    m_config.headerColumns = m_headerColumns.names();
}

DialogEngine::~DialogEngine() = default;

std::size_t DialogEngine::setHeaderColumns(const std::vector<std::string> &names)
{
    HeaderColumns fresh;
    const std::size_t dropped = fresh.assign(names);
    if (fresh.names() == m_headerColumns.names())
    {
        return dropped;
    }
    // Live dialogs keep the values of the names that stay; their blobs are laid out afresh.
    std::string values;
    m_table.forEach([&](std::uint32_t i) {
        DialogRecord &r = m_table.at(i);
        const std::string_view old = DialogBlob::get(r.blob, DialogString::HeaderValues);
        if (old.empty())
        {
            return;
        }
        fresh.translate(m_headerColumns, old, values);
        r.blob = DialogBlob::update(m_table.slab(), r.blob, {{DialogString::HeaderValues, values}});
    });
    m_headerColumns = std::move(fresh);
    m_config.headerColumns = m_headerColumns.names();
    return dropped;
}

void DialogEngine::log(LogLevel level, std::string_view text) const
{
    if (m_log)
    {
        m_log(level, text);
    }
}

// ---- handles ------------------------------------------------------------------------------

DialogHandle DialogEngine::handle(std::uint32_t index) const
{
    return index ? DialogHandle{index, m_table.at(index).createdSeq} : DialogHandle{};
}

std::uint32_t DialogEngine::indexOf(DialogHandle h) const
{
    if (h.index == 0 || h.index >= m_table.highestIndex())
    {
        return 0;
    }
    const DialogRecord &r = m_table.at(h.index);
    return (r.live() && r.createdSeq == h.seq) ? h.index : 0;
}

bool DialogEngine::valid(DialogHandle h) const
{
    return indexOf(h) != 0;
}

DialogId DialogEngine::id(DialogHandle h) const
{
    const std::uint32_t i = indexOf(h);
    return i ? DialogId{m_table.at(i).hEntry, m_table.at(i).hId} : DialogId{};
}

DialogState DialogEngine::state(DialogHandle h) const
{
    const std::uint32_t i = indexOf(h);
    return i ? m_table.at(i).dialogState() : DialogState::Deleted;
}

DialogTimes DialogEngine::times(DialogHandle h) const
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return {};
    }
    const DialogRecord &r = m_table.at(i);
    return {r.initTs, r.startTs, r.lastModified};
}

DialogHandle DialogEngine::find(DialogId id) const
{
    return handle(m_table.findById(id));
}

DialogHandle DialogEngine::find(std::string_view callId, std::string_view fromTag,
                                std::string_view toTag) const
{
    std::uint32_t partial = 0;
    const std::uint32_t full = m_table.findByCallId(callId, [&](std::uint32_t i) {
        const std::string_view t0 = m_table.str(i, DialogString::CallerTag);
        const std::string_view t1 = m_table.str(i, DialogString::CalleeTag);
        if ((t0 == fromTag && t1 == toTag) || (!toTag.empty() && t0 == toTag && t1 == fromTag))
        {
            return true;
        }
        if (!partial && t0 == fromTag && (toTag.empty() || t1.empty()))
        {
            partial = i;
        }
        return false;
    });
    return handle(full ? full : partial);
}

// ---- feed ---------------------------------------------------------------------------------

FeedResult DialogEngine::feed(std::string_view packet, const PacketMeta &meta)
{
    const SipParseError err = SipParser::parse(packet, *m_parsed);
    if (err != SipParseError::None)
    {
        if (meta.timeUs > m_nowUs)
        {
            advanceTo(meta.timeUs);
        }
        ++m_feed.messages;
        ++m_feed.parseErrors;
        FeedResult r;
        r.outcome = FeedOutcome::ParseError;
        r.parseError = err;
        return r;
    }
    return process(*m_parsed, meta);
}

FeedResult DialogEngine::process(const SipMessage &msg, const PacketMeta &meta)
{
    if (meta.timeUs > m_nowUs)
    {
        advanceTo(meta.timeUs);
    }
    ++m_feed.messages;
    return m_sipFeed->process(msg, meta);
}

void DialogEngine::advanceTo(std::int64_t nowUs)
{
    if (nowUs < m_nowUs)
    {
        return; // the clock never goes back (a reordered packet keeps the later time)
    }
    m_nowUs = nowUs;
    const std::uint32_t now = nowSeconds();
    if (m_nextCleanup == 0)
    {
        m_nextCleanup = now + m_config.cleanupPeriod;
    }
    m_timers.advance(now, [this](std::uint32_t index, std::uint8_t kind) { onTimer(index, kind); });
    if (now >= m_nextCleanup)
    {
        cleanupPass();
        m_nextCleanup = now + m_config.cleanupPeriod;
    }
    if (keepAliveOn())
    {
        if (m_nextKaScan == 0)
        {
            m_nextKaScan = now + m_config.kaTimer;
        }
        if (now >= m_nextKaScan)
        {
            keepAliveScan();
            m_nextKaScan = now + m_config.kaTimer;
        }
    }
}

// ---- internals ------------------------------------------------------------------------------

void DialogEngine::fire(std::uint32_t index, std::uint32_t type, const SipMessage *req, const SipMessage *rpl,
                        DialogDirection dir, std::uint32_t data)
{
    if (!m_callbacks.wants(type))
    {
        return;
    }
    DialogCallbackParams p;
    p.type = type;
    p.request = req;
    p.reply = rpl;
    p.direction = dir;
    p.dlgData = data;
    m_callbacks.run(handle(index), p);
}

void DialogEngine::setStateRaw(std::uint32_t index, DialogState next)
{
    DialogRecord &r = m_table.at(index);
    if (r.state == static_cast<std::uint8_t>(next))
    {
        return;
    }
    --m_stateCount[r.state];
    r.state = static_cast<std::uint8_t>(next);
    ++m_stateCount[r.state];
    r.lastModified = nowSeconds();
    queueDb(index);
}

void DialogEngine::armLifetime(std::uint32_t index, std::uint32_t seconds)
{
    m_timers.arm(index, nowSeconds() + seconds, TimerLifetime);
}

void DialogEngine::enterDeleted(std::uint32_t index)
{
    DialogRecord &r = m_table.at(index);
    // On the first transition into 5 the dialog leaves every profile at once.
    m_profiles.removeAll(r.profileHead);
    r.endTs = nowSeconds();
    r.flags = static_cast<std::uint8_t>(r.flags & ~RecordFlag::Linked);
    setStateRaw(index, DialogState::Deleted);
    scheduleDestroy(index);
}

void DialogEngine::scheduleDestroy(std::uint32_t index)
{
    m_timers.arm(index, nowSeconds() + m_config.deletedLinger, TimerDestroy);
}

void DialogEngine::destroy(std::uint32_t index, bool runCallbacks)
{
    DialogRecord &r = m_table.at(index);
    if (runCallbacks)
    {
        fire(index, Dlgcb::Destroy);
    }
    m_timers.disarm(index);
    m_profiles.removeAll(r.profileHead);
    m_vars.clear(r.varHead);
    if (r.flags & RecordFlag::HasCallbacks)
    {
        m_callbacks.dropFor(index);
    }
    --m_stateCount[r.state];
    if (m_dbTracking && (r.dbFlags & DbFlag::Stored))
    {
        m_dbDeleted.push_back(DialogId{r.hEntry, r.hId});
    }
    m_table.unlink(index);
    m_table.release(index);
}

void DialogEngine::onTimer(std::uint32_t index, std::uint8_t kind)
{
    DialogRecord &r = m_table.at(index);
    if (kind == TimerDestroy)
    {
        if (r.dialogState() == DialogState::Deleted)
        {
            destroy(index, true);
        }
        return;
    }
    const DialogState s = r.dialogState();
    if (s == DialogState::ConfirmedNa || s == DialogState::Confirmed)
    {
        onTimeoutExpired(index);
    }
}

void DialogEngine::onTimeoutExpired(std::uint32_t index)
{
    DialogRecord &r = m_table.at(index);
    r.dflags |= DFlag::Expired;
    ++m_stats.expiredDialogs;
    const DialogState was = r.dialogState();
    // With timeout-BYE the module sends BYE to both legs and leaves the state change to their
    // replies (DLGCB_EXPIRED is not fired). Without a request sink (a passive mirror) the
    // proxy sends those BYEs itself and the core simply expires the dialog.
    if ((r.iflags & IFlag::TimeoutBye) && m_requestSink && bye(handle(index), ByeTarget::All))
    {
        return;
    }
    const DialogTransition t = nextDialogState(was, DialogEvent::ReqBye);
    if (!t.changes(was))
    {
        return;
    }
    --m_stats.activeDialogs;
    enterDeleted(index);
    fire(index, Dlgcb::Expired, nullptr, nullptr, DialogDirection::None,
         was == DialogState::Confirmed ? 1 : 0);
}

void DialogEngine::cleanupPass()
{
    const std::uint32_t now = nowSeconds();
    std::vector<std::uint32_t> doomed;
    m_table.forEach([&](std::uint32_t i) {
        DialogRecord &r = m_table.at(i);
        switch (r.dialogState())
        {
        case DialogState::Unconfirmed:
        case DialogState::Early:
            if (now - r.initTs >= m_config.earlyTimeout)
            {
                doomed.push_back(i);
            }
            break;
        case DialogState::ConfirmedNa:
            if (now - r.startTs >= m_config.noackTimeout && r.lifetime != 10)
            {
                // No ACK: give the dialog 10 more seconds, then it expires.
                r.lifetime = 10;
                armLifetime(i, 10);
            }
            break;
        case DialogState::Deleted:
            if (now - r.endTs >= m_config.endTimeout)
            {
                doomed.push_back(i);
            }
            break;
        default:
            break;
        }
    });
    for (std::uint32_t i : doomed)
    {
        DialogRecord &r = m_table.at(i);
        // The module destroys these silently; CallDeck keeps its gauges true (deviation:
        // Kamailio lets early_dialogs drift here).
        if (r.dialogState() == DialogState::Early)
        {
            --m_stats.earlyDialogs;
        }
        log(LogLevel::Info,
            "dialog swept by the cleanup pass: " + std::string(m_table.str(i, DialogString::CallId)));
        destroy(i, true);
    }
}

std::size_t DialogEngine::memoryBytes() const
{
    return m_table.memoryBytes() + m_profiles.memoryBytes() + m_vars.memoryBytes() +
           m_kaQueue.size() * sizeof(KeepAliveItem);
}

} // namespace calldeck::core
