// SPDX-License-Identifier: GPL-3.0-or-later
// AgentRunner against a fake server on loopback that lives in this thread: it speaks the agent
// channel with the real frame codec and messages, and each test scripts how it answers.
#include "AgentRunner.h"
#include "AgentState.h"
#include "Collection.h"
#include "FrameCodec.h"
#include "ManualClock.h"
#include "Messages.h"
#include "Spool.h"
#include "TestSite.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

using namespace steward;
using namespace steward::agent;

namespace
{
constexpr auto kDeviceId = "0f6c1a52-7d5e-4c1b-9a53-2b7f04e1d9aa";

QCborMap sections(const QString &hostname)
{
    QCborMap map;
    map.insert(QStringLiteral("os"), QCborMap{{QStringLiteral("hostname"), hostname}});
    map.insert(QStringLiteral("errors"), QCborMap());
    return map;
}

// Collects in this process, a turn of the event loop after it was asked: the real agent runs a
// child (ChildCollection, exercised by the end-to-end tests).
class InProcessCollection : public Collection
{
public:
    InProcessCollection(Spool &spool, const Clock &clock, CollectFunction collect)
        : m_spool(spool)
        , m_clock(clock)
        , m_collect(std::move(collect))
    {
    }
    void start(const QStringList &sections, bool full) override
    {
        QTimer::singleShot(0, this, [this, sections, full] {
            const Result<qint64> spooled = collectIntoSpool(m_spool, m_clock, m_collect, sections, full);
            Q_EMIT finished(spooled.ok(), spooled ? QString() : spooled.error().message);
        });
    }

private:
    Spool &m_spool;
    const Clock &m_clock;
    CollectFunction m_collect;
};

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// One agent connection as the fake server sees it.
struct Peer {
    QSslSocket *socket = nullptr;
    FrameDecoder decoder;
    QList<QCborMap> received;

    void send(const QCborMap &message)
    {
        socket->write(FrameCodec::encode(message));
    }
    int count(protocol::MessageType type) const
    {
        return int(std::count_if(received.cbegin(), received.cend(), [type](const QCborMap &message) {
            return protocol::typeOf(message) == type;
        }));
    }
};

class FakeServer : public QObject
{
public:
    explicit FakeServer(const test::TestSite &site)
    {
        m_server.setSslConfiguration(tls::agentGateway(site.server, site.caCertificate()));
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, &FakeServer::accept);
    }

    bool listen()
    {
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const
    {
        return m_server.serverPort();
    }

    // The welcome it sends, unless `onHello` says otherwise.
    QString deviceId = QLatin1String(kDeviceId);
    qint64 lastSequence = 0;
    std::function<void(Peer &)> onHello;
    // Stores and acks every report (resync first when `resyncFor` says so) unless `acknowledge` is off.
    bool acknowledge = true;
    std::function<bool(const protocol::Report &)> resyncFor;

    std::vector<std::unique_ptr<Peer>> peers;
    QList<protocol::Report> reports; // every report received, over all connections

    QList<qint64> sequences() const
    {
        QList<qint64> result;
        for (const protocol::Report &report : reports) {
            result.append(report.sequence);
        }
        return result;
    }
    int fullReports() const
    {
        return int(std::count_if(reports.cbegin(), reports.cend(), [](const protocol::Report &report) {
            return report.full;
        }));
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto peer = std::make_unique<Peer>();
            peer->socket = qobject_cast<QSslSocket *>(socket);
            Peer *raw = peer.get();
            connect(socket, &QSslSocket::readyRead, this, [this, raw] {
                read(*raw);
            });
            peers.push_back(std::move(peer));
        }
    }

    void read(Peer &peer)
    {
        peer.decoder.append(peer.socket->readAll());
        for (;;) {
            Result<std::optional<QCborMap>> next = peer.decoder.next();
            if (!next || !next.value()) {
                return;
            }
            handle(peer, *next.value());
        }
    }

