// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ResultDescription.h"
#include "clamav/AntivirusCollector.h"
#include "clamav/AntivirusProduct.h"
#include "clamav/ClamavCollector.h"
#include "mdatp/MdatpCollector.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
// A .cvd as freshclam stores it: a 512-byte space-padded ASCII header, then a
// gzipped tarball (only its magic matters here).
QByteArray databaseFile(const QByteArray &header)
{
    QByteArray data = header.leftJustified(512, ' ', true);
    data += QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    data += QByteArray(2048, '\xa5');
    return data;
}

// Real-world layout: build time, version, signatures, functionality level,
// MD5, digital signature, builder, build time in epoch seconds.
const QByteArray s_mainHeader =
    "ClamAV-VDB:16 Sep 2021 08-32 +0000:62:6647427:90:e8b3d0a2c4f7b9e1a3c5d7f9b1e3a5c7"
    ":Lv8ROmdTJOGjmV3bBQXi5EUvk9mHcKfsR9v2Wx0lGdO3tN6pYqJ2zAs1KtHuE4fMc7rVn0bXa9sD8yQwPeLjIh"
    ":sigmgr:1631781120";
const QByteArray s_dailyHeader =
    "ClamAV-VDB:17 Nov 2023 07-32 +0000:27097:2046539:90:c6b5f0a9d8e7f6a5b4c3d2e1f0a9b8c7"
    ":X2pLwQ9rT4vN8mK3jH6gF1dS5aZ0xC7bV4nM2lK9jH8gF3dS6aP1oI5uY7tR4eW2qQ9zX3cV6bN8mL1kJ"
    ":raynman:1700206320";
const QByteArray s_bytecodeHeader =
    "ClamAV-VDB:01 Mar 2023 09-04 +0000:334:91:90:0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    ":Pq7Wx2Yz5Ab8Cd1Ef4Gh7Ij0Kl3Mn6Op9Qr2St5Uv8Wx1Yz4Ab7Cd0Ef3Gh6Ij9Kl2Mn5Op8Qr1St4Uv7"
    ":raynman:1677661440";

class Tree
{
public:
    bool isValid() const
    {
        return m_dir.isValid();
    }
    QString root() const
    {
        return m_dir.path();
    }
    void write(const QString &relative, const QByteArray &data)
    {
        const QString path = m_dir.filePath(relative);
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(data), data.size());
    }
    void database(const char *fileName, const QByteArray &header)
    {
        write(QStringLiteral("var/lib/clamav/") + QLatin1String(fileName), databaseFile(header));
    }
    void process(int pid, const char *comm)
    {
        write(QStringLiteral("proc/%1/comm").arg(pid), QByteArray(comm) + '\n');
    }
    void copy(const QString &fixture, const QString &relative)
    {
        QFile source(QStringLiteral(COLLECTORS_FIXTURES_DIR "/clamav/") + fixture);
        QVERIFY(source.open(QIODevice::ReadOnly));
        write(relative, source.readAll());
    }
    void setModified(const QString &relative, qint64 epoch)
    {
        QFile file(m_dir.filePath(relative));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC), QFileDevice::FileModificationTime));
    }

private:
    QTemporaryDir m_dir;
};
} // namespace

class TestClamavCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parseHeaderTime_data();
    void parseHeaderTime();
    void parseDatabaseHeader_data();
    void parseDatabaseHeader();
    void fullInstallation();
    void newestOfCvdAndCld();
    void oneCorruptDatabaseIsSkipped();
    void allDatabasesCorruptIsAnError();
    void daemonWithoutDatabases();
    void notInstalledIsAValidEmptyResult();
    void installedButStoppedWithoutOnAccess();

    void parseConfig();
    void parseVersionOutput_data();
    void parseVersionOutput();
    void parseFreshclamLog_data();
    void parseFreshclamLog();
    void onAccess_data();
    void onAccess();
    void configuredDirectoriesAndLog();
    void lastSuccessFallsBackToDatabaseTime();
    void engineVersionFromClamd();
    void engineVersionFailures_data();
    void engineVersionFailures();
    void binaryWithoutDatabasesIsAProduct();

    void antivirusMergesProducts();
    void antivirusFailsWhenAProductFails();
};

