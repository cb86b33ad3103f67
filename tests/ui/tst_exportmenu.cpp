// SPDX-License-Identifier: GPL-3.0-or-later
// File → Export in the console window: the menu and its shortcuts; the table CSV parsed back equal
// to the view (visible columns in view order, filtered rows, commas, quotes, newlines, non-ASCII,
// formula prefixes); the JSON with the same dialogs in the same order; the selected dialogs' pcap
// through the real core read by tshark; the incident pack dialog's checks; cancel leaves no file.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "backend/eventlog.h"
#include "tests/support/siptrafficgenerator.h"
#include "tests/ui/dialogrows.h"
#include "tests/ui/testengine.h"
#include "ui/dialogfilter.h"
#include "ui/exportmenu.h"
#include "ui/exportrunner.h"
#include "ui/filterbar.h"
#include "ui/incidentpackdialog.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;
using namespace calldeck::testsupport;

namespace
{
using Table = QList<QStringList>;

/// A strict RFC 4180 reader (CRLF records, "" for a quote inside a quoted field).
bool parseCsv(const QString &text, Table &out)
{
    QStringList record;
    QString field;
    qsizetype i = 0;
    while (i < text.size())
    {
        if (text[i] == u'"')
        {
            for (++i;; ++i)
            {
                if (i >= text.size())
                {
                    return false;
                }
                if (text[i] == u'"')
                {
                    if (i + 1 < text.size() && text[i + 1] == u'"')
                    {
                        field += u'"';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i];
            }
        }
        else
        {
            while (i < text.size() && text[i] != u',' && text[i] != u'\r' && text[i] != u'\n')
            {
                if (text[i] == u'"')
                {
                    return false;
                }
                field += text[i++];
            }
        }
        record << field;
        field.clear();
        if (i < text.size() && text[i] == u',')
        {
            ++i;
            continue;
        }
        if (text.mid(i, 2) != u"\r\n"_s)
        {
            return false;
        }
        out << record;
        record.clear();
        i += 2;
    }
    return record.isEmpty();
}

bool waitForDone(QSignalSpy &spy, int timeoutMs = 20000)
{
    return !spy.isEmpty() || spy.wait(timeoutMs);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Rows whose texts need every rule of RFC 4180 and the formula guard.
DialogDelta awkwardRows()
{
    DialogDelta delta;
    const std::vector<std::pair<std::string, std::string>> texts{
        {"comma,call@host", "\"Alice, \"\"the\"\" boss\" <sip:alice@example.com>"},
        {"line\r\nbreak@host", "sip:bob@example.net"},
        {"=HYPERLINK(\"http://evil\")", "sip:Jürgen.Groß@例え.jp"},
        {"+4930123@host", "-2+3"},
        {"@SUM(A1)", "\tsip:tab@example.com"},
    };
    quint64 key = 1;
    for (const auto &[callId, from] : texts)
    {
        DialogRow row = DialogRows::make(key++);
        row.dialog.callId = callId;
        row.dialog.fromUri = from;
        delta.upserts.push_back(row);
    }
    return delta;
}
} // namespace

class TestExportMenu final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menuAndShortcuts();
    void csvEqualsTheViewAndJsonTheDialogs();
    void selectedDialogsAsPcapReadByTshark();
    void packDialogChecksTheName();
    void cancelLeavesNoFile();
    void progressDialogCancelsAWaitingExport();

private:
    QTemporaryDir m_dir;
};

void TestExportMenu::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_exportmenu"_s);
    QVERIFY(m_dir.isValid());
}

