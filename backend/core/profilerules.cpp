// SPDX-License-Identifier: GPL-3.0-or-later
#include "profilerules.h"

#include "sipheaders.h"
#include "sipmessage.h"

#include <array>
#include <cctype>
#include <regex>

namespace calldeck::core
{

namespace
{

enum class Var : std::uint8_t
{
    SrcIp,
    SrcPort,
    DstIp,
    DstPort,
    Transport,
    FromUser,
    FromDomain,
    FromUri,
    ToUser,
    ToDomain,
    ToUri,
    Ruri,
    RuriUser,
    RuriDomain,
    CallId,
    Node,
    Header,
};

struct Term
{
    bool literal = true;
    Var var = Var::SrcIp;
    std::string text; // literal text or header name
};

struct Cidr
{
    std::uint8_t family = 0;
    std::array<std::uint8_t, 16> addr{};
    int prefix = 0;
};

struct Condition
{
    enum class Kind : std::uint8_t
    {
        SrcIn,
        DstIn,
        Match,
        NotMatch,
        Equal,
        NotEqual,
        Has,
    };
    Kind kind = Kind::Has;
    Term term;
    std::string text;
    std::regex regex;
    Cidr cidr;
};

struct Rule
{
    std::string profile;
    std::vector<Term> value;
    std::vector<Condition> conditions;
};

const std::pair<std::string_view, Var> kVars[] = {
    {"src_ip", Var::SrcIp},           {"src_port", Var::SrcPort},
    {"dst_ip", Var::DstIp},           {"dst_port", Var::DstPort},
    {"transport", Var::Transport},    {"from_user", Var::FromUser},
    {"from_domain", Var::FromDomain}, {"from_uri", Var::FromUri},
    {"to_user", Var::ToUser},         {"to_domain", Var::ToDomain},
    {"to_uri", Var::ToUri},           {"ruri", Var::Ruri},
    {"ruri_user", Var::RuriUser},     {"ruri_domain", Var::RuriDomain},
    {"callid", Var::CallId},          {"node", Var::Node},
};

/** Splits a rule line into tokens; quoted strings keep their quotes so literals are known. */
bool tokenize(std::string_view line, std::vector<std::string> &out, std::string &error)
{
    std::size_t i = 0;
    while (i < line.size())
    {
        const char c = line[i];
        if (c == ' ' || c == '\t')
        {
            ++i;
            continue;
        }
        if (c == '#')
        {
            break;
        }
        if (c == '"')
        {
            std::string s = "\"";
            ++i;
            bool closed = false;
            while (i < line.size())
            {
                if (line[i] == '\\' && i + 1 < line.size())
                {
                    // Keep backslashes (regexes need them) except before a quote.
                    if (line[i + 1] != '"')
                    {
                        s += '\\';
                    }
                    s += line[i + 1];
                    i += 2;
                    continue;
                }
                if (line[i] == '"')
                {
                    closed = true;
                    ++i;
                    break;
                }
                s += line[i++];
            }
            if (!closed)
            {
                error = "a quoted text is not closed";
                return false;
            }
            out.push_back(s);
            continue;
        }
        if (c == '=' || c == '~' || c == '!')
        {
            if (line.compare(i, 2, "==") == 0 || line.compare(i, 2, "!=") == 0 ||
                line.compare(i, 2, "!~") == 0)
            {
                out.emplace_back(line.substr(i, 2));
                i += 2;
            }
            else if (c == '!')
            {
                error = "'!' must be followed by '=' or '~'";
                return false;
            }
            else
            {
                out.emplace_back(1, c);
                ++i;
            }
            continue;
        }
        std::size_t j = i;
        int parens = 0;
        while (j < line.size() && (parens > 0 || (line[j] != ' ' && line[j] != '\t' && line[j] != '"' &&
                                                  line[j] != '=' && line[j] != '~' && line[j] != '!')))
        {
            parens += line[j] == '(' ? 1 : line[j] == ')' ? -1 : 0;
            ++j;
        }
        out.emplace_back(line.substr(i, j - i));
        i = j;
    }
    return true;
}

bool parseTerm(const std::string &tok, Term &t, std::string &error)
{
    if (!tok.empty() && tok[0] == '"')
    {
        t.literal = true;
        t.text = tok.substr(1);
        return true;
    }
    if (tok.size() < 2 || tok[0] != '$')
    {
        error = "expected a $variable or a \"quoted text\", found '" + tok + "'";
        return false;
    }
    t.literal = false;
    const std::string name = tok.substr(1);
    if (name.rfind("hdr(", 0) == 0 && name.back() == ')' && name.size() > 5)
    {
        t.var = Var::Header;
        t.text = name.substr(4, name.size() - 5);
        return true;
    }
    for (const auto &[n, v] : kVars)
    {
        if (name == n)
        {
            t.var = v;
            return true;
        }
    }
    error = "unknown variable '" + tok + "'";
    return false;
}

bool parseIp(std::string_view s, Cidr &c)
{
    // IPv4 dotted quad or IPv6 (with one "::"); no resolver, no sockets.
    if (s.find(':') == std::string_view::npos)
    {
        int part = 0;
        std::size_t i = 0;
        for (; part < 4; ++part)
        {
            std::size_t j = i;
            unsigned v = 0;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) && j - i < 3)
            {
                v = v * 10 + static_cast<unsigned>(s[j++] - '0');
            }
            if (j == i || v > 255)
            {
                return false;
            }
            c.addr[static_cast<std::size_t>(part)] = static_cast<std::uint8_t>(v);
            i = j;
            if (part < 3)
            {
                if (i >= s.size() || s[i] != '.')
                {
                    return false;
                }
                ++i;
            }
        }
        c.family = 4;
        return i == s.size();
    }
    std::array<std::uint16_t, 8> head{}, tail{};
    std::size_t nh = 0, nt = 0;
    bool gap = false;
    std::size_t i = 0;
    if (s.substr(0, 2) == "::")
    {
        gap = true;
        i = 2;
    }
    while (i < s.size())
    {
        std::size_t j = i;
        unsigned v = 0;
        while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j])) && j - i < 4)
        {
            const char ch = static_cast<char>(std::tolower(static_cast<unsigned char>(s[j++])));
            v = v * 16 + static_cast<unsigned>(ch <= '9' ? ch - '0' : ch - 'a' + 10);
        }
        if (j == i || nh + nt >= 8)
        {
            return false;
        }
        (gap ? tail[nt++] : head[nh++]) = static_cast<std::uint16_t>(v);
        i = j;
        if (i == s.size())
        {
            break;
        }
        if (s[i] != ':')
        {
            return false;
        }
        if (i + 1 < s.size() && s[i + 1] == ':')
        {
            if (gap)
            {
                return false;
            }
            gap = true;
            i += 2;
        }
        else
        {
            ++i;
        }
    }
    if ((!gap && nh != 8) || nh + nt > 8)
    {
        return false;
    }
    std::array<std::uint16_t, 8> w{};
    for (std::size_t k = 0; k < nh; ++k)
    {
        w[k] = head[k];
    }
    for (std::size_t k = 0; k < nt; ++k)
    {
        w[8 - nt + k] = tail[k];
    }
    for (std::size_t k = 0; k < 8; ++k)
    {
        c.addr[2 * k] = static_cast<std::uint8_t>(w[k] >> 8);
        c.addr[2 * k + 1] = static_cast<std::uint8_t>(w[k] & 0xFF);
    }
    c.family = 6;
    return true;
}

