// SPDX-License-Identifier: GPL-3.0-or-later
// Job delivery benchmark (docs/benchmarks.md, "Jobs"). It starts a throwaway steward-server on
// loopback (init into a temporary directory, then run), and measures it from the outside the way
// agents and an operator see it: the admin API over HTTPS and the agent channel over mutual TLS
// 1.3 with CBOR frames (docs/protocol.md), using only common/ and Qt.
//
//   a. latency: one connected agent; an operator's signed patch job for it is POSTed to
//      /api/v1/jobs, and the simulated agent answers the offer at once with `job-ack` and a
//      `running` event. Timed: POST to its answer, to the offer, to the ack of `running`
//      (the server has stored it). Repeated --runs times.
//   b. fan-out: --agents connected agents, one job for all of them; each acknowledges its offer
//      at once. Timed: POST to the offers received, and to the moment the API counts every
//      device job `delivered` (polled every 50 ms). Then once more with the acknowledgements held
//      until every offer arrived, to tell the offers' cost from that of storing the acks.
//   c. bytes on the wire per device for a 10-package patch job: the offers as received, the
//      agent's `job-ack` and its `running` and `succeeded` events (10 items, output bounded as the
//      agent bounds it, a receipt signed with the device key), as CBOR and as frames.
//
// The simulated agents do not verify the jobs or write a spool: the figures are the server's
// part and the loopback's, not an agent's. Every phase has a time limit; it stops by itself.
#include "BenchSupport.h"
#include "CommandLine.h"
#include "Files.h"
#include "FrameCodec.h"
#include "Messages.h"
#include "Pki.h"
#include "TlsConfig.h"
#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/Merkle.h"
#include "jobs/OperatorList.h"
#include "jobs/Receipt.h"
#include "steward_version.h"

#include <QCborArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

namespace steward::bench
{
namespace
{

constexpr int kMaxAgents = 5000;
constexpr int kMaxRuns = 1000;
constexpr int kEnrolConcurrency = 8; // each enrolment is a CA signature and a few syncs on the server
constexpr int kConnectConcurrency = 32; // well under the gateway's 5 s handshake limit
constexpr auto kStepTimeout = 30s;
constexpr auto kApiTimeout = 120s; // a job for thousands of devices is one transaction
constexpr auto kFanOutTimeout = 300s;
constexpr auto kPollInterval = 50ms;
// What the agent keeps of a job's output (agent/jobs/JobOutput.h, DefaultHeadBytes/TailBytes).
constexpr qsizetype kOutputHeadBytes = 4 * 1024;
constexpr qsizetype kOutputTailBytes = 4 * 1024;

struct Options {
    QString serverProgram;
    QString database;
    int agents = 1000;
    int runs = 20;
    QString serverLog; // where to keep the server's log; empty: dropped with its directory
    std::chrono::milliseconds idleBeforeJob = 250ms;
};

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// The p-th percentile (nearest rank) of `values`, which it sorts.
qint64 percentile(std::vector<qint64> &values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const size_t rank = size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A steward-server of its own: `init` into a temporary directory, then `run` on loopback.
class ThrowawayServer
{
public:
    ~ThrowawayServer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000)) {
                m_process.kill();
                m_process.waitForFinished();
            }
        }
    }

    Status start(const Options &options)
    {
        if (!m_dir.isValid()) {
            return makeError(QStringLiteral("bench.tempdir"), m_dir.errorString());
        }
        // A fresh random password each time: the server refuses weak ones.
        m_password = QString::fromLatin1(QUuid::createUuid().toRfc4122().toBase64());
        if (Status written = files::writeNew(passwordFile(), m_password.toUtf8() + '\n', files::kPrivate); !written) {
            return written;
        }
        QStringList init{QStringLiteral("init"),
                         QStringLiteral("--data-dir"),
                         dataDir(),
                         QStringLiteral("--admin-password-file"),
                         passwordFile()};
        if (!options.database.isEmpty()) {
            init << QStringLiteral("--database") << options.database;
        }
        QProcess initialise;
        initialise.start(options.serverProgram, init);
        if (!initialise.waitForFinished(120000) || initialise.exitCode() != 0) {
            return makeError(
                QStringLiteral("bench.server"),
                QStringLiteral("steward-server init failed: %1%2")
                    .arg(initialise.errorString(), QString::fromLocal8Bit(initialise.readAllStandardError())));
        }
        agentPort = freePort();
        apiPort = freePort();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // One line per message, led by its level, so that warnings can be counted.
        environment.insert(QStringLiteral("QT_MESSAGE_PATTERN"),
                           QStringLiteral("%{type} %{time process} %{category}: %{message}"));
        m_process.setProcessEnvironment(environment);
        m_process.setStandardOutputFile(logPath());
        m_process.setStandardErrorFile(logPath(), QIODevice::Append);
        m_process.start(options.serverProgram,
                        {QStringLiteral("run"),
                         QStringLiteral("--data-dir"),
                         dataDir(),
                         QStringLiteral("--agent-listen"),
                         QStringLiteral("127.0.0.1:%1").arg(agentPort),
                         QStringLiteral("--api-listen"),
                         QStringLiteral("127.0.0.1:%1").arg(apiPort)});
        if (!m_process.waitForStarted()) {
            return makeError(QStringLiteral("bench.server"), m_process.errorString());
        }
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 30000) {
            // The gateway listens before the API does; probing only the API leaves no failed TLS
            // handshake in the gateway's log.
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, apiPort);
            if (probe.waitForConnected(200)) {
                return Ok{};
            }
            if (m_process.state() == QProcess::NotRunning) {
                break;
            }
            QThread::msleep(100);
        }
        return makeError(QStringLiteral("bench.server"),
                         QStringLiteral("steward-server run did not listen; its log: %1").arg(logPath()));
    }

    qint64 pid() const
    {
        return m_process.processId();
    }
    QString password() const
    {
        return m_password;
    }
    QString caFile() const
    {
        return dataDir() + QStringLiteral("/ca.pem");
    }
    Status keepLog(const QString &path) const
    {
        QFile::remove(path);
        if (!QFile::copy(logPath(), path)) {
            return makeError(QStringLiteral("bench.log"), QStringLiteral("cannot copy the server log to %1").arg(path));
        }
        return Ok{};
    }
    // Lines the server logged at warning level or worse.
    QStringList warnings() const
    {
        QFile log(logPath());
        QStringList lines;
        if (log.open(QIODevice::ReadOnly)) {
            while (!log.atEnd()) {
                const QString line = QString::fromUtf8(log.readLine()).trimmed();
                if (line.startsWith(QLatin1String("warning")) || line.startsWith(QLatin1String("critical"))) {
                    lines.append(line);
                }
            }
        }
        return lines;
    }

    quint16 agentPort = 0;
    quint16 apiPort = 0;

