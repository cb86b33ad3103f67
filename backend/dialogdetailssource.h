// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QObject>

#include "backend/dialogdetails.h"

class CoreWorker;
struct CoreContext;
class SourceRegistry;

/// @brief Reads one dialog's details (DialogDetails) from the core for the details pane without
/// blocking the caller: request() posts the read to the core thread, and detailsReady() brings
/// the answer back on this object's thread. Only the newest answer counts: while a read is under
/// way, further requests are merged into one that runs when it is back, so a pane that asks on
/// every refresh tick never piles reads up on a busy core.
class DialogDetailsSource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogDetailsSource)

public:
    /// @p sources names the proxies of proxy-only rows (may be null: "proxy N").
    DialogDetailsSource(CoreWorker &worker, const SourceRegistry *sources, QObject *parent = nullptr);
    ~DialogDetailsSource() override;

    /// @brief Asks for the details of the row with key @p rowKey (DialogRow::key).
    void request(quint64 rowKey);
    /// @brief Asks and waits (tests, exports); nullopt when the core did not answer in time.
    std::optional<DialogDetails> fetch(quint64 rowKey, int timeoutMs = 5000);
    /// @brief A read in flight or waiting to be sent.
    bool busy() const { return m_inFlight; }

    /// @brief The read itself, on the core thread: the engine's dialog (with what its proxy adds)
    /// or a proxy-only dialog, with its messages.
    static DialogDetails collect(CoreContext &ctx, quint64 rowKey);

signals:
    /// @brief The answer to the newest request (on this object's thread).
    void detailsReady(const DialogDetails &details);

private:
    struct Mailbox;
    void send(quint64 rowKey);
    void deliver();
    void nameOrigin(DialogDetails &details) const;

    CoreWorker &m_worker;
    const SourceRegistry *m_sources;
    std::shared_ptr<Mailbox> m_mailbox;
    bool m_inFlight = false;
    std::optional<quint64> m_queued; // asked for while a read was in flight
};