void TestClamavCollector::initTestCase()
{
    // freshclam logs in local time.
    qputenv("TZ", "UTC");
}

void TestClamavCollector::parseHeaderTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: invalid

    QTest::newRow("utc") << QStringLiteral("14 Nov 2026 08-20 +0000") << Q_INT64_C(1794644400);
    QTest::newRow("east of utc") << QStringLiteral("14 Nov 2026 10-20 +0200") << Q_INT64_C(1794644400);
    QTest::newRow("west of utc") << QStringLiteral("14 Nov 2026 01-20 -0700") << Q_INT64_C(1794644400);
    QTest::newRow("half-hour zone") << QStringLiteral("14 Nov 2026 13-50 +0530") << Q_INT64_C(1794644400);
    QTest::newRow("leading zero day") << QStringLiteral("01 Mar 2023 09-04 +0000") << Q_INT64_C(1677661440);
    QTest::newRow("leap day") << QStringLiteral("29 Feb 2024 23-59 +0000") << Q_INT64_C(1709251140);
    QTest::newRow("no such date") << QStringLiteral("31 Feb 2024 10-00 +0000") << Q_INT64_C(-1);
    QTest::newRow("colon in time") << QStringLiteral("14 Nov 2026 08:20 +0000") << Q_INT64_C(-1);
    QTest::newRow("no zone") << QStringLiteral("14 Nov 2026 08-20") << Q_INT64_C(-1);
    QTest::newRow("bad zone") << QStringLiteral("14 Nov 2026 08-20 +9999") << Q_INT64_C(-1);
    QTest::newRow("localized month") << QStringLiteral("14 Noy 2026 08-20 +0000") << Q_INT64_C(-1);
    QTest::newRow("empty") << QString() << Q_INT64_C(-1);
}

void TestClamavCollector::parseHeaderTime()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    QCOMPARE(ClamavCollector::parseHeaderTime(text).value_or(-1), expected);
}

void TestClamavCollector::parseDatabaseHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("version"); // -1: invalid header
    QTest::addColumn<qint64>("buildTime");

    QTest::newRow("daily with epoch") << databaseFile(s_dailyHeader) << Q_INT64_C(27097) << Q_INT64_C(1700206320);
    // The epoch field is authoritative even when the text disagrees with it.
    QTest::newRow("epoch wins") << databaseFile(
        "ClamAV-VDB:17 Nov 2023 07-32 +0000:27098:10:90:md5:dsig:builder:1700300000")
                                << Q_INT64_C(27098) << Q_INT64_C(1700300000);
    QTest::newRow("old header without epoch")
        << databaseFile("ClamAV-VDB:14 Nov 2026 10-20 +0200:27500:2046600:90:md5:dsig:builder") << Q_INT64_C(27500)
        << Q_INT64_C(1794644400);
    QTest::newRow("non-numeric epoch") << databaseFile(
        "ClamAV-VDB:14 Nov 2026 08-20 +0000:27500:1:90:md5:dsig:builder:soon")
                                       << Q_INT64_C(27500) << Q_INT64_C(1794644400);
    QTest::newRow("header only, no body") << s_mainHeader << Q_INT64_C(62) << Q_INT64_C(1631781120);
    QTest::newRow("wrong magic") << databaseFile("ClamAV-XYZ:14 Nov 2026 08-20 +0000:1:1:90:m:d:b:1") << Q_INT64_C(-1)
                                 << Q_INT64_C(0);
    QTest::newRow("bad version") << databaseFile("ClamAV-VDB:14 Nov 2026 08-20 +0000:abc:1:90:m:d:b:1") << Q_INT64_C(-1)
                                 << Q_INT64_C(0);
    QTest::newRow("truncated") << QByteArray("ClamAV-VDB:14 Nov 2026") << Q_INT64_C(-1) << Q_INT64_C(0);
    QTest::newRow("bad time, no epoch") << databaseFile("ClamAV-VDB:yesterday:27500:1:90:m:d:b") << Q_INT64_C(-1)
                                        << Q_INT64_C(0);
    QTest::newRow("gzip, not a cvd") << QByteArray("\x1f\x8b\x08\x00\x00\x00", 6) << Q_INT64_C(-1) << Q_INT64_C(0);
}

