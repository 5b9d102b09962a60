// SPDX-License-Identifier: GPL-3.0-or-later
// Version keys sort as dpkg sorts versions: checked on known pairs, and against dpkg itself for
// every pair of a list of awkward versions.
#include "groups/VersionKey.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using steward::server::groups::versionKey;

class TestVersionKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordersLikeDpkg_data();
    void ordersLikeDpkg();
    void equalVersionsHaveEqualKeys();
    void agreesWithDpkgOnEveryPair();
};

namespace
{
const QStringList kAwkward{
    QStringLiteral("1.0~rc1"),
    QStringLiteral("1.0~rc1~1"),
    QStringLiteral("1.0"),
    QStringLiteral("1.0-1"),
    QStringLiteral("1.0-1~deb12u1"),
    QStringLiteral("1.0-1+deb12u1"),
    QStringLiteral("1.0a"),
    QStringLiteral("1.0.1"),
    QStringLiteral("1.00.2"),
    QStringLiteral("1.10"),
    QStringLiteral("1.9"),
    QStringLiteral("1:0.9"),
    QStringLiteral("2:1.0"),
    QStringLiteral("3.0.11-1~deb12u2"),
    QStringLiteral("3.0.9-1"),
    QStringLiteral("3.0.11-1"),
    QStringLiteral("10"),
    QStringLiteral("9"),
    QStringLiteral("1.2.3+dfsg-4"),
    QStringLiteral("1.2.3-4"),
    QStringLiteral("1.2.3"),
    QStringLiteral("0.0"),
    QStringLiteral("0"),
    QStringLiteral("1a"),
    QStringLiteral("1~"),
    QStringLiteral("1"),
    QStringLiteral("1.2~beta.3"),
    QStringLiteral("6.1.0-27-amd64"),
    QStringLiteral("6.1.0-3-amd64"),
    QStringLiteral("7.88.1-10+deb12u8"),
    QStringLiteral("1.0+b1"),
    QStringLiteral("1.0-2"),
    QStringLiteral("1.0-10"),
};
} // namespace

void TestVersionKey::ordersLikeDpkg_data()
{
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");
    QTest::newRow("tilde before release") << "1.0~rc1"
                                          << "1.0";
    QTest::newRow("release before letter") << "1.0"
                                           << "1.0a";
    QTest::newRow("letter before dot") << "1.0a"
                                       << "1.0.1";
    QTest::newRow("numbers by value") << "1.9"
                                      << "1.10";
    QTest::newRow("epoch wins") << "1.10"
                                << "1:0.9";
    QTest::newRow("revision by value") << "1.0-2"
                                       << "1.0-10";
    QTest::newRow("stable update before the next revision") << "3.0.11-1~deb12u1"
                                                            << "3.0.11-1";
    QTest::newRow("security update after its base") << "7.88.1-10"
                                                    << "7.88.1-10+deb12u8";
    QTest::newRow("counts") << "9"
                            << "10";
    QTest::newRow("no revision before a revision") << "1.0"
                                                   << "1.0-1";
    QTest::newRow("kernel ABI") << "6.1.0-3-amd64"
                                << "6.1.0-27-amd64";
}

void TestVersionKey::ordersLikeDpkg()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    QVERIFY2(versionKey(lower) < versionKey(higher), qPrintable(versionKey(lower) + u" vs " + versionKey(higher)));
    QVERIFY(versionKey(higher) > versionKey(lower));
}

void TestVersionKey::equalVersionsHaveEqualKeys()
{
    QCOMPARE(versionKey(QStringLiteral("1.00")), versionKey(QStringLiteral("1.0")));
    QCOMPARE(versionKey(QStringLiteral("0:1.0")), versionKey(QStringLiteral("1.0")));
    QCOMPARE(versionKey(QStringLiteral("1.0-0")), versionKey(QStringLiteral("1.0")));
    QCOMPARE(versionKey(QStringLiteral(" 12 ")), versionKey(QStringLiteral("12")));
    QVERIFY(versionKey(QStringLiteral("1.0")) != versionKey(QStringLiteral("1.0.0")));
}

void TestVersionKey::agreesWithDpkgOnEveryPair()
{
    const QString dpkg = QStandardPaths::findExecutable(QStringLiteral("dpkg"));
    if (dpkg.isEmpty()) {
        QSKIP("dpkg is not installed: the fixed pairs above still ran");
    }
    int compared = 0;
    for (const QString &a : kAwkward) {
        for (const QString &b : kAwkward) {
            if (a >= b) {
                continue; // each unordered pair once
            }
            QProcess process;
            process.start(dpkg, {QStringLiteral("--compare-versions"), a, QStringLiteral("lt"), b});
            QVERIFY(process.waitForFinished(10000));
            const bool dpkgLess = process.exitCode() == 0;
            process.start(dpkg, {QStringLiteral("--compare-versions"), a, QStringLiteral("eq"), b});
            QVERIFY(process.waitForFinished(10000));
            const bool dpkgEqual = process.exitCode() == 0;
            const QString ka = versionKey(a);
            const QString kb = versionKey(b);
            const QString pair = a + u' ' + b;
            if (dpkgEqual) {
                QVERIFY2(ka == kb, qPrintable(pair));
            } else {
                QVERIFY2((ka < kb) == dpkgLess && ka != kb, qPrintable(pair));
            }
            ++compared;
        }
    }
    QVERIFY(compared > 500);
}

QTEST_GUILESS_MAIN(TestVersionKey)
#include "TestVersionKey.moc"
