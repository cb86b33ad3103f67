// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QToolButton>

class QFileDialog;
class QMenu;
class TimeSeriesChart;

/// @brief "Export chart…" on the Charts page (issue #8): a button whose menu lists the charts,
/// and the same entry in each chart's context menu. Asks for a file (PNG or SVG by its suffix,
/// ChartExport) and says what to do when it cannot be written.
class ChartExportButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartExportButton)

public:
    explicit ChartExportButton(QWidget *parent = nullptr);

    /// @brief Offers @p chart; @p fileName (e.g. "chart-profiles") starts the suggested name.
    void addChart(TimeSeriesChart *chart, const QString &fileName);
    /// @brief Opens the save dialog for @p chart (window-modal, not blocking).
    void askExport(TimeSeriesChart *chart, const QString &fileName);
    /// @brief Writes @p chart to @p path at its shown size (at least 800×400); an error goes
    /// to a message box. @return whether the file was written
    bool exportTo(TimeSeriesChart *chart, const QString &path);

    /// @brief The open save dialog, or null (tests).
    QFileDialog *fileDialog() const;

signals:
    void exported(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Entry
    {
        TimeSeriesChart *chart;
        QString fileName;
    };
    void retranslateUi();
    void fillMenu();

    QMenu *m_menu;
    QList<Entry> m_charts;
    QPointer<QFileDialog> m_fileDialog;
};
