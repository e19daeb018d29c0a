#!/usr/bin/env python3
"""Reference values for tests/agreement_reference.rs: Krippendorff's alpha from
the `krippendorff` package and Cohen's kappa from scikit-learn, on the cases
read from standard input (JSON), one answer per case on standard output (JSON).

Input: {"cases": [{"kind": "nominal" | "interval", "data": [[value or null, ...]
per reviewer]}, {"kind": "kappa", "a": [...], "b": [...]}]}. Output: a list of
numbers, null where the statistic is undefined.
"""
import json
import math
import sys

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score


def answer(case):
    try:
        if case["kind"] == "kappa":
            v = cohen_kappa_score(case["a"], case["b"])
        else:
            data = np.array(
                [[np.nan if x is None else float(x) for x in row] for row in case["data"]]
            )
            v = krippendorff.alpha(
                reliability_data=data, level_of_measurement=case["kind"]
            )
    except (ValueError, ZeroDivisionError):
        return None
    v = float(v)
    return None if math.isnan(v) or math.isinf(v) else v


def main():
    cases = json.load(sys.stdin)["cases"]
    json.dump([answer(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")
    main()
