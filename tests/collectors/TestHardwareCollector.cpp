// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "hardware/HardwareCollector.h"
#include "hardware/HardwareInfo.h"

#include <QCborMap>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;

class TestHardwareCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thinkpadTree();
    void armBoardWithoutDmi();
    void unreadableSerialIsEmpty();
    void brokenProcFiles_data();
    void brokenProcFiles();
    void parseMemTotal_data();
    void parseMemTotal();
    void cborKeysFollowProtocol();
};

void TestHardwareCollector::thinkpadTree()
{
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/hardware/thinkpad"), nullptr};
    const auto info = HardwareCollector().collectInfo(context);
    QVERIFY(info.ok());
    QCOMPARE(info.value().manufacturer, QStringLiteral("LENOVO"));
    QCOMPARE(info.value().model, QStringLiteral("20XW0055GE"));
    QCOMPARE(info.value().serial, QStringLiteral("PF3ABCDE"));
    QCOMPARE(info.value().biosVersion, QStringLiteral("N32ET86W (1.62 )"));
    QCOMPARE(info.value().cpuModel, QStringLiteral("11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz"));
    QCOMPARE(info.value().cpuCores, 4);
    QCOMPARE(info.value().memoryBytes, Q_INT64_C(16131400) * 1024);
}

void TestHardwareCollector::armBoardWithoutDmi()
{
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/hardware/arm-no-dmi"), nullptr};
    const auto info = HardwareCollector().collectInfo(context);
    QVERIFY(info.ok());
    QCOMPARE(info.value().manufacturer, QString());
    QCOMPARE(info.value().model, QString());
    QCOMPARE(info.value().serial, QString());
    QCOMPARE(info.value().biosVersion, QString());
    QCOMPARE(info.value().cpuModel, QStringLiteral("BCM2835"));
    QCOMPARE(info.value().cpuCores, 2);
    QCOMPARE(info.value().memoryBytes, Q_INT64_C(3884584) * 1024);
}

void TestHardwareCollector::unreadableSerialIsEmpty()
{
    // product_serial is mode 0400 root on real machines. Tests may run as
    // root, so make it unreadable in a way permissions cannot bypass: a
    // directory where the file should be.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString fixture = QStringLiteral(COLLECTORS_FIXTURES_DIR "/hardware/thinkpad/");
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("sys/class/dmi/id/product_serial")));
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("proc")));
    for (const QString &file : {QStringLiteral("proc/cpuinfo"),
                                QStringLiteral("proc/meminfo"),
                                QStringLiteral("sys/class/dmi/id/sys_vendor")}) {
        QVERIFY(QFile::copy(fixture + file, root.filePath(file)));
    }

    const auto info = HardwareCollector().collectInfo(CollectContext{root.path(), nullptr});
    QVERIFY(info.ok());
    QCOMPARE(info.value().serial, QString());
    QCOMPARE(info.value().manufacturer, QStringLiteral("LENOVO"));
    QCOMPARE(info.value().cpuCores, 4);
}

void TestHardwareCollector::brokenProcFiles_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("code");

    QTest::newRow("meminfo without MemTotal")
        << QStringLiteral("broken-meminfo") << QStringLiteral("hardware.meminfo-invalid");
    QTest::newRow("garbage cpuinfo") << QStringLiteral("broken-cpuinfo") << QStringLiteral("hardware.cpuinfo-invalid");
    QTest::newRow("no proc at all") << QStringLiteral("does-not-exist")
                                    << QStringLiteral("hardware.cpuinfo-unreadable");
}

void TestHardwareCollector::brokenProcFiles()
{
    QFETCH(QString, fixture);
    QFETCH(QString, code);
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/hardware/") + fixture, nullptr};
    const auto result = HardwareCollector().collect(context);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
}

void TestHardwareCollector::parseMemTotal_data()
{
    QTest::addColumn<QByteArray>("meminfo");
    QTest::addColumn<qint64>("expected"); // -1: no value

    QTest::newRow("typical") << QByteArray("MemTotal:        8048576 kB\nMemFree: 1 kB\n") << Q_INT64_C(8241741824);
    QTest::newRow("not first line") << QByteArray("MemFree: 1 kB\nMemTotal: 2 kB\n") << Q_INT64_C(2048);
    QTest::newRow("missing") << QByteArray("MemFree: 1 kB\n") << Q_INT64_C(-1);
    QTest::newRow("no unit") << QByteArray("MemTotal: 1024\n") << Q_INT64_C(-1);
    QTest::newRow("not a number") << QByteArray("MemTotal: lots kB\n") << Q_INT64_C(-1);
    QTest::newRow("overflow") << QByteArray("MemTotal: 9223372036854775807 kB\n") << Q_INT64_C(-1);
}

void TestHardwareCollector::parseMemTotal()
{
    QFETCH(QByteArray, meminfo);
    QFETCH(qint64, expected);
    QCOMPARE(HardwareCollector::parseMemTotal(meminfo).value_or(-1), expected);
}

void TestHardwareCollector::cborKeysFollowProtocol()
{
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/hardware/thinkpad"), nullptr};
    const auto result = HardwareCollector().collect(context);
    QVERIFY(result.ok());
    const QCborMap map = result.value().toMap();
    QCOMPARE(map.size(), 7);
    QCOMPARE(map.value(QStringLiteral("manufacturer")).toString(), QStringLiteral("LENOVO"));
    QCOMPARE(map.value(QStringLiteral("model")).toString(), QStringLiteral("20XW0055GE"));
    QCOMPARE(map.value(QStringLiteral("serial")).toString(), QStringLiteral("PF3ABCDE"));
    QCOMPARE(map.value(QStringLiteral("biosVersion")).toString(), QStringLiteral("N32ET86W (1.62 )"));
    QCOMPARE(map.value(QStringLiteral("cpuModel")).toString(),
             QStringLiteral("11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz"));
    QVERIFY(map.value(QStringLiteral("cpuCores")).isInteger());
    QCOMPARE(map.value(QStringLiteral("cpuCores")).toInteger(), 4);
    QCOMPARE(map.value(QStringLiteral("memoryBytes")).toInteger(), Q_INT64_C(16518553600));
}

QTEST_GUILESS_MAIN(TestHardwareCollector)
#include "TestHardwareCollector.moc"
