// SPDX-License-Identifier: GPL-3.0-or-later
#include "SiteServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

namespace steward::test
{

namespace
{

Error failure(const QString &message)
{
    return makeError(QStringLiteral("site.start"), message);
}

// Ready when both ports accept connections.
Status waitUntilListening(QProcess &server, quint16 agentPort, quint16 apiPort)
{
    QElapsedTimer waited;
    waited.start();
    while (true) {
        bool ready = true;
        for (quint16 port : {agentPort, apiPort}) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            ready = ready && probe.waitForConnected(200);
        }
        if (ready) {
            return Ok{};
        }
        if (server.state() == QProcess::NotRunning) {
            return failure(
                QStringLiteral("steward-server run exited with code %1 (its errors are above)").arg(server.exitCode()));
        }
        if (waited.elapsed() > 15000) {
            return failure(QStringLiteral("steward-server run did not listen on ports %1 and %2 within 15 s")
                               .arg(agentPort)
                               .arg(apiPort));
        }
        QTest::qWait(100);
    }
}

} // namespace

SiteServer::SiteServer(const StewardPrograms &programs)
    : m_programs(programs)
{
}

SiteServer::~SiteServer()
{
    if (isRunning()) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished();
        }
    }
}

Status SiteServer::start(const QString &root, const QString &databaseUrl)
{
    m_root = root;
    m_databaseUrl = databaseUrl;
    if (!QDir().mkpath(m_root)) {
        return failure(QStringLiteral("cannot create %1").arg(m_root));
    }
    if (!writePrivateFile(passwordFile(), QByteArray(adminPassword) + '\n')) {
        return failure(QStringLiteral("cannot write %1").arg(passwordFile()));
    }
    const Run initialised = run(m_programs.server, initArguments());
    if (initialised.exitCode != 0) {
        return failure(QStringLiteral("steward-server init failed: ") + QString::fromLocal8Bit(initialised.err));
    }
    if (!QFile::exists(caFile()) || !isOwnerOnly(serverData() + QStringLiteral("/private/ca.key"))) {
        return failure(QStringLiteral("steward-server init left no ca.pem or a CA key others can read"));
    }

    m_agentPort = freePort();
    m_apiPort = freePort();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_programs.server);
    m_process->setArguments({QStringLiteral("run"),
                             QStringLiteral("--data-dir"),
                             serverData(),
                             QStringLiteral("--agent-listen"),
                             QStringLiteral("127.0.0.1:%1").arg(m_agentPort),
                             QStringLiteral("--api-listen"),
                             QStringLiteral("127.0.0.1:%1").arg(m_apiPort)});
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start();
    if (!m_process->waitForStarted()) {
        return failure(QStringLiteral("steward-server run did not start: ") + m_process->errorString());
    }
    return waitUntilListening(*m_process, m_agentPort, m_apiPort);
}

Status SiteServer::stop()
{
    if (!isRunning()) {
        return Ok{};
    }
    m_process->terminate();
    if (!m_process->waitForFinished(10000)) {
        return makeError(QStringLiteral("site.stop"), QStringLiteral("steward-server did not exit within 10 s"));
    }
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0) {
        return makeError(QStringLiteral("site.stop"),
                         QStringLiteral("steward-server %1 with code %2 on SIGTERM")
                             .arg(m_process->exitStatus() == QProcess::NormalExit ? QStringLiteral("exited")
                                                                                  : QStringLiteral("crashed"))
                             .arg(m_process->exitCode()));
    }
    return Ok{};
}

bool SiteServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

const StewardPrograms &SiteServer::programs() const
{
    return m_programs;
}

QString SiteServer::root() const
{
    return m_root;
}

QString SiteServer::path(const QString &name) const
{
    return m_root + QLatin1Char('/') + name;
}

QString SiteServer::serverData() const
{
    return path(QStringLiteral("server"));
}

