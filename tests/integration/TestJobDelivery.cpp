// SPDX-License-Identifier: GPL-3.0-or-later
// Job delivery end to end inside one server process (docs/jobs.md, "Delivery"): the admin API
// and the agent gateway wired as steward-server wires them, an operator's real signed job
// created over HTTPS, and agents speaking the real agent channel over mutual TLS on loopback.
#include "Clock.h"
#include "FrameCodec.h"
#include "JobSamples.h"
#include "Messages.h"
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "TestSite.h"
#include "api/AdminApi.h"
#include "auth/Credentials.h"
#include "gateway/AgentGateway.h"
#include "jobs/JobItems.h"
#include "jobs/Receipt.h"
#include "store/Database.h"
#include "store/Repositories.h"

#include <QCborValue>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

using namespace steward;
using namespace steward::server;
namespace samples = steward::test::jobsamples;

namespace
{
struct Response {
    int status = 0;
    QJsonObject body;
};

// One enrolled device's agent on the real channel, driven by the test: what steward-agent
// would send, and everything the server sends back, in order.
struct Agent {
    QString deviceId;
    QByteArray keyPem;
    tls::Identity identity;
    std::unique_ptr<QSslSocket> socket;
    FrameDecoder decoder;

    void send(const QCborMap &message)
    {
        socket->write(FrameCodec::encode(message));
    }
    std::optional<QCborMap> next(int timeoutMs = 5000)
    {
        return test::readMessage(*socket, &decoder, timeoutMs);
    }
    // The next message, which must be of this type; empty otherwise.
    QCborMap expect(protocol::MessageType type, int timeoutMs = 5000)
    {
        const std::optional<QCborMap> message = next(timeoutMs);
        return message && protocol::typeOf(*message) == type ? *message : QCborMap();
    }
};

protocol::JobEvent jobEvent(qint64 sequence, const QString &jobId, const char *state)
{
    protocol::JobEvent event;
    event.sequence = sequence;
    event.id = jobId;
    event.state = QLatin1String(state);
    event.at = QDateTime::currentSecsSinceEpoch();
    return event;
}
}

class TestJobDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void onlineAgentGetsANewJobAtOnce();
    void acknowledgedJobsAreNotOfferedAgain();
    void eventsAreAppliedOnceAndAcknowledged();
    void operatorListGoesOnlyToAgentsWithAnOlderOne();
    void agentsWithoutJobsAreNotOffered();
    void revokedBeforeDeliveryIsNotOffered();
    void revokedDeviceCannotFetchItsJob();
    void resumeOffersWhatThePauseHeldBack();
    void cancelReachesTheOnlineAgent();
    void cancelReachesAnAgentThatWasOffline();
    void eventSequenceMayNotJumpTooFar();

private:
    Response request(const QByteArray &verb, const QString &path, const QJsonObject &body = {});
    // Enrols a device over the gateway (a real CSR and certificate); null on failure.
    std::unique_ptr<Agent> enrol();
    // Connects with the device's certificate and says hello, announcing jobs unless told not to,
    // holding operator list `operatorListVersion`; false when there was no welcome.
    bool connectAgent(Agent &agent,
                      qint64 operatorListVersion = 0,
                      bool speaksJobs = true,
                      protocol::Welcome *welcome = nullptr);
    // Uploads version 1 of the operator list, signed by m_signers' root.
    void uploadOperators();
    // POST /api/v1/jobs for these devices: the job's id, empty on failure.
    QString createJob(const QStringList &deviceIds, jobs::JobEnvelope *envelope = nullptr);
    QString stateOf(const QString &jobId, const QString &deviceId);
    Deployment deployment(const QString &jobId)
    {
        return m_store->jobs.find(jobId).value().value_or(Deployment());
    }

    test::TestSite m_site;
    samples::Signers m_signers;
    jobs::OperatorList m_operators;
    Clock m_clock;
    test::StoreFixture m_fixture;
    std::unique_ptr<Repositories> m_store;
    std::unique_ptr<AgentGateway> m_gateway;
    std::unique_ptr<AdminApi> m_api;
    QNetworkAccessManager m_network;
    QString m_session;
};

