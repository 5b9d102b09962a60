// SPDX-License-Identifier: GPL-3.0-or-later
// The query language of query groups: what reads, and the message (with its column) for what
// does not. What queries select is checked on real databases in TestGroupRepository.
#include "groups/GroupQuery.h"

#include <QTest>

using namespace steward;
using namespace steward::server::groups;

class TestGroupQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void refuses_data();
    void refuses();
    void unknownFieldNamesTheFields();
    void namesItsOrgUnits();
    void bindsValuesNotText();
    void boundsNesting();
};

void TestGroupQuery::reads_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("one test") << "os.name = debian";
    QTest::newRow("quoted") << "os.name = \"Debian GNU/Linux\"";
    QTest::newRow("single quotes") << "hostname ~ 'pc-fin-*'";
    QTest::newRow("and or not") << "os.version < 12 and (updates.security > 0 or not antivirus.realtime = true)";
    QTest::newRow("keywords in capitals") << "os.id = debian AND NOT reboot.pending = yes";
    QTest::newRow("package alone") << "package openssl";
    QTest::newRow("package version") << "package openssl < 3.0.11-1~deb12u2";
    QTest::newRow("package glob") << "package 'mozilla firefox*' >= 120";
    QTest::newRow("ages") << "last-seen > 7d or enrolled < 12h";
    QTest::newRow("org unit") << "ou = 'Ministry of Health/Maseru District'";
    QTest::newRow("everything") << "last-seen >= 0s or last-seen < 0s";
    QTest::newRow("no spaces") << "updates.pending>=10";
    QTest::newRow("double equals") << "id == abc";
}

void TestGroupQuery::reads()
{
    QFETCH(QString, text);
    const Result<GroupQuery> query = GroupQuery::parse(text);
    QVERIFY2(query, query ? "" : qPrintable(query.error().message));
    QCOMPARE(query.value().text(), text.trimmed());
    QVERIFY(!query.value().toSql(QDateTime::currentDateTimeUtc()).sql.isEmpty());
}

void TestGroupQuery::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message"); // how the message starts
    QTest::newRow("empty") << "  "
                           << "column 1: the query is empty";
    QTest::newRow("no operator") << "os.name debian"
                                 << "column 9: expected an operator";
    QTest::newRow("no value") << "os.name ="
                              << "column 10: expected a value after '='";
    QTest::newRow("unclosed quote") << "os.name = \"debian"
                                    << "column 11: the quoted value is not closed";
    QTest::newRow("unclosed parenthesis") << "(os.name = debian"
                                          << "column 18: expected ')' to close the '(' at column 1";
    QTest::newRow("missing and") << "os.name = debian os.version = 12"
                                 << "column 18: expected 'and', 'or' or the end";
    QTest::newRow("dangling and") << "os.name = debian and"
                                  << "column 21: expected a field, 'not' or '('";
    QTest::newRow("order on text") << "hostname < pc"
                                   << "column 10: '<' does not apply to hostname, which is text";
    QTest::newRow("glob on a count") << "updates.security ~ 1*"
                                     << "column 18: '~' does not apply to updates.security";
    QTest::newRow("not a number") << "updates.security > some"
                                  << "column 20: updates.security takes a whole number";
    QTest::newRow("not a boolean") << "antivirus.realtime = maybe"
                                   << "column 22: antivirus.realtime is true or false";
    QTest::newRow("not a time") << "last-seen > 7"
                                << "column 13: last-seen takes a time such as";
    QTest::newRow("equal age") << "last-seen = 7d"
                               << "column 11: '=' does not apply to last-seen";
    QTest::newRow("bad org unit") << "ou = 'Health/../x'"
                                  << "column 6: ";
    QTest::newRow("not an operator") << "os.name =~ x"
                                     << "column 9: '=~' is not an operator";
    QTest::newRow("package without name") << "package < 3"
                                          << "column 9: expected a package name";
    QTest::newRow("package not equal") << "package openssl != 3"
                                       << "column 17: '!=' does not apply to a package's version";
    QTest::newRow("stray parenthesis") << "os.name = debian)"
                                       << "column 17: expected 'and', 'or' or the end";
}

void TestGroupQuery::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<GroupQuery> query = GroupQuery::parse(text);
    QVERIFY(!query);
    QCOMPARE(query.error().code, QStringLiteral("group.query-syntax"));
    QVERIFY2(query.error().message.startsWith(message), qPrintable(query.error().message));
}

void TestGroupQuery::unknownFieldNamesTheFields()
{
    const Result<GroupQuery> query = GroupQuery::parse(QStringLiteral("os.version < 12 and os.nmae = debian"));
    QVERIFY(!query);
    QCOMPARE(query.error().code, QStringLiteral("group.query-field"));
    QVERIFY2(query.error().message.startsWith(QLatin1String("column 21: unknown field 'os.nmae'")),
             qPrintable(query.error().message));
    QVERIFY(query.error().message.contains(QLatin1String("os.name")));
    QVERIFY(query.error().message.contains(QLatin1String("package")));
}

void TestGroupQuery::namesItsOrgUnits()
{
    const Result<GroupQuery> query =
        GroupQuery::parse(QStringLiteral("ou = ' Health / Maseru ' or (ou = Finance and not ou = 'Health/Maseru')"));
    QVERIFY2(query, query ? "" : qPrintable(query.error().message));
    QCOMPARE(query.value().orgUnits(), (QStringList{QStringLiteral("Health/Maseru"), QStringLiteral("Finance")}));
}

void TestGroupQuery::bindsValuesNotText()
{
    // Quotes, LIKE's wildcards and SQL in a value end up as bound values, never in the statement.
    const Result<GroupQuery> query =
        GroupQuery::parse(QStringLiteral("hostname ~ \"x'; DROP TABLE devices; --%_*\" or os.name = \"a\\\"b\""));
    QVERIFY2(query, query ? "" : qPrintable(query.error().message));
    const SqlCondition sql = query.value().toSql(QDateTime::currentDateTimeUtc());
    QVERIFY2(!sql.sql.contains(QLatin1String("DROP")), qPrintable(sql.sql));
    QCOMPARE(sql.sql.count(u'?'), sql.values.size());
    QVERIFY(sql.values.contains(QStringLiteral("x'; drop table devices; --!%!_%")));
    QVERIFY(sql.values.contains(QStringLiteral("a\"b")));
}

void TestGroupQuery::boundsNesting()
{
    const QString deep = QString(40, u'(') + QStringLiteral("os.name = x") + QString(40, u')');
    const Result<GroupQuery> query = GroupQuery::parse(deep);
    QVERIFY(!query);
    QVERIFY2(query.error().message.contains(QLatin1String("nested more than")), qPrintable(query.error().message));
    QVERIFY(!GroupQuery::parse(QString(5000, u'x')));
}

QTEST_GUILESS_MAIN(TestGroupQuery)
#include "TestGroupQuery.moc"
