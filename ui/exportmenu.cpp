// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/exportmenu.h"

#include <algorithm>

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>

#include "ui/exportrunner.h"
#include "ui/incidentpackdialog.h"
#include "ui/models/dialogtablemodel.h"
#include "ui/tableexportdata.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int StatusMessageMs = 8000;
constexpr quint64 ProxyOnlyBit = quint64(1) << 63; // DialogRow::key of a dialog only a proxy lists
} // namespace

ExportMenu::ExportMenu(QMainWindow *window, QTableView *view, DialogTableModel *model, CoreWorker *worker)
    : QObject(window)
    , m_window(window)
    , m_view(view)
    , m_model(model)
    , m_worker(worker)
    , m_runner(new ExportRunner(worker, window))
    , m_dirSetting(u"Export/Directory"_s)
{
    m_menu = new QMenu(window);
    m_menu->setObjectName(u"exportMenu"_s);
    m_csv = m_menu->addAction(QString());
    m_csv->setObjectName(u"exportCsvAction"_s);
    m_csv->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_json = m_menu->addAction(QString());
    m_json->setObjectName(u"exportJsonAction"_s);
    m_json->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    m_pcap = m_menu->addAction(QString());
    m_pcap->setObjectName(u"exportPcapAction"_s);
    m_pcap->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_menu->addSeparator();
    m_pack = m_menu->addAction(QString());
    m_pack->setObjectName(u"exportPackAction"_s);
    m_pack->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    // The shortcuts work while the menu is closed (the window owns the actions too).
    window->addActions({m_csv, m_json, m_pcap, m_pack});

    connect(m_csv, &QAction::triggered, this, [this] {
        askFile(tr("Export table as CSV"), tr("CSV files (*.csv)"), u"csv"_s,
                [this](const QString &path) { exportTableCsv(path); });
    });
    connect(m_json, &QAction::triggered, this, [this] {
        askFile(tr("Export table as JSON"), tr("JSON files (*.json)"), u"json"_s,
                [this](const QString &path) { exportTableJson(path); });
    });
    connect(m_pcap, &QAction::triggered, this, [this] {
        if (checkPcapSelection(TableExportData::selectedKeys(*m_view)))
        {
            askFile(tr("Export selected dialogs as pcap"), tr("Captures (*.pcap)"), u"pcap"_s,
                    [this](const QString &path) { exportSelectedPcap(path); });
        }
    });
    connect(m_pack, &QAction::triggered, this, &ExportMenu::askPack);
    connect(m_runner, &ExportRunner::runningChanged, this, [this](bool running) {
        for (QAction *action : {m_csv, m_json, m_pcap, m_pack})
        {
            action->setEnabled(!running); // one export at a time
        }
    });
    connect(m_runner, &ExportRunner::done, this, [this](const ExportResult &result, const QString &summary) {
        m_window->statusBar()->showMessage(summary, StatusMessageMs);
        emit done(result, summary);
    });
    window->installEventFilter(this);
    retranslate();
}

ExportMenu::~ExportMenu() = default;

IncidentPackDialog *ExportMenu::packDialog() const
{
    return m_packDialog;
}

bool ExportMenu::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::LanguageChange)
    {
        retranslate();
    }
    return QObject::eventFilter(watched, event);
}

void ExportMenu::retranslate()
{
    m_menu->setTitle(tr("&Export"));
    m_csv->setText(tr("Table as &CSV…"));
    m_csv->setStatusTip(tr("The dialogs the filter shows, with the visible columns, as a spreadsheet file"));
    m_json->setText(tr("Table as &JSON…"));
    m_json->setStatusTip(tr("The dialogs the filter shows, in the shape of Kamailio's dlg.list"));
    m_pcap->setText(tr("Selected dialogs as &pcap…"));
    m_pcap->setStatusTip(tr("The selected dialogs' SIP messages as a capture for Wireshark"));
    m_pack->setText(tr("&Incident pack…"));
    m_pack->setStatusTip(
        tr("One archive with the table, the dialogs, their messages, the charts and a manifest"));
}

QString ExportMenu::proposedPath(const QString &suffix) const
{
    QString dir = m_dirSetting.get();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
    {
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    }
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    return QDir(dir).filePath(u"calldeck-%1.%2"_s.arg(stamp, suffix));
}

void ExportMenu::askFile(const QString &title, const QString &filter, const QString &suffix,
                         const std::function<void(const QString &)> &then)
{
    if (m_fileDialog)
    {
        m_fileDialog->raise();
        m_fileDialog->activateWindow();
        return;
    }
    m_fileDialog = new QFileDialog(m_window, title, proposedPath(suffix));
    m_fileDialog->setObjectName(u"exportFileDialog"_s);
    m_fileDialog->setAcceptMode(QFileDialog::AcceptSave);
    m_fileDialog->setNameFilters({filter, tr("All files (*)")});
    m_fileDialog->setDefaultSuffix(suffix);
    m_fileDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_fileDialog, &QFileDialog::fileSelected, this, [this, then](const QString &path) {
        m_dirSetting.set(QFileInfo(path).absolutePath());
        then(path);
    });
    m_fileDialog->open();
}

