// SPDX-License-Identifier: GPL-3.0-or-later
#include "dlglistreader.h"

#include <cmath>

namespace calldeck::core
{

namespace
{

using Token = JsonScanner::Token;

void clearReply(DlgListReply &out)
{
    out.kind = DlgListReply::Kind::Invalid;
    out.id.reset();
    out.errorCode = 0;
    out.errorMessage.clear();
    out.invalidReason.clear();
    out.errors.clear();
}

bool isBlank(std::string_view s)
{
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/** Whitespace QByteArrayView::trimmed() removes, as DlgListParser trims NDJSON lines. */
bool isTrimmed(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool wholeNumber(double d, double limit)
{
    return std::trunc(d) == d && std::fabs(d) < limit;
}

std::string_view typeName(Token t)
{
    return JsonScanner::valueTypeName(t);
}

} // namespace

void DlgListReader::invalid(DlgListReply &out, std::string reason)
{
    out.kind = DlgListReply::Kind::Invalid;
    out.invalidReason = std::move(reason);
    out.dialogs.clear();
    out.errors.clear();
}

void DlgListReader::notJson(DlgListReply &out)
{
    invalid(out, "not JSON: " + m_scanner.error());
}

bool DlgListReader::readDialogArray(DlgListReply &out)
{
    out.errors.clear();
    std::size_t kept = 0;
    for (std::size_t i = 0;; ++i)
    {
        const Token t = m_scanner.next();
        if (t == Token::EndArray)
        {
            break;
        }
        if (t == Token::BeginObject)
        {
            if (kept == out.dialogs.size())
            {
                out.dialogs.emplace_back();
            }
            const auto outcome = m_object.read(m_scanner, out.dialogs[kept]);
            if (outcome == DialogObjectReader::Outcome::JsonError)
            {
                return false;
            }
            if (outcome == DialogObjectReader::Outcome::Ok)
            {
                ++kept;
            }
            else
            {
                out.errors.push_back("dialog " + std::to_string(i) + m_object.callIdLabel() + ": " +
                                     m_object.error());
            }
            continue;
        }
        if (t == Token::Error || !m_scanner.skipContainer())
        {
            return false;
        }
        out.errors.push_back("dialog " + std::to_string(i) + ": is " + std::string(typeName(t)) +
                             ", expected an object");
    }
    out.dialogs.resize(kept);
    return true;
}

void DlgListReader::readArray(std::string_view json, DlgListReply &out)
{
    clearReply(out);
    m_scanner.reset(json);
    if (isBlank(json))
    {
        return invalid(out, "empty body");
    }
    const Token t = m_scanner.next();
    if (t == Token::Error)
    {
        return notJson(out);
    }
    if (t != Token::BeginArray)
    {
        if (!m_scanner.skipContainer() || m_scanner.next() != Token::End)
        {
            return notJson(out);
        }
        return invalid(out, "the result is " + std::string(typeName(t)) + ", expected an array of dialogs");
    }
    if (!readDialogArray(out) || m_scanner.next() != Token::End)
    {
        return notJson(out);
    }
    out.kind = DlgListReply::Kind::Result;
}

void DlgListReader::readReply(std::string_view body, DlgListReply &out)
{
    clearReply(out);
    m_scanner.reset(body);
    if (isBlank(body))
    {
        return invalid(out, "empty body");
    }
    Token t = m_scanner.next();
    if (t == Token::Error)
    {
        return notJson(out);
    }
    if (t != Token::BeginObject)
    {
        if (!m_scanner.skipContainer() || m_scanner.next() != Token::End)
        {
            return notJson(out);
        }
        return invalid(out, "the reply is " + std::string(typeName(t)) + ", expected a JSON-RPC object");
    }

    Token jsonrpc = Token::End;
    bool version20 = false;
    Token result = Token::End;
    bool resultRead = false;
    Token error = Token::End;
    Token code = Token::End;
    double codeValue = 0;
    Token message = Token::End;
    for (;;)
    {
        t = m_scanner.next();
        if (t == Token::EndObject)
        {
            break;
        }
        if (t != Token::String)
        {
            return notJson(out);
        }
        const std::string_view key = m_scanner.string();
        const int which = key == "jsonrpc"  ? 0
                          : key == "result" ? 1
                          : key == "error"  ? 2
                          : key == "id"     ? 3
                                            : -1;
        t = m_scanner.next();
        if (t == Token::Error)
        {
            return notJson(out);
        }
        switch (which)
        {
        case 0:
            jsonrpc = t;
            version20 = t == Token::String && m_scanner.string() == "2.0";
            break;
        case 1:
            result = t;
            resultRead = false;
            if (t == Token::BeginArray)
            {
                if (!readDialogArray(out))
                {
                    return notJson(out);
                }
                resultRead = true;
                continue;
            }
            break;
        case 2:
            error = t;
            code = Token::End;
            message = Token::End;
            if (t != Token::BeginObject)
            {
                break;
            }
            for (;;)
            {
                Token m = m_scanner.next();
                if (m == Token::EndObject)
                {
                    break;
                }
                if (m != Token::String)
                {
                    return notJson(out);
                }
                const std::string_view member = m_scanner.string();
                const int field = member == "code" ? 0 : member == "message" ? 1 : -1;
                m = m_scanner.next();
                if (field == 0)
                {
                    code = m;
                    codeValue = m_scanner.number();
                }
                else if (field == 1)
                {
                    message = m;
                    if (m == Token::String)
                    {
                        out.errorMessage.assign(m_scanner.string());
                    }
                }
                if (m == Token::Error || !m_scanner.skipContainer())
                {
                    return notJson(out);
                }
            }
            continue;
        case 3:
            out.id.reset();
            if (t == Token::Number && wholeNumber(m_scanner.number(), 9007199254740992.0))
            {
                out.id = static_cast<std::int64_t>(m_scanner.number());
            }
            break;
        default:
            break;
        }
        if (!m_scanner.skipContainer())
        {
            return notJson(out);
        }
    }
    if (m_scanner.next() != Token::End)
    {
        return notJson(out);
    }

    if (!version20)
    {
        return invalid(out, jsonrpc == Token::End
                                ? "no 'jsonrpc':'2.0'"
                                : "'jsonrpc' is not \"2.0\" (" + std::string(typeName(jsonrpc)) + ")");
    }
    if (result != Token::End && error != Token::End)
    {
        return invalid(out, "both 'result' and 'error' are present");
    }
    if (error != Token::End)
    {
        if (error != Token::BeginObject)
        {
            return invalid(out, "'error' is " + std::string(typeName(error)) + ", expected an object");
        }
        if (code != Token::Number || !wholeNumber(codeValue, 2147483648.0))
        {
            return invalid(
                out, "'error.code' is " +
                         std::string(code == Token::Number ? "a fraction or out of range" : typeName(code)) +
                         ", expected a whole number");
        }
        out.dialogs.clear();
        out.kind = DlgListReply::Kind::Error;
        out.errorCode = static_cast<std::int64_t>(codeValue);
        if (message != Token::String)
        {
            out.errorMessage = "(the error object has no message)";
        }
        return;
    }
    if (result == Token::End)
    {
        return invalid(out, "neither 'result' nor 'error' is present");
    }
    if (!resultRead)
    {
        return invalid(out,
                       "'result' is " + std::string(typeName(result)) + ", expected an array of dialogs");
    }
    out.kind = DlgListReply::Kind::Result;
}

void DlgListReader::readDumpFile(std::string_view ndjson, DlgListReply &out)
{
    clearReply(out);
    out.kind = DlgListReply::Kind::Result;
    std::size_t kept = 0;
    std::size_t lineNumber = 0;
    while (!ndjson.empty())
    {
        ++lineNumber;
        const std::size_t end = ndjson.find('\n');
        std::string_view line = ndjson.substr(0, end);
        ndjson = end == std::string_view::npos ? std::string_view() : ndjson.substr(end + 1);
        while (!line.empty() && isTrimmed(line.front()))
        {
            line.remove_prefix(1);
        }
        while (!line.empty() && isTrimmed(line.back()))
        {
            line.remove_suffix(1);
        }
        if (line.empty())
        {
            continue;
        }
        const std::string prefix = "line " + std::to_string(lineNumber);
        m_scanner.reset(line);
        const Token t = m_scanner.next();
        if (t == Token::BeginObject)
        {
            if (kept == out.dialogs.size())
            {
                out.dialogs.emplace_back();
            }
            const auto outcome = m_object.read(m_scanner, out.dialogs[kept]);
            if (outcome == DialogObjectReader::Outcome::JsonError || m_scanner.next() != Token::End)
            {
                out.errors.push_back(prefix + ": not valid JSON (" + m_scanner.error() + ")");
            }
            else if (outcome == DialogObjectReader::Outcome::Ok)
            {
                ++kept;
            }
            else
            {
                out.errors.push_back(prefix + m_object.callIdLabel() + ": " + m_object.error());
            }
            continue;
        }
        if (t == Token::Error || !m_scanner.skipContainer() || m_scanner.next() != Token::End)
        {
            out.errors.push_back(prefix + ": not valid JSON (" + m_scanner.error() + ")");
        }
        else if (t == Token::BeginArray)
        {
            out.errors.push_back(prefix + ": an array, expected a dialog object");
        }
        else
        {
            out.errors.push_back(prefix + ": not valid JSON (" + std::string(typeName(t)) +
                                 " at top level, expected a dialog object)");
        }
    }
    out.dialogs.resize(kept);
}

DlgListReply readDlgListReply(std::string_view body)
{
    DlgListReply r;
    DlgListReader().readReply(body, r);
    return r;
}

DlgListReply readDlgListArray(std::string_view json)
{
    DlgListReply r;
    DlgListReader().readArray(json, r);
    return r;
}

DlgListReply readDlgDumpFile(std::string_view ndjson)
{
    DlgListReply r;
    DlgListReader().readDumpFile(ndjson, r);
    return r;
}

} // namespace calldeck::core
