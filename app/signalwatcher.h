// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <initializer_list>

#include <QObject>

class QSocketNotifier;

/// @brief Turns POSIX signals (SIGINT, SIGTERM) into a Qt signal on the thread that created the
/// watcher. The handler only writes the signal number into a socket pair (the self-pipe trick);
/// a QSocketNotifier reads it in the event loop, so no work ever runs inside the handler.
/// One watcher at a time; the previous handlers come back when it is destroyed.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    /// @brief Installs the handlers; false (with @p error) when the socket pair or a handler
    /// cannot be set up.
    bool watch(std::initializer_list<int> signalNumbers, QString *error);

signals:
    void received(int signalNumber);

private:
    void readPending();

    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_watched;
};
