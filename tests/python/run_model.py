"""Runs a TorchScript file in Python's torch on raw float32 inputs; writes the outputs the same way.

usage: /usr/bin/python3 run_model.py MODEL.pt OUT.bin IN0.bin:2,3,32,32 [IN1.bin:SHAPE ...]
The outputs are written one after another, flattened, as float32.
"""
import sys

import torch


def read_input(spec):
    path, shape = spec.rsplit(":", 1)
    dims = [int(d) for d in shape.split(",")]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    return torch.frombuffer(data, dtype=torch.float32).reshape(dims)


def main():
    model_path, out_path, *specs = sys.argv[1:]
    model = torch.jit.load(model_path)
    model.eval()
    inputs = [read_input(s) for s in specs]
    with torch.no_grad():
        outputs = model(*inputs)
    if isinstance(outputs, torch.Tensor):
        outputs = (outputs,)
    with open(out_path, "wb") as f:
        for y in outputs:
            f.write(y.contiguous().to(torch.float32).numpy().tobytes())


if __name__ == "__main__":
    main()
