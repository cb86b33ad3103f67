// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace calldeck::core
{

/**
 * @brief An error as a value: a stable code and English technical detail.
 *
 * The core never throws for bad input; functions that can fail in expected ways return
 * Result<T>. Only ui/ and app/ turn codes into translated text.
 */
struct Error
{
    enum class Code : std::uint8_t
    {
        InvalidArgument,
        NotFound,
        WrongState,
        UnknownProfile,
        Unsupported,
        Busy,
        Malformed,
        LimitExceeded,
    };
    Code code = Code::InvalidArgument;
    std::string detail;
};

/**
 * @brief Either a value or an Error (GCC 12 has no std::expected in C++20 mode).
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_v(std::move(value))
    {}
    Result(Error error)
        : m_v(std::move(error))
    {}
    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

/** @brief Result of an operation that yields nothing but can fail. */
struct Done
{};
using Status = Result<Done>;

inline Error makeError(Error::Code code, std::string detail)
{
    return Error{code, std::move(detail)};
}

} // namespace calldeck::core
