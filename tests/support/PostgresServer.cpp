// SPDX-License-Identifier: GPL-3.0-or-later
#include "PostgresServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QVersionNumber>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <grp.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace steward::test
{

namespace
{

const QString s_superuser = QStringLiteral("steward");
// sun_path holds 108 bytes including the terminating NUL.
constexpr int s_maxSocketPath = 107;

Error failure(const QString &step, const QString &message)
{
    return makeError(QStringLiteral("postgres.") + step,
                     QStringLiteral("PostgreSQL test server, %1: %2").arg(step, message));
}

QString lastLines(const QString &text, int count)
{
    QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    if (lines.size() > count) {
        lines = lines.mid(lines.size() - count);
    }
    return lines.join(QLatin1Char('\n'));
}

bool hasServerBinaries(const QString &directory)
{
    return !directory.isEmpty() && QFileInfo(directory + QStringLiteral("/initdb")).isExecutable()
        && QFileInfo(directory + QStringLiteral("/pg_ctl")).isExecutable();
}

// pg_config --bindir first (it names the installation the headers belong to), then the newest
// Debian versioned directory, then whatever initdb is on PATH.
Result<QString> findBinDirectory()
{
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    if (!pgConfig.isEmpty()) {
        QProcess process;
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(pgConfig, {QStringLiteral("--bindir")});
        if (process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0) {
            const QString directory = QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
            if (hasServerBinaries(directory)) {
                return directory;
            }
        }
    }

    QVersionNumber newest;
    QString newestDirectory;
    const QDir versions(QStringLiteral("/usr/lib/postgresql"));
    for (const QString &version : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString directory = versions.filePath(version) + QStringLiteral("/bin");
        const QVersionNumber number = QVersionNumber::fromString(version);
        if (hasServerBinaries(directory) && (newestDirectory.isEmpty() || number > newest)) {
            newest = number;
            newestDirectory = directory;
        }
    }
    if (!newestDirectory.isEmpty()) {
        return newestDirectory;
    }

    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!initdb.isEmpty() && hasServerBinaries(QFileInfo(initdb).absolutePath())) {
        return QFileInfo(initdb).absolutePath();
    }
    return failure(
        QStringLiteral("find-binaries"),
        QStringLiteral(
            "initdb and pg_ctl not found (looked at pg_config --bindir, /usr/lib/postgresql/*/bin and PATH); "
            "install the Debian package postgresql (apt-get install postgresql)"));
}

// nobody must be able to reach the socket and data directories through every parent.
bool traversableByOthers(const QString &directory)
{
    QString path = QFileInfo(directory).absoluteFilePath();
    while (true) {
        struct stat info;
        if (::stat(QFile::encodeName(path).constData(), &info) != 0 || (info.st_mode & S_IXOTH) == 0) {
            return false;
        }
        if (path == QLatin1String("/")) {
            return true;
        }
        path = QFileInfo(path).absolutePath();
    }
}

QString locateTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty()) {
        // root's PATH in a minimal container may lack the sbin directories.
        path = QStandardPaths::findExecutable(
            name,
            {QStringLiteral("/usr/bin"), QStringLiteral("/bin"), QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    }
    return path;
}

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

bool localeAvailable(const char *name)
{
    const locale_t locale = ::newlocale(LC_ALL_MASK, name, locale_t(nullptr));
    if (locale == locale_t(nullptr)) {
        return false;
    }
    ::freelocale(locale);
    return true;
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stopImmediately();
}

QString PostgresServer::socketDirectory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString PostgresServer::superuser() const
{
    return s_superuser;
}

bool PostgresServer::isRunning() const
{
    return m_running;
}

QString PostgresServer::dataDirectory() const
{
    return m_dir->path() + QStringLiteral("/data");
}

QString PostgresServer::logFile() const
{
    return m_dir->path() + QStringLiteral("/postgres.log");
}

QString PostgresServer::logTail() const
{
    QFile log(logFile());
    if (!log.open(QIODevice::ReadOnly)) {
        return QStringLiteral("(no server log)");
    }
    return lastLines(QString::fromLocal8Bit(log.readAll()), 20);
}

Result<QByteArray> PostgresServer::run(const QString &step,
                                       const QString &program,
                                       const QStringList &arguments,
                                       int timeoutMs) const
{
    QStringList command = m_runAs;
    command << program << arguments;

    // Nothing from the caller's libpq environment (PGDATA, PGPORT, PGHOST …) may redirect the
    // throwaway server; LC_ALL=C keeps messages in English for the error text. The locale of
    // the databases is set explicitly by initdb.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &key : environment.keys()) {
        if (key.startsWith(QLatin1String("PG")) || key.startsWith(QLatin1String("LC_"))
            || key == QLatin1String("LANG")) {
            environment.remove(key);
        }
    }
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    environment.insert(QStringLiteral("HOME"), m_dir->path());

    QProcess process;
    process.setProgram(command.takeFirst());
    process.setArguments(command);
    // The unprivileged user may not be able to enter the caller's working directory.
    process.setWorkingDirectory(m_dir->path());
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(10000)) {
        return failure(step, QStringLiteral("could not run %1: %2").arg(process.program(), process.errorString()));
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return failure(step,
                       QStringLiteral("%1 did not finish within %2 s:\n%3")
                           .arg(QFileInfo(program).fileName())
                           .arg(timeoutMs / 1000)
                           .arg(lastLines(QString::fromLocal8Bit(process.readAll()), 20)));
    }
    const QByteArray output = process.readAll();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return failure(step,
                       QStringLiteral("%1 failed (exit code %2):\n%3")
                           .arg(QFileInfo(program).fileName())
                           .arg(process.exitCode())
                           .arg(lastLines(QString::fromLocal8Bit(output), 20)));
    }
    return output;
}

