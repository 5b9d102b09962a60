// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ResultDescription.h"
#include "windows/update/WindowsUpdateCollector.h"
#include "windows/update/WindowsUpdateStatus.h"

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(COLLECTORS_FIXTURES_DIR "/windows-update/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestWindowsUpdateCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingUpdates();
    void nothingPending();
    void badOutput_data();
    void badOutput();
    void sectionShape();
    void runsTheDocumentedScript();
    void powershellFailures_data();
    void powershellFailures();
};

void TestWindowsUpdateCollector::pendingUpdates()
{
    const auto status = WindowsUpdateCollector::parseSearch(fixture(QStringLiteral("pending.json")));
    QVERIFY2(status.ok(), describe(status).constData());
    const QList<WindowsPendingUpdate> &pending = status.value().pending;
    QCOMPARE(pending.size(), 5);

    // A driver has no KB article: its update id names it.
    QCOMPARE(pending.at(0).name, QStringLiteral("0c1b2a3d-4e5f-6071-8293-a4b5c6d7e8f9"));
    QCOMPARE(pending.at(0).kbs, QStringList());
    QCOMPARE(pending.at(0).classification, std::optional<QString>(QStringLiteral("Drivers")));
    QVERIFY(!(pending.at(0).severity).has_value());
    QVERIFY(!pending.at(0).security);

    const WindowsPendingUpdate definitions{
        QStringLiteral("KB2267602"),
        {QStringLiteral("KB2267602")},
        QStringLiteral("Security Intelligence Update for Microsoft Defender Antivirus - "
                       "KB2267602 (Version 1.401.1166.0) - Current Channel (Broad)"),
        std::nullopt, // "" is no rating
        QStringLiteral("Definition Updates"),
        false};
    QCOMPARE(pending.at(1), definitions);

    // Classification by id, whatever the client's language calls it.
    QCOMPARE(pending.at(2).name, QStringLiteral("KB5032007"));
    QCOMPARE(pending.at(2).kbs, QStringList({QStringLiteral("KB5032007"), QStringLiteral("KB5031988")}));
    QCOMPARE(pending.at(2).classification, std::optional<QString>(QStringLiteral("Security Updates")));
    QCOMPARE(pending.at(2).severity, std::optional<QString>(QStringLiteral("Important")));
    QVERIFY(pending.at(2).security);

    QCOMPARE(pending.at(3).name, QStringLiteral("KB5032190"));
    QCOMPARE(pending.at(3).severity, std::optional<QString>(QStringLiteral("Critical")));
    QCOMPARE(pending.at(3).classification, std::optional<QString>(QStringLiteral("Security Updates")));
    QVERIFY(pending.at(3).security);

    // KBArticleIDs as a bare string and Categories as a bare object:
    // PowerShell's one-element unrolling.
    QCOMPARE(pending.at(4).name, QStringLiteral("KB890830"));
    QCOMPARE(pending.at(4).kbs, QStringList({QStringLiteral("KB890830")}));
    QCOMPARE(pending.at(4).classification, std::optional<QString>(QStringLiteral("Updates")));
    QVERIFY(!pending.at(4).security);

    QCOMPARE(status.value().securityCount(), 2);
    QCOMPARE(status.value().lastInstall, std::optional<qint64>(1700017960)); // 2023-11-15T03:12:40Z
    // SystemInfo says no, the registry key says yes: a reboot is pending.
    QVERIFY(status.value().rebootRequired);
}

void TestWindowsUpdateCollector::nothingPending()
{
    const auto status = WindowsUpdateCollector::parseSearch(fixture(QStringLiteral("none-pending.json")));
    QVERIFY2(status.ok(), describe(status).constData());
    QCOMPARE(status.value().pending.size(), 0);
    QCOMPARE(status.value().lastInstall, std::optional<qint64>(1702433111));
    QVERIFY(!status.value().rebootRequired);
}

