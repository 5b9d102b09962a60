// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodec.h"
#include "Messages.h"

#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>
#include <QTest>

#include <functional>
#include <optional>

using namespace steward;
using namespace steward::protocol;

Q_DECLARE_METATYPE(steward::protocol::MessageType)

namespace
{
// Parses `map` as the message type named by `kind`: why it was refused, or nothing when accepted.
std::optional<Error> parseError(const QString &kind, const QCborMap &map)
{
    const auto errorOf = [](const auto &result) {
        return result.ok() ? std::nullopt : std::optional<Error>(result.error());
    };
    if (kind == QLatin1String("hello")) {
        return errorOf(Hello::fromCbor(map));
    }
    if (kind == QLatin1String("welcome")) {
        return errorOf(Welcome::fromCbor(map));
    }
    if (kind == QLatin1String("enroll")) {
        return errorOf(Enroll::fromCbor(map));
    }
    if (kind == QLatin1String("enrolled")) {
        return errorOf(Enrolled::fromCbor(map));
    }
    if (kind == QLatin1String("report")) {
        return errorOf(Report::fromCbor(map));
    }
    if (kind == QLatin1String("ack")) {
        return errorOf(Ack::fromCbor(map));
    }
    if (kind == QLatin1String("error")) {
        return errorOf(ErrorMessage::fromCbor(map));
    }
    if (kind == QLatin1String("jobs")) {
        return errorOf(Jobs::fromCbor(map));
    }
    if (kind == QLatin1String("job-ack")) {
        return errorOf(JobAck::fromCbor(map));
    }
    if (kind == QLatin1String("job-event")) {
        return errorOf(JobEvent::fromCbor(map));
    }
    if (kind == QLatin1String("job-cancel")) {
        return errorOf(JobCancel::fromCbor(map));
    }
    qFatal("unknown message kind in test table");
    return std::nullopt;
}

bool parses(const QString &kind, const QCborMap &map)
{
    return !parseError(kind, map);
}

QCborMap sampleSections()
{
    QCborMap os;
    os.insert(QStringLiteral("name"), QStringLiteral("Debian GNU/Linux"));
    os.insert(QStringLiteral("hostname"), QStringLiteral("ws-017"));
    QCborMap sections;
    sections.insert(QStringLiteral("os"), os);
    sections.insert(QStringLiteral("software"), QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("bash")}}});
    return sections;
}

QCborMap validHello()
{
    return Hello{1, QStringLiteral("0.1.0")}.toCbor();
}
QCborMap validWelcome()
{
    return Welcome{1, QStringLiteral("0.1.0"), QStringLiteral("dev-1")}.toCbor();
}
QCborMap validEnroll()
{
    return Enroll{QStringLiteral("tok"),
                  QByteArrayLiteral("-----BEGIN CERTIFICATE REQUEST-----\n"),
                  QStringLiteral("ws-017")}
        .toCbor();
}
QCborMap validEnrolled()
{
    return Enrolled{QStringLiteral("dev-1"), QByteArrayLiteral("CERT"), QByteArrayLiteral("CA")}.toCbor();
}
QCborMap validReport()
{
    Report report;
    report.sequence = 5;
    report.collectedAt = 1700000000;
    report.full = false;
    report.sections = sampleSections();
    report.hashes.insert(QStringLiteral("os"), Report::sectionHash(sampleSections().value(QStringLiteral("os"))));
    return report.toCbor();
}
QCborMap validAck()
{
    return Ack{9}.toCbor();
}

// Bytes that stand for a signed document, a signature and a proof: the messages carry them
// opaquely, so any bytes do (what they mean is tested with common/jobs).
SignedBytes signedBytes(const char *name)
{
    return SignedBytes{QByteArray("document of ") + name, QByteArray(64, name[0])};
}

Jobs sampleJobs()
{
    Jobs jobs;
    jobs.operators = signedBytes("operators");
    jobs.jobs.append(JobOffer{signedBytes("job-1"), QByteArray("proof 1")});
    jobs.jobs.append(JobOffer{signedBytes("job-2"), QByteArray("proof 2")});
    return jobs;
}

