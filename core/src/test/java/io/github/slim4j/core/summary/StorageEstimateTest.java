package io.github.slim4j.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.summary.TensorStorage.Encoding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StorageEstimateTest {

    /** 1000 × 1000 float32, 100,000 non-zeros: bitmask 10^6 + 10^5 × 32 bits; CSR 1001 × 32 + 10^5 × 64 bits. */
    @Test
    void ninetyPercentSparsePicksTheBitmask() {
        TensorStorage storage = TensorStorage.of(sparse(1000, 1000, 10));
        assertEquals(new TensorStorage(Encoding.BITMASK, 4_200_000), storage);
        assertEquals(525_000, StorageEstimate.of(List.of(sparse(1000, 1000, 10))).bytes());
    }

    /** 10,000 non-zeros: CSR 1001 × 32 + 10^4 × 64 = 672,032 bits against a bitmask's 1,320,000. */
    @Test
    void ninetyNinePercentSparsePicksCsr() {
        TensorStorage storage = TensorStorage.of(sparse(1000, 1000, 100));
        assertEquals(new TensorStorage(Encoding.CSR, 672_032), storage);
        assertEquals(84_004, StorageEstimate.of(List.of(sparse(1000, 1000, 100))).bytes());
    }

    @Test
    void aDenseTensorStaysDense() {
        ParamTensor dense = tensor(Nd4j.rand(DataType.FLOAT, 1000, 1000).addi(1));
        assertEquals(new TensorStorage(Encoding.DENSE, 32_000_000), TensorStorage.of(dense));
        assertEquals(StorageEstimate.dense(List.of(dense)), StorageEstimate.of(List.of(dense)));
    }

    @Test
    void vectorsCountOneRowAndTiesStayDense() {
        assertEquals(new TensorStorage(Encoding.CSR, 2 * 32 + 64), TensorStorage.of(new long[] {1000}, 1, 32));
        assertEquals(new TensorStorage(Encoding.DENSE, 0), TensorStorage.of(new long[] {0}, 0, 32));
        // 8 elements of 1 bit: dense 8 bits, bitmask 8 + 0 bits.
        assertEquals(new TensorStorage(Encoding.DENSE, 8), TensorStorage.of(new long[] {8}, 0, 1));
    }

    @Test
    void storageRoundsPartialBytesUp() {
        StorageEstimate estimate = new StorageEstimate(9);
        assertEquals(2, estimate.bytes());
        assertEquals(4.5, estimate.bitsPer(2));
        assertEquals(0, new StorageEstimate(0).bitsPer(0));
        assertEquals(new StorageEstimate(0), StorageEstimate.dense(List.of()));
        assertEquals(new StorageEstimate(0), StorageEstimate.of(List.of()));
    }

    /** A rows × columns float tensor with every {@code every}-th element 1 and the rest 0. */
    private static ParamTensor sparse(int rows, int columns, int every) {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i += every) {
            values[i] = 1;
        }
        return tensor(Nd4j.create(values, new long[] {rows, columns}, 'c'));
    }

    private static ParamTensor tensor(INDArray values) {
        return ModelHandle.of(values).parameters().get(0);
    }
}