void TestJobDelivery::initTestCase_data()
{
    test::StoreFixture::addEngines();
}

void TestJobDelivery::initTestCase()
{
    m_operators = samples::operatorList(m_signers, 1, m_clock.now());
}

void TestJobDelivery::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    QVERIFY_RESULT(m_fixture.create(engine));
    m_store = std::make_unique<Repositories>(m_fixture.database());
    QVERIFY_RESULT(test::samples::addApiUsers(m_store->users, m_clock.now()));

    GatewayContext context;
    context.store = m_store.get();
    context.clock = &m_clock;
    context.ca = m_site.ca;
    m_gateway = std::make_unique<AgentGateway>(context, m_site.server);
    QVERIFY_RESULT(m_gateway->listen(QHostAddress::LocalHost, 0));
    AdminApi::Options options;
    options.caFingerprint = m_site.caFingerprint;
    m_api = std::make_unique<AdminApi>(*m_store, m_clock, CompliancePolicy{}, options);
    QVERIFY_RESULT(m_api->listen(QHostAddress::LocalHost, 0, m_site.server, m_site.caCertificate()));
    // As steward-server connects them (server/ServerCommand.cpp).
    QObject::connect(m_api.get(), &AdminApi::deviceRevoked, m_gateway.get(), &AgentGateway::disconnectDevice);
    QObject::connect(m_api.get(), &AdminApi::jobsReleased, m_gateway.get(), &AgentGateway::offerJobs);
    QObject::connect(m_api.get(), &AdminApi::jobCancelled, m_gateway.get(), &AgentGateway::cancelJob);

    m_network.clearAccessCache();
    m_network.clearConnectionCache();
    m_session.clear();
    const Response login = request("POST",
                                   QStringLiteral("/api/v1/login"),
                                   {{QStringLiteral("user"), QStringLiteral("alice")},
                                    {QStringLiteral("password"), QStringLiteral("alice-password")}});
    QCOMPARE(login.status, 200);
    m_session = login.body.value(QLatin1String("token")).toString();
}

void TestJobDelivery::cleanup()
{
    m_api.reset();
    m_gateway.reset();
    m_store.reset();
    m_fixture.close();
}

Response TestJobDelivery::request(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    QNetworkRequest req(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_api->port()).arg(path)));
    req.setSslConfiguration(tls::apiClient({m_site.caCertificate()}));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_session.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + m_session.toLatin1());
    }
    QNetworkReply *reply =
        m_network.sendCustomRequest(req, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Response response;
    if (finished.wait(10000)) {
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = QJsonDocument::fromJson(reply->readAll()).object();
    }
    reply->deleteLater();
    return response;
}

std::unique_ptr<Agent> TestJobDelivery::enrol()
{
    const QDateTime now = m_clock.now();
    const QString token = credentials::randomToken();
    if (!m_store->enrolment.addToken(credentials::tokenHash(token), 1, now.addSecs(600), QStringLiteral("test"), now)
             .ok()) {
        return nullptr;
    }
    auto agent = std::make_unique<Agent>();
    agent->socket = std::make_unique<QSslSocket>();
    agent->socket->setSslConfiguration(tls::agentClient(std::nullopt));
    agent->socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_gateway->port());
    if (!test::waitForEncrypted(*agent->socket)) {
        return nullptr;
    }
    agent->send(protocol::Hello{protocol::kVersion, QStringLiteral("test")}.toCbor());
    if (agent->expect(protocol::MessageType::Welcome).isEmpty()) {
        return nullptr;
    }
    const pki::KeyAndCsr key = pki::createKeyAndCsr(QStringLiteral("pc")).value();
    agent->send(protocol::Enroll{token, key.csrPem, QStringLiteral("pc")}.toCbor());
    const QCborMap reply = agent->expect(protocol::MessageType::Enrolled);
    const Result<protocol::Enrolled> enrolled = protocol::Enrolled::fromCbor(reply);
    if (reply.isEmpty() || !enrolled) {
        return nullptr;
    }
    agent->deviceId = enrolled.value().deviceId;
    agent->keyPem = key.keyPem;
    agent->identity = test::TestSite::identityFrom(key.keyPem, enrolled.value().certificatePem);
    agent->socket.reset();
    return agent;
}