void TestWindowsUpdateCollector::badOutput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code"); // empty: parses

    QTest::newRow("empty") << QByteArray() << QStringLiteral("windows-update.unparseable");
    QTest::newRow("blank lines") << QByteArray("\r\n\r\n") << QStringLiteral("windows-update.unparseable");
    QTest::newRow("not json") << QByteArray("Exception from HRESULT: 0x8024402C")
                              << QStringLiteral("windows-update.unparseable");
    QTest::newRow("truncated") << fixture(QStringLiteral("pending.json")).left(300)
                               << QStringLiteral("windows-update.unparseable");
    QTest::newRow("empty array") << QByteArray("[]") << QStringLiteral("windows-update.unparseable");
    QTest::newRow("two results") << QByteArray(R"([{"ResultCode":2,"Updates":[]},{"ResultCode":2,"Updates":[]}])")
                                 << QStringLiteral("windows-update.unparseable");
    QTest::newRow("scalar") << QByteArray("42") << QStringLiteral("windows-update.unparseable");
    QTest::newRow("no result code") << QByteArray(R"({"Updates":[]})") << QStringLiteral("windows-update.unparseable");
    QTest::newRow("result code as text") << QByteArray(R"({"ResultCode":"2","Updates":[]})")
                                         << QStringLiteral("windows-update.unparseable");
    QTest::newRow("no updates key") << QByteArray(R"({"ResultCode":2})")
                                    << QStringLiteral("windows-update.unparseable");
    QTest::newRow("update not an object")
        << QByteArray(R"({"ResultCode":2,"Updates":["KB5032190"]})") << QStringLiteral("windows-update.unparseable");
    QTest::newRow("anonymous update") << QByteArray(R"({"ResultCode":2,"Updates":[{"KBArticleIDs":[]}]})")
                                      << QStringLiteral("windows-update.unparseable");
    QTest::newRow("succeeded with errors")
        << fixture(QStringLiteral("search-failed.json")) << QStringLiteral("windows-update.failed");
    QTest::newRow("aborted") << QByteArray(R"({"ResultCode":5,"Updates":[]})")
                             << QStringLiteral("windows-update.failed");
    // Accepted: PowerShell sometimes unrolls an empty array to null, and a
    // result with nothing else known is still a result.
    QTest::newRow("updates null") << QByteArray(R"({"ResultCode":2,"Updates":null})") << QString();
    QTest::newRow("bom") << QByteArray("\xef\xbb\xbf{\"ResultCode\":2,\"Updates\":[]}\r\n") << QString();
    QTest::newRow("single result in array") << QByteArray(R"([{"ResultCode":2,"Updates":[]}])") << QString();
}

void TestWindowsUpdateCollector::badOutput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    const auto status = WindowsUpdateCollector::parseSearch(json);
    if (code.isEmpty()) {
        QVERIFY2(status.ok(), describe(status).constData());
        QCOMPARE(status.value().pending.size(), 0);
        QVERIFY(!(status.value().lastInstall).has_value());
        QVERIFY(!status.value().rebootRequired);
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, code);
    QVERIFY(!status.error().message.isEmpty());
}

void TestWindowsUpdateCollector::sectionShape()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::succeeding(fixture(QStringLiteral("pending.json"))));
    WindowsUpdateCollector collector;
    QCOMPARE(collector.name(), QStringLiteral("patches"));
    const auto section = collector.collect(CollectContext{QStringLiteral("/nonexistent"), &runner});
    QVERIFY2(section.ok(), describe(section).constData());
    const QCborMap patches = section.value().toMap();
    QCOMPARE(patches.value(QStringLiteral("manager")).toString(), QStringLiteral("windows-update"));
    QCOMPARE(patches.value(QStringLiteral("securityCount")).toInteger(), 2);
    QCOMPARE(patches.value(QStringLiteral("lastInstall")).toInteger(), Q_INT64_C(1700017960));
    QCOMPARE(patches.value(QStringLiteral("rebootRequired")), QCborValue(true));
    const QCborArray pending = patches.value(QStringLiteral("pending")).toArray();
    QCOMPARE(pending.size(), 5);
    const QCborMap expected{
        {QStringLiteral("name"), QStringLiteral("KB5032190")},
        {QStringLiteral("kbs"), QCborArray{QStringLiteral("KB5032190")}},
        {QStringLiteral("title"),
         QStringLiteral("2023-11 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5032190)")},
        {QStringLiteral("severity"), QStringLiteral("Critical")},
        {QStringLiteral("classification"), QStringLiteral("Security Updates")},
        {QStringLiteral("security"), true},
    };
    QCOMPARE(pending.at(3).toMap(), expected);
    QVERIFY(pending.at(0).toMap().value(QStringLiteral("severity")).isNull());

    const auto none = WindowsUpdateCollector::parseSearch(QByteArray(R"({"ResultCode":2,"Updates":[]})"));
    QVERIFY(none.ok());
    QVERIFY(none.value().toCbor().value(QStringLiteral("lastInstall")).isNull());
}

