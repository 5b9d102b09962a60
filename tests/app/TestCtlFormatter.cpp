// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlFormatter.h"
#include "FakeAdminServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using steward::app::CtlFormatter;
using steward::app::test::FakeAdminServer;

namespace
{
const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
}

class TestCtlFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ago_data();
    void ago();
    void devicesTable();
    void devicesStates();
    void devicesShowTheFirstAddress();
    void deleted();
    void auditTable();
    void noDevices();
    void deviceDetail();
    void deviceWithTheSameSerialAsAnother();
    void deviceWithoutReports();
    void enrollmentToken();
    void controlCharactersNeverReachTheTerminal();
    void usersTable();
    void orgUnitsTree();
    void userChanged();
    void apiTokensTable();
    void apiTokenCreated();
    void auditVerification_data();
    void auditVerification();

    // Signed jobs.
    void jobsTable();
    void jobDetail();
    void jobDetailReceipts_data();
    void jobDetailReceipts();
    void stateCounts_data();
    void stateCounts();
    void jobCreatedCancelledFinished();
    void operatorsTable();
    void operatorAdded();
    void enrollmentTokenWithJobRoot();
};

void TestCtlFormatter::ago_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("text");
    QTest::newRow("invalid") << QDateTime() << QStringLiteral("never");
    QTest::newRow("future") << now.addSecs(300) << QStringLiteral("just now");
    QTest::newRow("59 s") << now.addSecs(-59) << QStringLiteral("just now");
    QTest::newRow("12 min") << now.addSecs(-12 * 60) << QStringLiteral("12 min ago");
    QTest::newRow("3 h") << now.addSecs(-3 * 3600 - 59) << QStringLiteral("3 h ago");
    QTest::newRow("47 h") << now.addSecs(-47 * 3600) << QStringLiteral("47 h ago");
    QTest::newRow("4 d") << now.addDays(-4) << QStringLiteral("4 d ago");
}

void TestCtlFormatter::ago()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, text);
    QCOMPARE(CtlFormatter(now).ago(time), text);
}

void TestCtlFormatter::devicesTable()
{
    const QString text = CtlFormatter(now).devices(FakeAdminServer::sampleDevices());
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(
        lines.at(0),
        QStringLiteral("ID      HOSTNAME       IP  OS                              LAST SEEN  STATE           UPDATES  "
                       "SECURITY  ANTIVIRUS     DEFINITIONS  COMPLIANT"));
    QCOMPARE(
        lines.at(1),
        QStringLiteral("d-0001  pc-finance-01  -   Debian GNU/Linux 12 (bookworm)  3 h ago    ok              5        "
                       "2         ClamAV        9 d          NO"));
    QCOMPARE(
        lines.at(2),
        QStringLiteral("d-0002  srv-mail       -   Ubuntu 22.04.4 LTS              just now   ok              0        "
                       "0         ClamAV        0 d          yes"));
    // Never reported is said as such, and its antivirus is "not reported", never "none".
    QCOMPARE(
        lines.at(3),
        QStringLiteral("d-0003  laptop-dg      -   Windows 11 Pro                  never      never reported  ?        "
                       "?         not reported  -            unknown"));
}

void TestCtlFormatter::devicesStates()
{
    QJsonArray devices;
    for (const char *state : {"revoked", "stale", "reporting", "never-reported"}) {
        devices.append(
            QJsonObject{{QStringLiteral("id"), QLatin1String(state)}, {QStringLiteral("state"), QLatin1String(state)}});
    }
    // A server from before states, or a state this stewardctl does not know: not a guess.
    devices.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("old-server")}});
    devices.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("newer")},
                               {QStringLiteral("state"), QStringLiteral("asleep")}});
    const QStringList lines = CtlFormatter(now).devices(devices).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    const qsizetype column = lines.at(0).indexOf(QLatin1String("STATE"));
    QStringList states;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        states.append(lines.at(i).mid(column).section(QLatin1String("  "), 0, 0).trimmed());
    }
    QCOMPARE(states,
             (QStringList{QStringLiteral("revoked"),
                          QStringLiteral("stale"),
                          QStringLiteral("ok"),
                          QStringLiteral("never reported"),
                          QStringLiteral("unknown"),
                          QStringLiteral("unknown")}));
}

