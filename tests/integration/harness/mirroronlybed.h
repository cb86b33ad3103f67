// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QString>

#include "calldeckheadless.h"
#include "kamailioinstance.h"
#include "testdirectory.h"

namespace calldeck::integration
{

/// @brief The set-up of the embedded-UA tests (issue #6): a `calldeck --headless` with the HEP
/// mirror and its own SIP user agent on a free port (`--sip`) but no RPC feed, and a real Kamailio
/// mirroring to it without the CallDeck helper include, so every dialog is mirror-only and every
/// action goes out of CallDeck's own socket. Every failure says what went wrong.
class MirrorOnlyBed final
{
    Q_DISABLE_COPY_MOVE(MirrorOnlyBed)

public:
    MirrorOnlyBed() = default;
    ~MirrorOnlyBed();

    /// @brief Checks that Kamailio and sipp are installed, picks the ports, starts CallDeck (with
    /// @p settingsIni in its settings file) and waits for its SIP user agent, then Kamailio.
    bool start(const QString &testName, const QString &settingsIni = {});
    /// @brief Stops Kamailio, then CallDeck; true when CallDeck exited with 0 within 10 s.
    bool stop();

    CalldeckHeadless &calldeck() { return *m_calldeck; }
    KamailioInstance &kamailio() { return *m_kamailio; }
    TestDirectory &directory() { return *m_dir; }
    quint16 sipPort() const { return m_sipPort; } ///< CallDeck's --sip port
    quint16 uasPort() const { return m_uasPort; } ///< where Kamailio sends every new INVITE
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &error);

    std::unique_ptr<TestDirectory> m_dir;
    std::unique_ptr<CalldeckHeadless> m_calldeck;
    std::unique_ptr<KamailioInstance> m_kamailio;
    quint16 m_sipPort = 0;
    quint16 m_uasPort = 0;
    QString m_error;
};

} // namespace calldeck::integration
