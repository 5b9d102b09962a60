// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodec.h"

#include <QCborArray>
#include <QCborValue>
#include <QTest>
#include <QtEndian>

#include <sys/resource.h>
#include <zlib.h>

using namespace steward;

namespace
{
constexpr quint32 kCompressedBit = 0x80000000u;

QByteArray header(quint32 value)
{
    QByteArray bytes(FrameCodec::kHeaderSize, Qt::Uninitialized);
    qToBigEndian<quint32>(value, bytes.data());
    return bytes;
}

// A frame built by hand, so the tests can say things the encoder never would.
QByteArray rawFrame(const QByteArray &payload, bool compressed = false)
{
    return header(quint32(payload.size()) | (compressed ? kCompressedBit : 0u)) + payload;
}

quint32 headerOf(const QByteArray &frame)
{
    return qFromBigEndian<quint32>(frame.constData());
}

QCborMap smallMap()
{
    QCborMap map;
    map.insert(QStringLiteral("t"), QStringLiteral("hello"));
    map.insert(QStringLiteral("v"), 1);
    map.insert(QStringLiteral("agent"), QStringLiteral("0.1.0"));
    return map;
}

// About 100 KB of CBOR that compresses very well.
QCborMap largeRepetitiveMap()
{
    QCborArray packages;
    for (int i = 0; i < 2400; ++i) {
        QCborMap package;
        package.insert(QStringLiteral("name"), QStringLiteral("package-%1").arg(i % 10));
        package.insert(QStringLiteral("version"), QStringLiteral("1.2.3-4"));
        package.insert(QStringLiteral("arch"), QStringLiteral("amd64"));
        packages.append(package);
    }
    QCborMap map;
    map.insert(QStringLiteral("t"), QStringLiteral("report"));
    map.insert(QStringLiteral("software"), packages);
    return map;
}

// A qCompress-format payload (4-byte big-endian size, then zlib) for `plainBytes` zero bytes,
// built in 64 KiB pieces so that producing it does not itself allocate the plain size.
QByteArray zeroBomb(qsizetype plainBytes, quint32 declaredSize)
{
    z_stream stream = {};
    if (deflateInit(&stream, Z_BEST_COMPRESSION) != Z_OK) {
        return {};
    }
    const QByteArray zeros(64 * 1024, '\0');
    QByteArray out = header(declaredSize);
    char buffer[16 * 1024];
    qsizetype remaining = plainBytes;
    int flush = Z_NO_FLUSH;
    do {
        const qsizetype chunk = std::min<qsizetype>(remaining, zeros.size());
        remaining -= chunk;
        flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH;
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
        stream.avail_in = uInt(chunk);
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, flush);
            out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
        } while (stream.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&stream);
    return out;
}

qint64 peakResidentKiB()
{
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}
}

class TestFrameCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    // Runs first: it measures the process's peak memory, which later tests would raise.
    void compressedFrameLyingAboutItsSizeDoesNotInflateBeyondCap();

    void roundTrip_data();
    void roundTrip();
    void compressionShrinksRepetitivePayload();
    void smallPayloadIsNotCompressed();
    void incompleteFrameWaitsForMoreBytes();
    void frameSplitByteByByte();
    void twoFramesInOneAppend();
    void oversizedFrameFailsAndStaysFailed();
    void frameExactlyAtCapIsAccepted();
    void compressedFrameDeclaringOversizedPlainSize();
    void malformedPayload_data();
    void malformedPayload();
    void corruptCompressedPayload_data();
    void corruptCompressedPayload();

private:
    std::optional<FrameDecoder> m_decoder;
};

void TestFrameCodec::init()
{
    m_decoder.emplace();
}

void TestFrameCodec::roundTrip_data()
{
    QTest::addColumn<QCborMap>("message");
    QTest::addColumn<bool>("compressed");

    QTest::newRow("small") << smallMap() << false;
    QTest::newRow("empty map") << QCborMap() << false;
    QTest::newRow("large, compressed") << largeRepetitiveMap() << true;
}

