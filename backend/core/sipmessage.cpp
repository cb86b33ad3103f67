// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipmessage.h"

#include <array>
#include <cstddef>
#include <iterator>
#include <string_view>

#include "sipchars.h"

namespace calldeck::core
{

namespace
{

struct KnownName
{
    SipHeaderId id;
    std::string_view lower;
};

/** Long forms of the headers the core knows (lower case: the classifier folds the input). */
constexpr KnownName kKnownNames[] = {
    {SipHeaderId::Via, "via"},
    {SipHeaderId::From, "from"},
    {SipHeaderId::To, "to"},
    {SipHeaderId::CallId, "call-id"},
    {SipHeaderId::CSeq, "cseq"},
    {SipHeaderId::Contact, "contact"},
    {SipHeaderId::RecordRoute, "record-route"},
    {SipHeaderId::Route, "route"},
    {SipHeaderId::MaxForwards, "max-forwards"},
    {SipHeaderId::ContentLength, "content-length"},
    {SipHeaderId::ContentType, "content-type"},
    {SipHeaderId::Reason, "reason"},
    {SipHeaderId::Supported, "supported"},
    {SipHeaderId::Require, "require"},
    {SipHeaderId::Allow, "allow"},
    {SipHeaderId::Expires, "expires"},
    {SipHeaderId::UserAgent, "user-agent"},
    {SipHeaderId::Server, "server"},
    {SipHeaderId::ReferTo, "refer-to"},
    {SipHeaderId::ReferredBy, "referred-by"},
    {SipHeaderId::Event, "event"},
    {SipHeaderId::SubscriptionState, "subscription-state"},
    {SipHeaderId::PAssertedIdentity, "p-asserted-identity"},
    {SipHeaderId::Diversion, "diversion"},
    {SipHeaderId::SessionExpires, "session-expires"},
};

constexpr std::size_t kLongestName = 19;

/** Compact forms a..z (RFC 3261 §7.3.3 and later RFCs); letters the core keeps as Other map to Other. */
constexpr std::array<SipHeaderId, 26> kCompactForms = {
    SipHeaderId::Other,          // a Accept-Contact
    SipHeaderId::ReferredBy,     // b
    SipHeaderId::ContentType,    // c
    SipHeaderId::Other,          // d Request-Disposition
    SipHeaderId::Other,          // e Content-Encoding
    SipHeaderId::From,           // f
    SipHeaderId::Other,          // g
    SipHeaderId::Other,          // h
    SipHeaderId::CallId,         // i
    SipHeaderId::Other,          // j Reject-Contact
    SipHeaderId::Supported,      // k
    SipHeaderId::ContentLength,  // l
    SipHeaderId::Contact,        // m
    SipHeaderId::Other,          // n Identity-Info
    SipHeaderId::Event,          // o
    SipHeaderId::Other,          // p
    SipHeaderId::Other,          // q
    SipHeaderId::ReferTo,        // r
    SipHeaderId::Other,          // s Subject
    SipHeaderId::To,             // t
    SipHeaderId::Other,          // u Allow-Events
    SipHeaderId::Via,            // v
    SipHeaderId::Other,          // w
    SipHeaderId::SessionExpires, // x
    SipHeaderId::Other,          // y Identity
    SipHeaderId::Other,          // z
};

/** One slot of the long-name table: the name in lower case, and per byte the bit that folds case. */
struct NameSlot
{
    std::size_t length = 0;
    SipHeaderId id = SipHeaderId::Other;
    std::array<unsigned char, kLongestName> lower{};
    std::array<unsigned char, kLongestName> fold{};
};

constexpr std::size_t kSlotCount = 64;

/** Slot of a long name from its length, first and last character (case-folded with | 0x20). */
constexpr std::size_t nameSlot(std::size_t length, unsigned first, unsigned last)
{
    return (length * 15 + first * 8 + last) & (kSlotCount - 1);
}

constexpr std::array<NameSlot, kSlotCount> makeNameSlots()
{
    std::array<NameSlot, kSlotCount> slots{};
    for (const KnownName &known : kKnownNames)
    {
        const std::string_view n = known.lower;
        NameSlot &slot = slots[nameSlot(n.size(), static_cast<unsigned char>(n.front()),
                                        static_cast<unsigned char>(n.back()))];
        slot.length = n.size();
        slot.id = known.id;
        for (std::size_t i = 0; i < n.size(); ++i)
        {
            slot.lower[i] = static_cast<unsigned char>(n[i]);
            // Letters compare with bit 0x20 set on both sides; '-' must match exactly (CR | 0x20 is '-').
            slot.fold[i] = n[i] == '-' ? 0 : 0x20;
        }
    }
    return slots;
}

constexpr std::array<NameSlot, kSlotCount> kNameSlots = makeNameSlots();

constexpr bool everyNameHasItsOwnSlot()
{
    std::size_t used = 0;
    for (const NameSlot &slot : kNameSlots)
    {
        used += slot.length != 0 ? 1 : 0;
    }
    return used == std::size(kKnownNames);
}
static_assert(everyNameHasItsOwnSlot(), "two header names share a slot: change nameSlot()");

using sipchars::lowerAscii;

bool equalNamesNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
        {
            return false;
        }
    }
    return true;
}

