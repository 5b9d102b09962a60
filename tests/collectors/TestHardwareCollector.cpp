// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "ResultDescription.h"
#include "hardware/HardwareCollector.h"
#include "hardware/HardwareInfo.h"
#include "hardware/MountedFilesystem.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;

namespace
{
QString fixture(const QString &name)
{
    return QStringLiteral(COLLECTORS_FIXTURES_DIR "/hardware/") + name;
}

// statvfs(3) as a table keyed by mount point, for a fixture tree at `root`.
HardwareCollector::FilesystemUsageSource usageTable(const QString &root, const QHash<QString, FilesystemUsage> &table)
{
    return [root, table](const QString &path) -> std::optional<FilesystemUsage> {
        const QString relative = QDir(root).relativeFilePath(path);
        const QString mountPoint = relative == QLatin1String(".") ? QStringLiteral("/") : u'/' + relative;
        const auto it = table.constFind(mountPoint);
        return it == table.cend() ? std::nullopt : std::optional<FilesystemUsage>(*it);
    };
}

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

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}
} // namespace

class TestHardwareCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freeSpaceIsReportedInWholePercent();
    void thinkpadTree();
    void kvmGuestTree();
    void armBoardWithMissingFiles();
    void armBoardWithoutDmi();
    void unreadableSerialIsEmpty();
    void placeholdersAreEmpty();
    void brokenProcFiles_data();
    void brokenProcFiles();
    void parseMemTotal_data();
    void parseMemTotal();
    void parseCpuInfoTopology_data();
    void parseCpuInfoTopology();
    void parseMounts();
    void chassisTypeName_data();
    void chassisTypeName();
    void normalizeBiosDate_data();
    void normalizeBiosDate();
    void detectVirtualization_data();
    void detectVirtualization();
    void containerDetection_data();
    void containerDetection();
    void cborKeysFollowProtocol();
    void liveMachine();
};

