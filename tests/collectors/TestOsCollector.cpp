// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "os/OsCollector.h"
#include "os/OsInfo.h"

#include <QCborMap>
#include <QTemporaryDir>
#include <QTest>

using namespace steward::agent;

class TestOsCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseOsRelease_data();
    void parseOsRelease();
    void debianTree();
    void vendorFallbackTree();
    void malformedLinesAreIgnored();
    void missingOsReleaseIsAnError();
    void cborKeysFollowProtocol();
};

void TestOsCollector::parseOsRelease_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected"); // null: the line is ignored

    QTest::newRow("plain") << QByteArray("ID=debian") << QStringLiteral("ID") << QStringLiteral("debian");
    QTest::newRow("double quotes") << QByteArray("NAME=\"Debian GNU/Linux\"") << QStringLiteral("NAME")
                                   << QStringLiteral("Debian GNU/Linux");
    QTest::newRow("single quotes") << QByteArray("NAME='Rocky Linux'") << QStringLiteral("NAME")
                                   << QStringLiteral("Rocky Linux");
    QTest::newRow("escapes in double quotes")
        << QByteArray(R"(PRETTY_NAME="A \"quoted\" \$name \\ and \n")") << QStringLiteral("PRETTY_NAME")
        << QStringLiteral(R"(A "quoted" $name \ and \n)");
    QTest::newRow("no escapes in single quotes")
        << QByteArray(R"(X='a\"b')") << QStringLiteral("X") << QStringLiteral(R"(a\"b)");
    QTest::newRow("empty value") << QByteArray("VARIANT=") << QStringLiteral("VARIANT") << QString(QLatin1String(""));
    QTest::newRow("utf-8") << QByteArray("NAME=\"Lao \xe0\xba\xa5\xe0\xba\xb2\xe0\xba\xa7\"") << QStringLiteral("NAME")
                           << QString::fromUtf8("Lao \xe0\xba\xa5\xe0\xba\xb2\xe0\xba\xa7");
    QTest::newRow("crlf") << QByteArray("ID=debian\r") << QStringLiteral("ID") << QStringLiteral("debian");
    QTest::newRow("unterminated quote") << QByteArray("NAME=\"Debian") << QStringLiteral("NAME") << QString();
    QTest::newRow("comment") << QByteArray("#ID=debian") << QStringLiteral("#ID") << QString();
    QTest::newRow("key starting with digit") << QByteArray("1ID=x") << QStringLiteral("1ID") << QString();
    QTest::newRow("key with dash") << QByteArray("MY-ID=x") << QStringLiteral("MY-ID") << QString();
}

void TestOsCollector::parseOsRelease()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, key);
    QFETCH(QString, expected);

    const QHash<QString, QString> values = OsCollector::parseOsRelease(line + "\nOTHER=1\n");
    QCOMPARE(values.value(QStringLiteral("OTHER")), QStringLiteral("1"));
    if (expected.isNull()) {
        QVERIFY(!values.contains(key));
        QCOMPARE(values.size(), 1);
    } else {
        QVERIFY(values.contains(key));
        QCOMPARE(values.value(key), expected);
    }
}

void TestOsCollector::debianTree()
{
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/os/debian12"), nullptr};
    const auto info = OsCollector().collectInfo(context);
    QVERIFY(info.ok());
    QCOMPARE(info.value().name, QStringLiteral("Debian GNU/Linux"));
    QCOMPARE(info.value().version, QStringLiteral("12 (bookworm)"));
    QCOMPARE(info.value().id, QStringLiteral("debian"));
    QCOMPARE(info.value().versionId, QStringLiteral("12"));
    QCOMPARE(info.value().prettyName, QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
    QCOMPARE(info.value().kernel, QStringLiteral("6.1.0-18-amd64"));
    QCOMPARE(info.value().arch, QStringLiteral("x86_64"));
    // The kernel's name wins over a stale /etc/hostname.
    QCOMPARE(info.value().hostname, QStringLiteral("pc-mof-0142"));
}

void TestOsCollector::vendorFallbackTree()
{
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/os/vendor-fallback"), nullptr};
    const auto info = OsCollector().collectInfo(context);
    QVERIFY(info.ok());
    QCOMPARE(info.value().name, QStringLiteral("Rocky Linux"));
    QCOMPARE(info.value().id, QStringLiteral("rocky"));
    QCOMPARE(info.value().versionId, QStringLiteral("9.3"));
    QCOMPARE(info.value().prettyName, QStringLiteral("Rocky Linux 9.3 (Blue Onyx)"));
    QCOMPARE(info.value().kernel, QStringLiteral("5.14.0-362.8.1.el9_3.aarch64"));
    QCOMPARE(info.value().arch, QStringLiteral("aarch64"));
    QCOMPARE(info.value().hostname, QStringLiteral("srv-finance-03"));
}

void TestOsCollector::malformedLinesAreIgnored()
{
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/os/broken"), nullptr};
    const auto info = OsCollector().collectInfo(context);
    QVERIFY(info.ok());
    // NAME is unterminated, so the os-release(5) default applies.
    QCOMPARE(info.value().name, QStringLiteral("Linux"));
    QCOMPARE(info.value().id, QStringLiteral("alpine"));
    QCOMPARE(info.value().versionId, QStringLiteral("3.19.1"));
    QCOMPARE(info.value().prettyName, QStringLiteral("Alpine Linux v3.19"));
    QCOMPARE(info.value().version, QString());
    QCOMPARE(info.value().kernel, QStringLiteral("6.6.8-0-lts"));
    QCOMPARE(info.value().hostname, QString());
}

void TestOsCollector::missingOsReleaseIsAnError()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const CollectContext context{root.path(), nullptr};
    const auto result = OsCollector().collect(context);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("os.release-unreadable"));
    QVERIFY(result.error().message.contains(QLatin1String("os-release")));
}

void TestOsCollector::cborKeysFollowProtocol()
{
    const CollectContext context{QStringLiteral(COLLECTORS_FIXTURES_DIR "/os/debian12"), nullptr};
    const auto result = OsCollector().collect(context);
    QVERIFY(result.ok());
    const QCborMap map = result.value().toMap();
    QStringList keys;
    const QList<QCborValue> cborKeys = map.keys();
    for (const QCborValue &key : cborKeys) {
        keys.append(key.toString());
        QVERIFY(map.value(key).isString());
    }
    keys.sort();
    QCOMPARE(keys,
             QStringList({QStringLiteral("arch"),
                          QStringLiteral("hostname"),
                          QStringLiteral("id"),
                          QStringLiteral("kernel"),
                          QStringLiteral("name"),
                          QStringLiteral("prettyName"),
                          QStringLiteral("version"),
                          QStringLiteral("versionId")}));
    QCOMPARE(map.value(QStringLiteral("versionId")).toString(), QStringLiteral("12"));
}

QTEST_GUILESS_MAIN(TestOsCollector)
#include "TestOsCollector.moc"