private:
    QString dataDir() const
    {
        return m_dir.filePath(QStringLiteral("server"));
    }
    QString passwordFile() const
    {
        return m_dir.filePath(QStringLiteral("admin-password"));
    }
    QString logPath() const
    {
        return m_dir.filePath(QStringLiteral("server.log"));
    }

    QTemporaryDir m_dir;
    QString m_password;
    QProcess m_process;
};

// The admin API as stewardctl uses it. Each call spins the event loop until its answer, so the
// agents keep being served meanwhile.
class Api
{
public:
    Api(quint16 port, const QSslCertificate &ca)
        : m_port(port)
        , m_ca(ca)
    {
    }

    void setSession(const QString &token)
    {
        m_session = token.toLatin1();
    }

    // The answer's JSON; an error for anything but 2xx.
    Result<QJsonDocument> call(const QByteArray &verb, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setSslConfiguration(tls::apiClient({m_ca}));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setTransferTimeout(int(std::chrono::milliseconds(kApiTimeout).count()));
        if (!m_session.isEmpty()) {
            request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_session);
        }
        const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, payload));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished()) {
            loop.exec();
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status < 200 || status > 299) {
            return makeError(QStringLiteral("api.failed"),
                             QStringLiteral("%1 %2: HTTP %3 %4 %5")
                                 .arg(QString::fromLatin1(verb), path)
                                 .arg(status)
                                 .arg(reply->errorString(), QString::fromUtf8(answer.left(500))));
        }
        return QJsonDocument::fromJson(answer);
    }

private:
    quint16 m_port;
    QSslCertificate m_ca;
    QByteArray m_session;
    QNetworkAccessManager m_network;
};

// One simulated agent on one QSslSocket: hello, enrol or welcome, then whatever the controller
// sends; every message the server sends comes out as received().
class SimulatedAgent : public QObject
{
    Q_OBJECT
public:
    SimulatedAgent(int index, quint16 port, const QString &pin, QObject *parent)
        : QObject(parent)
        , m_index(index)
        , m_port(port)
        , m_pin(pin)
    {
        m_stepTimer.setSingleShot(true);
        connect(&m_stepTimer, &QTimer::timeout, this, [this] {
            fail(QStringLiteral("no answer within %1 s").arg(std::chrono::seconds(kStepTimeout).count()));
        });
    }

    // Enrols with `token` and closes; enrolled() then carries the identity.
    void enrol(const QString &token)
    {
        Result<pki::KeyAndCsr> key = pki::createKeyAndCsr(hostname());
        if (!key) {
            QTimer::singleShot(0, this, [this, message = key.error().message] {
                fail(message);
            });
            return;
        }
        m_keyAndCsr = key.value();
        m_token = token;
        open(std::nullopt);
    }

    // Connects with the device's certificate and says hello as steward-agent does, holding
    // version `operatorListVersion` of the operator list.
    void connectAs(const QString &deviceId, const QByteArray &keyPem, const tls::Identity &identity, qint64 opv)
    {
        m_deviceId = deviceId;
        m_keyPem = keyPem;
        m_operatorListVersion = opv;
        open(identity);
    }

    void send(const QCborMap &message)
    {
        if (m_socket && !m_failed) {
            m_socket->write(FrameCodec::encode(message));
        }
    }

    // The next sequence number for an event; continues from the welcome's lastSeq.
    qint64 nextSequence()
    {
        return ++m_lastSequence;
    }
    bool isWelcomed() const
    {
        return m_welcomed && !m_failed;
    }
    QString deviceId() const
    {
        return m_deviceId;
    }
    QByteArray keyPem() const
    {
        return m_keyPem;
    }
    int index() const
    {
        return m_index;
    }

    void close()
    {
        m_failed = true; // deliberate: what the socket reports now is no error
        m_stepTimer.stop();
        if (m_socket) {
            m_socket->abort();
        }
    }

Q_SIGNALS:
    void enrolled(const QString &deviceId, const QByteArray &keyPem, const QByteArray &certificatePem);
    void welcomed();
    void received(const QCborMap &message);
    void failed(const QString &reason);

private:
    QString hostname() const
    {
        return QStringLiteral("bench-job-agent-%1").arg(m_index, 5, 10, QLatin1Char('0'));
    }