// A patch job's end as an agent reports it: 10 packages, bounded output, a receipt.
JobEvent sampleJobEvent()
{
    JobEvent event;
    event.sequence = 12;
    event.id = QStringLiteral("6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    event.state = QStringLiteral("failed");
    event.reason = QStringLiteral("apt.failed");
    event.message = QStringLiteral("2 of 10 packages failed");
    event.exitCode = 100;
    QCborArray items;
    for (int i = 0; i < 10; ++i) {
        items.append(
            QCborMap{{QStringLiteral("name"), QStringLiteral("package-%1").arg(i)},
                     {QStringLiteral("before"), QStringLiteral("1.0-%1").arg(i)},
                     {QStringLiteral("target"), QStringLiteral("1.1-%1").arg(i)},
                     {QStringLiteral("after"), QStringLiteral("1.1-%1").arg(i)},
                     {QStringLiteral("result"), i < 8 ? QStringLiteral("installed") : QStringLiteral("failed")}});
    }
    event.items = items;
    event.output = QCborMap{{QStringLiteral("head"), QStringLiteral("Reading package lists...")},
                            {QStringLiteral("tail"), QStringLiteral("E: Sub-process /usr/bin/dpkg returned an error")},
                            {QStringLiteral("totalBytes"), 48213},
                            {QStringLiteral("sha256"), QByteArray(32, '\x3c')}};
    event.at = 1795000000;
    event.receipt = signedBytes("receipt");
    return event;
}

QCborMap validJobs()
{
    return sampleJobs().toCbor();
}
QCborMap validJobAck()
{
    return JobAck{{QStringLiteral("job-1"), QStringLiteral("job-2")}}.toCbor();
}
QCborMap validJobEvent()
{
    return sampleJobEvent().toCbor();
}
QCborMap validJobCancel()
{
    return JobCancel{QStringLiteral("job-1")}.toCbor();
}

// The message as it arrives at the other end: framed, maybe compressed, and decoded again.
QCborMap overTheWire(const QCborMap &message)
{
    FrameDecoder decoder;
    decoder.append(FrameCodec::encode(message));
    Result<std::optional<QCborMap>> decoded = decoder.next();
    return decoded.ok() && decoded.value() ? *decoded.value() : QCborMap();
}

QStringList jobIds(int count, qsizetype length = 36)
{
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        ids.append(QStringLiteral("%1").arg(i, int(length), 10, QLatin1Char('0')));
    }
    return ids;
}
}

class TestMessages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void heartbeatFrameIsSmall();
    void helloRoundTrip();
    void helloCarriesVersionRangeAndCapabilities();
    void welcomeRoundTrip_data();
    void welcomeRoundTrip();
    void enrollRoundTrip();
    void enrolledRoundTrip();
    void reportRoundTrip();
    void reportFullDefaultsToTrue();
    void ackRoundTrip();
    void errorRoundTrip();
    void resyncAndHeartbeat();
    void helloCarriesOperatorListVersion();
    void jobsRoundTrip();
    void jobsWithoutOperatorsOrJobs();
    void jobAckRoundTrip();
    void jobAckIsBounded_data();
    void jobAckIsBounded();
    void jobEventRoundTrip();
    void jobEventOptionalFieldsStayAbsent();
    void jobEventBoundsItsText();
    void jobCancelRoundTrip();

    void rejectsInvalid_data();
    void rejectsInvalid();
    void unknownKeysIgnored_data();
    void unknownKeysIgnored();

    void typeOf_data();
    void typeOf();

    void sectionHash_data();
    void sectionHash();
    void sectionHashIsTruncatedSha256OfCbor();
};

void TestMessages::helloRoundTrip()
{
    const QCborMap map = Hello{1, QStringLiteral("0.1.0")}.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("hello"));
    QCOMPARE(map.value(QStringLiteral("v")).toInteger(), 1);
    QCOMPARE(map.value(QStringLiteral("agent")).toString(), QStringLiteral("0.1.0"));

    Result<Hello> parsed = Hello::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().version, 1);
    QCOMPARE(parsed.value().agentVersion, QStringLiteral("0.1.0"));

    // A version the server does not speak still parses; rejecting it is the session's job.
    Result<Hello> future = Hello::fromCbor(Hello{7, QStringLiteral("9.0")}.toCbor());
    QVERIFY(future.ok());
    QCOMPARE(future.value().version, 7);
}

void TestMessages::helloCarriesVersionRangeAndCapabilities()
{
    const Hello sent{3, QStringLiteral("2.0"), 1, {QStringLiteral("report.delta"), QStringLiteral("jobs")}};
    const Result<Hello> parsed = Hello::fromCbor(sent.toCbor());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().minVersion, 1);
    QCOMPARE(parsed.value().version, 3);
    QCOMPARE(parsed.value().capabilities, sent.capabilities);

    // An agent from before ranges sent only "v": its range is that one version.
    const Result<Hello> old =
        Hello::fromCbor(QCborMap{{QStringLiteral("t"), QStringLiteral("hello")}, {QStringLiteral("v"), 1}});
    QVERIFY(old.ok());
    QCOMPARE(old.value().minVersion, 1);
    QVERIFY(old.value().capabilities.isEmpty());

    QVERIFY(!Hello::fromCbor(Hello{1, QString(), 2, {}}.toCbor()).ok());

    // A peer cannot make us keep an unbounded list.
    QCborArray many;
    for (int i = 0; i < 1000; ++i) {
        many.append(QStringLiteral("cap-%1").arg(i));
    }
    many.append(QString(1000, QLatin1Char('x')));
    many.append(42);
    QCborMap flood = Hello{1, QString()}.toCbor();
    flood.insert(QStringLiteral("caps"), many);
    QCOMPARE(Hello::fromCbor(flood).value().capabilities.size(), 64);

    const Welcome welcome{1, QStringLiteral("1.0"), QString(), 0, {QStringLiteral("renew")}};
    QCOMPARE(Welcome::fromCbor(welcome.toCbor()).value().capabilities, QStringList{QStringLiteral("renew")});
}

