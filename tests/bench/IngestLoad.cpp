// SPDX-License-Identifier: GPL-3.0-or-later
// Load generator for the site server's report ingest. It speaks the real agent channel (mutual
// TLS 1.3, CBOR frames, docs/protocol.md) from one process and one thread: it enrols N simulated
// agents once (their keys and certificates are kept in --identities for later runs against the
// same server data), connects all of them, and has each send reports in a closed loop (the next
// one only after the ack of the previous one) for --duration seconds. It prints how many reports
// were acknowledged per second and the time from writing a report to reading its ack.
//
// Loopback benchmarking only: every phase has a deadline and the program stops by itself.
// tests/bench/ingest.sh starts a throwaway server and runs this for 100 and 1,000 agents.
#include "BenchSupport.h"
#include "CommandLine.h"
#include "Files.h"
#include "FrameCodec.h"
#include "Messages.h"
#include "Pki.h"
#include "TlsConfig.h"
#include "steward_version.h"

#include <QCborStreamWriter>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>
#include <QtEndian>

#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

using namespace std::chrono_literals;

namespace steward::bench
{
namespace
{

constexpr int kMaxAgents = 10000;
constexpr int kMaxDurationSeconds = 3600;
constexpr int kEnrolConcurrency = 8; // each enrolment is a CA signature and three fsyncs on the server
constexpr int kEnrolAttempts = 2; // a failed enrolment consumes no token use, so one retry is free
constexpr int kConnectConcurrency = 32; // well under the gateway's 1024 pending handshakes and its 5 s limit
constexpr auto kStepTimeout = 30s; // one enrolment or one connection, handshake to welcome
constexpr auto kApiTimeout = 30s;
constexpr auto kDrainTimeout = 30s; // waiting for the acks of reports written before the deadline
constexpr auto kPrimeTimeout = 300s;
constexpr qint64 kMaxReportsPerAgent = 1'000'000;

struct Options {
    QString host;
    quint16 port = 0;
    QUrl api;
    QString caPath;
    QString user;
    QString passwordFile;
    int agents = 100;
    QString identitiesDir;
    int durationSeconds = 20;
    bool full = false;
    QString reportPath;
    int heartbeatSeconds = 0;
    qint64 serverPid = 0; // when set, the server's CPU time over the measurement is reported
    bool json = false;
};

QByteArray bigEndian32(quint32 value)
{
    QByteArray bytes(4, Qt::Uninitialized);
    qToBigEndian<quint32>(value, bytes.data());
    return bytes;
}

// Reports, encoded the way the agent encodes them (FrameCodec, Report::toCbor). A full report is
// 8 sections and ~15 KB compressed; compressing it afresh for every send would cost the generator
// more CPU than the server spends storing it, on the same two cores. So the sections and hashes
// are deflated once, and each frame is a zlib stream of one stored (uncompressed) block holding
// the few bytes that change (type, seq, at, full) followed by those pre-deflated blocks. The
// server inflates exactly what it would inflate from the agent: same format, same plain bytes.
class ReportFrames
{
public:
    static Result<ReportFrames> fromJsonFile(const QString &path)
    {
        Result<QByteArray> json = files::read(path, 64 * 1024 * 1024);
        if (!json) {
            return json.error();
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json.value(), &parseError);
        if (!document.isObject()) {
            return makeError(QStringLiteral("report.invalid"),
                             QStringLiteral("%1 is not a JSON object (%2)").arg(path, parseError.errorString()));
        }
        ReportFrames frames;
        frames.m_sections = QCborMap::fromJsonObject(document.object());
        // `steward-agent collect --json` leaves out the agent section, which the spool adds.
        if (!frames.m_sections.contains(QLatin1String("agent"))) {
            frames.m_sections.insert(QLatin1String("agent"), agentSection(0));
        }
        for (const QString &name : protocol::reportSectionNames()) {
            if (!frames.m_sections.contains(name)) {
                return makeError(QStringLiteral("report.incomplete"),
                                 QStringLiteral("%1 has no \"%2\" section").arg(path, name));
            }
        }
        for (auto it = frames.m_sections.constBegin(); it != frames.m_sections.constEnd(); ++it) {
            frames.m_hashes.insert(it.key(), protocol::Report::sectionHash(it.value()));
        }
        if (Status prepared = frames.prepareFullTail(); !prepared) {
            return prepared.error();
        }
        // Our hand-made frame must decode to exactly what Report::toCbor() would have sent.
        protocol::Report expected{7, 1700000000, true, frames.m_sections, frames.m_hashes};
        FrameDecoder decoder;
        decoder.append(frames.full(expected.sequence, expected.collectedAt));
        Result<std::optional<QCborMap>> decoded = decoder.next();
        if (!decoded || !decoded.value() || *decoded.value() != expected.toCbor()) {
            return makeError(QStringLiteral("report.encoding"),
                             QStringLiteral("the pre-compressed full report does not decode to the report"));
        }
        return frames;
    }

    QByteArray full(qint64 sequence, qint64 at) const
    {
        QByteArray head;
        QCborStreamWriter writer(&head);
        writer.startMap(6); // t, seq, at, full here; sections and hashes in the pre-deflated tail
        writer.append(QLatin1String("t"));
        writer.append(QLatin1String("report"));
        writer.append(QLatin1String("seq"));
        writer.append(sequence);
        writer.append(QLatin1String("at"));
        writer.append(at);
        writer.append(QLatin1String("full"));
        writer.append(true);
        Q_ASSERT(head.size() < 0xffff);

        const quint32 plainSize = quint32(head.size() + m_fullTailPlainSize);
        const uLong adler = adler32_combine(
            adler32(adler32(0, nullptr, 0), reinterpret_cast<const Bytef *>(head.constData()), uInt(head.size())),
            m_fullTailAdler,
            z_off_t(m_fullTailPlainSize));
        QByteArray payload = bigEndian32(plainSize); // qCompress's plain-size prefix
        payload.append(char(0x78)).append(char(0x9c)); // zlib header: deflate, 32 KiB window
        // Stored block, not final: 3 header bits (BFINAL=0, BTYPE=00) padded to a byte, LEN, NLEN.
        const quint16 length = quint16(head.size());
        payload.append(char(0));
        payload.append(char(length & 0xff)).append(char(length >> 8));
        payload.append(char(~length & 0xff)).append(char((~length >> 8) & 0xff));
        payload.append(head);
        payload.append(m_fullTailDeflated); // ends with the final block
        payload.append(bigEndian32(quint32(adler)));
        return bigEndian32(0x80000000u | quint32(payload.size())) + payload;
    }

