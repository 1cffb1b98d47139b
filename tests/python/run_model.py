"""Runs a TorchScript file in Python's torch on raw float32 inputs; writes the outputs the same way.

usage: /usr/bin/python3 run_model.py MODEL.pt OUT.bin IN0.bin:2,3,32,32 [IN1.bin:SHAPE ...]
       /usr/bin/python3 run_model.py --list JOBS.txt   (one "MODEL.pt OUT.bin IN:SHAPE..." per line)
The outputs are written one after another, flattened, as float32. A list runs many models in one
process (torch starts once).
"""
import sys

import torch


def read_input(spec):
    path, shape = spec.rsplit(":", 1)
    dims = [int(d) for d in shape.split(",")]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    return torch.frombuffer(data, dtype=torch.float32).reshape(dims)


def run(model_path, out_path, specs):
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


def main():
    if sys.argv[1] == "--list":
        with open(sys.argv[2]) as jobs:
            for line in jobs:
                if line.strip():
                    model_path, out_path, *specs = line.split()
                    run(model_path, out_path, specs)
        return
    model_path, out_path, *specs = sys.argv[1:]
    run(model_path, out_path, specs)


if __name__ == "__main__":
    main()
