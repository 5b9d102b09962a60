// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptScanKey.h"
#include "AptScanReuseFile.h"
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ProcessCommandRunner.h"
#include "ResultDescription.h"
#include "apt/AptCollector.h"
#include "apt/PatchStatus.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <sys/stat.h>

#include <ctime>

using namespace steward::agent;
using steward::test::describe;
using namespace std::chrono_literals;
using steward::test::FakeCommandRunner;

namespace
{
QString tree(const char *name)
{
    return QStringLiteral(COLLECTORS_FIXTURES_DIR "/apt/") + QLatin1String(name);
}

QStringList names(const QList<PendingUpdate> &pending, bool securityOnly)
{
    QStringList result;
    for (const PendingUpdate &update : pending) {
        if (!securityOnly || update.security) {
            result.append(update.name);
        }
    }
    return result;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items) {
        result.append(QLatin1String(item));
    }
    return result;
}

// What the helper answers for tree("debian").
const QStringList debianPending =
    list({"base-files", "libssl3", "linux-image-6.1.0-20-amd64", "linux-image-amd64", "openssl", "tzdata"});

QString reuseFileIn(const QString &stateDirectory)
{
    return AptCollector::reuseFile(CollectContext{QString(), nullptr, stateDirectory});
}

std::optional<AptScanReuseFile> readReuseFile(const QString &path)
{
    return AptScanReuseFile::read(QFile::encodeName(path).toStdString());
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool overwrite(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// A fixture tree the test may change.
bool copyTree(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to)) {
        return false;
    }
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        if (it.fileInfo().isDir() ? !QDir().mkpath(target) : !QFile::copy(source, target)) {
            return false;
        }
    }
    return true;
}

// steward-apt-scan keeps no scan while one of its inputs changed within the
// settle time (within one tick of the file-system clock a further change
// keeps the timestamps, see AptScanKey). Waits until every file below
// `paths` is older than that, so that the next scan is kept.
void waitUntilSettled(const QStringList &paths)
{
    std::int64_t newest = 0;
    std::int64_t settle = AptScanKey::FineSettleNs;
    const auto consider = [&](const QString &path) {
        struct stat info = {};
        if (stat(QFile::encodeName(path).constData(), &info) == 0) {
            newest = std::max(newest, std::int64_t(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec);
            if (info.st_ctim.tv_nsec == 0) {
                settle = AptScanKey::CoarseSettleNs;
            }
        }
    };
    for (const QString &path : paths) {
        consider(path);
        QDirIterator it(path, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            consider(it.next());
        }
    }
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    const std::int64_t remaining = newest + settle - (std::int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec);
    if (remaining >= 0) {
        QTest::qWait(int(remaining / 1'000'000) + 10);
    }
}

qint64 localEpoch(int year, int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::LocalTime).toSecsSinceEpoch();
}

const QByteArray scanOutput =
    "steward-apt-scan 1\n"
    "P\ttzdata\t2024a-0+deb12u1\t2025b-0+deb12u1\tDebian:12.5/stable\tstable\tbookworm\t0\n"
    "P\tlibc6:i386\t2.36-9+deb12u3\t2.36-9+deb12u4\tDebian:12.5/stable, "
    "Debian-Security:12/stable-security\tstable-security\tbookworm-security\t1\n"
    "P\tlinux-image-6.1.0-20-amd64\t\t6.1.85-1\tDebian-Security:12/stable-security\t"
    "stable-security\tbookworm-security\t1\n"
    "P\tlocal-tool\t0.9\t1.0\t\t\t\t0\n"
    "E\t4\n";

// Sends whatever the collector runs to `sleep 10` instead, through the real
// process runner: proves the timeout path end to end.
class SleepingRunner : public CommandRunner
{
public:
    CommandResult run(const QString &, const QStringList &, std::chrono::milliseconds timeout) override
    {
        return m_real.run(QStringLiteral("sleep"), {QStringLiteral("10")}, timeout);
    }

private:
    ProcessCommandRunner m_real;
};

