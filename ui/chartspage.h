// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSize>
#include <QWidget>

#include "backend/profilelimits.h"

class ChartExportButton;
class ProfileSampler;
class QComboBox;
class QLabel;
class QToolButton;
class TimeSeriesChart;

/// @brief The charts (issue #8): concurrent dialogs per profile — or per value of one valued
/// profile (its first values, the rest as "(other)") — over the last 5 minutes, hour or 24 hours,
/// with each one's limit (setting Charts/Limits, lines "SERIES LIMIT" such as "trunk 100" or
/// "trunk=gw1 30") as a dashed line; calls per second (new, ended); dialogs by state. Redrawn
/// once a second from the ProfileSampler while shown and not paused. A tab of the main window.
class ChartsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPage)

public:
    enum class Window
    {
        FiveMinutes,
        OneHour,
        OneDay,
    };

    explicit ChartsPage(ProfileSampler &sampler, QWidget *parent = nullptr);

    void setWindow(Window window);
    /// @brief "" = every profile's total; else the values of that valued profile.
    void setProfile(const QString &profile);
    void setPaused(bool paused);
    bool isPaused() const;
    /// @brief Limits as the setting writes them; @return the lines that are not "SERIES NUMBER"
    QStringList setLimits(const QString &text);

    /// @brief Redraws now from the sampler (the sampled signal does it while shown).
    void redraw();

    TimeSeriesChart *profilesChart() const { return m_profiles; }
    TimeSeriesChart *callsChart() const { return m_calls; }
    TimeSeriesChart *statesChart() const { return m_states; }
    ChartExportButton *exportButton() const { return m_export; }

    /// @brief Every chart as a PNG of @p size, redrawn from the sampler first, without showing the
    /// page (the incident pack): ("chart-profiles.png", bytes), ("chart-calls.png", …),
    /// ("chart-states.png", …). With @p totalsOnly the profiles chart shows every profile's total
    /// even when the page shows one profile's values (a masked pack: values can be numbers); the
    /// page's choice is back afterwards.
    QList<std::pair<QString, QByteArray>> renderPngs(const QSize &size, bool totalsOnly = false);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateProfileChoices();
    qint64 windowSeconds() const;

    ProfileSampler &m_sampler;
    QComboBox *m_window;
    QComboBox *m_profile;
    QToolButton *m_pause;
    QLabel *m_windowLabel;
    QLabel *m_profileLabel;
    QLabel *m_note;
    TimeSeriesChart *m_profiles;
    TimeSeriesChart *m_calls;
    TimeSeriesChart *m_states;
    ChartExportButton *m_export = nullptr;
    ProfileLimits m_limits; ///< shared with the alarms (backend/profilelimits.h)
    QStringList m_badLimits;
};
