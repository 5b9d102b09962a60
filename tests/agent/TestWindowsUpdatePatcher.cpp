// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeCommandRunner.h"
#include "ResultDescription.h"
#include "windows/WindowsUpdatePatcher.h"

#include <QFile>
#include <QTest>

using namespace steward::agent;
using namespace steward::agent::jobs;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
// Recorded the way the scripts print it; the agent has never run them on Windows.
QByteArray recorded(const char *name)
{
    QFile file(QStringLiteral(AGENT_TEST_DATA_DIR "/windows-update/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing test data %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

const QString s_cumulative = QStringLiteral("b5d1f9a4-2c3e-4d6f-8a7b-9c0d1e2f3a4b");
const QString s_definitions = QStringLiteral("6f2a8c1e-0b3d-4e5f-a7c9-1d2e3f4a5b6c");
const QString s_dotnet = QStringLiteral("1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f801");
const QString s_msrt = QStringLiteral("9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a");

QStringList names(const QList<PatchItem> &items)
{
    QStringList result;
    for (const PatchItem &item : items) {
        result.append(item.name);
    }
    return result;
}

PatchRequest request(const char *select, QStringList packages = {})
{
    PatchRequest request;
    request.select = QLatin1String(select);
    for (const QString &name : packages) {
        request.packages.append(PackageRequest{name, QString()});
    }
    return request;
}

// The plan of select "all" on search.json, made by the patcher itself.
PatchPlan planAll(FakeCommandRunner &runner)
{
    runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::succeeding(recorded("search.json")));
    WindowsUpdatePatcher patcher(runner);
    const auto plan = patcher.plan(request("all"));
    if (!plan) {
        qFatal("no plan: %s", describe(plan).constData());
    }
    return plan.value();
}

const PatchItem &item(const QList<PatchItem> &items, const QString &name)
{
    for (const PatchItem &item : items) {
        if (item.name == name) {
            return item;
        }
    }
    qFatal("no item %s", qPrintable(name));
}
} // namespace

class TestWindowsUpdatePatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseSearch();
    void parseSearchRejects_data();
    void parseSearchRejects();
    void commandLine();
    void installScriptTakesOnlyUpdateIds();
    void planAllAndSecurity();
    void planByIdOrKb();
    void planFailures();
    void runSucceeds();
    void runPartly();
    void runFailures_data();
    void runFailures();
    void runRefusesBadPlans();
    void verify();
};

void TestWindowsUpdatePatcher::parseSearch()
{
    const auto search = WindowsUpdatePatcher::parseSearch(recorded("search.json"));
    QVERIFY2(search.ok(), describe(search).constData());
    QCOMPARE(search.value().updates.size(), 4);
    QVERIFY(!search.value().rebootRequired);

    const WindowsUpdatePatcher::Offer &cumulative = search.value().updates.at(0);
    QCOMPARE(cumulative.updateId, s_cumulative);
    QCOMPARE(cumulative.kbs, QStringList({QStringLiteral("KB5034123")}));
    QVERIFY(cumulative.security); // rated Critical: MSRC rates security bulletins only
    // An MSRC rating of "" is none, and definitions are not security updates.
    QVERIFY(!search.value().updates.at(1).security);
    // Upper-case id, a bare category string (one-element unrolling), escaped non-ASCII title.
    const WindowsUpdatePatcher::Offer &dotnet = search.value().updates.at(2);
    QCOMPARE(dotnet.updateId, s_dotnet);
    QVERIFY(dotnet.security);
    QCOMPARE(dotnet.kbs, QStringList({QStringLiteral("KB5034275"), QStringLiteral("KB5033909")}));
    QVERIFY(dotnet.title.startsWith(QStringLiteral("Mise \u00e0 jour cumulative")));
    // KBArticleIDs as a bare string.
    QCOMPARE(search.value().updates.at(3).kbs, QStringList({QStringLiteral("KB890830")}));
    QVERIFY(!search.value().updates.at(3).security);

    // A BOM from a UTF-8 console is tolerated.
    QVERIFY(WindowsUpdatePatcher::parseSearch("\xef\xbb\xbf" + recorded("search.json")).ok());
}