bool TestJobDelivery::connectAgent(Agent &agent,
                                   qint64 operatorListVersion,
                                   bool speaksJobs,
                                   protocol::Welcome *welcome)
{
    agent.decoder = FrameDecoder();
    agent.socket = std::make_unique<QSslSocket>();
    agent.socket->setSslConfiguration(tls::agentClient(agent.identity));
    agent.socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_gateway->port());
    if (!test::waitForEncrypted(*agent.socket)) {
        return false;
    }
    QStringList capabilities{protocol::capability::kDeltaReports, protocol::capability::kResync};
    if (speaksJobs) {
        capabilities.append(protocol::capability::kJobs);
    }
    agent.send(protocol::Hello{protocol::kVersion,
                               QStringLiteral("test"),
                               protocol::kMinVersion,
                               capabilities,
                               operatorListVersion}
                   .toCbor());
    const Result<protocol::Welcome> welcomed =
        protocol::Welcome::fromCbor(agent.expect(protocol::MessageType::Welcome));
    if (!welcomed || welcomed.value().deviceId != agent.deviceId) {
        return false;
    }
    if (welcome) {
        *welcome = welcomed.value();
    }
    return true;
}

void TestJobDelivery::uploadOperators()
{
    const Response uploaded = request("PUT",
                                      QStringLiteral("/api/v1/signing/operators"),
                                      samples::signedJson(m_signers.root, m_operators.encode()));
    QCOMPARE(uploaded.status, 200);
}

QString TestJobDelivery::createJob(const QStringList &deviceIds, jobs::JobEnvelope *envelope)
{
    const jobs::JobEnvelope job = samples::patchJob(m_signers.operatorKey, deviceIds, m_clock.now());
    const Response created =
        request("POST", QStringLiteral("/api/v1/jobs"), samples::jobRequest(m_signers.operatorKey, job, deviceIds));
    if (created.status != 201) {
        qWarning() << "POST /api/v1/jobs:" << created.status << created.body;
        return {};
    }
    if (envelope) {
        *envelope = job;
    }
    return job.id;
}

QString TestJobDelivery::stateOf(const QString &jobId, const QString &deviceId)
{
    for (const DeviceJob &job : deployment(jobId).devices) {
        if (job.deviceId == deviceId) {
            return job.state;
        }
    }
    return {};
}

void TestJobDelivery::onlineAgentGetsANewJobAtOnce()
{
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    protocol::Welcome welcome;
    QVERIFY(connectAgent(*agent, 0, true, &welcome));
    QVERIFY(welcome.capabilities.contains(protocol::capability::kJobs)); // the server says it speaks jobs
    uploadOperators();
    // Nothing is pushed before there is a job.
    QVERIFY(!agent->next(300));

    jobs::JobEnvelope envelope;
    const QString jobId = createJob({agent->deviceId}, &envelope);
    QVERIFY(!jobId.isEmpty());
    // Over the live connection, without a reconnect or a poll.
    const QCborMap offered = agent->expect(protocol::MessageType::Jobs);
    QVERIFY(!offered.isEmpty());
    const protocol::Jobs jobs = protocol::Jobs::fromCbor(offered).value();
    QCOMPARE(jobs.jobs.size(), 1);
    // The exact bytes the operator signed, the signature, and this device's own proof.
    const protocol::JobOffer &offer = jobs.jobs.first();
    QCOMPARE(offer.job.document, envelope.encode());
    QVERIFY(jobs::verifySignature(m_signers.operatorKey.publicKey, offer.job.document, offer.job.signature));
    const Result<jobs::merkle::Proof> proof = jobs::merkle::fromCbor(QCborValue::fromCbor(offer.proof));
    QVERIFY_RESULT(proof);
    QVERIFY(jobs::merkle::verify(agent->deviceId, proof.value(), envelope.targetsRoot));
    // The agent named no operator list in hello: it gets the one the server holds.
    QVERIFY(jobs.operators.has_value());
    QCOMPARE(jobs.operators->document, m_operators.encode());
    const QString rootFingerprint = jobs::fingerprint(m_signers.root.publicKey);
    QVERIFY_RESULT(jobs::verifyOperatorList(jobs::SignedDocument{jobs.operators->document, jobs.operators->signature},
                                            rootFingerprint,
                                            m_clock.now()));

    QCOMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("queued")); // until the agent says it has it
    agent->send(protocol::JobAck{{jobId}}.toCbor());
    QTRY_COMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("delivered"));
    const DeviceJob delivered = deployment(jobId).devices.first();
    QVERIFY(delivered.deliveredAt.isValid());
    QVERIFY(qAbs(delivered.deliveredAt.secsTo(m_clock.now())) < 60);
}

