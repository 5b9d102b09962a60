// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFixtures.h"
#include "jobs/JobKeys.h"
#include "jobs/OperatorList.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

using namespace steward;
using namespace steward::jobs;
using namespace steward::jobs::testing;

namespace
{
// `fingerprint` with ':' between bytes, in upper case, as an admin might paste it.
QString spelledWithColons(const QString &fingerprint)
{
    QStringList pairs;
    for (qsizetype i = 0; i < fingerprint.size(); i += 2) {
        pairs.append(fingerprint.mid(i, 2).toUpper());
    }
    return pairs.join(QLatin1Char(':'));
}
}

class TestOperatorList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void encodeDecodeRoundTrips();
    void verifies();
    void wrongRootFingerprint();
    void tamperedBytesOrSignature();
    void signedByAnotherKey();
    void expired();
    void malformed_data();
    void malformed();
    void malformedIsReportedBeforeTheRoot();
    void findsOperatorsByFingerprint();
    void rollback();

private:
    QCborMap encodedMap() const;

    QDateTime m_now;
    SigningKey m_root;
    SigningKey m_alice;
    SigningKey m_bob;
    OperatorList m_list;
};

void TestOperatorList::init()
{
    m_now = testNow();
    m_root = newKey();
    m_alice = newKey();
    m_bob = newKey();
    m_list =
        operatorList(m_root,
                     {operatorEntry(QStringLiteral("Alice"), m_alice, {QStringLiteral("patch")}, m_now.addDays(365)),
                      operatorEntry(QStringLiteral("Bob"),
                                    m_bob,
                                    {QStringLiteral("patch"), QStringLiteral("licence")},
                                    m_now.addDays(90))},
                     m_now);
}

QCborMap TestOperatorList::encodedMap() const
{
    return QCborValue::fromCbor(m_list.encode()).toMap();
}

void TestOperatorList::encodeDecodeRoundTrips()
{
    const QCborMap map = encodedMap();
    QCOMPARE(map.value(QLatin1String("v")).toInteger(), 1);
    QCOMPARE(map.value(QLatin1String("expiresAt")).toInteger(), m_now.addDays(30).toSecsSinceEpoch());
    QCOMPARE(map.value(QLatin1String("operators")).toArray().size(), 2);

    Result<OperatorList> decoded = OperatorList::decode(m_list.encode());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    const OperatorList &list = decoded.value();
    QCOMPARE(list.version, 1);
    QCOMPARE(list.issuedAt, m_now);
    QCOMPARE(list.expiresAt, m_now.addDays(30));
    QCOMPARE(list.rootPublicKey, m_root.publicKey);
    QCOMPARE(list.operators.size(), 2);
    QCOMPARE(list.operators.at(1).name, QStringLiteral("Bob"));
    QCOMPARE(list.operators.at(1).publicKey, m_bob.publicKey);
    QCOMPARE(list.operators.at(1).kinds, (QStringList{QStringLiteral("patch"), QStringLiteral("licence")}));
    QCOMPARE(list.operators.at(1).notAfter, m_now.addDays(90));
    QCOMPARE(list.encode(), m_list.encode());

    OperatorList empty = operatorList(m_root, {}, m_now);
    QVERIFY(OperatorList::decode(empty.encode()).ok());
}

void TestOperatorList::verifies()
{
    const SignedDocument document = signedBy(m_root, m_list.encode());
    const QString pinned = fingerprint(m_root.publicKey);
    Result<OperatorList> verified = verifyOperatorList(document, pinned, m_now);
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message));
    QCOMPARE(verified.value().operators.size(), 2);
    // The pinned fingerprint may be pasted in upper case with ':' separators.
    QVERIFY(verifyOperatorList(document, spelledWithColons(pinned), m_now).ok());
    QVERIFY(verifyOperatorList(document, pinned.toUpper(), m_now.addDays(30).addSecs(-1)).ok());
}