// Stands in for dnf behind the apt collector.
class MarkerCollector : public Collector
{
public:
    QString name() const override
    {
        return QStringLiteral("patches");
    }
    steward::Result<QCborValue> collect(const CollectContext &) override
    {
        ++calls;
        return QCborValue(QCborMap{{QStringLiteral("manager"), QStringLiteral("dnf")}});
    }
    int calls = 0;
};
} // namespace

class TestAptCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parseScan_data();
    void parseScan();
    void parsedFields();
    void parseHistoryLog();
    void parseDpkgLog();
    void arguments();
    void fixtureTree();
    void fixtureReportFields();
    void noListsIsNotAnError();
    void corruptStatusIsAnError();
    void noAptGetMeansManagerNone();
    void fallbackOnlyWithoutApt();
    void commandFailures_data();
    void commandFailures();
    void hangingCommandIsAnErrorNotAHang();
    void reuseGivesTheSameAnswer();
    void reusedScanComesFromTheFile();
    void reuseIsNeverStale_data();
    void reuseIsNeverStale();
    void damagedReuseFileIsReplaced_data();
    void damagedReuseFileIsReplaced();
    void unwritableReuseFileIsNoError();
    void errorsAreNeverKept();
    void realMachineMatchesIndependentRun();

private:
    steward::Result<PatchStatus> scan(const QString &root, const QString &stateDirectory) const;

    QString m_scanner;
};

steward::Result<PatchStatus> TestAptCollector::scan(const QString &root, const QString &stateDirectory) const
{
    ProcessCommandRunner runner;
    return AptCollector(60s, m_scanner).collectStatus(CollectContext{root, &runner, stateDirectory});
}

void TestAptCollector::initTestCase()
{
    m_scanner = AptCollector::defaultScanner();
    QVERIFY2(QFileInfo(m_scanner).isExecutable(), qPrintable(m_scanner + QStringLiteral(" is not built")));
}

void TestAptCollector::parseScan_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QStringList>("pending");
    QTest::addColumn<QStringList>("security");
    QTest::addColumn<QString>("errorCode"); // empty: parsing succeeds

    QTest::newRow("sorted by name") << scanOutput
                                    << list({"libc6:i386", "linux-image-6.1.0-20-amd64", "local-tool", "tzdata"})
                                    << list({"libc6:i386", "linux-image-6.1.0-20-amd64"}) << QString();
    QTest::newRow("up to date") << QByteArray("steward-apt-scan 1\nE\t0\n") << QStringList() << QStringList()
                                << QString();
    QTest::newRow("truncated") << scanOutput.left(scanOutput.indexOf("E\t")) << QStringList() << QStringList()
                               << QStringLiteral("apt.unparseable");
    QTest::newRow("fewer records than announced") << QByteArray(scanOutput).replace("E\t4", "E\t5") << QStringList()
                                                  << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("unknown version") << QByteArray(scanOutput).replace("steward-apt-scan 1", "steward-apt-scan 2")
                                     << QStringList() << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("missing field") << QByteArray("steward-apt-scan 1\nP\tbash\t5.2\t5.3\tDebian\t0\nE\t1\n")
                                   << QStringList() << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("data after end") << scanOutput + "P\tbash\t1\t2\t\t\t\t0\n"
                                    << QStringList() << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("empty") << QByteArray() << QStringList() << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("garbage") << QByteArray("Reading package lists... Done\n") << QStringList() << QStringList()
                             << QStringLiteral("apt.unparseable");
}

void TestAptCollector::parseScan()
{
    QFETCH(QByteArray, output);
    QFETCH(QStringList, pending);
    QFETCH(QStringList, security);
    QFETCH(QString, errorCode);

    const auto result = AptCollector::parseScan(output);
    if (!errorCode.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, errorCode);
        return;
    }
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(names(result.value(), false), pending);
    QCOMPARE(names(result.value(), true), security);
}