    // A delta: every section's hash and one small changed section, the agent's, whose content
    // alternates so that the server stores it each time (as when a report's only news is small).
    QByteArray small(qint64 sequence, qint64 at) const
    {
        const QCborMap agent = agentSection(sequence % 2);
        protocol::Report report{sequence, at, false, {}, m_hashes};
        report.sections.insert(QLatin1String("agent"), agent);
        report.hashes.insert(QLatin1String("agent"), protocol::Report::sectionHash(agent));
        return FrameCodec::encode(report.toCbor());
    }

private:
    static QCborMap agentSection(qint64 droppedReports)
    {
        QCborMap section;
        section.insert(QLatin1String("version"), QStringLiteral(STEWARD_VERSION_STRING));
        section.insert(QLatin1String("droppedReports"), droppedReports);
        return section;
    }

    Status prepareFullTail()
    {
        QByteArray tail;
        QCborStreamWriter writer(&tail);
        writer.append(QLatin1String("sections"));
        m_sections.toCborValue().toCbor(writer);
        writer.append(QLatin1String("hashes"));
        m_hashes.toCborValue().toCbor(writer);
        m_fullTailPlainSize = tail.size();
        m_fullTailAdler =
            adler32(adler32(0, nullptr, 0), reinterpret_cast<const Bytef *>(tail.constData()), uInt(tail.size()));

        z_stream stream{};
        if (deflateInit2(&stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) { // raw deflate: no header
            return makeError(QStringLiteral("zlib.init"), QStringLiteral("deflateInit2 failed"));
        }
        m_fullTailDeflated.resize(qsizetype(deflateBound(&stream, uLong(tail.size()))));
        stream.next_in = reinterpret_cast<Bytef *>(tail.data());
        stream.avail_in = uInt(tail.size());
        stream.next_out = reinterpret_cast<Bytef *>(m_fullTailDeflated.data());
        stream.avail_out = uInt(m_fullTailDeflated.size());
        const int status = deflate(&stream, Z_FINISH);
        m_fullTailDeflated.resize(qsizetype(stream.total_out));
        deflateEnd(&stream);
        if (status != Z_STREAM_END) {
            return makeError(QStringLiteral("zlib.deflate"), QStringLiteral("deflate did not finish"));
        }
        return Ok{};
    }

    QCborMap m_sections;
    QCborMap m_hashes;
    QByteArray m_fullTailDeflated;
    qsizetype m_fullTailPlainSize = 0;
    uLong m_fullTailAdler = 0;
};

// What went wrong, counted by kind for the summary.
struct Errors {
    int enrolFailed = 0;
    int connectFailed = 0; // TCP or TLS failed, the server's certificate did not match the pin, or no welcome in time
    int refused = 0; // the server sent an error or closed the connection before welcome
    int disconnects = 0; // an agent that had been welcomed lost its connection
    int protocol = 0; // a frame we could not decode, or an answer we did not expect
    int resyncs = 0;
    int unacked = 0; // written before the deadline, no ack within the drain time
};

// One simulated agent: one QSslSocket, the agent's side of hello/enroll/report/ack.
class SimulatedAgent : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        ConnectFailed,
        Refused,
        Disconnected,
        ProtocolError,
        Timeout,
    };

    SimulatedAgent(int index,
                   const Options &options,
                   const QString &pin,
                   std::optional<tls::Identity> identity,
                   QObject *parent)
        : QObject(parent)
        , m_index(index)
        , m_options(options)
        , m_pin(pin)
        , m_identity(std::move(identity))
    {
        m_stepTimer.setSingleShot(true);
        connect(&m_stepTimer, &QTimer::timeout, this, [this] {
            fail(Outcome::Timeout,
                 QStringLiteral("no answer within %1 s").arg(std::chrono::seconds(kStepTimeout).count()));
        });
        connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] {
            send(FrameCodec::encode(protocol::Heartbeat{QDateTime::currentSecsSinceEpoch()}.toCbor()));
        });
    }

    int index() const
    {
        return m_index;
    }
    bool isWelcomed() const
    {
        return m_welcomed && !m_failed;
    }
    qint64 lastSequence() const
    {
        return m_lastSequence;
    }
    bool awaitingAck() const
    {
        return m_inFlight != 0;
    }

    // Connects; with `enrolToken` set and no identity, enrols and then closes.
    void open(const QString &enrolToken = {})
    {
        m_enrolToken = enrolToken;
        if (!m_identity) {
            Result<pki::KeyAndCsr> keyAndCsr = pki::createKeyAndCsr(hostname());
            if (!keyAndCsr) {
                QTimer::singleShot(0, this, [this, error = keyAndCsr.error()] {
                    fail(Outcome::ProtocolError, error.message);
                });
                return;
            }
            m_keyAndCsr = keyAndCsr.value();
        }
        m_socket = new QSslSocket(this);
        m_socket->setSslConfiguration(tls::agentClient(m_identity));
        m_socket->setPeerVerifyName(m_options.host);
        connect(m_socket, &QSslSocket::encrypted, this, &SimulatedAgent::onEncrypted);
        connect(m_socket, &QSslSocket::readyRead, this, &SimulatedAgent::onReadyRead);
        connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            onLost(m_socket->errorString());
        });
        connect(m_socket, &QSslSocket::disconnected, this, [this] {
            onLost(QStringLiteral("the server closed the connection"));
        });
        m_stepTimer.start(kStepTimeout);
        m_socket->connectToHostEncrypted(m_options.host, m_options.port);
    }

    // The report with the next sequence; `full` sends all sections, otherwise a small delta.
    void sendReport(const ReportFrames &frames, bool full)
    {
        Q_ASSERT(isWelcomed() && m_inFlight == 0);
        const bool sendFull = full || m_needsFull;
        m_needsFull = false;
        m_inFlight = m_lastSequence + 1;
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray frame = sendFull ? frames.full(m_inFlight, now) : frames.small(m_inFlight, now);
        m_sentAt.start();
        send(frame);
    }

    void startHeartbeats(std::chrono::milliseconds interval)
    {
        // A random first beat spreads the fleet, as the real agents' independent start times do.
        m_heartbeatTimer.setInterval(interval);
        QTimer::singleShot(std::chrono::milliseconds(QRandomGenerator::global()->bounded(qint64(interval.count()) + 1)),
                           this,
                           [this] {
                               if (isWelcomed()) {
                                   m_heartbeatTimer.start();
                               }
                           });
    }

    void close()
    {
        m_failed = true; // deliberate: whatever the socket reports now is not an error
        m_stepTimer.stop();
        m_heartbeatTimer.stop();
        if (m_socket) {
            m_socket->abort();
        }
    }

