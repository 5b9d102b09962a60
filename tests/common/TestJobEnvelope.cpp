// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFixtures.h"
#include "jobs/JobEnvelope.h"
#include "jobs/Merkle.h"

#include <QCborArray>
#include <QTest>
#include <QUuid>

using namespace steward;
using namespace steward::jobs;
using namespace steward::jobs::testing;

namespace
{
JobEnvelope patchJob(const QDateTime &now)
{
    JobEnvelope job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.kind = QStringLiteral("patch");
    job.content = QCborMap{{QStringLiteral("select"), QStringLiteral("packages")},
                           {QStringLiteral("packages"),
                            QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                                {QStringLiteral("version"), QString()}}}}};
    job.targetsRoot = merkle::root({QStringLiteral("device-1"), QStringLiteral("device-2")});
    job.targetCount = 2;
    job.notBefore = now;
    job.deadline = now.addDays(4);
    job.expiresAt = now.addDays(14);
    job.issuedAt = now.addSecs(-60);
    job.signer = fingerprint(newKey().publicKey);
    job.options = QCborMap{{QStringLiteral("reboot"), QStringLiteral("if-required")},
                           {QStringLiteral("maxRuntimeSeconds"), 3600}};
    return job;
}
}

class TestJobEnvelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeDecodeRoundTrips();
    void noDeadlineTravelsAsZero();
    void malformed_data();
    void malformed();
};

void TestJobEnvelope::encodeDecodeRoundTrips()
{
    const QDateTime now = testNow();
    const JobEnvelope job = patchJob(now);
    const QCborMap map = QCborValue::fromCbor(job.encode()).toMap();
    QCOMPARE(map.size(), 12);
    QCOMPARE(map.value(QLatin1String("v")).toInteger(), 1);
    QCOMPARE(map.value(QLatin1String("deadline")).toInteger(), now.addDays(4).toSecsSinceEpoch());

    Result<JobEnvelope> decoded = JobEnvelope::decode(job.encode());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    const JobEnvelope &read = decoded.value();
    QCOMPARE(read.id, job.id);
    QCOMPARE(read.kind, job.kind);
    QCOMPARE(read.content, job.content);
    QCOMPARE(read.targetsRoot, job.targetsRoot);
    QCOMPARE(read.targetCount, 2);
    QCOMPARE(read.notBefore, job.notBefore);
    QCOMPARE(read.deadline, job.deadline);
    QCOMPARE(read.expiresAt, job.expiresAt);
    QCOMPARE(read.issuedAt, job.issuedAt);
    QCOMPARE(read.expiresAt.timeSpec(), Qt::UTC);
    QCOMPARE(read.signer, job.signer);
    QCOMPARE(read.options, job.options);
    QCOMPARE(read.encode(), job.encode());
}

void TestJobEnvelope::noDeadlineTravelsAsZero()
{
    JobEnvelope job = patchJob(testNow());
    job.deadline = QDateTime();
    const QCborMap map = QCborValue::fromCbor(job.encode()).toMap();
    QCOMPARE(map.value(QLatin1String("deadline")).toInteger(), 0);
    Result<JobEnvelope> decoded = JobEnvelope::decode(job.encode());
    QVERIFY(decoded.ok());
    QVERIFY(!decoded.value().deadline.isValid());
    QCOMPARE(decoded.value().encode(), job.encode());
}

void TestJobEnvelope::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const JobEnvelope job = patchJob(testNow());
    const QByteArray encoded = job.encode();
    auto with = [&encoded](const char *key, const QCborValue &value) {
        return withField(encoded, key, value);
    };
    const QUuid id = QUuid::fromString(job.id);

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("\xff\xff\xff");
    QTest::newRow("trailing bytes") << job.encode() + job.encode();
    QTest::newRow("too large") << QByteArray(1024 * 1024 + 1, '\0');
    QTest::newRow("format 2") << with("v", 2);
    QTest::newRow("no v") << with("v", QCborValue());
    QTest::newRow("no signer") << with("signer", QCborValue());
    QTest::newRow("surplus key") << with("targets", QCborArray{QStringLiteral("device-3")});
    QTest::newRow("id not a UUID") << with("id", QStringLiteral("job-1"));
    QTest::newRow("id with braces") << with("id", id.toString());
    QTest::newRow("id in upper case") << with("id", job.id.toUpper());
    QTest::newRow("id as bytes") << with("id", id.toRfc4122());
    QTest::newRow("id as CBOR UUID") << with("id", QCborValue(id));
    QTest::newRow("empty kind") << with("kind", QString());
    QTest::newRow("long kind") << with("kind", QString(65, QLatin1Char('k')));
    QTest::newRow("content an array") << with("content", QCborArray());
    QTest::newRow("options null") << with("options", QCborValue(nullptr));
    QTest::newRow("31-byte root") << with("targetsRoot", job.targetsRoot.left(31));
    QTest::newRow("root as text") << with("targetsRoot", QString::fromLatin1(job.targetsRoot.toHex()));
    QTest::newRow("no targets") << with("targetCount", 0);
    QTest::newRow("count beyond int") << with("targetCount", qint64(1) << 32);
    QTest::newRow("negative time") << with("notBefore", -1);
    QTest::newRow("time after 9999") << with("deadline", qint64(253402300800));
    QTest::newRow("time as text") << with("expiresAt", QStringLiteral("2030-01-01T00:00:00Z"));
    QTest::newRow("time as double") << with("issuedAt", 1.7e9);
    QTest::newRow("signer in upper case") << with("signer", job.signer.toUpper());
    QTest::newRow("signer with colons") << with("signer",
                                                QString(job.signer.left(2) + QLatin1Char(':') + job.signer.mid(2, 61)));
    QTest::newRow("signer short") << with("signer", job.signer.left(63));
    QTest::newRow("signer not hex") << with("signer", QString(64, QLatin1Char('g')));
}

void TestJobEnvelope::malformed()
{
    QFETCH(QByteArray, bytes);
    QCOMPARE(errorCode(JobEnvelope::decode(bytes)), QStringLiteral("job.malformed"));
}

QTEST_GUILESS_MAIN(TestJobEnvelope)
#include "TestJobEnvelope.moc"
