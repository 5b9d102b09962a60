// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkCollector.h"

#include "CollectContext.h"
#include "InterfaceAddress.h"
#include "NetworkCollectorLogging.h"
#include "NetworkInterface.h"

#include <QCborArray>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>

namespace steward::agent
{

namespace
{
// Flags of /proc/net/if_inet6 (linux/if_addr.h, IFA_F_*).
constexpr uint s_ifaTemporary = 0x01;
constexpr uint s_ifaDadFailed = 0x08;
constexpr uint s_ifaDeprecated = 0x20;
constexpr uint s_ifaTentative = 0x40;

// ARPHRD_* from linux/if_arp.h.
QString linkTypeName(int arphrd)
{
    switch (arphrd) {
    case 1:
        return QStringLiteral("ethernet");
    case 32:
        return QStringLiteral("infiniband");
    case 512:
        return QStringLiteral("ppp");
    case 768: // ipip
    case 769: // ip6ip6
    case 776: // sit
    case 778: // gre
    case 823: // ip6gre
    case 65534: // tun, wireguard: no link layer
        return QStringLiteral("tunnel");
    case 772:
        return QStringLiteral("loopback");
    default:
        return QStringLiteral("other");
    }
}

QString readValue(const CollectContext &context, const QString &relative)
{
    const Result<QByteArray> data = context.readFile(relative, 4096);
    return data ? QString::fromUtf8(data.value()).trimmed() : QString();
}

std::optional<int> readInt(const CollectContext &context, const QString &relative)
{
    bool ok = false;
    const int value = readValue(context, relative).toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

bool exists(const CollectContext &context, const QString &relative)
{
    return QFileInfo::exists(context.path(relative));
}

// Only real link-layer addresses: tunnels print "0.0.0.0" or nothing, lo all
// zeros.
QString normalizedMac(const QString &address)
{
    const QString mac = address.toLower();
    static const QRegularExpression hexPairs(QStringLiteral("^[0-9a-f]{2}(:[0-9a-f]{2})+$"));
    if (!hexPairs.match(mac).hasMatch() || QString(mac).remove(u':').remove(u'0').isEmpty()) {
        return {};
    }
    return mac;
}
} // namespace

NetworkCollector::NetworkCollector()
    : NetworkCollector(&NetworkCollector::kernelIpv4Addresses)
{
}

NetworkCollector::NetworkCollector(AddressSource ipv4Source)
    : m_ipv4Source(std::move(ipv4Source))
{
}

QString NetworkCollector::name() const
{
    return QStringLiteral("network");
}

int NetworkCollector::prefixLength(quint32 netmask)
{
    if (netmask == 0) {
        return 0;
    }
    const int ones = std::popcount(netmask);
    // Contiguous: the ones are all at the top.
    return netmask == (~quint32(0) << (32 - ones)) ? ones : -1;
}

Result<QList<InterfaceAddress>> NetworkCollector::kernelIpv4Addresses(const CollectContext &context)
{
    if (!context.root.isEmpty() && QDir::cleanPath(context.root) != QStringLiteral("/")) {
        return QList<InterfaceAddress>();
    }
    ifaddrs *list = nullptr;
    if (::getifaddrs(&list) != 0) {
        return makeError(QStringLiteral("network.addresses-unreadable"),
                         QStringLiteral("getifaddrs: ") + QString::fromLocal8Bit(std::strerror(errno)));
    }
    const std::unique_ptr<ifaddrs, decltype(&::freeifaddrs)> owner(list, &::freeifaddrs);
    QList<InterfaceAddress> addresses;
    for (const ifaddrs *entry = list; entry; entry = entry->ifa_next) {
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET || !entry->ifa_name) {
            continue;
        }
        sockaddr_in address{};
        std::memcpy(&address, entry->ifa_addr, sizeof address);
        std::array<char, INET_ADDRSTRLEN> text{};
        if (!::inet_ntop(AF_INET, &address.sin_addr, text.data(), socklen_t(text.size()))) {
            continue;
        }
        int prefix = 32;
        if (entry->ifa_netmask) {
            sockaddr_in mask{};
            std::memcpy(&mask, entry->ifa_netmask, sizeof mask);
            prefix = prefixLength(ntohl(mask.sin_addr.s_addr));
        }
        if (prefix < 0) {
            qCWarning(lcCollectorNetwork) << "non-contiguous netmask on" << entry->ifa_name;
            prefix = 32;
        }
        // Alias labels ("eth0:1") name the same interface.
        QString interfaceName = QString::fromLocal8Bit(entry->ifa_name);
        if (const qsizetype colon = interfaceName.indexOf(u':'); colon > 0) {
            interfaceName.truncate(colon);
        }
        addresses.append(InterfaceAddress{interfaceName, QString::fromLatin1(text.data()), prefix});
    }
    return addresses;
}

Result<QList<InterfaceAddress>> NetworkCollector::parseIfInet6(const QByteArray &data)
{
    QList<InterfaceAddress> addresses;
    for (const QByteArray &line : data.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() == 1 && fields.first().isEmpty()) {
            continue;
        }
        const auto unparseable = [&line] {
            return makeError(QStringLiteral("network.if_inet6-unparseable"),
                             QStringLiteral("unexpected /proc/net/if_inet6 line: ")
                                 + QString::fromUtf8(line.left(200)));
        };
        if (fields.size() != 6 || fields.at(0).size() != 32) {
            return unparseable();
        }
        const QByteArray raw = QByteArray::fromHex(fields.at(0));
        bool prefixOk = false;
        bool flagsOk = false;
        const int prefix = fields.at(2).toInt(&prefixOk, 16);
        const uint flags = fields.at(4).toUInt(&flagsOk, 16);
        std::array<char, INET6_ADDRSTRLEN> text{};
        if (raw.size() != 16 || !prefixOk || !flagsOk || prefix < 0 || prefix > 128
            || !::inet_ntop(AF_INET6, raw.constData(), text.data(), socklen_t(text.size()))) {
            return unparseable();
        }
        if (flags & (s_ifaTemporary | s_ifaDadFailed | s_ifaDeprecated | s_ifaTentative)) {
            continue;
        }
        addresses.append(InterfaceAddress{QString::fromUtf8(fields.at(5)), QString::fromLatin1(text.data()), prefix});
    }
    return addresses;
}

