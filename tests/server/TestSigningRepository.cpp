// SPDX-License-Identifier: GPL-3.0-or-later
// Operator lists in the store: versions only grow, and every list comes from the first one's root.
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "store/SigningRepository.h"

#include <QTest>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

namespace
{
const QString kRoot(64, QLatin1Char('a'));
const QString kOtherRoot(64, QLatin1Char('b'));

OperatorListRecord list(qint64 version, const QString &root = kRoot)
{
    return OperatorListRecord{version,
                              QByteArray("operator list ") + QByteArray::number(version),
                              QByteArray(64, '\x11'),
                              root,
                              QStringLiteral("alice"),
                              kNow.addSecs(version)};
}
}

class TestSigningRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void nothingBeforeTheFirstUpload();
    void firstUploadRegistersTheRoot();
    void olderOrSameVersionIsRefused_data();
    void olderOrSameVersionIsRefused();
    void anotherRootIsRefused();

private:
    StoreFixture m_fixture;
    std::unique_ptr<SigningRepository> m_signing;
};

void TestSigningRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestSigningRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_signing.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_signing = std::make_unique<SigningRepository>(m_fixture.database());
}

void TestSigningRepository::nothingBeforeTheFirstUpload()
{
    const Result<std::optional<OperatorListRecord>> current = m_signing->current();
    QVERIFY_RESULT(current);
    QVERIFY(!current.value().has_value());
    QCOMPARE(m_signing->rootFingerprint().value(), QString());
}

void TestSigningRepository::firstUploadRegistersTheRoot()
{
    QVERIFY_RESULT(m_signing->store(list(3)));
    QCOMPARE(m_signing->rootFingerprint().value(), kRoot);
    QVERIFY_RESULT(m_signing->store(list(7)));

    const OperatorListRecord current = m_signing->current().value().value();
    QCOMPARE(current.version, 7);
    QCOMPARE(current.document, list(7).document);
    QCOMPARE(current.signature, list(7).signature);
    QCOMPARE(current.rootFingerprint, kRoot);
    QCOMPARE(current.uploadedBy, QStringLiteral("alice"));
    QCOMPARE(current.uploadedAt, kNow.addSecs(7));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("operator_lists")), 2);
}

void TestSigningRepository::olderOrSameVersionIsRefused_data()
{
    QTest::addColumn<qint64>("version");
    QTest::newRow("the same version") << qint64(5);
    QTest::newRow("an older version") << qint64(4);
}

void TestSigningRepository::olderOrSameVersionIsRefused()
{
    QFETCH(qint64, version);
    QVERIFY_RESULT(m_signing->store(list(5)));
    const Status refused = m_signing->store(list(version));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("signing.rollback"));
    QCOMPARE(m_signing->current().value()->version, 5);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("operator_lists")), 1);
}

void TestSigningRepository::anotherRootIsRefused()
{
    QVERIFY_RESULT(m_signing->store(list(1)));
    const Status refused = m_signing->store(list(2, kOtherRoot));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("signing.root-mismatch"));
    QCOMPARE(m_signing->rootFingerprint().value(), kRoot);
    QCOMPARE(m_signing->current().value()->version, 1);
}

QTEST_GUILESS_MAIN(TestSigningRepository)
#include "TestSigningRepository.moc"
