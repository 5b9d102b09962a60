// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace steward::agent
{

// One address the kernel has assigned to an interface, as the address
// sources (getifaddrs(3), /proc/net/if_inet6) give it.
struct InterfaceAddress {
    QString interfaceName;
    QString address; // textual, RFC 5952 for IPv6: "10.0.2.15", "fe80::1"
    int prefixLength = 0;

    QString cidr() const
    {
        return address + u'/' + QString::number(prefixLength);
    }

    friend bool operator==(const InterfaceAddress &, const InterfaceAddress &) = default;
};

} // namespace steward::agent