void TestClamavCollector::parseDatabaseHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, version);
    QFETCH(qint64, buildTime);

    const auto database = ClamavCollector::parseDatabaseHeader(header.left(512), QStringLiteral("daily"));
    if (version < 0) {
        QVERIFY(!database.ok());
        QCOMPARE(database.error().code, QStringLiteral("clamav.database-invalid"));
        return;
    }
    QVERIFY2(database.ok(), describe(database).constData());
    QCOMPARE(database.value().name, QStringLiteral("daily"));
    QCOMPARE(database.value().version, version);
    QCOMPARE(database.value().buildTime, buildTime);
}

void TestClamavCollector::fullInstallation()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("main.cvd", s_mainHeader);
    tree.database("daily.cld", s_dailyHeader);
    tree.database("bytecode.cvd", s_bytecodeHeader);
    tree.write(QStringLiteral("var/lib/clamav/freshclam.dat"), QByteArray(64, '\0'));
    tree.process(1, "systemd");
    tree.process(612, "clamd");
    tree.process(613, "freshclam");
    tree.process(980, "clamonacc");
    tree.write(QStringLiteral("proc/sys/kernel/osrelease"), "6.1.0\n"); // not a pid directory
    tree.write(QStringLiteral("etc/clamav/clamd.conf"),
               "LocalSocket /run/clamav/clamd.ctl\nOnAccessIncludePath /home\n");

    const auto result = ClamavCollector().collect(CollectContext{tree.root(), nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    const QCborArray products = result.value().toMap().value(QStringLiteral("products")).toArray();
    QCOMPARE(products.size(), 1);
    const QCborMap clamav = products.at(0).toMap();
    QCOMPARE(clamav.size(), 12);
    QCOMPARE(clamav.value(QStringLiteral("name")).toString(), QStringLiteral("ClamAV"));
    QVERIFY(clamav.value(QStringLiteral("engineVersion")).isNull()); // no clamd/clamscan binary in this tree
    QVERIFY(clamav.value(QStringLiteral("lastScan")).isNull());
    QCOMPARE(clamav.value(QStringLiteral("freshclamRunning")), QCborValue(true));
    QCOMPARE(clamav.value(QStringLiteral("onAccessConfigured")), QCborValue(true));
    QCOMPARE(clamav.value(QStringLiteral("onAccessRunning")), QCborValue(true));
    QVERIFY(clamav.value(QStringLiteral("freshclamLastSuccess")).toInteger() > 0); // newest database file
    QCOMPARE(clamav.value(QStringLiteral("definitionsVersion")).toString(), QStringLiteral("27097"));
    QCOMPARE(clamav.value(QStringLiteral("definitionsTime")).toInteger(), Q_INT64_C(1700206320));
    QCOMPARE(clamav.value(QStringLiteral("serviceRunning")), QCborValue(true));
    QCOMPARE(clamav.value(QStringLiteral("realTimeProtection")), QCborValue(true));

    const QCborArray databases = clamav.value(QStringLiteral("databases")).toArray();
    QCOMPARE(databases.size(), 3);
    const QCborMap expectedMain{{QStringLiteral("name"), QStringLiteral("main")},
                                {QStringLiteral("version"), 62},
                                {QStringLiteral("buildTime"), Q_INT64_C(1631781120)}};
    QCOMPARE(databases.at(0).toMap(), expectedMain);
    QCOMPARE(databases.at(1).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("daily"));
    QCOMPARE(databases.at(1).toMap().value(QStringLiteral("version")).toInteger(), 27097);
    QCOMPARE(databases.at(2).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("bytecode"));
    QCOMPARE(databases.at(2).toMap().value(QStringLiteral("buildTime")).toInteger(), Q_INT64_C(1677661440));
}

void TestClamavCollector::newestOfCvdAndCld()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("daily.cvd", "ClamAV-VDB:16 Nov 2023 07-32 +0000:27096:1:90:m:d:b:1700119920");
    tree.database("daily.cld", s_dailyHeader);
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), nullptr});
    QVERIFY(products.ok());
    QCOMPARE(products.value().size(), 1);
    QCOMPARE(products.value().at(0).databases.size(), 1);
    QCOMPARE(products.value().at(0).databases.at(0).version, 27097);
    QCOMPARE(products.value().at(0).definitionsVersion, std::optional<QString>(QStringLiteral("27097")));
    QVERIFY(!products.value().at(0).serviceRunning);
}

