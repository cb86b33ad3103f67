// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include <QList>
#include <QMutex>
#include <QString>

#include "backend/core/dialogtypes.h"
#include "backend/core/mirrordecoder.h"
#include "backend/dmqnodehealth.h"
#include "backend/proxystatus.h"

/// @brief Health of one sender (a proxy's siptrace, a Homer agent) as seen by one feed.
struct SenderHealth
{
    QString address; ///< "127.0.0.1:5060"
    quint64 packets = 0;
    quint64 bytes = 0;
    quint64 malformed = 0;    ///< HEP errors and unusable SIP
    quint64 authFailures = 0; ///< HEPv3 without the right key
    quint64 notSip = 0;       ///< other HEP payload types, unknown datagrams
    qint64 lastSeenMs = 0;    ///< wall clock, ms since epoch
    double packetsPerSecond = 0;
};

/// @brief Health of one feed: a HEP listener, a capture replay, a proxy.
struct SourceHealth
{
    enum class State : std::uint8_t
    {
        Starting,
        Running,
        Finished,
        Failed,
    };
    quint16 id = 0;
    QString kind; ///< "hep-udp", "hep-tcp", "replay", "rpc", "db", "dmq", "dmq-node" (stable keys, not shown)
    QString label; ///< e.g. "udp 127.0.0.1:9060"
    State state = State::Starting;
    QString error; ///< technical detail when Failed
    quint64 packets = 0;
    quint64 bytes = 0;
    quint64 queueDrops = 0;  ///< dropped because the core could not keep up
    quint64 kernelDrops = 0; ///< dropped by the kernel: the socket's receive buffer overflowed
    quint64 malformed = 0;
    quint64 authFailures = 0;
    quint64 notSip = 0;
    qint64 lastSeenMs = 0;
    double packetsPerSecond = 0;
    double progress = -1; ///< 0..1 for a replay, -1 when it does not apply
    QList<SenderHealth> senders;
    std::optional<ProxyStatus> proxy; ///< set for "rpc" feeds
    std::optional<DmqNodeHealth> dmq; ///< set for "dmq" (the bus) and "dmq-node" rows

    /// @brief "starting", "running", "finished" or "failed" (stable keys for JSON output).
    static const char *stateName(State state);
};

/// @brief The feeds and their health counters; thread-safe. Receive threads count what they
/// receive and drop; the core thread counts what decoding found; views read snapshots.
class SourceRegistry final
{
public:
    quint16 add(const QString &kind, const QString &label);
    void setState(quint16 id, SourceHealth::State state, const QString &error = {});
    void setProgress(quint16 id, double progress);
    void countReceived(quint16 id, quint64 packets, quint64 bytes);
    void countQueueDrops(quint16 id, quint64 packets);
    void countKernelDrops(quint16 id, quint64 packets);
    /// @brief Renames a feed (e.g. a listener restarted on another port).
    void setLabel(quint16 id, const QString &label);
    /// @brief The health of a polled proxy (kind "rpc"); also sets the feed's state from it.
    void setProxyStatus(quint16 id, const ProxyStatus &status);
    /// @brief The health of a DMQ node or of the bus (kinds "dmq-node", "dmq"); also sets the
    /// row's state (active: running, disabled/timeout: failed, pending: starting) and its
    /// packets, rate and last-seen from the node's message counters.
    void setDmqHealth(quint16 id, const DmqNodeHealth &health);
    /// @brief One decoded packet from @p sender (the datagram's source address).
    void countDecoded(quint16 id, const calldeck::core::Endpoint &sender, std::size_t bytes,
                      calldeck::core::MirrorDrop drop, bool sipMalformed, qint64 nowMs);
    /// @brief Decode results of one sender, summed over a batch (one lock per batch, not per packet).
    struct Tally
    {
        quint16 source = 0;
        calldeck::core::Endpoint sender;
        quint64 packets = 0;
        quint64 bytes = 0;
        quint64 malformed = 0;
        quint64 authFailures = 0;
        quint64 notSip = 0;
    };
    /// @brief Adds one packet's result to the tally list (few senders: a linear search).
    static void tally(std::vector<Tally> &tallies, quint16 source, const calldeck::core::Endpoint &sender,
                      std::size_t bytes, calldeck::core::MirrorDrop drop, bool sipMalformed);
    /// @brief Applies and clears a batch's tallies.
    void countDecoded(std::vector<Tally> &tallies, qint64 nowMs);
    /// @brief Recomputes packets/s over the time since the previous call (called once per tick).
    void updateRates(qint64 nowMs);
    QList<SourceHealth> snapshot() const;
    SourceHealth source(quint16 id) const;

private:
    struct SenderKey
    {
        std::array<std::uint8_t, 16> addr;
        std::uint16_t port;
        std::uint8_t family;
        bool operator<(const SenderKey &o) const
        {
            return std::tie(family, addr, port) < std::tie(o.family, o.addr, o.port);
        }
    };
    struct Entry
    {
        SourceHealth health;
        quint64 packetsAtLastRate = 0;
        std::map<SenderKey, std::pair<SenderHealth, quint64>> senders; // health, packets at last rate
    };
    static constexpr std::size_t MaxSendersPerSource = 1024;
    static SourceHealth withSenders(const Entry &e);

    mutable QMutex m_mutex;
    QList<Entry> m_entries;
    qint64 m_lastRateMs = 0;
};