void TestMessages::welcomeRoundTrip_data()
{
    QTest::addColumn<QString>("deviceId");
    QTest::newRow("enrolled") << QStringLiteral("4f1c2b7e-0000-4000-8000-000000000001");
    QTest::newRow("not yet enrolled") << QString();
}

void TestMessages::welcomeRoundTrip()
{
    QFETCH(QString, deviceId);
    const QCborMap map = Welcome{1, QStringLiteral("0.2.0"), deviceId}.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("welcome"));
    QCOMPARE(map.contains(QStringLiteral("device")), !deviceId.isEmpty());

    Result<Welcome> parsed = Welcome::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().version, 1);
    QCOMPARE(parsed.value().serverVersion, QStringLiteral("0.2.0"));
    QCOMPARE(parsed.value().deviceId, deviceId);
}

void TestMessages::enrollRoundTrip()
{
    const QByteArray csr =
        QByteArrayLiteral("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n");
    const QCborMap map = Enroll{QStringLiteral("s3cr3t-token"), csr, QStringLiteral("ws-017")}.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("enroll"));
    QCOMPARE(map.value(QStringLiteral("csr")).toString(), QString::fromLatin1(csr));

    Result<Enroll> parsed = Enroll::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().token, QStringLiteral("s3cr3t-token"));
    QCOMPARE(parsed.value().csrPem, csr);
    QCOMPARE(parsed.value().hostname, QStringLiteral("ws-017"));
}

void TestMessages::enrolledRoundTrip()
{
    const QCborMap map =
        Enrolled{QStringLiteral("dev-1"), QByteArrayLiteral("CERT PEM"), QByteArrayLiteral("CA PEM")}.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("enrolled"));
    Result<Enrolled> parsed = Enrolled::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().deviceId, QStringLiteral("dev-1"));
    QCOMPARE(parsed.value().certificatePem, QByteArrayLiteral("CERT PEM"));
    QCOMPARE(parsed.value().caPem, QByteArrayLiteral("CA PEM"));
}

void TestMessages::reportRoundTrip()
{
    const QCborMap map = validReport();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("report"));
    QCOMPARE(map.value(QStringLiteral("seq")).toInteger(), 5);
    QCOMPARE(map.value(QStringLiteral("at")).toInteger(), 1700000000);
    QCOMPARE(map.value(QStringLiteral("full")).toBool(true), false);

    Result<Report> parsed = Report::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().sequence, 5);
    QCOMPARE(parsed.value().collectedAt, 1700000000);
    QCOMPARE(parsed.value().full, false);
    QCOMPARE(parsed.value().sections, sampleSections());
    QCOMPARE(parsed.value().hashes.size(), 1);
    QCOMPARE(parsed.value().hashes.value(QStringLiteral("os")).toByteArray(),
             Report::sectionHash(sampleSections().value(QStringLiteral("os"))));

    // Survives the wire encoding too.
    Result<Report> reparsed = Report::fromCbor(QCborValue::fromCbor(map.toCborValue().toCbor()).toMap());
    QVERIFY(reparsed.ok());
    QCOMPARE(reparsed.value().sections, sampleSections());
}

void TestMessages::reportFullDefaultsToTrue()
{
    QCborMap map = validReport();
    map.remove(QStringLiteral("full"));
    Result<Report> parsed = Report::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().full, true);
}

void TestMessages::ackRoundTrip()
{
    const QCborMap map = Ack{42}.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("ack"));
    Result<Ack> parsed = Ack::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().sequence, 42);
}

void TestMessages::errorRoundTrip()
{
    const QCborMap map =
        ErrorMessage{QStringLiteral("token.expired"), QStringLiteral("the enrolment token has expired")}.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("error"));
    Result<ErrorMessage> parsed = ErrorMessage::fromCbor(map);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().code, QStringLiteral("token.expired"));
    QCOMPARE(parsed.value().message, QStringLiteral("the enrolment token has expired"));
}

void TestMessages::resyncAndHeartbeat()
{
    const QCborMap resync = Resync{}.toCbor();
    QCOMPARE(resync.size(), 1);
    QCOMPARE(protocol::typeOf(resync), MessageType::Resync);

    const QCborMap heartbeat = Heartbeat{1700000123}.toCbor();
    QCOMPARE(protocol::typeOf(heartbeat), MessageType::Heartbeat);
    QCOMPARE(heartbeat.value(QStringLiteral("at")).toInteger(), 1700000123);
}

