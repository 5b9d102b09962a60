// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>

#include <functional>

namespace steward::agent
{

struct InterfaceAddress;
struct NetworkInterface;

// Network interfaces from /sys/class/net (identity, link state, speed, MTU)
// with their addresses: IPv6 from /proc/net/if_inet6, IPv4 from the running
// kernel through an injectable source (procfs has no per-interface IPv4
// list), so that fixture trees can supply both.
//
// A machine without /sys/class/net is not "a machine without interfaces":
// that is an error, like an address source that fails.
class NetworkCollector : public Collector
{
public:
    using AddressSource = std::function<Result<QList<InterfaceAddress>>(const CollectContext &context)>;

    // IPv4 addresses from getifaddrs(3).
    NetworkCollector();
    explicit NetworkCollector(AddressSource ipv4Source);

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<QList<NetworkInterface>> collectInterfaces(const CollectContext &context) const;

    // getifaddrs(3)'s IPv4 addresses when `context` is the live machine ("/");
    // none below any other root, whose interfaces the kernel does not know.
    static Result<QList<InterfaceAddress>> kernelIpv4Addresses(const CollectContext &context);

    // /proc/net/if_inet6: "<32 hex> <ifindex> <prefix> <scope> <flags> <name>",
    // all numbers hex. Addresses that are not usable or not stable (tentative,
    // failed duplicate detection, deprecated, temporary privacy addresses)
    // are left out.
    static Result<QList<InterfaceAddress>> parseIfInet6(const QByteArray &data);

    // Netmask (host byte order) → prefix length; -1 if not contiguous.
    static int prefixLength(quint32 netmask);

private:
    AddressSource m_ipv4Source;
};

} // namespace steward::agent