void TestHardwareCollector::thinkpadTree()
{
    const QString root = fixture(QStringLiteral("thinkpad"));
    const HardwareCollector collector(
        usageTable(root,
                   {{QStringLiteral("/"), {Q_INT64_C(502921060352), Q_INT64_C(321412448256)}},
                    {QStringLiteral("/boot/efi"), {Q_INT64_C(535805952), Q_INT64_C(529563648)}}}));
    const auto result = collector.collectInfo(CollectContext{root, nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    const HardwareInfo &info = result.value();
    QCOMPARE(info.manufacturer, QStringLiteral("LENOVO"));
    QCOMPARE(info.model, QStringLiteral("20XW0055GE"));
    QCOMPARE(info.serial, QStringLiteral("PF3ABCDE"));
    QCOMPARE(info.assetTag, QStringLiteral("MOH-IT-004512"));
    QCOMPARE(info.chassisType, QStringLiteral("Notebook"));
    QCOMPARE(info.biosVendor, QStringLiteral("LENOVO"));
    QCOMPARE(info.biosVersion, QStringLiteral("N32ET86W (1.62 )"));
    QCOMPARE(info.biosDate, QStringLiteral("2023-09-12"));
    QCOMPARE(info.firmwareType, QStringLiteral("uefi"));
    QCOMPARE(info.cpuModel, QStringLiteral("11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz"));
    QCOMPARE(info.cpuCores, 8);
    QCOMPARE(info.cpuLogicalProcessors, 8);
    QCOMPARE(info.cpuPhysicalCores, 4);
    QCOMPARE(info.cpuSockets, 1);
    QCOMPARE(info.memoryBytes, Q_INT64_C(16131400) * 1024);
    QCOMPARE(info.virtualization, QStringLiteral("physical"));
    QCOMPARE(info.hypervisor, QString());
    QCOMPARE(info.container, QString());

    // loop0 and dm-0 are views of other devices; sdb is a card reader
    // without a card.
    QCOMPARE(info.disks.size(), 2);
    QCOMPARE(info.disks.at(0),
             (Disk{QStringLiteral("nvme0n1"),
                   QStringLiteral("SAMSUNG MZVL2512HCJQ-00BL7"),
                   QStringLiteral("S64KNX0T412345"),
                   Q_INT64_C(1000215216) * 512,
                   false,
                   false}));
    QCOMPARE(info.disks.at(1),
             (Disk{QStringLiteral("sda"), QStringLiteral("Ultra"), QString(), Q_INT64_C(60063744) * 512, true, true}));

    // Not tmpfs, cgroup, efivarfs, autofs, snaps (loop) or FUSE; the label
    // with a blank is unescaped; sda1 has no usage in the table.
    QCOMPARE(info.filesystems.size(), 3);
    QCOMPARE(info.filesystems.at(0),
             (MountedFilesystem{QStringLiteral("/"),
                                QStringLiteral("/dev/nvme0n1p2"),
                                QStringLiteral("ext4"),
                                Q_INT64_C(502921060352),
                                Q_INT64_C(321412448256)}));
    QCOMPARE(info.filesystems.at(1),
             (MountedFilesystem{QStringLiteral("/boot/efi"),
                                QStringLiteral("/dev/nvme0n1p1"),
                                QStringLiteral("vfat"),
                                Q_INT64_C(535805952),
                                Q_INT64_C(529563648)}));
    QCOMPARE(info.filesystems.at(2),
             (MountedFilesystem{QStringLiteral("/media/anna/USB STICK"),
                                QStringLiteral("/dev/sda1"),
                                QStringLiteral("vfat"),
                                std::nullopt,
                                std::nullopt}));
}

void TestHardwareCollector::kvmGuestTree()
{
    const QString root = fixture(QStringLiteral("kvm-vm"));
    const HardwareCollector collector(
        usageTable(root,
                   {{QStringLiteral("/"), {Q_INT64_C(42006183936), Q_INT64_C(30511050752)}},
                    {QStringLiteral("/boot"), {Q_INT64_C(493201408), Q_INT64_C(380125184)}},
                    {QStringLiteral("/srv"), {Q_INT64_C(10724835328), Q_INT64_C(2147483648)}}}));
    const auto result = collector.collectInfo(CollectContext{root, nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    const HardwareInfo &info = result.value();
    QCOMPARE(info.manufacturer, QStringLiteral("QEMU"));
    QCOMPARE(info.model, QStringLiteral("Standard PC (Q35 + ICH9, 2009)"));
    QCOMPARE(info.serial, QString());
    QCOMPARE(info.chassisType, QStringLiteral("Other"));
    QCOMPARE(info.biosVendor, QStringLiteral("SeaBIOS"));
    QCOMPARE(info.biosVersion, QStringLiteral("1.16.3-debian-1.16.3-2"));
    QCOMPARE(info.biosDate, QStringLiteral("2014-04-01"));
    QCOMPARE(info.firmwareType, QStringLiteral("bios"));
    QCOMPARE(info.cpuModel, QStringLiteral("AMD EPYC 7763 64-Core Processor"));
    QCOMPARE(info.cpuCores, 8);
    QCOMPARE(info.cpuLogicalProcessors, 8);
    QCOMPARE(info.cpuPhysicalCores, 4);
    QCOMPARE(info.cpuSockets, 2);
    QCOMPARE(info.memoryBytes, Q_INT64_C(8129600) * 1024);
    QCOMPARE(info.virtualization, QStringLiteral("vm"));
    QCOMPARE(info.hypervisor, QStringLiteral("KVM"));
    QCOMPARE(info.container, QString());

    // sr0 has no medium; dm-* and loop0 are virtual.
    QCOMPARE(info.disks.size(), 1);
    QCOMPARE(info.disks.at(0),
             (Disk{QStringLiteral("vda"),
                   QString(),
                   QStringLiteral("steward-root"),
                   Q_INT64_C(104857600) * 512,
                   true,
                   false}));

    // The container volume is a bind mount of /srv: counted once. NFS,
    // overlay, nsfs and the snap are not block filesystems.
    QCOMPARE(info.filesystems.size(), 3);
    QCOMPARE(info.filesystems.at(0),
             (MountedFilesystem{QStringLiteral("/"),
                                QStringLiteral("/dev/mapper/vg0-root"),
                                QStringLiteral("ext4"),
                                Q_INT64_C(42006183936),
                                Q_INT64_C(30511050752)}));
    QCOMPARE(info.filesystems.at(1),
             (MountedFilesystem{QStringLiteral("/boot"),
                                QStringLiteral("/dev/vda1"),
                                QStringLiteral("ext4"),
                                Q_INT64_C(493201408),
                                Q_INT64_C(380125184)}));
    QCOMPARE(info.filesystems.at(2),
             (MountedFilesystem{QStringLiteral("/srv"),
                                QStringLiteral("/dev/mapper/vg0-srv"),
                                QStringLiteral("xfs"),
                                Q_INT64_C(10724835328),
                                Q_INT64_C(2147483648)}));
}

void TestHardwareCollector::armBoardWithMissingFiles()
{
    const QString root = fixture(QStringLiteral("arm-board"));
    int statCalls = 0;
    const HardwareCollector collector([&statCalls](const QString &) {
        ++statCalls;
        return std::optional<FilesystemUsage>();
    });
    const auto result = collector.collectInfo(CollectContext{root, nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    const HardwareInfo &info = result.value();
    // No DMI: the device tree names the board; nothing invents a vendor.
    QCOMPARE(info.manufacturer, QString());
    QCOMPARE(info.model, QStringLiteral("Raspberry Pi 4 Model B Rev 1.4"));
    QCOMPARE(info.serial, QStringLiteral("10000000a1b2c3d4"));
    QCOMPARE(info.chassisType, QString());
    QCOMPARE(info.biosVendor, QString());
    QCOMPARE(info.biosVersion, QString());
    QCOMPARE(info.biosDate, QString());
    QCOMPARE(info.firmwareType, QString());
    QCOMPARE(info.cpuModel, QStringLiteral("ARM Cortex-A72"));
    QCOMPARE(info.cpuCores, 4);
    QCOMPARE(info.cpuLogicalProcessors, 4);
    QCOMPARE(info.cpuPhysicalCores, 4);
    QCOMPARE(info.cpuSockets, 1);
    QCOMPARE(info.memoryBytes, Q_INT64_C(7997912) * 1024);
    QCOMPARE(info.virtualization, QStringLiteral("physical"));
    QCOMPARE(info.hypervisor, QString());
    QCOMPARE(info.disks,
             (QList<Disk>{{QStringLiteral("mmcblk0"),
                           QStringLiteral("SN64G"),
                           QStringLiteral("0x9c3a51e7"),
                           Q_INT64_C(124735488) * 512,
                           false,
                           false}}));
    // No /proc/mounts: no filesystems, and no statvfs calls.
    QCOMPARE(info.filesystems, QList<MountedFilesystem>());
    QCOMPARE(statCalls, 0);
}

void TestHardwareCollector::armBoardWithoutDmi()
{
    const CollectContext context{fixture(QStringLiteral("arm-no-dmi")), nullptr};
    const auto info = HardwareCollector().collectInfo(context);
    QVERIFY(info.ok());
    QCOMPARE(info.value().manufacturer, QString());
    // The Raspberry Pi kernel's cpuinfo names the board (and "Hardware" the
    // SoC, which is not the CPU).
    QCOMPARE(info.value().model, QStringLiteral("Raspberry Pi 4 Model B Rev 1.1"));
    QCOMPARE(info.value().serial, QString());
    QCOMPARE(info.value().biosVersion, QString());
    QCOMPARE(info.value().cpuModel, QStringLiteral("ARM Cortex-A72"));
    QCOMPARE(info.value().cpuCores, 2);
    QCOMPARE(info.value().memoryBytes, Q_INT64_C(3884584) * 1024);
    QCOMPARE(info.value().disks, QList<Disk>());
}

void TestHardwareCollector::unreadableSerialIsEmpty()
{
    // product_serial is mode 0400 root on real machines. Tests may run as
    // root, so make it unreadable in a way permissions cannot bypass: a
    // directory where the file should be.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString source = fixture(QStringLiteral("thinkpad/"));
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("sys/class/dmi/id/product_serial")));
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("proc")));
    for (const QString &file : {QStringLiteral("proc/cpuinfo"),
                                QStringLiteral("proc/meminfo"),
                                QStringLiteral("sys/class/dmi/id/sys_vendor")}) {
        QVERIFY(QFile::copy(source + file, root.filePath(file)));
    }

    const auto info = HardwareCollector().collectInfo(CollectContext{root.path(), nullptr});
    QVERIFY(info.ok());
    QCOMPARE(info.value().serial, QString());
    QCOMPARE(info.value().manufacturer, QStringLiteral("LENOVO"));
    QCOMPARE(info.value().cpuCores, 8);
    QCOMPARE(info.value().firmwareType, QStringLiteral("bios"));
}

void TestHardwareCollector::placeholdersAreEmpty()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString source = fixture(QStringLiteral("thinkpad/"));
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("proc")));
    for (const QString &file : {QStringLiteral("proc/cpuinfo"), QStringLiteral("proc/meminfo")}) {
        QVERIFY(QFile::copy(source + file, root.filePath(file)));
    }
    QVERIFY(writeFile(root.filePath(QStringLiteral("sys/class/dmi/id/sys_vendor")), "System manufacturer\n"));
    QVERIFY(writeFile(root.filePath(QStringLiteral("sys/class/dmi/id/product_name")), "To Be Filled By O.E.M.\n"));
    QVERIFY(writeFile(root.filePath(QStringLiteral("sys/class/dmi/id/product_serial")), "Default string\n"));
    QVERIFY(writeFile(root.filePath(QStringLiteral("sys/class/dmi/id/chassis_type")), "3\n"));
    QVERIFY(writeFile(root.filePath(QStringLiteral("sys/class/dmi/id/chassis_asset_tag")), "No Asset Tag\n"));
    QVERIFY(writeFile(root.filePath(QStringLiteral("sys/class/dmi/id/board_asset_tag")), "Default string\n"));

    const auto info = HardwareCollector().collectInfo(CollectContext{root.path(), nullptr});
    QVERIFY(info.ok());
    QCOMPARE(info.value().manufacturer, QString());
    QCOMPARE(info.value().model, QString());
    QCOMPARE(info.value().serial, QString());
    QCOMPARE(info.value().assetTag, QString());
    QCOMPARE(info.value().chassisType, QStringLiteral("Desktop"));
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