bool parseCidr(std::string_view s, Cidr &c)
{
    const auto slash = s.find('/');
    if (!parseIp(s.substr(0, slash), c))
    {
        return false;
    }
    const int max = c.family == 4 ? 32 : 128;
    c.prefix = max;
    if (slash != std::string_view::npos)
    {
        const std::string_view p = s.substr(slash + 1);
        if (p.empty() || p.size() > 3)
        {
            return false;
        }
        int v = 0;
        for (char ch : p)
        {
            if (!std::isdigit(static_cast<unsigned char>(ch)))
            {
                return false;
            }
            v = v * 10 + (ch - '0');
        }
        if (v > max)
        {
            return false;
        }
        c.prefix = v;
    }
    return true;
}

bool inCidr(const Endpoint &e, const Cidr &c)
{
    if (e.family != c.family)
    {
        return false;
    }
    int bits = c.prefix;
    for (std::size_t i = 0; bits > 0; ++i, bits -= 8)
    {
        const std::uint8_t mask = bits >= 8 ? 0xFF : static_cast<std::uint8_t>(0xFF << (8 - bits));
        if ((e.addr[i] & mask) != (c.addr[i] & mask))
        {
            return false;
        }
    }
    return true;
}

void resolve(const Term &t, const SipMessage &m, const PacketMeta &meta, std::string &out)
{
    if (t.literal)
    {
        out += t.text;
        return;
    }
    switch (t.var)
    {
    case Var::SrcIp:
        out += meta.src.addressText();
        break;
    case Var::SrcPort:
        out += meta.src.valid() ? std::to_string(meta.src.port) : std::string();
        break;
    case Var::DstIp:
        out += meta.dst.addressText();
        break;
    case Var::DstPort:
        out += meta.dst.valid() ? std::to_string(meta.dst.port) : std::string();
        break;
    case Var::Transport:
        out += transportName(meta.transport);
        break;
    case Var::FromUser:
        out += uriUser(m.from().uri);
        break;
    case Var::FromDomain:
        out += uriHost(m.from().uri);
        break;
    case Var::FromUri:
        out += m.from().uri;
        break;
    case Var::ToUser:
        out += uriUser(m.to().uri);
        break;
    case Var::ToDomain:
        out += uriHost(m.to().uri);
        break;
    case Var::ToUri:
        out += m.to().uri;
        break;
    case Var::Ruri:
        out += m.requestUri();
        break;
    case Var::RuriUser:
        out += uriUser(m.requestUri());
        break;
    case Var::RuriDomain:
        out += uriHost(m.requestUri());
        break;
    case Var::CallId:
        out += m.callId();
        break;
    case Var::Node:
        out += meta.captureNode ? std::to_string(meta.captureNode) : std::string();
        break;
    case Var::Header:
        out += m.header(t.text);
        break;
    }
}

