// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

/// @brief Settings → Proxies…: the proxies watched over JSON-RPC (name and URL each), how often
/// they are polled, which profiles are polled besides those learnt, the helper path and TLS
/// verification. OK validates every URL and says which one is wrong and why; nothing is stored
/// until all are valid. Proxies given with --rpc are shown but not stored.
class ProxySettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxySettingsDialog)

public:
    /// @param commandLineUrls the --rpc URLs of this run (shown read-only)
    explicit ProxySettingsDialog(const QStringList &commandLineUrls, QWidget *parent = nullptr);

    /// @brief Checks every entry; on success stores them (ProxySettings) and returns true, else
    /// shows the reason in the dialog and returns false.
    bool apply();
    QTableWidget *table() const { return m_table; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    void addRow(const QString &name, const QString &url);
    void removeSelected();
    void load();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QDoubleSpinBox *m_interval;
    QLineEdit *m_profiles;
    QLineEdit *m_helperPath;
    QCheckBox *m_verifyTls;
    QLineEdit *m_caFile;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
