// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <unordered_map>
#include <vector>

#include <QMutex>
#include <QObject>

#include "backend/controlrequest.h"
#include "backend/core/dialogengine.h"
#include "backend/sipua/localrequestsender.h"

class CoreWorker;

/// @brief The actions on dialogs that only the mirror sees, done by CallDeck itself the way the
/// dialog module's `dlg_req_within` does them (issue #6): terminate (`dlg_bye`: BYE built by the
/// core to one or both legs, through the route set), transfer (REFER with Refer-To and
/// Referred-By to one side of a confirmed dialog), and timeouts on the core's timers (with a BYE
/// from the embedded UA at expiry). Each reports which way it went and what each leg answered.
///
/// Lives on the main thread; Done runs there.
class EmbeddedActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedActions)

public:
    using Done = std::function<void(const ControlResult &)>;

    EmbeddedActions(CoreWorker &worker, LocalRequestSender &sender, QObject *parent = nullptr);
    ~EmbeddedActions() override;

    /// @brief "embedded UA (sip:calldeck@ADDR:PORT)".
    QString path() const;

    void end(quint64 dialogKey, calldeck::core::ByeTarget target, const QString &extraHeaders, Done done);
    void refer(quint64 dialogKey, calldeck::core::DialogLeg leg, const QString &referTo, Done done);
    void setTimeout(quint64 dialogKey, quint32 seconds, bool byeAtExpiry, Done done);

private:
    struct Pending
    {
        int expected = -1; ///< BYEs the core handed over; -1 while bye() runs
        std::vector<LocalRequestSender::Result> results;
        Done done;
    };
    void onRequestDone(const LocalRequestSender::Result &result);
    void complete(quint64 dialogKey);
    void reply(const Done &done, const ControlResult &result);

    CoreWorker &m_worker;
    LocalRequestSender &m_sender;
    QMutex m_mutex; // m_byes is filled on the core thread and completed on this one
    std::unordered_map<quint64, Pending> m_byes;
};