Q_SIGNALS:
    void welcomed(qint64 lastSequence);
    void enrolled(const QByteArray &keyPem, const QByteArray &certificatePem, const QString &deviceId);
    void acknowledged(qint64 sequence, qint64 latencyNs);
    void resyncRequested();
    void failed(steward::bench::SimulatedAgent::Outcome outcome, const QString &message, bool wasWelcomed);

private:
    QString hostname() const
    {
        return QStringLiteral("bench-agent-%1").arg(m_index, 5, 10, QLatin1Char('0'));
    }

    void send(const QByteArray &frame)
    {
        if (m_socket && !m_failed) {
            m_socket->write(frame);
        }
    }

    void onEncrypted()
    {
        m_encrypted = true;
        Result<QSslCertificate> ca = tls::verifyPinnedPeer(m_socket->peerCertificateChain(),
                                                           m_pin,
                                                           m_options.host,
                                                           QDateTime::currentDateTimeUtc());
        if (!ca) {
            fail(Outcome::ConnectFailed, ca.error().message);
            return;
        }
        // The same hello as steward-agent's, so the server treats us as it treats the agent.
        send(FrameCodec::encode(protocol::Hello{
            protocol::kVersion,
            QStringLiteral(STEWARD_VERSION_STRING),
            protocol::kMinVersion,
            {protocol::capability::kDeltaReports, protocol::capability::kRenewal, protocol::capability::kResync}}
                                    .toCbor()));
    }

    void onReadyRead()
    {
        m_decoder.append(m_socket->readAll());
        // Bounded: each pass consumes one whole frame of the bytes already read.
        while (!m_failed) {
            Result<std::optional<QCborMap>> next = m_decoder.next();
            if (!next) {
                fail(Outcome::ProtocolError, next.error().message);
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
            Result<protocol::Welcome> welcome = protocol::Welcome::fromCbor(message);
            if (!welcome) {
                fail(Outcome::ProtocolError, welcome.error().message);
                return;
            }
            if (!m_identity) {
                send(FrameCodec::encode(protocol::Enroll{m_enrolToken, m_keyAndCsr.csrPem, hostname()}.toCbor()));
                return;
            }
            if (welcome.value().deviceId.isEmpty()) {
                fail(Outcome::Refused,
                     QStringLiteral("welcomed without a device: the server did not accept the certificate"));
                return;
            }
            m_stepTimer.stop();
            m_welcomed = true;
            m_lastSequence = welcome.value().lastSequence;
            Q_EMIT welcomed(m_lastSequence);
            return;
        }
        case protocol::MessageType::Enrolled: {
            Result<protocol::Enrolled> answer = protocol::Enrolled::fromCbor(message);
            if (!answer) {
                fail(Outcome::ProtocolError, answer.error().message);
                return;
            }
            const Result<QString> caFingerprint = pki::fingerprint(answer.value().caPem);
            if (!caFingerprint || caFingerprint.value() != m_pin) {
                fail(Outcome::ProtocolError,
                     QStringLiteral("the server sent a CA that does not match the pinned fingerprint"));
                return;
            }
            if (Status issued = pki::verifyIssuedBy(answer.value().certificatePem,
                                                    answer.value().caPem,
                                                    QDateTime::currentDateTimeUtc(),
                                                    pki::Usage::Client);
                !issued) {
                fail(Outcome::ProtocolError, issued.error().message);
                return;
            }
            const protocol::Enrolled value = answer.value();
            close();
            Q_EMIT enrolled(m_keyAndCsr.keyPem, value.certificatePem, value.deviceId);
            return;
        }
        case protocol::MessageType::Ack: {
            Result<protocol::Ack> ack = protocol::Ack::fromCbor(message);
            if (!ack) {
                fail(Outcome::ProtocolError, ack.error().message);
                return;
            }
            if (m_inFlight == 0 || ack.value().sequence < m_inFlight) {
                return; // an ack for something already acknowledged changes nothing
            }
            const qint64 latency = m_sentAt.nsecsElapsed();
            m_lastSequence = m_inFlight;
            m_inFlight = 0;
            Q_EMIT acknowledged(m_lastSequence, latency);
            return;
        }
        case protocol::MessageType::Resync:
            m_needsFull = true; // as the agent does: the next report carries every section
            Q_EMIT resyncRequested();
            return;
        case protocol::MessageType::Error: {
            const protocol::ErrorMessage error = protocol::ErrorMessage::fromCbor(message).value();
            fail(Outcome::Refused, QStringLiteral("%1: %2").arg(error.code, error.message));
            return;
        }
        default:
            fail(Outcome::ProtocolError,
                 QStringLiteral("unexpected message \"%1\"").arg(message.value(QLatin1String("t")).toString()));
            return;
        }
    }

    void onLost(const QString &reason)
    {
        if (m_failed) {
            return;
        }
        fail(m_welcomed ? Outcome::Disconnected : (m_encrypted ? Outcome::Refused : Outcome::ConnectFailed), reason);
    }

    void fail(Outcome outcome, const QString &message)
    {
        if (m_failed) {
            return;
        }
        const bool wasWelcomed = m_welcomed;
        close();
        Q_EMIT failed(outcome, message, wasWelcomed);
    }

    const int m_index;
    const Options &m_options;
    const QString m_pin;
    std::optional<tls::Identity> m_identity;
    pki::KeyAndCsr m_keyAndCsr;
    QString m_enrolToken;
    QPointer<QSslSocket> m_socket;
    FrameDecoder m_decoder;
    QTimer m_stepTimer;
    QTimer m_heartbeatTimer;
    QElapsedTimer m_sentAt;
    qint64 m_lastSequence = 0;
    qint64 m_inFlight = 0;
    bool m_encrypted = false;
    bool m_welcomed = false;
    bool m_failed = false;
    bool m_needsFull = false;
};

