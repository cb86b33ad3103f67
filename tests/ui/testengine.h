// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/coreworker.h"
#include "backend/dialogcontrol.h"
#include "backend/ingestqueue.h"
#include "backend/sourceregistry.h"
#include "ui/mainwindow.h"

/// @brief The engine parts a MainWindow reads, for tests: a queue, a registry and a running core
/// with deltas and the console's settings, on the wall clock and without feeds (a test adds what
/// it needs), and the DialogControl the Dialog menu acts through.
class TestEngine final
{
    Q_DISABLE_COPY_MOVE(TestEngine)

public:
    TestEngine();
    ~TestEngine();

    MainWindow::Services services();

    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker worker;
    DialogControl control; ///< no proxies and no SIP user agent unless a test adds them
};
