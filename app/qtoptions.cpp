// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/qtoptions.h"

#include <QSet>
#include <QString>

using namespace Qt::StringLiterals;

namespace QtOptions
{
QStringList strip(const QStringList &arguments)
{
    // QGuiApplication, QApplication and the xcb platform plugin, as documented for Qt 6.4.
    static const QSet<QString> withValue{
        u"platform"_s,        u"platformpluginpath"_s, u"platformtheme"_s, u"plugin"_s,
        u"qwindowgeometry"_s, u"qwindowicon"_s,        u"qwindowtitle"_s,  u"session"_s,
        u"display"_s,         u"geometry"_s,           u"title"_s,         u"name"_s,
        u"style"_s,           u"stylesheet"_s,         u"qmljsdebugger"_s};
    static const QSet<QString> flags{u"reverse"_s, u"widgetcount"_s, u"nograb"_s, u"dograb"_s, u"sync"_s};

    QStringList result;
    result.reserve(arguments.size());
    for (qsizetype i = 0; i < arguments.size(); ++i)
    {
        const QString &argument = arguments.at(i);
        if (i == 0 || !argument.startsWith(u'-') || argument == u"--"_s)
        {
            result.append(argument);
            continue;
        }
        QString name = argument.mid(argument.startsWith(u"--"_s) ? 2 : 1);
        const qsizetype equals = name.indexOf(u'=');
        if (equals >= 0)
        {
            name.truncate(equals);
            if (withValue.contains(name) || flags.contains(name))
            {
                continue;
            }
        }
        else if (withValue.contains(name))
        {
            ++i; // and its value
            continue;
        }
        else if (flags.contains(name))
        {
            continue;
        }
        result.append(argument);
    }
    return result;
}
} // namespace QtOptions