void TestOperatorList::wrongRootFingerprint()
{
    const SignedDocument document = signedBy(m_root, m_list.encode());
    QCOMPARE(errorCode(verifyOperatorList(document, fingerprint(m_alice.publicKey), m_now)),
             QStringLiteral("operators.root-mismatch"));
    QCOMPARE(errorCode(verifyOperatorList(document, QString(), m_now)), QStringLiteral("operators.root-mismatch"));
    QCOMPARE(errorCode(verifyOperatorList(document, QStringLiteral("not hex"), m_now)),
             QStringLiteral("operators.root-mismatch"));
    QCOMPARE(errorCode(verifyOperatorList(document, fingerprint(m_root.publicKey).left(63), m_now)),
             QStringLiteral("operators.root-mismatch"));

    // A list made by another root, however well signed, is not this site's.
    const SigningKey otherRoot = newKey();
    const SignedDocument other = signedBy(otherRoot, operatorList(otherRoot, {}, m_now).encode());
    QCOMPARE(errorCode(verifyOperatorList(other, fingerprint(m_root.publicKey), m_now)),
             QStringLiteral("operators.root-mismatch"));
}

void TestOperatorList::tamperedBytesOrSignature()
{
    const QString pinned = fingerprint(m_root.publicKey);
    const SignedDocument document = signedBy(m_root, m_list.encode());

    // The server widens Bob's kinds and keeps the root's signature.
    OperatorList widened = m_list;
    widened.operators[1].kinds.append(QStringLiteral("script"));
    QCOMPARE(errorCode(verifyOperatorList(SignedDocument{widened.encode(), document.signature}, pinned, m_now)),
             QStringLiteral("operators.signature"));

    // One byte of a name changed: still decodes, no longer verifies.
    QByteArray bytes = document.bytes;
    const qsizetype at = bytes.indexOf("Alice");
    QVERIFY(at > 0);
    bytes[at] = 'M';
    QVERIFY(OperatorList::decode(bytes).ok());
    QCOMPARE(errorCode(verifyOperatorList(SignedDocument{bytes, document.signature}, pinned, m_now)),
             QStringLiteral("operators.signature"));

    QByteArray signature = document.signature;
    signature[10] = char(signature.at(10) ^ 0x40);
    QCOMPARE(errorCode(verifyOperatorList(SignedDocument{document.bytes, signature}, pinned, m_now)),
             QStringLiteral("operators.signature"));
    QCOMPARE(errorCode(verifyOperatorList(SignedDocument{document.bytes, {}}, pinned, m_now)),
             QStringLiteral("operators.signature"));
}

void TestOperatorList::signedByAnotherKey()
{
    // Alice signs a list naming the site's root: the root did not sign it.
    const SignedDocument document = signedBy(m_alice, m_list.encode());
    QCOMPARE(errorCode(verifyOperatorList(document, fingerprint(m_root.publicKey), m_now)),
             QStringLiteral("operators.signature"));
}

void TestOperatorList::expired()
{
    const SignedDocument document = signedBy(m_root, m_list.encode());
    const QString pinned = fingerprint(m_root.publicKey);
    QCOMPARE(errorCode(verifyOperatorList(document, pinned, m_list.expiresAt)), QStringLiteral("operators.expired"));
    QCOMPARE(errorCode(verifyOperatorList(document, pinned, m_list.expiresAt.addYears(1))),
             QStringLiteral("operators.expired"));
}

