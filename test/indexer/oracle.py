#!/usr/bin/env python3
"""The tests' oracle: prints, per file, pydicom's DICOM JSON Model of the data set (to_json_dict, everything
inline) and its Transfer Syntax UID, or the reason pydicom could not read it. One JSON line per file."""
import json
import math
import sys
import warnings

import pydicom


def jsonable(value):
    """JSON has no NaN or infinities: spell them as the indexer does (strings)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def detected_syntax(dataset):
    """The transfer syntax pydicom read a data set in when the file does not say it."""
    if dataset.is_implicit_VR:
        return "1.2.840.10008.1.2"
    return "1.2.840.10008.1.2.1" if dataset.is_little_endian else "1.2.840.10008.1.2.2"


def main(files):
    warnings.simplefilter("ignore")
    for path in files:
        try:
            # A bare data set (no DICM prefix) is read as DCMTK and Orthanc read it, which pydicom does when forced.
            with open(path, "rb") as f:
                bare = f.read(132)[128:] != b"DICM"
            dataset = pydicom.dcmread(path, force=bare)
            line = {
                "file": path,
                "transferSyntaxUid": str(dataset.file_meta.get("TransferSyntaxUID", "")) or detected_syntax(dataset),
                "dicom": jsonable(dataset.to_json_dict(bulk_data_threshold=1 << 62)),
            }
        except Exception as error:  # the test reports pydicom's failures as exclusions
            line = {"file": path, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(line))


if __name__ == "__main__":
    main(sys.argv[1:])
