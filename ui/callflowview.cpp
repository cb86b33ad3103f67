// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/callflowview.h"

#include <algorithm>
#include <array>
#include <optional>

#include <QFontMetrics>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace
{
constexpr int MinColumnWidth = 110;
constexpr int PreferredColumnWidth = 170;
constexpr int MaxColumnWidth = 340;
constexpr int ArrowHead = 6;

QColor pick(const bool dark, const char *light, const char *onDark)
{
    return QColor(QLatin1StringView(dark ? onDark : light));
}
} // namespace

CallFlowView::CallFlowView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(u"callFlowView"_s);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    updateColours();
    updateMetrics();
    updateScrollBars();
}

QSize CallFlowView::sizeHint() const
{
    return {m_layout.metrics().gutterWidth + 3 * PreferredColumnWidth, 320}; // caller, proxy, callee
}

QSize CallFlowView::minimumSizeHint() const
{
    return {m_layout.metrics().gutterWidth + MinColumnWidth, 120};
}

void CallFlowView::setMessages(const std::vector<calldeck::core::CallFlowMessage> &messages)
{
    const QScrollBar *vertical = verticalScrollBar();
    const bool atEnd = vertical->maximum() > 0 && vertical->value() >= vertical->maximum();
    const std::size_t before = m_ids.size();
    const std::optional<MessageId> current =
        m_current >= 0 ? std::optional(m_ids[static_cast<std::size_t>(m_current)]) : std::nullopt;

    m_layout.setMessages(messages);
    m_ids.clear();
    m_ids.reserve(messages.size());
    for (const auto &m : messages)
    {
        m_ids.push_back({m.timeUs, m.raw.size()});
    }
    int found = -1;
    for (std::size_t i = 0; current && i < m_ids.size(); ++i)
    {
        if (m_ids[i].timeUs == current->timeUs && m_ids[i].size == current->size)
        {
            found = static_cast<int>(i);
            break;
        }
    }
    updateMetrics();
    updateScrollBars();
    if (atEnd && m_ids.size() > before)
    {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    }
    if (found != m_current)
    {
        m_current = found;
        emit currentIndexChanged(m_current);
    }
    viewport()->update();
}

void CallFlowView::setCurrentIndex(int index)
{
    index = (index < 0 || index >= m_layout.arrowCount()) ? -1 : index;
    if (index >= 0)
    {
        ensureVisible(index);
    }
    if (index == m_current)
    {
        return;
    }
    m_current = index;
    viewport()->update();
    emit currentIndexChanged(m_current);
}

QRect CallFlowView::visualRect(const int index) const
{
    if (index < 0 || index >= m_layout.arrowCount())
    {
        return {};
    }
    return m_layout.rowRect(index).translated(-horizontalScrollBar()->value(), -verticalScrollBar()->value());
}

void CallFlowView::updateMetrics()
{
    const QFontMetrics fm(font());
    LadderLayout::Metrics m;
    m.margin = fm.averageCharWidth();
    m.headerHeight = fm.height() + 14;
    m.rowHeight = std::max(2 * fm.height() + 10, 30);
    m.gutterWidth = fm.horizontalAdvance(u"00:00:00.000"_s) + 2 * fm.averageCharWidth();
    // The columns share the width in view, so a narrow dock shows every host; labels that do
    // not fit are elided (the tooltip has them whole), and below the minimum the ladder scrolls.
    const int columns = std::max(m_layout.columnCount(), 1);
    const int available = viewport()->width() - m.gutterWidth - 2 * m.margin;
    m.columnWidth = std::clamp(available / columns, MinColumnWidth, MaxColumnWidth);
    m_layout.setMetrics(m);
}

void CallFlowView::updateScrollBars()
{
    const QSize content = m_layout.contentSize();
    const QSize view = viewport()->size();
    horizontalScrollBar()->setRange(0, std::max(0, content.width() - view.width()));
    horizontalScrollBar()->setPageStep(view.width());
    horizontalScrollBar()->setSingleStep(m_layout.metrics().columnWidth / 4);
    verticalScrollBar()->setRange(0, std::max(0, content.height() - view.height()));
    verticalScrollBar()->setPageStep(view.height());
    verticalScrollBar()->setSingleStep(m_layout.metrics().rowHeight);
}

void CallFlowView::ensureVisible(const int index)
{
    const QRect row = m_layout.rowRect(index);
    QScrollBar *bar = verticalScrollBar();
    const int visibleTop = bar->value() + m_layout.metrics().headerHeight; // below the pinned hosts
    const int visibleBottom = bar->value() + viewport()->height();
    if (row.top() < visibleTop)
    {
        bar->setValue(row.top() - m_layout.metrics().headerHeight);
    }
    else if (index == m_layout.arrowCount() - 1)
    {
        bar->setValue(bar->maximum()); // the very end: new messages keep it in view
    }
    else if (row.bottom() > visibleBottom)
    {
        bar->setValue(row.bottom() - viewport()->height() + 1);
    }
}