QString formatMs(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 1);
}

// The site's admin API, only to create one enrolment token.
class AdminApi
{
public:
    AdminApi(const QUrl &base, const QList<QSslCertificate> &ca)
        : m_base(base)
        , m_ca(ca)
    {
    }

    Result<QJsonObject> post(const QString &path, const QJsonObject &body, const QByteArray &bearer = {})
    {
        QUrl url = m_base;
        url.setPath(path);
        QNetworkRequest request(url);
        request.setSslConfiguration(tls::apiClient(m_ca));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setTransferTimeout(int(std::chrono::milliseconds(kApiTimeout).count()));
        if (!bearer.isEmpty()) {
            request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + bearer);
        }
        std::unique_ptr<QNetworkReply> reply(
            m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(kApiTimeout + 1s, &loop, &QEventLoop::quit);
        if (!reply->isFinished()) {
            loop.exec();
        }
        if (!reply->isFinished()) {
            reply->abort();
            return makeError(QStringLiteral("api.timeout"), QStringLiteral("%1: no answer").arg(url.toString()));
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument answer = QJsonDocument::fromJson(reply->readAll());
        if (status < 200 || status > 299 || !answer.isObject()) {
            const QString body = QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Compact));
            return makeError(
                QStringLiteral("api.failed"),
                QStringLiteral("%1: HTTP %2 %3 %4").arg(url.toString()).arg(status).arg(reply->errorString(), body));
        }
        return answer.object();
    }

private:
    QUrl m_base;
    QList<QSslCertificate> m_ca;
    QNetworkAccessManager m_network;
};

class IngestLoad
{
public:
    IngestLoad(const Options &options, ReportFrames frames)
        : m_options(options)
        , m_frames(std::move(frames))
    {
    }

    int run()
    {
        Result<QSslCertificate> ca = tls::loadCertificate(m_options.caPath);
        if (!ca) {
            return cli::fail(ca.error().message);
        }
        m_ca = ca.value();
        m_pin = pki::fingerprint(m_ca.toPem()).value();
        if (Status loaded = loadIdentities(); !loaded) {
            return cli::fail(loaded.error().message);
        }
        const auto enrolledCount = [this] {
            return std::count_if(m_identities.begin(), m_identities.end(), [](const auto &identity) {
                return identity.has_value();
            });
        };
        if (enrolledCount() < m_options.agents) {
            if (Status enrolledAll = enrolMissing(); !enrolledAll) {
                return cli::fail(enrolledAll.error().message);
            }
        }
        if (enrolledCount() == 0) {
            return cli::fail(QStringLiteral("no agent could enrol"));
        }
        connectAll();
        if (m_agents.empty()) {
            return cli::fail(QStringLiteral("no agent could connect"));
        }
        if (!m_options.full) {
            primeSmallReports();
        }
        measure();
        printSummary();
        for (SimulatedAgent *agent : m_agents) {
            agent->close();
        }
        return 0;
    }

private:
    QString identityPath(int index, const char *suffix) const
    {
        return QDir(m_options.identitiesDir)
            .filePath(QStringLiteral("agent-%1.%2").arg(index, 5, 10, QLatin1Char('0')).arg(QLatin1String(suffix)));
    }

    // The cache belongs to one server's CA; identities of another CA would only be refused.
    Status loadIdentities()
    {
        if (Status made = files::makePrivateDirectory(m_options.identitiesDir); !made) {
            return made;
        }
        const QString pinPath = QDir(m_options.identitiesDir).filePath(QStringLiteral("ca-fingerprint"));
        if (QFile::exists(pinPath)) {
            Result<QByteArray> cached = files::read(pinPath, 1024);
            if (!cached) {
                return cached.error();
            }
            if (QString::fromLatin1(cached.value()).trimmed() != m_pin) {
                return makeError(QStringLiteral("identities.other-ca"),
                                 QStringLiteral("%1 holds identities enrolled with another site CA; use an empty "
                                                "--identities directory for this server")
                                     .arg(m_options.identitiesDir));
            }
        } else if (Status written = files::writeNew(pinPath, m_pin.toLatin1() + '\n', files::kPublic); !written) {
            return written;
        }
        m_identities.resize(m_options.agents);
        int loaded = 0;
        for (int i = 0; i < m_options.agents; ++i) {
            if (!QFile::exists(identityPath(i, "pem")) || !QFile::exists(identityPath(i, "key"))) {
                continue;
            }
            Result<tls::Identity> identity = tls::loadIdentity(identityPath(i, "pem"), identityPath(i, "key"));
            if (!identity) {
                return identity.error();
            }
            m_identities[i] = identity.value();
            ++loaded;
        }
        std::fprintf(stderr,
                     "identities: %d of %d cached in %s\n",
                     loaded,
                     m_options.agents,
                     qPrintable(m_options.identitiesDir));
        return Ok{};
    }

