// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include "backend/exportrequest.h"
#include "backend/settingvalue.h"

class CoreWorker;
class DialogTableModel;
class ExportRunner;
class IncidentPackDialog;
class QAction;
class QFileDialog;
class QMainWindow;
class QMenu;
class QTableView;

/// @brief File → Export (issue #8): "Table as CSV…" (Ctrl+E), "Table as JSON…" (Ctrl+Shift+J),
/// "Selected dialogs as pcap…" (Ctrl+Shift+E) and "Incident pack…" (Ctrl+Shift+I). Each asks
/// for a file (not blocking), reads the table as shown (TableExportData) and hands the rest to an
/// ExportRunner: off the GUI thread, with progress and Cancel, an atomic file. The outcome goes
/// to the window's status bar; a failure also to a message box that says what to do.
class ExportMenu final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportMenu)

public:
    /// @brief Pictures of the charts for the incident pack: (file name, PNG bytes), e.g. what
    /// ChartsPage::renderPngs() returns; a name without a folder goes under "charts/". Called on
    /// the GUI thread when a pack is made.
    /// @p masked: the pack masks numbers, so the pictures must not show a profile's values.
    using ChartImages = std::function<QList<std::pair<QString, QByteArray>>(bool masked)>;

    /// @param view the dialog table (its model: the filter proxy over @p model, or @p model)
    /// @param worker the core the messages are read from (may be null: pcap and pack say why not)
    ExportMenu(QMainWindow *window, QTableView *view, DialogTableModel *model, CoreWorker *worker);
    ~ExportMenu() override;

    QMenu *menu() const { return m_menu; }
    QAction *csvAction() const { return m_csv; }
    QAction *jsonAction() const { return m_json; }
    QAction *pcapAction() const { return m_pcap; }
    QAction *packAction() const { return m_pack; }
    ExportRunner *runner() const { return m_runner; }
    /// @brief The pack dialog while it is open, else null.
    IncidentPackDialog *packDialog() const;

    /// @brief Where the chart pictures of a pack come from (unset: a pack without pictures).
    void setChartImagesProvider(ChartImages provider) { m_chartImages = std::move(provider); }

    /// The exports themselves, without asking (the menu's actions call them after the file dialog).
    /// @return false when nothing was started (another export runs, or a reason shown to the user)
    bool exportTableCsv(const QString &path);
    bool exportTableJson(const QString &path);
    bool exportSelectedPcap(const QString &path);
    bool exportIncidentPack(const QString &path, bool mask);

signals:
    /// @brief An export ended; @p summary is what the status bar shows.
    void done(const ExportResult &result, const QString &summary);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void askFile(const QString &title, const QString &filter, const QString &suffix,
                 const std::function<void(const QString &)> &then);
    void askPack();
    QString proposedPath(const QString &suffix) const;
    bool checkPcapSelection(const std::vector<quint64> &keys);
    bool run(ExportRequest request);

    QMainWindow *m_window;
    QTableView *m_view;
    DialogTableModel *m_model;
    CoreWorker *m_worker;
    ExportRunner *m_runner;
    ChartImages m_chartImages;
    SettingValue<QString> m_dirSetting;
    QMenu *m_menu = nullptr;
    QAction *m_csv = nullptr;
    QAction *m_json = nullptr;
    QAction *m_pcap = nullptr;
    QAction *m_pack = nullptr;
    QPointer<QFileDialog> m_fileDialog;
    QPointer<IncidentPackDialog> m_packDialog;
};