Status PostgresServer::prepare()
{
    Result<QString> binDirectory = findBinDirectory();
    if (!binDirectory) {
        return binDirectory.error();
    }
    m_binDirectory = binDirectory.value();

    // The URL carries no port, so its users connect to libpq's default: PGPORT if set, else
    // 5432. The socket lives in a private directory, so that port never collides.
    bool portOk = false;
    const int environmentPort = qEnvironmentVariableIntValue("PGPORT", &portOk);
    m_port = portOk && environmentPort > 0 && environmentPort < 65536 ? environmentPort : 5432;

    const bool root = ::geteuid() == 0;
    uid_t uid = 0;
    gid_t gid = 0;
    if (root) {
        const struct passwd *nobody = ::getpwnam("nobody");
        if (!nobody) {
            return failure(QStringLiteral("drop-privileges"),
                           QStringLiteral("running as root, but there is no user \"nobody\" to run PostgreSQL as"));
        }
        uid = nobody->pw_uid;
        const struct group *nogroup = ::getgrnam("nogroup");
        gid = nogroup ? nogroup->gr_gid : nobody->pw_gid;

        if (const QString setpriv = locateTool(QStringLiteral("setpriv")); !setpriv.isEmpty()) {
            m_runAs = {setpriv,
                       QStringLiteral("--reuid=%1").arg(uid),
                       QStringLiteral("--regid=%1").arg(gid),
                       QStringLiteral("--clear-groups"),
                       QStringLiteral("--")};
        } else if (const QString runuser = locateTool(QStringLiteral("runuser")); !runuser.isEmpty()) {
            m_runAs = {runuser,
                       QStringLiteral("-u"),
                       QStringLiteral("nobody"),
                       QStringLiteral("-g"),
                       QString::fromLocal8Bit(nogroup ? nogroup->gr_name : "nobody"),
                       QStringLiteral("--")};
        } else {
            return failure(
                QStringLiteral("drop-privileges"),
                QStringLiteral("running as root, and neither setpriv nor runuser was found to run PostgreSQL as nobody "
                               "(install the Debian package util-linux)"));
        }
    }

    // A short base keeps SOCKET_DIR/.s.PGSQL.PORT within the Unix socket path limit, and as
    // root every parent must let nobody through; /tmp satisfies both.
    QString base = QDir::tempPath();
    const qsizetype socketPathLength =
        QFile::encodeName(base).size() + qsizetype(sizeof("/steward-pg-XXXXXX/.s.PGSQL.65535")) - 1;
    if (socketPathLength > s_maxSocketPath || (root && !traversableByOthers(base))) {
        base = QStringLiteral("/tmp");
    }
    auto directory = std::make_unique<QTemporaryDir>(base + QStringLiteral("/steward-pg-XXXXXX"));
    if (!directory->isValid()) {
        return failure(QStringLiteral("temporary-directory"),
                       QStringLiteral("cannot create one under %1: %2").arg(base, directory->errorString()));
    }
    if (root) {
        // The directory is still empty: everything inside it is created by nobody.
        if (::chown(QFile::encodeName(directory->path()).constData(), uid, gid) != 0) {
            return failure(QStringLiteral("temporary-directory"),
                           QStringLiteral("cannot hand %1 to nobody: %2")
                               .arg(directory->path(), QString::fromLocal8Bit(::strerror(errno))));
        }
    }
    m_dir = std::move(directory);

    // C.UTF-8 (built into glibc ≥ 2.35, shipped by Debian before) gives UTF-8 character classes
    // without depending on generated locales; plain C is the fallback where it is missing.
    const QString locale =
        localeAvailable("C.UTF-8") ? QStringLiteral("--locale=C.UTF-8") : QStringLiteral("--no-locale");
    Result<QByteArray> initdb = run(QStringLiteral("initdb"),
                                    m_binDirectory + QStringLiteral("/initdb"),
                                    {QStringLiteral("-D"),
                                     dataDirectory(),
                                     QStringLiteral("-U"),
                                     s_superuser,
                                     QStringLiteral("--auth=trust"),
                                     QStringLiteral("--encoding=UTF8"),
                                     locale,
                                     // Test data is thrown away: skip initdb's final fsync of every file.
                                     QStringLiteral("--no-sync")},
                                    120000);
    if (!initdb) {
        m_dir.reset();
        return initdb.error();
    }
    m_prepared = true;
    return Ok{};
}

