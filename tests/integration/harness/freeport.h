// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace calldeck::integration
{

/// @brief Picks free ports on 127.0.0.1 for integration tests (Kamailio, sipp, HEP sinks).
///
/// A port is asked from the kernel by binding port 0 (UDP or TCP), then the same number is
/// checked free for the other protocol as well. 5060 and 9060 are never returned, nor a port
/// this process handed out before (so two instances in one test never collide with each other).
/// The sockets are closed again before the port is returned: another process may still take
/// the port in between, which is why KamailioInstance and SippProcess retry with fresh ports
/// when their child fails to bind.
class FreePort final
{
public:
    FreePort() = delete;

    /// @brief One port free for both UDP and TCP, or 0 after @p attempts failed tries;
    /// @p error (optional) then says why.
    static quint16 pick(QString *error = nullptr, int attempts = 50);

    /// @brief The first of @p count consecutive ports all free for UDP and TCP (sipp media:
    /// -mp uses the port and port + 2), or 0 after @p attempts failed tries.
    static quint16 pickBlock(int count, QString *error = nullptr, int attempts = 50);

    /// @brief True when @p port can be bound on 127.0.0.1 for UDP and for TCP right now.
    static bool isFree(quint16 port);

private:
    static bool isReserved(quint16 port);
    static void remember(quint16 first, int count);
};

} // namespace calldeck::integration