    void open(const std::optional<tls::Identity> &identity)
    {
        m_socket = new QSslSocket(this);
        m_socket->setSslConfiguration(tls::agentClient(identity));
        m_socket->setPeerVerifyName(QStringLiteral("127.0.0.1"));
        connect(m_socket, &QSslSocket::encrypted, this, &SimulatedAgent::onEncrypted);
        connect(m_socket, &QSslSocket::readyRead, this, &SimulatedAgent::onReadyRead);
        connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            fail(m_socket->errorString());
        });
        connect(m_socket, &QSslSocket::disconnected, this, [this] {
            fail(QStringLiteral("the server closed the connection"));
        });
        m_stepTimer.start(kStepTimeout);
        m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port);
    }

    void onEncrypted()
    {
        const Result<QSslCertificate> ca = tls::verifyPinnedPeer(m_socket->peerCertificateChain(),
                                                                 m_pin,
                                                                 QStringLiteral("127.0.0.1"),
                                                                 QDateTime::currentDateTimeUtc());
        if (!ca) {
            fail(ca.error().message);
            return;
        }
        send(protocol::Hello{protocol::kVersion,
                             QStringLiteral(STEWARD_VERSION_STRING),
                             protocol::kMinVersion,
                             {protocol::capability::kDeltaReports,
                              protocol::capability::kRenewal,
                              protocol::capability::kResync,
                              protocol::capability::kJobs},
                             m_operatorListVersion}
                 .toCbor());
    }

    void onReadyRead()
    {
        m_decoder.append(m_socket->readAll());
        while (!m_failed) {
            Result<std::optional<QCborMap>> next = m_decoder.next();
            if (!next) {
                fail(next.error().message);
                return;
            }
            if (!next.value()) {
                return;
            }
            handle(*next.value());
        }
    }

    void handle(const QCborMap &message)
    {
        switch (protocol::typeOf(message)) {
        case protocol::MessageType::Welcome: {
            if (!m_token.isEmpty()) {
                send(protocol::Enroll{m_token, m_keyAndCsr.csrPem, hostname()}.toCbor());
                return;
            }
            const Result<protocol::Welcome> welcome = protocol::Welcome::fromCbor(message);
            if (!welcome || welcome.value().deviceId != m_deviceId) {
                fail(QStringLiteral("welcomed as someone else"));
                return;
            }
            m_stepTimer.stop();
            m_lastSequence = welcome.value().lastSequence;
            m_welcomed = true;
            Q_EMIT welcomed();
            return;
        }
        case protocol::MessageType::Enrolled: {
            const Result<protocol::Enrolled> answer = protocol::Enrolled::fromCbor(message);
            if (!answer) {
                fail(answer.error().message);
                return;
            }
            const protocol::Enrolled value = answer.value();
            close();
            Q_EMIT enrolled(value.deviceId, m_keyAndCsr.keyPem, value.certificatePem);
            return;
        }
        case protocol::MessageType::Error: {
            const protocol::ErrorMessage error = protocol::ErrorMessage::fromCbor(message).value();
            fail(QStringLiteral("%1: %2").arg(error.code, error.message));
            return;
        }
        default:
            Q_EMIT received(message);
            return;
        }
    }

    void fail(const QString &reason)
    {
        if (m_failed) {
            return;
        }
        close();
        Q_EMIT failed(reason);
    }

    const int m_index;
    const quint16 m_port;
    const QString m_pin;
    QString m_deviceId;
    QByteArray m_keyPem;
    pki::KeyAndCsr m_keyAndCsr;
    QString m_token;
    qint64 m_operatorListVersion = 0;
    QPointer<QSslSocket> m_socket;
    FrameDecoder m_decoder;
    QTimer m_stepTimer;
    qint64 m_lastSequence = 0;
    bool m_welcomed = false;
    bool m_failed = false;
};

// The ten packages of the patch job (Debian 12 security updates of one month).
struct Package {
    const char *name;
    const char *before;
    const char *target;
};
constexpr Package kPackages[] = {
    {"openssl", "3.0.11-1~deb12u2", "3.0.15-1~deb12u1"},
    {"libssl3", "3.0.11-1~deb12u2", "3.0.15-1~deb12u1"},
    {"curl", "7.88.1-10+deb12u5", "7.88.1-10+deb12u8"},
    {"libcurl4", "7.88.1-10+deb12u5", "7.88.1-10+deb12u8"},
    {"openssh-client", "1:9.2p1-2+deb12u2", "1:9.2p1-2+deb12u3"},
    {"openssh-server", "1:9.2p1-2+deb12u2", "1:9.2p1-2+deb12u3"},
    {"openssh-sftp-server", "1:9.2p1-2+deb12u2", "1:9.2p1-2+deb12u3"},
    {"libc6", "2.36-9+deb12u4", "2.36-9+deb12u9"},
    {"libc-bin", "2.36-9+deb12u4", "2.36-9+deb12u9"},
    {"tzdata", "2024a-0+deb12u1", "2024b-0+deb12u1"},
};

// The signing side of an operator: a root, an operator key it certifies for patch jobs.
struct Signers {
    jobs::SigningKey root;
    jobs::SigningKey operatorKey;
    jobs::OperatorList list;
    jobs::SignedDocument signedList;
};

Result<Signers> makeSigners()
{
    Result<jobs::SigningKey> root = jobs::generateSigningKey();
    Result<jobs::SigningKey> operatorKey = jobs::generateSigningKey();
    if (!root || !operatorKey) {
        return (root ? operatorKey : root).error();
    }
    Signers signers{root.value(), operatorKey.value(), {}, {}};
    const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    signers.list.version = 1;
    signers.list.issuedAt = now;
    signers.list.expiresAt = now.addDays(90);
    signers.list.rootPublicKey = signers.root.publicKey;
    signers.list.operators.append(jobs::OperatorEntry{QStringLiteral("Bench Operator"),
                                                      signers.operatorKey.publicKey,
                                                      {QStringLiteral("patch")},
                                                      now.addDays(30)});
    Result<jobs::SignedDocument> signedList = jobs::SignedDocument::signedBy(signers.root, signers.list.encode());
    if (!signedList) {
        return signedList.error();
    }
    signers.signedList = signedList.value();
    return signers;
}

