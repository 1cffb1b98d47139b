#!/usr/bin/python3
"""Times one plain training step of a zoo model in eager PyTorch, for secateur-bench.

The networks mirror engine/zoo/{ds_cnn,resnet8,temponet}.cpp layer for layer (same kernels,
strides, paddings, channels, biases); the bench checks that the parameter count equals the
engine's measure(). Prints one JSON object to stdout:

    /usr/bin/python3 bench/python_step.py --model ds_cnn --steps 30 --warmup 5
"""
import argparse
import json
import resource
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


def conv_bn_relu(conv, channels, relu=True, dims=2):
    norm = nn.BatchNorm2d(channels) if dims == 2 else nn.BatchNorm1d(channels)
    layers = [conv, norm] + ([nn.ReLU()] if relu else [])
    return nn.Sequential(*layers)


class DsCnn(nn.Module):
    """MLPerf Tiny DS-CNN: 10x4 conv (stride 2, padding (5,1)) + 4 depthwise-separable blocks."""

    def __init__(self):
        super().__init__()
        self.conv1 = conv_bn_relu(nn.Conv2d(1, 64, (10, 4), 2, (5, 1), bias=False), 64)
        self.dropout1 = nn.Identity()  # the engine's "identity" node (Dropout at inference)
        blocks = []
        for _ in range(4):
            blocks.append(conv_bn_relu(nn.Conv2d(64, 64, 3, 1, 1, groups=64, bias=False), 64))
            blocks.append(conv_bn_relu(nn.Conv2d(64, 64, 1, bias=False), 64))
        self.blocks = nn.Sequential(*blocks)
        self.dropout2 = nn.Identity()
        self.pool = nn.AvgPool2d((25, 5))
        self.fc = nn.Linear(64, 12)

    def forward(self, x):
        x = self.dropout2(self.blocks(self.dropout1(self.conv1(x))))
        return self.fc(torch.flatten(self.pool(x), 1))


class ResidualStack(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv_bn_relu(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), cout)
        self.conv2 = conv_bn_relu(nn.Conv2d(cout, cout, 3, 1, 1, bias=False), cout, relu=False)
        # A strided 1x1 conv with bias and no BN where the shape changes, as in MLPerf.
        self.shortcut = nn.Conv2d(cin, cout, 1, stride) if stride != 1 or cin != cout else None

    def forward(self, x):
        y = self.conv2(self.conv1(x))
        return F.relu(y + (self.shortcut(x) if self.shortcut is not None else x))


class ResNet8(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = conv_bn_relu(nn.Conv2d(3, 16, 3, 1, 1, bias=False), 16)
        self.stacks = nn.Sequential(
            ResidualStack(16, 16, 1), ResidualStack(16, 32, 2), ResidualStack(32, 64, 2))
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.stacks(self.stem(x))), 1))


class CausalConv1d(nn.Conv1d):
    """All padding at the start: (k - 1) x dilation, like the engine's causal conv."""

    def forward(self, x):
        left = self.dilation[0] * (self.kernel_size[0] - 1)
        return super().forward(F.pad(x, (left, 0)))


class TempoBlock(nn.Module):
    def __init__(self, cin, tcn, kernel, dilation, cout, stride):
        super().__init__()
        self.tcn1 = conv_bn_relu(CausalConv1d(cin, tcn, kernel, dilation=dilation, bias=False),
                                 tcn, dims=1)
        self.tcn2 = conv_bn_relu(CausalConv1d(tcn, tcn, kernel, dilation=dilation, bias=False),
                                 tcn, dims=1)
        self.conv = conv_bn_relu(nn.Conv1d(tcn, cout, 5, stride, 2, bias=False), cout, dims=1)
        self.pool = nn.AvgPool1d(2)

    def forward(self, x):
        return self.pool(self.conv(self.tcn2(self.tcn1(x))))


class TempoNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(
            TempoBlock(4, 32, 5, 2, 64, 1), TempoBlock(64, 64, 7, 4, 128, 2),
            TempoBlock(128, 128, 9, 8, 128, 4))
        self.head = nn.Sequential(
            nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 1))

    def forward(self, x):
        return self.head(torch.flatten(self.blocks(x), 1))


# name -> (module, input shape without batch, loss, classes)
MODELS = {
    "ds_cnn": (DsCnn, (1, 49, 10), "cross_entropy", 12),
    "resnet8": (ResNet8, (3, 32, 32), "cross_entropy", 10),
    "temponet": (TempoNet, (4, 256), "mse", 1),
}


def percentile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default); the C++ side matches."""
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def summary(samples_ms):
    s = sorted(samples_ms)
    return {"median_ms": percentile(s, 0.5), "p10_ms": percentile(s, 0.1),
            "p90_ms": percentile(s, 0.9)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, choices=sorted(MODELS))
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    build, shape, loss_kind, classes = MODELS[args.model]
    model = build().train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(args.batch, *shape)
    if loss_kind == "cross_entropy":
        target = torch.randint(0, classes, (args.batch,))
        loss_fn = F.cross_entropy
    else:
        target = torch.randn(args.batch, 1)
        loss_fn = F.mse_loss

    total, forward, backward, update = [], [], [], []
    faults = 0
    for step in range(args.warmup + args.steps):
        if step == args.warmup:
            faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t0 = time.perf_counter()
        optimizer.zero_grad()
        loss = loss_fn(model(x), target)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        optimizer.step()
        t3 = time.perf_counter()
        if step >= args.warmup:
            total.append((t3 - t0) * 1e3)
            forward.append((t1 - t0) * 1e3)
            backward.append((t2 - t1) * 1e3)
            update.append((t3 - t2) * 1e3)

    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
    result = {
        "model": args.model,
        "params": sum(p.numel() for p in model.parameters()),
        "step": summary(total),
        "phases_ms": {"forward": summary(forward)["median_ms"],
                      "backward": summary(backward)["median_ms"],
                      "optimizer": summary(update)["median_ms"]},
        "samples_ms": total,
        "minor_faults": faults,
        "phase_samples_ms": {"forward": forward, "backward": backward, "optimizer": update},
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "mkldnn_available": torch.backends.mkldnn.is_available(),
        "mkldnn_enabled": bool(torch.backends.mkldnn.enabled),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
