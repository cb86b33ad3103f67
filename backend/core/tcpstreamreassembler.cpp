// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpstreamreassembler.h"

#include "hepdecoder.h"
#include "sipparser.h"
#include "streamscanner.h"

#include <algorithm>
#include <vector>

namespace calldeck::core
{

namespace
{

constexpr std::uint8_t Fin = 0x01;
constexpr std::uint8_t Syn = 0x02;
constexpr std::uint8_t Rst = 0x04;
constexpr std::int64_t SweepIntervalUs = 1'000'000;
constexpr std::uint64_t FirstAbs = 1ull << 32; // stream positions start here, so a byte before is > 0

} // namespace

std::size_t TcpStreamReassembler::FlowKeyHash::operator()(const FlowKey &k) const
{
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const Endpoint &e) {
        const std::size_t n = e.family == 6 ? 16 : 4;
        for (std::size_t i = 0; i < n; ++i)
        {
            h = (h ^ e.addr[i]) * 1099511628211ull;
        }
        h = (h ^ e.port) * 1099511628211ull;
    };
    mix(k.src);
    mix(k.dst);
    return static_cast<std::size_t>(h ^ (h >> 29));
}

TcpStreamReassembler::TcpStreamReassembler()
    : TcpStreamReassembler(Options{})
{}

TcpStreamReassembler::TcpStreamReassembler(Options options)
    : m_options(options)
{}

void TcpStreamReassembler::start(Flow &f, std::uint32_t seq, bool atMessageStart)
{
    f.nextAbs = FirstAbs;
    f.nextSeq = seq;
    f.buffer.clear();
    f.consumed = 0;
    f.held.clear();
    f.heldBytes = 0;
    f.heldSinceUs = 0;
    f.finSeen = false;
    f.junk = 0;
    f.ignored = false;
    // Joined in the middle of a connection: the first segment starts at a segment boundary,
    // which is where senders usually begin a message, but it must be checked.
    f.resync = !atMessageStart;
    f.lineStart = true;
}

void TcpStreamReassembler::add(const TcpSegment &segment, const PayloadSink &sink)
{
    ++m_stats.segments;
    const std::int64_t now = segment.meta.timeUs;
    expire(now, sink);
    const bool syn = (segment.flags & Syn) != 0;
    const bool rst = (segment.flags & Rst) != 0;
    const std::uint32_t dataSeq = syn ? segment.seq + 1 : segment.seq;
    const FlowKey key{segment.meta.src, segment.meta.dst};
    auto it = m_flows.find(key);
    if (it == m_flows.end())
    {
        if (rst || (segment.payload.empty() && !syn))
        {
            return; // a bare ACK or FIN of a stream never seen: nothing to follow
        }
        if (m_flows.size() >= m_options.maxFlows)
        {
            evictOldest(key);
        }
        it = m_flows.emplace(key, Flow{}).first;
        ++m_stats.flowsOpened;
        start(it->second, dataSeq, syn);
    }
    else if (syn && !(it->second.nextSeq == dataSeq && it->second.nextAbs == FirstAbs))
    {
        // A new connection between the same address pair (not a retransmitted SYN).
        ++m_stats.flowsClosed;
        ++m_stats.flowsOpened;
        start(it->second, dataSeq, true);
    }
    Flow &f = it->second;
    f.meta = segment.meta;
    f.meta.transport = Transport::Tcp;
    if (rst)
    {
        ++m_stats.flowsClosed;
        m_flows.erase(it);
        return;
    }
    if (!segment.payload.empty())
    {
        accept(f, dataSeq, segment.payload, now);
    }
    if ((segment.flags & Fin) != 0)
    {
        f.finSeen = true;
        f.finAbs = f.nextAbs +
                   static_cast<std::uint64_t>(
                       static_cast<std::int64_t>(static_cast<std::int32_t>(dataSeq - f.nextSeq))) +
                   segment.payload.size();
    }
    // A hole that is not filled in time, or too much waiting behind it: the capture lost the
    // missing bytes (a retransmission would have come by now).
    while (!f.held.empty() &&
           (f.heldBytes > m_options.maxHeldBytes || now - f.heldSinceUs > m_options.gapTimeoutUs))
    {
        skipGap(f, now, sink);
    }
    frame(f, sink);
    if (f.finSeen && f.nextAbs >= f.finAbs)
    {
        ++m_stats.flowsClosed;
        m_flows.erase(it);
    }
}

