// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/filterbar.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogformat.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int MaxAgeMinutes = 7 * 24 * 60;
const QString OriginJoiner = u" + "_s; // ProxyDialogs: "mirror + kam1"

// Fields say what they are by their placeholder or current text (no labels: the bar must fit
// beside the details pane); this keeps them readable once typed in.
void setMinimumChars(QWidget *field, const int chars)
{
    field->setMinimumWidth(field->fontMetrics().averageCharWidth() * chars + 24);
}
} // namespace

FilterBar::FilterBar(DialogFilterProxyModel *proxy, DialogTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_proxy(proxy)
    , m_model(model)
{
    Q_ASSERT(m_proxy && m_model);
    setObjectName(u"filterBar"_s);
    m_typing.setSingleShot(true);
    m_typing.setInterval(TypingDelayMs);
    connect(&m_typing, &QTimer::timeout, this, &FilterBar::applyNow);

    m_text = new QLineEdit;
    m_text->setObjectName(u"filterText"_s);
    m_text->setClearButtonEnabled(true);
    m_states = new QToolButton;
    m_states->setObjectName(u"filterStates"_s);
    m_states->setPopupMode(QToolButton::InstantPopup);
    m_stateMenu = new QMenu(m_states);
    m_states->setMenu(m_stateMenu);
    buildStates();
    m_profile = new QLineEdit;
    m_profile->setObjectName(u"filterProfile"_s);
    m_value = new QLineEdit;
    m_value->setObjectName(u"filterProfileValue"_s);
    m_origin = new QComboBox;
    m_origin->setObjectName(u"filterOrigin"_s);
    m_origin->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_origin->addItem(QString(), QString());
    m_age = new QSpinBox;
    m_age->setObjectName(u"filterAge"_s);
    m_age->setRange(0, MaxAgeMinutes);
    m_from = new QLineEdit;
    m_from->setObjectName(u"filterFrom"_s);
    m_to = new QLineEdit;
    m_to->setObjectName(u"filterTo"_s);
    for (QLineEdit *edit : {m_profile, m_value})
    {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_emptyValue = false; // typed by hand: an empty value field means any value again
            m_value->setPlaceholderText(tr("any value"));
        });
    }
    for (QLineEdit *edit : {m_profile, m_value, m_from, m_to})
    {
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::textEdited, this, &FilterBar::scheduleApply);
        connect(edit, &QLineEdit::returnPressed, this, &FilterBar::applyNow);
    }
    m_savedList = new QComboBox;
    m_savedList->setObjectName(u"savedFilters"_s);
    m_savedList->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_save = new QToolButton;
    m_save->setObjectName(u"saveFilter"_s);
    m_delete = new QToolButton;
    m_delete->setObjectName(u"deleteFilter"_s);
    m_clear = new QToolButton;
    m_clear->setObjectName(u"clearFilters"_s);
    m_count = new QLabel;
    m_count->setObjectName(u"filterCount"_s);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    setMinimumChars(m_profile, 9);
    setMinimumChars(m_value, 7);
    setMinimumChars(m_from, 12);
    setMinimumChars(m_to, 12);

    auto *top = new QHBoxLayout;
    top->addWidget(m_text, 1);
    top->addWidget(m_savedList);
    top->addWidget(m_save);
    top->addWidget(m_delete);
    top->addSpacing(12);
    top->addWidget(m_count);
    auto *fields = new QHBoxLayout;
    fields->addWidget(m_states);
    fields->addWidget(m_profile, 2);
    fields->addWidget(new QLabel(u"="_s));
    fields->addWidget(m_value, 2);
    fields->addWidget(m_origin);
    fields->addWidget(m_age);
    fields->addWidget(m_from, 3);
    fields->addWidget(m_to, 3);
    fields->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(fields);

    m_focusAction = new QAction(this);
    m_focusAction->setObjectName(u"focusFilterAction"_s);
    m_focusAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(m_focusAction, &QAction::triggered, this, [this] {
        show();
        m_text->setFocus(Qt::ShortcutFocusReason);
        m_text->selectAll();
    });
    addAction(m_focusAction);
    m_clearAction = new QAction(this);
    m_clearAction->setObjectName(u"clearFiltersAction"_s);
    m_clearAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_clearAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_clearAction, &QAction::triggered, this, &FilterBar::clear);
    addAction(m_clearAction);

    connect(m_text, &QLineEdit::textEdited, this, &FilterBar::scheduleApply);
    connect(m_text, &QLineEdit::returnPressed, this, &FilterBar::applyNow);
    connect(m_origin, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_showing)
        {
            applyNow();
        }
    });
    connect(m_age, &QSpinBox::valueChanged, this, &FilterBar::scheduleApply);
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    connect(m_save, &QToolButton::clicked, this, &FilterBar::askSaveName);
    connect(m_delete, &QToolButton::clicked, this, &FilterBar::deleteSelectedSaved);
    connect(m_savedList, &QComboBox::activated, this, [this](const int index) {
        if (index > 0)
        {
            applySaved(m_savedList->itemText(index));
        }
        m_delete->setEnabled(index > 0);
    });

    // The count follows both models; origins are learnt from the rows that arrive or change origin.
    for (QAbstractItemModel *counted :
         {static_cast<QAbstractItemModel *>(m_proxy), static_cast<QAbstractItemModel *>(m_model)})
    {
        connect(counted, &QAbstractItemModel::rowsInserted, this, &FilterBar::updateCount);
        connect(counted, &QAbstractItemModel::rowsRemoved, this, &FilterBar::updateCount);
        connect(counted, &QAbstractItemModel::modelReset, this, &FilterBar::updateCount);
        connect(counted, &QAbstractItemModel::layoutChanged, this, &FilterBar::updateCount);
    }
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, const int first, const int last) { noteOrigins(first, last); });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                if (topLeft.column() <= DialogTableModel::OriginColumn &&
                    bottomRight.column() >= DialogTableModel::OriginColumn)
                {
                    noteOrigins(topLeft.row(), bottomRight.row());
                }
            });
    if (m_model->rowCount() > 0)
    {
        noteOrigins(0, m_model->rowCount() - 1);
    }

    retranslateUi();
    refreshSaved();
    showFilter(m_proxy->filter());
    updateCount();
}