/** Compact forms (RFC 3261 §7.3.3 and later RFCs) whose long names the core keeps as Other. */
struct CompactAlias
{
    char compact;
    std::string_view name;
};

constexpr CompactAlias kOtherCompactForms[] = {
    {'s', "Subject"},        {'e', "Content-Encoding"},    {'u', "Allow-Events"}, {'a', "Accept-Contact"},
    {'j', "Reject-Contact"}, {'d', "Request-Disposition"}, {'y', "Identity"},     {'n', "Identity-Info"},
};

/** The other spelling of a name the core keeps as Other ("s" ↔ "Subject"); empty if none. */
std::string_view otherCompactAlias(std::string_view name)
{
    for (const CompactAlias &alias : kOtherCompactForms)
    {
        if (name.size() == 1 && lowerAscii(name[0]) == alias.compact)
        {
            return alias.name;
        }
        if (equalNamesNoCase(name, alias.name))
        {
            return std::string_view(&alias.compact, 1);
        }
    }
    return {};
}

} // namespace

SipHeaderId sipHeaderIdFromName(std::string_view name)
{
    const std::size_t length = name.size();
    if (length < 2)
    {
        if (length == 0)
        {
            return SipHeaderId::Other;
        }
        const unsigned letter = (static_cast<unsigned char>(name[0]) | 0x20U) - 'a';
        return letter < kCompactForms.size() ? kCompactForms[letter] : SipHeaderId::Other;
    }
    if (length > kLongestName)
    {
        return SipHeaderId::Other;
    }
    // Length, first and last character pick the one candidate; then one folded comparison.
    const NameSlot &slot = kNameSlots[nameSlot(length, static_cast<unsigned char>(name[0]) | 0x20U,
                                               static_cast<unsigned char>(name[length - 1]) | 0x20U)];
    if (slot.length != length)
    {
        return SipHeaderId::Other;
    }
    for (std::size_t i = 0; i < length; ++i)
    {
        if ((static_cast<unsigned char>(name[i]) | slot.fold[i]) != slot.lower[i])
        {
            return SipHeaderId::Other;
        }
    }
    return slot.id;
}

std::string_view sipHeaderName(SipHeaderId id)
{
    switch (id)
    {
    case SipHeaderId::Other:
        return {};
    case SipHeaderId::Via:
        return "Via";
    case SipHeaderId::From:
        return "From";
    case SipHeaderId::To:
        return "To";
    case SipHeaderId::CallId:
        return "Call-ID";
    case SipHeaderId::CSeq:
        return "CSeq";
    case SipHeaderId::Contact:
        return "Contact";
    case SipHeaderId::RecordRoute:
        return "Record-Route";
    case SipHeaderId::Route:
        return "Route";
    case SipHeaderId::MaxForwards:
        return "Max-Forwards";
    case SipHeaderId::ContentLength:
        return "Content-Length";
    case SipHeaderId::ContentType:
        return "Content-Type";
    case SipHeaderId::Reason:
        return "Reason";
    case SipHeaderId::Supported:
        return "Supported";
    case SipHeaderId::Require:
        return "Require";
    case SipHeaderId::Allow:
        return "Allow";
    case SipHeaderId::Expires:
        return "Expires";
    case SipHeaderId::UserAgent:
        return "User-Agent";
    case SipHeaderId::Server:
        return "Server";
    case SipHeaderId::ReferTo:
        return "Refer-To";
    case SipHeaderId::ReferredBy:
        return "Referred-By";
    case SipHeaderId::Event:
        return "Event";
    case SipHeaderId::SubscriptionState:
        return "Subscription-State";
    case SipHeaderId::PAssertedIdentity:
        return "P-Asserted-Identity";
    case SipHeaderId::Diversion:
        return "Diversion";
    case SipHeaderId::SessionExpires:
        return "Session-Expires";
    }
    return {};
}