    Result<QString> createEnrolmentToken(int uses)
    {
        if (!m_options.api.isValid() || m_options.passwordFile.isEmpty()) {
            return makeError(
                QStringLiteral("usage"),
                QStringLiteral("%1 agents need enrolling: --api and --password-file are required").arg(uses));
        }
        Result<QByteArray> password = files::read(m_options.passwordFile, 4096);
        if (!password) {
            return password.error();
        }
        AdminApi api(m_options.api, {m_ca});
        Result<QJsonObject> login = api.post(
            QStringLiteral("/api/v1/login"),
            {{QStringLiteral("user"), m_options.user},
             {QStringLiteral("password"), QString::fromUtf8(password.value()).section(QLatin1Char('\n'), 0, 0)}});
        if (!login) {
            return login.error();
        }
        const QByteArray session = login.value().value(QLatin1String("token")).toString().toLatin1();
        Result<QJsonObject> token = api.post(QStringLiteral("/api/v1/enrollment-tokens"),
                                             {{QStringLiteral("uses"), uses}, {QStringLiteral("ttlSeconds"), 3600}},
                                             session);
        if (!token) {
            return token.error();
        }
        if (pki::normalizeFingerprint(token.value().value(QLatin1String("caFingerprint")).toString()) != m_pin) {
            return makeError(QStringLiteral("api.ca-mismatch"),
                             QStringLiteral("the API's CA fingerprint is not that of --ca"));
        }
        return token.value().value(QLatin1String("token")).toString();
    }

    Status enrolMissing()
    {
        std::deque<int> waiting;
        for (int i = 0; i < m_options.agents; ++i) {
            if (!m_identities[i]) {
                waiting.push_back(i);
            }
        }
        Result<QString> token = createEnrolmentToken(int(waiting.size()));
        if (!token) {
            return token.error();
        }
        const size_t toEnrol = waiting.size();
        std::fprintf(stderr, "enrolling %zu agents, %d at a time\n", toEnrol, kEnrolConcurrency);
        std::vector<int> attempts(m_options.agents, 0);
        int running = 0;
        int enrolled = 0;
        QElapsedTimer clock;
        clock.start();
        QObject context;
        std::function<void()> startMore = [&] {
            while (running < kEnrolConcurrency && !waiting.empty()) {
                const int index = waiting.front();
                waiting.pop_front();
                ++attempts[index];
                ++running;
                auto *agent = new SimulatedAgent(index, m_options, m_pin, std::nullopt, &context);
                QObject::connect(
                    agent,
                    &SimulatedAgent::enrolled,
                    &context,
                    [&, agent, index](const QByteArray &keyPem, const QByteArray &certificatePem, const QString &) {
                        agent->deleteLater();
                        --running;
                        if (Status stored = storeIdentity(index, keyPem, certificatePem); !stored) {
                            std::fprintf(stderr, "agent %d: %s\n", index, qPrintable(stored.error().message));
                            ++m_errors.enrolFailed;
                        } else {
                            ++enrolled;
                        }
                        startMore();
                    });
                QObject::connect(
                    agent,
                    &SimulatedAgent::failed,
                    &context,
                    [&, agent, index](SimulatedAgent::Outcome, const QString &message, bool) {
                        agent->deleteLater();
                        --running;
                        std::fprintf(stderr, "agent %d: enrolment failed: %s\n", index, qPrintable(message));
                        if (attempts[index] < kEnrolAttempts) {
                            waiting.push_back(index);
                        } else {
                            ++m_errors.enrolFailed;
                        }
                        startMore();
                    });
                agent->open(token.value());
            }
        };
        startMore();
        const auto limit = std::chrono::milliseconds(60s + toEnrol * 1s);
        const bool finished = runUntil(
            [&] {
                return running == 0 && waiting.empty();
            },
            limit);
        if (!finished) {
            std::fprintf(stderr,
                         "enrolment stopped after %lld s with %d still running\n",
                         qlonglong(clock.elapsed() / 1000),
                         running);
        }
        std::fprintf(stderr, "enrolled %d agents in %.1f s\n", enrolled, clock.elapsed() / 1000.0);
        return Ok{};
    }

    Status storeIdentity(int index, const QByteArray &keyPem, const QByteArray &certificatePem)
    {
        if (Status key = files::replace(identityPath(index, "key"), keyPem, files::kPrivate); !key) {
            return key;
        }
        if (Status certificate = files::replace(identityPath(index, "pem"), certificatePem, files::kPublic);
            !certificate) {
            return certificate;
        }
        Result<tls::Identity> identity = tls::loadIdentity(identityPath(index, "pem"), identityPath(index, "key"));
        if (!identity) {
            return identity.error();
        }
        m_identities[index] = identity.value();
        return Ok{};
    }