QJsonObject signedJson(const jobs::SignedDocument &document)
{
    return QJsonObject{{QStringLiteral("document"), QString::fromLatin1(document.bytes.toBase64())},
                       {QStringLiteral("signature"), QString::fromLatin1(document.signature.toBase64())}};
}

// POST /api/v1/jobs's body: the ten packages for `targets`, as stewardctl signs it. Sets `id`.
Result<QJsonObject> patchJobRequest(const Signers &signers, const QStringList &targets, QString *id)
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    QCborArray packages;
    for (const Package &package : kPackages) {
        packages.append(QCborMap{{QStringLiteral("name"), QLatin1String(package.name)},
                                 {QStringLiteral("version"), QLatin1String(package.target)}});
    }
    jobs::JobEnvelope envelope;
    envelope.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    envelope.kind = QStringLiteral("patch");
    envelope.content =
        QCborMap{{QStringLiteral("select"), QStringLiteral("packages")}, {QStringLiteral("packages"), packages}};
    envelope.targetsRoot = jobs::merkle::root(targets);
    envelope.targetCount = int(targets.size());
    envelope.notBefore = now;
    envelope.deadline = now.addDays(1);
    envelope.expiresAt = now.addDays(7);
    envelope.issuedAt = now;
    envelope.signer = jobs::fingerprint(signers.operatorKey.publicKey);
    envelope.options = QCborMap{{QStringLiteral("reboot"), QStringLiteral("if-required")},
                                {QStringLiteral("maxRuntimeSeconds"), 3600}};
    Result<jobs::SignedDocument> signedJob = jobs::SignedDocument::signedBy(signers.operatorKey, envelope.encode());
    if (!signedJob) {
        return signedJob.error();
    }
    *id = envelope.id;
    return QJsonObject{{QStringLiteral("job"), signedJson(signedJob.value())},
                       {QStringLiteral("targets"), QJsonArray::fromStringList(targets)}};
}

// The ten items as the agent reports them: planned (in `running`), or installed (at the end).
QCborArray patchItems(bool installed)
{
    QCborArray items;
    for (const Package &package : kPackages) {
        QCborMap item{{QStringLiteral("name"), QLatin1String(package.name)},
                      {QStringLiteral("result"), installed ? QStringLiteral("installed") : QStringLiteral("planned")}};
        item.insert(QStringLiteral("title"), QLatin1String(package.name));
        item.insert(QStringLiteral("before"), QLatin1String(package.before));
        item.insert(QStringLiteral("target"), QLatin1String(package.target));
        if (installed) {
            item.insert(QStringLiteral("after"), QLatin1String(package.target));
        }
        items.append(item);
    }
    return items;
}

// What apt-get prints installing the ten packages, more than the agent keeps.
QByteArray aptOutput()
{
    QByteArray output = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";
    for (int round = 0; round < 8; ++round) {
        for (const Package &package : kPackages) {
            output += QByteArray("Get:") + QByteArray::number(round) + " http://deb.debian.org/debian-security "
                + "bookworm-security/main amd64 " + package.name + " amd64 " + package.target + " [1,234 kB]\n";
            output += QByteArray("Preparing to unpack .../") + package.name + "_" + package.target
                + "_amd64.deb ...\nUnpacking " + package.name + ":amd64 (" + package.target + ") over ("
                + package.before + ") ...\nSetting up " + package.name + ":amd64 (" + package.target + ") ...\n";
        }
    }
    return output + "Processing triggers for man-db (2.11.2-2) ...\nProcessing triggers for libc-bin ...\n";
}

// The job's end as the agent sends it: items, bounded output, the receipt signed by the device.
Result<protocol::JobEvent> succeededEvent(qint64 sequence, const QString &jobId, const SimulatedAgent &agent)
{
    protocol::JobEvent event;
    event.sequence = sequence;
    event.id = jobId;
    event.state = QStringLiteral("succeeded");
    event.exitCode = 0;
    event.items = patchItems(true);
    event.at = QDateTime::currentSecsSinceEpoch();
    const QByteArray output = aptOutput();
    const QByteArray outputSha256 = QCryptographicHash::hash(output, QCryptographicHash::Sha256);
    event.output = QCborMap{{QStringLiteral("head"), QString::fromUtf8(output.left(kOutputHeadBytes))},
                            {QStringLiteral("tail"), QString::fromUtf8(output.right(kOutputTailBytes))},
                            {QStringLiteral("totalBytes"), output.size()},
                            {QStringLiteral("sha256"), outputSha256}};
    jobs::Receipt receipt;
    receipt.jobId = jobId;
    receipt.deviceId = agent.deviceId();
    receipt.state = event.state;
    receipt.exitCode = 0;
    receipt.itemsDigest = QCryptographicHash::hash(event.items.toCbor(), QCryptographicHash::Sha256);
    receipt.outputSha256 = outputSha256;
    receipt.at = QDateTime::fromSecsSinceEpoch(event.at, Qt::UTC);
    Result<jobs::SignedDocument> signedReceipt = jobs::signReceipt(receipt, agent.keyPem());
    if (!signedReceipt) {
        return signedReceipt.error();
    }
    event.receipt = protocol::SignedBytes{signedReceipt.value().bytes, signedReceipt.value().signature};
    return event;
}

protocol::JobEvent runningEvent(qint64 sequence, const QString &jobId)
{
    protocol::JobEvent event;
    event.sequence = sequence;
    event.id = jobId;
    event.state = QStringLiteral("running");
    event.items = patchItems(false);
    event.at = QDateTime::currentSecsSinceEpoch();
    return event;
}

struct Device {
    QString id;
    QByteArray keyPem;
    tls::Identity identity;
};

class JobDelivery
{
public:
    explicit JobDelivery(const Options &options)
        : m_options(options)
    {
    }