Status PostgresServer::start()
{
    if (m_running) {
        return Ok{};
    }
    if (!m_prepared) {
        if (Status prepared = prepare(); !prepared) {
            return prepared;
        }
    }

    // fsync and full-page writes are off only to make tests fast: a crash loses the data, and
    // test data is thrown away anyway. No TCP: the server listens on its socket directory only.
    const QString options =
        QStringLiteral("-p %1 -k %2 -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=200")
            .arg(m_port)
            .arg(shellQuote(socketDirectory()));
    Result<QByteArray> started = run(QStringLiteral("start"),
                                     m_binDirectory + QStringLiteral("/pg_ctl"),
                                     {QStringLiteral("start"),
                                      QStringLiteral("-w"),
                                      QStringLiteral("-t"),
                                      QStringLiteral("60"),
                                      QStringLiteral("-D"),
                                      dataDirectory(),
                                      QStringLiteral("-l"),
                                      logFile(),
                                      QStringLiteral("-o"),
                                      options},
                                     90000);
    if (!started) {
        return makeError(started.error().code,
                         started.error().message + QStringLiteral("\nserver log (tail):\n") + logTail());
    }
    m_running = true;
    return Ok{};
}

Status PostgresServer::stop()
{
    if (!m_running) {
        return Ok{};
    }
    Result<QByteArray> stopped = run(QStringLiteral("stop"),
                                     m_binDirectory + QStringLiteral("/pg_ctl"),
                                     {QStringLiteral("stop"),
                                      QStringLiteral("-w"),
                                      QStringLiteral("-t"),
                                      QStringLiteral("60"),
                                      QStringLiteral("-m"),
                                      QStringLiteral("fast"),
                                      QStringLiteral("-D"),
                                      dataDirectory()},
                                     90000);
    if (!stopped) {
        return makeError(stopped.error().code,
                         stopped.error().message + QStringLiteral("\nserver log (tail):\n") + logTail());
    }
    m_running = false;
    return Ok{};
}