void TestAptCollector::parsedFields()
{
    const auto result = AptCollector::parseScan(scanOutput);
    QVERIFY(result.ok());
    PendingUpdate libc;
    libc.name = QStringLiteral("libc6:i386");
    libc.installedVersion = QStringLiteral("2.36-9+deb12u3");
    libc.candidateVersion = QStringLiteral("2.36-9+deb12u4");
    libc.origin = QStringLiteral("Debian:12.5/stable, Debian-Security:12/stable-security");
    libc.archive = QStringLiteral("stable-security");
    libc.codename = QStringLiteral("bookworm-security");
    libc.security = true;
    QCOMPARE(result.value().at(0), libc);
    // A new install has no installed version; a version known only from the
    // status file has no release at all.
    QCOMPARE(result.value().at(1).installedVersion, QString());
    QCOMPARE(result.value().at(2).origin, QString());
    QCOMPARE(result.value().at(2).toCbor().contains(QStringLiteral("archive")), false);
}

void TestAptCollector::parseHistoryLog()
{
    const QByteArray log =
        "Start-Date: 2024-02-18  06:12:40\n"
        "Commandline: apt-get install nginx\n"
        "End-Date: 2024-02-18  06:12:44\n\n"
        "Start-Date: 2024-02-20  06:25:01\n"
        "Upgrade: libssl3:amd64 (3.0.11-1~deb12u1, 3.0.11-1~deb12u2)\n"
        "Error: Sub-process /usr/bin/dpkg returned an error code (1)\n"
        "End-Date: 2024-02-20  06:25:09\n\n"
        "Start-Date: 2024-02-21  08:00:00\n"; // still running, or killed
    QCOMPARE(AptCollector::parseHistoryLog(log), std::optional<qint64>(localEpoch(2024, 2, 21, 8, 0, 0)));
    QCOMPARE(AptCollector::parseHistoryLog(QByteArray()), std::nullopt);
    QCOMPARE(AptCollector::parseHistoryLog("Start-Date: yesterday\n"), std::nullopt);
}

void TestAptCollector::parseDpkgLog()
{
    const QByteArray log =
        "2024-03-01 10:00:02 upgrade zlib1g:amd64 1:1.2.13.dfsg-1 1:1.2.13.dfsg-1\n"
        "2024-03-01 10:00:05 remove libfoo1:amd64 1.0 <none>\n"
        "2024-03-02 11:30:00 configure zlib1g:amd64 1:1.2.13.dfsg-1 <none>\n"
        "2024-03-02 11:31:00 status installed zlib1g:amd64 1:1.2.13.dfsg-1\n";
    QCOMPARE(AptCollector::parseDpkgLog(log), std::optional<qint64>(localEpoch(2024, 3, 1, 10, 0, 5)));
    QCOMPARE(AptCollector::parseDpkgLog("2024-03-02 11:31:00 startup packages configure\n"), std::nullopt);
}

void TestAptCollector::arguments()
{
    QCOMPARE(AptCollector::arguments(CollectContext{QStringLiteral("/"), nullptr}), QStringList());
    QCOMPARE(AptCollector::arguments(CollectContext{QString(), nullptr}), QStringList());
    QCOMPARE(AptCollector::arguments(CollectContext{tree("debian") + QStringLiteral("/"), nullptr}),
             QStringList({QStringLiteral("--root"), tree("debian")}));
    QCOMPARE(AptCollector::arguments(CollectContext{QStringLiteral("/"), nullptr, QStringLiteral("/var/lib/steward")}),
             QStringList({QStringLiteral("--reuse"), QStringLiteral("/var/lib/steward/apt-scan.reuse")}));
    QCOMPARE(AptCollector::arguments(CollectContext{tree("debian"), nullptr, QStringLiteral("/var/lib/steward/")}),
             QStringList({QStringLiteral("--root"),
                          tree("debian"),
                          QStringLiteral("--reuse"),
                          QStringLiteral("/var/lib/steward/apt-scan.reuse")}));
}