void TestHardwareCollector::parseCpuInfoTopology_data()
{
    QTest::addColumn<QByteArray>("cpuinfo");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("logical");
    QTest::addColumn<int>("cores");
    QTest::addColumn<int>("sockets");
    QTest::addColumn<bool>("hypervisor");

    QTest::newRow("one x86 core, two threads") << QByteArray(
        "processor: 0\nmodel name: X\nphysical id: 0\ncore id: 0\nflags: fpu hypervisor\n\n"
        "processor: 1\nmodel name: X\nphysical id: 0\ncore id: 0\nflags: fpu hypervisor\n")
                                               << QStringLiteral("X") << 2 << 1 << 1 << true;
    QTest::newRow("topology missing on one processor falls back")
        << QByteArray("processor: 0\nphysical id: 0\ncore id: 0\n\nprocessor: 1\n") << QString() << 2 << 2 << 1
        << false;
    QTest::newRow("big.LITTLE") << QByteArray(
        "processor: 0\nCPU implementer: 0x41\nCPU part: 0xd05\n\nprocessor: 1\nCPU implementer: 0x41\nCPU part: "
        "0xd05\n\n"
        "processor: 2\nCPU implementer: 0x41\nCPU part: 0xd0b\n")
                                << QStringLiteral("ARM Cortex-A55 + ARM Cortex-A76") << 3 << 3 << 1 << false;
    QTest::newRow("unknown ARM part, SoC name")
        << QByteArray("processor: 0\nCPU implementer: 0x41\nCPU part: 0xfff\nHardware: BCM2835\n")
        << QStringLiteral("BCM2835") << 1 << 1 << 1 << false;
    QTest::newRow("32-bit ARM") << QByteArray(
        "Processor: ARMv7 Processor rev 4 (v7l)\nprocessor: 0\nCPU implementer: 0x41\nCPU part: 0xc07\n")
                                << QStringLiteral("ARMv7 Processor rev 4 (v7l)") << 1 << 1 << 1 << false;
    QTest::newRow("flags word, not substring")
        << QByteArray("processor: 0\nflags: fpu nohypervisorx\n") << QString() << 1 << 1 << 1 << false;
}