// Runs from destructors, possibly during static destruction after QCoreApplication is gone, so
// it signals the postmaster directly instead of starting pg_ctl through QProcess. SIGQUIT is
// PostgreSQL's immediate shutdown.
void PostgresServer::stopImmediately()
{
    if (!m_dir) {
        return;
    }
    // Also after a failed or timed-out start: a postmaster may be up even though pg_ctl gave up.
    const QString pidFile = dataDirectory() + QStringLiteral("/postmaster.pid");
    QFile file(pidFile);
    if (file.open(QIODevice::ReadOnly)) {
        const pid_t pid = file.readLine().trimmed().toInt();
        file.close();
        // A stale pid file (postmaster killed) may name a reused pid: only signal a postgres.
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (pid > 0 && comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("postgres")
            && ::kill(pid, SIGQUIT) == 0) {
            // The postmaster removes its pid file on the way out; a zombie (nobody reaping it)
            // still answers kill(0), hence both checks. Bounded: at most 10 s.
            for (int i = 0; i < 500 && QFile::exists(pidFile) && ::kill(pid, 0) == 0; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
    }
    m_running = false;
    m_dir.reset();
}

Result<QString> PostgresServer::createDatabase(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9_]{1,63}$"));
    if (!valid.match(name).hasMatch()) {
        return failure(QStringLiteral("create-database"),
                       QStringLiteral("\"%1\" is not a database name of the form [a-z0-9_]+ (at most 63)").arg(name));
    }
    if (!m_running) {
        return failure(QStringLiteral("create-database"), QStringLiteral("the server is not running"));
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return failure(QStringLiteral("create-database"),
                       QStringLiteral("Qt's QPSQL driver is missing (install the Debian package libqt6sql6-psql)"));
    }

    static int s_connections = 0;
    const QString connectionName = QStringLiteral("steward-test-postgres-admin-%1").arg(++s_connections);
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(socketDirectory());
        db.setPort(m_port);
        db.setUserName(superuser());
        db.setDatabaseName(QStringLiteral("postgres"));
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        if (!db.open()) {
            problem = QStringLiteral("cannot connect: %1").arg(db.lastError().text());
        } else {
            // The name is checked above, so quoting it is enough; CREATE DATABASE cannot take parameters.
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name))) {
                problem = QStringLiteral("CREATE DATABASE %1 failed: %2").arg(name, query.lastError().text());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    if (!problem.isEmpty()) {
        return failure(QStringLiteral("create-database"), problem);
    }
    return QStringLiteral("postgresql://%1@/%2?host=%3")
        .arg(superuser(), name, QString::fromLatin1(QUrl::toPercentEncoding(socketDirectory(), "/")));
}

PostgresServer *PostgresServer::shared(QString *error)
{
    static std::unique_ptr<PostgresServer> s_server;
    static QString s_failure;
    if (!s_server && s_failure.isEmpty()) {
        auto server = std::make_unique<PostgresServer>();
        if (Status started = server->start(); started) {
            s_server = std::move(server);
        } else {
            // Not retried: every later test gets the same answer quickly.
            s_failure = started.error().message;
        }
    } else if (s_server && !s_server->isRunning()) {
        if (Status started = s_server->start(); !started) {
            if (error) {
                *error = started.error().message;
            }
            return nullptr;
        }
    }
    if (!s_server && error) {
        *error = s_failure;
    }
    return s_server.get();
}

} // namespace steward::test
