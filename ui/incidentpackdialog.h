// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QFileDialog;
class QLabel;
class QLineEdit;

/// @brief File → Export → Incident pack…: where the archive goes (.tar.gz or .tar) and whether to
/// mask numbers and URIs, with a line on what goes in. OK checks the name and the folder and
/// says what to change when they do not fit; the dialog then closes with accept().
class IncidentPackDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentPackDialog)

public:
    /// @param path the proposed file (e.g. in the last export folder)
    IncidentPackDialog(const QString &path, bool selection, QWidget *parent = nullptr);

    QString path() const;
    void setPath(const QString &path);
    bool mask() const;
    void setMask(bool mask);
    /// @brief The text shown under the fields when OK found a problem (empty when none).
    QString problem() const;

    void accept() override;

private:
    void browse();

    QLineEdit *m_path = nullptr;
    QCheckBox *m_mask = nullptr;
    QLabel *m_contents = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPointer<QFileDialog> m_fileDialog;
};
