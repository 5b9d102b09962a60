// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "ResultDescription.h"
#include "network/InterfaceAddress.h"
#include "network/NetworkCollector.h"
#include "network/NetworkInterface.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>

#include <algorithm>
#include <array>

using namespace steward::agent;
using steward::test::describe;

namespace
{
QString fixture(const QString &name)
{
    return QStringLiteral(COLLECTORS_FIXTURES_DIR "/network/") + name;
}

NetworkCollector::AddressSource fixedAddresses(const QList<InterfaceAddress> &addresses)
{
    return [addresses](const CollectContext &) -> steward::Result<QList<InterfaceAddress>> {
        return addresses;
    };
}

NetworkInterface findInterface(const QList<NetworkInterface> &interfaces, const QString &name)
{
    const auto it = std::find_if(interfaces.cbegin(), interfaces.cend(), [&name](const NetworkInterface &interface) {
        return interface.name == name;
    });
    return it == interfaces.cend() ? NetworkInterface{} : *it;
}

QStringList names(const QList<NetworkInterface> &interfaces)
{
    QStringList result;
    for (const NetworkInterface &interface : interfaces) {
        result.append(interface.name);
    }
    return result;
}

// "address/prefix", the address in canonical form (what inet_ntop prints).
bool isCidr(const QString &text, int family)
{
    const QByteArray address = text.section(u'/', 0, 0).toLatin1();
    bool ok = false;
    const int prefix = text.section(u'/', 1).toInt(&ok);
    std::array<unsigned char, 16> binary{};
    std::array<char, INET6_ADDRSTRLEN> canonical{};
    return ok && prefix >= 0 && prefix <= (family == AF_INET ? 32 : 128)
        && ::inet_pton(family, address.constData(), binary.data()) == 1
        && ::inet_ntop(family, binary.data(), canonical.data(), socklen_t(canonical.size()))
        && address == QByteArrayView(canonical.data());
}
} // namespace

class TestNetworkCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thinkpadTree();
    void kvmGuestTree();
    void armBoardWithMissingFiles();
    void missingSysfsIsAnError();
    void failingAddressSourceIsAnError();
    void parseIfInet6_data();
    void parseIfInet6();
    void prefixLength_data();
    void prefixLength();
    void fixtureRootGetsNoKernelAddresses();
    void cborKeysFollowProtocol();
    void liveMachine();
};

