// SPDX-License-Identifier: GPL-3.0-or-later
// Query-group evaluation at 1,000, 10,000 and 100,000 devices (docs/benchmarks.md, "Query
// groups").
//
// Builds each data set through the store's own ingest path (DeviceRepository::ingestBatch, as
// the gateway stores reports, 500 devices per transaction). Devices are spread over five org
// units. Each reports an os section (a quarter of them Debian 11, the rest 12), hardware (five
// models, whatever the unit), patches (0 to 3 security updates), antivirus (ClamAV, real-time on for two in three)
// and a software section of --packages packages. These are drawn from a pool of 2,000 names,
// and openssl is always one of them, at one of three versions. Then it times
// GroupRepository::evaluate, which is what GET /api/v1/groups/{name} and GET /api/v1/query run,
// for queries an admin writes.
//
//   steward-bench-groups [--devices 1000,10000,100000] [--packages 100] [--runs 10] [--database URL]
//
// Each figure is the median and the slowest of `runs` evaluations. Without --database, a SQLite
// file in a temporary directory; its size per device is printed too.
#include "StoreBench.h"
#include "auth/Credentials.h"
#include "groups/GroupQuery.h"
#include "store/Database.h"
#include "store/DeviceRepository.h"
#include "store/EnrolmentRepository.h"
#include "store/GroupRepository.h"
#include "store/OrgUnitRepository.h"

#include <QCborArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace steward;
using namespace steward::server;

namespace
{
constexpr int kUnits = 5;
constexpr int kPackagePool = 2000;

QString unitOf(int n)
{
    return QStringLiteral("Ministry %1").arg(n % kUnits);
}

QString hostnameOf(int n)
{
    static const char *const ministries[] = {"health", "finance", "education", "agriculture", "interior"};
    return QStringLiteral("pc-%1-%2").arg(QLatin1String(ministries[n % kUnits])).arg(n, 6, 10, QLatin1Char('0'));
}

QCborMap sectionsOf(int n, int packages)
{
    QRandomGenerator random(quint32(n) + 1);
    static const char *const models[] = {"OptiPlex 7090",
                                         "ThinkPad T14",
                                         "EliteBook 840",
                                         "Latitude 5420",
                                         "ProDesk 600"};
    const char *model = models[(n / kUnits) % 5]; // independent of the unit
    static const char *const openssl[] = {"3.0.9-1", "3.0.11-1~deb12u1", "3.0.15-1~deb12u1"};
    QCborArray software{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                 {QStringLiteral("version"), QLatin1String(openssl[n % 3])}}};
    for (int i = 1; i < packages; ++i) {
        const int name = int(random.bounded(kPackagePool));
        software.append(QCborMap{{QStringLiteral("name"), QStringLiteral("pkg-%1").arg(name, 4, 10, QLatin1Char('0'))},
                                 {QStringLiteral("version"), QStringLiteral("1.%1-%2").arg(name % 7).arg(n % 2 + 1)}});
    }
    QCborArray pending;
    for (int i = 0; i < n % 4; ++i) {
        pending.append(
            QCborMap{{QStringLiteral("name"), QStringLiteral("lib%1").arg(i)}, {QStringLiteral("security"), true}});
    }
    return QCborMap{
        {QStringLiteral("os"),
         QCborMap{{QStringLiteral("name"), QStringLiteral("Debian GNU/Linux")},
                  {QStringLiteral("id"), QStringLiteral("debian")},
                  {QStringLiteral("versionId"), n % 4 == 0 ? QStringLiteral("11") : QStringLiteral("12")},
                  {QStringLiteral("hostname"), hostnameOf(n)}}},
        {QStringLiteral("hardware"), QCborMap{{QStringLiteral("model"), QLatin1String(model)}}},
        {QStringLiteral("patches"),
         QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")}, {QStringLiteral("pending"), pending}}},
        {QStringLiteral("antivirus"),
         QCborMap{{QStringLiteral("products"),
                   QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")},
                                       {QStringLiteral("realTimeProtection"), n % 3 != 0}}}}}},
        {QStringLiteral("software"), software}};
}

