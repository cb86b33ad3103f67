// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogsnapshot.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Masks telephone numbers and URIs for an incident pack that leaves the house, keeping
 * every length (so a masked SIP message keeps its Content-Length and the pcap stays valid) and
 * masking the same text the same way everywhere (the same number reads the same in the CSV, the
 * JSON and the pcap of one pack, so calls can still be followed).
 *
 * What is masked:
 * - the user part and host of a `sip:`/`sips:` URI that has a user (`user@host`; the port stays),
 *   and the number of a `tel:` URI;
 * - every other run of 4 or more digits that is not a port (directly after ':').
 * Inside those, each run of digits becomes other digits and each run of letters other letters
 * (case kept), every character different from the original; punctuation ('+', '.', '-') stays.
 * The replacement depends on the run and the salt only: a fresh salt per pack means masked
 * values of two packs cannot be matched.
 */
class NumberMasker
{
public:
    explicit NumberMasker(std::uint64_t salt);

    /** @brief Masks @p text (a table cell, a URI, a header value). */
    std::string maskText(std::string_view text) const;
    /**
     * @brief Masks a SIP message like maskText(), but leaves the header lines alone whose numbers
     * are protocol, not people: Via, CSeq, Content-Length, Max-Forwards, Expires, Session-Expires,
     * Min-SE, RSeq and RAck (long and compact forms).
     */
    std::string maskSip(std::string_view message) const;
    /** @brief Masks every text field of @p dialog that can carry a number or a URI. */
    void maskDialog(DialogSnapshot &dialog) const;

private:
    void maskRun(std::string &out, std::size_t begin, std::size_t end, bool digits) const;
    void maskToken(std::string &out, std::size_t begin, std::size_t end, std::string &done) const;
    void maskInto(std::string &out) const;

    std::uint64_t m_salt;
};

} // namespace calldeck::core
