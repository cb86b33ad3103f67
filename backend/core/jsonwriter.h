// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Minimal streaming JSON writer (RFC 8259), compact or tab-indented like jsonrpcs'
 * `pretty_format`. The caller keeps the structure balanced; commas are placed automatically.
 */
class JsonWriter
{
public:
    explicit JsonWriter(std::string &out, bool pretty = false);

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view k);
    JsonWriter &value(std::string_view s);
    JsonWriter &value(const char *s) { return value(std::string_view(s)); }
    JsonWriter &value(std::int64_t n);
    JsonWriter &value(std::uint64_t n);
    JsonWriter &value(std::uint32_t n) { return value(static_cast<std::uint64_t>(n)); }
    JsonWriter &value(int n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter &value(bool b);
    JsonWriter &null();

    static void escape(std::string &out, std::string_view s);

private:
    void separate();
    void newline();

    std::string &m_out;
    bool m_pretty;
    int m_depth = 0;
    bool m_first = true;
    bool m_afterKey = false;
};

} // namespace calldeck::core