void TestCtlFormatter::devicesShowTheFirstAddress()
{
    const auto device = [](const char *id, const QJsonArray &addresses) {
        return QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                           {QStringLiteral("hostname"), QLatin1String(id)},
                           {QStringLiteral("state"), QStringLiteral("reporting")},
                           {QStringLiteral("ipAddresses"), addresses}};
    };
    const QJsonArray devices{device("pc-1", {QStringLiteral("192.168.10.21"), QStringLiteral("fe80::1")}),
                             device("pc-2", {QStringLiteral("2001:db8::7")}),
                             device("pc-3", {}),
                             QJsonObject{{QStringLiteral("id"), QStringLiteral("old-server")}}};
    const QStringList lines = CtlFormatter(now).devices(devices).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    const qsizetype column = lines.at(0).indexOf(QLatin1String("IP  "));
    QCOMPARE(column, lines.at(0).indexOf(QLatin1String("HOSTNAME")) + QStringLiteral("HOSTNAME  ").size());
    QStringList addresses;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        addresses.append(lines.at(i).mid(column).section(QLatin1String("  "), 0, 0).trimmed());
    }
    QCOMPARE(addresses,
             (QStringList{QStringLiteral("192.168.10.21"),
                          QStringLiteral("2001:db8::7"),
                          QStringLiteral("-"),
                          QStringLiteral("-")}));
}

void TestCtlFormatter::deleted()
{
    QCOMPARE(CtlFormatter(now).deleted(
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("d-7")}, {QStringLiteral("deleted"), true}}),
             QStringLiteral("Device d-7 deleted with its inventory and compliance history; its audit log entries "
                            "stay.\n"));
}

void TestCtlFormatter::auditTable()
{
    const QJsonArray entries{QJsonObject{{QStringLiteral("id"), 1234567},
                                         {QStringLiteral("at"), QStringLiteral("2024-05-01T11:00:00Z")},
                                         {QStringLiteral("actor"), QStringLiteral("alice")},
                                         {QStringLiteral("action"), QStringLiteral("device.delete")},
                                         {QStringLiteral("target"), QStringLiteral("d-7")},
                                         {QStringLiteral("outcome"), QStringLiteral("ok")},
                                         {QStringLiteral("sourceIp"), QStringLiteral("192.0.2.1")},
                                         {QStringLiteral("detail"), QString()}}};
    QCOMPARE(CtlFormatter(now).audit(entries),
             QStringLiteral("ID       AT                    ACTOR  ACTION         TARGET  OUTCOME  SOURCE\n"
                            "1234567  2024-05-01 11:00 UTC  alice  device.delete  d-7     ok       192.0.2.1\n"));
    QCOMPARE(CtlFormatter(now).audit(QJsonArray()), QStringLiteral("No audit entries.\n"));
}

void TestCtlFormatter::noDevices()
{
    QCOMPARE(CtlFormatter(now).devices(QJsonArray()), QStringLiteral("No devices enrolled.\n"));
}

void TestCtlFormatter::deviceDetail()
{
    const QString text = CtlFormatter(now).device(FakeAdminServer::sampleDetail());
    const QString expected = QStringLiteral(
        "Device      d-0001\n"
        "Hostname    pc-finance-01\n"
        "Org unit    Ministry of Finance/Treasury\n"
        "OS          Debian GNU/Linux 12 (bookworm) (6.1.0-18-amd64, x86_64)\n"
        "Hardware    Dell Inc. OptiPlex 7090, serial ABC123, asset tag MOF-004512, Intel Core i5-10500 (6 cores), 16.0 "
        "GiB RAM\n"
        "Last seen   2024-05-01 09:00 UTC (3 h ago)\n"
        "Enrolled    2024-01-15 08:30 UTC\n"
        "Compliance  NOT COMPLIANT (evaluated 2024-05-01 09:00 UTC)\n"
        "  - ClamAV definitions are 9 days old (limit 7) [antivirus.definitions-old] since 2024-04-29 12:00 UTC\n"
        "  - 1 security update pending for 10 days (limit 7) [patches.security-pending]\n"
        "Updates     2 pending, 1 security (apt)\n"
        "  openssl 3.0.11-1 -> 3.0.13-1 [security]\n"
        "  vim 9.0.1 -> 9.0.2\n"
        "Antivirus   ClamAV: definitions 27250 from 2024-04-22 12:00 UTC (9 d ago), real-time protection OFF, "
        "service running\n");
    QCOMPARE(text, expected);
}

void TestCtlFormatter::deviceWithTheSameSerialAsAnother()
{
    QJsonObject detail = FakeAdminServer::sampleDetail();
    detail.insert(QStringLiteral("sameSerialAs"), QJsonArray{QStringLiteral("d-0009")});
    QVERIFY(CtlFormatter(now).device(detail).contains(
        QLatin1String("\nDuplicate?  same serial number as d-0009: the same machine enrolled twice?\n")));
}