void ExportMenu::askPack()
{
    if (m_packDialog)
    {
        m_packDialog->raise();
        return;
    }
    const bool selection = !TableExportData::selectedKeys(*m_view).empty();
    m_packDialog = new IncidentPackDialog(proposedPath(u"tar.gz"_s), selection, m_window);
    m_packDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_packDialog, &QDialog::accepted, this, [this] {
        m_dirSetting.set(QFileInfo(m_packDialog->path()).absolutePath());
        exportIncidentPack(m_packDialog->path(), m_packDialog->mask());
    });
    m_packDialog->open();
}

bool ExportMenu::checkPcapSelection(const std::vector<quint64> &keys)
{
    QString text;
    if (!m_worker)
    {
        text = tr("This window reads no dialog core, so there are no messages to export.");
    }
    else if (keys.empty())
    {
        text =
            tr("No dialog is selected. Select the dialogs whose messages you want in the table (Ctrl+click "
               "adds more), then choose Export → Selected dialogs as pcap… again.");
    }
    else if (std::all_of(keys.begin(), keys.end(), [](quint64 key) { return (key & ProxyOnlyBit) != 0; }))
    {
        text =
            tr("The selected dialogs are known only from a proxy's dlg.list: none of their messages reached "
               "CallDeck's mirror port. Let the proxy mirror its SIP to CallDeck (siptrace or HEP) to "
               "capture the messages of new calls.");
    }
    if (text.isEmpty())
    {
        return true;
    }
    auto *box = new QMessageBox(QMessageBox::Information, tr("Export selected dialogs as pcap"), text,
                                QMessageBox::Ok, m_window);
    box->setObjectName(u"exportPcapNothing"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

bool ExportMenu::run(ExportRequest request)
{
    if (m_runner->isRunning())
    {
        m_window->statusBar()->showMessage(
            tr("Another export is still running; wait for it or cancel it, then export again."),
            StatusMessageMs);
        return false;
    }
    return m_runner->start(std::move(request));
}

bool ExportMenu::exportTableCsv(const QString &path)
{
    ExportRequest request;
    request.kind = ExportRequest::Kind::Csv;
    request.path = path;
    TableExportData::fillTable(*m_view, *m_model, request);
    request.dialogs.clear(); // only the texts are written
    return run(std::move(request));
}

bool ExportMenu::exportTableJson(const QString &path)
{
    ExportRequest request;
    request.kind = ExportRequest::Kind::Json;
    request.path = path;
    TableExportData::fillTable(*m_view, *m_model, request);
    request.csvHeader.clear();
    request.csvRows.clear();
    return run(std::move(request));
}

bool ExportMenu::exportSelectedPcap(const QString &path)
{
    ExportRequest request;
    request.kind = ExportRequest::Kind::Pcap;
    request.path = path;
    request.messageKeys = TableExportData::selectedKeys(*m_view);
    if (!checkPcapSelection(request.messageKeys))
    {
        return false;
    }
    return run(std::move(request));
}

bool ExportMenu::exportIncidentPack(const QString &path, const bool mask)
{
    if (!m_worker)
    {
        checkPcapSelection({});
        return false;
    }
    ExportRequest request;
    request.kind = ExportRequest::Kind::Pack;
    request.path = path;
    request.mask = mask;
    request.gzip = !path.endsWith(u".tar"_s, Qt::CaseInsensitive);
    TableExportData::fillTable(*m_view, *m_model, request);
    request.messageKeys = TableExportData::selectedKeys(*m_view);
    const bool selection = !request.messageKeys.empty();
    if (!selection)
    {
        // No selection: the messages of every dialog shown.
        for (int row = 0; row < m_view->model()->rowCount(); ++row)
        {
            request.messageKeys.push_back(
                m_view->model()->index(row, 0).data(DialogTableModel::KeyRole).toULongLong());
        }
    }
    if (m_chartImages)
    {
        for (const auto &[name, png] : m_chartImages(mask))
        {
            request.extraFiles.emplace_back(name.contains(u'/') ? name : u"charts/"_s + name, png);
        }
        if (mask)
        {
            request.notes << u"masked: the chart pictures show each profile's total, never a profile's "
                             "values (they can be numbers)"_s;
        }
    }
    request.version = QCoreApplication::applicationVersion();
    request.description =
        selection
            ? u"CallDeck console: the table as filtered (%1 dialogs); messages of the selected dialogs (%2)"_s
                  .arg(request.csvRows.size())
                  .arg(request.messageKeys.size())
            : u"CallDeck console: the table as filtered (%1 dialogs) and their messages"_s.arg(
                  request.csvRows.size());
    if (!m_chartImages)
    {
        request.notes << u"no chart pictures: the console gave no chart renderer"_s;
    }
    return run(std::move(request));
}