void TcpStreamReassembler::accept(Flow &f, std::uint32_t seq, std::string_view data, std::int64_t timeUs)
{
    std::uint64_t abs =
        f.nextAbs +
        static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(seq - f.nextSeq)));
    const std::uint64_t end = abs + data.size();
    if (end <= f.nextAbs)
    {
        ++m_stats.retransmissions;
        return;
    }
    if (abs < f.nextAbs)
    {
        ++m_stats.retransmissions; // partly new: keep the new tail
        data.remove_prefix(static_cast<std::size_t>(f.nextAbs - abs));
        abs = f.nextAbs;
    }
    if (abs == f.nextAbs)
    {
        append(f, data);
        drainHeld(f, timeUs);
        return;
    }
    if (f.ignored)
    {
        return; // nothing is delivered from this stream; holes do not matter
    }
    ++m_stats.outOfOrder;
    auto [pos, inserted] = f.held.try_emplace(abs, data);
    if (!inserted)
    {
        if (pos->second.size() >= data.size())
        {
            ++m_stats.retransmissions;
            return;
        }
        f.heldBytes -= pos->second.size();
        pos->second.assign(data);
    }
    f.heldBytes += data.size();
    if (inserted && f.held.size() == 1)
    {
        f.heldSinceUs = timeUs;
    }
}

void TcpStreamReassembler::append(Flow &f, std::string_view data)
{
    if (!f.ignored)
    {
        f.buffer.append(data);
    }
    f.nextAbs += data.size();
    f.nextSeq += static_cast<std::uint32_t>(data.size());
}

void TcpStreamReassembler::drainHeld(Flow &f, std::int64_t timeUs)
{
    while (!f.held.empty() && f.held.begin()->first <= f.nextAbs)
    {
        const auto first = f.held.begin();
        const std::uint64_t end = first->first + first->second.size();
        if (end > f.nextAbs)
        {
            append(
                f,
                std::string_view(first->second).substr(static_cast<std::size_t>(f.nextAbs - first->first)));
        }
        f.heldBytes -= first->second.size();
        f.held.erase(first);
    }
    f.heldSinceUs = f.held.empty() ? 0 : timeUs; // a further hole starts waiting now
}

void TcpStreamReassembler::skipGap(Flow &f, std::int64_t timeUs, const PayloadSink &sink)
{
    if (f.held.empty())
    {
        return;
    }
    frame(f, sink); // what is complete before the hole
    const std::uint64_t to = f.held.begin()->first;
    ++m_stats.gaps;
    m_stats.gapBytes += to - f.nextAbs;
    // The message cut by the hole can never be completed.
    m_stats.skippedBytes += f.buffer.size() - f.consumed;
    f.buffer.clear();
    f.consumed = 0;
    f.nextSeq += static_cast<std::uint32_t>(to - f.nextAbs);
    f.nextAbs = to;
    f.resync = true;
    f.lineStart = true; // the next bytes begin a segment
    drainHeld(f, timeUs);
    frame(f, sink);
}

void TcpStreamReassembler::discard(Flow &f, std::size_t bytes)
{
    f.consumed += bytes;
    f.junk += bytes;
    m_stats.skippedBytes += bytes;
    if (f.junk > m_options.maxJunkBytes)
    {
        // Neither SIP nor HEP (TLS, HTTP, a database...): follow the sequence, drop the data.
        ++m_stats.flowsIgnored;
        m_stats.skippedBytes += f.buffer.size() - f.consumed;
        f.ignored = true;
        f.buffer.clear();
        f.consumed = 0;
        f.held.clear();
        f.heldBytes = 0;
        f.heldSinceUs = 0;
    }
}