void TestFrameCodec::roundTrip()
{
    QFETCH(QCborMap, message);
    QFETCH(bool, compressed);

    const QByteArray frame = FrameCodec::encode(message);
    QCOMPARE(bool(headerOf(frame) & kCompressedBit), compressed);
    QCOMPARE(qsizetype(headerOf(frame) & ~kCompressedBit), frame.size() - FrameCodec::kHeaderSize);

    m_decoder->append(frame);
    Result<std::optional<QCborMap>> decoded = m_decoder->next();
    QVERIFY(decoded.ok());
    QVERIFY(decoded.value().has_value());
    QCOMPARE(*decoded.value(), message);
    QCOMPARE(m_decoder->bufferedBytes(), 0);

    Result<std::optional<QCborMap>> nothing = m_decoder->next();
    QVERIFY(nothing.ok());
    QVERIFY(!nothing.value().has_value());
}

void TestFrameCodec::compressionShrinksRepetitivePayload()
{
    const QCborMap message = largeRepetitiveMap();
    const qsizetype plainSize = message.toCborValue().toCbor().size();
    QVERIFY2(plainSize > 90 * 1024, qPrintable(QString::number(plainSize)));

    const QByteArray frame = FrameCodec::encode(message);
    QVERIFY(headerOf(frame) & kCompressedBit);
    QVERIFY2(frame.size() < plainSize / 10, qPrintable(QStringLiteral("%1 of %2").arg(frame.size()).arg(plainSize)));
    // qCompress format: the first four payload bytes declare the plain size.
    QCOMPARE(qsizetype(qFromBigEndian<quint32>(frame.constData() + FrameCodec::kHeaderSize)), plainSize);
}

void TestFrameCodec::smallPayloadIsNotCompressed()
{
    const QCborMap message = smallMap();
    const QByteArray frame = FrameCodec::encode(message);
    QCOMPARE(headerOf(frame), quint32(message.toCborValue().toCbor().size()));
    QCOMPARE(frame.mid(FrameCodec::kHeaderSize), message.toCborValue().toCbor());

    // At or over the threshold but incompressible: sent plain, since compressing would grow it.
    QByteArray noise(2048, Qt::Uninitialized);
    quint32 state = 12345;
    for (char &c : noise) {
        state = state * 1103515245u + 12345u;
        c = char(state >> 24);
    }
    QCborMap random;
    random.insert(QStringLiteral("blob"), noise);
    const QByteArray randomFrame = FrameCodec::encode(random);
    QCOMPARE(headerOf(randomFrame) & kCompressedBit, 0u);
}

void TestFrameCodec::incompleteFrameWaitsForMoreBytes()
{
    const QByteArray frame = FrameCodec::encode(smallMap());
    m_decoder->append(frame.left(3));
    Result<std::optional<QCborMap>> partialHeader = m_decoder->next();
    QVERIFY(partialHeader.ok());
    QVERIFY(!partialHeader.value().has_value());

    m_decoder->append(frame.mid(3, frame.size() - 4));
    Result<std::optional<QCborMap>> partialPayload = m_decoder->next();
    QVERIFY(partialPayload.ok());
    QVERIFY(!partialPayload.value().has_value());
    QCOMPARE(m_decoder->bufferedBytes(), frame.size() - 1);

    m_decoder->append(frame.right(1));
    Result<std::optional<QCborMap>> whole = m_decoder->next();
    QVERIFY(whole.ok());
    QCOMPARE(whole.value().value_or(QCborMap()), smallMap());
}

void TestFrameCodec::frameSplitByteByByte()
{
    const QByteArray frame = FrameCodec::encode(largeRepetitiveMap());
    int messages = 0;
    for (qsizetype i = 0; i < frame.size(); ++i) {
        m_decoder->append(frame.mid(i, 1));
        Result<std::optional<QCborMap>> decoded = m_decoder->next();
        QVERIFY(decoded.ok());
        if (decoded.value()) {
            QCOMPARE(i, frame.size() - 1);
            QCOMPARE(*decoded.value(), largeRepetitiveMap());
            ++messages;
        }
    }
    QCOMPARE(messages, 1);
}

