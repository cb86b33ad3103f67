// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/core/dialogtypes.h"

#include <string>
#include <vector>

namespace calldeck::testsupport
{

/** @brief One UDP payload from a capture file. */
struct CapturedDatagram
{
    core::PacketMeta meta;
    std::string payload;
};

/**
 * @brief Reads the UDP datagrams of a small pcap or pcapng fixture (Ethernet or Linux cooked,
 * IPv4, no fragments) — enough for the reference samples in tests. The product's capture
 * reader is libpcap-based and lives in backend/.
 * @return empty with `error` set when the file cannot be read
 */
std::vector<CapturedDatagram> readUdpCapture(const std::string &path, std::string *error = nullptr);

/** @brief The SIP payload (chunk 15) of a HEPv3 datagram, or empty. */
std::string hep3Payload(const std::string &datagram);

} // namespace calldeck::testsupport
