<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="st">
<context>
    <name>ComplianceSheet</name>
    <message>
        <source>Not evaluated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not seen since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compliant since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance sheet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged-in users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antivirus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, of which %2 security updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it is not compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>…and %n more reasons: see the console.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Printed %1 by %2 from %3. Compliance evaluated %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceText</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 12 characters, 5 of them different, and not containing the user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ: type the same one twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Steward console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::AntivirusModel</name>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never or unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::ApiTokenSecretDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy the token now: it will not be shown again.&lt;/b&gt; The server keeps only a hash of it. Keep it in a file only the script&apos;s account can read, and revoke it here when it is no longer needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::ApiTokenTableModel</name>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scripts may use this token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token is past its expiry and is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token ID %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::AuditTableModel</name>
    <message>
        <source>Logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed own password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API tokens listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device certificate renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment token created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User&apos;s password reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::AuditView</name>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have the server check every entry&apos;s hash and its link to the one before: any entry changed or removed since it was written shows as a break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Add the next %n older entries that match the filters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An action from the list, or its code; a code ending in * matches every action it begins (device.*).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the entries shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“From” is later than “To”: no entry can match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading older audit entries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the audit log’s hash chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not verify the chain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Chain intact: %n entries checked.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older entries were written before the chain and cannot be checked.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Head hash: %1. Note it down to check later that nothing was rewritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain broken at entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Entries up to the break were checked: %n.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 loaded entries shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No audit entries match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entry shown contains “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::CollectorErrorModel</name>
    <message>
        <source>Collector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::ComplianceReasonModel</name>
    <message>
        <source>No antivirus product was found on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The antivirus is installed but its real-time protection is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The antivirus definitions are out of date; the device must download new ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The age of the antivirus definitions could not be determined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security updates have been waiting too long; install them and restart if asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has not contacted the server recently; it may be switched off or offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has never reported to the server since it was enrolled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has not reported its antivirus status yet; this says nothing about whether it has one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has not reported its updates yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has no package manager Steward can read, so its missing updates are unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No antivirus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antivirus status not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the Steward agent runs on the device and can reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time protection is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn real-time protection back on in the antivirus (for ClamAV: on-access scanning with clamonacc, and clamd running).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antivirus definitions out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the antivirus update its definitions: check that it can reach its update server (for ClamAV, that freshclam runs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antivirus definitions of unknown age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the antivirus service runs and has downloaded its definitions at least once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security updates pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the pending updates (Updates tab), then restart the device if it asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the Steward agent runs on the device; the Errors tab says why a collector failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates cannot be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this device up to date by hand, or ask the Steward administrators whether its package manager can be supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make sure the device is switched on and connected to the network, and that the Steward agent runs on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the Steward agent was started after enrolment and can reach the server&apos;s agent port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the antivirus your organisation requires; it shows here after the device&apos;s next report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not seen recently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart pending too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed updates need a restart, and it has waited longer than the policy allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the device, or schedule a patch job that restarts it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required software missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Software the policy requires is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the software named in the tooltip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forbidden software installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Software the policy forbids is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the software named in the tooltip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Software not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has not reported its installed software, which the policy checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low on disk space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disk has less free space than the policy requires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free some space on the disk named in the tooltip, or enlarge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 = %2 (built in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 = %2, set by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::ConsoleApp</name>
    <message>
        <source>Steward console: devices, compliance and patch status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server admin URL to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site CA certificate (ca.pem).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentDeviceModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n installed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by the device: its certificate from the site CA vouches for this result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: the server sent no certificate of the device to check the receipt with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INVALID: the receipt is not signed by this device&apos;s certificate, or it says something else than the server shows. Do not trust this result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt: the device has not signed a result for this deployment (yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentDialog</name>
    <message>
        <source>New deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deployment is signed here with your operator key: the server only receives it signed and cannot change it, and each device checks the signature before it installs anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign and deploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Security updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hosen packages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead&amp;line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The devices to deploy to. The deployment is signed for exactly these devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Devices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices start it at this time at the earliest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices install the updates by this time, even outside their maintenance window; with no deadline, they wait for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device that has not run it by then never will: it expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many devices may run it at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At &amp;most at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase of the key file; leave it empty for a key file without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates pending on the devices checked above; each is installed in the newest version the device&apos;s package sources offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other packages: NAME or NAME=VERSION, separated by spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package names (Debian, rpm or NEVRA), dnf advisories or Windows updates (KB or UpdateID), each with a version to install if needed: openssl libssl3=3.0.13-1~deb12u1 RHSA-2024:1234 KB5034441</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file stewardctl signing add-operator wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key files (*.key *.pem);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the devices: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (security update, on %n devices)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (on %n devices)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the pending updates of %n devices…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Check devices above to see the updates pending on them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No updates are pending on the devices checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Only the pending updates of the first %n devices are listed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices checked</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(listing every device…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one device to deploy to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One deployment takes at most %1 devices; %2 are checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a package version: letters, digits and _ + . : ~ ^ -, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a package name, advisory or update: letters, digits and _ + . : ~ ^ -, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is chosen twice: choose it once, with or without a version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one package, or install security or all updates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restarting at the deadline needs a deadline: set one, or choose another restart policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expiry is already past: choose a later one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline is already past: choose a later one, or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deployment would expire before its deadline: choose a later expiry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deployment would expire before it may start: choose a later expiry or an earlier start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline is before the deployment may start: choose a later deadline or an earlier start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your operator key file: the deployment is signed with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This site has no operator list yet: create it with stewardctl signing add-operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your operator key is not in the site&apos;s operator list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your operator key has expired: the root key&apos;s holder must renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your operator key may not sign update deployments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site&apos;s operator list has expired: the root key&apos;s holder must renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device checked is revoked or no longer exists: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file is encrypted: enter its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong passphrase for the key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the key file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an operator key file made by stewardctl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign the deployment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also restart ser&amp;vers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;use when more than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time, or for example: Sat 22:00-04:00; 2nd Tue 22:00-02:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices start the deployment only inside one of these windows, in each device&apos;s own local time; the deadline overrides them. Separate windows with “;”: Sat 22:00-04:00; Mon-Fri 20:00-06:00; Sun,Wed 01:00+3h; 2nd Tue 22:00-02:00. Empty: at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance &amp;windows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers are restarted only when this is checked; workstations follow the restart policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pilot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the devices checked, the first in the list&apos;s order, receive the deployment first; the others wait until enough of them succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ilot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of the pilot succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other devices receive the deployment once this share of the pilot succeeded. A device the updates do not apply to counts neither way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rest &amp;follows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deployment pauses itself when more than this share of the devices that finished failed, so that you can look before it reaches more devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of finished devices failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many devices the server releases the deployment to in any minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most per min&amp;ute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pilot device is not one of the devices checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A share must be from 0 to 100%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a maintenance window: write days and hours such as Sat 22:00-04:00, Mon-Fri 20:00-06:00, Sun,Wed 01:00+3h or 2nd Tue 22:00-02:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deployment takes at most %1 maintenance windows; %2 are given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of the %n devices checked, from the top of the list, before the others.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No device waits for a pilot.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentPage</name>
    <message>
        <source>&amp;Cancel deployment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← All deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list of deployments (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices that have not started it will not run it; one running it now is asked to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the deployment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the deployment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deployment has no devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not before %1; deadline: %2; expires %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1; at most %n devices at a time</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices: %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with the operator key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a device to see its updates, its output and its receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 → %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No updates listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Output: %n bytes in all</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentTableModel</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n packages</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Never restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart if an update requires it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart at the deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n finished</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with the operator key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentsView</name>
    <message>
        <source>&amp;New deployment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel deployment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search deployments: state, package, who…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading deployments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deployment of %1 created for %n devices.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>this deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the deployment of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n devices have not finished it. Those that have not started it will not run it; one running it now is asked to stop. What has been installed stays installed. Cancelling cannot be undone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel &amp;deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling the deployment of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not cancel the deployment of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment of %1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n deployments</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n deployments shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No deployments yet. Create one with New deployment…, or from the Devices view: select devices, then Deploy updates….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deployments yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deployment matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DevicePage</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antivirus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the device list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reported by this device yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This section could not be read (sent by an older or newer agent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device no longer exists on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the device list (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy device ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device ID %1 copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart required:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manufacturer and model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chassis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIOS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtualization:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package manager:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package lists refreshed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates last installed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No updates pending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No antivirus product was found on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No disks were reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filesystems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No filesystems on block devices were reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network interfaces were reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody was logged in when the device last reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, version or publisher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports dropped:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports stored:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports missing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every collector produced its section in the last report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show older entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked: the server refuses its certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never reported since it was enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, dated %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UEFI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy BIOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cores</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n logical processors</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sockets</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual machine (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Physical machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, in a container (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not evaluated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not compliant: %n reasons</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pending updates</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n security updates</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>APT (Debian, Ubuntu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNF (Fedora, Red Hat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None that Steward can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n packages</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n packages</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The device reported no installed software.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No package matches the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n reports, because the agent&apos;s spool was full</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>None: every report arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n reports never arrived</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading device %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the device: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the history of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load this device&apos;s history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing about this device is in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking %1 makes the server refuse its certificate: its agent can no longer report, and the device must be enrolled again to come back. What the server stores about it stays until it is deleted. Revoking cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not revoke %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting %1 removes it from the server with everything stored about it: inventory, updates, compliance and its certificates. The audit log keeps the record that it was deleted. Deleting cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fully qualified name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last boot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device meets every rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last report number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not seen recently: no contact for longer than the server allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this deployment with every device it targets in the Deployments view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the jobs of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load this device&apos;s jobs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deployment has targeted this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset tag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (the site)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not seen since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, failing since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a printable one-page compliance sheet (PDF) to hand over or attach to a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save compliance sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compliance-%1.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance sheet saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compliance sheet could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retired by %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retired by %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire %1 when it leaves service (sold, scrapped, handed back). The server refuses its certificate from now on and counts it no more; its inventory, jobs and history stay, marked retired. Retiring cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retiring %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not retire %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 retired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DeviceTableModel</name>
    <message>
        <source>Compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antivirus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not seen recently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged-in user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same serial number as %1: the same machine enrolled twice?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DevicesView</name>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search devices: name, IP or MAC address, serial, user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n devices</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n devices shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No devices are enrolled yet. Create an enrolment token (stewardctl enrollment-token create) and enrol an agent with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore default columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy device &amp;ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deploy updates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deploy updates to the %n selected devices.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deploy updates to the %n devices shown; select devices to deploy to only those.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n devices shown, in %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No device is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::DiskModel</name>
    <message>
        <source>Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solid state</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::FilesystemModel</name>
    <message>
        <source>Mount point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::FormDialog</name>
    <message>
        <source>A user with this name already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot disable yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such user (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such API token (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is too weak: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::LoggedInUserModel</name>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::LoginDialog</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to Steward server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://server:8731</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site CA certificate (ca.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must look like https://server:8731.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the site CA certificate (ca.pem).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA certificate file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::MainWindow</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steward console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended your session: it expired or was closed by an administrator. Log in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the &amp;navigation pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Steward console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session expired at %1. Log in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are logged out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — session until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Steward console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Steward console %1&lt;/h3&gt;&lt;p&gt;Endpoint and asset management for government IT: devices, compliance, patch and antivirus status.&lt;/p&gt;&lt;p&gt;Connected to %2 as %3.&lt;/p&gt;&lt;p&gt;Built with Qt %4. Licensed under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window and column layout restored to the defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not refresh from the server: %1. What is shown was loaded %2 (%3) and may be out of date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load from the server: %1. Nothing has been loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::NetworkInterfaceModel</name>
    <message>
        <source>Ethernet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loopback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point-to-point (PPP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>InfiniBand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Gbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (virtual)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::NewApiTokenDialog</name>
    <message>
        <source>New API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token lets a script use the server as you (%1) without your password, with the role chosen here and never more than your own. Give the script the least it needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it is for, e.g. nightly inventory export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Valid for (days):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter what the token is for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::NewUserDialog</name>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrators manage devices, people and the audit log; help-desk staff can look at devices only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the new user&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user name starts with a letter or a digit and holds only letters, digits and . _ @ -</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::OrgUnitTreeModel</name>
    <message>
        <source>Org unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every device of the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 devices compliant</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No devices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::PendingUpdateModel</name>
    <message>
        <source>Package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security update</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::ResetPasswordDialog</name>
    <message>
        <source>Reset password of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ends all of %1&apos;s login sessions at once; their API tokens keep working. Give them the new password in a way only they can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::SettingsView</name>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the default window and column layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every view reloads from the server at this interval while it is shown, and when you press F5. On a slow or metered link, a longer interval costs less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh views every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::SoftwareModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::UserTableModel</name>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot log in; their sessions and API tokens do not work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steward::app::UsersView</name>
    <message>
        <source>Only the selected user&apos;s tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enable user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;API token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke API token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the API tokens of the user selected above, or everyone&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find people by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading people and API tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can no longer log in. Their login sessions end at once and their API tokens stop working. Nothing is deleted: you can enable them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can log in again, and their API tokens that are neither revoked nor expired work again. Sessions ended by disabling stay ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabling %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabling %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not disable %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not enable %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is disabled: their sessions and API tokens stopped working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 reset; their sessions have ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token “%1” created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the API token “%1” of %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scripts that use it are refused from now on. This cannot be undone: they need a new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking the API token “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not revoke the API token “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token “%1” revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot disable yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable the selected user: their sessions and API tokens stop working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user&apos;s name contains “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no API tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API tokens. A script or stewardctl can use a personal API token instead of a password: create one with New API token…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
