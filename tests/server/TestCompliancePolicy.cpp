// SPDX-License-Identifier: GPL-3.0-or-later
#include "ManualClock.h"
#include "ResultDescription.h"
#include "compliance/CompliancePolicy.h"

#include <QCborArray>
#include <QTest>

using namespace steward;
using namespace steward::server;

// Fails the test with the error when a Status is not ok.
#define QVERIFY_OK(expression)                                                                                         \
    do {                                                                                                               \
        const auto result_ = (expression);                                                                             \
        QVERIFY2(result_.ok(), steward::test::describe(result_).constData());                                          \
    } while (false)

namespace
{
const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;
const QDateTime kEnrolled = kNow.addSecs(-30 * kDay);
// When the store saw the report's conditions appear (DeviceRepository keeps them).
const QDateTime kHeld = kNow.addSecs(-2 * kDay);

QCborMap product(const QString &name, const QCborValue &definitionsTime, bool realTime)
{
    QCborMap map;
    map.insert(QStringLiteral("name"), name);
    map.insert(QStringLiteral("definitionsVersion"), QStringLiteral("27261"));
    if (!definitionsTime.isUndefined()) {
        map.insert(QStringLiteral("definitionsTime"), definitionsTime);
    }
    map.insert(QStringLiteral("realTimeProtection"), realTime);
    map.insert(QStringLiteral("serviceRunning"), true);
    return map;
}

QCborMap antivirus(const QCborArray &products)
{
    return QCborMap{{QStringLiteral("products"), products}};
}

QCborMap pendingUpdate(const QString &name, bool security)
{
    QCborMap update;
    update.insert(QStringLiteral("name"), name);
    update.insert(QStringLiteral("installedVersion"), QStringLiteral("1.0"));
    update.insert(QStringLiteral("candidateVersion"), QStringLiteral("1.1"));
    update.insert(QStringLiteral("origin"), QStringLiteral("Debian"));
    update.insert(QStringLiteral("security"), security);
    return update;
}

QCborMap patches(const QString &manager, const QCborArray &pending)
{
    qint64 security = 0;
    for (const QCborValue &update : pending) {
        security += update.toMap().value(QStringLiteral("security")).toBool() ? 1 : 0;
    }
    QCborMap map;
    map.insert(QStringLiteral("manager"), manager);
    map.insert(QStringLiteral("pending"), pending);
    map.insert(QStringLiteral("securityCount"), security);
    return map;
}

qint64 epoch(const QDateTime &time)
{
    return time.toSecsSinceEpoch();
}

// Everything in order: fresh definitions, real-time on, only a non-security update pending.
QCborMap compliantSections()
{
    QCborMap sections;
    sections.insert(QStringLiteral("os"),
                    QCborMap{{QStringLiteral("prettyName"), QStringLiteral("Debian GNU/Linux 12 (bookworm)")}});
    sections.insert(QStringLiteral("antivirus"),
                    antivirus({product(QStringLiteral("ClamAV"), epoch(kNow.addSecs(-kDay)), true)}));
    sections.insert(QStringLiteral("patches"),
                    patches(QStringLiteral("apt"), {pendingUpdate(QStringLiteral("vim"), false)}));
    sections.insert(QStringLiteral("errors"), QCborMap());
    return sections;
}

QCborMap with(QCborMap sections, const QString &name, const QCborValue &value)
{
    if (value.isUndefined()) {
        sections.remove(name);
    } else {
        sections.insert(name, value);
    }
    return sections;
}

// A device as the store hands it over: its report's conditions held since kHeld.
Device storedDevice(const QCborMap &sections, const QDateTime &lastSeen)
{
    Device device;
    device.id = QStringLiteral("dev-1");
    device.enrolledAt = kEnrolled;
    device.lastSeen = lastSeen;
    device.sections = sections;
    for (const QString &code : reportConditions(sections)) {
        device.conditionsSince.insert(code, kHeld);
    }
    return device;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}
}

class TestCompliancePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void evaluate_data();
    void evaluate();
    void complianceChangesWithTimeAlone();
    void customThresholds();
    void notSeenIsNotFailing();
    void gracePeriodsAndSeverity();
    void softwareAndDisk();
    void reportConditions_data();
    void reportConditions();
    void sinceOfAConditionNotYetStored();
    void securityPendingCountsInWords();

private:
    test::ManualClock m_clock{kNow};
};

void TestCompliancePolicy::init()
{
    m_clock.set(kNow);
}

void TestCompliancePolicy::evaluate_data()
{
    QTest::addColumn<QCborMap>("sections");
    QTest::addColumn<QDateTime>("lastSeen");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QList<QDateTime>>("since");

    const QCborMap good = compliantSections();
    const QDateTime recently = kNow.addSecs(-kHour);
    const QDateTime defsFourDaysAgo = kNow.addSecs(-4 * kDay);

    QTest::newRow("fully compliant") << good << recently << QStringList() << QList<QDateTime>();
    QTest::newRow("seen just now") << good << kNow << QStringList() << QList<QDateTime>();

    QTest::newRow("no antivirus products")
        << with(good, QStringLiteral("antivirus"), antivirus({})) << recently
        << QStringList{QStringLiteral("antivirus.missing")} << QList<QDateTime>{kHeld};
    // Not reported is not "none found" (the two codes mean different things to help-desk staff).
    QTest::newRow("antivirus section absent")
        << with(good, QStringLiteral("antivirus"), QCborValue()) << recently
        << QStringList{QStringLiteral("antivirus.not-reported")} << QList<QDateTime>{kHeld};
    QTest::newRow("antivirus section not a map")
        << with(good, QStringLiteral("antivirus"), QCborArray()) << recently
        << QStringList{QStringLiteral("antivirus.not-reported")} << QList<QDateTime>{kHeld};
    QTest::newRow("real-time protection off")
        << with(good,
                QStringLiteral("antivirus"),
                antivirus({product(QStringLiteral("ClamAV"), epoch(kNow.addSecs(-kDay)), false)}))
        << recently << QStringList{QStringLiteral("antivirus.realtime-off")} << QList<QDateTime>{kHeld};
    QTest::newRow("definitions four days old")
        << with(good,
                QStringLiteral("antivirus"),
                antivirus({product(QStringLiteral("ClamAV"), epoch(defsFourDaysAgo), true)}))
        << recently << QStringList{QStringLiteral("antivirus.definitions-old")}
        << QList<QDateTime>{defsFourDaysAgo.addSecs(3 * kDay)};
    QTest::newRow("definitions exactly three days old")
        << with(good,
                QStringLiteral("antivirus"),
                antivirus({product(QStringLiteral("ClamAV"), epoch(kNow.addSecs(-3 * kDay)), true)}))
        << recently << QStringList() << QList<QDateTime>();
    QTest::newRow("definitions three days and a second old")
        << with(good,
                QStringLiteral("antivirus"),
                antivirus({product(QStringLiteral("ClamAV"), epoch(kNow.addSecs(-3 * kDay - 1)), true)}))
        << recently << QStringList{QStringLiteral("antivirus.definitions-old")} << QList<QDateTime>{kNow.addSecs(-1)};
    QTest::newRow("definitions time missing")
        << with(good, QStringLiteral("antivirus"), antivirus({product(QStringLiteral("ClamAV"), QCborValue(), true)}))
        << recently << QStringList{QStringLiteral("antivirus.definitions-unknown")} << QList<QDateTime>{kHeld};
    QTest::newRow("definitions time zero")
        << with(good, QStringLiteral("antivirus"), antivirus({product(QStringLiteral("ClamAV"), 0, true)})) << recently
        << QStringList{QStringLiteral("antivirus.definitions-unknown")} << QList<QDateTime>{kHeld};
    QTest::newRow("definitions time as text")
        << with(good,
                QStringLiteral("antivirus"),
                antivirus({product(QStringLiteral("ClamAV"), QStringLiteral("yesterday"), true)}))
        << recently << QStringList{QStringLiteral("antivirus.definitions-unknown")} << QList<QDateTime>{kHeld};
    QCborMap thirdPartyCurrent = product(QStringLiteral("Vendor AV"), QCborValue(), true);
    thirdPartyCurrent.insert(QStringLiteral("definitionsUpToDate"), true);
    QCborMap thirdPartyStale = product(QStringLiteral("Vendor AV"), QCborValue(), true);
    thirdPartyStale.insert(QStringLiteral("definitionsUpToDate"), false);
    QTest::newRow("SecurityCenter2 product says up to date")
        << with(good, QStringLiteral("antivirus"), antivirus({thirdPartyCurrent})) << recently << QStringList()
        << QList<QDateTime>();
    QTest::newRow("SecurityCenter2 product says out of date")
        << with(good, QStringLiteral("antivirus"), antivirus({thirdPartyStale})) << recently
        << QStringList{QStringLiteral("antivirus.definitions-old")} << QList<QDateTime>{kHeld};
    QTest::newRow("second product satisfies both rules")
        << with(good,
                QStringLiteral("antivirus"),
                antivirus({product(QStringLiteral("Old AV"), epoch(kNow.addSecs(-30 * kDay)), false),
                           product(QStringLiteral("ClamAV"), epoch(kNow.addSecs(-kHour)), true)}))
        << recently << QStringList() << QList<QDateTime>();

    QTest::newRow("security update pending")
        << with(good,
                QStringLiteral("patches"),
                patches(QStringLiteral("apt"),
                        {pendingUpdate(QStringLiteral("vim"), false), pendingUpdate(QStringLiteral("openssl"), true)}))
        << recently << QStringList{QStringLiteral("patches.security-pending")} << QList<QDateTime>{kHeld};
    QTest::newRow("nothing pending") << with(good, QStringLiteral("patches"), patches(QStringLiteral("apt"), {}))
                                     << recently << QStringList() << QList<QDateTime>();
    QTest::newRow("patch manager none") << with(good, QStringLiteral("patches"), patches(QStringLiteral("none"), {}))
                                        << recently << QStringList{QStringLiteral("patches.unknown")}
                                        << QList<QDateTime>{kHeld};
    QTest::newRow("patches section absent")
        << with(good, QStringLiteral("patches"), QCborValue()) << recently
        << QStringList{QStringLiteral("patches.not-reported")} << QList<QDateTime>{kHeld};

    QTest::newRow("never seen") << good << QDateTime() << QStringList{QStringLiteral("contact.never")}
                                << QList<QDateTime>{kEnrolled};
    QTest::newRow("last seen 25 hours ago")
        << good << kNow.addSecs(-25 * kHour) << QStringList{QStringLiteral("contact.stale")}
        << QList<QDateTime>{kNow.addSecs(-kHour)};
    QTest::newRow("last seen exactly 24 hours ago")
        << good << kNow.addSecs(-24 * kHour) << QStringList() << QList<QDateTime>();

    QTest::newRow("nothing reported at all") << QCborMap() << QDateTime()
                                             << QStringList{QStringLiteral("contact.never"),
                                                            QStringLiteral("antivirus.not-reported"),
                                                            QStringLiteral("patches.not-reported")}
                                             << QList<QDateTime>{kEnrolled, kHeld, kHeld};
    QTest::newRow("everything wrong at once")
        << with(with(good,
                     QStringLiteral("antivirus"),
                     antivirus({product(QStringLiteral("ClamAV"), epoch(defsFourDaysAgo), false)})),
                QStringLiteral("patches"),
                patches(QStringLiteral("apt"), {pendingUpdate(QStringLiteral("openssl"), true)}))
        << kNow.addSecs(-48 * kHour)
        << QStringList{QStringLiteral("contact.stale"),
                       QStringLiteral("antivirus.realtime-off"),
                       QStringLiteral("antivirus.definitions-old"),
                       QStringLiteral("patches.security-pending")}
        << QList<QDateTime>{kNow.addSecs(-24 * kHour), kHeld, defsFourDaysAgo.addSecs(3 * kDay), kHeld};
}

