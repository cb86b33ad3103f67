// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QByteArray>
#include <QList>
#include <QMutex>

#include "backend/sipua/sipuseragent.h"

class QThread;

/// @brief Done outcomes of SipUserAgent requests, collected from the UA's thread (tests).
class SipOutcomes final
{
public:
    SipUserAgent::Done callback();
    int size() const;
    SipUserAgent::Outcome at(int i) const;
    /// @brief The thread Done ran on.
    QThread *threadAt(int i) const;

private:
    struct State
    {
        QMutex mutex;
        QList<SipUserAgent::Outcome> list;
        QList<QThread *> threads;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

/// @brief The top Via of byeRequest() before the UA rewrites it.
extern const QByteArray CallerVia;
/// @brief A BYE (or another method) as the core builds it: Via, Max-Forwards, Route, tags, Reason.
QByteArray byeRequest(const QByteArray &callId = "call-1@example.com", const QByteArray &method = "BYE");
/// @brief A NOTIFY (or another method) from a proxy to the UA, with two Vias and a sipfrag body.
QByteArray incomingRequest(const QByteArray &branch, const QByteArray &method = "NOTIFY");
/// @brief A started UA on 127.0.0.1 (ephemeral port) with User-Agent "CallDeck-test", or null.
std::unique_ptr<SipUserAgent> startUserAgent(int t1Ms, int t2Ms = 4000);
