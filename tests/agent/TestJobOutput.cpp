// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobOutput.h"

#include <QCborValue>
#include <QCryptographicHash>
#include <QTest>

using namespace steward::agent::jobs;

namespace
{
QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// Valid UTF-8 decodes without replacement characters and encodes back to the same bytes.
bool isValidUtf8(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    return !text.contains(QChar::ReplacementCharacter) && text.toUtf8() == bytes;
}

const char s_pem[] =
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACDHq1l2Z9yK5Xw0cQW8m1c0dI7pQy4E0lF2k3sJ9xH8vAAAAJgX1Yg8F9WI\n"
    "-----END OPENSSH PRIVATE KEY-----\n";
} // namespace

class TestJobOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallOutputKeptWhole();
    void hugeOutputBounded();
    void hashIsOfTheRedactedText();
    void redaction_data();
    void redaction();
    void secretsInTheDroppedMiddle();
    void utf8Cuts_data();
    void utf8Cuts();
    void invalidUtf8();
    void cbor();
};

void TestJobOutput::smallOutputKeptWhole()
{
    const QByteArray text =
        "Last metadata expiration check: 0:02:11 ago.\nDependencies resolved.\nNothing to do.\nComplete!\n";
    const JobOutput output = JobOutput::bound(text);
    QCOMPARE(output.head(), text);
    QCOMPARE(output.tail(), QByteArray());
    QCOMPARE(output.totalBytes(), qint64(text.size()));
    QCOMPARE(output.sha256(), sha256(text));
    QVERIFY(!output.truncated());

    // Exactly head + tail bytes: still whole, nothing would be dropped.
    const QByteArray exact(100, 'x');
    const JobOutput fits = JobOutput::bound(exact, {}, 60, 40);
    QCOMPARE(fits.head(), exact);
    QCOMPARE(fits.tail(), QByteArray());
    QVERIFY(!fits.truncated());

    const JobOutput empty = JobOutput::bound(QByteArray());
    QCOMPARE(empty.totalBytes(), qint64(0));
    QCOMPARE(empty.sha256(), sha256(QByteArray()));
}

void TestJobOutput::hugeOutputBounded()
{
    QByteArray text;
    for (int i = 0; text.size() < 2 * 1024 * 1024; ++i) {
        text += "  Upgrading        : package-" + QByteArray::number(i) + "-1.0-1.el9.x86_64   " + QByteArray::number(i)
            + "/99999\n";
    }
    const JobOutput output = JobOutput::bound(text);
    QCOMPARE(output.head().size(), JobOutput::DefaultHeadBytes);
    QCOMPARE(output.tail().size(), JobOutput::DefaultTailBytes);
    QCOMPARE(output.head(), text.left(JobOutput::DefaultHeadBytes));
    QCOMPARE(output.tail(), text.right(JobOutput::DefaultTailBytes));
    QCOMPARE(output.totalBytes(), qint64(text.size()));
    QCOMPARE(output.sha256(), sha256(text));
    QCOMPARE(output.sha256().size(), 32);
    QVERIFY(output.truncated());

    const JobOutput small = JobOutput::bound(text, {}, 100, 10);
    QCOMPARE(small.head(), text.left(100));
    QCOMPARE(small.tail(), text.right(10));
}

void TestJobOutput::hashIsOfTheRedactedText()
{
    const QByteArray text = "licence accepted: ABCD-1234-EFGH-5678\ndone\n";
    const JobOutput output = JobOutput::bound(text, {QStringLiteral("ABCD-1234-EFGH-5678")});
    const QByteArray redacted = "licence accepted: [redacted]\ndone\n";
    QCOMPARE(output.head(), redacted);
    QCOMPARE(output.sha256(), sha256(redacted));
    QCOMPARE(output.totalBytes(), qint64(redacted.size()));
    QVERIFY(output.sha256() != sha256(text));
}

