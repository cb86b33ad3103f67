// SPDX-License-Identifier: GPL-3.0-or-later
#include "dmqdialogmessage.h"

#include <array>
#include <cmath>

#include "backend/core/jsonscanner.h"

namespace calldeck::core
{

namespace
{

using Token = JsonScanner::Token;
using M = DmqDialogMessage;

struct NumberKey
{
    std::string_view name;
    std::optional<std::uint32_t> M::*member;
};
struct StringKey
{
    std::string_view name;
    std::optional<std::string> M::*member;
};

constexpr std::array<NumberKey, 6> NumberKeys = {{{"state", &M::state},
                                                  {"init_ts", &M::initTs},
                                                  {"start_ts", &M::startTs},
                                                  {"lifetime", &M::lifetime},
                                                  {"last_modified", &M::lastModified},
                                                  {"iflags", &M::iflags}}};
constexpr std::array<StringKey, 12> StringKeys = {{{"callid", &M::callId},
                                                   {"from_uri", &M::fromUri},
                                                   {"to_uri", &M::toUri},
                                                   {"req_uri", &M::reqUri},
                                                   {"tag1", &M::tag1},
                                                   {"tag2", &M::tag2},
                                                   {"cseq1", &M::cseq1},
                                                   {"cseq2", &M::cseq2},
                                                   {"route_set1", &M::routeSet1},
                                                   {"route_set2", &M::routeSet2},
                                                   {"contact1", &M::contact1},
                                                   {"contact2", &M::contact2}}};

constexpr double MaxU32 = 4294967295.0;

bool isBlank(std::string_view s)
{
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string at(std::size_t offset)
{
    return " at byte " + std::to_string(offset);
}

/** Reads one body; the first error of each kind is kept, a JSON error wins over the others. */
class BodyParser
{
public:
    explicit BodyParser(std::string_view body)
        : m_scanner(body)
    {}

    void run(DmqParseResult &out);

private:
    bool malformed(DmqParseResult &out, const JsonScanner &scanner)
    {
        out.error = DmqBodyError::Malformed;
        out.detail = "not JSON: " + scanner.error();
        return false;
    }
    void semantic(DmqBodyError e, std::string detail)
    {
        if (m_semantic == DmqBodyError::None)
        {
            m_semantic = e;
            m_detail = std::move(detail);
        }
    }
    /** Skips the value that starts with @p t; false on a JSON error. */
    bool skip(Token t) { return t != Token::Error && m_scanner.skipContainer(); }
    bool wrongType(std::string_view key, Token t, std::size_t offset, std::string_view expected)
    {
        semantic(DmqBodyError::WrongType, '"' + std::string(key) + "\" is " +
                                              std::string(JsonScanner::valueTypeName(t)) + at(offset) +
                                              ", expected " + std::string(expected));
        return skip(t);
    }
    /** The last Number token as a uint32, if it is a whole number in range. */
    std::optional<std::uint32_t> whole() const
    {
        const double d = m_scanner.number();
        if (m_scanner.numberText().front() == '-' || d < 0 || d > MaxU32 || std::trunc(d) != d)
        {
            return std::nullopt;
        }
        return static_cast<std::uint32_t>(d);
    }
    bool readNumber(std::string_view key, Token t, std::size_t offset, std::optional<std::uint32_t> &out);
    bool readVars(DmqDialogMessage &m);
    bool readProfiles(std::string_view text, DmqDialogMessage &m, std::size_t offset);

    JsonScanner m_scanner;
    DmqBodyError m_semantic = DmqBodyError::None;
    std::string m_detail;
};

bool BodyParser::readNumber(std::string_view key, Token t, std::size_t offset,
                            std::optional<std::uint32_t> &out)
{
    constexpr std::string_view Expected = "a whole number from 0 to 4294967295";
    if (t != Token::Number)
    {
        return wrongType(key, t, offset, Expected);
    }
    const auto value = whole();
    if (!value)
    {
        semantic(DmqBodyError::WrongType, '"' + std::string(key) + "\" is " +
                                              std::string(m_scanner.numberText()) + at(offset) +
                                              ", expected " + std::string(Expected));
        return true;
    }
    if (key == "state" && (*value < 1 || *value > 5))
    {
        semantic(DmqBodyError::WrongType, "\"state\" is " + std::to_string(*value) + at(offset) +
                                              ", expected a dialog state from 1 to 5");
        return true;
    }
    out = value;
    return true;
}

bool BodyParser::readVars(DmqDialogMessage &m)
{
    m.hasVars = true;
    m.vars.clear();
    for (;;)
    {
        Token t = m_scanner.next();
        if (t == Token::EndObject)
        {
            return true;
        }
        if (t != Token::String)
        {
            return false;
        }
        std::string name(m_scanner.string());
        const std::size_t offset = m_scanner.tokenOffset();
        t = m_scanner.next();
        if (t != Token::String)
        {
            if (!wrongType("vars\" member \"" + name, t, offset, "a string"))
            {
                return false;
            }
            continue;
        }
        bool replaced = false;
        for (auto &var : m.vars)
        {
            if (var.first == name)
            {
                var.second.assign(m_scanner.string());
                replaced = true;
                break;
            }
        }
        if (!replaced)
        {
            m.vars.emplace_back(std::move(name), std::string(m_scanner.string()));
        }
    }
}

bool BodyParser::readProfiles(std::string_view text, DmqDialogMessage &m, std::size_t offset)
{
    m.hasProfiles = true;
    m.profiles.clear();
    const auto bad = [&](std::string why) {
        semantic(DmqBodyError::BadProfiles,
                 "\"profiles\"" + at(offset) + ": " + why +
                     R"( (expected a string holding {"profiles":[{"name":..,"value":..}]}))");
        m.profiles.clear();
        return true;
    };
    JsonScanner inner(text);
    if (inner.next() != Token::BeginObject)
    {
        return bad(inner.error().empty() ? "not a JSON object" : "not JSON: " + inner.error());
    }
    bool found = false;
    for (Token t = inner.next(); t != Token::EndObject; t = inner.next())
    {
        if (t != Token::String)
        {
            return bad("not JSON: " + inner.error());
        }
        const bool isList = inner.string() == "profiles";
        t = inner.next();
        if (!isList)
        {
            if (t == Token::Error || !inner.skipContainer())
            {
                return bad("not JSON: " + inner.error());
            }
            continue;
        }
        if (t != Token::BeginArray)
        {
            return bad("its \"profiles\" is " + std::string(JsonScanner::valueTypeName(t)) +
                       ", expected an array");
        }
        found = true;
        m.profiles.clear();
        for (t = inner.next(); t != Token::EndArray; t = inner.next())
        {
            if (t == Token::Error)
            {
                return bad("not JSON: " + inner.error());
            }
            if (t != Token::BeginObject)
            {
                return bad("a profile is " + std::string(JsonScanner::valueTypeName(t)) +
                           ", expected an object");
            }
            std::optional<std::string> name;
            std::optional<std::string> value;
            for (t = inner.next(); t != Token::EndObject; t = inner.next())
            {
                if (t != Token::String)
                {
                    return bad("not JSON: " + inner.error());
                }
                const int which = inner.string() == "name" ? 0 : inner.string() == "value" ? 1 : -1;
                t = inner.next();
                if (t == Token::Error)
                {
                    return bad("not JSON: " + inner.error());
                }
                if (which >= 0 && t == Token::String)
                {
                    (which == 0 ? name : value) = std::string(inner.string());
                }
                else if (which == 1 && t == Token::Null)
                {
                    value.reset();
                }
                else if (which >= 0)
                {
                    return bad(std::string(which == 0 ? "a profile name" : "a profile value") + " is " +
                               std::string(JsonScanner::valueTypeName(t)) + ", expected a string");
                }
                else if (t == Token::Error || !inner.skipContainer())
                {
                    return bad("not JSON: " + inner.error());
                }
            }
            if (!name)
            {
                return bad("a profile has no \"name\"");
            }
            m.profiles.emplace_back(std::move(*name), std::move(value));
        }
    }
    if (inner.next() != Token::End)
    {
        return bad("not JSON: " + inner.error());
    }
    if (!found)
    {
        return bad("no \"profiles\" array");
    }
    return true;
}

void BodyParser::run(DmqParseResult &out)
{
    DmqDialogMessage &m = out.message;
    Token t = m_scanner.next();
    if (t == Token::Error)
    {
        malformed(out, m_scanner);
        return;
    }
    if (t != Token::BeginObject)
    {
        if (!m_scanner.skipContainer() || m_scanner.next() != Token::End)
        {
            malformed(out, m_scanner);
            return;
        }
        out.error = DmqBodyError::NotObject;
        out.detail = "the body is " + std::string(JsonScanner::valueTypeName(t)) + ", expected a JSON object";
        return;
    }
    bool hasAction = false;
    bool hasEntry = false;
    bool hasId = false;
    for (;;)
    {
        t = m_scanner.next();
        if (t == Token::EndObject)
        {
            break;
        }
        if (t != Token::String)
        {
            malformed(out, m_scanner);
            return;
        }
        const std::string key(m_scanner.string());
        t = m_scanner.next();
        const std::size_t offset = m_scanner.tokenOffset();
        bool ok = true;
        if (t == Token::Error)
        {
            ok = false;
        }
        else if (key == "action")
        {
            if (t != Token::Number || !whole())
            {
                ok = wrongType(key, t, offset, "an action number from 1 to 4");
            }
            else if (const std::uint32_t a = *whole(); a >= 1 && a <= 4)
            {
                m.action = static_cast<DmqAction>(a);
                hasAction = true;
            }
            else
            {
                semantic(DmqBodyError::UnknownAction,
                         "\"action\" is " + std::to_string(a) + at(offset) +
                             ", expected 1 (update), 2 (state), 3 (rm) or 4 (sync)");
                hasAction = true;
            }
        }
        else if (key == "h_entry" || key == "h_id")
        {
            std::optional<std::uint32_t> value;
            ok = readNumber(key, t, offset, value);
            if (value)
            {
                (key == "h_entry" ? m.hEntry : m.hId) = *value;
                (key == "h_entry" ? hasEntry : hasId) = true;
            }
        }
        else if (key == "vars")
        {
            ok = t == Token::BeginObject ? readVars(m) : wrongType(key, t, offset, "an object of strings");
        }
        else if (key == "profiles")
        {
            ok = t == Token::String ? readProfiles(std::string(m_scanner.string()), m, offset)
                                    : wrongType(key, t, offset, "a string holding JSON");
        }
        else
        {
            bool known = false;
            for (const NumberKey &k : NumberKeys)
            {
                if (key == k.name)
                {
                    ok = readNumber(key, t, offset, m.*k.member);
                    known = true;
                    break;
                }
            }
            for (const StringKey &k : StringKeys)
            {
                if (known || key != k.name)
                {
                    continue;
                }
                known = true;
                if (t == Token::String)
                {
                    m.*k.member = std::string(m_scanner.string());
                }
                else
                {
                    ok = wrongType(key, t, offset, "a string");
                }
                break;
            }
            if (!known)
            {
                ok = skip(t);
            }
        }
        if (!ok)
        {
            malformed(out, m_scanner);
            return;
        }
    }
    if (m_scanner.next() != Token::End)
    {
        malformed(out, m_scanner);
        return;
    }
    if (m_semantic != DmqBodyError::None)
    {
        out.error = m_semantic;
        out.detail = std::move(m_detail);
    }
    else if (!hasAction)
    {
        out.error = DmqBodyError::MissingAction;
        out.detail = "no \"action\" key; a dialog message needs one (1 update, 2 state, 3 rm, 4 sync)";
    }
    else if (m.action != DmqAction::Sync && (!hasEntry || !hasId))
    {
        out.error = DmqBodyError::MissingId;
        out.detail = std::string("no \"") + (hasEntry ? "h_id" : "h_entry") +
                     "\" key; every action but sync names its dialog by h_entry and h_id";
    }
}

} // namespace

std::string_view dmqBodyErrorName(DmqBodyError e)
{
    switch (e)
    {
    case DmqBodyError::None:
        return "none";
    case DmqBodyError::Empty:
        return "empty";
    case DmqBodyError::Malformed:
        return "malformed";
    case DmqBodyError::NotObject:
        return "not_object";
    case DmqBodyError::MissingAction:
        return "missing_action";
    case DmqBodyError::UnknownAction:
        return "unknown_action";
    case DmqBodyError::WrongType:
        return "wrong_type";
    case DmqBodyError::MissingId:
        return "missing_id";
    case DmqBodyError::BadProfiles:
        return "bad_profiles";
    }
    return "unknown";
}

DmqParseResult parseDmqDialogBody(std::string_view body)
{
    DmqParseResult out;
    if (isBlank(body))
    {
        out.error = DmqBodyError::Empty;
        out.detail = "empty body; a dialog message is one JSON object";
        return out;
    }
    BodyParser(body).run(out);
    return out;
}

} // namespace calldeck::core
