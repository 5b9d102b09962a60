// SPDX-License-Identifier: GPL-3.0-or-later
// Stands in for `steward-agent job-exec` in TestJobRunner: `--dir DIR job-exec --id ID [--verify]`.
// It notes each start in DIR/invocations.log and its pid in DIR/ID.pid, then does what the test
// wrote into DIR/ID.run (or DIR/ID.verify with --verify) to the job in the spool DIR/spool.db:
//   sleep                  hang until killed
//   running                record `running`, say so on stdout as job-exec does, then hang
//   running-exit:N         record `running`, then exit with N without a result
//   exit:N                 exit with N, recording nothing
//   record:STATE           record STATE and exit 0, as a job-exec that finished
//   reboot-pending:EPOCH   count a restart due at EPOCH and leave the job waiting for it
//   reboot-window          leave the job waiting for a maintenance window to restart in
#include "JobQueue.h"
#include "JobRunner.h"
#include "Spool.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>

#include <cstdio>

#include <unistd.h>

using namespace steward;
using namespace steward::agent;

namespace
{
bool append(const QString &path, const QByteArray &line)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(line + '\n') == line.size() + 1;
}

int record(const QDir &dir, const QString &id, const QString &state, const QString &reason, const QDateTime &rebootAt)
{
    Spool spool;
    if (!spool.open(dir.filePath(QStringLiteral("spool.db")))) {
        return 90;
    }
    JobQueue queue(spool, QString(), QString(), {});
    if (!queue.open()) {
        return 91;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (state == QLatin1String("waiting")) {
        // As job-exec does: `running` (with its plan) before it changes anything.
        protocol::JobEvent running;
        running.state = QStringLiteral("running");
        if (!queue.transition(id, running, now)) {
            return 92;
        }
    }
    if (rebootAt.isValid() && !queue.countReboot(id, rebootAt)) {
        return 93;
    }
    protocol::JobEvent event;
    event.state = state;
    event.reason = reason;
    return queue.transition(id, event, now) ? 0 : 94;
}
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const qsizetype dirAt = arguments.indexOf(QStringLiteral("--dir"));
    const qsizetype idAt = arguments.indexOf(QStringLiteral("--id"));
    if (dirAt < 0 || idAt < 0 || dirAt + 1 >= arguments.size() || idAt + 1 >= arguments.size()
        || !arguments.contains(QStringLiteral("job-exec"))) {
        return 64;
    }
    const QDir dir(arguments.at(dirAt + 1));
    const QString id = arguments.at(idAt + 1);
    const bool verify = arguments.contains(QStringLiteral("--verify"));
    if (!append(dir.filePath(QStringLiteral("invocations.log")),
                (verify ? id + QStringLiteral(" --verify") : id).toUtf8())
        || !append(dir.filePath(id + QStringLiteral(".pid")), QByteArray::number(qint64(::getpid())))) {
        return 65;
    }

    QFile modeFile(dir.filePath(id + (verify ? QStringLiteral(".verify") : QStringLiteral(".run"))));
    const QString mode = modeFile.open(QIODevice::ReadOnly) ? QString::fromUtf8(modeFile.readAll()).trimmed()
                                                            : QStringLiteral("record:succeeded");
    const QString argument = mode.section(u':', 1);
    if (mode == QLatin1String("sleep")) {
        for (;;) {
            ::pause();
        }
    }
    if (mode == QLatin1String("running") || mode.startsWith(QLatin1String("running-exit:"))) {
        Spool spool;
        if (!spool.open(dir.filePath(QStringLiteral("spool.db")))) {
            return 90;
        }
        JobQueue queue(spool, QString(), QString(), {});
        protocol::JobEvent running;
        running.state = QStringLiteral("running");
        if (!queue.open() || !queue.transition(id, running, QDateTime::currentDateTimeUtc())) {
            return 92;
        }
        std::fputs(JobRunner::kEventSpooledLine, stdout);
        std::fflush(stdout);
        if (mode != QLatin1String("running")) {
            return argument.toInt();
        }
        for (;;) {
            ::pause();
        }
    }
    if (mode.startsWith(QLatin1String("exit:"))) {
        return argument.toInt();
    }
    if (mode.startsWith(QLatin1String("record:"))) {
        return record(dir, id, argument, QString(), QDateTime());
    }
    if (mode.startsWith(QLatin1String("reboot-pending:"))) {
        return record(dir,
                      id,
                      QStringLiteral("waiting"),
                      QStringLiteral("reboot-pending"),
                      QDateTime::fromSecsSinceEpoch(argument.toLongLong(), Qt::UTC));
    }
    if (mode == QLatin1String("reboot-window")) {
        return record(dir, id, QStringLiteral("waiting"), QStringLiteral("reboot-window"), QDateTime());
    }
    return 66;
}
