// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

/// @brief What the dialog area shows while no dialog is known: how to feed CallDeck
/// (Kamailio siptrace lines to paste, opening a capture, polling a proxy's JSON-RPC).
class EmptyStatePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStatePanel)

public:
    explicit EmptyStatePanel(QWidget *parent = nullptr);

    /// @brief The kamailio.cfg lines that mirror all SIP to CallDeck's HEP port.
    static QString siptraceSnippet();

    /// @brief Copies siptraceSnippet() to the clipboard and emits snippetCopied().
    void copySnippet();
    /// @brief Enables the "Open capture…" button (off while a replay runs).
    void setOpenCaptureEnabled(bool enabled);
    /// @brief Dialogs the engine has processed so far: once there were some, the panel no longer
    /// says "No dialogs yet" but that they have ended.
    void setProcessedDialogs(quint64 processed);

signals:
    void snippetCopied();
    void openCaptureRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_title;
    QLabel *m_intro;
    QLabel *m_mirrorHeading;
    QLabel *m_mirrorText;
    QPlainTextEdit *m_snippet;
    QPushButton *m_copyButton;
    QLabel *m_mirrorNote;
    QLabel *m_captureHeading;
    QLabel *m_captureText;
    QPushButton *m_openCaptureButton;
    QLabel *m_rpcHeading;
    QLabel *m_rpcText;
    quint64 m_processed = 0;
};
