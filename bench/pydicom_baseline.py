#!/usr/bin/env python3
"""pydicom doing the indexer's job on the same files: read the data set and build the DICOM JSON Model, either
stopping before Pixel Data ("header", the strongest baseline) or reading whole files as the reference design did
("whole"). Prints {"filesPerSecond": N} for `rounds` passes over the files, timed in-process."""
import json
import sys
import time
import warnings

import pydicom


def main(mode, rounds, files):
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    for _ in range(rounds):
        for path in files:
            pydicom.dcmread(path, stop_before_pixels=(mode == "header")).to_json_dict()
    elapsed = time.perf_counter() - start
    print(json.dumps({"filesPerSecond": rounds * len(files) / elapsed, "seconds": elapsed}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