void TestMessages::helloCarriesOperatorListVersion()
{
    Hello hello{1, QStringLiteral("0.3.0"), 1, {QStringLiteral("jobs")}};
    QVERIFY(!hello.toCbor().contains(QStringLiteral("opv"))); // 0, none held: not sent
    QCOMPARE(Hello::fromCbor(hello.toCbor()).value().operatorListVersion, 0);
    hello.operatorListVersion = 7;
    QCOMPARE(hello.toCbor().value(QStringLiteral("opv")).toInteger(), 7);
    QCOMPARE(Hello::fromCbor(overTheWire(hello.toCbor())).value().operatorListVersion, 7);

    // Whatever else a peer sends means "none held": the newest list is offered.
    QCborMap odd = hello.toCbor();
    odd.insert(QStringLiteral("opv"), -5);
    QCOMPARE(Hello::fromCbor(odd).value().operatorListVersion, 0);
    odd.insert(QStringLiteral("opv"), QStringLiteral("7"));
    QCOMPARE(Hello::fromCbor(odd).value().operatorListVersion, 0);
}

void TestMessages::jobsRoundTrip()
{
    const Jobs sent = sampleJobs();
    const QCborMap map = sent.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("jobs"));
    QCOMPARE(protocol::typeOf(map), MessageType::Jobs);

    for (const QCborMap &received : {map, overTheWire(map)}) {
        const Result<Jobs> parsed = Jobs::fromCbor(received);
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value().operators.has_value());
        QCOMPARE(parsed.value().operators->document, sent.operators->document);
        QCOMPARE(parsed.value().operators->signature, sent.operators->signature);
        QCOMPARE(parsed.value().jobs.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(parsed.value().jobs.at(i).job.document, sent.jobs.at(i).job.document);
            QCOMPARE(parsed.value().jobs.at(i).job.signature, sent.jobs.at(i).job.signature);
            QCOMPARE(parsed.value().jobs.at(i).proof, sent.jobs.at(i).proof);
        }
        QCOMPARE(parsed.value().toCbor(), map); // and encodes to the same message again
    }
}

void TestMessages::jobsWithoutOperatorsOrJobs()
{
    // Only the list (an agent that holds an older one), or only jobs (it holds this one).
    Jobs operatorsOnly;
    operatorsOnly.operators = signedBytes("operators");
    const Result<Jobs> listOnly = Jobs::fromCbor(operatorsOnly.toCbor());
    QVERIFY(listOnly.ok());
    QVERIFY(listOnly.value().operators.has_value());
    QVERIFY(listOnly.value().jobs.isEmpty());

    Jobs jobsOnly = sampleJobs();
    jobsOnly.operators.reset();
    QVERIFY(!jobsOnly.toCbor().contains(QStringLiteral("operators")));
    const Result<Jobs> noList = Jobs::fromCbor(jobsOnly.toCbor());
    QVERIFY(noList.ok());
    QVERIFY(!noList.value().operators.has_value());
    QCOMPARE(noList.value().jobs.size(), 2);
}

void TestMessages::jobAckRoundTrip()
{
    const JobAck sent{{QStringLiteral("6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"), QStringLiteral("job-2")}};
    const QCborMap map = sent.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("job-ack"));
    QCOMPARE(protocol::typeOf(map), MessageType::JobAck);
    const Result<JobAck> parsed = JobAck::fromCbor(overTheWire(map));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().ids, sent.ids);
    QVERIFY(JobAck::fromCbor(JobAck{}.toCbor()).value().ids.isEmpty());
}

void TestMessages::jobAckIsBounded_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("1000 ids") << jobIds(JobAck::kMaxIds) << true;
    QTest::newRow("1001 ids") << jobIds(JobAck::kMaxIds + 1) << false;
    QTest::newRow("an id of 64 characters") << jobIds(1, 64) << true;
    QTest::newRow("an id of 65 characters") << jobIds(1, 65) << false;
    QTest::newRow("one long id among short ones") << jobIds(3) + jobIds(1, 4096) << false;
}

void TestMessages::jobAckIsBounded()
{
    // A peer cannot make the server look up or keep more than this in one message.
    QFETCH(QStringList, ids);
    QFETCH(bool, accepted);
    const Result<JobAck> parsed = JobAck::fromCbor(JobAck{ids}.toCbor());
    QCOMPARE(parsed.ok(), accepted);
    if (accepted) {
        QCOMPARE(parsed.value().ids, ids);
    } else {
        QCOMPARE(parsed.error().code, QStringLiteral("message.invalid"));
        QVERIFY2(parsed.error().message.startsWith(QLatin1String("job-ack: field \"ids")),
                 qPrintable(parsed.error().message));
    }
}

