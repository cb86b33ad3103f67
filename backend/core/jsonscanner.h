// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief A pull tokenizer for strict RFC 8259 JSON: one token per next(), the structure (commas,
 * colons, nesting) checked as it goes, errors reported with their byte offset.
 *
 * Strings come back decoded: a view into the text when they hold no escape (the usual case), else
 * a view into a buffer of the scanner that the next token overwrites. `\uXXXX` escapes, surrogate
 * pairs included, become UTF-8; a lone surrogate, a control character, an unknown escape or
 * invalid UTF-8 is an error. Numbers follow the JSON grammar; their value is the nearest double
 * (a number that overflows a double is an error). Nesting is limited (maxDepth, 64 by default).
 * Whitespace runs of tabs and newlines (Kamailio's pretty format) are skipped word by word.
 */
class JsonScanner
{
public:
    enum class Token : std::uint8_t
    {
        BeginObject,
        EndObject,
        BeginArray,
        EndArray,
        String, ///< a value or, when isKey(), an object key (the ':' is consumed with it)
        Number,
        True,
        False,
        Null,
        End,  ///< the one top-level value ended and only whitespace follows
        Error ///< see error() and errorOffset(); every later call returns Error again
    };

    static constexpr std::size_t DefaultMaxDepth = 64;

    explicit JsonScanner(std::string_view text, std::size_t maxDepth = DefaultMaxDepth);

    /** @brief Restarts on @p text, keeping the buffers. */
    void reset(std::string_view text);

    Token next();

    /** @brief After BeginObject/BeginArray: consumes up to the matching end; after any other
     *  token: nothing. @return false on an error in what was skipped */
    bool skipContainer();

    /** @brief "a string", "an object"... for the token that starts a value ("null" for Null). */
    static std::string_view valueTypeName(Token t);

    /** @brief The last String token: was it an object key? */
    bool isKey() const { return m_isKey; }
    /** @brief The decoded text of the last String token. */
    std::string_view string() const { return m_string; }
    /** @brief The source text of the last Number token. */
    std::string_view numberText() const { return m_numberText; }
    /** @brief The value of the last Number token, the nearest double (exact for integers up to 2^53). */
    double number() const { return m_number; }

    /** @brief Nesting depth after the last token (0 outside any container). */
    std::size_t depth() const { return m_depth; }
    /** @brief Byte offset where the last token started. */
    std::size_t tokenOffset() const { return m_tokenStart; }

    /** @brief English reason of the first error, with its offset ("unexpected '}' at byte 12"). */
    const std::string &error() const { return m_error; }
    std::size_t errorOffset() const { return m_errorOffset; }

private:
    enum class State : std::uint8_t
    {
        Value,           ///< a value must follow (top level, after ':' or after ',' in an array)
        ValueOrEndArray, ///< just after '['
        KeyOrEndObject,  ///< just after '{'
        Key,             ///< after ',' in an object
        AfterValue,      ///< ',' or the container's end must follow
        Done,            ///< the top-level value is complete
        Failed
    };

    [[gnu::cold, gnu::noinline]] Token fail(std::size_t offset, std::string_view reason,
                                            std::string_view detail = {}, std::string_view suffix = {});
    /** "<prefix><the byte at offset><suffix>", or "unexpected end of input" at the end */
    [[gnu::cold, gnu::noinline]] Token failChar(std::size_t offset, std::string_view prefix,
                                                std::string_view suffix);
    [[gnu::cold, gnu::noinline]] Token failDepth(std::size_t offset);
    Token value();
    Token key();
    Token closeContainer(bool object, std::size_t at);
    Token completeValue(Token t);
    bool scanString();
    bool decodeEscapes(const char *p);
    Token scanNumber();
    Token scanLiteral(std::string_view word, Token t);
    void skipWhitespace();

    const char *m_begin = nullptr;
    const char *m_p = nullptr;
    const char *m_end = nullptr;
    std::size_t m_maxDepth;
    std::size_t m_depth = 0;
    std::uint64_t m_objectBits[4] = {}; ///< bit d set: the container at depth d+1 is an object
    State m_state = State::Value;
    bool m_isKey = false;
    std::size_t m_tokenStart = 0;
    std::string_view m_string;
    std::string_view m_numberText;
    double m_number = 0;
    std::string m_buffer;
    std::string m_error;
    std::size_t m_errorOffset = 0;
};

} // namespace calldeck::core