void TestCtlFormatter::deviceWithoutReports()
{
    const QString text = CtlFormatter(now).device(QJsonObject{{QStringLiteral("id"), QStringLiteral("d-7")},
                                                              {QStringLiteral("hostname"), QStringLiteral("new-pc")},
                                                              {QStringLiteral("revoked"), true}});
    QVERIFY(text.contains(QLatin1String("Last seen   never\n")));
    QVERIFY(text.contains(QLatin1String("Status      REVOKED\n")));
    QVERIFY(text.contains(QLatin1String("Compliance  not evaluated yet\n")));
    QVERIFY(text.contains(QLatin1String("Updates     unknown (not reported)\n")));
    QVERIFY(text.contains(QLatin1String("Antivirus   unknown (not reported)\n")));
}

void TestCtlFormatter::enrollmentToken()
{
    const QJsonObject answer{{QStringLiteral("token"), QStringLiteral("enroll-abc123")},
                             {QStringLiteral("caFingerprint"), QStringLiteral("AB:CD:EF:01")},
                             {QStringLiteral("uses"), 3},
                             {QStringLiteral("expiresAt"), QStringLiteral("2024-05-02T12:00:00Z")}};
    const QString text = CtlFormatter(now).enrollmentToken(answer, QUrl(QStringLiteral("https://10.1.2.3:8731")));
    QVERIFY(text.contains(QLatin1String("Token:           enroll-abc123\n")));
    QVERIFY(text.contains(QLatin1String("CA fingerprint:  AB:CD:EF:01\n")));
    QVERIFY(text.contains(QLatin1String("3 enrollments, until 2024-05-02 12:00 UTC")));
    QVERIFY(
        text.contains(QLatin1String("  steward-agent enroll --data-dir /var/lib/steward-agent --server 10.1.2.3:8730 "
                                    "--token enroll-abc123 --ca-fingerprint AB:CD:EF:01\n")));
}

void TestCtlFormatter::controlCharactersNeverReachTheTerminal()
{
    // Hostnames come from agents: an escape sequence must not drive the admin's terminal.
    QJsonArray devices{QJsonObject{{QStringLiteral("id"), QStringLiteral("d-1")},
                                   {QStringLiteral("hostname"), QStringLiteral("evil\x1b]0;pwned\x07\nline")}}};
    const QString text = CtlFormatter(now).devices(devices);
    QVERIFY(!text.contains(QChar(0x1b)));
    QVERIFY(!text.contains(QChar(0x07)));
    QCOMPARE(text.count(QLatin1Char('\n')), 2);
    QVERIFY(text.contains(QLatin1String("evil?]0;pwned??line")));
}

void TestCtlFormatter::usersTable()
{
    const QJsonArray users{QJsonObject{{QStringLiteral("name"), QStringLiteral("admin")},
                                       {QStringLiteral("role"), QStringLiteral("admin")},
                                       {QStringLiteral("disabled"), false},
                                       {QStringLiteral("createdAt"), QStringLiteral("2024-01-15T08:00:00Z")},
                                       {QStringLiteral("passwordChangedAt"), QJsonValue()}},
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("evil\x1b[2Jname")},
                                       {QStringLiteral("role"), QStringLiteral("helpdesk")},
                                       {QStringLiteral("disabled"), true},
                                       {QStringLiteral("createdAt"), QStringLiteral("2024-02-01T09:30:00Z")},
                                       {QStringLiteral("passwordChangedAt"), QStringLiteral("2024-04-01T10:00:00Z")}}};
    QCOMPARE(CtlFormatter(now).users(users),
             QStringLiteral("NAME          ROLE      STATUS    CREATED               PASSWORD CHANGED\n"
                            "admin         admin     active    2024-01-15 08:00 UTC  -\n"
                            "evil?[2Jname  helpdesk  DISABLED  2024-02-01 09:30 UTC  2024-04-01 10:00 UTC\n"));
    QCOMPARE(CtlFormatter(now).users(QJsonArray()), QStringLiteral("No users.\n"));
}