void TestMessages::jobEventRoundTrip()
{
    const JobEvent sent = sampleJobEvent();
    const QCborMap map = sent.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("job-event"));
    QCOMPARE(protocol::typeOf(map), MessageType::JobEvent);
    QCOMPARE(map.value(QStringLiteral("seq")).toInteger(), 12);

    for (const QCborMap &received : {map, overTheWire(map)}) {
        const Result<JobEvent> parsed = JobEvent::fromCbor(received);
        QVERIFY(parsed.ok());
        const JobEvent &event = parsed.value();
        QCOMPARE(event.sequence, sent.sequence);
        QCOMPARE(event.id, sent.id);
        QCOMPARE(event.state, sent.state);
        QCOMPARE(event.reason, sent.reason);
        QCOMPARE(event.message, sent.message);
        QCOMPARE(event.exitCode, sent.exitCode);
        QCOMPARE(event.items, sent.items);
        QCOMPARE(event.items.toArray().size(), 10);
        QCOMPARE(event.output, sent.output);
        QCOMPARE(event.at, sent.at);
        QVERIFY(event.receipt.has_value());
        QCOMPARE(event.receipt->document, sent.receipt->document);
        QCOMPARE(event.receipt->signature, sent.receipt->signature);
        QCOMPARE(event.toCbor(), map);
    }
}

void TestMessages::jobEventOptionalFieldsStayAbsent()
{
    // `running` says little: what it leaves out is not sent, and not made up on the way back.
    JobEvent running;
    running.sequence = 3;
    running.id = QStringLiteral("job-1");
    running.state = QStringLiteral("running");
    running.at = 1795000000;
    const QCborMap map = running.toCbor();
    for (const char *key : {"reason", "message", "exitCode", "items", "output", "receipt"}) {
        QVERIFY2(!map.contains(QLatin1String(key)), key);
    }
    const Result<JobEvent> parsed = JobEvent::fromCbor(map);
    QVERIFY(parsed.ok());
    QVERIFY(parsed.value().reason.isEmpty());
    QVERIFY(!parsed.value().exitCode.has_value());
    QVERIFY(parsed.value().items.isUndefined());
    QVERIFY(parsed.value().output.isUndefined());
    QVERIFY(!parsed.value().receipt.has_value());

    // An exit code of 0 is a value, not an absence; wrongly typed optional fields are left out.
    running.exitCode = 0;
    QCOMPARE(JobEvent::fromCbor(running.toCbor()).value().exitCode, std::optional<qint64>(0));
    QCborMap odd = running.toCbor();
    odd.insert(QStringLiteral("exitCode"), QStringLiteral("0"));
    odd.insert(QStringLiteral("items"), QStringLiteral("all of them"));
    odd.insert(QStringLiteral("output"), QCborArray{1, 2});
    const Result<JobEvent> lenient = JobEvent::fromCbor(odd);
    QVERIFY(lenient.ok());
    QVERIFY(!lenient.value().exitCode.has_value());
    QVERIFY(lenient.value().items.isUndefined());
    QVERIFY(lenient.value().output.isUndefined());
}

void TestMessages::jobEventBoundsItsText()
{
    // Text that ends up in the store and before people is cut to size, whatever a peer sends;
    // an id or state is refused instead (rejectsInvalid), as a cut one could name another.
    JobEvent event = sampleJobEvent();
    event.reason = QString(1000, QLatin1Char('r'));
    event.message = QString(100000, QLatin1Char('m'));
    const Result<JobEvent> parsed = JobEvent::fromCbor(event.toCbor());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().id, event.id);
    QCOMPARE(parsed.value().reason.size(), 128);
    QCOMPARE(parsed.value().message.size(), 2048);
}

void TestMessages::jobCancelRoundTrip()
{
    const QCborMap map = JobCancel{QStringLiteral("6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b")}.toCbor();
    QCOMPARE(map.value(QStringLiteral("t")).toString(), QStringLiteral("job-cancel"));
    QCOMPARE(protocol::typeOf(map), MessageType::JobCancel);
    const Result<JobCancel> parsed = JobCancel::fromCbor(overTheWire(map));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().id, QStringLiteral("6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"));
    QCOMPARE(JobCancel::fromCbor(JobCancel{QString(500, QLatin1Char('x'))}.toCbor()).value().id.size(), 64);
}

