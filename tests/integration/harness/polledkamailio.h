// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QString>

#include "kamailioinstance.h"

namespace calldeck::integration
{

class CalldeckHeadless;

/// @brief The fixture of a proxy-feed test case: one Kamailio and a headless CallDeck polling it
/// (ProxyTestBed::startCalldeck), started once and shared by the test functions.
class PolledKamailio final
{
public:
    PolledKamailio();
    ~PolledKamailio();

    /// @brief Checks that kamailio and sipp are there, starts Kamailio with @p options and the
    /// CallDeck, and waits at most 5 s until CallDeck has the proxy up (with @p helper: and its
    /// proxy helper detected). @return false with errorString() saying what failed.
    bool start(const KamailioInstance::Options &options, bool helper);
    /// @brief Ends the calls a failed test left up (ProxyTestBed::endLeftovers), so the next test
    /// starts from an empty proxy; true when Kamailio lists nothing then (or does not run).
    bool endLeftovers();

    KamailioInstance &kamailio() const;
    CalldeckHeadless &calldeck() const;
    QString errorString() const;

private:
    std::unique_ptr<KamailioInstance> m_kamailio;
    std::unique_ptr<CalldeckHeadless> m_calldeck;
    QString m_error;
};

} // namespace calldeck::integration
