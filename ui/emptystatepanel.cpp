// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/emptystatepanel.h"

#include <algorithm>

#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTextDocument>
#include <QVBoxLayout>

#include "ui/uistyle.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int MinColumnWidth = 520;
constexpr int MaxColumnWidth = 760;
constexpr int SectionSpacing = 18;

QLabel *makeLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *makeHeading(const QString &objectName, QWidget *parent)
{
    QLabel *label = makeLabel(objectName, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

QFont monospaceFont()
{
    // The theme's fixed font; the hints make fontconfig pick a monospace face even where no
    // platform theme names one (a bare X server).
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::TypeWriter);
    font.setFixedPitch(true);
    return font;
}

QString code(const QString &text)
{
    // Non-breaking spaces keep a command on one line.
    return u"<code>"_s + text.toHtmlEscaped().replace(u' ', u"&nbsp;"_s) + u"</code>"_s;
}
} // namespace

EmptyStatePanel::EmptyStatePanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"emptyStatePanel"_s);

    auto *column = new QWidget;
    column->setMinimumWidth(MinColumnWidth);
    column->setMaximumWidth(MaxColumnWidth);

    m_title = makeLabel(u"emptyStateTitle"_s, column);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_intro = makeLabel(u"emptyStateIntro"_s, column);

    m_mirrorHeading = makeHeading(u"mirrorHeading"_s, column);
    m_mirrorText = makeLabel(u"mirrorText"_s, column);
    m_snippet = new QPlainTextEdit(column);
    m_snippet->setObjectName(u"siptraceSnippet"_s);
    m_snippet->setReadOnly(true);
    m_snippet->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_snippet->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snippet->setFont(monospaceFont());
    m_snippet->setPlainText(siptraceSnippet());
    m_snippet->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_snippet->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    {
        // Tall enough for every line, wide enough for the longest one.
        const QStringList lines = siptraceSnippet().split(u'\n');
        const QFontMetrics mono(m_snippet->font());
        int widest = 0;
        for (const QString &line : lines)
        {
            widest = std::max(widest, mono.horizontalAdvance(line));
        }
        const int chrome =
            2 * (m_snippet->frameWidth() + static_cast<int>(m_snippet->document()->documentMargin()));
        m_snippet->setFixedHeight(mono.lineSpacing() * static_cast<int>(lines.size()) + chrome + 2);
        m_snippet->setMinimumWidth(std::min(widest + chrome + 4, MaxColumnWidth - 64));
    }
    m_copyButton = new QPushButton(column);
    m_copyButton->setObjectName(u"copySnippetButton"_s);
    connect(m_copyButton, &QPushButton::clicked, this, &EmptyStatePanel::copySnippet);
    m_mirrorNote = makeLabel(u"mirrorNote"_s, column);
    UiStyle::makeSecondary(m_mirrorNote);

    m_captureHeading = makeHeading(u"captureHeading"_s, column);
    m_captureText = makeLabel(u"captureText"_s, column);
    m_openCaptureButton = new QPushButton(column);
    m_openCaptureButton->setObjectName(u"openCaptureButton"_s);
    connect(m_openCaptureButton, &QPushButton::clicked, this, &EmptyStatePanel::openCaptureRequested);

    m_rpcHeading = makeHeading(u"rpcHeading"_s, column);
    m_rpcText = makeLabel(u"rpcText"_s, column);

    auto *copyRow = new QHBoxLayout;
    copyRow->addWidget(m_mirrorNote, 1);
    copyRow->addSpacing(12);
    copyRow->addWidget(m_copyButton, 0, Qt::AlignTop);

    auto *captureRow = new QHBoxLayout;
    captureRow->addWidget(m_captureText, 1);
    captureRow->addSpacing(12);
    captureRow->addWidget(m_openCaptureButton, 0, Qt::AlignVCenter);

    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(32, 28, 32, 28);
    columnLayout->setSpacing(8);
    columnLayout->addWidget(m_title);
    columnLayout->addWidget(m_intro);
    columnLayout->addSpacing(SectionSpacing);
    columnLayout->addWidget(m_mirrorHeading);
    columnLayout->addWidget(m_mirrorText);
    columnLayout->addWidget(m_snippet);
    columnLayout->addLayout(copyRow);
    columnLayout->addSpacing(SectionSpacing);
    columnLayout->addWidget(m_captureHeading);
    columnLayout->addLayout(captureRow);
    columnLayout->addSpacing(SectionSpacing);
    columnLayout->addWidget(m_rpcHeading);
    columnLayout->addWidget(m_rpcText);

    // Centre the column horizontally, keep it near the top; scroll when the window is small.
    auto *page = new QWidget;
    auto *pageLayout = new QHBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addStretch(1);
    pageLayout->addWidget(column, 100, Qt::AlignTop); // takes all room up to its maximum width
    pageLayout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    retranslateUi();
}

