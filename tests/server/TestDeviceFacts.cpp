// SPDX-License-Identifier: GPL-3.0-or-later
// What query groups can select a device by, read from its report sections.
#include "groups/DeviceFacts.h"
#include "groups/GroupQuery.h"

#include <QCborArray>
#include <QTest>

using namespace steward::server::groups;

class TestDeviceFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEverySection();
    void absentSectionsGiveNoFacts();
    void everyFactIsAQueryField();
    void packagesOnceEach();
};

namespace
{
QCborMap sampleSections()
{
    QCborMap sections;
    sections.insert(QStringLiteral("os"),
                    QCborMap{{QStringLiteral("name"), QStringLiteral("Debian GNU/Linux")},
                             {QStringLiteral("id"), QStringLiteral("debian")},
                             {QStringLiteral("version"), QStringLiteral("12 (bookworm)")},
                             {QStringLiteral("versionId"), QStringLiteral("12")},
                             {QStringLiteral("arch"), QStringLiteral("x86_64")},
                             {QStringLiteral("kernel"), QStringLiteral("6.1.0-27-amd64")},
                             {QStringLiteral("hostname"), QStringLiteral("PC-Fin-01")}});
    sections.insert(
        QStringLiteral("hardware"),
        QCborMap{{QStringLiteral("manufacturer"), QStringLiteral("LENOVO")},
                 {QStringLiteral("model"), QStringLiteral("ThinkPad T14")},
                 {QStringLiteral("serial"), QStringLiteral("PF3ABC")},
                 {QStringLiteral("virtualization"), QStringLiteral("physical")},
                 {QStringLiteral("filesystems"),
                  QCborArray{QCborMap{{QStringLiteral("sizeBytes"), 1000}, {QStringLiteral("freeBytes"), 500}},
                             QCborMap{{QStringLiteral("sizeBytes"), 1000}, {QStringLiteral("freeBytes"), 70}}}}});
    sections.insert(QStringLiteral("antivirus"),
                    QCborMap{{QStringLiteral("products"),
                              QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")},
                                                  {QStringLiteral("realTimeProtection"), false}},
                                         QCborMap{{QStringLiteral("name"), QStringLiteral("Microsoft Defender")},
                                                  {QStringLiteral("realTimeProtection"), true}}}}});
    sections.insert(
        QStringLiteral("patches"),
        QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")},
                 {QStringLiteral("pending"),
                  QCborArray{
                      QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")}, {QStringLiteral("security"), true}},
                      QCborMap{{QStringLiteral("name"), QStringLiteral("vim")}, {QStringLiteral("security"), false}}}},
                 {QStringLiteral("rebootRequired"), true}});
    sections.insert(QStringLiteral("agent"), QCborMap{{QStringLiteral("version"), QStringLiteral("0.9.1")}});
    sections.insert(QStringLiteral("software"),
                    QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                        {QStringLiteral("version"), QStringLiteral("3.0.11-1~deb12u2")},
                                        {QStringLiteral("arch"), QStringLiteral("amd64")}},
                               QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                        {QStringLiteral("version"), QStringLiteral("3.0.11-1~deb12u2")},
                                        {QStringLiteral("arch"), QStringLiteral("i386")}},
                               QCborMap{{QStringLiteral("name"), QStringLiteral("Mozilla Firefox")},
                                        {QStringLiteral("version"), QStringLiteral("128.0")}},
                               QCborMap{{QStringLiteral("name"), QStringLiteral("")},
                                        {QStringLiteral("version"), QStringLiteral("1")}}});
    return sections;
}

QString valueOf(const QList<DeviceFact> &facts, const QString &field)
{
    QStringList values;
    for (const DeviceFact &fact : facts) {
        if (fact.field == field) {
            values.append(fact.value);
        }
    }
    return values.join(u'|');
}
} // namespace

void TestDeviceFacts::readsEverySection()
{
    const QList<DeviceFact> facts = deviceFacts(QStringLiteral("enrolled-name"), sampleSections());
    QCOMPARE(valueOf(facts, QStringLiteral("hostname")), QStringLiteral("pc-fin-01"));
    QCOMPARE(valueOf(facts, QStringLiteral("os.name")), QStringLiteral("debian gnu/linux"));
    QCOMPARE(valueOf(facts, QStringLiteral("os.version")), QStringLiteral("12"));
    QCOMPARE(valueOf(facts, QStringLiteral("os.kernel")), QStringLiteral("6.1.0-27-amd64"));
    QCOMPARE(valueOf(facts, QStringLiteral("hardware.model")), QStringLiteral("thinkpad t14"));
    QCOMPARE(valueOf(facts, QStringLiteral("hardware.serial")), QStringLiteral("pf3abc"));
    QCOMPARE(valueOf(facts, QStringLiteral("disk.free-percent")), QStringLiteral("7")); // the fuller one
    QCOMPARE(valueOf(facts, QStringLiteral("antivirus.product")), QStringLiteral("clamav|microsoft defender"));
    QCOMPARE(valueOf(facts, QStringLiteral("antivirus.realtime")), QStringLiteral("true"));
    QCOMPARE(valueOf(facts, QStringLiteral("updates.manager")), QStringLiteral("apt"));
    QCOMPARE(valueOf(facts, QStringLiteral("updates.pending")), QStringLiteral("2"));
    QCOMPARE(valueOf(facts, QStringLiteral("updates.security")), QStringLiteral("1"));
    QCOMPARE(valueOf(facts, QStringLiteral("reboot.pending")), QStringLiteral("true"));
    QCOMPARE(valueOf(facts, QStringLiteral("agent.version")), QStringLiteral("0.9.1"));
}

void TestDeviceFacts::absentSectionsGiveNoFacts()
{
    const QList<DeviceFact> facts = deviceFacts(QStringLiteral("PC-New"), QCborMap());
    QCOMPARE(facts, (QList<DeviceFact>{{QStringLiteral("hostname"), QStringLiteral("pc-new")}}));
    // An empty product list is an answer: no antivirus, so no real-time protection either.
    const QList<DeviceFact> none =
        deviceFacts(QStringLiteral("pc"),
                    QCborMap{{QStringLiteral("antivirus"), QCborMap{{QStringLiteral("products"), QCborArray()}}}});
    QCOMPARE(valueOf(none, QStringLiteral("antivirus.realtime")), QStringLiteral("false"));
    QCOMPARE(valueOf(none, QStringLiteral("antivirus.product")), QString());
}

void TestDeviceFacts::everyFactIsAQueryField()
{
    QStringList fields;
    for (const QueryField &field : queryFields()) {
        fields.append(field.name);
    }
    for (const DeviceFact &fact : deviceFacts(QStringLiteral("pc"), sampleSections())) {
        QVERIFY2(fields.contains(fact.field), qPrintable(fact.field));
    }
}

void TestDeviceFacts::packagesOnceEach()
{
    QCOMPARE(installedPackages(sampleSections()),
             (QList<InstalledPackage>{{QStringLiteral("openssl"), QStringLiteral("3.0.11-1~deb12u2")},
                                      {QStringLiteral("Mozilla Firefox"), QStringLiteral("128.0")}}));
}

QTEST_GUILESS_MAIN(TestDeviceFacts)
#include "TestDeviceFacts.moc"
