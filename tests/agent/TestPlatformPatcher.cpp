// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeCommandRunner.h"
#include "PlatformPatcher.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;
using steward::test::FakeCommandRunner;

class TestPlatformPatcher : public QObject
{
    Q_OBJECT

private:
    // A machine root with these tools in usr/bin.
    static void install(const QTemporaryDir &root, const QStringList &tools)
    {
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("usr/bin")));
        for (const QString &tool : tools) {
            QFile file(root.filePath(QStringLiteral("usr/bin/") + tool));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
    }

private Q_SLOTS:
    void kind_data()
    {
        QTest::addColumn<bool>("windows");
        QTest::addColumn<QStringList>("tools");
        QTest::addColumn<PatcherKind>("expected");
        QTest::newRow("Debian") << false << QStringList{QStringLiteral("apt-get")} << PatcherKind::Apt;
        QTest::newRow("Fedora") << false << QStringList{QStringLiteral("dnf")} << PatcherKind::Dnf;
        // The collectors prefer apt too: a Debian machine with dnf installed stays a Debian machine.
        QTest::newRow("both") << false << QStringList{QStringLiteral("dnf"), QStringLiteral("apt-get")}
                              << PatcherKind::Apt;
        QTest::newRow("neither") << false << QStringList{QStringLiteral("pacman")} << PatcherKind::None;
        QTest::newRow("Windows") << true << QStringList{} << PatcherKind::WindowsUpdate;
        QTest::newRow("Windows with an apt-get")
            << true << QStringList{QStringLiteral("apt-get")} << PatcherKind::WindowsUpdate;
    }

    void kind()
    {
        QFETCH(bool, windows);
        QFETCH(QStringList, tools);
        QFETCH(PatcherKind, expected);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        install(root, tools);
        QCOMPARE(patcherKind(windows, root.path()), expected);
    }

    // Each kind's patcher drives its own tool: the first command of a plan tells which one it is.
    void patcherDrivesItsTool_data()
    {
        QTest::addColumn<PatcherKind>("kind");
        QTest::addColumn<QString>("program");
        QTest::newRow("apt") << PatcherKind::Apt << QStringLiteral("steward-apt-scan");
        QTest::newRow("dnf") << PatcherKind::Dnf << QStringLiteral("rpm");
        QTest::newRow("Windows Update") << PatcherKind::WindowsUpdate << QStringLiteral("powershell.exe");
    }

    void patcherDrivesItsTool()
    {
        QFETCH(PatcherKind, kind);
        QFETCH(QString, program);
        FakeCommandRunner runner;
        const std::unique_ptr<jobs::Patcher> patcher = makePatcher(kind, runner);
        QVERIFY(patcher);
        jobs::PatchRequest request;
        request.select = QStringLiteral("packages");
        request.packages.append(jobs::PackageRequest{QStringLiteral("openssl"), QString()});
        // Nothing is installed here: the plan fails, after trying the tool.
        QVERIFY(!patcher->plan(request));
        QVERIFY(!runner.calls().isEmpty());
        QVERIFY2(runner.calls().constFirst().program.endsWith(program),
                 qPrintable(runner.calls().constFirst().program));
    }

    void none()
    {
        FakeCommandRunner runner;
        QVERIFY(!makePatcher(PatcherKind::None, runner));
    }
};

Q_DECLARE_METATYPE(steward::agent::PatcherKind)

QTEST_GUILESS_MAIN(TestPlatformPatcher)
#include "TestPlatformPatcher.moc"
