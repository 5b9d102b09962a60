// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ResultDescription.h"
#include "clamav/AntivirusProduct.h"
#include "windows/securitycenter/SecurityCenterCollector.h"

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(COLLECTORS_FIXTURES_DIR "/securitycenter/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestSecurityCenterCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodeProductState_data();
    void decodeProductState();
    void thirdPartyProductsWithoutDefender();
    void singleProductObject();
    void noProductsRegistered();
    void missingOrOddFields_data();
    void missingOrOddFields();
    void badOutput_data();
    void badOutput();
    void collectorRunsPowerShell();
};

void TestSecurityCenterCollector::decodeProductState_data()
{
    QTest::addColumn<quint32>("productState");
    QTest::addColumn<int>("providers");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("upToDate");

    QTest::newRow("266240 0x041000 on, current") << 266240u << 4 << true << true;
    QTest::newRow("262144 0x040000 off, current") << 262144u << 4 << false << true;
    QTest::newRow("266256 0x041010 on, outdated") << 266256u << 4 << true << false;
    QTest::newRow("262160 0x040010 off, outdated") << 262160u << 4 << false << false;
    QTest::newRow("393472 0x060100 snoozed, current") << 393472u << 6 << false << true;
    QTest::newRow("397568 0x061100 on, current") << 397568u << 6 << true << true;
    QTest::newRow("397584 0x061110 on, outdated") << 397584u << 6 << true << false;
    QTest::newRow("401664 0x062100 off, current") << 401664u << 6 << false << true;
    QTest::newRow("393216 0x060000 off, current") << 393216u << 6 << false << true;
    QTest::newRow("397312 0x061000 on, current") << 397312u << 6 << true << true;
    QTest::newRow("331776 0x051000 on, current") << 331776u << 5 << true << true;
    QTest::newRow("zero") << 0u << 0 << false << true;
}

void TestSecurityCenterCollector::decodeProductState()
{
    QFETCH(quint32, productState);
    QFETCH(int, providers);
    QFETCH(bool, enabled);
    QFETCH(bool, upToDate);
    const SecurityCenterCollector::ProductState state = SecurityCenterCollector::decodeProductState(productState);
    QCOMPARE(state.providers, providers);
    QCOMPARE(state.enabled, enabled);
    QCOMPARE(state.upToDate, upToDate);
}

void TestSecurityCenterCollector::thirdPartyProductsWithoutDefender()
{
    const auto products = SecurityCenterCollector::parseProducts(fixture(QStringLiteral("workstation.json")));
    QVERIFY2(products.ok(), describe(products).constData());
    // "Windows Defender" (windowsdefender://) comes from MSFT_MpComputerStatus instead.
    QCOMPARE(products.value().size(), 2);

    const QCborMap expectedEset{
        {QStringLiteral("name"), QStringLiteral("ESET Security")},
        {QStringLiteral("engineVersion"), QCborValue(nullptr)},
        {QStringLiteral("definitionsVersion"), QCborValue(nullptr)},
        {QStringLiteral("definitionsTime"), QCborValue(nullptr)},
        {QStringLiteral("realTimeProtection"), true},
        {QStringLiteral("serviceRunning"), true},
        {QStringLiteral("lastScan"), QCborValue(nullptr)},
        {QStringLiteral("databases"), QCborArray()},
        {QStringLiteral("productState"), 266240},
        {QStringLiteral("definitionsUpToDate"), true},
        {QStringLiteral("stateTimestamp"), Q_INT64_C(1700210515)}, // Fri, 17 Nov 2023 08:41:55 GMT
    };
    QCOMPARE(products.value().at(0).toCbor(), expectedEset);

    const AntivirusProduct &sophos = products.value().at(1);
    QCOMPARE(sophos.name, QStringLiteral("Sophos Anti-Virus"));
    QVERIFY(sophos.realTimeProtection);
    QCOMPARE(sophos.extras.value(QStringLiteral("definitionsUpToDate")), QCborValue(false));
    QCOMPARE(sophos.extras.value(QStringLiteral("stateTimestamp")).toInteger(), Q_INT64_C(1699557296));
}

void TestSecurityCenterCollector::singleProductObject()
{
    const auto products = SecurityCenterCollector::parseProducts(fixture(QStringLiteral("single.json")));
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 1);
    QCOMPARE(products.value().at(0).name, QStringLiteral("Avast Antivirus"));
    QVERIFY(products.value().at(0).realTimeProtection);
    QCOMPARE(products.value().at(0).extras.value(QStringLiteral("productState")).toInteger(), 397584);
    QCOMPARE(products.value().at(0).extras.value(QStringLiteral("definitionsUpToDate")), QCborValue(false));
    QCOMPARE(products.value().at(0).extras.value(QStringLiteral("stateTimestamp")).toInteger(), Q_INT64_C(1701684151));
}

