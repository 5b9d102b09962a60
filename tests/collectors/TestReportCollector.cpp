// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "Collector.h"
#include "FakeCommandRunner.h"
#include "ManualClock.h"
#include "Messages.h"
#include "ProcessCommandRunner.h"
#include "ReportCollector.h"
#include "apt/AptCollector.h"
#include "clamav/AntivirusCollector.h"
#include "clamav/ClamavCollector.h"
#include "dnf/DnfCollector.h"
#include "hardware/HardwareCollector.h"
#include "mdatp/MdatpCollector.h"
#include "network/NetworkCollector.h"
#include "os/OsCollector.h"
#include "packages/PackagesCollector.h"
#include "windows/defender/WindowsDefenderCollector.h"
#include "windows/programs/WindowsProgramsCollector.h"
#include "windows/securitycenter/SecurityCenterCollector.h"
#include "windows/update/WindowsUpdateCollector.h"

#include <QCborArray>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QTest>

#include <algorithm>

using namespace steward::agent;
using steward::test::FakeCommandRunner;
using steward::test::ManualClock;

namespace
{
class StaticCollector : public Collector
{
public:
    StaticCollector(const QString &name, const QCborValue &value)
        : m_name(name)
        , m_value(value)
    {
    }
    QString name() const override
    {
        return m_name;
    }
    steward::Result<QCborValue> collect(const CollectContext &) override
    {
        return m_value;
    }

private:
    QString m_name;
    QCborValue m_value;
};

class FailingCollector : public Collector
{
public:
    explicit FailingCollector(const QString &name)
        : m_name(name)
    {
    }
    QString name() const override
    {
        return m_name;
    }
    steward::Result<QCborValue> collect(const CollectContext &) override
    {
        return steward::makeError(QStringLiteral("apt.timeout"),
                                  QStringLiteral("apt-get -s dist-upgrade did not finish"));
    }

private:
    QString m_name;
};

QStringList sortedKeys(const QCborMap &map)
{
    QStringList keys;
    const QList<QCborValue> cborKeys = map.keys();
    for (const QCborValue &key : cborKeys) {
        keys.append(key.toString());
    }
    keys.sort();
    return keys;
}

// What steward-apt-scan prints for a machine with four security updates and one other.
QByteArray recordedAptOutput()
{
    return "steward-apt-scan 1\n"
           "P\tlibssl3\t3.0.2-0ubuntu1.12\t3.0.2-0ubuntu1.14\tUbuntu:22.04/jammy-security\tjammy-security\tjammy\t1\n"
           "P\topenssl\t3.0.2-0ubuntu1.12\t3.0.2-0ubuntu1.14\tUbuntu:22.04/jammy-security\tjammy-security\tjammy\t1\n"
           "P\tlinux-image-generic\t5.15.0.91.88\t5.15.0.92.89\tUbuntu:22.04/jammy-security\tjammy-security\tjammy\t1\n"
           "P\tlinux-image-5.15.0-92-generic\t\t5.15.0-92.102\tUbuntu:22.04/jammy-security\tjammy-security\tjammy\t1\n"
           "P\ttzdata\t2023c-0ubuntu0.22.04.2\t2024a-0ubuntu0.22.04\tUbuntu:22.04/"
           "jammy-updates\tjammy-updates\tjammy\t0\n"
           "E\t5\n";
}
} // namespace

class TestReportCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCollectorFillsAProtocolSection_data();
    void everyCollectorFillsAProtocolSection();
    void defaultCollectorsFillEveryProtocolSection();
    void failingCollectorGoesToErrors();
    void defaultCollectorsOnFixtureMachine();
    void aptTimeoutOnFixtureMachine();
    void liveMachine();

private:
    ManualClock m_clock{QDateTime(QDate(2024, 11, 18), QTime(8, 53, 20), Qt::UTC)};
};