void TestHardwareCollector::parseCpuInfoTopology()
{
    QFETCH(QByteArray, cpuinfo);
    QFETCH(QString, model);
    QFETCH(int, logical);
    QFETCH(int, cores);
    QFETCH(int, sockets);
    QFETCH(bool, hypervisor);
    const HardwareCollector::CpuInfo info = HardwareCollector::parseCpuInfo(cpuinfo);
    QCOMPARE(info.model, model);
    QCOMPARE(info.logicalProcessors, logical);
    QCOMPARE(info.physicalCores, cores);
    QCOMPARE(info.sockets, sockets);
    QCOMPARE(info.hypervisorFlag, hypervisor);
}

void TestHardwareCollector::parseMounts()
{
    const QByteArray mounts(
        "/dev/sda2 /mnt/back\\134slash\\011tab ext4 rw 0 0\n"
        "/dev/zram1 /var/tmp ext4 rw 0 0\n"
        "/dev/sdb1 /data btrfs rw,subvol=/data 0 0\n"
        "/dev/sdb1 /home btrfs rw,subvol=/home 0 0\n"
        "/dev/sdc1 /mnt/sshfs fuseblk rw 0 0\n"
        "truncated-line\n");
    const QList<MountedFilesystem> filesystems = HardwareCollector::parseMounts(mounts);
    QCOMPARE(filesystems.size(), 2);
    QCOMPARE(filesystems.at(0).mountPoint, QStringLiteral("/mnt/back\\slash\ttab"));
    QCOMPARE(filesystems.at(0).device, QStringLiteral("/dev/sda2"));
    QCOMPARE(filesystems.at(1).mountPoint, QStringLiteral("/data"));
    QCOMPARE(filesystems.at(1).type, QStringLiteral("btrfs"));
}

