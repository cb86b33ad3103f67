// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace calldeck::core
{

/**
 * @brief Builds CSV text (RFC 4180) for spreadsheets: CRLF line ends, every field that holds a
 * comma, a double quote, CR or LF is quoted with its quotes doubled, UTF-8 with a byte order mark.
 *
 * Why the BOM: Excel opens a BOM-less CSV file in the legacy ANSI code page and garbles every
 * non-ASCII character; with the BOM it reads UTF-8. LibreOffice Calc's import dialog picks
 * UTF-8 from the BOM as well, and Python's `utf-8-sig`, pandas and Go's csv readers skip it.
 *
 * Formula injection (OWASP "CSV Injection"): a field starting with `=`, `+`, `-`, `@`, TAB or CR
 * gets a leading apostrophe, so no spreadsheet runs it as a formula. A plain negative number
 * (`-5`, `-0.25`) is a number, not a formula, and stays as it is; `+` never passes (a spreadsheet
 * would drop the plus of a phone number anyway).
 */
class CsvWriter
{
public:
    struct Options
    {
        bool byteOrderMark = true;
        bool formulaGuard = true;
    };

    CsvWriter()
        : CsvWriter(Options{})
    {}
    explicit CsvWriter(Options options);

    /** @brief Appends one record (the header is the first). */
    void addRow(const std::vector<std::string> &fields);
    /** @brief The text so far (BOM, then each record ending in CRLF). */
    const std::string &text() const { return m_out; }
    std::string take() { return std::move(m_out); }

    /** @brief One field as it goes into a record (guarded, quoted when needed). */
    static std::string field(std::string_view value, bool formulaGuard = true);
    /** @brief True for the values a spreadsheet could run as a formula (see the class text). */
    static bool needsFormulaGuard(std::string_view value);

private:
    Options m_o;
    std::string m_out;
};

} // namespace calldeck::core
