// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace calldeck::integration
{

/// @brief A private temporary directory for one Kamailio or sipp run (config, logs, traces).
///
/// Removed when the object goes away, unless the environment variable
/// CALLDECK_KEEP_TEST_DIRS=1 is set: then it is kept and its path is printed, for debugging.
class TestDirectory final
{
    Q_DISABLE_COPY_MOVE(TestDirectory)

public:
    /// @brief Creates <temp>/calldeck-<prefix>-XXXXXX.
    explicit TestDirectory(const QString &prefix);
    ~TestDirectory();

    bool isValid() const;
    QString path() const;
    QString filePath(const QString &fileName) const;
    /// @brief Keeps the directory (e.g. after a failure), whatever the environment says.
    void keep() const;
    /// @brief Why the directory could not be created (empty when it was).
    QString errorString() const;

    /// @brief True when CALLDECK_KEEP_TEST_DIRS=1.
    static bool keepRequested();

private:
    mutable QTemporaryDir m_dir;
};

} // namespace calldeck::integration
