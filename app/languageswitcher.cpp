// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/languageswitcher.h"

#include <QLocale>

#include "app/translationloader.h"
#include "backend/appsettings.h"
#include "backend/eventlog.h"
#include "ui/languagemenu.h"
#include "ui/mainwindow.h"

LanguageSwitcher::LanguageSwitcher(TranslationLoader &translations, AppSettings &settings, EventLog *log,
                                   MainWindow &window, const QString &current, const QStringList &languages,
                                   QObject *parent)
    : QObject(parent)
    , m_translations(translations)
    , m_settings(settings)
    , m_log(log)
    , m_menu(new LanguageMenu(languages, current, &window))
{
    window.addSettingsMenu(m_menu);
    connect(m_menu, &LanguageMenu::languageChosen, this, &LanguageSwitcher::switchTo);
}

void LanguageSwitcher::switchTo(const QString &language)
{
    m_settings.setLanguage(language);
    m_translations.install(language);
    m_menu->setCurrent(language);
    if (m_log)
    {
        const QString name = language.isEmpty()
                                 ? tr("the system's language (%1)").arg(QLocale::system().name())
                                 : QLocale(language).nativeLanguageName();
        m_log->append(EventLogEntry::Severity::Info, QStringLiteral("app"), tr("Language: %1.").arg(name));
    }
}