DialogFilter FilterBar::filter() const
{
    DialogFilter filter;
    filter.text = m_text->text();
    for (const QAction *action : m_stateMenu->actions())
    {
        if (action->isChecked())
        {
            filter.states.append(action->data().toInt());
        }
    }
    filter.profileName = m_profile->text().trimmed();
    if (!m_value->text().isEmpty() || m_emptyValue)
    {
        filter.profileValue = m_value->text().isEmpty() ? u""_s : m_value->text();
    }
    filter.origin = m_origin->currentData().toString();
    filter.minimumAgeSeconds = qint64(m_age->value()) * 60;
    filter.fromPattern = m_from->text().trimmed();
    filter.toPattern = m_to->text().trimmed();
    return filter.normalized();
}

void FilterBar::setFilter(const DialogFilter &filter)
{
    showFilter(filter.normalized());
    applyNow();
}

void FilterBar::setProfileFilter(const QString &profile, const QString &value)
{
    DialogFilter wanted = filter();
    wanted.profileName = profile;
    wanted.profileValue = value;
    setFilter(wanted);
}

void FilterBar::clear()
{
    setFilter({});
    m_savedList->setCurrentIndex(0);
    m_delete->setEnabled(false);
}

void FilterBar::applyNow()
{
    m_typing.stop();
    m_proxy->setFilter(filter());
    updateCount();
    emit filterApplied(m_proxy->filter());
}

void FilterBar::setProfileNames(QAbstractItemModel *profiles)
{
    auto *completer = new QCompleter(profiles, m_profile);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionRole(Qt::DisplayRole);
    m_profile->setCompleter(completer);
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, &FilterBar::applyNow);
}

QString FilterBar::countText() const
{
    return m_count->text();
}

