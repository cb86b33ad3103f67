// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stringinterner.h"
#include "stringslab.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace calldeck::core
{

/** @brief Per-variable flags (`vflags`), as the module keeps them. */
namespace VarFlag
{
constexpr std::uint16_t New = 1;
constexpr std::uint16_t Changed = 2;
constexpr std::uint16_t Del = 256;
} // namespace VarFlag

/**
 * @brief Dialog variables (`$dlg_var`): string key → string value per dialog, newest first.
 *
 * Keys are interned (few distinct names), values live in the string slab. Setting an empty
 * value removes the key, as assigning $null does in the module.
 */
class DialogVariables
{
public:
    explicit DialogVariables(StringSlab &slab);
    ~DialogVariables();
    DialogVariables(const DialogVariables &) = delete;
    DialogVariables &operator=(const DialogVariables &) = delete;

    /** @brief Sets (or with an empty value removes) a variable of the dialog whose list head is `head`. */
    void set(std::uint32_t &head, std::string_view key, std::string_view value);
    std::optional<std::string_view> get(std::uint32_t head, std::string_view key) const;
    bool unset(std::uint32_t &head, std::string_view key);
    void clear(std::uint32_t &head);
    std::uint16_t flags(std::uint32_t head, std::string_view key) const;
    /** @brief Clears NEW/CHANGED on every variable of a dialog (after a DB write). */
    void markClean(std::uint32_t head);

    /** @brief Calls fn(key, value, flags) newest first. */
    template<typename Fn>
    void forEach(std::uint32_t head, Fn &&fn) const
    {
        for (std::uint32_t i = head; i != 0; i = m_vars[i].next)
        {
            const Var &v = m_vars[i];
            fn(m_keys.text(v.keyId), std::string_view(v.value, v.length), v.flags);
        }
    }

    std::size_t count() const { return m_vars.size() - 1 - m_free.size(); }
    std::size_t memoryBytes() const { return m_vars.capacity() * sizeof(Var) + m_keys.size() * 64; }

private:
    struct Var
    {
        std::uint32_t next = 0;
        std::uint32_t keyId = 0;
        char *value = nullptr;
        std::uint32_t length = 0;
        std::uint16_t flags = 0;
    };

    void assign(Var &v, std::string_view value);
    void unlinkAt(std::uint32_t &head, std::uint32_t prev, std::uint32_t i);

    StringSlab &m_slab;
    StringInterner m_keys;
    std::vector<Var> m_vars{Var{}};
    std::vector<std::uint32_t> m_free;
};

} // namespace calldeck::core
