// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogactions.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>

#include "backend/appsettings.h"
#include "backend/auditlog.h"
#include "backend/controlrequest.h"
#include "backend/dialogcontrol.h"
#include "ui/actionconfirmdialog.h"
#include "ui/auditlogdialog.h"
#include "ui/bulkactiondialog.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int RecheckMs = 1000;
constexpr int ResultMessageMs = 8000;
constexpr int MaxRatePerSecond = 50;

const std::array<const char *, ActionKindCount> ObjectNames{
    "terminateAction",    "terminateCallerAction", "terminateCalleeAction",
    "transferAction",     "changeTimeoutAction",   "setProfileAction",
    "unsetProfileAction", "setVariableAction",     "bridgeAction"};

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace

DialogActions::DialogActions(const Context &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_readOnly(context.readOnly || context.readOnlyLocked)
    , m_rate(u"DialogActions/BulkRatePerSecond"_s, DefaultRatePerSecond,
             CachedSettingValue<int>::clamp(1, MaxRatePerSecond))
{
    Q_ASSERT(m_context.window && m_context.view && m_context.model);
    if (m_context.control)
    {
        m_context.control->setReadOnly(m_readOnly);
    }
    createActions();
    retranslate();

    QTableView *view = m_context.view;
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &pos) {
        updateActions();
        m_menu->popup(view->viewport()->mapToGlobal(pos));
    });
    if (QItemSelectionModel *selection = view->selectionModel())
    {
        connect(selection, &QItemSelectionModel::selectionChanged, this, &DialogActions::updateActions);
    }
    // The owners change under a selection (a proxy goes down, the call is answered or ends).
    m_recheck.setInterval(RecheckMs);
    connect(&m_recheck, &QTimer::timeout, this, &DialogActions::updateActions);
    m_recheck.start();
    connect(m_menu, &QMenu::aboutToShow, this, &DialogActions::updateActions);
    connect(m_filteredMenu, &QMenu::aboutToShow, this, &DialogActions::updateFilteredActions);
    updateActions();
}

DialogActions::~DialogActions() = default;

ActionConfirmDialog *DialogActions::confirmation() const
{
    return m_confirm;
}

BulkActionDialog *DialogActions::bulkRun() const
{
    return m_bulk;
}

AuditLogDialog *DialogActions::auditLogDialog() const
{
    return m_auditDialog;
}

void DialogActions::createActions()
{
    m_menu = new QMenu(m_context.window);
    m_menu->setObjectName(u"dialogMenu"_s);
    m_menu->setToolTipsVisible(true);
    m_filteredMenu = new QMenu(m_menu);
    m_filteredMenu->setObjectName(u"filteredMenu"_s);
    m_filteredMenu->setToolTipsVisible(true);
    for (int k = 0; k < ActionKindCount; ++k)
    {
        const auto kind = static_cast<ActionKind>(k);
        auto *selected = new QAction(m_context.window);
        selected->setObjectName(QString::fromLatin1(ObjectNames.at(k)));
        connect(selected, &QAction::triggered, this, [this, kind] { trigger(kind, false); });
        m_selected.at(k) = selected;
        if (kind == ActionKind::Bridge)
        {
            continue;
        }
        auto *filtered = new QAction(m_context.window);
        filtered->setObjectName(QString::fromLatin1(ObjectNames.at(k)) + u"Filtered"_s);
        connect(filtered, &QAction::triggered, this, [this, kind] { trigger(kind, true); });
        m_filtered.at(k) = filtered;
        m_filteredMenu->addAction(filtered);
        if (kind == ActionKind::TerminateCallee || kind == ActionKind::ChangeTimeout)
        {
            m_filteredMenu->addSeparator();
        }
    }
    action(ActionKind::Terminate)->setShortcut(QKeySequence(Qt::Key_Delete));
    action(ActionKind::Transfer)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    action(ActionKind::Bridge)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    for (const ActionKind kind :
         {ActionKind::Terminate, ActionKind::TerminateCaller, ActionKind::TerminateCallee})
    {
        m_menu->addAction(action(kind));
    }
    m_menu->addSeparator();
    m_menu->addAction(action(ActionKind::Transfer));
    m_menu->addAction(action(ActionKind::ChangeTimeout));
    m_menu->addSeparator();
    for (const ActionKind kind : {ActionKind::SetProfile, ActionKind::UnsetProfile, ActionKind::SetVariable})
    {
        m_menu->addAction(action(kind));
    }
    m_menu->addSeparator();
    m_menu->addMenu(m_filteredMenu);
    m_menu->addSeparator();
    m_menu->addAction(action(ActionKind::Bridge));

    m_readOnlyAction = new QAction(m_context.window);
    m_readOnlyAction->setObjectName(u"readOnlyAction"_s);
    m_readOnlyAction->setCheckable(true);
    m_readOnlyAction->setChecked(m_readOnly);
    m_readOnlyAction->setEnabled(!m_context.readOnlyLocked);
    connect(m_readOnlyAction, &QAction::toggled, this, [this](const bool on) {
        if (m_context.settings)
        {
            m_context.settings->setReadOnly(on);
        }
        setReadOnly(on);
    });

    m_auditLogAction = new QAction(m_context.window);
    m_auditLogAction->setObjectName(u"auditLogAction"_s);
    m_auditLogAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_auditLogAction->setEnabled(m_context.audit != nullptr);
    connect(m_auditLogAction, &QAction::triggered, this, &DialogActions::showAuditLog);
}

