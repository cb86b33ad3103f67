// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "backend/alarmrules.h"

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

/// @brief Settings → Alarm rules… (issue #8): the rules as text, one a line (AlarmRule's
/// `key=value` words), checked as they are typed against the known profiles and limits; OK saves
/// them to Alarms/Rules only when every line is right, and says which line to fix otherwise.
class AlarmRulesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmRulesDialog)

public:
    AlarmRulesDialog(AlarmRules::Context context, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *errorLabel() const { return m_error; }
    /// @brief Checks the text; @return the problems shown (empty: fine)
    QStringList validate();
    /// @brief Validates and saves. @return false (nothing saved) when a line is wrong
    bool apply();
    void accept() override;

private:
    AlarmRules::Context m_context;
    QPlainTextEdit *m_editor;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