void TestExportMenu::menuAndShortcuts()
{
    TestEngine engine;
    EventLog log;
    MainWindow window(&log, engine.services(), {});
    ExportMenu *exports = window.exportMenu();
    QVERIFY(exports);
    QCOMPARE(exports->menu()->title(), u"&Export"_s);
    QStringList texts;
    for (QAction *action : exports->menu()->actions())
    {
        if (!action->isSeparator())
        {
            texts << action->text();
        }
    }
    QCOMPARE(texts, (QStringList{u"Table as &CSV…"_s, u"Table as &JSON…"_s, u"Selected dialogs as &pcap…"_s,
                                 u"&Incident pack…"_s}));
    QCOMPARE(exports->csvAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QCOMPARE(exports->packAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    // Listed in Help → Keyboard shortcuts, and no shortcut taken twice.
    const QList<QAction *> shortcuts = window.shortcutActions();
    QVERIFY(shortcuts.contains(exports->pcapAction()));
    QSet<QString> seen;
    for (const QAction *action : shortcuts)
    {
        QVERIFY2(!seen.contains(action->shortcut().toString()), qPrintable(action->shortcut().toString()));
        seen.insert(action->shortcut().toString());
    }
    // The pcap of nothing selected says what to do instead of writing an empty file.
    window.show();
    QVERIFY(!exports->exportSelectedPcap(m_dir.filePath(u"none.pcap"_s)));
    QVERIFY(!QFile::exists(m_dir.filePath(u"none.pcap"_s)));
}

void TestExportMenu::csvEqualsTheViewAndJsonTheDialogs()
{
    TestEngine engine;
    EventLog log;
    MainWindow window(&log, engine.services(), {});
    window.dialogModel()->apply(awkwardRows());
    QTableView *view = window.dialogTable();
    QCOMPARE(view->model()->rowCount(), 5);
    // The operator's view: a column hidden, another moved to the front, sorted by Call-ID.
    view->horizontalHeader()->setSectionHidden(DialogTableModel::ProfilesColumn, true);
    view->horizontalHeader()->moveSection(view->horizontalHeader()->visualIndex(DialogTableModel::FromColumn),
                                          0);
    view->sortByColumn(DialogTableModel::CallIdColumn, Qt::DescendingOrder);

    const QString csvPath = m_dir.filePath(u"table.csv"_s);
    QSignalSpy done(window.exportMenu(), &ExportMenu::done);
    QVERIFY(window.exportMenu()->exportTableCsv(csvPath));
    QVERIFY(waitForDone(done));
    QVERIFY(done.first().first().value<ExportResult>().ok());
    const QByteArray bytes = readAll(csvPath);
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    Table table;
    QVERIFY(parseCsv(QString::fromUtf8(bytes.mid(3)), table));

    // Expected: the view's texts, visible columns in view order, with the formula guard.
    const QHeaderView *header = view->horizontalHeader();
    QStringList expectedHeader;
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual)
    {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
        {
            columns << logical;
            expectedHeader << view->model()->headerData(logical, Qt::Horizontal).toString();
        }
    }
    QCOMPARE(expectedHeader.first(),
             window.dialogModel()->headerData(DialogTableModel::FromColumn, Qt::Horizontal).toString());
    QVERIFY(!expectedHeader.contains(
        window.dialogModel()->headerData(DialogTableModel::ProfilesColumn, Qt::Horizontal).toString()));
    QCOMPARE(table.size(), 6);
    QCOMPARE(table.first(), expectedHeader);
    static const QString formulaStart = u"=+-@\t\r"_s;
    int guarded = 0;
    for (int row = 0; row < 5; ++row)
    {
        QStringList expected;
        for (const int column : columns)
        {
            const QString text = view->model()->index(row, column).data().toString();
            const bool negativeNumber = QRegularExpression(u"^-\\d+(\\.\\d+)?$"_s).match(text).hasMatch();
            const bool guard = !text.isEmpty() && formulaStart.contains(text[0]) && !negativeNumber;
            guarded += guard ? 1 : 0;
            expected << (guard ? u"'"_s : QString()) + text;
        }
        QCOMPARE(table[row + 1], expected);
    }
    QVERIFY(guarded >= 5); // =HYPERLINK, +4930123, -2+3, @SUM, TAB
    QVERIFY(QString::fromUtf8(bytes).contains(u"Jürgen.Groß@例え.jp"_s));

    // Filtered: only the rows the filter shows.
    DialogFilter filter;
    filter.text = u"comma"_s;
    window.filterBar()->setFilter(filter);
    QTRY_COMPARE(view->model()->rowCount(), 1);
    const QString jsonPath = m_dir.filePath(u"table.json"_s);
    done.clear();
    QVERIFY(window.exportMenu()->exportTableJson(jsonPath));
    QVERIFY(waitForDone(done));
    const QJsonArray json = QJsonDocument::fromJson(readAll(jsonPath)).array();
    QCOMPARE(json.size(), 1);
    QCOMPARE(json.at(0)[u"call-id"_s].toString(), u"comma,call@host"_s);
    QCOMPARE(json.at(0)[u"h_entry"_s].toInt(), 1);
}

void TestExportMenu::selectedDialogsAsPcapReadByTshark()
{
    TestEngine engine;
    EventLog log;
    MainWindow window(&log, engine.services(), {});
    window.show();
    const quint16 feed = engine.sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch() * 1000;
    for (int n = 1; n <= 3; ++n)
    {
        gen.setup(std::uint64_t(n), CallKind::CallerHangsUp, now + n * 1000, sent);
    }
    PacketBatch batch;
    for (const GeneratedMessage &m : sent)
    {
        batch.add(m.text, m.meta, feed);
    }
    QVERIFY(engine.queue.push(std::move(batch)));
    QTableView *view = window.dialogTable();
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, 10000);

    // Select the row of call 2 only.
    for (int row = 0; row < 3; ++row)
    {
        if (view->model()->index(row, DialogTableModel::CallIdColumn).data().toString() ==
            QString::fromStdString(gen.callId(2)))
        {
            view->selectRow(row);
        }
    }
    const QString path = m_dir.filePath(u"selected.pcap"_s);
    QSignalSpy done(window.exportMenu(), &ExportMenu::done);
    QVERIFY(window.exportMenu()->exportSelectedPcap(path));
    QVERIFY(waitForDone(done));
    const ExportResult result = done.first().first().value<ExportResult>();
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QCOMPARE(window.statusBar()->currentMessage(), done.first().at(1).toString());

    QProcess tshark;
    tshark.start(u"tshark"_s, {u"-r"_s, path, u"-T"_s, u"fields"_s, u"-E"_s, u"separator=|"_s, u"-e"_s,
                               u"frame.time_epoch"_s, u"-e"_s, u"ip.src"_s, u"-e"_s, u"udp.srcport"_s,
                               u"-e"_s, u"sip.Call-ID"_s, u"-e"_s, u"sip.CSeq.method"_s});
    QVERIFY(tshark.waitForFinished(30000));
    const QStringList rows =
        QString::fromUtf8(tshark.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    QStringList expected;
    for (const GeneratedMessage &m : sent)
    {
        if (m.text.find(gen.callId(2)) != std::string::npos)
        {
            const QString time = QString::number(m.meta.timeUs / 1000000) + u'.' +
                                 u"%1"_s.arg(m.meta.timeUs % 1000000, 6, 10, QChar(u'0')) + u"000"_s;
            const std::size_t cseq = m.text.find("CSeq: 1 ") + 8;
            expected << QStringList{time, QString::fromStdString(m.meta.src.addressText()),
                                    QString::number(m.meta.src.port), QString::fromStdString(gen.callId(2)),
                                    QString::fromStdString(
                                        m.text.substr(cseq, m.text.find("\r\n", cseq) - cseq))}
                            .join(u'|');
        }
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(rows, expected);
    QCOMPARE(result.messages, int(expected.size()));

    // The incident pack of the same window: the chart pictures from the provider, masked numbers.
    bool picturesMasked = false;
    window.exportMenu()->setChartImagesProvider([&picturesMasked](bool masked) {
        picturesMasked = masked;
        return QList<std::pair<QString, QByteArray>>{{u"chart-profiles.png"_s, QByteArray("\x89PNG-fake")}};
    });
    const QString pack = m_dir.filePath(u"pack.tar.gz"_s);
    done.clear();
    QVERIFY(window.exportMenu()->exportIncidentPack(pack, true));
    QVERIFY(waitForDone(done));
    QVERIFY(done.first().first().value<ExportResult>().ok());
    QVERIFY(picturesMasked); // the renderer was told: no profile values in the pictures
    const QString out = m_dir.filePath(u"pack"_s);
    QVERIFY(QDir().mkpath(out));
    QProcess tar;
    tar.start(u"tar"_s, {u"-xzf"_s, pack, u"-C"_s, out});
    QVERIFY(tar.waitForFinished(30000) && tar.exitCode() == 0);
    const QJsonObject manifest = QJsonDocument::fromJson(readAll(out + u"/manifest.json"_s)).object();
    QStringList names;
    for (const QJsonValue &f : manifest[u"files"_s].toArray())
    {
        names << f[u"name"_s].toString();
    }
    QCOMPARE(names, (QStringList{u"table.csv"_s, u"dialogs.json"_s, u"messages.pcap"_s,
                                 u"charts/chart-profiles.png"_s}));
    QVERIFY(manifest[u"what"_s].toString().contains(u"messages of the selected dialogs (1)"_s));
    for (const QString &name : names)
    {
        const QByteArray data = readAll(out + u'/' + name);
        for (int n = 1; n <= 3; ++n)
        {
            QVERIFY2(!data.contains(QByteArray::number(4930123410000 + n)), qPrintable(name));
            QVERIFY2(!data.contains(QByteArray::number(4940555110000 + 7 * n)), qPrintable(name));
        }
    }
    // The table as shown: a header and the three rows, masked.
    Table table;
    QVERIFY(parseCsv(QString::fromUtf8(readAll(out + u"/table.csv"_s).mid(3)), table));
    QCOMPARE(table.size(), 4);
}

void TestExportMenu::packDialogChecksTheName()
{
    IncidentPackDialog dialog(m_dir.filePath(u"pack.zip"_s), false);
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.problem().contains(u"end the file name in .tar.gz"_s), qPrintable(dialog.problem()));
    dialog.setPath(u"/nonexistent-dir/pack.tar.gz"_s);
    dialog.accept();
    QVERIFY2(dialog.problem().contains(u"does not exist; choose an existing folder"_s),
             qPrintable(dialog.problem()));
    dialog.setPath(m_dir.filePath(u"pack.tar.gz"_s));
    dialog.setMask(true);
    dialog.accept();
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.mask());
}