    int run()
    {
        std::printf("machine: %ld cores; steward-server %s\n",
                    sysconf(_SC_NPROCESSORS_ONLN),
                    qPrintable(m_options.serverProgram));
        Result<Signers> signers = makeSigners();
        if (!signers) {
            return cli::fail(signers.error().message);
        }
        m_signers = signers.value();
        if (Status started = m_server.start(m_options); !started) {
            return cli::fail(started.error().message);
        }
        Result<QSslCertificate> ca = tls::loadCertificate(m_server.caFile());
        if (!ca) {
            return cli::fail(ca.error().message);
        }
        m_pin = pki::fingerprint(ca.value().toPem()).value();
        m_api = std::make_unique<Api>(m_server.apiPort, ca.value());
        for (const auto &step : {&JobDelivery::prepare,
                                 &JobDelivery::enrolAll,
                                 &JobDelivery::measureLatency,
                                 &JobDelivery::measureFanOut,
                                 &JobDelivery::measureBytes}) {
            if (Status done = (this->*step)(); !done) {
                return cli::fail(done.error().message);
            }
        }
        const QStringList warnings = m_server.warnings();
        std::printf("server warnings: %lld\n", qlonglong(warnings.size()));
        for (const QString &line : warnings.mid(0, 5)) {
            std::printf("  %s\n", qPrintable(line));
        }
        for (SimulatedAgent *agent : m_agents) {
            agent->close();
        }
        if (!m_options.serverLog.isEmpty()) {
            if (Status kept = m_server.keepLog(m_options.serverLog); !kept) {
                return cli::fail(kept.error().message);
            }
        }
        return 0;
    }

private:
    // Logs in, uploads the operator list, makes one enrolment token for every agent.
    Status prepare()
    {
        Result<QJsonDocument> login = m_api->call(
            "POST",
            QStringLiteral("/api/v1/login"),
            {{QStringLiteral("user"), QStringLiteral("admin")}, {QStringLiteral("password"), m_server.password()}});
        if (!login) {
            return login.error();
        }
        m_api->setSession(login.value().object().value(QLatin1String("token")).toString());
        Result<QJsonDocument> uploaded =
            m_api->call("PUT", QStringLiteral("/api/v1/signing/operators"), signedJson(m_signers.signedList));
        if (!uploaded) {
            return uploaded.error();
        }
        Result<QJsonDocument> token =
            m_api->call("POST",
                        QStringLiteral("/api/v1/enrollment-tokens"),
                        {{QStringLiteral("uses"), m_options.agents}, {QStringLiteral("ttlSeconds"), 3600}});
        if (!token) {
            return token.error();
        }
        m_token = token.value().object().value(QLatin1String("token")).toString();
        return Ok{};
    }