    void handle(Peer &peer, const QCborMap &message)
    {
        peer.received.append(message);
        switch (protocol::typeOf(message)) {
        case protocol::MessageType::Hello:
            if (onHello) {
                onHello(peer);
            } else {
                peer.send(
                    protocol::Welcome{protocol::kVersion, QStringLiteral("test"), deviceId, lastSequence}.toCbor());
            }
            return;
        case protocol::MessageType::Report: {
            const protocol::Report report = protocol::Report::fromCbor(message).value();
            reports.append(report);
            if (!acknowledge) {
                return;
            }
            if (resyncFor && resyncFor(report)) {
                peer.send(protocol::Resync{}.toCbor());
            }
            peer.send(protocol::Ack{report.sequence}.toCbor());
            return;
        }
        default:
            return;
        }
    }

    QSslServer m_server;
};
}

class TestAgentRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void onceDeliversEverythingAndExits();
    void recreatedSpoolContinuesAfterServerSequence();
    void lostAckResendsUnderSameNumber();
    void silentLinkTimesOutAndReconnects();
    void heartbeatsWhileReportInFlight();
    void socketKeepsAlive();
    void resyncWhileFullPendingIsIgnored();
    void onceWaitsForResyncFullReport();
    void wrongDeviceDropsConnectionOnce();
    void asksForRenewalWhenTheClockSaysSo();

private:
    std::unique_ptr<AgentRunner> makeRunner(AgentRunner::Options options);

    std::unique_ptr<test::TestSite> m_site;
    tls::Identity m_client;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<Spool> m_spool;
    std::unique_ptr<InProcessCollection> m_collection;
    AgentState m_state;
    int m_collected = 0;
    // Starts at the real time, which the TLS handshake checks certificates against; only the
    // agent's own decisions (renewal, report and heartbeat times) follow it when it moves.
    test::ManualClock m_clock{QDateTime::currentDateTimeUtc()};
};

void TestAgentRunner::initTestCase()
{
    m_site = std::make_unique<test::TestSite>();
    m_client = m_site->issueClient(QLatin1String(kDeviceId), 100);
}

void TestAgentRunner::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<FakeServer>(*m_site);
    QVERIFY(m_server->listen());
    m_state = AgentState();
    m_state.dataDir = m_dir->path();
    m_state.serverHost = QStringLiteral("127.0.0.1");
    m_state.serverPort = m_server->port();
    m_state.caFingerprint = m_site->caFingerprint;
    m_state.deviceId = QLatin1String(kDeviceId);
    QVERIFY(writeFile(m_state.certificatePath(), m_client.certificate.toPem()));
    QVERIFY(writeFile(m_state.keyPath(), m_client.key.toPem()));
    m_spool = std::make_unique<Spool>();
    QVERIFY(m_spool->open(m_state.spoolPath()).ok());
    m_collected = 0;
    m_clock.set(QDateTime::currentDateTimeUtc());
}

void TestAgentRunner::cleanup()
{
    m_collection.reset();
    m_spool.reset();
    m_server.reset();
    m_dir.reset();
}

// Every collection yields a different host name, so each delta carries something.
std::unique_ptr<AgentRunner> TestAgentRunner::makeRunner(AgentRunner::Options options)
{
    options.backoffInitial = std::chrono::milliseconds(20);
    options.backoffMaximum = std::chrono::milliseconds(40);
    m_collection = std::make_unique<InProcessCollection>(*m_spool, m_clock, [this](const QStringList &) {
        return sections(QStringLiteral("host-%1").arg(++m_collected));
    });
    return std::make_unique<AgentRunner>(m_state, *m_spool, *m_collection, m_clock, options);
}