void FilterBar::saveAs(const QString &name)
{
    if (m_saved.save(name, filter()))
    {
        refreshSaved(name.trimmed());
    }
}

bool FilterBar::applySaved(const QString &name)
{
    const std::optional<DialogFilter> saved = m_saved.filter(name);
    if (!saved)
    {
        return false;
    }
    setFilter(*saved);
    m_savedList->setCurrentIndex(std::max(m_savedList->findText(name.trimmed()), 0));
    m_delete->setEnabled(m_savedList->currentIndex() > 0);
    return true;
}

void FilterBar::deleteSelectedSaved()
{
    if (m_savedList->currentIndex() > 0)
    {
        m_saved.remove(m_savedList->currentText());
        refreshSaved();
    }
}

void FilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void FilterBar::buildStates()
{
    for (int state = DialogFormat::Unconfirmed; state <= DialogFormat::Deleted; ++state)
    {
        QAction *action = m_stateMenu->addAction(QString());
        action->setCheckable(true);
        action->setData(state);
        connect(action, &QAction::toggled, this, [this] {
            updateStatesText();
            if (!m_showing)
            {
                applyNow();
            }
        });
    }
}

void FilterBar::scheduleApply()
{
    if (!m_showing)
    {
        m_typing.start();
    }
}

void FilterBar::showFilter(const DialogFilter &filter)
{
    m_showing = true;
    m_text->setText(filter.text);
    for (QAction *action : m_stateMenu->actions())
    {
        action->setChecked(filter.states.contains(action->data().toInt()));
    }
    m_profile->setText(filter.profileName);
    m_value->setText(filter.profileValue);
    m_emptyValue =
        !filter.profileName.isEmpty() && !filter.profileValue.isNull() && filter.profileValue.isEmpty();
    m_value->setPlaceholderText(m_emptyValue ? tr("(empty value)") : tr("any value"));
    addOrigin(filter.origin);
    m_origin->setCurrentIndex(std::max(m_origin->findData(filter.origin), 0));
    m_age->setValue(int(std::min<qint64>(filter.minimumAgeSeconds / 60, MaxAgeMinutes)));
    m_from->setText(filter.fromPattern);
    m_to->setText(filter.toPattern);
    m_showing = false;
    updateStatesText();
}

void FilterBar::updateCount()
{
    const int total = m_model->rowCount();
    const QLocale locale;
    if (m_proxy->isFiltering())
    {
        //: %1 dialogs the filter shows, %2 all the table's dialogs
        m_count->setText(
            tr("%1 of %2 dialogs").arg(locale.toString(m_proxy->rowCount()), locale.toString(total)));
    }
    else
    {
        m_count->setText(total == 1 ? tr("1 dialog") : tr("%1 dialogs").arg(locale.toString(total)));
    }
    m_clear->setEnabled(m_proxy->isFiltering());
}

void FilterBar::updateStatesText()
{
    QStringList names;
    for (const QAction *action : m_stateMenu->actions())
    {
        if (action->isChecked())
        {
            names.append(action->text());
        }
    }
    m_states->setText(names.isEmpty() ? tr("Any state") : names.join(u", "_s));
}

void FilterBar::noteOrigins(const int first, const int last)
{
    for (int row = first; row <= last && row < m_model->rowCount(); ++row)
    {
        const QString &origin = m_model->rowAt(row).origin;
        if (m_seenOrigins.contains(origin)) // the usual case: nothing allocated
        {
            continue;
        }
        m_seenOrigins.insert(origin);
        for (const QString &part : origin.split(OriginJoiner, Qt::SkipEmptyParts))
        {
            addOrigin(part);
        }
    }
}

void FilterBar::addOrigin(const QString &origin)
{
    if (origin.isEmpty() || m_origin->findData(origin) >= 0)
    {
        return;
    }
    const bool showing = m_showing;
    m_showing = true; // inserting may move the current index: not a change of filter
    int at = 1;
    while (at < m_origin->count() && QString::compare(m_origin->itemData(at).toString(), origin) < 0)
    {
        ++at;
    }
    m_origin->insertItem(at, origin == "mirror"_L1 ? tr("Mirror") : origin, origin);
    m_showing = showing;
}

