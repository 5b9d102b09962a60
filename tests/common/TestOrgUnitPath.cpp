// SPDX-License-Identifier: GPL-3.0-or-later
// Org-unit paths as people type them, and how paths relate (common/OrgUnitPath.h).
#include "OrgUnitPath.h"

#include <QTest>

using namespace steward;

class TestOrgUnitPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalPaths_data();
    void canonicalPaths();
    void withinAndParents();
};

void TestOrgUnitPath::canonicalPaths_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path"); // empty: refused

    QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("/");
    QTest::newRow("empty is the root") << QString() << QStringLiteral("/");
    QTest::newRow("plain") << QStringLiteral("Ministry of Health") << QStringLiteral("Ministry of Health");
    QTest::newRow("nested") << QStringLiteral("Ministry of Health/Maseru District")
                            << QStringLiteral("Ministry of Health/Maseru District");
    QTest::newRow("slashes and spaces around") << QStringLiteral(" /Ministry of Health / Maseru District/ ")
                                               << QStringLiteral("Ministry of Health/Maseru District");
    QTest::newRow("Lao") << QStringLiteral("ກະຊວງສາທາລະນະສຸກ/ວຽງຈັນ") << QStringLiteral("ກະຊວງສາທາລະນະສຸກ/ວຽງຈັນ");
    QTest::newRow("empty name") << QStringLiteral("Health//Maseru") << QString();
    QTest::newRow("dot dot") << QStringLiteral("Health/../Finance") << QString();
    QTest::newRow("dot") << QStringLiteral("./Health") << QString();
    QTest::newRow("control character") << QStringLiteral("Health\nFinance") << QString();
    QTest::newRow("bidi override") << QStringLiteral("Health\u202eecnaniF") << QString();
    QTest::newRow("name too long") << QString(65, QLatin1Char('x')) << QString();
    QTest::newRow("longest name") << QString(64, QLatin1Char('x')) << QString(64, QLatin1Char('x'));
    QStringList deep(17, QStringLiteral("a"));
    QTest::newRow("too deep") << deep.join(QLatin1Char('/')) << QString();
    deep.removeLast();
    QTest::newRow("deepest") << deep.join(QLatin1Char('/')) << deep.join(QLatin1Char('/'));
}

void TestOrgUnitPath::canonicalPaths()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    const Result<QString> canonical = orgunit::canonicalPath(text);
    if (path.isEmpty()) {
        QVERIFY(!canonical);
        QCOMPARE(canonical.error().code, QStringLiteral("org-unit.invalid-path"));
    } else {
        QVERIFY2(canonical.ok(), qPrintable(canonical.ok() ? QString() : canonical.error().message));
        QCOMPARE(canonical.value(), path);
    }
}

void TestOrgUnitPath::withinAndParents()
{
    const QString district = QStringLiteral("Health/Maseru District");
    QCOMPARE(orgunit::parentPath(district), QStringLiteral("Health"));
    QCOMPARE(orgunit::parentPath(QStringLiteral("Health")), QStringLiteral("/"));
    QCOMPARE(orgunit::leafName(district), QStringLiteral("Maseru District"));
    QCOMPARE(orgunit::leafName(QStringLiteral("/")), QString());
    QVERIFY(orgunit::isWithin(district, QStringLiteral("/")));
    QVERIFY(orgunit::isWithin(district, QStringLiteral("Health")));
    QVERIFY(orgunit::isWithin(district, district));
    QVERIFY(!orgunit::isWithin(QStringLiteral("Health"), district));
    QVERIFY(!orgunit::isWithin(QStringLiteral("Health Services/A"), QStringLiteral("Health")));
    QVERIFY(!orgunit::isWithin(QStringLiteral("/"), QStringLiteral("Health")));
}

QTEST_GUILESS_MAIN(TestOrgUnitPath)
#include "TestOrgUnitPath.moc"