void TestCtlFormatter::orgUnitsTree()
{
    const auto unit = [](const char *path, const char *name, int devices, int compliant) {
        return QJsonObject{{QStringLiteral("path"), QLatin1String(path)},
                           {QStringLiteral("name"), QString::fromUtf8(name)},
                           {QStringLiteral("devices"), devices},
                           {QStringLiteral("compliant"), compliant}};
    };
    const QJsonArray units{unit("/", "", 3, 2),
                           unit("Health", "Health", 2, 1),
                           unit("Health/Maseru", "Maseru", 2, 1),
                           unit("Finance", "Fin\x1b[2Jance", 0, 0)};
    QCOMPARE(CtlFormatter(now).orgUnits(units),
             QStringLiteral("ORG UNIT       DEVICES  COMPLIANT  %\n"
                            "/ (site)       3        2          67%\n"
                            "  Health       2        1          50%\n"
                            "    Maseru     2        1          50%\n"
                            "  Fin?[2Jance  0        0          -\n"));
    const CtlFormatter format(now);
    const QJsonArray hits{
        QJsonObject{{QStringLiteral("id"), QStringLiteral("d-1")},
                    {QStringLiteral("hostname"), QStringLiteral("pc-finance-01")},
                    {QStringLiteral("orgUnit"), QStringLiteral("Health")},
                    {QStringLiteral("revoked"), true},
                    {QStringLiteral("matched"), QJsonArray{QStringLiteral("ip"), QStringLiteral("user")}},
                    {QStringLiteral("matches"),
                     QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("ip")},
                                            {QStringLiteral("value"), QStringLiteral("10.0.0.5")}},
                                QJsonObject{{QStringLiteral("field"), QStringLiteral("user")},
                                            {QStringLiteral("value"), QStringLiteral("ev\x1bil")}}}}}};
    QCOMPARE(format.searchHits(hits),
             QStringLiteral("ID   HOSTNAME                 ORG UNIT  MATCHED\n"
                            "d-1  pc-finance-01 (revoked)  Health    ip 10.0.0.5, user ev?il\n"));
    QCOMPARE(format.searchHits(QJsonArray()), QStringLiteral("No device found.\n"));
    QCOMPARE(format.deviceMoved(QJsonObject{{QStringLiteral("id"), QStringLiteral("d-1")},
                                            {QStringLiteral("orgUnit"), QStringLiteral("Health")},
                                            {QStringLiteral("previousOrgUnit"), QStringLiteral("/")}}),
             QStringLiteral("Device d-1 moved from '/' to 'Health'.\n"));
    QCOMPARE(format.orgUnitDeleted(QJsonObject{{QStringLiteral("path"), QStringLiteral("Health/Maseru")}}),
             QStringLiteral("Org unit 'Health/Maseru' deleted.\n"));
}

void TestCtlFormatter::userChanged()
{
    const CtlFormatter format(now);
    QJsonObject user{{QStringLiteral("name"), QStringLiteral("bob")},
                     {QStringLiteral("role"), QStringLiteral("helpdesk")},
                     {QStringLiteral("disabled"), false}};
    QCOMPARE(format.userChanged(user, true), QStringLiteral("User bob created with role helpdesk.\n"));
    QCOMPARE(format.userChanged(user, false), QStringLiteral("User bob enabled: they can log in again.\n"));
    user.insert(QStringLiteral("disabled"), true);
    QVERIFY(format.userChanged(user, false).startsWith(QLatin1String("User bob disabled")));
    QCOMPARE(format.passwordSet(QStringLiteral("bob"), false),
             QStringLiteral("Password of bob reset; their sessions have ended.\n"));
}

void TestCtlFormatter::apiTokensTable()
{
    const QJsonArray tokens{QJsonObject{{QStringLiteral("id"), QStringLiteral("a1")},
                                        {QStringLiteral("user"), QStringLiteral("admin")},
                                        {QStringLiteral("name"), QStringLiteral("backup")},
                                        {QStringLiteral("role"), QStringLiteral("admin")},
                                        {QStringLiteral("createdAt"), QStringLiteral("2024-04-01T00:00:00Z")},
                                        {QStringLiteral("expiresAt"), QStringLiteral("2024-07-01T00:00:00Z")},
                                        {QStringLiteral("lastUsedAt"), QStringLiteral("2024-05-01T11:48:00Z")},
                                        {QStringLiteral("revokedAt"), QJsonValue()}},
                            QJsonObject{{QStringLiteral("id"), QStringLiteral("b2")},
                                        {QStringLiteral("user"), QStringLiteral("helper")},
                                        {QStringLiteral("name"), QStringLiteral("report")},
                                        {QStringLiteral("role"), QStringLiteral("helpdesk")},
                                        {QStringLiteral("createdAt"), QStringLiteral("2024-04-01T00:00:00Z")},
                                        {QStringLiteral("expiresAt"), QStringLiteral("2024-07-01T00:00:00Z")},
                                        {QStringLiteral("lastUsedAt"), QJsonValue()},
                                        {QStringLiteral("revokedAt"), QStringLiteral("2024-04-02T00:00:00Z")}}};
    QCOMPARE(CtlFormatter(now).apiTokens(tokens),
             QStringLiteral(
                 "ID  NAME    USER    ROLE      CREATED               EXPIRES               LAST USED   STATUS\n"
                 "a1  backup  admin   admin     2024-04-01 00:00 UTC  2024-07-01 00:00 UTC  12 min ago  active\n"
                 "b2  report  helper  helpdesk  2024-04-01 00:00 UTC  2024-07-01 00:00 UTC  never       REVOKED\n"));
    QCOMPARE(CtlFormatter(now).apiTokens(QJsonArray()), QStringLiteral("No API tokens.\n"));
}

