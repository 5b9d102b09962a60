// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>

namespace steward::agent::jobs
{

// What the reboot decision is made from, once a job has run.
struct RebootInputs {
    QString policy; // the job's option: "never", "if-required" or "at-deadline"
    bool rebootRequired = false; // what the patcher found
    // A server is never restarted automatically unless the deployment says so (allowServers).
    bool isServer = false;
    bool allowServers = false;
    // Computed by the caller from the device's maintenance window; true when none is configured.
    bool maintenanceWindowOpen = false;
    qint64 deadline = 0; // the job's deadline, UTC epoch seconds; 0: none
    qint64 now = 0; // UTC epoch seconds
    bool alreadyRebooted = false; // this job restarted the machine once already
    // The warning users get when the machine must restart outside a window and the deadline
    // has passed already (a machine that was off at the deadline).
    std::chrono::minutes grace = std::chrono::minutes(10);
};

struct RebootDecision {
    enum class Action {
        None,
        RebootNow,
        RebootAt, // at `at`, with a countdown message to logged-in users
        WaitForWindow, // decide again when the maintenance window opens
    };
    Action action = Action::None;
    qint64 at = 0; // RebootNow: now; RebootAt: when; else 0
    // Why, as a code for the job's event: "policy-never", "not-required", "already-rebooted",
    // "server", "window", "window-closed", "deadline", "deadline-passed".
    QString reason;
    QString message; // for logged-in users (RebootNow, RebootAt); empty otherwise

    // How long from `now` to wait: what Rebooter::reboot() is given.
    std::chrono::seconds delay(qint64 now) const;
};

// The reboot decision table of docs/patching.md, "Reboots". At most one automatic restart per
// job: a job that restarted the machine once is never the cause of a second restart.
class RebootPolicy
{
public:
    static RebootDecision decide(const RebootInputs &inputs);
    // What users are told; the time is the machine's local time, with its zone.
    static QString messageFor(RebootDecision::Action action, qint64 at);
};

} // namespace steward::agent::jobs