void TestJobDelivery::acknowledgedJobsAreNotOfferedAgain()
{
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    uploadOperators();
    // Offline at creation: queued for when the device comes back.
    const QString first = createJob({agent->deviceId});
    const QString second = createJob({agent->deviceId});
    QVERIFY(!first.isEmpty() && !second.isEmpty());

    QVERIFY(connectAgent(*agent, 1));
    QCborMap offered = agent->expect(protocol::MessageType::Jobs);
    QVERIFY(!offered.isEmpty());
    QCOMPARE(protocol::Jobs::fromCbor(offered).value().jobs.size(), 2);
    // Only the first is acknowledged (the second, say, did not fit the agent's spool yet).
    agent->send(protocol::JobAck{{first}}.toCbor());
    QTRY_COMPARE(stateOf(first, agent->deviceId), QStringLiteral("delivered"));

    QVERIFY(connectAgent(*agent, 1));
    offered = agent->expect(protocol::MessageType::Jobs);
    QVERIFY(!offered.isEmpty());
    const protocol::Jobs again = protocol::Jobs::fromCbor(offered).value();
    QCOMPARE(again.jobs.size(), 1);
    QCOMPARE(jobs::JobEnvelope::decode(again.jobs.first().job.document).value().id, second);
    agent->send(protocol::JobAck{{second, first}}.toCbor()); // the first again: harmless
    QTRY_COMPARE(stateOf(second, agent->deviceId), QStringLiteral("delivered"));

    QVERIFY(connectAgent(*agent, 1));
    QVERIFY(!agent->next(500)); // nothing left to offer
    QCOMPARE(stateOf(first, agent->deviceId), QStringLiteral("delivered"));
}