void TestExportMenu::cancelLeavesNoFile()
{
    TestEngine engine;
    EventLog log;
    MainWindow window(&log, engine.services(), {});
    ExportRunner *runner = window.exportMenu()->runner();
    // The export of every dialog waits for a busy core, so the cancel always comes before the
    // file (on a loaded machine a big CSV could be written before the cancel; writing cancelled
    // halfway is tst_exportjob's).
    engine.worker.post([](CoreContext &) { QThread::msleep(1000); });
    ExportRequest request;
    request.kind = ExportRequest::Kind::Csv;
    request.wholeCore = true;
    request.path = m_dir.filePath(u"big.csv"_s);
    QSignalSpy done(runner, &ExportRunner::done);
    QSignalSpy running(runner, &ExportRunner::runningChanged);
    QVERIFY(runner->start(request));
    QVERIFY(!runner->start(request)); // one at a time
    QVERIFY(!window.exportMenu()->csvAction()->isEnabled());
    runner->cancel();
    QVERIFY(waitForDone(done));
    QCOMPARE(done.first().first().value<ExportResult>().status, ExportResult::Status::Cancelled);
    QVERIFY(!QFile::exists(request.path));
    QCOMPARE(QDir(m_dir.path()).entryList({u"big.csv*"_s}, QDir::Files), QStringList());
    QVERIFY(window.exportMenu()->csvAction()->isEnabled());
    QCOMPARE(running.size(), 2);
}

