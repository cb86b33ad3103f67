// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QString>

#include "sippprocess.h"
#include "testdirectory.h"

namespace calldeck::integration
{

class KamailioInstance;
class ProxyFeedProbe;

/// @brief The parties of a test that acts on calls: a sipp callee (uas.xml on a Kamailio's UAS
/// port) and a sipp caller placing calls through that Kamailio, with their files in a test
/// directory of their own. Every step returns false with errorString() saying what failed.
class SippCallPair final
{
public:
    /// @brief The files go to a TestDirectory made with @p prefix.
    explicit SippCallPair(const QString &prefix);
    ~SippCallPair();

    /// @brief Starts uas.xml on @p kamailio's UAS port for as many calls as @p caller places,
    /// then the caller @p caller (its target set to @p kamailio).
    bool start(const KamailioInstance &kamailio, SippProcess::Options caller);
    /// @brief start() with ProxyTestBed::callerOptions (held 30 s), then waits until @p kamailio
    /// lists the @p calls dialogs confirmed (10 s) and the CallDeck of @p probe shows exactly
    /// them (6 s).
    bool startPolled(KamailioInstance &kamailio, ProxyFeedProbe &probe, const QString &name, int calls,
                     const QString &scenario = QStringLiteral("uac_rr_wait_bye.xml"));
    /// @brief Waits at most @p timeoutMs for the caller, then as long for the callee, to finish;
    /// each must have completed @p calls calls.
    bool finish(int timeoutMs, int calls);

    SippProcess &uac() const;
    SippProcess &uas() const;
    QString errorString() const;
    /// @brief SippProcess::describe() of the caller and the callee, of those started.
    QString describe() const;

private:
    bool fail(const QString &why);

    TestDirectory m_dir;
    std::unique_ptr<SippProcess> m_uas;
    std::unique_ptr<SippProcess> m_uac;
    QString m_error;
};

} // namespace calldeck::integration
