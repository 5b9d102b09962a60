// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ResultDescription.h"
#include "clamav/AntivirusProduct.h"
#include "mdatp/MdatpCollector.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(COLLECTORS_FIXTURES_DIR "/mdatp/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}
} // namespace

class TestMdatpCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void healthyProduct();
    void wrappedValues();
    void protectionFlags_data();
    void protectionFlags();
    void missingFields();
    void badOutput_data();
    void badOutput();
    void notInstalledRunsNothing();
    void runsHealthThroughTheRunner();
    void daemonStopped();
    void failures_data();
    void failures();

private:
    std::unique_ptr<QTemporaryDir> m_root;
    QString m_program;
};

void TestMdatpCollector::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_program = m_root->filePath(QStringLiteral("usr/bin/mdatp"));
}

void TestMdatpCollector::healthyProduct()
{
    const auto product = MdatpCollector::parseHealth(fixture(QStringLiteral("health.json")));
    QVERIFY2(product.ok(), describe(product).constData());
    const QCborMap expected{
        {QStringLiteral("name"), QStringLiteral("Microsoft Defender for Endpoint")},
        {QStringLiteral("engineVersion"), QStringLiteral("1.1.23090.2007")},
        {QStringLiteral("definitionsVersion"), QStringLiteral("1.401.1166.0")},
        {QStringLiteral("definitionsTime"), Q_INT64_C(1700206320)},
        {QStringLiteral("realTimeProtection"), true},
        {QStringLiteral("serviceRunning"), true},
        {QStringLiteral("lastScan"), QCborValue(nullptr)},
        {QStringLiteral("databases"), QCborArray()},
        {QStringLiteral("appVersion"), QStringLiteral("101.23092.0005")},
        {QStringLiteral("healthy"), true},
        {QStringLiteral("licensed"), true},
        {QStringLiteral("definitionsStatus"), QStringLiteral("up_to_date")},
        {QStringLiteral("passiveMode"), false},
    };
    QCOMPARE(product.value().toCbor(), expected);
}

void TestMdatpCollector::wrappedValues()
{
    const auto product = MdatpCollector::parseHealth(fixture(QStringLiteral("health-wrapped.json")));
    QVERIFY2(product.ok(), describe(product).constData());
    const AntivirusProduct &mde = product.value();
    QVERIFY(mde.realTimeProtection);
    QCOMPARE(mde.definitionsTime, std::optional<qint64>(1711008000));
    QCOMPARE(mde.definitionsVersion, std::optional<QString>(QStringLiteral("1.407.392.0")));
    QCOMPARE(mde.engineVersion, std::optional<QString>(QStringLiteral("1.1.24030.4")));
    QCOMPARE(mde.extras.value(QStringLiteral("definitionsStatus")).toString(), QStringLiteral("out_of_date"));
    QCOMPARE(mde.extras.value(QStringLiteral("licensed")), QCborValue(true));
    QCOMPARE(mde.extras.value(QStringLiteral("healthy")), QCborValue(false));
    QCOMPARE(mde.extras.value(QStringLiteral("passiveMode")), QCborValue(false));
    QCOMPARE(mde.extras.value(QStringLiteral("appVersion")).toString(), QStringLiteral("101.24032.0007"));
}

void TestMdatpCollector::protectionFlags_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("realTime");

    QTest::newRow("on") << QByteArray(R"({"real_time_protection_enabled":true})") << true;
    QTest::newRow("off") << QByteArray(R"({"real_time_protection_enabled":false})") << false;
    QTest::newRow("wrapped on") << QByteArray(R"({"real_time_protection_enabled":{"value":true,"scope":"local"}})")
                                << true;
    QTest::newRow("wrapped off") << QByteArray(R"({"real_time_protection_enabled":{"value":false}})") << false;
    // Passive mode scans but never blocks.
    QTest::newRow("passive") << QByteArray(R"({"real_time_protection_enabled":true,"passive_mode_enabled":true})")
                             << false;
    QTest::newRow("wrapped passive") << QByteArray(
        R"({"real_time_protection_enabled":true,"passive_mode_enabled":{"value":true}})")
                                     << false;
    QTest::newRow("text is not a boolean") << QByteArray(R"({"real_time_protection_enabled":"true"})") << false;
    QTest::newRow("missing") << QByteArray(R"({"healthy":true})") << false;
}

void TestMdatpCollector::protectionFlags()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, realTime);
    const auto product = MdatpCollector::parseHealth(json);
    QVERIFY2(product.ok(), describe(product).constData());
    QCOMPARE(product.value().realTimeProtection, realTime);
}

void TestMdatpCollector::missingFields()
{
    const auto product = MdatpCollector::parseHealth(R"({"definitions_updated":"yesterday","engine_version":""})");
    QVERIFY2(product.ok(), describe(product).constData());
    const QCborMap mde = product.value().toCbor();
    QVERIFY(mde.value(QStringLiteral("engineVersion")).isNull());
    QVERIFY(mde.value(QStringLiteral("definitionsVersion")).isNull());
    QVERIFY(mde.value(QStringLiteral("definitionsTime")).isNull());
    QVERIFY(mde.value(QStringLiteral("appVersion")).isNull());
    QVERIFY(mde.value(QStringLiteral("healthy")).isNull());
    QVERIFY(mde.value(QStringLiteral("licensed")).isNull());
    QVERIFY(mde.value(QStringLiteral("definitionsStatus")).isNull());
    QCOMPARE(mde.value(QStringLiteral("realTimeProtection")), QCborValue(false));

    const auto negative = MdatpCollector::parseHealth(R"({"definitions_updated":-5})");
    QVERIFY(negative.ok());
    QVERIFY(!negative.value().definitionsTime.has_value());
}

