// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFixtures.h"
#include "jobs/Merkle.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace steward;
using namespace steward::jobs;
using steward::jobs::testing::errorCode;

namespace
{
QStringList deviceIds(int count)
{
    QStringList ids;
    for (int i = 1; i <= count; ++i) {
        ids.append(QStringLiteral("device-%1").arg(i));
    }
    return ids;
}

int ceilLog2(qsizetype n)
{
    return n <= 1 ? 0 : int(std::ceil(std::log2(double(n))));
}
}

class TestMerkle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leafHash();
    void knownRoots_data();
    void knownRoots();
    void everyMemberVerifies_data();
    void everyMemberVerifies();
    void nonMemberHasNoProof();
    void proofIsForOneDeviceOnly();
    void tamperedProofFails();
    void orderAndDuplicatesDoNotMatter();
    void emptyList();
    void proofSize();
    void malformedProofOrRootFails();
    void cborRoundTrip();
    void cborMalformed_data();
    void cborMalformed();
};

void TestMerkle::leafHash()
{
    QCOMPARE(merkle::leafHash(QStringLiteral("device-1")),
             QCryptographicHash::hash(QByteArray("\0device-1", 9), QCryptographicHash::Sha256));
    // UTF-8 of the id.
    QCOMPARE(merkle::leafHash(QStringLiteral("gerät")),
             QCryptographicHash::hash(QByteArray(QByteArray(1, '\0') + QStringLiteral("gerät").toUtf8()),
                                      QCryptographicHash::Sha256));
}

// Roots computed apart, by a few lines of Python following docs/jobs.md, over device-1..device-n.
void TestMerkle::knownRoots_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("root");
    QTest::newRow("1") << 1 << QByteArray("f2d4d3401903ba576cae6f862d7ee85166b805c088e75a55c1a49db9472c7271");
    QTest::newRow("2") << 2 << QByteArray("548ea6a1adb65d7e9b4e1ee6ff34da7f09729c2d53fd45ccf07a6bf256a03950");
    QTest::newRow("3") << 3 << QByteArray("27df5f80f75be5873bf1c5aca70b7fa7cd6dbe47f6d759c5a23a678d4c07e770");
    QTest::newRow("7") << 7 << QByteArray("c4ac0a31269ce1ecd8ad41816eb2b95f4c5543e6bcde4b17f590b2d5ff3da63f");
    QTest::newRow("1000") << 1000 << QByteArray("1d1b076b8a7fe849679acefec215de0f208a1bd6b4339ce0b7ad3292e01c77b5");
}

void TestMerkle::knownRoots()
{
    QFETCH(int, count);
    QFETCH(QByteArray, root);
    QCOMPARE(merkle::root(deviceIds(count)).toHex(), root);
    QCOMPARE(merkle::Tree(deviceIds(count)).root().toHex(), root);
    QCOMPARE(merkle::Tree(deviceIds(count)).leafCount(), count);
}

void TestMerkle::everyMemberVerifies_data()
{
    QTest::addColumn<int>("count");
    for (const int count : {1, 2, 3, 4, 5, 7, 8, 9, 1000}) {
        QTest::addRow("%d", count) << count;
    }
}

void TestMerkle::everyMemberVerifies()
{
    QFETCH(int, count);
    const QStringList ids = deviceIds(count);
    const merkle::Tree tree(ids);
    const QByteArray root = tree.root();
    QCOMPARE(root.size(), merkle::kHashBytes);
    for (const QString &id : ids) {
        const std::optional<merkle::Proof> proof = tree.proof(id);
        QVERIFY2(proof.has_value(), qPrintable(id));
        QVERIFY2(merkle::verify(id, *proof, root), qPrintable(id));
    }
    // The free function agrees with the tree.
    const std::optional<merkle::Proof> proof = merkle::proof(ids, ids.last());
    QVERIFY(proof.has_value());
    QCOMPARE(merkle::toCbor(*proof), merkle::toCbor(*tree.proof(ids.last())));
}