void TestCtlFormatter::apiTokenCreated()
{
    const QJsonObject token{{QStringLiteral("id"), QStringLiteral("a1")},
                            {QStringLiteral("user"), QStringLiteral("admin")},
                            {QStringLiteral("name"), QStringLiteral("backup")},
                            {QStringLiteral("role"), QStringLiteral("admin")},
                            {QStringLiteral("expiresAt"), QStringLiteral("2024-07-30T12:00:00Z")},
                            {QStringLiteral("token"), QStringLiteral("s3cr3t-t0ken")}};
    const QString text = CtlFormatter(now).apiTokenCreated(token);
    QVERIFY(
        text.startsWith(QLatin1String("Token:    s3cr3t-t0ken\nID:       a1\nName:     backup\nUser:     admin\n"
                                      "Role:     admin\nExpires:  2024-07-30 12:00 UTC\n")));
    QVERIFY(text.contains(QLatin1String("stewardctl api-token revoke a1")));
}

void TestCtlFormatter::auditVerification_data()
{
    QTest::addColumn<QJsonObject>("verification");
    QTest::addColumn<QString>("text");
    QTest::newRow("intact") << QJsonObject{{QStringLiteral("intact"), true},
                                           {QStringLiteral("rows"), 1},
                                           {QStringLiteral("unchainedRows"), 0},
                                           {QStringLiteral("firstBrokenId"), QJsonValue()},
                                           {QStringLiteral("problem"), QJsonValue()},
                                           {QStringLiteral("headHash"), QStringLiteral("ab12")}}
                            << QStringLiteral("Audit log intact: 1 row checked\nHead hash: ab12\n");
    QTest::newRow("intact, with unchained rows")
        << QJsonObject{{QStringLiteral("intact"), true},
                       {QStringLiteral("rows"), 120},
                       {QStringLiteral("unchainedRows"), 20},
                       {QStringLiteral("headHash"), QStringLiteral("ab12")}}
        << QStringLiteral(
               "Audit log intact: 120 rows checked (20 written before the log was chained, not checkable)\n"
               "Head hash: ab12\n");
    QTest::newRow("broken") << QJsonObject{{QStringLiteral("intact"), false},
                                           {QStringLiteral("rows"), 57},
                                           {QStringLiteral("unchainedRows"), 0},
                                           {QStringLiteral("firstBrokenId"), 42},
                                           {QStringLiteral("problem"), QStringLiteral("hash mismatch")},
                                           {QStringLiteral("headHash"), QStringLiteral("ff00")}}
                            << QStringLiteral(
                                   "Audit log BROKEN at row 42: hash mismatch\n57 rows read\nHead hash: ff00\n");
}

void TestCtlFormatter::auditVerification()
{
    QFETCH(QJsonObject, verification);
    QFETCH(QString, text);
    QCOMPARE(CtlFormatter(now).auditVerification(verification), text);
}