void TestHardwareCollector::chassisTypeName_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("name");
    QTest::newRow("none") << 0 << QString();
    QTest::newRow("other") << 1 << QStringLiteral("Other");
    QTest::newRow("desktop") << 3 << QStringLiteral("Desktop");
    QTest::newRow("laptop") << 9 << QStringLiteral("Laptop");
    QTest::newRow("server") << 17 << QStringLiteral("Main Server Chassis");
    QTest::newRow("rack") << 23 << QStringLiteral("Rack Mount Chassis");
    QTest::newRow("convertible") << 31 << QStringLiteral("Convertible");
    QTest::newRow("stick") << 36 << QStringLiteral("Stick PC");
    QTest::newRow("unassigned") << 37 << QString();
}

void TestHardwareCollector::chassisTypeName()
{
    QFETCH(int, type);
    QFETCH(QString, name);
    QCOMPARE(HardwareCollector::chassisTypeName(type), name);
}

void TestHardwareCollector::normalizeBiosDate_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dmi") << QStringLiteral("09/12/2023") << QStringLiteral("2023-09-12");
    QTest::newRow("not a date") << QStringLiteral(" 2023 ") << QStringLiteral("2023");
    QTest::newRow("invalid day") << QStringLiteral("02/30/2020") << QStringLiteral("02/30/2020");
    QTest::newRow("empty") << QString() << QString();
}

void TestHardwareCollector::normalizeBiosDate()
{
    QFETCH(QString, raw);
    QFETCH(QString, expected);
    QCOMPARE(HardwareCollector::normalizeBiosDate(raw), expected);
}