void TestCompliancePolicy::evaluate()
{
    QFETCH(QCborMap, sections);
    QFETCH(QDateTime, lastSeen);
    QFETCH(QStringList, codes);
    QFETCH(QList<QDateTime>, since);

    const ComplianceResult result = CompliancePolicy().evaluate(storedDevice(sections, lastSeen), m_clock.now());
    QStringList actualCodes;
    QList<QDateTime> actualSince;
    for (const ComplianceReason &reason : result.reasons) {
        actualCodes << reason.code;
        actualSince << reason.since;
        QVERIFY2(!reason.text.isEmpty(), qPrintable(reason.code));
    }
    QCOMPARE(actualCodes, codes);
    QCOMPARE(actualSince, since);
    QCOMPARE(result.compliant, codes.isEmpty());
    QCOMPARE(result.evaluatedAt, kNow);
}

void TestCompliancePolicy::complianceChangesWithTimeAlone()
{
    const Device device = storedDevice(compliantSections(), m_clock.now());
    const CompliancePolicy policy;

    const ComplianceResult today = policy.evaluate(device, m_clock.now());
    QVERIFY(today.compliant);
    QVERIFY(today.reasons.isEmpty());

    // The machine is switched off; nothing new arrives, but four days pass.
    m_clock.advance(4 * kDay);
    const ComplianceResult later = policy.evaluate(device, m_clock.now());
    QVERIFY(!later.compliant);
    QCOMPARE(later.evaluatedAt, kNow.addSecs(4 * kDay));
    QStringList codes;
    for (const ComplianceReason &reason : later.reasons) {
        codes << reason.code;
    }
    QCOMPARE(codes, (QStringList{QStringLiteral("contact.stale"), QStringLiteral("antivirus.definitions-old")}));
    // Definitions were a day old at kNow, so they passed the three-day limit two days later.
    QCOMPARE(later.reasons.at(1).since, kNow.addSecs(2 * kDay));
    QCOMPARE(later.reasons.at(0).since, kNow.addSecs(kDay));
}