void TestClamavCollector::oneCorruptDatabaseIsSkipped()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("main.cvd", s_mainHeader);
    tree.database("bytecode.cvd", s_bytecodeHeader);
    tree.write(QStringLiteral("var/lib/clamav/daily.cvd"), QByteArray("<html>404</html>"));
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), nullptr});
    QVERIFY(products.ok());
    const AntivirusProduct &clamav = products.value().at(0);
    QCOMPARE(clamav.databases.size(), 2);
    // Without daily, the highest version stands for the definitions, and
    // the time is the newest build among the rest.
    QCOMPARE(clamav.definitionsVersion, std::optional<QString>(QStringLiteral("334")));
    QCOMPARE(clamav.definitionsTime, std::optional<qint64>(1677661440));
}

void TestClamavCollector::allDatabasesCorruptIsAnError()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.write(QStringLiteral("var/lib/clamav/daily.cvd"), QByteArray());
    tree.write(QStringLiteral("var/lib/clamav/main.cvd"), QByteArray("ClamAV-VDB:garbage"));
    tree.process(77, "clamd");
    const auto result = ClamavCollector().collect(CollectContext{tree.root(), nullptr});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("clamav.database-invalid"));
}

void TestClamavCollector::daemonWithoutDatabases()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.process(77, "clamd");
    const auto result = ClamavCollector().collect(CollectContext{tree.root(), nullptr});
    QVERIFY(result.ok());
    const QCborMap clamav = result.value().toMap().value(QStringLiteral("products")).toArray().at(0).toMap();
    QCOMPARE(clamav.value(QStringLiteral("serviceRunning")), QCborValue(true));
    QCOMPARE(clamav.value(QStringLiteral("realTimeProtection")), QCborValue(false));
    QVERIFY(clamav.value(QStringLiteral("definitionsVersion")).isNull());
    QVERIFY(clamav.value(QStringLiteral("definitionsTime")).isNull());
    QCOMPARE(clamav.value(QStringLiteral("databases")).toArray().size(), 0);
}

void TestClamavCollector::notInstalledIsAValidEmptyResult()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.process(1, "systemd");
    tree.process(2, "clamdscan-wrapper"); // not clamd
    const auto result = ClamavCollector().collect(CollectContext{tree.root(), nullptr});
    QVERIFY(result.ok());
    const QCborMap expected{{QStringLiteral("products"), QCborArray()}};
    QCOMPARE(result.value().toMap(), expected);
}

void TestClamavCollector::installedButStoppedWithoutOnAccess()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("daily.cvd", s_dailyHeader);
    tree.process(400, "freshclam");
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), nullptr});
    QVERIFY(products.ok());
    QCOMPARE(products.value().size(), 1);
    QVERIFY(!products.value().at(0).serviceRunning);
    QVERIFY(!products.value().at(0).realTimeProtection);
    QCOMPARE(products.value().at(0).definitionsTime, std::optional<qint64>(1700206320));
}

