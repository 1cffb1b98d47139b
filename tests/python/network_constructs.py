"""Construct seeds, part 3: whole small networks written the way edge code is written in the wild
(issue 22), see constructs.py. Their batch norms stay freshly initialised (FRESH): equal values
must never make two modules one."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalBlock(nn.Module):
    """Causal F.pad, dilated convolution, batch norm, ReLU; called whole from a ModuleList."""

    def __init__(self, channels, dilation):
        super().__init__()
        self.pad = 2 * dilation
        self.conv = nn.Conv1d(channels, channels, 3, dilation=dilation)
        self.bn = nn.BatchNorm1d(channels)

    def forward(self, x):
        return x + F.relu(self.bn(self.conv(F.pad(x, (self.pad, 0)))))


class TCNModuleList(nn.Module):
    """The TCN idiom: residual blocks applied from nn.ModuleList in a Python loop, a causal F.pad
    before each convolution; the blocks of `b` are indexed inside the loop (blk[0], blk[1]), the
    blocks of `c` are called whole."""

    FRESH = True

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(3, 16, 1)
        self.b = nn.ModuleList([
            nn.Sequential(nn.Conv1d(16, 16, 3, dilation=d), nn.BatchNorm1d(16), nn.ReLU())
            for d in (1, 2)
        ])
        self.c = nn.ModuleList([CausalBlock(16, d) for d in (1, 4)])
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        x = self.stem(x)
        for blk in self.b:
            h = F.pad(x, (2 * blk[0].dilation[0], 0))
            x = x + blk[2](blk[1](blk[0](h)))
        for blk in self.c:
            x = blk(x)
        return self.fc(x.mean(2))


class GLUSequence(nn.Module):
    """A sequence network on [N, L, F]: linear projection, GELU, permute, causal convolution,
    GLU-style split/sigmoid/mul, concat, amax over time, linear."""

    FRESH = True

    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(6, 16)
        self.conv = nn.Conv1d(16, 32, 3)
        self.fc = nn.Linear(32, 4)

    def forward(self, x):
        h = F.gelu(self.proj(x)).permute(0, 2, 1)
        a, b = self.conv(F.pad(h, (2, 0))).chunk(2, 1)
        y = torch.cat([h, a * torch.sigmoid(b)], 1).amax(2)
        return self.fc(y)


class MixedOp(nn.Module):
    """A supernet block: softmax(alpha)-weighted sum of stacked branches of several kernels."""

    def __init__(self, channels, kernels):
        super().__init__()
        self.branches = nn.ModuleList(
            [nn.Conv1d(channels, channels, k, padding=k // 2) for k in kernels])
        self.alpha = nn.Parameter(torch.linspace(-0.5, 0.5, len(kernels)))

    def forward(self, x):
        outs = [branch(x) for branch in self.branches]
        w = torch.softmax(self.alpha, 0)
        return (torch.stack(outs, 0) * w.view(-1, 1, 1, 1)).sum(0)


class Supernet(nn.Module):
    """Two supernet blocks in a ModuleList: their branch weights fold into constants at import,
    and are still the model's parameters."""

    FRESH = True

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(3, 8, 3, padding=1)
        self.blocks = nn.ModuleList([MixedOp(8, (1, 3, 5)), MixedOp(8, (3, 5))])
        self.fc = nn.Linear(8, 5)

    def forward(self, x):
        x = self.stem(x)
        for block in self.blocks:
            x = F.relu(block(x))
        return self.fc(x.mean(2))


# construct -> (model factory, input shapes with batch 1, modes), as CONSTRUCTS in constructs.py
NETWORKS = {
    'tcn_module_list': (TCNModuleList, [[1, 3, 16]], ('trace', 'script')),
    'glu_sequence': (GLUSequence, [[1, 16, 6]], ('trace', 'script')),
    'supernet_blocks': (Supernet, [[1, 3, 16]], ('trace', 'script')),
}