// Adds devices [from, to) with their first reports, each in its ministry's unit.
bool addDevices(Database &database, int from, int to, int packages, QTextStream &err)
{
    EnrolmentRepository enrolment(database);
    DeviceRepository devices(database);
    OrgUnitRepository units(database);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QByteArray> tokens;
    for (int unit = 0; unit < kUnits; ++unit) {
        Result<std::optional<OrgUnit>> found = units.find(unitOf(unit));
        if (found && !found.value()) {
            const Result<OrgUnit> created = units.create(unitOf(unit), now);
            found = created ? Result<std::optional<OrgUnit>>(created.value())
                            : Result<std::optional<OrgUnit>>(created.error());
        }
        if (!found) {
            err << "cannot create org units: " << found.error().message << '\n';
            return false;
        }
        tokens.append(credentials::tokenHash(QStringLiteral("bench-%1-%2").arg(from).arg(unit)));
        if (!enrolment
                 .addToken(tokens.last(), to - from, now.addDays(1), QStringLiteral("bench"), now, found.value()->id)) {
            err << "cannot add an enrolment token\n";
            return false;
        }
    }
    constexpr int batch = 500;
    for (int start = from; start < to; start += batch) {
        QList<DeviceWrite> writes;
        for (int n = start; n < std::min(to, start + batch); ++n) {
            NewDevice device;
            device.id = QStringLiteral("device-%1").arg(n, 6, 10, QLatin1Char('0'));
            device.hostname = hostnameOf(n);
            device.serial = quint64(100000 + n);
            device.fingerprint = QString::number(n);
            device.notAfter = now.addDays(30);
            if (Status enrolled = enrolment.enrollDevice(tokens.at(n % kUnits), device, now); !enrolled) {
                err << "enrolment failed: " << enrolled.error().message << '\n';
                return false;
            }
            const QCborMap sections = sectionsOf(n, packages);
            // A tenth of the fleet was last heard from two weeks ago.
            const QDateTime at = n % 10 == 0 ? now.addDays(-14) : now;
            writes.append(DeviceWrite{device.id, 1, sections, bench::sectionHashes(sections), at, false});
        }
        for (const Result<IngestOutcome> &outcome : devices.ingestBatch(writes)) {
            if (!outcome) {
                err << "ingest failed: " << outcome.error().message << '\n';
                return false;
            }
        }
    }
    return true;
}

struct Figures {
    double medianMs = 0;
    double maxMs = 0;
    qsizetype members = 0;
};

Result<Figures> time(GroupRepository &groups, const QString &text, int runs)
{
    const Result<groups::GroupQuery> query = groups::GroupQuery::parse(text);
    if (!query) {
        return query.error();
    }
    QList<double> times;
    Figures figures;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const Result<GroupMembers> members = groups.evaluate(query.value(), QDateTime::currentDateTimeUtc());
        times.append(double(timer.nsecsElapsed()) / 1e6);
        if (!members) {
            return members.error();
        }
        figures.members = members.value().deviceIds.size();
    }
    std::sort(times.begin(), times.end());
    figures.medianMs = times.at(times.size() / 2);
    figures.maxMs = times.last();
    return figures;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times query-group evaluation at growing fleet sizes."));
    parser.addHelpOption();
    const QCommandLineOption devicesOption(QStringLiteral("devices"),
                                           QStringLiteral("Fleet sizes, ascending."),
                                           QStringLiteral("N,..."),
                                           QStringLiteral("1000,10000,100000"));
    const QCommandLineOption packagesOption(QStringLiteral("packages"),
                                            QStringLiteral("Installed packages per device."),
                                            QStringLiteral("N"),
                                            QStringLiteral("100"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Evaluations per query and size."),
                                        QStringLiteral("N"),
                                        QStringLiteral("10"));
    const QCommandLineOption databaseOption(QStringLiteral("database"),
                                            QStringLiteral("A database URL (default: a temporary SQLite file)."),
                                            QStringLiteral("URL"));
    parser.addOptions({devicesOption, packagesOption, runsOption, databaseOption});
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QList<int> sizes = bench::fleetSizes(parser.value(devicesOption));
    const int packages = std::clamp(parser.value(packagesOption).toInt(), 1, 100000);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("steward.db"));
    Result<std::unique_ptr<Database>> database = bench::openStore(parser.value(databaseOption), file);
    if (!database) {
        err << database.error().message << '\n';
        return 1;
    }
    GroupRepository groups(*database.value());

    const QStringList queries{
        QStringLiteral("os.version < 12"),
        QStringLiteral("package openssl < 3.0.11-1~deb12u1"),
        QStringLiteral("package pkg-0042"),
        QStringLiteral("not package pkg-0042"),
        QStringLiteral("updates.security > 0 and antivirus.realtime = false"),
        QStringLiteral("hostname ~ 'pc-health-*'"),
        QStringLiteral("ou = 'Ministry 3' and hardware.model ~ 'thinkpad*'"),
        QStringLiteral("last-seen > 7d"),
        QStringLiteral("os.id = debian"),
    };
    out << "devices  query                                                 members  median ms  max ms\n";
    int stored = 0;
    for (const int size : std::as_const(sizes)) {
        QElapsedTimer building;
        building.start();
        if (size > stored && !addDevices(*database.value(), stored, size, packages, err)) {
            return 1;
        }
        const double seconds = building.elapsed() / 1000.0;
        err << "built " << size << " devices (+" << (size - stored) << " in " << seconds << " s, "
            << (size > stored ? seconds * 1000.0 / (size - stored) : 0.0) << " ms each)";
        if (!parser.isSet(databaseOption)) {
            const qint64 bytes = QFileInfo(file).size() + QFileInfo(file + QStringLiteral("-wal")).size();
            err << ", " << bytes / size << " bytes a device in the SQLite file";
        }
        err << '\n';
        stored = std::max(stored, size);
        for (const QString &query : queries) {
            const Result<Figures> figures = time(groups, query, runs);
            if (!figures) {
                err << query << ": " << figures.error().message << '\n';
                return 1;
            }
            out << QString::number(size).leftJustified(9) << query.leftJustified(54)
                << QString::number(figures.value().members).leftJustified(9)
                << QString::number(figures.value().medianMs, 'f', 2).leftJustified(11)
                << QString::number(figures.value().maxMs, 'f', 2) << '\n';
            out.flush();
        }
    }
    return 0;
}