void TestClamavCollector::parseConfig()
{
    const QHash<QString, QStringList> config = ClamavCollector::parseConfig(
        "# comment\n"
        "LocalSocket /var/run/clamav/clamd.ctl\n"
        "  DatabaseDirectory   /srv/clamav-db  \n"
        "#OnAccessMountPath /\n"
        "OnAccessIncludePath /home\n"
        "OnAccessIncludePath \"/srv/shared files\"\n"
        "Foreground\n"
        "\n");
    QCOMPARE(config.value(QStringLiteral("DatabaseDirectory")), QStringList({QStringLiteral("/srv/clamav-db")}));
    QCOMPARE(config.value(QStringLiteral("OnAccessIncludePath")),
             QStringList({QStringLiteral("/home"), QStringLiteral("/srv/shared files")}));
    QCOMPARE(config.value(QStringLiteral("Foreground")), QStringList({QString()}));
    QVERIFY(!config.contains(QStringLiteral("OnAccessMountPath")));
    QCOMPARE(config.size(), 4);
    QVERIFY(ClamavCollector::parseConfig(QByteArray()).isEmpty());
}

void TestClamavCollector::parseVersionOutput_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("expected"); // empty: unparseable

    QTest::newRow("with databases") << QByteArray("ClamAV 1.0.3/27097/Fri Nov 17 08:32:00 2023\n")
                                    << QStringLiteral("1.0.3");
    QTest::newRow("without databases") << QByteArray("ClamAV 0.103.11\n") << QStringLiteral("0.103.11");
    QTest::newRow("release candidate") << QByteArray("ClamAV 1.3.0-rc/27200/Mon Feb  5 08:20:00 2024\n")
                                       << QStringLiteral("1.3.0-rc");
    QTest::newRow("error") << QByteArray("clamd: unrecognized option '--version'\n") << QString();
    QTest::newRow("no version") << QByteArray("ClamAV /27097/Fri Nov 17 08:32:00 2023\n") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestClamavCollector::parseVersionOutput()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, expected);
    QCOMPARE(ClamavCollector::parseVersionOutput(output).value_or(QString()), expected);
}

void TestClamavCollector::parseFreshclamLog_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<qint64>("expected"); // -1: no success in the log

    QFile fixture(QStringLiteral(COLLECTORS_FIXTURES_DIR "/clamav/freshclam.log"));
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    const QByteArray recorded = fixture.readAll();
    // The last success is "Database updated"; the failed run after it does not count.
    QTest::newRow("recorded") << recorded << Q_INT64_C(1700209930);
    QTest::newRow("up to date only") << recorded.left(recorded.indexOf("-----", 50)) << Q_INT64_C(1700119923);
    QTest::newRow("padded day") << QByteArray(
        "Tue Nov  7 08:32:04 2023 -> daily.cvd database is up-to-date (version: "
        "27087, sigs: 2045000, f-level: 90, builder: raynman)\n")
                                << Q_INT64_C(1699345924);
    QTest::newRow("errors only") << recorded.mid(recorded.lastIndexOf("-----")) << Q_INT64_C(-1);
    QTest::newRow("no LogTime") << QByteArray("daily.cld database is up-to-date (version: 27097, sigs: 2046539)\n")
                                << Q_INT64_C(-1);
    QTest::newRow("warning mentioning up-to-date")
        << QByteArray("Fri Nov 17 09:00:00 2023 -> WARNING: main.cvd is up-to-date but older than 30 days\n")
        << Q_INT64_C(-1);
    QTest::newRow("bad time") << QByteArray("Fri Nov 32 09:00:00 2023 -> daily.cld updated (version: 27098)\n")
                              << Q_INT64_C(-1);
    QTest::newRow("empty") << QByteArray() << Q_INT64_C(-1);
}

void TestClamavCollector::parseFreshclamLog()
{
    QFETCH(QByteArray, log);
    QFETCH(qint64, expected);
    QCOMPARE(ClamavCollector::parseFreshclamLog(log).value_or(-1), expected);
}

