// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchSupport.h"

#include <QEventLoop>
#include <QFile>
#include <QList>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace steward::bench
{

bool runUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    if (done()) {
        return true;
    }
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            loop.quit();
        }
    });
    deadline.start(timeout);
    poll.start(5ms);
    loop.exec();
    return done();
}

double cpuSeconds(qint64 pid)
{
    if (pid == 0) {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return 0;
    }
    // Fields 14 and 15 (utime, stime) follow the command name, which may itself hold spaces.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13) {
        return 0;
    }
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

double machineCpuSeconds()
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly)) {
        return 0;
    }
    // cpu user nice system idle iowait irq softirq steal …: all but idle and iowait are work.
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    if (fields.size() < 9) {
        return 0;
    }
    qint64 busy = 0;
    for (int i : {1, 2, 3, 6, 7, 8}) {
        busy += fields.at(i).toLongLong();
    }
    return double(busy) / double(sysconf(_SC_CLK_TCK));
}

} // namespace steward::bench