void TestAgentRunner::onceDeliversEverythingAndExits()
{
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("earlier")), 1, false).ok());
    AgentRunner::Options options;
    options.once = true;
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    QSignalSpy finished(runner.get(), &AgentRunner::finished);
    runner->start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(m_server->sequences(), (QList<qint64>{1, 2}));
    // The fresh report is dated by the agent's clock; the earlier one keeps its own date.
    QCOMPARE(m_server->reports.at(0).collectedAt, 1);
    QCOMPARE(m_server->reports.at(1).collectedAt, m_clock.now().toSecsSinceEpoch());
    QCOMPARE(m_spool->count(), 0);
    // A certificate a few seconds old is not due for renewal.
    QCOMPARE(m_server->peers.front()->count(protocol::MessageType::Renew), 0);
}

void TestAgentRunner::recreatedSpoolContinuesAfterServerSequence()
{
    // spool.db was lost; the server already stored reports up to 41 from this device.
    m_server->lastSequence = 41;
    AgentRunner::Options options;
    options.once = true;
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    QSignalSpy finished(runner.get(), &AgentRunner::finished);
    runner->start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(m_server->sequences(), QList<qint64>{42});
    QCOMPARE(m_server->reports.first().full, true);
    QCOMPARE(m_spool->count(), 0);
    QCOMPARE(m_spool->enqueue(sections(QStringLiteral("later")), 2, false).value(), 43);
}

void TestAgentRunner::lostAckResendsUnderSameNumber()
{
    for (int i = 0; i < 3; ++i) {
        QVERIFY(m_spool->enqueue(sections(QStringLiteral("earlier-%1").arg(i)), i, false).ok());
    }
    QVERIFY(m_spool->acknowledge(1).ok());
    // The server stored 2 and 3 but the acks never arrived.
    m_server->lastSequence = 3;
    AgentRunner::Options options;
    options.once = true;
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    QSignalSpy finished(runner.get(), &AgentRunner::finished);
    runner->start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(m_server->sequences(), (QList<qint64>{2, 3, 4}));
}

void TestAgentRunner::silentLinkTimesOutAndReconnects()
{
    m_server->acknowledge = false; // delivered, but the answer never comes back
    AgentRunner::Options options;
    options.ackTimeout = std::chrono::milliseconds(300);
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    QSignalSpy acknowledged(runner.get(), &AgentRunner::reportAcknowledged);
    runner->start();
    QTRY_COMPARE(m_server->reports.size(), 1);
    m_server->acknowledge = true;
    QTRY_COMPARE(m_server->peers.size(), std::size_t(2));
    QTRY_COMPARE(acknowledged.count(), 1);
    QCOMPARE(acknowledged.first().at(0).toLongLong(), 1);
    QCOMPARE(m_server->sequences(), (QList<qint64>{1, 1}));
    // The first connection was given up, not left half-open.
    QTRY_COMPARE(m_server->peers.front()->socket->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(m_spool->count(), 0);
}

void TestAgentRunner::heartbeatsWhileReportInFlight()
{
    m_server->acknowledge = false;
    AgentRunner::Options options;
    options.heartbeatInterval = std::chrono::milliseconds(50);
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    runner->start();
    QTRY_COMPARE(m_server->reports.size(), 1);
    QTRY_VERIFY(m_server->peers.front()->count(protocol::MessageType::Heartbeat) >= 2);
    QCOMPARE(m_server->peers.size(), std::size_t(1));
    for (const QCborMap &message : std::as_const(m_server->peers.front()->received)) {
        if (protocol::typeOf(message) == protocol::MessageType::Heartbeat) {
            QCOMPARE(message.value(QLatin1String("at")).toInteger(), m_clock.now().toSecsSinceEpoch());
        }
    }
}

void TestAgentRunner::socketKeepsAlive()
{
    m_server->acknowledge = false;
    const std::unique_ptr<AgentRunner> runner = makeRunner({});
    runner->start();
    QTRY_COMPARE(m_server->reports.size(), 1);
    auto *socket = runner->findChild<QSslSocket *>();
    QVERIFY(socket);
    QCOMPARE(socket->socketOption(QAbstractSocket::KeepAliveOption).toInt(), 1);
}

void TestAgentRunner::resyncWhileFullPendingIsIgnored()
{
    // Two deltas wait; the server's copy disagrees with their hashes, so it asks for a resync
    // after each delta. One full report answers them all.
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("earlier-0")), 1, false).ok());
    QVERIFY(m_spool->acknowledge(1).ok());
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("earlier-1")), 2, false).ok());
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("earlier-2")), 3, false).ok());
    m_server->lastSequence = 1;
    m_server->resyncFor = [](const protocol::Report &report) {
        return !report.full;
    };
    AgentRunner::Options options;
    options.once = true;
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    QSignalSpy finished(runner.get(), &AgentRunner::finished);
    runner->start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 0);
    // 2, 3 and the fresh 4 are deltas; 5 is the one full report, collected on the first resync.
    QCOMPARE(m_server->sequences(), (QList<qint64>{2, 3, 4, 5}));
    QCOMPARE(m_server->fullReports(), 1);
    QCOMPARE(m_server->reports.last().full, true);
    QCOMPARE(m_collected, 2);
    QCOMPARE(m_spool->count(), 0);
}

