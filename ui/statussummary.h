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

    void setDialogCounts(int active, int early, int total);
    void setReadOnly(bool readOnly);
    /// @param running feeds delivering SIP now; @param configured feeds listed in Sources
    void setFeedHealth(int running, int configured);

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
    int m_running = 0;
    int m_configured = 0;
};
