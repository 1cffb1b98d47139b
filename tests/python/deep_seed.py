"""A deep 1-D convolutional seed whose import takes about a second: the studio's test that the
window stays responsive while a seed is read.

Usage: /usr/bin/python3 tests/python/deep_seed.py OUTDIR [BLOCKS]

Writes OUTDIR/deep.pt (torch.jit.trace, saved with torch.jit.save): a stem, BLOCKS (default 120)
conv-batchnorm-relu blocks of 16 channels and a linear classifier; input shape 1x3x16.
"""
import os
import sys

import torch
import torch.nn as nn


class Deep(nn.Module):
    def __init__(self, blocks):
        super().__init__()
        self.stem = nn.Conv1d(3, 16, 3, padding=1)
        self.body = nn.Sequential(*[
            nn.Sequential(nn.Conv1d(16, 16, 3, padding=1), nn.BatchNorm1d(16), nn.ReLU())
            for _ in range(blocks)
        ])
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc(self.body(self.stem(x)).mean(2))


def main():
    out = sys.argv[1]
    blocks = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    torch.manual_seed(0)
    model = Deep(blocks).eval()
    os.makedirs(out, exist_ok=True)
    torch.jit.save(torch.jit.trace(model, torch.randn(1, 3, 16)), os.path.join(out, 'deep.pt'))


if __name__ == '__main__':
    main()