QString EmptyStatePanel::siptraceSnippet()
{
    return u"loadmodule \"siptrace.so\"\n"
           u"modparam(\"siptrace\", \"duplicate_uri\", \"sip:127.0.0.1:9060\")\n"
           u"modparam(\"siptrace\", \"hep_mode_on\", 1)\n"
           u"modparam(\"siptrace\", \"hep_version\", 3)\n"
           u"modparam(\"siptrace\", \"trace_on\", 1)\n"
           u"modparam(\"siptrace\", \"trace_mode\", 1)"_s;
}

void EmptyStatePanel::copySnippet()
{
    QGuiApplication::clipboard()->setText(siptraceSnippet() + u'\n');
    emit snippetCopied();
}

void EmptyStatePanel::setOpenCaptureEnabled(const bool enabled)
{
    m_openCaptureButton->setEnabled(enabled);
}

void EmptyStatePanel::setProcessedDialogs(const quint64 processed)
{
    if (processed != m_processed)
    {
        m_processed = processed;
        retranslateUi();
    }
}

void EmptyStatePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void EmptyStatePanel::retranslateUi()
{
    const QString openShortcut = QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText);

    if (m_processed == 0)
    {
        m_title->setText(tr("No dialogs yet").toHtmlEscaped());
        m_intro->setText(tr("CallDeck lists every SIP dialog it sees, live, and lets you act on it. "
                            "Give it SIP in one of these ways:")
                             .toHtmlEscaped());
    }
    else
    {
        m_title->setText(tr("No dialogs right now").toHtmlEscaped());
        m_intro->setText(tr("Dialogs seen so far: %1; all of them have ended. CallDeck lists every new one "
                            "live as soon as SIP arrives in one of these ways:")
                             .arg(QLocale().toString(m_processed))
                             .toHtmlEscaped());
    }

    m_mirrorHeading->setText(tr("1. Mirror a Kamailio proxy").toHtmlEscaped());
    m_mirrorText->setText(
        tr("Add these lines to %1 and restart Kamailio. The siptrace module then copies every "
           "SIP message it receives or sends, as HEPv3, to CallDeck's mirror port %2.")
            .arg(code(u"kamailio.cfg"_s), code(u"127.0.0.1:9060"_s)));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy these lines to the clipboard"));
    m_mirrorNote->setText(tr("CallDeck listens on this port unless it was started with other --hep options "
                             "or --hep off; the Sources panel shows whether the port is open.")
                              .toHtmlEscaped());

    m_captureHeading->setText(tr("2. Replay a capture").toHtmlEscaped());
    m_captureText->setText(tr("Choose %1 (%2) to replay a pcap or pcapng file.")
                               .arg(u"<b>"_s + tr("File → Open capture…").toHtmlEscaped() + u"</b>"_s,
                                    openShortcut.toHtmlEscaped()));
    m_openCaptureButton->setText(tr("Open capture…"));

    m_rpcHeading->setText(tr("3. Poll a proxy's JSON-RPC").toHtmlEscaped());
    m_rpcText->setText(tr("Start CallDeck with %1 (repeatable, one per proxy), e.g. %2. The proxy needs "
                          "the jsonrpcs and xhttp modules; for transfers, timeout changes, profiles and "
                          "variables also include %3 in its config. Proxies appear in the Sources panel with "
                          "their health.")
                           .arg(code(u"--rpc URL"_s), code(u"--rpc http://user:pw@10.0.0.5:5071/RPC"_s),
                                code(u"/usr/share/calldeck/kamailio/calldeck-helpers.cfg"_s)));
}