void TestFrameCodec::twoFramesInOneAppend()
{
    QCborMap second;
    second.insert(QStringLiteral("t"), QStringLiteral("ack"));
    second.insert(QStringLiteral("seq"), 7);
    m_decoder->append(FrameCodec::encode(smallMap()) + FrameCodec::encode(second));

    Result<std::optional<QCborMap>> first = m_decoder->next();
    QVERIFY(first.ok());
    QCOMPARE(first.value().value_or(QCborMap()), smallMap());
    Result<std::optional<QCborMap>> next = m_decoder->next();
    QVERIFY(next.ok());
    QCOMPARE(next.value().value_or(QCborMap()), second);
    Result<std::optional<QCborMap>> none = m_decoder->next();
    QVERIFY(none.ok());
    QVERIFY(!none.value().has_value());
}

void TestFrameCodec::oversizedFrameFailsAndStaysFailed()
{
    m_decoder->setMaxFrameSize(1024);
    // Only the header has arrived: the length alone is enough to refuse.
    m_decoder->append(header(1025));
    Result<std::optional<QCborMap>> decoded = m_decoder->next();
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, QStringLiteral("frame.too-large"));
    QCOMPARE(m_decoder->bufferedBytes(), 0);

    // A perfectly good frame afterwards changes nothing: the connection is finished.
    m_decoder->append(FrameCodec::encode(smallMap()));
    QCOMPARE(m_decoder->bufferedBytes(), 0);
    Result<std::optional<QCborMap>> again = m_decoder->next();
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("frame.too-large"));

    // The largest length the header can express is refused too.
    FrameDecoder defaultCap;
    defaultCap.append(header(0x7fffffffu));
    Result<std::optional<QCborMap>> huge = defaultCap.next();
    QVERIFY(!huge.ok());
    QCOMPARE(huge.error().code, QStringLiteral("frame.too-large"));
}

void TestFrameCodec::frameExactlyAtCapIsAccepted()
{
    const QByteArray frame = FrameCodec::encode(smallMap());
    m_decoder->setMaxFrameSize(frame.size() - FrameCodec::kHeaderSize);
    m_decoder->append(frame);
    Result<std::optional<QCborMap>> decoded = m_decoder->next();
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value().value_or(QCborMap()), smallMap());
}

void TestFrameCodec::compressedFrameDeclaringOversizedPlainSize()
{
    // A 10 KiB cap; the compressed payload is tiny but honestly declares 100 KiB.
    m_decoder->setMaxFrameSize(10 * 1024);
    const QByteArray payload = zeroBomb(100 * 1024, 100 * 1024);
    QVERIFY(payload.size() < 1024);
    m_decoder->append(rawFrame(payload, true));
    Result<std::optional<QCborMap>> decoded = m_decoder->next();
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, QStringLiteral("frame.too-large"));

    m_decoder->append(FrameCodec::encode(smallMap()));
    Result<std::optional<QCborMap>> again = m_decoder->next();
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("frame.too-large"));
}

