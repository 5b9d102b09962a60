// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using steward::agent::AgentConfig;
using namespace std::chrono_literals;

class TestAgentConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void missingFileGivesDefaults();
    void missingFileRefusedWhenRequired();
    void shippedExampleIsValidAndDefault();
    void readsEverySetting();
    void rejectsBadValues_data();
    void rejectsBadValues();
    void parseDuration_data();
    void parseDuration();

private:
    QString write(const QByteArray &contents);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAgentConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

QString TestAgentConfig::write(const QByteArray &contents)
{
    const QString path = m_dir->filePath(QStringLiteral("agent.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return {};
    }
    file.write(contents);
    return path;
}

void TestAgentConfig::missingFileGivesDefaults()
{
    const auto config = AgentConfig::load(m_dir->filePath(QStringLiteral("none.conf")), false);
    QVERIFY(config.ok());
    QCOMPARE(config.value().patchesInterval, 4h);
    QCOMPARE(config.value().heartbeatInterval, 5min);
    QCOMPARE(config.value().dataDir, QStringLiteral("/var/lib/steward-agent"));
}

void TestAgentConfig::missingFileRefusedWhenRequired()
{
    const auto config = AgentConfig::load(m_dir->filePath(QStringLiteral("none.conf")), true);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, QStringLiteral("config.missing"));
}

void TestAgentConfig::shippedExampleIsValidAndDefault()
{
    // packaging/agent.conf documents every key with its default, commented out.
    const auto shipped = AgentConfig::load(QStringLiteral(STEWARD_SOURCE_DIR "/packaging/agent.conf"), true);
    QVERIFY2(shipped.ok(), shipped.ok() ? "" : qPrintable(shipped.error().message));
    const AgentConfig defaults;
    QCOMPARE(shipped.value().inventoryInterval, defaults.inventoryInterval);
    QCOMPARE(shipped.value().spoolMaxBytes, defaults.spoolMaxBytes);
    QCOMPARE(shipped.value().allowedJobKinds, defaults.allowedJobKinds);
    QCOMPARE(shipped.value().machineRole, defaults.machineRole);
}

void TestAgentConfig::readsEverySetting()
{
    const auto config = AgentConfig::load(
        write("[agent]\ndata-dir=/srv/steward\n"
              "[schedule]\ninventory=2d\ninventory-jitter=30m\npatches=6h\nantivirus=20m\nheartbeat=90s\n"
              "[limits]\ncollector-timeout=45s\nspool-max-size=16M\n"
              "[jobs]\nallowed-kinds=patch,license\nmax-runtime=2h\nmachine-role=server\n"),
        true);
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    const AgentConfig &c = config.value();
    QCOMPARE(c.dataDir, QStringLiteral("/srv/steward"));
    QCOMPARE(c.inventoryInterval, 48h);
    QCOMPARE(c.inventoryJitter, 30min);
    QCOMPARE(c.patchesInterval, 6h);
    QCOMPARE(c.antivirusInterval, 20min);
    QCOMPARE(c.heartbeatInterval, 90s);
    QCOMPARE(c.collectorTimeout, 45s);
    QCOMPARE(c.spoolMaxBytes, 16LL * 1024 * 1024);
    QCOMPARE(c.allowedJobKinds, (QStringList{QStringLiteral("patch"), QStringLiteral("license")}));
    QCOMPARE(c.jobMaxRuntime, 2h);
    QCOMPARE(c.machineRole, QStringLiteral("server"));
}

void TestAgentConfig::rejectsBadValues_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not a duration") << QByteArray("[schedule]\npatches=4x\n")
                                    << QStringLiteral("[schedule] patches: \"4x\" is not a duration");
    QTest::newRow("too frequent") << QByteArray("[schedule]\npatches=1m\n")
                                  << QStringLiteral("[schedule] patches: 1m is outside 15m to 7d");
    QTest::newRow("heartbeat too slow") << QByteArray("[schedule]\nheartbeat=2h\n")
                                        << QStringLiteral("heartbeat: 2h is outside 30s to 1h");
    QTest::newRow("negative") << QByteArray("[schedule]\nantivirus=-5m\n") << QStringLiteral("antivirus");
    QTest::newRow("unknown key") << QByteArray("[schedule]\npatch=4h\n")
                                 << QStringLiteral("[schedule] patch: unknown setting");
    QTest::newRow("relative data dir") << QByteArray("[agent]\ndata-dir=var/lib\n")
                                       << QStringLiteral("must be an absolute path");
    QTest::newRow("bad size") << QByteArray("[limits]\nspool-max-size=lots\n")
                              << QStringLiteral("spool-max-size: \"lots\" is not a size");
    QTest::newRow("tiny spool") << QByteArray("[limits]\nspool-max-size=10K\n") << QStringLiteral("spool-max-size");
    QTest::newRow("machine role") << QByteArray("[jobs]\nmachine-role=laptop\n") << QStringLiteral("machine-role");
    QTest::newRow("job kinds") << QByteArray("[jobs]\nallowed-kinds=patch,rm -rf //\n")
                               << QStringLiteral("allowed-kinds");
    QTest::newRow("jitter over interval")
        << QByteArray("[schedule]\ninventory=2h\ninventory-jitter=3h\n") << QStringLiteral("must not exceed");
}

void TestAgentConfig::rejectsBadValues()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, mentions);
    const auto config = AgentConfig::load(write(contents), true);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, QStringLiteral("config.invalid"));
    QVERIFY2(config.error().message.contains(mentions), qPrintable(config.error().message));
    QVERIFY(config.error().message.contains(QLatin1String("agent.conf"))); // says which file
}

void TestAgentConfig::parseDuration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("seconds") << QStringLiteral("90s") << qint64(90);
    QTest::newRow("plain") << QStringLiteral("120") << qint64(120);
    QTest::newRow("minutes") << QStringLiteral("15m") << qint64(900);
    QTest::newRow("hours") << QStringLiteral(" 4h ") << qint64(14400);
    QTest::newRow("days") << QStringLiteral("1d") << qint64(86400);
    QTest::newRow("garbage") << QStringLiteral("soon") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("two units") << QStringLiteral("1h30m") << qint64(-1);
}

void TestAgentConfig::parseDuration()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    const auto parsed = AgentConfig::parseDuration(text);
    QCOMPARE(parsed ? parsed->count() : qint64(-1), seconds);
}

QTEST_GUILESS_MAIN(TestAgentConfig)
#include "TestAgentConfig.moc"
