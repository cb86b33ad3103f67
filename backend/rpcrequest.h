// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QByteArrayView>
#include <QJsonArray>
#include <QString>

/// @brief A JSON-RPC 2.0 request body read the way Kamailio's jsonrpcs reads it: the root must be
/// an object with "jsonrpc": "2.0" and a string "method"; "params" may be an array or an object
/// whose member values count by position only (their order in the text is kept, names are
/// ignored); "id" is echoed as a string or a number.
class RpcRequest final
{
public:
    enum class Kind : std::uint8_t
    {
        Malformed, ///< not JSON at all
        NotACall,  ///< JSON, but no request jsonrpcs would run (batch array, no "2.0", no method)
        Call,      ///< a method to run
    };
    enum class IdKind : std::uint8_t
    {
        None, ///< no "id" member: a notification (it still gets a reply, as in Kamailio)
        Null, ///< "id" present but neither a string nor a number
        String,
        Number,
    };

    static RpcRequest parse(QByteArrayView body);

    Kind kind() const { return m_kind; }
    IdKind idKind() const { return m_idKind; }
    const QString &idString() const { return m_idString; }
    double idNumber() const { return m_idNumber; }
    const QString &method() const { return m_method; }
    const QJsonArray &params() const { return m_params; }
    /// @brief Why the body is Malformed or NotACall (English, for the log).
    const QString &problem() const { return m_problem; }

private:
    Kind m_kind = Kind::Malformed;
    IdKind m_idKind = IdKind::None;
    QString m_idString;
    double m_idNumber = 0;
    QString m_method;
    QJsonArray m_params;
    QString m_problem;
};