    void connectAll()
    {
        std::deque<int> waiting;
        for (int i = 0; i < m_options.agents; ++i) {
            if (m_identities[i]) {
                waiting.push_back(i);
            }
        }
        const int total = int(waiting.size());
        int connecting = 0;
        int settled = 0;
        QElapsedTimer clock;
        clock.start();
        QObject phase; // ends the connections below that refer to this function's locals
        std::function<void()> startMore = [&] {
            while (connecting < kConnectConcurrency && !waiting.empty()) {
                const int index = waiting.front();
                waiting.pop_front();
                ++connecting;
                auto *agent = new SimulatedAgent(index, m_options, m_pin, m_identities[index], &m_owner);
                QObject::connect(agent, &SimulatedAgent::welcomed, &phase, [&, agent](qint64) {
                    --connecting;
                    ++settled;
                    m_agents.push_back(agent);
                    startMore();
                });
                QObject::connect(
                    agent,
                    &SimulatedAgent::failed,
                    &m_owner,
                    [this, agent](SimulatedAgent::Outcome outcome, const QString &message, bool wasWelcomed) {
                        onAgentFailed(agent, outcome, message, wasWelcomed);
                    });
                // Counted as settled here too; onAgentFailed() has recorded why.
                QObject::connect(agent,
                                 &SimulatedAgent::failed,
                                 &phase,
                                 [&](SimulatedAgent::Outcome, const QString &, bool wasWelcomed) {
                                     if (!wasWelcomed) {
                                         --connecting;
                                         ++settled;
                                         startMore();
                                     }
                                 });
                agent->open();
            }
        };
        startMore();
        runUntil(
            [&] {
                return settled == total;
            },
            std::chrono::milliseconds(60s + total * 100ms));
        // Whatever is still mid-handshake now would only blur the measurement.
        const QObjectList children = m_owner.children();
        for (QObject *child : children) {
            auto *agent = qobject_cast<SimulatedAgent *>(child);
            if (agent && !agent->isWelcomed() && std::find(m_agents.begin(), m_agents.end(), agent) == m_agents.end()) {
                agent->close();
            }
        }
        m_connectSeconds = clock.elapsed() / 1000.0;
        std::fprintf(stderr, "connected %zu of %d agents in %.1f s\n", m_agents.size(), total, m_connectSeconds);
    }

    void onAgentFailed(SimulatedAgent *agent, SimulatedAgent::Outcome outcome, const QString &message, bool wasWelcomed)
    {
        switch (outcome) {
        case SimulatedAgent::Outcome::ConnectFailed:
        case SimulatedAgent::Outcome::Timeout:
            ++m_errors.connectFailed;
            break;
        case SimulatedAgent::Outcome::Refused:
            ++m_errors.refused;
            break;
        case SimulatedAgent::Outcome::Disconnected:
            ++m_errors.disconnects;
            break;
        case SimulatedAgent::Outcome::ProtocolError:
            ++m_errors.protocol;
            break;
        }
        if (wasWelcomed) {
            m_agents.erase(std::remove(m_agents.begin(), m_agents.end(), agent), m_agents.end());
        }
        // The first few say what happened; the counts say how often.
        if (++m_failureLines <= 10) {
            std::fprintf(stderr, "agent %d: %s\n", agent->index(), qPrintable(message));
        }
    }

    // A delta is only accepted as such when the server holds the sections it leaves out, so a
    // device the server has never heard from first sends one full report (not measured).
    void primeSmallReports()
    {
        std::vector<SimulatedAgent *> fresh;
        for (SimulatedAgent *agent : m_agents) {
            if (agent->lastSequence() == 0) {
                fresh.push_back(agent);
            }
        }
        if (fresh.empty()) {
            return;
        }
        QObject context;
        int pending = 0;
        for (SimulatedAgent *agent : fresh) {
            ++pending;
            QObject::connect(agent, &SimulatedAgent::acknowledged, &context, [&] {
                --pending;
            });
            agent->sendReport(m_frames, true);
        }
        QElapsedTimer clock;
        clock.start();
        runUntil(
            [&] {
                return std::none_of(fresh.begin(), fresh.end(), [](const SimulatedAgent *agent) {
                    return agent->isWelcomed() && agent->awaitingAck();
                });
            },
            kPrimeTimeout);
        std::fprintf(stderr,
                     "primed %zu new devices with a full report in %.1f s\n",
                     fresh.size() - size_t(pending),
                     clock.elapsed() / 1000.0);
    }

    void measure()
    {
        QObject context;
        const std::vector<SimulatedAgent *> agents = m_agents;
        m_connectedAtStart = int(agents.size());
        QElapsedTimer clock;
        const qint64 durationNs = qint64(m_options.durationSeconds) * 1'000'000'000;
        for (SimulatedAgent *agent : agents) {
            if (agent->awaitingAck()) {
                continue; // a priming report that was never acknowledged; it is counted below
            }
            QObject::connect(agent, &SimulatedAgent::acknowledged, &context, [&, agent](qint64, qint64 latencyNs) {
                m_latencies.push_back(latencyNs);
                // Past the deadline nothing new is written, so at most one report per agent drains.
                if (clock.nsecsElapsed() > durationNs) {
                    return;
                }
                ++m_ackedInWindow;
                if (++m_reportsPerAgent[agent] < kMaxReportsPerAgent) {
                    agent->sendReport(m_frames, m_options.full);
                }
            });
            QObject::connect(agent, &SimulatedAgent::resyncRequested, &context, [this] {
                ++m_errors.resyncs;
            });
        }
        std::fprintf(stderr,
                     "measuring %d agents, %s reports, %d s\n",
                     m_connectedAtStart,
                     m_options.full ? "full" : "small",
                     m_options.durationSeconds);
        const double generatorCpuAtStart = cpuSeconds(0);
        const double serverCpuAtStart = cpuSeconds(m_options.serverPid);
        const double machineCpuAtStart = machineCpuSeconds();
        clock.start();
        for (SimulatedAgent *agent : agents) {
            if (!agent->awaitingAck()) {
                agent->sendReport(m_frames, m_options.full);
            }
            if (m_options.heartbeatSeconds > 0) {
                agent->startHeartbeats(std::chrono::seconds(m_options.heartbeatSeconds));
            }
        }
        runUntil(
            [] {
                return false;
            },
            std::chrono::seconds(m_options.durationSeconds));
        m_generatorCpuSeconds = cpuSeconds(0) - generatorCpuAtStart;
        m_serverCpuSeconds = cpuSeconds(m_options.serverPid) - serverCpuAtStart;
        // What else ran on the machine meanwhile: on a shared machine, the noise in the figures.
        m_otherCpuSeconds =
            std::max(0.0, machineCpuSeconds() - machineCpuAtStart - m_generatorCpuSeconds - m_serverCpuSeconds);
        const auto inFlight = [this] {
            return std::count_if(m_agents.begin(), m_agents.end(), [](const SimulatedAgent *agent) {
                return agent->awaitingAck();
            });
        };
        runUntil(
            [&] {
                return inFlight() == 0;
            },
            kDrainTimeout);
        m_errors.unacked = int(inFlight());
    }

