// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "backend/dialogdelta.h"
#include "backend/settingvalue.h"
#include "ui/actionkind.h"

class ActionConfirmDialog;
class AppSettings;
class AuditLog;
class AuditLogDialog;
class BulkActionDialog;
class DialogControl;
class DialogTableModel;
class QAction;
class QMainWindow;
class QMenu;
class QTableView;
struct ControlRequest;
struct ControlResult;

/// @brief The console's actions on dialogs (issue #7): the Dialog menu (also the table's context
/// menu) acting on the selected rows or on every row the filter shows, each behind a confirmation
/// that lists exactly those dialogs (ActionConfirmDialog); more than one runs rate-limited with a
/// result table (BulkActionDialog). An action the dialogs' owner cannot do is disabled with a
/// tooltip saying why (DialogControl::whyNot). Also Settings → Read-only mode (persisted; the
/// command line's --read-only locks it on) and View → Audit log….
class DialogActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogActions)

public:
    struct Context
    {
        QMainWindow *window = nullptr;
        QTableView *view = nullptr; ///< the dialog table (any proxy chain over model)
        DialogTableModel *model = nullptr;
        DialogControl *control = nullptr; ///< null: every action disabled
        AuditLog *audit = nullptr;        ///< null: no audit log view
        AppSettings *settings = nullptr;  ///< where read-only mode is kept; null: not kept
        bool readOnly = false;            ///< read-only at start (command line or setting)
        bool readOnlyLocked = false;      ///< --read-only: the setting cannot lift it
    };
    /// At most this many dialogs are checked to enable an action (a huge selection is checked in
    /// full by the confirmation).
    static constexpr int EnableCheckLimit = 2000;
    static constexpr int DefaultRatePerSecond = 5;

    explicit DialogActions(const Context &context, QObject *parent = nullptr);
    ~DialogActions() override;

    QMenu *menu() const { return m_menu; }
    QMenu *filteredMenu() const { return m_filteredMenu; }
    /// @brief The action on the selected dialogs.
    QAction *action(ActionKind kind) const { return m_selected.at(static_cast<int>(kind)); }
    /// @brief The action on every dialog the filter shows (null for Bridge).
    QAction *filteredAction(ActionKind kind) const { return m_filtered.at(static_cast<int>(kind)); }
    QAction *readOnlyAction() const { return m_readOnlyAction; }
    QAction *auditLogAction() const { return m_auditLogAction; }

    bool isReadOnly() const { return m_readOnly; }
    /// @brief Turns read-only mode on or off (DialogControl too); off is refused while locked.
    void setReadOnly(bool readOnly);

    /// @brief The selected dialogs / those the filter shows, in view order (ended ones in state 5).
    QList<DialogRow> selectedRows() const;
    QList<DialogRow> filteredRows() const;
    /// @brief Asks to confirm @p kind on the selection (or the filter's rows); runs it if confirmed.
    void trigger(ActionKind kind, bool filtered = false);

    /// @brief The confirmation being shown, the last bulk run and the audit log view (or null).
    ActionConfirmDialog *confirmation() const;
    BulkActionDialog *bulkRun() const;
    AuditLogDialog *auditLogDialog() const;
    void showAuditLog();

    /// @brief Re-checks what the selection allows (the timer and the selection call it).
    void updateActions();
    void updateFilteredActions();
    void retranslate();

signals:
    void readOnlyChanged(bool readOnly);
    /// @brief A single action (not a bulk run) came back.
    void finished(const ControlResult &result);

private:
    void createActions();
    void run(ActionKind kind, ControlRequest request, const QList<DialogRow> &targets, int rate);
    void report(ActionKind kind, const DialogRow &row, const ControlResult &result);
    QList<DialogRow> rowsOf(const QList<int> &viewRows) const;
    void enable(QAction *action, ActionKind kind, const QList<DialogRow> &rows, bool filtered);
    QString readOnlyTip() const;

    Context m_context;
    bool m_readOnly = false;
    CachedSettingValue<int> m_rate;
    std::array<QAction *, ActionKindCount> m_selected{};
    std::array<QAction *, ActionKindCount> m_filtered{};
    QMenu *m_menu = nullptr;
    QMenu *m_filteredMenu = nullptr;
    QAction *m_readOnlyAction = nullptr;
    QAction *m_auditLogAction = nullptr;
    QTimer m_recheck;
    QPointer<ActionConfirmDialog> m_confirm;
    QPointer<BulkActionDialog> m_bulk;
    QPointer<AuditLogDialog> m_auditDialog;
};
