// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QAbstractScrollArea>
#include <QColor>
#include <QFont>
#include <QPen>

#include "backend/core/callflowmessage.h"
#include "ui/ladderlayout.h"

/// @brief The call flow of one dialog drawn as a ladder (QPainter): hosts as columns with their
/// lifelines, one arrow per message with its label above it and its time and the delta to the
/// previous message at the left; retransmissions dashed, in orange, marked ↻. Only the rows in view are
/// painted, with texts the LadderLayout built once per setMessages(), so hundreds of messages scroll freely.
/// Click an arrow, or move with Up/Down (Home/End, Page Up/Down), to make it current.
class CallFlowView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallFlowView)

public:
    explicit CallFlowView(QWidget *parent = nullptr);

    /// @brief Shows @p messages. The current arrow stays on the same message when it is still
    /// there; a view scrolled to the end stays at the end as messages arrive.
    void setMessages(const std::vector<calldeck::core::CallFlowMessage> &messages);
    const LadderLayout &layout() const { return m_layout; }

    /// @brief The current arrow (index of its message), -1 when none.
    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);

    /// @brief Where an arrow's row is in viewport coordinates (for tests and tooltips).
    QRect visualRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void currentIndexChanged(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct MessageId
    {
        std::int64_t timeUs = 0;
        std::size_t size = 0;
    };
    void updateMetrics();
    void updateScrollBars();
    void ensureVisible(int index);
    void updateColours();
    void paintHeader(QPainter &painter, int width) const;
    void paintRow(QPainter &painter, int index) const;
    const QPen &arrowPen(const LadderLayout::Arrow &arrow) const;

    LadderLayout m_layout;
    std::vector<MessageId> m_ids; // what the current index points at, across updates
    int m_current = -1;

    // Drawing tools, made when the font or palette changes, not per paint.
    QFont m_boldFont;
    QFont m_smallFont;
    QPen m_lifelinePen;
    QPen m_requestPen;
    QPen m_provisionalPen;
    QPen m_successPen;
    QPen m_redirectPen;
    QPen m_failurePen;
    QPen m_retransmissionPen;
    QColor m_headerBackground;
    QColor m_selectionBackground;
    QColor m_mutedText;
};
