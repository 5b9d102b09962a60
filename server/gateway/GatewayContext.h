// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Pki.h"

namespace steward
{
class Clock;
}

namespace steward::server
{
struct Repositories;

// What every agent session needs from the server: the store, the CA that signs device
// certificates, the time, and limits.
struct GatewayContext {
    Repositories *store = nullptr;
    const Clock *clock = nullptr;
    pki::KeyAndCertificate ca;
    int deviceCertificateDays = 30;
    // An agent without a certificate has this long, in total, to say hello and enrol.
    int helloTimeoutMs = 60000;
    int idleTimeoutMs = 15 * 60 * 1000;
    qsizetype maxFrameSize = 4 * 1024 * 1024;
    // Until a peer proves who it is, it may send only small frames.
    qsizetype maxUnauthenticatedFrameSize = 64 * 1024;
    int maxSessions = 20000;
};

} // namespace steward::server