// The real helper on a small APT tree: a point release and a security
// archive, a dpkg hold, and a kernel update that pulls in a new package.
void TestAptCollector::fixtureTree()
{
    ProcessCommandRunner runner;
    const auto status = AptCollector(60s, m_scanner).collectStatus(CollectContext{tree("debian"), &runner});
    QVERIFY2(status.ok(), describe(status).constData());
    QCOMPARE(status.value().manager, QStringLiteral("apt"));
    // nginx is on hold and zlib1g is current: neither is pending.
    QCOMPARE(names(status.value().pending, false),
             list({"base-files", "libssl3", "linux-image-6.1.0-20-amd64", "linux-image-amd64", "openssl", "tzdata"}));
    QCOMPARE(names(status.value().pending, true),
             list({"libssl3", "linux-image-6.1.0-20-amd64", "linux-image-amd64", "openssl"}));
    QCOMPARE(status.value().securityCount(), 4);

    PendingUpdate kernel;
    kernel.name = QStringLiteral("linux-image-6.1.0-20-amd64");
    kernel.candidateVersion = QStringLiteral("6.1.85-1");
    kernel.origin = QStringLiteral("Debian-Security:12/stable-security");
    kernel.archive = QStringLiteral("stable-security");
    kernel.codename = QStringLiteral("bookworm-security");
    kernel.security = true;
    QCOMPARE(status.value().pending.at(2), kernel); // new install: no installed version

    PendingUpdate tzdata;
    tzdata.name = QStringLiteral("tzdata");
    tzdata.installedVersion = QStringLiteral("2024a-0+deb12u1");
    tzdata.candidateVersion = QStringLiteral("2025b-0+deb12u1");
    tzdata.origin = QStringLiteral("Debian:12.5/stable");
    tzdata.archive = QStringLiteral("stable");
    tzdata.codename = QStringLiteral("bookworm");
    QCOMPARE(status.value().pending.at(5), tzdata);
}

