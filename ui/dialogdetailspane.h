// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QTimer>
#include <QWidget>

#include "backend/dialogdetails.h"

class CallFlowView;
class DialogDetailsSource;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class SipMessageHighlighter;

/// @brief The selected dialog in full: its fields (legs, timers, flags, profiles, variables,
/// origin) on one tab, its call flow (ladder) over the raw text of the current message on the
/// other. Reads through DialogDetailsSource, again whenever a refresh tick's delta touches the
/// dialog (so at most as often as the table updates); the clock fields follow once a second.
/// Says so when nothing is selected, when the dialog ended, and when no SIP of it reached the
/// mirror (a dialog only a proxy lists). Without a source (a snapshot window) it shows what
/// showDetails() hands it, at the time setFrozenTime() gives.
class DialogDetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogDetailsPane)

public:
    enum Tab
    {
        FieldsTab,
        CallFlowTab,
    };

    /// @p source may be null: then only showDetails() fills the pane.
    explicit DialogDetailsPane(DialogDetailsSource *source, QWidget *parent = nullptr);

    /// @brief Shows the dialog of row key @p key; @p known (the table's row, may be null) fills
    /// the fields at once, before the core's answer brings the messages.
    void showDialog(quint64 key, const DialogRow *known = nullptr);
    /// @brief Nothing to show: none (or @p selected > 1 dialogs) selected.
    void showNothing(int selected = 0);
    /// @brief A refresh tick's changes: reads the dialog again when they touch it.
    void noteDelta(const DialogDelta &delta);
    /// @brief Shows @p details as they are, without asking the source (a snapshot's dialog).
    void showDetails(const DialogDetails &details);
    /// @brief Durations and times left as of Unix second @p seconds, not the clock's (0: the clock).
    void setFrozenTime(qint64 seconds);

    quint64 key() const { return m_key; }
    bool isShowingDialog() const;
    /// @brief The value of a field as listed, e.g. ("Caller leg", "Tag"); null when not listed.
    QString fieldValue(const QString &section, const QString &name) const;
    const std::vector<calldeck::core::CallFlowMessage> &messages() const { return m_messages; }

    QLabel *placeholder() const { return m_placeholder; }
    QLabel *note() const { return m_note; }
    QLabel *flowNote() const { return m_flowNote; }
    QTabWidget *tabs() const { return m_tabs; }
    QTreeWidget *fields() const { return m_fields; }
    CallFlowView *callFlow() const { return m_flow; }
    QPlainTextEdit *rawView() const { return m_raw; }
    SipMessageHighlighter *highlighter() const { return m_highlighter; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyDetails(const DialogDetails &details);
    void showRow(const DialogRow &row);
    void updateFields();
    void updateNotes();
    void showMessage(int index);
    void retranslateUi();

    DialogDetailsSource *m_source;
    quint64 m_key = 0;
    bool m_haveRow = false;
    bool m_answered = false; // the core answered for this key at least once
    bool m_found = true;
    bool m_onMirror = true;
    quint32 m_historyCap = 0;
    qint64 m_frozenSeconds = 0;
    int m_selected = 0;
    DialogRow m_row;
    std::vector<calldeck::core::CallFlowMessage> m_messages;
    std::vector<QTreeWidgetItem *> m_fieldItems; // parallel to the fields listed
    QTimer m_clock;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_note = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_fields = nullptr;
    QLabel *m_flowNote = nullptr;
    QSplitter *m_flowSplitter = nullptr;
    CallFlowView *m_flow = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    SipMessageHighlighter *m_highlighter = nullptr;
};