void TestClamavCollector::onAccess_data()
{
    QTest::addColumn<QString>("configPath");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QStringList>("processes");
    QTest::addColumn<bool>("configured");
    QTest::addColumn<bool>("running");
    QTest::addColumn<bool>("realTime");

    const QString debian = QStringLiteral("etc/clamav/clamd.conf");
    const QStringList both{QStringLiteral("clamd"), QStringLiteral("clamonacc")};
    QTest::newRow("include path, both running")
        << debian << QByteArray("OnAccessIncludePath /home\n") << both << true << true << true;
    QTest::newRow("mount path, both running")
        << debian << QByteArray("OnAccessMountPath /\n") << both << true << true << true;
    QTest::newRow("fedora scan.conf") << QStringLiteral("etc/clamd.d/scan.conf")
                                      << QByteArray("OnAccessIncludePath /home\n") << both << true << true << true;
    QTest::newRow("commented out") << debian << QByteArray("#OnAccessIncludePath /home\n") << both << false << true
                                   << false;
    QTest::newRow("configured, clamonacc stopped") << debian << QByteArray("OnAccessIncludePath /home\n")
                                                   << QStringList{QStringLiteral("clamd")} << true << false << false;
    // clamonacc only watches; without clamd nothing is scanned.
    QTest::newRow("configured, clamd stopped") << debian << QByteArray("OnAccessIncludePath /home\n")
                                               << QStringList{QStringLiteral("clamonacc")} << true << true << false;
    QTest::newRow("no config") << QString() << QByteArray() << both << false << true << false;
}

void TestClamavCollector::onAccess()
{
    QFETCH(QString, configPath);
    QFETCH(QByteArray, config);
    QFETCH(QStringList, processes);
    QFETCH(bool, configured);
    QFETCH(bool, running);
    QFETCH(bool, realTime);

    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("daily.cvd", s_dailyHeader);
    if (!configPath.isEmpty()) {
        tree.write(configPath, config);
    }
    for (qsizetype i = 0; i < processes.size(); ++i) {
        tree.process(int(100 + i), processes.at(i).toLatin1().constData());
    }
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), nullptr});
    QVERIFY2(products.ok(), describe(products).constData());
    const AntivirusProduct &clamav = products.value().at(0);
    QCOMPARE(clamav.extras.value(QStringLiteral("onAccessConfigured")), QCborValue(configured));
    QCOMPARE(clamav.extras.value(QStringLiteral("onAccessRunning")), QCborValue(running));
    QCOMPARE(clamav.realTimeProtection, realTime);
}

void TestClamavCollector::configuredDirectoriesAndLog()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.copy(QStringLiteral("clamd.conf"), QStringLiteral("etc/clamav/clamd.conf"));
    tree.copy(QStringLiteral("freshclam.conf"), QStringLiteral("etc/clamav/freshclam.conf"));
    tree.copy(QStringLiteral("freshclam.log"), QStringLiteral("var/log/clamav/freshclam.log"));
    // DatabaseDirectory /srv/clamav-db: the default directory holds a stale copy.
    tree.write(QStringLiteral("srv/clamav-db/daily.cld"), databaseFile(s_dailyHeader));
    tree.write(QStringLiteral("srv/clamav-db/main.cvd"), databaseFile(s_mainHeader));
    tree.database("daily.cvd", "ClamAV-VDB:01 Jan 2023 07-32 +0000:26770:1:90:m:d:b:1672558320");
    tree.process(612, "clamd");

    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), nullptr});
    QVERIFY2(products.ok(), describe(products).constData());
    const QCborMap clamav = products.value().at(0).toCbor();
    QCOMPARE(clamav.value(QStringLiteral("definitionsVersion")).toString(), QStringLiteral("27097"));
    QCOMPARE(clamav.value(QStringLiteral("definitionsTime")).toInteger(), Q_INT64_C(1700206320));
    QCOMPARE(clamav.value(QStringLiteral("databases")).toArray().size(), 2);
    QCOMPARE(clamav.value(QStringLiteral("freshclamLastSuccess")).toInteger(), Q_INT64_C(1700209930));
    QCOMPARE(clamav.value(QStringLiteral("freshclamRunning")), QCborValue(false));
    QCOMPARE(clamav.value(QStringLiteral("onAccessConfigured")), QCborValue(true));
    QCOMPARE(clamav.value(QStringLiteral("onAccessRunning")), QCborValue(false));
    QCOMPARE(clamav.value(QStringLiteral("realTimeProtection")), QCborValue(false));
    QCOMPARE(clamav.value(QStringLiteral("serviceRunning")), QCborValue(true));
}