void TestCtlFormatter::jobsTable()
{
    QJsonObject job = FakeAdminServer::sampleJob();
    job.remove(QStringLiteral("devices")); // as GET /api/v1/jobs lists it: counts only
    QJsonObject packages = job;
    packages.insert(QStringLiteral("id"), QStringLiteral("0b8c"));
    packages.insert(QStringLiteral("state"), QStringLiteral("cancelled"));
    packages.insert(QStringLiteral("createdBy"), QStringLiteral("evil\x1b[2J"));
    packages.insert(QStringLiteral("summary"),
                    QJsonObject{{QStringLiteral("select"), QStringLiteral("packages")},
                                {QStringLiteral("packages"),
                                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("openssl")},
                                                        {QStringLiteral("version"), QStringLiteral("3.0.13-1")}},
                                            QJsonObject{{QStringLiteral("name"), QStringLiteral("vim")},
                                                        {QStringLiteral("version"), QString()}}}},
                                {QStringLiteral("reboot"), QStringLiteral("never")}});
    packages.insert(QStringLiteral("counts"),
                    QJsonObject{{QStringLiteral("cancelled"), 4}, {QStringLiteral("succeeded"), 1}});
    QCOMPARE(CtlFormatter(now).jobs(QJsonArray{job, packages}),
             QStringLiteral("ID                                    KIND   STATE      CREATED               BY        "
                            "WHAT                                  DEVICES\n"
                            "7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e  patch  active     2024-05-01 10:00 UTC  admin     "
                            "security updates; reboot if-required  1 succeeded, 1 failed, 1 queued\n"
                            "0b8c                                  patch  cancelled  2024-05-01 10:00 UTC  evil?[2J  "
                            "packages openssl=3.0.13-1, vim        1 succeeded, 4 cancelled\n"));
    QCOMPARE(CtlFormatter(now).jobs(QJsonArray()), QStringLiteral("No jobs.\n"));
}

void TestCtlFormatter::jobDetail()
{
    QCOMPARE(
        CtlFormatter(now).job(FakeAdminServer::sampleJob()),
        QStringLiteral(
            "Job         7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e\n"
            "Kind        patch: security updates; reboot if-required\n"
            "State       active\n"
            "Created     2024-05-01 10:00 UTC by admin\n"
            "Signer      5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e\n"
            "Not before  2024-05-01 10:00 UTC\n"
            "Deadline    none\n"
            "Expires     2024-05-08 10:00 UTC\n"
            "Devices     1 succeeded, 1 failed, 1 queued\n"
            "\n"
            "DEVICE  HOSTNAME       STATE                EXIT  ITEMS                 UPDATED               RECEIPT\n"
            "d-0001  pc-finance-01  succeeded            0     2 upgraded            2024-05-01 10:02 UTC  not "
            "checked\n"
            "d-0002  srv-mail       failed (dpkg-error)  100   1 upgraded, 1 failed  2024-05-01 10:03 UTC  none\n"
            "d-0003  laptop-dg      queued               -     -                     2024-05-01 10:00 UTC  none\n"
            "\n"
            "d-0001 (pc-finance-01): succeeded\n"
            "  openssl 3.0.11-1 -> 3.0.13-1: upgraded\n"
            "  libssl3 3.0.11-1 -> 3.0.13-1: upgraded\n"
            "\n"
            "d-0002 (srv-mail): failed\n"
            "  openssl 3.0.11-1 -> 3.0.13-1: upgraded\n"
            "  exim4 4.96-15 -> 4.96-15: failed\n"
            "  output (4321 bytes), last lines:\n"
            "    Setting up exim4 ...\n"
            "    E: Sub-process /usr/bin/dpkg returned an error code (1)\n"));

    // A deadline, a cancellation, and output from an agent that tries to drive the terminal.
    QJsonObject job = FakeAdminServer::sampleJob();
    job.insert(QStringLiteral("deadline"), QStringLiteral("2024-05-03T18:00:00Z"));
    job.insert(QStringLiteral("cancelledAt"), QStringLiteral("2024-05-01T11:00:00Z"));
    job.insert(QStringLiteral("cancelledBy"), QStringLiteral("helen"));
    QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    QJsonObject failed = devices.at(1).toObject();
    failed.insert(QStringLiteral("output"),
                  QJsonObject{{QStringLiteral("tail"), QStringLiteral("ok\n\x1b]0;pwned\x07\n")},
                              {QStringLiteral("totalBytes"), 9}});
    devices.replace(1, failed);
    job.insert(QStringLiteral("devices"), devices);
    const QString text = CtlFormatter(now).job(job);
    QVERIFY2(text.contains(QLatin1String("\nDeadline    2024-05-03 18:00 UTC\n")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\nCancelled   2024-05-01 11:00 UTC by helen\n")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("    ?]0;pwned?\n")), qPrintable(text));
    QVERIFY(!text.contains(QChar(0x1b)));
}

void TestCtlFormatter::jobDetailReceipts_data()
{
    QTest::addColumn<QJsonValue>("receipt");
    QTest::addColumn<QString>("check"); // stewardctl's receiptCheck, empty: none given
    QTest::addColumn<QString>("shown");

    const QJsonValue receipt(QStringLiteral("oA=="));
    QTest::newRow("no receipt") << QJsonValue() << QString() << QStringLiteral("none");
    QTest::newRow("a receipt, not checked") << receipt << QString() << QStringLiteral("not checked");
    QTest::newRow("checked: none") << QJsonValue() << QStringLiteral("none") << QStringLiteral("none");
    QTest::newRow("checked: not-checked") << receipt << QStringLiteral("not-checked") << QStringLiteral("not checked");
    QTest::newRow("checked: verified") << receipt << QStringLiteral("verified") << QStringLiteral("verified");
    QTest::newRow("checked: invalid") << receipt << QStringLiteral("invalid") << QStringLiteral("INVALID");
}

void TestCtlFormatter::jobDetailReceipts()
{
    QFETCH(QJsonValue, receipt);
    QFETCH(QString, check);
    QFETCH(QString, shown);
    QJsonObject device{{QStringLiteral("id"), QStringLiteral("d-1")},
                       {QStringLiteral("state"), QStringLiteral("succeeded")},
                       {QStringLiteral("receipt"), receipt}};
    if (!check.isEmpty()) {
        device.insert(QStringLiteral("receiptCheck"), check);
    }
    const QJsonObject job{{QStringLiteral("id"), QStringLiteral("j")}, {QStringLiteral("devices"), QJsonArray{device}}};
    const QStringList lines = CtlFormatter(now).job(job).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.constLast().startsWith(QLatin1String("d-1 ")), qPrintable(lines.constLast()));
    QVERIFY2(lines.constLast().endsWith(QLatin1String("  ") + shown), qPrintable(lines.constLast()));
}

