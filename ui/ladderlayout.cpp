// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ladderlayout.h"

#include <algorithm>

#include <QDateTime>

using namespace Qt::StringLiterals;
using calldeck::core::CallFlowMessage;

namespace
{
QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

constexpr int MaxUnparsedLabel = 40;
} // namespace

QString LadderLayout::hostText(const calldeck::core::Endpoint &endpoint)
{
    if (!endpoint.valid())
    {
        return tr("unknown");
    }
    const QString address = QString::fromStdString(endpoint.addressText());
    return (endpoint.family == 6 ? u"["_s + address + u"]"_s : address) + u":"_s +
           QString::number(endpoint.port);
}

QString LadderLayout::deltaText(const qint64 microseconds)
{
    const qint64 us = std::max<qint64>(microseconds, 0);
    if (us < 1000)
    {
        return tr("+%1 µs").arg(us);
    }
    if (us < 1'000'000)
    {
        return tr("+%1 ms").arg(us / 1000);
    }
    return tr("+%1 s").arg(double(us) / 1e6, 0, 'f', 3);
}

int LadderLayout::columnOf(const QString &host)
{
    const qsizetype at = m_hosts.indexOf(host);
    if (at >= 0)
    {
        return static_cast<int>(at);
    }
    m_hosts.append(host);
    return static_cast<int>(m_hosts.size() - 1);
}

void LadderLayout::setMessages(const std::vector<CallFlowMessage> &messages)
{
    m_hosts.clear();
    m_arrows.clear();
    m_arrows.reserve(messages.size());
    std::int64_t previousUs = 0;
    for (std::size_t i = 0; i < messages.size(); ++i)
    {
        const CallFlowMessage &m = messages[i];
        Arrow a;
        a.message = static_cast<int>(i);
        a.from = columnOf(hostText(m.src));
        a.to = columnOf(hostText(m.dst));
        a.request = m.request;
        a.statusCode = m.statusCode;
        a.retransmission = m.retransmission;
        a.direction = m.direction;
        if (!m.parsed)
        {
            const QString start = fromView(m.text(m.startLine)).left(MaxUnparsedLabel);
            a.label = start.isEmpty() ? tr("(not SIP)") : start;
        }
        else if (m.request)
        {
            a.label = fromView(m.text(m.method));
            if (m.sdp)
            {
                a.label += u" (SDP)"_s;
            }
        }
        else
        {
            // Most responses answer an INVITE: only the others name their request.
            const QString reason = fromView(m.text(m.reason));
            const QString method = fromView(m.text(m.method));
            QStringList notes;
            if (method != u"INVITE"_s)
            {
                notes.append(method);
            }
            if (m.sdp)
            {
                notes.append(u"SDP"_s);
            }
            a.label = QString::number(m.statusCode) + (reason.isEmpty() ? QString() : u" "_s + reason) +
                      (notes.isEmpty() ? QString() : u" ("_s + notes.join(u", "_s) + u")"_s);
        }
        if (m.retransmission)
        {
            //: A message of the call flow that repeats an earlier one (%1: "INVITE", "200 OK (BYE)"); keep it
            //: short
            a.label = tr("↻ %1").arg(a.label);
        }
        a.time = QDateTime::fromMSecsSinceEpoch(m.timeUs / 1000).toString(u"HH:mm:ss.zzz"_s);
        if (i > 0)
        {
            a.delta = deltaText(m.timeUs - previousUs);
        }
        previousUs = m.timeUs;
        m_arrows.push_back(std::move(a));
    }
}

void LadderLayout::setMetrics(const Metrics &metrics)
{
    m_metrics = metrics;
    m_metrics.rowHeight = std::max(m_metrics.rowHeight, 1);
    m_metrics.columnWidth = std::max(m_metrics.columnWidth, 1);
}

int LadderLayout::columnX(const int column) const
{
    return m_metrics.margin + m_metrics.gutterWidth + m_metrics.columnWidth * column +
           m_metrics.columnWidth / 2;
}

QRect LadderLayout::rowRect(const int index) const
{
    return {0, m_metrics.headerHeight + index * m_metrics.rowHeight, contentSize().width(),
            m_metrics.rowHeight};
}

QLine LadderLayout::arrowLine(const int index) const
{
    const Arrow &a = arrow(index);
    const QRect row = rowRect(index);
    const int y = row.top() + row.height() * 2 / 3;
    const int x1 = columnX(a.from);
    const int x2 = a.from == a.to ? x1 + m_metrics.columnWidth / 3 : columnX(a.to);
    return {x1, y, x2, y};
}

QRect LadderLayout::labelRect(const int index) const
{
    const Arrow &a = arrow(index);
    const QRect row = rowRect(index);
    const int y = row.top() + row.height() * 2 / 3;
    // Between the two lifelines, or a column wide centred on a self-message's stub.
    const int left = std::min(a.from, a.to);
    const int right = std::max(a.from, a.to);
    const int x1 = a.from == a.to ? columnX(left) : columnX(left) + 4;
    const int x2 = a.from == a.to ? columnX(left) + m_metrics.columnWidth - 4 : columnX(right) - 4;
    return {x1, row.top(), std::max(x2 - x1, 1), y - row.top() - 1};
}

QSize LadderLayout::contentSize() const
{
    return {2 * m_metrics.margin + m_metrics.gutterWidth + m_metrics.columnWidth * std::max(columnCount(), 1),
            m_metrics.headerHeight + m_metrics.rowHeight * arrowCount() + m_metrics.margin};
}

int LadderLayout::arrowAt(const QPoint point) const
{
    if (point.y() < m_metrics.headerHeight || point.x() < m_metrics.margin ||
        point.x() >= contentSize().width())
    {
        return -1;
    }
    const int index = (point.y() - m_metrics.headerHeight) / m_metrics.rowHeight;
    return index < arrowCount() ? index : -1;
}

std::pair<int, int> LadderLayout::rowsBetween(const int top, const int bottom) const
{
    if (bottom < m_metrics.headerHeight)
    {
        return {0, -1};
    }
    const int first = std::max(0, (top - m_metrics.headerHeight) / m_metrics.rowHeight);
    const int last = std::min(arrowCount() - 1, (bottom - m_metrics.headerHeight) / m_metrics.rowHeight);
    return {first, last};
}
