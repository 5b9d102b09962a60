// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Typed agent-channel messages (docs/protocol.md, "Messages"). Each converts to and from one
// CBOR map; fromCbor() checks types of the fields it needs and ignores unknown keys.
namespace steward::protocol
{

// The protocol versions this build speaks. A peer names its own range in hello; the server
// answers with the highest version both speak, or refuses when there is none.
inline constexpr int kMinVersion = 1;
inline constexpr int kVersion = 1;

// A report's sequence may run at most this far ahead of the last one stored for its device, so a
// stolen device key cannot wedge the device with a huge sequence (docs/protocol.md).
inline constexpr qint64 kMaxSequenceStep = 1000000;

// Optional features, named in hello and welcome so that newer and older peers keep working:
// each side uses a feature only when the other named it.
namespace capability
{
inline const QString kDeltaReports = QStringLiteral("report.delta");
inline const QString kRenewal = QStringLiteral("renew");
inline const QString kResync = QStringLiteral("resync");
// Signed jobs (docs/jobs.md, "Delivery"): jobs, job-ack, job-event, job-cancel.
inline const QString kJobs = QStringLiteral("jobs");
}

enum class MessageType {
    Unknown,
    Hello,
    Welcome,
    Enroll,
    Enrolled,
    Report,
    Ack,
    Renew,
    Renewed,
    Resync,
    Heartbeat,
    Error,
    Jobs,
    JobAck,
    JobEvent,
    JobCancel,
};

MessageType typeOf(const QCborMap &message);

// The report sections of docs/protocol.md, "Report sections": what agents collect, the server
// stores and the API shows. A section by any other name is a newer agent's and is not stored.
const QStringList &reportSectionNames();

struct Hello {
    int version = kVersion; // the highest version the agent speaks
    QString agentVersion;
    int minVersion = kMinVersion; // the lowest; absent (= version) from agents before ranges
    QStringList capabilities = {};
    qint64 operatorListVersion = 0; // of the signed operator list the agent holds; 0: none
    QCborMap toCbor() const;
    static Result<Hello> fromCbor(const QCborMap &map);
};

struct Welcome {
    int version = kVersion; // the version chosen for this connection
    QString serverVersion;
    QString deviceId; // empty before enrolment
    qint64 lastSequence = 0; // the last report sequence the server has stored for this device
    QStringList capabilities = {};
    QCborMap toCbor() const;
    static Result<Welcome> fromCbor(const QCborMap &map);
};

struct Enroll {
    QString token;
    QByteArray csrPem;
    QString hostname;
    QCborMap toCbor() const;
    static Result<Enroll> fromCbor(const QCborMap &map);
};

struct Enrolled {
    QString deviceId;
    QByteArray certificatePem;
    QByteArray caPem;
    QCborMap toCbor() const;
    static Result<Enrolled> fromCbor(const QCborMap &map);
};

// An enrolled agent asks for a fresh certificate (same device) before its current one expires.
struct Renew {
    QByteArray csrPem;
    QCborMap toCbor() const;
    static Result<Renew> fromCbor(const QCborMap &map);
};

struct Renewed {
    QByteArray certificatePem;
    QCborMap toCbor() const;
    static Result<Renewed> fromCbor(const QCborMap &map);
};

struct Report {
    qint64 sequence = 0;
    qint64 collectedAt = 0; // epoch seconds
    bool full = true;
    QCborMap sections; // name -> section value; only the changed ones when !full
    QCborMap hashes; // name -> first 16 bytes of SHA-256 of the section's CBOR encoding, for every section
    QCborMap toCbor() const;
    static Result<Report> fromCbor(const QCborMap &map);

    static QByteArray sectionHash(const QCborValue &section);
};

struct Ack {
    qint64 sequence = 0;
    QCborMap toCbor() const;
    static Result<Ack> fromCbor(const QCborMap &map);
};

struct Resync {
    QCborMap toCbor() const;
};

struct Heartbeat {
    qint64 at = 0;
    QCborMap toCbor() const;
};

struct ErrorMessage {
    QString code;
    QString message;
    QCborMap toCbor() const;
    static Result<ErrorMessage> fromCbor(const QCborMap &map);
};

// Signed jobs travel as the operators signed them (docs/jobs.md): the exact bytes and the signature.
struct SignedBytes {
    QByteArray document;
    QByteArray signature;
};

// One job offered to a device: the signed envelope and the device's Merkle inclusion proof.
struct JobOffer {
    SignedBytes job;
    QByteArray proof; // CBOR (jobs/Merkle.h)
};

// server → agent: every job of the device not yet acknowledged, oldest first, and the signed
// operator list when it is newer than the one the agent named in hello.
struct Jobs {
    std::optional<SignedBytes> operators;
    QList<JobOffer> jobs;
    QCborMap toCbor() const;
    static Result<Jobs> fromCbor(const QCborMap &map);
};

// agent → server: these jobs are in the agent's spool; the server stops offering them.
struct JobAck {
    static constexpr qsizetype kMaxIds = 1000;
    QStringList ids;
    QCborMap toCbor() const;
    static Result<JobAck> fromCbor(const QCborMap &map);
};

// agent → server: one state change of a device job, spooled and numbered with the reports
// (acknowledged with `ack`, applied once).
struct JobEvent {
    qint64 sequence = 0;
    QString id; // the job's
    QString state;
    QString reason; // a code, e.g. "interrupted", "job.signature"; empty when none
    QString message; // what a person reads about the reason
    std::optional<qint64> exitCode;
    QCborValue items; // array of {name, title, before, target, after, result, message}, or undefined
    QCborValue output; // {head, tail, totalBytes, sha256}, or undefined
    qint64 at = 0; // epoch seconds, by the device's clock
    std::optional<SignedBytes> receipt; // in final states (jobs/Receipt.h)
    QCborMap toCbor() const;
    static Result<JobEvent> fromCbor(const QCborMap &map);
};

// server → agent: best effort; cancelling cannot make an agent run anything, so it is unsigned.
struct JobCancel {
    QString id;
    QCborMap toCbor() const;
    static Result<JobCancel> fromCbor(const QCborMap &map);
};

} // namespace steward::protocol