void FilterBar::refreshSaved(const QString &select)
{
    m_savedList->clear();
    m_savedList->addItem(tr("Saved filters"));
    m_savedList->addItems(m_saved.names());
    m_savedList->setCurrentIndex(select.isEmpty() ? 0 : std::max(m_savedList->findText(select), 0));
    m_delete->setEnabled(m_savedList->currentIndex() > 0);
}

void FilterBar::askSaveName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"saveFilterDialog"_s);
    dialog->setWindowTitle(tr("Save filter"));
    dialog->setLabelText(tr("Name for the current filter (a saved filter of that name is replaced):"));
    dialog->setTextValue(m_savedList->currentIndex() > 0 ? m_savedList->currentText() : QString());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QInputDialog::textValueSelected, this, &FilterBar::saveAs);
    dialog->open();
}

void FilterBar::retranslateUi()
{
    m_text->setPlaceholderText(tr("Search Call-ID, From, To, profiles, origin, contacts, headers (Ctrl+F)"));
    m_text->setToolTip(
        tr("Shows the dialogs whose texts contain this, in any case; Esc clears every filter"));
    m_states->setAccessibleName(tr("State"));
    m_states->setToolTip(tr("Show only dialogs in the checked states"));
    const QList<QAction *> states = m_stateMenu->actions();
    for (QAction *action : states)
    {
        action->setText(DialogFormat::stateText(action->data().toInt()));
    }
    m_profile->setAccessibleName(tr("Profile"));
    m_profile->setPlaceholderText(tr("Profile"));
    m_profile->setToolTip(tr("Show only dialogs in this profile (exact name)"));
    m_value->setPlaceholderText(m_emptyValue ? tr("(empty value)") : tr("any value"));
    m_value->setToolTip(tr("With a profile: show only dialogs with this value in it (exact)"));
    m_value->setAccessibleName(tr("Profile value"));
    m_origin->setAccessibleName(tr("Origin"));
    m_origin->setItemText(0, tr("Any origin"));
    m_origin->setToolTip(tr("Show only dialogs seen on the mirror, or listed by this proxy"));
    m_age->setAccessibleName(tr("Older than"));
    m_age->setSpecialValueText(tr("Any age"));
    //: Before the number of minutes in the age filter ("≥ 10 min": older than 10 minutes)
    m_age->setPrefix(tr("≥ "));
    m_age->setSuffix(tr(" min"));
    m_age->setToolTip(tr("Show only dialogs whose INVITE is at least this many minutes old"));
    m_from->setAccessibleName(tr("From"));
    m_from->setPlaceholderText(tr("From, e.g. sip:+4930*"));
    m_from->setToolTip(tr("Wildcard over the whole From URI: * any text, ? one character; any case"));
    m_to->setAccessibleName(tr("To"));
    m_to->setPlaceholderText(tr("To, e.g. *@carrier.example"));
    m_to->setToolTip(tr("Wildcard over the whole To URI: * any text, ? one character; any case"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Drop every filter (Esc)"));
    m_savedList->setItemText(0, tr("Saved filters"));
    m_savedList->setToolTip(tr("Apply a saved filter"));
    m_save->setText(tr("Save…"));
    m_save->setToolTip(tr("Save the current filter under a name"));
    m_delete->setText(tr("Delete"));
    m_delete->setToolTip(tr("Delete the saved filter chosen in the list"));
    m_focusAction->setText(tr("&Filter dialogs"));
    m_focusAction->setStatusTip(tr("Move the keyboard focus to the dialog filter"));
    m_clearAction->setText(tr("Clear filters"));
    for (int i = 1; i < m_origin->count(); ++i)
    {
        if (m_origin->itemData(i).toString() == "mirror"_L1)
        {
            m_origin->setItemText(i, tr("Mirror"));
        }
    }
    updateStatesText();
    updateCount();
}