void TestAptCollector::fixtureReportFields()
{
    ProcessCommandRunner runner;
    const auto result = AptCollector(60s, m_scanner).collect(CollectContext{tree("debian"), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    const QCborMap map = result.value().toMap();

    qint64 newestList = 0;
    const QFileInfoList lists = QDir(tree("debian") + QStringLiteral("/var/lib/apt/lists")).entryInfoList(QDir::Files);
    QVERIFY(!lists.isEmpty());
    for (const QFileInfo &file : lists) {
        newestList = std::max(newestList, file.lastModified().toSecsSinceEpoch());
    }
    QCOMPARE(map.value(QStringLiteral("lastRefresh")).toInteger(), newestList);
    // history.log is newer than history.log.1.
    QCOMPARE(map.value(QStringLiteral("lastInstall")).toInteger(), localEpoch(2024, 2, 20, 6, 25, 9));
    QCOMPARE(map.value(QStringLiteral("rebootRequired")), QCborValue(true));
    QCOMPARE(map.value(QStringLiteral("rebootPackages")).toArray(),
             QCborArray({QStringLiteral("linux-image-6.1.0-18-amd64"), QStringLiteral("libssl3")}));
    QCOMPARE(map.value(QStringLiteral("securityCount")).toInteger(), 4);
    QCOMPARE(map.value(QStringLiteral("pending")).toArray().size(), 6);
}

void TestAptCollector::noListsIsNotAnError()
{
    ProcessCommandRunner runner;
    const auto result = AptCollector(60s, m_scanner).collect(CollectContext{tree("no-lists"), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    const QCborMap map = result.value().toMap();
    QCOMPARE(map.value(QStringLiteral("manager")).toString(), QStringLiteral("apt"));
    QCOMPARE(map.value(QStringLiteral("pending")).toArray(), QCborArray());
    QCOMPARE(map.value(QStringLiteral("lastRefresh")), QCborValue(QCborValue::Null));
    // No APT history: dpkg's own log answers.
    QCOMPARE(map.value(QStringLiteral("lastInstall")).toInteger(), localEpoch(2024, 3, 1, 10, 0, 2));
    QCOMPARE(map.value(QStringLiteral("rebootRequired")), QCborValue(false));
    QCOMPARE(map.value(QStringLiteral("rebootPackages")).toArray(), QCborArray());
}

void TestAptCollector::corruptStatusIsAnError()
{
    ProcessCommandRunner runner;
    const auto result = AptCollector(60s, m_scanner).collect(CollectContext{tree("corrupt-status"), &runner});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("apt.cache-unreadable"));
    QVERIFY2(result.error().message.contains(QLatin1String("var/lib/dpkg/status")), qPrintable(result.error().message));
}

void TestAptCollector::noAptGetMeansManagerNone()
{
    FakeCommandRunner runner;
    const auto result = AptCollector().collect(CollectContext{tree("no-apt"), &runner});
    QVERIFY(result.ok());
    QVERIFY(runner.calls().isEmpty());
    const QCborMap map = result.value().toMap();
    QCOMPARE(map.value(QStringLiteral("manager")).toString(), QStringLiteral("none"));
    QCOMPARE(map.value(QStringLiteral("pending")).toArray(), QCborArray());
    QCOMPARE(map.value(QStringLiteral("securityCount")).toInteger(), 0);
    QCOMPARE(map.value(QStringLiteral("lastRefresh")), QCborValue(QCborValue::Null));
}

void TestAptCollector::fallbackOnlyWithoutApt()
{
    auto marker = std::make_unique<MarkerCollector>();
    MarkerCollector *fallback = marker.get();
    AptCollector collector(60s, QStringLiteral("/nonexistent/steward-apt-scan"));
    collector.setFallback(std::move(marker));
    FakeCommandRunner runner;

    const auto withoutApt = collector.collect(CollectContext{tree("no-apt"), &runner});
    QVERIFY(withoutApt.ok());
    QCOMPARE(withoutApt.value().toMap().value(QStringLiteral("manager")).toString(), QStringLiteral("dnf"));
    QCOMPARE(fallback->calls, 1);

    runner.setResult(QStringLiteral("/nonexistent/steward-apt-scan"), FakeCommandRunner::succeeding(scanOutput));
    const auto withApt = collector.collect(CollectContext{tree("has-apt"), &runner});
    QVERIFY2(withApt.ok(), describe(withApt).constData());
    QCOMPARE(withApt.value().toMap().value(QStringLiteral("manager")).toString(), QStringLiteral("apt"));
    QCOMPARE(fallback->calls, 1);
    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().at(0).args, QStringList({QStringLiteral("--root"), tree("has-apt")}));
    QCOMPARE(runner.calls().at(0).timeout, std::chrono::milliseconds(60s));
}

void TestAptCollector::commandFailures_data()
{
    QTest::addColumn<CommandResult>("result");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("timeout") << FakeCommandRunner::timingOut() << QStringLiteral("apt.timeout")
                             << QStringLiteral("did not finish");
    CommandResult notStarted;
    notStarted.failedToStart = true;
    QTest::newRow("not startable") << notStarted << QStringLiteral("apt.failed")
                                   << QStringLiteral("could not be started");
    QTest::newRow("unreadable cache") << FakeCommandRunner::failing(
        3,
        "W: You may want to run apt-get update to correct these problems\n"
        "E: The package cache file is corrupted\n")
                                      << QStringLiteral("apt.cache-unreadable")
                                      << QStringLiteral("E: The package cache file is corrupted");
    QTest::newRow("broken system") << FakeCommandRunner::failing(4, "E: Unmet dependencies.\n")
                                   << QStringLiteral("apt.unresolvable") << QStringLiteral("Unmet dependencies");
    QTest::newRow("crash") << FakeCommandRunner::failing(139, QByteArray()) << QStringLiteral("apt.failed")
                           << QStringLiteral("139");
    QTest::newRow("garbage") << FakeCommandRunner::succeeding("Segmentation fault\n")
                             << QStringLiteral("apt.unparseable") << QStringLiteral("format");
    QTest::newRow("empty output") << FakeCommandRunner::succeeding(QByteArray()) << QStringLiteral("apt.unparseable")
                                  << QStringLiteral("format");
}

void TestAptCollector::commandFailures()
{
    QFETCH(CommandResult, result);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("steward-apt-scan"), result);
    const auto collected =
        AptCollector(5min, QStringLiteral("steward-apt-scan")).collect(CollectContext{tree("has-apt"), &runner});
    QVERIFY(!collected.ok());
    QCOMPARE(collected.error().code, code);
    QVERIFY2(collected.error().message.contains(messagePart), qPrintable(collected.error().message));
}

void TestAptCollector::hangingCommandIsAnErrorNotAHang()
{
    SleepingRunner runner;
    QElapsedTimer timer;
    timer.start();
    const auto result = AptCollector(200ms, m_scanner).collect(CollectContext{tree("has-apt"), &runner});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("apt.timeout"));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestAptCollector::reuseGivesTheSameAnswer()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    waitUntilSettled({tree("debian"), m_scanner});

    const auto first = scan(tree("debian"), state.path());
    QVERIFY2(first.ok(), describe(first).constData());
    QCOMPARE(names(first.value().pending, false), debianPending);
    const QString reuse = reuseFileIn(state.path());
    struct stat info = {};
    QCOMPARE(stat(QFile::encodeName(reuse).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0600));

    const auto second = scan(tree("debian"), state.path());
    QVERIFY2(second.ok(), describe(second).constData());
    QCOMPARE(second.value().pending, first.value().pending);
    QCOMPARE(second.value().securityCount(), 4);
}

