#!/usr/bin/env python3
"""Generates dictionary.json (tag -> VR and keyword) from pydicom's data dictionaries.

Run once when pydicom's dictionary changes (Debian: apt-get install python3-pydicom):
    /usr/bin/python3 lambda/dicom-indexer/dictionary/generate.py
The output is committed; the indexer never imports pydicom.
"""
import json
import os

import pydicom
from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary
from pydicom._private_dict import private_dictionaries


def entry(vr, keyword):
    # "US or SS" keeps its alternatives so the reader can resolve them from context.
    return f"{vr.replace(' or ', '|')} {keyword}".strip()


def main():
    public = {f"{tag:08X}": entry(v[0], v[4]) for tag, v in sorted(DicomDictionary.items())}
    repeaters = {mask.upper(): entry(v[0], v[4]) for mask, v in sorted(RepeatersDictionary.items())}
    private = {
        creator: {key.upper(): entries[0].replace(" or ", "|") for key, entries in sorted(tags.items())}
        for creator, tags in sorted(private_dictionaries.items())
    }
    document = {
        "source": f"pydicom {pydicom.__version__} _dicom_dict.py and _private_dict.py",
        "public": public,
        "repeaters": repeaters,
        "private": private,
    }
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dictionary.json")
    with open(target, "w", encoding="utf-8") as out:
        json.dump(document, out, separators=(",", ":"), sort_keys=False)
        out.write("\n")
    print(f"{target}: {len(public)} public, {len(repeaters)} repeaters, "
          f"{sum(len(t) for t in private.values())} private entries")


if __name__ == "__main__":
    main()
