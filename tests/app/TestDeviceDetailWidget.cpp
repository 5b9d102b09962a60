// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceDetail.h"
#include "DeviceDetailWidget.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using steward::app::DeviceDetail;
using steward::app::DeviceDetailWidget;
using steward::app::test::FakeAdminServer;

class TestDeviceDetailWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsWhyNotCompliant();
    void backButton();

private:
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
};

void TestDeviceDetailWidget::showsWhyNotCompliant()
{
    DeviceDetailWidget widget(m_clock);
    widget.setDevice(DeviceDetail::fromJson(FakeAdminServer::sampleDetail()));
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));

    QCOMPARE(widget.deviceId(), QStringLiteral("d-0001"));
    const auto *verdict = widget.findChild<QLabel *>(QStringLiteral("verdict"));
    QVERIFY(verdict);
    QVERIFY2(verdict->text().startsWith(QLatin1String("Not compliant, for 2 reason")), qPrintable(verdict->text()));

    const auto *reasons = widget.findChild<QTableView *>();
    QVERIFY(reasons);
    QCOMPARE(reasons->model()->rowCount(), 2);

    const QList<QTableWidget *> tables = widget.findChildren<QTableWidget *>();
    QCOMPARE(tables.size(), 2);
    const QTableWidget *updates = tables.at(0);
    QCOMPARE(updates->rowCount(), 2);
    // Security updates sort first.
    QCOMPARE(updates->item(0, 0)->text(), QStringLiteral("openssl"));
    QCOMPARE(updates->item(0, 4)->text(), QStringLiteral("Security"));
    const QTableWidget *antivirus = tables.at(1);
    QCOMPARE(antivirus->rowCount(), 1);
    QCOMPARE(antivirus->item(0, 2)->text(), QStringLiteral("9 d ago"));
    QCOMPARE(antivirus->item(0, 3)->text(), QStringLiteral("Off"));
}

void TestDeviceDetailWidget::backButton()
{
    DeviceDetailWidget widget(m_clock);
    QSignalSpy back(&widget, &DeviceDetailWidget::backRequested);
    QTest::mouseClick(widget.findChild<QPushButton *>(QStringLiteral("back")), Qt::LeftButton);
    QCOMPARE(back.count(), 1);
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestDeviceDetailWidget test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestDeviceDetailWidget.moc"
