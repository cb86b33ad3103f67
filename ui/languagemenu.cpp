// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/languagemenu.h"

#include <QActionGroup>
#include <QEvent>
#include <QHash>
#include <QLocale>

using namespace Qt::StringLiterals;

LanguageMenu::LanguageMenu(const QStringList &languages, const QString &current, QWidget *parent)
    : QMenu(parent)
    , m_group(new QActionGroup(this))
    , m_system(new QAction(this))
{
    setObjectName(u"languageMenu"_s);
    m_group->setExclusive(true);
    m_system->setCheckable(true);
    m_system->setData(QString());
    m_group->addAction(m_system);
    addAction(m_system);
    addSeparator();
    QStringList all = languages;
    if (!all.contains(u"en"_s))
    {
        all.prepend(u"en"_s); // the source language needs no catalogue
    }
    for (const QString &code : std::as_const(all))
    {
        // Each language by its own name, so that anyone can find theirs.
        auto *action = new QAction(u"%1 (%2)"_s.arg(nativeName(code), code), this);
        action->setCheckable(true);
        action->setData(code);
        m_group->addAction(action);
        addAction(action);
    }
    setCurrent(current);
    connect(m_group, &QActionGroup::triggered, this,
            [this](QAction *action) { emit languageChosen(action->data().toString()); });
    retranslateUi();
}

QString LanguageMenu::nativeName(const QString &code)
{
    // CLDR's native names carry a territory for some locales ("American English", "español de
    // España"); the languages CallDeck ships are named plainly.
    static const QHash<QString, QString> known{
        {u"de"_s, u"Deutsch"_s}, {u"en"_s, u"English"_s}, {u"es"_s, u"Español"_s}, {u"fr"_s, u"Français"_s}};
    if (const auto it = known.constFind(code); it != known.constEnd())
    {
        return *it;
    }
    QString name = QLocale(code).nativeLanguageName();
    if (name.isEmpty())
    {
        return code;
    }
    name[0] = name[0].toUpper();
    return name;
}

QString LanguageMenu::current() const
{
    const QAction *checked = m_group->checkedAction();
    return checked ? checked->data().toString() : QString();
}

void LanguageMenu::setCurrent(const QString &language)
{
    for (QAction *action : m_group->actions())
    {
        if (action->data().toString() == language)
        {
            action->setChecked(true);
            return;
        }
    }
    m_system->setChecked(true);
}

void LanguageMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QMenu::changeEvent(event);
}

void LanguageMenu::retranslateUi()
{
    setTitle(tr("&Language"));
    m_system->setText(tr("System default"));
    m_system->setStatusTip(tr("Follow the language of the desktop session"));
}
