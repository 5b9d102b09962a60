// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "packages/InstalledPackage.h"
#include "packages/PackagesCollector.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

using namespace steward::agent;
using steward::test::FakeCommandRunner;

namespace
{
const QByteArray s_rpmOutput =
    "bash\t5.1.8-6.el9_1\tx86_64\n"
    "gpg-pubkey\t350d275d-6279464b\t(none)\n"
    "kernel\t5.14.0-362.8.1.el9_3\tx86_64\n"
    "kernel\t5.14.0-284.11.1.el9_2\tx86_64\n"
    "tzdata\t2023c-1.el9\tnoarch\n"
    "\n";

QString fixture(const char *name)
{
    return QStringLiteral(COLLECTORS_FIXTURES_DIR "/packages/") + QLatin1String(name);
}

InstalledPackage package(const char *name, const char *version, const char *arch, const char *source)
{
    return InstalledPackage{QLatin1String(name), QLatin1String(version), QLatin1String(arch), QLatin1String(source)};
}
} // namespace

class TestPackagesCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dpkgOnly();
    void rpmOnly();
    void dpkgAndRpm();
    void rpmFailureOnDpkgSystemIsTolerated();
    void rpmFailureOnRpmSystem_data();
    void rpmFailureOnRpmSystem();
    void noPackageManager();
    void garbageDpkgStatus();
    void cborShape();
};

void TestPackagesCollector::dpkgOnly()
{
    FakeCommandRunner runner;
    const auto packages = PackagesCollector().collectPackages(CollectContext{fixture("debian"), &runner});
    QVERIFY(packages.ok());
    const QList<InstalledPackage> expected{
        package("bash", "5.2.15-2+b2", "amd64", "dpkg"),
        package("libc6", "2.36-9+deb12u4", "amd64", "dpkg"),
        package("libc6", "2.36-9+deb12u4", "i386", "dpkg"),
        package("openssh-server", "1:9.2p1-2+deb12u2", "amd64", "dpkg"), // held, still installed
        package("zlib1g", "1:1.2.13.dfsg-1", "amd64", "dpkg"),
        package("zz-removal-pending", "2.0", "all", "dpkg"), // selected for removal, still installed
    };
    QCOMPARE(packages.value(), expected);
    QVERIFY(runner.calls().isEmpty()); // no rpm under this root
}

void TestPackagesCollector::rpmOnly()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("rpm"), FakeCommandRunner::succeeding(s_rpmOutput));
    const auto packages = PackagesCollector().collectPackages(CollectContext{fixture("rpm-only"), &runner});
    QVERIFY(packages.ok());
    const QList<InstalledPackage> expected{
        package("bash", "5.1.8-6.el9_1", "x86_64", "rpm"),
        package("kernel", "5.14.0-284.11.1.el9_2", "x86_64", "rpm"),
        package("kernel", "5.14.0-362.8.1.el9_3", "x86_64", "rpm"),
        package("tzdata", "2023c-1.el9", "noarch", "rpm"),
    };
    QCOMPARE(packages.value(), expected);

    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().at(0).program, QStringLiteral("rpm"));
    QCOMPARE(runner.calls().at(0).args,
             QStringList({QStringLiteral("-qa"),
                          QStringLiteral("--qf"),
                          QStringLiteral("%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\n"),
                          QStringLiteral("--root"),
                          fixture("rpm-only")}));
}

void TestPackagesCollector::dpkgAndRpm()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("rpm"), FakeCommandRunner::succeeding("alien\t8.95-1\tnoarch\n"));
    const auto packages = PackagesCollector().collectPackages(CollectContext{fixture("both"), &runner});
    QVERIFY(packages.ok());
    const QList<InstalledPackage> expected{
        package("alien", "8.95.6", "all", "dpkg"),
        package("alien", "8.95-1", "noarch", "rpm"),
        package("rpm", "4.18.0+dfsg-1+deb12u1", "amd64", "dpkg"),
    };
    QCOMPARE(packages.value(), expected);
}

void TestPackagesCollector::rpmFailureOnDpkgSystemIsTolerated()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("rpm"),
                     FakeCommandRunner::failing(1, "error: cannot open Packages database in /var/lib/rpm\n"));
    const auto packages = PackagesCollector().collectPackages(CollectContext{fixture("both"), &runner});
    QVERIFY(packages.ok());
    QCOMPARE(packages.value().size(), 2);
    QCOMPARE(packages.value().at(0).source, QStringLiteral("dpkg"));
}

void TestPackagesCollector::rpmFailureOnRpmSystem_data()
{
    QTest::addColumn<CommandResult>("result");
    QTest::addColumn<QString>("code");

    QTest::newRow("exit 1") << FakeCommandRunner::failing(1, "error: rpmdb: damaged header\n")
                            << QStringLiteral("rpm.failed");
    QTest::newRow("timeout") << FakeCommandRunner::timingOut() << QStringLiteral("rpm.timeout");
    QTest::newRow("garbage") << FakeCommandRunner::succeeding("this is not\nrpm output\n")
                             << QStringLiteral("rpm.unparseable");
    CommandResult notStarted;
    notStarted.failedToStart = true;
    QTest::newRow("not startable") << notStarted << QStringLiteral("rpm.failed");
}

void TestPackagesCollector::rpmFailureOnRpmSystem()
{
    QFETCH(CommandResult, result);
    QFETCH(QString, code);
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("rpm"), result);
    const auto packages = PackagesCollector().collect(CollectContext{fixture("rpm-only"), &runner});
    QVERIFY(!packages.ok());
    QCOMPARE(packages.error().code, code);
}

void TestPackagesCollector::noPackageManager()
{
    FakeCommandRunner runner;
    const auto packages = PackagesCollector().collect(CollectContext{fixture("none"), &runner});
    QVERIFY(!packages.ok());
    QCOMPARE(packages.error().code, QStringLiteral("packages.no-manager"));
}

void TestPackagesCollector::garbageDpkgStatus()
{
    FakeCommandRunner runner;
    const auto packages = PackagesCollector().collect(CollectContext{fixture("garbage"), &runner});
    QVERIFY(!packages.ok());
    QCOMPARE(packages.error().code, QStringLiteral("dpkg.unparseable"));
}

void TestPackagesCollector::cborShape()
{
    FakeCommandRunner runner;
    const auto result = PackagesCollector().collect(CollectContext{fixture("debian"), &runner});
    QVERIFY(result.ok());
    QVERIFY(result.value().isArray());
    const QCborArray array = result.value().toArray();
    QCOMPARE(array.size(), 6);
    const QCborMap first = array.at(0).toMap();
    QCOMPARE(first.size(), 4);
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("bash"));
    QCOMPARE(first.value(QStringLiteral("version")).toString(), QStringLiteral("5.2.15-2+b2"));
    QCOMPARE(first.value(QStringLiteral("arch")).toString(), QStringLiteral("amd64"));
    QCOMPARE(first.value(QStringLiteral("source")).toString(), QStringLiteral("dpkg"));
}

QTEST_GUILESS_MAIN(TestPackagesCollector)
#include "TestPackagesCollector.moc"
