// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QCoreApplication>
#include <QLine>
#include <QPoint>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>

#include "backend/core/callflowmessage.h"

/// @brief The geometry of a call-flow ladder, apart from the widget that paints it (so it can be
/// tested): one column per host (ip:port, in order of first appearance, so the caller's side is
/// on the left), one row per message with its arrow from the sender's column to the receiver's,
/// and the texts of each row (label, time, delta) built once per setMessages(), never per paint.
/// Coordinates are those of the whole ladder (content), before scrolling.
class LadderLayout final
{
    Q_DECLARE_TR_FUNCTIONS(LadderLayout)

public:
    /// @brief Sizes in pixels; the widget derives them from its font.
    struct Metrics
    {
        int margin = 8;
        int gutterWidth = 120; ///< the time column at the left
        int columnWidth = 190; ///< one host
        int headerHeight = 40; ///< host names, pinned at the top
        int rowHeight = 36;    ///< one message
    };

    /// @brief One message's row.
    struct Arrow
    {
        int message = 0; ///< index in the messages given to setMessages()
        int from = 0;    ///< column of the sender
        int to = 0;      ///< column of the receiver (== from: a message to the same host)
        bool request = false;
        int statusCode = 0;
        bool retransmission = false;
        calldeck::core::FlowDirection direction = calldeck::core::FlowDirection::Unknown;
        QString label; ///< "INVITE (SDP)", "180 Ringing", "200 OK (BYE)", with a retransmission mark
        QString time;  ///< local time of capture, "HH:mm:ss.zzz"
        QString delta; ///< time since the previous message ("+12 ms", "+1.250 s"); empty for the first
    };

    LadderLayout() = default;

    /// @brief Lays out @p messages (oldest first): hosts, arrows and their texts.
    void setMessages(const std::vector<calldeck::core::CallFlowMessage> &messages);
    void setMetrics(const Metrics &metrics);
    const Metrics &metrics() const { return m_metrics; }

    int columnCount() const { return static_cast<int>(m_hosts.size()); }
    /// @brief The host of a column, "192.0.2.1:5060" or "[2001:db8::1]:5060".
    const QString &host(int column) const { return m_hosts.at(column); }
    const QStringList &hosts() const { return m_hosts; }
    int arrowCount() const { return static_cast<int>(m_arrows.size()); }
    const Arrow &arrow(int index) const { return m_arrows.at(static_cast<std::size_t>(index)); }

    /// @brief The x of a column's lifeline.
    int columnX(int column) const;
    /// @brief The band of a row, the full width of the ladder.
    QRect rowRect(int index) const;
    /// @brief The arrow's line, from the sender's lifeline to the receiver's (a short stub to the
    /// right for a message to the same host).
    QLine arrowLine(int index) const;
    /// @brief Where the arrow's label goes: above its line, between the two lifelines.
    QRect labelRect(int index) const;
    /// @brief The size of the whole ladder.
    QSize contentSize() const;
    /// @brief The arrow whose row band holds @p point (right of the margin), or -1.
    int arrowAt(QPoint point) const;
    /// @brief The first and last rows that meet the band [top, bottom] (first > last: none).
    std::pair<int, int> rowsBetween(int top, int bottom) const;

    /// @brief "ip:port" of an endpoint, IPv6 in brackets.
    static QString hostText(const calldeck::core::Endpoint &endpoint);
    /// @brief "+850 µs", "+12 ms", "+1.250 s" (negative values read as +0).
    static QString deltaText(qint64 microseconds);

private:
    int columnOf(const QString &host);

    Metrics m_metrics;
    QStringList m_hosts;
    std::vector<Arrow> m_arrows;
};
