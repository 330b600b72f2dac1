package io.github.slim4j.magics.save;

import io.github.slim4j.core.store.FileContents;
import java.util.Arrays;
import java.util.stream.Collectors;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What a saved file holds, one row per tensor: how it is stored and the bytes it takes on disk. */
public final class FileContentsTable {

    private FileContentsTable() {
    }

    public static Table of(String title, FileContents contents) {
        StringColumn name = StringColumn.create("tensor");
        StringColumn shape = StringColumn.create("shape");
        StringColumn format = StringColumn.create("format");
        StringColumn layout = StringColumn.create("layout");
        StringColumn mask = StringColumn.create("mask");
        LongColumn bytes = LongColumn.create("bytes");
        for (FileContents.Tensor tensor : contents.tensors()) {
            name.append(tensor.name());
            shape.append(Arrays.stream(tensor.shape()).mapToObj(Long::toString).collect(Collectors.joining(" × ", "[", "]")));
            format.append(tensor.format());
            layout.append(tensor.layout());
            mask.append(tensor.mask());
            bytes.append(tensor.bytes());
        }
        return Table.create(title, name, shape, format, layout, mask, bytes);
    }
}
