// SPDX-License-Identifier: GPL-3.0-or-later
#include "Enrollment.h"

#include "AgentConnection.h"
#include "Clock.h"
#include "Files.h"
#include "Pki.h"
#include "StewardAgentLogging.h"

#include <QDir>
#include <QEventLoop>

namespace steward::agent
{

Result<AgentState> enroll(const EnrollmentRequest &request, const Clock &clock)
{
    const QString pin = pki::normalizeFingerprint(request.caFingerprint);
    if (pin.isEmpty()) {
        return makeError(QStringLiteral("enroll.bad-fingerprint"),
                         QStringLiteral("the CA fingerprint must be 64 hexadecimal digits (SHA-256)"));
    }
    const QString jobRoot = pki::normalizeFingerprint(request.jobRootFingerprint);
    if (!request.jobRootFingerprint.isEmpty() && jobRoot.isEmpty()) {
        return makeError(QStringLiteral("enroll.bad-fingerprint"),
                         QStringLiteral("the job root fingerprint must be 64 hexadecimal digits (SHA-256)"));
    }
    if (request.token.isEmpty()) {
        return makeError(QStringLiteral("enroll.no-token"), QStringLiteral("an enrolment token is required"));
    }
    if (AgentState::isEnrolled(request.dataDir)) {
        return makeError(QStringLiteral("enroll.already-enrolled"),
                         QStringLiteral("%1 already holds an enrolment; use another --data-dir or remove it first")
                             .arg(request.dataDir));
    }
    if (Status created = files::makePrivateDirectory(request.dataDir); !created) {
        return created.error();
    }

    Result<pki::KeyAndCsr> keyAndCsr = pki::createKeyAndCsr(request.hostname);
    if (!keyAndCsr) {
        return keyAndCsr.error();
    }

    AgentConnection connection({request.serverHost, request.serverPort, pin}, std::nullopt, clock);
    std::optional<Result<protocol::Enrolled>> outcome;
    QEventLoop loop;
    QObject::connect(&connection, &AgentConnection::ready, &loop, [&] {
        connection.send(protocol::Enroll{request.token, keyAndCsr.value().csrPem, request.hostname}.toCbor());
    });
    QObject::connect(&connection, &AgentConnection::messageReceived, &loop, [&](const QCborMap &message) {
        if (protocol::typeOf(message) == protocol::MessageType::Enrolled) {
            outcome = protocol::Enrolled::fromCbor(message);
            loop.quit();
        }
    });
    QObject::connect(&connection, &AgentConnection::failed, &loop, [&](const Error &error) {
        if (!outcome) {
            outcome = Result<protocol::Enrolled>(error);
        }
        loop.quit();
    });
    connection.open();
    loop.exec();
    connection.close();

    if (!outcome->ok()) {
        return outcome->error();
    }
    const protocol::Enrolled &enrolled = outcome->value();
    // The CA the server hands over must be the one we pinned, not merely one it chains to.
    Result<QString> caFingerprint = pki::fingerprint(enrolled.caPem);
    if (!caFingerprint || caFingerprint.value() != pin) {
        return makeError(QStringLiteral("enroll.ca-mismatch"),
                         QStringLiteral("the server sent a CA that does not match the pinned fingerprint"));
    }
    if (Status issued = pki::verifyIssuedBy(enrolled.certificatePem, enrolled.caPem, clock.now(), pki::Usage::Client);
        !issued) {
        return makeError(QStringLiteral("enroll.bad-certificate"),
                         QStringLiteral("the issued certificate does not verify: %1").arg(issued.error().message));
    }

    AgentState state;
    state.dataDir = QDir(request.dataDir).absolutePath();
    state.serverHost = request.serverHost;
    state.serverPort = request.serverPort;
    state.caFingerprint = pin;
    state.jobRootFingerprint = jobRoot;
    state.deviceId = enrolled.deviceId;
    for (const auto &[path, data, mode] :
         {std::tuple{state.keyPath(), keyAndCsr.value().keyPem, files::kPrivate},
          std::tuple{state.caPath(), enrolled.caPem, files::kPublic},
          std::tuple{state.certificatePath(), enrolled.certificatePem, files::kPublic}}) {
        if (Status written = files::replace(path, data, mode); !written) {
            return written.error();
        }
    }
    if (Status saved = state.save(); !saved) {
        return saved.error();
    }
    qCInfo(lcAgent).noquote() << "enrolled as device" << state.deviceId;
    return state;
}

} // namespace steward::agent