void TestMessages::rejectsInvalid_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QCborMap>("map");

    auto without = [](QCborMap map, const QString &key) {
        map.remove(key);
        return map;
    };
    auto with = [](QCborMap map, const QString &key, const QCborValue &value) {
        map.insert(key, value);
        return map;
    };

    QTest::newRow("hello without v") << QStringLiteral("hello") << without(validHello(), QStringLiteral("v"));
    QTest::newRow("hello v as text") << QStringLiteral("hello")
                                     << with(validHello(), QStringLiteral("v"), QStringLiteral("1"));
    QTest::newRow("hello v as double") << QStringLiteral("hello") << with(validHello(), QStringLiteral("v"), 1.0);
    QTest::newRow("welcome without v") << QStringLiteral("welcome") << without(validWelcome(), QStringLiteral("v"));
    QTest::newRow("enroll without token")
        << QStringLiteral("enroll") << without(validEnroll(), QStringLiteral("token"));
    QTest::newRow("enroll token as integer")
        << QStringLiteral("enroll") << with(validEnroll(), QStringLiteral("token"), 12345);
    QTest::newRow("enroll without csr") << QStringLiteral("enroll") << without(validEnroll(), QStringLiteral("csr"));
    QTest::newRow("enroll csr as bytes") << QStringLiteral("enroll")
                                         << with(validEnroll(), QStringLiteral("csr"), QByteArrayLiteral("CSR"));
    QTest::newRow("enrolled without device")
        << QStringLiteral("enrolled") << without(validEnrolled(), QStringLiteral("device"));
    QTest::newRow("enrolled without cert")
        << QStringLiteral("enrolled") << without(validEnrolled(), QStringLiteral("cert"));
    QTest::newRow("enrolled without ca") << QStringLiteral("enrolled")
                                         << without(validEnrolled(), QStringLiteral("ca"));
    QTest::newRow("enrolled ca as map") << QStringLiteral("enrolled")
                                        << with(validEnrolled(), QStringLiteral("ca"), QCborMap());
    QTest::newRow("report without seq") << QStringLiteral("report") << without(validReport(), QStringLiteral("seq"));
    QTest::newRow("report seq zero") << QStringLiteral("report") << with(validReport(), QStringLiteral("seq"), 0);
    QTest::newRow("report seq negative") << QStringLiteral("report") << with(validReport(), QStringLiteral("seq"), -3);
    QTest::newRow("report seq as text") << QStringLiteral("report")
                                        << with(validReport(), QStringLiteral("seq"), QStringLiteral("5"));
    QTest::newRow("report without sections")
        << QStringLiteral("report") << without(validReport(), QStringLiteral("sections"));
    QTest::newRow("report sections as array")
        << QStringLiteral("report") << with(validReport(), QStringLiteral("sections"), QCborArray());
    QTest::newRow("report without hashes")
        << QStringLiteral("report") << without(validReport(), QStringLiteral("hashes"));
    QTest::newRow("report hashes as text")
        << QStringLiteral("report") << with(validReport(), QStringLiteral("hashes"), QStringLiteral("x"));
    QTest::newRow("ack without seq") << QStringLiteral("ack") << without(validAck(), QStringLiteral("seq"));
    QTest::newRow("ack seq as text") << QStringLiteral("ack")
                                     << with(validAck(), QStringLiteral("seq"), QStringLiteral("9"));

    // A job offer's parts one by one: what is malformed never reaches the verification.
    const auto withOffer = [&](const QCborValue &offer) {
        return with(validJobs(), QStringLiteral("jobs"), QCborArray{offer});
    };
    const QCborMap offer = validJobs().value(QStringLiteral("jobs")).toArray().first().toMap();
    const QCborMap signedJob = offer.value(QStringLiteral("job")).toMap();
    QTest::newRow("jobs without jobs") << QStringLiteral("jobs") << without(validJobs(), QStringLiteral("jobs"));
    QTest::newRow("jobs as map") << QStringLiteral("jobs") << with(validJobs(), QStringLiteral("jobs"), QCborMap());
    QTest::newRow("jobs offer as text") << QStringLiteral("jobs") << withOffer(QStringLiteral("job"));
    QTest::newRow("jobs offer without proof")
        << QStringLiteral("jobs") << withOffer(without(offer, QStringLiteral("proof")));
    QTest::newRow("jobs proof as array") << QStringLiteral("jobs")
                                         << withOffer(with(offer, QStringLiteral("proof"), QCborArray()));
    QTest::newRow("jobs offer without job")
        << QStringLiteral("jobs") << withOffer(without(offer, QStringLiteral("job")));
    QTest::newRow("jobs job without sig")
        << QStringLiteral("jobs")
        << withOffer(with(offer, QStringLiteral("job"), without(signedJob, QStringLiteral("sig"))));
    QTest::newRow("jobs job doc as text")
        << QStringLiteral("jobs")
        << withOffer(with(offer, QStringLiteral("job"), with(signedJob, QStringLiteral("doc"), QStringLiteral("doc"))));
    QTest::newRow("jobs operators as text")
        << QStringLiteral("jobs") << with(validJobs(), QStringLiteral("operators"), QStringLiteral("list"));
    QTest::newRow("jobs operators without sig")
        << QStringLiteral("jobs")
        << with(validJobs(), QStringLiteral("operators"), QCborMap{{QStringLiteral("doc"), QByteArray("list")}});
    QTest::newRow("jobs operators null") << QStringLiteral("jobs")
                                         << with(validJobs(), QStringLiteral("operators"), QCborValue(nullptr));
    QTest::newRow("job-ack without ids") << QStringLiteral("job-ack") << without(validJobAck(), QStringLiteral("ids"));
    QTest::newRow("job-ack ids as text") << QStringLiteral("job-ack")
                                         << with(validJobAck(), QStringLiteral("ids"), QStringLiteral("job-1"));
    QTest::newRow("job-ack id as integer")
        << QStringLiteral("job-ack")
        << with(validJobAck(), QStringLiteral("ids"), QCborArray{QStringLiteral("job-1"), 2});
    QTest::newRow("job-event without seq")
        << QStringLiteral("job-event") << without(validJobEvent(), QStringLiteral("seq"));
    QTest::newRow("job-event seq as text")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("seq"), QStringLiteral("12"));
    QTest::newRow("job-event seq as double")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("seq"), 12.0);
    QTest::newRow("job-event seq zero") << QStringLiteral("job-event")
                                        << with(validJobEvent(), QStringLiteral("seq"), 0);
    QTest::newRow("job-event seq negative")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("seq"), -3);
    QTest::newRow("job-event id too long")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("id"), QString(65, u'j'));
    QTest::newRow("job-event state too long")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("state"), QString(65, u's'));
    QTest::newRow("job-event without id")
        << QStringLiteral("job-event") << without(validJobEvent(), QStringLiteral("id"));
    QTest::newRow("job-event id as bytes")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("id"), QByteArray("job-1"));
    QTest::newRow("job-event without state")
        << QStringLiteral("job-event") << without(validJobEvent(), QStringLiteral("state"));
    QTest::newRow("job-event state as integer")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("state"), 4);
    QTest::newRow("job-event receipt as bytes")
        << QStringLiteral("job-event") << with(validJobEvent(), QStringLiteral("receipt"), QByteArray("receipt"));
    QTest::newRow("job-event receipt without sig")
        << QStringLiteral("job-event")
        << with(validJobEvent(), QStringLiteral("receipt"), QCborMap{{QStringLiteral("doc"), QByteArray("receipt")}});
    QTest::newRow("job-cancel without id")
        << QStringLiteral("job-cancel") << without(validJobCancel(), QStringLiteral("id"));
    QTest::newRow("job-cancel id as integer")
        << QStringLiteral("job-cancel") << with(validJobCancel(), QStringLiteral("id"), 1);
}

