// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// Qt's own command-line options (-platform, -style, -reverse, ...). QApplication consumes them,
// and calldeck --help-all lists them; CallDeck's parser must neither reject nor interpret them.
namespace QtOptions
{
/// @brief @p arguments without Qt's options and their values ("-style fusion", "--style=fusion").
QStringList strip(const QStringList &arguments);
} // namespace QtOptions
