// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collection.h"

#include <QProcess>
#include <QTimer>

#include <chrono>

namespace steward
{
class Clock;
}

namespace steward::agent
{

class Spool;

// Runs each collection as `steward-agent collect --spool` in a child process. The collectors'
// memory and the libraries they load end with the child, so the daemon stays small between scans;
// a collector that crashes takes only the child down, one that hangs is killed after `timeout`.
// The child runs 10 nicer than the agent and is killed if the agent dies first.
class ChildCollection : public Collection
{
    Q_OBJECT
public:
    struct Options {
        QString program; // steward-agent itself
        QStringList arguments; // given to every collection: --data-dir, --config
        std::chrono::milliseconds timeout = std::chrono::minutes(20);
    };

    // `clock` dates the report that stands in for a failed collection.
    ChildCollection(Spool &spool, const Clock &clock, Options options, QObject *parent = nullptr);
    ~ChildCollection() override;

    void start(const QStringList &sections, bool full) override;

    // The command line of one collection, after Options::arguments.
    static QStringList collectArguments(const QStringList &sections, bool full);

private:
    void onExited(int exitCode, QProcess::ExitStatus status);
    // The child spooled nothing: its sections are reported failed, with `message` as the reason.
    void fail(const QString &message);

    Spool &m_spool;
    const Clock &m_clock;
    Options m_options;
    QProcess m_process;
    QTimer m_deadline;
    QStringList m_sections;
    bool m_full = false;
};

} // namespace steward::agent