void TestReportCollector::everyCollectorFillsAProtocolSection_data()
{
    QTest::addColumn<QString>("section");
    // Every collector, whether this platform registers it or not: a section by another name
    // would be collected, sent, and dropped by the server unstored.
    QTest::newRow("OsCollector") << OsCollector(m_clock).name();
    QTest::newRow("HardwareCollector") << HardwareCollector().name();
    QTest::newRow("NetworkCollector") << NetworkCollector().name();
    QTest::newRow("PackagesCollector") << PackagesCollector().name();
    QTest::newRow("WindowsProgramsCollector") << WindowsProgramsCollector().name();
    QTest::newRow("AptCollector") << AptCollector().name();
    QTest::newRow("DnfCollector") << DnfCollector().name();
    QTest::newRow("WindowsUpdateCollector") << WindowsUpdateCollector().name();
    QTest::newRow("AntivirusCollector") << AntivirusCollector().name();
    QTest::newRow("ClamavCollector") << ClamavCollector().name();
    QTest::newRow("MdatpCollector") << MdatpCollector().name();
    QTest::newRow("WindowsDefenderCollector") << WindowsDefenderCollector().name();
    QTest::newRow("SecurityCenterCollector") << SecurityCenterCollector().name();
}

void TestReportCollector::everyCollectorFillsAProtocolSection()
{
    QFETCH(QString, section);
    QVERIFY2(steward::protocol::reportSectionNames().contains(section), qPrintable(section));
}

void TestReportCollector::defaultCollectorsFillEveryProtocolSection()
{
    // "errors" is the report's own (ReportCollector::collect() always adds it) and "agent" the
    // agent's (AgentCommand adds it to every spooled report); collectors fill all the others.
    QStringList expected = steward::protocol::reportSectionNames();
    QVERIFY(expected.removeAll(QStringLiteral("errors")) == 1);
    QVERIFY(expected.removeAll(QStringLiteral("agent")) == 1);
    QStringList filled = ReportCollector(m_clock).sectionNames();
    expected.sort();
    filled.sort();
    QCOMPARE(filled, expected);
}

void TestReportCollector::failingCollectorGoesToErrors()
{
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<StaticCollector>(QStringLiteral("os"),
                                                           QCborMap{{QStringLiteral("id"), QStringLiteral("debian")}}));
    collectors.push_back(std::make_unique<FailingCollector>(QStringLiteral("patches")));
    collectors.push_back(std::make_unique<StaticCollector>(QStringLiteral("software"), QCborArray()));
    const ReportCollector report(std::move(collectors));

    const QCborMap sections = report.collectAll(CollectContext{QStringLiteral("/nonexistent"), nullptr});
    QCOMPARE(sortedKeys(sections),
             QStringList({QStringLiteral("errors"), QStringLiteral("os"), QStringLiteral("software")}));
    QCOMPARE(sections.value(QStringLiteral("os")).toMap().value(QStringLiteral("id")).toString(),
             QStringLiteral("debian"));
    const QCborMap errors = sections.value(QStringLiteral("errors")).toMap();
    QCOMPARE(errors.size(), 1);
    const QCborMap expected{{QStringLiteral("code"), QStringLiteral("apt.timeout")},
                            {QStringLiteral("message"), QStringLiteral("apt-get -s dist-upgrade did not finish")}};
    QCOMPARE(errors.value(QStringLiteral("patches")).toMap(), expected);
}

