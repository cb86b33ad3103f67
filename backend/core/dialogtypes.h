// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

/** @brief Dialog states with the module's wire/DB values. */
enum class DialogState : std::uint8_t
{
    Unconfirmed = 1, ///< INVITE seen, no relayed reply yet
    Early = 2,       ///< a 101–199 reply was relayed
    ConfirmedNa = 3, ///< 2xx relayed, ACK not seen yet
    Confirmed = 4,   ///< ACK for the 2xx seen — call up
    Deleted = 5,     ///< ended, awaiting destruction
};

/** @brief The module's internal events (DLG_EVENT_*), same values. */
enum class DialogEvent : std::uint8_t
{
    TDel = 1,
    Rpl1xx = 2,
    Rpl2xx = 3,
    Rpl3xx = 4,
    ReqPrack = 5,
    ReqAck = 6,
    ReqBye = 7,
    Req = 8,
};

/** @brief Legs: 0 caller (From side), 1 callee (To side). */
enum class DialogLeg : std::uint8_t
{
    Caller = 0,
    Callee = 1,
};

/** @brief Direction of a sequential request (DLG_DIR_*). */
enum class DialogDirection : std::uint8_t
{
    None = 0,
    Downstream = 1, ///< caller → callee
    Upstream = 2,   ///< callee → caller
};

/** @brief In-memory flags (`dflags`), same bit values as the module. */
namespace DFlag
{
constexpr std::uint16_t New = 1;
constexpr std::uint16_t Changed = 2;
constexpr std::uint16_t HasBye = 4;
constexpr std::uint16_t DmqDeleted = 8;
constexpr std::uint16_t CallerBye = 16;
constexpr std::uint16_t CalleeBye = 32;
constexpr std::uint16_t LocalDlg = 64;
constexpr std::uint16_t ChangedVars = 128;
constexpr std::uint16_t Tm = 512;
constexpr std::uint16_t Expired = 1024;
constexpr std::uint16_t ChangedProf = 2048;
constexpr std::uint16_t DbLoadExtra = 4096;
constexpr std::uint16_t ChangedSflags = 8192;
} // namespace DFlag

/** @brief Persistent internal flags (`iflags`), same bit values as the module. */
namespace IFlag
{
constexpr std::uint8_t TimeoutBye = 1;
constexpr std::uint8_t KaSrc = 2;
constexpr std::uint8_t KaDst = 4;
constexpr std::uint8_t TimerNoReset = 8;
constexpr std::uint8_t CseqDiff = 16;
constexpr std::uint8_t Prack = 32;
constexpr std::uint8_t DmqSync = 64;
} // namespace IFlag

/** @brief Callback types (DLGCB_*), same bit values as the module. */
namespace Dlgcb
{
constexpr std::uint32_t Loaded = 1u << 0;
constexpr std::uint32_t Created = 1u << 1;
constexpr std::uint32_t Failed = 1u << 2;
constexpr std::uint32_t ConfirmedNa = 1u << 3;
constexpr std::uint32_t Confirmed = 1u << 4;
constexpr std::uint32_t ReqWithin = 1u << 5;
constexpr std::uint32_t Terminated = 1u << 6;
constexpr std::uint32_t Expired = 1u << 7;
constexpr std::uint32_t Early = 1u << 8;
constexpr std::uint32_t ResponseFwded = 1u << 9;
constexpr std::uint32_t ResponseWithin = 1u << 10;
constexpr std::uint32_t RpcContext = 1u << 12;
constexpr std::uint32_t Destroy = 1u << 13;
constexpr std::uint32_t Spiraled = 1u << 14;
constexpr std::uint32_t TerminatedConfirmed = 1u << 15;
constexpr std::uint32_t All = 0xF7FF;
} // namespace Dlgcb

/** @brief Transport of a packet or a socket. */
enum class Transport : std::uint8_t
{
    Udp = 0,
    Tcp,
    Tls,
    Sctp,
    Ws,
    Wss,
};

std::string_view transportName(Transport t); ///< "udp", "tcp", ...

/** @brief An IPv4/IPv6 address and port, as bytes (no resolver, no sockets). */
struct Endpoint
{
    std::uint8_t family = 0; ///< 0 none, 4 IPv4, 6 IPv6
    std::uint16_t port = 0;
    std::array<std::uint8_t, 16> addr{};

    static Endpoint ipv4(std::uint32_t hostOrderAddress, std::uint16_t port);
    static Endpoint ipv6(const std::uint8_t bytes[16], std::uint16_t port);
    bool valid() const { return family != 0; }
    /** @brief "127.0.0.1" or "2001:db8::1" (RFC 5952 compressed). */
    std::string addressText() const;
    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};

/** @brief Where and when a message was seen (from HEP, pcap or a socket). */
struct PacketMeta
{
    std::int64_t timeUs = 0; ///< capture time, Unix microseconds
    Transport transport = Transport::Udp;
    Endpoint src;
    Endpoint dst;
    std::uint32_t captureNode = 0; ///< HEP capture id, 0 if unknown
};

} // namespace calldeck::core