void TestCompliancePolicy::customThresholds()
{
    QCborMap sections = compliantSections();
    sections.insert(QStringLiteral("antivirus"),
                    antivirus({product(QStringLiteral("ClamAV"), epoch(kNow.addSecs(-5 * kDay)), false)}));
    sections.insert(QStringLiteral("patches"),
                    patches(QStringLiteral("apt"), {pendingUpdate(QStringLiteral("openssl"), true)}));
    const Device device = storedDevice(sections, kNow.addSecs(-30 * kHour));

    QCOMPARE(CompliancePolicy().evaluate(device, kNow).reasons.size(), 4);

    // A village office on a weekly link.
    CompliancePolicy lenient;
    const QString village = QStringLiteral("Ministry of Health/Mokhotlong");
    QVERIFY_OK(lenient.set(QStringLiteral("antivirus.definitions-max-age"), QStringLiteral("7d"), village));
    QVERIFY_OK(lenient.set(QStringLiteral("contact.max-age"), QStringLiteral("48h"), village));
    QVERIFY_OK(lenient.set(QStringLiteral("antivirus.realtime-required"), QStringLiteral("false"), village));
    QVERIFY_OK(lenient.set(QStringLiteral("updates.security-max-age"), QStringLiteral("off"), village));
    const ComplianceResult result = lenient.evaluate(device, kNow);
    QVERIFY(result.compliant);
    QVERIFY(result.reasons.isEmpty());
    QCOMPARE(result.state, QStringLiteral("compliant"));

    CompliancePolicy strictDefinitions = lenient;
    QVERIFY_OK(strictDefinitions.set(QStringLiteral("antivirus.definitions-max-age"),
                                     QStringLiteral("4D"),
                                     QStringLiteral("Ministry of Health")));
    const ComplianceResult strict = strictDefinitions.evaluate(device, kNow);
    QCOMPARE(strict.reasons.size(), 1);
    const ComplianceReason &reason = strict.reasons.at(0);
    QCOMPARE(reason.code, QStringLiteral("antivirus.definitions-old"));
    QCOMPARE(reason.since, kNow.addSecs(-kDay));
    // Each reason says which rule, which value and which unit made it.
    QCOMPARE(reason.rule, QStringLiteral("antivirus.definitions-max-age"));
    QCOMPARE(reason.limit, QStringLiteral("4d"));
    QCOMPARE(reason.origin, QStringLiteral("Ministry of Health"));
    QCOMPARE(strict.state, QStringLiteral("failing"));
    QCOMPARE(strict.stateSince, kNow.addSecs(-kDay));
    // The built-in values have no origin.
    const ComplianceReason builtIn = CompliancePolicy().evaluate(device, kNow).reasons.at(0);
    QCOMPARE(builtIn.rule, QStringLiteral("contact.max-age"));
    QCOMPARE(builtIn.limit, QStringLiteral("24h"));
    QVERIFY(builtIn.origin.isEmpty());

    QCOMPARE(lenient.set(QStringLiteral("antivirus.max-age"), QStringLiteral("7d"), village).error().code,
             QStringLiteral("policy.unknown-rule"));
    QCOMPARE(lenient.set(QStringLiteral("contact.max-age"), QStringLiteral("a week"), village).error().code,
             QStringLiteral("policy.invalid-value"));
    QCOMPARE(lenient.value(QStringLiteral("contact.max-age")), QStringLiteral("48h"));
    QCOMPARE(lenient.value(QStringLiteral("disk.min-free-percent")), QStringLiteral("off"));
}

