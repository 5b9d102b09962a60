// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ManualClock.h"
#include "ProcessCommandRunner.h"
#include "ResultDescription.h"
#include "os/OsCollector.h"
#include "os/OsInfo.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <utmp.h>

using namespace steward::agent;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
constexpr qint64 s_now = 1731920000; // 2024-11-18 08:53:20 UTC

// The parser reads fixed offsets; glibc's own struct is the reference.
static_assert(sizeof(struct utmp) == OsCollector::s_utmpRecordSize);

QString fixture(const QString &name)
{
    return QStringLiteral(COLLECTORS_FIXTURES_DIR "/os/") + name;
}

QByteArray utmpRecord(short type, pid_t pid, const char *line, const char *user, const char *host, qint32 seconds)
{
    struct utmp record;
    std::memset(&record, 0, sizeof record);
    record.ut_type = type;
    record.ut_pid = pid;
    std::strncpy(record.ut_line, line, sizeof record.ut_line);
    std::strncpy(record.ut_user, user, sizeof record.ut_user);
    std::strncpy(record.ut_host, host, sizeof record.ut_host);
    record.ut_tv.tv_sec = seconds;
    return QByteArray(reinterpret_cast<const char *>(&record), sizeof record);
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = QDir(to).filePath(QDir(from).relativeFilePath(source));
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(source, target)) {
            return false;
        }
    }
    return true;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}
} // namespace

class TestOsCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void parseOsRelease_data();
    void parseOsRelease();
    void debianTree();
    void vendorFallbackTree();
    void malformedLinesAreIgnored();
    void missingOsReleaseIsAnError();
    void thinkpadTree();
    void kvmGuestTree();
    void kvmGuestResolverAnswers_data();
    void kvmGuestResolverAnswers();
    void armBoardWithMissingFiles();
    void uptimeFromBootTime();
    void fqdnFromHosts_data();
    void fqdnFromHosts();
    void domainFromResolvConf_data();
    void domainFromResolvConf();
    void parseUptime_data();
    void parseUptime();
    void parseUtmp();
    void cborKeysFollowProtocol();
    void liveMachine();

private:
    // Fixture trees have no clock of their own: boot time and uptime derive from this one.
    steward::test::ManualClock m_clock{QDateTime::fromSecsSinceEpoch(s_now, Qt::UTC)};
};

void TestOsCollector::init()
{
    m_clock.set(QDateTime::fromSecsSinceEpoch(s_now, Qt::UTC));
}

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
    const auto info = OsCollector(m_clock).collectInfo(context);
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
    const auto info = OsCollector(m_clock).collectInfo(context);
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
    const auto info = OsCollector(m_clock).collectInfo(context);
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
    const auto result = OsCollector(m_clock).collect(context);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("os.release-unreadable"));
    QVERIFY(result.error().message.contains(QLatin1String("os-release")));
}

void TestOsCollector::thinkpadTree()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(copyTree(fixture(QStringLiteral("thinkpad")), root.path()));
    QByteArray utmp;
    utmp += utmpRecord(BOOT_TIME, 0, "~", "reboot", "6.8.0-45-generic", 1731916800);
    utmp += utmpRecord(RUN_LVL, 53, "~~", "runlevel", "6.8.0-45-generic", 1731916805);
    utmp += utmpRecord(LOGIN_PROCESS, 1012, "tty1", "LOGIN", "", 1731916810);
    utmp += utmpRecord(USER_PROCESS, 2200, "pts/0", "anna", "192.0.2.10", 1731919000);
    utmp += utmpRecord(USER_PROCESS, 1500, "tty2", "anna", "tty2", 1731917000);
    utmp += utmpRecord(DEAD_PROCESS, 1800, "pts/3", "carl", "", 1731918000);
    // Its session process is gone (crash, kill -9): a stale record.
    utmp += utmpRecord(USER_PROCESS, 2999, "pts/1", "ben", "tp-ben.corp.internal", 1731918500);
    QVERIFY(writeFile(root.filePath(QStringLiteral("run/utmp")), utmp));
    for (const char *pid : {"1", "1500", "2200"}) {
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("proc/") + QLatin1String(pid)));
    }

    const auto result = OsCollector(m_clock).collectInfo(CollectContext{root.path(), nullptr});
    QVERIFY2(result.ok(), describe(result).constData());
    const OsInfo &info = result.value();
    QCOMPARE(info.name, QStringLiteral("Ubuntu"));
    QCOMPARE(info.versionId, QStringLiteral("24.04"));
    QCOMPARE(info.kernel, QStringLiteral("6.8.0-45-generic"));
    QCOMPARE(info.hostname, QStringLiteral("tp-anna"));
    QCOMPARE(info.fqdn, QStringLiteral("tp-anna.corp.internal"));
    QCOMPARE(info.domain, QStringLiteral("corp.internal"));
    QCOMPARE(info.bootTime, std::optional<qint64>(1731916800));
    QCOMPARE(info.uptimeSeconds, std::optional<qint64>(86523));
    QCOMPARE(info.users,
             (QList<LoggedInUser>{
                 {QStringLiteral("anna"), QStringLiteral("tty2"), QStringLiteral("tty2"), 1731917000, 1500},
                 {QStringLiteral("anna"), QStringLiteral("pts/0"), QStringLiteral("192.0.2.10"), 1731919000, 2200}}));
}