    Status enrolAll()
    {
        std::deque<int> waiting;
        for (int i = 0; i < m_options.agents; ++i) {
            waiting.push_back(i);
        }
        m_devices.clear();
        m_devices.resize(size_t(m_options.agents));
        int running = 0;
        int failures = 0;
        QElapsedTimer clock;
        clock.start();
        QObject phase;
        std::function<void()> startMore = [&] {
            while (running < kEnrolConcurrency && !waiting.empty()) {
                const int index = waiting.front();
                waiting.pop_front();
                ++running;
                auto *agent = new SimulatedAgent(index, m_server.agentPort, m_pin, &phase);
                QObject::connect(agent,
                                 &SimulatedAgent::enrolled,
                                 &phase,
                                 [&, agent, index](const QString &deviceId,
                                                   const QByteArray &keyPem,
                                                   const QByteArray &certificate) {
                                     agent->deleteLater();
                                     m_devices[size_t(index)] =
                                         Device{deviceId,
                                                keyPem,
                                                tls::Identity{QSslCertificate(certificate, QSsl::Pem),
                                                              QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey)}};
                                     --running;
                                     startMore();
                                 });
                QObject::connect(agent, &SimulatedAgent::failed, &phase, [&, agent, index](const QString &reason) {
                    agent->deleteLater();
                    std::fprintf(stderr, "agent %d: enrolment failed: %s\n", index, qPrintable(reason));
                    ++failures;
                    --running;
                    startMore();
                });
                agent->enrol(m_token);
            }
        };
        startMore();
        runUntil(
            [&] {
                return running == 0 && waiting.empty();
            },
            std::chrono::milliseconds(60s + m_options.agents * 1s));
        std::fprintf(stderr, "enrolled %d agents in %.1f s\n", m_options.agents - failures, clock.elapsed() / 1000.0);
        if (failures > 0 || running > 0) {
            return makeError(QStringLiteral("bench.enrol"), QStringLiteral("not every agent could enrol"));
        }
        return Ok{};
    }

    // Connects agents [from, to) with their certificates; each holds the current operator list.
    Status connectAgents(int from, int to)
    {
        std::deque<int> waiting;
        for (int i = from; i < to; ++i) {
            waiting.push_back(i);
        }
        int connecting = 0;
        int failures = 0;
        QObject phase;
        std::function<void()> startMore = [&] {
            while (connecting < kConnectConcurrency && !waiting.empty()) {
                const int index = waiting.front();
                waiting.pop_front();
                ++connecting;
                auto *agent = new SimulatedAgent(index, m_server.agentPort, m_pin, &m_owner);
                QObject::connect(agent, &SimulatedAgent::welcomed, &phase, [&, agent] {
                    m_agents.push_back(agent);
                    --connecting;
                    startMore();
                });
                QObject::connect(agent, &SimulatedAgent::failed, &phase, [&, index](const QString &reason) {
                    std::fprintf(stderr, "agent %d: %s\n", index, qPrintable(reason));
                    ++failures;
                    --connecting;
                    startMore();
                });
                QObject::connect(agent, &SimulatedAgent::failed, &m_owner, [this, agent](const QString &reason) {
                    if (std::find(m_agents.begin(), m_agents.end(), agent) != m_agents.end()) {
                        std::fprintf(stderr, "agent %d lost its connection: %s\n", agent->index(), qPrintable(reason));
                        ++m_disconnects;
                    }
                });
                const Device &device = m_devices[size_t(index)];
                agent->connectAs(device.id, device.keyPem, device.identity, m_signers.list.version);
            }
        };
        startMore();
        runUntil(
            [&] {
                return connecting == 0 && waiting.empty();
            },
            std::chrono::milliseconds(60s + (to - from) * 100ms));
        if (failures > 0 || connecting > 0) {
            return makeError(QStringLiteral("bench.connect"), QStringLiteral("not every agent could connect"));
        }
        return Ok{};
    }

    // a. One agent: POST to the offer, and to `running` stored.
    Status measureLatency()
    {
        if (Status connected = connectAgents(0, 1); !connected) {
            return connected;
        }
        SimulatedAgent *agent = m_agents.front();
        std::vector<qint64> answered, offered, running;
        const double machineCpuAtStart = machineCpuSeconds();
        const double ownCpuAtStart = cpuSeconds(0);
        const double serverCpuAtStart = cpuSeconds(m_server.pid());
        for (int run = 0; run < m_options.runs; ++run) {
            // An idle connection, as an agent's is when an operator creates a job: right after the
            // previous job's last ack, the offer would wait for that ack's TCP acknowledgement
            // (Nagle on the server's socket, delayed ACK on the agent's: up to 40 ms on Linux).
            runUntil(
                [] {
                    return false;
                },
                m_options.idleBeforeJob);
            QString jobId;
            Result<QJsonObject> body = patchJobRequest(m_signers, {agent->deviceId()}, &jobId);
            if (!body) {
                return body.error();
            }
            qint64 offeredNs = -1;
            qint64 runningNs = -1;
            qint64 runningSequence = 0;
            qint64 endSequence = 0;
            bool ended = false;
            QElapsedTimer clock;
            QObject context;
            QObject::connect(agent, &SimulatedAgent::received, &context, [&](const QCborMap &message) {
                if (protocol::typeOf(message) == protocol::MessageType::Jobs && offeredNs < 0) {
                    offeredNs = clock.nsecsElapsed();
                    m_singleOffer = message;
                    // As the agent does: acknowledge, then start at once (no window, nothing queued).
                    agent->send(protocol::JobAck{{jobId}}.toCbor());
                    runningSequence = agent->nextSequence();
                    agent->send(runningEvent(runningSequence, jobId).toCbor());
                    return;
                }
                if (protocol::typeOf(message) != protocol::MessageType::Ack) {
                    return;
                }
                const qint64 sequence = protocol::Ack::fromCbor(message).value().sequence;
                if (sequence == runningSequence && runningNs < 0) {
                    runningNs = clock.nsecsElapsed();
                    // Not timed: the job's end, so that it leaves the device's open jobs.
                    endSequence = agent->nextSequence();
                    Result<protocol::JobEvent> end = succeededEvent(endSequence, jobId, *agent);
                    if (end) {
                        agent->send(end.value().toCbor());
                    }
                } else if (sequence == endSequence && endSequence != 0) {
                    ended = true;
                }
            });
            clock.start();
            Result<QJsonDocument> created = m_api->call("POST", QStringLiteral("/api/v1/jobs"), body.value());
            const qint64 answeredNs = clock.nsecsElapsed();
            if (!created) {
                return created.error();
            }
            if (!runUntil(
                    [&] {
                        return ended || !agent->isWelcomed();
                    },
                    kStepTimeout)
                || !ended) {
                return makeError(
                    QStringLiteral("bench.latency"),
                    QStringLiteral("run %1: the job did not reach `running` and its end in time").arg(run));
            }
            answered.push_back(answeredNs);
            offered.push_back(offeredNs);
            running.push_back(runningNs);
        }
        std::printf("\na. one connected agent, one job for it (%d runs): ms from POST /api/v1/jobs\n", m_options.runs);
        std::printf("   %-34s %8s %8s %8s %8s\n", "", "median", "p90", "min", "max");
        const auto row = [](const char *what, std::vector<qint64> &values) {
            std::printf("   %-34s %8.1f %8.1f %8.1f %8.1f\n",
                        what,
                        ms(percentile(values, 50)),
                        ms(percentile(values, 90)),
                        ms(percentile(values, 0)),
                        ms(percentile(values, 100)));
        };
        row("201 Created received", answered);
        row("offer (`jobs`) received", offered);
        row("`running` acknowledged (stored)", running);
        const double server = cpuSeconds(m_server.pid()) - serverCpuAtStart;
        const double own = cpuSeconds(0) - ownCpuAtStart;
        std::printf("   cpu over the runs: server %.2f s, this generator %.2f s, other processes %.2f s\n",
                    server,
                    own,
                    std::max(0.0, machineCpuSeconds() - machineCpuAtStart - server - own));
        return Ok{};
    }

    // b. Every agent connected, one job for all of them: once with each agent acknowledging its
    // offer at once (as agents do), once with the acknowledgements held until every offer arrived,
    // which tells the offers' own cost from that of storing the acknowledgements.
    Status measureFanOut()
    {
        QElapsedTimer connectClock;
        connectClock.start();
        if (Status connected = connectAgents(1, m_options.agents); !connected) {
            return connected;
        }
        std::fprintf(stderr, "connected %zu agents in %.1f s\n", m_agents.size(), connectClock.elapsed() / 1000.0);
        std::printf("\nb. %zu connected agents, one job for all of them: ms from POST /api/v1/jobs\n", m_agents.size());
        for (const bool holdAcks : {false, true}) {
            if (Status measured = fanOut(holdAcks); !measured) {
                return measured;
            }
        }
        std::printf("   agent disconnects: %d\n", m_disconnects);
        return Ok{};
    }

    Status fanOut(bool holdAcks)
    {
        QStringList targets;
        for (const SimulatedAgent *agent : m_agents) {
            targets.append(agent->deviceId());
        }
        QString jobId;
        Result<QJsonObject> body = patchJobRequest(m_signers, targets, &jobId);
        if (!body) {
            return body.error();
        }
        std::vector<qint64> offered;
        offered.reserve(m_agents.size());
        QElapsedTimer clock;
        QObject context;
        for (SimulatedAgent *agent : m_agents) {
            QObject::connect(agent, &SimulatedAgent::received, &context, [&, agent](const QCborMap &message) {
                if (protocol::typeOf(message) != protocol::MessageType::Jobs) {
                    return;
                }
                offered.push_back(clock.nsecsElapsed());
                if (agent == m_agents.front()) {
                    m_fleetOffer = message;
                }
                if (!holdAcks) {
                    agent->send(protocol::JobAck{{jobId}}.toCbor());
                }
            });
        }
        const double serverCpuAtStart = cpuSeconds(m_server.pid());
        const double ownCpuAtStart = cpuSeconds(0);
        const double machineCpuAtStart = machineCpuSeconds();
        clock.start();
        Result<QJsonDocument> created = m_api->call("POST", QStringLiteral("/api/v1/jobs"), body.value());
        const qint64 answeredNs = clock.nsecsElapsed();
        if (!created) {
            return created.error();
        }
        const size_t expected = m_agents.size();
        runUntil(
            [&] {
                return offered.size() >= expected;
            },
            kFanOutTimeout);
        const qint64 acksFromNs = clock.nsecsElapsed();
        if (holdAcks) {
            for (SimulatedAgent *agent : m_agents) {
                agent->send(protocol::JobAck{{jobId}}.toCbor());
            }
        }
        // The server says nothing to a job-ack; its own count says when every one is stored.
        qint64 delivered = 0;
        qint64 allDeliveredNs = -1;
        while (clock.elapsed() < std::chrono::milliseconds(kFanOutTimeout).count()) {
            Result<QJsonDocument> listed = m_api->call("GET", QStringLiteral("/api/v1/jobs"));
            if (!listed) {
                return listed.error();
            }
            for (const QJsonValue &job : listed.value().array()) {
                if (job.toObject().value(QLatin1String("id")).toString() == jobId) {
                    delivered = job.toObject()
                                    .value(QLatin1String("counts"))
                                    .toObject()
                                    .value(QLatin1String("delivered"))
                                    .toInteger();
                }
            }
            if (delivered >= qint64(expected)) {
                allDeliveredNs = clock.nsecsElapsed();
                break;
            }
            runUntil(
                [] {
                    return false;
                },
                kPollInterval);
        }
        const double serverCpu = cpuSeconds(m_server.pid()) - serverCpuAtStart;
        const double ownCpu = cpuSeconds(0) - ownCpuAtStart;
        const double otherCpu = std::max(0.0, machineCpuSeconds() - machineCpuAtStart - serverCpu - ownCpu);

        std::printf("   %s\n",
                    holdAcks ? "acknowledgements held until every offer arrived:"
                             : "each agent acknowledges its offer at once:");
        std::printf("     201 Created received               %9.1f\n", ms(answeredNs));
        std::printf("     offer received, p50 / p99 / last   %9.1f / %.1f / %.1f (%zu of %zu)\n",
                    ms(percentile(offered, 50)),
                    ms(percentile(offered, 99)),
                    ms(percentile(offered, 100)),
                    offered.size(),
                    expected);
        if (allDeliveredNs >= 0) {
            std::printf(
                "     all `delivered` in the API         %9.1f (polled every %lld ms)%s\n",
                ms(allDeliveredNs),
                qlonglong(std::chrono::milliseconds(kPollInterval).count()),
                holdAcks ? qPrintable(
                    QStringLiteral(", %1 after the acks went out").arg(ms(allDeliveredNs - acksFromNs), 0, 'f', 1))
                         : "");
        } else {
            std::printf("     all `delivered` in the API         not reached: %lld of %zu\n",
                        qlonglong(delivered),
                        expected);
        }
        std::printf("     cpu meanwhile: server %.2f s, this generator %.2f s, other processes %.2f s\n",
                    serverCpu,
                    ownCpu,
                    otherCpu);
        if (allDeliveredNs < 0 || offered.size() < expected) {
            return makeError(QStringLiteral("bench.fan-out"), QStringLiteral("not every agent got the job in time"));
        }
        return Ok{};
    }

    // c. Bytes per device: the messages above as sent, and what the agent sends back.
    Status measureBytes()
    {
        SimulatedAgent *agent = m_agents.front();
        Result<protocol::Jobs> fleet = protocol::Jobs::fromCbor(m_fleetOffer);
        if (!fleet || fleet.value().jobs.size() != 1) {
            return makeError(QStringLiteral("bench.bytes"), QStringLiteral("no offer of the fan-out job was kept"));
        }
        const QString jobId = jobs::JobEnvelope::decode(fleet.value().jobs.first().job.document).value().id;
        protocol::Jobs withList = fleet.value();
        withList.operators = protocol::SignedBytes{m_signers.signedList.bytes, m_signers.signedList.signature};
        Result<protocol::JobEvent> succeeded = succeededEvent(1000, jobId, *agent);
        if (!succeeded) {
            return succeeded.error();
        }
        const protocol::JobEvent running = runningEvent(999, jobId);
        const QCborMap ack = protocol::Ack{1000}.toCbor();
        const int proofSteps = int(QCborValue::fromCbor(fleet.value().jobs.first().proof).toArray().size());

        std::printf(
            "\nc. bytes on the wire per device, 10-package patch job (CBOR, and framed as sent:"
            " compressed above %lld bytes)\n",
            qlonglong(FrameCodec::kCompressThreshold));
        std::printf("   %-58s %8s %8s\n", "message", "CBOR", "framed");
        qsizetype totalCbor = 0;
        qsizetype totalFramed = 0;
        const auto row = [&](const QString &what, const QCborMap &message, bool counted) {
            const qsizetype cbor = QCborValue(message).toCbor().size();
            const qsizetype framed = FrameCodec::encode(message).size();
            if (counted) {
                totalCbor += cbor;
                totalFramed += framed;
            }
            std::printf("   %-58s %8lld %8lld\n", qPrintable(what), qlonglong(cbor), qlonglong(framed));
        };
        row(QStringLiteral("server: jobs, 1 target (empty proof)"), m_singleOffer, false);
        row(QStringLiteral("server: jobs, %1 targets (proof of %2 steps)").arg(m_agents.size()).arg(proofSteps),
            m_fleetOffer,
            true);
        row(QStringLiteral("server: the same with the operator list (first contact)"), withList.toCbor(), false);
        row(QStringLiteral("agent: job-ack, 1 id (-> delivered)"), protocol::JobAck{{jobId}}.toCbor(), true);
        row(QStringLiteral("agent: job-event running, 10 planned items"), running.toCbor(), true);
        row(QStringLiteral("server: ack"), ack, true);
        row(QStringLiteral("agent: job-event succeeded, 10 items, output, receipt"), succeeded.value().toCbor(), true);
        row(QStringLiteral("server: ack"), ack, true);
        std::printf("   %-58s %8lld %8lld\n",
                    "per device: offer, job-ack, 2 events, 2 acks",
                    qlonglong(totalCbor),
                    qlonglong(totalFramed));
        return Ok{};
    }

    const Options &m_options;
    Signers m_signers;
    ThrowawayServer m_server;
    std::unique_ptr<Api> m_api;
    QString m_pin;
    QString m_token;
    std::vector<Device> m_devices;
    QObject m_owner; // parent of every connected agent
    std::vector<SimulatedAgent *> m_agents; // welcomed, in the order they connected
    int m_disconnects = 0;
    QCborMap m_singleOffer;
    QCborMap m_fleetOffer;
};

