// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class EventLog;
class EventLogModel;
class QTableView;

/// @brief The "Event log" dock's content: the EventLogModel in a table that follows new entries
/// only while the operator is already at the bottom.
class EventLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPanel)

public:
    explicit EventLogPanel(EventLog *log, QWidget *parent = nullptr);

    EventLogModel *model() const;
    QTableView *view() const;

    /// @brief Moves the keyboard focus to the log and shows its newest entry.
    void focusLog();

protected:
    void changeEvent(QEvent *event) override;

private:
    EventLogModel *m_model;
    QTableView *m_view;
    bool m_followTail = true;
};
