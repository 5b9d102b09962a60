// SPDX-License-Identifier: GPL-3.0-or-later
// The help-desk lookup at 1,000, 10,000 and 100,000 devices (docs/benchmarks.md, "Search").
//
// Builds each data set through the store's own ingest path (DeviceRepository::ingestBatch, as
// the gateway stores reports, 500 devices per transaction): every device reports os, hardware
// and network sections as an agent does (hostname, FQDN, two users, a serial, an IPv4 and an
// IPv6 address, a MAC address). Then it times DeviceRepository::search, which is what
// GET /api/v1/search runs, for searches a help desk makes: a whole hostname, a part of one, a
// user, a serial, an IP address, a subnet, a MAC address spelled with dashes, and a miss.
//
//   steward-bench-search [--devices 1000,10000,100000] [--runs 50] [--database URL]
//
// Each figure is the median and 90th percentile of `runs` searches, each for a different
// device. Without --database, a SQLite file in a temporary directory.
#include "StoreBench.h"
#include "auth/Credentials.h"
#include "store/Database.h"
#include "store/DeviceRepository.h"
#include "store/EnrolmentRepository.h"

#include <QCborArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace steward;
using namespace steward::server;

namespace
{
QString hostnameOf(int n)
{
    static const char *const ministries[] = {"health", "finance", "education", "agriculture", "interior"};
    return QStringLiteral("pc-%1-%2").arg(QLatin1String(ministries[n % 5])).arg(n, 6, 10, QLatin1Char('0'));
}

QString ipOf(int n)
{
    return QStringLiteral("10.%1.%2.%3").arg((n >> 16) & 255).arg((n >> 8) & 255).arg(n & 255);
}

QString macOf(int n)
{
    return QStringLiteral("3c:52:82:%1:%2:%3")
        .arg((n >> 16) & 255, 2, 16, QLatin1Char('0'))
        .arg((n >> 8) & 255, 2, 16, QLatin1Char('0'))
        .arg(n & 255, 2, 16, QLatin1Char('0'));
}

QString userOf(int n)
{
    return QStringLiteral("GOV\\user%1").arg(n);
}

QString serialOf(int n)
{
    return QStringLiteral("5CG%1").arg(n, 7, 10, QLatin1Char('0'));
}

QCborMap sectionsOf(int n)
{
    const QString hostname = hostnameOf(n);
    const QCborMap os{{QStringLiteral("hostname"), hostname},
                      {QStringLiteral("fqdn"), QString(hostname + QStringLiteral(".gov.example"))},
                      {QStringLiteral("users"),
                       QCborArray{QCborMap{{QStringLiteral("user"), userOf(n)}},
                                  QCborMap{{QStringLiteral("user"), QStringLiteral("Administrator")}}}}};
    const QCborMap hardware{{QStringLiteral("serial"), serialOf(n)},
                            {QStringLiteral("model"), QStringLiteral("OptiPlex 7090")}};
    const QCborArray interfaces{
        QCborMap{{QStringLiteral("name"), QStringLiteral("eth0")},
                 {QStringLiteral("type"), QStringLiteral("ethernet")},
                 {QStringLiteral("mac"), macOf(n)},
                 {QStringLiteral("ipv4"), QCborArray{QString(ipOf(n) + QStringLiteral("/16"))}},
                 {QStringLiteral("ipv6"),
                  QCborArray{QStringLiteral("fe80::3e52:82ff:fe%1:%2/64").arg(n >> 16, 0, 16).arg(n & 0xffff, 0, 16)}}},
        QCborMap{{QStringLiteral("name"), QStringLiteral("lo")},
                 {QStringLiteral("type"), QStringLiteral("loopback")},
                 {QStringLiteral("ipv4"), QCborArray{QStringLiteral("127.0.0.1/8")}}}};
    return QCborMap{{QStringLiteral("os"), os},
                    {QStringLiteral("hardware"), hardware},
                    {QStringLiteral("network"), QCborMap{{QStringLiteral("interfaces"), interfaces}}}};
}

// Adds devices [from, to) and their first reports.
bool addDevices(Database &database, int from, int to, QTextStream &err)
{
    EnrolmentRepository enrolment(database);
    DeviceRepository devices(database);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray token = credentials::tokenHash(QStringLiteral("bench-%1").arg(from));
    if (!enrolment.addToken(token, to - from, now.addDays(1), QStringLiteral("bench"), now)) {
        err << "cannot add an enrolment token\n";
        return false;
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
            if (Status enrolled = enrolment.enrollDevice(token, device, now); !enrolled) {
                err << "enrolment failed: " << enrolled.error().message << '\n';
                return false;
            }
            const QCborMap sections = sectionsOf(n);
            writes.append(DeviceWrite{device.id, 1, sections, bench::sectionHashes(sections), now, false});
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
    double p90Ms = 0;
    int found = 0; // searches that found the device asked for
};

Figures time(DeviceRepository &devices, int count, int runs, const std::function<QString(int)> &textOf, bool expectHit)
{
    QList<double> times;
    Figures figures;
    QRandomGenerator random(42);
    for (int run = 0; run < runs; ++run) {
        const int n = int(random.bounded(count));
        const QString text = textOf(n);
        QElapsedTimer timer;
        timer.start();
        const Result<QList<SearchHit>> hits = devices.search(text, 50);
        times.append(double(timer.nsecsElapsed()) / 1e6);
        if (hits && !hits.value().isEmpty()
            && (!expectHit || std::any_of(hits.value().cbegin(), hits.value().cend(), [&](const SearchHit &hit) {
                   return hit.hostname == hostnameOf(n);
               }))) {
            ++figures.found;
        }
    }
    std::sort(times.begin(), times.end());
    figures.medianMs = times.at(times.size() / 2);
    figures.p90Ms = times.at(std::min<qsizetype>(times.size() - 1, qsizetype(times.size() * 0.9)));
    return figures;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the help-desk device search at growing fleet sizes."));
    parser.addHelpOption();
    const QCommandLineOption devicesOption(QStringLiteral("devices"),
                                           QStringLiteral("Fleet sizes, ascending."),
                                           QStringLiteral("N,..."),
                                           QStringLiteral("1000,10000,100000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Searches per kind and size."),
                                        QStringLiteral("N"),
                                        QStringLiteral("50"));
    const QCommandLineOption databaseOption(QStringLiteral("database"),
                                            QStringLiteral("A database URL (default: a temporary SQLite file)."),
                                            QStringLiteral("URL"));
    parser.addOptions({devicesOption, runsOption, databaseOption});
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QList<int> sizes = bench::fleetSizes(parser.value(devicesOption));
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QTemporaryDir dir;
    Result<std::unique_ptr<Database>> database =
        bench::openStore(parser.value(databaseOption), dir.filePath(QStringLiteral("steward.db")));
    if (!database) {
        err << database.error().message << '\n';
        return 1;
    }
    DeviceRepository devices(*database.value());

    const QList<std::tuple<const char *, std::function<QString(int)>, bool>> kinds{
        {"whole hostname",
         [](int n) -> QString {
             return hostnameOf(n);
         },
         true},
        {"hostname part",
         [](int n) -> QString {
             return hostnameOf(n).section(QLatin1Char('-'), 2); // "000123": a part of the name
         },
         true},
        {"user",
         [](int n) -> QString {
             return QStringLiteral("user%1").arg(n);
         },
         true},
        {"serial",
         [](int n) -> QString {
             return serialOf(n);
         },
         true},
        {"IP address",
         [](int n) -> QString {
             return ipOf(n);
         },
         true},
        {"subnet (10.x.y.)",
         [](int n) -> QString {
             return ipOf(n).section(QLatin1Char('.'), 0, 2) + QLatin1Char('.');
         },
         false},
        {"MAC, dashes",
         [](int n) -> QString {
             return macOf(n).toUpper().replace(QLatin1Char(':'), QLatin1Char('-'));
         },
         true},
        {"miss",
         [](int) -> QString {
             return QStringLiteral("no-such-machine");
         },
         false},
    };
    out << "devices  search             median ms  p90 ms  found\n";
    int stored = 0;
    for (const int size : std::as_const(sizes)) {
        QElapsedTimer building;
        building.start();
        if (size > stored && !addDevices(*database.value(), stored, size, err)) {
            return 1;
        }
        err << "built " << size << " devices (+" << (size - stored) << " in " << building.elapsed() / 1000.0 << " s)\n";
        stored = std::max(stored, size);
        for (const auto &[name, textOf, expectHit] : kinds) {
            const Figures figures = time(devices, size, runs, textOf, expectHit);
            out << QString::number(size).leftJustified(9) << QString::fromLatin1(name).leftJustified(19)
                << QString::number(figures.medianMs, 'f', 2).leftJustified(11)
                << QString::number(figures.p90Ms, 'f', 2).leftJustified(8) << figures.found << '/' << runs << '\n';
            out.flush();
        }
    }
    return 0;
}
