// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>

#include <curl/curl.h>

#include <QCoreApplication>
#include <QStringList>

#ifdef CALLDECK_WITH_GUI
#include <QApplication>
#include <QIcon>

#include "app/application.h"
#include "app/engine.h"
#include "app/languageswitcher.h"
#include "ui/charts/chartexport.h"
#include "ui/chartspage.h"
#include "ui/exportmenu.h"
#include "ui/mainwindow.h"
#endif
#include "app/commandlineoptions.h"
#include "app/headlessrunner.h"
#include "app/translationloader.h"
#include "backend/appsettings.h"

using namespace Qt::StringLiterals;

namespace
{
void printLine(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    if (!text.endsWith(u'\n'))
    {
        std::fputc('\n', stream);
    }
    std::fflush(stream);
}

QStringList argumentList(const int argc, char **argv)
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
    {
        arguments.append(QString::fromLocal8Bit(argv[i]));
    }
    return arguments;
}

/// Installs the catalogues for --lang, else the saved language, else the system locale.
/// Returns a translated note when the requested language has no catalogue.
QString installTranslations(TranslationLoader &translations, const CommandLineOptions &options)
{
    QString language = options.language();
    if (language.isEmpty())
    {
        language = AppSettings().language();
    }
    if (translations.install(language))
    {
        return {};
    }
    return QCoreApplication::translate("main", "calldeck: there is no %1 translation of CallDeck yet; using "
                                               "English. Available: %2.")
        .arg(language, TranslationLoader::availableLanguages().join(u", "_s));
}

/// Prints what a non-running outcome asks for and returns its exit code.
int finish(const CommandLineOptions &options)
{
    switch (options.outcome())
    {
    case CommandLineOptions::Outcome::ShowHelp:
        printLine(stdout, options.helpText());
        break;
    case CommandLineOptions::Outcome::ShowVersion:
        printLine(stdout, CommandLineOptions::versionText());
        break;
    case CommandLineOptions::Outcome::UsageError:
    case CommandLineOptions::Outcome::NotAvailableYet:
        for (const QString &error : options.errors())
        {
            printLine(stderr, error);
        }
        break;
    case CommandLineOptions::Outcome::Run:
        break;
    }
    return options.exitCode();
}

/// --help, --version and every error: no display needed, so no QApplication.
int runCommandLine(int argc, char **argv)
{
    const QCoreApplication app(argc, argv);
    TranslationLoader translations;
    const CommandLineOptions preliminary = CommandLineOptions::parse(QCoreApplication::arguments());
    installTranslations(translations, preliminary);
    // Parse again now that the catalogues are installed, so the messages come out translated.
    return finish(CommandLineOptions::parse(QCoreApplication::arguments()));
}

/// --headless: the engine without a window; needs no display either.
int runHeadless(int argc, char **argv)
{
    const QCoreApplication app(argc, argv);
    TranslationLoader translations;
    const QString languageNote =
        installTranslations(translations, CommandLineOptions::parse(QCoreApplication::arguments()));
    if (!languageNote.isEmpty())
    {
        printLine(stderr, languageNote);
    }
    const CommandLineOptions options = CommandLineOptions::parse(QCoreApplication::arguments());
    if (options.outcome() != CommandLineOptions::Outcome::Run)
    {
        return finish(options);
    }
    HeadlessRunner runner(options);
    return runner.exec();
}

int runConsole(int argc, char **argv)
{
#ifdef CALLDECK_WITH_GUI
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(u":/icons/calldeck.png"_s));
    TranslationLoader translations;
    const QString languageNote =
        installTranslations(translations, CommandLineOptions::parse(QCoreApplication::arguments()));
    if (!languageNote.isEmpty())
    {
        printLine(stderr, languageNote);
    }
    const CommandLineOptions options = CommandLineOptions::parse(QCoreApplication::arguments());
    if (options.outcome() != CommandLineOptions::Outcome::Run)
    {
        return finish(options);
    }
    Application application(options, languageNote);
    const LanguageSwitcher languages(
        translations, *application.settings(), application.eventLog(), *application.mainWindow(),
        options.language().isEmpty() ? application.settings()->language() : options.language(),
        TranslationLoader::availableLanguages());
    if (ProfileSampler *sampler = application.engine()->sampler())
    {
        auto *charts = new ChartsPage(*sampler);
        application.mainWindow()->addPage(charts);
        // The incident pack's chart pictures (File → Export → Incident pack…).
        application.mainWindow()->exportMenu()->setChartImagesProvider(
            [charts](bool masked) { return charts->renderPngs(ChartExport::DefaultSize, masked); });
        if (qEnvironmentVariable("CALLDECK_SHOW_PAGE") == "charts"_L1) // screenshots and demos
        {
            application.mainWindow()->showPage(charts);
        }
    }
    return application.exec();
#else
    Q_UNUSED(argc)
    Q_UNUSED(argv)
    printLine(stderr, u"calldeck: this build has no console window (configured with "
                      u"-DCALLDECK_BUILD_GUI=OFF); reconfigure with -DCALLDECK_BUILD_GUI=ON to open it."_s);
    return CommandLineOptions::ExitNotAvailable;
#endif
}
} // namespace

int main(int argc, char **argv)
{
    // Once, before any thread starts (house style §6.4).
    if (const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
    {
        std::fprintf(stderr,
                     "calldeck: libcurl failed to initialise (%s); check the libcurl4 installation.\n",
                     curl_easy_strerror(code));
        return 1;
    }

    QCoreApplication::setOrganizationName(u"CallDeck"_s);
    QCoreApplication::setApplicationName(u"calldeck"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLDECK_VERSION));

    // Decide before creating the application object: only the console itself needs a display.
    const CommandLineOptions first = CommandLineOptions::parse(argumentList(argc, argv));
    int exitCode = 0;
    if (first.outcome() != CommandLineOptions::Outcome::Run)
    {
        exitCode = runCommandLine(argc, argv);
    }
    else if (first.headless())
    {
        exitCode = runHeadless(argc, argv);
    }
    else
    {
        exitCode = runConsole(argc, argv);
    }
    curl_global_cleanup();
    return exitCode;
}