void TestMessages::rejectsInvalid()
{
    QFETCH(QString, kind);
    QFETCH(QCborMap, map);
    const std::optional<Error> error = parseError(kind, map);
    QVERIFY(error);

    // And the error says which message and is machine-readable.
    QCOMPARE(error->code, QStringLiteral("message.invalid"));
    QVERIFY2(error->message.startsWith(kind + QLatin1Char(':')), qPrintable(error->message));
}

void TestMessages::unknownKeysIgnored_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QCborMap>("map");

    QTest::newRow("hello") << QStringLiteral("hello") << validHello();
    QTest::newRow("welcome") << QStringLiteral("welcome") << validWelcome();
    QTest::newRow("enroll") << QStringLiteral("enroll") << validEnroll();
    QTest::newRow("enrolled") << QStringLiteral("enrolled") << validEnrolled();
    QTest::newRow("report") << QStringLiteral("report") << validReport();
    QTest::newRow("ack") << QStringLiteral("ack") << validAck();
    QTest::newRow("error") << QStringLiteral("error")
                           << ErrorMessage{QStringLiteral("x.y"), QStringLiteral("z")}.toCbor();
    QTest::newRow("jobs") << QStringLiteral("jobs") << validJobs();
    QTest::newRow("job-ack") << QStringLiteral("job-ack") << validJobAck();
    QTest::newRow("job-event") << QStringLiteral("job-event") << validJobEvent();
    QTest::newRow("job-cancel") << QStringLiteral("job-cancel") << validJobCancel();
}

void TestMessages::unknownKeysIgnored()
{
    QFETCH(QString, kind);
    QFETCH(QCborMap, map);

    QVERIFY(parses(kind, map));
    map.insert(QStringLiteral("futureField"), QCborMap{{QStringLiteral("nested"), 1}});
    map.insert(QStringLiteral("x-vendor"), QByteArrayLiteral("\x01\x02"));
    map.insert(12, QStringLiteral("integer key"));
    QVERIFY(parses(kind, map));
}