void TestMerkle::nonMemberHasNoProof()
{
    const QStringList ids = deviceIds(7);
    QVERIFY(!merkle::proof(ids, QStringLiteral("device-8")).has_value());
    QVERIFY(!merkle::proof(ids, QStringLiteral("Device-1")).has_value());
    QVERIFY(!merkle::proof(ids, QString()).has_value());
    // An empty proof only verifies against a root that is that device's own leaf.
    QVERIFY(!merkle::verify(QStringLiteral("device-8"), {}, merkle::root(ids)));
}

void TestMerkle::proofIsForOneDeviceOnly()
{
    const QStringList ids = deviceIds(7);
    const QByteArray root = merkle::root(ids);
    for (const QString &a : ids) {
        const merkle::Proof proof = *merkle::proof(ids, a);
        for (const QString &b : ids) {
            QCOMPARE(merkle::verify(b, proof, root), a == b);
        }
        QVERIFY(!merkle::verify(QStringLiteral("device-8"), proof, root));
    }
    // Nor does it verify against another deployment's root.
    QVERIFY(!merkle::verify(ids.first(), *merkle::proof(ids, ids.first()), merkle::root(deviceIds(8))));
}

void TestMerkle::tamperedProofFails()
{
    const QStringList ids = deviceIds(9);
    const QByteArray root = merkle::root(ids);
    const merkle::Proof proof = *merkle::proof(ids, QStringLiteral("device-5"));
    QVERIFY(proof.size() >= 3);
    for (qsizetype i = 0; i < proof.size(); ++i) {
        merkle::Proof flippedBit = proof;
        flippedBit[i].hash[7] = char(flippedBit[i].hash.at(7) ^ 0x10);
        QVERIFY(!merkle::verify(QStringLiteral("device-5"), flippedBit, root));
        merkle::Proof otherSide = proof;
        otherSide[i].siblingOnLeft = !otherSide[i].siblingOnLeft;
        QVERIFY(!merkle::verify(QStringLiteral("device-5"), otherSide, root));
        merkle::Proof shorter = proof;
        shorter.removeAt(i);
        QVERIFY(!merkle::verify(QStringLiteral("device-5"), shorter, root));
    }
    merkle::Proof longer = proof;
    longer.append(merkle::Step{false, root});
    QVERIFY(!merkle::verify(QStringLiteral("device-5"), longer, root));
    QByteArray otherRoot = root;
    otherRoot[0] = char(otherRoot.at(0) ^ 0x01);
    QVERIFY(!merkle::verify(QStringLiteral("device-5"), proof, otherRoot));
}

void TestMerkle::orderAndDuplicatesDoNotMatter()
{
    const QStringList ids = deviceIds(100);
    QStringList shuffled = ids;
    std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());
    QStringList reversed = ids;
    std::reverse(reversed.begin(), reversed.end());
    const QStringList repeated = ids + ids.mid(10, 20);

    const QByteArray root = merkle::root(ids);
    QCOMPARE(merkle::root(shuffled), root);
    QCOMPARE(merkle::root(reversed), root);
    QCOMPARE(merkle::root(repeated), root);
    QCOMPARE(merkle::Tree(repeated).leafCount(), 100);
    QVERIFY(merkle::verify(QStringLiteral("device-42"), *merkle::proof(shuffled, QStringLiteral("device-42")), root));
    QVERIFY(merkle::root(ids.mid(1)) != root);
}

void TestMerkle::emptyList()
{
    QVERIFY(merkle::root({}).isEmpty());
    QVERIFY(!merkle::proof({}, QStringLiteral("device-1")).has_value());
    QVERIFY(!merkle::verify(QStringLiteral("device-1"), {}, {}));

    // One device: the root is its leaf and its proof is empty.
    const QStringList one{QStringLiteral("device-1")};
    QCOMPARE(merkle::root(one), merkle::leafHash(one.first()));
    QVERIFY(merkle::proof(one, one.first())->isEmpty());
    QVERIFY(merkle::verify(one.first(), {}, merkle::root(one)));
}