void TestHardwareCollector::detectVirtualization_data()
{
    QTest::addColumn<QStringList>("dmi"); // sys_vendor, product_name, bios_vendor, board_vendor
    QTest::addColumn<QString>("hypervisorType");
    QTest::addColumn<QString>("xenCapabilities");
    QTest::addColumn<QString>("clocksources");
    QTest::addColumn<bool>("flag");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("hypervisor");

    const auto dmi = [](const char *vendor, const char *product, const char *bios = "", const char *board = "") {
        return QStringList{QString::fromUtf8(vendor),
                           QString::fromUtf8(product),
                           QString::fromUtf8(bios),
                           QString::fromUtf8(board)};
    };
    const QString none;
    const QString vm = QStringLiteral("vm");
    const QString physical = QStringLiteral("physical");
    QTest::newRow("thinkpad") << dmi("LENOVO", "20XW0055GE", "LENOVO", "LENOVO") << none << none
                              << QStringLiteral("tsc hpet") << false << physical << none;
    QTest::newRow("kvm q35") << dmi("QEMU", "Standard PC (Q35 + ICH9, 2009)", "SeaBIOS") << none << none
                             << QStringLiteral("kvm-clock tsc acpi_pm") << true << vm << QStringLiteral("KVM");
    QTest::newRow("qemu tcg") << dmi("QEMU", "Standard PC (i440FX + PIIX, 1996)", "SeaBIOS") << none << none
                              << QStringLiteral("tsc") << true << vm << QStringLiteral("QEMU");
    QTest::newRow("proxmox ovmf") << dmi("QEMU", "Standard PC (Q35 + ICH9, 2009)", "EDK II") << none << none
                                  << QStringLiteral("kvm-clock tsc") << true << vm << QStringLiteral("KVM");
    QTest::newRow("vmware") << dmi("VMware, Inc.", "VMware7,1", "VMware, Inc.") << none << none << QStringLiteral("tsc")
                            << true << vm << QStringLiteral("VMware");
    QTest::newRow("virtualbox") << dmi("innotek GmbH", "VirtualBox", "innotek GmbH", "Oracle Corporation") << none
                                << none << QStringLiteral("tsc") << true << vm << QStringLiteral("VirtualBox");
    QTest::newRow("hyper-v") << dmi("Microsoft Corporation", "Virtual Machine", "Microsoft Corporation") << none << none
                             << QStringLiteral("hyperv_clocksource_tsc_page") << true << vm
                             << QStringLiteral("Microsoft Hyper-V");
    QTest::newRow("surface is not a vm") << dmi("Microsoft Corporation", "Surface Laptop 5", "Microsoft Corporation")
                                         << none << none << QStringLiteral("tsc") << false << physical << none;
    QTest::newRow("ec2 nitro") << dmi("Amazon EC2", "m6i.large", "Amazon EC2") << none << none
                               << QStringLiteral("kvm-clock tsc") << true << vm << QStringLiteral("Amazon EC2");
    QTest::newRow("ec2 bare metal") << dmi("Amazon EC2", "m5.metal", "Amazon EC2") << none << none
                                    << QStringLiteral("tsc") << false << physical << none;
    QTest::newRow("gce") << dmi("Google", "Google Compute Engine", "Google") << none << none
                         << QStringLiteral("kvm-clock") << true << vm << QStringLiteral("Google Compute Engine");
    QTest::newRow("xen hvm") << dmi("Xen", "HVM domU", "Xen") << QStringLiteral("xen") << none
                             << QStringLiteral("xen tsc") << true << vm << QStringLiteral("Xen");
    QTest::newRow("xen pv domU") << dmi("", "") << QStringLiteral("xen") << none << QStringLiteral("xen") << false << vm
                                 << QStringLiteral("Xen");
    QTest::newRow("xen dom0") << dmi("Dell Inc.", "PowerEdge R740") << QStringLiteral("xen")
                              << QStringLiteral("control_d") << QStringLiteral("xen") << false << physical << none;
    QTest::newRow("openstack on kvm") << dmi("OpenStack Foundation", "OpenStack Nova") << none << none
                                      << QStringLiteral("kvm-clock tsc") << true << vm << QStringLiteral("KVM");
    QTest::newRow("wsl2, no dmi") << dmi("", "") << none << none << QStringLiteral("hyperv_clocksource_tsc_page tsc")
                                  << true << vm << QStringLiteral("Microsoft Hyper-V");
    QTest::newRow("unknown hypervisor") << dmi("", "") << none << none << QStringLiteral("tsc") << true << vm << none;
    QTest::newRow("arm board") << dmi("", "") << none << none << none << false << physical << none;
}

void TestHardwareCollector::detectVirtualization()
{
    QFETCH(QStringList, dmi);
    QFETCH(QString, hypervisorType);
    QFETCH(QString, xenCapabilities);
    QFETCH(QString, clocksources);
    QFETCH(bool, flag);
    QFETCH(QString, kind);
    QFETCH(QString, hypervisor);

    HardwareCollector::VirtualizationEvidence evidence;
    evidence.sysVendor = dmi.at(0);
    evidence.productName = dmi.at(1);
    evidence.biosVendor = dmi.at(2);
    evidence.boardVendor = dmi.at(3);
    evidence.hypervisorType = hypervisorType;
    evidence.xenCapabilities = xenCapabilities;
    evidence.clocksources = clocksources;
    evidence.cpuHypervisorFlag = flag;
    const HardwareCollector::Virtualization result = HardwareCollector::detectVirtualization(evidence);
    QCOMPARE(result.kind, kind);
    QCOMPARE(result.hypervisor, hypervisor);
}

