// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/bulkactiondialog.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "backend/auditlog.h"
#include "backend/dialogcontrol.h"

using namespace Qt::StringLiterals;

namespace
{
QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace

BulkActionDialog::BulkActionDialog(DialogControl &control, const QString &actionName,
                                   const ControlRequest &request, QList<DialogRow> targets,
                                   const int ratePerSecond, QWidget *parent)
    : QDialog(parent)
    , m_control(control)
    , m_actionName(actionName)
    , m_request(request)
    , m_targets(std::move(targets))
{
    setObjectName(u"bulkActionDialog"_s);
    setWindowTitle(tr("%1 on %2 dialogs").arg(actionName).arg(total()));
    m_timer.setInterval(1000 / std::max(1, ratePerSecond));
    connect(&m_timer, &QTimer::timeout, this, &BulkActionDialog::sendNext);

    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progressBar"_s);
    m_progress->setRange(0, total());
    m_progress->setValue(0);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"resultList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Call-ID"), tr("From → To"), tr("Path used"), tr("Result"), tr("Message")});
    m_list->header()->setStretchLastSection(true);
    // Fixed widths from the font (no live resize to contents over thousands of rows).
    const int em = m_list->fontMetrics().averageCharWidth();
    m_list->setColumnWidth(CallIdColumn, 30 * em);
    m_list->setColumnWidth(PartiesColumn, 44 * em);
    m_list->setColumnWidth(PathColumn, 30 * em);
    m_list->setColumnWidth(ResultColumn, 13 * em);
    m_list->setMinimumWidth(150 * em);

    auto *buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_cancel->setToolTip(tr("Start no further dialog; those already sent still report their result"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(u"closeButton"_s);
    m_close->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &BulkActionDialog::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);

    // Rows are added as dialogs are sent, so a run over thousands of dialogs costs nothing up front.
    m_items.reserve(m_targets.size());
    updateStatus();
}

BulkActionDialog::~BulkActionDialog() = default;

ControlRequest BulkActionDialog::requestFor(const ControlRequest &request, const DialogRow &row)
{
    ControlRequest r = request;
    r.rowKey = row.key;
    r.callId = row.dialog.callId;
    r.fromTag = row.dialog.caller.tag.value_or(std::string());
    r.toTag = row.dialog.callee.tag.value_or(std::string());
    if (r.requestedBy.isEmpty())
    {
        r.requestedBy = u"console (%1)"_s.arg(AuditLog::currentUser());
    }
    return r;
}

void BulkActionDialog::start()
{
    if (m_timer.isActive() || m_next > 0)
    {
        return;
    }
    sendNext();
    if (m_next < total())
    {
        m_timer.start();
    }
}

void BulkActionDialog::sendNext()
{
    if (m_cancelled || m_next >= total())
    {
        m_timer.stop();
        return;
    }
    const int index = m_next++;
    const DialogRow &row = m_targets.at(index);
    auto *item =
        new QTreeWidgetItem({fromStd(row.dialog.callId),
                             tr("%1 → %2").arg(fromStd(row.dialog.fromUri), fromStd(row.dialog.toUri)),
                             QString(), tr("sent…"), QString()});
    m_items.append(item);
    m_list->addTopLevelItem(item);
    if (m_next >= total())
    {
        m_timer.stop();
    }
    QPointer<BulkActionDialog> self(this);
    m_control.execute(requestFor(m_request, row), [self, index](const ControlResult &result) {
        if (self)
        {
            self->onResult(index, result);
        }
    });
    updateStatus();
}

void BulkActionDialog::onResult(const int index, const ControlResult &result)
{
    QTreeWidgetItem *item = m_items.value(index);
    if (!item)
    {
        return;
    }
    ++m_done;
    if (result.ok)
    {
        ++m_ok;
    }
    item->setText(PathColumn, result.path);
    item->setText(ResultColumn, result.ok ? tr("ok") : tr("failed (%1)").arg(result.code));
    item->setText(MessageColumn, result.message);
    item->setToolTip(MessageColumn, result.message);
    if (!result.ok)
    {
        item->setForeground(ResultColumn, QColor(0xb0, 0x00, 0x20));
    }
    m_progress->setValue(m_done);
    updateStatus();
}

void BulkActionDialog::cancel()
{
    if (!isRunning())
    {
        return;
    }
    m_cancelled = true;
    m_timer.stop();
    updateStatus();
}

bool BulkActionDialog::isRunning() const
{
    return !m_cancelled && m_done < total();
}

void BulkActionDialog::updateStatus()
{
    const int failed = m_done - m_ok;
    const int notSent = total() - m_next;
    QString text;
    if (m_cancelled)
    {
        text = tr("Cancelled: %1 of %2 sent, %3 not sent. ").arg(m_next).arg(total()).arg(notSent);
    }
    else if (m_done < total())
    {
        text = tr("Running: %1 of %2 sent at %3 per second. ")
                   .arg(m_next)
                   .arg(total())
                   .arg(m_timer.interval() > 0 ? 1000 / m_timer.interval() : 0);
    }
    else
    {
        text = tr("Done. ");
    }
    text += tr("%1 ok, %2 failed.").arg(m_ok).arg(failed);
    m_status->setText(text);
    const bool settled = m_done >= (m_cancelled ? m_next : total());
    m_cancel->setEnabled(!m_cancelled && !settled);
    m_close->setEnabled(settled || m_cancelled);
    if (settled && !m_announced)
    {
        m_announced = true;
        m_close->setDefault(true);
        emit runFinished();
    }
}

void BulkActionDialog::reject()
{
    cancel();
    QDialog::reject();
}

void BulkActionDialog::closeEvent(QCloseEvent *event)
{
    // Closing the window must not leave dialogs being acted on unseen: it cancels what is not sent.
    cancel();
    QDialog::closeEvent(event);
}