void DialogActions::retranslate()
{
    const std::array<QString, ActionKindCount> texts{
        tr("&Terminate…"),     tr("Terminate &caller side…"), tr("Terminate ca&llee side…"),
        tr("T&ransfer…"),      tr("Change time&out…"),        tr("Set &profile…"),
        tr("&Unset profile…"), tr("Set &variable…"),          tr("&Bridge (click-to-dial)…")};
    const std::array<QString, ActionKindCount> filteredTexts{tr("Terminate all matching…"),
                                                             tr("Terminate caller side of all matching…"),
                                                             tr("Terminate callee side of all matching…"),
                                                             tr("Transfer all matching…"),
                                                             tr("Change timeout of all matching…"),
                                                             tr("Set profile on all matching…"),
                                                             tr("Unset profile on all matching…"),
                                                             tr("Set variable on all matching…"),
                                                             QString()};
    const std::array<QString, ActionKindCount> tips{
        tr("End the selected calls: a BYE to both parties"),
        tr("Send a BYE to the caller of the selected calls"),
        tr("Send a BYE to the callee of the selected calls"),
        tr("Transfer the selected calls with a REFER to one party"),
        tr("Give the selected dialogs a new lifetime"),
        tr("Add the selected dialogs to a profile"),
        tr("Remove the selected dialogs from a profile"),
        tr("Set a dialog variable on the selected dialogs"),
        tr("Call one party and connect it to another (dlg.bridge_dlg)")};
    for (int k = 0; k < ActionKindCount; ++k)
    {
        m_selected.at(k)->setText(texts.at(k));
        m_selected.at(k)->setStatusTip(tips.at(k));
        if (m_filtered.at(k))
        {
            m_filtered.at(k)->setText(filteredTexts.at(k));
        }
    }
    m_menu->setTitle(tr("&Dialog"));
    m_filteredMenu->setTitle(tr("&All dialogs matching the filter"));
    m_readOnlyAction->setText(tr("&Read-only mode"));
    m_readOnlyAction->setStatusTip(m_context.readOnlyLocked
                                       ? tr("Started with --read-only: restart CallDeck without it to allow "
                                            "actions")
                                       : tr("Refuse every control action (kept across restarts)"));
    m_auditLogAction->setText(tr("&Audit log…"));
    m_auditLogAction->setStatusTip(tr("Every control action attempt: who, when, which dialogs, which way, "
                                      "the result"));
    updateActions();
}