void TestClamavCollector::lastSuccessFallsBackToDatabaseTime()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("daily.cvd", s_dailyHeader);
    tree.database("main.cvd", s_mainHeader);
    tree.setModified(QStringLiteral("var/lib/clamav/daily.cvd"), 1700300000);
    tree.setModified(QStringLiteral("var/lib/clamav/main.cvd"), 1690000000);
    tree.write(QStringLiteral("var/log/clamav/freshclam.log"),
               "Fri Nov 17 09:32:34 2023 -> ERROR: Database update process failed: Connection failed\n");
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), nullptr});
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().at(0).extras.value(QStringLiteral("freshclamLastSuccess")).toInteger(),
             Q_INT64_C(1700300000));
}

void TestClamavCollector::engineVersionFromClamd()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("daily.cvd", s_dailyHeader);
    tree.write(QStringLiteral("usr/sbin/clamd"), "ELF");
    tree.write(QStringLiteral("usr/bin/clamscan"), "ELF");
    const QString clamd = QDir(tree.root()).filePath(QStringLiteral("usr/sbin/clamd"));
    FakeCommandRunner runner;
    runner.setResult(clamd, FakeCommandRunner::succeeding("ClamAV 1.0.3/27097/Fri Nov 17 08:32:00 2023\n"));
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), &runner});
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().at(0).engineVersion, std::optional<QString>(QStringLiteral("1.0.3")));
    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().at(0).program, clamd);
    QCOMPARE(runner.calls().at(0).args, QStringList{QStringLiteral("--version")});
    QCOMPARE(runner.calls().at(0).timeout, std::chrono::milliseconds(15000));
}

void TestClamavCollector::engineVersionFailures_data()
{
    QTest::addColumn<int>("kind"); // 0 timeout, 1 exit code, 2 garbage, 3 no runner, 4 cannot start
    QTest::addColumn<QString>("code");

    QTest::newRow("timeout") << 0 << QStringLiteral("clamav.timeout");
    QTest::newRow("exit code") << 1 << QStringLiteral("clamav.failed");
    QTest::newRow("garbage") << 2 << QStringLiteral("clamav.unparseable");
    QTest::newRow("no runner") << 3 << QStringLiteral("clamav.failed");
    QTest::newRow("cannot start") << 4 << QStringLiteral("clamav.failed");
}

void TestClamavCollector::engineVersionFailures()
{
    QFETCH(int, kind);
    QFETCH(QString, code);
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("daily.cvd", s_dailyHeader);
    tree.write(QStringLiteral("usr/bin/clamscan"), "ELF");
    const QString clamscan = QDir(tree.root()).filePath(QStringLiteral("usr/bin/clamscan"));
    FakeCommandRunner runner;
    if (kind == 0) {
        runner.setResult(clamscan, FakeCommandRunner::timingOut());
    } else if (kind == 1) {
        runner.setResult(
            clamscan,
            FakeCommandRunner::failing(1, "LibClamAV Error: cli_loaddbdir(): No supported database files found\n"));
    } else if (kind == 2) {
        runner.setResult(clamscan, FakeCommandRunner::succeeding("Segmentation fault\n"));
    }
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), kind == 3 ? nullptr : &runner});
    QVERIFY(!products.ok());
    QCOMPARE(products.error().code, code);
    QVERIFY(!products.error().message.isEmpty());
}

