// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;

/// @brief The permanent part of the status bar: dialog counters, the read-only badge and the
/// feed health.
class StatusSummary final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusSummary)

public:
    explicit StatusSummary(QWidget *parent = nullptr);

    /// @param active confirmed dialogs (states 3 and 4); @param early state 2; @param total dialogs
    /// the engine holds; @param processed dialogs created since the start (the tooltip shows it)
    void setDialogCounts(int active, int early, int total, quint64 processed = 0);
    void setReadOnly(bool readOnly);
    /// @param running feeds taking SIP now; @param failed feeds that could not start or broke;
    /// @param configured feeds listed in Sources (also finished ones, e.g. a replay)
    void setFeedHealth(int running, int failed, int configured);

    QLabel *dialogsLabel() const;
    QLabel *readOnlyLabel() const;
    QLabel *feedsLabel() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_dialogs;
    QLabel *m_readOnly;
    QLabel *m_feeds;
    int m_active = 0;
    int m_early = 0;
    int m_total = 0;
    quint64 m_processed = 0;
    int m_running = 0;
    int m_failed = 0;
    int m_configured = 0;
};
