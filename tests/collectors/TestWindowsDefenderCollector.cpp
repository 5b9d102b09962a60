// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ResultDescription.h"
#include "clamav/AntivirusProduct.h"
#include "windows/defender/PowerShell.h"
#include "windows/defender/WindowsDefenderCollector.h"

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(COLLECTORS_FIXTURES_DIR "/windows-defender/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestWindowsDefenderCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parseTime_data();
    void parseTime();
    void parseObjects_data();
    void parseObjects();
    void workstationOnWindowsPowerShell();
    void serverOnPowerShell7();
    void passiveModeIsNotRealTimeProtection();
    void serviceOff();
    void notInstalled();
    void missingFieldsAreNullOrFalse();
    void badOutput_data();
    void badOutput();
    void collectorRunsPowerShell();
};

void TestWindowsDefenderCollector::initTestCase()
{
    // Times without an offset are the machine's local time.
    qputenv("TZ", "UTC");
}

void TestWindowsDefenderCollector::parseTime_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<qint64>("expected"); // -1: none

    QTest::newRow("ms date") << QJsonValue(QStringLiteral("/Date(1700206320000)/")) << Q_INT64_C(1700206320);
    QTest::newRow("ms date with offset") << QJsonValue(QStringLiteral("/Date(1700206320000+0100)/"))
                                         << Q_INT64_C(1700206320);
    QTest::newRow("ms date, fraction of a second")
        << QJsonValue(QStringLiteral("/Date(1700206320999)/")) << Q_INT64_C(1700206320);
    QTest::newRow("wrapped ms date") << QJsonValue(
        QJsonObject{{QStringLiteral("value"), QStringLiteral("/Date(1700206320000)/")},
                    {QStringLiteral("DisplayHint"), 2}})
                                     << Q_INT64_C(1700206320);
    QTest::newRow("iso utc") << QJsonValue(QStringLiteral("2023-11-17T07:32:00Z")) << Q_INT64_C(1700206320);
    QTest::newRow("iso offset, 7 digits")
        << QJsonValue(QStringLiteral("2023-11-17T08:32:00.1234567+01:00")) << Q_INT64_C(1700206320);
    QTest::newRow("iso local") << QJsonValue(QStringLiteral("2023-11-17T07:32:00")) << Q_INT64_C(1700206320);
    QTest::newRow("dmtf") << QJsonValue(QStringLiteral("20231117083200.000000+060")) << Q_INT64_C(1700206320);
    QTest::newRow("rfc 1123") << QJsonValue(QStringLiteral("Fri, 17 Nov 2023 07:32:00 GMT")) << Q_INT64_C(1700206320);
    QTest::newRow("rfc 2822 offset") << QJsonValue(QStringLiteral("Fri, 17 Nov 2023 08:32:00 +0100"))
                                     << Q_INT64_C(1700206320);
    QTest::newRow("DateTime.MinValue") << QJsonValue(QStringLiteral("/Date(-62135596800000)/")) << Q_INT64_C(-1);
    QTest::newRow("FILETIME zero") << QJsonValue(QStringLiteral("1601-01-01T00:00:00Z")) << Q_INT64_C(-1);
    QTest::newRow("epoch zero") << QJsonValue(QStringLiteral("/Date(0)/")) << Q_INT64_C(-1);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << Q_INT64_C(-1);
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << Q_INT64_C(-1);
    QTest::newRow("empty") << QJsonValue(QString()) << Q_INT64_C(-1);
    QTest::newRow("number") << QJsonValue(1700206320) << Q_INT64_C(-1);
    QTest::newRow("garbage") << QJsonValue(QStringLiteral("yesterday")) << Q_INT64_C(-1);
    QTest::newRow("bad ms date") << QJsonValue(QStringLiteral("/Date(abc)/")) << Q_INT64_C(-1);
    QTest::newRow("bad dmtf") << QJsonValue(QStringLiteral("20231317083200.000000+060")) << Q_INT64_C(-1);
    QTest::newRow("wrapped null") << QJsonValue(QJsonObject{{QStringLiteral("value"), QJsonValue::Null}})
                                  << Q_INT64_C(-1);
}

void TestWindowsDefenderCollector::parseTime()
{
    QFETCH(QJsonValue, value);
    QFETCH(qint64, expected);
    QCOMPARE(PowerShell::parseTime(value).value_or(-1), expected);
}

