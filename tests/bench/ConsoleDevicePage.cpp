// SPDX-License-Identifier: GPL-3.0-or-later
// How long the console's device page takes to open a device with many installed packages: the
// answer of GET /api/v1/devices/{id} as bytes, decoded (QJsonDocument, DeviceDetail::fromJson),
// shown (DevicePage::setDevice), the Software tab brought up and painted, and one search typed.
// Offscreen, no server: it measures the console alone. Prints the median of the runs after a
// first, cold one (fonts, styles and translations load then), which it prints apart.
//
// Usage: QT_QPA_PLATFORM=offscreen steward-bench-console-device-page [PACKAGES [RUNS]]
//        (defaults: 10000 packages, 7 runs)
#include "ApiClient.h"
#include "Clock.h"
#include "DeviceDetail.h"
#include "DevicePage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTabWidget>

#include <algorithm>
#include <cstdio>
#include <vector>

using steward::app::ApiClient;
using steward::app::DeviceDetail;
using steward::app::DevicePage;
using steward::app::ViewContext;

namespace
{
// A Windows desktop's detail as the server sends it: every section, `packages` programs.
QByteArray deviceJson(int packages)
{
    QJsonArray software;
    for (int i = 0; i < packages; ++i) {
        software.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("Program %1 (x64)").arg(i)},
            {QStringLiteral("version"), QStringLiteral("%1.%2.%3").arg(i % 17).arg(i % 101).arg(i)},
            {QStringLiteral("arch"), QStringLiteral("x64")},
            {QStringLiteral("source"), QStringLiteral("registry")},
            {QStringLiteral("publisher"), QStringLiteral("Publisher %1").arg(i % 250)},
            {QStringLiteral("installDate"), QStringLiteral("2024-%1-15").arg(1 + i % 12, 2, 10, QLatin1Char('0'))},
            {QStringLiteral("scope"), QStringLiteral("machine")}});
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonArray pending;
    for (int i = 0; i < 40; ++i) {
        pending.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("KB50%1").arg(i)},
                                   {QStringLiteral("installedVersion"), QString()},
                                   {QStringLiteral("candidateVersion"), QStringLiteral("1")},
                                   {QStringLiteral("origin"), QStringLiteral("Windows Update")},
                                   {QStringLiteral("security"), i % 3 == 0}});
    }
    const QJsonObject detail{
        {QStringLiteral("id"), QStringLiteral("d-bench")},
        {QStringLiteral("hostname"), QStringLiteral("pc-bench")},
        {QStringLiteral("os"),
         QJsonObject{{QStringLiteral("prettyName"), QStringLiteral("Windows 11 Pro")},
                     {QStringLiteral("kernel"), QStringLiteral("10.0.22631")},
                     {QStringLiteral("arch"), QStringLiteral("x86_64")},
                     {QStringLiteral("users"),
                      QJsonArray{QJsonObject{{QStringLiteral("user"), QStringLiteral("marie")},
                                             {QStringLiteral("tty"), QStringLiteral("console")},
                                             {QStringLiteral("host"), QString()},
                                             {QStringLiteral("loginTime"), now - 3600}}}}}},
        {QStringLiteral("hardware"),
         QJsonObject{{QStringLiteral("manufacturer"), QStringLiteral("HP")},
                     {QStringLiteral("model"), QStringLiteral("EliteBook 840")},
                     {QStringLiteral("memoryBytes"), 17179869184.0},
                     {QStringLiteral("disks"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("disk0")},
                                             {QStringLiteral("sizeBytes"), 512110190592.0}}}},
                     {QStringLiteral("filesystems"),
                      QJsonArray{QJsonObject{{QStringLiteral("mountPoint"), QStringLiteral("C:")},
                                             {QStringLiteral("sizeBytes"), 500000000000.0},
                                             {QStringLiteral("freeBytes"), 100000000000.0}}}}}},
        {QStringLiteral("network"),
         QJsonObject{{QStringLiteral("interfaces"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Ethernet")},
                                             {QStringLiteral("type"), QStringLiteral("ethernet")},
                                             {QStringLiteral("ipv4"), QJsonArray{QStringLiteral("10.0.0.2/24")}}}}}}},
        {QStringLiteral("software"), software},
        {QStringLiteral("patches"),
         QJsonObject{{QStringLiteral("manager"), QStringLiteral("windows-update")},
                     {QStringLiteral("pending"), pending}}},
        {QStringLiteral("antivirus"),
         QJsonObject{{QStringLiteral("products"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Microsoft Defender")},
                                             {QStringLiteral("definitionsTime"), now - 7200},
                                             {QStringLiteral("realTimeProtection"), true},
                                             {QStringLiteral("serviceRunning"), true}}}}}},
        {QStringLiteral("agent"), QJsonObject{{QStringLiteral("version"), QStringLiteral("0.1.0")}}},
        {QStringLiteral("errors"), QJsonObject()},
        {QStringLiteral("lastSeen"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("revoked"), false},
        {QStringLiteral("compliance"),
         QJsonObject{{QStringLiteral("compliant"), true}, {QStringLiteral("reasons"), QJsonArray()}}}};
    return QJsonDocument(detail).toJson(QJsonDocument::Compact);
}