void TestCompliancePolicy::notSeenIsNotFailing()
{
    // Switched off for two days with a clean last report: not seen since it went quiet.
    const Device quiet = storedDevice(compliantSections(), kNow.addSecs(-2 * kDay));
    const ComplianceResult offline = CompliancePolicy().evaluate(quiet, kNow);
    QCOMPARE(offline.state, QStringLiteral("not-seen"));
    QCOMPARE(offline.stateSince, kNow.addSecs(-2 * kDay));

    // Reporting, but failing since the oldest of its reasons began.
    QCborMap sections = compliantSections();
    sections.insert(QStringLiteral("patches"),
                    patches(QStringLiteral("apt"), {pendingUpdate(QStringLiteral("openssl"), true)}));
    const ComplianceResult failing = CompliancePolicy().evaluate(storedDevice(sections, kNow), kNow);
    QCOMPARE(failing.state, QStringLiteral("failing"));
    QCOMPARE(failing.stateSince, kHeld);
}

void TestCompliancePolicy::gracePeriodsAndSeverity()
{
    QCborMap sections = compliantSections();
    QCborMap low = pendingUpdate(QStringLiteral("libfoo"), true);
    low.insert(QStringLiteral("severity"), QStringLiteral("Low"));
    QCborMap pending = patches(QStringLiteral("dnf"), {low});
    pending.insert(QStringLiteral("rebootRequired"), true);
    sections.insert(QStringLiteral("patches"), pending);
    Device device = storedDevice(sections, kNow);
    device.conditionsSince.insert(QStringLiteral("patches.reboot-pending"), kHeld);

    // Pending for two days: allowed three, refused after one.
    CompliancePolicy policy;
    QVERIFY_OK(policy.set(QStringLiteral("updates.security-max-age"), QStringLiteral("3d"), QStringLiteral("A")));
    QVERIFY(policy.evaluate(device, kNow).compliant);
    QVERIFY_OK(policy.set(QStringLiteral("updates.security-max-age"), QStringLiteral("1d"), QStringLiteral("A")));
    ComplianceResult result = policy.evaluate(device, kNow);
    QCOMPARE(result.reasons.size(), 1);
    QCOMPARE(result.reasons.at(0).code, QStringLiteral("patches.security-pending"));
    QCOMPARE(result.reasons.at(0).since, kHeld.addSecs(kDay));
    // A low-severity update does not count where only important ones do.
    QVERIFY_OK(policy.set(QStringLiteral("updates.min-severity"), QStringLiteral("important"), QStringLiteral("A")));
    QVERIFY(policy.evaluate(device, kNow).compliant);

    // A restart pending for two days, one allowed.
    QVERIFY_OK(policy.set(QStringLiteral("reboot.max-pending"), QStringLiteral("1d"), QStringLiteral("A")));
    result = policy.evaluate(device, kNow);
    QCOMPARE(result.reasons.size(), 1);
    QCOMPARE(result.reasons.at(0).code, QStringLiteral("reboot.pending"));
    QCOMPARE(result.reasons.at(0).since, kHeld.addSecs(kDay));
}

