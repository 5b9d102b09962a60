// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFixtures.h"
#include "jobs/JobVerification.h"

#include <QTest>
#include <QUuid>

using namespace steward;
using namespace steward::jobs;
using namespace steward::jobs::testing;

namespace
{
const QString kPatch = QStringLiteral("patch");
const QString kLicence = QStringLiteral("licence");
const QString kDevice = QStringLiteral("device-3");
const QString kOtherDevice = QStringLiteral("device-9"); // not targeted

QStringList targets()
{
    QStringList ids;
    for (int i = 1; i <= 5; ++i) {
        ids.append(QStringLiteral("device-%1").arg(i));
    }
    return ids;
}
}

class TestJobVerification : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void checksInOrder_data();
    void checksInOrder();
    void expiresAtTheSecond();
    void retargetedJobFails();
    void jobForAnotherDeviceFails();

private:
    JobEnvelope envelope(const SigningKey &signer, const QString &kind) const;
    SignedDocument sign(const SigningKey &signer, const JobEnvelope &envelope) const;

    QDateTime m_now;
    SigningKey m_root;
    QHash<QString, SigningKey> m_keys;
    OperatorList m_operators;
};

void TestJobVerification::initTestCase()
{
    m_now = testNow();
    m_root = newKey();
    for (const char *name : {"alice", "bob", "carol", "stranger"}) {
        m_keys.insert(QLatin1String(name), newKey());
    }
    m_operators = operatorList(
        m_root,
        {operatorEntry(QStringLiteral("Alice"), m_keys.value(QStringLiteral("alice")), {kPatch}, m_now.addDays(365)),
         operatorEntry(QStringLiteral("Bob"), m_keys.value(QStringLiteral("bob")), {kLicence}, m_now.addDays(365)),
         operatorEntry(QStringLiteral("Carol"), m_keys.value(QStringLiteral("carol")), {kPatch}, m_now.addSecs(-1))},
        m_now.addDays(-1));
    // As the agent holds it: verified against the pinned root when it arrived.
    QVERIFY(verifyOperatorList(signedBy(m_root, m_operators.encode()), fingerprint(m_root.publicKey), m_now).ok());
}

JobEnvelope TestJobVerification::envelope(const SigningKey &signer, const QString &kind) const
{
    JobEnvelope job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.kind = kind;
    job.content = QCborMap{{QStringLiteral("select"), QStringLiteral("security")}};
    job.targetsRoot = merkle::root(targets());
    job.targetCount = int(targets().size());
    job.notBefore = m_now.addSecs(-3600);
    job.deadline = m_now.addDays(3);
    job.expiresAt = m_now.addDays(14);
    job.issuedAt = m_now.addSecs(-3600);
    job.signer = fingerprint(signer.publicKey);
    return job;
}

SignedDocument TestJobVerification::sign(const SigningKey &signer, const JobEnvelope &envelope) const
{
    return signedBy(signer, envelope.encode());
}

// Each row breaks one or more checks; the reason is that of the first in docs/jobs.md's order.
void TestJobVerification::checksInOrder_data()
{
    QTest::addColumn<QString>("signer"); // whose key signs, and whose fingerprint the envelope names
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("listExpired");
    QTest::addColumn<bool>("garbled"); // the bytes are not an envelope
    QTest::addColumn<bool>("badSignature"); // one bit of the signature flipped
    QTest::addColumn<bool>("untargeted"); // checked for a device outside the targets
    QTest::addColumn<bool>("expired");
    QTest::addColumn<QStringList>("allowedKinds");
    QTest::addColumn<QString>("reason");

    const QString alice = QStringLiteral("alice");
    const QStringList patchOnly{kPatch};
    // clang-format off
    QTest::newRow("accepted")                 << alice << kPatch << false << false << false << false << false << patchOnly << QString();
    QTest::newRow("accepted, second kind")    << QStringLiteral("bob") << kLicence << false << false << false << false << false
                                              << QStringList{kPatch, kLicence} << QString();
    QTest::newRow("list expired")             << alice << kPatch << true << false << false << false << false << patchOnly
                                              << QStringLiteral("operators.expired");
    QTest::newRow("list expired, all bad")    << QStringLiteral("stranger") << kPatch << true << true << true << true << true
                                              << QStringList() << QStringLiteral("operators.expired");
    QTest::newRow("malformed")                << alice << kPatch << false << true << false << false << false << patchOnly
                                              << QStringLiteral("job.malformed");
    QTest::newRow("malformed, untargeted")    << alice << kPatch << false << true << true << true << true << patchOnly
                                              << QStringLiteral("job.malformed");
    QTest::newRow("signer unknown")           << QStringLiteral("stranger") << kPatch << false << false << false << false << false
                                              << patchOnly << QStringLiteral("job.signer-unknown");
    QTest::newRow("signer unknown, all bad")  << QStringLiteral("stranger") << kPatch << false << false << true << true << true
                                              << QStringList() << QStringLiteral("job.signer-unknown");
    QTest::newRow("signer expired")           << QStringLiteral("carol") << kPatch << false << false << false << false << false
                                              << patchOnly << QStringLiteral("job.signer-expired");
    QTest::newRow("signer expired, wrong kind") << QStringLiteral("carol") << kLicence << false << false << true << true << true
                                              << patchOnly << QStringLiteral("job.signer-expired");
    QTest::newRow("signer kind")              << QStringLiteral("bob") << kPatch << false << false << false << false << false
                                              << patchOnly << QStringLiteral("job.signer-kind");
    QTest::newRow("signer kind, bad signature") << QStringLiteral("bob") << kPatch << false << false << true << true << true
                                              << patchOnly << QStringLiteral("job.signer-kind");
    QTest::newRow("signature")                << alice << kPatch << false << false << true << false << false << patchOnly
                                              << QStringLiteral("job.signature");
    QTest::newRow("signature, untargeted")    << alice << kPatch << false << false << true << true << true << QStringList()
                                              << QStringLiteral("job.signature");
    QTest::newRow("not targeted")             << alice << kPatch << false << false << false << true << false << patchOnly
                                              << QStringLiteral("job.not-targeted");
    QTest::newRow("not targeted, expired")    << alice << kPatch << false << false << false << true << true << QStringList()
                                              << QStringLiteral("job.not-targeted");
    QTest::newRow("expired")                  << alice << kPatch << false << false << false << false << true << patchOnly
                                              << QStringLiteral("job.expired");
    QTest::newRow("expired, kind not allowed") << alice << kPatch << false << false << false << false << true << QStringList{kLicence}
                                              << QStringLiteral("job.expired");
    QTest::newRow("kind not allowed")         << alice << kPatch << false << false << false << false << false
                                              << QStringList{kLicence} << QStringLiteral("job.kind-not-allowed");
    QTest::newRow("no kind allowed")          << alice << kPatch << false << false << false << false << false << QStringList()
                                              << QStringLiteral("job.kind-not-allowed");
    // clang-format on
}

