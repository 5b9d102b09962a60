// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentState.h"
#include "CommandLine.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace steward;
using namespace steward::agent;

namespace
{
const QString kFingerprint = QStringLiteral("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
const QString kDeviceId = QStringLiteral("4f1c2b7e-95a1-4c33-8d1e-0a9b8c7d6e5f");
const QString kJobRootFingerprint = QStringLiteral("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
}

class TestAgentState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void parseHostPort_data();
    void parseHostPort();
    void paths();
    void saveLoadRoundTrip_data();
    void saveLoadRoundTrip();
    void notEnrolled_data();
    void notEnrolled();
    void damagedState_data();
    void damagedState();

private:
    void writeCertificate();
    void writeState(const QByteArray &contents);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAgentState::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAgentState::cleanup()
{
    m_dir.reset();
}

void TestAgentState::writeCertificate()
{
    QFile file(m_dir->filePath(QStringLiteral("agent.pem")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
}

void TestAgentState::writeState(const QByteArray &contents)
{
    QFile file(m_dir->filePath(QStringLiteral("agent.state")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(contents), contents.size());
}

void TestAgentState::parseHostPort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("name and port") << QStringLiteral("site-server:8730") << true << QStringLiteral("site-server")
                                   << 8730;
    QTest::newRow("ipv4") << QStringLiteral("192.0.2.10:8730") << true << QStringLiteral("192.0.2.10") << 8730;
    QTest::newRow("bracketed ipv6") << QStringLiteral("[::1]:8730") << true << QStringLiteral("::1") << 8730;
    QTest::newRow("bracketed long ipv6") << QStringLiteral("[fd00::17:1]:1") << true << QStringLiteral("fd00::17:1")
                                         << 1;
    QTest::newRow("highest port") << QStringLiteral("h:65535") << true << QStringLiteral("h") << 65535;
    QTest::newRow("missing port") << QStringLiteral("site-server") << false << QString() << 0;
    QTest::newRow("empty port") << QStringLiteral("site-server:") << false << QString() << 0;
    QTest::newRow("port zero") << QStringLiteral("site-server:0") << false << QString() << 0;
    QTest::newRow("port 70000") << QStringLiteral("site-server:70000") << false << QString() << 0;
    QTest::newRow("port 65536") << QStringLiteral("site-server:65536") << false << QString() << 0;
    QTest::newRow("negative port") << QStringLiteral("site-server:-1") << false << QString() << 0;
    QTest::newRow("port not a number") << QStringLiteral("site-server:https") << false << QString() << 0;
    QTest::newRow("empty host") << QStringLiteral(":8730") << false << QString() << 0;
    QTest::newRow("empty brackets") << QStringLiteral("[]:8730") << false << QString() << 0;
    QTest::newRow("empty") << QString() << false << QString() << 0;
    QTest::newRow("bracketed ipv6 without port") << QStringLiteral("[::1]") << false << QString() << 0;
    // Without brackets the last colon of an address would be read as the port separator.
    QTest::newRow("bare ipv6 loopback") << QStringLiteral("::1") << false << QString() << 0;
    QTest::newRow("bare ipv6 address") << QStringLiteral("fd00::1") << false << QString() << 0;
}

void TestAgentState::parseHostPort()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);

    QString parsedHost = QStringLiteral("unchanged");
    quint16 parsedPort = 1;
    QCOMPARE(cli::parseHostPort(text, &parsedHost, &parsedPort), ok);
    if (ok) {
        QCOMPARE(parsedHost, host);
        QCOMPARE(int(parsedPort), port);
    } else {
        // A failed parse leaves the outputs alone.
        QCOMPARE(parsedHost, QStringLiteral("unchanged"));
        QCOMPARE(int(parsedPort), 1);
    }
}

void TestAgentState::paths()
{
    AgentState state;
    state.dataDir = QStringLiteral("/var/lib/steward-agent");
    QCOMPARE(state.keyPath(), QStringLiteral("/var/lib/steward-agent/agent.key"));
    QCOMPARE(state.certificatePath(), QStringLiteral("/var/lib/steward-agent/agent.pem"));
    QCOMPARE(state.caPath(), QStringLiteral("/var/lib/steward-agent/ca.pem"));
    QCOMPARE(state.statePath(), QStringLiteral("/var/lib/steward-agent/agent.state"));
    QCOMPARE(state.spoolPath(), QStringLiteral("/var/lib/steward-agent/spool.db"));
}

void TestAgentState::saveLoadRoundTrip_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("name") << QStringLiteral("site-server") << 8730;
    QTest::newRow("ipv4") << QStringLiteral("192.0.2.10") << 1;
    QTest::newRow("ipv6") << QStringLiteral("fd00::17") << 65535;
}

void TestAgentState::saveLoadRoundTrip()
{
    QFETCH(QString, host);
    QFETCH(int, port);

    AgentState state;
    state.dataDir = m_dir->path();
    state.serverHost = host;
    state.serverPort = quint16(port);
    state.caFingerprint = kFingerprint;
    state.jobRootFingerprint = kJobRootFingerprint;
    state.deviceId = kDeviceId;
    Status saved = state.save();
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));

    // Saved state alone is not an enrolment: the certificate must be there too.
    QVERIFY(!AgentState::isEnrolled(m_dir->path()));
    writeCertificate();
    QVERIFY(AgentState::isEnrolled(m_dir->path()));

    Result<AgentState> loaded = AgentState::load(m_dir->path());
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(loaded.value().dataDir, m_dir->path());
    QCOMPARE(loaded.value().serverHost, host);
    QCOMPARE(int(loaded.value().serverPort), port);
    QCOMPARE(loaded.value().caFingerprint, kFingerprint);
    QCOMPARE(loaded.value().jobRootFingerprint, kJobRootFingerprint);
    QCOMPARE(loaded.value().deviceId, kDeviceId);

    // Saving again replaces the file.
    state.deviceId = QStringLiteral("another-device");
    QVERIFY(state.save().ok());
    QCOMPARE(AgentState::load(m_dir->path()).value().deviceId, QStringLiteral("another-device"));
}