// Time-independent proof that a second scan is answered from the file: a
// stored answer under an unchanged key is what the helper prints.
void TestAptCollector::reusedScanComesFromTheFile()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    waitUntilSettled({tree("debian"), m_scanner});
    QVERIFY(scan(tree("debian"), state.path()).ok());
    std::optional<AptScanReuseFile> kept = readReuseFile(reuseFileIn(state.path()));
    QVERIFY(kept);

    kept->output = "steward-apt-scan 1\nP\tmarker-package\t1\t2\t\t\t\t0\nE\t1\n";
    std::string error;
    QVERIFY2(kept->write(QFile::encodeName(reuseFileIn(state.path())).toStdString(), error), error.c_str());
    const auto reused = scan(tree("debian"), state.path());
    QVERIFY2(reused.ok(), describe(reused).constData());
    QCOMPARE(names(reused.value().pending, false), list({"marker-package"}));
}

void TestAptCollector::reuseIsNeverStale_data()
{
    QTest::addColumn<QString>("file"); // below the root
    QTest::addColumn<QByteArray>("content"); // null: remove the file
    QTest::addColumn<QStringList>("pending");

    // Same size, same inode: only the timestamps can tell.
    const QByteArray status = contents(tree("debian") + QStringLiteral("/var/lib/dpkg/status"));
    const QByteArray upgraded = QByteArray(status).replace("Version: 2024a-0+deb12u1", "Version: 2025b-0+deb12u1");
    QVERIFY(upgraded != status && upgraded.size() == status.size());
    QTest::newRow("dpkg status: tzdata installed in the candidate version")
        << QStringLiteral("var/lib/dpkg/status") << upgraded
        << list({"base-files", "libssl3", "linux-image-6.1.0-20-amd64", "linux-image-amd64", "openssl"});
    QTest::newRow("lists: the security index removed") << QStringLiteral(
        "var/lib/apt/lists/_srv_mirror_debian-security_dists_bookworm-security_main_binary-amd64_Packages")
                                                       << QByteArray() << list({"base-files", "tzdata"});
    QTest::newRow("sources.list: the security archive dropped")
        << QStringLiteral("etc/apt/sources.list")
        << QByteArray("deb [trusted=yes] file:/srv/mirror/debian bookworm main\n") << list({"base-files", "tzdata"});
    QTest::newRow("apt.conf.d: holds ignored")
        << QStringLiteral("etc/apt/apt.conf.d/50ignore-hold") << QByteArray("APT::Ignore-Hold \"true\";\n")
        << (QStringList(debianPending) << QStringLiteral("nginx"));
    QTest::newRow("preferences.d: a pin keeps tzdata back")
        << QStringLiteral("etc/apt/preferences.d/tzdata")
        << QByteArray("Package: tzdata\nPin: version 2025b*\nPin-Priority: -1\n")
        << list({"base-files", "libssl3", "linux-image-6.1.0-20-amd64", "linux-image-amd64", "openssl"});
}

