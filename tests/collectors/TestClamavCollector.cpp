// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "ResultDescription.h"
#include "clamav/AntivirusProduct.h"
#include "clamav/ClamavCollector.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;
using steward::agent::testing::describe;

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

private:
    QTemporaryDir m_dir;
};
} // namespace

class TestClamavCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
};

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

    const auto result = ClamavCollector().collect(CollectContext{tree.root(), nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    const QCborArray products = result.value().toMap().value(QStringLiteral("products")).toArray();
    QCOMPARE(products.size(), 1);
    const QCborMap clamav = products.at(0).toMap();
    QCOMPARE(clamav.size(), 6);
    QCOMPARE(clamav.value(QStringLiteral("name")).toString(), QStringLiteral("ClamAV"));
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

QTEST_GUILESS_MAIN(TestClamavCollector)
#include "TestClamavCollector.moc"