QString SiteServer::passwordFile() const
{
    return path(QStringLiteral("admin-password"));
}

QString SiteServer::caFile() const
{
    return serverData() + QStringLiteral("/ca.pem");
}

QString SiteServer::databaseUrl() const
{
    return m_databaseUrl;
}

quint16 SiteServer::agentPort() const
{
    return m_agentPort;
}

quint16 SiteServer::apiPort() const
{
    return m_apiPort;
}

QStringList SiteServer::initArguments() const
{
    QStringList init{QStringLiteral("init"),
                     QStringLiteral("--data-dir"),
                     serverData(),
                     QStringLiteral("--admin-password-file"),
                     passwordFile()};
    if (!m_databaseUrl.isEmpty()) {
        init << QStringLiteral("--database") << m_databaseUrl;
    }
    return init;
}

Run SiteServer::ctlBare(const QStringList &arguments, const QProcessEnvironment &environment) const
{
    const QStringList all = {QStringLiteral("--server"),
                             QStringLiteral("https://localhost:%1").arg(m_apiPort),
                             QStringLiteral("--ca"),
                             caFile()};
    return run(m_programs.ctl, all + arguments, 60000, environment);
}

Run SiteServer::ctlAs(const QString &user, const QString &passwordFile, const QStringList &arguments) const
{
    return ctlBare(QStringList{QStringLiteral("--user"), user, QStringLiteral("--password-file"), passwordFile}
                   + arguments);
}

Run SiteServer::ctl(const QStringList &arguments) const
{
    return ctlAs(QStringLiteral("admin"), passwordFile(), arguments);
}

QJsonObject SiteServer::createToken(int uses) const
{
    const Run created = ctl({QStringLiteral("token"),
                             QStringLiteral("create"),
                             QStringLiteral("--uses"),
                             QString::number(uses),
                             QStringLiteral("--json")});
    if (created.exitCode != 0) {
        qWarning() << created.err;
        return {};
    }
    return QJsonDocument::fromJson(created.out).object();
}

Run SiteServer::enrolAgent(const QString &dataDir, const QStringList &credentials) const
{
    return run(m_programs.agent,
               QStringList{QStringLiteral("enroll"),
                           QStringLiteral("--data-dir"),
                           dataDir,
                           QStringLiteral("--server"),
                           QStringLiteral("127.0.0.1:%1").arg(m_agentPort)}
                   + credentials);
}

Result<QString> SiteServer::enrolNewAgent(const QString &dataDir) const
{
    const QJsonObject token = createToken(1);
    const QString secret = token.value(QLatin1String("token")).toString();
    if (secret.isEmpty()) {
        return makeError(QStringLiteral("site.enrol"), QStringLiteral("stewardctl token create failed (see above)"));
    }
    const Run enrolled = enrolAgent(dataDir,
                                    {QStringLiteral("--token"),
                                     secret,
                                     QStringLiteral("--ca-fingerprint"),
                                     token.value(QLatin1String("caFingerprint")).toString()});
    // "Enrolled as device ID with HOST:PORT"
    static const QRegularExpression enrolledAs(QStringLiteral("^Enrolled as device (\\S+) "));
    const QRegularExpressionMatch match = enrolledAs.match(QString::fromUtf8(enrolled.out));
    if (enrolled.exitCode != 0 || !match.hasMatch()) {
        return makeError(QStringLiteral("site.enrol"),
                         QStringLiteral("steward-agent enroll exited with %1: %2%3")
                             .arg(enrolled.exitCode)
                             .arg(QString::fromUtf8(enrolled.out), QString::fromUtf8(enrolled.err)));
    }
    return match.captured(1);
}

Run SiteServer::runAgentOnce(const QString &dataDir) const
{
    return run(m_programs.agent,
               {QStringLiteral("run"), QStringLiteral("--data-dir"), dataDir, QStringLiteral("--once")});
}

} // namespace steward::test
