// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodec.h"
#include "Messages.h"

#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>
#include <QTest>

#include <functional>

using namespace steward;
using namespace steward::protocol;

Q_DECLARE_METATYPE(steward::protocol::MessageType)

namespace
{
// Parses `map` as the message type named by `kind`; true when accepted.
bool parses(const QString &kind, const QCborMap &map)
{
    if (kind == QLatin1String("hello")) {
        return Hello::fromCbor(map).ok();
    }
    if (kind == QLatin1String("welcome")) {
        return Welcome::fromCbor(map).ok();
    }
    if (kind == QLatin1String("enroll")) {
        return Enroll::fromCbor(map).ok();
    }
    if (kind == QLatin1String("enrolled")) {
        return Enrolled::fromCbor(map).ok();
    }
    if (kind == QLatin1String("report")) {
        return Report::fromCbor(map).ok();
    }
    if (kind == QLatin1String("ack")) {
        return Ack::fromCbor(map).ok();
    }
    if (kind == QLatin1String("error")) {
        return ErrorMessage::fromCbor(map).ok();
    }
    qFatal("unknown message kind in test table");
    return false;
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
}

void TestMessages::rejectsInvalid()
{
    QFETCH(QString, kind);
    QFETCH(QCborMap, map);
    QVERIFY(!parses(kind, map));

    // And the error says which message and is machine-readable.
    if (kind == QLatin1String("report")) {
        Result<Report> parsed = Report::fromCbor(map);
        QCOMPARE(parsed.error().code, QStringLiteral("message.invalid"));
        QVERIFY(parsed.error().message.startsWith(QLatin1String("report:")));
    }
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