// Each row changes one input so that the answer changes: a key that missed
// that input would hand back the kept, stale answer.
void TestAptCollector::reuseIsNeverStale()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, pending);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.filePath(QStringLiteral("root"));
    const QString state = dir.filePath(QStringLiteral("state"));
    QVERIFY(copyTree(tree("debian"), root));
    QVERIFY(QDir().mkpath(state));
    waitUntilSettled({root, m_scanner});

    const auto before = scan(root, state);
    QVERIFY2(before.ok(), describe(before).constData());
    QCOMPARE(names(before.value().pending, false), debianPending);
    QVERIFY(readReuseFile(reuseFileIn(state))); // kept: the next scan could reuse it

    const QString path = root + u'/' + file;
    QVERIFY(content.isNull() ? QFile::remove(path) : overwrite(path, content));
    // Settled again, so that only the key can tell the change.
    waitUntilSettled({root});

    const auto after = scan(root, state);
    QVERIFY2(after.ok(), describe(after).constData());
    QStringList expected = pending;
    expected.sort();
    QCOMPARE(names(after.value().pending, false), expected);
}

void TestAptCollector::damagedReuseFileIsReplaced_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("garbage") << QStringLiteral("garbage");
    QTest::newRow("empty") << QStringLiteral("empty");
    QTest::newRow("truncated") << QStringLiteral("truncated");
    QTest::newRow("changed byte in the output") << QStringLiteral("changed byte");
    QTest::newRow("a directory") << QStringLiteral("directory");
}

void TestAptCollector::damagedReuseFileIsReplaced()
{
    QFETCH(QString, damage);
    QTemporaryDir state;
    QVERIFY(state.isValid());
    const QString reuse = reuseFileIn(state.path());
    waitUntilSettled({tree("debian"), m_scanner});
    QVERIFY(scan(tree("debian"), state.path()).ok());
    const QByteArray valid = contents(reuse);
    QVERIFY(!valid.isEmpty());

    if (damage == QLatin1String("directory")) {
        QVERIFY(QFile::remove(reuse));
        QVERIFY(QDir().mkpath(reuse));
    } else {
        QByteArray damaged;
        if (damage == QLatin1String("garbage")) {
            damaged = QByteArray::fromHex("7f454c460201010000000000") + "garbage\xff\xfe";
        } else if (damage == QLatin1String("truncated")) {
            damaged = valid.left(valid.size() - 30);
        } else if (damage == QLatin1String("changed byte")) {
            damaged = valid;
            const qsizetype at = damaged.indexOf("\nP\ttzdata\t");
            QVERIFY(at > 0);
            damaged[at + 8] = 'b'; // "tzdatb": served, it would be a wrong answer
        }
        QVERIFY(overwrite(reuse, damaged));
    }

    const auto status = scan(tree("debian"), state.path());
    QVERIFY2(status.ok(), describe(status).constData());
    QCOMPARE(names(status.value().pending, false), debianPending);
    if (damage != QLatin1String("directory")) { // rename() cannot replace a directory with a file
        QCOMPARE(contents(reuse), valid);
    }
}

