// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

#include "backend/controlrequest.h"
#include "backend/dialogdelta.h"
#include "ui/actionkind.h"

class DialogControl;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

/// @brief Asks before an action runs, showing exactly which dialogs it will touch: for each one
/// its Call-ID, From → To, owner and the way the action would go (proxy RPC, embedded UA, core),
/// or why it will be skipped; the action's parameters (side, URI, seconds, profile, variable,
/// bridge URIs) with validation that says what is missing; for more than one dialog the rate
/// (at most N per second). Nothing is sent here: the caller reads request() and sendable() once
/// it is accepted.
class ActionConfirmDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionConfirmDialog)

public:
    /// At most this many dialogs are listed; the others are counted.
    static constexpr int PreviewLimit = 1000;

    /// @param targets the dialogs (for Bridge: the selection, whose From/To prefill the URIs)
    /// @param control asked for each dialog's route; may be null (nothing can be sent)
    ActionConfirmDialog(ActionKind kind, QList<DialogRow> targets, const DialogControl *control,
                        int ratePerSecond, QWidget *parent = nullptr);
    ~ActionConfirmDialog() override;

    ActionKind kind() const { return m_kind; }
    /// @brief The request to send to each dialog (action and parameters; no dialog named yet).
    ControlRequest request() const;
    /// @brief The targets whose route is open, in the order shown.
    QList<DialogRow> sendable() const;
    int skippedCount() const;
    int ratePerSecond() const;
    /// @brief The action's name, e.g. "Terminate", for titles and results (translated).
    static QString actionName(ActionKind kind);

    QTreeWidget *targetList() const { return m_list; }
    QPushButton *confirmButton() const { return m_confirm; }
    QLabel *hintLabel() const { return m_hint; }
    QComboBox *sideBox() const { return m_side; }
    QLineEdit *uriEdit() const { return m_uri; }
    QSpinBox *secondsSpin() const { return m_seconds; }
    QComboBox *nameBox() const { return m_name; }
    QLineEdit *valueEdit() const { return m_value; }
    QLineEdit *bridgeFromEdit() const { return m_from; }
    QLineEdit *bridgeToEdit() const { return m_to; }
    QSpinBox *rateSpin() const { return m_rate; }

private:
    void buildParameters(QFormLayout *form);
    void refreshTargets();
    void validate();
    QString side() const;
    QString summary() const;

    ActionKind m_kind;
    QList<DialogRow> m_targets;
    const DialogControl *m_control;
    QList<bool> m_open; ///< per target: its route is open
    QString m_firstWhyNot;
    QString m_bridgePath;

    QLabel *m_summary = nullptr;
    QComboBox *m_side = nullptr;
    QLineEdit *m_uri = nullptr;
    QSpinBox *m_seconds = nullptr;
    QComboBox *m_name = nullptr;
    QLineEdit *m_value = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QSpinBox *m_rate = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_more = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_confirm = nullptr;
};
