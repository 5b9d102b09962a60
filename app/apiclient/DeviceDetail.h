// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

class QJsonObject;

namespace steward::app
{

// GET /api/v1/devices/{id}, decoded defensively for display (docs/protocol.md, "Report
// sections" and "Admin API"). The report sections inside it are whatever the agent last sent:
// any may be null (never reported), and an older or newer agent may send a shape this console
// does not expect. Each section therefore says which of the two it was, so that a page never
// shows "none" where the truth is "not known" or "could not be read".
//
// Within a section, a field that is absent or null is unknown (empty string, nullopt, invalid
// time); a field present with the wrong JSON type makes the whole section Unreadable.
struct DeviceDetail {
    enum class SectionState {
        NotReported, // null or absent: the device has not sent it (yet)
        Unreadable, // present, but not in a shape this console understands
        Ok,
    };
    // What a page shows separately. Users, disks and filesystems live inside the os and hardware
    // sections but are judged on their own, so that one odd disk does not hide the CPU.
    enum class Section {
        Os,
        Users,
        Hardware,
        Disks,
        Filesystems,
        Network,
        Software,
        Patches,
        Antivirus,
        Agent,
        Errors,
    };
    static constexpr int sectionCount = int(Section::Errors) + 1;

    struct ComplianceReason {
        QString code;
        QString text;
        QDateTime since; // invalid when the server does not know
        QString rule; // the policy rule that makes it a reason (docs/policies.md)
        QString limit; // that rule's value
        QString origin; // the org unit that set it; empty: the built-in value
    };
    struct LoggedInUser {
        QString user;
        QString tty;
        QString host; // empty for a local session
        QDateTime loginTime;
    };
    struct Disk {
        QString name;
        QString model;
        QString serial;
        std::optional<qint64> sizeBytes;
        std::optional<bool> rotational;
        std::optional<bool> removable;
    };
    struct Filesystem {
        QString mountPoint;
        QString device;
        QString type;
        std::optional<qint64> sizeBytes;
        std::optional<qint64> freeBytes;
    };
    struct NetworkInterface {
        QString name;
        QString mac;
        QString type; // ethernet, wireless, bridge, loopback, tunnel, ppp, infiniband, other
        std::optional<bool> isVirtual;
        QString operState;
        std::optional<bool> linkUp;
        std::optional<qint64> speedMbps;
        std::optional<qint64> mtu;
        QStringList ipv4; // "address/prefix"
        QStringList ipv6;
    };
    struct Package {
        QString name;
        QString version;
        QString arch;
        QString source; // dpkg, rpm, registry
        QString publisher; // Windows only
        QString installDate;
    };
    struct PendingUpdate {
        QString name;
        QString installedVersion;
        QString candidateVersion;
        QString origin;
        bool security = false;
        QString severity;
    };
    struct AntivirusProduct {
        QString name;
        QString engineVersion;
        QString definitionsVersion;
        QDateTime definitionsTime;
        std::optional<bool> realTimeProtection;
        std::optional<bool> serviceRunning;
        QDateTime lastScan;
    };
    struct CollectorError {
        QString collector;
        QString code;
        QString message;
    };

    QString id;
    QString hostname;
    QString orgUnit; // the org unit's path; "/" is the root
    QDateTime lastSeen;
    QDateTime enrolledAt;
    bool revoked = false;
    // Taken out of service: when, by whom and why; retiredAt invalid while in service.
    QDateTime retiredAt;
    QString retiredBy;
    QString retiredReason;
    // reporting, stale, never-reported or revoked: the server's word when it sends one, else
    // what the detail itself shows (revoked, never seen, a contact.* compliance reason).
    QString state;
    std::optional<qint64> lastSequence;
    std::optional<qint64> reportsStored;
    QDateTime certificateExpiresAt; // only when the server sends it

    // os
    QString os; // pretty name
    QString kernel;
    QString arch;
    QString fqdn;
    QString domain;
    QDateTime bootTime;
    QList<LoggedInUser> users;

    // hardware
    QString manufacturer;
    QString model;
    QString serial;
    QString assetTag; // empty when the firmware has none
    QStringList sameSerialAs; // other devices reporting the same serial: likely one machine enrolled twice
    QString chassisType;
    QString biosVendor;
    QString biosVersion;
    QString biosDate;
    QString firmwareType; // uefi, bios or empty
    QString cpuModel;
    std::optional<int> cpuCores; // logical processors
    std::optional<int> cpuPhysicalCores;
    std::optional<int> cpuSockets;
    std::optional<qint64> memoryBytes;
    QString virtualization; // vm or physical
    QString hypervisor;
    QString container;
    QList<Disk> disks;
    QList<Filesystem> filesystems;

    QList<NetworkInterface> interfaces;

    QList<Package> software;
    std::optional<int> softwareCount; // set when the software section is readable

    bool patchesKnown = false; // the patches section is Ok
    QString patchManager;
    QList<PendingUpdate> pendingUpdates;
    int securityCount = 0;
    QDateTime lastRefresh;
    QDateTime lastInstall;
    std::optional<bool> rebootRequired;
    QStringList rebootPackages;

    bool antivirusKnown = false; // the antivirus section is Ok
    QList<AntivirusProduct> antivirus; // known and empty: no antivirus found

    QString agentVersion;
    std::optional<qint64> droppedReports;

    QList<CollectorError> collectorErrors;

    std::optional<bool> compliant; // nullopt: not evaluated yet
    QDateTime evaluatedAt;
    QList<ComplianceReason> reasons;
    // "compliant", "failing" (reports and breaks a rule) or "not-seen" (silent past its limit),
    // and since when; empty from a server that does not say.
    QString complianceState;
    QDateTime complianceSince;

    std::array<SectionState, sectionCount> sections{}; // all NotReported

    SectionState section(Section which) const
    {
        return sections[size_t(which)];
    }

    static DeviceDetail fromJson(const QJsonObject &object);
};

} // namespace steward::app