void TestWindowsUpdateCollector::runsTheDocumentedScript()
{
    const QString script = WindowsUpdateCollector::script();
    QVERIFY(!script.contains(QLatin1Char('"')));
    // The recorded script and the README's copy are the code's.
    QCOMPARE(QString::fromUtf8(fixture(QStringLiteral("search-updates.ps1"))).trimmed(), script.trimmed());
    QFile readme(QStringLiteral(COLLECTORS_FIXTURES_DIR "/../../../agent/collectors/windows/update/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(readme.readAll()).contains(script.trimmed()));

    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::succeeding(fixture(QStringLiteral("none-pending.json"))));
    const auto status = WindowsUpdateCollector().collectStatus(CollectContext{QStringLiteral("/nonexistent"), &runner});
    QVERIFY2(status.ok(), describe(status).constData());
    QCOMPARE(runner.calls().size(), 1);
    const FakeCommandRunner::Call &call = runner.calls().at(0);
    QCOMPARE(call.program, QStringLiteral("powershell.exe"));
    QCOMPARE(call.args.mid(0, 4),
             QStringList({QStringLiteral("-NoLogo"),
                          QStringLiteral("-NoProfile"),
                          QStringLiteral("-NonInteractive"),
                          QStringLiteral("-Command")}));
    QCOMPARE(call.args.size(), 5);
    QVERIFY(!call.args.at(4).contains(QLatin1Char('\n')));
    QVERIFY(call.args.at(4).contains(QLatin1String("Search('IsInstalled=0 and IsHidden=0');")));
    QVERIFY(call.args.at(4).contains(QLatin1String("Type = $category.Type } }) } });")));
    QCOMPARE(call.timeout, std::chrono::milliseconds(std::chrono::minutes(10)));
}

void TestWindowsUpdateCollector::powershellFailures_data()
{
    QTest::addColumn<int>("kind"); // 0 timeout, 1 cannot start, 2 exit code, 3 no runner
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("timeout") << 0 << QStringLiteral("windows-update.timeout") << QStringLiteral("60000 ms");
    QTest::newRow("cannot start") << 1 << QStringLiteral("windows-update.failed")
                                  << QStringLiteral("could not be started");
    QTest::newRow("search threw") << 2 << QStringLiteral("windows-update.failed") << QStringLiteral("0x8024402C");
    QTest::newRow("no runner") << 3 << QStringLiteral("windows-update.failed") << QStringLiteral("no command runner");
}

void TestWindowsUpdateCollector::powershellFailures()
{
    QFETCH(int, kind);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    FakeCommandRunner runner;
    if (kind == 0) {
        runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::timingOut());
    } else if (kind == 2) {
        runner.setResult(QStringLiteral("powershell.exe"),
                         FakeCommandRunner::failing(1,
                                                    "Exception calling \"Search\" with \"1\" argument(s): \"Exception "
                                                    "from HRESULT: 0x8024402C\"\r\nAt line:1 char:140\r\n"));
    }
    const auto status =
        WindowsUpdateCollector(std::chrono::minutes(1))
            .collectStatus(CollectContext{QStringLiteral("/nonexistent"), kind == 3 ? nullptr : &runner});
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, code);
    QVERIFY2(status.error().message.contains(messagePart), qPrintable(status.error().message));
}

QTEST_GUILESS_MAIN(TestWindowsUpdateCollector)
#include "TestWindowsUpdateCollector.moc"
