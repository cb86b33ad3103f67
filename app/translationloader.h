// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTranslator>

/// @brief Installs CallDeck's catalogue (embedded under :/i18n) and Qt's own qtbase catalogue
/// for one language. Create it after the application object; it uninstalls itself when destroyed.
class TranslationLoader final
{
    Q_DISABLE_COPY_MOVE(TranslationLoader)

public:
    TranslationLoader() = default;
    ~TranslationLoader();

    /// @brief Loads and installs the catalogues for @p language ("de", "fr_CA", ...), or for the
    /// system locale when it is empty (either becomes QLocale's default). Called again, it
    /// replaces the catalogues it installed before (a switch while running).
    /// @return false when CallDeck has no catalogue for an explicitly requested non-English language
    bool install(const QString &language);

    /// @brief Languages CallDeck ships a catalogue for, e.g. {"de", "es", "fr"}.
    static QStringList availableLanguages();

private:
    QTranslator m_calldeck;
    QTranslator m_qtbase;
    bool m_installed = false;
};