void CallFlowView::updateColours()
{
    const QPalette &pal = palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    m_boldFont = font();
    m_boldFont.setBold(true);
    m_smallFont = font();
    if (font().pointSizeF() > 0)
    {
        m_smallFont.setPointSizeF(font().pointSizeF() * 0.85);
    }
    else
    {
        m_smallFont.setPixelSize(std::max(1, font().pixelSize() * 85 / 100));
    }
    m_mutedText = pal.color(QPalette::Disabled, QPalette::Text);
    m_lifelinePen = QPen(pal.color(QPalette::Mid), 1, Qt::DashLine);
    m_requestPen = QPen(pal.color(QPalette::Text), 1.5);
    m_provisionalPen = QPen(pick(dark, "#616161", "#bdbdbd"), 1.5);
    m_successPen = QPen(pick(dark, "#2e7d32", "#81c784"), 1.5);
    m_redirectPen = QPen(pick(dark, "#1565c0", "#90caf9"), 1.5);
    m_failurePen = QPen(pick(dark, "#c62828", "#ef9a9a"), 1.5);
    m_retransmissionPen = QPen(pick(dark, "#e65100", "#ffb74d"), 1.5, Qt::DashLine);
    m_headerBackground = pal.color(QPalette::Window);
    m_selectionBackground = pal.color(QPalette::Highlight);
    m_selectionBackground.setAlpha(60);
}

const QPen &CallFlowView::arrowPen(const LadderLayout::Arrow &arrow) const
{
    if (arrow.retransmission)
    {
        return m_retransmissionPen;
    }
    if (arrow.request || arrow.statusCode == 0)
    {
        return m_requestPen;
    }
    if (arrow.statusCode < 200)
    {
        return m_provisionalPen;
    }
    if (arrow.statusCode < 300)
    {
        return m_successPen;
    }
    return arrow.statusCode < 400 ? m_redirectPen : m_failurePen;
}

