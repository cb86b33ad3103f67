// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogdetailspane.h"

#include <algorithm>

#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "backend/dialogdetailssource.h"
#include "ui/callflowview.h"
#include "ui/dialogdetailsfields.h"
#include "ui/models/dialogformat.h"
#include "ui/sipmessagehighlighter.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int ClockIntervalMs = 1000;

QLabel *makeNote(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMargin(6);
    label->setBackgroundRole(QPalette::ToolTipBase);
    label->setForegroundRole(QPalette::ToolTipText);
    label->setAutoFillBackground(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}
} // namespace

DialogDetailsPane::DialogDetailsPane(DialogDetailsSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(u"dialogDetailsPane"_s);
    m_placeholder = new QLabel;
    m_placeholder->setObjectName(u"detailsPlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(16);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_title = new QLabel;
    m_title->setObjectName(u"detailsTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_note = makeNote(u"detailsNote"_s);

    m_fields = new QTreeWidget;
    m_fields->setObjectName(u"detailsFields"_s);
    m_fields->setColumnCount(2);
    m_fields->setRootIsDecorated(false);
    m_fields->setUniformRowHeights(true);
    m_fields->setTextElideMode(Qt::ElideRight);
    m_fields->header()->setStretchLastSection(true);
    m_fields->setSelectionMode(QAbstractItemView::SingleSelection);

    m_flowNote = makeNote(u"callFlowNote"_s);
    m_flow = new CallFlowView;
    m_raw = new QPlainTextEdit;
    m_raw->setObjectName(u"rawMessageView"_s);
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new SipMessageHighlighter(m_raw->document());
    m_flowSplitter = new QSplitter(Qt::Vertical);
    m_flowSplitter->setObjectName(u"callFlowSplitter"_s);
    m_flowSplitter->addWidget(m_flow);
    m_flowSplitter->addWidget(m_raw);
    m_flowSplitter->setStretchFactor(0, 3);
    m_flowSplitter->setStretchFactor(1, 2);
    m_flowSplitter->setChildrenCollapsible(false);
    auto *flowPage = new QWidget;
    auto *flowLayout = new QVBoxLayout(flowPage);
    flowLayout->setContentsMargins(0, 0, 0, 0);
    flowLayout->addWidget(m_flowNote);
    flowLayout->addWidget(m_flowSplitter, 1);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(u"detailsTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_fields, QString());
    m_tabs->addTab(flowPage, QString());

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 4, 0);
    contentLayout->addWidget(m_title);
    contentLayout->addWidget(m_note);
    contentLayout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    if (m_source)
    {
        connect(m_source, &DialogDetailsSource::detailsReady, this, &DialogDetailsPane::applyDetails);
    }
    connect(m_flow, &CallFlowView::currentIndexChanged, this, &DialogDetailsPane::showMessage);
    // Duration and time left move on without any change in the core.
    m_clock.setInterval(ClockIntervalMs);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        if (m_haveRow && isVisible())
        {
            updateFields();
        }
    });
    m_clock.start();
    retranslateUi();
    showNothing();
}

bool DialogDetailsPane::isShowingDialog() const
{
    return m_stack->currentIndex() == 1;
}

void DialogDetailsPane::showNothing(const int selected)
{
    m_key = 0;
    m_selected = selected;
    m_haveRow = false;
    m_row = {};
    m_messages.clear();
    m_flow->setCurrentIndex(-1);
    m_flow->setMessages(m_messages);
    m_fields->clear();
    m_fieldItems.clear();
    m_stack->setCurrentIndex(0);
    retranslateUi();
}

void DialogDetailsPane::showDialog(const quint64 key, const DialogRow *known)
{
    if (key == 0)
    {
        showNothing();
        return;
    }
    if (key != m_key)
    {
        m_key = key;
        m_answered = false;
        m_found = true;
        m_onMirror = (key >> 63) == 0;
        m_haveRow = false;
        m_messages.clear();
        m_flow->setCurrentIndex(-1);
        m_flow->setMessages(m_messages);
        m_stack->setCurrentIndex(1);
        if (known)
        {
            showRow(*known);
        }
        else
        {
            m_fields->clear();
            m_fieldItems.clear();
        }
        updateNotes();
    }
    if (m_source)
    {
        m_source->request(key);
    }
}

