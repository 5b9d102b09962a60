// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QList>
#include <QString>

namespace steward::server::groups
{

// One value a query group can test a device by (GroupQuery.h names the fields): `value` is as
// compared, lower-cased; a field may have several values (one per antivirus product).
struct DeviceFact {
    QString field;
    QString value;

    friend bool operator==(const DeviceFact &, const DeviceFact &) = default;
};

// The facts of a device's name and stored report sections: hostname; os.name, os.id,
// os.version, os.arch, os.kernel; hardware.manufacturer, .model, .serial, .virtualization;
// disk.free-percent (the fullest filesystem's free share, in whole percent);
// antivirus.product, antivirus.realtime (any product's real-time protection on);
// updates.manager, updates.pending, updates.security; reboot.pending (when known);
// agent.version. A section that is absent gives no facts, so a device that never reported
// antivirus matches neither `antivirus.realtime = true` nor `= false`.
QList<DeviceFact> deviceFacts(const QString &hostname, const QCborMap &sections);

// One installed package, as the `software` section lists it.
struct InstalledPackage {
    QString name;
    QString version;

    friend bool operator==(const InstalledPackage &, const InstalledPackage &) = default;
};

// The distinct (name, version) pairs of the `software` section; several architectures of one
// package count once.
QList<InstalledPackage> installedPackages(const QCborMap &sections);

inline constexpr int kMaxFactLength = 255;

} // namespace steward::server::groups
