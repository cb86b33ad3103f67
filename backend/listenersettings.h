// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "backend/settingvalue.h"

/// @brief The HEP/raw-SIP mirror listeners kept in the settings (key "Mirror/Listeners": a list
/// of "ADDR:PORT" strings, IPv6 in brackets). An empty list means none configured: the embedded
/// default (defaultListener()) applies. The command line's --hep wins over the list for a run.
class ListenerSettings final
{
    Q_DECLARE_TR_FUNCTIONS(ListenerSettings)
    Q_DISABLE_COPY_MOVE(ListenerSettings)

public:
    ListenerSettings();

    /// @brief The embedded default listener of DESIGN.md, "127.0.0.1:9060".
    static QString defaultListener();

    /// @brief The listeners as stored (may be empty).
    QStringList listeners() const { return m_listeners.get(); }
    /// @brief The listeners to open when the command line names none: the stored ones, or the
    /// default when none is stored.
    QStringList effective() const;
    /// @brief Replaces the stored listeners by @p entries (trimmed; empty entries dropped).
    /// @return false with @p error (translated, names the entry and says what to write) when an
    /// entry is not ADDR:PORT or repeats another; nothing is stored then
    bool setListeners(const QStringList &entries, QString *error);

    /// @brief Checks one "ADDR:PORT": an IPv4 address, a bracketed IPv6 address or a host name,
    /// and a port in 1-65535.
    /// @return empty when @p entry is fine, otherwise a translated reason with an example
    static QString check(const QString &entry);
    /// @brief A comparable form of an entry check() accepted (host in lower case, IPv6 in its
    /// canonical form, the port without leading zeros), to find duplicates.
    static QString normalized(const QString &entry);
    /// @brief The first problem of @p entries (each checked, then repeats), as "Listener N: …"
    /// with N counted from 1; empty when all are fine. @p index receives the entry's index.
    static QString firstProblem(const QStringList &entries, qsizetype *index = nullptr);

private:
    CachedSettingValue<QStringList> m_listeners;
};