void TestCompliancePolicy::softwareAndDisk()
{
    QCborMap sections = compliantSections();
    sections.insert(QStringLiteral("software"),
                    QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")}},
                               QCborMap{{QStringLiteral("name"), QStringLiteral("bittorrent")}}});
    sections.insert(QStringLiteral("hardware"),
                    QCborMap{{QStringLiteral("filesystems"),
                              QCborArray{QCborMap{{QStringLiteral("mountPoint"), QStringLiteral("/")},
                                                  {QStringLiteral("sizeBytes"), 100},
                                                  {QStringLiteral("freeBytes"), 4}}}}});
    const Device device = storedDevice(sections, kNow);
    CompliancePolicy policy;
    QVERIFY_OK(
        policy.set(QStringLiteral("software.required"), QStringLiteral("clamav, openssh-server"), QStringLiteral("A")));
    QVERIFY_OK(policy.set(QStringLiteral("software.forbidden"), QStringLiteral("BitTorrent"), QStringLiteral("A")));
    QVERIFY_OK(policy.set(QStringLiteral("disk.min-free-percent"), QStringLiteral("10"), QStringLiteral("A")));
    QStringList texts;
    for (const ComplianceReason &reason : policy.evaluate(device, kNow).reasons) {
        texts << reason.code + u' ' + reason.text;
    }
    QCOMPARE(texts,
             (QStringList{QStringLiteral("software.missing Required software is not installed: openssh-server."),
                          QStringLiteral("software.forbidden Forbidden software is installed: bittorrent."),
                          QStringLiteral("disk.low Low on disk space: / (4% free) (at least 10% must be free).")}));

    // The names the store found, when the caller has them instead of the section.
    const QSet<QString> installed{QStringLiteral("clamav"), QStringLiteral("openssh-server")};
    Device listed = device;
    listed.sections.remove(QStringLiteral("software"));
    QCOMPARE(policy.evaluate(listed, kNow, &installed).reasons.size(), 1); // the disk
    QCOMPARE(policy.evaluate(listed, kNow).reasons.at(0).code, QStringLiteral("software.not-reported"));
}