void TestJobVerification::checksInOrder()
{
    QFETCH(QString, signer);
    QFETCH(QString, kind);
    QFETCH(bool, listExpired);
    QFETCH(bool, garbled);
    QFETCH(bool, badSignature);
    QFETCH(bool, untargeted);
    QFETCH(bool, expired);
    QFETCH(QStringList, allowedKinds);
    QFETCH(QString, reason);

    const SigningKey key = m_keys.value(signer);
    JobEnvelope job = envelope(key, kind);
    if (expired) {
        job.expiresAt = m_now.addSecs(-60);
    }
    SignedDocument document = sign(key, job);
    if (garbled) {
        document = signedBy(key, "\xa1\x61v\x02");
    }
    if (badSignature) {
        document.signature[5] = char(document.signature.at(5) ^ 0x01);
    }
    const QString device = untargeted ? kOtherDevice : kDevice;
    const merkle::Proof proof = *merkle::proof(targets(), kDevice);
    const QDateTime now = listExpired ? m_operators.expiresAt : m_now;

    Result<JobEnvelope> verified = verifyJob(document, proof, device, m_operators, now, allowedKinds);
    QCOMPARE(errorCode(verified), reason);
    if (reason.isEmpty()) {
        QCOMPARE(verified.value().id, job.id);
        QCOMPARE(verified.value().kind, kind);
        QCOMPARE(verified.value().content, job.content);
    }
}

void TestJobVerification::expiresAtTheSecond()
{
    const SigningKey alice = m_keys.value(QStringLiteral("alice"));
    JobEnvelope job = envelope(alice, kPatch);
    job.expiresAt = m_now;
    const SignedDocument document = sign(alice, job);
    const merkle::Proof proof = *merkle::proof(targets(), kDevice);
    QCOMPARE(errorCode(verifyJob(document, proof, kDevice, m_operators, m_now, {kPatch})),
             QStringLiteral("job.expired"));
    QVERIFY(verifyJob(document, proof, kDevice, m_operators, m_now.addSecs(-1), {kPatch}).ok());
}

void TestJobVerification::retargetedJobFails()
{
    // The server adds a device to a signed job's targets and keeps the operator's signature.
    const SigningKey alice = m_keys.value(QStringLiteral("alice"));
    const JobEnvelope job = envelope(alice, kPatch);
    const SignedDocument document = sign(alice, job);

    const QStringList widened = targets() << kOtherDevice;
    JobEnvelope retargeted = job;
    retargeted.targetsRoot = merkle::root(widened);
    retargeted.targetCount = int(widened.size());
    const SignedDocument forged{retargeted.encode(), document.signature};
    QCOMPARE(
        errorCode(verifyJob(forged, *merkle::proof(widened, kOtherDevice), kOtherDevice, m_operators, m_now, {kPatch})),
        QStringLiteral("job.signature"));
}

void TestJobVerification::jobForAnotherDeviceFails()
{
    // A job and proof delivered to device-1 verify there and nowhere else, even with device-9's
    // own leaf as the whole "proof".
    const SigningKey alice = m_keys.value(QStringLiteral("alice"));
    const SignedDocument document = sign(alice, envelope(alice, kPatch));
    const merkle::Proof proof = *merkle::proof(targets(), QStringLiteral("device-1"));
    QVERIFY(verifyJob(document, proof, QStringLiteral("device-1"), m_operators, m_now, {kPatch}).ok());
    QCOMPARE(errorCode(verifyJob(document, proof, QStringLiteral("device-2"), m_operators, m_now, {kPatch})),
             QStringLiteral("job.not-targeted"));
    QCOMPARE(errorCode(verifyJob(document, {}, kOtherDevice, m_operators, m_now, {kPatch})),
             QStringLiteral("job.not-targeted"));
}

QTEST_GUILESS_MAIN(TestJobVerification)
#include "TestJobVerification.moc"