void TestJobDelivery::eventsAreAppliedOnceAndAcknowledged()
{
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    QVERIFY(connectAgent(*agent));
    uploadOperators();
    const QString jobId = createJob({agent->deviceId});
    QVERIFY(!jobId.isEmpty());
    QVERIFY(!agent->expect(protocol::MessageType::Jobs).isEmpty());
    agent->send(protocol::JobAck{{jobId}}.toCbor());

    // Job events share the reports' numbering: here a report went before.
    protocol::Report report;
    report.sequence = 1;
    agent->send(report.toCbor());
    QCOMPARE(protocol::Ack::fromCbor(agent->expect(protocol::MessageType::Ack)).value().sequence, 1);

    agent->send(jobEvent(2, jobId, "running").toCbor());
    const QCborMap ack = agent->expect(protocol::MessageType::Ack);
    QVERIFY(!ack.isEmpty());
    QCOMPARE(protocol::Ack::fromCbor(ack).value().sequence, 2);
    // The ack comes after the commit.
    QCOMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("running"));
    QVERIFY(deployment(jobId).devices.first().startedAt.isValid());

    // The same event again (the ack was lost on its way): acknowledged again, applied once,
    // however it reads now.
    agent->send(jobEvent(2, jobId, "failed").toCbor());
    QCOMPARE(protocol::Ack::fromCbor(agent->expect(protocol::MessageType::Ack)).value().sequence, 2);
    QCOMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("running"));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("job_events")), 1);

    // The result, with a receipt signed by the device's own key.
    protocol::JobEvent done = jobEvent(3, jobId, "succeeded");
    done.exitCode = 0;
    done.items = QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                     {QStringLiteral("before"), QStringLiteral("3.0.11-1")},
                                     {QStringLiteral("after"), QStringLiteral("3.0.13-1")},
                                     {QStringLiteral("result"), QStringLiteral("installed")}}};
    jobs::Receipt receipt;
    receipt.jobId = jobId;
    receipt.deviceId = agent->deviceId;
    receipt.state = done.state;
    receipt.exitCode = 0;
    receipt.itemsDigest = QCryptographicHash::hash(done.items.toCbor(), QCryptographicHash::Sha256);
    receipt.at = QDateTime::fromSecsSinceEpoch(done.at, Qt::UTC);
    const Result<jobs::SignedDocument> signedReceipt = jobs::signReceipt(receipt, agent->keyPem);
    QVERIFY_RESULT(signedReceipt);
    done.receipt = protocol::SignedBytes{signedReceipt.value().bytes, signedReceipt.value().signature};
    agent->send(done.toCbor());
    QCOMPARE(protocol::Ack::fromCbor(agent->expect(protocol::MessageType::Ack)).value().sequence, 3);

    // As the console and stewardctl read it: done, and the receipt checks out against the device's
    // certificate the server shows with it.
    const Response shown = request("GET", QStringLiteral("/api/v1/jobs/") + jobId);
    QCOMPARE(shown.status, 200);
    QCOMPARE(shown.body.value(QLatin1String("state")).toString(), QStringLiteral("completed"));
    const QJsonObject device = shown.body.value(QLatin1String("devices")).toArray().first().toObject();
    QCOMPARE(device.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(device.value(QLatin1String("items")).toArray().first().toObject().value(QLatin1String("after")).toString(),
             QStringLiteral("3.0.13-1"));
    const jobs::SignedDocument stored{
        QByteArray::fromBase64(device.value(QLatin1String("receipt")).toString().toLatin1()),
        QByteArray::fromBase64(device.value(QLatin1String("receiptSignature")).toString().toLatin1())};
    const Result<jobs::Receipt> verified =
        jobs::verifyReceipt(stored, device.value(QLatin1String("certificate")).toString().toLatin1());
    QVERIFY_RESULT(verified);
    QCOMPARE(verified.value().state, QStringLiteral("succeeded"));
    // The items as the device sent them, which its receipt covers, and the view made of them.
    const QByteArray itemsCbor = QByteArray::fromBase64(device.value(QLatin1String("itemsCbor")).toString().toLatin1());
    QCOMPARE(QCryptographicHash::hash(itemsCbor, QCryptographicHash::Sha256), verified.value().itemsDigest);
    QCOMPARE(jobs::itemsView(QCborValue::fromCbor(itemsCbor).toArray()),
             device.value(QLatin1String("items")).toArray());
    QCOMPARE(m_fixture.rowCount(QStringLiteral("job_events")), 2);

    // A reconnecting agent continues above the newest sequence of either kind.
    protocol::Welcome welcome;
    QVERIFY(connectAgent(*agent, 1, true, &welcome));
    QCOMPARE(welcome.lastSequence, 3);
}

void TestJobDelivery::operatorListGoesOnlyToAgentsWithAnOlderOne()
{
    std::unique_ptr<Agent> current = enrol();
    std::unique_ptr<Agent> behind = enrol();
    QVERIFY(current && behind);
    uploadOperators();
    QVERIFY(!createJob({current->deviceId, behind->deviceId}).isEmpty());

    QVERIFY(connectAgent(*current, m_operators.version));
    const QCborMap toCurrent = current->expect(protocol::MessageType::Jobs);
    QVERIFY(!toCurrent.isEmpty());
    QVERIFY(!protocol::Jobs::fromCbor(toCurrent).value().operators.has_value());
    QCOMPARE(protocol::Jobs::fromCbor(toCurrent).value().jobs.size(), 1);

    QVERIFY(connectAgent(*behind, m_operators.version - 1));
    const QCborMap toBehind = behind->expect(protocol::MessageType::Jobs);
    QVERIFY(!toBehind.isEmpty());
    QVERIFY(protocol::Jobs::fromCbor(toBehind).value().operators.has_value());
}