void DialogActions::setReadOnly(const bool readOnly)
{
    const bool on = readOnly || m_context.readOnlyLocked;
    if (m_context.control)
    {
        m_context.control->setReadOnly(on);
    }
    if (m_readOnlyAction->isChecked() != on)
    {
        const QSignalBlocker block(m_readOnlyAction);
        m_readOnlyAction->setChecked(on);
    }
    const bool changed = on != m_readOnly;
    m_readOnly = on;
    updateActions();
    if (changed)
    {
        emit readOnlyChanged(on);
    }
}

QString DialogActions::readOnlyTip() const
{
    return m_context.readOnlyLocked
               ? tr("Read-only mode (--read-only): every control action is refused. Restart CallDeck "
                    "without --read-only to act on dialogs.")
               : tr("Read-only mode: every control action is refused. Turn it off in Settings → Read-only "
                    "mode to act on dialogs.");
}

QList<DialogRow> DialogActions::rowsOf(const QList<int> &viewRows) const
{
    QList<DialogRow> out;
    out.reserve(viewRows.size());
    const QAbstractItemModel *shown = m_context.view->model();
    for (const int viewRow : viewRows)
    {
        const quint64 key = shown->index(viewRow, 0).data(DialogTableModel::KeyRole).toULongLong();
        const int row = m_context.model->rowOfKey(key);
        if (row < 0)
        {
            continue;
        }
        DialogRow copy = m_context.model->rowAt(row);
        if (m_context.model->isLingering(row))
        {
            copy.dialog.state = 5; // ended (or dropped by the core): shown until its linger is over
        }
        out.append(std::move(copy));
    }
    return out;
}

QList<DialogRow> DialogActions::selectedRows() const
{
    QList<int> rows;
    if (const QItemSelectionModel *selection = m_context.view->selectionModel())
    {
        for (const QModelIndex &index : selection->selectedRows())
        {
            rows.append(index.row());
        }
    }
    std::sort(rows.begin(), rows.end());
    return rowsOf(rows);
}

QList<DialogRow> DialogActions::filteredRows() const
{
    QList<int> rows;
    const int count = m_context.view->model()->rowCount();
    rows.reserve(count);
    for (int row = 0; row < count; ++row)
    {
        rows.append(row);
    }
    return rowsOf(rows);
}

void DialogActions::enable(QAction *action, const ActionKind kind, const QList<DialogRow> &rows,
                           const bool filtered)
{
    QString tip;
    bool enabled = false;
    const DialogAction dialogAction = dialogActionOf(kind);
    const QString side = isTerminateKind(kind) ? terminateSideOf(kind) : QString();
    if (m_readOnly)
    {
        tip = readOnlyTip();
    }
    else if (!m_context.control)
    {
        tip = tr("This window has no dialog control: actions are not available.");
    }
    else if (kind == ActionKind::Bridge)
    {
        const DialogControl::Route route = m_context.control->route(dialogAction, DialogRow{});
        enabled = route.whyNot.isEmpty();
        tip = enabled ? tr("Goes via %1").arg(route.path) : tr("Not possible: %1").arg(route.whyNot);
    }
    else if (rows.isEmpty())
    {
        tip = filtered ? tr("No dialog matches the filter.")
                       : tr("Select one or more dialogs in the table first.");
    }
    else
    {
        int able = 0;
        int checked = 0;
        QString why;
        QString path;
        for (const DialogRow &row : rows)
        {
            if (++checked > EnableCheckLimit)
            {
                break;
            }
            const DialogControl::Route route = m_context.control->route(dialogAction, row, side);
            if (route.whyNot.isEmpty())
            {
                ++able;
                path = route.path;
            }
            else if (why.isEmpty())
            {
                why = route.whyNot;
            }
        }
        checked = std::min(checked, EnableCheckLimit);
        enabled = able > 0;
        if (able == 0)
        {
            tip = rows.size() == 1 ? tr("Not possible for this dialog: %1").arg(why)
                                   : tr("Not possible for any of these dialogs: %1").arg(why);
        }
        else if (able < checked)
        {
            tip = tr("%1 of %2 dialogs cannot (they will be skipped): %3")
                      .arg(checked - able)
                      .arg(checked)
                      .arg(why);
        }
        else
        {
            tip = rows.size() == 1 ? tr("Goes via %1").arg(path)
                                   : tr("%n dialog(s)", nullptr, static_cast<int>(rows.size()));
        }
    }
    action->setEnabled(enabled);
    action->setToolTip(tip);
}