std::string_view sipParseErrorName(SipParseError error)
{
    switch (error)
    {
    case SipParseError::None:
        return "none";
    case SipParseError::Empty:
        return "empty";
    case SipParseError::BadStartLine:
        return "bad-start-line";
    case SipParseError::BadStatusCode:
        return "bad-status-code";
    case SipParseError::BadHeader:
        return "bad-header";
    case SipParseError::TooManyHeaders:
        return "too-many-headers";
    case SipParseError::HeaderTooLong:
        return "header-too-long";
    case SipParseError::MissingEndOfHeaders:
        return "missing-end-of-headers";
    case SipParseError::BadContentLength:
        return "bad-content-length";
    case SipParseError::Truncated:
        return "truncated";
    case SipParseError::MissingCallId:
        return "missing-call-id";
    case SipParseError::MissingFrom:
        return "missing-from";
    case SipParseError::MissingTo:
        return "missing-to";
    case SipParseError::BadCSeq:
        return "bad-cseq";
    case SipParseError::TooLarge:
        return "too-large";
    }
    return "unknown";
}

SipMethod sipMethodFromToken(std::string_view token)
{
    if (token.size() < 3 || token.size() > 9)
    {
        return SipMethod::Other;
    }
    switch (token[0])
    {
    case 'A':
        return token == "ACK" ? SipMethod::Ack : SipMethod::Other;
    case 'B':
        return token == "BYE" ? SipMethod::Bye : SipMethod::Other;
    case 'C':
        return token == "CANCEL" ? SipMethod::Cancel : SipMethod::Other;
    case 'I':
        if (token == "INVITE")
        {
            return SipMethod::Invite;
        }
        return token == "INFO" ? SipMethod::Info : SipMethod::Other;
    case 'M':
        return token == "MESSAGE" ? SipMethod::Message : SipMethod::Other;
    case 'N':
        return token == "NOTIFY" ? SipMethod::Notify : SipMethod::Other;
    case 'O':
        return token == "OPTIONS" ? SipMethod::Options : SipMethod::Other;
    case 'P':
        if (token == "PRACK")
        {
            return SipMethod::Prack;
        }
        return token == "PUBLISH" ? SipMethod::Publish : SipMethod::Other;
    case 'R':
        if (token == "REFER")
        {
            return SipMethod::Refer;
        }
        return token == "REGISTER" ? SipMethod::Register : SipMethod::Other;
    case 'S':
        return token == "SUBSCRIBE" ? SipMethod::Subscribe : SipMethod::Other;
    case 'U':
        return token == "UPDATE" ? SipMethod::Update : SipMethod::Other;
    default:
        return SipMethod::Other;
    }
}

std::string_view sipMethodToken(SipMethod method)
{
    switch (method)
    {
    case SipMethod::Other:
        return {};
    case SipMethod::Invite:
        return "INVITE";
    case SipMethod::Ack:
        return "ACK";
    case SipMethod::Bye:
        return "BYE";
    case SipMethod::Cancel:
        return "CANCEL";
    case SipMethod::Prack:
        return "PRACK";
    case SipMethod::Update:
        return "UPDATE";
    case SipMethod::Info:
        return "INFO";
    case SipMethod::Options:
        return "OPTIONS";
    case SipMethod::Notify:
        return "NOTIFY";
    case SipMethod::Refer:
        return "REFER";
    case SipMethod::Message:
        return "MESSAGE";
    case SipMethod::Subscribe:
        return "SUBSCRIBE";
    case SipMethod::Register:
        return "REGISTER";
    case SipMethod::Publish:
        return "PUBLISH";
    }
    return {};
}

std::string_view SipMessage::header(SipHeaderId id) const
{
    for (std::size_t i = 0; i < m_headerCount; ++i)
    {
        if (m_headers[i].id == id)
        {
            return m_headers[i].value;
        }
    }
    return {};
}

std::string_view SipMessage::header(std::string_view name) const
{
    const SipHeaderId id = sipHeaderIdFromName(name);
    if (id != SipHeaderId::Other)
    {
        return header(id);
    }
    const std::string_view alias = otherCompactAlias(name);
    for (std::size_t i = 0; i < m_headerCount; ++i)
    {
        const SipHeader &h = m_headers[i];
        if (h.id == SipHeaderId::Other &&
            (equalNamesNoCase(h.name, name) || (!alias.empty() && equalNamesNoCase(h.name, alias))))
        {
            return h.value;
        }
    }
    return {};
}

std::size_t SipMessage::headerLineCount(SipHeaderId id) const
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < m_headerCount; ++i)
    {
        if (m_headers[i].id == id)
        {
            ++count;
        }
    }
    return count;
}

} // namespace calldeck::core