void TestWindowsDefenderCollector::parseObjects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count"); // -1: error

    QTest::newRow("object") << QByteArray(R"({"a":1})") << 1;
    QTest::newRow("array of two") << QByteArray(R"([{"a":1},{"a":2}])") << 2;
    QTest::newRow("empty array") << QByteArray("[]\r\n") << 0;
    QTest::newRow("bom") << QByteArray("\xef\xbb\xbf[{\"a\":1}]") << 1;
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("whitespace") << QByteArray(" \r\n") << -1;
    QTest::newRow("scalar") << QByteArray("true") << -1;
    QTest::newRow("array of scalars") << QByteArray("[1,2]") << -1;
    QTest::newRow("truncated") << QByteArray(R"([{"a":1},{"a")") << -1;
    QTest::newRow("error text") << QByteArray("Get-CimInstance : Access denied") << -1;
}

void TestWindowsDefenderCollector::parseObjects()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    const auto objects = PowerShell::parseObjects(json, QStringLiteral("tool"));
    if (count < 0) {
        QVERIFY(!objects.ok());
        QCOMPARE(objects.error().code, QStringLiteral("tool.unparseable"));
        return;
    }
    QVERIFY2(objects.ok(), describe(objects).constData());
    QCOMPARE(objects.value().size(), count);
}

void TestWindowsDefenderCollector::workstationOnWindowsPowerShell()
{
    const auto products = WindowsDefenderCollector::parseStatus(fixture(QStringLiteral("workstation-ps51.json")));
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 1);
    const QCborMap defender = products.value().at(0).toCbor();
    const QCborMap expected{
        {QStringLiteral("name"), QStringLiteral("Microsoft Defender Antivirus")},
        {QStringLiteral("engineVersion"), QStringLiteral("1.1.23100.2009")},
        {QStringLiteral("definitionsVersion"), QStringLiteral("1.401.1166.0")},
        {QStringLiteral("definitionsTime"), Q_INT64_C(1700206320)},
        {QStringLiteral("realTimeProtection"), true},
        {QStringLiteral("serviceRunning"), true},
        {QStringLiteral("lastScan"), Q_INT64_C(1700210000)}, // the newer of quick and full
        {QStringLiteral("databases"), QCborArray()},
        {QStringLiteral("productVersion"), QStringLiteral("4.18.23100.2009")},
        {QStringLiteral("antivirusEnabled"), true},
        {QStringLiteral("runningMode"), QStringLiteral("Normal")},
        {QStringLiteral("tamperProtected"), true},
        {QStringLiteral("lastQuickScan"), Q_INT64_C(1700210000)},
        {QStringLiteral("lastFullScan"), Q_INT64_C(1699000000)},
    };
    QCOMPARE(defender, expected);
}

void TestWindowsDefenderCollector::serverOnPowerShell7()
{
    const auto products = WindowsDefenderCollector::parseStatus(fixture(QStringLiteral("server-ps7.json")));
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 1);
    const AntivirusProduct &defender = products.value().at(0);
    QCOMPARE(defender.definitionsTime, std::optional<qint64>(1701832365)); // 2023-12-06T04:12:45+01:00
    QCOMPARE(defender.definitionsVersion, std::optional<QString>(QStringLiteral("1.403.1234.0")));
    QCOMPARE(defender.engineVersion, std::optional<QString>(QStringLiteral("1.1.23110.2")));
    QVERIFY(!defender.realTimeProtection);
    QVERIFY(defender.serviceRunning);
    QCOMPARE(defender.lastScan, std::optional<qint64>(1701815402));
    QVERIFY(defender.extras.value(QStringLiteral("lastFullScan")).isNull());
    QCOMPARE(defender.extras.value(QStringLiteral("tamperProtected")), QCborValue(false));
}

void TestWindowsDefenderCollector::passiveModeIsNotRealTimeProtection()
{
    const auto products = WindowsDefenderCollector::parseStatus(fixture(QStringLiteral("passive-mode.json")));
    QVERIFY2(products.ok(), describe(products).constData());
    const AntivirusProduct &defender = products.value().at(0);
    QVERIFY(!defender.realTimeProtection);
    QVERIFY(defender.serviceRunning);
    QCOMPARE(defender.extras.value(QStringLiteral("runningMode")).toString(), QStringLiteral("Passive Mode"));
    QCOMPARE(defender.definitionsTime, std::optional<qint64>(1700206320));
    QVERIFY(!defender.lastScan.has_value());
}

