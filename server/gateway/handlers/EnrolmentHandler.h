// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MessageHandler.h"

namespace steward::server
{

// `enroll`: checks the token, signs the agent's CSR under the site CA and records the device,
// all on a store worker; answers `enrolled` and closes the connection (the agent comes back
// with its certificate).
class EnrolmentHandler final : public MessageHandler
{
public:
    bool needsDevice() const override
    {
        return false;
    }
    void handle(AgentSession &session, const QCborMap &message) const override;
};

// `renew`: a new certificate for the same device, at most once per renewal interval.
class RenewalHandler final : public MessageHandler
{
public:
    bool needsDevice() const override
    {
        return true;
    }
    void handle(AgentSession &session, const QCborMap &message) const override;
};

} // namespace steward::server