    void printSummary()
    {
        std::sort(m_latencies.begin(), m_latencies.end());
        const auto percentile = [this](double p) -> qint64 {
            if (m_latencies.empty()) {
                return 0;
            }
            const size_t rank = size_t(std::ceil(p / 100.0 * double(m_latencies.size())));
            return m_latencies[std::clamp<size_t>(rank, 1, m_latencies.size()) - 1];
        };
        const double rate = double(m_ackedInWindow) / m_options.durationSeconds;
        const qsizetype frameBytes = m_options.full ? m_frames.full(1, QDateTime::currentSecsSinceEpoch()).size()
                                                    : m_frames.small(1, QDateTime::currentSecsSinceEpoch()).size();
        std::printf("agents: %d requested, %d connected; %s reports of %lld bytes framed; %d s\n",
                    m_options.agents,
                    m_connectedAtStart,
                    m_options.full ? "full" : "small",
                    qlonglong(frameBytes),
                    m_options.durationSeconds);
        std::printf("reports acked: %lld in the window (%.1f/s), %zu in all\n",
                    qlonglong(m_ackedInWindow),
                    rate,
                    m_latencies.size());
        std::printf("ack latency ms: p50 %s  p90 %s  p99 %s  max %s\n",
                    qPrintable(formatMs(percentile(50))),
                    qPrintable(formatMs(percentile(90))),
                    qPrintable(formatMs(percentile(99))),
                    qPrintable(formatMs(percentile(100))));
        std::printf("cpu over the measurement: generator %.1f s", m_generatorCpuSeconds);
        if (m_options.serverPid != 0) {
            std::printf(", server %.1f s (%.2f ms per acked report)",
                        m_serverCpuSeconds,
                        m_ackedInWindow > 0 ? m_serverCpuSeconds * 1000 / double(m_ackedInWindow) : 0.0);
        }
        std::printf(", other processes %.1f s (of %ld cores × %d s)\n",
                    m_otherCpuSeconds,
                    sysconf(_SC_NPROCESSORS_ONLN),
                    m_options.durationSeconds);
        std::printf("errors: enrol %d, connect %d, refused %d, disconnects %d, protocol %d, resyncs %d, unacked %d\n",
                    m_errors.enrolFailed,
                    m_errors.connectFailed,
                    m_errors.refused,
                    m_errors.disconnects,
                    m_errors.protocol,
                    m_errors.resyncs,
                    m_errors.unacked);
        if (m_options.json) {
            const auto ms = [](qint64 ns) {
                return std::round(double(ns) / 1e5) / 10.0;
            };
            const QJsonObject errors{{QStringLiteral("enrol"), m_errors.enrolFailed},
                                     {QStringLiteral("connect"), m_errors.connectFailed},
                                     {QStringLiteral("refused"), m_errors.refused},
                                     {QStringLiteral("disconnects"), m_errors.disconnects},
                                     {QStringLiteral("protocol"), m_errors.protocol},
                                     {QStringLiteral("resyncs"), m_errors.resyncs},
                                     {QStringLiteral("unacked"), m_errors.unacked}};
            const QJsonObject summary{
                {QStringLiteral("agents"), m_options.agents},
                {QStringLiteral("connected"), m_connectedAtStart},
                {QStringLiteral("kind"), m_options.full ? QStringLiteral("full") : QStringLiteral("small")},
                {QStringLiteral("frameBytes"), qint64(frameBytes)},
                {QStringLiteral("durationSeconds"), m_options.durationSeconds},
                {QStringLiteral("connectSeconds"), std::round(m_connectSeconds * 10) / 10},
                {QStringLiteral("acked"), qint64(m_ackedInWindow)},
                {QStringLiteral("reportsPerSecond"), std::round(rate * 10) / 10},
                {QStringLiteral("p50Ms"), ms(percentile(50))},
                {QStringLiteral("p90Ms"), ms(percentile(90))},
                {QStringLiteral("p99Ms"), ms(percentile(99))},
                {QStringLiteral("maxMs"), ms(percentile(100))},
                {QStringLiteral("generatorCpuSeconds"), std::round(m_generatorCpuSeconds * 10) / 10},
                {QStringLiteral("otherCpuSeconds"), std::round(m_otherCpuSeconds * 10) / 10},
                {QStringLiteral("serverCpuSeconds"),
                 m_options.serverPid != 0 ? QJsonValue(std::round(m_serverCpuSeconds * 10) / 10) : QJsonValue()},
                {QStringLiteral("errors"), errors}};
            std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
        }
        std::fflush(stdout);
    }

    const Options &m_options;
    ReportFrames m_frames;
    QSslCertificate m_ca;
    QString m_pin;
    std::vector<std::optional<tls::Identity>> m_identities;
    QObject m_owner; // parent of every connected agent
    std::vector<SimulatedAgent *> m_agents; // welcomed and still connected
    std::unordered_map<SimulatedAgent *, qint64> m_reportsPerAgent;
    std::vector<qint64> m_latencies;
    qint64 m_ackedInWindow = 0;
    double m_generatorCpuSeconds = 0;
    double m_serverCpuSeconds = 0;
    double m_otherCpuSeconds = 0;
    double m_connectSeconds = 0;
    int m_connectedAtStart = 0;
    int m_failureLines = 0;
    Errors m_errors;
};