void TestWindowsDefenderCollector::serviceOff()
{
    const auto products = WindowsDefenderCollector::parseStatus(fixture(QStringLiteral("service-off.json")));
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 1);
    const QCborMap defender = products.value().at(0).toCbor();
    QCOMPARE(defender.value(QStringLiteral("serviceRunning")), QCborValue(false));
    QCOMPARE(defender.value(QStringLiteral("realTimeProtection")), QCborValue(false));
    QVERIFY(defender.value(QStringLiteral("definitionsVersion")).isNull());
    QVERIFY(defender.value(QStringLiteral("definitionsTime")).isNull());
    QVERIFY(defender.value(QStringLiteral("engineVersion")).isNull());
    QVERIFY(defender.value(QStringLiteral("tamperProtected")).isNull());
}

void TestWindowsDefenderCollector::notInstalled()
{
    const auto products = WindowsDefenderCollector::parseStatus("[]");
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 0);
}

void TestWindowsDefenderCollector::missingFieldsAreNullOrFalse()
{
    // Booleans as strings are not guessed at; they read as "not confirmed".
    const auto products = WindowsDefenderCollector::parseStatus(
        R"({"AMEngineVersion":"1.1.23100.2009","RealTimeProtectionEnabled":"True","AntivirusEnabled":true})");
    QVERIFY2(products.ok(), describe(products).constData());
    const AntivirusProduct &defender = products.value().at(0);
    QCOMPARE(defender.engineVersion, std::optional<QString>(QStringLiteral("1.1.23100.2009")));
    QVERIFY(!defender.definitionsVersion.has_value());
    QVERIFY(!defender.definitionsTime.has_value());
    QVERIFY(!defender.realTimeProtection);
    QVERIFY(!defender.serviceRunning);
    QVERIFY(defender.extras.value(QStringLiteral("productVersion")).isNull());
    QCOMPARE(defender.extras.value(QStringLiteral("antivirusEnabled")), QCborValue(true));
}

void TestWindowsDefenderCollector::badOutput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("Get-CimInstance : Invalid class");
    QTest::newRow("truncated") << fixture(QStringLiteral("workstation-ps51.json")).left(120);
    QTest::newRow("string") << QByteArray(R"("Normal")");
    QTest::newRow("array of arrays") << QByteArray("[[]]");
}

void TestWindowsDefenderCollector::badOutput()
{
    QFETCH(QByteArray, json);
    const auto products = WindowsDefenderCollector::parseStatus(json);
    QVERIFY(!products.ok());
    QCOMPARE(products.error().code, QStringLiteral("windows-defender.unparseable"));
}

void TestWindowsDefenderCollector::collectorRunsPowerShell()
{
    QVERIFY(!WindowsDefenderCollector::script().contains(QLatin1Char('"')));
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::succeeding(fixture(QStringLiteral("workstation-ps51.json"))));
    WindowsDefenderCollector collector;
    const auto section = collector.collect(CollectContext{QStringLiteral("/nonexistent"), &runner});
    QVERIFY2(section.ok(), describe(section).constData());
    QCOMPARE(section.value().toMap().value(QStringLiteral("products")).toArray().size(), 1);
    QCOMPARE(runner.calls().size(), 1);
    const QString command = runner.calls().at(0).args.constLast();
    QVERIFY(command.contains(
        QLatin1String("Get-CimInstance -Namespace root/Microsoft/Windows/Defender -ClassName MSFT_MpComputerStatus")));
    QVERIFY(!command.contains(QLatin1Char('\n')));
    QCOMPARE(runner.calls().at(0).timeout, std::chrono::milliseconds(60000));

    FakeCommandRunner failing;
    failing.setResult(QStringLiteral("powershell.exe"),
                      FakeCommandRunner::failing(1,
                                                 "Get-CimInstance : Access denied \r\n+ FullyQualifiedErrorId : "
                                                 "HRESULT 0x80041003\r\n"));
    const auto denied = collector.collectProducts(CollectContext{QStringLiteral("/nonexistent"), &failing});
    QVERIFY(!denied.ok());
    QCOMPARE(denied.error().code, QStringLiteral("windows-defender.failed"));
    QVERIFY(denied.error().message.contains(QLatin1String("0x80041003")));

    FakeCommandRunner hanging;
    hanging.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::timingOut());
    const auto timedOut = collector.collectProducts(CollectContext{QStringLiteral("/nonexistent"), &hanging});
    QVERIFY(!timedOut.ok());
    QCOMPARE(timedOut.error().code, QStringLiteral("windows-defender.timeout"));
}

QTEST_GUILESS_MAIN(TestWindowsDefenderCollector)
#include "TestWindowsDefenderCollector.moc"