void TestClamavCollector::binaryWithoutDatabasesIsAProduct()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.write(QStringLiteral("usr/bin/clamscan"), "ELF");
    FakeCommandRunner runner;
    runner.setResult(QDir(tree.root()).filePath(QStringLiteral("usr/bin/clamscan")),
                     FakeCommandRunner::succeeding("ClamAV 1.0.3\n"));
    const auto products = ClamavCollector().collectProducts(CollectContext{tree.root(), &runner});
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 1);
    const QCborMap clamav = products.value().at(0).toCbor();
    QCOMPARE(clamav.value(QStringLiteral("engineVersion")).toString(), QStringLiteral("1.0.3"));
    QVERIFY(clamav.value(QStringLiteral("definitionsTime")).isNull());
    QVERIFY(clamav.value(QStringLiteral("freshclamLastSuccess")).isNull());
    QCOMPARE(clamav.value(QStringLiteral("serviceRunning")), QCborValue(false));
}

void TestClamavCollector::antivirusMergesProducts()
{
    Tree tree;
    QVERIFY(tree.isValid());
    AntivirusCollector empty;
    QCOMPARE(empty.name(), QStringLiteral("antivirus"));
    const auto none = empty.collect(CollectContext{tree.root(), nullptr});
    QVERIFY2(none.ok(), describe(none).constData());
    QCOMPARE(none.value().toMap(), (QCborMap{{QStringLiteral("products"), QCborArray()}}));

    tree.database("daily.cvd", s_dailyHeader);
    tree.write(QStringLiteral("usr/bin/mdatp"), "#!/bin/sh\n");
    QFile health(QStringLiteral(COLLECTORS_FIXTURES_DIR "/mdatp/health.json"));
    QVERIFY(health.open(QIODevice::ReadOnly));
    FakeCommandRunner runner;
    runner.setResult(QDir(tree.root()).filePath(QStringLiteral("usr/bin/mdatp")),
                     FakeCommandRunner::succeeding(health.readAll()));
    const auto section = AntivirusCollector().collect(CollectContext{tree.root(), &runner});
    QVERIFY2(section.ok(), describe(section).constData());
    const QCborArray products = section.value().toMap().value(QStringLiteral("products")).toArray();
    QCOMPARE(products.size(), 2);
    QCOMPARE(products.at(0).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("ClamAV"));
    QCOMPARE(products.at(1).toMap().value(QStringLiteral("name")).toString(),
             QStringLiteral("Microsoft Defender for Endpoint"));
    QCOMPARE(products.at(1).toMap().value(QStringLiteral("realTimeProtection")), QCborValue(true));
}

void TestClamavCollector::antivirusFailsWhenAProductFails()
{
    Tree tree;
    QVERIFY(tree.isValid());
    tree.database("daily.cvd", s_dailyHeader);
    tree.write(QStringLiteral("usr/bin/mdatp"), "#!/bin/sh\n");
    FakeCommandRunner runner;
    runner.setResult(QDir(tree.root()).filePath(QStringLiteral("usr/bin/mdatp")), FakeCommandRunner::timingOut());
    const auto section = AntivirusCollector().collect(CollectContext{tree.root(), &runner});
    QVERIFY(!section.ok());
    QCOMPARE(section.error().code, QStringLiteral("mdatp.timeout"));
    QVERIFY2(section.error().message.startsWith(QLatin1String("mdatp: ")), qPrintable(section.error().message));

    // Both broken: the first code, every message.
    tree.write(QStringLiteral("var/lib/clamav/daily.cvd"), QByteArray("<html>404</html>"));
    const auto both = AntivirusCollector().collect(CollectContext{tree.root(), &runner});
    QVERIFY(!both.ok());
    QCOMPARE(both.error().code, QStringLiteral("clamav.database-invalid"));
    QVERIFY(both.error().message.contains(QLatin1String("clamav: ")));
    QVERIFY(both.error().message.contains(QLatin1String("; mdatp: ")));
}

QTEST_GUILESS_MAIN(TestClamavCollector)
#include "TestClamavCollector.moc"
