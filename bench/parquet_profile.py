#!/usr/bin/env python3
"""Sorts the samples of a `perf record --call-graph dwarf` profile of bench_parquet --profile
into the phases of Runnel's Parquet writer and reader, and prints each phase's share.

Each sample goes to the first phase whose pattern matches a frame, walking from the sampled
function towards main: memcpy, malloc or a page fault inside the dictionary build counts as
the dictionary build. Usage (see README.md):

    perf script -i perf.data | bench/parquet_profile.py [write|read]
"""
import re
import sys
from collections import Counter

WRITE_PHASES = [
    ("compression", r"snappy::|ZSTD_|zstd|parquet::Compress\b|CompressPage"),
    ("dictionary build", r"TryDictionary|BuildDictionary"),
    ("statistics (min/max)", r"ComputeStatistics"),
    ("RLE/bit-packing (levels, indices)", r"RleEncoder|AppendLevels|AppendRleLevels|PackBits|LevelEncoder"),
    ("PLAIN encoding", r"EncodePlain|AppendPlain"),
    ("page headers, footer (thrift)", r"SerializePageHeader|Serialize\w*MetaData|thrift|Thrift"),
    ("shredding", r"ShredColumn|Shredder"),
    ("row-group sizing (BufferedBytes)", r"BufferedBytes"),
    ("freeing row-group buffers", r"LeafData::Clear"),
    ("page assembly (WriteColumnChunk: copies into the file buffer)", r"WriteColumnChunk"),
    ("file write, fsync, rename", r"WriteFile|fsync|Rename|SyncDirectory|DeleteRecursively|io::"),
    ("ParquetWriter other (Write, Finish)", r"ParquetWriter::"),
    ("write job, executor", r"catalog::|exec::|DataFrameWriter"),
]

READ_PHASES = [
    ("decompression", r"snappy::|ZSTD_|zstd|parquet::Decompress|ChunkDecoder::Decompress"),
    ("dictionary gather (AppendFrom)", r"AppendFrom"),
    ("RLE/bit-unpacking (levels, indices)", r"RleDecoder|LevelDecoder|Unpack|BitUnpack|DecodeLevels"),
    ("PLAIN decoding", r"DecodePlain|CopyFixed"),
    ("page headers, footer (thrift)", r"ParsePageHeader|ParseFileMetaData|thrift|Thrift"),
    ("to column (copies, timestamp conversion)", r"ToColumn|TimestampColumn|MakeStringColumn|MakeFixedColumn"),
    ("decode other (ChunkDecoder)", r"ChunkDecoder|DecodeColumnChunk"),
    ("file reads (ReadRange)", r"ReadRange|pread|io::"),
    ("assembly (AssembleField, Take)", r"AssembleField|Assembler|vector::Take"),
    ("batch slicing (ParquetReader::Next)", r"ParquetReader::Next|Column::Slice"),
    ("row-group load other", r"ParquetReader::|LoadRowGroup|ParquetFile::|ParquetStream"),
    ("aggregate and expressions", r"aggregate|Aggregate|function::|expr::|Evaluate"),
    ("scan planning (file listing, schema)", r"FileSource|catalog::|Analy|optimizer"),
    ("executor", r"exec::"),
]

LOW_LEVEL = [
    ("page faults", r"page_fault"),
    ("memcpy/memmove/memset", r"__mem(cpy|move|set)"),
    ("malloc/free", r"malloc|_int_free|cfree|__libc_free|unlink_chunk|operator new|operator delete"),
]


def Samples(lines):
    stack = []
    for line in lines:
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line.startswith(("\t", " ")):
            parts = line.strip().split(" ", 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
    if stack:
        yield stack


def Main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "write"
    phases = WRITE_PHASES if mode == "write" else READ_PHASES
    compiled = [(name, re.compile(p)) for name, p in phases]
    low = [(name, re.compile(p)) for name, p in LOW_LEVEL]
    counts, low_counts, total = Counter(), Counter(), 0
    for stack in Samples(sys.stdin):
        total += 1
        phase = "other"
        for frame in stack:
            hit = next((name for name, p in compiled if p.search(frame)), None)
            if hit:
                phase = hit
                break
        counts[phase] += 1
        for name, p in low:
            if any(p.search(f) for f in stack[:8]):
                low_counts[name] += 1
                break
    if total == 0:
        sys.exit("no samples")
    print(f"{total} samples ({mode})")
    for name, n in counts.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {name}")
    print("of which, across phases:")
    for name, n in low_counts.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    Main()