void TestJobOutput::redaction_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");

    QTest::newRow("password=") << "curl -u x --data password=hunter2&user=bob" << QStringList()
                               << "curl -u x --data password=[redacted]&user=bob";
    QTest::newRow("quoted value") << "db_password = \"correct horse\" ok" << QStringList()
                                  << "db_password = [redacted] ok";
    QTest::newRow("passwd:") << "passwd: all authentication tokens updated successfully.\nnext line" << QStringList()
                             << "passwd: [redacted]\nnext line";
    QTest::newRow("Password: prompt answer") << "Password: s3cr3t!\n" << QStringList() << "Password: [redacted]\n";
    QTest::newRow("token=") << "GET /repo?token=abc.def-123 HTTP/1.1" << QStringList()
                            << "GET /repo?token=[redacted] HTTP/1.1";
    QTest::newRow("access_token JSON") << R"({"access_token": "eyJhbGciOi", "expires": 3600})" << QStringList()
                                       << R"({"access_token": [redacted])";
    QTest::newRow("Authorization") << "> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x\n> Accept: */*\n"
                                   << QStringList() << "> Authorization: [redacted]\n> Accept: */*\n";
    QTest::newRow("Proxy-Authorization") << "Proxy-Authorization: Basic dXNlcjpwYXNz" << QStringList()
                                         << "Proxy-Authorization: [redacted]";
    QTest::newRow("private key") << QString::fromLatin1("before\n") + QLatin1String(s_pem) + QLatin1String("after\n")
                                 << QStringList() << "before\n[redacted]\nafter\n";
    QTest::newRow("cut-off private key") << "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nMIIE"
                                         << QStringList() << "key:\n[redacted]";
    QTest::newRow("URL password") << "Curl error (7): for https://mirror:Sup3r@proxy.example:3128/repo" << QStringList()
                                  << "Curl error (7): for https://mirror:[redacted]@proxy.example:3128/repo";
    QTest::newRow("explicit secret") << "Activating with key XK7Q-2M9P-44RT-ZZ01 ... done"
                                     << QStringList{QStringLiteral("XK7Q-2M9P-44RT-ZZ01")}
                                     << "Activating with key [redacted] ... done";
    QTest::newRow("explicit secrets, several times")
        << "a=S1 b=S2 c=S1" << QStringList{QStringLiteral("S1"), QString(), QStringLiteral("S2")}
        << "a=[redacted] b=[redacted] c=[redacted]";

    // What must stay: package names that contain the key words, epochs, plain mentions.
    QTest::newRow("dnf transaction lines")
        << "  Upgrading        : passwd-0.80-12.el9.x86_64    1/2\n  Installing       : passwdqc-1:2.0.2-8.el9.x86_64\n"
        << QStringList()
        << "  Upgrading        : passwd-0.80-12.el9.x86_64    1/2\n  Installing       : "
           "passwdqc-1:2.0.2-8.el9.x86_64\n";
    QTest::newRow("mentions") << "Checking password quality requirements\nSetting up token-helper (1.2-1) ..."
                              << QStringList()
                              << "Checking password quality requirements\nSetting up token-helper (1.2-1) ...";
    QTest::newRow("public key") << "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----"
                                << QStringList()
                                << "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----";
}

void TestJobOutput::redaction()
{
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(JobOutput::redact(text, secrets), expected);
    // Through bound(): nothing unredacted is kept.
    QCOMPARE(JobOutput::bound(text.toUtf8(), secrets).head(), expected.toUtf8());
}

void TestJobOutput::secretsInTheDroppedMiddle()
{
    const QByteArray middle = "\ntoken=abcdef0123456789\nlicence SECRET-LICENCE-KEY\n";
    const QByteArray text = QByteArray(5000, 'a') + middle + QByteArray(5000, 'z');
    const JobOutput output = JobOutput::bound(text, {QStringLiteral("SECRET-LICENCE-KEY")});
    const QByteArray redacted =
        QByteArray(5000, 'a') + "\ntoken=[redacted]\nlicence [redacted]\n" + QByteArray(5000, 'z');
    QCOMPARE(output.sha256(), sha256(redacted));
    QCOMPARE(output.totalBytes(), qint64(redacted.size()));
}

