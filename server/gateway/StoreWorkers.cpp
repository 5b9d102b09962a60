// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreWorkers.h"

namespace steward::server
{

StoreWorkers::StoreWorkers(SessionDirectory &sessions, int threads, QObject *parent)
    : QObject(parent)
    , m_sessions(sessions)
{
    m_pool.setMaxThreadCount(threads);
    // Workers live as long as the server: each keeps its database connection open.
    m_pool.setExpiryTimeout(-1);
}

StoreWorkers::~StoreWorkers()
{
    m_pool.waitForDone();
}

} // namespace steward::server
