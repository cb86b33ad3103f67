// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshotwindow.h"

#include <algorithm>
#include <limits>

#include <QEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/dialogdetailspane.h"
#include "ui/filterbar.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogformat.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int MaxInitialColumnWidth = 320;
constexpr int DefaultWidth = 1280;
constexpr int DefaultHeight = 760;
} // namespace

SnapshotWindow::SnapshotWindow(ConsoleSnapshot snapshot, const QString &fileName, QWidget *parent)
    : QMainWindow(parent)
    , m_snapshot(std::move(snapshot))
    , m_fileName(fileName)
{
    setObjectName(u"snapshotWindow"_s);
    setWindowIcon(QIcon(u":/icons/calldeck.png"_s));

    m_table = new QTableView;
    m_table->setObjectName(u"snapshotTable"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setAlternatingRowColors(true);
    m_model = new DialogTableModel(this);
    // Frozen at the moment of the snapshot: the clock columns count to it, and nothing that
    // ended lingers out of the table.
    const qint64 takenMs = m_snapshot.takenMs;
    m_model->setClock([takenMs] { return takenMs; });
    m_model->setTickIntervalMs(0);
    m_model->setLingerMs(std::numeric_limits<qint64>::max() / 2);
    m_proxy = new DialogFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_filterBar = new FilterBar(m_proxy, m_model);

    m_pane = new DialogDetailsPane(nullptr);
    m_pane->setFrozenTime(takenMs / 1000);

    auto *tablePage = new QWidget;
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_filterBar);
    tableLayout->addWidget(m_table, 1);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(u"snapshotSplitter"_s);
    splitter->addWidget(tablePage);
    splitter->addWidget(m_pane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_summary = new QLabel;
    m_summary->setObjectName(u"snapshotSummary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_summary, 1);

    fillTable();
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SnapshotWindow::followSelection);
    m_selectFirstPending = qEnvironmentVariableIsSet("CALLDECK_SELECT_FIRST_ROW");
    retranslateUi();
    resize(DefaultWidth, DefaultHeight);
    splitter->setSizes({DefaultWidth * 3 / 5, DefaultWidth * 2 / 5});
}

SnapshotWindow::~SnapshotWindow() = default;

void SnapshotWindow::fillTable()
{
    // The header columns the rows carry, in the order first met (as the core kept them).
    QStringList headerColumns;
    DialogDelta delta;
    delta.stats = m_snapshot.stats;
    delta.active = m_snapshot.active;
    delta.feed = m_snapshot.feed;
    delta.upserts.reserve(m_snapshot.dialogs.size());
    for (qsizetype i = 0; i < qsizetype(m_snapshot.dialogs.size()); ++i)
    {
        const DialogDetails &d = m_snapshot.dialogs[std::size_t(i)];
        m_rowOfKey.insert(d.row.key, i);
        delta.upserts.push_back(d.row);
        for (const auto &[name, value] : d.row.dialog.headers)
        {
            const QString column = QString::fromStdString(name);
            if (headerColumns.size() < DialogTableModel::MaxHeaderColumns &&
                !headerColumns.contains(column, Qt::CaseInsensitive))
            {
                headerColumns.append(column);
            }
        }
    }
    m_model->setHeaderColumns(headerColumns);
    m_model->apply(std::move(delta));
    m_table->sortByColumn(DialogTableModel::DurationColumn, Qt::DescendingOrder);
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
    {
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), MaxInitialColumnWidth));
    }
}

void SnapshotWindow::followSelection()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1)
    {
        m_pane->showNothing(int(rows.size()));
        return;
    }
    const quint64 key = rows.front().data(DialogTableModel::KeyRole).toULongLong();
    const auto it = m_rowOfKey.constFind(key);
    if (it == m_rowOfKey.constEnd())
    {
        m_pane->showNothing();
        return;
    }
    m_pane->showDetails(m_snapshot.dialogs[std::size_t(*it)]);
}

void SnapshotWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_selectFirstPending && m_proxy->rowCount() > 0)
    {
        m_selectFirstPending = false;
        const bool flow = qEnvironmentVariable("CALLDECK_SELECT_FIRST_ROW") == u"flow"_s;
        QTimer::singleShot(0, this, [this, flow] {
            m_table->selectRow(0);
            if (flow)
            {
                m_pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
            }
        });
    }
}

void SnapshotWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

void SnapshotWindow::retranslateUi()
{
    const qint64 takenSeconds = m_snapshot.takenMs / 1000;
    //: Title of a snapshot window: %1 the file name, %2 the date and time the snapshot was taken
    setWindowTitle(tr("%1 — snapshot of %2 — CallDeck")
                       .arg(QFileInfo(m_fileName).fileName(), DialogFormat::longLocalTime(takenSeconds)));
    QStringList feeds;
    for (const SnapshotSource &source : m_snapshot.sources)
    {
        feeds.append(source.label.isEmpty() ? source.kind : source.label);
    }
    const auto &a = m_snapshot.active;
    const QString counts = tr("%n dialog(s) listed", nullptr, int(m_snapshot.dialogs.size())) + u" · "_s +
                           tr("%1 early, %2 active, %3 processed since start")
                               .arg(a.connecting)
                               .arg(a.answering + a.ongoing)
                               .arg(m_snapshot.stats.processedDialogs);
    const QString from = feeds.isEmpty() ? tr("no feeds") : feeds.join(u", "_s);
    //: Status bar of a snapshot window: %1 when it was taken, %2 the CallDeck version, %3 its feeds,
    //: %4 the counts
    m_summary->setText(
        tr("Snapshot taken %1 by CallDeck %2 from %3. %4. Nothing here changes: it is a record.")
            .arg(DialogFormat::longLocalTime(takenSeconds),
                 m_snapshot.calldeckVersion.isEmpty() ? tr("(unknown version)") : m_snapshot.calldeckVersion,
                 from, counts));
}