void TestAptCollector::unwritableReuseFileIsNoError()
{
    // Below a regular file: unwritable even for root.
    QTemporaryFile blocker;
    QVERIFY(blocker.open());
    const QString state = blocker.fileName() + QStringLiteral("/state");

    const auto status = scan(tree("debian"), state);
    QVERIFY2(status.ok(), describe(status).constData());
    QCOMPARE(names(status.value().pending, false), debianPending);

    QProcess helper;
    helper.start(m_scanner, {QStringLiteral("--root"), tree("debian"), QStringLiteral("--reuse"), reuseFileIn(state)});
    QVERIFY(helper.waitForFinished(60000));
    QCOMPARE(helper.exitCode(), 0);
    QVERIFY(AptCollector::parseScan(helper.readAllStandardOutput()).ok());
    const QString errors = QString::fromUtf8(helper.readAllStandardError());
    QVERIFY2(errors.startsWith(QLatin1String("W: ")) && errors.contains(reuseFileIn(state)), qPrintable(errors));
}

void TestAptCollector::errorsAreNeverKept()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    waitUntilSettled({tree("corrupt-status"), m_scanner});
    for (int run = 0; run < 2; ++run) {
        const auto status = scan(tree("corrupt-status"), state.path());
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, QStringLiteral("apt.cache-unreadable"));
    }
    QVERIFY(!QFileInfo::exists(reuseFileIn(state.path())));
}

// On the machine running the tests, whatever its state: the collector's
// pending set and security subset equal what apt-get itself simulates.
void TestAptCollector::realMachineMatchesIndependentRun()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/apt-get")).isFile()) {
        QSKIP("apt-get is not installed on this machine");
    }

    ProcessCommandRunner runner;
    const auto status = AptCollector(4min, m_scanner).collectStatus(CollectContext{QStringLiteral("/"), &runner});
    QVERIFY2(status.ok(), describe(status).constData());
    QCOMPARE(status.value().manager, QStringLiteral("apt"));

    // Independent reading of apt-get's simulation, deliberately naive.
    QProcess apt;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    apt.setProcessEnvironment(env);
    apt.start(QStringLiteral("apt-get"), list({"-s", "-o", "Debug::NoLocking=1", "dist-upgrade"}));
    QVERIFY(apt.waitForFinished(240000));
    QCOMPARE(apt.exitCode(), 0);
    const QString output = QString::fromUtf8(apt.readAllStandardOutput());

    static const QRegularExpression inst(QStringLiteral(R"(^Inst (\S+) .*\(([^)]*)\))"),
                                         QRegularExpression::MultilineOption);
    QSet<QString> expectedPending;
    QSet<QString> expectedSecurity;
    QRegularExpressionMatchIterator it = inst.globalMatch(output);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        expectedPending.insert(match.captured(1));
        if (match.captured(2).contains(QLatin1String("-security"), Qt::CaseInsensitive)) {
            expectedSecurity.insert(match.captured(1));
        }
    }

    const QStringList pendingList = names(status.value().pending, false);
    const QStringList securityList = names(status.value().pending, true);
    const QSet<QString> pending(pendingList.cbegin(), pendingList.cend());
    const QSet<QString> security(securityList.cbegin(), securityList.cend());
    qInfo() << "this machine:" << pending.size() << "pending," << security.size() << "security";
    QCOMPARE(pending.size(), pendingList.size()); // no duplicates
    QCOMPARE(pending, expectedPending);
    QCOMPARE(security, expectedSecurity);
    QCOMPARE(status.value().securityCount(), qsizetype(expectedSecurity.size()));

    QStringList sorted = pendingList;
    sorted.sort();
    QCOMPARE(pendingList, sorted);
}

QTEST_GUILESS_MAIN(TestAptCollector)
#include "TestAptCollector.moc"