void TestSecurityCenterCollector::noProductsRegistered()
{
    // Also what the script prints on Windows Server (no SecurityCenter2).
    const auto products = SecurityCenterCollector::parseProducts("[]");
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 0);
}

void TestSecurityCenterCollector::missingOrOddFields_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("realTime");
    QTest::addColumn<QCborValue>("productState");
    QTest::addColumn<QCborValue>("upToDate");

    QTest::newRow("no productState") << QByteArray(R"({"displayName":"X AV"})") << false << QCborValue(nullptr)
                                     << QCborValue(nullptr);
    QTest::newRow("null productState") << QByteArray(R"({"displayName":"X AV","productState":null})") << false
                                       << QCborValue(nullptr) << QCborValue(nullptr);
    QTest::newRow("negative productState") << QByteArray(R"({"displayName":"X AV","productState":-1})") << false
                                           << QCborValue(nullptr) << QCborValue(nullptr);
    QTest::newRow("fractional productState") << QByteArray(R"({"displayName":"X AV","productState":266240.5})") << false
                                             << QCborValue(nullptr) << QCborValue(nullptr);
    QTest::newRow("productState as text") << QByteArray(R"({"displayName":"X AV","productState":"266240"})") << true
                                          << QCborValue(266240) << QCborValue(true);
    QTest::newRow("bad timestamp") << QByteArray(R"({"displayName":"X AV","productState":262160,"timestamp":"soon"})")
                                   << false << QCborValue(262160) << QCborValue(false);
}

void TestSecurityCenterCollector::missingOrOddFields()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, realTime);
    QFETCH(QCborValue, productState);
    QFETCH(QCborValue, upToDate);
    const auto products = SecurityCenterCollector::parseProducts(json);
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 1);
    const AntivirusProduct &product = products.value().at(0);
    QCOMPARE(product.name, QStringLiteral("X AV"));
    QCOMPARE(product.realTimeProtection, realTime);
    QCOMPARE(product.serviceRunning, realTime);
    QCOMPARE(product.extras.value(QStringLiteral("productState")), productState);
    QCOMPARE(product.extras.value(QStringLiteral("definitionsUpToDate")), upToDate);
    QVERIFY(product.extras.value(QStringLiteral("stateTimestamp")).isNull());
    QVERIFY(!product.definitionsTime.has_value());
}

void TestSecurityCenterCollector::badOutput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("Get-CimInstance : Invalid namespace");
    QTest::newRow("truncated") << fixture(QStringLiteral("workstation.json")).left(200);
    QTest::newRow("number") << QByteArray("266240");
    QTest::newRow("no displayName") << QByteArray(R"([{"productState":266240}])");
    QTest::newRow("empty displayName") << QByteArray(R"({"displayName":"  ","productState":266240})");
}

void TestSecurityCenterCollector::badOutput()
{
    QFETCH(QByteArray, json);
    const auto products = SecurityCenterCollector::parseProducts(json);
    QVERIFY(!products.ok());
    QCOMPARE(products.error().code, QStringLiteral("securitycenter.unparseable"));
}

void TestSecurityCenterCollector::collectorRunsPowerShell()
{
    QVERIFY(!SecurityCenterCollector::script().contains(QLatin1Char('"')));
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::succeeding(fixture(QStringLiteral("workstation.json"))));
    const auto products =
        SecurityCenterCollector().collectProducts(CollectContext{QStringLiteral("/nonexistent"), &runner});
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 2);
    QCOMPARE(runner.calls().size(), 1);
    QVERIFY(runner.calls().at(0).args.constLast().contains(
        QLatin1String("Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct")));

    FakeCommandRunner hanging;
    hanging.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::timingOut());
    const auto timedOut =
        SecurityCenterCollector().collectProducts(CollectContext{QStringLiteral("/nonexistent"), &hanging});
    QVERIFY(!timedOut.ok());
    QCOMPARE(timedOut.error().code, QStringLiteral("securitycenter.timeout"));

    FakeCommandRunner absent; // powershell.exe cannot be started
    const auto notStarted =
        SecurityCenterCollector().collectProducts(CollectContext{QStringLiteral("/nonexistent"), &absent});
    QVERIFY(!notStarted.ok());
    QCOMPARE(notStarted.error().code, QStringLiteral("securitycenter.failed"));
}

QTEST_GUILESS_MAIN(TestSecurityCenterCollector)
#include "TestSecurityCenterCollector.moc"