void TestWindowsUpdatePatcher::parseSearchRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("incomplete search") << recorded("search-incomplete.json") << "windows-update.failed";
    QTest::newRow("nothing") << QByteArray() << "windows-update.unparseable";
    QTest::newRow("not json") << QByteArray("Exception calling Search") << "windows-update.unparseable";
    QTest::newRow("no result code") << QByteArray(R"({"Updates":[]})") << "windows-update.unparseable";
    QTest::newRow("no updates") << QByteArray(R"({"ResultCode":2})") << "windows-update.unparseable";
    QTest::newRow("bad id") << QByteArray(R"({"ResultCode":2,"Updates":[{"UpdateID":"x'; Restart-Computer; '"}]})")
                            << "windows-update.unparseable";
}

void TestWindowsUpdatePatcher::parseSearchRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorCode);
    const auto search = WindowsUpdatePatcher::parseSearch(json);
    QVERIFY(!search.ok());
    QCOMPARE(search.error().code, errorCode);
}

void TestWindowsUpdatePatcher::commandLine()
{
    FakeCommandRunner runner;
    planAll(runner);
    QCOMPARE(runner.calls().size(), 1);
    const FakeCommandRunner::Call &call = runner.calls().constFirst();
    QCOMPARE(call.program, QStringLiteral("powershell.exe"));
    QCOMPARE(call.args.mid(0, 5),
             QStringList({QStringLiteral("-NoProfile"),
                          QStringLiteral("-NonInteractive"),
                          QStringLiteral("-ExecutionPolicy"),
                          QStringLiteral("Bypass"),
                          QStringLiteral("-Command")}));
    QCOMPARE(call.args.size(), 6);
    const QString script = call.args.at(5);
    // One line without double quotes (Windows command-line quoting would mangle them).
    QVERIFY(!script.contains(u'\n'));
    QVERIFY(!script.contains(u'"'));
    QVERIFY(!script.contains(u'#'));
    QVERIFY(script.contains(QStringLiteral("Search('IsInstalled=0 and Type=''Software'' and IsHidden=0')")));
    QVERIFY(script.contains(QStringLiteral("New-Object -ComObject Microsoft.Update.Session;")));
    QVERIFY(script.endsWith(QStringLiteral("[int][char]$m.Value })")));
}

void TestWindowsUpdatePatcher::installScriptTakesOnlyUpdateIds()
{
    const QString script = WindowsUpdatePatcher::installScript({s_cumulative, s_dotnet.toUpper()});
    QVERIFY(script.contains(QStringLiteral("$wanted = @('%1', '%2');").arg(s_cumulative, s_dotnet)));
    QVERIFY(script.contains(QStringLiteral("$installer.Install();")));
    QVERIFY(script.contains(QStringLiteral("$downloader.Download();")));
    QVERIFY(!script.contains(u'"'));
    QVERIFY(WindowsUpdatePatcher::isUpdateId(s_msrt));
    QVERIFY(!WindowsUpdatePatcher::isUpdateId(QStringLiteral("KB5034123")));
    QVERIFY(!WindowsUpdatePatcher::isUpdateId(s_msrt + QStringLiteral("'; Restart-Computer; '")));
}

void TestWindowsUpdatePatcher::planAllAndSecurity()
{
    FakeCommandRunner runner;
    const PatchPlan all = planAll(runner);
    QCOMPARE(names(all.items), QStringList({s_cumulative, s_definitions, s_dotnet, s_msrt}));
    QCOMPARE(item(all.items, s_dotnet).target, QStringLiteral("KB5034275, KB5033909"));
    QCOMPARE(item(all.items, s_cumulative).title,
             QStringLiteral("2024-01 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5034123)"));
    QCOMPARE(item(all.items, s_cumulative).before, QString());
    QCOMPARE(item(all.items, s_cumulative).result, QStringLiteral("planned"));

    WindowsUpdatePatcher patcher(runner);
    const auto security = patcher.plan(request("security"));
    QVERIFY2(security.ok(), describe(security).constData());
    QCOMPARE(names(security.value().items), QStringList({s_cumulative, s_dotnet}));
}