void DialogDetailsPane::showDetails(const DialogDetails &details)
{
    showDialog(details.key, details.found ? &details.row : nullptr);
    applyDetails(details);
}

void DialogDetailsPane::setFrozenTime(const qint64 seconds)
{
    m_frozenSeconds = seconds;
    if (m_haveRow)
    {
        updateFields();
    }
}

void DialogDetailsPane::noteDelta(const DialogDelta &delta)
{
    if (m_key == 0)
    {
        return;
    }
    const bool touched = std::any_of(delta.upserts.begin(), delta.upserts.end(),
                                     [this](const DialogRow &row) { return row.key == m_key; }) ||
                         std::find(delta.removed.begin(), delta.removed.end(), m_key) != delta.removed.end();
    if (touched && m_source)
    {
        m_source->request(m_key);
    }
}

void DialogDetailsPane::applyDetails(const DialogDetails &details)
{
    if (details.key != m_key || m_key == 0)
    {
        return; // the answer for a dialog no longer selected
    }
    const bool first = !m_answered;
    m_answered = true;
    m_found = details.found;
    if (details.found)
    {
        m_onMirror = details.onMirror;
    }
    m_historyCap = details.historyCap;
    if (details.found)
    {
        showRow(details.row);
        m_messages = details.messages;
        m_flow->setMessages(m_messages);
        if (first && !m_messages.empty())
        {
            m_flow->setCurrentIndex(0);
        }
    }
    updateNotes();
}

void DialogDetailsPane::showRow(const DialogRow &row)
{
    m_row = row;
    m_haveRow = true;
    updateFields();
    updateNotes();
}

void DialogDetailsPane::updateFields()
{
    const std::vector<DialogDetailsFields::Field> fields = DialogDetailsFields::build(
        m_row, m_frozenSeconds ? m_frozenSeconds : QDateTime::currentSecsSinceEpoch());
    bool same = fields.size() == m_fieldItems.size();
    for (std::size_t i = 0; same && i < fields.size(); ++i)
    {
        same = m_fieldItems[i]->text(0) == fields[i].name && m_fieldItems[i]->parent() &&
               m_fieldItems[i]->parent()->text(0) == fields[i].section;
    }
    if (same)
    {
        // The same fields: new texts only, so the scroll position and the selection stay.
        for (std::size_t i = 0; i < fields.size(); ++i)
        {
            if (m_fieldItems[i]->text(1) != fields[i].value)
            {
                m_fieldItems[i]->setText(1, fields[i].value);
                m_fieldItems[i]->setToolTip(1, fields[i].value);
            }
            m_fieldItems[i]->setToolTip(0, fields[i].toolTip);
        }
    }
    else
    {
        m_fields->clear();
        m_fieldItems.clear();
        QTreeWidgetItem *section = nullptr;
        QFont bold = m_fields->font();
        bold.setBold(true);
        for (const DialogDetailsFields::Field &f : fields)
        {
            if (!section || section->text(0) != f.section)
            {
                section = new QTreeWidgetItem(m_fields, {f.section});
                section->setFirstColumnSpanned(true);
                section->setFont(0, bold);
                section->setFlags(Qt::ItemIsEnabled);
                section->setExpanded(true);
            }
            auto *item = new QTreeWidgetItem(section, {f.name, f.value});
            item->setToolTip(0, f.toolTip);
            item->setToolTip(1, f.value);
            m_fieldItems.push_back(item);
        }
        m_fields->expandAll();
        m_fields->resizeColumnToContents(0);
    }
    const calldeck::core::DialogSnapshot &d = m_row.dialog;
    //: Title of the details pane: %1 the dialog's state, %2 its From URI, %3 its To URI
    m_title->setText(tr("%1: %2 → %3")
                         .arg(DialogFormat::stateText(d.state), DialogFormat::text(d.fromUri),
                              DialogFormat::text(d.toUri)));
}

