// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "auth/Credentials.h"
#include "store/UserRepository.h"

#include <QTest>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

class TestUserRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void roleNames_data();
    void roleNames();
    void users();
    void sessions();
    void expiredSessionsAreSwept();

private:
    QByteArray tokenHash(const char *token) const
    {
        return credentials::tokenHash(QLatin1String(token));
    }

    StoreFixture m_fixture;
    std::unique_ptr<UserRepository> m_users;
};

void TestUserRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestUserRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_users.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_users = std::make_unique<UserRepository>(m_fixture.database());
}

void TestUserRepository::roleNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("admin");

    QTest::newRow("admin") << QStringLiteral("admin") << true << true;
    QTest::newRow("helpdesk") << QStringLiteral("helpdesk") << true << false;
    QTest::newRow("uppercase") << QStringLiteral("Admin") << false << false;
    QTest::newRow("empty") << QString() << false << false;
    QTest::newRow("root") << QStringLiteral("root") << false << false;
}

void TestUserRepository::roleNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(bool, admin);

    const std::optional<Role> role = roleFromName(name);
    QCOMPARE(role.has_value(), valid);
    if (valid) {
        QCOMPARE(*role == Role::Admin, admin);
        QCOMPARE(roleName(*role), name);
    }
}

void TestUserRepository::users()
{
    QVERIFY_RESULT(m_users->add(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash-a")}, kNow));
    QVERIFY_RESULT(m_users->add(User{QStringLiteral("bob"), Role::Helpdesk, QStringLiteral("hash-b")}, kNow));

    const Result<std::optional<User>> alice = m_users->find(QStringLiteral("alice"));
    QVERIFY_RESULT(alice);
    QVERIFY(alice.value().has_value());
    QCOMPARE(alice.value()->name, QStringLiteral("alice"));
    QCOMPARE(alice.value()->role, Role::Admin);
    QCOMPARE(alice.value()->passwordHash, QStringLiteral("hash-a"));
    QCOMPARE(m_users->find(QStringLiteral("bob")).value()->role, Role::Helpdesk);

    // Not found is an answer, not an error.
    QVERIFY_RESULT(m_users->find(QStringLiteral("carol")));
    QVERIFY(!m_users->find(QStringLiteral("carol")).value().has_value());
    QVERIFY(!m_users->find(QStringLiteral("Alice")).value().has_value());

    Status duplicate = m_users->add(User{QStringLiteral("alice"), Role::Helpdesk, QStringLiteral("other")}, kNow);
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, QStringLiteral("store.conflict"));
    QCOMPARE(m_users->find(QStringLiteral("alice")).value()->passwordHash, QStringLiteral("hash-a"));

    const Result<QList<User>> all = m_users->list();
    QVERIFY_RESULT(all);
    QCOMPARE(all.value().size(), 2);
    QCOMPARE(all.value().at(0).name, QStringLiteral("alice"));
    QCOMPARE(all.value().at(1).name, QStringLiteral("bob"));
}

void TestUserRepository::sessions()
{
    QVERIFY_RESULT(m_users->add(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash-a")}, kNow));
    const QByteArray token = tokenHash("session-token");
    QVERIFY_RESULT(m_users->addSession(token, QStringLiteral("alice"), kNow, kNow.addSecs(kHour)));

    const Result<std::optional<User>> user = m_users->sessionUser(token, kNow.addSecs(10));
    QVERIFY_RESULT(user);
    QVERIFY(user.value().has_value());
    QCOMPARE(user.value()->name, QStringLiteral("alice"));
    QCOMPARE(user.value()->role, Role::Admin);

    QVERIFY(m_users->sessionUser(token, kNow.addSecs(kHour - 1)).value().has_value());
    QVERIFY(!m_users->sessionUser(token, kNow.addSecs(kHour)).value().has_value());
    QVERIFY(!m_users->sessionUser(token, kNow.addSecs(2 * kHour)).value().has_value());
    QVERIFY(!m_users->sessionUser(tokenHash("other-token"), kNow).value().has_value());

    QVERIFY_RESULT(m_users->removeSession(token));
    QVERIFY(!m_users->sessionUser(token, kNow).value().has_value());

    // Sessions belong to existing users only.
    QVERIFY(!m_users->addSession(tokenHash("ghost"), QStringLiteral("ghost"), kNow, kNow.addSecs(kHour)).ok());
}

void TestUserRepository::expiredSessionsAreSwept()
{
    QVERIFY_RESULT(m_users->add(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash-a")}, kNow));
    QVERIFY_RESULT(m_users->addSession(tokenHash("old"), QStringLiteral("alice"), kNow, kNow.addSecs(kHour)));
    QVERIFY_RESULT(m_users->addSession(tokenHash("long"), QStringLiteral("alice"), kNow, kNow.addSecs(10 * kHour)));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("sessions")), 2);

    QVERIFY_RESULT(m_users->addSession(tokenHash("new"),
                                       QStringLiteral("alice"),
                                       kNow.addSecs(2 * kHour),
                                       kNow.addSecs(3 * kHour)));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("sessions")), 2);
    // Gone for good, even when asked about a time at which it was still valid.
    QVERIFY(!m_users->sessionUser(tokenHash("old"), kNow).value().has_value());
    QVERIFY(m_users->sessionUser(tokenHash("long"), kNow.addSecs(2 * kHour)).value().has_value());
}

QTEST_GUILESS_MAIN(TestUserRepository)
#include "TestUserRepository.moc"