void TestExportMenu::progressDialogCancelsAWaitingExport()
{
    TestEngine engine;
    EventLog log;
    MainWindow window(&log, engine.services(), {});
    window.show();
    // The core is busy for a while: the export waits for it, so its progress dialog shows.
    engine.worker.post([](CoreContext &) { QThread::msleep(1500); });
    ExportRunner *runner = window.exportMenu()->runner();
    ExportRequest request;
    request.kind = ExportRequest::Kind::Pcap;
    request.path = m_dir.filePath(u"waiting.pcap"_s);
    request.messageKeys = {1, 2, 3};
    QSignalSpy done(runner, &ExportRunner::done);
    QVERIFY(runner->start(request));
    QTRY_VERIFY_WITH_TIMEOUT(runner->progressDialog() && runner->progressDialog()->isVisible(), 1200);
    QVERIFY(runner->progressDialog()->labelText().contains(u"waiting.pcap"_s));
    QPushButton *cancel = runner->progressDialog()->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(waitForDone(done));
    QCOMPARE(done.first().first().value<ExportResult>().status, ExportResult::Status::Cancelled);
    QVERIFY(!QFile::exists(request.path));
    QTRY_VERIFY(!runner->progressDialog());
    QCOMPARE(window.statusBar()->currentMessage(), done.first().at(1).toString());
    QVERIFY(window.statusBar()->currentMessage().contains(u"cancelled; nothing was written"_s));
}

QTEST_MAIN(TestExportMenu)
#include "tst_exportmenu.moc"