void TestNetworkCollector::thinkpadTree()
{
    const NetworkCollector collector(fixedAddresses({
        {QStringLiteral("lo"), QStringLiteral("127.0.0.1"), 8},
        {QStringLiteral("wlp0s20f3"), QStringLiteral("192.168.178.34"), 24},
        {QStringLiteral("wlp0s20f3"), QStringLiteral("192.168.178.200"), 24},
        {QStringLiteral("docker0"), QStringLiteral("172.17.0.1"), 16},
        {QStringLiteral("wg0"), QStringLiteral("10.66.0.7"), 32},
    }));
    const auto result = collector.collectInterfaces(CollectContext{fixture(QStringLiteral("thinkpad")), nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    const QList<NetworkInterface> &interfaces = result.value();
    QCOMPARE(names(interfaces),
             QStringList({QStringLiteral("docker0"),
                          QStringLiteral("enp0s31f6"),
                          QStringLiteral("lo"),
                          QStringLiteral("veth3f9a2b1"),
                          QStringLiteral("wg0"),
                          QStringLiteral("wlp0s20f3")}));

    NetworkInterface wifi;
    wifi.name = QStringLiteral("wlp0s20f3");
    wifi.mac = QStringLiteral("a4:c3:f0:12:34:56");
    wifi.type = QStringLiteral("wireless");
    wifi.isVirtual = false;
    wifi.operState = QStringLiteral("up");
    wifi.linkUp = true;
    wifi.mtu = 1500;
    wifi.ipv4 = QStringList{QStringLiteral("192.168.178.34/24"), QStringLiteral("192.168.178.200/24")};
    // The temporary (privacy) addresses, one of them deprecated, are left out.
    wifi.ipv6 = QStringList{QStringLiteral("fe80::a6c3:f0ff:fe12:3456/64"),
                            QStringLiteral("2001:db8:1234:aa:a6c3:f0ff:fe12:3456/64")};
    QCOMPARE(findInterface(interfaces, QStringLiteral("wlp0s20f3")), wifi);

    NetworkInterface ethernet;
    ethernet.name = QStringLiteral("enp0s31f6");
    ethernet.mac = QStringLiteral("8c:8c:aa:0b:cd:ef");
    ethernet.type = QStringLiteral("ethernet");
    ethernet.operState = QStringLiteral("down");
    ethernet.linkUp = false;
    ethernet.mtu = 1500; // speed -1 while unplugged: unknown
    QCOMPARE(findInterface(interfaces, QStringLiteral("enp0s31f6")), ethernet);

    NetworkInterface loopback;
    loopback.name = QStringLiteral("lo");
    loopback.type = QStringLiteral("loopback");
    loopback.isVirtual = true;
    loopback.operState = QStringLiteral("unknown");
    loopback.linkUp = true; // "unknown" with carrier
    loopback.mtu = 65536;
    loopback.ipv4 = QStringList{QStringLiteral("127.0.0.1/8")};
    loopback.ipv6 = QStringList{QStringLiteral("::1/128")};
    QCOMPARE(findInterface(interfaces, QStringLiteral("lo")), loopback);

    NetworkInterface bridge;
    bridge.name = QStringLiteral("docker0");
    bridge.mac = QStringLiteral("02:42:7a:1b:2c:3d");
    bridge.type = QStringLiteral("bridge");
    bridge.isVirtual = true;
    bridge.operState = QStringLiteral("down");
    bridge.mtu = 1500;
    bridge.ipv4 = QStringList{QStringLiteral("172.17.0.1/16")};
    QCOMPARE(findInterface(interfaces, QStringLiteral("docker0")), bridge);

    NetworkInterface veth;
    veth.name = QStringLiteral("veth3f9a2b1");
    veth.mac = QStringLiteral("6a:1f:00:aa:bb:cc");
    veth.type = QStringLiteral("ethernet");
    veth.isVirtual = true;
    veth.operState = QStringLiteral("up");
    veth.linkUp = true;
    veth.speedMbps = 10000;
    veth.mtu = 1500;
    veth.ipv6 = QStringList{QStringLiteral("fe80::681f:ff:feaa:bbcc/64")};
    QCOMPARE(findInterface(interfaces, QStringLiteral("veth3f9a2b1")), veth);

    NetworkInterface wireguard;
    wireguard.name = QStringLiteral("wg0");
    wireguard.type = QStringLiteral("tunnel");
    wireguard.isVirtual = true;
    wireguard.operState = QStringLiteral("unknown");
    wireguard.linkUp = true;
    wireguard.mtu = 1420;
    wireguard.ipv4 = QStringList{QStringLiteral("10.66.0.7/32")};
    wireguard.ipv6 = QStringList{QStringLiteral("fd7a:115c::7/128")};
    QCOMPARE(findInterface(interfaces, QStringLiteral("wg0")), wireguard);
}

void TestNetworkCollector::kvmGuestTree()
{
    const NetworkCollector collector(fixedAddresses({
        {QStringLiteral("lo"), QStringLiteral("127.0.0.1"), 8},
        {QStringLiteral("enp1s0"), QStringLiteral("10.20.0.15"), 24},
        {QStringLiteral("docker0"), QStringLiteral("172.17.0.1"), 16},
    }));
    const auto result = collector.collectInterfaces(CollectContext{fixture(QStringLiteral("kvm-vm")), nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    // bonding_masters is a file, not an interface.
    QCOMPARE(names(result.value()),
             QStringList({QStringLiteral("docker0"),
                          QStringLiteral("enp1s0"),
                          QStringLiteral("lo"),
                          QStringLiteral("vethb1c2d3e")}));

    // A hypervisor's NIC is the VM's hardware: not virtual. virtio has no
    // fixed speed.
    NetworkInterface nic;
    nic.name = QStringLiteral("enp1s0");
    nic.mac = QStringLiteral("52:54:00:3e:91:0c");
    nic.type = QStringLiteral("ethernet");
    nic.operState = QStringLiteral("up");
    nic.linkUp = true;
    nic.mtu = 1500;
    nic.ipv4 = QStringList{QStringLiteral("10.20.0.15/24")};
    // The tentative address (duplicate detection still running) is left out.
    nic.ipv6 = QStringList{QStringLiteral("2001:db8:10::15/64"), QStringLiteral("fe80::5054:ff:fe3e:910c/64")};
    QCOMPARE(findInterface(result.value(), QStringLiteral("enp1s0")), nic);

    const NetworkInterface docker = findInterface(result.value(), QStringLiteral("docker0"));
    QCOMPARE(docker.type, QStringLiteral("bridge"));
    QVERIFY(docker.isVirtual);
    QVERIFY(docker.linkUp);
    QCOMPARE(docker.ipv4, QStringList{QStringLiteral("172.17.0.1/16")});
    QCOMPARE(docker.ipv6, QStringList{QStringLiteral("fe80::42:cff:fec1:5e77/64")});
    QVERIFY(findInterface(result.value(), QStringLiteral("vethb1c2d3e")).isVirtual);
}

void TestNetworkCollector::armBoardWithMissingFiles()
{
    const NetworkCollector collector(fixedAddresses({{QStringLiteral("eth0"), QStringLiteral("192.168.1.50"), 24}}));
    const auto result = collector.collectInterfaces(CollectContext{fixture(QStringLiteral("arm-board")), nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(names(result.value()),
             QStringList({QStringLiteral("eth0"), QStringLiteral("lo"), QStringLiteral("wlan0")}));

    NetworkInterface eth0;
    eth0.name = QStringLiteral("eth0");
    eth0.mac = QStringLiteral("dc:a6:32:01:02:03");
    eth0.type = QStringLiteral("ethernet");
    eth0.operState = QStringLiteral("up");
    eth0.linkUp = true;
    eth0.speedMbps = 1000;
    eth0.mtu = 1500;
    eth0.ipv4 = QStringList{QStringLiteral("192.168.1.50/24")};
    // No /proc/net/if_inet6: IPv6 is disabled, which is no error.
    QCOMPARE(findInterface(result.value(), QStringLiteral("eth0")), eth0);

    // No operstate, no mtu: empty values, not a failure.
    NetworkInterface wlan0;
    wlan0.name = QStringLiteral("wlan0");
    wlan0.mac = QStringLiteral("dc:a6:32:01:02:04");
    wlan0.type = QStringLiteral("wireless");
    QCOMPARE(findInterface(result.value(), QStringLiteral("wlan0")), wlan0);
}

void TestNetworkCollector::missingSysfsIsAnError()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const auto result = NetworkCollector(fixedAddresses({})).collect(CollectContext{root.path(), nullptr});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("network.sysfs-unreadable"));
}

void TestNetworkCollector::failingAddressSourceIsAnError()
{
    NetworkCollector collector([](const CollectContext &) -> steward::Result<QList<InterfaceAddress>> {
        return steward::makeError(QStringLiteral("network.addresses-unreadable"),
                                  QStringLiteral("getifaddrs: Out of memory"));
    });
    const auto result = collector.collect(CollectContext{fixture(QStringLiteral("kvm-vm")), nullptr});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("network.addresses-unreadable"));
}

void TestNetworkCollector::parseIfInet6_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("cidr"); // empty: skipped; "error": unparseable

    QTest::newRow("loopback") << QByteArray("00000000000000000000000000000001 01 80 10 80       lo")
                              << QStringLiteral("::1/128");
    QTest::newRow("link-local") << QByteArray("fe800000000000000000000000000001 02 40 20 80 eth0")
                                << QStringLiteral("fe80::1/64");
    QTest::newRow("long name") << QByteArray("20010db8000000000000000000000001 0a 30 00 80 enx00e04c680001")
                               << QStringLiteral("2001:db8::1/48");
    QTest::newRow("temporary") << QByteArray("20010db8000000000000000000000002 02 40 00 01 eth0") << QString();
    QTest::newRow("dad failed") << QByteArray("20010db8000000000000000000000003 02 40 00 08 eth0") << QString();
    QTest::newRow("deprecated") << QByteArray("20010db8000000000000000000000004 02 40 00 20 eth0") << QString();
    QTest::newRow("tentative") << QByteArray("20010db8000000000000000000000005 02 40 00 40 eth0") << QString();
    QTest::newRow("short address") << QByteArray("20010db8 02 40 00 80 eth0") << QStringLiteral("error");
    QTest::newRow("not hex") << QByteArray("20010db800000000000000000000zzzz 02 40 00 80 eth0")
                             << QStringLiteral("error");
    QTest::newRow("prefix too long") << QByteArray("20010db8000000000000000000000001 02 81 00 80 eth0")
                                     << QStringLiteral("error");
    QTest::newRow("missing name") << QByteArray("20010db8000000000000000000000001 02 40 00 80")
                                  << QStringLiteral("error");
}

void TestNetworkCollector::parseIfInet6()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, cidr);
    const auto result = NetworkCollector::parseIfInet6(line + "\n\n");
    if (cidr == QLatin1String("error")) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("network.if_inet6-unparseable"));
        return;
    }
    QVERIFY2(result.ok(), describe(result).constData());
    if (cidr.isEmpty()) {
        QCOMPARE(result.value().size(), 0);
    } else {
        QCOMPARE(result.value().size(), 1);
        QCOMPARE(result.value().first().cidr(), cidr);
    }
}