void TcpStreamReassembler::frame(Flow &f, const PayloadSink &sink)
{
    while (!f.ignored && f.consumed < f.buffer.size())
    {
        const std::string_view view = std::string_view(f.buffer).substr(f.consumed);
        if (f.resync)
        {
            std::size_t keepFrom = 0;
            const std::size_t start = StreamScanner::findMessageStart(view, f.lineStart, keepFrom);
            if (start == std::string_view::npos)
            {
                if (keepFrom > 0)
                {
                    f.lineStart = view[keepFrom - 1] == '\n';
                    discard(f, keepFrom);
                }
                break;
            }
            discard(f, start);
            ++m_stats.resyncs;
            f.resync = false;
            continue;
        }
        if (!frameOne(f, view, sink))
        {
            break;
        }
    }
    if (f.consumed >= f.buffer.size())
    {
        f.buffer.clear();
        f.consumed = 0;
    }
    else if (f.consumed > 0)
    {
        f.buffer.erase(0, f.consumed);
        f.consumed = 0;
    }
}

bool TcpStreamReassembler::frameOne(Flow &f, std::string_view view, const PayloadSink &sink)
{
    std::size_t length = 0;
    bool error = false;
    if (StreamScanner::startsWithHep(view))
    {
        HepError hepError = HepError::None;
        length = HepDecoder::frameLength(view, hepError);
        error = hepError != HepError::None;
    }
    else
    {
        bool undecided = false;
        if (!StreamScanner::plausibleSipStart(view, undecided))
        {
            error = true;
        }
        else if (undecided)
        {
            return false;
        }
        else
        {
            SipParseError sipError = SipParseError::None;
            length = SipParser::frameLength(view, sipError);
            error = sipError != SipParseError::None;
        }
    }
    if (error)
    {
        ++m_stats.framingErrors;
        f.resync = true;
        // This start was wrong: look again from the next line on.
        const std::size_t text = view.find_first_not_of("\r\n");
        const std::size_t eol = text == std::string_view::npos ? text : view.find('\n', text);
        f.lineStart = eol != std::string_view::npos;
        discard(f, f.lineStart ? eol + 1 : 1);
        return true;
    }
    if (length == 0)
    {
        return false; // more bytes needed
    }
    std::string_view message = view.substr(0, length);
    f.consumed += length;
    const std::size_t text = message.find_first_not_of("\r\n");
    if (text == std::string_view::npos)
    {
        ++m_stats.keepAlives;
        return true;
    }
    message.remove_prefix(text);
    ++m_stats.messages;
    f.junk = 0;
    sink(message, f.meta);
    return true;
}

void TcpStreamReassembler::evictOldest(const FlowKey &keep)
{
    // An eighth of the streams at once (the least recently active), so a flood of new streams
    // costs amortised O(1) per segment.
    std::vector<std::pair<std::int64_t, FlowKey>> ages;
    ages.reserve(m_flows.size());
    for (const auto &[k, f] : m_flows)
    {
        if (!(k == keep))
        {
            ages.emplace_back(f.meta.timeUs, k);
        }
    }
    const std::size_t count = std::min(ages.size(), std::max<std::size_t>(1, m_flows.size() / 8));
    std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(count), ages.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (std::size_t i = 0; i < count; ++i)
    {
        m_flows.erase(ages[i].second);
        ++m_stats.flowsEvicted;
    }
}

void TcpStreamReassembler::expire(std::int64_t nowUs, const PayloadSink &sink)
{
    if (nowUs < m_nextSweepUs && nowUs + SweepIntervalUs >= m_nextSweepUs)
    {
        return;
    }
    m_nextSweepUs = nowUs + SweepIntervalUs;
    for (auto it = m_flows.begin(); it != m_flows.end();)
    {
        Flow &f = it->second;
        while (!f.held.empty() && nowUs - f.heldSinceUs > m_options.gapTimeoutUs)
        {
            skipGap(f, nowUs, sink);
        }
        if (nowUs - f.meta.timeUs >= m_options.idleTimeoutUs)
        {
            ++m_stats.flowsExpired;
            m_stats.skippedBytes += f.buffer.size() - f.consumed;
            it = m_flows.erase(it);
            continue;
        }
        ++it;
    }
}

void TcpStreamReassembler::flush(const PayloadSink &sink)
{
    for (auto &[key, f] : m_flows)
    {
        while (!f.held.empty())
        {
            skipGap(f, f.meta.timeUs, sink);
        }
        m_stats.skippedBytes += f.buffer.size() - f.consumed;
    }
    m_flows.clear();
}

} // namespace calldeck::core