void DialogDetailsPane::updateNotes()
{
    QStringList notes;
    if (m_answered && !m_found)
    {
        notes.append(m_haveRow
                         ? tr("This dialog has ended and the core no longer holds it; its last known "
                              "state is shown. Select another dialog in the table.")
                         : tr("The core no longer holds this dialog. Select another dialog in the table."));
    }
    else if (m_haveRow && m_row.dialog.state == DialogFormat::Deleted && !m_source)
    {
        notes.append(m_row.dialog.endTs != 0 ? tr("This dialog had ended at %1 when the snapshot was taken.")
                                                   .arg(DialogFormat::localTime(m_row.dialog.endTs))
                                             : tr("This dialog had ended when the snapshot was taken."));
    }
    else if (m_haveRow && m_row.dialog.state == DialogFormat::Deleted)
    {
        notes.append(m_row.dialog.endTs != 0
                         ? tr("This dialog ended at %1. It stays in the table for a while, then moves to the "
                              "history.")
                               .arg(DialogFormat::localTime(m_row.dialog.endTs))
                         : tr("This dialog has ended. It stays in the table for a while, then moves to the "
                              "history."));
    }
    if (m_haveRow && (m_row.flags & DialogRowFlag::Stale))
    {
        notes.append(tr("Its proxy did not answer the last poll: this may be out of date. The Sources panel "
                        "says why."));
    }
    m_note->setText(notes.join(u'\n'));
    m_note->setVisible(!notes.isEmpty());

    QString flow;
    if (!m_onMirror)
    {
        flow = tr("No SIP seen on the mirror for this dialog: only the proxy %1 lists it (over JSON-RPC), so "
                  "there is no call flow to draw. Send the proxy's SIP to CallDeck's mirror port to see it.")
                   .arg(m_row.origin.isEmpty() ? tr("(unknown)") : m_row.origin);
    }
    else if (!m_answered)
    {
        flow = tr("Reading the call flow…");
    }
    else if (m_messages.empty())
    {
        flow = tr("No messages of this dialog are kept: the message history is off, or they were dropped to "
                  "stay within its memory cap.");
    }
    else if (m_historyCap > 0 && m_messages.size() >= m_historyCap)
    {
        flow =
            tr("Showing the newest %1 messages; older ones were dropped (the history keeps %1 per dialog).")
                .arg(m_historyCap);
    }
    m_flowNote->setText(flow);
    m_flowNote->setVisible(!flow.isEmpty());
    // Nothing to draw or to read: the note says why, no empty ladder under it.
    m_flowSplitter->setVisible(!m_messages.empty() || (m_onMirror && !m_answered));
    m_tabs->setTabText(CallFlowTab, tr("Call flow (%1)").arg(m_messages.size()));
}

void DialogDetailsPane::showMessage(const int index)
{
    if (index < 0 || index >= static_cast<int>(m_messages.size()))
    {
        m_highlighter->setMessage({});
        m_raw->clear();
        return;
    }
    const calldeck::core::CallFlowMessage &message = m_messages[static_cast<std::size_t>(index)];
    m_highlighter->setMessage(message);
    m_raw->setPlainText(SipMessageHighlighter::displayText(message));
}

QString DialogDetailsPane::fieldValue(const QString &section, const QString &name) const
{
    for (const QTreeWidgetItem *item : m_fieldItems)
    {
        if (item->text(0) == name && item->parent() && item->parent()->text(0) == section)
        {
            return item->text(1);
        }
    }
    return {};
}

void DialogDetailsPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
        if (m_haveRow)
        {
            updateFields();
        }
    }
    QWidget::changeEvent(event);
}

void DialogDetailsPane::retranslateUi()
{
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_tabs->setTabText(FieldsTab, tr("Dialog"));
    m_raw->setPlaceholderText(
        tr("Click an arrow of the call flow (or move with Up and Down) to see its message."));
    m_placeholder->setText(m_selected > 1
                               ? tr("%n dialogs selected: select one to see its legs, timers and call flow.",
                                    nullptr, m_selected)
                               : tr("Select a dialog in the table to see its legs, timers and call flow."));
    updateNotes();
}
