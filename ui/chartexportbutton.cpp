// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/chartexportbutton.h"

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

#include "ui/charts/chartexport.h"
#include "ui/charts/timeserieschart.h"

using namespace Qt::StringLiterals;

ChartExportButton::ChartExportButton(QWidget *parent)
    : QToolButton(parent)
    , m_menu(new QMenu(this))
{
    setObjectName(u"chartExportButton"_s);
    setPopupMode(QToolButton::InstantPopup);
    setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &ChartExportButton::fillMenu);
    retranslateUi();
}

void ChartExportButton::addChart(TimeSeriesChart *chart, const QString &fileName)
{
    m_charts.append({chart, fileName});
    chart->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(chart, &QWidget::customContextMenuRequested, this, [this, chart, fileName](const QPoint &pos) {
        auto *menu = new QMenu(chart);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Export chart…"), this, [this, chart, fileName] { askExport(chart, fileName); });
        menu->popup(chart->mapToGlobal(pos));
    });
}

void ChartExportButton::fillMenu()
{
    // The titles follow the language: read them when the menu opens.
    m_menu->clear();
    for (const Entry &e : std::as_const(m_charts))
    {
        m_menu->addAction(e.chart->title() + u"…"_s, this,
                          [this, chart = e.chart, name = e.fileName] { askExport(chart, name); });
    }
}

void ChartExportButton::askExport(TimeSeriesChart *chart, const QString &fileName)
{
    if (m_fileDialog)
    {
        m_fileDialog->raise();
        return;
    }
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-hhmmss"_s);
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) +
                              u"/calldeck-%1-%2.png"_s.arg(fileName, stamp);
    m_fileDialog = new QFileDialog(window(), tr("Export chart"), suggested);
    m_fileDialog->setAcceptMode(QFileDialog::AcceptSave);
    //: File dialog filters: keep the patterns in brackets as they are
    const QStringList filters{tr("PNG image (*.png)"), tr("SVG drawing (*.svg)")};
    m_fileDialog->setNameFilters(filters);
    m_fileDialog->setDefaultSuffix(u"png"_s);
    m_fileDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_fileDialog, &QFileDialog::filterSelected, m_fileDialog,
            [dialog = m_fileDialog.data(), filters](const QString &f) {
                dialog->setDefaultSuffix(f == filters.value(1) ? u"svg"_s : u"png"_s);
            });
    connect(m_fileDialog, &QFileDialog::fileSelected, this,
            [this, chart = QPointer<TimeSeriesChart>(chart)](const QString &path) {
                if (chart)
                {
                    exportTo(chart, path);
                }
            });
    m_fileDialog->open();
}

bool ChartExportButton::exportTo(TimeSeriesChart *chart, const QString &path)
{
    const QSize size =
        chart->isVisible() ? chart->size().expandedTo(QSize(800, 400)) : ChartExport::DefaultSize;
    QString error;
    if (!ChartExport::save(*chart, path, size, &error))
    {
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Export chart"), error, QMessageBox::Ok, window());
        box->setObjectName(u"chartExportError"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    emit exported(path);
    return true;
}

QFileDialog *ChartExportButton::fileDialog() const
{
    return m_fileDialog;
}

void ChartExportButton::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QToolButton::changeEvent(event);
}

void ChartExportButton::retranslateUi()
{
    setText(tr("Export chart…"));
    setToolTip(tr("Save a chart as a PNG image or an SVG drawing (also in each chart's context menu)"));
}