void TestJobDelivery::agentsWithoutJobsAreNotOffered()
{
    // An agent from before jobs would not know the message: it gets none, and its job waits.
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    QVERIFY(connectAgent(*agent, 0, false));
    uploadOperators();
    const QString jobId = createJob({agent->deviceId});
    QVERIFY(!jobId.isEmpty());
    QVERIFY(!agent->next(500));
    QCOMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("queued"));
    QCOMPARE(agent->socket->state(), QAbstractSocket::ConnectedState);
}

void TestJobDelivery::revokedBeforeDeliveryIsNotOffered()
{
    std::unique_ptr<Agent> kept = enrol();
    std::unique_ptr<Agent> revoked = enrol();
    QVERIFY(kept && revoked);
    uploadOperators();
    QVERIFY(connectAgent(*kept));
    QVERIFY(connectAgent(*revoked, m_operators.version)); // so that it would be sent nothing but a job
    // Stored without the API, so that no one is offered it yet.
    const QStringList targets{kept->deviceId, revoked->deviceId};
    const jobs::JobEnvelope envelope = samples::patchJob(m_signers.operatorKey, targets, m_clock.now());
    const jobs::SignedDocument signedJob =
        jobs::SignedDocument::signedBy(m_signers.operatorKey, envelope.encode()).value();
    Deployment job;
    job.id = envelope.id;
    job.kind = envelope.kind;
    job.envelope = signedJob.bytes;
    job.signature = signedJob.signature;
    job.signer = envelope.signer;
    job.createdBy = QStringLiteral("alice");
    job.createdAt = m_clock.now();
    job.expiresAt = envelope.expiresAt;
    const jobs::merkle::Tree tree(targets);
    QList<JobTarget> jobTargets;
    for (const QString &target : targets) {
        jobTargets.append(JobTarget{target, jobs::merkle::toCbor(tree.proof(target).value()).toCborValue().toCbor()});
    }
    QVERIFY_RESULT(m_store->jobs.create(job, jobTargets));
    // Revoked by another server sharing the database: this one's session of it is still open.
    QVERIFY(m_store->devices.revoke(revoked->deviceId).value());

    m_gateway->offerJobs({revoked->deviceId, kept->deviceId});
    QVERIFY(!kept->expect(protocol::MessageType::Jobs).isEmpty());
    const std::optional<QCborMap> toRevoked = revoked->next(1000);
    QVERIFY2(!toRevoked, qPrintable(toRevoked ? QCborValue(*toRevoked).toDiagnosticNotation() : QString()));
    QCOMPARE(stateOf(job.id, revoked->deviceId), QStringLiteral("queued"));
}

void TestJobDelivery::revokedDeviceCannotFetchItsJob()
{
    std::unique_ptr<Agent> kept = enrol();
    std::unique_ptr<Agent> revoked = enrol();
    QVERIFY(kept && revoked);
    QVERIFY(connectAgent(*kept));
    uploadOperators();
    const QString jobId = createJob({kept->deviceId, revoked->deviceId});
    QVERIFY(!jobId.isEmpty());
    QVERIFY(!kept->expect(protocol::MessageType::Jobs).isEmpty());

    const Response revoke = request("POST", QStringLiteral("/api/v1/devices/%1/revoke").arg(revoked->deviceId));
    QCOMPARE(revoke.status, 200);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("closing connection.*device is revoked")));
    QVERIFY(!connectAgent(*revoked));
    QCOMPARE(stateOf(jobId, revoked->deviceId), QStringLiteral("queued"));
}

