// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QString>
#include <QTimer>
#include <QWidget>

#include "ui/dialogfilter.h"
#include "ui/savedfilters.h"

class DialogFilterProxyModel;
class DialogTableModel;
class QAbstractItemModel;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSpinBox;
class QToolButton;

/// @brief The bar above the dialog table: the instant text filter, field filters (state,
/// profile and value, origin, age, From/To wildcards) that combine, saved filters, and the count
/// "N of M dialogs". Every change reaches the proxy as one DialogFilterProxyModel::setFilter()
/// (one pass over the rows); typing waits for a short pause (TypingDelayMs) so a fast typist
/// does not pay a pass per key. Ctrl+F (focusAction()) focuses the text; Esc clears every filter.
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    static constexpr int TypingDelayMs = 150;

    /// @p proxy filters rows of @p model (its source).
    FilterBar(DialogFilterProxyModel *proxy, DialogTableModel *model, QWidget *parent = nullptr);

    /// @brief The filter the fields show (what is applied once a pending edit lands).
    DialogFilter filter() const;
    /// @brief Shows @p filter in the fields and applies it at once.
    void setFilter(const DialogFilter &filter);
    /// @brief Keeps the other fields, sets the profile (and value; null: any) and applies.
    void setProfileFilter(const QString &profile, const QString &value = QString());
    /// @brief Drops every filter (Esc).
    void clear();
    /// @brief Applies a pending edit now (Return does it too).
    void applyNow();

    /// @brief Ctrl+F: shows the bar's text field focused and selected.
    QAction *focusAction() const { return m_focusAction; }
    /// @brief Profile names for the profile field's completion (a ProfilesModel's top level).
    void setProfileNames(QAbstractItemModel *profiles);

    QLineEdit *textEdit() const { return m_text; }
    QString countText() const;
    SavedFilters &savedFilters() { return m_saved; }
    /// @brief Saves the current filter under @p name and selects it in the list.
    void saveAs(const QString &name);
    /// @brief Applies the saved filter @p name; false when there is none.
    bool applySaved(const QString &name);
    /// @brief Removes the saved filter selected in the list.
    void deleteSelectedSaved();

signals:
    void filterApplied(const DialogFilter &filter);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildStates();
    void scheduleApply();
    void showFilter(const DialogFilter &filter);
    void updateCount();
    void updateStatesText();
    void noteOrigins(int first, int last);
    void addOrigin(const QString &origin);
    void refreshSaved(const QString &select = QString());
    void askSaveName();
    void retranslateUi();

    DialogFilterProxyModel *m_proxy;
    DialogTableModel *m_model;
    SavedFilters m_saved;
    QTimer m_typing;
    bool m_showing = false;    // showFilter() is filling the fields: no apply per field
    bool m_emptyValue = false; // the empty value field means the empty value (set by a click, a saved filter)

    QLineEdit *m_text = nullptr;
    QToolButton *m_states = nullptr;
    QMenu *m_stateMenu = nullptr;
    QLineEdit *m_profile = nullptr;
    QLineEdit *m_value = nullptr;
    QComboBox *m_origin = nullptr;
    QSpinBox *m_age = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QComboBox *m_savedList = nullptr;
    QToolButton *m_save = nullptr;
    QToolButton *m_delete = nullptr;
    QToolButton *m_clear = nullptr;
    QLabel *m_count = nullptr;
    QAction *m_focusAction = nullptr;
    QAction *m_clearAction = nullptr;
    QSet<QString> m_seenOrigins; // whole origin texts already split into the origin list
};
