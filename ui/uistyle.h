// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

// Small look-and-feel helpers shared by the panes (free functions, no state).
namespace UiStyle
{
/// @brief Shows @p widget's text in a secondary colour: between the palette's text and window
/// colours, readable on every palette (unlike the disabled colour, which is too faint).
void makeSecondary(QWidget *widget);
} // namespace UiStyle
