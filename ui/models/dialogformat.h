// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

#include <QCoreApplication>
#include <QIcon>
#include <QString>
#include <QVariant>

#include "backend/core/dialogsnapshot.h"

/// @brief How a dialog's fields read in the dialog tables (live and ended): texts, tooltips,
/// colours and state icons, shared so both tables say the same thing. Stateless; the models
/// cache the icons this draws.
class DialogFormat final
{
    Q_DECLARE_TR_FUNCTIONS(DialogFormat)

public:
    /// Kamailio's `state` values (dlg.list), house vocabulary (DESIGN.md).
    enum State
    {
        Unconfirmed = 1,
        Early = 2,
        ConfirmedNoAck = 3,
        Confirmed = 4,
        Deleted = 5,
    };

    DialogFormat() = delete;

    static QString stateText(int state);
    /// @brief A filled disc in the state's colour; draw once and cache (needs a QGuiApplication).
    static QIcon drawStateIcon(int state);
    /// @brief Text colour of a row: faded while it lingers after the end, amber while the 2xx
    /// waits for its ACK; invalid (the palette's) otherwise.
    static QVariant foreground(int state, bool lingering);

    /// @brief "1:02:03" (hours are not wrapped at 24); negative values read as 0.
    static QString duration(qint64 seconds);
    /// @brief Local date and time of a Unix second, "yyyy-MM-dd HH:mm:ss".
    static QString localTime(qint64 unixSeconds);
    /// @brief The same in the locale's long format, for tooltips.
    static QString longLocalTime(qint64 unixSeconds);

    /// @brief Seconds talked: from the 2xx (start_ts) to the end or to @p nowSeconds; none before a 2xx.
    static std::optional<qint64> talkSeconds(const calldeck::core::DialogSnapshot &dialog, qint64 nowSeconds);
    /// @brief Seconds left on the lifetime timer; none when no timer is armed.
    static std::optional<qint64> remainingSeconds(const calldeck::core::DialogSnapshot &dialog,
                                                  qint64 nowSeconds);

    /// @brief "h_entry:h_id", and the pair as one number that sorts the same way.
    static QString idText(const calldeck::core::DialogSnapshot &dialog);
    /// @brief The origin with the disagreement flags (DialogRowFlag), e.g. "kam1 · stale".
    static QString originText(const QString &origin, quint8 flags);
    /// @brief What the flags mean, one line each, for the tooltip; the proxy's ids when merged.
    static QString originToolTip(const QString &origin, quint8 flags, quint32 proxyHEntry, quint32 proxyHId);
    static quint64 idValue(const calldeck::core::DialogSnapshot &dialog);

    /// @brief "name=value, name" in the dialog's order (a no-value profile has no "=").
    static QString profiles(const calldeck::core::DialogSnapshot &dialog);
    /// @brief One profile per line, for tooltips.
    static QString profilesToolTip(const calldeck::core::DialogSnapshot &dialog);
    /// @brief Every field dlg.list shows for a leg, one per line.
    static QString legToolTip(const calldeck::core::DialogLegSnapshot &leg);

    static QString text(const std::string &value);
    static QString text(const std::optional<std::string> &value);
    /// @brief The text as a raw value: invalid when empty, so it sorts after real values.
    static QVariant textValue(const QString &value);
    /// @brief A number of seconds as a raw value: invalid when absent.
    static QVariant secondsValue(const std::optional<qint64> &seconds);
    /// @brief Right-aligned, vertically centred (numbers).
    static QVariant numberAlignment();
};