void TestJobDelivery::resumeOffersWhatThePauseHeldBack()
{
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    uploadOperators();
    const QString jobId = createJob({agent->deviceId});
    QVERIFY(!jobId.isEmpty());
    QCOMPARE(request("POST", QStringLiteral("/api/v1/jobs/%1/pause").arg(jobId)).status, 200);

    // Paused: the device, back online, is not offered the job.
    QVERIFY(connectAgent(*agent, 1));
    QVERIFY(!agent->next(500));
    const Response resumed = request("POST", QStringLiteral("/api/v1/jobs/%1/resume").arg(jobId));
    QCOMPARE(resumed.status, 200);
    QCOMPARE(resumed.body.value(QLatin1String("state")).toString(), QStringLiteral("active"));
    // Resumed: offered over the live connection, not at the next reconnect.
    const QCborMap offered = agent->expect(protocol::MessageType::Jobs);
    QVERIFY(!offered.isEmpty());
    QCOMPARE(protocol::Jobs::fromCbor(offered).value().jobs.size(), 1);
}

void TestJobDelivery::cancelReachesTheOnlineAgent()
{
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    QVERIFY(connectAgent(*agent));
    uploadOperators();
    const QString jobId = createJob({agent->deviceId});
    QVERIFY(!jobId.isEmpty());
    QVERIFY(!agent->expect(protocol::MessageType::Jobs).isEmpty());
    agent->send(protocol::JobAck{{jobId}}.toCbor());
    QTRY_COMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("delivered"));

    QCOMPARE(request("POST", QStringLiteral("/api/v1/jobs/%1/cancel").arg(jobId)).status, 200);
    const QCborMap cancel = agent->expect(protocol::MessageType::JobCancel);
    QVERIFY(!cancel.isEmpty());
    QCOMPARE(protocol::JobCancel::fromCbor(cancel).value().id, jobId);
    QCOMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("cancelled"));
}

// The device stored the job and went offline before the operator cancelled: it is told when it
// comes back, and again at each connection until it reports what it did.
void TestJobDelivery::cancelReachesAnAgentThatWasOffline()
{
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    QVERIFY(connectAgent(*agent));
    uploadOperators();
    const QString jobId = createJob({agent->deviceId});
    QVERIFY(!jobId.isEmpty());
    QVERIFY(!agent->expect(protocol::MessageType::Jobs).isEmpty());
    agent->send(protocol::JobAck{{jobId}}.toCbor());
    QTRY_COMPARE(stateOf(jobId, agent->deviceId), QStringLiteral("delivered"));
    agent->socket->abort();

    QCOMPARE(request("POST", QStringLiteral("/api/v1/jobs/%1/cancel").arg(jobId)).status, 200);
    QVERIFY(connectAgent(*agent, 1));
    const QCborMap cancel = agent->expect(protocol::MessageType::JobCancel);
    QVERIFY(!cancel.isEmpty());
    QCOMPARE(protocol::JobCancel::fromCbor(cancel).value().id, jobId);

    // It stopped the job: reported, the cancel is not repeated.
    agent->send(jobEvent(1, jobId, "cancelled").toCbor());
    QCOMPARE(protocol::Ack::fromCbor(agent->expect(protocol::MessageType::Ack)).value().sequence, 1);
    QVERIFY(connectAgent(*agent, 1));
    QVERIFY(!agent->next(500));
}

void TestJobDelivery::eventSequenceMayNotJumpTooFar()
{
    std::unique_ptr<Agent> agent = enrol();
    QVERIFY(agent);
    QVERIFY(connectAgent(*agent));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused .*job.sequence-jump")));
    agent->send(jobEvent(protocol::kMaxSequenceStep + 1, QStringLiteral("job-1"), "running").toCbor());
    const QCborMap refused = agent->expect(protocol::MessageType::Error);
    QVERIFY(!refused.isEmpty());
    QCOMPARE(refused.value(QLatin1String("code")).toString(), QStringLiteral("job.sequence-jump"));
    QCOMPARE(m_store->jobs.lastEventSequence(agent->deviceId).value(), 0);

    // The device is not wedged: its next honest event is stored.
    QVERIFY(connectAgent(*agent));
    agent->send(jobEvent(1, QStringLiteral("job-1"), "running").toCbor());
    QCOMPARE(protocol::Ack::fromCbor(agent->expect(protocol::MessageType::Ack)).value().sequence, 1);
}

QTEST_GUILESS_MAIN(TestJobDelivery)
#include "TestJobDelivery.moc"
