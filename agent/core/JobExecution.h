// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace steward
{
class Clock;
}

namespace steward::agent
{
class JobQueue;
struct StoredJob;
namespace jobs
{
class Patcher;
class Rebooter;
}

// What `steward-agent job-exec` does with one spooled job (docs/jobs.md): plan it (read only),
// record `running` with the plan, run it, and record the end with per-item results, the exit
// code, bounded and redacted output and a receipt signed by the device key. With `verify` (the
// job was found `running` after a crash or reboot) it only checks the recorded plan against what
// is installed: `succeeded` when every item is at its target, else `failed` with `interrupted`.
//
// When a run or a verification succeeds and the machine needs a restart, RebootPolicy decides from
// the job's options (`reboot`, `windows`, `allowServers`), whether this is a server and whether the
// job restarted the machine already (docs/patching.md, "Reboots"). A restart is counted, the job
// left `waiting` with reason `reboot-pending` and the restart scheduled; after it JobRunner has the
// job verified. Outside the job's maintenance windows (if-required) it is left `waiting` with
// `reboot-window`, verified again when one opens. Otherwise the job ends, saying a restart is due.
struct JobExecution {
    JobQueue &queue;
    jobs::Patcher &patcher;
    const Clock &clock;
    QString deviceId;
    QByteArray deviceKeyPem; // signs the receipt
    // What restarts the machine; null: this execution never restarts it.
    jobs::Rebooter *rebooter = nullptr;
    // A server is restarted only by a job whose options allow servers.
    bool isServer = false;
    // Called once `running` is spooled, while the job goes on: the agent sends that event now
    // rather than when the job ends. Null: nobody is told.
    std::function<void()> runningSpooled;

    // Returns 0 once a final state (or a wait for a restart) is recorded, 1 when even that failed.
    int run(const StoredJob &job, bool verify) const;
};

} // namespace steward::agent
