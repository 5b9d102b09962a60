// SPDX-License-Identifier: GPL-3.0-or-later
#include "CertificateRenewal.h"
#include "Files.h"
#include "TestSite.h"
#include "TlsConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace steward;
using namespace steward::agent;

class TestCertificateRenewal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void isDueAtTwoThirdsOfLife();
    void installsAVerifiedCertificate();
    void refusesWrongCertificates_data();
    void refusesWrongCertificates();
    void refusesUnaskedCertificate();

private:
    QByteArray sign(const QByteArray &csr,
                    const QString &commonName,
                    const pki::KeyAndCertificate &ca,
                    quint64 serial) const;

    test::TestSite m_site;
    std::unique_ptr<QTemporaryDir> m_dir;
    AgentState m_state;
};

void TestCertificateRenewal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_state = AgentState{};
    m_state.dataDir = m_dir->path();
    m_state.serverHost = QStringLiteral("127.0.0.1");
    m_state.serverPort = 8730;
    m_state.caFingerprint = m_site.caFingerprint;
    m_state.deviceId = QStringLiteral("device-1");
    const pki::KeyAndCsr key = pki::createKeyAndCsr(m_state.deviceId).value();
    QVERIFY(files::writeNew(m_state.keyPath(), key.keyPem, files::kPrivate).ok());
    QVERIFY(
        files::writeNew(m_state.certificatePath(), sign(key.csrPem, m_state.deviceId, m_site.ca, 10), files::kPublic)
            .ok());
    QVERIFY(files::writeNew(m_state.caPath(), m_site.ca.certificatePem, files::kPublic).ok());
    QVERIFY(m_state.save().ok());
}

QByteArray TestCertificateRenewal::sign(const QByteArray &csr,
                                        const QString &commonName,
                                        const pki::KeyAndCertificate &ca,
                                        quint64 serial) const
{
    pki::SigningRequest request;
    request.csrPem = csr;
    request.commonName = commonName;
    request.serial = serial;
    request.validDays = 30;
    request.usage = pki::Usage::Client;
    return pki::signCsr(request, ca).value();
}

void TestCertificateRenewal::isDueAtTwoThirdsOfLife()
{
    const QByteArray pem = files::read(m_state.certificatePath()).value();
    const pki::CertificateInfo info = pki::inspect(pem).value();
    const qint64 life = info.notBefore.secsTo(info.notAfter);
    QVERIFY(!CertificateRenewal::isDue(pem, info.notBefore.addSecs(life / 2)));
    QVERIFY(!CertificateRenewal::isDue(pem, info.notBefore.addSecs(life * 2 / 3 - 60)));
    QVERIFY(CertificateRenewal::isDue(pem, info.notBefore.addSecs(life * 2 / 3 + 60)));
    QVERIFY(CertificateRenewal::isDue(pem, info.notAfter.addDays(1)));
    QVERIFY(!CertificateRenewal::isDue(QByteArrayLiteral("not a certificate"), info.notAfter));
}

void TestCertificateRenewal::installsAVerifiedCertificate()
{
    const QString oldKey = m_state.keyPath();
    const QString oldCertificate = m_state.certificatePath();
    CertificateRenewal renewal(m_state);
    const protocol::Renew request = renewal.begin().value();
    QVERIFY(renewal.isPending());
    const Status installed = renewal.complete(protocol::Renewed{sign(request.csrPem, m_state.deviceId, m_site.ca, 11)},
                                              QDateTime::currentDateTimeUtc());
    QVERIFY2(installed.ok(), installed.ok() ? "" : qPrintable(installed.error().message));
    QVERIFY(!renewal.isPending());

    // The state on disk now names the new pair, which loads as a working identity.
    const AgentState reloaded = AgentState::load(m_dir->path()).value();
    QCOMPARE(reloaded.certificateFile, QStringLiteral("agent-11.pem"));
    QCOMPARE(reloaded.keyFile, QStringLiteral("agent-11.key"));
    QVERIFY(tls::loadIdentity(reloaded.certificatePath(), reloaded.keyPath()).ok());
    QVERIFY(!(QFile::permissions(reloaded.keyPath()) & (QFileDevice::ReadOther | QFileDevice::ReadGroup)));
    QVERIFY(!QFile::exists(oldKey));
    QVERIFY(!QFile::exists(oldCertificate));
}

void TestCertificateRenewal::refusesWrongCertificates_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::newRow("another CA") << 0 << QStringLiteral("renew.untrusted");
    QTest::newRow("another device") << 1 << QStringLiteral("renew.wrong-device");
    QTest::newRow("another key") << 2 << QStringLiteral("renew.wrong-key");
}

void TestCertificateRenewal::refusesWrongCertificates()
{
    QFETCH(int, kind);
    QFETCH(QString, code);
    CertificateRenewal renewal(m_state);
    const protocol::Renew request = renewal.begin().value();
    const test::TestSite stranger;
    QByteArray certificate;
    if (kind == 0) {
        certificate = sign(request.csrPem, m_state.deviceId, stranger.ca, 11);
    } else if (kind == 1) {
        certificate = sign(request.csrPem, QStringLiteral("device-2"), m_site.ca, 11);
    } else {
        certificate = sign(pki::createKeyAndCsr(m_state.deviceId).value().csrPem, m_state.deviceId, m_site.ca, 11);
    }
    const Status installed = renewal.complete(protocol::Renewed{certificate}, QDateTime::currentDateTimeUtc());
    QVERIFY(!installed.ok());
    QCOMPARE(installed.error().code, code);
    // Nothing switched: the enrolment's files are still the ones in use.
    QCOMPARE(AgentState::load(m_dir->path()).value().certificateFile, QStringLiteral("agent.pem"));
    QVERIFY(QFile::exists(m_state.keyPath()));
}

void TestCertificateRenewal::refusesUnaskedCertificate()
{
    CertificateRenewal renewal(m_state);
    const Status installed =
        renewal.complete(protocol::Renewed{m_site.ca.certificatePem}, QDateTime::currentDateTimeUtc());
    QCOMPARE(installed.error().code, QStringLiteral("renew.unexpected"));
}

QTEST_GUILESS_MAIN(TestCertificateRenewal)
#include "TestCertificateRenewal.moc"
