// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Credentials.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace steward::server;

namespace
{
// Low on purpose: the production count is for attackers, not for unit tests.
constexpr int kIterations = 1000;
}

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void encodingFormat();
    void verify_data();
    void verify();
    void knownAnswer();
    void differentSaltsGiveDifferentHashes();
    void malformedEncodings_data();
    void malformedEncodings();

    void randomTokenShape();
    void randomTokensAreUnique();
    void tokenHash_data();
    void tokenHash();

private:
    QString m_hash;
};

void TestCredentials::initTestCase()
{
    m_hash = credentials::hashPassword(QStringLiteral("correct horse battery staple"), kIterations);
}

void TestCredentials::encodingFormat()
{
    const QStringList parts = m_hash.split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(0), QStringLiteral("pbkdf2-sha256"));
    QCOMPARE(parts.at(1), QStringLiteral("1000"));
    QCOMPARE(QByteArray::fromBase64(parts.at(2).toLatin1()).size(), 16);
    QCOMPARE(QByteArray::fromBase64(parts.at(3).toLatin1()).size(), 32);
    QVERIFY(!m_hash.contains(QStringLiteral("correct horse")));

    QVERIFY(credentials::hashPassword(QStringLiteral("x"))
                .startsWith(QStringLiteral("pbkdf2-sha256$%1$").arg(credentials::kDefaultPbkdf2Iterations)));
}

void TestCredentials::verify_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("right") << QStringLiteral("correct horse battery staple") << true;
    QTest::newRow("wrong") << QStringLiteral("correct horse battery stapler") << false;
    QTest::newRow("different case") << QStringLiteral("Correct horse battery staple") << false;
    QTest::newRow("trailing space") << QStringLiteral("correct horse battery staple ") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestCredentials::verify()
{
    QFETCH(QString, password);
    QFETCH(bool, accepted);
    QCOMPARE(credentials::verifyPassword(password, m_hash), accepted);
}

void TestCredentials::knownAnswer()
{
    // PBKDF2-HMAC-SHA256("password", "salt", 1 and 4096 iterations, 32 bytes): published test vectors.
    const QString salt = QString::fromLatin1(QByteArrayLiteral("salt").toBase64());
    const QString one =
        QStringLiteral("pbkdf2-sha256$1$%1$%2")
            .arg(salt,
                 QString::fromLatin1(
                     QByteArray::fromHex("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
                         .toBase64()));
    QVERIFY(credentials::verifyPassword(QStringLiteral("password"), one));
    QVERIFY(!credentials::verifyPassword(QStringLiteral("Password"), one));

    const QString many =
        QStringLiteral("pbkdf2-sha256$4096$%1$%2")
            .arg(salt,
                 QString::fromLatin1(
                     QByteArray::fromHex("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
                         .toBase64()));
    QVERIFY(credentials::verifyPassword(QStringLiteral("password"), many));

    // Same hash, wrong iteration count.
    QString wrongCount = many;
    wrongCount.replace(QStringLiteral("$4096$"), QStringLiteral("$4095$"));
    QVERIFY(!credentials::verifyPassword(QStringLiteral("password"), wrongCount));
}

void TestCredentials::differentSaltsGiveDifferentHashes()
{
    const QString again = credentials::hashPassword(QStringLiteral("correct horse battery staple"), kIterations);
    QVERIFY(again != m_hash);
    QVERIFY(again.section(QLatin1Char('$'), 2, 2) != m_hash.section(QLatin1Char('$'), 2, 2));
    QVERIFY(again.section(QLatin1Char('$'), 3, 3) != m_hash.section(QLatin1Char('$'), 3, 3));
    QVERIFY(credentials::verifyPassword(QStringLiteral("correct horse battery staple"), again));

    // An empty password can be hashed and verified like any other (the init command refuses it).
    const QString empty = credentials::hashPassword(QString(), kIterations);
    QVERIFY(credentials::verifyPassword(QString(), empty));
    QVERIFY(!credentials::verifyPassword(QStringLiteral(" "), empty));
}

void TestCredentials::malformedEncodings_data()
{
    QTest::addColumn<QString>("encoded");

    const QStringList parts = m_hash.split(QLatin1Char('$'));
    auto with = [&parts](int index, const QString &value) {
        QStringList copy = parts;
        copy[index] = value;
        return copy.join(QLatin1Char('$'));
    };
    QTest::newRow("empty") << QString();
    QTest::newRow("plain text") << QStringLiteral("correct horse battery staple");
    QTest::newRow("three fields") << QStringList(parts.mid(0, 3)).join(QLatin1Char('$'));
    QTest::newRow("five fields") << m_hash + QStringLiteral("$extra");
    QTest::newRow("other scheme") << with(0, QStringLiteral("pbkdf2-sha1"));
    QTest::newRow("uppercase scheme") << with(0, QStringLiteral("PBKDF2-SHA256"));
    QTest::newRow("zero iterations") << with(1, QStringLiteral("0"));
    QTest::newRow("negative iterations") << with(1, QStringLiteral("-1000"));
    QTest::newRow("iterations not a number") << with(1, QStringLiteral("lots"));
    QTest::newRow("empty salt") << with(2, QString());
    QTest::newRow("empty hash") << with(3, QString());
    QTest::newRow("truncated hash") << with(3, parts.at(3).left(20));
    QTest::newRow("hash too long") << with(
        3,
        QString::fromLatin1(QByteArray(QByteArray::fromBase64(parts.at(3).toLatin1()) + 'x').toBase64()));
    QTest::newRow("other salt") << with(2, QString::fromLatin1(QByteArray(16, 'a').toBase64()));
}

void TestCredentials::malformedEncodings()
{
    QFETCH(QString, encoded);
    QVERIFY(!credentials::verifyPassword(QStringLiteral("correct horse battery staple"), encoded));
}

void TestCredentials::randomTokenShape()
{
    const QString token = credentials::randomToken();
    QCOMPARE(token.size(), 43);
    static const QRegularExpression base64url(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    QVERIFY2(base64url.match(token).hasMatch(), qPrintable(token));
    QCOMPARE(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
}

void TestCredentials::randomTokensAreUnique()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        seen.insert(credentials::randomToken());
    }
    QCOMPARE(seen.size(), 1000);
}

void TestCredentials::tokenHash_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("sha256Hex");

    QTest::newRow("abc") << QStringLiteral("abc")
                         << QByteArrayLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("empty") << QString()
                           << QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

void TestCredentials::tokenHash()
{
    QFETCH(QString, token);
    QFETCH(QByteArray, sha256Hex);
    const QByteArray hash = credentials::tokenHash(token);
    QCOMPARE(hash.size(), 32);
    QCOMPARE(hash.toHex(), sha256Hex);

    const QString random = credentials::randomToken();
    QCOMPARE(credentials::tokenHash(random), QCryptographicHash::hash(random.toUtf8(), QCryptographicHash::Sha256));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "TestCredentials.moc"