void TestMessages::typeOf_data()
{
    QTest::addColumn<QCborMap>("map");
    QTest::addColumn<MessageType>("type");

    auto typed = [](const QCborValue &t) {
        QCborMap map;
        map.insert(QStringLiteral("t"), t);
        return map;
    };
    QTest::newRow("hello") << validHello() << MessageType::Hello;
    QTest::newRow("welcome") << validWelcome() << MessageType::Welcome;
    QTest::newRow("enroll") << validEnroll() << MessageType::Enroll;
    QTest::newRow("enrolled") << validEnrolled() << MessageType::Enrolled;
    QTest::newRow("report") << validReport() << MessageType::Report;
    QTest::newRow("ack") << validAck() << MessageType::Ack;
    QTest::newRow("resync") << Resync{}.toCbor() << MessageType::Resync;
    QTest::newRow("heartbeat") << Heartbeat{1}.toCbor() << MessageType::Heartbeat;
    QTest::newRow("error") << ErrorMessage{}.toCbor() << MessageType::Error;
    QTest::newRow("jobs") << validJobs() << MessageType::Jobs;
    QTest::newRow("job-ack") << validJobAck() << MessageType::JobAck;
    QTest::newRow("job-event") << validJobEvent() << MessageType::JobEvent;
    QTest::newRow("job-cancel") << validJobCancel() << MessageType::JobCancel;
    QTest::newRow("job_ack spelt otherwise") << typed(QStringLiteral("job_ack")) << MessageType::Unknown;
    QTest::newRow("unknown name") << typed(QStringLiteral("bogus")) << MessageType::Unknown;
    QTest::newRow("wrong case") << typed(QStringLiteral("Hello")) << MessageType::Unknown;
    QTest::newRow("t as integer") << typed(1) << MessageType::Unknown;
    QTest::newRow("t as bytes") << typed(QByteArrayLiteral("hello")) << MessageType::Unknown;
    QTest::newRow("no t") << QCborMap{{QStringLiteral("v"), 1}} << MessageType::Unknown;
    QTest::newRow("empty") << QCborMap() << MessageType::Unknown;
}

void TestMessages::typeOf()
{
    QFETCH(QCborMap, map);
    QFETCH(MessageType, type);
    QCOMPARE(protocol::typeOf(map), type);
}

void TestMessages::sectionHash_data()
{
    QTest::addColumn<QCborValue>("a");
    QTest::addColumn<QCborValue>("b");
    QTest::addColumn<bool>("same");

    const QCborMap os = sampleSections().value(QStringLiteral("os")).toMap();
    QCborMap osCopy;
    for (auto it = os.constBegin(); it != os.constEnd(); ++it) {
        osCopy.insert(it.key(), it.value());
    }
    QCborMap osChanged = os;
    osChanged.insert(QStringLiteral("hostname"), QStringLiteral("ws-018"));
    QCborMap osExtraKey = os;
    osExtraKey.insert(QStringLiteral("kernel"), QStringLiteral("6.1.0"));

    QTest::newRow("equal maps built separately") << QCborValue(os) << QCborValue(osCopy) << true;
    QTest::newRow("after a wire round trip") << QCborValue(os) << QCborValue::fromCbor(QCborValue(os).toCbor()) << true;
    QTest::newRow("changed value") << QCborValue(os) << QCborValue(osChanged) << false;
    QTest::newRow("extra key") << QCborValue(os) << QCborValue(osExtraKey) << false;
    QTest::newRow("arrays in different order") << QCborValue(QCborArray{1, 2}) << QCborValue(QCborArray{2, 1}) << false;
    QTest::newRow("integer vs text") << QCborValue(1) << QCborValue(QStringLiteral("1")) << false;
    QTest::newRow("empty array vs empty map") << QCborValue(QCborArray()) << QCborValue(QCborMap()) << false;
    QTest::newRow("true vs false") << QCborValue(true) << QCborValue(false) << false;
}

void TestMessages::sectionHash()
{
    QFETCH(QCborValue, a);
    QFETCH(QCborValue, b);
    QFETCH(bool, same);

    const QByteArray hashA = Report::sectionHash(a);
    QCOMPARE(hashA.size(), 16);
    QCOMPARE(Report::sectionHash(a), hashA); // stable across calls
    QCOMPARE(Report::sectionHash(b) == hashA, same);
}

void TestMessages::sectionHashIsTruncatedSha256OfCbor()
{
    const QCborValue section(QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")}});
    QCOMPARE(Report::sectionHash(section),
             QCryptographicHash::hash(section.toCbor(), QCryptographicHash::Sha256).left(16));
    // A fixed vector, so the agent and server can never drift apart silently:
    // {"manager": "apt"} encodes as a1 67 6d616e61676572 63 617074.
    QCOMPARE(section.toCbor().toHex(), QByteArrayLiteral("a1676d616e6167657263617074"));
    QCOMPARE(Report::sectionHash(section).toHex(), QByteArrayLiteral("75aa3f167a0c4ac8cee3442ec659f804"));
}

void TestMessages::heartbeatFrameIsSmall()
{
    // Sent every few minutes by every agent over metered links: 21 bytes of CBOR, 25 framed
    // (the figure docs/benchmarks.md and tests/bench/footprint.sh quote).
    const QByteArray frame = FrameCodec::encode(Heartbeat{1795000000}.toCbor());
    QCOMPARE(frame.size(), 25);
}

QTEST_GUILESS_MAIN(TestMessages)
#include "TestMessages.moc"
