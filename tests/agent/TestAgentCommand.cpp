// SPDX-License-Identifier: GPL-3.0-or-later
// `steward-agent enroll` as the command line sees it, against a fake enrolment server on loopback
// that lives in this thread (enroll() spins its own event loop, which serves it too); and which
// sections `steward-agent collect` may be asked for.
#include "AgentCommand.h"
#include "AgentState.h"
#include "CommandLine.h"
#include "FrameCodec.h"
#include "Messages.h"
#include "TestSite.h"

#include <QFile>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace steward;
using namespace steward::agent;

namespace
{
constexpr auto kDeviceId = "5b1e7c0a-3f0d-4a8e-8b8e-1c2d3e4f5a6b";

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// Welcomes an agent without a certificate and enrols it, remembering the token it was given.
class EnrolmentServer : public QObject
{
public:
    explicit EnrolmentServer(const test::TestSite &site)
        : m_site(site)
    {
        m_server.setSslConfiguration(tls::agentGateway(site.server, site.caCertificate()));
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QSslSocket::readyRead, this, [this, socket] {
                    read(socket);
                });
            }
        });
    }

    bool listen()
    {
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const
    {
        return m_server.serverPort();
    }

    QStringList tokens; // every token received

private:
    void read(QTcpSocket *socket)
    {
        m_decoder.append(socket->readAll());
        for (;;) {
            Result<std::optional<QCborMap>> next = m_decoder.next();
            if (!next || !next.value()) {
                return;
            }
            const QCborMap message = *next.value();
            if (protocol::typeOf(message) == protocol::MessageType::Hello) {
                socket->write(FrameCodec::encode(
                    protocol::Welcome{protocol::kVersion, QStringLiteral("test"), QString(), 0}.toCbor()));
            } else if (protocol::typeOf(message) == protocol::MessageType::Enroll) {
                const protocol::Enroll enroll = protocol::Enroll::fromCbor(message).value();
                tokens.append(enroll.token);
                pki::SigningRequest request;
                request.csrPem = enroll.csrPem;
                request.commonName = QLatin1String(kDeviceId);
                request.serial = 7;
                request.usage = pki::Usage::Client;
                const protocol::Enrolled enrolled{QLatin1String(kDeviceId),
                                                  pki::signCsr(request, m_site.ca).value(),
                                                  m_site.ca.certificatePem};
                socket->write(FrameCodec::encode(enrolled.toCbor()));
            }
        }
    }

    const test::TestSite &m_site;
    QSslServer m_server;
    FrameDecoder m_decoder; // one enrolment per test
};
}

class TestAgentCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void enrollReadsTokenFile_data();
    void enrollReadsTokenFile();
    void enrollStillTakesToken();
    void enrollWantsExactlyOneToken_data();
    void enrollWantsExactlyOneToken();
    void unreadableTokenFileFails();
    void collectTakesTheCollectorsSections_data();
    void collectTakesTheCollectorsSections();

private:
    QStringList enrollArguments() const;

    std::unique_ptr<test::TestSite> m_site;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EnrolmentServer> m_server;
};

void TestAgentCommand::initTestCase()
{
    m_site = std::make_unique<test::TestSite>();
}

void TestAgentCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<EnrolmentServer>(*m_site);
    QVERIFY(m_server->listen());
}

void TestAgentCommand::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

QStringList TestAgentCommand::enrollArguments() const
{
    return {QStringLiteral("steward-agent"),
            QStringLiteral("enroll"),
            QStringLiteral("--data-dir"),
            m_dir->filePath(QStringLiteral("agent")),
            QStringLiteral("--server"),
            QStringLiteral("127.0.0.1:%1").arg(m_server->port()),
            QStringLiteral("--ca-fingerprint"),
            m_site->caFingerprint};
}

void TestAgentCommand::enrollReadsTokenFile_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::newRow("one line") << QByteArray("tok-3f9a2c\n");
    QTest::newRow("no newline") << QByteArray("tok-3f9a2c");
    QTest::newRow("written on Windows") << QByteArray("tok-3f9a2c\r\n");
    QTest::newRow("more lines") << QByteArray("tok-3f9a2c\nnotes about this token\n");
}

void TestAgentCommand::enrollReadsTokenFile()
{
    QFETCH(QByteArray, contents);
    const QString tokenFile = m_dir->filePath(QStringLiteral("token"));
    QVERIFY(writeFile(tokenFile, contents));
    const int exitCode = runAgentCommand(enrollArguments() << QStringLiteral("--token-file") << tokenFile);
    QCOMPARE(exitCode, 0);
    QCOMPARE(m_server->tokens, QStringList{QStringLiteral("tok-3f9a2c")});
    QVERIFY(AgentState::isEnrolled(m_dir->filePath(QStringLiteral("agent"))));
}

void TestAgentCommand::enrollStillTakesToken()
{
    QCOMPARE(
        runAgentCommand(enrollArguments() << QStringLiteral("--token") << QStringLiteral("tok-on-the-command-line")),
        0);
    QCOMPARE(m_server->tokens, QStringList{QStringLiteral("tok-on-the-command-line")});
}

void TestAgentCommand::enrollWantsExactlyOneToken_data()
{
    QTest::addColumn<QStringList>("tokenArguments");
    QTest::newRow("neither") << QStringList();
    QTest::newRow("both") << QStringList{QStringLiteral("--token"),
                                         QStringLiteral("tok-a"),
                                         QStringLiteral("--token-file"),
                                         QStringLiteral("token")};
}

void TestAgentCommand::enrollWantsExactlyOneToken()
{
    QFETCH(QStringList, tokenArguments);
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("token")), "tok-b\n"));
    if (tokenArguments.size() == 4) {
        tokenArguments[3] = m_dir->filePath(QStringLiteral("token"));
    }
    QCOMPARE(runAgentCommand(enrollArguments() + tokenArguments), 2);
    QVERIFY(m_server->tokens.isEmpty());
    QVERIFY(!AgentState::isEnrolled(m_dir->filePath(QStringLiteral("agent"))));
}

void TestAgentCommand::unreadableTokenFileFails()
{
    // Not a usage error: the command line was right, the file is not there.
    QCOMPARE(runAgentCommand(enrollArguments()
                             << QStringLiteral("--token-file") << m_dir->filePath(QStringLiteral("missing"))),
             1);
    QVERIFY(m_server->tokens.isEmpty());
}

void TestAgentCommand::collectTakesTheCollectorsSections_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<int>("exitCode");
    // The agent's own section and the report's errors are added to every report, never collected.
    for (const QString &section : protocol::reportSectionNames()) {
        const bool collected = section != QLatin1String("agent") && section != QLatin1String("errors");
        QTest::newRow(qPrintable(section)) << section << (collected ? 0 : cli::kExitUsage);
    }
    QTest::newRow("unknown") << QStringLiteral("printers") << cli::kExitUsage;
}

void TestAgentCommand::collectTakesTheCollectorsSections()
{
    QFETCH(QString, section);
    QFETCH(int, exitCode);
    // An empty tree: collectors find nothing to report, quickly.
    const QStringList arguments{QStringLiteral("steward-agent"),
                                QStringLiteral("collect"),
                                QStringLiteral("--json"),
                                QStringLiteral("--root"),
                                m_dir->path(),
                                QStringLiteral("--sections"),
                                section};
    QCOMPARE(runAgentCommand(arguments), exitCode);
}

QTEST_GUILESS_MAIN(TestAgentCommand)
#include "TestAgentCommand.moc"