bool parseLine(std::string_view line, Rule &rule, std::string &error)
{
    std::vector<std::string> tok;
    if (!tokenize(line, tok, error))
    {
        return false;
    }
    std::size_t i = 0;
    rule.profile = tok[i++];
    for (char c : rule.profile)
    {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
        {
            error = "profile name '" + rule.profile + "' may only hold letters, digits and '_'";
            return false;
        }
    }
    if (i < tok.size() && tok[i] == "=")
    {
        ++i;
        while (i < tok.size() && tok[i] != "if")
        {
            Term t;
            if (!parseTerm(tok[i++], t, error))
            {
                return false;
            }
            rule.value.push_back(std::move(t));
        }
        if (rule.value.empty())
        {
            error = "'=' needs a value: a $variable or a \"text\"";
            return false;
        }
    }
    if (i < tok.size())
    {
        if (tok[i] != "if")
        {
            error = "expected '=' or 'if' after the profile name, found '" + tok[i] + "'";
            return false;
        }
        ++i;
        for (;;)
        {
            if (i >= tok.size())
            {
                error = "a condition is missing after 'if'/'and'";
                return false;
            }
            Condition c;
            if ((tok[i] == "src" || tok[i] == "dst") && i + 2 < tok.size() && tok[i + 1] == "in")
            {
                c.kind = tok[i] == "src" ? Condition::Kind::SrcIn : Condition::Kind::DstIn;
                if (!parseCidr(tok[i + 2], c.cidr))
                {
                    error = "'" + tok[i + 2] + "' is not an address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32)";
                    return false;
                }
                i += 3;
            }
            else if (tok[i] == "has" && i + 1 < tok.size())
            {
                c.kind = Condition::Kind::Has;
                c.text = tok[i + 1];
                i += 2;
            }
            else
            {
                if (!parseTerm(tok[i], c.term, error))
                {
                    return false;
                }
                if (i + 2 >= tok.size() || tok[i + 2].empty() || tok[i + 2][0] != '"')
                {
                    error = "a comparison needs an operator (~ !~ == !=) and a \"quoted\" text";
                    return false;
                }
                const std::string &op = tok[i + 1];
                c.text = tok[i + 2].substr(1);
                if (op == "~" || op == "!~")
                {
                    c.kind = op == "~" ? Condition::Kind::Match : Condition::Kind::NotMatch;
                    try
                    {
                        c.regex = std::regex(c.text, std::regex::ECMAScript | std::regex::icase |
                                                         std::regex::optimize);
                    }
                    catch (const std::regex_error &)
                    {
                        error = "invalid regular expression \"" + c.text + "\"";
                        return false;
                    }
                }
                else if (op == "==" || op == "!=")
                {
                    c.kind = op == "==" ? Condition::Kind::Equal : Condition::Kind::NotEqual;
                }
                else
                {
                    error = "unknown operator '" + op + "' (use ~ !~ == !=)";
                    return false;
                }
                i += 3;
            }
            rule.conditions.push_back(std::move(c));
            if (i >= tok.size())
            {
                break;
            }
            if (tok[i] != "and")
            {
                error = "expected 'and' between conditions, found '" + tok[i] + "'";
                return false;
            }
            ++i;
        }
    }
    return true;
}

} // namespace

