"""Regenerates interpolation_reference.json: scipy.ndimage.map_coordinates on IBSI grids.

The IBSI reference implementation (mirp) interpolates with map_coordinates(order=1 or 3,
mode="nearest") at the "align grid centres" positions; this script computes those positions
independently of RadVault and records the results. Run with the bench venv:
    bench/.venv/bin/python Tests/ImagingTests/Fixtures/scipy/make_reference.py
"""
import json
import math
import pathlib

import numpy as np
import scipy
from scipy import ndimage

rng = np.random.default_rng(20240517)
shape = (7, 6, 5)  # x, y, z
spacing = [0.9, 0.8, 2.5]
image = rng.integers(-1000, 1000, size=shape).astype(np.float64)
mask = np.zeros(shape, dtype=np.float64)
mask[2:6, 1:5, 1:4] = 1.0
mask[3, 2, 0] = 1.0


def ibsi_positions(n_a, s_a, s_b):
    n_b = math.ceil(round(n_a * s_a / s_b, 6))
    step = s_b / s_a
    start = 0.5 * (n_a - 1 - step * (n_b - 1))
    return start + step * np.arange(n_b)


cases = []
for target, in_plane in [([2.0, 2.0, 2.0], False), ([0.5, 0.7, 1.0], False), ([2.0, 2.0, 0.0], True)]:
    axes = [ibsi_positions(shape[a], spacing[a], target[a]) for a in range(2 if in_plane else 3)]
    if in_plane:
        axes.append(np.arange(shape[2], dtype=np.float64))
    coords = np.array(np.meshgrid(*axes, indexing="ij"))
    out = {}
    for name, order in [("linear", 1), ("cubicSpline", 3)]:
        values = ndimage.map_coordinates(image, coords, order=order, mode="nearest")
        out[name] = values.flatten(order="F").tolist()
    out["maskLinear"] = ndimage.map_coordinates(mask, coords, order=1, mode="nearest").flatten(order="F").tolist()
    cases.append({"target": target, "inPlaneOnly": in_plane, "dimensions": [len(a) for a in axes], **out})

document = {
    "generator": f"scipy {scipy.__version__}, numpy {np.__version__}: map_coordinates(mode='nearest')",
    "dimensions": list(shape),
    "spacing": spacing,
    "image": image.flatten(order="F").tolist(),
    "mask": mask.flatten(order="F").tolist(),
    "cases": cases,
}
path = pathlib.Path(__file__).with_name("interpolation_reference.json")
path.write_text(json.dumps(document) + "\n")
print("wrote", path)
