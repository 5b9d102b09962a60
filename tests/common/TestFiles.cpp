// SPDX-License-Identifier: GPL-3.0-or-later
#include "Files.h"

#include <QFile>
#include <QTest>

using namespace steward;

namespace
{
// Serves `size` bytes and records the largest single read asked of it: what a caller reserves.
class MeasuredDevice : public QIODevice
{
public:
    explicit MeasuredDevice(qint64 size)
        : m_size(size)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override
    {
        return true; // like /proc files and pipes: no size known up front
    }
    qint64 largestRequest = 0;

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        largestRequest = std::max(largestRequest, maxSize);
        const qint64 n = std::min(maxSize, m_size - m_position);
        std::fill_n(data, n, 'x');
        m_position += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override
    {
        return -1;
    }

private:
    qint64 m_size;
    qint64 m_position = 0;
};
} // namespace

class TestFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readUpToReadsEverythingBelowTheBound()
    {
        MeasuredDevice device(1024 * 1024 + 17);
        const QByteArray data = files::readUpTo(device, 512LL * 1024 * 1024);
        QCOMPARE(data.size(), 1024 * 1024 + 17);
        // A 512 MiB bound must not become a 512 MiB reservation.
        QVERIFY2(device.largestRequest <= 64 * 1024, QByteArray::number(device.largestRequest).constData());
    }

    void readUpToStopsAtTheBound()
    {
        QFile zeros(QStringLiteral("/dev/zero")); // endless
        QVERIFY(zeros.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        QCOMPARE(files::readUpTo(zeros, 100000).size(), 100000);
        MeasuredDevice device(10);
        QCOMPARE(files::readUpTo(device, 4), QByteArray("xxxx"));
    }

    void readUpToReadsProcFiles()
    {
        QFile status(QStringLiteral("/proc/self/status")); // reports a size of 0
        QVERIFY(status.open(QIODevice::ReadOnly));
        QVERIFY(files::readUpTo(status, 1024 * 1024).contains("VmRSS"));
    }
};

QTEST_GUILESS_MAIN(TestFiles)
#include "TestFiles.moc"