void TestAgentRunner::onceWaitsForResyncFullReport()
{
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("earlier")), 1, false).ok());
    QVERIFY(m_spool->acknowledge(1).ok());
    m_server->lastSequence = 1;
    // The fresh delta of `once` is the last report spooled, and the server wants a full one after it.
    m_server->resyncFor = [](const protocol::Report &report) {
        return report.sequence == 2;
    };
    AgentRunner::Options options;
    options.once = true;
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    QSignalSpy finished(runner.get(), &AgentRunner::finished);
    QSignalSpy acknowledged(runner.get(), &AgentRunner::reportAcknowledged);
    runner->start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(m_server->sequences(), (QList<qint64>{2, 3}));
    QCOMPARE(m_server->reports.last().full, true);
    QCOMPARE(acknowledged.count(), 2);
    QCOMPARE(acknowledged.last().at(0).toLongLong(), 3);
    QCOMPARE(m_spool->count(), 0);
}

void TestAgentRunner::wrongDeviceDropsConnectionOnce()
{
    // A server that welcomes us as another device and then says more in the same breath: none of
    // it may count, neither its ack nor its error.
    m_server->onHello = [](Peer &peer) {
        peer.send(protocol::Welcome{protocol::kVersion, QStringLiteral("test"), QStringLiteral("another-device"), 0}
                      .toCbor());
        peer.send(protocol::Ack{1}.toCbor());
        peer.send(protocol::ErrorMessage{QStringLiteral("test.error"), QStringLiteral("going away")}.toCbor());
    };
    AgentRunner::Options options;
    options.once = true;
    const std::unique_ptr<AgentRunner> runner = makeRunner(options);
    QSignalSpy finished(runner.get(), &AgentRunner::finished);
    QSignalSpy acknowledged(runner.get(), &AgentRunner::reportAcknowledged);
    runner->start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 1);
    QVERIFY(finished.first().at(1).toString().contains(QLatin1String("another device")));
    // The agent hung up on it.
    QTRY_COMPARE(m_server->peers.front()->socket->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(acknowledged.count(), 0);
    QCOMPARE(m_spool->count(), 1);
    QVERIFY(m_server->reports.isEmpty());
}

void TestAgentRunner::asksForRenewalWhenTheClockSaysSo()
{
    // Three weeks on, the 30-day certificate is past two thirds of its life.
    m_clock.advance(21 * 24 * 3600);
    m_server->acknowledge = false; // keeps the connection busy and open
    const std::unique_ptr<AgentRunner> runner = makeRunner({});
    runner->start();
    QTRY_COMPARE(m_server->peers.size(), std::size_t(1));
    QTRY_COMPARE(m_server->peers.front()->count(protocol::MessageType::Renew), 1);
}

QTEST_GUILESS_MAIN(TestAgentRunner)
#include "TestAgentRunner.moc"
