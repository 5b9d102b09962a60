// SPDX-License-Identifier: GPL-3.0-or-later
#include "Messages.h"

#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>

namespace steward::protocol
{

namespace
{
const QString kType = QStringLiteral("t");

QCborMap typed(QLatin1String type)
{
    QCborMap map;
    map.insert(kType, QString(type));
    return map;
}

Error missing(const char *message, const char *field)
{
    return makeError(QStringLiteral("message.invalid"),
                     QStringLiteral("%1: field \"%2\" missing or of the wrong type")
                         .arg(QLatin1String(message), QLatin1String(field)));
}

Error tooLong(const char *message, const char *field, qsizetype limit)
{
    return makeError(QStringLiteral("message.invalid"),
                     QStringLiteral("%1: field \"%2\" is longer than %3")
                         .arg(QLatin1String(message), QLatin1String(field))
                         .arg(limit));
}

bool hasString(const QCborMap &map, QLatin1String key)
{
    return map.value(key).isString();
}

bool hasInteger(const QCborMap &map, QLatin1String key)
{
    return map.value(key).isInteger();
}
}

MessageType typeOf(const QCborMap &message)
{
    static const QHash<QString, MessageType> types = {
        {QStringLiteral("hello"), MessageType::Hello},
        {QStringLiteral("welcome"), MessageType::Welcome},
        {QStringLiteral("enroll"), MessageType::Enroll},
        {QStringLiteral("enrolled"), MessageType::Enrolled},
        {QStringLiteral("report"), MessageType::Report},
        {QStringLiteral("ack"), MessageType::Ack},
        {QStringLiteral("renew"), MessageType::Renew},
        {QStringLiteral("renewed"), MessageType::Renewed},
        {QStringLiteral("resync"), MessageType::Resync},
        {QStringLiteral("heartbeat"), MessageType::Heartbeat},
        {QStringLiteral("error"), MessageType::Error},
        {QStringLiteral("jobs"), MessageType::Jobs},
        {QStringLiteral("job-ack"), MessageType::JobAck},
        {QStringLiteral("job-event"), MessageType::JobEvent},
        {QStringLiteral("job-cancel"), MessageType::JobCancel},
    };
    return types.value(message.value(kType).toString(), MessageType::Unknown);
}

namespace
{
QCborArray toCborArray(const QStringList &strings)
{
    QCborArray array;
    for (const QString &string : strings) {
        array.append(string);
    }
    return array;
}

// At most 64 names of at most 64 characters: a peer cannot make us keep more.
QStringList capabilitiesFrom(const QCborMap &map)
{
    QStringList capabilities;
    const QCborArray array = map.value(QLatin1String("caps")).toArray();
    for (qsizetype i = 0; i < array.size() && capabilities.size() < 64; ++i) {
        if (array.at(i).isString() && array.at(i).toString().size() <= 64) {
            capabilities.append(array.at(i).toString());
        }
    }
    return capabilities;
}
}

QCborMap Hello::toCbor() const
{
    QCborMap map = typed(QLatin1String("hello"));
    map.insert(QLatin1String("v"), version);
    map.insert(QLatin1String("vmin"), minVersion);
    map.insert(QLatin1String("agent"), agentVersion);
    map.insert(QLatin1String("caps"), toCborArray(capabilities));
    if (operatorListVersion > 0) {
        map.insert(QLatin1String("opv"), operatorListVersion);
    }
    return map;
}

Result<Hello> Hello::fromCbor(const QCborMap &map)
{
    if (!hasInteger(map, QLatin1String("v"))) {
        return missing("hello", "v");
    }
    const int version = int(map.value(QLatin1String("v")).toInteger());
    const int minVersion =
        hasInteger(map, QLatin1String("vmin")) ? int(map.value(QLatin1String("vmin")).toInteger()) : version;
    if (minVersion > version) {
        return makeError(QStringLiteral("message.invalid"),
                         QStringLiteral("hello: vmin %1 is above v %2").arg(minVersion).arg(version));
    }
    const qint64 operatorListVersion = std::max<qint64>(0, map.value(QLatin1String("opv")).toInteger());
    return Hello{version,
                 map.value(QLatin1String("agent")).toString().left(64),
                 minVersion,
                 capabilitiesFrom(map),
                 operatorListVersion};
}

QCborMap Welcome::toCbor() const
{
    QCborMap map = typed(QLatin1String("welcome"));
    map.insert(QLatin1String("v"), version);
    map.insert(QLatin1String("server"), serverVersion);
    if (!deviceId.isEmpty()) {
        map.insert(QLatin1String("device"), deviceId);
        map.insert(QLatin1String("lastSeq"), lastSequence);
    }
    map.insert(QLatin1String("caps"), toCborArray(capabilities));
    return map;
}

Result<Welcome> Welcome::fromCbor(const QCborMap &map)
{
    if (!hasInteger(map, QLatin1String("v"))) {
        return missing("welcome", "v");
    }
    return Welcome{int(map.value(QLatin1String("v")).toInteger()),
                   map.value(QLatin1String("server")).toString(),
                   map.value(QLatin1String("device")).toString(),
                   map.value(QLatin1String("lastSeq")).toInteger(),
                   capabilitiesFrom(map)};
}

QCborMap Enroll::toCbor() const
{
    QCborMap map = typed(QLatin1String("enroll"));
    map.insert(QLatin1String("token"), token);
    map.insert(QLatin1String("csr"), QString::fromLatin1(csrPem));
    map.insert(QLatin1String("hostname"), hostname);
    return map;
}

Result<Enroll> Enroll::fromCbor(const QCborMap &map)
{
    if (!hasString(map, QLatin1String("token"))) {
        return missing("enroll", "token");
    }
    if (!hasString(map, QLatin1String("csr"))) {
        return missing("enroll", "csr");
    }
    return Enroll{map.value(QLatin1String("token")).toString(),
                  map.value(QLatin1String("csr")).toString().toLatin1(),
                  map.value(QLatin1String("hostname")).toString()};
}

QCborMap Enrolled::toCbor() const
{
    QCborMap map = typed(QLatin1String("enrolled"));
    map.insert(QLatin1String("device"), deviceId);
    map.insert(QLatin1String("cert"), QString::fromLatin1(certificatePem));
    map.insert(QLatin1String("ca"), QString::fromLatin1(caPem));
    return map;
}

Result<Enrolled> Enrolled::fromCbor(const QCborMap &map)
{
    for (const char *field : {"device", "cert", "ca"}) {
        if (!hasString(map, QLatin1String(field))) {
            return missing("enrolled", field);
        }
    }
    return Enrolled{map.value(QLatin1String("device")).toString(),
                    map.value(QLatin1String("cert")).toString().toLatin1(),
                    map.value(QLatin1String("ca")).toString().toLatin1()};
}

QCborMap Renew::toCbor() const
{
    QCborMap map = typed(QLatin1String("renew"));
    map.insert(QLatin1String("csr"), QString::fromLatin1(csrPem));
    return map;
}

Result<Renew> Renew::fromCbor(const QCborMap &map)
{
    if (!hasString(map, QLatin1String("csr"))) {
        return missing("renew", "csr");
    }
    return Renew{map.value(QLatin1String("csr")).toString().toLatin1()};
}

QCborMap Renewed::toCbor() const
{
    QCborMap map = typed(QLatin1String("renewed"));
    map.insert(QLatin1String("cert"), QString::fromLatin1(certificatePem));
    return map;
}

Result<Renewed> Renewed::fromCbor(const QCborMap &map)
{
    if (!hasString(map, QLatin1String("cert"))) {
        return missing("renewed", "cert");
    }
    return Renewed{map.value(QLatin1String("cert")).toString().toLatin1()};
}

QCborMap Report::toCbor() const
{
    QCborMap map = typed(QLatin1String("report"));
    map.insert(QLatin1String("seq"), sequence);
    map.insert(QLatin1String("at"), collectedAt);
    map.insert(QLatin1String("full"), full);
    map.insert(QLatin1String("sections"), sections);
    map.insert(QLatin1String("hashes"), hashes);
    return map;
}

Result<Report> Report::fromCbor(const QCborMap &map)
{
    if (!hasInteger(map, QLatin1String("seq")) || map.value(QLatin1String("seq")).toInteger() <= 0) {
        return missing("report", "seq");
    }
    if (!map.value(QLatin1String("sections")).isMap()) {
        return missing("report", "sections");
    }
    if (!map.value(QLatin1String("hashes")).isMap()) {
        return missing("report", "hashes");
    }
    Report report;
    report.sequence = map.value(QLatin1String("seq")).toInteger();
    report.collectedAt = map.value(QLatin1String("at")).toInteger();
    report.full = map.value(QLatin1String("full")).toBool(true);
    report.sections = map.value(QLatin1String("sections")).toMap();
    report.hashes = map.value(QLatin1String("hashes")).toMap();
    return report;
}

const QStringList &reportSectionNames()
{
    static const QStringList names = {QStringLiteral("os"),
                                      QStringLiteral("hardware"),
                                      QStringLiteral("network"),
                                      QStringLiteral("software"),
                                      QStringLiteral("patches"),
                                      QStringLiteral("antivirus"),
                                      QStringLiteral("agent"),
                                      QStringLiteral("errors")};
    return names;
}

QByteArray Report::sectionHash(const QCborValue &section)
{
    // 128 bits tell "changed" from "unchanged" with no realistic chance of error, and every
    // unchanged report carries one per section: on metered links the other 16 bytes add up.
    return QCryptographicHash::hash(section.toCbor(), QCryptographicHash::Sha256).left(16);
}

QCborMap Ack::toCbor() const
{
    QCborMap map = typed(QLatin1String("ack"));
    map.insert(QLatin1String("seq"), sequence);
    return map;
}

Result<Ack> Ack::fromCbor(const QCborMap &map)
{
    if (!hasInteger(map, QLatin1String("seq"))) {
        return missing("ack", "seq");
    }
    return Ack{map.value(QLatin1String("seq")).toInteger()};
}

QCborMap Resync::toCbor() const
{
    return typed(QLatin1String("resync"));
}

QCborMap Heartbeat::toCbor() const
{
    QCborMap map = typed(QLatin1String("heartbeat"));
    map.insert(QLatin1String("at"), at);
    return map;
}

QCborMap ErrorMessage::toCbor() const
{
    QCborMap map = typed(QLatin1String("error"));
    map.insert(QLatin1String("code"), code);
    map.insert(QLatin1String("message"), message);
    return map;
}

Result<ErrorMessage> ErrorMessage::fromCbor(const QCborMap &map)
{
    return ErrorMessage{map.value(QLatin1String("code")).toString(), map.value(QLatin1String("message")).toString()};
}

namespace
{
QCborMap signedToCbor(const SignedBytes &signedBytes)
{
    return QCborMap{{QStringLiteral("doc"), signedBytes.document}, {QStringLiteral("sig"), signedBytes.signature}};
}

std::optional<SignedBytes> signedFromCbor(const QCborValue &value)
{
    const QCborMap map = value.toMap();
    if (!map.value(QLatin1String("doc")).isByteArray() || !map.value(QLatin1String("sig")).isByteArray()) {
        return std::nullopt;
    }
    return SignedBytes{map.value(QLatin1String("doc")).toByteArray(), map.value(QLatin1String("sig")).toByteArray()};
}

// Text a peer sends that ends up in the store and in front of people: bounded.
QString boundedText(const QCborMap &map, QLatin1String key, qsizetype limit)
{
    return map.value(key).toString().left(limit);
}
}

QCborMap Jobs::toCbor() const
{
    QCborMap map = typed(QLatin1String("jobs"));
    if (operators) {
        map.insert(QLatin1String("operators"), signedToCbor(*operators));
    }
    QCborArray offers;
    for (const JobOffer &offer : jobs) {
        offers.append(
            QCborMap{{QStringLiteral("job"), signedToCbor(offer.job)}, {QStringLiteral("proof"), offer.proof}});
    }
    map.insert(QLatin1String("jobs"), offers);
    return map;
}

Result<Jobs> Jobs::fromCbor(const QCborMap &map)
{
    Jobs message;
    if (map.contains(QLatin1String("operators"))) {
        message.operators = signedFromCbor(map.value(QLatin1String("operators")));
        if (!message.operators) {
            return missing("jobs", "operators");
        }
    }
    if (!map.value(QLatin1String("jobs")).isArray()) {
        return missing("jobs", "jobs");
    }
    const QCborArray offers = map.value(QLatin1String("jobs")).toArray();
    for (const QCborValue &value : offers) {
        const std::optional<SignedBytes> job = signedFromCbor(value.toMap().value(QLatin1String("job")));
        const QCborValue proof = value.toMap().value(QLatin1String("proof"));
        if (!job || !proof.isByteArray()) {
            return missing("jobs", "jobs[].job/proof");
        }
        message.jobs.append(JobOffer{*job, proof.toByteArray()});
    }
    return message;
}

QCborMap JobAck::toCbor() const
{
    QCborMap map = typed(QLatin1String("job-ack"));
    map.insert(QLatin1String("ids"), toCborArray(ids));
    return map;
}

Result<JobAck> JobAck::fromCbor(const QCborMap &map)
{
    const QCborArray array = map.value(QLatin1String("ids")).toArray();
    if (!map.value(QLatin1String("ids")).isArray()) {
        return missing("job-ack", "ids");
    }
    if (array.size() > kMaxIds) {
        return tooLong("job-ack", "ids", kMaxIds);
    }
    JobAck ack;
    for (const QCborValue &id : array) {
        if (!id.isString() || id.toString().size() > 64) {
            return missing("job-ack", "ids[]");
        }
        ack.ids.append(id.toString());
    }
    return ack;
}

QCborMap JobEvent::toCbor() const
{
    QCborMap map = typed(QLatin1String("job-event"));
    map.insert(QLatin1String("seq"), sequence);
    map.insert(QLatin1String("id"), id);
    map.insert(QLatin1String("state"), state);
    map.insert(QLatin1String("at"), at);
    if (!reason.isEmpty()) {
        map.insert(QLatin1String("reason"), reason);
    }
    if (!message.isEmpty()) {
        map.insert(QLatin1String("message"), message);
    }
    if (exitCode) {
        map.insert(QLatin1String("exitCode"), *exitCode);
    }
    if (items.isArray()) {
        map.insert(QLatin1String("items"), items);
    }
    if (output.isMap()) {
        map.insert(QLatin1String("output"), output);
    }
    if (receipt) {
        map.insert(QLatin1String("receipt"), signedToCbor(*receipt));
    }
    return map;
}

Result<JobEvent> JobEvent::fromCbor(const QCborMap &map)
{
    JobEvent event;
    // Sequences start at 1, shared with reports; 0 would never be acknowledged past.
    if (!hasInteger(map, QLatin1String("seq")) || map.value(QLatin1String("seq")).toInteger() <= 0) {
        return missing("job-event", "seq");
    }
    if (!hasString(map, QLatin1String("id"))) {
        return missing("job-event", "id");
    }
    if (!hasString(map, QLatin1String("state"))) {
        return missing("job-event", "state");
    }
    // A cut id could name another job, a cut state another state: refuse rather than shorten.
    for (const char *field : {"id", "state"}) {
        if (map.value(QLatin1String(field)).toString().size() > 64) {
            return tooLong("job-event", field, 64);
        }
    }
    event.sequence = map.value(QLatin1String("seq")).toInteger();
    event.id = map.value(QLatin1String("id")).toString();
    event.state = map.value(QLatin1String("state")).toString();
    event.reason = boundedText(map, QLatin1String("reason"), 128);
    event.message = boundedText(map, QLatin1String("message"), 2048);
    event.at = map.value(QLatin1String("at")).toInteger();
    if (hasInteger(map, QLatin1String("exitCode"))) {
        event.exitCode = map.value(QLatin1String("exitCode")).toInteger();
    }
    if (map.value(QLatin1String("items")).isArray()) {
        event.items = map.value(QLatin1String("items"));
    }
    if (map.value(QLatin1String("output")).isMap()) {
        event.output = map.value(QLatin1String("output"));
    }
    if (map.contains(QLatin1String("receipt"))) {
        event.receipt = signedFromCbor(map.value(QLatin1String("receipt")));
        if (!event.receipt) {
            return missing("job-event", "receipt");
        }
    }
    return event;
}

QCborMap JobCancel::toCbor() const
{
    QCborMap map = typed(QLatin1String("job-cancel"));
    map.insert(QLatin1String("id"), id);
    return map;
}

Result<JobCancel> JobCancel::fromCbor(const QCborMap &map)
{
    if (!hasString(map, QLatin1String("id"))) {
        return missing("job-cancel", "id");
    }
    return JobCancel{boundedText(map, QLatin1String("id"), 64)};
}

} // namespace steward::protocol