void DialogActions::updateActions()
{
    const QList<DialogRow> rows = selectedRows();
    for (int k = 0; k < ActionKindCount; ++k)
    {
        enable(m_selected.at(k), static_cast<ActionKind>(k), rows, false);
    }
    // The filter's rows are checked here only while that is cheap; else when its menu opens.
    if (m_context.view->model()->rowCount() <= EnableCheckLimit)
    {
        updateFilteredActions();
    }
}

void DialogActions::updateFilteredActions()
{
    const QList<DialogRow> rows = filteredRows();
    for (int k = 0; k < ActionKindCount; ++k)
    {
        if (m_filtered.at(k))
        {
            enable(m_filtered.at(k), static_cast<ActionKind>(k), rows, true);
        }
    }
}

void DialogActions::trigger(const ActionKind kind, const bool filtered)
{
    if (m_readOnly || !m_context.control)
    {
        return;
    }
    if (m_confirm)
    {
        m_confirm->raise();
        m_confirm->activateWindow();
        return;
    }
    const QList<DialogRow> rows = filtered ? filteredRows() : selectedRows();
    if (rows.isEmpty() && kind != ActionKind::Bridge)
    {
        return;
    }
    auto *dialog = new ActionConfirmDialog(kind, rows, m_context.control, m_rate.get(), m_context.window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_confirm = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        run(dialog->kind(), dialog->request(), dialog->sendable(), dialog->ratePerSecond());
    });
    dialog->open();
}

void DialogActions::run(const ActionKind kind, ControlRequest request, const QList<DialogRow> &targets,
                        const int rate)
{
    request.requestedBy = u"console (%1)"_s.arg(AuditLog::currentUser());
    if (kind != ActionKind::Bridge && targets.size() > 1)
    {
        m_rate.set(rate);
        auto *bulk = new BulkActionDialog(*m_context.control, ActionConfirmDialog::actionName(kind), request,
                                          targets, rate, m_context.window);
        bulk->setAttribute(Qt::WA_DeleteOnClose);
        m_bulk = bulk;
        bulk->show();
        bulk->start();
        return;
    }
    const DialogRow row = targets.isEmpty() ? DialogRow{} : targets.first();
    const ControlRequest one =
        kind == ActionKind::Bridge ? request : BulkActionDialog::requestFor(request, row);
    QPointer<DialogActions> self(this);
    m_context.control->execute(one, [self, kind, row](const ControlResult &result) {
        if (self)
        {
            self->report(kind, row, result);
        }
    });
}

void DialogActions::report(const ActionKind kind, const DialogRow &row, const ControlResult &result)
{
    const QString what =
        kind == ActionKind::Bridge
            ? ActionConfirmDialog::actionName(kind)
            : tr("%1 on %2").arg(ActionConfirmDialog::actionName(kind), fromStd(row.dialog.callId));
    if (result.ok)
    {
        m_context.window->statusBar()->showMessage(
            result.path.isEmpty() ? tr("%1: done").arg(what) : tr("%1: done via %2").arg(what, result.path),
            ResultMessageMs);
    }
    else
    {
        // A command the operator issued failed: say so where it cannot be missed (house style §6.6).
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("%1 failed").arg(ActionConfirmDialog::actionName(kind)),
                            tr("%1 failed (%2): %3").arg(what).arg(result.code).arg(result.message),
                            QMessageBox::Ok, m_context.window);
        box->setObjectName(u"actionFailedBox"_s);
        if (!result.path.isEmpty())
        {
            box->setInformativeText(tr("Path: %1").arg(result.path));
        }
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    emit finished(result);
}

void DialogActions::showAuditLog()
{
    if (!m_context.audit)
    {
        return;
    }
    if (!m_auditDialog)
    {
        m_auditDialog = new AuditLogDialog(*m_context.audit, m_context.window);
        m_auditDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_auditDialog->show();
    m_auditDialog->raise();
    m_auditDialog->activateWindow();
}
