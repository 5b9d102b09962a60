// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiClient.h"
#include "FakeAdminServer.h"
#include "TestSite.h"
#include "TlsConfig.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace steward::app::test
{

// A FakeAdminServer on loopback and an ApiClient logged in to it, for the console's widget
// tests. The site PKI and its CA file are made once (construct it as a test class member);
// start() gives every test function a fresh server and client.
class AdminSession
{
public:
    AdminSession()
    {
        if (m_dir.isValid()) {
            m_caFile = m_site.writeCaFiles(m_dir.path());
        }
    }

    // A fresh server, and a client logged in as `user`; false when any step failed.
    bool start(const char *user = FakeAdminServer::user, const char *password = FakeAdminServer::password)
    {
        stop();
        server = std::make_unique<FakeAdminServer>();
        client = std::make_unique<ApiClient>();
        client->setTimeout(std::chrono::seconds(10));
        return !m_caFile.isEmpty() && server->start(tls::apiServer(m_site.server, m_site.caCertificate()))
            && client->configure(server->url(), m_caFile).ok() && login(user, password);
    }

    bool login(const char *user, const char *password)
    {
        bool done = false;
        bool ok = false;
        client->login(QString::fromLatin1(user),
                      QString::fromLatin1(password),
                      client.get(),
                      [&done, &ok](const Result<QJsonValue> &result) {
                          done = true;
                          ok = result.ok();
                      });
        return QTest::qWaitFor(
                   [&done] {
                       return done;
                   },
                   10000)
            && ok;
    }

    // The site CA, as the console is given it.
    QString caFile() const
    {
        return m_caFile;
    }

    // The site behind caFile(): device certificates (and the receipts they sign) come from it.
    const steward::test::TestSite &site() const
    {
        return m_site;
    }

    void stop()
    {
        client.reset();
        server.reset();
    }

    std::unique_ptr<FakeAdminServer> server;
    std::unique_ptr<ApiClient> client;

private:
    QTemporaryDir m_dir;
    steward::test::TestSite m_site;
    QString m_caFile;
};

} // namespace steward::app::test