void TestOperatorList::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray encoded = m_list.encode();
    const QCborMap map = encodedMap();
    const QByteArray alice = QCborValue(map.value(QLatin1String("operators")).toArray().at(0)).toCbor();
    auto with = [&encoded](const char *key, const QCborValue &value) {
        return withField(encoded, key, value);
    };
    // The list with Alice's entry changed and Bob's left out.
    auto withAlice = [&encoded, &alice](const char *key, const QCborValue &value) {
        return withField(encoded, "operators", QCborArray{QCborValue::fromCbor(withField(alice, key, value))});
    };
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("not cbor at all");
    QTest::newRow("array") << QCborValue(QCborArray{1, 2}).toCbor();
    QTest::newRow("truncated") << m_list.encode().chopped(1);
    QTest::newRow("trailing byte") << m_list.encode() + '\0';
    QTest::newRow("format 2") << with("v", 2);
    QTest::newRow("no expiry") << with("expiresAt", QCborValue());
    QTest::newRow("surplus key") << with("comment", QStringLiteral("hi"));
    QTest::newRow("version as text") << with("version", QStringLiteral("1"));
    QTest::newRow("negative version") << with("version", -1);
    QTest::newRow("version beyond int") << with("version", qint64(1) << 40);
    QTest::newRow("expiry as text") << with("expiresAt", QStringLiteral("2030-01-01T00:00:00Z"));
    QTest::newRow("expiry as CBOR date") << with("expiresAt", QCborValue(m_now));
    QTest::newRow("expiry as double") << with("expiresAt", 1.5e9);
    QTest::newRow("31-byte root") << with("rootPublicKey", QByteArray(31, 'r'));
    QTest::newRow("operators a map") << with("operators", QCborMap());
    QTest::newRow("1001 operators") << with("operators", QCborArray::fromVariantList(QVariantList(1001, 1)));
    QTest::newRow("operator not a map") << with("operators", QCborArray{1});
    QTest::newRow("operator without name") << withAlice("name", QCborValue());
    QTest::newRow("empty name") << withAlice("name", QString());
    QTest::newRow("33-byte key") << withAlice("publicKey", QByteArray(33, 'k'));
    QTest::newRow("kinds a string") << withAlice("kinds", QStringLiteral("patch"));
    QTest::newRow("kind an integer") << withAlice("kinds", QCborArray{1});
    QTest::newRow("empty kind") << withAlice("kinds", QCborArray{QString()});
    QTest::newRow("65 kinds") << withAlice("kinds", QCborArray::fromStringList(QStringList(65, QStringLiteral("k"))));
    QTest::newRow("notAfter as text") << withAlice("notAfter", QStringLiteral("never"));
    QTest::newRow("operator surplus key") << withAlice("admin", true);
    QTest::newRow("root as operator") << withAlice("publicKey", m_root.publicKey);

    const QCborValue aliceEntry = QCborValue::fromCbor(alice);
    QTest::newRow("one key twice") << with("operators", QCborArray{aliceEntry, aliceEntry});
}

void TestOperatorList::malformed()
{
    QFETCH(QByteArray, bytes);
    QCOMPARE(errorCode(OperatorList::decode(bytes)), QStringLiteral("operators.malformed"));
    QCOMPARE(errorCode(verifyOperatorList(signedBy(m_root, bytes.isEmpty() ? QByteArray(" ") : bytes),
                                          fingerprint(m_root.publicKey),
                                          m_now)),
             QStringLiteral("operators.malformed"));
}

void TestOperatorList::malformedIsReportedBeforeTheRoot()
{
    // Bytes that do not decode have no root to compare: malformed, whatever the signature.
    QCOMPARE(errorCode(verifyOperatorList(SignedDocument{"junk", QByteArray(64, 's')}, QStringLiteral("00"), m_now)),
             QStringLiteral("operators.malformed"));
}

void TestOperatorList::findsOperatorsByFingerprint()
{
    const QString bob = fingerprint(m_bob.publicKey);
    QVERIFY(m_list.find(bob));
    QCOMPARE(m_list.find(bob)->name, QStringLiteral("Bob"));
    QCOMPARE(m_list.find(spelledWithColons(bob)), m_list.find(bob));
    QCOMPARE(m_list.find(fingerprint(m_alice.publicKey))->name, QStringLiteral("Alice"));
    QVERIFY(!m_list.find(fingerprint(m_root.publicKey)));
    QVERIFY(!m_list.find(fingerprint(newKey().publicKey)));
    QVERIFY(!m_list.find(QString()));
    QVERIFY(!m_list.find(bob.left(62)));
}

void TestOperatorList::rollback()
{
    OperatorList list = m_list;
    list.version = 7;
    QVERIFY(checkNotOlder(list, 6).ok());
    QVERIFY(checkNotOlder(list, 7).ok());
    QCOMPARE(errorCode(checkNotOlder(list, 8)), QStringLiteral("operators.rollback"));
}

QTEST_GUILESS_MAIN(TestOperatorList)
#include "TestOperatorList.moc"
