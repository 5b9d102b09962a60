<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lo">
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
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d ago</source>
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
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
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
        <source>unknown</source>
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
    <name>steward::app::DeviceDetailWidget</name>
    <message>
        <source>← All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware:</source>
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
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending updates</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Antivirus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions age</source>
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
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (kernel %2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n core(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not evaluated yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not compliant, for %n reason(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluated %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has not reported its updates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) pending</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n security update(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The device has not reported its antivirus status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No antivirus product was found.</source>
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
</context>
<context>
    <name>steward::app::DeviceTableModel</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Filter devices (hostname, OS, antivirus…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All devices</source>
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
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended the session; please log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load devices: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s), updated %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Loading device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the device: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
