// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnrolmentHandler.h"

#include "Clock.h"
#include "Messages.h"
#include "StewardGatewayLogging.h"
#include "auth/Credentials.h"
#include "gateway/AgentSession.h"
#include "store/Repositories.h"

#include <QUuid>

namespace steward::server
{

namespace
{
struct Issued {
    QString deviceId;
    QByteArray certificatePem;
    quint64 serial = 0;
};

// Signs `csrPem` as a device certificate for `deviceId` under the site CA.
Result<QByteArray> issueDeviceCertificate(const GatewayContext &context,
                                          const QString &deviceId,
                                          const QByteArray &csrPem,
                                          quint64 serial)
{
    pki::SigningRequest request;
    request.csrPem = csrPem;
    request.commonName = deviceId;
    request.serial = serial;
    request.validDays = context.deviceCertificateDays;
    request.usage = pki::Usage::Client;
    return pki::signCsr(request, context.ca);
}

void audit(Repositories &store,
           const QDateTime &now,
           const QString &action,
           const QString &target,
           const QString &outcome,
           const QString &source,
           const QString &detail)
{
    if (Status written =
            store.audit.append(AuditEntry{now, QStringLiteral("agent"), action, target, outcome, source, detail});
        !written) {
        qCWarning(lcGateway).noquote() << "audit row for" << action << "of" << target
                                       << "not written:" << written.error().message;
    }
}

// Runs on a store worker.
Result<Issued> enrol(const GatewayContext &context, const protocol::Enroll &enroll, const QString &source)
{
    Repositories &store = *context.store;
    const QDateTime now = context.clock->now();
    const QByteArray tokenHash = credentials::tokenHash(enroll.token);
    const QString hostname = enroll.hostname.left(255);
    const auto refused = [&](const Error &error) -> Result<Issued> {
        // A database failure says nothing about the token; it is not audited as a refusal.
        if (!error.code.startsWith(QLatin1String("store."))) {
            audit(store, now, QStringLiteral("device.enroll"), hostname, QStringLiteral("denied"), source, error.code);
        }
        return error;
    };
    // Check before signing so a bad token costs no CA operation; enrollDevice() checks again atomically.
    if (Status usable = store.enrolment.checkToken(tokenHash, now); !usable) {
        return refused(usable.error());
    }
    Result<quint64> serial = store.enrolment.nextSerial();
    if (!serial) {
        return serial.error();
    }
    NewDevice device;
    device.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    device.hostname = hostname;
    device.serial = serial.value();
    Result<QByteArray> certificate = issueDeviceCertificate(context, device.id, enroll.csrPem, device.serial);
    if (!certificate) {
        return refused(makeError(QStringLiteral("enroll.csr-invalid"), certificate.error().message));
    }
    device.fingerprint = pki::fingerprint(certificate.value()).value();
    device.notAfter = now.addDays(context.deviceCertificateDays);
    device.certificatePem = certificate.value();
    if (Status stored = store.enrolment.enrollDevice(tokenHash, device, now); !stored) {
        return refused(stored.error());
    }
    // Findable by its name at once; its report adds the rest. Enrolled either way: the next
    // report indexes it if this fails.
    if (Status indexed = store.devices.indexForSearch(device.id, now); !indexed) {
        qCWarning(lcGateway).noquote() << "device" << device.id << "not indexed for search:" << indexed.error().message;
    }
    audit(store,
          now,
          QStringLiteral("device.enroll"),
          device.id,
          QStringLiteral("ok"),
          source,
          QStringLiteral("hostname %1, certificate serial %2").arg(hostname).arg(device.serial));
    return Issued{device.id, certificate.value(), device.serial};
}

// Runs on a store worker.
Result<Issued> renew(const GatewayContext &context,
                     const QString &deviceId,
                     const QString &fingerprint,
                     const QByteArray &csrPem,
                     const QString &source)
{
    Repositories &store = *context.store;
    const QDateTime now = context.clock->now();
    const Result<std::optional<CertificateStatus>> status = store.enrolment.certificateStatus(fingerprint);
    if (!status) {
        return status.error();
    }
    if (!status.value() || status.value()->revoked) {
        return makeError(QStringLiteral("device.revoked"), QStringLiteral("the device is revoked"));
    }
    const auto refused = [&](const Error &error) -> Result<Issued> {
        audit(store, now, QStringLiteral("device.renew"), deviceId, QStringLiteral("denied"), source, error.code);
        return error;
    };
    const Result<QDateTime> last = store.enrolment.lastCertificateIssuedAt(deviceId);
    if (!last) {
        return last.error();
    }
    if (last.value().isValid() && last.value().secsTo(now) < context.renewalMinIntervalSeconds) {
        return refused(
            makeError(QStringLiteral("renew.too-soon"),
                      QStringLiteral("this device got a certificate %1 s ago; the next may be issued after %2 s")
                          .arg(last.value().secsTo(now))
                          .arg(context.renewalMinIntervalSeconds)));
    }
    Result<quint64> serial = store.enrolment.nextSerial();
    if (!serial) {
        return serial.error();
    }
    Result<QByteArray> certificate = issueDeviceCertificate(context, deviceId, csrPem, serial.value());
    if (!certificate) {
        return refused(makeError(QStringLiteral("renew.failed"), certificate.error().message));
    }
    if (Status stored = store.enrolment.addCertificate(deviceId,
                                                       serial.value(),
                                                       pki::fingerprint(certificate.value()).value(),
                                                       now.addDays(context.deviceCertificateDays),
                                                       now,
                                                       certificate.value());
        !stored) {
        return stored.error();
    }
    audit(store,
          now,
          QStringLiteral("device.renew"),
          deviceId,
          QStringLiteral("ok"),
          source,
          QStringLiteral("certificate serial %1").arg(serial.value()));
    return Issued{deviceId, certificate.value(), serial.value()};
}

// Tells the agent why; a store failure is "try again later", never the token's fault.
void refuseWith(AgentSession &session, const Error &error)
{
    if (error.code.startsWith(QLatin1String("store."))) {
        session.refuseUnavailable(error.message);
        return;
    }
    session.refuse(error.code, error.message);
}
}

void EnrolmentHandler::handle(AgentSession &session, const QCborMap &message) const
{
    if (session.isAuthenticated()) {
        session.refuse(QStringLiteral("enroll.already-enrolled"),
                       QStringLiteral("this agent already has a device certificate"));
        return;
    }
    Result<protocol::Enroll> parsed = protocol::Enroll::fromCbor(message);
    if (!parsed) {
        session.refuse(QStringLiteral("enroll.invalid"), parsed.error().message);
        return;
    }
    const GatewayContext &context = session.context();
    const QString source = session.peer();
    session.runInStore<Result<Issued>>(
        [&context, enroll = parsed.value(), source] {
            return enrol(context, enroll, source);
        },
        [](AgentSession &session, const Result<Issued> &issued) {
            if (!issued) {
                refuseWith(session, issued.error());
                return;
            }
            qCInfo(lcGateway).noquote() << "enrolled device" << issued.value().deviceId << "from" << session.peer();
            session.send(protocol::Enrolled{issued.value().deviceId,
                                            issued.value().certificatePem,
                                            session.context().ca.certificatePem}
                             .toCbor());
            Q_EMIT session.deviceEnrolled(issued.value().deviceId);
            // The agent comes back with its certificate; this anonymous connection has done its job.
            session.closeWhenWritten();
        });
}

void RenewalHandler::handle(AgentSession &session, const QCborMap &message) const
{
    Result<protocol::Renew> parsed = protocol::Renew::fromCbor(message);
    if (!parsed) {
        session.abortWith(parsed.error().message);
        return;
    }
    const GatewayContext &context = session.context();
    session.runInStore<Result<Issued>>(
        [&context,
         deviceId = session.deviceId(),
         fingerprint = session.fingerprint(),
         csr = parsed.value().csrPem,
         source = session.peer()] {
            return renew(context, deviceId, fingerprint, csr, source);
        },
        [](AgentSession &session, const Result<Issued> &issued) {
            if (!issued) {
                if (issued.error().code == QLatin1String("device.revoked")) {
                    session.abortWith(QStringLiteral("device revoked while connected"));
                    return;
                }
                refuseWith(session, issued.error());
                return;
            }
            qCInfo(lcGateway).noquote() << "renewed certificate of device" << session.deviceId() << "serial"
                                        << issued.value().serial;
            session.send(protocol::Renewed{issued.value().certificatePem}.toCbor());
        });
}

} // namespace steward::server