void TestCtlFormatter::stateCounts_data()
{
    QTest::addColumn<QJsonObject>("job");
    QTest::addColumn<QString>("text");

    const auto devices = [](std::initializer_list<const char *> states) {
        QJsonArray array;
        for (const char *state : states) {
            array.append(QJsonObject{{QStringLiteral("state"), QLatin1String(state)}});
        }
        return QJsonObject{{QStringLiteral("devices"), array}};
    };
    QTest::newRow("finished first")
        << devices({"queued", "running", "succeeded", "failed", "succeeded", "waiting", "delivered", "unknown"})
        << QStringLiteral("2 succeeded, 1 failed, 1 running, 1 waiting, 1 delivered, 1 queued, 1 unknown");
    QTest::newRow("every final state")
        << devices({"expired", "cancelled", "timed-out", "rejected", "not-applicable", "failed", "succeeded"})
        << QStringLiteral("1 succeeded, 1 failed, 1 not-applicable, 1 rejected, 1 timed-out, 1 cancelled, 1 expired");
    QTest::newRow("a state from a newer server, last")
        << devices({"hibernating", "queued"}) << QStringLiteral("1 queued, 1 hibernating");
    QTest::newRow("counts when devices are not listed")
        << QJsonObject{{QStringLiteral("counts"),
                        QJsonObject{{QStringLiteral("queued"), 2000}, {QStringLiteral("succeeded"), 12}}}}
        << QStringLiteral("12 succeeded, 2000 queued");
    QTest::newRow("none") << QJsonObject() << QStringLiteral("no devices");
}

void TestCtlFormatter::stateCounts()
{
    QFETCH(QJsonObject, job);
    QFETCH(QString, text);
    QCOMPARE(CtlFormatter::stateCounts(job), text);
}

void TestCtlFormatter::jobCreatedCancelledFinished()
{
    QJsonObject job = FakeAdminServer::sampleJob();
    job.remove(QStringLiteral("devices"));
    QCOMPARE(CtlFormatter(now).jobCreated(job),
             QStringLiteral("Job 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e created for 3 devices (patch: security updates; "
                            "reboot if-required).\n"
                            "Not before 2024-05-01 10:00 UTC, deadline none, expires 2024-05-08 10:00 UTC.\n"
                            "Follow it with: stewardctl job wait 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e\n"));
    QVERIFY(CtlFormatter(now).jobCancelled(job).startsWith(
        QLatin1String("Job 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e cancelled: devices that have not "
                      "started it will not run it")));
    QVERIFY(
        CtlFormatter(now).jobCancelled(job).endsWith(QLatin1String("\nDevices: 1 succeeded, 1 failed, 1 queued\n")));
    QCOMPARE(CtlFormatter(now).jobFinished(FakeAdminServer::sampleJob()),
             QStringLiteral("Job 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e finished: 1 succeeded, 1 failed, 1 queued.\n"));
}