void TestHardwareCollector::containerDetection_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("container");
    QTest::newRow("systemd") << QStringLiteral("run/systemd/container") << QByteArray("lxc\n") << QStringLiteral("lxc");
    QTest::newRow("podman") << QStringLiteral("run/.containerenv") << QByteArray() << QStringLiteral("podman");
    QTest::newRow("docker") << QStringLiteral(".dockerenv") << QByteArray() << QStringLiteral("docker");
}

void TestHardwareCollector::containerDetection()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, container);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("proc")));
    for (const QString &procFile : {QStringLiteral("proc/cpuinfo"), QStringLiteral("proc/meminfo")}) {
        QVERIFY(QFile::copy(fixture(QStringLiteral("kvm-vm/")) + procFile, root.filePath(procFile)));
    }
    QVERIFY(writeFile(root.filePath(file), content));
    const auto info = HardwareCollector().collectInfo(CollectContext{root.path(), nullptr});
    QVERIFY(info.ok());
    QCOMPARE(info.value().container, container);
    // Inside a container the CPU still says it is virtual.
    QCOMPARE(info.value().virtualization, QStringLiteral("vm"));
}

void TestHardwareCollector::cborKeysFollowProtocol()
{
    const QString root = fixture(QStringLiteral("thinkpad"));
    HardwareCollector collector(usageTable(root, {{QStringLiteral("/"), {1000, 400}}}));
    const auto result = collector.collect(CollectContext{root, nullptr});
    QVERIFY(result.ok());
    const QCborMap map = result.value().toMap();
    QCOMPARE(sortedKeys(map), QStringList({QStringLiteral("assetTag"),    QStringLiteral("biosDate"),
                                           QStringLiteral("biosVendor"),  QStringLiteral("biosVersion"),
                                           QStringLiteral("chassisType"), QStringLiteral("container"),
                                           QStringLiteral("cpuCores"),    QStringLiteral("cpuLogicalProcessors"),
                                           QStringLiteral("cpuModel"),    QStringLiteral("cpuPhysicalCores"),
                                           QStringLiteral("cpuSockets"),  QStringLiteral("disks"),
                                           QStringLiteral("filesystems"), QStringLiteral("firmwareType"),
                                           QStringLiteral("hypervisor"),  QStringLiteral("manufacturer"),
                                           QStringLiteral("memoryBytes"), QStringLiteral("model"),
                                           QStringLiteral("serial"),      QStringLiteral("virtualization")}));
    for (const char *key : {"biosDate",
                            "biosVendor",
                            "biosVersion",
                            "chassisType",
                            "container",
                            "cpuModel",
                            "firmwareType",
                            "hypervisor",
                            "manufacturer",
                            "model",
                            "serial",
                            "virtualization"}) {
        QVERIFY2(map.value(QLatin1String(key)).isString(), key);
    }
    for (const char *key : {"cpuCores", "cpuLogicalProcessors", "cpuPhysicalCores", "cpuSockets", "memoryBytes"}) {
        QVERIFY2(map.value(QLatin1String(key)).isInteger(), key);
    }
    QCOMPARE(map.value(QStringLiteral("memoryBytes")).toInteger(), Q_INT64_C(16518553600));
    QCOMPARE(map.value(QStringLiteral("biosDate")).toString(), QStringLiteral("2023-09-12"));
    QCOMPARE(map.value(QStringLiteral("cpuPhysicalCores")).toInteger(), 4);

    const QCborArray disks = map.value(QStringLiteral("disks")).toArray();
    QCOMPARE(disks.size(), 2);
    const QCborMap nvme = disks.at(0).toMap();
    QCOMPARE(sortedKeys(nvme),
             QStringList({QStringLiteral("model"),
                          QStringLiteral("name"),
                          QStringLiteral("removable"),
                          QStringLiteral("rotational"),
                          QStringLiteral("serial"),
                          QStringLiteral("sizeBytes")}));
    QCOMPARE(nvme.value(QStringLiteral("sizeBytes")).toInteger(), Q_INT64_C(512110190592));
    QVERIFY(nvme.value(QStringLiteral("rotational")).isFalse());
    QVERIFY(disks.at(1).toMap().value(QStringLiteral("removable")).isTrue());

    const QCborArray filesystems = map.value(QStringLiteral("filesystems")).toArray();
    QCOMPARE(filesystems.size(), 3);
    const QCborMap rootFs = filesystems.at(0).toMap();
    QCOMPARE(sortedKeys(rootFs),
             QStringList({QStringLiteral("device"),
                          QStringLiteral("freeBytes"),
                          QStringLiteral("mountPoint"),
                          QStringLiteral("sizeBytes"),
                          QStringLiteral("type")}));
    QCOMPARE(rootFs.value(QStringLiteral("sizeBytes")).toInteger(), 1000);
    QCOMPARE(rootFs.value(QStringLiteral("freeBytes")).toInteger(), 400); // whole percent: unchanged
    // Unknown usage is null, not 0 (which would read as "full").
    QVERIFY(filesystems.at(1).toMap().value(QStringLiteral("freeBytes")).isNull());
}