void TestWindowsUpdatePatcher::planByIdOrKb()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::succeeding(recorded("search.json")));
    WindowsUpdatePatcher patcher(runner);
    const auto plan = patcher.plan(request("packages",
                                           {s_definitions.toUpper(),
                                            QStringLiteral("KB5033909"),
                                            QStringLiteral("890830"),
                                            QStringLiteral("KB5034275"),
                                            QStringLiteral("KB9999999")}));
    QVERIFY2(plan.ok(), describe(plan).constData());
    // Asked twice (both KBs of one update): planned once.
    QCOMPARE(names(plan.value().items), QStringList({s_definitions, s_dotnet, s_msrt, QStringLiteral("KB9999999")}));
    const PatchItem &missing = item(plan.value().items, QStringLiteral("KB9999999"));
    QCOMPARE(missing.result, QStringLiteral("not-applicable"));
    QVERIFY(!missing.message.isEmpty());
}

void TestWindowsUpdatePatcher::planFailures()
{
    FakeCommandRunner runner;
    WindowsUpdatePatcher patcher(runner);
    QCOMPARE(patcher.plan(request("all")).error().code, QStringLiteral("windows-update.failed")); // no PowerShell

    runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::timingOut());
    QCOMPARE(patcher.plan(request("all")).error().code, QStringLiteral("windows-update.timeout"));

    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::failing(1, "Exception from HRESULT: 0x8024402C\r\n"));
    const auto offline = patcher.plan(request("all"));
    QCOMPARE(offline.error().code, QStringLiteral("windows-update.failed"));
    QVERIFY(offline.error().message.contains(QStringLiteral("0x8024402C")));

    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::succeeding(recorded("search-incomplete.json")));
    QCOMPARE(patcher.plan(request("all")).error().code, QStringLiteral("windows-update.failed"));
}

void TestWindowsUpdatePatcher::runSucceeds()
{
    FakeCommandRunner runner;
    PatchPlan plan = planAll(runner);
    // Two of the four; the others stay as planned by the operator's choice.
    plan.items.removeIf([](const PatchItem &item) {
        return item.name != s_cumulative && item.name != s_dotnet;
    });
    runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::succeeding(recorded("install-success.json")));
    WindowsUpdatePatcher patcher(runner);
    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("succeeded"));
    QCOMPARE(outcome.reason, QString());
    QCOMPARE(outcome.exitCode, std::optional<qint64>(0));
    QVERIFY(outcome.rebootRequired);
    for (const PatchItem &item : outcome.items) {
        QCOMPARE(item.result, QStringLiteral("installed"));
        QCOMPARE(item.after, item.target);
        QVERIFY(item.message.isEmpty());
    }
    QCOMPARE(outcome.output, recorded("install-success.json"));

    const QString script = runner.calls().constLast().args.constLast();
    QVERIFY(script.contains(QStringLiteral("$wanted = @('%1', '%2');").arg(s_cumulative, s_dotnet)));
}

void TestWindowsUpdatePatcher::runPartly()
{
    FakeCommandRunner runner;
    const PatchPlan plan = planAll(runner);
    runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::succeeding(recorded("install-partial.json")));
    WindowsUpdatePatcher patcher(runner);
    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("windows-update.failed"));
    QVERIFY(!outcome.rebootRequired);

    const PatchItem &cumulative = item(outcome.items, s_cumulative);
    QCOMPARE(cumulative.result, QStringLiteral("failed"));
    QCOMPARE(cumulative.message, QStringLiteral("installation failed (0x80240022)"));
    QCOMPARE(cumulative.after, QString());
    const PatchItem &definitions = item(outcome.items, s_definitions);
    QCOMPARE(definitions.result, QStringLiteral("installed"));
    QCOMPARE(definitions.message, QStringLiteral("installation succeeded with errors"));
    const PatchItem &dotnet = item(outcome.items, s_dotnet);
    QCOMPARE(dotnet.result, QStringLiteral("failed"));
    QCOMPARE(dotnet.message, QStringLiteral("download failed (0x8024402C)"));
    // Gone from the search between plan and run.
    QCOMPARE(item(outcome.items, s_msrt).result, QStringLiteral("not-applicable"));
}