void TestCtlFormatter::operatorsTable()
{
    const QString root = QStringLiteral("ab").repeated(32);
    const QString olga = QStringLiteral("01").repeated(32);
    const QString otto = QStringLiteral("fe").repeated(32);
    const QJsonObject list{
        {QStringLiteral("version"), 3},
        {QStringLiteral("rootFingerprint"), root},
        {QStringLiteral("issuedAt"), QStringLiteral("2024-04-01T00:00:00Z")},
        {QStringLiteral("expiresAt"), QStringLiteral("2025-04-01T00:00:00Z")},
        {QStringLiteral("operators"),
         QJsonArray{
             QJsonObject{{QStringLiteral("name"), QStringLiteral("Olga")},
                         {QStringLiteral("fingerprint"), olga},
                         {QStringLiteral("kinds"), QJsonArray{QStringLiteral("patch"), QStringLiteral("license")}},
                         {QStringLiteral("notAfter"), QStringLiteral("2025-04-01T00:00:00Z")}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("Otto")},
                         {QStringLiteral("fingerprint"), otto},
                         {QStringLiteral("kinds"), QJsonArray{QStringLiteral("patch")}},
                         {QStringLiteral("notAfter"), QStringLiteral("2024-04-30T00:00:00Z")}}}}};
    QCOMPARE(CtlFormatter(now).operators(list),
             QStringLiteral("Operator list version 3, issued 2024-04-01 00:00 UTC, expires 2025-04-01 00:00 UTC\n"
                            "Root fingerprint: %1\n"
                            "\n"
                            "NAME  FINGERPRINT%4  KINDS          NOT AFTER             STATUS\n"
                            "Olga  %2  patch,license  2025-04-01 00:00 UTC  active\n"
                            "Otto  %3  patch          2024-04-30 00:00 UTC  EXPIRED\n")
                 .arg(root, olga, otto, QString(64 - 11, QLatin1Char(' '))));

    QJsonObject expired = list;
    expired.insert(QStringLiteral("expiresAt"), QStringLiteral("2024-05-01T00:00:00Z"));
    expired.insert(QStringLiteral("operators"), QJsonArray());
    QCOMPARE(CtlFormatter(now).operators(expired),
             QStringLiteral("Operator list version 3, issued 2024-04-01 00:00 UTC, expires 2024-05-01 00:00 UTC "
                            "(EXPIRED)\nRoot fingerprint: %1\n\nNo operators.\n")
                 .arg(root));
}

void TestCtlFormatter::operatorAdded()
{
    const QJsonObject answer{
        {QStringLiteral("version"), 2},
        {QStringLiteral("rootFingerprint"), QStringLiteral("ab12")},
        {QStringLiteral("added"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Olga")},
                     {QStringLiteral("fingerprint"), QStringLiteral("cd34")},
                     {QStringLiteral("kinds"), QJsonArray{QStringLiteral("patch"), QStringLiteral("license")}},
                     {QStringLiteral("notAfter"), QStringLiteral("2025-05-01T12:00:00Z")},
                     {QStringLiteral("keyFile"), QStringLiteral("olga.key")}}}};
    QCOMPARE(CtlFormatter(now).operatorAdded(answer),
             QStringLiteral("Operator Olga added: fingerprint cd34, may sign patch,license jobs until 2025-05-01 12:00 "
                            "UTC.\nKey written to olga.key; operator list version 2 uploaded (root ab12).\n"));
}

void TestCtlFormatter::enrollmentTokenWithJobRoot()
{
    QJsonObject answer{{QStringLiteral("token"), QStringLiteral("enroll-abc123")},
                       {QStringLiteral("caFingerprint"), QStringLiteral("AB:CD:EF:01")},
                       {QStringLiteral("jobRootFingerprint"), QStringLiteral("ab12")},
                       {QStringLiteral("uses"), 1},
                       {QStringLiteral("expiresAt"), QStringLiteral("2024-05-02T12:00:00Z")}};
    const QUrl server(QStringLiteral("https://10.1.2.3:8731"));
    QVERIFY(CtlFormatter(now).enrollmentToken(answer, server).contains(QLatin1String("Job root:        ab12\n")));
    answer.insert(QStringLiteral("jobRootFingerprint"), QJsonValue());
    QVERIFY(CtlFormatter(now).enrollmentToken(answer, server).contains(QLatin1String("Job root:        none yet")));
    // A server from before signed jobs says nothing of it, and neither does stewardctl.
    answer.remove(QStringLiteral("jobRootFingerprint"));
    QVERIFY(!CtlFormatter(now).enrollmentToken(answer, server).contains(QLatin1String("Job root")));
}

QTEST_GUILESS_MAIN(TestCtlFormatter)
#include "TestCtlFormatter.moc"
