// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkInterfaceModel.h"

#include <QHash>
#include <QLocale>

namespace steward::app
{

QString NetworkInterfaceModel::describeType(const QString &type)
{
    static const QHash<QString, const char *> known{
        {QStringLiteral("ethernet"), QT_TR_NOOP("Ethernet")},
        {QStringLiteral("wireless"), QT_TR_NOOP("Wi-Fi")},
        {QStringLiteral("bridge"), QT_TR_NOOP("Bridge")},
        {QStringLiteral("loopback"), QT_TR_NOOP("Loopback")},
        {QStringLiteral("tunnel"), QT_TR_NOOP("Tunnel")},
        {QStringLiteral("ppp"), QT_TR_NOOP("Point-to-point (PPP)")},
        {QStringLiteral("infiniband"), QT_TR_NOOP("InfiniBand")},
        {QStringLiteral("other"), QT_TR_NOOP("Other")},
    };
    const auto found = known.constFind(type);
    return found == known.constEnd() ? type : tr(*found);
}

QString NetworkInterfaceModel::describeState(const DeviceDetail::NetworkInterface &interface)
{
    const QString &state = interface.operState;
    if (state == QLatin1String("up")) {
        return tr("Up");
    }
    if (state == QLatin1String("down") || state == QLatin1String("lowerlayerdown")) {
        return tr("Down");
    }
    if (state == QLatin1String("dormant")) {
        return tr("Dormant");
    }
    // Loopback and many virtual interfaces report "unknown"; the link flag still says something.
    if (interface.linkUp) {
        return *interface.linkUp ? tr("Link up") : tr("No link");
    }
    return state.isEmpty() || state == QLatin1String("unknown") ? tr("unknown") : state;
}

QString NetworkInterfaceModel::describeSpeed(std::optional<qint64> mbps)
{
    if (!mbps || *mbps <= 0) {
        return {};
    }
    if (*mbps >= 1000 && *mbps % 1000 == 0) {
        return tr("%1 Gbit/s").arg(QLocale().toString(*mbps / 1000));
    }
    return tr("%1 Mbit/s").arg(QLocale().toString(*mbps));
}

QStringList NetworkInterfaceModel::headers() const
{
    return {tr("Interface"), tr("Type"), tr("MAC address"), tr("State"), tr("Speed"), tr("IPv4"), tr("IPv6")};
}

QVariant NetworkInterfaceModel::cell(const DeviceDetail::NetworkInterface &interface, int column, int role) const
{
    if (role == SortRole && column == Speed) {
        return interface.speedMbps.value_or(-1);
    }
    const bool tooltip = role == Qt::ToolTipRole;
    if (tooltip && (column == Ipv4 || column == Ipv6)) {
        return (column == Ipv4 ? interface.ipv4 : interface.ipv6).join(QLatin1Char('\n'));
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case Name:
        return interface.name;
    case Type:
        return interface.isVirtual.value_or(false) ? tr("%1 (virtual)").arg(describeType(interface.type))
                                                   : describeType(interface.type);
    case Mac:
        return interface.mac;
    case State:
        return describeState(interface);
    case Speed:
        return describeSpeed(interface.speedMbps);
    case Ipv4:
        return interface.ipv4.join(QStringLiteral(", "));
    case Ipv6:
        return interface.ipv6.join(QStringLiteral(", "));
    }
    return {};
}

} // namespace steward::app
