// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogobjectreader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

namespace calldeck::core
{

namespace
{

constexpr const char *FieldNames[] = {"h_entry", "h_id",     "ref",      "call-id", "call_id", "from_uri",
                                      "to_uri",  "state",    "start_ts", "init_ts", "end_ts",  "duration",
                                      "timeout", "lifetime", "dflags",   "sflags",  "iflags",  "caller",
                                      "callee",  "profiles", "variables"};
constexpr std::string_view LegFieldNames[] = {"tag", "contact", "cseq", "route_set", "socket"};

std::string_view typeName(JsonScanner::Token t)
{
    return JsonScanner::valueTypeName(t);
}

std::string quoted(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back('\'');
    out.append(s);
    out.push_back('\'');
    return out;
}

} // namespace

DialogObjectReader::Field DialogObjectReader::classify(std::string_view k)
{
    // k.size() is known in each case: a fixed-length memcmp the compiler inlines.
    const auto is = [k](std::string_view name) {
        return std::memcmp(k.data(), name.data(), name.size()) == 0;
    };
    switch (k.size())
    {
    case 3:
        return is("ref") ? Ref : Unknown;
    case 4:
        return is("h_id") ? HId : Unknown;
    case 5:
        return is("state") ? State : Unknown;
    case 6:
        switch (k[0])
        {
        case 't':
            return is("to_uri") ? ToUri : Unknown;
        case 'e':
            return is("end_ts") ? EndTs : Unknown;
        case 'd':
            return is("dflags") ? Dflags : Unknown;
        case 's':
            return is("sflags") ? Sflags : Unknown;
        case 'i':
            return is("iflags") ? Iflags : Unknown;
        case 'c':
            return is("caller") ? Caller : is("callee") ? Callee : Unknown;
        default:
            return Unknown;
        }
    case 7:
        switch (k[0])
        {
        case 'h':
            return is("h_entry") ? HEntry : Unknown;
        case 'c':
            return is("call-id") ? CallIdDash : is("call_id") ? CallIdUnderscore : Unknown;
        case 'i':
            return is("init_ts") ? InitTs : Unknown;
        case 't':
            return is("timeout") ? Timeout : Unknown;
        default:
            return Unknown;
        }
    case 8:
        switch (k[0])
        {
        case 'f':
            return is("from_uri") ? FromUri : Unknown;
        case 's':
            return is("start_ts") ? StartTs : Unknown;
        case 'd':
            return is("duration") ? Duration : Unknown;
        case 'l':
            return is("lifetime") ? Lifetime : Unknown;
        case 'p':
            return is("profiles") ? Profiles : Unknown;
        default:
            return Unknown;
        }
    case 9:
        return is("variables") ? Variables : Unknown;
    default:
        return Unknown;
    }
}

int DialogObjectReader::classifyLeg(std::string_view k)
{
    for (int i = 0; i < static_cast<int>(LegFieldCount); ++i)
    {
        if (k == LegFieldNames[i])
        {
            return i;
        }
    }
    return -1;
}

DialogObjectReader::Outcome DialogObjectReader::read(JsonScanner &s, DialogSnapshot &out)
{
    std::fill(std::begin(m_type), std::end(m_type), Token::End);
    m_profileCount = 0;
    m_variableCount = 0;
    m_profilesError.clear();
    m_variablesError.clear();
    for (;;)
    {
        const Token t = s.next();
        if (t == Token::EndObject)
        {
            break;
        }
        if (t != Token::String) // the scanner accepts only a key or '}' here
        {
            return Outcome::JsonError;
        }
        if (!readValue(s, classify(s.string()), out))
        {
            return Outcome::JsonError;
        }
    }
    return finish(out) ? Outcome::Ok : Outcome::Malformed;
}

bool DialogObjectReader::readValue(JsonScanner &s, Field field, DialogSnapshot &out)
{
    const Token t = s.next();
    if (t == Token::Error)
    {
        return false;
    }
    if (field == Unknown)
    {
        return s.skipContainer();
    }
    m_type[field] = t;
    switch (field)
    {
    case CallIdDash:
    case CallIdUnderscore:
    case FromUri:
    case ToUri:
        if (t == Token::String)
        {
            std::string &target = field == CallIdDash         ? out.callId
                                  : field == CallIdUnderscore ? m_altCallId
                                  : field == FromUri          ? out.fromUri
                                                              : out.toUri;
            target.assign(s.string());
        }
        return s.skipContainer();
    case Caller:
    case Callee:
        if (t == Token::BeginObject)
        {
            return readLeg(s, field == Caller ? 0 : 1, field == Caller ? out.caller : out.callee);
        }
        return s.skipContainer();
    case Profiles:
        m_profileCount = 0;
        m_profilesError.clear();
        if (t == Token::BeginArray)
        {
            return readProfilesArray(s, out);
        }
        return t != Token::BeginObject || readStringObject(s, Profiles, out);
    case Variables:
        m_variableCount = 0;
        m_variablesError.clear();
        if (t == Token::BeginArray)
        {
            return readVariablesArray(s, out);
        }
        return t != Token::BeginObject || readStringObject(s, Variables, out);
    default: // the numbers
        if (t == Token::Number)
        {
            m_number[field] = s.number();
        }
        return s.skipContainer();
    }
}

bool DialogObjectReader::readStringObject(JsonScanner &s, Field field, DialogSnapshot &out)
{
    if (!readMembers(s))
    {
        return false;
    }
    const bool profiles = field == Profiles;
    for (const std::uint32_t i : m_order)
    {
        const Member &m = m_members[i];
        if (m.type != Token::String)
        {
            (profiles ? m_profilesError : m_variablesError) =
                std::string(profiles ? "profile " : "variable ") + quoted(m.key) + " has " +
                std::string(typeName(m.type)) + " as value, expected a string";
            break;
        }
        if (profiles)
        {
            const std::string_view value = m.value;
            setProfile(out, m.key, value.empty() ? nullptr : &value);
        }
        else
        {
            setVariable(out, m.key, m.value);
        }
    }
    return true;
}

bool DialogObjectReader::readLeg(JsonScanner &s, int index, DialogLegSnapshot &out)
{
    Token *types = m_legType[index];
    std::fill(types, types + LegFieldCount, Token::End);
    std::optional<std::string> *fields[LegFieldCount] = {&out.tag, &out.contact, &out.cseq, &out.routeSet,
                                                         &out.socket};
    for (;;)
    {
        Token t = s.next();
        if (t == Token::EndObject)
        {
            return true;
        }
        if (t != Token::String)
        {
            return false;
        }
        const int field = classifyLeg(s.string());
        t = s.next();
        if (t == Token::Error)
        {
            return false;
        }
        if (field < 0)
        {
            if (!s.skipContainer())
            {
                return false;
            }
            continue;
        }
        types[field] = t;
        if (t == Token::String)
        {
            std::optional<std::string> &f = *fields[field];
            if (f)
            {
                f->assign(s.string());
            }
            else
            {
                f.emplace(s.string());
            }
        }
        else if (!s.skipContainer())
        {
            return false;
        }
    }
}

bool DialogObjectReader::fail(std::string why)
{
    m_error = std::move(why);
    return false;
}

template<typename T>
bool DialogObjectReader::number(Field field, T &out, bool required)
{
    const Token t = m_type[field];
    if (t == Token::End && !required)
    {
        out = 0;
        return true;
    }
    if (t != Token::Number)
    {
        return fail(quoted(FieldNames[field]) + " is " + std::string(typeName(t)) + ", expected a number");
    }
    const double d = m_number[field];
    // An int64 field takes at most 2^63 - 1 (DlgListParser lets 2^63 through to a cast).
    const double max = std::is_same_v<T, std::int64_t> ? 9223372036854775807.0
                                                       : static_cast<double>(std::numeric_limits<T>::max());
    const bool inRange = d >= static_cast<double>(std::numeric_limits<T>::min()) &&
                         (std::is_same_v<T, std::int64_t> ? d < max : d <= max);
    if (!inRange || std::trunc(d) != d)
    {
        char text[40];
        const auto written = std::to_chars(text, text + sizeof text, d, std::chars_format::general, 17);
        return fail(quoted(FieldNames[field]) + " is " + std::string(text, written.ptr) +
                    ", not a whole number in range");
    }
    out = static_cast<T>(d);
    return true;
}

bool DialogObjectReader::stringField(Field field, std::string &out)
{
    const Token t = m_type[field];
    if (t == Token::String)
    {
        return true;
    }
    out.clear();
    if (t == Token::End || t == Token::Null)
    {
        return true;
    }
    return fail(quoted(FieldNames[field]) + " is " + std::string(typeName(t)) + ", expected a string");
}

bool DialogObjectReader::leg(Field field, int index, DialogLegSnapshot &out)
{
    const Token t = m_type[field];
    if (t != Token::BeginObject)
    {
        out = DialogLegSnapshot{};
        if (t == Token::End || t == Token::Null)
        {
            return true;
        }
        return fail(quoted(FieldNames[field]) + " is " + std::string(typeName(t)) + ", expected an object");
    }
    std::optional<std::string> *fields[LegFieldCount] = {&out.tag, &out.contact, &out.cseq, &out.routeSet,
                                                         &out.socket};
    for (std::size_t i = 0; i < LegFieldCount; ++i)
    {
        const Token ft = m_legType[index][i];
        if (ft == Token::String)
        {
            continue;
        }
        fields[i]->reset();
        if (ft != Token::End && ft != Token::Null)
        {
            std::string why(1, '\'');
            why.append(FieldNames[field]).append(".").append(LegFieldNames[i]).append("' is ");
            return fail(why.append(typeName(ft)).append(", expected a string or null"));
        }
    }
    return true;
}

bool DialogObjectReader::finish(DialogSnapshot &out)
{
    m_error.clear();
    const Field callIdField = m_type[CallIdDash] != Token::End ? CallIdDash : CallIdUnderscore;
    m_label.clear();
    if (m_type[callIdField] == Token::String)
    {
        m_label = " (call-id '" + (callIdField == CallIdDash ? out.callId : m_altCallId) + "')";
    }
    if (!number(HEntry, out.hEntry, true) || !number(HId, out.hId, true))
    {
        return false;
    }
    if (m_type[callIdField] != Token::String)
    {
        return fail("'call-id' is " + std::string(typeName(m_type[callIdField])) + ", expected a string");
    }
    if (callIdField == CallIdUnderscore)
    {
        out.callId = m_altCallId;
    }
    out.reqUri.clear();
    out.timeoutRoute.clear();
    if (!number(Ref, out.ref, false) || !stringField(FromUri, out.fromUri) ||
        !stringField(ToUri, out.toUri) || !number(State, out.state, false) ||
        !number(StartTs, out.startTs, false) || !number(InitTs, out.initTs, false) ||
        !number(EndTs, out.endTs, false) || !number(Duration, out.duration, false) ||
        !number(Timeout, out.timeout, false) || !number(Lifetime, out.lifetime, false) ||
        !number(Dflags, out.dflags, false) || !number(Sflags, out.sflags, false) ||
        !number(Iflags, out.iflags, false) || !leg(Caller, 0, out.caller) || !leg(Callee, 1, out.callee))
    {
        return false;
    }
    const auto profileType = m_type[Profiles];
    if (profileType != Token::End && profileType != Token::Null && profileType != Token::BeginArray &&
        profileType != Token::BeginObject)
    {
        return fail("'profiles' is " + std::string(typeName(profileType)) + ", expected an array");
    }
    if (!m_profilesError.empty())
    {
        return fail(m_profilesError);
    }
    const auto variableType = m_type[Variables];
    if (variableType != Token::End && variableType != Token::Null && variableType != Token::BeginArray &&
        variableType != Token::BeginObject)
    {
        return fail("'variables' is " + std::string(typeName(variableType)) + ", expected an array");
    }
    if (!m_variablesError.empty())
    {
        return fail(m_variablesError);
    }
    out.profiles.resize(m_profileCount);
    out.variables.resize(m_variableCount);
    return true;
}

} // namespace calldeck::core
