// SPDX-License-Identifier: GPL-3.0-or-later
#include "testdirectory.h"

#include <QDebug>
#include <QDir>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

TestDirectory::TestDirectory(const QString &prefix)
    : m_dir(QDir::tempPath() + u"/calldeck-"_s + prefix + u"-XXXXXX"_s)
{
    m_dir.setAutoRemove(!keepRequested());
}

TestDirectory::~TestDirectory()
{
    if (m_dir.isValid() && !m_dir.autoRemove())
    {
        qInfo().noquote() << u"kept %1"_s.arg(m_dir.path());
    }
}

bool TestDirectory::isValid() const
{
    return m_dir.isValid();
}

QString TestDirectory::path() const
{
    return m_dir.path();
}

QString TestDirectory::filePath(const QString &fileName) const
{
    return m_dir.filePath(fileName);
}

void TestDirectory::keep() const
{
    m_dir.setAutoRemove(false);
}

QString TestDirectory::errorString() const
{
    if (m_dir.isValid())
    {
        return {};
    }
    return u"cannot create a temporary directory under %1: %2; check free space and TMPDIR"_s.arg(
        QDir::tempPath(), m_dir.errorString());
}

bool TestDirectory::keepRequested()
{
    return qEnvironmentVariable("CALLDECK_KEEP_TEST_DIRS") == u"1"_s;
}

} // namespace calldeck::integration