void TestMerkle::proofSize()
{
    for (const int count : {2, 3, 7, 8, 1000, 2000}) {
        const QStringList ids = deviceIds(count);
        const merkle::Tree tree(ids);
        qsizetype longest = 0;
        for (const QString &id : ids) {
            const qsizetype size = tree.proof(id)->size();
            QVERIFY(size <= ceilLog2(count));
            longest = std::max(longest, size);
        }
        QCOMPARE(longest, ceilLog2(count));
        if ((count & (count - 1)) == 0) { // a full tree: every proof has log2(n) steps
            QCOMPARE(tree.proof(ids.first())->size(), ceilLog2(count));
        }
    }
    // docs/jobs.md: "about 11 hashes for 2,000 devices".
    QCOMPARE(merkle::proof(deviceIds(2000), QStringLiteral("device-1"))->size(), 11);
}

void TestMerkle::malformedProofOrRootFails()
{
    const QStringList ids = deviceIds(3);
    const QByteArray root = merkle::root(ids);
    merkle::Proof proof = *merkle::proof(ids, ids.first());
    QVERIFY(merkle::verify(ids.first(), proof, root));
    QVERIFY(!merkle::verify(ids.first(), proof, root.left(31)));
    QVERIFY(!merkle::verify(ids.first(), proof, root + '\0'));
    proof[0].hash.chop(1);
    QVERIFY(!merkle::verify(ids.first(), proof, root));

    merkle::Proof tooLong(merkle::kMaxProofSteps + 1, merkle::Step{false, QByteArray(32, 'x')});
    QVERIFY(!merkle::verify(ids.first(), tooLong, root));
}

void TestMerkle::cborRoundTrip()
{
    const QStringList ids = deviceIds(7);
    const merkle::Proof proof = *merkle::proof(ids, QStringLiteral("device-3"));
    const QCborArray array = merkle::toCbor(proof);
    QCOMPARE(array.size(), proof.size());
    QVERIFY(array.at(0).isArray());
    QVERIFY(array.at(0).toArray().at(0).isBool());
    QCOMPARE(array.at(0).toArray().at(1).toByteArray(), proof.first().hash);

    Result<merkle::Proof> read = merkle::fromCbor(QCborValue::fromCbor(QCborValue(array).toCbor()));
    QVERIFY(read.ok());
    QCOMPARE(read.value().size(), proof.size());
    for (qsizetype i = 0; i < proof.size(); ++i) {
        QCOMPARE(read.value().at(i).siblingOnLeft, proof.at(i).siblingOnLeft);
        QCOMPARE(read.value().at(i).hash, proof.at(i).hash);
    }
    QVERIFY(merkle::verify(QStringLiteral("device-3"), read.value(), merkle::root(ids)));
    QVERIFY(merkle::fromCbor(QCborArray()).ok());
}

void TestMerkle::cborMalformed_data()
{
    QTest::addColumn<QCborValue>("value");
    const QByteArray hash(32, 'h');
    QCborArray tooMany;
    for (qsizetype i = 0; i <= merkle::kMaxProofSteps; ++i) {
        tooMany.append(QCborArray{false, hash});
    }
    QTest::newRow("not an array") << QCborValue(QCborMap{{QStringLiteral("steps"), 1}});
    QTest::newRow("65 steps") << QCborValue(tooMany);
    QTest::newRow("step not an array") << QCborValue(QCborArray{hash});
    QTest::newRow("step of one") << QCborValue(QCborArray{QCborArray{false}});
    QTest::newRow("step of three") << QCborValue(QCborArray{QCborArray{false, hash, hash}});
    QTest::newRow("side as integer") << QCborValue(QCborArray{QCborArray{0, hash}});
    QTest::newRow("hash as text") << QCborValue(QCborArray{QCborArray{true, QString(32, QLatin1Char('h'))}});
    QTest::newRow("31-byte hash") << QCborValue(QCborArray{QCborArray{true, QByteArray(31, 'h')}});
    QTest::newRow("33-byte hash") << QCborValue(QCborArray{QCborArray{true, QByteArray(33, 'h')}});
}

void TestMerkle::cborMalformed()
{
    QFETCH(QCborValue, value);
    QCOMPARE(errorCode(merkle::fromCbor(value)), QStringLiteral("merkle.malformed"));
}

QTEST_GUILESS_MAIN(TestMerkle)
#include "TestMerkle.moc"