void TestOsCollector::kvmGuestTree()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("hostname"), FakeCommandRunner::succeeding("web-01.prod.internal\n"));
    const auto result = OsCollector(m_clock).collectInfo(CollectContext{fixture(QStringLiteral("kvm-vm")), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    const OsInfo &info = result.value();
    QCOMPARE(info.prettyName, QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
    QCOMPARE(info.hostname, QStringLiteral("web-01"));
    // /etc/hosts has only the short name, so the resolver was asked.
    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().first().program, QStringLiteral("hostname"));
    QCOMPARE(runner.calls().first().args, QStringList{QStringLiteral("--fqdn")});
    QVERIFY(runner.calls().first().timeout <= std::chrono::seconds(5));
    QCOMPARE(info.fqdn, QStringLiteral("web-01.prod.internal"));
    QCOMPARE(info.domain, QStringLiteral("prod.internal"));
    // No btime: the clock minus the uptime.
    QCOMPARE(info.uptimeSeconds, std::optional<qint64>(3600));
    QCOMPARE(info.bootTime, std::optional<qint64>(s_now - 3600));
    QCOMPARE(info.users, QList<LoggedInUser>());
}

void TestOsCollector::kvmGuestResolverAnswers_data()
{
    QTest::addColumn<int>("outcome"); // 0 output, 1 timeout, 2 not installed
    QTest::addColumn<QByteArray>("output");

    QTest::newRow("another machine's name") << 0 << QByteArray("db-02.prod.internal\n");
    QTest::newRow("localhost") << 0 << QByteArray("localhost.localdomain\n");
    QTest::newRow("short name only") << 0 << QByteArray("web-01\n");
    QTest::newRow("dead name server") << 1 << QByteArray();
    QTest::newRow("no hostname program") << 2 << QByteArray();
}

void TestOsCollector::kvmGuestResolverAnswers()
{
    QFETCH(int, outcome);
    QFETCH(QByteArray, output);
    FakeCommandRunner runner;
    if (outcome == 0) {
        runner.setResult(QStringLiteral("hostname"), FakeCommandRunner::succeeding(output));
    } else if (outcome == 1) {
        runner.setResult(QStringLiteral("hostname"), FakeCommandRunner::timingOut());
    }
    const auto result = OsCollector(m_clock).collectInfo(CollectContext{fixture(QStringLiteral("kvm-vm")), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.value().fqdn, QString());
    // resolv.conf: the last of domain/search wins, its first name.
    QCOMPARE(result.value().domain, QStringLiteral("cluster.internal"));
}

void TestOsCollector::armBoardWithMissingFiles()
{
    FakeCommandRunner runner;
    const auto result = OsCollector(m_clock).collectInfo(CollectContext{fixture(QStringLiteral("arm-board")), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    const OsInfo &info = result.value();
    QCOMPARE(info.hostname, QStringLiteral("raspberrypi"));
    QCOMPARE(info.arch, QStringLiteral("aarch64"));
    QCOMPARE(info.fqdn, QString());
    QCOMPARE(info.domain, QString());
    QCOMPARE(info.bootTime, std::nullopt);
    QCOMPARE(info.uptimeSeconds, std::nullopt);
    QCOMPARE(info.users, QList<LoggedInUser>());

    const QCborMap map = info.toCbor();
    QVERIFY(map.value(QStringLiteral("bootTime")).isNull());
    // Uptime changes every second: sent, it would defeat delta reports; bootTime says the same.
    QVERIFY(!map.contains(QStringLiteral("uptimeSeconds")));
    QCOMPARE(map.value(QStringLiteral("users")).toArray(), QCborArray());
}

void TestOsCollector::uptimeFromBootTime()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(copyTree(fixture(QStringLiteral("arm-board")), root.path()));
    QVERIFY(writeFile(root.filePath(QStringLiteral("proc/stat")), "cpu  1 2 3 4\nbtime 1731919000\nprocesses 12\n"));
    // A truncated utmp: the whole records are still read.
    QVERIFY(writeFile(root.filePath(QStringLiteral("run/utmp")),
                      utmpRecord(USER_PROCESS, 700, "ttyAMA0", "pi", "", 1731919100) + QByteArray(100, '\0')));
    const auto result = OsCollector(m_clock).collectInfo(CollectContext{root.path(), nullptr});
    QVERIFY(result.ok());
    QCOMPARE(result.value().bootTime, std::optional<qint64>(1731919000));
    QCOMPARE(result.value().uptimeSeconds, std::optional<qint64>(1000));
    // No /proc/1 below this root: liveness cannot be checked, so keep it.
    QCOMPARE(result.value().users.size(), 1);
    QCOMPARE(result.value().users.first().tty, QStringLiteral("ttyAMA0"));

    // An hour later the machine has been up an hour longer; it booted when it did.
    m_clock.advance(3600);
    const auto later = OsCollector(m_clock).collectInfo(CollectContext{root.path(), nullptr});
    QVERIFY(later.ok());
    QCOMPARE(later.value().bootTime, std::optional<qint64>(1731919000));
    QCOMPARE(later.value().uptimeSeconds, std::optional<qint64>(4600));
}

void TestOsCollector::fqdnFromHosts_data()
{
    QTest::addColumn<QByteArray>("hosts");
    QTest::addColumn<QString>("hostname");
    QTest::addColumn<QString>("fqdn");

    QTest::newRow("debian style") << QByteArray("127.0.0.1 localhost\n127.0.1.1 pc1.corp.internal pc1\n")
                                  << QStringLiteral("pc1") << QStringLiteral("pc1.corp.internal");
    QTest::newRow("tabs and comment") << QByteArray("10.0.0.5\tpc1.lab.internal\tpc1 # static\n")
                                      << QStringLiteral("pc1") << QStringLiteral("pc1.lab.internal");
    QTest::newRow("case") << QByteArray("10.0.0.5 PC1.lab.internal PC1\n") << QStringLiteral("pc1")
                          << QStringLiteral("PC1.lab.internal");
    QTest::newRow("short name first") << QByteArray("127.0.1.1 pc1 pc1.corp.internal\n") << QStringLiteral("pc1")
                                      << QString();
    QTest::newRow("only on localhost line")
        << QByteArray("127.0.0.1 localhost.localdomain localhost pc1\n") << QStringLiteral("pc1") << QString();
    QTest::newRow("first matching line wins")
        << QByteArray("127.0.1.1 pc1\n10.0.0.5 pc1.corp.internal pc1\n") << QStringLiteral("pc1") << QString();
    QTest::newRow("commented out") << QByteArray("#127.0.1.1 pc1.corp.internal pc1\n") << QStringLiteral("pc1")
                                   << QString();
    QTest::newRow("other host") << QByteArray("10.0.0.9 pc2.corp.internal pc2\n") << QStringLiteral("pc1") << QString();
    QTest::newRow("no hostname") << QByteArray("127.0.1.1 pc1.corp.internal pc1\n") << QString() << QString();
}

void TestOsCollector::fqdnFromHosts()
{
    QFETCH(QByteArray, hosts);
    QFETCH(QString, hostname);
    QFETCH(QString, fqdn);
    QCOMPARE(OsCollector::fqdnFromHosts(hosts, hostname), fqdn);
}

void TestOsCollector::domainFromResolvConf_data()
{
    QTest::addColumn<QByteArray>("resolvConf");
    QTest::addColumn<QString>("domain");
    QTest::newRow("search") << QByteArray("nameserver 10.0.0.2\nsearch a.internal b.internal\n")
                            << QStringLiteral("a.internal");
    QTest::newRow("domain") << QByteArray("domain corp.internal\nnameserver 10.0.0.2\n")
                            << QStringLiteral("corp.internal");
    QTest::newRow("last wins") << QByteArray("search a.internal\ndomain b.internal\n") << QStringLiteral("b.internal");
    QTest::newRow("root search") << QByteArray("search .\n") << QString();
    QTest::newRow("trailing dot") << QByteArray("search corp.internal.\n") << QStringLiteral("corp.internal");
    QTest::newRow("none") << QByteArray("nameserver 127.0.0.53\noptions edns0\n") << QString();
}

void TestOsCollector::domainFromResolvConf()
{
    QFETCH(QByteArray, resolvConf);
    QFETCH(QString, domain);
    QCOMPARE(OsCollector::domainFromResolvConf(resolvConf), domain);
}

void TestOsCollector::parseUptime_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qint64>("seconds"); // -1: none
    QTest::newRow("typical") << QByteArray("86523.41 301254.77\n") << Q_INT64_C(86523);
    QTest::newRow("just booted") << QByteArray("0.52 0.90\n") << Q_INT64_C(0);
    QTest::newRow("garbage") << QByteArray("up a while\n") << Q_INT64_C(-1);
    QTest::newRow("negative") << QByteArray("-5.0 1.0\n") << Q_INT64_C(-1);
    QTest::newRow("empty") << QByteArray() << Q_INT64_C(-1);
}

void TestOsCollector::parseUptime()
{
    QFETCH(QByteArray, data);
    QFETCH(qint64, seconds);
    QCOMPARE(OsCollector::parseUptime(data).value_or(-1), seconds);
}

void TestOsCollector::parseUtmp()
{
    QCOMPARE(OsCollector::parseUtmp(QByteArray()), QList<LoggedInUser>());
    QCOMPARE(OsCollector::parseUtmp(QByteArray(383, 'x')), QList<LoggedInUser>());
    // Fields that fill their array have no terminating NUL.
    const QByteArray longUser(32, 'u');
    const QList<LoggedInUser> users = OsCollector::parseUtmp(
        utmpRecord(USER_PROCESS, 42, "pts/12", longUser.constData(), "jump-host.corp.internal", 1700000000));
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().user, QString::fromLatin1(longUser));
    QCOMPARE(users.first().tty, QStringLiteral("pts/12"));
    QCOMPARE(users.first().host, QStringLiteral("jump-host.corp.internal"));
    QCOMPARE(users.first().loginTime, Q_INT64_C(1700000000));
    QCOMPARE(users.first().pid, 42);
}

void TestOsCollector::cborKeysFollowProtocol()
{
    const auto result = OsCollector(m_clock).collect(CollectContext{fixture(QStringLiteral("debian12")), nullptr});
    QVERIFY(result.ok());
    const QCborMap map = result.value().toMap();
    QStringList keys;
    const QList<QCborValue> cborKeys = map.keys();
    for (const QCborValue &key : cborKeys) {
        keys.append(key.toString());
    }
    keys.sort();
    QCOMPARE(keys,
             QStringList({QStringLiteral("arch"),
                          QStringLiteral("bootTime"),
                          QStringLiteral("domain"),
                          QStringLiteral("fqdn"),
                          QStringLiteral("hostname"),
                          QStringLiteral("id"),
                          QStringLiteral("kernel"),
                          QStringLiteral("name"),
                          QStringLiteral("prettyName"),
                          QStringLiteral("users"),
                          QStringLiteral("version"),
                          QStringLiteral("versionId")}));
    for (const char *key :
         {"arch", "domain", "fqdn", "hostname", "id", "kernel", "name", "prettyName", "version", "versionId"}) {
        QVERIFY2(map.value(QLatin1String(key)).isString(), key);
    }
    QCOMPARE(map.value(QStringLiteral("versionId")).toString(), QStringLiteral("12"));
    QVERIFY(map.value(QStringLiteral("users")).isArray());

    const LoggedInUser user{QStringLiteral("anna"),
                            QStringLiteral("pts/0"),
                            QStringLiteral("192.0.2.10"),
                            1731919000,
                            2200};
    QCOMPARE(user.toCbor(),
             (QCborMap{{QStringLiteral("user"), QStringLiteral("anna")},
                       {QStringLiteral("tty"), QStringLiteral("pts/0")},
                       {QStringLiteral("host"), QStringLiteral("192.0.2.10")},
                       {QStringLiteral("loginTime"), 1731919000}}));
}

void TestOsCollector::liveMachine()
{
    if (!QFileInfo(QStringLiteral("/proc/uptime")).isFile()) {
        QSKIP("not a Linux machine with /proc");
    }
    ProcessCommandRunner runner;
    const auto result = OsCollector(steward::Clock::system()).collectInfo(CollectContext{QStringLiteral("/"), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    const OsInfo &info = result.value();
    QVERIFY(!info.hostname.isEmpty());
    QVERIFY(info.uptimeSeconds.value_or(0) > 0);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(info.bootTime.has_value());
    // btime and uptime are two clocks; a few seconds of slack.
    QVERIFY2(qAbs(*info.bootTime + *info.uptimeSeconds - now) < 5,
             qPrintable(QStringLiteral("%1 + %2 vs %3").arg(*info.bootTime).arg(*info.uptimeSeconds).arg(now)));
    QVERIFY(info.fqdn.isEmpty() || info.fqdn.startsWith(info.hostname.section(u'.', 0, 0), Qt::CaseInsensitive));
    for (const LoggedInUser &user : info.users) {
        QVERIFY(!user.user.isEmpty());
        QVERIFY(user.loginTime > 0 && user.loginTime <= now);
    }
}

QTEST_GUILESS_MAIN(TestOsCollector)
#include "TestOsCollector.moc"
