// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QTreeView;
class SourcesTableModel;

/// @brief The "Sources" dock's content: every feed of the engine (HEP listeners, capture
/// replays) with its state and counters, and below it a line that says what needs doing: the
/// error of a failed feed, or how to get a feed when there is none ("--hep off").
class SourcesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcesPanel)

public:
    /// @param model the feeds (not owned; it must outlive the panel)
    /// @param embeddedListener false with "--hep off": the hint then says how to get a feed
    SourcesPanel(SourcesTableModel *model, bool embeddedListener, QWidget *parent = nullptr);

    QTreeView *view() const;
    SourcesTableModel *model() const;
    /// @brief Feeds listed, whatever their state.
    int configuredCount() const;
    /// @brief The line below the list: a failed feed's error, or a tip.
    QLabel *hint() const;
    /// @brief Width that shows every column as sized at start (for the dock's first layout).
    int preferredWidth() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateHint();
    void sizeColumns();

    SourcesTableModel *m_model;
    bool m_embeddedListener;
    QTreeView *m_view;
    QLabel *m_hintIcon;
    QLabel *m_hint;
    bool m_showingFailure = true; // so that the first updateHint() applies its style
};
