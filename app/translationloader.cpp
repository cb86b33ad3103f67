// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/translationloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

#include "app/applogging.h"

using namespace Qt::StringLiterals;

namespace
{
const QString CatalogueDir = u":/i18n"_s;
} // namespace

TranslationLoader::~TranslationLoader()
{
    if (m_installed)
    {
        QCoreApplication::removeTranslator(&m_calldeck);
        QCoreApplication::removeTranslator(&m_qtbase);
    }
}

bool TranslationLoader::install(const QString &language)
{
    if (m_installed)
    {
        // Switching while running: the old catalogues go first; installing the new ones sends
        // LanguageChange to every widget.
        QCoreApplication::removeTranslator(&m_calldeck);
        QCoreApplication::removeTranslator(&m_qtbase);
        m_installed = false;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    const bool found = m_calldeck.load(locale, u"calldeck"_s, u"_"_s, CatalogueDir);
    if (found)
    {
        QCoreApplication::installTranslator(&m_calldeck);
    }
    if (m_qtbase.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    {
        QCoreApplication::installTranslator(&m_qtbase);
    }
    m_installed = true;
    qCDebug(lcApp) << "translations for" << locale.name() << (found ? "loaded" : "not found, using English");
    return found || language.isEmpty() || locale.language() == QLocale::English;
}

QStringList TranslationLoader::availableLanguages()
{
    QStringList languages;
    const QStringList files = QDir(CatalogueDir).entryList({u"calldeck_*.qm"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
    {
        languages.append(file.mid(9, file.size() - 9 - 3)); // "calldeck_" ... ".qm"
    }
    return languages;
}
