// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/uistyle.h"

#include <QColor>
#include <QPalette>
#include <QWidget>

namespace UiStyle
{
void makeSecondary(QWidget *widget)
{
    QPalette palette = widget->palette();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    constexpr double TextShare = 0.62;
    const auto mix = [](int a, int b) { return static_cast<int>(a * TextShare + b * (1.0 - TextShare)); };
    const QColor secondary(mix(text.red(), window.red()), mix(text.green(), window.green()),
                           mix(text.blue(), window.blue()));
    for (const auto group : {QPalette::Active, QPalette::Inactive})
    {
        palette.setColor(group, QPalette::WindowText, secondary);
        palette.setColor(group, QPalette::Text, secondary);
    }
    widget->setPalette(palette);
}
} // namespace UiStyle