void TestReportCollector::defaultCollectorsOnFixtureMachine()
{
    FakeCommandRunner runner;
    runner.setResult(AptCollector::defaultScanner(), FakeCommandRunner::succeeding(recordedAptOutput()));
    const QCborMap sections =
        collectReport(CollectContext{QStringLiteral(COLLECTORS_FIXTURES_DIR "/report/machine"), &runner}, m_clock);

    QCOMPARE(sortedKeys(sections),
             QStringList({QStringLiteral("antivirus"),
                          QStringLiteral("errors"),
                          QStringLiteral("hardware"),
                          QStringLiteral("network"),
                          QStringLiteral("os"),
                          QStringLiteral("patches"),
                          QStringLiteral("software")}));
    QCOMPARE(sections.value(QStringLiteral("errors")).toMap(), QCborMap());
    QCOMPARE(sections.value(QStringLiteral("os")).toMap().value(QStringLiteral("hostname")).toString(),
             QStringLiteral("pc-mof-0142"));
    QCOMPARE(sections.value(QStringLiteral("hardware")).toMap().value(QStringLiteral("cpuCores")).toInteger(), 4);
    QCOMPARE(sections.value(QStringLiteral("network")).toMap().value(QStringLiteral("interfaces")).toArray().size(), 1);
    QCOMPARE(sections.value(QStringLiteral("software")).toArray().size(), 2);
    QCOMPARE(sections.value(QStringLiteral("patches")).toMap().value(QStringLiteral("securityCount")).toInteger(), 4);
    QCOMPARE(sections.value(QStringLiteral("antivirus")).toMap(),
             (QCborMap{{QStringLiteral("products"), QCborArray()}}));
}

void TestReportCollector::aptTimeoutOnFixtureMachine()
{
    FakeCommandRunner runner;
    runner.setResult(AptCollector::defaultScanner(), FakeCommandRunner::timingOut());
    const QCborMap sections =
        collectReport(CollectContext{QStringLiteral(COLLECTORS_FIXTURES_DIR "/report/machine"), &runner}, m_clock);

    QVERIFY(!sections.contains(QStringLiteral("patches")));
    QVERIFY(sections.contains(QStringLiteral("os")));
    QVERIFY(sections.contains(QStringLiteral("software")));
    const QCborMap errors = sections.value(QStringLiteral("errors")).toMap();
    QCOMPARE(sortedKeys(errors), QStringList({QStringLiteral("patches")}));
    QCOMPARE(errors.value(QStringLiteral("patches")).toMap().value(QStringLiteral("code")).toString(),
             QStringLiteral("apt.timeout"));
}

void TestReportCollector::liveMachine()
{
    if (!QFileInfo(QStringLiteral("/proc/cpuinfo")).isFile()) {
        QSKIP("not a Linux machine with /proc");
    }
    ProcessCommandRunner runner;
    const QCborMap sections = collectReport(CollectContext{QStringLiteral("/"), &runner}, steward::Clock::system());
    const QCborMap errors = sections.value(QStringLiteral("errors")).toMap();
    QVERIFY2(!errors.contains(QStringLiteral("os")), qPrintable(QCborValue(errors).toDiagnosticNotation()));
    QVERIFY2(!errors.contains(QStringLiteral("hardware")), qPrintable(QCborValue(errors).toDiagnosticNotation()));

    const QCborMap os = sections.value(QStringLiteral("os")).toMap();
    QCOMPARE(os.value(QStringLiteral("kernel")).toString(), QSysInfo::kernelVersion());
    QCOMPARE(os.value(QStringLiteral("hostname")).toString(), QSysInfo::machineHostName());
    QVERIFY(!os.value(QStringLiteral("id")).toString().isEmpty());

    const QCborMap hardware = sections.value(QStringLiteral("hardware")).toMap();
    QVERIFY(hardware.value(QStringLiteral("cpuCores")).toInteger() > 0);
    QVERIFY(hardware.value(QStringLiteral("memoryBytes")).toInteger() > 64 * 1024 * 1024);

    if (QFileInfo(QStringLiteral("/var/lib/dpkg/status")).isFile()) {
        QVERIFY(!errors.contains(QStringLiteral("software")));
        const QCborArray software = sections.value(QStringLiteral("software")).toArray();
        const bool hasDpkg = std::any_of(software.cbegin(), software.cend(), [](const QCborValue &package) {
            return package.toMap().value(QStringLiteral("name")).toString() == QLatin1String("dpkg")
                && package.toMap().value(QStringLiteral("source")).toString() == QLatin1String("dpkg");
        });
        QVERIFY(hasDpkg);
    }
    QVERIFY(sections.contains(QStringLiteral("antivirus")) || errors.contains(QStringLiteral("antivirus")));
}

QTEST_GUILESS_MAIN(TestReportCollector)
#include "TestReportCollector.moc"