struct ProfileRuleSet::Rules
{
    std::vector<Rule> rules;
};

ProfileRuleSet::ProfileRuleSet()
    : m_rules(std::make_unique<Rules>())
{}

ProfileRuleSet::~ProfileRuleSet() = default;
ProfileRuleSet::ProfileRuleSet(ProfileRuleSet &&) noexcept = default;
ProfileRuleSet &ProfileRuleSet::operator=(ProfileRuleSet &&) noexcept = default;

Result<ProfileRuleSet> ProfileRuleSet::parse(std::string_view text)
{
    ProfileRuleSet set;
    std::size_t lineNo = 0;
    while (!text.empty())
    {
        ++lineNo;
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        line = trimSipWhitespace(line);
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        Rule rule;
        std::string error;
        if (!parseLine(line, rule, error))
        {
            return makeError(Error::Code::InvalidArgument,
                             "profile rule line " + std::to_string(lineNo) + ": " + error);
        }
        for (const Rule &other : set.m_rules->rules)
        {
            if (other.profile == rule.profile && other.value.empty() != rule.value.empty())
            {
                return makeError(Error::Code::InvalidArgument, "profile rule line " + std::to_string(lineNo) +
                                                                   ": profile '" + rule.profile +
                                                                   "' is used both with and without a value");
            }
        }
        set.m_rules->rules.push_back(std::move(rule));
    }
    return set;
}

bool ProfileRuleSet::empty() const
{
    return m_rules->rules.empty();
}

std::size_t ProfileRuleSet::size() const
{
    return m_rules->rules.size();
}

namespace
{

std::string profileList(const std::vector<Rule> &rules, bool withValue)
{
    std::string out;
    for (std::size_t i = 0; i < rules.size(); ++i)
    {
        if (rules[i].value.empty() == withValue)
        {
            continue;
        }
        bool seen = false;
        for (std::size_t j = 0; j < i; ++j)
        {
            seen = seen || rules[j].profile == rules[i].profile;
        }
        if (!seen)
        {
            out += (out.empty() ? "" : ";") + rules[i].profile;
        }
    }
    return out;
}

} // namespace

std::string ProfileRuleSet::profilesNoValue() const
{
    return profileList(m_rules->rules, false);
}

std::string ProfileRuleSet::profilesWithValue() const
{
    return profileList(m_rules->rules, true);
}

void ProfileRuleSet::evaluate(const SipMessage &m, const PacketMeta &meta,
                              const std::function<void(std::string_view, std::string_view)> &add) const
{
    std::string scratch;
    for (const Rule &r : m_rules->rules)
    {
        bool ok = true;
        for (const Condition &c : r.conditions)
        {
            switch (c.kind)
            {
            case Condition::Kind::SrcIn:
                ok = inCidr(meta.src, c.cidr);
                break;
            case Condition::Kind::DstIn:
                ok = inCidr(meta.dst, c.cidr);
                break;
            case Condition::Kind::Has:
                ok = !m.header(c.text).empty();
                break;
            default:
                scratch.clear();
                resolve(c.term, m, meta, scratch);
                if (c.kind == Condition::Kind::Equal || c.kind == Condition::Kind::NotEqual)
                {
                    ok = (scratch == c.text) == (c.kind == Condition::Kind::Equal);
                }
                else
                {
                    ok = std::regex_search(scratch, c.regex) == (c.kind == Condition::Kind::Match);
                }
                break;
            }
            if (!ok)
            {
                break;
            }
        }
        if (!ok)
        {
            continue;
        }
        scratch.clear();
        for (const Term &t : r.value)
        {
            resolve(t, m, meta, scratch);
        }
        if (!r.value.empty() && scratch.empty())
        {
            continue;
        }
        add(r.profile, scratch);
    }
}

} // namespace calldeck::core
