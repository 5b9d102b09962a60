// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentState.h"
#include "Messages.h"
#include "Result.h"

#include <QDateTime>

namespace steward::agent
{

// Keeps the device certificate fresh: once two thirds of its life have passed, a new key is made
// on the device and its CSR sent over the authenticated connection; the answer is checked
// (site CA, client use, this device, this key) before the agent switches to it.
class CertificateRenewal
{
public:
    explicit CertificateRenewal(AgentState &state);

    static bool isDue(const QByteArray &certificatePem, const QDateTime &now);
    bool isDue(const QDateTime &now) const;
    bool isPending() const
    {
        return !m_pendingKey.isEmpty();
    }

    // A new key (kept in memory until the certificate arrives) and its request.
    Result<protocol::Renew> begin();
    // Verifies and installs the new certificate; the old files are removed afterwards.
    Status complete(const protocol::Renewed &renewed, const QDateTime &now);

private:
    AgentState &m_state;
    QByteArray m_pendingKey;
};

} // namespace steward::agent
