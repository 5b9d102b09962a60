// SPDX-License-Identifier: GPL-3.0-or-later
// Compliance policies per org unit on both engines: what units set, inherited down the tree and
// overridden below, and the effective policy a device of each unit is judged by.
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "compliance/PolicyTree.h"
#include "store/OrgUnitRepository.h"
#include "store/PolicyRepository.h"

#include <QTest>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

class TestPolicyRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void setAndUnset();
    void inheritedAndOverridden();
    void deletedUnitTakesItsSettings();

private:
    PolicyTree tree();

    StoreFixture m_fixture;
    std::unique_ptr<OrgUnitRepository> m_units;
    std::unique_ptr<PolicyRepository> m_policies;
};

void TestPolicyRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestPolicyRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_units.reset();
    m_policies.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_units = std::make_unique<OrgUnitRepository>(m_fixture.database());
    m_policies = std::make_unique<PolicyRepository>(m_fixture.database());
    for (const char *path : {"Health", "Health/Mokhotlong", "Health/Mokhotlong/Clinic", "Finance"}) {
        QVERIFY_RESULT(m_units->create(QString::fromLatin1(path), kNow));
    }
}

PolicyTree TestPolicyRepository::tree()
{
    QList<PolicyTree::Setting> rows;
    const Result<QList<PolicySetting>> settings = m_policies->list();
    for (const PolicySetting &setting : settings.value()) {
        rows.append(PolicyTree::Setting{setting.orgUnit, setting.rule, setting.value});
    }
    return PolicyTree(CompliancePolicy(), rows);
}

void TestPolicyRepository::setAndUnset()
{
    Result<QHash<QString, QString>> before =
        m_policies->change(QStringLiteral("Health"),
                           {{QStringLiteral("antivirus.definitions-max-age"), QStringLiteral("2d")}},
                           {},
                           QStringLiteral("alice"),
                           kNow);
    QVERIFY_RESULT(before);
    QVERIFY(before.value().isEmpty());
    before = m_policies->change(QStringLiteral("Health"),
                                {{QStringLiteral("antivirus.definitions-max-age"), QStringLiteral("1d")}},
                                {QStringLiteral("contact.max-age")},
                                QStringLiteral("bob"),
                                kNow.addSecs(kHour));
    QVERIFY_RESULT(before);
    QCOMPARE(before.value(),
             (QHash<QString, QString>{{QStringLiteral("antivirus.definitions-max-age"), QStringLiteral("2d")}}));

    const Result<QList<PolicySetting>> listed = m_policies->list();
    QVERIFY_RESULT(listed);
    QCOMPARE(listed.value().size(), 1);
    const PolicySetting &setting = listed.value().first();
    QCOMPARE(setting.orgUnit, QStringLiteral("Health"));
    QCOMPARE(setting.value, QStringLiteral("1d"));
    QCOMPARE(setting.setBy, QStringLiteral("bob"));
    QCOMPARE(setting.setAt, kNow.addSecs(kHour));

    QVERIFY_RESULT(m_policies->change(QStringLiteral("Health"),
                                      {},
                                      {QStringLiteral("antivirus.definitions-max-age")},
                                      QStringLiteral("bob"),
                                      kNow));
    QVERIFY(m_policies->list().value().isEmpty());
    QCOMPARE(m_policies
                 ->change(QStringLiteral("Nowhere"),
                          {{QStringLiteral("contact.max-age"), QStringLiteral("1d")}},
                          {},
                          QStringLiteral("bob"),
                          kNow)
                 .error()
                 .code,
             QStringLiteral("org-unit.unknown"));
}

void TestPolicyRepository::inheritedAndOverridden()
{
    // The site allows 3 days by default; the ministry tightens it, a district on a weekly link
    // relaxes it again, and the root says how long a machine may be silent everywhere.
    QVERIFY_RESULT(m_policies->change(QStringLiteral("/"),
                                      {{QStringLiteral("contact.max-age"), QStringLiteral("2d")}},
                                      {},
                                      QStringLiteral("a"),
                                      kNow));
    QVERIFY_RESULT(m_policies->change(QStringLiteral("Health"),
                                      {{QStringLiteral("antivirus.definitions-max-age"), QStringLiteral("1d")}},
                                      {},
                                      QStringLiteral("a"),
                                      kNow));
    QVERIFY_RESULT(m_policies->change(QStringLiteral("Health/Mokhotlong"),
                                      {{QStringLiteral("antivirus.definitions-max-age"), QStringLiteral("7d")}},
                                      {},
                                      QStringLiteral("a"),
                                      kNow));

    PolicyTree policies = tree();
    const auto ruleOf = [&](const char *unit, const char *rule) -> QString {
        const CompliancePolicy &policy = policies.forUnit(QString::fromLatin1(unit));
        const QString origin = policy.origins.value(QLatin1String(rule));
        return policy.value(QLatin1String(rule)) + u' ' + (origin.isEmpty() ? QStringLiteral("(built in)") : origin);
    };
    QCOMPARE(ruleOf("Finance", "antivirus.definitions-max-age"), QStringLiteral("3d (built in)"));
    QCOMPARE(ruleOf("Health", "antivirus.definitions-max-age"), QStringLiteral("1d Health"));
    QCOMPARE(ruleOf("Health/Mokhotlong", "antivirus.definitions-max-age"), QStringLiteral("7d Health/Mokhotlong"));
    QCOMPARE(ruleOf("Health/Mokhotlong/Clinic", "antivirus.definitions-max-age"),
             QStringLiteral("7d Health/Mokhotlong"));
    QCOMPARE(ruleOf("Health/Mokhotlong/Clinic", "contact.max-age"), QStringLiteral("2d /"));
    QCOMPARE(ruleOf("/", "contact.max-age"), QStringLiteral("2d /"));
    QCOMPARE(policies.ownSettings(QStringLiteral("Health")).value(QStringLiteral("antivirus.definitions-max-age")),
             QStringLiteral("1d"));
}

void TestPolicyRepository::deletedUnitTakesItsSettings()
{
    QVERIFY_RESULT(m_policies->change(QStringLiteral("Finance"),
                                      {{QStringLiteral("disk.min-free-percent"), QStringLiteral("10")}},
                                      {},
                                      QStringLiteral("a"),
                                      kNow));
    QVERIFY_RESULT(m_units->remove(QStringLiteral("Finance"), kNow));
    QVERIFY(m_policies->list().value().isEmpty());
}

QTEST_GUILESS_MAIN(TestPolicyRepository)
#include "TestPolicyRepository.moc"