void TestJobOutput::utf8Cuts_data()
{
    QTest::addColumn<QByteArray>("unit");
    QTest::newRow("2 bytes") << QByteArray("\xc3\xa9"); // é
    QTest::newRow("3 bytes") << QByteArray("\xe2\x82\xac"); // €
    QTest::newRow("4 bytes") << QByteArray("\xf0\x9f\x98\x80"); // 😀
    QTest::newRow("mixed") << QByteArray("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

void TestJobOutput::utf8Cuts()
{
    QFETCH(QByteArray, unit);
    const QByteArray text = unit.repeated(300);
    for (qsizetype limit = 1; limit < 40; ++limit) {
        const JobOutput output = JobOutput::bound(text, {}, limit, limit);
        QVERIFY(output.truncated());
        QVERIFY2(isValidUtf8(output.head()), qPrintable(QStringLiteral("head at %1").arg(limit)));
        QVERIFY2(isValidUtf8(output.tail()), qPrintable(QStringLiteral("tail at %1").arg(limit)));
        QVERIFY(text.startsWith(output.head()));
        QVERIFY(text.endsWith(output.tail()));
        // Cut on the boundary nearest the limit, never over it.
        QVERIFY(output.head().size() <= limit && output.head().size() > limit - 4);
        QVERIFY(output.tail().size() <= limit && output.tail().size() > limit - 4);
    }
    QCOMPARE(JobOutput::utf8Head("\xe2\x82\xac\xe2\x82\xac", 4), QByteArray("\xe2\x82\xac"));
    QCOMPARE(JobOutput::utf8Tail("\xe2\x82\xac\xe2\x82\xac", 4), QByteArray("\xe2\x82\xac"));
    QCOMPARE(JobOutput::utf8Head("\xe2\x82\xac", 2), QByteArray());
}

void TestJobOutput::invalidUtf8()
{
    // Binary garbage (a progress bar in a legacy code page): kept as replacement characters.
    const QByteArray text = "caf\xe9 \xff\xfe ok";
    const JobOutput output = JobOutput::bound(text);
    QVERIFY(output.head().contains("\xef\xbf\xbd"));
    QCOMPARE(QString::fromUtf8(output.head()).toUtf8(), output.head());
    QCOMPARE(QString::fromUtf8(output.head()), QString::fromUtf8(text));
    QCOMPARE(output.sha256(), sha256(QString::fromUtf8(text).toUtf8()));
}

void TestJobOutput::cbor()
{
    QByteArray text = QByteArray(6000, 'h') + QByteArray(6000, 't');
    const JobOutput output = JobOutput::bound(text, {}, 100, 200);
    const QCborMap map = output.toCbor();
    QCOMPARE(map.size(), 4);
    QVERIFY(map.value(QLatin1String("head")).isString());
    QVERIFY(map.value(QLatin1String("tail")).isString());
    QCOMPARE(map.value(QLatin1String("head")).toString(), QString(100, u'h'));
    QCOMPARE(map.value(QLatin1String("tail")).toString(), QString(200, u't'));
    QCOMPARE(map.value(QLatin1String("totalBytes")).toInteger(), qint64(12000));
    QVERIFY(map.value(QLatin1String("sha256")).isByteArray());
    QCOMPARE(map.value(QLatin1String("sha256")).toByteArray(), sha256(text));

    const JobOutput back = JobOutput::fromCbor(QCborValue::fromCbor(map.toCborValue().toCbor()).toMap());
    QCOMPARE(back.head(), output.head());
    QCOMPARE(back.tail(), output.tail());
    QCOMPARE(back.totalBytes(), output.totalBytes());
    QCOMPARE(back.sha256(), output.sha256());
}

QTEST_GUILESS_MAIN(TestJobOutput)
#include "TestJobOutput.moc"
