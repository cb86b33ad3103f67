// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbermasker.h"

#include <array>

namespace calldeck::core
{

namespace
{
constexpr std::size_t MinDigits = 4;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::uint64_t splitmix(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// Where a URI's user@host part ends: at a parameter, header, closing bracket, quote or space.
bool endsUri(char c)
{
    switch (c)
    {
    case ';':
    case '>':
    case ',':
    case '"':
    case '\'':
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '?':
        return true;
    default:
        return false;
    }
}

/// Length of the scheme ("sip:", "sips:", "tel:") starting at @p i, or 0.
std::size_t schemeAt(std::string_view s, std::size_t i)
{
    if (i > 0 && (isLetter(s[i - 1]) || isDigit(s[i - 1])))
    {
        return 0;
    }
    for (const std::string_view scheme : {"sips:", "sip:", "tel:"})
    {
        if (s.size() - i < scheme.size())
        {
            continue;
        }
        bool match = true;
        for (std::size_t k = 0; k < scheme.size() && match; ++k)
        {
            match = lower(s[i + k]) == scheme[k];
        }
        if (match)
        {
            return scheme.size();
        }
    }
    return 0;
}

bool protocolHeader(std::string_view line)
{
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
    {
        return false;
    }
    std::string name;
    for (const char c : line.substr(0, colon))
    {
        if (c != ' ' && c != '\t')
        {
            name += lower(c);
        }
    }
    static constexpr std::array<std::string_view, 14> names{
        "via",          "v",       "cseq",        "content-length",  "l",
        "max-forwards", "expires", "min-expires", "session-expires", "x",
        "min-se",       "rseq",    "rack",        "content-type"};
    for (const std::string_view n : names)
    {
        if (name == n)
        {
            return true;
        }
    }
    return false;
}
} // namespace

NumberMasker::NumberMasker(std::uint64_t salt)
    : m_salt(salt)
{}

void NumberMasker::maskRun(std::string &out, std::size_t begin, std::size_t end, bool digits) const
{
    // FNV-1a of the salt and the run, then one offset per character (never 0: always different).
    std::uint64_t h = 1469598103934665603ull ^ m_salt;
    for (std::size_t i = begin; i < end; ++i)
    {
        h = (h ^ static_cast<unsigned char>(out[i])) * 1099511628211ull;
    }
    std::uint64_t state = h;
    for (std::size_t i = begin; i < end; ++i)
    {
        const std::uint64_t r = splitmix(state);
        char &c = out[i];
        if (digits)
        {
            c = static_cast<char>('0' + (c - '0' + 1 + int(r % 9)) % 10);
        }
        else
        {
            const char base = (c >= 'a') ? 'a' : 'A';
            c = static_cast<char>(base + (c - base + 1 + int(r % 25)) % 26);
        }
    }
}

void NumberMasker::maskToken(std::string &out, std::size_t begin, std::size_t end, std::string &done) const
{
    std::size_t i = begin;
    while (i < end)
    {
        const bool digit = isDigit(out[i]);
        if (!digit && !isLetter(out[i]))
        {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < end && (digit ? isDigit(out[j]) : isLetter(out[j])))
        {
            ++j;
        }
        maskRun(out, i, j, digit);
        i = j;
    }
    done.replace(begin, end - begin, end - begin, '1');
}

void NumberMasker::maskInto(std::string &out) const
{
    std::string done(out.size(), '0'); // '1': already masked (a URI part), not again
    // 1. URIs: user@host of sip/sips, the number of tel.
    for (std::size_t i = 0; i < out.size(); ++i)
    {
        const std::size_t scheme = schemeAt(out, i);
        if (scheme == 0)
        {
            continue;
        }
        const std::size_t start = i + scheme;
        std::size_t end = start;
        while (end < out.size() && !endsUri(out[end]))
        {
            ++end;
        }
        if (scheme == 4 && lower(out[i]) == 't')
        {
            maskToken(out, start, end, done);
        }
        else if (const std::size_t at = out.find('@', start); at != std::string::npos && at < end)
        {
            std::size_t hostEnd = at + 1;
            if (hostEnd < end && out[hostEnd] == '[')
            {
                hostEnd = std::min(out.find(']', hostEnd), end);
            }
            while (hostEnd < end && out[hostEnd] != ':')
            {
                ++hostEnd;
            }
            maskToken(out, start, at, done);
            maskToken(out, at + 1, hostEnd, done);
        }
        i = end == 0 ? 0 : end - 1;
    }
    // 2. Other runs of digits long enough to be a number, ports aside.
    for (std::size_t i = 0; i < out.size();)
    {
        if (!isDigit(out[i]) || done[i] == '1')
        {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < out.size() && isDigit(out[j]) && done[j] != '1')
        {
            ++j;
        }
        if (j - i >= MinDigits && !(i > 0 && out[i - 1] == ':'))
        {
            maskRun(out, i, j, true);
        }
        i = j;
    }
}

std::string NumberMasker::maskText(std::string_view text) const
{
    std::string out(text);
    maskInto(out);
    return out;
}

std::string NumberMasker::maskSip(std::string_view message) const
{
    std::string out;
    out.reserve(message.size());
    std::size_t pos = 0;
    bool body = false;
    while (pos < message.size())
    {
        if (body)
        {
            out += maskText(message.substr(pos));
            break;
        }
        std::size_t eol = message.find('\n', pos);
        eol = eol == std::string_view::npos ? message.size() : eol + 1;
        const std::string_view line = message.substr(pos, eol - pos);
        body = line == "\r\n" || line == "\n";
        // A folded continuation line belongs to the header before it; it is masked as text.
        out += protocolHeader(line) && line.front() != ' ' && line.front() != '\t' ? std::string(line)
                                                                                   : maskText(line);
        pos = eol;
    }
    return out;
}

void NumberMasker::maskDialog(DialogSnapshot &d) const
{
    const auto mask = [this](std::string &s) { s = maskText(s); };
    const auto maskOpt = [this](std::optional<std::string> &s) {
        if (s)
        {
            *s = maskText(*s);
        }
    };
    mask(d.callId);
    mask(d.fromUri);
    mask(d.toUri);
    mask(d.reqUri);
    for (DialogLegSnapshot *leg : {&d.caller, &d.callee})
    {
        maskOpt(leg->tag);
        maskOpt(leg->contact);
        maskOpt(leg->routeSet);
    }
    for (auto &[name, value] : d.profiles)
    {
        maskOpt(value);
    }
    for (auto &[name, value] : d.variables)
    {
        mask(value);
    }
    for (auto &[name, value] : d.headers)
    {
        mask(value);
    }
}

} // namespace calldeck::core
