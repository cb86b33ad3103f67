// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>

class ChartsPage;
class ProfileSampler;

/// @brief View → Charts: the ChartsPage in a dock, with its limits read from the settings file
/// (Charts/Limits).
class ChartsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsDock)

public:
    explicit ChartsDock(ProfileSampler &sampler, QWidget *parent = nullptr);
    ChartsPage *page() const { return m_page; }

protected:
    void changeEvent(QEvent *event) override;

private:
    ChartsPage *m_page;
};