void TestMdatpCollector::badOutput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("newline") << QByteArray("\n");
    QTest::newRow("human output") << QByteArray(
        "healthy                                     : true\n"
        "licensed                                    : true\n");
    QTest::newRow("truncated") << fixture(QStringLiteral("health.json")).left(400);
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("string") << QByteArray(R"("ok")");
}

void TestMdatpCollector::badOutput()
{
    QFETCH(QByteArray, json);
    const auto product = MdatpCollector::parseHealth(json);
    QVERIFY(!product.ok());
    QCOMPARE(product.error().code, QStringLiteral("mdatp.unparseable"));
}

void TestMdatpCollector::notInstalledRunsNothing()
{
    FakeCommandRunner runner;
    const auto products = MdatpCollector().collectProducts(CollectContext{m_root->path(), &runner});
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 0);
    QCOMPARE(runner.calls().size(), 0);
}

void TestMdatpCollector::runsHealthThroughTheRunner()
{
    writeFile(m_program, "#!/bin/sh\n");
    FakeCommandRunner runner;
    runner.setResult(m_program, FakeCommandRunner::succeeding(fixture(QStringLiteral("health.json"))));
    MdatpCollector collector;
    QCOMPARE(collector.name(), QStringLiteral("antivirus"));
    const auto section = collector.collect(CollectContext{m_root->path(), &runner});
    QVERIFY2(section.ok(), describe(section).constData());
    const QCborArray products = section.value().toMap().value(QStringLiteral("products")).toArray();
    QCOMPARE(products.size(), 1);
    QCOMPARE(products.at(0).toMap().value(QStringLiteral("definitionsVersion")).toString(),
             QStringLiteral("1.401.1166.0"));
    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().at(0).program, m_program);
    QCOMPARE(runner.calls().at(0).args,
             QStringList({QStringLiteral("health"), QStringLiteral("--output"), QStringLiteral("json")}));
    QCOMPARE(runner.calls().at(0).timeout, std::chrono::milliseconds(30000));
}

void TestMdatpCollector::daemonStopped()
{
    writeFile(m_program, "#!/bin/sh\n");
    writeFile(m_root->filePath(QStringLiteral("proc/1/comm")), "systemd\n");
    FakeCommandRunner runner;
    runner.setResult(m_program, FakeCommandRunner::failing(1, "ERROR: Could not connect to daemon\n"));
    const auto products = MdatpCollector().collectProducts(CollectContext{m_root->path(), &runner});
    QVERIFY2(products.ok(), describe(products).constData());
    QCOMPARE(products.value().size(), 1);
    const QCborMap mde = products.value().at(0).toCbor();
    QCOMPARE(mde.value(QStringLiteral("name")).toString(), QStringLiteral("Microsoft Defender for Endpoint"));
    QCOMPARE(mde.value(QStringLiteral("serviceRunning")), QCborValue(false));
    QCOMPARE(mde.value(QStringLiteral("realTimeProtection")), QCborValue(false));
    QVERIFY(mde.value(QStringLiteral("definitionsTime")).isNull());
    QVERIFY(mde.contains(QStringLiteral("healthy")));
}

void TestMdatpCollector::failures_data()
{
    QTest::addColumn<int>("kind"); // 0 timeout, 1 exit 1 with daemon running, 2 garbage, 3 no runner, 4 cannot start
    QTest::addColumn<QString>("code");

    QTest::newRow("timeout") << 0 << QStringLiteral("mdatp.timeout");
    QTest::newRow("daemon running, client fails") << 1 << QStringLiteral("mdatp.failed");
    QTest::newRow("garbage") << 2 << QStringLiteral("mdatp.unparseable");
    QTest::newRow("no runner") << 3 << QStringLiteral("mdatp.failed");
    QTest::newRow("cannot start") << 4 << QStringLiteral("mdatp.failed");
}

void TestMdatpCollector::failures()
{
    QFETCH(int, kind);
    QFETCH(QString, code);
    writeFile(m_program, "#!/bin/sh\n");
    writeFile(m_root->filePath(QStringLiteral("proc/812/comm")), "wdavdaemon\n");
    FakeCommandRunner runner;
    if (kind == 0) {
        runner.setResult(m_program, FakeCommandRunner::timingOut());
    } else if (kind == 1) {
        runner.setResult(m_program, FakeCommandRunner::failing(2, "ERROR: unexpected error 0x5\n"));
    } else if (kind == 2) {
        runner.setResult(m_program, FakeCommandRunner::succeeding("{\"healthy\": tr"));
    }
    const auto products =
        MdatpCollector().collectProducts(CollectContext{m_root->path(), kind == 3 ? nullptr : &runner});
    QVERIFY(!products.ok());
    QCOMPARE(products.error().code, code);
    QVERIFY(!products.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestMdatpCollector)
#include "TestMdatpCollector.moc"
