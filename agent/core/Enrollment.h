// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentState.h"
#include "Result.h"

namespace steward
{
class Clock;
}

namespace steward::agent
{

struct EnrollmentRequest {
    QString dataDir;
    QString serverHost;
    quint16 serverPort = 0;
    QString token;
    QString caFingerprint;
    QString jobRootFingerprint; // optional: without one the agent refuses every job
    QString hostname;
};

// Generates the device key locally, proves the token over a TLS connection whose server is
// checked against the pinned CA fingerprint, and stores key (0600), certificate, CA and state.
// Blocks (runs a local event loop) until enrolled or refused. The issued certificate must be
// valid at `clock`'s now.
Result<AgentState> enroll(const EnrollmentRequest &request, const Clock &clock);

} // namespace steward::agent
