// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProcessCommandRunner.h"

#include <QElapsedTimer>
#include <QTest>

#include <sys/resource.h>

using namespace steward::agent;
using namespace std::chrono_literals;

class TestProcessCommandRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void childrenRunAtLowPriority();
    void capturesOutputAndExitCode();
    void runsInCLocale();
    void missingProgramFailsToStart();
    void hangingProgramIsKilled();
    void stdinIsClosed();
};

void TestProcessCommandRunner::capturesOutputAndExitCode()
{
    ProcessCommandRunner runner;
    const CommandResult result =
        runner.run(QStringLiteral("/bin/sh"),
                   {QStringLiteral("-c"), QStringLiteral("printf 'out\\n'; printf 'err' >&2; exit 3")},
                   10s);
    QVERIFY(!result.timedOut);
    QVERIFY(!result.failedToStart);
    QCOMPARE(result.exitCode, 3);
    QCOMPARE(result.standardOutput, QByteArray("out\n"));
    QCOMPARE(result.standardError, QByteArray("err"));
    QVERIFY(!result.succeeded());
}

void TestProcessCommandRunner::runsInCLocale()
{
    qputenv("LC_ALL", "fr_FR.UTF-8");
    qputenv("LANGUAGE", "fr");
    ProcessCommandRunner runner;
    const CommandResult result =
        runner.run(QStringLiteral("/bin/sh"),
                   {QStringLiteral("-c"), QStringLiteral("printf '%s|%s' \"$LC_ALL\" \"${LANGUAGE-unset}\"")},
                   10s);
    qunsetenv("LC_ALL");
    qunsetenv("LANGUAGE");
    QVERIFY(result.succeeded());
    QCOMPARE(result.standardOutput, QByteArray("C|unset"));
}

void TestProcessCommandRunner::missingProgramFailsToStart()
{
    ProcessCommandRunner runner;
    const CommandResult result = runner.run(QStringLiteral("/nonexistent/steward-no-such-program"), {}, 10s);
    QVERIFY(result.failedToStart);
    QVERIFY(!result.timedOut);
    QVERIFY(!result.succeeded());
}

void TestProcessCommandRunner::hangingProgramIsKilled()
{
    ProcessCommandRunner runner;
    QElapsedTimer timer;
    timer.start();
    const CommandResult result = runner.run(QStringLiteral("sleep"), {QStringLiteral("10")}, 200ms);
    QVERIFY(result.timedOut);
    QVERIFY(!result.succeeded());
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestProcessCommandRunner::stdinIsClosed()
{
    // cat would wait forever on an open stdin.
    ProcessCommandRunner runner;
    QElapsedTimer timer;
    timer.start();
    const CommandResult result = runner.run(QStringLiteral("cat"), {}, 5s);
    QVERIFY(result.succeeded());
    QVERIFY(result.standardOutput.isEmpty());
    QVERIFY(timer.elapsed() < 4000);
}

void TestProcessCommandRunner::childrenRunAtLowPriority()
{
    ProcessCommandRunner runner;
    // Field 19 of /proc/<pid>/stat is the niceness; `cat` reads its own.
    const CommandResult result =
        runner.run(QStringLiteral("cat"), {QStringLiteral("/proc/self/stat")}, std::chrono::seconds(5));
    QVERIFY(result.succeeded());
    const QString stat = QString::fromLatin1(result.standardOutput);
    const QStringList fields = stat.mid(stat.lastIndexOf(QLatin1Char(')')) + 2).split(QLatin1Char(' '));
    const int childNice = fields.value(16).toInt(); // field 19 counted after "pid (comm)"
    const int ownNice = ::getpriority(PRIO_PROCESS, 0);
    QCOMPARE(childNice, std::min(19, ownNice + ProcessCommandRunner::kNiceIncrement));
}

QTEST_GUILESS_MAIN(TestProcessCommandRunner)
#include "TestProcessCommandRunner.moc"