void TestWindowsUpdatePatcher::runFailures_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("exception") << 0 << "windows-update.failed";
    QTest::newRow("timeout") << 1 << "windows-update.timeout";
    QTest::newRow("garbage") << 2 << "windows-update.unparseable";
}

void TestWindowsUpdatePatcher::runFailures()
{
    QFETCH(int, kind);
    QFETCH(QString, reason);
    FakeCommandRunner runner;
    const PatchPlan plan = planAll(runner);
    const CommandResult results[] = {
        FakeCommandRunner::failing(1, "Exception calling \"Install\": 0x80240044\r\n"),
        FakeCommandRunner::timingOut(),
        FakeCommandRunner::succeeding("WARNING: something\r\n"),
    };
    runner.setResult(QStringLiteral("powershell.exe"), results[kind]);
    WindowsUpdatePatcher patcher(runner);
    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, reason);
    QCOMPARE(outcome.exitCode.has_value(), kind != 1);
    QCOMPARE(outcome.items.size(), 4);
    for (const PatchItem &item : outcome.items) {
        QCOMPARE(item.result, QStringLiteral("failed"));
        QVERIFY(!item.message.isEmpty());
    }
}

void TestWindowsUpdatePatcher::runRefusesBadPlans()
{
    FakeCommandRunner runner;
    WindowsUpdatePatcher patcher(runner);
    PatchPlan plan;
    PatchItem injected;
    injected.name = s_msrt + QStringLiteral("'); Restart-Computer; ('");
    plan.items = {injected};
    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("windows-update.bad-plan"));
    QVERIFY(runner.calls().isEmpty());

    plan.items.first().result = QStringLiteral("not-applicable");
    QCOMPARE(patcher.run(plan).state, QStringLiteral("not-applicable"));
    plan.refusal = QStringLiteral("windows-update.test");
    QCOMPARE(patcher.run(plan).reason, QStringLiteral("windows-update.test"));
    QVERIFY(runner.calls().isEmpty());
}

void TestWindowsUpdatePatcher::verify()
{
    FakeCommandRunner runner;
    PatchPlan plan = planAll(runner);
    runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::succeeding(recorded("search-after.json")));
    WindowsUpdatePatcher patcher(runner);
    const PatchOutcome half = patcher.verify(plan);
    QCOMPARE(half.state, QStringLiteral("failed"));
    QCOMPARE(half.reason, QStringLiteral("interrupted"));
    QVERIFY(half.rebootRequired);
    QCOMPARE(item(half.items, s_definitions).result, QStringLiteral("failed"));
    QCOMPARE(item(half.items, s_cumulative).result, QStringLiteral("installed"));
    QCOMPARE(item(half.items, s_cumulative).after, QStringLiteral("KB5034123"));
    // A verification only searches.
    QVERIFY(!runner.calls().constLast().args.constLast().contains(QStringLiteral("Install()")));

    plan.items.removeIf([](const PatchItem &item) {
        return item.name == s_definitions;
    });
    QCOMPARE(patcher.verify(plan).state, QStringLiteral("succeeded"));

    runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::timingOut());
    const PatchOutcome unknown = patcher.verify(plan);
    QCOMPARE(unknown.state, QStringLiteral("failed"));
    QCOMPARE(unknown.reason, QStringLiteral("interrupted"));
    QCOMPARE(item(unknown.items, s_cumulative).result, QStringLiteral("failed"));
}

QTEST_GUILESS_MAIN(TestWindowsUpdatePatcher)
#include "TestWindowsUpdatePatcher.moc"
