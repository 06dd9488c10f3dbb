#!/usr/bin/env python3
"""pydicom doing the indexer's job on the same files: read the data set and build the DICOM JSON Model, either
stopping before Pixel Data ("header", the strongest baseline) or reading whole files as the reference design did
("whole"). A worker: for each line "header" or "whole" on stdin it makes one pass over the files and prints the
pass's CPU seconds (time.process_time: user + system, as the indexer's side counts), so that the benchmark can interleave its passes with the indexer's."""
import sys
import time
import warnings

import pydicom


def main(files):
    warnings.simplefilter("ignore")
    for line in sys.stdin:
        mode = line.strip()
        if mode not in ("header", "whole"):
            raise SystemExit(f"unknown mode {mode!r}: expected header or whole")
        start = time.process_time()
        for path in files:
            pydicom.dcmread(path, stop_before_pixels=(mode == "header")).to_json_dict()
        print(time.process_time() - start, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
