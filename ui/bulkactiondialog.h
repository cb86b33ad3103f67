// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QList>
#include <QTimer>

#include "backend/controlrequest.h"
#include "backend/dialogdelta.h"

class DialogControl;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

/// @brief Runs one action on many dialogs, rate-limited (at most N started per second, one every
/// 1/N s on a timer: the event loop never waits), with a progress bar and a result table: per
/// dialog its Call-ID, From → To, the path the action took, the result and the message. Cancel
/// stops starting new ones (those already sent still report); the table keeps what happened.
class BulkActionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkActionDialog)

public:
    enum Column
    {
        CallIdColumn,
        PartiesColumn,
        PathColumn,
        ResultColumn,
        MessageColumn,
    };

    /// @param request the action and its parameters; each dialog's names are filled in
    BulkActionDialog(DialogControl &control, const QString &actionName, const ControlRequest &request,
                     QList<DialogRow> targets, int ratePerSecond, QWidget *parent = nullptr);
    ~BulkActionDialog() override;

    /// @brief Starts the run (the first dialog at once).
    void start();
    /// @brief Starts no further dialog; the rest are marked "not sent".
    void cancel();
    bool isRunning() const;
    int total() const { return static_cast<int>(m_targets.size()); }
    int started() const { return m_next; }
    int finished() const { return m_done; }
    int succeeded() const { return m_ok; }

    QTreeWidget *resultList() const { return m_list; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }

    /// @brief Escape cancels what is not sent yet.
    void reject() override;

    /// @brief The request for one dialog: @p request naming @p row.
    static ControlRequest requestFor(const ControlRequest &request, const DialogRow &row);

signals:
    /// @brief Every dialog has its result, or the run was cancelled and the sent ones answered.
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void sendNext();
    void onResult(int index, const ControlResult &result);
    void updateStatus();

    DialogControl &m_control;
    QString m_actionName;
    ControlRequest m_request;
    QList<DialogRow> m_targets;
    QList<QTreeWidgetItem *> m_items;
    QTimer m_timer;
    int m_next = 0;
    int m_done = 0;
    int m_ok = 0;
    bool m_cancelled = false;
    bool m_announced = false;

    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
};
