// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

/// @brief Settings → Mirror listeners…: the addresses on which CallDeck receives HEP and raw SIP
/// (ListenerSettings), one "ADDR:PORT" per line. An entry is checked as soon as it is written:
/// a bad one or a repeat is marked and the reason, with what to write, shows below the list; OK
/// refuses until every entry is fine, and stores nothing before. An empty list means the
/// default 127.0.0.1:9060. With --hep on the command line, those listeners are shown: they stay
/// for this run and the list applies at the next start without --hep.
class ListenerSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenerSettingsDialog)

public:
    /// @param commandLineListeners the --hep addresses of this run; @p commandLineOff: --hep off
    explicit ListenerSettingsDialog(const QStringList &commandLineListeners, bool commandLineOff,
                                    QWidget *parent = nullptr);

    /// @brief The entries as written (trimmed, empty lines dropped).
    QStringList entries() const;
    /// @brief Checks every entry; on success stores them (ListenerSettings) and returns true,
    /// else shows the reason, selects the entry and returns false.
    bool apply();
    QListWidget *list() const { return m_list; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }

    void accept() override;

private:
    void addEntry();
    void editSelected();
    void removeSelected();
    void addItem(const QString &entry);
    /// Marks the bad entries and shows the first problem; false when there is one.
    bool validate();
    void updateButtons();

    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
