// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace steward::agent
{

// One element of the "network" section's "interfaces".
struct NetworkInterface {
    QString name;
    QString mac; // lower-case "aa:bb:…"; empty where the link has none (lo, tun)
    QString type; // "ethernet", "wireless", "bridge", "loopback", "tunnel", "ppp", "infiniband", "other"
    bool isVirtual = false; // no device behind it: lo, bridges, veth, docker0, tun, …
    QString operState; // the kernel's RFC 2863 state: "up", "down", "dormant", "unknown", …
    bool linkUp = false;
    std::optional<int> speedMbps; // unknown (null) when down, wireless or virtual
    int mtu = 0;
    QStringList ipv4; // "192.168.1.20/24", primary address first
    QStringList ipv6; // "2001:db8::20/64"

    QCborMap toCbor() const;

    friend bool operator==(const NetworkInterface &, const NetworkInterface &) = default;
};

} // namespace steward::agent