void CallFlowView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    const int dx = horizontalScrollBar()->value();
    const int dy = verticalScrollBar()->value();
    const int width = viewport()->width();
    const int height = viewport()->height();
    const LadderLayout::Metrics &m = m_layout.metrics();
    const int contentBottom = m_layout.contentSize().height() - m.margin;

    painter.translate(-dx, -dy);
    painter.setPen(m_lifelinePen);
    for (int c = 0; c < m_layout.columnCount(); ++c)
    {
        const int x = m_layout.columnX(c);
        painter.drawLine(x, dy + m.headerHeight, x, std::min(dy + height, contentBottom));
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const auto [first, last] = m_layout.rowsBetween(dy + m.headerHeight, dy + height);
    for (int i = first; i <= last; ++i)
    {
        paintRow(painter, i);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.resetTransform();
    painter.translate(-dx, 0);
    paintHeader(painter, width + dx);
    if (m_layout.arrowCount() == 0)
    {
        painter.resetTransform();
        painter.setPen(m_mutedText);
        painter.drawText(QRect(0, m.headerHeight, width, height - m.headerHeight), Qt::AlignCenter,
                         tr("No messages to draw"));
    }
}

void CallFlowView::paintHeader(QPainter &painter, const int width) const
{
    const LadderLayout::Metrics &m = m_layout.metrics();
    painter.fillRect(QRect(0, 0, width, m.headerHeight), m_headerBackground);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(0, m.headerHeight - 1, width, m.headerHeight - 1);
    painter.setPen(m_mutedText);
    painter.drawText(QRect(m.margin, 0, m.gutterWidth, m.headerHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Time"));
    painter.setFont(m_boldFont);
    painter.setPen(palette().color(QPalette::WindowText));
    const QFontMetrics fm(m_boldFont);
    for (int c = 0; c < m_layout.columnCount(); ++c)
    {
        const QRect box(m_layout.columnX(c) - m.columnWidth / 2 + 2, 0, m.columnWidth - 4, m.headerHeight);
        painter.drawText(box, Qt::AlignCenter, fm.elidedText(m_layout.host(c), Qt::ElideMiddle, box.width()));
    }
    painter.setFont(font());
}

void CallFlowView::paintRow(QPainter &painter, const int index) const
{
    const LadderLayout::Metrics &m = m_layout.metrics();
    const LadderLayout::Arrow &a = m_layout.arrow(index);
    const QRect row = m_layout.rowRect(index);
    if (index == m_current)
    {
        painter.fillRect(row, m_selectionBackground);
    }
    const QFontMetrics fm(font());
    painter.setPen(palette().color(QPalette::Text));
    const QRect gutter(m.margin, row.top() + 3, m.gutterWidth, fm.height());
    painter.drawText(gutter, Qt::AlignLeft | Qt::AlignVCenter, a.time);
    if (!a.delta.isEmpty())
    {
        painter.setFont(m_smallFont);
        painter.setPen(m_mutedText);
        painter.drawText(gutter.translated(0, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, a.delta);
        painter.setFont(font());
    }

    const QPen &pen = arrowPen(a);
    painter.setPen(pen);
    const QLine line = m_layout.arrowLine(index);
    const int y = line.y1();
    std::array<QPointF, 3> head;
    if (a.from == a.to)
    {
        // To the same host: out to the right and back, pointing at the lifeline again.
        const std::array<QPoint, 4> loop{QPoint(line.x1(), y - 5), QPoint(line.x2(), y - 5),
                                         QPoint(line.x2(), y + 5), QPoint(line.x1() + ArrowHead, y + 5)};
        painter.drawPolyline(loop.data(), int(loop.size()));
        head = {QPointF(line.x1(), y + 5), QPointF(line.x1() + ArrowHead, y + 5 - ArrowHead / 2.0),
                QPointF(line.x1() + ArrowHead, y + 5 + ArrowHead / 2.0)};
    }
    else
    {
        const int dir = line.x2() > line.x1() ? 1 : -1;
        painter.drawLine(line.x1(), y, line.x2() - dir * ArrowHead, y);
        head = {QPointF(line.x2(), y), QPointF(line.x2() - dir * ArrowHead * 1.6, y - ArrowHead / 1.6),
                QPointF(line.x2() - dir * ArrowHead * 1.6, y + ArrowHead / 1.6)};
    }
    painter.setBrush(pen.color());
    painter.setPen(QPen(pen.color(), 1));
    painter.drawPolygon(head.data(), int(head.size()));
    painter.setBrush(Qt::NoBrush);

    const QRect label = m_layout.labelRect(index);
    painter.setPen(a.request && !a.retransmission ? palette().color(QPalette::Text) : pen.color());
    painter.setFont(a.request ? m_boldFont : font());
    const QFontMetrics lm(painter.font());
    const QString text = lm.horizontalAdvance(a.label) > label.width()
                             ? lm.elidedText(a.label, Qt::ElideRight, label.width())
                             : a.label;
    painter.drawText(label, Qt::AlignHCenter | Qt::AlignBottom, text);
    painter.setFont(font());
}

void CallFlowView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateMetrics();
    updateScrollBars();
}

void CallFlowView::keyPressEvent(QKeyEvent *event)
{
    const int count = m_layout.arrowCount();
    const int page =
        std::max(1, (viewport()->height() - m_layout.metrics().headerHeight) / m_layout.metrics().rowHeight);
    int next = m_current;
    switch (event->key())
    {
    case Qt::Key_Up:
        next = m_current < 0 ? count - 1 : std::max(0, m_current - 1);
        break;
    case Qt::Key_Down:
        next = m_current < 0 ? 0 : std::min(count - 1, m_current + 1);
        break;
    case Qt::Key_PageUp:
        next = std::max(0, m_current - page);
        break;
    case Qt::Key_PageDown:
        next = std::min(count - 1, std::max(m_current, 0) + page);
        break;
    case Qt::Key_Home:
        next = 0;
        break;
    case Qt::Key_End:
        next = count - 1;
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (count > 0)
    {
        setCurrentIndex(next);
    }
    event->accept();
}

void CallFlowView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() != Qt::LeftButton || pos.y() < m_layout.metrics().headerHeight)
    {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const int index =
        m_layout.arrowAt(pos + QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value()));
    if (index >= 0)
    {
        setCurrentIndex(index);
    }
    event->accept();
}

void CallFlowView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::StyleChange)
    {
        updateColours();
        updateMetrics();
        updateScrollBars();
        viewport()->update();
    }
    QAbstractScrollArea::changeEvent(event);
}

bool CallFlowView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip)
    {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QPoint content =
            help->pos() + QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
        const int index = help->pos().y() < m_layout.metrics().headerHeight ? -1 : m_layout.arrowAt(content);
        if (index < 0)
        {
            QToolTip::hideText();
            return true;
        }
        const LadderLayout::Arrow &a = m_layout.arrow(index);
        //: Tooltip of an arrow: %1 message, %2 sender, %3 receiver, %4 time
        QString text =
            tr("%1\n%2 → %3\nat %4").arg(a.label, m_layout.host(a.from), m_layout.host(a.to), a.time);
        if (a.retransmission)
        {
            text += u'\n' + tr("A retransmission: the same message was seen before on this hop.");
        }
        QToolTip::showText(help->globalPos(), text, viewport(), visualRect(index));
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}