void TestCompliancePolicy::reportConditions_data()
{
    QTest::addColumn<QCborMap>("sections");
    QTest::addColumn<QStringList>("conditions");

    const QCborMap good = compliantSections();
    QCborMap securityCenterStale = product(QStringLiteral("Vendor AV"), QCborValue(), true);
    securityCenterStale.insert(QStringLiteral("definitionsUpToDate"), false);
    QCborMap securityCenterCurrent = securityCenterStale;
    securityCenterCurrent.insert(QStringLiteral("definitionsUpToDate"), true);

    QTest::newRow("compliant") << good << QStringList();
    QTest::newRow("nothing reported") << QCborMap()
                                      << QStringList{QStringLiteral("antivirus.not-reported"),
                                                     QStringLiteral("patches.not-reported")};
    QTest::newRow("no product") << with(good, QStringLiteral("antivirus"), antivirus({}))
                                << QStringList{QStringLiteral("antivirus.missing")};
    QTest::newRow("real-time off, no date")
        << with(good, QStringLiteral("antivirus"), antivirus({product(QStringLiteral("ClamAV"), QCborValue(), false)}))
        << QStringList{QStringLiteral("antivirus.definitions-unknown"), QStringLiteral("antivirus.realtime-off")};
    QTest::newRow("SecurityCenter2 out of date")
        << with(good, QStringLiteral("antivirus"), antivirus({securityCenterStale}))
        << QStringList{QStringLiteral("antivirus.definitions-old")};
    QTest::newRow("SecurityCenter2 up to date")
        << with(good, QStringLiteral("antivirus"), antivirus({securityCenterCurrent})) << QStringList();
    // An age limit is the policy's: old dated definitions are no stored condition.
    QTest::newRow("definitions a month old")
        << with(good,
                QStringLiteral("antivirus"),
                antivirus({product(QStringLiteral("ClamAV"), epoch(kNow.addSecs(-30 * kDay)), true)}))
        << QStringList();
    QTest::newRow("security update pending")
        << with(good,
                QStringLiteral("patches"),
                patches(QStringLiteral("apt"), {pendingUpdate(QStringLiteral("openssl"), true)}))
        << QStringList{QStringLiteral("patches.security-pending")};
    QTest::newRow("no package manager") << with(good, QStringLiteral("patches"), patches(QStringLiteral("none"), {}))
                                        << QStringList{QStringLiteral("patches.unknown")};
}

void TestCompliancePolicy::reportConditions()
{
    QFETCH(QCborMap, sections);
    QFETCH(QStringList, conditions);
    QCOMPARE(sorted(server::reportConditions(sections)), conditions);

    // The policy dates every reason: a stored condition from the store, the rest by its limits.
    const ComplianceResult result = CompliancePolicy().evaluate(storedDevice(sections, kNow), kNow);
    QSet<QString> stored;
    for (const ComplianceReason &reason : result.reasons) {
        QVERIFY2(reason.since.isValid(), qPrintable(reason.code));
        if (reason.since == kHeld) {
            stored.insert(reason.code);
        }
    }
    QCOMPARE(sorted(stored), conditions);
}

void TestCompliancePolicy::sinceOfAConditionNotYetStored()
{
    // Stored before conditions were kept, and not reported since: the time is not known.
    Device reported = storedDevice(QCborMap(), kNow.addSecs(-kHour));
    reported.conditionsSince.clear();
    const ComplianceResult unknown = CompliancePolicy().evaluate(reported, kNow);
    QCOMPARE(unknown.reasons.size(), 2);
    for (const ComplianceReason &reason : unknown.reasons) {
        QVERIFY2(!reason.since.isValid(), qPrintable(reason.code));
    }

    // Never reported: nothing has been known of it since it was enrolled.
    Device enrolled = storedDevice(QCborMap(), QDateTime());
    enrolled.conditionsSince.clear();
    const ComplianceResult never = CompliancePolicy().evaluate(enrolled, kNow);
    QCOMPARE(never.reasons.size(), 3);
    for (const ComplianceReason &reason : never.reasons) {
        QCOMPARE(reason.since, kEnrolled);
    }
}

void TestCompliancePolicy::securityPendingCountsInWords()
{
    const auto text = [](const QCborArray &pending) {
        const Device device =
            storedDevice(with(compliantSections(), QStringLiteral("patches"), patches(QStringLiteral("apt"), pending)),
                         kNow);
        return CompliancePolicy().evaluate(device, kNow).reasons.value(0).text;
    };
    QCOMPARE(text({pendingUpdate(QStringLiteral("openssl"), true)}), QStringLiteral("1 security update is pending."));
    QCOMPARE(text({pendingUpdate(QStringLiteral("openssl"), true), pendingUpdate(QStringLiteral("curl"), true)}),
             QStringLiteral("2 security updates are pending."));
}

QTEST_GUILESS_MAIN(TestCompliancePolicy)
#include "TestCompliancePolicy.moc"
