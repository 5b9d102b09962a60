// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a machine counts as a server for restarts after update jobs, read from a fake root
// (sysfs and /etc files) rather than this machine's.
#include "MachineRole.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;

class TestMachineRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detection_data();
    void detection();
    void configuredRoleWins();
};

namespace
{
void writeFile(const QString &path, const QByteArray &content)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}
}

void TestMachineRole::detection_data()
{
    QTest::addColumn<QByteArray>("chassis"); // empty: no DMI
    QTest::addColumn<bool>("displayManager");
    QTest::addColumn<QString>("defaultTarget"); // empty: no link
    QTest::addColumn<bool>("server");

    QTest::newRow("desktop with a display manager") << QByteArray("3\n") << true << QString() << false;
    QTest::newRow("notebook booting to graphical.target")
        << QByteArray("10\n") << false << QStringLiteral("/lib/systemd/system/graphical.target") << false;
    QTest::newRow("rack server with a desktop installed") << QByteArray("23\n") << true << QString() << true;
    QTest::newRow("blade") << QByteArray("28\n") << false << QString() << true;
    QTest::newRow("virtual machine without a desktop") << QByteArray("1\n") << false << QString() << true;
    QTest::newRow("multi-user.target") << QByteArray("3\n") << false
                                       << QStringLiteral("/lib/systemd/system/multi-user.target") << true;
    QTest::newRow("no DMI, with a desktop") << QByteArray() << true << QString() << false;
    QTest::newRow("unreadable chassis text") << QByteArray("rack\n") << true << QString() << false;
}

void TestMachineRole::detection()
{
    QFETCH(QByteArray, chassis);
    QFETCH(bool, displayManager);
    QFETCH(QString, defaultTarget);
    QFETCH(bool, server);

    QTemporaryDir root;
    QVERIFY(root.isValid());
    if (!chassis.isEmpty()) {
        writeFile(root.filePath(QStringLiteral("sys/class/dmi/id/chassis_type")), chassis);
    }
    if (displayManager) {
        writeFile(root.filePath(QStringLiteral("etc/X11/default-display-manager")), "/usr/sbin/gdm3\n");
    }
    if (!defaultTarget.isEmpty()) {
        QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("etc/systemd/system"))));
        QVERIFY(QFile::link(defaultTarget, root.filePath(QStringLiteral("etc/systemd/system/default.target"))));
    }
    QCOMPARE(isServer(QStringLiteral("auto"), root.path()), server);
}

void TestMachineRole::configuredRoleWins()
{
    QTemporaryDir root; // nothing in it: "auto" would say server
    QVERIFY(root.isValid());
    QVERIFY(isServer(QStringLiteral("auto"), root.path()));
    QVERIFY(!isServer(QStringLiteral("workstation"), root.path()));
    writeFile(root.filePath(QStringLiteral("etc/X11/default-display-manager")), "/usr/sbin/lightdm\n");
    QVERIFY(!isServer(QStringLiteral("auto"), root.path()));
    QVERIFY(isServer(QStringLiteral("server"), root.path()));
}

QTEST_GUILESS_MAIN(TestMachineRole)
#include "TestMachineRole.moc"