// One socket per agent: 1,000 agents need more descriptors than the usual soft limit of 1,024.
void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// A load generator aimed at a production server would be an attack on it: loopback only.
bool isLoopback(const QString &host)
{
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

std::optional<int> parseOptions(const QStringList &arguments, Options *options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Load generator for steward-server's report ingest over the real agent channel (loopback benchmarking only).\n"
        "Enrols --agents simulated agents (once; kept in --identities), connects them all and has each send reports\n"
        "in a closed loop for --duration seconds, then prints reports/s and ack latency."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("server"), QStringLiteral("The server's agent port."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("api"),
         QStringLiteral("The admin API, to create an enrolment token when agents need enrolling."),
         QStringLiteral("URL")},
        {QStringLiteral("ca"),
         QStringLiteral("The site CA (ca.pem in the server's data directory)."),
         QStringLiteral("FILE")},
        {QStringLiteral("user"),
         QStringLiteral("Admin user (default admin)."),
         QStringLiteral("NAME"),
         QStringLiteral("admin")},
        {QStringLiteral("password-file"),
         QStringLiteral("File whose first line is the admin password."),
         QStringLiteral("FILE")},
        {QStringLiteral("agents"),
         QStringLiteral("Simulated agents (default 100)."),
         QStringLiteral("N"),
         QStringLiteral("100")},
        {QStringLiteral("identities"),
         QStringLiteral("Directory of enrolled agents' keys and certificates, reused across runs."),
         QStringLiteral("DIR")},
        {QStringLiteral("duration"),
         QStringLiteral("Seconds of measurement (default 20)."),
         QStringLiteral("SECONDS"),
         QStringLiteral("20")},
        {QStringLiteral("kind"),
         QStringLiteral(
             "small: a delta with every hash and one small changed section; full: all 8 sections (default small)."),
         QStringLiteral("small|full"),
         QStringLiteral("small")},
        {QStringLiteral("report"),
         QStringLiteral("A report as `steward-agent collect --json` prints it."),
         QStringLiteral("FILE")},
        {QStringLiteral("heartbeats"),
         QStringLiteral("Each agent also sends a heartbeat every SECONDS (default 0: none)."),
         QStringLiteral("SECONDS"),
         QStringLiteral("0")},
        {QStringLiteral("server-pid"),
         QStringLiteral("The server's process id, to report the CPU time it used while measured."),
         QStringLiteral("PID")},
        {QStringLiteral("json"), QStringLiteral("Also print the summary as one line of JSON.")},
    });
    if (std::optional<int> answered = cli::parseOrAnswer(parser, arguments)) {
        return answered;
    }
    for (const char *required : {"server", "ca", "identities", "report"}) {
        if (!parser.isSet(QLatin1String(required))) {
            return cli::fail(QStringLiteral("--%1 is required (see --help)").arg(QLatin1String(required)),
                             cli::kExitUsage);
        }
    }
    if (!cli::parseHostPort(parser.value(QStringLiteral("server")), &options->host, &options->port)
        || !isLoopback(options->host)) {
        return cli::fail(QStringLiteral("--server wants HOST:PORT on this machine's loopback"), cli::kExitUsage);
    }
    bool ok = false;
    options->agents = parser.value(QStringLiteral("agents")).toInt(&ok);
    if (!ok || options->agents < 1 || options->agents > kMaxAgents) {
        return cli::fail(QStringLiteral("--agents wants 1 to %1").arg(kMaxAgents), cli::kExitUsage);
    }
    options->durationSeconds = parser.value(QStringLiteral("duration")).toInt(&ok);
    if (!ok || options->durationSeconds < 1 || options->durationSeconds > kMaxDurationSeconds) {
        return cli::fail(QStringLiteral("--duration wants 1 to %1 seconds").arg(kMaxDurationSeconds), cli::kExitUsage);
    }
    options->heartbeatSeconds = parser.value(QStringLiteral("heartbeats")).toInt(&ok);
    if (!ok || options->heartbeatSeconds < 0 || options->heartbeatSeconds > 86400) {
        return cli::fail(QStringLiteral("--heartbeats wants 0 to 86400 seconds"), cli::kExitUsage);
    }
    if (parser.isSet(QStringLiteral("server-pid"))) {
        options->serverPid = parser.value(QStringLiteral("server-pid")).toLongLong(&ok);
        if (!ok || options->serverPid <= 0 || !QFile::exists(QStringLiteral("/proc/%1/stat").arg(options->serverPid))) {
            return cli::fail(QStringLiteral("--server-pid wants the id of a running process"), cli::kExitUsage);
        }
    }
    const QString kind = parser.value(QStringLiteral("kind"));
    if (kind != QLatin1String("small") && kind != QLatin1String("full")) {
        return cli::fail(QStringLiteral("--kind is small or full"), cli::kExitUsage);
    }
    options->full = kind == QLatin1String("full");
    if (parser.isSet(QStringLiteral("api"))) {
        options->api = QUrl(parser.value(QStringLiteral("api")));
        if (!options->api.isValid() || options->api.scheme() != QLatin1String("https")
            || !isLoopback(options->api.host())) {
            return cli::fail(QStringLiteral("--api wants an https:// URL on this machine's loopback"), cli::kExitUsage);
        }
    }
    options->caPath = parser.value(QStringLiteral("ca"));
    options->user = parser.value(QStringLiteral("user"));
    options->passwordFile = parser.value(QStringLiteral("password-file"));
    options->identitiesDir = parser.value(QStringLiteral("identities"));
    options->reportPath = parser.value(QStringLiteral("report"));
    options->json = parser.isSet(QStringLiteral("json"));
    return std::nullopt;
}

} // namespace
} // namespace steward::bench

int main(int argc, char **argv)
{
    using namespace steward::bench;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("steward-bench-ingest"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));
    raiseFileLimit();
    Options options;
    if (std::optional<int> exitCode = parseOptions(app.arguments(), &options)) {
        return *exitCode;
    }
    steward::Result<ReportFrames> frames = ReportFrames::fromJsonFile(options.reportPath);
    if (!frames) {
        return steward::cli::fail(frames.error().message);
    }
    IngestLoad load(options, std::move(frames).value());
    return load.run();
}

#include "IngestLoad.moc"