void TestNetworkCollector::prefixLength_data()
{
    QTest::addColumn<quint32>("netmask");
    QTest::addColumn<int>("prefix");
    QTest::newRow("/0") << quint32(0) << 0;
    QTest::newRow("/8") << quint32(0xff000000) << 8;
    QTest::newRow("/24") << quint32(0xffffff00) << 24;
    QTest::newRow("/31") << quint32(0xfffffffe) << 31;
    QTest::newRow("/32") << quint32(0xffffffff) << 32;
    QTest::newRow("holes") << quint32(0xff00ff00) << -1;
}

void TestNetworkCollector::prefixLength()
{
    QFETCH(quint32, netmask);
    QFETCH(int, prefix);
    QCOMPARE(NetworkCollector::prefixLength(netmask), prefix);
}

void TestNetworkCollector::fixtureRootGetsNoKernelAddresses()
{
    // The running kernel's addresses would be wrongly attached to a fixture
    // tree's interfaces of the same name ("lo").
    const auto addresses =
        NetworkCollector::kernelIpv4Addresses(CollectContext{fixture(QStringLiteral("thinkpad")), nullptr});
    QVERIFY(addresses.ok());
    QCOMPARE(addresses.value().size(), 0);
}

void TestNetworkCollector::cborKeysFollowProtocol()
{
    NetworkCollector collector(fixedAddresses({{QStringLiteral("eth0"), QStringLiteral("192.168.1.50"), 24}}));
    const auto result = collector.collect(CollectContext{fixture(QStringLiteral("arm-board")), nullptr});
    QVERIFY(result.ok());
    const QCborMap section = result.value().toMap();
    QCOMPARE(section.keys(), QList<QCborValue>{QStringLiteral("interfaces")});
    const QCborArray interfaces = section.value(QStringLiteral("interfaces")).toArray();
    QCOMPARE(interfaces.size(), 3);
    const QCborMap eth0 = interfaces.at(0).toMap();
    QStringList keys;
    const QList<QCborValue> cborKeys = eth0.keys();
    for (const QCborValue &key : cborKeys) {
        keys.append(key.toString());
    }
    keys.sort();
    QCOMPARE(keys,
             QStringList({QStringLiteral("ipv4"),
                          QStringLiteral("ipv6"),
                          QStringLiteral("linkUp"),
                          QStringLiteral("mac"),
                          QStringLiteral("mtu"),
                          QStringLiteral("name"),
                          QStringLiteral("operState"),
                          QStringLiteral("speedMbps"),
                          QStringLiteral("type"),
                          QStringLiteral("virtual")}));
    QCOMPARE(eth0.value(QStringLiteral("name")).toString(), QStringLiteral("eth0"));
    QCOMPARE(eth0.value(QStringLiteral("mac")).toString(), QStringLiteral("dc:a6:32:01:02:03"));
    QVERIFY(eth0.value(QStringLiteral("virtual")).isFalse());
    QVERIFY(eth0.value(QStringLiteral("linkUp")).isTrue());
    QCOMPARE(eth0.value(QStringLiteral("speedMbps")).toInteger(), 1000);
    QCOMPARE(eth0.value(QStringLiteral("mtu")).toInteger(), 1500);
    QCOMPARE(eth0.value(QStringLiteral("ipv4")).toArray(), QCborArray{QStringLiteral("192.168.1.50/24")});
    QCOMPARE(eth0.value(QStringLiteral("ipv6")).toArray(), QCborArray());
    const QCborMap lo = interfaces.at(1).toMap();
    QVERIFY(lo.value(QStringLiteral("virtual")).isTrue());
    QVERIFY(lo.value(QStringLiteral("speedMbps")).isNull());
    QCOMPARE(lo.value(QStringLiteral("mac")).toString(), QString());
}