struct Run {
    double parse = 0; // bytes to QJsonDocument
    double decode = 0; // DeviceDetail::fromJson
    double show = 0; // DevicePage::setDevice
    double softwareTab = 0; // the Software tab shown and painted
    double search = 0; // one search typed, the table filtered and painted
    double total() const
    {
        return parse + decode + show + softwareTab;
    }
};

double ms(QElapsedTimer &timer)
{
    const double elapsed = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    return elapsed;
}

Run measure(const QByteArray &json, const ViewContext &context)
{
    DevicePage page(context);
    page.resize(1200, 800);
    page.show();
    QApplication::processEvents();
    auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"));
    QWidget *softwareTab = page.findChild<QWidget *>(QStringLiteral("softwareTab"));

    Run run;
    QElapsedTimer timer;
    timer.start();
    const QJsonDocument document = QJsonDocument::fromJson(json);
    run.parse = ms(timer);
    const DeviceDetail device = DeviceDetail::fromJson(document.object());
    run.decode = ms(timer);
    page.setDevice(device);
    QApplication::processEvents();
    page.repaint();
    run.show = ms(timer);
    tabs->setCurrentWidget(softwareTab);
    QApplication::processEvents();
    page.repaint();
    run.softwareTab = ms(timer);
    page.findChild<QLineEdit *>(QStringLiteral("softwareSearch"))->setText(QStringLiteral("publisher 42"));
    QApplication::processEvents();
    page.repaint();
    run.search = ms(timer);
    return run;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList arguments = QApplication::arguments();
    const int packages = arguments.size() > 1 ? arguments.at(1).toInt() : 10000;
    const int runs = std::max(1, arguments.size() > 2 ? arguments.at(2).toInt() : 7);

    const QByteArray json = deviceJson(packages);
    ApiClient client; // never asked: the page is given the device directly
    const ViewContext context{&client, steward::Clock::system()};

    const Run cold = measure(json, context);
    std::vector<Run> warm;
    for (int i = 0; i < runs; ++i) {
        warm.push_back(measure(json, context));
    }
    const auto column = [&warm](double Run::*field) {
        std::vector<double> values;
        for (const Run &run : warm) {
            values.push_back(run.*field);
        }
        return median(values);
    };
    std::vector<double> totals;
    for (const Run &run : warm) {
        totals.push_back(run.total());
    }

    std::printf("device detail: %d packages, %lld bytes of JSON; platform %s\n",
                packages,
                static_cast<long long>(json.size()),
                qPrintable(QApplication::platformName()));
    const QByteArray warmTitle = QByteArrayLiteral("median of ") + QByteArray::number(runs);
    std::printf("%-36s %10s %14s\n", "step (ms)", "cold", warmTitle.constData());
    const auto row = [](const char *name, double coldValue, double warmValue) {
        std::printf("%-36s %10.1f %14.1f\n", name, coldValue, warmValue);
    };
    row("parse JSON (QJsonDocument)", cold.parse, column(&Run::parse));
    row("DeviceDetail::fromJson", cold.decode, column(&Run::decode));
    row("DevicePage::setDevice, painted", cold.show, column(&Run::show));
    row("Software tab shown, painted", cold.softwareTab, column(&Run::softwareTab));
    row("open total (the four above)", cold.total(), median(totals));
    row("one search typed, painted", cold.search, column(&Run::search));
    return 0;
}