void TestHardwareCollector::liveMachine()
{
    if (!QFileInfo(QStringLiteral("/proc/cpuinfo")).isFile()) {
        QSKIP("not a Linux machine with /proc");
    }
    QElapsedTimer timer;
    timer.start();
    const auto result = HardwareCollector().collectInfo(CollectContext{QStringLiteral("/"), nullptr});
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(result.ok(), describe(result).constData());
    const HardwareInfo &info = result.value();
    qInfo() << "live hardware collection took" << elapsed << "ms:" << info.disks.size() << "disks,"
            << info.filesystems.size() << "filesystems," << info.virtualization << info.hypervisor;
    QVERIFY(info.memoryBytes > 64 * 1024 * 1024);
    QVERIFY(info.cpuLogicalProcessors >= 1);
    QVERIFY(info.cpuPhysicalCores >= 1);
    QVERIFY(info.cpuPhysicalCores <= info.cpuLogicalProcessors);
    QVERIFY(info.cpuSockets >= 1);
    QVERIFY(info.cpuSockets <= info.cpuPhysicalCores);
    QCOMPARE(info.cpuCores, info.cpuLogicalProcessors);
    QVERIFY(info.virtualization == QLatin1String("vm") || info.virtualization == QLatin1String("physical"));
    QVERIFY(info.firmwareType.isEmpty() || info.firmwareType == QLatin1String("uefi")
            || info.firmwareType == QLatin1String("bios"));
    for (const Disk &disk : info.disks) {
        QVERIFY2(disk.sizeBytes > 0, qPrintable(disk.name));
    }
    // statvfs works on every mounted block filesystem we list.
    for (const MountedFilesystem &filesystem : info.filesystems) {
        QVERIFY2(filesystem.sizeBytes.value_or(0) > 0, qPrintable(filesystem.mountPoint));
        QVERIFY2(filesystem.freeBytes.value_or(-1) >= 0, qPrintable(filesystem.mountPoint));
        QVERIFY(*filesystem.freeBytes <= *filesystem.sizeBytes);
    }
    // Generous: a loaded CI machine, a debug build. The point is "no hang".
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
}

void TestHardwareCollector::freeSpaceIsReportedInWholePercent()
{
    MountedFilesystem filesystem;
    filesystem.sizeBytes = Q_INT64_C(500000000000); // 500 GB: 1 % is 5 GB
    filesystem.freeBytes = Q_INT64_C(123456789012);
    QCOMPARE(filesystem.reportedFreeBytes(), std::optional<qint64>(Q_INT64_C(120000000000)));
    // A few megabytes written do not change what is reported.
    filesystem.freeBytes = Q_INT64_C(123400000000);
    QCOMPARE(filesystem.reportedFreeBytes(), std::optional<qint64>(Q_INT64_C(120000000000)));
    filesystem.freeBytes = std::nullopt;
    QCOMPARE(filesystem.reportedFreeBytes(), std::nullopt);
}

QTEST_GUILESS_MAIN(TestHardwareCollector)
#include "TestHardwareCollector.moc"