// One socket per agent, on both sides: more descriptors than the usual soft limit of 1,024.
void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

std::optional<int> parseOptions(const QStringList &arguments, Options *options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Job delivery benchmark: starts a throwaway steward-server on loopback and measures, from "
                       "the outside,\n(a) POST /api/v1/jobs to `running` on one agent, (b) one job to --agents "
                       "connected agents, (c) bytes\non the wire per device for a 10-package patch job."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("server-bin"), QStringLiteral("The steward-server to measure."), QStringLiteral("FILE")},
        {QStringLiteral("agents"),
         QStringLiteral("Simulated agents for the fan-out (default 1000)."),
         QStringLiteral("N"),
         QStringLiteral("1000")},
        {QStringLiteral("runs"),
         QStringLiteral("Jobs timed one after another on one agent (default 20)."),
         QStringLiteral("N"),
         QStringLiteral("20")},
        {QStringLiteral("database"),
         QStringLiteral("Passed to `steward-server init --database` (default: SQLite in the data directory)."),
         QStringLiteral("URL")},
        {QStringLiteral("idle-ms"),
         QStringLiteral("a: how long the agent's connection is idle before each job (default 250)."),
         QStringLiteral("MS"),
         QStringLiteral("250")},
        {QStringLiteral("server-log"),
         QStringLiteral("Keep the server's log (each line: level, seconds since its start, category, message)."),
         QStringLiteral("FILE")},
    });
    if (std::optional<int> answered = cli::parseOrAnswer(parser, arguments)) {
        return answered;
    }
    options->serverProgram = parser.value(QStringLiteral("server-bin"));
    if (options->serverProgram.isEmpty() || !QFileInfo(options->serverProgram).isExecutable()) {
        return cli::fail(QStringLiteral("--server-bin wants the steward-server program"), cli::kExitUsage);
    }
    bool ok = false;
    options->agents = parser.value(QStringLiteral("agents")).toInt(&ok);
    if (!ok || options->agents < 1 || options->agents > kMaxAgents) {
        return cli::fail(QStringLiteral("--agents wants 1 to %1").arg(kMaxAgents), cli::kExitUsage);
    }
    options->runs = parser.value(QStringLiteral("runs")).toInt(&ok);
    if (!ok || options->runs < 1 || options->runs > kMaxRuns) {
        return cli::fail(QStringLiteral("--runs wants 1 to %1").arg(kMaxRuns), cli::kExitUsage);
    }
    const int idleMs = parser.value(QStringLiteral("idle-ms")).toInt(&ok);
    if (!ok || idleMs < 0 || idleMs > 60000) {
        return cli::fail(QStringLiteral("--idle-ms wants 0 to 60000"), cli::kExitUsage);
    }
    options->idleBeforeJob = std::chrono::milliseconds(idleMs);
    options->database = parser.value(QStringLiteral("database"));
    options->serverLog = parser.value(QStringLiteral("server-log"));
    return std::nullopt;
}

} // namespace
} // namespace steward::bench

int main(int argc, char **argv)
{
    using namespace steward::bench;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("steward-bench-jobs"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));
    raiseFileLimit();
    Options options;
    if (std::optional<int> exitCode = parseOptions(app.arguments(), &options)) {
        return *exitCode;
    }
    JobDelivery bench(options);
    return bench.run();
}

#include "JobDelivery.moc"