Result<QList<NetworkInterface>> NetworkCollector::collectInterfaces(const CollectContext &context) const
{
    const QDir netDir(context.path(QStringLiteral("sys/class/net")));
    if (!netDir.exists()) {
        return makeError(QStringLiteral("network.sysfs-unreadable"),
                         netDir.path() + QStringLiteral(": no such directory"));
    }
    // Entries are symlinks into /sys/devices; "bonding_masters" is a file.
    const QStringList names = netDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);

    QHash<QString, QStringList> ipv4;
    const Result<QList<InterfaceAddress>> v4 = m_ipv4Source(context);
    if (!v4) {
        return v4.error();
    }
    for (const InterfaceAddress &address : v4.value()) {
        ipv4[address.interfaceName].append(address.cidr());
    }

    QHash<QString, QStringList> ipv6;
    // Absent when IPv6 is disabled (ipv6.disable=1): no addresses, not an error.
    if (context.isFile(QStringLiteral("proc/net/if_inet6"))) {
        const Result<QByteArray> data = context.readFile(QStringLiteral("proc/net/if_inet6"));
        if (!data) {
            return makeError(QStringLiteral("network.if_inet6-unreadable"), data.error().message);
        }
        const Result<QList<InterfaceAddress>> v6 = parseIfInet6(data.value());
        if (!v6) {
            return v6.error();
        }
        for (const InterfaceAddress &address : v6.value()) {
            ipv6[address.interfaceName].append(address.cidr());
        }
    }

    QList<NetworkInterface> interfaces;
    for (const QString &name : names) {
        const QString dir = QStringLiteral("sys/class/net/") + name + u'/';
        NetworkInterface interface;
        interface.name = name;
        interface.mac = normalizedMac(readValue(context, dir + QStringLiteral("address")));
        const int arphrd = readInt(context, dir + QStringLiteral("type")).value_or(-1);
        interface.type = linkTypeName(arphrd);
        if (arphrd == 1
            && (exists(context, dir + QStringLiteral("wireless"))
                || exists(context, dir + QStringLiteral("phy80211")))) {
            interface.type = QStringLiteral("wireless");
        } else if (arphrd == 1 && exists(context, dir + QStringLiteral("bridge"))) {
            interface.type = QStringLiteral("bridge");
        }
        // Hardware NICs (and a hypervisor's virtual NICs) have a bus device;
        // software interfaces live under /sys/devices/virtual without one.
        interface.isVirtual = !exists(context, dir + QStringLiteral("device"));
        interface.operState = readValue(context, dir + QStringLiteral("operstate"));
        // lo and tun report "unknown" for ever; carrier (unreadable while
        // the interface is administratively down) tells whether it works.
        interface.linkUp = interface.operState == QLatin1String("up")
            || (interface.operState == QLatin1String("unknown")
                && readValue(context, dir + QStringLiteral("carrier")) == u'1');
        // -1 (or EINVAL) while down and for links without a fixed speed.
        const std::optional<int> speed = readInt(context, dir + QStringLiteral("speed"));
        if (speed && *speed > 0) {
            interface.speedMbps = speed;
        }
        interface.mtu = readInt(context, dir + QStringLiteral("mtu")).value_or(0);
        interface.ipv4 = ipv4.value(name);
        interface.ipv6 = ipv6.value(name);
        interfaces.append(std::move(interface));
    }
    qCDebug(lcCollectorNetwork) << interfaces.size() << "interfaces";
    return interfaces;
}

Result<QCborValue> NetworkCollector::collect(const CollectContext &context)
{
    const Result<QList<NetworkInterface>> interfaces = collectInterfaces(context);
    if (!interfaces) {
        return interfaces.error();
    }
    QCborArray array;
    for (const NetworkInterface &interface : interfaces.value()) {
        array.append(interface.toCbor());
    }
    return QCborValue(QCborMap{{QStringLiteral("interfaces"), array}});
}

} // namespace steward::agent