void TestFrameCodec::compressedFrameLyingAboutItsSizeDoesNotInflateBeyondCap()
{
    // The protocol promises that a small compressed frame cannot expand into a large
    // allocation. Here the frame (about 64 KiB) and its declared plain size (1 KiB) are both
    // under a 1 MiB cap, but the zlib stream really holds 64 MiB. The decoder must refuse it
    // without ever holding more than the cap in memory.
    constexpr qsizetype kRealPlainSize = 64 * 1024 * 1024;
    const QByteArray payload = zeroBomb(kRealPlainSize, 1024);
    QVERIFY(payload.size() < 1024 * 1024);

    m_decoder->setMaxFrameSize(1024 * 1024);
    m_decoder->append(rawFrame(payload, true));
    const qint64 peakBefore = peakResidentKiB();
    Result<std::optional<QCborMap>> decoded = m_decoder->next();
    const qint64 growthKiB = peakResidentKiB() - peakBefore;

    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error().code == QLatin1String("frame.corrupt")
                 || decoded.error().code == QLatin1String("frame.too-large"),
             qPrintable(decoded.error().code));
    QVERIFY2(
        growthKiB < 16 * 1024,
        qPrintable(QStringLiteral("decoding a frame declaring 1 KiB raised peak memory by %1 KiB").arg(growthKiB)));
}

void TestFrameCodec::malformedPayload_data()
{
    QTest::addColumn<QByteArray>("payload");

    const QByteArray map = smallMap().toCborValue().toCbor();
    QTest::newRow("empty payload") << QByteArray();
    QTest::newRow("truncated map") << map.left(map.size() - 2);
    QTest::newRow("stray break byte") << QByteArray("\xff", 1);
    QTest::newRow("reserved additional info") << QByteArray("\x1c", 1);
    QTest::newRow("trailing byte after map") << map + QByteArray("\x00", 1);
    QTest::newRow("two maps") << map + map;
    QTest::newRow("array instead of map") << QCborArray{1, 2, 3}.toCborValue().toCbor();
    QTest::newRow("integer instead of map") << QCborValue(42).toCbor();
    QTest::newRow("text instead of map") << QCborValue(QStringLiteral("hello")).toCbor();
}

void TestFrameCodec::malformedPayload()
{
    QFETCH(QByteArray, payload);

    m_decoder->append(rawFrame(payload));
    Result<std::optional<QCborMap>> decoded = m_decoder->next();
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, QStringLiteral("frame.malformed"));

    // The same bytes compressed are just as malformed once inflated.
    if (!payload.isEmpty()) {
        FrameDecoder compressedDecoder;
        compressedDecoder.append(rawFrame(qCompress(payload), true));
        Result<std::optional<QCborMap>> inflated = compressedDecoder.next();
        QVERIFY(!inflated.ok());
        QCOMPARE(inflated.error().code, QStringLiteral("frame.malformed"));
    }

    m_decoder->append(FrameCodec::encode(smallMap()));
    Result<std::optional<QCborMap>> again = m_decoder->next();
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("frame.malformed"));
}

void TestFrameCodec::corruptCompressedPayload_data()
{
    QTest::addColumn<QByteArray>("payload");

    const QByteArray good = qCompress(largeRepetitiveMap().toCborValue().toCbor());
    QTest::newRow("shorter than the size prefix") << QByteArray("\x00\x01", 2);
    QTest::newRow("size prefix only") << header(100);
    QTest::newRow("not zlib") << header(100) + QByteArray("this is not a zlib stream at all");
    QByteArray flipped = good;
    flipped[20] = char(flipped.at(20) ^ 0x55);
    QTest::newRow("flipped bits") << flipped;
    QByteArray understated = good;
    qToBigEndian<quint32>(qFromBigEndian<quint32>(good.constData()) - 1, understated.data());
    QTest::newRow("declared size one too small") << understated;
    QByteArray overstated = good;
    qToBigEndian<quint32>(qFromBigEndian<quint32>(good.constData()) + 1, overstated.data());
    QTest::newRow("declared size one too large") << overstated;
    QTest::newRow("declares zero") << header(0) + good.mid(4);
}

void TestFrameCodec::corruptCompressedPayload()
{
    QFETCH(QByteArray, payload);
    m_decoder->append(rawFrame(payload, true));
    Result<std::optional<QCborMap>> decoded = m_decoder->next();
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, QStringLiteral("frame.corrupt"));

    Result<std::optional<QCborMap>> again = m_decoder->next();
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("frame.corrupt"));
}

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "TestFrameCodec.moc"
