// SPDX-License-Identifier: GPL-3.0-or-later
// Settings → Language: the menu lists "System default" and each language by its own name, one
// checked; choosing one saves it, reports it and retranslates the menu at once.
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "app/languageswitcher.h"
#include "app/translationloader.h"
#include "backend/appsettings.h"
#include "backend/coreworker.h"
#include "backend/eventlog.h"
#include "tests/ui/testengine.h"
#include "ui/languagemenu.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;

namespace
{

/// Translates the menu's title only, so a test needs no catalogue.
class TitleTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return QByteArray(context) == "LanguageMenu" && QByteArray(source) == "&Language" ? u"&Sprache"_s
                                                                                          : QString();
    }
    bool isEmpty() const override { return false; }
};

QStringList texts(const QMenu &menu)
{
    QStringList out;
    for (const QAction *a : menu.actions())
    {
        if (!a->isSeparator())
        {
            out << a->text() + (a->isChecked() ? u" *"_s : QString());
        }
    }
    return out;
}

} // namespace

class TestLanguageMenu final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listsLanguagesByTheirOwnNames();
    void choosingEmitsAndRetranslates();
    void switcherSavesAndReports();

private:
    QTemporaryDir m_dir;
};

void TestLanguageMenu::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_languagemenu"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    AppSettings().setLanguage(QString());
}

void TestLanguageMenu::listsLanguagesByTheirOwnNames()
{
    const LanguageMenu menu({u"de"_s, u"es"_s, u"fr"_s}, u"fr"_s);
    QCOMPARE(texts(menu), (QStringList{u"System default"_s, u"English (en)"_s, u"Deutsch (de)"_s,
                                       u"Español (es)"_s, u"Français (fr) *"_s}));
    QCOMPARE(menu.current(), u"fr"_s);
    const LanguageMenu unknown({u"de"_s}, u"xx"_s); // a saved language CallDeck no longer ships
    QCOMPARE(unknown.current(), QString());
    QVERIFY(texts(unknown).first().endsWith(u" *"_s));
}

void TestLanguageMenu::choosingEmitsAndRetranslates()
{
    LanguageMenu menu({u"de"_s}, QString());
    QSignalSpy chosen(&menu, &LanguageMenu::languageChosen);
    menu.actions().at(3)->trigger(); // Deutsch
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), u"de"_s);
    QCOMPARE(menu.current(), u"de"_s);
    QCOMPARE(menu.title(), u"&Language"_s);
    TitleTranslator translator;
    QCoreApplication::installTranslator(&translator);
    QTRY_COMPARE(menu.title(), u"&Sprache"_s);
    QCoreApplication::removeTranslator(&translator);
    QTRY_COMPARE(menu.title(), u"&Language"_s);
}

void TestLanguageMenu::switcherSavesAndReports()
{
    TestEngine engine;
    EventLog log;
    MainWindow window(&log, engine.services(), MainWindow::Options{});
    AppSettings settings;
    TranslationLoader translations;
    LanguageSwitcher switcher(translations, settings, &log, window, QString(), {u"de"_s, u"fr"_s});
    QVERIFY(window.findChild<LanguageMenu *>(u"languageMenu"_s));
    switcher.switchTo(u"de"_s);
    QCOMPARE(AppSettings().language(), u"de"_s);
    QCOMPARE(switcher.menu()->current(), u"de"_s);
    QCOMPARE(QLocale().language(), QLocale::German);
    QVERIFY(log.entries().constLast().message.startsWith(u"Language: Deutsch"_s));
    switcher.switchTo(QString());
    QCOMPARE(AppSettings().language(), QString());
    QCOMPARE(switcher.menu()->current(), QString());
}

QTEST_MAIN(TestLanguageMenu)
#include "tst_languagemenu.moc"