void TestAgentState::notEnrolled_data()
{
    QTest::addColumn<bool>("state");
    QTest::addColumn<bool>("certificate");

    QTest::newRow("empty directory") << false << false;
    QTest::newRow("certificate only") << false << true;
    QTest::newRow("state only") << true << false;
}

void TestAgentState::notEnrolled()
{
    QFETCH(bool, state);
    QFETCH(bool, certificate);

    if (state) {
        writeState(QStringLiteral("[General]\nserver=site-server:8730\ncaFingerprint=%1\ndeviceId=%2\n")
                       .arg(kFingerprint, kDeviceId)
                       .toUtf8());
    }
    if (certificate) {
        writeCertificate();
    }
    QVERIFY(!AgentState::isEnrolled(m_dir->path()));
    Result<AgentState> loaded = AgentState::load(m_dir->path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("agent.not-enrolled"));

    Result<AgentState> missing = AgentState::load(m_dir->filePath(QStringLiteral("does-not-exist")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("agent.not-enrolled"));
}

void TestAgentState::damagedState_data()
{
    QTest::addColumn<QByteArray>("contents");

    const QString fp = kFingerprint;
    const QString id = kDeviceId;
    auto state = [](const QString &server, const QString &fingerprint, const QString &device) {
        QByteArray text("[General]\n");
        if (!server.isNull()) {
            text += "server=" + server.toUtf8() + '\n';
        }
        if (!fingerprint.isNull()) {
            text += "caFingerprint=" + fingerprint.toUtf8() + '\n';
        }
        if (!device.isNull()) {
            text += "deviceId=" + device.toUtf8() + '\n';
        }
        return text;
    };
    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("binary garbage") << QByteArray("\x00\x01\x02\xff\xfe[[[=\n\x7f", 12);
    QTest::newRow("truncated") << state(QStringLiteral("site-server:8730"), fp, id).left(30);
    QTest::newRow("no server") << state(QString(), fp, id);
    QTest::newRow("server without port") << state(QStringLiteral("site-server"), fp, id);
    QTest::newRow("server port zero") << state(QStringLiteral("site-server:0"), fp, id);
    QTest::newRow("no fingerprint") << state(QStringLiteral("site-server:8730"), QString(), id);
    QTest::newRow("short fingerprint") << state(QStringLiteral("site-server:8730"), fp.left(40), id);
    QTest::newRow("fingerprint not hex") << state(QStringLiteral("site-server:8730"),
                                                  QString(64, QLatin1Char('z')),
                                                  id);
    QTest::newRow("no device id") << state(QStringLiteral("site-server:8730"), fp, QString());
    QTest::newRow("empty device id") << state(QStringLiteral("site-server:8730"), fp, QStringLiteral(""));
}

void TestAgentState::damagedState()
{
    QFETCH(QByteArray, contents);

    writeCertificate();
    writeState(contents);
    QVERIFY(AgentState::isEnrolled(m_dir->path()));
    Result<AgentState> loaded = AgentState::load(m_dir->path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("agent.state-invalid"));
    QVERIFY(loaded.error().message.contains(QStringLiteral("agent.state")));
}

QTEST_GUILESS_MAIN(TestAgentState)
#include "TestAgentState.moc"