void TestNetworkCollector::liveMachine()
{
    if (!QFileInfo(QStringLiteral("/sys/class/net")).isDir()) {
        QSKIP("not a Linux machine with sysfs");
    }
    QElapsedTimer timer;
    timer.start();
    const auto result = NetworkCollector().collectInterfaces(CollectContext{QStringLiteral("/"), nullptr});
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(result.ok(), describe(result).constData());
    const QList<NetworkInterface> &interfaces = result.value();
    qInfo() << "live network collection took" << elapsed << "ms:" << names(interfaces);
    QVERIFY(!interfaces.isEmpty());
    const bool hasLoopbackOrHardware =
        std::any_of(interfaces.cbegin(), interfaces.cend(), [](const NetworkInterface &interface) {
            return !interface.isVirtual || interface.type == QLatin1String("loopback");
        });
    QVERIFY(hasLoopbackOrHardware);
    int addresses = 0;
    for (const NetworkInterface &interface : interfaces) {
        QVERIFY(!interface.name.isEmpty());
        QVERIFY2(interface.mtu > 0, qPrintable(interface.name));
        for (const QString &cidr : interface.ipv4) {
            QVERIFY2(isCidr(cidr, AF_INET), qPrintable(cidr));
            ++addresses;
        }
        for (const QString &cidr : interface.ipv6) {
            QVERIFY2(isCidr(cidr, AF_INET6), qPrintable(cidr));
            ++addresses;
        }
    }
    // Whatever else this machine has, the test process reached it through
    // some address; the loopback one at least.
    QVERIFY(addresses > 0);
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
}

QTEST_GUILESS_MAIN(TestNetworkCollector)
#include "TestNetworkCollector.moc"
