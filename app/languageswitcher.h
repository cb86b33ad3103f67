// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class AppSettings;
class EventLog;
class LanguageMenu;
class MainWindow;
class TranslationLoader;

/// @brief Settings → Language of the console: puts a LanguageMenu into the main window and, when
/// the operator picks a language, saves it (AppSettings' language, used at the next start unless
/// --lang says otherwise) and swaps the catalogues at once; every window retranslates itself.
class LanguageSwitcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageSwitcher)

public:
    /// @param current the language in use ("" = the system's): --lang, else the saved one
    /// @param languages the catalogues to offer (TranslationLoader::availableLanguages())
    LanguageSwitcher(TranslationLoader &translations, AppSettings &settings, EventLog *log,
                     MainWindow &window, const QString &current, const QStringList &languages,
                     QObject *parent = nullptr);

    LanguageMenu *menu() const { return m_menu; }
    /// @brief What choosing @p language in the menu does.
    void switchTo(const QString &language);

private:
    TranslationLoader &m_translations;
    AppSettings &m_settings;
    EventLog *m_log;
    LanguageMenu *m_menu;
};
